"""Gaps by effort: a role's closest route is the one its cheapest plan meets.

Counting missing codes calls a four-year degree and a year's diploma in post equally
"one qualification away". What a person should be told is what ``path`` would tell
them: the route the cheapest plan (by the catalogue's typical months) ends on, ties to
fewer codes and then to the route listed first. So every report on a person plans each
role it shows, and ``check``, ``next``, ``explain``, ``team`` and ``path`` agree.

Planning is bounded: at most ``MAX_PLANNED_ROLES`` roles a report, each within
``PLAN_BUDGET`` steps of search. Roles past that keep the engine's closest route by
count, and the report says how many (only maps of hundreds of roles get there).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from careermap.engine import RoleResult
from careermap.planner import Plan, RoutePlanner

MAX_PLANNED_ROLES = 60
"""Roles planned for one report, lowest bands first; on the shipped map (13 roles) every
one is, and on a map of 1,000 roles a report takes about a tenth of a second
(bench/check.py)."""
PLAN_BUDGET = 20_000
"""Search steps for each role's plan (the shipped map's hardest plan takes a few thousand);
past it a plan is finished greedily and marked unproven, as ``path`` does."""


@dataclass(frozen=True)
class Effort:
    """A role's cheapest plan, as far as a report needs it."""

    route: int
    """Index of the entry route the cheapest plan meets."""
    months: int
    """The plan's elapsed months from now."""
    study_used: frozenset[str] = frozenset()
    """Codes of the study under way the plan waits for."""


@dataclass(frozen=True)
class Efforts:
    """The cheapest plan to each role that needed one, and how many went unplanned."""

    by_role: Mapping[str, Effort]
    unplanned: int
    """Roles not planned (over ``MAX_PLANNED_ROLES``): their gaps are by count."""

    def apply(self, result: RoleResult) -> RoleResult:
        """``result`` with the route its cheapest plan meets as the closest one."""
        effort = self.by_role.get(result.role.id)
        if effort is None or effort.route == result.closest or result.eligible:
            return result
        return replace(result, closest=effort.route)


def plan_efforts(
    planner: RoutePlanner, results: Iterable[RoleResult], *, limit: int = MAX_PLANNED_ROLES
) -> Efforts:
    """Plan each role of ``results`` that the person is not eligible for (lowest bands
    first, ``limit`` at most); ``planner`` is set up for the person, with a budget."""
    catalogue = planner.catalogue
    waiting = sorted(
        (result for result in results if not result.eligible and result.role.id != planner.current),
        key=lambda result: catalogue.band_rank[result.role.band],
    )
    by_role: dict[str, Effort] = {}
    for result in waiting[:limit]:
        role = result.role
        plan = planner.plan(role.id)
        if plan.route is not None:
            route = _tie_break(planner, result, plan, _route_index(planner, result, plan))
            used = frozenset(step.id for step in plan.steps if step.under_way)
            by_role[role.id] = Effort(route, plan.total_months, used)
    return Efforts(by_role, max(0, len(waiting) - limit))


TIES_TRIED = 8
"""Other routes planned alone to break a tie in months, at most, per role."""


def _tie_break(planner: RoutePlanner, result: RoleResult, plan: Plan, chosen: int) -> int:
    """Another route that the tie-break prefers (fewer codes missing, then listed first)
    when a plan to it alone takes the same months: the planner meets whichever route it
    reaches first, so an equally quick route can hide behind it."""

    def rank(index: int) -> tuple[int, int]:
        return len(result.routes[index].missing), index

    preferred = sorted(
        (index for index in range(len(result.routes)) if rank(index) < rank(chosen)), key=rank
    )
    for index in preferred[:TIES_TRIED]:
        alone = planner.plan(result.role.id, only_route=index)
        if alone.route is not None and alone.total_months <= plan.total_months:
            return index
    return chosen


def _route_index(planner: RoutePlanner, result: RoleResult, plan: Plan) -> int:
    """The route the plan ends on. Every route its last state meets took the same
    cheapest months, so among those the fewest codes missing now, then the first
    listed, decide."""
    engine = planner.engine
    end = engine.effective_mask(
        (*plan.start, *(code for step in plan.steps for code in step.gives))
    )
    met = [
        index
        for index, route in enumerate(engine.role_routes(engine.role_index[result.role.id]))
        if route & ~end == 0
    ]
    return min(met, key=lambda index: (len(result.routes[index].missing), index))
