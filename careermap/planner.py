"""The cheapest way to become eligible for a role.

``plan_path`` searches over the sets of codes a person could hold: a move either takes a
role the person is eligible for and gains what it gives (its training and experience),
or gains a qualification directly by a course. Costs are the catalogue's typical
months; the search is A* with a heuristic that never overestimates, so the plan is
optimal.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import count
from math import ceil
from typing import ClassVar, Literal

from careermap.engine import RuleEngine, engine_for
from careermap.errors import UsageError
from careermap.lookup import find_role
from careermap.models import Catalogue, Role
from careermap.subject import Kind

_UNREACHABLE = float("inf")
_Parts = tuple[tuple[float, int], ...]
_PUSH_WORK = 5
"""A state put on the frontier costs about as much as five moves looked at (plus one for
each entry route of the target, whose bounds are updated)."""
_PRUNED_UP_TO = 200
"""Plans of up to this many steps are tried without each step in turn, to drop any step
the rest can do without."""


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
    proven_cheapest: bool = True
    """False when the search reached its bound: the plan is sound (every step open in its
    turn) but was finished greedily, so a cheaper one may exist."""
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
    """Entry route masks (a role's, or a course's prerequisites); None when the move is
    always open."""


DEFAULT_BUDGET = 1_000_000
"""Steps of search (a move looked at, or a goal code counted in an estimate) before the
search settles for a greedy finish. Spent in full it takes about a second
(bench/path.py); the shipped map's hardest plan takes a few thousand."""


def plan_path(
    catalogue: Catalogue,
    target_id: str,
    quals: Iterable[str],
    *,
    current_role: str | None = None,
    use_roles: bool = True,
    budget: int = DEFAULT_BUDGET,
) -> Plan:
    """The cheapest plan, in typical months, to become eligible for ``target_id``.

    ``current_role`` is a role the person already works in: what it gives is open to them
    whatever its entry requirements. ``use_roles=False`` plans with courses alone. The
    search takes about ``budget`` steps at most (see ``DEFAULT_BUDGET``); past that the
    plan is finished greedily and ``Plan.proven_cheapest`` is False.
    """
    planner = RoutePlanner(
        catalogue, quals, current_role=current_role, use_roles=use_roles, budget=budget
    )
    return planner.plan(target_id)


