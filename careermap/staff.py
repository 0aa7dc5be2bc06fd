"""Reading staff lists: CSV (``-`` for standard input) or .xlsx with the optional openpyxl.

Each row keeps its line (or spreadsheet row) number, so a bad row can be reported where
a person will find it: a CSV record that spans lines is reported at its first line, and
blank lines before the header are skipped but counted. Header names are matched in any
case; a CSV file may separate its columns with ``,``, ``;`` (as Excel does in many
European locales) or tabs. Control characters in a cell are shown escaped (``\\x1b``),
so no cell can drive the terminal or forge a line of output.

An .xlsx file is a zip of XML parts that anyone can craft, so before openpyxl sees it the
archive is checked: at most ``MAX_XLSX_MEMBERS`` parts and ``MAX_XLSX_UNPACKED_BYTES``
once unpacked (as declared and as actually read), only the compression Excel uses, no
part with a DTD (entities are how XML is made to explode or to read other files), UTF-8
XML of at most ``MAX_XLSX_ELEMENTS`` elements and rows of at most ``MAX_ROW_CELLS`` cells
(what bounds openpyxl's time and memory). The sheet is bounded in rows and cells read.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import warnings
from collections import Counter
from collections.abc import Callable, Collection, Container, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING

from careermap.errors import Problem, StaffListError, UsageError
from careermap.lookup import UNPRINTABLE, printable
from careermap.textfile import decode_text, read_limited, read_stdin_limited

if TYPE_CHECKING:  # zipfile and expat are imported where an .xlsx is read: CSV needs neither
    import _csv
    import zipfile
    from xml.etree.ElementTree import Element

    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# Header names recognised without a mapping, in order of preference; HR systems export
# "Employee Name", "Job Title" and "Qualifications".
NAME_HEADERS = ("name", "employee name", "full name", "staff name", "id")
QUALS_HEADERS = ("quals", "qualifications")
ROLE_HEADERS = ("role", "job title", "post")
STUDYING_HEADERS = ("studying",)
MAX_STAFF_BYTES = 200 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_XLSX_MEMBERS = 1000
MAX_XLSX_ELEMENTS = 4_000_000  # in all XML parts: up to 5 microseconds and 130 bytes each
MAX_ROW_CELLS = 100_000  # cell tags in one row; a spreadsheet row has at most 16,384 cells
MAX_SHEET_ROWS = 1_048_576  # Excel's own limit
MAX_SHEET_CELLS = 20_000_000  # rows times the columns read; keeps a crafted sheet cheap
STDIN = "-"

Columns = tuple[int, int, int | None, int | None]
"""Where the name, quals, role and studying columns are (from 0)."""


@dataclass(frozen=True)
class StaffColumns:
    """The header names of a staff list's name, quals and role columns (any case), for an
    export whose headers careermap does not know; None means the usual names."""

    name: str | None = None
    quals: str | None = None
    role: str | None = None
    studying: str | None = None

    def choices(self) -> tuple[tuple[str, ...], ...]:
        """The header names to look for, per column, most wanted first."""
        return (
            _given(self.name) or NAME_HEADERS,
            _given(self.quals) or QUALS_HEADERS,
            _given(self.role) or ROLE_HEADERS,
            _given(self.studying) or STUDYING_HEADERS,
        )


def _given(header: str | None) -> tuple[str, ...]:
    return () if header is None else (header.strip().casefold(),)


USUAL_COLUMNS = StaffColumns()
_LABELS = ("name", "quals", "role", "studying")

# Other separators a CSV file may use, tried in turn when commas give no usable header.
_OTHER_DELIMITERS = ";\t"

# A formula element (<f>, or <x:f> with a namespace prefix) and a row in a sheet's XML.
_FORMULA = re.compile(rb"<(?:[^\s<>/:!?]+:)?f[\s/>]")
_ROW = re.compile(rb"<(?:[^\s<>/:!?]+:)?row[\s/>]")
# A line of text with its ending, as io.StringIO(text, newline="") splits it.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")
# The line breaks str.splitlines knows besides \r and \n, and the text it splits at once.
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_PIECE = 1 << 20

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"  # .xls, and .xlsx saved with a password
_MAX_SHOWN = 200  # characters of a message taken from a damaged file


@dataclass(frozen=True)
class StaffRow:
    """One row of a staff list, as text, with its line (or spreadsheet row) number.

    No text field holds a control character: each is shown escaped, as ``\\x1b`` or ``\\n``.
    """

    line: int
    name: str
    quals: str
    role: str
    uncomputed: tuple[str, ...] = ()
    """The columns (name, quals, role, studying) whose cell is a formula with no saved
    value."""
    studying: str = ""
    """Study under way, as ``ILM5@2027-06`` items (code or name, then the month due)."""

    def __post_init__(self) -> None:
        search = UNPRINTABLE.search
        if search(self.name) or search(self.quals) or search(self.role) or search(self.studying):
            for field in ("name", "quals", "role", "studying"):  # rare: tested first
                object.__setattr__(self, field, printable(getattr(self, field)))


def source_name(path: Path | str) -> str:
    """How messages name a staff list: its path, or ``<stdin>`` for ``-``."""
    return "<stdin>" if str(path) == STDIN else str(path)


def read_staff(path: Path | str, columns: StaffColumns = USUAL_COLUMNS) -> list[StaffRow]:
    """Read a staff list: CSV (``-`` for standard input) or .xlsx."""
    return list(iter_staff(path, columns))


def iter_staff(path: Path | str, columns: StaffColumns = USUAL_COLUMNS) -> Iterator[StaffRow]:
    """The rows of a staff list, one at a time: a CSV's rows are never all held at once.
    A problem in a row is raised when that row is reached. ``columns`` names the header
    of each column where it is not one careermap knows ("name", "Job Title", ...)."""
    source, raw, spreadsheet = _read(path)
    return _parse(source, raw, spreadsheet, columns)


def _parse(source: str, raw: bytes, spreadsheet: bool, columns: StaffColumns) -> Iterator[StaffRow]:
    if spreadsheet:
        return iter(_xlsx_rows(raw, source, columns))
    # The file is read (and its size checked) now; its rows are parsed as they are taken.
    return CsvRows(decode_text(raw, source, StaffListError), source, columns)


Cells = tuple[str, str, str]
"""A row's quals, role and studying cells, as its ``StaffRow`` holds them."""
Read = tuple[str, ...]
"""A row's quals, role and studying cells as read (``CsvRows.raw_cell_counts``): the quals
again for a role column the list does not have, and no studying cell where it has no such
column."""
_CHUNK = 1024  # rows counted at once: a few hundred kilobytes
_CELLS_KEPT = 1 << 16  # distinct cells remembered while looking for rows


