"""CSV export, one flat table per result, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from careermap.render import OutputFormat, Renderer, rows

if TYPE_CHECKING:
    from careermap.eligibility import RoleReport
    from careermap.explanation import Explanation
    from careermap.listing import QualificationList, RoleDetail, RoleList
    from careermap.planner import Plan
    from careermap.team import TeamReport

# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Make a cell inert in spreadsheets (CSV formula injection) by quoting it as text."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def write_csv(header: Sequence[str], cells: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in cells)
    return buffer.getvalue()


class CsvRenderer(Renderer):
    output_format = OutputFormat.CSV

    def role_report(self, report: RoleReport) -> str:
        return write_csv(*rows.role_report(report))

    def explanation(self, explanation: Explanation) -> str:
        return write_csv(*rows.explanation(explanation))

    def plan(self, plan: Plan) -> str:
        return write_csv(*rows.plan_with_outcome(plan))

    def team(self, report: TeamReport) -> str:
        return write_csv(*rows.team(report))

    def role_list(self, listing: RoleList) -> str:
        return write_csv(*rows.catalogue_roles(listing.entries))

    def role_detail(self, detail: RoleDetail) -> str:
        return write_csv(*rows.catalogue_roles([detail.entry]))

    def qualification_list(self, listing: QualificationList) -> str:
        return write_csv(*rows.qualifications(listing))
