"""The cheapest way to become eligible for a role.

``plan_path`` searches over the sets of codes a person could hold: a move either takes a
role the person is eligible for and gains what it gives (its training and experience),
or gains a qualification directly by a course. Costs are the catalogue's typical
months; the search is A* with a heuristic that never overestimates, so the plan is
optimal.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import count
from typing import ClassVar, Literal

from careermap.engine import RuleEngine, engine_for
from careermap.lookup import find_role
from careermap.models import Catalogue, Role
from careermap.subject import Kind

_UNREACHABLE = float("inf")


@dataclass(frozen=True)
class Step:
    """One move of a plan: working in a role, or taking a course."""

    kind: Literal["role", "course"]
    id: str
    """The role id, or the qualification code."""
    title: str
    gives: tuple[str, ...]
    """The codes this step newly gives."""
    months: int


@dataclass(frozen=True)
class Plan:
    """The cheapest route to eligibility for ``target``, or why there is none."""

    catalogue: str
    target: Role
    start: tuple[str, ...]
    """The codes held at the start, in catalogue order."""
    steps: tuple[Step, ...]
    route: tuple[str, ...] | None
    """The target's entry route met at the end; None when no route exists."""
    blocked_by: tuple[tuple[str, ...], ...] = ()
    """When there is no route: for each entry route, the codes nothing reachable gives."""
    kind: ClassVar[Literal[Kind.PLAN]] = Kind.PLAN

    @property
    def reachable(self) -> bool:
        return self.route is not None

    @property
    def total_months(self) -> int:
        return sum(step.months for step in self.steps)


@dataclass(frozen=True)
class _Move:
    step: Step
    gain: int
    """Mask of everything the move gives, "counts as" included."""
    routes: tuple[int, ...] | None
    """Entry route masks for a role; None when the move is always open (a course)."""


def plan_path(
    catalogue: Catalogue,
    target_id: str,
    quals: Iterable[str],
    *,
    current_role: str | None = None,
    use_roles: bool = True,
) -> Plan:
    """The cheapest plan, in typical months, to become eligible for ``target_id``.

    ``current_role`` is a role the person already works in: what it gives is open to them
    whatever its entry requirements. ``use_roles=False`` plans with courses alone.
    """
    target = find_role(catalogue, target_id)
    engine = engine_for(catalogue)
    start_codes = engine.in_order(engine.known(quals))
    start = engine.effective_mask(start_codes)
    goals = tuple(engine.mask(route) for route in target.requires)
    current = find_role(catalogue, current_role).id if current_role else None
    moves = _moves_for(engine, target, current) if use_roles else _course_moves(engine)

    reachable = _everything_reachable(start, moves)
    if not any(goal & ~reachable == 0 for goal in goals):
        blocked = tuple(engine.codes_in(goal & ~reachable) for goal in goals)
        return Plan(catalogue.name, target, start_codes, (), None, blocked)

    relevant = _relevant_codes(goals, moves)
    useful = [move for move in moves if move.gain & relevant]
    path = _search(start & relevant, goals, useful, relevant)
    steps, state = [], start
    for move in path:
        steps.append(_new_gains(engine, move, state))
        state |= move.gain
    met = next(goal for goal in goals if goal & ~state == 0)
    route = next(r for r, goal in zip(target.requires, goals, strict=True) if goal == met)
    return Plan(catalogue.name, target, start_codes, tuple(steps), route)


@lru_cache(maxsize=16)
def _course_moves(engine: RuleEngine) -> list[_Move]:
    moves = []
    for qualification in engine.catalogue.qualifications:
        if qualification.course_months is not None:
            code = qualification.code
            step = Step("course", code, qualification.name, (code,), qualification.course_months)
            moves.append(_Move(step, engine.closure[code], None))
    return moves