class Unvouched(Exception):
    """Raised by ``CsvRows.raw_cell_counts`` at a row only a row-by-row reading can report
    (a name that is empty, a CSV error, a header it cannot use): read the rows instead."""


class CsvRows(Iterator[StaffRow]):
    """A CSV staff list's rows, parsed as they are taken (what ``iter_staff`` gives for a
    CSV); or, before any is taken, counted by their cells with ``raw_cell_counts``."""

    def __init__(self, text: str, source: str, columns: StaffColumns) -> None:
        self._text, self._source, self._columns = text, source, columns
        self._rows: Iterator[StaffRow] | None = None
        self._read_at: tuple[int | None, int | None] = (None, None)  # role, studying

    def __iter__(self) -> CsvRows:
        return self

    def __next__(self) -> StaffRow:
        if self._rows is None:
            self._rows = _csv_rows(self._text, self._source, self._columns)
        return next(self._rows)

    def normal(self, cells: Read) -> Cells:
        """Cells as ``raw_cell_counts`` gives them, as a ``StaffRow`` holds them."""
        return _normal(cells, *self._read_at)

    @property
    def has_columns(self) -> tuple[bool, bool]:
        """Whether the list has a role and a studying column (once ``raw_cell_counts``
        has started): a column it lacks is read as the quals."""
        role, studying = self._read_at
        return role is not None, studying is not None

    def raw_cell_counts(self, limit: int) -> Iterator[tuple[int, Counter[Read]]]:
        """How many rows hold each distinct (quals, role, studying) cells, with no object
        built for a row: (rows so far, counts) for each run of rows that holds at least
        ``limit`` distinct cells (and for the last), in the order of the file, each
        count's cells in the order first met. The rows counted are the rows iterating
        gives, and none of them is a problem of its own (an empty name), else
        ``Unvouched`` is raised, by the time the last count is given.

        The CSV module's reader splits the rows, as for iterating; counting their cells
        stays in C (itemgetter, Counter) for every run of rows that has every column
        wanted and a name in each, which is all of them in a list without a problem.

        Each row's cells are as read (``Read``), not yet stripped nor their control
        characters escaped: ``normal`` gives the cells a ``StaffRow`` holds for them,
        which several may share."""
        if self._rows is not None:
            raise Unvouched("the rows are being read")
        try:
            reader, (name, quals, role, studying) = _csv_start(
                self._text, self._source, self._columns
            )
        except StaffListError:
            raise Unvouched("the header row") from None
        self._read_at = role, studying
        # A role column not in the file is read as the quals, and then emptied (_normal);
        # a studying column not in the file is not read (a shorter key is quicker).
        wanted = (
            quals,
            quals if role is None else role,
            *(() if studying is None else (studying,)),
        )
        widest = max(name, *wanted)
        cells_of, name_of = itemgetter(*wanted), itemgetter(name)
        counts: Counter[Read] = Counter()
        done = 0
        try:
            while rows := list(itertools.islice(reader, _CHUNK)):
                if min(map(len, rows)) > widest and all(map(str.strip, map(name_of, rows))):
                    counts.update(map(cells_of, rows))
                    done += len(rows)
                else:
                    done += _count_one_by_one(rows, counts, name, wanted)
                if len(counts) >= limit:
                    yield done, counts
                    counts = Counter()
        except csv.Error:
            raise Unvouched("a CSV error") from None
        yield done, counts

    def rows_holding(self, wanted: Container[Cells]) -> Iterator[StaffRow]:
        """The rows whose cells are in ``wanted``, each as iterating gives it, with no
        object built for any other: for a list ``raw_cell_counts`` counted without a problem.

        Each run of rows is passed over in C unless it holds such cells; a row's line is
        counted from the reader's, unless a record spans lines (a quoted line break):
        from there on, every row is read as iterating reads it."""
        reader, columns = _csv_start(self._text, self._source, self._columns)
        name, quals, role, studying = columns
        at = (quals, quals if role is None else role, quals if studying is None else studying)
        widest = max(name, *at)
        cells_of = itemgetter(*at)
        held: dict[tuple[str, str, str], bool] = {}  # cells as read -> whether wanted
        line = reader.line_num  # the last line read
        while rows := list(itertools.islice(reader, _CHUNK)):
            if reader.line_num - line != len(rows):  # a record of more than one line
                rest = _csv_rows(self._text, self._source, self._columns)
                yield from (row for row in rest if row.line > line and _key(row) in wanted)
                return
            if min(map(len, rows)) > widest:
                keys: list[tuple[str, str, str]] = list(map(cells_of, rows))
            else:
                keys = [_padded(cells, at) for cells in rows]
            if len(held) >= _CELLS_KEPT:
                held.clear()
            for key in set(keys).difference(held):
                held[key] = _normal(key, role, studying) in wanted
            if any(map(held.__getitem__, keys)):
                for offset, (cells, key) in enumerate(zip(rows, keys, strict=True)):
                    if held[key] and any(cell.strip() for cell in cells):
                        yield _row(line + 1 + offset, cells, columns)
            line = reader.line_num


