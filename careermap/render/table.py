"""Terminal output with rich. Symbols carry the meaning, so nothing is lost without colour;
every piece of catalogue or staff text goes in as ``Text``, so it never reads as markup."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from careermap.render import OutputFormat, Renderer
from careermap.render.palette import ARROW, LABEL, LATER, NO, RICH_STYLE, SYMBOL, YES, legend
from careermap.render.rows import number as number_or_blank
from careermap.render.text import (
    NEEDS_HEADING,
    NO_NEEDS,
    OUT_OF_ROLE_HEADING,
    UNRECOGNISED_HEADING,
    UNRECOGNISED_NOTE,
    by_band_text,
    comparison_facts,
    comparison_heading,
    course_needs,
    described,
    eligible_text,
    explanation_heading,
    gap_text,
    gaps_text,
    gives_text,
    held_text,
    leads_to_items,
    money,
    need_name,
    needs_by_role,
    needs_note,
    next_steps_text,
    out_of_role_listing,
    plan_heading,
    plan_outcome,
    requirement_text,
    role_gap_text,
    role_name,
    route_needs,
    routes_lines,
    span_text,
    step_text,
    summary_sentence,
    team_heading,
    unlocks_heading,
    unlocks_sentence,
    what_if_sentence,
)

if TYPE_CHECKING:  # types only: check's start-up loads none of team, diff or listing
    from careermap.comparison import Comparison
    from careermap.diff import CatalogueDiff, PersonChange
    from careermap.eligibility import RoleReport, RoleRow
    from careermap.explanation import Explanation
    from careermap.listing import QualificationList, RoleDetail, RoleList
    from careermap.mapview import CareerMap
    from careermap.models import Role
    from careermap.person import PersonReport
    from careermap.planner import Plan
    from careermap.provenance import Provenance
    from careermap.team import PersonSummary, TeamReport
    from careermap.whatif import Unlocks

MAP_COLUMN_WIDTH = 28
OUT_OF_ROLE_SHOWN = UNRECOGNISED_SHOWN = 50
"""Staff out of their role listed on the terminal; a whole service's list is for a file."""
PEOPLE_TABLE_LIMIT = 1_000
"""More staff than this are listed as plain blocks: rich takes about 0.4 ms a table row
(50,000 staff: 22 s and 500 MB), the blocks a few microseconds."""


def add_row(table: Table, *cells: str | Text) -> None:
    """Add a row whose text is shown as written: data never turns into rich markup."""
    table.add_row(*(Text(cell) if isinstance(cell, str) else cell for cell in cells))


def titled(title: str) -> Table:
    return Table(title=Text(title), title_justify="left")


def add_role_column(table: Table, roles: Iterable[Role]) -> None:
    """A column wide enough that no role id is ever cut: people type them back in."""
    table.add_column("Role", ratio=3, min_width=max((len(role.id) for role in roles), default=4))


def role_cell(role: Role) -> Text:
    text = Text(role.title)
    text.append(f"\n{role.id}", style="dim")
    return text


def _settle(console: Console, table: Table, widths: list[int], inside: int) -> list[int]:
    """rich shares the width out between wrapping columns evenly and can end a column or
    two over; narrow the widest wrapping column by that much (capping it, so rich draws
    it so) when its words still fit."""
    excess = sum(widths) - inside
    wrapping = [
        index
        for index, column in enumerate(table.columns)
        if not column.no_wrap and column.min_width is None
    ]
    if not wrapping:
        return widths
    widest = max(wrapping, key=lambda index: widths[index])
    table.columns[widest].max_width = widths[widest] - excess - table._get_padding_width(widest)
    return table._calculate_column_widths(console, console.options.update_width(inside))


