"""A whole service at once: who is eligible for what, and which training unlocks most.

Staff lists come from spreadsheets (CSV, or .xlsx with the optional openpyxl). A bad row
(empty name, unknown code or role) is reported with its line and skipped, or is fatal
when ``strict``. Staff who hold the same effective codes are evaluated once, so the cost
grows with the number of distinct code sets times the number of roles.
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from careermap.engine import RuleEngine, engine_for
from careermap.errors import (
    CareerMapError,
    Problem,
    StaffListError,
    UnknownQualificationError,
    UsageError,
)
from careermap.lookup import find_role, resolve_quals
from careermap.models import Catalogue, Qualification, Role, normalise_name
from careermap.textfile import decode_text, read_limited

NAME_HEADERS = ("name", "id")
QUALS_HEADER = "quals"
ROLE_HEADER = "role"
MAX_STAFF_BYTES = 200 * 1024 * 1024

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while staff are evaluated."""


@dataclass(frozen=True)
class StaffRow:
    """One row of a staff list, as text, with its line (or spreadsheet row) number."""

    line: int
    name: str
    quals: str
    role: str


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


def read_staff(path: Path | str) -> list[StaffRow]:
    """Read a staff list: CSV (``-`` for standard input) or .xlsx."""
    source = str(path)
    if source == "-":
        source = "<stdin>"
        raw = sys.stdin.buffer.read(MAX_STAFF_BYTES + 1)
        if len(raw) > MAX_STAFF_BYTES:
            limit = MAX_STAFF_BYTES // (1024 * 1024)
            raise StaffListError([Problem(source, None, f"is larger than {limit} MiB")])
    else:
        file = Path(path)
        raw = read_limited(file, MAX_STAFF_BYTES, StaffListError)
        if file.suffix.lower() in {".xlsx", ".xlsm"}:
            return _xlsx_rows(raw, source)
    return list(_csv_rows(decode_text(raw, source, StaffListError), source))


def _csv_rows(text: str, source: str) -> Iterator[StaffRow]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise StaffListError([Problem(source, 1, "the file is empty")])
        columns = _columns(header, source)
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            yield _row(reader.line_num, cells, columns)
    except csv.Error as exc:
        message = f"CSV error: {exc}"
        if "unexpected end of data" in str(exc):
            message = 'a quote (") is opened and never closed'
        raise StaffListError([Problem(source, reader.line_num, message)]) from None


def _xlsx_rows(raw: bytes, source: str) -> list[StaffRow]:
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise UsageError(
            f"{source}: reading .xlsx needs openpyxl: pip install 'careermap[xlsx]'"
        ) from None
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        message = f"cannot read as a spreadsheet: {exc.__class__.__name__}: {exc}"
        raise StaffListError([Problem(source, None, message)]) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise StaffListError([Problem(source, 1, "the sheet is empty")])
        columns = _columns([_cell(value) for value in header], source)
        staff = []
        for number, values in enumerate(rows, start=2):
            cells = [_cell(value) for value in values]
            if any(cell.strip() for cell in cells):
                staff.append(_row(number, cells, columns))
        return staff
    finally:
        workbook.close()


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _columns(header: Sequence[str], source: str) -> tuple[int, int, int | None]:
    names = [cell.strip().lstrip("\ufeff").casefold() for cell in header]
    name = next((names.index(h) for h in NAME_HEADERS if h in names), None)
    quals = names.index(QUALS_HEADER) if QUALS_HEADER in names else None
    role = names.index(ROLE_HEADER) if ROLE_HEADER in names else None
    if name is None or quals is None:
        wanted = [
            label for label, found in (("name (or id)", name), ("quals", quals)) if found is None
        ]
        message = (
            f"the header row needs a {' and a '.join(wanted)} column;"
            f" found: {', '.join(cell for cell in header if cell) or 'nothing'}"
        )
        raise StaffListError([Problem(source, 1, message)])
    return name, quals, role


def _row(line: int, cells: Sequence[str], columns: tuple[int, int, int | None]) -> StaffRow:
    name, quals, role = columns

    def cell(index: int | None) -> str:
        return cells[index].strip() if index is not None and index < len(cells) else ""

    return StaffRow(line, cell(name), cell(quals), cell(role))


