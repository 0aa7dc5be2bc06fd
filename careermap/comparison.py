"""Two or three roles side by side, as NHS Health Careers' "compare roles" does: band,
tracks, entry routes, training, what each leads to and, for a person, the gap to each,
the cheapest plan's months and the earliest month they could apply."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

from careermap.engine import engine_for
from careermap.errors import UsageError
from careermap.lookup import find_role
from careermap.models import Catalogue, Role
from careermap.planner import RoutePlanner
from careermap.subject import Kind

MAX_COMPARED = 3


@dataclass(frozen=True)
class ComparedRole:
    role: Role
    leads_to: tuple[Role, ...]
    reached_from: tuple[Role, ...]
    missing: tuple[str, ...] | None = None
    """The fewest codes the person still needs (empty: eligible); None without quals."""
    months: int | None = None
    """The cheapest plan's months (as ``path`` plans it); None without quals or a route."""
    earliest: date | None = None
    """The first of the month the plan would end: the earliest they could apply."""


@dataclass(frozen=True)
class Comparison:
    catalogue: str
    held: tuple[str, ...] | None
    """What the person holds, in catalogue order; None when not assessed."""
    roles: tuple[ComparedRole, ...]
    today: date
    kind: ClassVar[Literal[Kind.COMPARISON]] = Kind.COMPARISON


def compare(
    catalogue: Catalogue,
    roles: Sequence[str],
    held: Iterable[str] | None = None,
    *,
    current_role: str | None = None,
    today: date | None = None,
) -> Comparison:
    """``roles`` (two or three ids or titles) side by side, with the gap and earliest date
    for someone holding ``held`` (in ``current_role``, if any)."""
    found = [find_role(catalogue, name) for name in roles]
    ids = [role.id for role in found]
    if not 2 <= len(found) <= MAX_COMPARED or len(set(ids)) != len(ids):
        raise UsageError(f"compare two or three different roles; got {', '.join(ids) or 'none'}")
    today = today or date.today()
    engine = engine_for(catalogue)
    planner = None
    evaluation = None
    if held is not None:
        held = frozenset(held)
        evaluation = engine.evaluate(held)
        planner = RoutePlanner(catalogue, held, current_role=current_role)
    compared = []
    for role in found:
        leads = tuple(catalogue.roles_by_id[target] for target in role.progresses_to)
        sources = tuple(other for other in catalogue.roles if role.id in other.progresses_to)
        if evaluation is None or planner is None:
            compared.append(ComparedRole(role, leads, sources))
            continue
        missing = evaluation.result_for(role.id).missing
        months: int | None = 0
        if missing and role.id != planner.current:
            plan = planner.plan(role.id)
            months = plan.total_months if plan.reachable else None
        earliest = None if months is None else today if not months else _months_after(today, months)
        compared.append(ComparedRole(role, leads, sources, missing, months, earliest))
    return Comparison(
        catalogue.name,
        None if held is None else engine.in_order(held),
        tuple(compared),
        today,
    )


def _months_after(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
