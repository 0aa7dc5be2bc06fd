"""Plain sentences shared by the table and Markdown renderers."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careermap.routes import Explanation, Plan
    from careermap.team import TeamReport


def explanation_heading(explanation: Explanation) -> str:
    role = explanation.role
    held = ", ".join(explanation.held) or "no qualifications yet"
    if explanation.eligible:
        verdict = "eligible"
    else:
        verdict = "not yet eligible: needs " + ", ".join(explanation.missing)
    return f"{role.title} ({role.id}, band {role.band}) for {held}: {verdict}"


def plan_heading(plan: Plan) -> str:
    target = plan.target
    held = ", ".join(plan.start) or "no qualifications yet"
    return f"Path to {target.title} ({target.id}, band {target.band}) from {held}"


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
    return f"Total: {plan.total_months} months in {len(plan.steps)} {steps}; then {route} is met."


def team_heading(report: TeamReport) -> str:
    skipped = len(report.problems)
    text = f"{report.staff} staff from {report.source}"
    if skipped:
        text += f" ({skipped} row{'s' if skipped != 1 else ''} skipped)"
    return text


TRAINING_HEADING = "Training that unlocks most progression"
TRAINING_NOTE = "staff it would make newly eligible for a role above their current band"
