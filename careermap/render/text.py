"""Plain sentences shared by the renderers, so every format words a result the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING

from careermap.render.palette import YES

if TYPE_CHECKING:
    from careermap.eligibility import Summary
    from careermap.explanation import Explanation
    from careermap.listing import RoleDetail
    from careermap.models import Role
    from careermap.planner import Plan, Step
    from careermap.team import NextStep, TeamReport


def held_text(codes: tuple[str, ...]) -> str:
    return ", ".join(codes) or "no qualifications yet"


def explanation_heading(explanation: Explanation) -> str:
    role = explanation.role
    if explanation.eligible:
        verdict = "eligible"
    else:
        verdict = "not yet eligible: needs " + ", ".join(explanation.missing)
    return (
        f"{role.title} ({role.id}, band {role.band}) for {held_text(explanation.held)}: {verdict}"
    )


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
    total = f"Total: {plan.total_months} months in {len(plan.steps)} {steps}; then {route} is met."
    if plan.proven_cheapest:
        return total
    return total + " (The map is too tangled to search fully: a cheaper plan may exist.)"


def step_text(step: Step) -> str:
    """``Work as Recovery Worker`` or ``Course: Relevant degree``."""
    return f"{'Work as' if step.kind == 'role' else 'Course:'} {step.title}"


def summary_sentence(summary: Summary) -> str:
    noun = "role" if summary.roles == 1 else "roles"
    text = f"{YES} eligible for {summary.eligible} of {summary.roles} {noun}"
    if summary.one_away:
        verb = "is" if summary.one_away == 1 else "are"
        text += f"; {summary.one_away} more {verb} one qualification away"
    return text + "."


def team_heading(report: TeamReport) -> str:
    skipped = len(report.problems)
    text = f"{report.staff} staff from {report.source}"
    if skipped:
        text += f" ({skipped} row{'s' if skipped != 1 else ''} skipped)"
    return text


def next_steps_text(steps: tuple[NextStep, ...]) -> str:
    return "; ".join(
        f"{step.role.id}: " + ("ready" if not step.missing else "needs " + " + ".join(step.missing))
        for step in steps
    )


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


TRAINING_HEADING = "Training that unlocks most progression"
TRAINING_NOTE = "staff it would make newly eligible for a role above their current band"
NO_TRAINING = "No single qualification unlocks a role above anyone's band."