class RoutePlanner:
    """Plans for one person to any number of targets, sharing what does not depend on the
    target (the moves, and everything reachable from where the person stands)."""

    def __init__(
        self,
        catalogue: Catalogue,
        quals: Iterable[str],
        *,
        current_role: str | None = None,
        use_roles: bool = True,
        budget: int = DEFAULT_BUDGET,
    ) -> None:
        self.catalogue = catalogue
        self.engine = engine = engine_for(catalogue)
        self.start_codes = engine.in_order(engine.known(quals))
        self.start = engine.effective_mask(self.start_codes)
        self.current = find_role(catalogue, current_role).id if current_role else None
        self.use_roles = use_roles
        self.budget = budget
        self._roles = (
            [
                (role, _Move(move.step, move.gain, None) if role.id == self.current else move)
                for role, move in _role_moves(engine)
            ]
            if use_roles
            else []
        )
        # Its own list: the cached one may be rebuilt (other catalogues evict it), and the
        # moves are told apart by identity below.
        self._courses = list(_course_moves(engine))
        moves = [move for _, move in self._roles] + self._courses
        self.reachable = _everything_reachable(self.start, moves)
        self._givers: dict[int, list[_Move]] = {}
        for move in moves:
            for bit in _bits(move.gain):
                self._givers.setdefault(bit, []).append(move)
        self._orders: dict[frozenset[str], list[_Move]] = {}

    def plan(self, target_id: str) -> Plan:
        """The cheapest plan to ``target_id``; ``UsageError`` for the person's own role."""
        target = find_role(self.catalogue, target_id)
        if target.id == self.current:
            raise UsageError(
                f"{target.id} is the role the person works in already; plan a move to another"
            )
        engine, start, reachable = self.engine, self.start, self.reachable
        goals = tuple(engine.mask(route) for route in target.requires)
        name = self.catalogue.name
        if not any(goal & ~reachable == 0 for goal in goals):
            blocked = tuple(engine.codes_in(goal & ~reachable) for goal in goals)
            return Plan(name, target, self.start_codes, (), None, blocked)
        moves = self._moves_toward(target)
        relevant = _relevant_codes(goals, moves)
        useful = [move for move in moves if move.gain & relevant]
        forced, state = self._forced_moves(goals, start)
        search = _Search(goals, useful, relevant, self.budget, self._givers)
        path, proven = search.run(state & relevant)
        # Reordering can leave a step of a greedy finish giving nothing (a role moved ahead
        # of a course gives what the course did): such steps go.
        path = _without_idle_moves(_in_preferred_order(forced + path, useful, start), start, goals)
        steps, state = [], start
        for move in path:
            steps.append(_new_gains(engine, move, state))
            state |= move.gain
        met = next(goal for goal in goals if goal & ~state == 0)
        route = next(r for r, goal in zip(target.requires, goals, strict=True) if goal == met)
        return Plan(name, target, self.start_codes, tuple(steps), route, proven_cheapest=proven)

    def _forced_moves(self, goals: tuple[int, ...], state: int) -> tuple[list[_Move], int]:
        """Moves every plan must hold: the only way to a code that every entry route
        needs, when that way is always open (a course, or the person's own role). Such a
        move costs the same wherever it goes in a plan and never closes anything, so it is
        taken up front and the search is left the real choices; without this a route of
        n codes from n courses had the search order them all."""
        forced: list[_Move] = []
        needed_by_all = -1
        for goal in goals:
            needed_by_all &= goal
        while True:
            more = [
                givers[0]
                for bit in _bits(needed_by_all & ~state)
                if len(givers := self._givers.get(bit, [])) == 1 and givers[0].routes is None
            ]
            if not more:
                return forced, state
            for move in dict.fromkeys(more):  # a course giving two such codes, once
                if move.gain & ~state:
                    forced.append(move)
                    state |= move.gain

    def _moves_toward(self, target: Role) -> list[_Move]:
        """Every move, roles before courses. On equal cost the search keeps the first
        found, so roles on the target's own track come first, then lower bands."""
        on_track = frozenset(target.tracks)
        if on_track not in self._orders:
            rank = self.catalogue.band_rank
            ordered = sorted(
                self._roles,
                key=lambda pair: (not on_track & set(pair[0].tracks), rank[pair[0].band]),
            )
            self._orders[on_track] = [move for _, move in ordered] + self._courses
        return self._orders[on_track]


@lru_cache(maxsize=16)
def _course_moves(engine: RuleEngine) -> list[_Move]:
    moves = []
    for qualification in engine.catalogue.qualifications:
        if qualification.course_months is not None:
            code = qualification.code
            step = Step("course", code, qualification.name, (code,), qualification.course_months)
            # A course with prerequisites opens, like a role, once one of its routes is met.
            needs = tuple(engine.mask(route) for route in qualification.requires) or None
            moves.append(_Move(step, engine.closure[code], needs))
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


def _is_open(move: _Move, state: int) -> bool:
    return move.routes is None or any(route & ~state == 0 for route in move.routes)


def _everything_reachable(start: int, moves: list[_Move]) -> int:
    """Every code some order of open moves reaches. A move is looked at again only when
    a code one of its routes needs is gained, so a long chain of roles costs the codes
    its routes name, not the number of roles squared."""
    waiting: dict[int, list[_Move]] = {}
    for move in moves:
        for route in move.routes or ():
            for bit in _bits(route):
                waiting.setdefault(bit, []).append(move)
    state, queue = start, list(moves)
    while queue:
        move = queue.pop()
        new = move.gain & ~state
        if new and _is_open(move, state):
            state |= move.gain
            for bit in _bits(new):
                queue.extend(waiting.pop(bit, ()))
    return state


def _relevant_codes(goals: tuple[int, ...], moves: list[_Move]) -> int:
    """Codes that can matter: the target's, and those needed to open a move giving one
    (each move's routes added once, when it first gives a relevant code)."""
    givers: dict[int, list[_Move]] = {}
    for move in moves:
        if move.routes:
            for bit in _bits(move.gain):
                givers.setdefault(bit, []).append(move)
    relevant = 0
    for goal in goals:
        relevant |= goal
    queue = list(_bits(relevant))
    while queue:
        for move in givers.pop(queue.pop(), ()):
            needed = 0
            for route in move.routes or ():
                needed |= route
            new = needed & ~relevant
            relevant |= new
            queue.extend(_bits(new))
    return relevant


