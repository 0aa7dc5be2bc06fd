"""Eligibility reports: every role (``check``) or the next steps (``next``) for a person.

A role is open now, open from a date (once study under way is due), or not yet; its gap
is what is still needed beyond that study, on the route the cheapest plan meets
(``careermap.effort``), with that plan's months.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import ClassVar, Literal

from careermap.effort import PLAN_BUDGET, Efforts, plan_efforts
from careermap.engine import (
    RoleResult,
    RuleEngine,
    Status,
    engine_for,
    next_roles_from_band,
    next_roles_from_role,
)
from careermap.holdings import Agreed, Holdings, StudyItem, months_between
from careermap.lookup import find_band, find_role
from careermap.models import Catalogue, Role
from careermap.planner import RoutePlanner
from careermap.subject import Kind

ONE_STEP_MONTHS = 12
"""The most months a single missing code may take for a role to count as one
qualification away in a summary."""


class Availability(StrEnum):
    """When a role opens to a person: the three answers a PDR needs."""

    NOW = "now"
    FROM_DATE = "from-date"
    """Once study under way is due (``RoleRow.eligible_from``)."""
    NOT_YET = "not-yet"


@dataclass(frozen=True)
class RoleRow:
    """A role in a report, with its eligibility when the person's quals are known."""

    role: Role
    result: RoleResult | None
    """Where the role stands today; its closest route is the one the cheapest plan meets."""
    months: int | None = None
    """Elapsed months of the cheapest plan to the role, as ``path`` plans it; None when it
    is open now, not assessed, out of reach or not planned (very large maps)."""
    still_needed: tuple[str, ...] = ()
    """What is needed beyond the study under way the plan counts on, on the closest route;
    empty when open now or from a date."""
    eligible_from: date | None = None
    """The month study under way makes the person eligible; None when it does not."""
    relies_on: tuple[StudyItem, ...] = ()
    """The study under way that the gap (or the date) counts on."""

    @property
    def availability(self) -> Availability | None:
        """None when not assessed."""
        if self.result is None:
            return None
        if self.result.eligible:
            return Availability.NOW
        return Availability.FROM_DATE if self.eligible_from else Availability.NOT_YET

    @property
    def status(self) -> Status | None:
        """The map's colour for the role, as the summary counts it: eligible now, one
        qualification away (one code within ``ONE_STEP_MONTHS``, or study under way that
        opens it), or further away; None when not assessed."""
        match self.availability:
            case None:
                return None
            case Availability.NOW:
                return Status.ELIGIBLE
            case Availability.FROM_DATE:
                return Status.ONE_AWAY
        quick = self.months is None or self.months <= ONE_STEP_MONTHS
        return Status.ONE_AWAY if len(self.gap) == 1 and quick else Status.FURTHER

    @property
    def gap(self) -> tuple[str, ...]:
        """What is still needed beyond the study under way: the fewest codes on the route
        the quickest plan meets; empty when open now or from a date."""
        return self.still_needed


@dataclass(frozen=True)
class Start:
    """Where a ``next`` report starts from: a band or a role."""

    kind: Literal["band", "role"]
    value: str


@dataclass(frozen=True)
class Summary:
    """How many of a report's roles are open to the person, and how many are one away."""

    roles: int
    eligible: int
    one_away: int
    eligible_later: int = 0
    """Roles study under way will open (not counted in ``one_away``)."""
    unplanned: int = 0
    """Roles whose gap is by count of codes, not planned (very large maps only)."""

    @classmethod
    def of_rows(cls, rows: Iterable[RoleRow], unplanned: int = 0) -> Summary:
        """Counts for a person's rows: "one qualification away" is one code that the
        quickest plan gains within ``ONE_STEP_MONTHS`` (a four-year degree is not)."""
        assessed = [row for row in rows if row.result is not None]
        later = sum(row.eligible_from is not None for row in assessed)
        one_away = sum(
            row.availability is Availability.NOT_YET and row.status is Status.ONE_AWAY
            for row in assessed
        )
        eligible = sum(row.availability is Availability.NOW for row in assessed)
        return cls(len(assessed), eligible, one_away, later, unplanned)


