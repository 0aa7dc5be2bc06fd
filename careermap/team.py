"""A whole service at once: who is eligible for what, and which training unlocks most.

A bad row (empty name, unknown code or role) is reported with its line and skipped, or
is fatal when ``strict``. Staff who hold the same effective codes are evaluated once, all
such sets at once on bit matrices (``careermap.bulk``), so the cost grows with the number
of distinct code sets times the number of routes, at numpy's pace.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sized
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from careermap.engine import RuleEngine, engine_for
from careermap.errors import CareerMapError, Problem, StaffListError
from careermap.lookup import find_role, resolver_for
from careermap.memo import Bounded
from careermap.models import Catalogue, Qualification, Role
from careermap.staff import StaffRow
from careermap.subject import Kind

if TYPE_CHECKING:
    from careermap.bulk import TeamCounts

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while staff are read; ``total`` is 0 while it is
not known (rows streamed from a file)."""
_CELLS_KEPT = 1 << 16
_NONE: frozenset[str] = frozenset()


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
    checker = RowChecker(catalogue)
    problems: list[Problem] = []
    groups: Counter[tuple[int, int]] = Counter()  # (effective mask, band rank) -> staff
    people: list[tuple[StaffRow, Role | None, int]] = []
    total = len(rows) if isinstance(rows, Sized) else 0  # streamed rows: total unknown
    done = 0
    for done, row in enumerate(rows, start=1):
        if progress is not None and done % 5000 == 0:
            progress(done, total)
        problem, role, _, effective = checker.check(row)
        if problem:
            problems.append(Problem(source, row.line, problem))
            continue
        groups[(effective, checker.rank(role))] += 1
        if per_person:
            people.append((row, role, effective))
    if progress is not None:
        progress(done, total or done)
    if strict and problems:
        raise StaffListError(problems)

    from careermap.bulk import team_counts  # numpy: only for a staff list

    counts = team_counts(catalogue, groups, closest=per_person)
    eligible, one_away = counts.eligible.tolist(), counts.one_away.tolist()
    index_of = engine.role_index
    role_counts = tuple(
        RoleCount(role, eligible[index_of[role.id]], one_away[index_of[role.id]])
        for role in catalogue.roles_in_band_order()
    )
    unlocks = counts.unlocks.tolist()
    needs = sorted(
        (
            TrainingNeed(q, unlocks[index])
            for index, q in enumerate(catalogue.qualifications)
            if unlocks[index]
        ),
        key=lambda need: -need.unlocks,
    )
    summaries = None
    if per_person:
        entry_roles = tuple(engine.role_index[role.id] for role in catalogue.entry_roles)
        row_of = {mask: row for row, mask in enumerate(counts.masks)}
        summaries = tuple(
            _person_summary(engine, entry_roles, row, role, effective, counts, row_of[effective])
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


class RowChecker:
    """A staff row's problem, or its role, codes and effective mask: the one judge of a
    row for ``analyse_team`` and ``team_reports``. Quals and role cells repeat down a staff
    list, so each distinct cell is worked out once (within a bound)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue, self.resolver = catalogue, resolver_for(catalogue)
        self.engine = engine_for(catalogue)
        self._quals: Bounded[str, tuple[frozenset[str], int, list[str]]] = Bounded(_CELLS_KEPT)
        self._roles: Bounded[str, Role | str] = Bounded(_CELLS_KEPT)
        self._ranks = {role.id: catalogue.band_rank[role.band] for role in catalogue.roles}

    def check(self, row: StaffRow) -> tuple[str | None, Role | None, frozenset[str], int]:
        if row.uncomputed:  # unknown, not empty: count the person once it is known
            cells = " and ".join(row.uncomputed)
            verb = "cells hold" if len(row.uncomputed) > 1 else "cell holds"
            message = (
                f"the {cells} {verb} a formula with no saved value;"
                " open the file in a spreadsheet program and save it again"
            )
            return (f"{row.name}: {message}" if row.name else message), None, _NONE, 0
        if not row.name:
            return "the name is empty", None, _NONE, 0
        quals = self._quals.get(row.quals)
        if quals is None:
            found, unknown = self.resolver.split(row.quals)
            codes = frozenset(found)
            quals = self._quals.put(row.quals, (codes, self.engine.effective_mask(codes), unknown))
        codes, effective, unknown = quals
        if unknown:
            return f"{row.name}: {self.resolver.unknown_error(unknown)}", None, _NONE, 0
        if not row.role:
            return None, None, codes, effective
        role = self._roles.get(row.role)
        if role is None:
            try:
                role = self._roles.put(row.role, find_role(self.catalogue, row.role))
            except CareerMapError as exc:
                role = self._roles.put(row.role, str(exc))
        if isinstance(role, str):
            return f"{row.name}: {role}", None, _NONE, 0
        return None, role, codes, effective

    def rank(self, role: Role | None) -> int:
        return -1 if role is None else self._ranks[role.id]


def _person_summary(
    engine: RuleEngine,
    entry_roles: tuple[int, ...],
    row: StaffRow,
    role: Role | None,
    effective: int,
    counts: TeamCounts,
    set_row: int,
) -> PersonSummary:
    catalogue = engine.catalogue
    fewest = counts.fewest[set_row].tolist()
    eligible = tuple(role for role, count in zip(catalogue.roles, fewest, strict=True) if not count)
    if role is not None:
        targets = tuple(engine.role_index[target] for target in role.progresses_to)
    else:  # not yet in a role: the entry roles are the next steps
        targets = entry_roles
    closest = counts.closest[set_row]
    steps = tuple(
        NextStep(
            catalogue.roles[index],
            engine.build_result(index, effective, int(closest[index])).missing,
        )
        for index in targets
    )
    return PersonSummary(row.line, row.name, role, eligible, steps)
