"""JSON export: the full answer, including every route, for other programs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from careermap.report import RoleReport, RoleRow

if TYPE_CHECKING:
    from careermap.models import Role
    from careermap.routes import Explanation, Plan
    from careermap.team import TeamReport


def render_json(subject: RoleReport | Explanation | Plan | TeamReport) -> str:
    document: dict[str, object]
    if isinstance(subject, RoleReport):
        document = _report(subject)
    else:  # imported here so that exporting a role report loads neither
        from careermap.routes import Explanation
        from careermap.team import TeamReport

        if isinstance(subject, TeamReport):
            document = _team(subject)
        elif isinstance(subject, Explanation):
            document = _explanation(subject)
        else:
            document = _plan(subject)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _report(report: RoleReport) -> dict[str, object]:
    document: dict[str, object] = {"catalogue": report.catalogue, "quals": report.quals}
    if report.start is not None:
        document["from"] = {report.start.kind: report.start.value}
    document["roles"] = [_role_row(row) for row in report.rows]
    return document


def _role_row(row: RoleRow) -> dict[str, object]:
    role, result = row.role, row.result
    if result is None:
        routes: list[dict[str, object]] = [
            {"requires": list(route), "missing": None} for route in role.requires
        ]
    else:
        routes = [
            {"requires": list(route.requires), "missing": list(route.missing)}
            for route in result.routes
        ]
    return {
        **_role(role),
        "tracks": list(role.tracks),
        "eligible": None if result is None else result.eligible,
        "missing": None if result is None else list(result.missing),
        "routes": routes,
    }


def _role(role: Role) -> dict[str, object]:
    return {"id": role.id, "title": role.title, "band": role.band}


def _explanation(explanation: Explanation) -> dict[str, object]:
    return {
        "role": _role(explanation.role),
        "quals": list(explanation.held),
        "eligible": explanation.eligible,
        "missing": list(explanation.missing),
        "closest": explanation.closest,
        "routes": [
            {
                "requires": [
                    {"code": check.code, "name": check.name, "met": check.met, "via": check.via}
                    for check in route.checks
                ],
                "missing": list(route.missing),
            }
            for route in explanation.routes
        ],
    }


def _plan(plan: Plan) -> dict[str, object]:
    return {
        "target": _role(plan.target),
        "quals": list(plan.start),
        "reachable": plan.reachable,
        "steps": [
            {
                "step": number,
                "kind": step.kind,
                "id": step.id,
                "title": step.title,
                "gives": list(step.gives),
                "months": step.months,
            }
            for number, step in enumerate(plan.steps, start=1)
        ],
        "total_months": plan.total_months if plan.reachable else None,
        "route": list(plan.route) if plan.route is not None else None,
        "blocked_by": [list(codes) for codes in plan.blocked_by],
    }


def _team(report: TeamReport) -> dict[str, object]:
    document: dict[str, object] = {
        "catalogue": report.catalogue,
        "source": report.source,
        "staff": report.staff,
        "skipped": [{"line": p.line, "message": p.message} for p in report.problems],
        "roles": [
            {**_role(c.role), "eligible": c.eligible, "one_away": c.one_away} for c in report.roles
        ],
        "training": [
            {"code": n.qualification.code, "name": n.qualification.name, "unlocks": n.unlocks}
            for n in report.training
        ],
    }
    if report.people is not None:
        document["people"] = [
            {
                "line": person.line,
                "name": person.name,
                "role": person.role.id if person.role else None,
                "eligible": [role.id for role in person.eligible],
                "next_steps": [
                    {"role": step.role.id, "missing": list(step.missing)}
                    for step in person.next_steps
                ],
            }
            for person in report.people
        ]
    return document
