"""Two or three roles side by side, as NHS Health Careers' "compare roles" does: band,
tracks, entry routes, training, what each leads to and, for a person, the gap to each,
the cheapest plan's months and the earliest month they could apply."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

from careermap.eligibility import Availability, RoleRow, assess_roles
from careermap.engine import engine_for
from careermap.errors import UsageError
from careermap.holdings import Agreed, Holdings, StudyItem, add_months, months_between
from careermap.lookup import find_role
from careermap.models import Catalogue, Role
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
    eligible_from: date | None = None
    """The month study under way makes them eligible; None when it does not."""


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
    studying: Iterable[StudyItem] = (),
    agreed: Iterable[Agreed] = (),
) -> Comparison:
    """``roles`` (two or three ids or titles) side by side, with the gap and earliest date
    for someone holding ``held`` (in ``current_role``, if any), as ``check`` gives them:
    study under way counts from the month it is due."""
    found = [find_role(catalogue, name) for name in roles]
    ids = [role.id for role in found]
    if not 2 <= len(found) <= MAX_COMPARED or len(set(ids)) != len(ids):
        raise UsageError(f"compare two or three different roles; got {', '.join(ids) or 'none'}")
    today = today or date.today()
    engine = engine_for(catalogue)
    rows: tuple[RoleRow, ...] | None = None
    holdings = None
    if held is not None:
        holdings = Holdings.on(today, held, studying, agreed)
        rows, _ = assess_roles(catalogue, found, holdings, current_role=current_role)
    compared = []
    for index, role in enumerate(found):
        leads = tuple(catalogue.roles_by_id[target] for target in role.progresses_to)
        sources = tuple(other for other in catalogue.roles if role.id in other.progresses_to)
        if rows is None:
            compared.append(ComparedRole(role, leads, sources))
            continue
        row = rows[index]
        months, earliest = _when(row, today, current=role.id == current_role)
        compared.append(
            ComparedRole(role, leads, sources, row.gap, months, earliest, row.eligible_from)
        )
    return Comparison(
        catalogue.name,
        None if holdings is None else engine.in_order(holdings.held),
        tuple(compared),
        today,
    )


def _when(row: RoleRow, today: date, *, current: bool) -> tuple[int | None, date | None]:
    """The months until the person could apply for ``row``'s role, and the month."""
    if row.availability is Availability.NOW or current:
        return 0, today
    if row.eligible_from is not None:
        return months_between(today, row.eligible_from), row.eligible_from
    if row.months is None:
        return None, None
    try:
        return row.months, add_months(today, row.months)
    except ValueError:  # past the year 9999: the months say enough
        return row.months, None
