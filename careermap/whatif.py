"""What a qualification would do: for a person, the roles it would open and the roles it
would bring closer; for the map, every role whose entry routes it counts towards."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Literal

from careermap.engine import engine_for
from careermap.models import Catalogue, Role
from careermap.subject import Kind


@dataclass(frozen=True)
class RoleShift:
    """A role before and after: the codes still missing (empty: eligible)."""

    role: Role
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class Unlocks:
    catalogue: str
    codes: tuple[str, ...]
    """The qualifications added, in catalogue order."""
    held: tuple[str, ...] | None
    """What the person holds, in catalogue order; None for the map as a whole."""
    opens: tuple[RoleShift, ...]
    """Roles the person would become eligible for, lowest band first."""
    closer: tuple[RoleShift, ...]
    """Roles still out of reach but with fewer codes missing."""
    counts_towards: tuple[Role, ...]
    """Every role with an entry route the codes count towards ("counts as" followed)."""
    kind: ClassVar[Literal[Kind.UNLOCKS]] = Kind.UNLOCKS


def unlocks(
    catalogue: Catalogue, codes: Iterable[str], held: Iterable[str] | None = None
) -> Unlocks:
    """What ``codes`` would open for someone holding ``held`` (None: the whole map)."""
    engine = engine_for(catalogue)
    added = frozenset(codes)
    reach = engine.effective_mask(added)
    roles = catalogue.roles_in_band_order()
    counts_towards = tuple(
        role for role in roles if any(reach & engine.mask(route) for route in role.requires)
    )
    opens: list[RoleShift] = []
    closer: list[RoleShift] = []
    if held is not None:
        held = frozenset(held)
        before, after = engine.evaluate(held), engine.evaluate(held | added)
        for role in roles:
            was, now = before.result_for(role.id).missing, after.result_for(role.id).missing
            if was and not now:
                opens.append(RoleShift(role, was, now))
            elif now and len(now) < len(was):
                closer.append(RoleShift(role, was, now))
    return Unlocks(
        catalogue.name,
        engine.in_order(added),
        None if held is None else engine.in_order(held),
        tuple(opens),
        tuple(closer),
        counts_towards,
    )