def _fits(console: Console, table: Table) -> bool:
    """Whether rich can draw ``table`` in the console's width without losing anything.
    Too narrow, rich squeezes columns to nothing, cuts words with an ellipsis, or crops
    the last column; its measurements are capped at the width, so they cannot tell. The
    column widths it would use are compared with what each column needs: a folding
    column one character, any other its longest word (its whole text if it never
    wraps)."""
    # Private to rich, but the very figures it draws with.
    inside = console.width - table._extra_width
    widths = table._calculate_column_widths(console, console.options.update_width(inside))
    if sum(widths) > inside:
        widths = _settle(console, table, widths, inside)
    if sum(widths) > inside:
        return False  # the last column would be cropped
    unbounded = console.options.update_width(10**6)
    for index, (column, padded) in enumerate(zip(table.columns, widths, strict=True)):
        width = padded - table._get_padding_width(index)
        if column.overflow == "fold" and not column.no_wrap:
            if width < 1:
                return False
            continue
        for cell in (column.header, *column.cells):
            measured = console.measure(cell, options=unbounded)
            if width < (measured.maximum if column.no_wrap else measured.minimum):
                return False
    return True


_TREE_MIN_WIDTH = 40
"""Narrower than this, rich drops a tree's deeper branches (their guides take 4 columns a
level); the tree is written as indented lines instead."""


def _flat(tree: Tree, depth: int = 0) -> Text:
    """``tree`` as lines indented two spaces a level, long words folded, nothing dropped."""
    label = tree.label if isinstance(tree.label, Text) else Text(str(tree.label))
    text = Text("  " * depth, overflow="fold")
    text.append_text(label.copy())
    for child in tree.children:
        text.append("\n")
        text.append_text(_flat(child, depth + 1))
    return text


def as_list(table: Table) -> Text:
    """``table`` as ``Header: cell`` lines, a block a row, for a terminal too narrow for
    its columns: rich would drop or crop whole columns, and a role or gap must never
    vanish. A table without headers is a list of fields already: ``Field: value``. Long
    words fold onto the next line rather than being cut."""
    text = Text(overflow="fold")
    if table.title is not None:
        text.append_text(Text(table.title) if isinstance(table.title, str) else table.title)
        text.append("\n")
    for number, cells in enumerate(zip(*(column.cells for column in table.columns), strict=True)):
        values = [cell if isinstance(cell, Text) else Text(str(cell)) for cell in cells]
        if table.show_header:
            fields = [
                (str(column.header), value)
                for column, value in zip(table.columns, values, strict=True)
            ]
            if number or table.title is not None:
                text.append("\n")
        else:
            fields = [(values[0].plain, Text(" ").join(values[1:]))]
        for label, value in fields:
            if value.plain.strip():
                text.append(f"{label}: ", style="bold")
                text.append_text(value.copy())
                text.append("\n")
    text.rstrip()
    return text


def _people_as_blocks(people: Sequence[PersonSummary]) -> str:
    """Person by person, a block each, written directly: lines too long for the terminal
    wrap there, and nothing is cut."""
    lines = [_blocks_heading(len(people))]
    for person in people:
        lines += _person_block(person)
    return "\n".join(lines) + "\n"


def _blocks_heading(staff: int) -> str:
    return (
        f"Staff, person by person ({staff:,}: a list, as a table would be slow to draw;"
        " --format csv gives a spreadsheet)"
    )


def _person_block(person: PersonSummary) -> list[str]:
    """A person's lines of ``_people_as_blocks``, from the blank line before them."""
    role = f"{person.role.id} ({person.role.band})" if person.role else "no role given"
    lines = [
        "",
        f"{person.name}: line {person.line}, {role}",
        "  Eligible for: " + (", ".join(r.id for r in person.eligible) or "-"),
        "  Next steps: " + (next_steps_text(person.next_steps, person.studying) or "-"),
    ]
    if person.studying:
        lines.append("  Studying: " + ", ".join(person.studying))
    if person.unrecognised:
        lines.append("  Not recognised: " + ", ".join(person.unrecognised))
    return lines