def _key(row: StaffRow) -> Cells:
    return row.quals, row.role, row.studying


def _padded(cells: list[str], at: tuple[int, int, int]) -> tuple[str, str, str]:
    """The cells at ``at``, "" for any past the end of a short row."""
    quals, role, studying = (cells[index] if index < len(cells) else "" for index in at)
    return quals, role, studying


def _normal(cells: Read, role: int | None, studying: int | None) -> Cells:
    """Cells as read, as a ``StaffRow`` holds them: stripped, control characters shown
    escaped, a column the file has not empty."""
    quals = cells[0].strip()
    role_cell = "" if role is None else cells[1].strip()
    studying_cell = "" if studying is None else cells[2].strip()
    search = UNPRINTABLE.search
    if search(quals) or search(role_cell) or search(studying_cell):  # rare: tested first
        return printable(quals), printable(role_cell), printable(studying_cell)
    return quals, role_cell, studying_cell


def _count_one_by_one(
    rows: list[list[str]], counts: Counter[Read], name: int, wanted: tuple[int, ...]
) -> int:
    """Count rows some of which are blank (skipped, as iterating skips them), short or
    with no name (``Unvouched``: a problem row); how many were counted."""
    counted = 0
    for cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if name >= len(cells) or not cells[name].strip():
            raise Unvouched("a row with no name")
        counts[tuple(cells[index] if index < len(cells) else "" for index in wanted)] += 1
        counted += 1
    return counted


