"""Why a role is or is not open to a person: each entry route, requirement by requirement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Literal

from careermap.engine import RoleResult, RouteResult, RuleEngine, engine_for
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


def explain(catalogue: Catalogue, role_id: str, quals: Iterable[str]) -> Explanation:
    """Why ``role_id`` is or is not open to a person holding ``quals`` (codes)."""
    role = find_role(catalogue, role_id)
    engine = engine_for(catalogue)
    evaluation = engine.evaluate(quals)
    result = evaluation.result_for(role.id)
    held = engine.in_order(evaluation.held)
    routes = tuple(
        RouteExplanation(
            route, tuple(_check(catalogue, engine, held, code) for code in route.requires)
        )
        for route in result.routes
    )
    return Explanation(catalogue.name, result, held, routes)


def _check(
    catalogue: Catalogue, engine: RuleEngine, held: tuple[str, ...], code: str
) -> RequirementCheck:
    name = catalogue.qualifications_by_code[code].name
    if code in held:
        return RequirementCheck(code, name, met=True)
    for other in held:
        if engine.closure[other] & engine.bit[code]:
            return RequirementCheck(code, name, met=True, via=other)
    routes = catalogue.qualifications_by_code[code].requires
    effective = engine.effective_mask(held)
    if any(engine.mask(route) & ~effective == 0 for route in routes):
        routes = ()  # the course is open to them now
    return RequirementCheck(code, name, met=False, needs_first=routes)
