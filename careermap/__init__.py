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
    load_profile(path, catalogue) -> Profile   (quals, role, and study under way)
    parse_holdings(catalogue, ["ILM3,ILM5@2027-06"]) -> (codes, (StudyItem, ...))
    Holdings.on(as_of, codes, studying) -> Holdings   (study due by as_of counts as held)
    find_role(catalogue, "team-leader") -> Role   (an id, a title or part of one: "Case Manager")
    find_band(catalogue, "e") -> "E"

The rule engine:
    evaluate(catalogue, codes) -> Evaluation   (a RoleResult per role: eligible, status,
                                                missing, routes; built when read)
    evaluate_many(catalogue, [codes, ...]) -> BulkEvaluation   (arrays: every role for many
                                                people at once, on numpy bit matrices)
    next_roles_from_band(catalogue, "E") / next_roles_from_role(catalogue, "practitioner")

Results, each ready for any renderer:
    check_report(catalogue, codes, studying=(), as_of=None) -> RoleReport   (every role:
        open now, open from a date, or the gap on the route the cheapest plan meets)
    next_report(catalogue, band=..., role_id=..., quals=..., studying=()) -> RoleReport
    explain(catalogue, "team-leader", codes) -> Explanation   (each requirement: met, how)
    plan_path(catalogue, "team-leader", codes, current_role=None, studying={"ILM5": 7})
        -> Plan  (the quickest timeline: steps with start_month and end_month)
    RoutePlanner(catalogue, codes, current_role=None).plan("team-leader")  (many targets)
    career_map(catalogue, codes=None) -> CareerMap        (roles by band and track lane)
    compare(catalogue, ["team-leader", "Practice Lead"], held=None) -> Comparison
                                                (side by side; with held, gap and earliest date)
    unlocks(catalogue, {"ILM5"}, held=None) -> Unlocks   (roles it would open or bring
                                                closer for held; every role it counts towards)
    person_report(catalogue, codes, name=None, current_role=None) -> PersonReport
    role_list(catalogue) / role_detail(catalogue, "team-leader") / qualification_list(catalogue)
    analyse_team(catalogue, iter_staff("staff.csv"), per_person=False) -> TeamReport
        (per role: eligible, one away; per qualification: staff who need it for a next
        step, as path plans it; unrecognised spellings; staff not qualified for their own
        role; mapping=load_mapping("hr.yaml", catalogue) reads an HR export's columns and
        spellings; plus=Plus(codes, names) recounts as if a group gained codes)
    iter_staff(path, StaffColumns(name="Employee Name", role="Job Title"))  (any headers)
    team_reports(catalogue, read_staff("staff.csv")) -> TeamReports   (a report a person,
        each with a safe file name; the HTML renderer draws their index)
        (read_staff gives the rows as a list; iter_staff streams them; StaffFile(path)
        reads them again each time, as analyse_team's per_person needs: see there)
    catalogue_diff(old, new, iter_staff("staff.csv") or None, source="staff.csv")
        -> CatalogueDiff   (roles, routes, qualifications and progressions added, removed
        or changed; with staff, who gains or loses eligibility or whose gap changes)

Output (the subpackage ``careermap.render``, one renderer per ``OutputFormat``):
    careermap.render.render(result, OutputFormat.JSON, width=80, color=False) -> str
    careermap.render.stream(result, OutputFormat.JSON) -> Iterator[str]  (the same, in pieces)
    write_atomic(path, text or pieces)   (a temporary file renamed into place)

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
    from careermap.comparison import Comparison, compare
    from careermap.diff import CatalogueDiff, catalogue_diff
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
        AmbiguousRoleError,
        CareerMapError,
        CatalogueError,
        DataError,
        ExportError,
        MappingError,
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
    from careermap.holdings import Holdings, StudyItem, parse_holdings
    from careermap.listing import (
        QualificationList,
        RoleDetail,
        RoleList,
        qualification_list,
        role_detail,
        role_list,
    )
    from careermap.lookup import find_band, find_role, parse_quals, resolve_quals
    from careermap.mapping import StaffMapping, load_mapping
    from careermap.mapview import CareerMap, career_map
    from careermap.models import Catalogue, Qualification, Role, Training
    from careermap.person import PersonReport, person_report
    from careermap.planner import Plan, RoutePlanner, Step, plan_path
    from careermap.profile import Profile, load_profile
    from careermap.render import OutputFormat
    from careermap.reports import TeamReports, team_reports
    from careermap.schema import catalogue_json_schema
    from careermap.staff import (
        STDIN,
        StaffColumns,
        StaffFile,
        StaffRow,
        iter_staff,
        read_names,
        read_staff,
        source_name,
    )
    from careermap.team import Plus, TeamReport, analyse_team
    from careermap.whatif import Unlocks, unlocks

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
    "careermap.diff": ("CatalogueDiff", "catalogue_diff"),
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
        "MappingError",
        "ProfileError",
        "StaffListError",
        "AmbiguousRoleError",
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
    "careermap.mapping": ("StaffMapping", "load_mapping"),
    "careermap.mapview": ("CareerMap", "career_map"),
    "careermap.models": ("Catalogue", "Qualification", "Role", "Training"),
    "careermap.person": ("PersonReport", "person_report"),
    "careermap.planner": ("Plan", "RoutePlanner", "Step", "plan_path"),
    "careermap.profile": ("Profile", "load_profile"),
    "careermap.reports": ("TeamReports", "team_reports"),
    "careermap.render": ("OutputFormat",),
    "careermap.schema": ("catalogue_json_schema",),
    "careermap.staff": (
        "STDIN",
        "StaffColumns",
        "StaffFile",
        "StaffRow",
        "iter_staff",
        "read_names",
        "read_staff",
        "source_name",
    ),
    "careermap.holdings": ("Holdings", "StudyItem", "parse_holdings"),
    "careermap.team": ("Plus", "TeamReport", "analyse_team"),
    "careermap.whatif": ("Unlocks", "unlocks"),
    "careermap.comparison": ("Comparison", "compare"),
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
    "AmbiguousRoleError",
    "BulkEvaluation",
    "CareerMap",
    "CareerMapError",
    "Catalogue",
    "CatalogueDiff",
    "CatalogueError",
    "Comparison",
    "DataError",
    "Evaluation",
    "Explanation",
    "ExportError",
    "Holdings",
    "MappingError",
    "OutputFormat",
    "PersonReport",
    "Plan",
    "Plus",
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
    "StaffColumns",
    "StaffFile",
    "StaffListError",
    "StaffMapping",
    "StaffRow",
    "Status",
    "Step",
    "StudyItem",
    "Summary",
    "TeamReport",
    "TeamReports",
    "Training",
    "UnknownBandError",
    "UnknownQualificationError",
    "UnknownRoleError",
    "Unlocks",
    "UnsupportedFormatError",
    "UsageError",
    "analyse_team",
    "career_map",
    "catalogue_diff",
    "catalogue_from_data",
    "catalogue_json_schema",
    "catalogue_warnings",
    "check_catalogue_file",
    "check_report",
    "compare",
    "default_catalogue_path",
    "evaluate",
    "evaluate_many",
    "explain",
    "find_band",
    "find_role",
    "iter_staff",
    "load_catalogue",
    "load_mapping",
    "load_profile",
    "next_report",
    "next_roles_from_band",
    "next_roles_from_role",
    "parse_catalogue",
    "parse_holdings",
    "parse_quals",
    "person_report",
    "plan_path",
    "qualification_list",
    "read_names",
    "read_staff",
    "refuse_output_over_input",
    "resolve_quals",
    "role_detail",
    "role_list",
    "source_name",
    "team_reports",
    "unlocks",
    "write_atomic",
]