class StaffFile:
    """A staff list (a file, or ``-`` for standard input) that can be read more than once,
    parsed afresh each time, so that no row is held from one reading to the next: what
    ``team --per-person`` needs to count everyone first and then write each person's row.

    A file is read again each time and must hold the same bytes as at the first reading,
    else ``StaffListError`` (it changed in between, and the counts would not be of the
    rows listed). Standard input cannot be read again, so its bytes are kept: about as
    much again as its text takes while it is parsed. They are not spooled to a temporary
    file, which would leave a list of people's names on disk whenever a run is killed.
    """

    def __init__(self, path: Path | str, columns: StaffColumns = USUAL_COLUMNS) -> None:
        self.path, self.columns = path, columns
        self.source = source_name(path)
        self._kept: tuple[bytes, bool] | None = None
        self._digest: bytes | None = None

    def __iter__(self) -> Iterator[StaffRow]:
        """The rows, read now: an unreadable or changed file is raised here, before any row."""
        if self._kept is not None:
            raw, spreadsheet = self._kept
            return _parse(self.source, raw, spreadsheet, self.columns)
        source, raw, spreadsheet = _read(self.path)
        if str(self.path) == STDIN:
            self._kept = raw, spreadsheet
        else:
            import hashlib

            digest = hashlib.sha256(raw).digest()
            if self._digest is None:
                self._digest = digest
            elif digest != self._digest:
                message = (
                    "changed while careermap was reading it (it is read once to count"
                    " everyone, and again to list each person); run again once it is saved"
                )
                raise StaffListError([Problem(source, None, message)])
        return _parse(source, raw, spreadsheet, self.columns)


def _read(path: Path | str) -> tuple[str, bytes, bool]:
    """A staff list's name in messages, its bytes (within the size limit), and whether it
    is a spreadsheet."""
    source = source_name(path)
    if str(path) == STDIN:
        return source, read_stdin_limited(MAX_STAFF_BYTES, StaffListError, source), False
    file = Path(path)
    raw = read_limited(file, MAX_STAFF_BYTES, StaffListError)
    return source, raw, file.suffix.lower() in {".xlsx", ".xlsm"}


def read_names(path: Path | str, name_header: str | None = None) -> frozenset[str]:
    """The names in a list of people: a staff list's name column (``name_header``, or a
    usual one), or else the first cell of each line (a plain list, one name a line)."""
    source, raw, spreadsheet = _read(path)
    if spreadsheet:
        columns = StaffColumns(name=name_header)
        return frozenset(row.name for row in _xlsx_rows(raw, source, columns))
    lines = list(csv.reader(io.StringIO(decode_text(raw, source, StaffListError), newline="")))
    cells = [[printable(cell.strip()) for cell in line] for line in lines if any(line)]
    header = _header_names(cells[0]) if cells else []
    wanted = _given(name_header) or NAME_HEADERS
    column = next((header.index(h) for h in wanted if h in header), None)
    if column is None:  # no header: every line names someone
        return frozenset(line[0] for line in cells if line[0])
    return frozenset(line[column] for line in cells[1:] if len(line) > column and line[column])


# CSV


def _csv_rows(text: str, source: str, names: StaffColumns = USUAL_COLUMNS) -> Iterator[StaffRow]:
    reader, columns = _csv_start(text, source, names)
    start = reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield _row(start, cells, columns)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise StaffListError([_csv_problem(exc, reader, start, source)]) from None


def _csv_start(text: str, source: str, names: StaffColumns) -> tuple[_csv.Reader, Columns]:
    """A reader past the header row, and where the columns are."""
    reader, header, line = _csv_header(text, ",", source)
    columns = _find_columns(header, source, line, str, names)
    if columns is None:
        reader, header, line, columns = _other_delimiter(text, source, (header, line), names)
    return reader, columns


