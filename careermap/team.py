"""A whole service at once: who is eligible for what, what the next steps need, who does
not meet their own role, and what a course for a group would change.

A bad row (an empty name, a formula with no saved value) is reported with its line and
skipped; an unrecognised item or job title is left out of its row and listed; with
``strict`` either is fatal. Staff who hold the same effective codes are evaluated once, all
such sets at once on bit matrices (``careermap.bulk``), so the cost grows with the number
of distinct code sets times the number of routes, at numpy's pace.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass
from datetime import date
from functools import reduce
from itertools import chain, islice, repeat
from operator import itemgetter, lshift, or_, rshift
from typing import TYPE_CHECKING, ClassVar, Literal, cast, overload

from careermap.engine import RuleEngine, engine_for
from careermap.errors import CareerMapError, Problem, StaffListError
from careermap.holdings import split_study
from careermap.lookup import (
    QUALS_SEPARATORS,
    UNPRINTABLE,
    find_role,
    name_key,
    resolver_for,
    role_names_for,
    split_quals,
)
from careermap.memo import Bounded
from careermap.models import Catalogue, Qualification, Role
from careermap.planner import DEFAULT_BUDGET, RoutePlanner
from careermap.staff import Cells, CsvRows, Read, StaffRow, Unvouched
from careermap.subject import Kind

if TYPE_CHECKING:
    from careermap.bulk import TeamCounts
    from careermap.mapping import StaffMapping

Verdict = tuple[str | None, Role | None, frozenset[str], int, tuple[str, ...], bool]
"""A staff row judged: problem, role, codes, effective mask, unrecognised items, and
whether the job title names no role."""
Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while staff are read; ``total`` is 0 while it is
not known (rows streamed from a file)."""
_CELLS_KEPT = 1 << 16
_WHOLE = -3
"""The role number (``RowChecker.role_slot``) of cells judged whole (``cells_verdict``)."""
_ITEMS = re.compile(f"[{QUALS_SEPARATORS}]").split
"""A quals cell's items as read: ``split_quals`` strips them and leaves out empty ones."""
_OTHER_SEPARATOR, _SEPARATOR = QUALS_SEPARATORS[0], QUALS_SEPARATORS[1]
_Slot = tuple[int, int]
"""A role cell's role number and its cells' set key but for the quals' own mask."""
_NO_ROLE: _Slot = (-1, -1 - _WHOLE)
_JUDGED_WHOLE: _Slot = (_WHOLE, 0)
_HINTED = 200
"""Unrecognised spellings (most staff first) given a closest name on the map."""
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RoleCount:
    role: Role
    eligible: int
    """Staff eligible now."""
    one_away: int
    """Staff one qualification away."""
    eligible_after: int | None = None
    """With a what-if (``plus``): staff eligible once the group holds the added codes."""
    eligible_after_study: int | None = None
    """When anyone is studying: staff eligible once the study under way is done."""


@dataclass(frozen=True)
class TrainingNeed:
    qualification: Qualification
    unlocks: int
    """Staff it would make newly eligible for at least one role above their current band."""


@dataclass(frozen=True)
class NextStepNeed:
    """A qualification some staff need for a next step: part of what the cheapest plan
    (as ``path`` plans it) has them gain for a role their own role leads to (or of the
    closest route's gap, where nothing on the map gives it)."""

    qualification: Qualification
    equivalents: tuple[Qualification, ...]
    """Qualifications at its level that count as it (CMI7 for ILM7): one line for both."""
    staff: int
    by_role: tuple[tuple[Role | None, int], ...]
    """Staff by current role (None: not in a role on the map), most first."""
    by_band: tuple[tuple[str | None, int], ...]
    """Staff by the band of their current role, lowest band first (None last)."""
    unlocks: int
    """Secondary: staff it alone would make eligible for any role above their band."""

    @property
    def total_cost(self) -> int | None:
        """Its course fee for every one of them, where the catalogue gives a fee."""
        cost = self.qualification.cost
        return None if cost is None else cost * self.staff


@dataclass(frozen=True)
class Unrecognised:
    """A spelling in a staff list that names nothing on the map, with how many staff
    wrote it; the rest of each such row still counts."""

    column: Literal["quals", "role"]
    spelling: str
    staff: int
    hint: str | None
    """The closest code (or role id), for a mapping file."""


@dataclass(frozen=True, slots=True)
class OutOfRole:
    """Someone in a role whose entry requirements they do not meet."""

    line: int
    name: str
    role: Role
    missing: tuple[tuple[str, ...], ...]
    """What would meet the role's entry requirements: each route's gap that is as short
    as any (a supervisor picks which), in the catalogue's route order."""


@dataclass(frozen=True)
class WhatIf:
    """A recount with ``codes`` added for a group of staff (everyone when ``group`` is None)."""

    codes: tuple[str, ...]
    group: str | None
    """Where the group was named (a file), or None for everyone."""
    staff: int
    """Staff in the list given the codes."""
    missing_from_list: tuple[str, ...] = ()
    """Names in the group that the staff list does not have."""
    reach_next_step: int = 0
    """Staff eligible for a next step after, who were not before."""


@dataclass(frozen=True)
class NextStep:
    role: Role
    missing: tuple[str, ...]
    months: int | None = None
    """The cheapest plan's months to get there; None when no plan reaches it, or when it
    was not planned."""
    planned: bool = True
    """False past the team's planning bound: ``missing`` is then the closest route's gap
    (fewest codes, first route on a tie), as ``check`` gives it."""


@dataclass(frozen=True)
class PersonSummary:
    line: int
    name: str
    role: Role | None
    eligible: tuple[Role, ...]
    next_steps: tuple[NextStep, ...]
    unrecognised: tuple[str, ...] = ()
    """Items (and a job title) of the row that name nothing on the map, left out."""
    studying: tuple[str, ...] = ()
    """Codes under way: ``next_steps`` are planned as if they were done."""


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
    people: Sequence[PersonSummary] | None = None
    """With ``per_person``, each person's summary in list order, made as it is iterated
    (see ``analyse_team``): ``tuple(report.people)`` holds them all."""
    next_step_needs: tuple[NextStepNeed, ...] = ()
    """Qualifications needed for a next step, most staff first."""
    unrecognised: tuple[Unrecognised, ...] = ()
    """Spellings that name nothing on the map, most staff first."""
    out_of_role: tuple[OutOfRole, ...] = ()
    """Staff in a role whose entry requirements they do not meet, in list order: the first
    ``MAX_OUT_OF_ROLE`` of them."""
    out_of_role_total: int = 0
    """How many staff do not meet their role's entry requirements, listed or not."""
    what_if: WhatIf | None = None
    needs_proven: bool = True
    """False when some plan behind the needs hit its search bound (see ``Plan``)."""
    studying: int = 0
    """Staff with study under way on the day the report was made."""
    unplanned_staff: int = 0
    """Staff in rare combinations past ``MAX_TEAM_PLANS``, whose needs are their closest
    routes' gaps rather than planned."""
    kind: ClassVar[Literal[Kind.TEAM]] = Kind.TEAM


