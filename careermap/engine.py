"""The rule engine: who is eligible for which role, and what is still missing.

Codes are bit positions and each entry route is a bit mask, so testing a route is one
AND. Results depend only on the set of codes a person effectively holds (after "counts
as"), so they are cached per set: a whole team usually shares a few dozen such sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from careermap.cover import minimum_cover
from careermap.errors import UnknownQualificationError
from careermap.lookup import closest_match, find_band, find_role
from careermap.memo import per_catalogue
from careermap.models import Catalogue, Role

_CACHE_LIMIT = 1 << 16


class Status(StrEnum):
    """Where a role stands for a person: the one definition every output uses."""

    ELIGIBLE = "eligible"
    ONE_AWAY = "one-away"
    """Not eligible, but one code (possibly one that counts as several) would make it so."""
    FURTHER = "further"


@dataclass(frozen=True)
class RouteResult:
    """One entry route of a role, as it stands for one person."""

    requires: tuple[str, ...]
    missing: tuple[str, ...]
    """The fewest codes that would complete this route; empty when it is met."""

    @property
    def met(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
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
class Evaluation:
    """Every role of a catalogue, evaluated for one set of qualifications."""

    held: frozenset[str]
    """The codes as given."""
    effective: frozenset[str]
    """The codes held once "counts as" is followed (ILM7 also gives ILM5 and ILM3)."""
    results: tuple[RoleResult, ...]
    """One per role, in catalogue order."""

    @property
    def eligible(self) -> tuple[RoleResult, ...]:
        return tuple(result for result in self.results if result.eligible)

    def result_for(self, role_id: str) -> RoleResult:
        """The result for ``role_id``; ``KeyError`` for a role the catalogue lacks."""
        return self._by_id[role_id]

    @cached_property
    def _by_id(self) -> dict[str, RoleResult]:
        return {result.role.id: result for result in self.results}


class RuleEngine:
    """A catalogue compiled to bit masks. Build one with ``engine_for``."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.codes = tuple(q.code for q in catalogue.qualifications)
        self.bit = {code: 1 << index for index, code in enumerate(self.codes)}
        self.closure = {code: self._closure_mask(code) for code in self.codes}
        self._closures = tuple(self.closure[code] for code in self.codes)
        self.role_index = {role.id: index for index, role in enumerate(catalogue.roles)}
        self._routes = tuple(
            tuple(self.mask(route) for route in role.requires) for role in catalogue.roles
        )
        self._outcomes: dict[int, tuple[frozenset[str], tuple[RoleResult, ...]]] = {}
        self._covers: dict[int, tuple[str, ...]] = {}
        self._statuses: dict[int, MaskStatus] = {}
        self._flat_routes = tuple(
            (index, route) for index, masks in enumerate(self._routes) for route in masks
        )
        # coverers[bit]: the codes whose "counts as" closure includes that bit.
        self._coverers: dict[int, int] = {}
        for code in self.codes:
            bits = self.closure[code]
            while bits:
                bit = bits & -bits
                self._coverers[bit] = self._coverers.get(bit, 0) | self.bit[code]
                bits ^= bit
        self._widest = max((self.closure[code].bit_count() for code in self.codes), default=0)

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
        effective, results = self._outcome(self.effective_mask(held_codes))
        return Evaluation(held=held_codes, effective=effective, results=results)

    def _outcome(self, effective: int) -> tuple[frozenset[str], tuple[RoleResult, ...]]:
        cached = self._outcomes.get(effective)
        if cached is None:
            if len(self._outcomes) >= _CACHE_LIMIT:
                self._outcomes.clear()
            results = tuple(
                self._role_result(role, masks, effective)
                for role, masks in zip(self.catalogue.roles, self._routes, strict=True)
            )
            cached = self._outcomes[effective] = (frozenset(self.codes_in(effective)), results)
        return cached

    def role_result(self, index: int, effective: int) -> RoleResult:
        """One role's result (the catalogue's role number ``index``) for an effective mask."""
        return self._role_result(self.catalogue.roles[index], self._routes[index], effective)

    def _role_result(self, role: Role, masks: tuple[int, ...], effective: int) -> RoleResult:
        routes = tuple(
            RouteResult(requires, self._in_route_order(requires, self.cover(mask & ~effective)))
            for requires, mask in zip(role.requires, masks, strict=True)
        )
        closest = min(range(len(routes)), key=lambda index: len(routes[index].missing))
        return RoleResult(role, routes, closest)

    def status(self, effective: int) -> MaskStatus:
        """Every role's status for an effective mask, without building full results.

        The same answer as ``RoleResult.status`` (a property test holds them together),
        at a fraction of the cost: a team report needs only the counts.
        """
        cached = self._statuses.get(effective)
        if cached is None:
            if len(self._statuses) >= _CACHE_LIMIT:
                self._statuses.clear()
            cached = self._statuses[effective] = self._mask_status(effective)
        return cached

    def _mask_status(self, effective: int) -> MaskStatus:
        lacking = ~effective
        eligible: set[int] = set()
        single: dict[int, int] = {}
        coverers, widest = self._coverers, self._widest
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

    def _in_route_order(self, route: tuple[str, ...], codes: tuple[str, ...]) -> tuple[str, ...]:
        """Show missing codes in the order the route lists them; stand-ins go last."""
        if len(codes) < 2:
            return codes
        order = {code: position for position, code in enumerate(route)}
        return tuple(sorted(codes, key=lambda code: order.get(code, len(order))))

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
            cached = self._covers[needed] = self._exact_cover(needed)
        return cached

    def _exact_cover(self, needed: int) -> tuple[str, ...]:
        chosen = minimum_cover(needed, self._closures)
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