@dataclass(frozen=True)
class RoleReport:
    catalogue: str
    title: str
    quals: tuple[str, ...] | None
    """The codes the person holds, in catalogue order; None when not assessed."""
    rows: tuple[RoleRow, ...]
    start: Start | None = None
    empty_message: str = "No roles."
    summary: Summary | None = None
    """None when not assessed."""
    studying: tuple[StudyItem, ...] = ()
    """Study under way on ``as_of``, soonest due first."""
    as_of: date | None = None
    """The day the report counts holdings on; None when not assessed."""
    agreed: tuple[Agreed, ...] = ()
    """Codes held through an equivalent agreed with a manager."""
    kind: ClassVar[Literal[Kind.ROLE_REPORT]] = Kind.ROLE_REPORT

    @property
    def assessed(self) -> bool:
        return self.quals is not None


def check_report(
    catalogue: Catalogue,
    quals: Iterable[str],
    *,
    studying: Iterable[StudyItem] = (),
    as_of: date | None = None,
    agreed: Iterable[Agreed] = (),
    current_role: str | None = None,
) -> RoleReport:
    """Every role, lowest band first, with the person's eligibility for each: open now,
    open from a date (study under way, due by then, counts from its month), or the gap
    still to close on the route the cheapest plan meets. ``as_of`` is today unless given;
    ``agreed`` equivalents count as held (and are shown so); ``current_role`` is a role
    the person works in (what it gives counts in plans)."""
    holdings = Holdings.on(as_of or date.today(), quals, studying, agreed)
    return _report(
        catalogue,
        catalogue.roles_in_band_order(),
        holdings,
        title=f"Roles for {_describe(catalogue, holdings)}",
        current_role=current_role,
    )


def next_report(
    catalogue: Catalogue,
    *,
    band: str | None = None,
    role_id: str | None = None,
    quals: Iterable[str] | None = None,
    studying: Iterable[StudyItem] = (),
    as_of: date | None = None,
    agreed: Iterable[Agreed] = (),
) -> RoleReport:
    """Next-step roles from a band or a role; with eligibility when ``quals`` is given
    (as ``check_report`` gives it; ``role_id`` is then the role the person works in)."""
    holdings = None
    if quals is not None:
        holdings = Holdings.on(as_of or date.today(), quals, studying, agreed)
    if role_id is not None:
        role = find_role(catalogue, role_id)
        start = Start("role", role.id)
        roles = next_roles_from_role(catalogue, role.id)
        title = f"Next steps from {role.title} (band {role.band})"
        empty = f"{role.title} has no progressions on this map."
    elif band is not None:
        known = find_band(catalogue, band)
        start = Start("band", known)
        roles = next_roles_from_band(catalogue, known)
        title = f"Next steps from band {known}"
        empty = f"Band {known} is the top band with roles on this map; nothing lies above it."
    else:
        raise ValueError("next_report needs a band or a role_id")
    if holdings is not None:
        title += f" for {_describe(catalogue, holdings)}"
    current = start.value if start.kind == "role" else None
    return _report(
        catalogue, roles, holdings, title=title, start=start, empty=empty, current_role=current
    )


def _report(
    catalogue: Catalogue,
    roles: Iterable[Role],
    holdings: Holdings | None,
    *,
    title: str,
    start: Start | None = None,
    empty: str = "No roles.",
    current_role: str | None = None,
) -> RoleReport:
    if holdings is None:
        rows = tuple(RoleRow(role, None) for role in roles)
        return RoleReport(catalogue.name, title, None, rows, start, empty)
    rows, unplanned = assess_roles(catalogue, roles, holdings, current_role=current_role)
    return RoleReport(
        catalogue.name,
        title,
        engine_for(catalogue).in_order(holdings.held),
        rows,
        start,
        empty,
        Summary.of_rows(rows, unplanned),
        holdings.studying,
        holdings.as_of,
        holdings.agreed,
    )


