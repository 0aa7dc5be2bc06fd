"""The flat tables that CSV and Markdown share: one header and rows of text cells.

- a role report: one row per role, ``id, title, band, eligible, eligible_from, missing,
  months, under_way, or_equivalent`` (the missing codes an agreed equivalent may meet);
- an explanation: one row per requirement, ``route, code, name, met, via, under_way,
  needs_first, or_equivalent, agreed``;
- a plan: one row per step, ``step, kind, id, title, gives, months, start_month,
  end_month, under_way`` (Markdown: ``step, kind, id, title, gives, when, months``);
- a team summary: a row per next-step need, per role, per person not meeting their own
  role, per unrecognised spelling and for a what-if, told apart by ``section``:
  ``section, id, name, band, eligible_now, one_away, eligible_after, staff, months,
  cost_each, total_cost, alone_opens, detail``;
- a team, person by person: ``line, name, role, band, eligible_roles, next_steps,
  unrecognised``;
- roles (and one role): ``id, title, band, tracks, requires, training, leads_to,
  experience, months, progresses_to, reached_from``;
- qualifications: ``code, name, rqf, scqf, aliases, counts_as, course_months``.

Lists inside a cell are joined with ``; ``, and entry routes with `` | ``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from careermap.holdings import month_text
from careermap.render.text import (
    by_band_text,
    by_role_text,
    comparison_facts,
    gaps_text,
    leads_to_items,
    next_steps_text,
    routes_inline,
    routes_text,
    span_text,
    what_if_sentence,
)

if TYPE_CHECKING:
    from careermap.comparison import Comparison
    from careermap.eligibility import RoleReport, RoleRow
    from careermap.explanation import Explanation
    from careermap.listing import QualificationList, RoleEntry
    from careermap.planner import Plan
    from careermap.team import PersonSummary, TeamReport
    from careermap.whatif import Unlocks

Header = tuple[str, ...]
Row = tuple[str, ...]
Rows = list[Row]
Table = tuple[Header, Rows]

ROLE_COLUMNS = (
    "id", "title", "band", "eligible", "eligible_from", "missing", "months", "under_way",
    "or_equivalent",
)  # fmt: skip
EXPLAIN_COLUMNS = (
    "route", "code", "name", "met", "via", "under_way", "needs_first", "or_equivalent", "agreed",
)  # fmt: skip
PLAN_COLUMNS = (
    "step", "kind", "id", "title", "gives", "months", "start_month", "end_month", "under_way",
)  # fmt: skip
PLAN_TIMELINE_COLUMNS = ("step", "kind", "id", "title", "gives", "when", "months")
TEAM_COLUMNS = (
    "section", "id", "name", "band", "eligible_now", "one_away", "eligible_after",
    "eligible_after_study", "staff",
    "months", "cost_each", "total_cost", "alone_opens", "detail",
)  # fmt: skip
PEOPLE_COLUMNS = (
    "line", "name", "role", "band", "eligible_roles", "next_steps", "studying", "unrecognised",
)  # fmt: skip
CATALOGUE_ROLE_COLUMNS = (
    "id", "title", "band", "tracks", "requires", "training", "leads_to", "experience",
    "months", "progresses_to", "reached_from",
)  # fmt: skip
QUALIFICATION_COLUMNS = (
    "code", "name", "rqf", "scqf", "aliases", "counts_as", "course_months", "needs_first",
)  # fmt: skip


def joined(items: Iterable[str]) -> str:
    return "; ".join(items)


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def number(value: int | None) -> str:
    return "" if value is None else str(value)


def role_report(report: RoleReport) -> Table:
    return ROLE_COLUMNS, [role_row(row) for row in report.rows]


def role_row(row: RoleRow) -> tuple[str, ...]:
    """One role as cells; the eligibility cells are blank when it was not assessed.
    ``missing`` is what is needed beyond the study under way, on the route the cheapest
    plan meets, and ``months`` that plan's months."""
    role = (row.role.id, row.role.title, row.role.band)
    if row.result is None:
        return (*role, "", "", "", "", "", "")
    return (
        *role,
        yes_no(row.result.eligible),
        month_text(row.eligible_from) if row.eligible_from else "",
        joined(row.gap),
        number(row.months),
        joined(str(item) for item in row.relies_on),
        joined(code for code in row.gap if code in row.role.or_equivalent),
    )


