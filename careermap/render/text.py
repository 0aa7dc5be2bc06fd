"""Plain sentences shared by the renderers, so every format words a result the same way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from careermap.holdings import month_text
from careermap.render.palette import LATER, NO, YES

if TYPE_CHECKING:
    from careermap.comparison import ComparedRole, Comparison
    from careermap.eligibility import RoleRow, Summary
    from careermap.explanation import Explanation, RequirementCheck, RouteExplanation
    from careermap.listing import RoleDetail
    from careermap.models import Role
    from careermap.planner import Plan, Step
    from careermap.team import NextStep, NextStepNeed, TeamReport
    from careermap.whatif import Unlocks


def held_text(codes: tuple[str, ...]) -> str:
    return ", ".join(codes) or "no qualifications yet"


def explanation_heading(explanation: Explanation) -> str:
    role, row = explanation.role, explanation.row
    if explanation.eligible:
        verdict = "eligible"
    elif row.eligible_from is not None:
        verdict = f"eligible {eligible_text(row)}: {role_gap_text(row)}"
    else:
        verdict = "not yet eligible: needs " + role_gap_text(row)
    return (
        f"{role.title} ({role.id}, band {role.band}) for {held_text(explanation.held)}: {verdict}"
    )


def route_needs(route: RouteExplanation) -> str:
    """A route's missing codes, those that study under way will meet marked:
    ``DIPSM, ILM5 (under way)``."""
    under_way = {check.code for check in route.checks if check.under_way is not None}
    return ", ".join(f"{code} (under way)" if code in under_way else code for code in route.missing)


def plan_heading(plan: Plan) -> str:
    target = plan.target
    return f"Path to {target.title} ({target.id}, band {target.band}) from {held_text(plan.start)}"


def plan_outcome(plan: Plan) -> str:
    if plan.route is None:
        blocked = "; ".join(
            f"route {number} ({' + '.join(route)}) needs {', '.join(codes)}"
            for number, (route, codes) in enumerate(
                zip(plan.target.requires, plan.blocked_by, strict=True), start=1
            )
        )
        return (
            f"No route: nothing on this map that is open to you gives what every entry route"
            f" needs: {blocked}."
        )
    route = " + ".join(plan.route)
    if not plan.steps:
        return f"Already eligible: {route} is met now."
    steps = "step" if len(plan.steps) == 1 else "steps"
    total = f"Total: {plan.total_months} months in {len(plan.steps)} {steps}"
    if plan.sequential_months != plan.total_months:
        total += f" ({plan.sequential_months} if taken one after another)"
    total += f"; then {route} is met."
    if plan.proven_cheapest:
        return total
    return total + " (The map is too tangled to search fully: a quicker plan may exist.)"


def step_text(step: Step) -> str:
    """``Work as Recovery Worker``, ``Course: Relevant degree``, ``Experience: Relevant
    experience, through volunteering, ...`` or ``Course under way: ILM Level 5 in
    Leadership and Management``."""
    if step.kind == "role":
        return f"Work as {step.title}"
    if step.kind == "experience":
        return f"Experience: {step.title}"
    return f"{'Course under way:' if step.under_way else 'Course:'} {step.title}"


def span_text(step: Step) -> str:
    """When a step runs, in months from now: ``months 0-12``."""
    return f"months {step.start_month}-{step.end_month}"


def summary_sentence(summary: Summary) -> str:
    noun = "role" if summary.roles == 1 else "roles"
    text = f"{YES} eligible for {summary.eligible} of {summary.roles} {noun}"
    if summary.eligible_later:
        text += f"; {summary.eligible_later} more once study under way is done"
    if summary.one_away:
        verb = "is" if summary.one_away == 1 else "are"
        text += f"; {summary.one_away} more {verb} one qualification (a year or less) away"
    if summary.unplanned:
        text += (
            f". {summary.unplanned} roles were not planned (the map is too large to plan"
            " each): their gaps are the fewest codes, with no months"
        )
    return text + "."


def eligible_text(row: RoleRow) -> str:
    """``yes``, ``from 2027-06`` (once study under way is due) or ``no``."""
    if row.result is None:
        return ""
    if row.result.eligible:
        return "yes"
    return f"from {month_text(row.eligible_from)}" if row.eligible_from else "no"


def role_gap_text(row: RoleRow) -> str:
    """What a role still needs: ``DIPSM (12 months)``, the study it counts on
    (``ILM5 under way, due 2027-06``), both, or nothing when open now."""
    parts = []
    if row.gap:
        months = f" ({months_text(row.months)})" if row.months is not None else ""
        parts.append(" + ".join(or_equivalent_text(row.role, code) for code in row.gap) + months)
    parts += [f"{item.code} under way, due {item.month}" for item in row.relies_on]
    return "; ".join(parts)


def team_heading(report: TeamReport) -> str:
    skipped = len(report.problems)
    text = f"{report.staff} staff from {report.source}"
    if report.studying:
        text += f", {report.studying} studying"
    if skipped:
        text += f" ({skipped} row{'s' if skipped != 1 else ''} skipped)"
    return text


def next_steps_text(steps: tuple[NextStep, ...], studying: tuple[str, ...] = ()) -> str:
    return "; ".join(f"{step.role.id}: {next_step_text(step, studying)}" for step in steps)


def next_step_text(step: NextStep, studying: tuple[str, ...] = ()) -> str:
    """``ready``, ``needs DIPSM (12 months)``, or ``needs DEGREE (no route on this map)``;
    with study under way, what is needed once it is done."""
    if not step.missing:
        return f"ready once {' + '.join(studying)} is done" if studying else "ready"
    needs = gap_text(step.missing)
    if step.months is not None:
        return f"{needs} ({months_text(step.months)})"
    return needs if not step.planned else f"{needs} (no route on this map)"


def or_equivalent_text(role: Role, code: str) -> str:
    """``DIPSM or equivalent`` where the map says so of the role's requirement."""
    return f"{code} or equivalent" if code in role.or_equivalent else code