def assess_roles(
    catalogue: Catalogue,
    roles: Iterable[Role],
    holdings: Holdings,
    *,
    current_role: str | None = None,
) -> tuple[tuple[RoleRow, ...], int]:
    """Each role as it stands for ``holdings``: open now, open from a date, or its gap
    and months on the route the quickest plan meets; and how many roles went unplanned
    (``careermap.effort``'s bound). A role waits for study under way only when no plan
    gets there sooner: working towards it can beat a course due in two years."""
    engine = engine_for(catalogue)
    holdings = in_role(catalogue, holdings, current_role)
    now = engine.evaluate(holdings.held)
    shown = [now.result_for(role.id) for role in roles]
    planner = RoutePlanner(
        catalogue,
        holdings.held,
        current_role=current_role,
        budget=PLAN_BUDGET,
        studying=holdings.months_due(),
    )
    efforts = plan_efforts(planner, shown)  # the plans wait for study under way, as path's do
    dates = _eligible_from(engine, holdings, shown) if holdings.studying else {}
    rows = tuple(_row(result, holdings, efforts, dates, engine) for result in shown)
    return rows, efforts.unplanned


def in_role(catalogue: Catalogue, holdings: Holdings, current_role: str | None) -> Holdings:
    """``holdings`` of someone working in ``current_role``: being in a role on the map is
    experience, so what working in any role builds is held."""
    if current_role is None or not catalogue.from_any_role:
        return holdings
    return replace(holdings, held=holdings.held | set(catalogue.from_any_role))


def _row(
    result: RoleResult,
    holdings: Holdings,
    efforts: Efforts,
    dates: dict[str, tuple[date, int]],
    engine: RuleEngine,
) -> RoleRow:
    role = result.role
    if result.eligible:
        return RoleRow(role, result)
    effort = efforts.by_role.get(role.id)
    dated = dates.get(role.id)
    if dated is not None and (
        effort is None or months_between(holdings.as_of, dated[0]) <= effort.months
    ):
        due, route = dated
        relies_on = _covering(
            engine, holdings, result, route, (i for i in holdings.studying if i.due <= due)
        )
        return RoleRow(role, replace(result, closest=route), None, (), due, relies_on)
    shown = efforts.apply(result)
    if effort is None:
        return RoleRow(role, shown, None, shown.missing)
    used = [item for item in holdings.studying if item.code in effort.study_used]
    relies_on = _covering(engine, holdings, shown, shown.closest, used)
    arriving = 0
    for item in relies_on:
        arriving |= engine.closure[item.code]
    still = tuple(code for code in shown.missing if not engine.bit[code] & arriving)
    return RoleRow(role, shown, effort.months, still, None, relies_on)


def _covering(
    engine: RuleEngine,
    holdings: Holdings,
    result: RoleResult,
    route: int,
    study: Iterable[StudyItem],
) -> tuple[StudyItem, ...]:
    """The study among ``study`` that meets a code entry route ``route`` still lacks."""
    mask = engine.role_routes(engine.role_index[result.role.id])[route]
    lacking = mask & ~engine.effective_mask(holdings.held)
    return tuple(item for item in study if engine.closure[item.code] & lacking)


def _eligible_from(
    engine: RuleEngine, holdings: Holdings, results: list[RoleResult]
) -> dict[str, tuple[date, int]]:
    """For each role not open now, the first month the study under way opens it, and the
    route it opens then (fewest codes missing today, then the first listed)."""
    waiting = {result.role.id: result for result in results if not result.eligible}
    dates: dict[str, tuple[date, int]] = {}
    codes = set(holdings.held)
    for due in sorted({item.due for item in holdings.studying}):
        codes |= {item.code for item in holdings.studying if item.due == due}
        evaluation = engine.evaluate(codes)
        for role_id in sorted(waiting):
            later = evaluation.result_for(role_id)
            if later.eligible:
                result = waiting.pop(role_id)
                met = [index for index, route in enumerate(later.routes) if route.met]
                route = min(met, key=lambda index: (len(result.routes[index].missing), index))
                dates[role_id] = (due, route)
    return dates


def _describe(catalogue: Catalogue, holdings: Holdings) -> str:
    engine = engine_for(catalogue)
    agreed = {item.code for item in holdings.agreed}
    held = ", ".join(
        f"{code} (agreed equivalent)" if code in agreed else code
        for code in engine.in_order(holdings.held)
    )
    held = held or "no qualifications yet"
    if not holdings.studying:
        return held
    studying = ", ".join(str(item) for item in holdings.studying)
    return f"{held}; studying {studying} (as of {holdings.as_of.isoformat()})"
