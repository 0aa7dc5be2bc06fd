"""Markdown export, for PDR notes, wikis and issue trackers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from careermap.render import OutputFormat, Renderer, rows
from careermap.render.rows import number
from careermap.render.text import (
    NEEDS_HEADING,
    NO_NEEDS,
    OUT_OF_ROLE_HEADING,
    UNRECOGNISED_HEADING,
    UNRECOGNISED_NOTE,
    by_band_text,
    by_role_text,
    comparison_heading,
    described,
    explanation_heading,
    gap_text,
    gaps_text,
    leads_to_items,
    money,
    need_name,
    needs_note,
    out_of_role_listing,
    plan_heading,
    plan_outcome,
    role_name,
    routes_inline,
    team_heading,
    unlocks_heading,
    unlocks_sentence,
    what_if_sentence,
)

if TYPE_CHECKING:
    from careermap.comparison import Comparison
    from careermap.diff import CatalogueDiff
    from careermap.eligibility import RoleReport
    from careermap.explanation import Explanation
    from careermap.listing import QualificationList, RoleDetail, RoleList
    from careermap.planner import Plan
    from careermap.provenance import Provenance
    from careermap.team import TeamReport
    from careermap.whatif import Unlocks


def escape(cell: str) -> str:
    """Keep a cell inside its table column, and its text as text (never HTML)."""
    for character, replacement in _ESCAPES:
        cell = cell.replace(character, replacement)
    return cell


_ESCAPES = (
    ("\\", "\\\\"),
    ("|", "\\|"),
    ("[", "\\["),  # no link or image: catalogue and profile text stays text
    ("]", "\\]"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ("\r\n", " "),
    ("\r", " "),
    ("\n", " "),
)


def heading(text: str, level: int = 2) -> str:
    return f"{'#' * level} {escape(text)}\n\n"


def markdown_table(header: Sequence[str], cells: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in cells]
    return "\n".join(lines) + "\n"


def markdown_row(cells: Sequence[str]) -> str:
    """One row of a ``markdown_table``, its line break included."""
    return "| " + " | ".join(escape(cell) for cell in cells) + " |\n"


class MarkdownRenderer(Renderer):
    output_format = OutputFormat.MARKDOWN

    def stamp(self, text: str, provenance: Provenance) -> str:
        return f"{text}\n_{escape(provenance.text())}_\n"

    def role_report(self, report: RoleReport) -> str:
        header, cells = rows.role_report(report)
        body = markdown_table(header, cells) if cells else f"{escape(report.empty_message)}\n"
        return heading(report.title) + body

    def explanation(self, explanation: Explanation) -> str:
        return heading(explanation_heading(explanation)) + markdown_table(
            *rows.explanation(explanation)
        )

    def plan(self, plan: Plan) -> str:
        header, cells = rows.plan_timeline(plan)
        text = heading(plan_heading(plan))
        if cells:
            text += markdown_table(header, cells) + "\n"
        return text + escape(plan_outcome(plan)) + "\n"

    def team_stream(self, report: TeamReport) -> Iterator[str]:
        if report.people is None:
            yield self.team(report)
            return
        people = iter(report.people)  # the staff list is read again now, before the heading
        yield heading(team_heading(report)) + markdown_table(rows.PEOPLE_COLUMNS, ())
        for person in people:
            yield markdown_row(rows.person_row(person))

    def stamp_stream(self, chunks: Iterator[str], provenance: Provenance) -> Iterator[str]:
        yield from chunks
        yield self.stamp("", provenance)  # the stamp follows the text

    def team(self, report: TeamReport) -> str:
        text = heading(team_heading(report))
        if report.people is not None:
            return text + markdown_table(*rows.team(report))
        if report.what_if is not None:
            text += what_if_sentence(report) + "\n\n"
        text += heading(NEEDS_HEADING, 3)
        if report.next_step_needs:
            needs = [
                (
                    n.qualification.code,
                    need_name(n),
                    str(n.staff),
                    by_band_text(n),
                    by_role_text(n),
                    number(n.qualification.course_months),
                    money(n.qualification.cost),
                    money(n.total_cost),
                    str(n.unlocks),
                )
                for n in report.next_step_needs
            ]
            header = (
                "code", "qualification", "staff", "by band", "by current role", "months",
                "fee each", "total", "alone opens",
            )  # fmt: skip
            text += markdown_table(header, needs) + "\n" + needs_note(report) + "\n\n"
        else:
            text += NO_NEEDS + "\n\n"
        after = report.what_if is not None
        roles = [
            (
                c.role.band,
                c.role.id,
                c.role.title,
                str(c.eligible),
                str(c.one_away),
                *((number(c.eligible_after),) if after else ()),
                *((number(c.eligible_after_study),) if report.studying else ()),
            )
            for c in report.roles
        ]
        columns = ("band", "id", "title", "eligible now", "one away")
        text += heading("Roles", 3)
        extra = (
            *(("after the what-if",) if after else ()),
            *(("once study ends",) if report.studying else ()),
        )
        text += markdown_table((*columns, *extra), roles)
        if report.out_of_role:
            misfits = [
                (str(m.line), m.name, m.role.id, gaps_text(m.missing)) for m in report.out_of_role
            ]
            text += "\n" + heading(OUT_OF_ROLE_HEADING, 3)
            text += markdown_table(("line", "name", "role", "needs"), misfits)
            if report.out_of_role_total > len(report.out_of_role):
                text += "\n" + escape(out_of_role_listing(report)) + "\n"
        if report.unrecognised:
            unknown = [
                (u.column, u.spelling, str(u.staff), u.hint or "-") for u in report.unrecognised
            ]
            text += "\n" + heading(UNRECOGNISED_HEADING, 3)
            text += markdown_table(("column", "as written", "staff", "closest"), unknown)
            text += "\n" + UNRECOGNISED_NOTE + "\n"
        return text

    def role_list(self, listing: RoleList) -> str:
        cells = [
            (
                entry.role.band,
                entry.role.id,
                entry.role.title,
                ", ".join(entry.role.tracks),
                routes_inline(entry.role),
                ", ".join(role.id for role in entry.progresses_to),
            )
            for entry in listing.entries
        ]
        header = ("band", "id", "title", "tracks", "entry requirements", "progresses to")
        return heading(listing.catalogue) + markdown_table(header, cells)

    def qualification_list(self, listing: QualificationList) -> str:
        return heading(f"Qualifications: {listing.catalogue}") + markdown_table(
            *rows.qualifications(listing)
        )

    def role_detail(self, detail: RoleDetail) -> str:
        role, entry = detail.role, detail.entry
        training = role.training
        facts = [
            ("band", role.band),
            ("tracks", ", ".join(role.tracks)),
            ("entry requirements", routes_inline(role)),
            *((code, described(detail, code)) for code in detail.requirement_codes),
            ("training", "; ".join(training.items) or "-"),
            ("training leads to", ", ".join(leads_to_items(role)) or "-"),
            ("experience built", ", ".join(role.experience) or "-"),
            ("typical months", "-" if training.months is None else str(training.months)),
            ("experience months", number(role.experience_months)),
            ("progresses to", "; ".join(role_name(r) for r in entry.progresses_to) or "-"),
            ("reached from", "; ".join(role_name(r) for r in entry.reached_from) or "-"),
        ]
        return heading(f"{role.title} ({role.id})") + markdown_table(("field", "value"), facts)

    def comparison(self, comparison: Comparison) -> str:
        return heading(comparison_heading(comparison)) + markdown_table(
            *rows.comparison(comparison)
        )

    def unlocks(self, unlocks: Unlocks) -> str:
        text = heading(unlocks_heading(unlocks)) + escape(unlocks_sentence(unlocks)) + "\n\n"
        return text + markdown_table(*rows.unlocks(unlocks))

    def diff(self, diff: CatalogueDiff) -> str:
        from careermap.diff import (
            NO_MAP_DIFFERENCES,
            change_lines,
            side_text,
            staff_sentence,
        )

        text = heading(diff.heading)
        text += f"- Old map: {escape(diff.old.label)}\n- New map: {escape(diff.new.label)}\n\n"
        text += heading("Changes to the map", 3)
        if diff.map_differs:
            cells = [
                (line.section, line.id, line.name, line.change, line.before, line.after)
                for line in change_lines(diff)
            ]
            header = ("kind", "id", "name", "change", "before", "after")
            text += markdown_table(header, cells)
        else:
            text += NO_MAP_DIFFERENCES + "\n"
        staff = diff.staff
        if staff is None:
            return text
        text += "\n" + heading("Staff affected", 3) + escape(staff_sentence(staff)) + "\n"
        if staff.people:
            people = [
                (str(person.line), person.name, person.role or "-", shift.role.id,
                 str(shift.shift), gap_text(shift.missing_before), gap_text(shift.missing_after))
                for person in staff.people
                for shift in person.shifts
            ]  # fmt: skip
            people_header = ("line", "name", "role", "for role", "change", "before", "after")
            text += "\n" + markdown_table(people_header, people)
            totals = [
                (t.role.id, t.role.title, str(t.gains), str(t.losses), str(t.gap_changes))
                for t in staff.totals
            ]
            text += "\n" + heading("Totals by role", 3)
            text += markdown_table(("id", "title", "gains", "losses", "gap changes"), totals)
        if staff.problems:
            problems = [(str(p.line), side_text(p.side), p.message) for p in staff.problems]
            text += "\n" + heading("Rows skipped", 3)
            text += markdown_table(("line", "on", "problem"), problems)
        return text