@dataclass(frozen=True)
class Plus:
    """A what-if for ``analyse_team``: ``codes`` added for the staff named in ``names``
    (everyone when None); ``group`` says where the names came from."""

    codes: frozenset[str]
    names: frozenset[str] | None = None
    group: str | None = None


TEAM_PLAN_BUDGET = 4 * DEFAULT_BUDGET
"""Search steps shared by all the plans behind a team's next-step needs (about 4 s)..."""
_PLAN_FLOOR = 2_000
"""...but at least this many for each; past it a plan is finished greedily."""
MAX_OUT_OF_ROLE = 10_000
"""Staff out of their own role listed by name; past this a report gives the count (a
list of thousands is a data problem to fix at source, and would bound nothing)."""
MAX_TEAM_PLANS = 1_000
"""Plans made for a team's next-step needs, for its largest groups of staff who hold the
same codes in the same role (a real service has a few hundred such groups; a random list
of a million, tens of thousands, at about 2 ms a plan on the shipped map; the rest are
counted on their closest routes' gaps). A plan's cost grows with the map, so a map of
more than ``_PLANNED_MAP_ROLES`` roles gets proportionally fewer."""
_PLANNED_MAP_ROLES = 50


def analyse_team(
    catalogue: Catalogue,
    rows: Iterable[StaffRow],
    *,
    source: str = "<staff>",
    strict: bool = False,
    per_person: bool = False,
    progress: Progress | None = None,
    mapping: StaffMapping | None = None,
    plus: Plus | None = None,
    as_of: date | None = None,
) -> TeamReport:
    """Eligibility counts per role, next-step needs and training for a whole staff list.

    Bad rows are collected as problems and skipped; with ``strict`` they raise
    ``StaffListError`` instead. Unrecognised items and job titles are left out of a row
    (and counted in ``unrecognised``), except with ``strict``, where they are problems.
    Study due by ``as_of`` (today) counts as held; study still under way is not a
    next-step need, and ``RoleCount.eligible_after_study`` counts it as done.

    With ``per_person``, ``people`` holds no one: each iteration reads ``rows`` again and
    makes each person's summary as it goes, so a whole service's are never all held.
    ``rows`` that can be read only once (an iterator, such as ``iter_staff``) are kept
    from the first reading; a ``StaffFile`` is read again. Rows that no longer match the
    counts (the list changed in between) raise ``StaffListError`` as they are read.

    A CSV list (``iter_staff``, ``StaffFile``) is counted by its distinct (quals, role,
    studying) cells, with no object built for a row, unless a row's own name is needed as
    it is read (``per_person`` on an iterator, ``plus`` for named staff); a list that has
    a row with a problem is read row by row instead, so that it is reported the same.
    """
    try:
        return _analyse_team(
            catalogue, rows, source, strict, per_person, progress, mapping, plus, as_of, True
        )
    except Unvouched:  # a problem is reported at its line, with its name: read row by row
        return _analyse_team(
            catalogue, rows, source, strict, per_person, progress, mapping, plus, as_of, False
        )