def explanation(subject: Explanation) -> Table:
    rows: Rows = [
        (
            str(index),
            check.code,
            check.name,
            yes_no(check.met),
            check.via or "",
            check.under_way.month if check.under_way else "",
            routes_text(check.needs_first),
            yes_no(check.or_equivalent) if not check.met else "",
            check.agreed or "",
        )
        for index, route in enumerate(subject.routes, start=1)
        for check in route.checks
    ]
    return EXPLAIN_COLUMNS, rows


def plan(subject: Plan) -> Table:
    """A row per step: its months of effort, and when it starts and ends (months from
    now; steps run side by side)."""
    rows: Rows = [
        (
            str(index),
            step.kind,
            step.id,
            step.title,
            joined(step.gives),
            str(step.months),
            str(step.start_month),
            str(step.end_month),
            yes_no(step.under_way),
        )
        for index, step in enumerate(subject.steps, start=1)
    ]
    return PLAN_COLUMNS, rows


def plan_timeline(subject: Plan) -> Table:
    """A row per step for reading: ``when`` it runs (``months 0-12``), then its months."""
    rows: Rows = [
        (
            str(index),
            f"{step.kind} (under way)" if step.under_way else step.kind,
            step.id,
            step.title,
            joined(step.gives),
            span_text(step),
            str(step.months),
        )
        for index, step in enumerate(subject.steps, start=1)
    ]
    return PLAN_TIMELINE_COLUMNS, rows


def plan_with_outcome(subject: Plan) -> Table:
    """The steps, then a row for the outcome, for exports with no sentence under the table:
    "already eligible" (no steps, a route met) and "no route" (no steps, the codes nothing
    reachable gives) read apart."""
    columns, rows = plan(subject)
    target = subject.target
    if subject.route is None:
        blocked = dict.fromkeys(code for codes in subject.blocked_by for code in codes)
        rows.append(("", "no route", target.id, target.title, joined(blocked), "", "", "", ""))
    else:
        # Its months are the steps' added up; it runs from now to the elapsed months.
        kind = "eligible" if subject.proven_cheapest else "eligible (quicker may exist)"
        months, elapsed = str(subject.sequential_months), str(subject.total_months)
        rows.append(
            ("", kind, target.id, target.title, joined(subject.route), months, "0", elapsed, "")
        )
    return columns, rows


def team(report: TeamReport) -> Table:
    """Person by person when the report has them, else the summary."""
    if report.people is not None:
        return PEOPLE_COLUMNS, people(report)
    return TEAM_COLUMNS, (
        team_needs(report)
        + team_roles(report)
        + team_out_of_role(report)
        + team_unrecognised(report)
        + team_what_if(report)
    )


def _team_row(section: str, key: str, name: str, **cells: str) -> Row:
    return (section, key, name, *(cells.get(column, "") for column in TEAM_COLUMNS[3:]))


def team_needs(report: TeamReport) -> Rows:
    return [
        _team_row(
            "need",
            need.qualification.code,
            need.qualification.name,
            staff=str(need.staff),
            months=number(need.qualification.course_months),
            cost_each=number(need.qualification.cost),
            total_cost=number(need.total_cost),
            alone_opens=str(need.unlocks),
            detail=joined(
                part
                for part in (
                    "or " + ", ".join(q.code for q in need.equivalents) if need.equivalents else "",
                    "by band: " + by_band_text(need),
                    "by role: " + by_role_text(need),
                )
                if part
            ),
        )
        for need in report.next_step_needs
    ]