def _other_delimiter(
    text: str, source: str, comma: tuple[list[str], int], names: StaffColumns
) -> tuple[_csv.Reader, list[str], int, Columns]:
    """Read with ';' or tabs when that, and only that, gives a usable header.

    Excel writes ';' where ',' is the decimal mark; telling such a user to "save it with
    commas" would send them to their operating system's region settings.
    """
    tried = [comma]
    for delimiter in _OTHER_DELIMITERS:
        try:
            reader, header, line = _csv_header(text, delimiter, source)
        except StaffListError:
            continue  # not this delimiter: what it says would only mislead
        # a column given twice is an error
        columns = _find_columns(header, source, line, str, names)
        if columns is not None:
            return reader, header, line, columns
        tried.append((header, line))
    header, line = max(tried, key=lambda attempt: len(attempt[0]))  # the likeliest split
    raise StaffListError([Problem(source, line, _missing_columns(header, names))])


def _csv_header(text: str, delimiter: str, source: str) -> tuple[_csv.Reader, list[str], int]:
    """A reader past the header, the header and its line: the first record not blank."""
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                return reader, cells, start
            start = reader.line_num + 1
    except csv.Error as exc:
        raise StaffListError([_csv_problem(exc, reader, start, source)]) from None
    message = "the file is empty" if not text.strip() else "the file has only blank lines"
    raise StaffListError([Problem(source, 1, message)])


def _lines(text: str) -> Iterator[str]:
    """``text``'s lines, each with its ending (``\\r\\n``, ``\\r`` or ``\\n``), as
    ``io.StringIO(text, newline="")`` gives them but without its copy of the text, at
    four bytes a character: a staff list's text is held once while it is read.

    ``str.splitlines`` is twice as fast as the pattern, and splits at the same places in
    a text with none of the other line breaks it knows: then it splits the text a piece
    of about a megabyte at a time (each cut just after a ``\\n``)."""
    if any(other in text for other in _OTHER_BREAKS):
        return map(re.Match.group, _LINE.finditer(text))
    return itertools.chain.from_iterable(_pieces(text))


def _pieces(text: str) -> Iterator[list[str]]:
    start, end = 0, len(text)
    while start < end:
        cut = text.find("\n", start + _PIECE)
        cut = end if cut < 0 else cut + 1
        yield text[start:cut].splitlines(keepends=True)
        start = cut


def _csv_problem(exc: csv.Error, reader: _csv.Reader, start: int, source: str) -> Problem:
    line = reader.line_num
    if "unexpected end of data" not in str(exc):
        return Problem(source, line, f"CSV error: {exc}")
    message = 'a quote (") is opened and never closed'
    if start < line:  # the quote swallowed the lines after it: say where it began
        message += f" (the record starts at line {start})"
    return Problem(source, line, message)


# XLSX


def _xlsx_rows(raw: bytes, source: str, names: StaffColumns) -> list[StaffRow]:
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise UsageError(
            f"{source}: reading .xlsx needs openpyxl: pip install 'careermap[xlsx]'"
        ) from None
    archive, formula_parts = _checked_archive(raw, source)
    # openpyxl reports odd styles or dates as Python warnings, which would reach stderr
    # raw; a cell it cannot read as a date is read as the text "#VALUE!".
    with archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                return _sheet_rows(workbook, archive, formula_parts, source, names)
            finally:
                workbook.close()
        except StaffListError:
            raise
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise _unreadable(source, f"{exc.__class__.__name__}: {exc}") from None


def _unreadable(source: str, why: str) -> StaffListError:
    shown = printable(why if len(why) <= _MAX_SHOWN else why[:_MAX_SHOWN] + "...")
    return StaffListError([Problem(source, None, f"cannot read as a spreadsheet: {shown}")])