class _Search:
    """A* over the sets of relevant codes a person could hold, within a budget of steps;
    past the budget, the best state so far is finished greedily."""

    def __init__(
        self,
        goals: tuple[int, ...],
        moves: list[_Move],
        relevant: int,
        budget: int,
        givers: dict[int, list[_Move]],
    ) -> None:
        self.goals, self.moves, self.relevant, self.budget = goals, moves, relevant, budget
        self.work = 0
        # Per goal code: the cheapest move giving it ("dearest single code" bound), and
        # the smallest share of a move's months split over the goal's codes it gives. The
        # sum of the shares still missing never exceeds what any set of moves giving them
        # costs, and a move never lowers it by more than its own months: admissible and
        # consistent, and exact when each code comes from a course of its own.
        self.cheapest: dict[int, int] = {}
        self.shares: list[dict[int, float]] = []
        for goal in goals:
            shares: dict[int, float] = {}
            for bit in _bits(goal):
                for move in givers.get(bit, ()):
                    months = move.step.months
                    share = months / (move.gain & goal).bit_count()
                    shares[bit] = min(shares.get(bit, share), share)
                    self.cheapest[bit] = min(self.cheapest.get(bit, months), months)
            self.shares.append(shares)

    def parts(self, state: int) -> _Parts:
        """Per goal: the shares still missing, summed, and the dearest code's cheapest move
        (infinite when some missing code has no move at all)."""
        parts = []
        for goal, shares in zip(self.goals, self.shares, strict=True):
            total, dearest, missing = 0.0, 0, goal & ~state
            self.work += missing.bit_count()
            for bit in _bits(missing):
                if bit not in shares:
                    total = _UNREACHABLE
                    break
                total += shares[bit]
                dearest = max(dearest, self.cheapest[bit])
            parts.append((total, dearest))
        return tuple(parts)

    def parts_after(self, parts: _Parts, state: int, gain: int) -> _Parts:
        """``parts(state | gain)`` from ``parts(state)``, looking only at what ``gain``
        takes away (and at the rest only when it takes the dearest code)."""
        after = []
        for goal, shares, (total, dearest) in zip(self.goals, self.shares, parts, strict=True):
            taken = gain & goal & ~state
            if taken and total != _UNREACHABLE:
                self.work += taken.bit_count()
                rescan = False
                for bit in _bits(taken):
                    total -= shares[bit]
                    rescan = rescan or self.cheapest[bit] == dearest
                if rescan:
                    dearest = 0
                    left = goal & ~state & ~gain
                    self.work += left.bit_count()
                    for bit in _bits(left):
                        dearest = max(dearest, self.cheapest[bit])
            after.append((total, dearest))
        return tuple(after)

    @staticmethod
    def value(parts: _Parts) -> float:
        """The bound: months are whole, so each goal's bound is rounded up (less a hair
        for the sums' rounding), which keeps it admissible and consistent."""
        return min(
            (_UNREACHABLE if total == _UNREACHABLE else ceil(max(total, dearest) - 1e-6))
            for total, dearest in parts
        )

    def run(self, start: int) -> tuple[list[_Move], bool]:
        """The moves from ``start`` to a goal, and whether they are proven cheapest."""
        goals, moves, relevant = self.goals, self.moves, self.relevant
        order = count()
        # Ties on estimated total go to the state with the most months already spent,
        # nearer a goal, so equal-cost orders of the same courses are not all explored.
        bounds = {start: self.parts(start)}
        frontier = [(self.value(bounds[start]), 0, next(order), start)]
        cost = {start: 0}
        came_from: dict[int, tuple[int, _Move]] = {}
        done: set[int] = set()
        while frontier:
            _, neg_spent, _, state = heapq.heappop(frontier)
            if state in done:
                continue
            if any(goal & ~state == 0 for goal in goals):
                return self._path_to(state, came_from), True
            if self.work > self.budget:
                # Finish greedily from the most promising state, and from the start in case
                # the search had been led astray; the cheaper plan wins.
                finished = (
                    _without_idle_moves(self._greedy_finish(origin, path), start, goals)
                    for origin, path in ((state, self._path_to(state, came_from)), (start, []))
                )
                return min(finished, key=lambda path: sum(m.step.months for m in path)), False
            done.add(state)
            here = bounds.pop(state)
            self.work += len(moves)
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
                total = move.step.months - neg_spent
                if total < cost.get(following, total + 1):
                    parts = bounds.get(following) or self.parts_after(here, state, move.gain)
                    guess = self.value(parts)
                    if guess == _UNREACHABLE:
                        continue
                    bounds[following] = parts
                    cost[following] = total
                    came_from[following] = (state, move)
                    heapq.heappush(frontier, (total + guess, -total, next(order), following))
                    self.work += _PUSH_WORK + len(goals)
        raise AssertionError("a reachable goal was not found")  # pragma: no cover

    @staticmethod
    def _path_to(state: int, came_from: dict[int, tuple[int, _Move]]) -> list[_Move]:
        path: list[_Move] = []
        while state in came_from:
            state, move = came_from[state]
            path.append(move)
        return path[::-1]

    def _greedy_finish(self, state: int, path: list[_Move]) -> list[_Move]:
        """Open moves, cheapest per missing code of the nearest goal first (per relevant
        code when none gives one), until a goal is met: each adds a relevant code, so at
        most as many moves as there are relevant codes."""
        goals, relevant = self.goals, self.relevant
        path = list(path)
        while not any(goal & ~state == 0 for goal in goals):
            nearest = min(goals, key=lambda goal: (goal & ~state).bit_count())
            best: tuple[float, _Move] | None = None
            for move in self.moves:
                new = move.gain & ~state & relevant
                if not new or not _is_open(move, state):
                    continue
                toward = (new & nearest).bit_count()
                score = (
                    move.step.months / toward
                    if toward
                    else 1e9 + move.step.months / new.bit_count()
                )
                if best is None or score < best[0]:
                    best = (score, move)
            assert best is not None, "a reachable goal has an open move toward it"
            path.append(best[1])
            state = (state | best[1].gain) & relevant
        return path