def requirement_text(check: RequirementCheck) -> str:
    """One requirement of an entry route, as ``explain`` words it: ``✔ L3TSM held``,
    ``✔ ILM3 via ILM5``, ``✔ L3TSM agreed equivalent: SVQ 3, agreed 2025-03``,
    ``◷ ILM5 under way, due 2027-06`` or ``✘ DEGREE (or an equivalent agreed with your
    manager)``; then the qualification's name, and any course it needs first."""
    if check.met:
        if check.agreed is None:
            how = f" via {check.via}" if check.via else " held"
        elif check.via:
            how = f" via {check.via} (agreed equivalent: {check.agreed})"
        else:
            how = f" agreed equivalent: {check.agreed}"
        return f"{YES} {check.code}{how}  ({check.name})"
    if check.under_way is not None:
        via = f" via {check.via}" if check.via else ""
        return f"{LATER} {check.code} under way{via}, due {check.under_way.month}  ({check.name})"
    equivalent = " (or an equivalent agreed with your manager)" if check.or_equivalent else ""
    needs = course_needs(check.needs_first)
    first = f"; {needs}" if needs else ""
    return f"{NO} {check.code}{equivalent}  ({check.name}{first})"


def months_text(months: int | None) -> str:
    if months is None:
        return "-"
    return "1 month" if months == 1 else f"{months} months"


def need_name(need: NextStepNeed) -> str:
    """``ILM Level 7 in Leadership and Management (or CMI7)``: equivalents as one line."""
    name = need.qualification.name
    if need.equivalents:
        name += f" (or {', '.join(q.code for q in need.equivalents)})"
    return name


def money(pounds: int | None) -> str:
    return "-" if pounds is None else f"£{pounds:,}"


def by_band_text(need: NextStepNeed) -> str:
    return ", ".join(f"{band or 'no role'} {staff}" for band, staff in need.by_band)


def by_role_text(need: NextStepNeed) -> str:
    return ", ".join(f"{role.id if role else 'no role'} {staff}" for role, staff in need.by_role)


def comparison_heading(comparison: Comparison) -> str:
    titles = " / ".join(entry.role.title for entry in comparison.roles)
    if comparison.held is None:
        return f"Compare: {titles}"
    return f"Compare: {titles}, for {held_text(comparison.held)}"