def _needs_tables(report: TeamReport) -> list[RenderableType]:
    """The headline: what to fund for next steps; then who needs it, by current role."""
    if not report.next_step_needs:
        return [Text(NO_NEEDS)]
    needs = titled(NEEDS_HEADING)
    needs.add_column("Code", no_wrap=True, style="bold")
    needs.add_column("Qualification", ratio=3)
    needs.add_column("Staff", justify="right")
    needs.add_column("By band", ratio=2)
    needs.add_column("Months", justify="right")
    priced = any(need.qualification.cost is not None for need in report.next_step_needs)
    if priced:  # a map with no fees would show two empty columns
        needs.add_column("Fee each", justify="right")
        needs.add_column("Total", justify="right")
    needs.add_column("Alone opens", justify="right")
    for need in report.next_step_needs:
        q = need.qualification
        cells = [q.code, need_name(need), str(need.staff), by_band_text(need)]
        cells.append(number_or_blank(q.course_months))
        if priced:
            cells += [money(q.cost), money(need.total_cost)]
        add_row(needs, *cells, str(need.unlocks))
    by_role = titled(f"{NEEDS_HEADING}, by current role")
    by_role.add_column("Current role", ratio=2)
    by_role.add_column("Needs (staff)", ratio=3)
    for role, needs_of_role in needs_by_role(report):
        add_row(by_role, role, needs_of_role)
    return [needs, by_role, Text(needs_note(report), style="dim")]


def _role_counts(report: TeamReport) -> Table:
    roles = titled("Roles")
    roles.add_column("Band", no_wrap=True)
    add_role_column(roles, (count.role for count in report.roles))
    roles.add_column("Eligible now", justify="right")
    roles.add_column("One qualification away", justify="right")
    after = report.what_if is not None
    if after:
        roles.add_column("After the what-if", justify="right")
    if report.studying:
        roles.add_column("Once study ends", justify="right")
    for count in report.roles:
        cells: list[str | Text] = [
            count.role.band,
            role_cell(count.role),
            str(count.eligible),
            str(count.one_away),
        ]
        if after:
            cells.append(number_or_blank(count.eligible_after))
        if report.studying:
            cells.append(number_or_blank(count.eligible_after_study))
        add_row(roles, *cells)
    return roles


_SHIFT_TEXT = {  # by diff.Shift's values, which it looks up as (a StrEnum is its string)
    "gains": Text(f"{YES} gains", style="bold green"),
    "loses": Text(f"{NO} loses", style="bold red"),
    "gap": Text("gap changes", style="yellow"),
}


def _shifts_as_lines(people: Sequence[PersonChange]) -> str:
    """Person by person, a line a role, written directly: a table of many thousand rows
    would take rich seconds (see ``PEOPLE_TABLE_LIMIT``)."""
    lines = [f"People affected ({len(people):,}: a list; --format csv gives a spreadsheet)"]
    for person in people:
        role = person.role or "no role given"
        lines.append("")
        lines.append(f"{person.name}: line {person.line}, {role}")
        lines += [
            f"  {shift.role.id}: {shift.shift}: {gap_text(shift.missing_before)}"
            f" -> {gap_text(shift.missing_after)}"
            for shift in person.shifts
        ]
    return "\n".join(lines) + "\n"


def _level(level: int | None) -> str:
    return "-" if level is None else str(level)


