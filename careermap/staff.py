"""Reading staff lists: CSV (``-`` for standard input) or .xlsx with the optional openpyxl.

Each row keeps its line (or spreadsheet row) number, so a bad row can be reported where
a person will find it. Header names are matched in any case.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from careermap.errors import Problem, StaffListError, UsageError
from careermap.textfile import decode_text, read_limited, read_stdin_limited

NAME_HEADERS = ("name", "id")
QUALS_HEADER = "quals"
ROLE_HEADER = "role"
MAX_STAFF_BYTES = 200 * 1024 * 1024
STDIN = "-"


@dataclass(frozen=True)
class StaffRow:
    """One row of a staff list, as text, with its line (or spreadsheet row) number."""

    line: int
    name: str
    quals: str
    role: str


def source_name(path: Path | str) -> str:
    """How messages name a staff list: its path, or ``<stdin>`` for ``-``."""
    return "<stdin>" if str(path) == STDIN else str(path)


def read_staff(path: Path | str) -> list[StaffRow]:
    """Read a staff list: CSV (``-`` for standard input) or .xlsx."""
    source = source_name(path)
    if str(path) == STDIN:
        raw = read_stdin_limited(MAX_STAFF_BYTES, StaffListError, source)
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