class _Resolver:
    """Codes and roles for staff rows, with each distinct spelling looked up once."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._codes: dict[str, str | None] = {}

    def codes(self, text: str) -> tuple[set[str], list[str]]:
        codes: set[str] = set()
        unknown: list[str] = []
        for token in text.replace(";", ",").split(","):
            token = token.strip()
            if not token:
                continue
            if token not in self._codes:
                self._codes[token] = self.catalogue.names_to_codes.get(normalise_name(token))
            code = self._codes[token]
            if code is None:
                unknown.append(token)
            else:
                codes.add(code)
        return codes, unknown


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
    resolver = _Resolver(catalogue)
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

    analysis = _Analysis(engine)
    eligible: Counter[int] = Counter()
    one_away: Counter[int] = Counter()
    unlocks: Counter[int] = Counter()
    for (effective, rank), staff in groups.items():
        status = analysis.status(effective)
        for index in status.eligible:
            eligible[index] += staff
        for index in status.one_away:
            one_away[index] += staff
        unlocking = status.unlock_above(rank)
        while unlocking:
            bit = unlocking & -unlocking
            unlocks[bit] += staff
            unlocking ^= bit

    index_of = analysis.index_of
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
        summaries = tuple(
            _person_summary(analysis, row, role, effective) for row, role, effective in people
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
    catalogue: Catalogue, resolver: _Resolver, row: StaffRow
) -> tuple[str | None, Role | None, set[str]]:
    if not row.name:
        return "the name is empty", None, set()
    codes, unknown = resolver.codes(row.quals)
    if unknown:
        try:
            resolve_quals(catalogue, unknown)
        except UnknownQualificationError as exc:
            return f"{row.name}: {exc}", None, set()
    role = None
    if row.role:
        try:
            role = find_role(catalogue, row.role)
        except CareerMapError as exc:
            return f"{row.name}: {exc}", None, set()
    return None, role, codes


@dataclass(frozen=True)
class _Status:
    eligible: tuple[int, ...]
    one_away: tuple[int, ...]
    unlock_by_rank: tuple[int, ...]
    """For each band rank r (and -1 first): codes that alone open a role above r."""

    def unlock_above(self, rank: int) -> int:
        return self.unlock_by_rank[rank + 1]


class _Analysis:
    """Role statuses for an effective mask, without building full results."""

    def __init__(self, engine: RuleEngine) -> None:
        self.engine = engine
        catalogue = engine.catalogue
        self.index_of = {role.id: index for index, role in enumerate(catalogue.roles)}
        self._statuses: dict[int, _Status] = {}
        self.routes = [
            (index, route)
            for index in range(len(catalogue.roles))
            for route in engine.role_routes(index)
        ]
        self.rank = [catalogue.band_rank[role.band] for role in catalogue.roles]
        self.ranks = len(catalogue.bands)
        # coverers[bit]: the codes whose "counts as" closure includes that bit.
        self.coverers: dict[int, int] = {}
        for code in engine.codes:
            bits = engine.closure[code]
            while bits:
                bit = bits & -bits
                self.coverers[bit] = self.coverers.get(bit, 0) | engine.bit[code]
                bits ^= bit
        # Entry roles: those no other role progresses to (the lowest band if none).
        reached = {target for role in catalogue.roles for target in role.progresses_to}
        self.entry_roles = [
            index for index, role in enumerate(catalogue.roles) if role.id not in reached
        ] or [index for index, rank in enumerate(self.rank) if rank == min(self.rank)]
        self.widest = max(engine.closure[code].bit_count() for code in engine.codes)

    def status(self, effective: int) -> _Status:
        cached = self._statuses.get(effective)
        if cached is None:
            cached = self._statuses[effective] = self._status(effective)
        return cached

    def _status(self, effective: int) -> _Status:
        lacking = ~effective
        eligible: set[int] = set()
        single: dict[int, int] = {}  # role index -> codes that alone complete a route
        coverers, widest = self.coverers, self.widest
        for index, route in self.routes:
            missing = route & lacking
            if not missing:
                eligible.add(index)
            elif missing.bit_count() <= widest:
                codes = -1
                while missing and codes:
                    bit = missing & -missing
                    codes &= coverers[bit]
                    missing ^= bit
                if codes:
                    single[index] = single.get(index, 0) | codes
        one_away = {index: codes for index, codes in single.items() if index not in eligible}
        by_rank = [0] * (self.ranks + 1)  # slot r + 1: roles strictly above rank r
        for index, codes in one_away.items():
            for slot in range(self.rank[index] + 1):
                by_rank[slot] |= codes
        return _Status(tuple(sorted(eligible)), tuple(sorted(one_away)), tuple(by_rank))


def _person_summary(
    analysis: _Analysis, row: StaffRow, role: Role | None, effective: int
) -> PersonSummary:
    engine = analysis.engine
    catalogue = engine.catalogue
    eligible = tuple(catalogue.roles[index] for index in analysis.status(effective).eligible)
    if role is not None:
        targets = [analysis.index_of[target] for target in role.progresses_to]
    else:  # not yet in a role: the entry roles are the next steps
        targets = analysis.entry_roles
    steps = tuple(
        NextStep(catalogue.roles[index], engine.role_result(index, effective).missing)
        for index in targets
    )
    return PersonSummary(row.line, row.name, role, eligible, steps)
