"""The rule engine: who is eligible for which role, and what is still missing.

Codes are bit positions and each entry route is a bit mask, so testing a route is one
AND. Results depend only on the set of codes a person effectively holds (after "counts
as"), so each set's answer is kept as a compact record (which roles are open, and each
role's closest route), in caches bounded by the map's size: a whole team usually shares
a few dozen sets, and a run over thousands of distinct people keeps a fixed amount of
memory. The result objects a caller reads are built from the record when first asked
for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from careermap.cover import minimum_cover
from careermap.errors import UnknownQualificationError
from careermap.lookup import closest_match, find_band, find_role
from careermap.memo import Bounded, per_catalogue
from careermap.models import Catalogue, Role

_ROLE_SLOTS = 1 << 21
"""How many roles' worth of per-set records each cache may hold: about 16 MB of records
(2,000 sets on a 1,000-role map, 160,000 on the shipped one)."""
_COVER_LIMIT = 1 << 16
"""Minimum covers kept, by the mask of codes needed; each is a few codes."""


class Status(StrEnum):
    """Where a role stands for a person: the one definition every output uses."""

    ELIGIBLE = "eligible"
    ONE_AWAY = "one-away"
    """Not eligible, but one code (possibly one that counts as several) would make it so."""
    FURTHER = "further"


@dataclass(frozen=True, slots=True)
class RouteResult:
    """One entry route of a role, as it stands for one person."""

    requires: tuple[str, ...]
    missing: tuple[str, ...]
    """The fewest codes that would complete this route; empty when it is met."""

    @property
    def met(self) -> bool:
        return not self.missing


@dataclass(frozen=True, slots=True)
class RoleResult:
    """A role's eligibility for one person."""

    role: Role
    routes: tuple[RouteResult, ...]
    closest: int
    """Index of the route with the fewest missing codes (the first listed on a tie)."""

    @property
    def eligible(self) -> bool:
        return self.routes[self.closest].met

    @property
    def missing(self) -> tuple[str, ...]:
        """The fewest codes that would make the person eligible."""
        return self.routes[self.closest].missing

    @property
    def status(self) -> Status:
        return status_for(len(self.missing))


def status_for(missing_count: int) -> Status:
    """The status of a role whose closest route lacks ``missing_count`` codes."""
    if missing_count == 0:
        return Status.ELIGIBLE
    return Status.ONE_AWAY if missing_count == 1 else Status.FURTHER


@dataclass(frozen=True)
class MaskStatus:
    """Every role's status for one effective mask, as role indexes (catalogue order)."""

    eligible: tuple[int, ...]
    one_away: dict[int, int]
    """Role index -> mask of the codes that alone would make the person eligible."""


@dataclass(frozen=True)
class _Record:
    """One effective set's answer, compactly: what ``RoleResult`` objects are built from."""

    eligible: int
    """Bit ``i`` set when the catalogue's role number ``i`` is open."""
    closest: tuple[int, ...]
    """Per role, the index of its route with the fewest missing codes (first on a tie)."""


@dataclass(frozen=True)
class CompiledRoute:
    """One entry route, compiled: its mask, and how to list what it lacks."""

    requires: tuple[str, ...]
    mask: int
    in_order: tuple[tuple[int, str], ...]
    """Its codes' bits and codes, in the order the route lists them."""
    position: dict[str, int]
    simple: bool
    """No code counts as two of the route's codes, so what is missing is exactly the
    codes lacking: no cover to search for."""