@lru_cache(maxsize=16)
def _role_moves(engine: RuleEngine) -> list[tuple[Role, _Move]]:
    catalogue, moves = engine.catalogue, []
    for index, role in enumerate(catalogue.roles):
        gains = catalogue.gains(role)
        if gains and role.training.months is not None:
            step = Step("role", role.id, role.title, gains, role.training.months)
            moves.append(
                (role, _Move(step, engine.effective_mask(gains), engine.role_routes(index)))
            )
    return moves


def _moves_for(engine: RuleEngine, target: Role, current: str | None) -> list[_Move]:
    """Every move, roles before courses. On equal cost the search keeps the first found,
    so roles on the target's own track come first, then lower bands."""
    rank, on_track = engine.catalogue.band_rank, set(target.tracks)
    ordered = sorted(
        _role_moves(engine),
        key=lambda pair: (not on_track & set(pair[0].tracks), rank[pair[0].band]),
    )
    moves = [
        _Move(move.step, move.gain, None) if role.id == current else move for role, move in ordered
    ]
    return moves + _course_moves(engine)


def _is_open(move: _Move, state: int) -> bool:
    return move.routes is None or any(route & ~state == 0 for route in move.routes)


def _everything_reachable(start: int, moves: list[_Move]) -> int:
    state, changed = start, True
    while changed:
        changed = False
        for move in moves:
            if move.gain & ~state and _is_open(move, state):
                state |= move.gain
                changed = True
    return state


def _relevant_codes(goals: tuple[int, ...], moves: list[_Move]) -> int:
    """Codes that can matter: the target's, and those needed to open a move giving one."""
    relevant = 0
    for goal in goals:
        relevant |= goal
    changed = True
    while changed:
        changed = False
        for move in moves:
            if move.gain & relevant and move.routes:
                needed = 0
                for route in move.routes:
                    needed |= route
                if needed & ~relevant:
                    relevant |= needed
                    changed = True
    return relevant


def _search(start: int, goals: tuple[int, ...], moves: list[_Move], relevant: int) -> list[_Move]:
    cheapest: dict[int, int] = {}
    for move in moves:
        bits = move.gain & relevant
        while bits:
            bit = bits & -bits
            cheapest[bit] = min(cheapest.get(bit, move.step.months), move.step.months)
            bits ^= bit

    def estimate(state: int) -> float:
        # The dearest code still missing from the best route: admissible and consistent,
        # since one move can give several codes at once.
        best = _UNREACHABLE
        for goal in goals:
            worst, bits = 0.0, goal & ~state
            while bits:
                bit = bits & -bits
                worst = max(worst, cheapest.get(bit, _UNREACHABLE))
                bits ^= bit
            best = min(best, worst)
        return best

    order = count()
    frontier: list[tuple[float, int, int, int, int]] = [(estimate(start), 0, 0, next(order), start)]
    cost = {start: 0}
    came_from: dict[int, tuple[int, _Move]] = {}
    done: set[int] = set()
    while frontier:
        _, spent, depth, _, state = heapq.heappop(frontier)
        if state in done:
            continue
        if any(goal & ~state == 0 for goal in goals):
            path: list[_Move] = []
            while state in came_from:
                state, move = came_from[state]
                path.append(move)
            return path[::-1]
        done.add(state)
        for move in moves:
            if not move.gain & ~state:
                continue
            if move.routes is not None:  # inlined _is_open: this loop is the hot path
                for route in move.routes:
                    if not route & ~state:
                        break
                else:
                    continue
            following = (state | move.gain) & relevant
            total = spent + move.step.months
            if total < cost.get(following, total + 1):
                guess = estimate(following)
                if guess == _UNREACHABLE:
                    continue
                cost[following] = total
                came_from[following] = (state, move)
                entry = (total + guess, total, depth + 1, next(order), following)
                heapq.heappush(frontier, entry)
    raise AssertionError("a reachable goal was not found")  # pragma: no cover


def _new_gains(engine: RuleEngine, move: _Move, state: int) -> Step:
    """The move's step, naming only the codes it newly gives at this point in the plan."""
    step = move.step
    fresh = tuple(code for code in step.gives if engine.closure[code] & ~state)
    return Step(step.kind, step.id, step.title, fresh, step.months)