def comparison_facts(comparison: Comparison) -> list[tuple[str, tuple[str, ...]]]:
    """Each fact and its wording per role, lines within a cell joined by "; "."""
    entries = comparison.roles

    def per_role(words: Callable[[ComparedRole], str]) -> tuple[str, ...]:
        return tuple(words(entry) for entry in entries)

    facts = [
        ("title", per_role(lambda e: e.role.title)),
        ("band", per_role(lambda e: e.role.band)),
        ("tracks", per_role(lambda e: ", ".join(e.role.tracks))),
        ("entry routes", per_role(lambda e: "; ".join(routes_lines(e.role)))),
        ("training", per_role(lambda e: "; ".join(e.role.training.items) or "-")),
        ("gives", per_role(_gives)),
        ("leads to", per_role(lambda e: ", ".join(r.title for r in e.leads_to) or "-")),
        ("reached from", per_role(lambda e: ", ".join(r.title for r in e.reached_from) or "-")),
    ]
    if comparison.held is not None:
        facts += [
            ("your gap", per_role(_compared_gap)),
            ("cheapest plan", per_role(lambda e: _plan_months(e))),
            ("earliest", per_role(lambda e: _earliest(e, comparison.today))),
        ]
    return facts


def _gives(entry: ComparedRole) -> str:
    return gives_text(entry.role) or "-"


def leads_to_items(role: Role) -> list[str]:
    """What a role's training leads to, a code a line: ``ILM3``, or ``ILM5 (towards
    operations)`` for what it gives only towards a track."""
    items = list(role.training.leads_to)
    items += [
        f"{code} (towards {track})" for track, codes in role.training.by_track for code in codes
    ]
    return items


def gives_text(role: Role) -> str:
    """What working in a role gives and when: ``ILM5 (towards operations) + PRACTICE
    (towards practice) in about 12 months; EXP_SIG in about 24 months``; "" for nothing."""
    parts = []
    training, months = leads_to_items(role), role.training.months
    if training:
        parts.append(" + ".join(training) + (f" in about {months_text(months)}" if months else ""))
    if role.experience:
        built = role.experience_months or months
        when = f" in about {months_text(built)}" if built else ""
        parts.append(" + ".join(role.experience) + when)
    return "; ".join(parts)


def _compared_gap(entry: ComparedRole) -> str:
    if entry.eligible_from is not None:
        return f"eligible from {entry.eligible_from:%B %Y}, once study under way is done"
    return gap_text(entry.missing or ())


def _plan_months(entry: ComparedRole) -> str:
    if entry.months is None:
        return "no route on this map"
    return "eligible now" if not entry.months else months_text(entry.months)


def _earliest(entry: ComparedRole, today: date) -> str:
    if entry.earliest is None:
        return "-"
    return "now" if entry.earliest == today else entry.earliest.strftime("%B %Y")


def unlocks_heading(unlocks: Unlocks) -> str:
    codes = " + ".join(unlocks.codes)
    if unlocks.held is None:
        return f"Roles {codes} counts towards"
    return f"What {codes} would open for {held_text(unlocks.held)}"


def unlocks_sentence(unlocks: Unlocks) -> str:
    """The verdict under the tables: what opens and what comes closer."""
    codes = " + ".join(unlocks.codes)
    towards = len(unlocks.counts_towards)
    where = f"{codes} counts towards {towards} role{'s' if towards != 1 else ''} on the map."
    if unlocks.held is None:
        return where
    opens, closer = len(unlocks.opens), len(unlocks.closer)
    return (
        f"{codes} would open {opens} role{'s' if opens != 1 else ''} and bring"
        f" {closer} more closer. {where}"
    )


def gap_text(missing: tuple[str, ...]) -> str:
    """``eligible``, or ``needs A + B``."""
    return "eligible" if not missing else "needs " + " + ".join(missing)


def needs_by_role(report: TeamReport) -> list[tuple[str, str]]:
    """Per current role (most staff first), the next-step needs of its staff:
    ``("recovery-worker", "DIPSM 57, ILM3 3")``."""
    by_role: dict[str, list[tuple[str, int]]] = {}
    totals: dict[str, int] = {}
    for need in report.next_step_needs:
        for role, staff in need.by_role:
            name = role.id if role else "no role"
            by_role.setdefault(name, []).append((need.qualification.code, staff))
            totals[name] = max(totals.get(name, 0), staff)
    ordered = sorted(by_role, key=lambda name: (-totals[name], name))
    return [
        (name, ", ".join(f"{code} {staff}" for code, staff in _most_first(by_role[name])))
        for name in ordered
    ]