@dataclass(frozen=True)
class Evaluation:
    """Every role of a catalogue, evaluated for one set of qualifications.

    The results are built when first read (``results``, ``eligible``, ``result_for``),
    so an evaluation that is only counted costs no more than its record.
    """

    held: frozenset[str]
    """The codes as given."""
    effective: frozenset[str]
    """The codes held once "counts as" is followed (ILM7 also gives ILM5 and ILM3)."""
    _catalogue: Catalogue = field(repr=False)
    """Compared too (by value): the same codes on another map are another evaluation."""
    _engine: RuleEngine = field(repr=False, compare=False)
    _mask: int = field(repr=False, compare=False)
    _record: _Record = field(repr=False, compare=False)

    @cached_property
    def results(self) -> tuple[RoleResult, ...]:
        """One per role, in catalogue order."""
        build, mask = self._engine.build_result, self._mask
        return tuple(
            build(index, mask, closest) for index, closest in enumerate(self._record.closest)
        )

    @property
    def eligible(self) -> tuple[RoleResult, ...]:
        """The results of the roles open now, in catalogue order."""
        open_roles = self._record.eligible
        if "results" in self.__dict__:
            return tuple(r for i, r in enumerate(self.results) if open_roles >> i & 1)
        return tuple(
            self._result(index)
            for index in range(len(self._record.closest))
            if open_roles >> index & 1
        )

    def result_for(self, role_id: str) -> RoleResult:
        """The result for ``role_id``; ``KeyError`` for a role the catalogue lacks."""
        return self._result(self._engine.role_index[role_id])

    def _result(self, index: int) -> RoleResult:
        if "results" in self.__dict__:
            return self.results[index]
        return self._engine.build_result(index, self._mask, self._record.closest[index])


