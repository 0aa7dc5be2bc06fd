"""careermap: eligibility, gaps and next steps on a service's career map.

The library comes first and the ``careermap`` command is built on it. Nothing here
imports typer or rich.

Loading a catalogue (a YAML career map; ``None`` means the shipped one):
    load_catalogue(path=None) -> Catalogue
    parse_catalogue(text, source="<string>") -> Catalogue
    default_catalogue_path() -> Path

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

Reports for the renderers (``careermap.render.render(subject, OutputFormat.JSON)``):
    check_report(catalogue, codes) -> RoleReport
    next_report(catalogue, band=..., role_id=..., quals=...) -> RoleReport

Every error raised on purpose is a ``CareerMapError``: ``DataError`` (with
``CatalogueError`` and ``ProfileError``, each carrying located ``Problem``s),
``UsageError`` (unknown code, role or band) and ``ExportError``.
"""

from careermap.catalogue import default_catalogue_path, load_catalogue, parse_catalogue
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
    UnknownBandError,
    UnknownQualificationError,
    UnknownRoleError,
    UsageError,
)
from careermap.lookup import find_band, find_role, parse_quals, resolve_quals
from careermap.models import Catalogue, Qualification, Role, Training
from careermap.profile import Profile, load_profile
from careermap.report import RoleReport, check_report, next_report
from careermap.routes import Explanation, Plan, Step, explain, plan_path

__all__ = [
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
    "Step",
    "Training",
    "UnknownBandError",
    "UnknownQualificationError",
    "UnknownRoleError",
    "UsageError",
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
    "resolve_quals",
]
