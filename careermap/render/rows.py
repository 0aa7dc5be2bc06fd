"""The flat row shared by the CSV and Markdown exports: id, title, band, eligible, missing."""

from __future__ import annotations

from careermap.report import RoleReport, RoleRow

COLUMNS = ("id", "title", "band", "eligible", "missing")


def flat_row(row: RoleRow) -> tuple[str, str, str, str, str]:
    """One role as export cells; eligibility cells are blank when it was not assessed."""
    if row.result is None:
        eligible = missing = ""
    else:
        eligible = "yes" if row.result.eligible else "no"
        missing = "; ".join(row.result.missing)
    return (row.role.id, row.role.title, row.role.band, eligible, missing)


def flat_rows(report: RoleReport) -> list[tuple[str, str, str, str, str]]:
    return [flat_row(row) for row in report.rows]