def _analyse_team(
    catalogue: Catalogue,
    rows: Iterable[StaffRow],
    source: str,
    strict: bool,
    per_person: bool,
    progress: Progress | None,
    mapping: StaffMapping | None,
    plus: Plus | None,
    as_of: date | None,
    by_cells: bool,
) -> TeamReport:
    engine = engine_for(catalogue)
    checker = RowChecker(catalogue, mapping, keep_unknown=not strict, as_of=as_of)
    tally = _Tally(catalogue, checker, source, plus, progress)
    tally.read(rows, per_person=per_person, by_cells=by_cells)
    if strict and tally.problems:
        raise StaffListError(tally.problems)
    groups, placed, after, today = tally.groups, tally.placed, tally.after, tally.today
    codes_of, studying, out_of_role = tally.codes_of, tally.studying, tally.out_of_role

    from careermap.bulk import team_counts  # numpy: only for a staff list

    counts = team_counts(catalogue, groups)
    eligible, one_away = counts.eligible.tolist(), counts.one_away.tolist()
    eligible_after: list[int | None] = [None] * len(catalogue.roles)
    if plus is not None:
        after_counts = team_counts(catalogue, _by_mask(after))
        eligible_after = list(after_counts.eligible.tolist())
    after_study: list[int | None] = [None] * len(catalogue.roles)
    ahead = counts  # each set that next steps start from: what staff hold once study ends
    if studying:  # placed is keyed by what staff hold once their study is done
        ahead = team_counts(catalogue, _by_mask(placed))
        after_study = list(ahead.eligible.tolist())
    index_of = engine.role_index
    role_counts = tuple(
        RoleCount(
            role,
            eligible[index_of[role.id]],
            one_away[index_of[role.id]],
            eligible_after[index_of[role.id]],
            after_study[index_of[role.id]],
        )
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
    steps = _NextSteps(catalogue, codes_of, placed, ahead)
    what_if = None
    gaps: dict[tuple[int, int], tuple[tuple[str, ...], ...]] = {}
    for _, _, role, mask in out_of_role:
        if (mask, index_of[role.id]) not in gaps:
            gaps[(mask, index_of[role.id])] = _shortest_gaps(engine, index_of[role.id], mask)
    if plus is not None:
        open_after, open_today = after_counts.open_roles(), counts.open_roles()
        reached = sum(
            staff
            for (mask, index), staff in after.items()
            if open_after[mask] & steps.target_bits(index)
        ) - sum(
            staff
            for (mask, index), staff in today.items()
            if open_today[mask] & steps.target_bits(index)
        )
        missing = tuple(
            sorted(name for key, name in tally.wanted.items() if key not in tally.named)
        )
        what_if = WhatIf(
            engine.in_order(plus.codes), plus.group, tally.given_plus, missing, max(0, reached)
        )
    people = None
    if per_person:
        staff = sum(groups.values())
        listed = rows if tally.kept is None else tally.kept
        people = _People(listed, staff, source, checker, counts, steps)
    columns: tuple[Literal["quals", "role"], ...] = ("quals", "role")
    unrecognised = sorted(
        (
            (column, spelling, staff)
            for column, spellings in zip(
                columns, (tally.unknown_quals, tally.unknown_roles), strict=True
            )
            for spelling, staff in spellings.counts()
        ),
        key=lambda item: (-item[2], item[0], item[1]),
    )
    # A hint is a fuzzy search over every name on the map: only for the likeliest few.
    unrecognised_items = tuple(
        Unrecognised(
            column,
            spelling,
            staff,
            checker.hint(spelling, role=column == "role") if place < _HINTED else None,
        )
        for place, (column, spelling, staff) in enumerate(unrecognised)
    )
    return TeamReport(
        catalogue.name,
        source,
        sum(groups.values()),
        tuple(tally.problems),
        role_counts,
        tuple(needs),
        people,
        steps.needs(unlocks),
        unrecognised_items,
        tuple(
            OutOfRole(line, name, role, gaps[(mask, index_of[role.id])])
            for line, name, role, mask in out_of_role
        ),
        tally.out_of_role_total,
        what_if,
        steps.proven,
        studying,
        steps.unplanned_staff,
    )


class _Tally:
    """A staff list read and counted: staff by (effective set, band rank of their role)
    and by (set once study ends, role number), study under way, the what-if's recount,
    unrecognised spellings, and staff out of their own role. Rows with the same cells
    are judged once: a row's own work is a lookup and a count."""

    def __init__(
        self,
        catalogue: Catalogue,
        checker: RowChecker,
        source: str,
        plus: Plus | None,
        progress: Progress | None,
    ) -> None:
        self.catalogue, self.checker, self.source = catalogue, checker, source
        self.engine = checker.engine
        self.plus, self.progress = plus, progress
        self.problems: list[Problem] = []
        self.groups: Counter[tuple[int, int]] = Counter()  # (effective mask, band rank)
        self.placed: Counter[tuple[int, int]] = Counter()  # (effective mask, role or -1)
        self.after: Counter[tuple[int, int]] = Counter()  # the same, with the what-if's codes
        self.today: Counter[tuple[int, int]] = Counter()  # the what-if's baseline
        self.studying = self.given_plus = 0
        self.codes_of = _FirstCodes(checker)
        self.unknown_quals, self.unknown_roles = _Spellings(), _Spellings()
        self.out_of_role: list[tuple[int, str, Role, int]] = []  # line, name, role, mask
        self.out_of_role_total = 0
        self.kept: list[StaffRow] | None = None
        self.named: set[str] = set()
        # Names match as elsewhere: case, spacing and hyphens ignored.
        self.wanted = {name_key(name): name for name in plus.names} if plus and plus.names else {}
        self.judged: dict[tuple[str, str, str], _Group] = {}
        self.misfits_of: dict[int, bool] = {}  # by set key (RowChecker.set_key)
        self.shift = checker.shift
        self.low = (1 << self.shift) - 1  # a set key's role number, less _WHOLE
        self.rank_of = {index: checker.rank(role) for index, role in enumerate(catalogue.roles)}
        self.rank_of[-1] = -1
        self.total = 0

    def read(self, rows: Iterable[StaffRow], *, per_person: bool, by_cells: bool) -> None:
        """Count ``rows``: a CSV list by its cells when no row's own name is wanted as
        it is read, else row by row. Rows read only once are kept for the people
        (``kept``); others are read again (``_People``)."""
        if per_person and isinstance(rows, Iterator):
            self.kept = []
        self.total = len(rows) if isinstance(rows, Sized) else 0  # streamed: unknown
        by_cells = by_cells and self.kept is None and not self.wanted
        listed = iter(rows) if by_cells else rows  # a StaffFile reads its file now
        if by_cells and isinstance(listed, CsvRows):
            done = self.count_cells(listed)
        else:
            done = self.count_rows(listed)
        self.absorb()
        if self.progress is not None:
            self.progress(done, self.total or done)

    def absorb(self) -> None:
        """Count the groups judged so far into the totals, and forget them."""
        judged = self.judged
        for (_, role_cell, _), group in judged.items():
            self.absorb_group(role_cell, group)
        judged.clear()

    def absorb_group(self, role_cell: str, group: _Group) -> None:
        plus, codes_of, after = self.plus, self.codes_of, self.after
        staff = group.staff
        if staff:
            effective, ahead, index = group.effective, group.ahead, group.index
            self.unknown_quals.update(group.unknown, staff)
            if group.role_unknown:
                self.unknown_roles.update((role_cell,), staff)
            codes_of.add(effective, group.codes)
            self.groups[(effective, self.checker.rank(group.role))] += staff
            if group.pending:
                self.studying += staff
                codes_of.add(ahead, group.codes | group.pending)
            self.placed[(ahead, index)] += staff
            if plus is not None:
                gains = staff if plus.names is None else group.named
                self.given_plus += gains
                if gains:
                    boosted = self.engine.effective_mask(group.codes | plus.codes)
                    codes_of.add(boosted, group.codes | plus.codes)
                    after[(boosted, index)] += gains
                if staff - gains:
                    after[(effective, index)] += staff - gains
                self.today[(effective, index)] += staff

    def misfit(self, key: int) -> bool:
        """Whether staff of a set key (``RowChecker.set_key``) with a role on the map do
        not meet it (remembered)."""
        misfits_of = self.misfits_of
        found = misfits_of.get(key)
        if found is None:
            index, effective = (key & self.low) + _WHOLE, key >> self.shift
            found = misfits_of[key] = not self.engine.meets(index, effective)
        return found

    def absorb_sets(
        self,
        sets: dict[int, int],
        first: dict[int, Read],
        normal: Callable[[Read], Cells],
        whole: Sequence[Cells] = (),
    ) -> None:
        """Count a run's cells into the totals, in the order first met: staff by their
        set key (``RowChecker.set_key``), whose first cells (as read) are ``first[key]``,
        and the cells judged whole (role number ``_WHOLE``, their place in ``whole`` for
        the mask); then forget them."""
        groups, placed, codes_of, judged = self.groups, self.placed, self.codes_of, self.judged
        misfits_of, shift, low, rank_of = self.misfits_of, self.shift, self.low, self.rank_of
        for key, staff in sets.items():
            effective, index = key >> shift, (key & low) + _WHOLE
            if index == _WHOLE:
                cells = whole[effective]
                self.absorb_group(cells[1], judged[cells])
                continue
            if effective not in codes_of:  # the codes of the first cells met with the mask
                codes_of.add_cells(effective, normal(first[key]))
            # dict.get: a Counter's own += calls its __missing__ in Python for a new key
            ranked, placing = (effective, rank_of[index]), (effective, index)
            groups[ranked] = groups.get(ranked, 0) + staff
            placed[placing] = placed.get(placing, 0) + staff
            if index >= 0:
                unmet = misfits_of.get(key)
                if unmet is None:
                    unmet = self.misfit(key)
                if unmet:
                    self.out_of_role_total += staff
        judged.clear()

    def count_rows(self, listed: Iterable[StaffRow]) -> int:
        """Judge and count row by row; how many rows were read."""
        judged, checker, progress, wanted, kept = (
            self.judged,
            self.checker,
            self.progress,
            self.wanted,
            self.kept,
        )
        done = 0
        for done, row in enumerate(listed, start=1):
            if progress is not None and done % 5000 == 0:
                progress(done, self.total)
            key = (row.quals, row.role, row.studying)
            group = judged.get(key)
            if group is None and len(judged) >= _CELLS_KEPT:
                self.absorb()  # a bounded memo: the counts so far are kept, the groups let go
            if group is None or group.problem or row.uncomputed or not row.name:
                verdict = checker.verdict(row)
                if verdict[0]:
                    self.problems.append(Problem(self.source, row.line, verdict[0]))
                    if group is None and row.name and not row.uncomputed:
                        judged[key] = _Group.refused()
                    continue
                if group is None:
                    group = judged[key] = _Group.of(verdict, checker, row)
            group.staff += 1
            if wanted and (person := name_key(row.name)) in wanted:
                group.named += 1
                self.named.add(person)
            if group.misfit:
                self.out_of_role_total += 1
                if self.out_of_role_total <= MAX_OUT_OF_ROLE:  # a bounded report, whatever
                    assert group.role is not None
                    self.out_of_role.append((row.line, row.name, group.role, group.effective))
            if kept is not None:
                kept.append(row)
        return done

    def count_cells(self, listed: CsvRows) -> int:
        """Judge and count each run's distinct cells (``CsvRows.raw_cell_counts``), then
        read rows only as far as the first ``MAX_OUT_OF_ROLE`` out of their role, for
        their names and lines; how many rows there are.

        The cycle collector is paused meanwhile: millions of rows, cells and keys are
        made and let go, none in a cycle, and it would walk every object held, over and
        over (a tenth or more of the time of a list of a million)."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._count_cells(listed)
        finally:
            if collecting:
                gc.enable()

    def _count_cells(self, listed: CsvRows) -> int:
        codes_of, judged, shift, low = self.codes_of, self.judged, self.shift, self.low
        checker, progress, misfit = self.checker, self.progress, self.misfit
        done = 0
        # The cells of the first rows out of their role: all such cells of each run of
        # rows counted until the run where they pass the number listed.
        misfits: dict[tuple[str, str, str], tuple[Role, int]] = {}
        # Cells with no study, and every item and the job title known, are counted by
        # their (effective mask, role number), each item and title worked out once, and
        # a run of such cells all at once; other cells are judged whole. With a what-if,
        # all are.
        quick = self.plus is None
        # Runs counted at once are summed, and counted into the totals together (each
        # key once) before any cells met after them, and after each run while staff out
        # of their role are listed (which runs to list depends on how many so far).
        summed: dict[int, int] = {}  # staff by set key
        summed_first: dict[int, Read] = {}  # the first cells of keys with a new mask

        def count_summed() -> None:
            self.absorb_sets(summed, summed_first, normal)
            summed.clear()
            summed_first.clear()

        normal, roles = listed.normal, self.catalogue.roles
        for counted, raw in listed.raw_cell_counts(_CELLS_KEPT):
            if progress is not None:  # as often as reading row by row reports it
                for mark in range(done // 5000 + 1, counted // 5000 + 1):
                    progress(mark * 5000, self.total)
            done = counted
            listing = self.out_of_role_total < MAX_OUT_OF_ROLE
            has_role, has_studying = listed.has_columns
            cells_read = list(raw)
            # A list of more distinct items than are kept is judged cell by cell: its
            # items would be worked out for keys, let go, and worked out again.
            quick = quick and not checker.spellings_overflow
            keys = checker.set_keys(cells_read, has_role, has_studying) if quick else None
            if keys is not None and min(keys, default=0) >= 0:  # the run counted at once
                new = {
                    mask for mask in set(map(rshift, keys, repeat(shift))) if mask not in codes_of
                }
                if new:  # the codes of a mask are those of the first cells met with it
                    # Each key's first cells: written last, read backwards.
                    at = dict(zip(reversed(keys), reversed(cells_read), strict=True))
                    for key, cells in at.items():
                        if key >> shift in new and key not in summed_first:
                            summed_first[key] = cells
                get = summed.get
                for key, staff in zip(keys, raw.values(), strict=True):
                    summed[key] = get(key, 0) + staff
                for cells, key in zip(cells_read, keys, strict=True) if listing else ():
                    index = (key & low) + _WHOLE
                    if index >= 0 and misfit(key):
                        misfits[normal(cells)] = (roles[index], key >> shift)
                if listing:
                    count_summed()
                continue
            count_summed()
            sets: dict[int, int] = {}  # staff by set key, in the order first met
            first: dict[int, Read] = {}  # each key's first cells
            whole: list[Cells] = []  # cells judged whole, in order
            for key, (cells, staff) in zip(keys or repeat(-1), raw.items(), strict=False):
                if key >= 0:
                    if key in sets:
                        sets[key] += staff
                    else:
                        sets[key] = staff
                        first[key] = cells
                    index = (key & low) + _WHOLE
                    if listing and index >= 0 and misfit(key):
                        misfits[normal(cells)] = (roles[index], key >> shift)
                    continue
                key_cells = normal(cells)
                group = judged.get(key_cells)
                if group is None:
                    verdict = checker.cells_verdict("-", *key_cells)  # no name is needed...
                    if verdict[0]:  # ...but for a problem (only with strict): read row by row
                        raise Unvouched("a row with a problem")
                    group = judged[key_cells] = _Group.of_cells(verdict, checker, key_cells[2])
                    sets[len(whole) << shift] = 0  # role number _WHOLE
                    whole.append(key_cells)
                group.staff += staff
                if group.misfit:
                    self.out_of_role_total += staff
                    if listing and group.role is not None:
                        misfits[key_cells] = (group.role, group.effective)
            self.absorb_sets(sets, first, normal, whole)
        count_summed()
        out_of_role = self.out_of_role
        for row in listed.rows_holding(misfits) if misfits else ():
            out_of_role.append((row.line, row.name, *misfits[(row.quals, row.role, row.studying)]))
            if len(out_of_role) == MAX_OUT_OF_ROLE:  # a bounded report, whatever the list
                break
        return done


@dataclass(frozen=True)
class Study:
    """A staff row's study: codes due by the day counted, codes still under way, and
    items that could not be read."""

    done: frozenset[str]
    pending: frozenset[str]
    unknown: tuple[str, ...]


class RowChecker:
    """A staff row's problem, or its role, codes and effective mask: the one judge of a
    row for ``analyse_team`` and ``team_reports``. Quals and role cells repeat down a staff
    list, so each distinct cell is worked out once (within a bound).

    ``mapping`` (a mapping file) says what the service's own spellings mean. With
    ``keep_unknown`` a row's unrecognised items and job title are not a problem: the rest
    of the row counts, and ``unrecognised`` tells what was left out."""

    def __init__(
        self,
        catalogue: Catalogue,
        mapping: StaffMapping | None = None,
        *,
        keep_unknown: bool = False,
        as_of: date | None = None,
    ) -> None:
        self.catalogue, self.resolver = catalogue, resolver_for(catalogue)
        self.engine = engine_for(catalogue)
        self.mapping, self.keep_unknown = mapping, keep_unknown
        self.as_of = as_of or date.today()
        self._studying: Bounded[str, Study] = Bounded(_CELLS_KEPT)
        self._quals: Bounded[str, tuple[frozenset[str], int, tuple[str, ...]]] = Bounded(
            _CELLS_KEPT
        )
        self._roles: Bounded[str, tuple[Role | None, str | None]] = Bounded(_CELLS_KEPT)
        self._ranks = {role.id: catalogue.band_rank[role.band] for role in catalogue.roles}
        self._in_role = self.engine.effective_mask(catalogue.from_any_role)
        # A staff list's quals items as read (not stripped, nothing escaped), each
        # distinct one worked out once (``_item_mask``; at most ``_CELLS_KEPT``).
        self.item_masks: dict[str, int] = {}
        self.spellings_overflow = False
        """Whether a list has had more distinct items than ``item_masks`` keeps."""
        self.role_slots: dict[str, _Slot] = {}
        self.shift = (len(catalogue.roles) - 1 - _WHOLE).bit_length()

    def check(self, row: StaffRow) -> tuple[str | None, Role | None, frozenset[str], int]:
        problem, role, codes, effective, _, _ = self.verdict(row)
        return problem, role, codes, effective

    def verdict(self, row: StaffRow) -> Verdict:
        """As ``check``, and then the row's unrecognised items and whether its job title
        names no role (both empty unless ``keep_unknown``)."""
        if row.uncomputed:  # unknown, not empty: count the person once it is known
            cells = " and ".join(row.uncomputed)
            verb = "cells hold" if len(row.uncomputed) > 1 else "cell holds"
            message = (
                f"the {cells} {verb} a formula with no saved value;"
                " open the file in a spreadsheet program and save it again"
            )
            return (f"{row.name}: {message}" if row.name else message), None, _NONE, 0, (), False
        if not row.name:
            return "the name is empty", None, _NONE, 0, (), False
        return self.cells_verdict(row.name, row.quals, row.role, row.studying)

    def cells_verdict(self, name: str, quals_cell: str, role_cell: str, studying: str) -> Verdict:
        """As ``verdict``, for a row with a name and no formula uncomputed: a staff list's
        distinct cells are judged without a row built for them."""
        quals = self._quals.get(quals_cell)
        if quals is None:
            quals = self._quals.put(quals_cell, self._resolve_quals(quals_cell))
        codes, effective, unknown = quals
        if studying:
            study = self.study_of(studying)
            if study.done:
                codes = codes | study.done
                effective = self.engine.effective_mask(codes)
            unknown = (*unknown, *study.unknown)
        if unknown and not self.keep_unknown:
            problem = f"{name}: {self.resolver.unknown_error(unknown)}"
            return problem, None, _NONE, 0, (), False
        if not role_cell:
            return None, None, codes, effective, unknown, False
        role, error = self._role(role_cell)
        if error is None:
            if role is not None and self._in_role & ~effective:
                # Being in a role on the map is experience: what any role builds is held.
                codes = codes | set(self.catalogue.from_any_role)
                effective |= self._in_role
            return None, role, codes, effective, unknown, False
        if not self.keep_unknown:
            return f"{name}: {error}", None, _NONE, 0, (), False
        return None, None, codes, effective, unknown, True

    def study(self, row: StaffRow) -> Study:
        """What ``row``'s studying cell says: finished by ``as_of``, still under way, and
        items that name nothing or lack a month (``ILM5@2027-06`` is the form)."""
        return self.study_of(row.studying)

    def study_of(self, cell: str) -> Study:
        """As ``study``, for a studying cell."""
        study = self._studying.get(cell)
        if study is None:
            study = self._studying.put(cell, self._read_study(cell))
        return study

    def _read_study(self, cell: str) -> Study:
        done: set[str] = set()
        pending: set[str] = set()
        unknown: list[str] = []
        for item in split_quals(cell):
            name, due = split_study(item) or (item, None)
            code = self.resolver.code(name) if due else None
            if code is None:
                unknown.append(item)
            elif due is not None and due <= self.as_of:
                done.add(code)
            else:
                pending.add(code)
        return Study(frozenset(done), frozenset(pending), tuple(unknown))

    def hint(self, spelling: str, *, role: bool = False) -> str | None:
        """The closest code (or role id) to an unrecognised spelling, for a summary."""
        if role:
            names = role_names_for(self.catalogue)
            shared = names.roles.get(name_key(spelling), ())
            return " or ".join(shared) if len(shared) > 1 else names.closest(spelling)
        return self.resolver.hint(spelling)

    def rank(self, role: Role | None) -> int:
        return -1 if role is None else self._ranks[role.id]

    def _item_mask(self, item: str) -> int:
        """As ``_resolve_quals`` reads one item of a cell (-1: unknown, or unprintable)."""
        if UNPRINTABLE.search(item):
            return -1
        name = item.strip()
        if not name:
            return 0  # stray separators and spacing are ignored
        if self.mapping is not None:
            codes = self.mapping.codes_for(name)
            if codes is not None:
                return self.engine.effective_mask(codes)
        code = self.resolver.code(name)
        return -1 if code is None else self.engine.closure[code]

    def role_slot(self, cell: str) -> _Slot:
        """A role cell as read: the role's number (-1 for no role, or none on the map by
        the mapping file) and the low bits of the cells' set key (``set_key``), with
        what being in the role adds to the effective mask (being in a role on the map
        is experience), remembered in ``role_slots``; number ``_WHOLE`` for a cell only
        ``cells_verdict`` judges (a title that names no role, a character shown
        escaped)."""
        slots = self.role_slots
        if len(slots) >= _CELLS_KEPT:
            slots.clear()
        name = cell.strip()
        slot = _JUDGED_WHOLE
        if not name:
            slot = _NO_ROLE
        elif not UNPRINTABLE.search(name):
            role, error = self._role(name)
            if error is None and role is None:
                slot = _NO_ROLE
            elif error is None and role is not None:
                index = self.engine.role_index[role.id]
                slot = index, self.set_key(self._in_role, index)
        slots[cell] = slot
        return slot

    def set_key(self, effective: int, index: int) -> int:
        """An effective mask and a role number (-1 for none, ``_WHOLE`` for cells judged
        whole) as one int, quick to count by: the mask above ``shift`` low bits."""
        return effective << self.shift | index - _WHOLE

    def set_keys(self, cells: list[Read], role: bool, studying: bool) -> list[int] | None:
        """The set key (``set_key``) of each of a run of cells as read
        (``CsvRows.raw_cell_counts``; ``role`` and ``studying`` say whether the list
        has those columns), all at once: -1 for cells to be judged whole
        (``cells_verdict``): study, an item or title that names nothing, a character
        shown escaped. None when the list has had more distinct items than are kept:
        every cell is judged whole."""
        quals = list(map(itemgetter(0), cells))
        split = any(map(str.__contains__, quals, repeat(_OTHER_SEPARATOR)))

        def items() -> Iterator[list[str]]:
            if split:
                return map(_ITEMS, quals)
            return map(str.split, quals, repeat(_SEPARATOR))  # several times as fast

        item = self.item_masks.__getitem__
        try:  # an item judged whole is -1, and -1 | anything is -1
            masks = list(map(reduce, repeat(or_), map(map, repeat(item), items())))
        except KeyError:  # items not met before: each worked out once, then all again
            new = set(chain.from_iterable(items())).difference(self.item_masks)
            if len(self.item_masks) + len(new) > _CELLS_KEPT:
                self.spellings_overflow = True  # endless spellings: judge cells whole
                return None
            for name in new:
                self.item_masks[name] = self._item_mask(name)
            masks = list(map(reduce, repeat(or_), map(map, repeat(item), items())))
        slots: list[_Slot] | None = None
        if role:
            titles = list(map(itemgetter(1), cells))
            found = list(map(self.role_slots.get, titles))
            if None in found:  # a title not met before
                known = self.role_slots.get
                found = [
                    slot or known(title) or self.role_slot(title)
                    for slot, title in zip(found, titles, strict=True)
                ]
            slots = cast("list[_Slot]", found)  # none is None now
        studies = list(map(str.strip, map(itemgetter(2), cells))) if studying else []
        if min(masks, default=0) >= 0 and not any(studies):
            if slots is None:
                return list(map(or_, map(lshift, masks, repeat(self.shift)), repeat(_NO_ROLE[1])))
            if min(slots, default=_NO_ROLE)[0] != _WHOLE:  # every cell counted by its key
                lows = map(itemgetter(1), slots)
                return list(map(or_, map(lshift, masks, repeat(self.shift)), lows))
        return [
            -1 if mask < 0 or slot[0] == _WHOLE or study else mask << self.shift | slot[1]
            for mask, slot, study in zip(
                masks, slots or repeat(_NO_ROLE), studies or repeat(""), strict=False
            )
        ]

    def _resolve_quals(self, cell: str) -> tuple[frozenset[str], int, tuple[str, ...]]:
        names = split_quals(cell)
        mapped: set[str] = set()
        if self.mapping is not None:
            rest = []
            for name in names:
                codes = self.mapping.codes_for(name)
                if codes is None:
                    rest.append(name)
                else:
                    mapped |= codes
            names = tuple(rest)
        found, unknown = self.resolver.partition(names)
        codes = frozenset(found | mapped)
        return codes, self.engine.effective_mask(codes), tuple(unknown)

    def _role(self, cell: str) -> tuple[Role | None, str | None]:
        """The role a job title names (None: not on the map), or why it names none."""
        known = self._roles.get(cell)
        if known is not None:
            return known
        if self.mapping is not None:
            mapped, role_id = self.mapping.role_for(cell)
            if mapped:
                role = None if role_id is None else self.catalogue.roles_by_id[role_id]
                return self._roles.put(cell, (role, None))
        try:
            return self._roles.put(cell, (find_role(self.catalogue, cell), None))
        except CareerMapError as exc:
            return self._roles.put(cell, (None, str(exc)))


def _by_mask(staff: Counter[tuple[int, int]]) -> Counter[tuple[int, int]]:
    """Staff by effective mask alone (as ``team_counts`` groups, band rank 0): eligibility
    does not depend on the role held."""
    merged: Counter[tuple[int, int]] = Counter()
    for (mask, _), count in staff.items():
        merged[(mask, 0)] += count
    return merged


def _shortest_gaps(engine: RuleEngine, index: int, mask: int) -> tuple[tuple[str, ...], ...]:
    routes = engine.role_result(index, mask).routes
    fewest = min(len(route.missing) for route in routes)
    return tuple(dict.fromkeys(r.missing for r in routes if len(r.missing) == fewest))


class _Group:
    """What the rows with the same quals, role and studying cells have in common, and how
    many there are."""

    __slots__ = (
        "ahead",
        "codes",
        "effective",
        "index",
        "misfit",
        "named",
        "pending",
        "problem",
        "role",
        "role_unknown",
        "staff",
        "under_way",
        "unknown",
    )  # fmt: skip

    def __init__(self) -> None:
        self.problem = False
        self.role: Role | None = None
        self.codes: frozenset[str] = _NONE
        self.effective = self.ahead = self.staff = self.named = 0
        self.unknown: tuple[str, ...] = ()
        self.role_unknown = self.misfit = False
        self.index = -1
        self.pending: frozenset[str] = _NONE
        self.under_way: tuple[str, ...] = ()

    @classmethod
    def refused(cls) -> _Group:
        """Cells that are a problem (with ``strict``): each such row is judged alone."""
        group = cls()
        group.problem = True
        return group

    @classmethod
    def of(cls, verdict: Verdict, checker: RowChecker, row: StaffRow) -> _Group:
        return cls.of_cells(verdict, checker, row.studying)

    @classmethod
    def of_cells(cls, verdict: Verdict, checker: RowChecker, studying: str) -> _Group:
        _, role, codes, effective, unknown, role_unknown = verdict
        engine = checker.engine
        group = cls()
        group.role, group.codes, group.effective = role, codes, effective
        group.unknown, group.role_unknown = unknown, role_unknown
        group.index = -2 if role_unknown else -1 if role is None else engine.role_index[role.id]
        group.ahead = effective  # once study under way ends: what a next step still needs
        # Study of a code already held (or met through "counts as") adds nothing.
        pending = frozenset(
            code
            for code in (checker.study_of(studying).pending if studying else ())
            if engine.closure[code] & ~effective
        )
        if pending:
            group.pending = pending
            group.ahead = engine.effective_mask(codes | pending)
            group.under_way = engine.in_order(pending)
        if role is not None:
            group.misfit = not engine.meets(group.index, effective)
        return group


class _FirstCodes:
    """Each effective mask's codes as the first staff met with it hold them, where a plan
    starts from; for cells counted by their keys, worked out only if a plan asks (a
    random list of a million has hundreds of thousands of masks, and plans a thousand)."""

    def __init__(self, checker: RowChecker) -> None:
        self._checker = checker
        self._codes: dict[int, frozenset[str]] = {}
        self._cells: dict[int, Cells] = {}

    def __contains__(self, mask: int) -> bool:
        return mask in self._codes or mask in self._cells

    def add(self, mask: int, codes: frozenset[str]) -> None:
        if mask not in self:
            self._codes[mask] = codes

    def add_cells(self, mask: int, cells: Cells) -> None:
        """The codes of ``cells`` (quals, role, studying, as a row holds them)."""
        if mask not in self:
            self._cells[mask] = cells

    def __getitem__(self, mask: int) -> frozenset[str]:
        codes = self._codes.get(mask)
        if codes is None:
            _, _, codes, effective, _, _ = self._checker.cells_verdict("-", *self._cells.pop(mask))
            assert effective == mask
            self._codes[mask] = codes
        return codes


class _Spellings:
    """Unrecognised spellings counted as a mapping file would match them (case, spacing
    and hyphens ignored), each shown as first written."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._written: dict[str, str] = {}

    def update(self, spellings: Iterable[str], staff: int = 1) -> None:
        for spelling in spellings:
            key = name_key(spelling)
            self._written.setdefault(key, spelling)
            self._counts[key] += staff

    def counts(self) -> Iterator[tuple[str, int]]:
        return ((self._written[key], count) for key, count in self._counts.items())


