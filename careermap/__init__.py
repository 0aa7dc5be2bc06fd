"""careermap: eligibility, gaps and next steps on a service's career map.

The library comes first and the ``careermap`` command is built on it. Nothing here
imports typer; only the terminal table renderer imports rich.

Loading a catalogue (a YAML career map; ``None`` means the shipped one):
    load_catalogue(path=None) -> Catalogue
    parse_catalogue(text, source="<string>") -> Catalogue
    catalogue_from_data({"name": ..., "roles": [...]}) -> Catalogue   (checked the same way)
    default_catalogue_path() -> Path
    check_catalogue_file(path) -> (Catalogue, warnings)   (always checks afresh)
    catalogue_json_schema() -> dict   (the file format, for editors)

Turning what a person types into codes (``,`` or ``;`` between items):
    parse_quals(catalogue, "ILM3; l3 tsm") -> frozenset[str]
    resolve_quals(catalogue, ["ILM3", "Level 3 Tackling Substance Misuse"]) -> frozenset[str]
    load_profile(path, catalogue) -> Profile
    find_role(catalogue, "team-leader") -> Role;  find_band(catalogue, "e") -> "E"

The rule engine:
    evaluate(catalogue, codes) -> Evaluation   (a RoleResult per role: eligible, status,
                                                missing, routes; built when read)
    evaluate_many(catalogue, [codes, ...]) -> BulkEvaluation   (arrays: every role for many
                                                people at once, on numpy bit matrices)
    next_roles_from_band(catalogue, "E") / next_roles_from_role(catalogue, "practitioner")

Results, each ready for any renderer:
    check_report(catalogue, codes) -> RoleReport          (every role, with a Summary)
    next_report(catalogue, band=..., role_id=..., quals=...) -> RoleReport
    explain(catalogue, "team-leader", codes) -> Explanation   (each requirement: met, how)
    plan_path(catalogue, "team-leader", codes, current_role=None) -> Plan  (cheapest steps)
    RoutePlanner(catalogue, codes, current_role=None).plan("team-leader")  (many targets)
    career_map(catalogue, codes=None) -> CareerMap        (roles by band and track lane)
    person_report(catalogue, codes, name=None, current_role=None) -> PersonReport
    role_list(catalogue) / role_detail(catalogue, "team-leader") / qualification_list(catalogue)
    analyse_team(catalogue, iter_staff("staff.csv"), per_person=False) -> TeamReport
    team_reports(catalogue, read_staff("staff.csv")) -> TeamReports   (a report a person,
        each with a safe file name; the HTML renderer draws their index)
        (read_staff gives the rows as a list; iter_staff streams them)

Output (the subpackage ``careermap.render``, one renderer per ``OutputFormat``):
    careermap.render.render(result, OutputFormat.JSON, width=80, color=False) -> str
    write_atomic(path, text)   (a temporary file renamed into place)

Every error raised on purpose is a ``CareerMapError`` with an ``exit_code`` and
``lines()``: ``DataError`` (``CatalogueError``, ``ProfileError`` and ``StaffListError``,
each carrying located ``Problem``s), ``UsageError`` (unknown code, role or band; a
format that cannot show a result) and ``ExportError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careermap.lazy import attribute

if TYPE_CHECKING:
    from careermap.atomic import refuse_output_over_input, write_atomic
    from careermap.bulk import BulkEvaluation, evaluate_many
    from careermap.catalogue import (
        catalogue_from_data,
        catalogue_warnings,
        check_catalogue_file,
        default_catalogue_path,
        load_catalogue,
        parse_catalogue,
    )
    from careermap.eligibility import RoleReport, Summary, check_report, next_report
    from careermap.engine import (
        Evaluation,
        RoleResult,
        RouteResult,
        Status,
        evaluate,
        next_roles_from_band,
        next_roles_from_role,
    )
    from careermap.errors import (
        CareerMapError,
        CatalogueError,
        DataError,
        ExportError,
        Problem,
        ProfileError,
        StaffListError,
        UnknownBandError,
        UnknownQualificationError,
        UnknownRoleError,
        UnsupportedFormatError,
        UsageError,
    )
    from careermap.explanation import Explanation, explain
    from careermap.listing import (
        QualificationList,
        RoleDetail,
        RoleList,
        qualification_list,
        role_detail,
        role_list,
    )
    from careermap.lookup import find_band, find_role, parse_quals, resolve_quals
    from careermap.mapview import CareerMap, career_map
    from careermap.models import Catalogue, Qualification, Role, Training
    from careermap.person import PersonReport, person_report
    from careermap.planner import Plan, RoutePlanner, Step, plan_path
    from careermap.profile import Profile, load_profile
    from careermap.render import OutputFormat
    from careermap.reports import TeamReports, team_reports
    from careermap.schema import catalogue_json_schema
    from careermap.staff import STDIN, StaffRow, iter_staff, read_staff, source_name
    from careermap.team import TeamReport, analyse_team

_MODULES = {
    "careermap.atomic": ("refuse_output_over_input", "write_atomic"),
    "careermap.bulk": ("BulkEvaluation", "evaluate_many"),
    "careermap.catalogue": (
        "catalogue_from_data",
        "catalogue_warnings",
        "check_catalogue_file",
        "default_catalogue_path",
        "load_catalogue",
        "parse_catalogue",
    ),
    "careermap.eligibility": ("RoleReport", "Summary", "check_report", "next_report"),
    "careermap.engine": (
        "Evaluation",
        "RoleResult",
        "RouteResult",
        "Status",
        "evaluate",
        "next_roles_from_band",
        "next_roles_from_role",
    ),
    "careermap.errors": (
        "CareerMapError",
        "CatalogueError",
        "DataError",
        "ExportError",
        "Problem",
        "ProfileError",
        "StaffListError",
        "UnknownBandError",
        "UnknownQualificationError",
        "UnknownRoleError",
        "UnsupportedFormatError",
        "UsageError",
    ),
    "careermap.explanation": ("Explanation", "explain"),
    "careermap.listing": (
        "QualificationList",
        "RoleDetail",
        "RoleList",
        "qualification_list",
        "role_detail",
        "role_list",
    ),
    "careermap.lookup": ("find_band", "find_role", "parse_quals", "resolve_quals"),
    "careermap.mapview": ("CareerMap", "career_map"),
    "careermap.models": ("Catalogue", "Qualification", "Role", "Training"),
    "careermap.person": ("PersonReport", "person_report"),
    "careermap.planner": ("Plan", "RoutePlanner", "Step", "plan_path"),
    "careermap.profile": ("Profile", "load_profile"),
    "careermap.reports": ("TeamReports", "team_reports"),
    "careermap.render": ("OutputFormat",),
    "careermap.schema": ("catalogue_json_schema",),
    "careermap.staff": ("STDIN", "StaffRow", "iter_staff", "read_staff", "source_name"),
    "careermap.team": ("TeamReport", "analyse_team"),
}
# Names load on first use, so ``import careermap`` (and so every command) starts fast.
_LOCATIONS = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module 'careermap' has no attribute {name!r}")
    value = attribute(f"{module}:{name}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LOCATIONS])


__all__ = [
    "STDIN",
    "BulkEvaluation",
    "CareerMap",
    "CareerMapError",
    "Catalogue",
    "CatalogueError",
    "DataError",
    "Evaluation",
    "Explanation",
    "ExportError",
    "OutputFormat",
    "PersonReport",
    "Plan",
    "Problem",
    "Profile",
    "ProfileError",
    "Qualification",
    "QualificationList",
    "Role",
    "RoleDetail",
    "RoleList",
    "RoleReport",
    "RoleResult",
    "RoutePlanner",
    "RouteResult",
    "StaffListError",
    "StaffRow",
    "Status",
    "Step",
    "Summary",
    "TeamReport",
    "TeamReports",
    "Training",
    "UnknownBandError",
    "UnknownQualificationError",
    "UnknownRoleError",
    "UnsupportedFormatError",
    "UsageError",
    "analyse_team",
    "career_map",
    "catalogue_from_data",
    "catalogue_json_schema",
    "catalogue_warnings",
    "check_catalogue_file",
    "check_report",
    "default_catalogue_path",
    "evaluate",
    "evaluate_many",
    "explain",
    "find_band",
    "find_role",
    "iter_staff",
    "load_catalogue",
    "load_profile",
    "next_report",
    "next_roles_from_band",
    "next_roles_from_role",
    "parse_catalogue",
    "parse_quals",
    "person_report",
    "plan_path",
    "qualification_list",
    "read_staff",
    "refuse_output_over_input",
    "resolve_quals",
    "role_detail",
    "role_list",
    "source_name",
    "team_reports",
    "write_atomic",
]
