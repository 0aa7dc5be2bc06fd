"""careermap: eligibility, gaps and next steps on a service's career map.

The library comes first and the ``careermap`` command is built on it. Nothing here
imports typer or rich.

Loading a catalogue (a YAML career map; ``None`` means the shipped one):
    load_catalogue(path=None) -> Catalogue
    parse_catalogue(text, source="<string>") -> Catalogue
    catalogue_from_data({"name": ..., "roles": [...]}) -> Catalogue   (checked the same way)
    default_catalogue_path() -> Path
    check_catalogue_file(path) -> (Catalogue, warnings)   (always checks afresh)

Turning what a person types into codes:
    parse_quals(catalogue, "ILM3, l3 tsm") -> frozenset[str]
    resolve_quals(catalogue, ["ILM3", "Level 3 Tackling Substance Misuse"]) -> frozenset[str]
    load_profile(path, catalogue) -> Profile

The rule engine:
    evaluate(catalogue, codes) -> Evaluation   (one RoleResult per role: eligible, missing, routes)
    next_roles_from_band(catalogue, "E") -> tuple[Role, ...]
    next_roles_from_role(catalogue, "practitioner") -> tuple[Role, ...]

Routes (``careermap.routes``):
    explain(catalogue, "team-leader", codes) -> Explanation   (each requirement: met, and how)
    plan_path(catalogue, "team-leader", codes, current_role=None) -> Plan   (cheapest steps)

A whole service (``careermap.team``):
    analyse_team(catalogue, read_staff("staff.csv"), per_person=False) -> TeamReport

The map (``careermap.mapview``, ``careermap.htmlreport``):
    career_map(catalogue, codes=None) -> CareerMap   (render_mermaid, render_dot)
    render_report_html(catalogue, codes) -> str

Reports for the renderers (``careermap.render.render(subject, OutputFormat.JSON)``):
    check_report(catalogue, codes) -> RoleReport
    next_report(catalogue, band=..., role_id=..., quals=...) -> RoleReport

Every error raised on purpose is a ``CareerMapError``: ``DataError`` (``CatalogueError``,
``ProfileError`` and ``StaffListError``, each carrying located ``Problem``s),
``UsageError`` (unknown code, role or band) and ``ExportError``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careermap.catalogue import (
        catalogue_from_data,
        catalogue_warnings,
        check_catalogue_file,
        default_catalogue_path,
        load_catalogue,
        parse_catalogue,
    )
    from careermap.engine import (
        Evaluation,
        RoleResult,
        RouteResult,
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
        UsageError,
    )
    from careermap.htmlreport import render_report_html
    from careermap.lookup import find_band, find_role, parse_quals, resolve_quals
    from careermap.mapview import CareerMap, career_map
    from careermap.models import Catalogue, Qualification, Role, Training
    from careermap.profile import Profile, load_profile
    from careermap.report import RoleReport, check_report, next_report
    from careermap.routes import Explanation, Plan, Step, explain, plan_path
    from careermap.team import StaffRow, TeamReport, analyse_team, read_staff

# Names load on first use, so ``import careermap`` (and so every command) starts fast.
_LOCATIONS = {
    "catalogue_warnings": "careermap.catalogue",
    "check_catalogue_file": "careermap.catalogue",
    "catalogue_from_data": "careermap.catalogue",
    "CareerMap": "careermap.mapview",
    "StaffListError": "careermap.errors",
    "StaffRow": "careermap.team",
    "TeamReport": "careermap.team",
    "analyse_team": "careermap.team",
    "career_map": "careermap.mapview",
    "read_staff": "careermap.team",
    "render_report_html": "careermap.htmlreport",
    "CareerMapError": "careermap.errors",
    "Catalogue": "careermap.models",
    "CatalogueError": "careermap.errors",
    "DataError": "careermap.errors",
    "Evaluation": "careermap.engine",
    "Explanation": "careermap.routes",
    "ExportError": "careermap.errors",
    "Plan": "careermap.routes",
    "Problem": "careermap.errors",
    "Profile": "careermap.profile",
    "ProfileError": "careermap.errors",
    "Qualification": "careermap.models",
    "Role": "careermap.models",
    "RoleReport": "careermap.report",
    "RoleResult": "careermap.engine",
    "RouteResult": "careermap.engine",
    "Step": "careermap.routes",
    "Training": "careermap.models",
    "UnknownBandError": "careermap.errors",
    "UnknownQualificationError": "careermap.errors",
    "UnknownRoleError": "careermap.errors",
    "UsageError": "careermap.errors",
    "check_report": "careermap.report",
    "default_catalogue_path": "careermap.catalogue",
    "evaluate": "careermap.engine",
    "explain": "careermap.routes",
    "find_band": "careermap.lookup",
    "find_role": "careermap.lookup",
    "load_catalogue": "careermap.catalogue",
    "load_profile": "careermap.profile",
    "next_report": "careermap.report",
    "next_roles_from_band": "careermap.engine",
    "next_roles_from_role": "careermap.engine",
    "parse_catalogue": "careermap.catalogue",
    "parse_quals": "careermap.lookup",
    "plan_path": "careermap.routes",
    "resolve_quals": "careermap.lookup",
}


def __getattr__(name: str) -> Any:
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module 'careermap' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LOCATIONS])


__all__ = [
    "CareerMap",
    "CareerMapError",
    "Catalogue",
    "CatalogueError",
    "DataError",
    "Evaluation",
    "Explanation",
    "ExportError",
    "Plan",
    "Problem",
    "Profile",
    "ProfileError",
    "Qualification",
    "Role",
    "RoleReport",
    "RoleResult",
    "RouteResult",
    "StaffListError",
    "StaffRow",
    "Step",
    "TeamReport",
    "Training",
    "UnknownBandError",
    "UnknownQualificationError",
    "UnknownRoleError",
    "UsageError",
    "analyse_team",
    "career_map",
    "catalogue_from_data",
    "catalogue_warnings",
    "check_catalogue_file",
    "check_report",
    "default_catalogue_path",
    "evaluate",
    "explain",
    "find_band",
    "find_role",
    "load_catalogue",
    "load_profile",
    "next_report",
    "next_roles_from_band",
    "next_roles_from_role",
    "parse_catalogue",
    "parse_quals",
    "plan_path",
    "read_staff",
    "render_report_html",
    "resolve_quals",
]