def _most_first(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return sorted(counts, key=lambda item: -item[1])  # stable: ties keep the needs' order


def out_of_role_listing(report: TeamReport) -> str:
    """Where the whole list of staff out of their role is, or how much of it there is."""
    listed, total = len(report.out_of_role), report.out_of_role_total
    if listed == total:
        return "--format csv lists everyone."
    return f"reports list the first {listed:,} of {total:,}; fix them at source first."


def gaps_text(gaps: tuple[tuple[str, ...], ...]) -> str:
    """A person's alternative gaps: ``DEGREE or DIPSM``."""
    return " or ".join(" + ".join(gap) for gap in gaps)


def what_if_sentence(report: TeamReport) -> str:
    what_if = report.what_if
    if what_if is None:
        return ""
    who = "everyone" if what_if.group is None else f"the people in {what_if.group}"
    staff = f"{what_if.staff} staff" if what_if.staff != 1 else "1 person"
    text = (
        f"What if {who} ({staff}) gained {' + '.join(what_if.codes)}:"
        f" {what_if.reach_next_step} more would be eligible for a next step."
    )
    if what_if.missing_from_list:
        shown = ", ".join(what_if.missing_from_list[:10])
        more = len(what_if.missing_from_list) - 10
        text += f" Not in the staff list: {shown}" + (f" and {more} more." if more > 0 else ".")
    return text


def needs_note(report: TeamReport) -> str:
    """How the next-step needs were counted, and where they are estimates."""
    text = NEEDS_NOTE
    if report.unplanned_staff:
        text += (
            f" {report.unplanned_staff} staff in rare combinations past the planning bound"
            " are counted on their closest route instead."
        )
    if not report.needs_proven:
        text += " Some plans hit the search bound: a cheaper plan may exist for them."
    return text


def routes_inline(role: Role, between: str = " or ") -> str:
    """Entry routes on one line: ``DEGREE + L3TSM or DIPSM + L3TSM``."""
    return routes_text(role.requires, between)


def described(detail: RoleDetail, code: str) -> str:
    """A requirement's name, and what its course needs first if anything: ``Relevant
    Master's degree (its course needs DEGREE or DEGREE_OTHER first)``."""
    needs = course_needs(detail.needs_first.get(code, ()))
    return f"{detail.names[code]} ({needs})" if needs else detail.names[code]


def course_needs(routes: tuple[tuple[str, ...], ...]) -> str:
    """``its course needs DEGREE or DEGREE_OTHER first``, or "" when it needs nothing."""
    return f"its course needs {routes_text(routes)} first" if routes else ""


def routes_text(routes: tuple[tuple[str, ...], ...], between: str = " or ") -> str:
    """Routes (a role's entry, a course's prerequisites) on one line; "" for none."""
    return between.join(" + ".join(route) for route in routes)


def routes_lines(role: Role) -> tuple[str, ...]:
    """Entry routes as one line each: ``DEGREE + L3TSM`` / ``or DIPSM + L3TSM``."""
    lines = [" + ".join(route) for route in role.requires]
    return tuple(line if index == 0 else f"or {line}" for index, line in enumerate(lines))


def role_name(role: Role) -> str:
    return f"{role.title} ({role.id}, band {role.band})"


NEEDS_HEADING = "Needs for the next step"
NEEDS_NOTE = (
    "Staff: people for whom the qualification is part of the cheapest plan (as `careermap"
    " path` plans it) to a role their own role leads to, or to an entry role. Alone opens:"
    " staff it alone would make eligible for any role above their band."
)
NO_NEEDS = "No one needs a qualification for a next step."
OUT_OF_ROLE_HEADING = "Not meeting their own role's entry requirements"
UNRECOGNISED_HEADING = "Not recognised on the map (left out of their rows)"
UNRECOGNISED_NOTE = (
    "Map each spelling once in a --mapping file (quals: or roles:) to count it next time."
)
