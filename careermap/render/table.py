"""Terminal output with rich. Symbols carry the meaning, so nothing is lost without colour."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from careermap.engine import engine_for
from careermap.mapview import STATUS_LABEL, STATUS_SYMBOL, CareerMap
from careermap.models import Catalogue, Role
from careermap.render.rows import next_steps_text
from careermap.render.text import (
    TRAINING_HEADING,
    TRAINING_NOTE,
    explanation_heading,
    plan_heading,
    plan_outcome,
    team_heading,
)
from careermap.report import RoleReport, RoleRow
from careermap.routes import Explanation, Plan
from careermap.team import TeamReport

ELIGIBLE = "✔"
NOT_ELIGIBLE = "✘"


def to_text(renderable: RenderableType, *, width: int, color: bool) -> str:
    """Render anything rich can draw into a string of at most ``width`` columns."""
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
    )
    console.print(renderable)
    output = str(console.file.getvalue())  # type: ignore[attr-defined]
    # Rich pads titles to the full width; trailing spaces only get in the way in a pipe.
    return "".join(line.rstrip() + "\n" for line in output.splitlines())


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


def routes_text(role: Role) -> str:
    """Entry routes as one line each: ``DEGREE + L3TSM`` / ``or DIPSM + L3TSM``."""
    lines = [" + ".join(route) for route in role.requires]
    return "\n".join(line if index == 0 else f"or {line}" for index, line in enumerate(lines))


def render_table(
    subject: RoleReport | Explanation | Plan | TeamReport, *, width: int, color: bool
) -> str:
    if isinstance(subject, TeamReport):
        return _team_tables(subject, width=width, color=color)
    if isinstance(subject, RoleReport):
        return _report_table(subject, width=width, color=color)
    if isinstance(subject, Explanation):
        return _explanation_tree(subject, width=width, color=color)
    return _plan_table(subject, width=width, color=color)


def _explanation_tree(explanation: Explanation, *, width: int, color: bool) -> str:
    tree = Tree(Text(explanation_heading(explanation), style="bold"))
    for number, route in enumerate(explanation.routes, start=1):
        label = Text(f"Route {number}: " + " + ".join(check.code for check in route.checks))
        if route.met:
            label.append(f"  {ELIGIBLE} met", style="bold green")
        elif number - 1 == explanation.closest:
            label.append("  <- closest: needs " + ", ".join(route.missing), style="bold yellow")
        else:
            label.append("  needs " + ", ".join(route.missing), style="dim")
        branch = tree.add(label)
        for check in route.checks:
            if check.met:
                how = f" via {check.via}" if check.via else " held"
                branch.add(Text(f"{ELIGIBLE} {check.code}{how}  ({check.name})", style="green"))
            else:
                branch.add(Text(f"{NOT_ELIGIBLE} {check.code}  ({check.name})", style="red"))
    return to_text(tree, width=width, color=color)


def _plan_table(plan: Plan, *, width: int, color: bool) -> str:
    parts: list[RenderableType] = []
    if plan.steps:
        table = titled(plan_heading(plan))
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Step", ratio=3)
        table.add_column("Gives", ratio=2)
        table.add_column("Months", justify="right", no_wrap=True)
        for number, step in enumerate(plan.steps, start=1):
            what = Text("Work as " if step.kind == "role" else "Course: ")
            what.append(step.title)
            what.append(f"\n{step.id}", style="dim")
            add_row(table, str(number), what, ", ".join(step.gives), str(step.months))
        parts.append(table)
    else:
        parts.append(Text(plan_heading(plan), style="italic"))
    parts.append(Text(plan_outcome(plan)))
    return "".join(to_text(part, width=width, color=color) for part in parts)


def _report_table(report: RoleReport, *, width: int, color: bool) -> str:
    if not report.rows:
        return to_text(Text(report.empty_message), width=width, color=color)
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
    parts: list[RenderableType] = [table]
    if report.assessed:
        parts.append(Text(_summary(report)))
    return "".join(to_text(part, width=width, color=color) for part in parts)


def _status_cells(row: RoleRow) -> tuple[Text | str, ...]:
    if row.result is None:
        return (routes_text(row.role),)
    if row.result.eligible:
        return (Text(f"{ELIGIBLE} yes", style="bold green"), Text(""))
    needed = ", ".join(row.result.missing)
    return (Text(f"{NOT_ELIGIBLE} no", style="red"), Text(needed, style="yellow"))


def _summary(report: RoleReport) -> str:
    results = [row.result for row in report.rows if row.result is not None]
    eligible = sum(result.eligible for result in results)
    one_away = sum(len(result.missing) == 1 for result in results)
    noun = "role" if len(results) == 1 else "roles"
    summary = f"{ELIGIBLE} eligible for {eligible} of {len(results)} {noun}"
    if one_away:
        summary += f"; {one_away} more {'is' if one_away == 1 else 'are'} one qualification away"
    return summary + "."


def render_catalogue_roles(catalogue: Catalogue, *, width: int, color: bool) -> str:
    """Every role, lowest band first, with its tracks and entry routes."""
    table = titled(catalogue.name)
    table.add_column("Band", no_wrap=True)
    add_role_column(table, catalogue.roles)
    table.add_column("Tracks", ratio=1)
    table.add_column("Entry requirements (any one line)", ratio=2)
    for role in catalogue.roles_in_band_order():
        add_row(table, role.band, role_cell(role), ", ".join(role.tracks), routes_text(role))
    return to_text(table, width=width, color=color)


def render_catalogue_quals(catalogue: Catalogue, *, width: int, color: bool) -> str:
    """Every qualification code with its name, levels, what it counts as and aliases."""
    engine = engine_for(catalogue)
    table = titled(f"Qualifications: {catalogue.name}")
    table.add_column("Code", no_wrap=True, style="bold")
    table.add_column("Name (and other names you can type)", ratio=3)
    table.add_column("RQF", justify="right")
    table.add_column("SCQF", justify="right")
    table.add_column("Counts as", ratio=1)
    for qualification in catalogue.qualifications:
        name = Text(qualification.name)
        if qualification.aliases:
            name.append("\nalso: " + "; ".join(qualification.aliases), style="dim")
        counts_as = engine.closure[qualification.code] & ~engine.bit[qualification.code]
        add_row(
            table,
            qualification.code,
            name,
            _level(qualification.rqf),
            _level(qualification.scqf),
            ", ".join(engine.codes_in(counts_as)),
        )
    return to_text(table, width=width, color=color)


def render_role_detail(catalogue: Catalogue, role: Role, *, width: int, color: bool) -> str:
    """One role: band, tracks, entry routes spelled out, training and progressions."""
    names = catalogue.qualifications_by_code
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    add_row(grid, "Role", f"{role.title} ({role.id})")
    add_row(grid, "Band", role.band)
    add_row(grid, "Tracks", ", ".join(role.tracks))
    add_row(grid, "Entry requirements", routes_text(role) + "\n(any one line is enough)")
    codes = dict.fromkeys(code for route in role.requires for code in route)
    add_row(grid, "Where", "\n".join(f"{code}: {names[code].name}" for code in codes))
    add_row(grid, "Training", "\n".join(role.training.items) or "-")
    leads_to = [f"{code} ({names[code].name})" for code in role.training.leads_to]
    add_row(grid, "Training leads to", "\n".join(leads_to) or "-")
    experience = [f"{code} ({names[code].name})" for code in role.experience]
    add_row(grid, "Experience built", "\n".join(experience) or "-")
    if role.training.months is not None:
        add_row(grid, "Typical time", f"{role.training.months} months to gain the above")
    progresses = [_role_name(catalogue.roles_by_id[target]) for target in role.progresses_to]
    add_row(grid, "Progresses to", "\n".join(progresses) or "- (top of its track)")
    sources = [_role_name(other) for other in catalogue.roles if role.id in other.progresses_to]
    add_row(grid, "Reached from", "\n".join(sources) or "- (an entry role)")
    return to_text(grid, width=width, color=color)


def _role_name(role: Role) -> str:
    return f"{role.title} ({role.id}, band {role.band})"


def _level(level: int | None) -> str:
    return "-" if level is None else str(level)


def _team_tables(report: TeamReport, *, width: int, color: bool) -> str:
    parts: list[RenderableType] = [Text(team_heading(report), style="bold")]
    if report.people is not None:
        people = titled("Staff, person by person")
        people.add_column("Name", ratio=2)
        people.add_column("Role", ratio=2)
        people.add_column("Eligible for", ratio=3)
        people.add_column("Next steps", ratio=3)
        for person in report.people:
            add_row(
                people,
                person.name,
                f"{person.role.id} ({person.role.band})" if person.role else "-",
                ", ".join(role.id for role in person.eligible) or "-",
                next_steps_text(person.next_steps).replace("; ", "\n") or "-",
            )
        parts.append(people)
    else:
        roles = titled("Roles")
        roles.add_column("Band", no_wrap=True)
        add_role_column(roles, (count.role for count in report.roles))
        roles.add_column("Eligible now", justify="right")
        roles.add_column("One qualification away", justify="right")
        for count in report.roles:
            add_row(
                roles, count.role.band, role_cell(count.role), str(count.eligible),
                str(count.one_away),
            )  # fmt: skip
        parts.append(roles)
        training = titled(TRAINING_HEADING)
        training.add_column("Code", no_wrap=True, style="bold")
        training.add_column("Qualification", ratio=3)
        training.add_column("Unlocks", justify="right")
        for need in report.training:
            add_row(training, need.qualification.code, need.qualification.name, str(need.unlocks))
        nothing = "No single qualification unlocks a role above anyone's band."
        parts.append(training if report.training else Text(nothing))
        parts.append(Text(f"Unlocks: {TRAINING_NOTE}.", style="dim"))
    return "".join(to_text(part, width=width, color=color) for part in parts)


_STATUS_STYLE = {"eligible": "bold green", "one-away": "yellow", "further": "dim"}


def render_map_table(view: CareerMap, *, width: int, color: bool) -> str:
    """The map in the terminal: bands as columns when wide enough, else as rows."""
    bands = [band for band in view.bands if any(n.role.band == band for n in view.nodes)]
    lanes = list(range(len(view.lanes)))
    by_columns = width >= 28 * len(bands) + 24
    table = titled(view.catalogue)
    if by_columns:
        table.add_column("Track", no_wrap=True, style="bold")
        for band in bands:
            table.add_column(f"Band {band}", ratio=1, overflow="fold")
        for lane in lanes:
            add_row(table, view.lanes[lane], *(_map_cell(view, lane, band) for band in bands))
    else:
        table.add_column("Band", no_wrap=True, style="bold")
        for lane in lanes:
            table.add_column(view.lanes[lane], ratio=1, overflow="fold")
        for band in bands:
            add_row(table, band, *(_map_cell(view, lane, band) for lane in lanes))
    parts: list[RenderableType] = [table]
    if view.quals is not None:
        legend = "   ".join(
            f"{STATUS_SYMBOL[status]} {STATUS_LABEL[status]}"
            for status in ("eligible", "one-away", "further")
        )
        parts.append(Text(f"For {', '.join(view.quals) or 'no qualifications yet'}: {legend}"))
    parts.append(Text("→ shows where a role progresses to.", style="dim"))
    return "".join(to_text(part, width=width, color=color) for part in parts)


def _map_cell(view: CareerMap, lane: int, band: str) -> Text:
    cell = Text()
    for node in view.cell(lane, band):
        if cell:
            cell.append("\n")
        if node.status is None:
            cell.append(node.role.title, style="bold")
        else:
            cell.append(
                f"{STATUS_SYMBOL[node.status]} {node.role.title}", _STATUS_STYLE[node.status]
            )
        cell.append(f"\n{node.role.id}", style="dim")
        for source, target in view.edges:
            if source == node.role.id:
                cell.append(f"\n→ {target}", style="dim")
    return cell
