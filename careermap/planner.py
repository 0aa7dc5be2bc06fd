"""The quickest way to become eligible for a role, as a timeline.

A plan is steps on two lanes: a person works in at most one role at a time (the work
lane) and studies at most one course at a time (the study lane). A role step works in a
role the person is eligible for and gains what it gives (its training and experience); a
course gains a qualification. A course that runs alongside work
(``Qualification.alongside_work``, part-time study, the usual way) takes the study lane
only, so it runs while the person works; one that does not takes both lanes. A step
starts only once what it needs (a role's entry route, a course's prerequisites) is held,
given by steps ended by then. The person's current role is the work they do while no
role step runs: it takes no lane, and a course alongside work runs beside it.

``plan_path`` finds the plan that takes the fewest elapsed months, then the fewest months
of effort (its steps' months added up): A* over the states of the timeline (the codes
held, what runs in each lane and for how long), with a bound that never overestimates,
so the plan is optimal for the catalogue's typical months.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
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

WORK, STUDY = 1, 2
BOTH = WORK | STUDY
"""The lanes a step takes: a role the work lane, a course alongside work the study lane,
and a course that stops work both."""
_NEVER = 1 << 62
"""A month no plan reaches: a code nothing gives, a route never held."""
_UNREACHABLE = float("inf")
_PUSH_WORK = 5
"""A state put on the frontier costs about as much as five moves looked at (plus one for
each entry route of the target, whose bounds are updated)."""
_PRUNED_UP_TO = 200
"""Plans of up to this many steps are tried without each step in turn, to drop any step
the rest can do without."""
_LARGEST = ("cheapest move", "cheapest role", "cheapest course", "earliest month")
"""What a bound takes the largest of over the codes still needed: each code's cheapest
move, cheapest role (codes only a role gives) and course (codes only a course gives), and
the earliest month any plan could hold it."""
_NONE = ((0, 0),) * len(_LARGEST)
_Parts = tuple[tuple[float, float, float, tuple[tuple[int, int], ...]], ...]
_Ranked = tuple[tuple[tuple[float, float], ...], float, float]
_Running = tuple[tuple[int, int, int, int], ...]
"""What runs: each step's months left, relevant codes it gives, lanes, and its move's
number if it takes its turn in its lane (see ``_Search.in_turn``), else -1."""
_Key = tuple[int, _Running, int, int, int, int, int]
"""A state: codes held, what runs, the phase, what was held when the work and the study
lane were left idle at the last month (-1: not left idle), and the move that took its
turn in each and ended this month (-1: none)."""


@dataclass(frozen=True)
class Step:
    """One step of a plan: working in a role, or taking a course, from ``start_month``."""

    kind: Literal["role", "course", "experience"]
    """A role worked in, a course, or experience gained outside a role (volunteering)."""
    id: str
    """The role id, or the qualification code."""
    title: str
    gives: tuple[str, ...]
    """The codes this step newly gives."""
    months: int
    start_month: int = 0
    """Months from now when it starts."""
    under_way: bool = False
    """A course the person is studying already: it runs from now until it is due, at no
    further effort."""

    @property
    def end_month(self) -> int:
        """Months from now when it ends and gives what it gives."""
        return self.start_month + self.months


@dataclass(frozen=True)
class Plan:
    """The quickest route to eligibility for ``target``, or why there is none."""

    catalogue: str
    target: Role
    start: tuple[str, ...]
    """The codes held at the start, in catalogue order."""
    steps: tuple[Step, ...]
    """The steps by start month, a role before a course that starts with it."""
    route: tuple[str, ...] | None
    """The target's entry route met at the end; None when no route exists."""
    blocked_by: tuple[tuple[str, ...], ...] = ()
    """When there is no route: for each entry route, the codes nothing reachable gives."""
    proven_cheapest: bool = True
    """False when the search reached its bound: the plan is sound (every step open in its
    turn) but was finished greedily, so a quicker one may exist."""
    kind: ClassVar[Literal[Kind.PLAN]] = Kind.PLAN

    @property
    def reachable(self) -> bool:
        return self.route is not None

    @property
    def total_months(self) -> int:
        """Elapsed months: when the last step ends (steps run side by side)."""
        return max((step.end_month for step in self.steps), default=0)

    @property
    def sequential_months(self) -> int:
        """The steps' months added up: how long the plan would take one step at a time."""
        return sum(step.months for step in self.steps)


@dataclass(frozen=True)
class _Move:
    step: Step
    gain: int
    """Mask of everything the move gives, "counts as" included."""
    routes: tuple[int, ...] | None
    """Entry route masks (a role's, or a course's prerequisites); None when the move is
    always open."""
    lanes: int
    """WORK, STUDY or BOTH."""

    @property
    def effort(self) -> int:
        return 0 if self.step.under_way else self.step.months


DEFAULT_BUDGET = 1_000_000
"""Steps of search (a move looked at, or a goal code counted in an estimate) before the
search settles for a greedy finish. Spent in full it takes a few seconds
(bench/path.py); the shipped map's hardest plan takes a few thousand."""