def _checked_archive(raw: bytes, source: str) -> tuple[zipfile.ZipFile, set[str]]:
    """The .xlsx opened as a zip once its parts are checked, and the parts that may hold
    formulas."""
    import zipfile

    if raw.startswith(_OLE_SIGNATURE):
        raise _unreadable(
            source,
            "it is an old .xls file or a workbook saved with a password;"
            " save it as .xlsx without a password, or as CSV",
        )
    # Each part has a central directory entry: count them before zipfile builds an
    # object for every one (a 200 MiB file can hold millions).
    if raw.count(b"PK\x01\x02") > MAX_XLSX_MEMBERS:
        message = f"holds more than {MAX_XLSX_MEMBERS:,} parts; a spreadsheet has far fewer"
        raise StaffListError([Problem(source, None, message)])
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        why = "it is not a zip archive, as an .xlsx file is (or it is cut short)"
        raise _unreadable(source, why) from None
    except Exception as exc:
        raise _unreadable(source, f"{exc.__class__.__name__}: {exc}") from None
    try:
        return archive, _checked_parts(archive, source)
    except StaffListError:
        archive.close()
        raise
    except Exception as exc:  # a bad CRC, a truncated part, an encrypted part
        archive.close()
        raise _unreadable(source, f"{exc.__class__.__name__}: {exc}") from None


def _checked_parts(archive: zipfile.ZipFile, source: str) -> set[str]:
    import zipfile

    limit = MAX_XLSX_UNPACKED_BYTES // 2**20
    too_big = f"unpacks to more than {limit} MiB, the most careermap reads from a spreadsheet"
    parts = archive.infolist()
    if sum(part.file_size for part in parts) > MAX_XLSX_UNPACKED_BYTES:
        raise StaffListError([Problem(source, None, too_big)])
    budget = MAX_XLSX_UNPACKED_BYTES
    elements = 0
    formula_parts = set()
    for part in parts:
        name = part.filename
        # zipfile inflates bzip2 and LZMA without an output bound; Excel uses neither.
        if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _unreadable(source, f"{name} uses compression method {part.compress_type}")
        with archive.open(part) as member:  # the sizes a zip declares may be lies
            data = member.read(budget + 1)
        budget -= len(data)
        if budget < 0:
            raise StaffListError([Problem(source, None, too_big)])
        prolog = _prolog(data)
        if prolog == "dtd":
            raise _unreadable(
                source, f"{name} declares a DTD (<!DOCTYPE), which no spreadsheet has"
            )
        if prolog == "xml" and (data.startswith((b"\xff\xfe", b"\xfe\xff")) or 0 in data[:4]):
            # Counting tags below needs '<' to be one byte, as in the UTF-8 Excel writes.
            raise _unreadable(source, f"{name} is not UTF-8 XML, as a spreadsheet's parts are")
        # openpyxl's parser keeps every element it does not use in memory, and builds all
        # of a row's cells at once: bound both, counting tags (over-counting is safe).
        elements += data.count(b"<") - data.count(b"</")
        if elements > MAX_XLSX_ELEMENTS:
            message = (
                f"holds more than {MAX_XLSX_ELEMENTS:,} XML elements, the most careermap reads"
                " from a spreadsheet"
            )
            raise StaffListError([Problem(source, None, message)])
        if prolog == "xml" and b"sheetData" in data and _widest_row(data) > MAX_ROW_CELLS:
            why = f"{name} has a row of more than {MAX_ROW_CELLS:,} cells"
            raise _unreadable(source, why)
        if _FORMULA.search(data):
            formula_parts.add(name)
    return formula_parts


def _widest_row(data: bytes) -> int:
    """At most how many cells one row of a sheet's XML holds: its tags starting with c
    (<c>, <x:c>) from one <row> to the next."""
    if data.count(b"<c") + data.count(b":c") <= MAX_ROW_CELLS:
        return 0  # no row can be too wide: spare counting row by row
    bounds = [0, *(found.start() for found in _ROW.finditer(data)), len(data)]
    return max(
        data.count(b"<c", start, end) + data.count(b":c", start, end)
        for start, end in itertools.pairwise(bounds)
    )


class _Stop(Exception):
    """Raised by a parser callback to stop parsing, with what was found."""


