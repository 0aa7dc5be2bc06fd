"""The flat tables shared by the CSV and Markdown exports.

- a role report: one row per role, ``id, title, band, eligible, missing``;
- an explanation: one row per requirement, ``route, code, name, met, via``;
- a plan: one row per step, ``step, kind, id, title, gives, months``.
"""

from __future__ import annotations

from careermap.report import RoleReport, RoleRow
from careermap.routes import Explanation, Plan

ROLE_COLUMNS = ("id", "title", "band", "eligible", "missing")
EXPLAIN_COLUMNS = ("route", "code", "name", "met", "via")
PLAN_COLUMNS = ("step", "kind", "id", "title", "gives", "months")

Header = tuple[str, ...]
Rows = list[tuple[str, ...]]


def joined(codes: tuple[str, ...]) -> str:
    return "; ".join(codes)


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def role_row(row: RoleRow) -> tuple[str, ...]:
    """One role as export cells; eligibility cells are blank when it was not assessed."""
    if row.result is None:
        eligible = missing = ""
    else:
        eligible, missing = yes_no(row.result.eligible), joined(row.result.missing)
    return (row.role.id, row.role.title, row.role.band, eligible, missing)


def flat_table(subject: RoleReport | Explanation | Plan) -> tuple[Header, Rows]:
    if isinstance(subject, RoleReport):
        return ROLE_COLUMNS, [role_row(row) for row in subject.rows]
    rows: Rows
    if isinstance(subject, Explanation):
        rows = [
            (str(number), check.code, check.name, yes_no(check.met), check.via or "")
            for number, route in enumerate(subject.routes, start=1)
            for check in route.checks
        ]
        return EXPLAIN_COLUMNS, rows
    rows = [
        (str(number), step.kind, step.id, step.title, joined(step.gives), str(step.months))
        for number, step in enumerate(subject.steps, start=1)
    ]
    return PLAN_COLUMNS, rows