def plan_path(
    catalogue: Catalogue,
    target_id: str,
    quals: Iterable[str],
    *,
    current_role: str | None = None,
    use_roles: bool = True,
    budget: int = DEFAULT_BUDGET,
    studying: Mapping[str, int] | None = None,
    only_route: int | None = None,
) -> Plan:
    """The quickest plan, in typical elapsed months, to become eligible for ``target_id``
    (by its entry route number ``only_route``, from 0, alone, when given).

    ``current_role`` is a role the person already works in: what it gives is open to them
    whatever its entry requirements. ``studying`` maps codes under way to the months until
    each is due (0 or less: held already). ``use_roles=False`` plans with courses alone.
    The search takes about ``budget`` steps at most (see ``DEFAULT_BUDGET``); past that the
    plan is finished greedily and ``Plan.proven_cheapest`` is False.
    """
    planner = RoutePlanner(
        catalogue,
        quals,
        current_role=current_role,
        use_roles=use_roles,
        budget=budget,
        studying=studying,
    )
    return planner.plan(target_id, only_route=only_route)


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
        studying: Mapping[str, int] | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.engine = engine = engine_for(catalogue)
        studying = dict(studying or {})
        engine.known(studying)
        due = {code for code, months in studying.items() if months <= 0}
        self.current = find_role(catalogue, current_role).id if current_role else None
        # Being in a role is experience: what working in any role builds is held.
        in_role = set(catalogue.from_any_role) if self.current else set()
        self.start_codes = engine.in_order(engine.known(quals) | due | in_role)
        self.start = start = engine.effective_mask(self.start_codes)
        self.use_roles = use_roles
        self.budget = budget
        # Its own list: the cached one may be rebuilt (other catalogues evict it), and the
        # moves are told apart by identity below.
        self._courses = list(_course_moves(engine))
        # Study under way, soonest due first: it takes the study lane until it is due.
        position = {code: index for index, code in enumerate(engine.codes)}
        self._under_way = [
            _Move(
                Step("course", code, catalogue.qualifications_by_code[code].name, (code,),
                     months, under_way=True),
                engine.closure[code],
                None,
                STUDY,
            )
            for code, months in studying.items()
            if months > 0 and engine.closure[code] & ~start
        ]  # fmt: skip
        self._under_way.sort(key=lambda move: (move.step.months, position[move.step.id]))
        self._towards: dict[frozenset[str], _Towards] = {}

    def plan(self, target_id: str, *, only_route: int | None = None) -> Plan:
        """The quickest plan to ``target_id``, or to its entry route number ``only_route``
        (from 0) alone; ``UsageError`` for the person's own role."""
        target = find_role(self.catalogue, target_id)
        if target.id == self.current:
            raise UsageError(
                f"{target.id} is the role the person works in already; plan a move to another"
            )
        towards = self._toward(target)
        engine, start, reachable = self.engine, self.start, towards.reachable
        requires = target.requires if only_route is None else (target.requires[only_route],)
        goals = tuple(engine.mask(route) for route in requires)
        name = self.catalogue.name
        if not any(goal & ~reachable == 0 for goal in goals):
            blocked = tuple(engine.codes_in(goal & ~reachable) for goal in goals)
            return Plan(name, target, self.start_codes, (), None, blocked)
        moves = towards.moves
        relevant = _relevant_codes(goals, moves)
        useful = [move for move in moves if move.gain & relevant]
        search = _Search(
            goals, useful, self._under_way, relevant, self.budget, towards.givers, towards.earliest
        )
        found, proven = search.run(start & relevant)
        timing = _Timing(start, self._under_way, goals)
        # Of the plans found (a greedy finish tries two), the quickest, then the least
        # effort, each in the steady order when that is no slower.
        best: tuple[int, int, list[_Move]] | None = None
        for taken in found:
            order = timing.without_idle(taken)
            steady = timing.in_preferred_order(order, useful)
            if steady != order and timing.finish(steady) <= timing.finish(order):
                order = timing.without_idle(steady)
            finish, effort = timing.finish(order), sum(move.effort for move in order)
            if best is None or (finish, effort) < best[:2]:
                best = (finish, effort, order)
        assert best is not None
        steps = timing.steps(best[2], engine)
        state = start
        for step in steps:
            state |= engine.effective_mask(step.gives)
        met = next(goal for goal in goals if goal & ~state == 0)
        route = next(r for r, goal in zip(requires, goals, strict=True) if goal == met)
        return Plan(name, target, self.start_codes, steps, route, proven_cheapest=proven)

    def _toward(self, target: Role) -> _Towards:
        """The moves open to someone heading for ``target`` (what a role's training gives
        can depend on the track: ``Training.by_track``), roles before courses, and what
        follows from them. On equal months the search keeps the first found, so the
        person's own role comes first, then roles on the target's track, then lower bands."""
        on_track = frozenset(target.tracks)
        found = self._towards.get(on_track)
        if found is not None:
            return found
        roles = (
            [
                (role, _Move(move.step, move.gain, None, WORK) if role.id == self.current else move)
                for role, move in _role_moves(self.engine, on_track)
            ]
            if self.use_roles
            else []
        )
        rank = self.catalogue.band_rank
        # The person's own role first: on a tie, staying in post beats a step down.
        roles.sort(
            key=lambda pair: (
                pair[0].id != self.current,
                not on_track & set(pair[0].tracks),
                rank[pair[0].band],
            )
        )
        moves = [move for _, move in roles] + self._courses
        arriving = 0
        for move in self._under_way:
            arriving |= move.gain
        givers: dict[int, list[_Move]] = {}
        for move in moves:
            for bit in _bits(move.gain):
                givers.setdefault(bit, []).append(move)
        found = _Towards(
            moves,
            _everything_reachable(self.start | arriving, moves),
            _earliest_months(self.start, self._under_way, moves),
            givers,
        )
        self._towards[on_track] = found
        return found