_Summary = tuple[
    Role | None, tuple[Role, ...], tuple[NextStep, ...], tuple[str, ...], tuple[str, ...]
]
"""A summary's role, eligible roles, next steps, unrecognised items and study under way."""


class _People(Sequence[PersonSummary]):
    """A team's people, each summary made as ``rows`` are read again and judged as the
    counts judged them: a whole service's summaries (and rows) are never all held.

    ``rows`` is read once per iteration. A file that changed since it was counted is
    refused as the reading starts (``StaffFile``); other rows that no longer match the
    counts are refused where they are reached (one short: at the end)."""

    def __init__(
        self,
        rows: Iterable[StaffRow],
        staff: int,
        source: str,
        checker: RowChecker,
        counts: TeamCounts,
        steps: _NextSteps,
    ) -> None:
        self._rows, self._staff, self._source = rows, staff, source
        self._checker, self._steps = checker, steps
        self._fewest = counts.fewest
        self._set_row = {mask: row for row, mask in enumerate(counts.masks)}

    def __len__(self) -> int:
        return self._staff

    @overload
    def __getitem__(self, index: int) -> PersonSummary: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[PersonSummary, ...]: ...
    def __getitem__(self, index: int | slice) -> PersonSummary | tuple[PersonSummary, ...]:
        """Reads the list up to the person: ``tuple(people)`` for many lookups."""
        if isinstance(index, slice):
            return tuple(self)[index]
        place = index + self._staff if index < 0 else index
        if not 0 <= place < self._staff:
            raise IndexError("person index out of range")
        return next(islice(self, place, None))

    def __iter__(self) -> Iterator[PersonSummary]:
        # Read now, not at the first summary: a changed file is refused before any output.
        return self._summaries(iter(self._rows))

    def __repr__(self) -> str:
        return f"<{self._staff:,} people from {self._source}>"

    def __eq__(self, other: object) -> bool:
        """The same summaries in the same order (both lists are read again to tell)."""
        if not isinstance(other, _People):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(self._staff)

    def _summaries(self, rows: Iterator[StaffRow]) -> Iterator[PersonSummary]:
        summary_of: dict[tuple[str, str, str], _Summary | None] = {}
        staff = 0
        for row in rows:
            if row.uncomputed or not row.name:
                continue  # a problem: skipped by the counts too
            key = (row.quals, row.role, row.studying)
            if key in summary_of:
                cells = summary_of[key]
            else:
                if len(summary_of) >= _CELLS_KEPT:
                    summary_of.clear()  # bounded, as the counts' memo is
                cells = summary_of[key] = self._judge(row)
            if cells is None:
                continue
            staff += 1
            if staff > self._staff:
                raise self._changed(row.line)
            yield PersonSummary(row.line, row.name, *cells)
        if staff != self._staff:
            raise self._changed(None)

    def _judge(self, row: StaffRow) -> _Summary | None:
        """What a row's summary takes from its cells; None for a problem row."""
        checker = self._checker
        verdict = checker.verdict(row)
        if verdict[0]:
            return None
        group = _Group.of(verdict, checker, row)
        set_row = self._set_row.get(group.effective)
        if set_row is None or (group.ahead, group.index) not in self._steps.placed:
            raise self._changed(row.line)
        fewest = self._fewest[set_row].tolist()
        roles = checker.catalogue.roles
        eligible = tuple(role for role, count in zip(roles, fewest, strict=True) if not count)
        return (
            group.role,
            eligible,
            self._steps.for_group(group.ahead, group.index),
            (*group.unknown, row.role) if group.role_unknown else group.unknown,
            group.under_way,
        )

    def _changed(self, line: int | None) -> StaffListError:
        message = "changed since it was counted; run again once it is saved"
        return StaffListError([Problem(self._source, line, message)])