def team_roles(report: TeamReport) -> Rows:
    return [
        _team_row(
            "role",
            c.role.id,
            c.role.title,
            band=c.role.band,
            eligible_now=str(c.eligible),
            one_away=str(c.one_away),
            eligible_after=number(c.eligible_after),
            eligible_after_study=number(c.eligible_after_study),
        )
        for c in report.roles
    ]


def team_out_of_role(report: TeamReport) -> Rows:
    return [
        _team_row(
            "out_of_role",
            person.role.id,
            person.name,
            band=person.role.band,
            detail=f"line {person.line}; needs {gaps_text(person.missing)}",
        )
        for person in report.out_of_role
    ] + (
        [_team_row("out_of_role_total", "", "", staff=str(report.out_of_role_total))]
        if report.out_of_role_total > len(report.out_of_role)
        else []
    )


def team_unrecognised(report: TeamReport) -> Rows:
    return [
        _team_row(
            "unrecognised",
            item.column,
            item.spelling,
            staff=str(item.staff),
            detail=f"closest: {item.hint}" if item.hint else "",
        )
        for item in report.unrecognised
    ]


def team_what_if(report: TeamReport) -> Rows:
    if report.what_if is None:
        return []
    what_if = report.what_if
    return [
        _team_row(
            "what_if",
            " + ".join(what_if.codes),
            what_if.group or "everyone",
            staff=str(what_if.staff),
            detail=what_if_sentence(report),
        )
    ]


def comparison(subject: Comparison) -> Table:
    """A row per fact, a column per role: ``field, <role id>, <role id>[, <role id>]``."""
    header = ("field", *(entry.role.id for entry in subject.roles))
    return header, [(field, *cells) for field, cells in comparison_facts(subject)]


UNLOCKS_COLUMNS = ("change", "id", "title", "band", "before", "after")


def unlocks(subject: Unlocks) -> Table:
    """``opens`` and ``closer`` rows (before and after: the codes missing), then a
    ``counts_towards`` row for every role the codes count towards."""
    rows: Rows = [
        (change, s.role.id, s.role.title, s.role.band, joined(s.before), joined(s.after))
        for change, shifts in (("opens", subject.opens), ("closer", subject.closer))
        for s in shifts
    ]
    rows += [
        ("counts_towards", role.id, role.title, role.band, "", "")
        for role in subject.counts_towards
    ]
    return UNLOCKS_COLUMNS, rows


def people(report: TeamReport) -> Rows:
    return [person_row(person) for person in report.people or ()]


def person_row(person: PersonSummary) -> Row:
    """One person's row of a team person by person (``PEOPLE_COLUMNS``)."""
    return (
        str(person.line),
        person.name,
        person.role.id if person.role else "",
        person.role.band if person.role else "",
        joined(role.id for role in person.eligible),
        next_steps_text(person.next_steps, person.studying),
        joined(person.studying),
        joined(person.unrecognised),
    )


def catalogue_roles(entries: Iterable[RoleEntry]) -> Table:
    rows: Rows = [
        (
            entry.role.id,
            entry.role.title,
            entry.role.band,
            joined(entry.role.tracks),
            routes_inline(entry.role, " | "),
            joined(entry.role.training.items),
            joined(leads_to_items(entry.role)),
            joined(entry.role.experience),
            number(entry.role.training.months),
            joined(role.id for role in entry.progresses_to),
            joined(role.id for role in entry.reached_from),
        )
        for entry in entries
    ]
    return CATALOGUE_ROLE_COLUMNS, rows


def qualifications(listing: QualificationList) -> Table:
    rows: Rows = [
        (
            entry.qualification.code,
            entry.qualification.name,
            number(entry.qualification.rqf),
            number(entry.qualification.scqf),
            joined(entry.qualification.aliases),
            joined(entry.counts_as),
            number(entry.qualification.course_months),
            routes_text(entry.qualification.requires),
        )
        for entry in listing.entries
    ]
    return QUALIFICATION_COLUMNS, rows
