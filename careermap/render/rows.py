"""The flat tables shared by the CSV and Markdown exports.

- a role report: one row per role, ``id, title, band, eligible, missing``;
- an explanation: one row per requirement, ``route, code, name, met, via``;
- a plan: one row per step, ``step, kind, id, title, gives, months``;
- a team summary: one row per role, then per qualification that unlocks a role,
  ``kind, id, name, band, eligible_now, one_away, unlocks``;
- a team, person by person: ``line, name, role, band, eligible_roles, next_steps``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careermap.report import RoleReport, RoleRow

if TYPE_CHECKING:
    from careermap.routes import Explanation, Plan
    from careermap.team import NextStep, TeamReport

ROLE_COLUMNS = ("id", "title", "band", "eligible", "missing")
EXPLAIN_COLUMNS = ("route", "code", "name", "met", "via")
PLAN_COLUMNS = ("step", "kind", "id", "title", "gives", "months")
TEAM_COLUMNS = ("kind", "id", "name", "band", "eligible_now", "one_away", "unlocks")
PEOPLE_COLUMNS = ("line", "name", "role", "band", "eligible_roles", "next_steps")

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


def next_steps_text(steps: tuple[NextStep, ...]) -> str:
    return "; ".join(
        f"{step.role.id}: " + ("ready" if not step.missing else "needs " + " + ".join(step.missing))
        for step in steps
    )


def team_role_rows(report: TeamReport) -> Rows:
    return [
        ("role", c.role.id, c.role.title, c.role.band, str(c.eligible), str(c.one_away), "")
        for c in report.roles
    ]


def team_training_rows(report: TeamReport) -> Rows:
    return [
        ("qualification", n.qualification.code, n.qualification.name, "", "", "", str(n.unlocks))
        for n in report.training
    ]


def people_rows(report: TeamReport) -> Rows:
    return [
        (
            str(person.line),
            person.name,
            person.role.id if person.role else "",
            person.role.band if person.role else "",
            joined(tuple(role.id for role in person.eligible)),
            next_steps_text(person.next_steps),
        )
        for person in report.people or ()
    ]


def flat_table(subject: RoleReport | Explanation | Plan | TeamReport) -> tuple[Header, Rows]:
    if isinstance(subject, RoleReport):
        return ROLE_COLUMNS, [role_row(row) for row in subject.rows]
    rows: Rows
    from careermap.routes import Explanation
    from careermap.team import TeamReport

    if isinstance(subject, TeamReport):
        if subject.people is not None:
            return PEOPLE_COLUMNS, people_rows(subject)
        return TEAM_COLUMNS, team_role_rows(subject) + team_training_rows(subject)
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