def _without_idle_moves(path: list[_Move], start: int, goals: tuple[int, ...]) -> list[_Move]:
    """``path`` less every move it can do without: each left is still open in its turn,
    still gives something new, and a goal is still met at the end."""

    def works(moves: list[_Move]) -> bool:
        state = start
        for move in moves:
            if not move.gain & ~state or not _is_open(move, state):
                return False
            state |= move.gain
        return any(goal & ~state == 0 for goal in goals)

    kept, state = [], start
    for move in path:  # first, in one pass, every move that gives nothing new in its turn
        if move.gain & ~state:
            kept.append(move)
            state |= move.gain
    if len(kept) > _PRUNED_UP_TO:
        return kept  # trying each removal costs the square of the length
    for index in reversed(range(len(kept))):
        trial = kept[:index] + kept[index + 1 :]
        if works(trial):
            kept = trial
    return kept


def _in_preferred_order(path: list[_Move], moves: list[_Move], start: int) -> list[_Move]:
    """The same moves in a steady order, so the wording of a plan does not hang on how the
    search broke ties: roles in ``moves`` order, then courses shortest first, each as early
    as its prerequisites allow."""
    rank = {id(move): index for index, move in enumerate(moves)}

    def preference(move: _Move) -> tuple[bool, int, int]:
        course = move.step.kind == "course"
        return course, move.step.months if course else 0, rank[id(move)]

    left, state, ordered = sorted(path, key=preference), start, []
    while left:
        move = next(move for move in left if _is_open(move, state))
        left.remove(move)
        ordered.append(move)
        state |= move.gain
    return ordered


def _bits(mask: int) -> Iterator[int]:
    while mask:
        bit = mask & -mask
        yield bit
        mask ^= bit


def _new_gains(engine: RuleEngine, move: _Move, state: int) -> Step:
    """The move's step, naming only the codes it newly gives at this point in the plan."""
    step = move.step
    fresh = tuple(code for code in step.gives if engine.closure[code] & ~state)
    return Step(step.kind, step.id, step.title, fresh, step.months)