class _NextSteps:
    """Each group's next steps and what it needs for them, as ``path`` would plan them:
    one planner per distinct (effective set, current role), all within one search budget.

    A group's role is an index into the catalogue's roles, -1 for none (the entry roles
    are its next steps) or -2 for a job title the map does not know (no next steps)."""

    def __init__(
        self,
        catalogue: Catalogue,
        codes_of: _FirstCodes,
        placed: Counter[tuple[int, int]],
        counts: TeamCounts,
    ) -> None:
        self.catalogue, self.engine = catalogue, engine_for(catalogue)
        self.codes_of, self.placed, self.counts = codes_of, placed, counts
        entry = tuple(self.engine.role_index[role.id] for role in catalogue.entry_roles)
        self._targets: dict[int, tuple[int, ...]] = {-1: entry, -2: ()}
        self._target_bits: dict[int, int] = {}
        # The largest groups are planned first, up to the bound; the rest are rare.
        self._planned: set[tuple[int, int]] = set()
        plans = 0
        limit = MAX_TEAM_PLANS * _PLANNED_MAP_ROLES // max(_PLANNED_MAP_ROLES, len(catalogue.roles))
        for key, _ in placed.most_common():
            plans += len(self.targets(key[1]))
            if plans > limit:
                break
            self._planned.add(key)
        self.unplanned_staff = sum(n for key, n in placed.items() if key not in self._planned)
        self.budget = max(_PLAN_FLOOR, TEAM_PLAN_BUDGET // max(1, min(plans, limit)))
        self.proven = True
        self._steps: dict[tuple[int, int], tuple[NextStep, ...]] = {}

    def targets(self, index: int) -> tuple[int, ...]:
        """The roles a group's role leads to on its track (both, for a role on both)."""
        targets = self._targets.get(index)
        if targets is None:
            role = self.catalogue.roles[index]
            lanes = set(role.tracks)
            targets = self._targets[index] = tuple(
                self.engine.role_index[target]
                for target in role.progresses_to
                if lanes & set(self.catalogue.roles_by_id[target].tracks)
            )
        return targets

    def target_bits(self, index: int) -> int:
        """``targets`` as a bit mask of role numbers."""
        bits = self._target_bits.get(index)
        if bits is None:
            bits = self._target_bits[index] = sum(
                1 << target for target in set(self.targets(index))
            )
        return bits

    def for_group(self, mask: int, index: int) -> tuple[NextStep, ...]:
        key = (mask, index)
        steps = self._steps.get(key)
        if steps is None:
            steps = self._steps[key] = self._plan(mask, index)
        return steps

    def _plan(self, mask: int, index: int) -> tuple[NextStep, ...]:
        targets = self.targets(index)
        if not targets:
            return ()
        engine, roles = self.engine, self.catalogue.roles
        if (mask, index) not in self._planned:
            return tuple(
                NextStep(roles[target], engine.missing_for(target, mask), planned=False)
                for target in targets
            )
        current = roles[index].id if index >= 0 else None
        planner = RoutePlanner(
            self.catalogue, self.codes_of[mask], current_role=current, budget=self.budget
        )
        steps = []
        for target in targets:
            role = roles[target]
            if engine.meets(target, mask):
                steps.append(NextStep(role, (), 0))
                continue
            plan = planner.plan(role.id)
            self.proven = self.proven and plan.proven_cheapest
            if plan.route is None:  # nothing on the map gives it: say what is missing
                steps.append(NextStep(role, engine.missing_for(target, mask)))
            else:
                needed = tuple(code for code in plan.route if not mask & engine.bit[code])
                steps.append(NextStep(role, needed, plan.total_months))
        return tuple(steps)

    def needs(self, unlocks: list[int]) -> tuple[NextStepNeed, ...]:
        """Per qualification (equivalents as one), the staff it is a next-step need for."""
        catalogue = self.catalogue
        family = _equivalent_families(catalogue)
        staff: Counter[str] = Counter()
        by_role: dict[str, Counter[int]] = {}
        rest: list[tuple[int, int, int]] = []  # mask, slot (role number + 2), staff
        for (mask, index), count in self.placed.items():
            if (mask, index) not in self._planned:
                rest.append((mask, index + 2, count))
                continue
            needed = {
                family[code]
                # A step no plan reaches still needs its gap: the map just says no way.
                for step in self.for_group(mask, index)
                for code in step.missing
            }
            for code in needed:
                staff[code] += count
                by_role.setdefault(code, Counter())[index] += count
        if rest:  # the rest on their targets' closest routes, all at once on bit matrices
            from careermap.bulk import next_step_gaps

            codes = self.engine.codes
            column = {code: place for place, code in enumerate(codes)}
            slots = [self.targets(index) for index in range(-2, len(catalogue.roles))]
            gaps = next_step_gaps(self.counts, rest, slots, [column[family[c]] for c in codes])
            for slot, row in enumerate(gaps.tolist()):
                for place, count in enumerate(row):
                    if count:
                        staff[codes[place]] += count
                        by_role.setdefault(codes[place], Counter())[slot - 2] += count
        qualifications = catalogue.qualifications_by_code
        position = {code: place for place, code in enumerate(qualifications)}
        members: dict[str, list[Qualification]] = {}
        for code, head in family.items():
            if code != head:
                members.setdefault(head, []).append(qualifications[code])
        return tuple(
            NextStepNeed(
                qualifications[code],
                tuple(members.get(code, ())),
                count,
                self._by_role(by_role[code]),
                self._by_band(by_role[code]),
                unlocks[position[code]],
            )
            for code, count in sorted(staff.items(), key=lambda item: (-item[1], position[item[0]]))
        )

    def _by_role(self, counts: Counter[int]) -> tuple[tuple[Role | None, int], ...]:
        roles = self.catalogue.roles
        return tuple(
            (roles[index] if index >= 0 else None, count)
            for index, count in sorted(counts.items(), key=lambda item: (-item[1], item[0] < 0))
        )

    def _by_band(self, counts: Counter[int]) -> tuple[tuple[str | None, int], ...]:
        bands: Counter[str | None] = Counter()
        for index, count in counts.items():
            bands[self.catalogue.roles[index].band if index >= 0 else None] += count
        rank = self.catalogue.band_rank
        return tuple(
            sorted(bands.items(), key=lambda item: rank[item[0]] if item[0] else len(rank))
        )


def _equivalent_families(catalogue: Catalogue) -> dict[str, str]:
    """Each code's family head: the first in catalogue order of the codes at its level that
    count as one another, either way (ILM7 and CMI7), so a needs table has one line each."""
    engine = engine_for(catalogue)
    head: dict[str, str] = {}
    for qualification in catalogue.qualifications:
        code = qualification.code
        if code in head:
            continue
        head[code] = code
        for other in catalogue.qualifications:
            if other.code in head or not _same_level(qualification, other):
                continue
            if other.code in engine.counts_as(code) or code in engine.counts_as(other.code):
                head[other.code] = code
    return head


def _same_level(one: Qualification, other: Qualification) -> bool:
    if one.rqf is not None and other.rqf is not None:
        return one.rqf == other.rqf
    return one.scqf is not None and one.scqf == other.scqf
