"""JSON export: the full answer, including every route, for other programs."""

from __future__ import annotations

import json

from careermap.report import RoleReport, RoleRow


def render_roles_json(report: RoleReport) -> str:
    document: dict[str, object] = {"catalogue": report.catalogue, "quals": report.quals}
    if report.start is not None:
        document["from"] = {report.start.kind: report.start.value}
    document["roles"] = [_role(row) for row in report.rows]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _role(row: RoleRow) -> dict[str, object]:
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
        "id": role.id,
        "title": role.title,
        "band": role.band,
        "tracks": list(role.tracks),
        "eligible": None if result is None else result.eligible,
        "missing": None if result is None else list(result.missing),
        "routes": routes,
    }
