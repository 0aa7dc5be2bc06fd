"""CSV export, one flat table per result, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from careermap.render import OutputFormat, Renderer, rows

if TYPE_CHECKING:
    from careermap.comparison import Comparison
    from careermap.diff import CatalogueDiff, Value
    from careermap.eligibility import RoleReport
    from careermap.explanation import Explanation
    from careermap.listing import QualificationList, RoleDetail, RoleList
    from careermap.planner import Plan
    from careermap.provenance import Provenance
    from careermap.team import TeamReport
    from careermap.whatif import Unlocks

DIFF_COLUMNS = ("section", "id", "name", "role", "change", "field", "before", "after")

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


def csv_records(cells: Iterable[Sequence[str]]) -> Iterator[str]:
    """Each row as ``write_csv`` writes it, one record at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in cells:
        writer.writerow([neutralise(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


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

    def team_stream(self, report: TeamReport) -> Iterator[str]:
        if report.people is None:
            yield self.team(report)
            return
        people = iter(report.people)  # the staff list is read again now, before the header
        yield write_csv(rows.PEOPLE_COLUMNS, ())
        yield from csv_records(rows.person_row(person) for person in people)

    def stamp_stream(self, chunks: Iterator[str], provenance: Provenance) -> Iterator[str]:
        return chunks  # as ``stamp``: a CSV carries none

    def role_list(self, listing: RoleList) -> str:
        return write_csv(*rows.catalogue_roles(listing.entries))

    def role_detail(self, detail: RoleDetail) -> str:
        return write_csv(*rows.catalogue_roles([detail.entry]))

    def qualification_list(self, listing: QualificationList) -> str:
        return write_csv(*rows.qualifications(listing))

    def comparison(self, comparison: Comparison) -> str:
        return write_csv(*rows.comparison(comparison))

    def unlocks(self, unlocks: Unlocks) -> str:
        return write_csv(*rows.unlocks(unlocks))

    def diff(self, diff: CatalogueDiff) -> str:
        return write_csv(DIFF_COLUMNS, diff_rows(diff))


def diff_rows(diff: CatalogueDiff) -> list[tuple[str, ...]]:
    """One row per change, ``section`` first: the two maps (``catalogue``), then ``map``,
    ``qualification``, ``role``, and with staff ``problem``, ``person`` and ``total``;
    last a ``summary`` row, ``differences`` or ``no differences``. Lists in a cell are
    joined with ``; ``, routes with `` | ``; a person's ``before``/``after`` is the codes
    missing for the role named in ``field`` (empty: eligible)."""
    found: list[tuple[str, ...]] = []
    for side, edition in (("old", diff.old), ("new", diff.new)):
        for field, value in (
            ("version", edition.version),
            ("effective_from", edition.effective_from),
        ):
            found.append(("catalogue", side, edition.name, "", "", field, "", value or ""))
    for change in diff.map_changes:
        found.append(
            ("map", "", "", "", "changed", change.field, _cell(change.before), _cell(change.after))
        )
    for q in diff.qualifications_added:
        found.append(("qualification", q.code, q.name, "", "added", "", "", ""))
    for q in diff.qualifications_removed:
        found.append(("qualification", q.code, q.name, "", "removed", "", "", ""))
    for q_change in diff.qualifications_changed:
        found += [
            (
                "qualification",
                q_change.code,
                q_change.name,
                "",
                "changed",
                field.field,
                _cell(field.before),
                _cell(field.after),
            )
            for field in q_change.changes
        ]
    for role in diff.roles_added:
        found.append(("role", role.id, role.title, "", "added", "", "", ""))
    for role in diff.roles_removed:
        found.append(("role", role.id, role.title, "", "removed", "", "", ""))
    for r_change in diff.roles_changed:
        who = ("role", r_change.role.id, r_change.role.title, "")
        found += [
            (*who, "changed", field.field, _cell(field.before), _cell(field.after))
            for field in r_change.changes
        ]
        found += [(*who, "route removed", "", " + ".join(r), "") for r in r_change.routes_removed]
        found += [(*who, "route added", "", "", " + ".join(r)) for r in r_change.routes_added]
        found += [(*who, "progression removed", "", t, "") for t in r_change.progressions_removed]
        found += [(*who, "progression added", "", "", t) for t in r_change.progressions_added]
    if diff.staff is not None:
        staff = diff.staff
        found += [
            ("problem", str(p.line), "", "", "skipped", p.side, "", p.message)
            for p in staff.problems
        ]
        for person in staff.people:
            found += [
                (
                    "person",
                    str(person.line),
                    person.name,
                    person.role or "",
                    str(shift.shift),
                    shift.role.id,
                    "; ".join(shift.missing_before),
                    "; ".join(shift.missing_after),
                )
                for shift in person.shifts
            ]
        for total in staff.totals:
            counts = (
                ("gains", total.gains),
                ("losses", total.losses),
                ("gap changes", total.gap_changes),
            )
            found += [
                ("total", total.role.id, total.role.title, "", what, "", "", str(count))
                for what, count in counts
            ]
        found.append(("total", "", "", "", "staff compared", "", "", str(staff.staff)))
        found.append(("total", "", "", "", "people affected", "", "", str(staff.affected)))
    found.append(
        ("summary", "", "", "", "differences" if diff.differs else "no differences", "", "", "")
    )
    return found


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        if value and isinstance(value[0], tuple):
            return " | ".join(" + ".join(route) for route in value)
        return "; ".join(str(item) for item in value)
    return str(value)