class RuleEngine:
    """A catalogue compiled to bit masks. Build one with ``engine_for``."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.codes = tuple(q.code for q in catalogue.qualifications)
        self.bit = {code: 1 << index for index, code in enumerate(self.codes)}
        self.closure = {code: self._closure_mask(code) for code in self.codes}
        self.closures = tuple(self.closure[code] for code in self.codes)
        self.role_index = {role.id: index for index, role in enumerate(catalogue.roles)}
        self._routes = tuple(
            tuple(self.mask(route) for route in role.requires) for role in catalogue.roles
        )
        per_set = max(16, _ROLE_SLOTS // max(1, len(catalogue.roles)))
        self._records: Bounded[int, _Record] = Bounded(per_set)
        self._statuses: Bounded[int, MaskStatus] = Bounded(per_set)
        self._covers: Bounded[int, tuple[str, ...]] = Bounded(_COVER_LIMIT)
        self._flat_routes = tuple(
            (index, route) for index, masks in enumerate(self._routes) for route in masks
        )
        self.coverers: dict[int, int] = {}
        """Per code's bit: the codes whose "counts as" closure includes it (itself too)."""
        for code in self.codes:
            bits = self.closure[code]
            while bits:
                bit = bits & -bits
                self.coverers[bit] = self.coverers.get(bit, 0) | self.bit[code]
                bits ^= bit
        self._widest = max((self.closure[code].bit_count() for code in self.codes), default=0)
        self.compiled = tuple(
            tuple(self._compile(route) for route in role.requires) for role in catalogue.roles
        )
        self._flat_compiled = tuple(
            (index, number, route.mask, route.simple)
            for index, routes in enumerate(self.compiled)
            for number, route in enumerate(routes)
        )

    def mask(self, codes: Iterable[str]) -> int:
        mask = 0
        for code in codes:
            mask |= self.bit[code]
        return mask

    def in_order(self, codes: Iterable[str]) -> tuple[str, ...]:
        """Known ``codes`` in catalogue order, the order every output lists them in."""
        return self.codes_in(self.mask(codes))

    def codes_in(self, mask: int) -> tuple[str, ...]:
        """The codes of ``mask`` in catalogue order."""
        return tuple(code for code in self.codes if mask & self.bit[code])

    def effective_mask(self, held: Iterable[str]) -> int:
        mask = 0
        for code in held:
            mask |= self.closure[code]
        return mask

    def known(self, codes: Iterable[str]) -> frozenset[str]:
        """``codes`` as a set, raising ``UnknownQualificationError`` for any it lacks."""
        held = frozenset(codes)
        unknown = held - self.bit.keys()
        if unknown:
            suggestions = {code: closest_match(code, self.codes) for code in unknown}
            raise UnknownQualificationError(
                sorted(unknown), {code: hint for code, hint in suggestions.items() if hint}
            )
        return held

    def counts_as(self, code: str) -> tuple[str, ...]:
        """The other codes ``code`` counts as (followed transitively), in catalogue order."""
        return self.codes_in(self.closure[code] & ~self.bit[code])

    def role_routes(self, index: int) -> tuple[int, ...]:
        """Entry route masks of the catalogue's role number ``index``."""
        return self._routes[index]

    def evaluate(self, held: Iterable[str]) -> Evaluation:
        held_codes = self.known(held)
        mask = self.effective_mask(held_codes)
        effective = frozenset(self.codes_in(mask))
        return Evaluation(held_codes, effective, self.catalogue, self, mask, self.record(mask))

    def evaluation_from(
        self, held: frozenset[str], effective: int, eligible: int, closest: tuple[int, ...]
    ) -> Evaluation:
        """The evaluation for codes already checked, from a record worked out elsewhere
        (``careermap.bulk``); the record is kept as if worked out here."""
        record = self._records.get(effective) or self._records.put(
            effective, _Record(eligible, closest)
        )
        effective_codes = frozenset(self.codes_in(effective))
        return Evaluation(held, effective_codes, self.catalogue, self, effective, record)

    def record(self, effective: int) -> _Record:
        """The compact answer for an effective mask: which roles are open, and each
        role's closest route. Only route sizes are needed, so a route where "counts as"
        leaves no choice costs one AND and a bit count."""
        cached = self._records.get(effective)
        if cached is not None:
            return cached
        lacking, cover = ~effective, self.cover
        roles = len(self.compiled)
        fewest, closest = [len(self.codes) + 1] * roles, [0] * roles
        for index, number, mask, simple in self._flat_compiled:  # the hot loop: kept flat
            needed = mask & lacking
            count = (needed.bit_count() if simple else len(cover(needed))) if needed else 0
            if count < fewest[index]:
                fewest[index], closest[index] = count, number
        eligible = 0
        for index, count in enumerate(fewest):
            if not count:
                eligible |= 1 << index
        return self._records.put(effective, _Record(eligible, tuple(closest)))

    def meets(self, index: int, effective: int) -> bool:
        """Whether an effective mask meets the catalogue's role number ``index``."""
        return any(not route.mask & ~effective for route in self.compiled[index])

    def closest_route(self, index: int, effective: int) -> int:
        """Role number ``index``'s closest route for an effective mask, as ``record``
        picks it (the first with the fewest missing), worked out for that role alone: a
        team asks of one role for thousands of sets, a record covers every role."""
        cached = self._records.get(effective)
        if cached is not None:
            return cached.closest[index]
        lacking, fewest, closest = ~effective, len(self.codes) + 1, 0
        for number, route in enumerate(self.compiled[index]):
            needed = route.mask & lacking
            count = (
                (needed.bit_count() if route.simple else len(self.cover(needed))) if needed else 0
            )
            if count < fewest:
                fewest, closest = count, number
        return closest

    def missing_for(self, index: int, effective: int) -> tuple[str, ...]:
        """What the catalogue's role number ``index`` still needs for an effective mask:
        its closest route's fewest codes, without the other routes' (``role_result``
        works out every route, which a count of many roles does not need)."""
        route = self.compiled[index][self.closest_route(index, effective)]
        return self._missing(route, route.mask & ~effective)

    def role_result(self, index: int, effective: int) -> RoleResult:
        """One role's result (the catalogue's role number ``index``) for an effective mask."""
        return self.build_result(index, effective, self.closest_route(index, effective))

    def build_result(self, index: int, effective: int, closest: int) -> RoleResult:
        """Role number ``index``'s result object, its closest route already known."""
        lacking = ~effective
        routes = tuple(
            RouteResult(route.requires, self._missing(route, route.mask & lacking))
            for route in self.compiled[index]
        )
        return RoleResult(self.catalogue.roles[index], routes, closest)

    def _missing(self, route: CompiledRoute, needed: int) -> tuple[str, ...]:
        """The fewest codes completing ``route``, in the order the route lists them;
        stand-ins (a code counting as a needed one) go last."""
        if not needed:
            return ()
        if route.simple:
            return tuple(code for bit, code in route.in_order if needed & bit)
        codes = self.cover(needed)
        if len(codes) < 2:
            return codes
        position, last = route.position, len(route.position)
        return tuple(sorted(codes, key=lambda code: position.get(code, last)))

    def _compile(self, requires: tuple[str, ...]) -> CompiledRoute:
        bits = tuple(self.bit[code] for code in requires)
        # When no code counts as two of the route's codes, the fewest codes completing it
        # are the lacking ones themselves (the cover's tie-break prefers them). A code
        # counting as two of them is among the codes covering each: one pass over the
        # route, not over every code (2,000 codes x 9,000 routes took 5 s).
        simple, covering = True, 0
        for bit in dict.fromkeys(bits):
            if self.coverers[bit] & covering:
                simple = False
                break
            covering |= self.coverers[bit]
        position = {code: number for number, code in enumerate(requires)}
        return CompiledRoute(
            requires, self.mask(requires), tuple(zip(bits, requires, strict=True)), position, simple
        )

    def status(self, effective: int) -> MaskStatus:
        """Every role's status for an effective mask, without building full results.

        The same answer as ``RoleResult.status`` (a property test holds them together),
        at a fraction of the cost: a team report needs only the counts.
        """
        cached = self._statuses.get(effective)
        if cached is None:
            cached = self._statuses.put(effective, self._mask_status(effective))
        return cached

    def _mask_status(self, effective: int) -> MaskStatus:
        lacking = ~effective
        eligible: set[int] = set()
        single: dict[int, int] = {}
        coverers, widest = self.coverers, self._widest
        for index, route in self._flat_routes:
            missing = route & lacking
            if not missing:
                eligible.add(index)
            elif missing.bit_count() <= widest:  # no one code can cover more than that
                codes = -1
                while missing and codes:
                    bit = missing & -missing
                    codes &= coverers[bit]
                    missing ^= bit
                if codes:
                    single[index] = single.get(index, 0) | codes
        one_away = {index: codes for index, codes in single.items() if index not in eligible}
        return MaskStatus(tuple(sorted(eligible)), one_away)

    def cover(self, needed: int) -> tuple[str, ...]:
        """The fewest codes whose "counts as" closures together cover ``needed``.

        Usually that is the needed codes themselves, but one code can stand for several
        (a Master's counts as a degree), so this is a set cover (``careermap.cover``):
        exact where "counts as" leaves no real choice, bounded in time where it does.
        Ties go to the needed codes themselves, then to catalogue order.
        """
        if not needed:
            return ()
        cached = self._covers.get(needed)
        if cached is None:
            cached = self._covers.put(needed, self._exact_cover(needed))
        return cached

    def _exact_cover(self, needed: int) -> tuple[str, ...]:
        chosen = minimum_cover(needed, self.closures)
        return tuple(self.codes[index] for index in chosen)

    def _closure_mask(self, code: str) -> int:
        mask, stack = 0, [code]
        while stack:
            current = stack.pop()
            if not mask & self.bit[current]:
                mask |= self.bit[current]
                stack.extend(self.catalogue.qualifications_by_code[current].satisfies)
        return mask


engine_for = per_catalogue(RuleEngine)


def evaluate(catalogue: Catalogue, quals: Iterable[str]) -> Evaluation:
    """Evaluate every role of ``catalogue`` for a person holding ``quals`` (codes)."""
    return engine_for(catalogue).evaluate(quals)


def next_roles_from_band(catalogue: Catalogue, band: str) -> tuple[Role, ...]:
    """Roles in the lowest band above ``band`` that has any roles."""
    current = find_band(catalogue, band)
    rank = catalogue.band_rank[current]
    above = [role for role in catalogue.roles if catalogue.band_rank[role.band] > rank]
    if not above:
        return ()
    next_rank = min(catalogue.band_rank[role.band] for role in above)
    return tuple(role for role in above if catalogue.band_rank[role.band] == next_rank)


def next_roles_from_role(catalogue: Catalogue, role_id: str) -> tuple[Role, ...]:
    """The roles ``role_id`` progresses to, as the catalogue lists them."""
    role = find_role(catalogue, role_id)
    return tuple(catalogue.roles_by_id[target] for target in role.progresses_to)