@dataclass(frozen=True)
class _Towards:
    """What planning towards one set of tracks shares between its targets."""

    moves: list[_Move]
    reachable: int
    """Every code some order of open moves reaches."""
    earliest: dict[int, int]
    givers: dict[int, list[_Move]]


@lru_cache(maxsize=16)
def _course_moves(engine: RuleEngine) -> list[_Move]:
    moves = []
    for qualification in engine.catalogue.qualifications:
        if qualification.course_months is not None:
            code = qualification.code
            kind: Literal["course", "experience"] = "course"
            title = qualification.name
            if qualification.gained_through:  # volunteering, a placement: not a course
                kind, title = "experience", f"{title}, through {qualification.gained_through}"
            step = Step(kind, code, title, (code,), qualification.course_months)
            # A course with prerequisites opens, like a role, once one of its routes is met.
            needs = tuple(engine.mask(route) for route in qualification.requires) or None
            lanes = STUDY if qualification.alongside_work else BOTH
            moves.append(_Move(step, engine.closure[code], needs, lanes))
    return moves


@lru_cache(maxsize=64)
def _role_moves(engine: RuleEngine, tracks: frozenset[str] | None) -> list[tuple[Role, _Move]]:
    """A move for each step a role offers someone heading for ``tracks`` (any, when None):
    a role whose experience takes longer than its training offers both."""
    catalogue, moves = engine.catalogue, []
    for index, role in enumerate(catalogue.roles):
        for months, gains in catalogue.role_steps(role, tracks):
            step = Step("role", role.id, role.title, gains, months)
            gain = engine.effective_mask(gains)
            moves.append((role, _Move(step, gain, engine.role_routes(index), WORK)))
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


