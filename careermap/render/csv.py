"""CSV export, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from careermap.render.rows import flat_table

if TYPE_CHECKING:
    from careermap.report import RoleReport
    from careermap.routes import Explanation, Plan
    from careermap.team import TeamReport

# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Make a cell inert in spreadsheets (CSV formula injection) by quoting it as text."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def write_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def render_csv(subject: RoleReport | Explanation | Plan | TeamReport) -> str:
    return write_csv(*flat_table(subject))
