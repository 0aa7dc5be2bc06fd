"""One person's whole picture: what they hold, the map in their colours, and a plan to
each role ahead of them. The ``report`` command draws it as a page for a PDR folder."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from careermap.eligibility import RoleRow, Summary, assess_roles
from careermap.engine import Status
from careermap.holdings import Agreed, Holdings, StudyItem
from careermap.mapview import CareerMap, career_map
from careermap.models import Catalogue, Qualification, Role
from careermap.planner import DEFAULT_BUDGET, Plan, RoutePlanner
from careermap.subject import Kind

REPORT_BUDGET = 2 * DEFAULT_BUDGET
"""Search steps for all of a report's plans together (see ``plan_path``)."""
_PLAN_FLOOR = 200_000
"""...but never fewer than this for one plan, a fifth of a plan's own budget: with less,
one plan in ten of a 1,000-role map was finished greedily (bench/path.py)."""


@dataclass(frozen=True)
class PersonReport:
    catalogue: str
    name: str | None
    """The person's name, when a profile gives one."""
    current_role: Role | None
    held: tuple[Qualification, ...]
    """The qualifications held, in catalogue order."""
    map: CareerMap
    """Every role with its status for this person."""
    rows: tuple[RoleRow, ...]
    """Every role, in the map's order, as ``check`` shows it: open now, open from a date,
    or the gap on the quickest route and its months."""
    summary: Summary
    plans: tuple[Plan, ...]
    """The cheapest plan to each role ahead that is not yet open: the next steps first,
    then by band. Roles below where the person stands (their role's band, or the highest
    band open to them) are left out: a route down the ladder is no plan."""
    next_steps: tuple[str, ...]
    """Role ids of the next steps: the current role's progressions, or where the roles
    open to the person lead (the entry roles when none is open)."""
    from_band: str | None
    """The band below which roles are left out of ``plans``; None when none are."""
    glossary: tuple[Qualification, ...]
    """Every qualification the report names (held or missing), in catalogue order."""
    date: datetime.date
    """When the report was made."""
    version: str | None = None
    """The map's edition, when the catalogue gives one."""
    studying: tuple[StudyItem, ...] = ()
    """Study under way on ``date``, soonest due first; plans start from it."""
    agreed: tuple[Agreed, ...] = ()
    """Codes held through an equivalent agreed with a manager."""
    kind: ClassVar[Literal[Kind.PERSON_REPORT]] = Kind.PERSON_REPORT


def person_report(
    catalogue: Catalogue,
    quals: Iterable[str],
    *,
    name: str | None = None,
    current_role: Role | None = None,
    date: datetime.date | None = None,
    studying: Iterable[StudyItem] = (),
    agreed: Iterable[Agreed] = (),
) -> PersonReport:
    """The report for a person holding ``quals`` (codes), dated ``date`` (today): study
    under way due by then counts as held, and plans start from the rest of it."""
    day = date or datetime.date.today()
    holdings = Holdings.on(day, quals, studying, agreed)
    view = career_map(catalogue, holdings.held)
    role_id = current_role.id if current_role else None
    held = view.quals or ()
    rows, unplanned = assess_roles(
        catalogue, (node.role for node in view.nodes), holdings, current_role=role_id
    )
    # The map in the same colours as the table and the summary: by the quickest plans.
    nodes = tuple(
        replace(node, status=row.status, missing=row.gap or tuple(i.code for i in row.relies_on))
        for node, row in zip(view.nodes, rows, strict=True)
    )
    view = replace(view, nodes=nodes)
    summary = Summary.of_rows(rows, unplanned)
    rank = catalogue.band_rank
    open_roles = [node.role for node in view.nodes if node.status is Status.ELIGIBLE]
    standing = current_role or max(open_roles, key=lambda role: rank[role.band], default=None)
    next_steps = _next_steps(catalogue, current_role, open_roles)
    ahead = [
        node.role
        for node in view.nodes
        if node.status is not Status.ELIGIBLE
        and node.role.id != role_id
        and (standing is None or rank[node.role.band] >= rank[standing.band])
    ]
    ahead.sort(key=lambda role: (role.id not in next_steps, rank[role.band]))
    # One budget for the whole report, shared by its plans, so a tangled map cannot make
    # a report of many roles take many times a plan's bound.
    budget = max(_PLAN_FLOOR, REPORT_BUDGET // max(1, len(ahead)))
    planner = RoutePlanner(
        catalogue, held, current_role=role_id, budget=budget, studying=holdings.months_due()
    )
    plans = tuple(planner.plan(role.id) for role in ahead)
    named = (
        set(held)
        | {code for row in rows for code in row.gap}
        | {item.code for item in holdings.studying}
    )
    return PersonReport(
        catalogue=catalogue.name,
        name=name,
        current_role=current_role,
        held=tuple(catalogue.qualifications_by_code[code] for code in held),
        map=view,
        rows=rows,
        summary=summary,
        plans=plans,
        next_steps=next_steps,
        from_band=standing.band if standing is not None else None,
        glossary=tuple(q for q in catalogue.qualifications if q.code in named),
        date=day,
        version=catalogue.version,
        studying=holdings.studying,
        agreed=holdings.agreed,
    )


def _next_steps(
    catalogue: Catalogue, current_role: Role | None, open_roles: list[Role]
) -> tuple[str, ...]:
    if current_role is not None:
        return current_role.progresses_to
    if not open_roles:
        return tuple(role.id for role in catalogue.entry_roles)
    opened = {role.id for role in open_roles}
    leads = (target for role in open_roles for target in role.progresses_to)
    return tuple(dict.fromkeys(target for target in leads if target not in opened))
