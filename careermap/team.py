"""A whole service at once: who is eligible for what, and which training unlocks most.

A bad row (empty name, unknown code or role) is reported with its line and skipped, or
is fatal when ``strict``. Staff who hold the same effective codes are evaluated once, so
the cost grows with the number of distinct code sets times the number of roles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar, Literal

from careermap.engine import RuleEngine, engine_for
from careermap.errors import CareerMapError, Problem, StaffListError
from careermap.lookup import Resolver, find_role, resolver_for
from careermap.models import Catalogue, Qualification, Role
from careermap.staff import StaffRow
from careermap.subject import Kind

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while staff are evaluated."""


@dataclass(frozen=True)
class RoleCount:
    role: Role
    eligible: int
    """Staff eligible now."""
    one_away: int
    """Staff one qualification away."""


@dataclass(frozen=True)
class TrainingNeed:
    qualification: Qualification
    unlocks: int
    """Staff it would make newly eligible for at least one role above their current band."""


@dataclass(frozen=True)
class NextStep:
    role: Role
    missing: tuple[str, ...]


@dataclass(frozen=True)
class PersonSummary:
    line: int
    name: str
    role: Role | None
    eligible: tuple[Role, ...]
    next_steps: tuple[NextStep, ...]


@dataclass(frozen=True)
class TeamReport:
    catalogue: str
    source: str
    staff: int
    problems: tuple[Problem, ...]
    roles: tuple[RoleCount, ...]
    """Every role, lowest band first."""
    training: tuple[TrainingNeed, ...]
    """Every qualification that unlocks anything, most first."""
    people: tuple[PersonSummary, ...] | None = None
    kind: ClassVar[Literal[Kind.TEAM]] = Kind.TEAM


def analyse_team(
    catalogue: Catalogue,
    rows: Iterable[StaffRow],
    *,
    source: str = "<staff>",
    strict: bool = False,
    per_person: bool = False,
    progress: Progress | None = None,
) -> TeamReport:
    """Eligibility counts per role and training needs for a whole staff list.

    Bad rows are collected as problems and skipped; with ``strict`` they raise
    ``StaffListError`` instead.
    """
    engine = engine_for(catalogue)
    resolver = resolver_for(catalogue)
    problems: list[Problem] = []
    groups: Counter[tuple[int, int]] = Counter()  # (effective mask, band rank) -> staff
    people: list[tuple[StaffRow, Role | None, int]] = []
    rows = list(rows)
    for done, row in enumerate(rows, start=1):
        if progress is not None and (done % 5000 == 0 or done == len(rows)):
            progress(done, len(rows))
        problem, role, codes = _check_row(catalogue, resolver, row)
        if problem:
            problems.append(Problem(source, row.line, problem))
            continue
        effective = engine.effective_mask(codes)
        rank = catalogue.band_rank[role.band] if role else -1
        groups[(effective, rank)] += 1
        if per_person:
            people.append((row, role, effective))
    if strict and problems:
        raise StaffListError(problems)

    role_rank = [catalogue.band_rank[role.band] for role in catalogue.roles]
    eligible: Counter[int] = Counter()
    one_away: Counter[int] = Counter()
    unlocks: Counter[int] = Counter()
    for (effective, rank), staff in groups.items():
        status = engine.status(effective)
        for index in status.eligible:
            eligible[index] += staff
        for index in status.one_away:
            one_away[index] += staff
        unlocking = 0  # codes that alone would open a role above the person's band
        for index, singles in status.one_away.items():
            if role_rank[index] > rank:
                unlocking |= singles
        while unlocking:
            bit = unlocking & -unlocking
            unlocks[bit] += staff
            unlocking ^= bit

    index_of = engine.role_index
    role_counts = tuple(
        RoleCount(role, eligible[index_of[role.id]], one_away[index_of[role.id]])
        for role in catalogue.roles_in_band_order()
    )
    needs = sorted(
        (
            TrainingNeed(q, unlocks[engine.bit[q.code]])
            for q in catalogue.qualifications
            if unlocks[engine.bit[q.code]]
        ),
        key=lambda need: -need.unlocks,
    )
    summaries = None
    if per_person:
        entry_roles = _entry_roles(catalogue)
        summaries = tuple(
            _person_summary(engine, entry_roles, row, role, effective)
            for row, role, effective in people
        )
    return TeamReport(
        catalogue.name,
        source,
        sum(groups.values()),
        tuple(problems),
        role_counts,
        tuple(needs),
        summaries,
    )


def _check_row(
    catalogue: Catalogue, resolver: Resolver, row: StaffRow
) -> tuple[str | None, Role | None, set[str]]:
    if row.uncomputed:  # its value is unknown, not empty: count the person once it is known
        cells = " and ".join(row.uncomputed)
        verb = "cells hold" if len(row.uncomputed) > 1 else "cell holds"
        message = (
            f"the {cells} {verb} a formula with no saved value;"
            " open the file in a spreadsheet program and save it again"
        )
        return (f"{row.name}: {message}" if row.name else message), None, set()
    if not row.name:
        return "the name is empty", None, set()
    codes, unknown = resolver.split(row.quals)
    if unknown:
        return f"{row.name}: {resolver.unknown_error(unknown)}", None, set()
    role = None
    if row.role:
        try:
            role = find_role(catalogue, row.role)
        except CareerMapError as exc:
            return f"{row.name}: {exc}", None, set()
    return None, role, codes


def _entry_roles(catalogue: Catalogue) -> tuple[int, ...]:
    """Roles no other role progresses to (the lowest band's, if every role is reached)."""
    reached = {target for role in catalogue.roles for target in role.progresses_to}
    entry = [index for index, role in enumerate(catalogue.roles) if role.id not in reached]
    if entry:
        return tuple(entry)
    ranks = [catalogue.band_rank[role.band] for role in catalogue.roles]
    return tuple(index for index, rank in enumerate(ranks) if rank == min(ranks))


def _person_summary(
    engine: RuleEngine,
    entry_roles: tuple[int, ...],
    row: StaffRow,
    role: Role | None,
    effective: int,
) -> PersonSummary:
    catalogue = engine.catalogue
    eligible = tuple(catalogue.roles[index] for index in engine.status(effective).eligible)
    if role is not None:
        targets = tuple(engine.role_index[target] for target in role.progresses_to)
    else:  # not yet in a role: the entry roles are the next steps
        targets = entry_roles
    steps = tuple(
        NextStep(catalogue.roles[index], engine.role_result(index, effective).missing)
        for index in targets
    )
    return PersonSummary(row.line, row.name, role, eligible, steps)