def _earliest_months(start: int, under_way: list[_Move], moves: list[_Move]) -> dict[int, int]:
    """Per code, the earliest month any plan could hold it: as if each move started as
    soon as what it needs were held and its lane first free, however many ran at once. A
    bound on every plan's months, chains of roles included. Codes are settled in month
    order; a move is looked at again only when a code one of its routes needs is."""
    study = max((move.step.months for move in under_way), default=0)
    free = {WORK: 0, STUDY: study, BOTH: study}
    waiting: dict[int, list[_Move]] = {}
    months: list[tuple[int, int]] = [(0, bit) for bit in _bits(start)]
    months += [(move.step.months, bit) for move in under_way for bit in _bits(move.gain)]
    for move in moves:
        if move.routes is None:
            end = free[move.lanes] + move.step.months
            months += [(end, bit) for bit in _bits(move.gain)]
            continue
        for route in move.routes:
            for bit in _bits(route):
                waiting.setdefault(bit, []).append(move)
    heapq.heapify(months)
    earliest: dict[int, int] = {}
    held, started = 0, set()
    while months:
        month, bit = heapq.heappop(months)
        if bit in earliest:
            continue
        earliest[bit] = month
        held |= bit
        for move in waiting.pop(bit, ()):
            if id(move) in started or not _is_open(move, held):
                continue
            started.add(id(move))
            end = max(month, free[move.lanes]) + move.step.months
            for gained in _bits(move.gain):
                if gained not in earliest:
                    heapq.heappush(months, (end, gained))
    return earliest


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
    """A* over the states of a timeline, within a budget of steps; past the budget, the
    best state so far is finished greedily.

    A state is the relevant codes held, what runs (each move with its months left, study
    under way included) and whether the work lane has been decided at this month (phase
    1) or not (0). At each month something ends, the work lane is decided (start a role,
    or a course that stops work, or leave it), then the study lane (start a course, or
    leave it), then time runs to the next end. Every start worth trying is at such a month:
    a step of any plan can be moved earlier until it starts at month 0 or as another ends.
    Costs are (elapsed months, months of effort), compared in that order.

    Four more cuts keep it small, each leaving some quickest plan to find: a lane left
    idle at a month starts afterwards only a move that was closed then (one open then
    could have started then); a move that another in the same lanes outdoes is not tried
    (``_open_at``); moves whose codes open nothing take turns in a lane (``in_turn``); and
    a plan found greedily first caps every state's bound (no step of a quicker plan ends
    later than it does)."""

    def __init__(
        self,
        goals: tuple[int, ...],
        moves: list[_Move],
        under_way: list[_Move],
        relevant: int,
        budget: int,
        givers: dict[int, list[_Move]],
        earliest: dict[int, int],
    ) -> None:
        self.goals, self.moves, self.relevant, self.budget = goals, moves, relevant, budget
        self.work = 0
        self.every = [*moves, *under_way]
        """Moves by index, then study under way: what a state's running entries name."""
        self.gains = [move.gain & relevant for move in self.every]
        self._ranked: dict[tuple[int, int], _Ranked] = {}
        """Per goal and set of its codes both lanes give: their shares, the cheapest on the
        work lane for what they save the study lane first, and each lane's sum."""
        self._open: dict[int, tuple[list[int], list[int]]] = {}
        self.work_side = [i for i, move in enumerate(moves) if move.lanes & WORK]
        self.study_side = [i for i, move in enumerate(moves) if move.lanes == STUDY]
        # Per goal code: the smallest share of a move's months split over the goal's codes
        # it gives (their sum bounds the months any set of moves giving them takes), the
        # cheapest move giving it by lane: any, the work lane, the study lane (a code no
        # course gives can only come from the work lane, and the other way round), and the
        # earliest month any plan could hold it.
        self.shares: list[dict[int, float]] = []
        self.mixed: list[dict[int, tuple[float, float]]] = []
        """Per goal, its codes both a role and a course give: each lane's smallest share."""
        self.role_only: list[int] = []
        self.course_only: list[int] = []
        self.dearest: dict[int, tuple[int, int, int, int]] = {}
        for goal in goals:
            shares: dict[int, float] = {}
            mixed: dict[int, tuple[float, float]] = {}
            role_only = course_only = 0
            for bit in _bits(goal):
                sides = 0
                least = [_NEVER, _NEVER, _NEVER]
                by_side = [_UNREACHABLE, _UNREACHABLE, _UNREACHABLE]
                for move in givers.get(bit, ()):
                    months = move.step.months
                    share = months / (move.gain & goal).bit_count()
                    shares[bit] = min(shares.get(bit, share), share)
                    side = WORK if move.lanes == WORK else STUDY
                    sides |= side
                    least[0] = min(least[0], months)
                    least[side] = min(least[side], months)
                    by_side[side] = min(by_side[side], share)
                if sides == WORK:
                    role_only |= bit
                elif sides == STUDY:
                    course_only |= bit
                elif sides:
                    mixed[bit] = (by_side[WORK], by_side[STUDY])
                self.dearest[bit] = (
                    least[0],
                    least[WORK] if sides == WORK else -1,
                    least[STUDY] if sides == STUDY else -1,
                    earliest.get(bit, _NEVER),
                )
            self.shares.append(shares)
            self.mixed.append(mixed)
            self.role_only.append(role_only)
            self.course_only.append(course_only)

    def parts(self, free: int) -> _Parts:
        """Per goal, over its codes neither held nor coming (``free`` holds both): the
        shares summed (infinite when a code has no move at all), those of codes only a
        role gives and only a course gives, and the ``_LARGEST`` of their cheapest moves
        and earliest months, each with how many codes have it."""
        parts = []
        for goal, shares, roles_only, courses_only in zip(
            self.goals, self.shares, self.role_only, self.course_only, strict=True
        ):
            total = roles = courses = 0.0
            missing = goal & ~free
            self.work += missing.bit_count()
            if any(bit not in shares for bit in _bits(missing)):
                parts.append((_UNREACHABLE, 0.0, 0.0, _NONE))
                continue
            for bit in _bits(missing):
                share = shares[bit]
                total += share
                if bit & roles_only:
                    roles += share
                elif bit & courses_only:
                    courses += share
            parts.append((total, roles, courses, self._largest(missing)))
        return tuple(parts)

    def _largest(self, missing: int) -> tuple[tuple[int, int], ...]:
        largest = [(0, 0)] * len(_LARGEST)
        for bit in _bits(missing):
            for kind, value in enumerate(self.dearest[bit]):
                top, times = largest[kind]
                if value > top:
                    largest[kind] = (value, 1)
                elif value == top:
                    largest[kind] = (top, times + 1)
        return tuple(largest)

    def parts_after(self, parts: _Parts, free: int, gain: int) -> _Parts:
        """``parts(free | gain)`` from ``parts(free)``, looking only at what ``gain`` takes
        away (and at the rest only when it takes the last code with a largest value)."""
        after = []
        for goal, shares, roles_only, courses_only, part in zip(
            self.goals, self.shares, self.role_only, self.course_only, parts, strict=True
        ):
            total, roles, courses, largest = part
            taken = gain & goal & ~free
            if taken and total != _UNREACHABLE:
                self.work += taken.bit_count()
                counts = [times for _, times in largest]
                rescan = False
                for bit in _bits(taken):
                    share = shares[bit]
                    total -= share
                    if bit & roles_only:
                        roles -= share
                    elif bit & courses_only:
                        courses -= share
                    for kind, value in enumerate(self.dearest[bit]):
                        if value == largest[kind][0]:
                            counts[kind] -= 1
                            rescan = rescan or not counts[kind]
                if rescan:
                    left = goal & ~free & ~gain
                    self.work += left.bit_count()
                    largest = self._largest(left)
                else:
                    largest = tuple(
                        (top, times) for (top, _), times in zip(largest, counts, strict=True)
                    )
            after.append((total, roles, courses, largest))
        return tuple(after)

    def value(
        self, parts: _Parts, held: int, running: _Running, elapsed: int
    ) -> tuple[float, float]:
        """The bound on the months still to elapse, and on the months of effort still to
        spend, from a state ``elapsed`` months in: never more than any plan from it takes,
        so the plan found is the quickest. Per goal, the elapsed bound is the largest of:
        each code still needed, by its cheapest move once a lane is free, and no sooner
        than the earliest month any plan could hold it; the codes only a role gives, one
        after another once the work lane is free, and those only a course gives on the
        study lane; all of them over both lanes; and each code coming, when it comes (or
        sooner, by its cheapest move). Months are whole, so bounds are rounded up (less a
        hair for the sums' rounding)."""
        work = study = coming = 0
        for left, gain, lanes, _ in running:
            if lanes & WORK:
                work = max(work, left)
            if lanes & STUDY:
                study = max(study, left)
            coming |= gain
        low, high = min(work, study), max(work, study)
        best, least_effort = _UNREACHABLE, _UNREACHABLE
        for number, (goal, roles_only, courses_only, part) in enumerate(
            zip(self.goals, self.role_only, self.course_only, parts, strict=True)
        ):
            total, roles, courses, largest = part
            (anyway, _), (by_role, _), (by_course, _), (latest, _) = largest
            if total == _UNREACHABLE or latest == _NEVER:
                continue
            needed = goal & ~held & ~coming
            bound = 0.0
            if needed:
                bound = max(low + anyway, latest - elapsed)
                if needed & roles_only:
                    bound = max(bound, work + by_role)
                if needed & courses_only:
                    bound = max(bound, study + by_course)
                both = low + total if total <= high - low else (total + work + study) / 2
                split = self._lanes(number, needed, needed & roles_only, needed & courses_only,
                                    work + roles, study + courses)  # fmt: skip
                bound = max(bound, both, split)
            arriving = goal & ~held & coming
            if arriving:
                self.work += arriving.bit_count()
                for bit in _bits(arriving):
                    when = min(left for left, gain, _, _ in running if gain & bit)
                    least, _, _, earliest = self.dearest[bit]
                    bound = max(bound, min(when, max(low + least, earliest - elapsed)))
            best = min(best, ceil(bound - 1e-6))
            least_effort = min(least_effort, ceil(total - 1e-6) if needed else 0)
        return best, least_effort

    def _lanes(
        self, number: int, needed: int, roles: int, courses: int, on_work: float, on_study: float
    ) -> float:
        """The months the needed codes take on the two lanes, split between them as
        evenly as can be: a code only a role gives on the work lane (``on_work`` is its
        lane's free month plus their shares), one only a course gives on the study lane,
        and each code both give on either, in part if need be (the codes cheapest on the
        work lane for what they save the study lane go there first). A lane that takes
        nothing counts for nothing, so each lane alone is tried too."""
        either = needed & ~roles & ~courses
        ranked = self._ranked.get((number, either))
        if ranked is None:
            mixed = self.mixed[number]
            ordered = sorted((mixed[bit] for bit in _bits(either)), key=lambda p: p[0] / p[1])
            on_roles = on_courses = 0.0
            for by_role, by_course in ordered:
                on_roles += by_role
                on_courses += by_course
            ranked = self._ranked[number, either] = (tuple(ordered), on_roles, on_courses)
        pairs, on_roles, on_courses = ranked
        self.work += len(pairs)
        best = on_work + on_roles if not courses else _UNREACHABLE
        if not roles:
            best = min(best, on_study + on_courses)
        work, study = on_work, on_study + on_courses
        for by_role, by_course in pairs:
            if work + by_role > study - by_course:  # in part: the lanes meet
                part = (study - work) / (by_role + by_course)
                work, study = work + by_role * part, study - by_course * part
                break
            work, study = work + by_role, study - by_course
        return min(best, max(work, study))

    def run(self, start: int) -> tuple[list[list[_Move]], bool]:
        """The moves of the quickest plan from ``start`` (by start month) and True; or,
        past the budget, two greedy finishes to choose from and False."""
        goals, moves, gains = self.goals, self.moves, self.gains
        first = len(moves)
        root_running = tuple(
            sorted(
                (move.step.months, gains[first + k], STUDY, -1)
                for k, move in enumerate(self.every[first:])
            )
        )
        root: _Key = (start, root_running, 0, -1, -1, -1, -1)
        coming = 0
        for _, gain, _, _ in root_running:
            coming |= gain
        # Moves that take turns: their codes open nothing (only goals need them) and they
        # are open from the start. Two such in a lane, one right after the other, could as
        # well run the other way round (the lane is as busy, and both must end before the
        # goal is met), so they run in turn: the longer first (as the search goes deepest
        # first), then the first listed.
        needs = 0
        for move in moves:
            for route in move.routes or ():
                needs |= route
        self.in_turn = [
            not gains[index] & needs and _is_open(move, start) for index, move in enumerate(moves)
        ]
        bounds = {start | coming: self.parts(start | coming)}
        best: dict[_Key, tuple[int, int]] = {root: (0, 0)}
        came_from: dict[_Key, tuple[_Key, int, int]] = {}
        order = count()
        guess, effort_guess = self.value(bounds[start | coming], start, root_running, 0)
        # A plan found greedily bounds the search: no step of a quicker plan ends later.
        greedy, bound = self._greedy_finish(start, root_running, 0, [])
        # Ties go to the state with the most months elapsed, then spent: nearer a goal,
        # so the equal-month orders of the same steps are not all explored.
        frontier: list[tuple[float, float, int, int, int, _Key]] = [
            (guess, effort_guess, 0, 0, next(order), root)
        ]

        def push(
            parent: _Key, free: int, child: _Key, elapsed: int, effort: int, index: int, at: int
        ) -> None:
            known = best.get(child)
            if known is not None and known <= (elapsed, effort):
                return
            after = free | gains[index] if index >= 0 else free
            parts = bounds.get(after)
            if parts is None:
                parts = bounds[after] = self.parts_after(bounds[free], free, gains[index])
            guess, effort_guess = self.value(parts, child[0], child[1], elapsed)
            if elapsed + guess > bound:
                return
            best[child] = (elapsed, effort)
            came_from[child] = (parent, index, at)
            heapq.heappush(
                frontier,
                (elapsed + guess, effort + effort_guess, -elapsed, -effort, next(order), child),
            )
            self.work += _PUSH_WORK + len(goals)

        def advance(
            parent: _Key,
            free: int,
            state: tuple[int, _Running, int, int],
            elapsed: int,
            effort: int,
            index: int,
        ) -> None:
            """Time runs to the next end: what ends there is held, and a lane it frees is
            open to any move again (in turn after one that takes turns)."""
            held, running, idle_work, idle_study = state
            if not running:
                return  # nothing runs and nothing starts: a dead end
            step = running[0][0]
            rest = []
            after_work = after_study = -1
            for left, gain, lanes, turn in running:
                if left == step:
                    held |= gain
                    if turn >= 0 and lanes & WORK:
                        after_work = turn
                    if turn >= 0 and lanes & STUDY:
                        after_study = turn
                else:
                    rest.append((left - step, gain, lanes, turn))
            child = (held, tuple(rest), 0, idle_work, idle_study, after_work, after_study)
            push(parent, free, child, elapsed + step, effort, index, elapsed)

        while frontier:
            _, _, neg_elapsed, neg_effort, _, key = heapq.heappop(frontier)
            elapsed, effort = -neg_elapsed, -neg_effort
            if best[key] != (elapsed, effort):
                continue  # reached again more cheaply since
            held, running, phase, idle_work, idle_study, after_work, after_study = key
            if any(goal & ~held == 0 for goal in goals):
                return [[move for _, move in self._taken(key, came_from, elapsed)]], True
            if self.work > self.budget:
                # Finish greedily from the most promising state, and from the start in case
                # the search had been led astray; the quicker plan wins.
                here = self._taken(key, came_from, _NEVER)
                return [self._greedy_finish(held, running, elapsed, here)[0], greedy], False
            busy = coming = 0
            for _, gain, lanes, _ in running:
                busy |= lanes
                coming |= gain
            free = held | coming
            # A lane left idle at the last month (``idle_*`` holds what was held then) only
            # starts a move that was closed then: one open then could have started then.
            work_side, study_side = self._open_at(held)
            courses = []
            if not busy & STUDY:
                for index in study_side:
                    self.work += 1
                    if elapsed + moves[index].step.months > bound:
                        continue
                    if idle_study >= 0 and _is_open(moves[index], idle_study):
                        continue
                    if self._out_of_turn(index, after_study):
                        continue
                    if self._worth(index, held, running):
                        courses.append(index)
            # What the study lane's decision is when there is none to make.
            study_idle = -1 if busy & STUDY else held
            if phase == 0:
                idle_work = -1
                if not busy & WORK:
                    started = False
                    for index in work_side:
                        move = moves[index]
                        self.work += 1
                        if elapsed + move.step.months > bound:
                            continue
                        if move.lanes == BOTH:
                            if busy & STUDY or (
                                min(idle_study, key[3]) >= 0 and _is_open(move, idle_study)
                            ):
                                continue
                        elif key[3] >= 0 and _is_open(move, key[3]):
                            continue
                        if self._out_of_turn(index, after_work):
                            continue
                        if not self._worth(index, held, running):
                            continue
                        started = True
                        now = self._running_with(running, index)
                        spent = effort + move.effort
                        if move.lanes == BOTH:  # both lanes taken: nothing else starts
                            advance(key, free, (held, now, -1, -1), elapsed, spent, index)
                        elif courses:
                            child = (held, now, 1, -1, idle_study, -1, after_study)
                            push(key, free, child, elapsed, spent, index, elapsed)
                        else:
                            advance(key, free, (held, now, -1, study_idle), elapsed, spent, index)
                    if started:
                        if courses:
                            child = (held, running, 1, held, idle_study, -1, after_study)
                            push(key, free, child, elapsed, effort, -1, elapsed)
                        else:
                            state = (held, running, held, study_idle)
                            advance(key, free, state, elapsed, effort, -1)
                        continue
                    idle_work = held
            for index in courses:
                move = moves[index]
                now = self._running_with(running, index)
                state = (held, now, idle_work, -1)
                advance(key, free, state, elapsed, effort + move.effort, index)
            advance(key, free, (held, running, idle_work, study_idle), elapsed, effort, -1)
        raise AssertionError("a reachable goal was not found")  # pragma: no cover

    def _open_at(self, held: int) -> tuple[list[int], list[int]]:
        """The moves worth trying with ``held``, for the work lane and for the study lane
        (worked out once for each set of codes held): those open that give a relevant
        code it lacks, less each that another in the same lanes outdoes, giving all it
        gives in no more months (on a tie, the first listed stays). A plan using the one
        outdone does as well with the other in its place."""
        found = self._open.get(held)
        if found is not None:
            return found
        moves, gains = self.moves, self.gains
        self.work += len(moves)
        sides = []
        for side in (self.work_side, self.study_side):
            cheapest: dict[tuple[int, int], int] = {}
            for index in side:
                new = gains[index] & ~held
                if not new or not _is_open(moves[index], held):
                    continue
                kind = (new, moves[index].lanes)
                other = cheapest.get(kind)
                if other is None or moves[index].step.months < moves[other].step.months:
                    cheapest[kind] = index
            ranked = sorted(
                cheapest.values(),
                key=lambda i: (moves[i].step.months, -(gains[i] & ~held).bit_count(), i),
            )
            kept: list[int] = []
            holding: dict[int, list[int]] = {}  # a code: the moves kept that give it
            for index in ranked:
                new, lanes = gains[index] & ~held, moves[index].lanes
                rivals = holding.get(new & -new, ())
                self.work += len(rivals)
                if not any(
                    moves[other].lanes == lanes and new & ~gains[other] == 0 for other in rivals
                ):
                    kept.append(index)
                    for bit in _bits(new):
                        holding.setdefault(bit, []).append(index)
            sides.append(sorted(kept))
        found = self._open[held] = (sides[0], sides[1])
        return found

    def _running_with(self, running: _Running, index: int) -> _Running:
        """What runs once the move numbered ``index`` starts too."""
        move = self.moves[index]
        turn = index if self.in_turn[index] else -1
        return tuple(sorted((*running, (move.step.months, self.gains[index], move.lanes, turn))))

    def _out_of_turn(self, index: int, after: int) -> bool:
        """Whether the move numbered ``index`` would start out of turn right after the
        one numbered ``after`` ended in its lane (-1: none did)."""
        if after < 0 or not self.in_turn[index]:
            return False
        move, other = self.moves[index], self.moves[after]
        return move.lanes == other.lanes and (-move.step.months, index) < (
            -other.step.months,
            after,
        )

    def _worth(self, index: int, held: int, running: _Running) -> bool:
        """Whether a move would give a relevant code sooner than it comes anyway: one not
        held, and not coming from a step that ends no later than it would."""
        new = self.gains[index] & ~held
        months = self.moves[index].step.months
        for left, gain, _, _ in running:
            if left <= months:
                new &= ~gain
        return new != 0

    def _taken(
        self, key: _Key, came_from: dict[_Key, tuple[_Key, int, int]], by: int
    ) -> list[tuple[int, _Move]]:
        """The moves started on the way to ``key`` that end by month ``by``, by start, each
        with the month it starts."""
        taken: list[tuple[int, int]] = []
        while key in came_from:
            key, index, at = came_from[key]
            if index >= 0 and at + self.moves[index].step.months <= by:
                taken.append((at, index))
        return [(at, self.moves[index]) for at, index in sorted(taken)]

    def _greedy_finish(
        self, held: int, running: _Running, now: int, taken: list[tuple[int, _Move]]
    ) -> tuple[list[_Move], int]:
        """From a state, each free lane starts its open move cheapest per missing code of
        the nearest goal, until a goal is met (when no lane can, the open move cheapest per
        relevant code it gives starts): each start gives a relevant code, so at most as
        many starts as there are relevant codes. ``taken`` are the moves started so far
        with their months; the moves that ended by the goal are returned, by start, and
        the month the goal is met."""
        goals, moves, gains = self.goals, self.moves, self.gains
        taken = list(taken)
        runs = list(running)
        while not any(goal & ~held == 0 for goal in goals):
            busy = coming = 0
            for _, gain, lanes, _ in runs:
                busy |= lanes
                coming |= gain
            free = held | coming
            nearest = min(goals, key=lambda goal: (goal & ~free).bit_count())
            for lane, side in ((WORK, self.work_side), (STUDY, self.study_side)):
                if busy & lane:
                    continue
                choice: tuple[float, int] | None = None
                for index in side:
                    move = moves[index]
                    if move.lanes == BOTH and busy & STUDY:
                        continue
                    toward = (gains[index] & ~free & nearest).bit_count()
                    if not toward or not _is_open(move, held):
                        continue
                    score = move.step.months / toward
                    if choice is None or score < choice[0]:
                        choice = (score, index)
                if choice is not None:
                    move = moves[choice[1]]
                    runs.append((move.step.months, gains[choice[1]], move.lanes, -1))
                    taken.append((now, move))
                    busy |= move.lanes
                    free |= gains[choice[1]]
            if not runs:
                fallback: tuple[float, int] | None = None
                for index, move in enumerate(moves):
                    new = gains[index] & ~free
                    if not new or not _is_open(move, held):
                        continue
                    score = move.step.months / new.bit_count()
                    if fallback is None or score < fallback[0]:
                        fallback = (score, index)
                assert fallback is not None, "a reachable goal has an open move toward it"
                move = moves[fallback[1]]
                runs.append((move.step.months, gains[fallback[1]], move.lanes, -1))
                taken.append((now, move))
            step = min(left for left, _, _, _ in runs)
            for left, gain, _, _ in runs:
                if left == step:
                    held |= gain
            runs = [(left - step, gain, lanes, -1) for left, gain, lanes, _ in runs if left != step]
            now += step
        return [move for at, move in taken if at + move.step.months <= now], now


