"""Terminal output with rich. Symbols carry the meaning, so nothing is lost without colour."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from careermap.engine import engine_for
from careermap.models import Catalogue, Role
from careermap.render.text import explanation_heading, plan_heading, plan_outcome
from careermap.report import RoleReport, RoleRow
from careermap.routes import Explanation, Plan

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


def render_table(subject: RoleReport | Explanation | Plan, *, width: int, color: bool) -> str:
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
        table = Table(title=plan_heading(plan), title_justify="left")
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Step", ratio=3)
        table.add_column("Gives", ratio=2)
        table.add_column("Months", justify="right", no_wrap=True)
        for number, step in enumerate(plan.steps, start=1):
            what = Text("Work as " if step.kind == "role" else "Course: ")
            what.append(step.title)
            what.append(f"\n{step.id}", style="dim")
            table.add_row(str(number), what, ", ".join(step.gives), str(step.months))
        parts.append(table)
    else:
        parts.append(Text(plan_heading(plan), style="italic"))
    parts.append(Text(plan_outcome(plan)))
    return "".join(to_text(part, width=width, color=color) for part in parts)


def _report_table(report: RoleReport, *, width: int, color: bool) -> str:
    if not report.rows:
        return to_text(Text(report.empty_message), width=width, color=color)
    table = Table(title=report.title, title_justify="left", show_lines=False, expand=False)
    table.add_column("Band", no_wrap=True)
    add_role_column(table, (row.role for row in report.rows))
    if report.assessed:
        table.add_column("Eligible", no_wrap=True)
        table.add_column("Still needed", ratio=2)
    else:
        table.add_column("Entry requirements (any one line)", ratio=2)
    for row in report.rows:
        table.add_row(row.role.band, role_cell(row.role), *_status_cells(row))
    parts: list[RenderableType] = [table]
    if report.assessed:
        parts.append(Text(_summary(report)))
    return "".join(to_text(part, width=width, color=color) for part in parts)


def _status_cells(row: RoleRow) -> tuple[Text, ...] | tuple[str]:
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
    table = Table(title=catalogue.name, title_justify="left")
    table.add_column("Band", no_wrap=True)
    add_role_column(table, catalogue.roles)
    table.add_column("Tracks", ratio=1)
    table.add_column("Entry requirements (any one line)", ratio=2)
    for role in catalogue.roles_in_band_order():
        table.add_row(role.band, role_cell(role), ", ".join(role.tracks), routes_text(role))
    return to_text(table, width=width, color=color)


def render_catalogue_quals(catalogue: Catalogue, *, width: int, color: bool) -> str:
    """Every qualification code with its name, levels, what it counts as and aliases."""
    engine = engine_for(catalogue)
    table = Table(title=f"Qualifications: {catalogue.name}", title_justify="left")
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
        table.add_row(
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
    grid.add_row("Role", f"{role.title} ({role.id})")
    grid.add_row("Band", role.band)
    grid.add_row("Tracks", ", ".join(role.tracks))
    grid.add_row("Entry requirements", routes_text(role) + "\n(any one line is enough)")
    codes = dict.fromkeys(code for route in role.requires for code in route)
    grid.add_row("Where", "\n".join(f"{code}: {names[code].name}" for code in codes))
    grid.add_row("Training", "\n".join(role.training.items) or "-")
    leads_to = [f"{code} ({names[code].name})" for code in role.training.leads_to]
    grid.add_row("Training leads to", "\n".join(leads_to) or "-")
    progresses = [_role_name(catalogue.roles_by_id[target]) for target in role.progresses_to]
    grid.add_row("Progresses to", "\n".join(progresses) or "- (top of its track)")
    sources = [_role_name(other) for other in catalogue.roles if role.id in other.progresses_to]
    grid.add_row("Reached from", "\n".join(sources) or "- (an entry role)")
    return to_text(grid, width=width, color=color)


def _role_name(role: Role) -> str:
    return f"{role.title} ({role.id}, band {role.band})"


def _level(level: int | None) -> str:
    return "-" if level is None else str(level)