def _prolog(data: bytes) -> str | None:
    """ "dtd" when ``data`` parsed as XML has a DTD, "xml" when it reaches its first
    element without one, None when it is no XML (an image, say).

    Expat, which openpyxl's parser uses too, decides what the bytes are (any encoding);
    what it finds here before the first element is what openpyxl's parser would find.
    """

    def stop(found: str) -> Callable[..., None]:
        def handler(*_: object) -> None:
            raise _Stop(found)

        return handler

    from xml.parsers import expat

    parser = expat.ParserCreate(None, "}")
    parser.StartDoctypeDeclHandler = stop("dtd")
    parser.EntityDeclHandler = stop("dtd")
    parser.StartElementHandler = stop("xml")
    try:
        parser.Parse(data, True)
    except _Stop as found:
        return str(found)
    except (expat.ExpatError, ValueError, LookupError):
        pass  # not XML: openpyxl parses only XML, and would stop where expat did
    return None


def _sheet_rows(
    workbook: Workbook,
    archive: zipfile.ZipFile,
    formula_parts: set[str],
    source: str,
    names: StaffColumns,
) -> list[StaffRow]:
    if not workbook.worksheets:
        raise _unreadable(source, "it has no worksheet")
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()  # the <dimension> a file declares may be wrong: read every row
    budget = _Budget(source)
    header, header_line = _sheet_header(sheet, budget, source)
    columns = _find_columns(header, source, header_line, _column_letter, names)
    if columns is None:
        raise StaffListError([Problem(source, header_line, _missing_columns(header, names))])
    wanted = {
        index + 1: label for index, label in zip(columns, _LABELS, strict=True) if index is not None
    }
    width = max(wanted)  # read no further than the last column needed
    # The part openpyxl reads the sheet from: private to openpyxl, so the formula test in
    # tests/library/test_staff_files.py fails should it ever go.
    path = getattr(sheet, "_worksheet_path", None)
    uncached: Iterator[tuple[int, int]] = iter(())
    if isinstance(path, str) and path in formula_parts:
        uncached = _uncached_formulas(archive.open(path), wanted)
    pending = next(uncached, None)
    staff = []
    rows = sheet.iter_rows(min_row=header_line + 1, max_col=width, values_only=True)
    for number, values in enumerate(rows, start=header_line + 1):
        budget.take(number, len(values))
        flagged = []
        while pending is not None and pending[0] <= number:
            if pending[0] == number:
                flagged.append(wanted[pending[1]])
            pending = next(uncached, None)
        if flagged or _filled(values):
            staff.append(_row(number, values, columns, tuple(flagged)))
    return staff