class TableRenderer(Renderer):
    output_format = OutputFormat.TABLE

    def stamp(self, text: str, provenance: Provenance) -> str:
        return text + self.to_text(Text(provenance.text(), style="dim"))

    def to_text(self, *parts: RenderableType) -> str:
        """Draw ``parts`` one after another into a string at most ``width`` columns wide."""
        console = Console(
            file=io.StringIO(),
            width=self.width,
            color_system="standard" if self.color else None,
            force_terminal=self.color,
            no_color=not self.color,
            highlight=False,
            emoji=False,
        )
        for part in parts:
            if isinstance(part, Table) and not _fits(console, part):
                part = as_list(part)
            elif isinstance(part, Tree) and self.width < _TREE_MIN_WIDTH:
                part = _flat(part)
            console.print(part)
        output = str(console.file.getvalue())  # type: ignore[attr-defined]
        # Rich pads titles to the full width; trailing spaces only get in the way in a pipe.
        return "".join(line.rstrip() + "\n" for line in output.splitlines())

    def role_report(self, report: RoleReport) -> str:
        if not report.rows:
            return self.to_text(Text(report.empty_message))
        table = titled(report.title)
        table.add_column("Band", no_wrap=True)
        add_role_column(table, (row.role for row in report.rows))
        if report.assessed:
            table.add_column("Eligible", no_wrap=True)
            table.add_column("Still needed", ratio=2)
        else:
            table.add_column("Entry requirements (any one line)", ratio=2)
        for row in report.rows:
            add_row(table, row.role.band, role_cell(row.role), *_status_cells(row))
        if report.summary is None:
            return self.to_text(table)
        return self.to_text(table, Text(summary_sentence(report.summary)))

    def explanation(self, explanation: Explanation) -> str:
        tree = Tree(Text(explanation_heading(explanation), style="bold"))
        for number, route in enumerate(explanation.routes, start=1):
            label = Text(f"Route {number}: " + " + ".join(check.code for check in route.checks))
            if route.met:
                label.append(f"  {YES} met", style="bold green")
            elif number - 1 == explanation.closest:
                label.append("  <- closest: needs " + route_needs(route), style="bold yellow")
            else:
                label.append("  needs " + route_needs(route), style="dim")
            branch = tree.add(label)
            for check in route.checks:
                style = "green" if check.met or check.under_way else "red"
                branch.add(Text(requirement_text(check), style=style))
        return self.to_text(tree)

    def plan(self, plan: Plan) -> str:
        if not plan.steps:
            return self.to_text(Text(plan_heading(plan), style="italic"), Text(plan_outcome(plan)))
        table = titled(plan_heading(plan))
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Step", ratio=3)
        table.add_column("Gives", ratio=2)
        table.add_column("When", no_wrap=True)
        table.add_column("Months", justify="right", no_wrap=True)
        for number, step in enumerate(plan.steps, start=1):
            what = Text(step_text(step))
            what.append(f"\n{step.id}", style="dim")
            gives = ", ".join(step.gives)
            add_row(table, str(number), what, gives, span_text(step), str(step.months))
        return self.to_text(table, Text(plan_outcome(plan)))

    def team_stream(self, report: TeamReport) -> Iterator[str]:
        if report.people is None or len(report.people) <= PEOPLE_TABLE_LIMIT:
            yield self.team(report)  # a table of at most PEOPLE_TABLE_LIMIT rows: drawn whole
            return
        people = iter(report.people)  # the staff list is read again now, before the heading
        heading = Text(team_heading(report), style="bold")
        yield self.to_text(heading) + _blocks_heading(len(report.people)) + "\n"
        for person in people:
            yield "".join(line + "\n" for line in _person_block(person))

    def stamp_stream(self, chunks: Iterator[str], provenance: Provenance) -> Iterator[str]:
        yield from chunks
        yield self.stamp("", provenance)  # the stamp follows the text

    def team(self, report: TeamReport) -> str:
        heading = Text(team_heading(report), style="bold")
        if report.people is not None and len(report.people) > PEOPLE_TABLE_LIMIT:
            return self.to_text(heading) + _people_as_blocks(report.people)
        if report.people is not None:
            people = titled("Staff, person by person")
            people.add_column("Name", ratio=2)
            people.add_column("Role", ratio=2)
            people.add_column("Eligible for", ratio=3)
            people.add_column("Next steps", ratio=3)
            for person in report.people:
                name = person.name
                if person.studying:
                    name += "\n(studying " + ", ".join(person.studying) + ")"
                if person.unrecognised:
                    name += "\n(not recognised: " + ", ".join(person.unrecognised) + ")"
                add_row(
                    people,
                    name,
                    f"{person.role.id} ({person.role.band})" if person.role else "-",
                    ", ".join(role.id for role in person.eligible) or "-",
                    next_steps_text(person.next_steps, person.studying).replace("; ", "\n") or "-",
                )
            return self.to_text(heading, people)
        parts: list[RenderableType] = [heading]
        if report.what_if is not None:
            parts.append(Text(what_if_sentence(report)))
        parts += _needs_tables(report)
        parts.append(_role_counts(report))
        if report.out_of_role:
            out = titled(OUT_OF_ROLE_HEADING)
            out.min_width = len(OUT_OF_ROLE_HEADING)  # short cells would fold the title
            out.add_column("Line", justify="right")
            out.add_column("Name", ratio=2)
            add_role_column(out, (misfit.role for misfit in report.out_of_role))
            out.add_column("Needs", ratio=2)
            for misfit in report.out_of_role[:OUT_OF_ROLE_SHOWN]:
                needs = gaps_text(misfit.missing)
                add_row(out, str(misfit.line), misfit.name, misfit.role.id, needs)
            parts.append(out)
            more = report.out_of_role_total - OUT_OF_ROLE_SHOWN
            if more > 0:
                parts.append(Text(f"... and {more:,} more; {out_of_role_listing(report)}"))
        if report.unrecognised:
            unknown = titled(UNRECOGNISED_HEADING)
            unknown.add_column("Column")
            unknown.add_column("As written", ratio=3)
            unknown.add_column("Staff", justify="right")
            unknown.add_column("Closest on the map", ratio=2)
            for item in report.unrecognised[:UNRECOGNISED_SHOWN]:
                add_row(unknown, item.column, item.spelling, str(item.staff), item.hint or "-")
            parts.append(unknown)
            more = len(report.unrecognised) - UNRECOGNISED_SHOWN
            if more > 0:
                parts.append(Text(f"... and {more:,} more; --format csv lists every one."))
            parts.append(Text(UNRECOGNISED_NOTE, style="dim"))
        return self.to_text(*parts)

    def career_map(self, view: CareerMap) -> str:
        """Bands as columns when the terminal is wide enough, else as rows."""
        bands = view.bands_in_use
        lanes = range(len(view.lanes))
        table = titled(view.catalogue)
        if self.width >= MAP_COLUMN_WIDTH * len(bands) + 24:
            table.add_column("Track", no_wrap=True, style="bold")
            for band in bands:
                table.add_column(Text(f"Band {band}"), ratio=1)
            for lane in lanes:
                add_row(table, view.lanes[lane], *(_map_cell(view, lane, band) for band in bands))
        else:
            table.add_column("Band", no_wrap=True, style="bold")
            for lane in lanes:
                table.add_column(Text(view.lanes[lane]), ratio=1)
            for band in bands:
                add_row(table, band, *(_map_cell(view, lane, band) for lane in lanes))
        for column in table.columns[1:]:  # room for every role id whole, as in add_role_column
            words = (word for cell in column.cells for word in str(cell).split())
            column.min_width = max(map(cell_len, words), default=1)
        parts: list[RenderableType] = [table]
        if view.quals is not None:
            parts.append(Text(f"For {held_text(view.quals)}: {legend()}"))
        parts.append(Text(f"{ARROW} shows where a role progresses to.", style="dim"))
        return self.to_text(*parts)

    def person_report(self, report: PersonReport) -> str:
        who = f"{report.name}: " if report.name else ""
        heading = Text(
            f"{who}{report.catalogue}, for {held_text(tuple(q.code for q in report.held))}",
            style="bold",
        )
        if report.studying:
            studying = ", ".join(f"{item.code} (due {item.month})" for item in report.studying)
            heading.append(f"; studying {studying}")
        table = titled("Eligibility")
        table.add_column("Band", no_wrap=True)
        add_role_column(table, (node.role for node in report.map.nodes))
        table.add_column("Status", ratio=1)
        table.add_column("Still needed", ratio=1)
        for row, node in zip(report.rows, report.map.nodes, strict=True):
            status = node.status
            assert status is not None  # a person report is always assessed
            cell = Text(f"{SYMBOL[status]} {LABEL[status]}", style=RICH_STYLE[status])
            if row.eligible_from is not None:
                cell = Text(f"{LATER} eligible {eligible_text(row)}", style="green")
            add_row(table, row.role.band, role_cell(row.role), cell, role_gap_text(row))
        routes = Tree(Text("Routes to the other roles", style="bold"))
        for plan in report.plans:
            branch = routes.add(Text(role_name(plan.target)))
            for step in plan.steps:
                branch.add(Text(f"{step_text(step)} ({span_text(step)})"))
            branch.add(Text(plan_outcome(plan), style="dim"))
        if not report.plans:
            routes.add(Text("You are eligible for every role on this map."))
        return self.to_text(heading, table, Text(summary_sentence(report.summary)), routes)

    def role_list(self, listing: RoleList) -> str:
        table = titled(listing.catalogue)
        table.add_column("Band", no_wrap=True)
        add_role_column(table, (entry.role for entry in listing.entries))
        table.add_column("Tracks", ratio=1)
        table.add_column("Entry requirements (any one line)", ratio=2)
        for entry in listing.entries:
            role = entry.role
            add_row(
                table, role.band, role_cell(role), ", ".join(role.tracks),
                "\n".join(routes_lines(role)),
            )  # fmt: skip
        return self.to_text(table)

    def qualification_list(self, listing: QualificationList) -> str:
        table = titled(f"Qualifications: {listing.catalogue}")
        table.add_column("Code", no_wrap=True, style="bold")
        table.add_column("Name (and other names you can type)", ratio=3)
        table.add_column("RQF", justify="right")
        table.add_column("SCQF", justify="right")
        table.add_column("Counts as", ratio=1)
        for entry in listing.entries:
            qualification = entry.qualification
            name = Text(qualification.name)
            if qualification.aliases:
                name.append("\nalso: " + "; ".join(qualification.aliases), style="dim")
            if qualification.requires:
                name.append("\n" + course_needs(qualification.requires))
            add_row(
                table,
                qualification.code,
                name,
                _level(qualification.rqf),
                _level(qualification.scqf),
                ", ".join(entry.counts_as),
            )
        return self.to_text(table)

    def role_detail(self, detail: RoleDetail) -> str:
        role, names = detail.role, detail.names
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        add_row(grid, "Role", f"{role.title} ({role.id})")
        add_row(grid, "Band", role.band)
        add_row(grid, "Tracks", ", ".join(role.tracks))
        add_row(
            grid, "Entry requirements", "\n".join(routes_lines(role)) + "\n(any one line is enough)"
        )
        add_row(
            grid,
            "Where",
            "\n".join(f"{code}: {described(detail, code)}" for code in detail.requirement_codes),
        )
        add_row(grid, "Training", "\n".join(role.training.items) or "-")
        leads_to = [f"{item} ({names[item.split()[0]]})" for item in leads_to_items(role)]
        add_row(grid, "Training leads to", "\n".join(leads_to) or "-")
        experience = [f"{code} ({names[code]})" for code in role.experience]
        add_row(grid, "Experience built", "\n".join(experience) or "-")
        if role.training.months is not None or role.experience_months is not None:
            add_row(grid, "Typical time", gives_text(role))
        progresses = [role_name(target) for target in detail.entry.progresses_to]
        add_row(grid, "Progresses to", "\n".join(progresses) or "- (top of its track)")
        sources = [role_name(source) for source in detail.entry.reached_from]
        add_row(grid, "Reached from", "\n".join(sources) or "- (an entry role)")
        return self.to_text(grid)

    def comparison(self, comparison: Comparison) -> str:
        table = Table(show_lines=True)
        table.add_column("", style="bold", no_wrap=True)
        for entry in comparison.roles:
            table.add_column(Text(entry.role.id), ratio=1)
        for field, cells in comparison_facts(comparison):
            add_row(table, field.capitalize(), *(cell.replace("; ", "\n") for cell in cells))
        heading = Text(comparison_heading(comparison), style="bold")
        return self.to_text(heading, table)  # to_text lists it where too narrow

    def unlocks(self, unlocks: Unlocks) -> str:
        parts: list[RenderableType] = [Text(unlocks_heading(unlocks), style="bold")]
        for title, shifts in (("Would open", unlocks.opens), ("Closer", unlocks.closer)):
            if unlocks.held is None or not shifts:
                continue
            table = titled(title)
            table.add_column("Band", no_wrap=True)
            add_role_column(table, (item.role for item in shifts))
            table.add_column("Now", ratio=2)
            table.add_column(f"With {' + '.join(unlocks.codes)}", ratio=2)
            for item in shifts:
                add_row(
                    table, item.role.band, role_cell(item.role), gap_text(item.before),
                    gap_text(item.after),
                )  # fmt: skip
            parts.append(table)
        if unlocks.held is None and unlocks.counts_towards:
            table = titled("Counts towards")
            table.add_column("Band", no_wrap=True)
            add_role_column(table, unlocks.counts_towards)
            for role in unlocks.counts_towards:
                add_row(table, role.band, role_cell(role))
            parts.append(table)
        parts.append(Text(unlocks_sentence(unlocks)))
        return self.to_text(*parts)

    def diff(self, diff: CatalogueDiff) -> str:
        from careermap.diff import NO_MAP_DIFFERENCES, change_lines, side_text, staff_sentence

        parts: list[RenderableType] = [Text(diff.heading, style="bold")]
        lines = change_lines(diff)
        if lines:
            changes = titled("Changes to the map")
            changes.add_column("Kind", no_wrap=True)
            widest = max((len(line.id) for line in lines), default=4)
            changes.add_column("Item", ratio=2, min_width=min(widest, 24))
            changes.add_column("Change", ratio=1)
            changes.add_column("Before", ratio=2)
            changes.add_column("After", ratio=2)
            for line in lines:
                item = Text(line.name) if line.name else Text(line.id)
                if line.name:
                    item.append(f"\n{line.id}", style="dim")
                add_row(changes, line.section, item, line.change, line.before, line.after)
            parts.append(changes)
        else:
            parts.append(Text(NO_MAP_DIFFERENCES))
        staff = diff.staff
        if staff is None:
            return self.to_text(*parts)
        parts.append(Text(staff_sentence(staff)))
        shifts = sum(len(person.shifts) for person in staff.people)
        many = shifts > PEOPLE_TABLE_LIMIT
        if staff.people and not many:
            people = titled("People affected")
            people.add_column("Name")
            people.add_column("Role")
            people.add_column("Change")
            for person in staff.people:
                name = Text(person.name)
                name.append(f"\nline {person.line}\n{person.role or 'no role'}", style="dim")
                for number, shift in enumerate(person.shifts):
                    change = _SHIFT_TEXT[shift.shift].copy()
                    change.append(f"\nwas: {gap_text(shift.missing_before)}")
                    change.append(f"\nnow: {gap_text(shift.missing_after)}")
                    add_row(people, name if number == 0 else "", shift.role.id, change)
            parts.append(people)
        text = self.to_text(*parts)
        if many:  # a list drawn directly, then the totals as a table again
            text += "\n" + _shifts_as_lines(staff.people) + "\n"
        after: list[RenderableType] = []
        if staff.totals:
            totals = titled("Totals by role")
            add_role_column(totals, (total.role for total in staff.totals))
            totals.add_column("Gains", justify="right")
            totals.add_column("Losses", justify="right")
            totals.add_column("Gap changes", justify="right")
            for total in staff.totals:
                add_row(
                    totals, role_cell(total.role), str(total.gains), str(total.losses),
                    str(total.gap_changes),
                )  # fmt: skip
            after.append(totals)
        if staff.problems:
            skipped = Text("Rows skipped:", style="bold")
            for problem in staff.problems:
                skipped.append(f"\nline {problem.line} ({side_text(problem.side)}): ")
                skipped.append(problem.message)
            after.append(skipped)
        return text + self.to_text(*after) if after else text


def _status_cells(row: RoleRow) -> tuple[Text | str, ...]:
    if row.result is None:
        return ("\n".join(routes_lines(row.role)),)
    if row.result.eligible:
        return (Text(f"{YES} yes", style="bold green"), Text(""))
    needed = Text(role_gap_text(row), style="yellow")
    if row.eligible_from is not None:
        return (Text(f"{LATER} {eligible_text(row)}", style="green"), needed)
    return (Text(f"{NO} no", style="red"), needed)


def _map_cell(view: CareerMap, lane: int, band: str) -> Text:
    cell = Text()
    for node in view.cell(lane, band):
        if cell:
            cell.append("\n")
        if node.status is None:
            cell.append(node.role.title, style="bold")
        else:
            cell.append(f"{SYMBOL[node.status]} {node.role.title}", RICH_STYLE[node.status])
        cell.append(f"\n{node.role.id}", style="dim")
        for target in node.role.progresses_to:
            cell.append(f"\n{ARROW} {target}", style="dim")
    return cell