@dataclass(frozen=True)
class _Schedule:
    starts: tuple[int, ...]
    finish: int
    """The month a goal is met, or the last step ends if that is later."""


class _Timing:
    """Moves in a list order, each started as early as its lanes and what it needs allow
    (the lanes take the moves in list order): a plan's months, and its steps."""

    def __init__(self, start: int, under_way: list[_Move], goals: tuple[int, ...]) -> None:
        self.start, self.under_way, self.goals = start, under_way, goals
        self.arriving = 0
        for move in under_way:
            self.arriving |= move.gain

    def schedule(self, order: Sequence[_Move], unused: Set[int] = frozenset()) -> _Schedule | None:
        """When each move starts; None when one never opens or no goal is met. Study under
        way takes the study lane until it is due, and gives its code then (but for those
        numbered in ``unused``)."""
        arrival = dict.fromkeys(_bits(self.start), 0)
        work = study = 0
        for index, move in enumerate(self.under_way):
            due = move.step.months
            study = max(study, due)
            if index not in unused:
                for bit in _bits(move.gain):
                    arrival[bit] = min(arrival.get(bit, due), due)
        starts, last = [], 0
        for move in order:
            ready = 0
            if move.routes is not None:
                ready = min(_held_from(route, arrival) for route in move.routes)
                if ready == _NEVER:
                    return None
            if move.lanes == WORK:
                begin = max(ready, work)
            elif move.lanes == STUDY:
                begin = max(ready, study)
            else:
                begin = max(ready, work, study)
            end = begin + move.step.months
            if move.lanes & WORK:
                work = end
            if move.lanes & STUDY:
                study = end
            for bit in _bits(move.gain):
                if arrival.get(bit, _NEVER) > end:
                    arrival[bit] = end
            starts.append(begin)
            last = max(last, end)
        met = min(_held_from(goal, arrival) for goal in self.goals)
        return None if met == _NEVER else _Schedule(tuple(starts), max(met, last))

    def finish(self, order: Sequence[_Move]) -> int:
        timed = self.schedule(order)
        assert timed is not None
        return timed.finish

    def without_idle(self, order: Sequence[_Move]) -> list[_Move]:
        """``order`` less every move it can do without: first each that gives nothing new
        when it ends, then (up to ``_PRUNED_UP_TO`` moves) each the rest meet a goal as soon
        without."""
        kept = list(order)
        while True:
            kept = self._giving(kept)
            if len(kept) > _PRUNED_UP_TO:
                return kept  # trying each removal costs the square of the length
            finish, dropped = self.finish(kept), False
            for index in reversed(range(len(kept))):
                trial = kept[:index] + kept[index + 1 :]
                timed = self.schedule(trial)
                if timed is not None and timed.finish <= finish:
                    kept, finish, dropped = trial, timed.finish, True
            if not dropped:
                return kept

    def _giving(self, order: list[_Move]) -> list[_Move]:
        """``order`` less each move that gives nothing new when it ends, until none does
        (moving the rest earlier can leave another with nothing new)."""
        while True:
            events = self._events(order)
            held, keep = self.start, [True] * len(order)
            for _, kind, index in events:
                move = self.under_way[index] if kind == 0 else order[index]
                if kind == 1 and not move.gain & ~held:
                    keep[index] = False
                held |= move.gain
            if all(keep):
                return order
            order = [move for move, kept in zip(order, keep, strict=True) if kept]

    def _events(self, order: Sequence[_Move]) -> list[tuple[int, int, int]]:
        """Every end in month order: study under way first, then moves in list order."""
        timed = self.schedule(order)
        assert timed is not None
        ends = [(move.step.months, 0, index) for index, move in enumerate(self.under_way)]
        ends += [
            (begin + move.step.months, 1, index)
            for index, (begin, move) in enumerate(zip(timed.starts, order, strict=True))
        ]
        return sorted(ends)

    def in_preferred_order(self, order: list[_Move], moves: list[_Move]) -> list[_Move]:
        """The same moves in a steady order, so the wording of a plan does not hang on how
        the search broke ties: roles in ``moves`` order, then courses shortest first, each
        as soon as what it needs is listed before it."""
        rank = {id(move): index for index, move in enumerate(moves)}

        def preference(move: _Move) -> tuple[bool, int, int]:
            course = move.step.kind != "role"
            return course, move.step.months if course else 0, rank[id(move)]

        left, state, ordered = sorted(order, key=preference), self.start | self.arriving, []
        while left:
            move = next(move for move in left if _is_open(move, state))
            left.remove(move)
            ordered.append(move)
            state |= move.gain
        return ordered

    def steps(self, order: list[_Move], engine: RuleEngine) -> tuple[Step, ...]:
        """The plan's steps by start month, each naming the codes it newly gives. Study
        under way is a step when the plan relies on it, or when a course of the plan starts
        as it ends (it held the study lane)."""
        timed = self.schedule(order)
        assert timed is not None
        unused: set[int] = set()
        for index in reversed(range(len(self.under_way))):  # the latest due first
            trial = self.schedule(order, unused | {index})
            if trial is not None and trial.finish <= timed.finish:
                unused.add(index)
        shown = set(range(len(self.under_way))) - unused
        for index in unused:
            due = self.under_way[index].step.months
            if any(
                begin == due and other.lanes & STUDY
                for begin, other in zip(timed.starts, order, strict=True)
            ):
                shown.add(index)
        held, fresh = self.start, {}
        for _, kind, index in self._events(order):
            if kind == 0 and index not in shown:
                continue  # the plan does without it: its steps say what they give
            move = self.under_way[index] if kind == 0 else order[index]
            fresh[kind, index] = tuple(
                code for code in move.step.gives if engine.closure[code] & ~held
            )
            held |= move.gain
        first = -len(self.under_way)
        entries = [
            (0, True, first + index, move.step, fresh[0, index])
            for index, move in enumerate(self.under_way)
            if index in shown and fresh[0, index]
        ]
        entries += [
            (begin, move.step.kind != "role", index, move.step, fresh[1, index])
            for index, (begin, move) in enumerate(zip(timed.starts, order, strict=True))
        ]
        entries.sort(key=lambda entry: entry[:3])
        return tuple(
            Step(step.kind, step.id, step.title, gives, step.months, begin, step.under_way)
            for begin, _, _, step, gives in entries
        )


def _held_from(route: int, arrival: dict[int, int]) -> int:
    """The month every code of ``route`` is held, given when each arrives."""
    return max((arrival.get(bit, _NEVER) for bit in _bits(route)), default=0)


def _bits(mask: int) -> Iterator[int]:
    while mask:
        bit = mask & -mask
        yield bit
        mask ^= bit