class _Budget:
    """The rows and cells a sheet may make openpyxl produce (each row is padded to the
    width read, so a crafted row of one far-off cell costs thousands)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.cells = 0

    def take(self, row: int, cells: int) -> None:
        self.cells += cells
        if row > MAX_SHEET_ROWS:
            message = f"the sheet goes past row {MAX_SHEET_ROWS:,}, the most a spreadsheet has"
        elif self.cells > MAX_SHEET_CELLS:
            message = (
                f"the sheet has more than {MAX_SHEET_CELLS:,} cells up to the columns read,"
                " the most careermap reads"
            )
        else:
            return
        raise StaffListError([Problem(self.source, row, message)])


def _sheet_header(sheet: Worksheet, budget: _Budget, source: str) -> tuple[list[str], int]:
    """The first row not blank, as text, and its number."""
    rows = sheet.iter_rows(values_only=True)
    try:
        for number, values in enumerate(rows, start=1):
            budget.take(number, len(values))
            if _filled(values):
                return [_cell(value) for value in values], number
    finally:
        rows.close()
    raise StaffListError([Problem(source, 1, "the sheet is empty")])


def _filled(values: Sequence[object]) -> bool:
    if values.count(None) == len(values):  # the padding of a blank row, counted in C
        return False
    return any(_cell(value).strip() for value in values if value is not None)


def _uncached_formulas(stream: IO[bytes], columns: Collection[int]) -> Iterator[tuple[int, int]]:
    """(row, column) of each formula cell in ``columns`` with no saved value, numbered as
    openpyxl numbers them: openpyxl reads such a cell as empty, as it does a formula whose
    saved value is "", and only the XML tells the two apart."""
    from xml.etree.ElementTree import iterparse  # safe: the DTD check has seen this part

    from openpyxl.utils.cell import coordinate_to_tuple

    row = column = 0
    sheet_data = None
    with stream:
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag.rpartition("}")[2]
            if event == "start":
                if tag == "row":
                    number = element.get("r")
                    row = int(float(number)) if number else row + 1
                    column = 0
                elif tag == "sheetData":
                    sheet_data = element
                continue
            if tag == "c":
                ref = element.get("r")
                column = coordinate_to_tuple(ref)[1] if ref else column + 1
                if column in columns and _uncached(element):
                    yield row, column
            elif tag == "row" and sheet_data is not None:
                sheet_data.clear()  # rows read so far: keep memory flat


def _uncached(cell: Element) -> bool:
    """Whether ``cell`` is a formula with no saved value: no <v>, or an empty one that
    is no saved text (openpyxl writes <v/> for a formula it cannot compute)."""
    children = {child.tag.rpartition("}")[2]: child for child in cell}
    if "f" not in children:
        return False
    value = children.get("v")
    return value is None or (not value.text and cell.get("t") != "str")


def _column_letter(index: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return get_column_letter(index)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


# Both formats


def _find_columns(
    header: Sequence[str],
    source: str,
    line: int,
    label: Callable[[int], str],
    names: StaffColumns = USUAL_COLUMNS,
) -> Columns | None:
    """The name, quals and role columns, or None when name or quals is missing; a column
    given twice is an error naming both places (``label`` names a column from 1)."""
    cells = _header_names(header)
    found: list[int | None] = []
    problems = []
    given = (names.name, names.quals, names.role, names.studying)
    for label_of, choices, named in zip(_LABELS, names.choices(), given, strict=True):
        heading = next((h for h in choices if h in cells), None)
        if named is not None and heading is None and label_of in ("role", "studying"):
            # Asked for by name: reading on without it would count everyone wrongly.
            shown = printable(named.strip())
            problems.append(Problem(source, line, f"the header row has no {shown!r} column"))
        places = [index for index, cell in enumerate(cells) if cell == heading]
        if len(places) > 1:  # which one is meant? Taking either would be a guess
            times = "twice" if len(places) == 2 else f"{len(places)} times"
            shown = printable(header[places[0]].strip())
            where = " and ".join(label(place + 1) for place in places)
            message = f"the header row has a {shown!r} column {times} (columns {where}); keep one"
            problems.append(Problem(source, line, message))
        found.append(places[0] if places else None)
    places = [place for place in found if place is not None]
    if not problems and len(set(places)) < len(places):
        message = "one column is named for two of name, quals, role and studying; name each once"
        problems.append(Problem(source, line, message))
    if problems:
        raise StaffListError(problems)
    name, quals, role, studying = found
    if name is None or quals is None:
        return None
    return name, quals, role, studying


def _header_names(header: Sequence[str]) -> list[str]:
    return [cell.strip().lstrip("\ufeff").casefold() for cell in header]


def _missing_columns(header: Sequence[str], names: StaffColumns = USUAL_COLUMNS) -> str:
    cells = _header_names(header)
    name_choices, quals_choices = names.choices()[:2]
    wanted = []
    for label, choices, given in (
        ("name", name_choices, names.name),
        ("quals", quals_choices, names.quals),
    ):
        if not any(h in cells for h in choices):
            if given is not None:
                wanted.append(f"{printable(given.strip())!r} ({label})")
            elif label == "name":
                wanted.append("name (or id)")
            else:
                wanted.append("quals (or qualifications)")
    shown = [printable(cell.strip()) for cell in header if cell.strip()]
    found = ", ".join(shown[:20]) + (f" and {len(shown) - 20} more" if len(shown) > 20 else "")
    if len(found) > _MAX_SHOWN:
        found = found[:_MAX_SHOWN] + "..."
    message = f"the header row needs a {' and a '.join(wanted)} column; found: {found or 'nothing'}"
    if names == USUAL_COLUMNS:
        message += " (name the columns with --name-col, --quals-col and --role-col)"
    return message


def _row(
    line: int, cells: Sequence[object], columns: Columns, uncomputed: tuple[str, ...] = ()
) -> StaffRow:
    name, quals, role, studying = columns

    def cell(index: int | None) -> str:
        return _cell(cells[index]).strip() if index is not None and index < len(cells) else ""

    return StaffRow(line, cell(name), cell(quals), cell(role), uncomputed, cell(studying))
