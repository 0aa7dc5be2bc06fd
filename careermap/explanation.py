"""Why a role is or is not open to a person: each entry route, requirement by requirement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

from careermap.eligibility import RoleRow, assess_roles, in_role
from careermap.engine import RoleResult, RouteResult, RuleEngine, engine_for
from careermap.holdings import Agreed, Holdings, StudyItem
from careermap.lookup import find_role
from careermap.models import Catalogue, Role
from careermap.subject import Kind


@dataclass(frozen=True)
class RequirementCheck:
    """One code of an entry route: met or not, and how."""

    code: str
    name: str
    met: bool
    via: str | None = None
    """The held code that meets it through "counts as"; None when held directly or unmet."""
    needs_first: tuple[tuple[str, ...], ...] = ()
    """When unmet: what its course needs first that the person does not yet have (the
    course's prerequisite routes); () when its course is open to them or it has none."""
    under_way: StudyItem | None = None
    """When unmet: the study under way that will meet it (through ``via``, if another
    code); None when none will."""
    or_equivalent: bool = False
    """When unmet: the map says "or equivalent" of it for this role, so an equivalent
    agreed with the person's manager may stand in."""
    agreed: str | None = None
    """When met through an agreed equivalent: what it is and when it was agreed."""


@dataclass(frozen=True)
class RouteExplanation:
    """One entry route, with each of its requirements checked."""

    route: RouteResult
    checks: tuple[RequirementCheck, ...]

    @property
    def met(self) -> bool:
        return self.route.met

    @property
    def missing(self) -> tuple[str, ...]:
        """The fewest codes that would complete this route."""
        return self.route.missing


@dataclass(frozen=True)
class Explanation:
    """A role's entry routes, checked against what a person holds."""

    catalogue: str
    result: RoleResult
    held: tuple[str, ...]
    routes: tuple[RouteExplanation, ...]
    row: RoleRow
    """The role as ``check`` shows it: open now or from a date, the gap and its months."""
    kind: ClassVar[Literal[Kind.EXPLANATION]] = Kind.EXPLANATION

    @property
    def role(self) -> Role:
        return self.result.role

    @property
    def closest(self) -> int:
        return self.result.closest

    @property
    def eligible(self) -> bool:
        return self.result.eligible

    @property
    def missing(self) -> tuple[str, ...]:
        return self.result.missing


def explain(
    catalogue: Catalogue,
    role_id: str,
    quals: Iterable[str],
    *,
    studying: Iterable[StudyItem] = (),
    as_of: date | None = None,
    agreed: Iterable[Agreed] = (),
    current_role: str | None = None,
) -> Explanation:
    """Why ``role_id`` is or is not open to a person holding ``quals`` (codes), with the
    study under way (due by ``as_of``, today unless given, it counts as held). The closest
    route is the one the cheapest plan meets, as ``check`` and ``path`` have it."""
    role = find_role(catalogue, role_id)
    engine = engine_for(catalogue)
    holdings = Holdings.on(as_of or date.today(), quals, studying, agreed)
    (row,), _ = assess_roles(catalogue, [role], holdings, current_role=current_role)
    assert row.result is not None
    # The requirements are checked against what the row was worked out from.
    holdings = in_role(catalogue, holdings, current_role)
    held = engine.in_order(holdings.held)
    effective = engine.effective_mask(held)
    under_way = {item.code: item for item in holdings.studying}
    routes = tuple(
        RouteExplanation(
            route,
            tuple(
                _check(catalogue, engine, role, holdings, held, effective, under_way, code)
                for code in route.requires
            ),
        )
        for route in row.result.routes
    )
    return Explanation(catalogue.name, row.result, held, routes, row)


def _check(
    catalogue: Catalogue,
    engine: RuleEngine,
    role: Role,
    holdings: Holdings,
    held: tuple[str, ...],
    effective: int,
    under_way: dict[str, StudyItem],
    code: str,
) -> RequirementCheck:
    name = catalogue.qualifications_by_code[code].name
    equivalent = code in role.or_equivalent
    if code in holdings.held:
        return RequirementCheck(code, name, met=True, agreed=holdings.agreed_note(code))
    for other in held:
        if engine.closure[other] & engine.bit[code]:
            return RequirementCheck(
                code, name, met=True, via=other, agreed=holdings.agreed_note(other)
            )
    for other, item in under_way.items():
        if engine.closure[other] & engine.bit[code]:
            via = None if other == code else other
            return RequirementCheck(
                code, name, met=False, via=via, under_way=item, or_equivalent=equivalent
            )
    routes = catalogue.qualifications_by_code[code].requires
    if any(engine.mask(route) & ~effective == 0 for route in routes):
        routes = ()  # the course is open to them now
    return RequirementCheck(code, name, met=False, needs_first=routes, or_equivalent=equivalent)
