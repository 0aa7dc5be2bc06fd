"""Self-contained HTML pages: a person's report, and the career map on its own.

Everything is inline (styles, and the SVG drawn by ``careermap.render.svg``), so a page
opens offline, prints cleanly and can be mailed as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from careermap.render import OutputFormat, Renderer
from careermap.render.palette import FILL, LABEL, LATER, STATUSES, STROKE, SYMBOL
from careermap.render.svg import render_svg
from careermap.render.text import (
    eligible_text,
    gap_text,
    months_text,
    plan_outcome,
    span_text,
    step_text,
    summary_sentence,
)

if TYPE_CHECKING:
    from careermap.diff import CatalogueDiff, StaffImpact
    from careermap.eligibility import RoleRow
    from careermap.engine import Status
    from careermap.mapview import CareerMap
    from careermap.models import Role
    from careermap.person import PersonReport
    from careermap.planner import Plan, Step
    from careermap.provenance import Provenance
    from careermap.reports import TeamReports

_STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       margin: 0 auto; max-width: 72rem; padding: 1rem; color: #212529; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #dee2e6; }
.subtitle { color: #495057; margin-top: 0; }
.map { overflow-x: auto; border: 1px solid #dee2e6; border-radius: 6px; background: #fff; }
/* At its own size (12 px text): scaled to the page it shrank to 7-9 px. It scrolls. */
.map svg { display: block; max-width: none; height: auto; }
.legend span { display: inline-block; margin-right: 1.2rem; }
.swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border: 1px solid;
          vertical-align: middle; margin-right: 0.3rem; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #e9ecef;
         vertical-align: top; overflow-wrap: anywhere; }
.eligible { color: #2d6a4f; font-weight: 600; }
.one-away { color: #a05a00; font-weight: 600; }
.further { color: #495057; }
code { font-size: 0.95em; }
ol.steps { margin: 0.3rem 0 0.8rem; }
/* A plan's timeline: under each step a bar on one scale from now to the plan's end. The
   step's text says what and when; the bar only draws it, and prints (a border). */
.steps .track { display: block; position: relative; height: 0.8rem; margin: 0.15rem 0 0.5rem;
                border-bottom: 1px solid #adb5bd; }
.steps .bar { position: absolute; top: 0; bottom: 0; min-width: 2px; box-sizing: border-box;
              border: 1px solid #1864ab; background: #a5d8ff; border-radius: 2px;
              -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.steps .bar.course { border-style: dashed; background: #d0ebff; }
.route { page-break-inside: avoid; break-inside: avoid; }
@media (max-width: 40rem) {
  body { padding: 0.5rem; }
  th:nth-child(1), td:nth-child(1) { display: none; }
}
@media print {
  body { max-width: none; padding: 0; }
  .map { overflow: visible; border: none; }
  .map svg { width: 100%; height: auto; }
  h2 { page-break-after: avoid; break-after: avoid; }
}
"""


def page(title: str, heading: str, subtitle: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            f"<h1>{escape(heading)}</h1>",
            f'<p class="subtitle">{escape(subtitle)}</p>',
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


class HtmlRenderer(Renderer):
    output_format = OutputFormat.HTML

    def stamp(self, text: str, provenance: Provenance) -> str:
        footer = f'<footer><p class="subtitle">{escape(provenance.text())}</p></footer>\n'
        end = text.rfind("</body>")
        return text if end < 0 else text[:end] + footer + text[end:]

    def person_report(self, report: PersonReport) -> str:
        names = {q.code: q.name for q in report.glossary}
        body = ["<h2>Qualifications held</h2>"]
        agreed = {item.code: item.note for item in report.agreed}
        if report.held:
            body += _bullets(
                f"<code>{escape(q.code)}</code> {escape(q.name)}"
                + (f" (agreed equivalent: {escape(agreed[q.code])})" if q.code in agreed else "")
                for q in report.held
            )
        else:
            body.append("<p>None yet.</p>")
        if report.studying:
            body.append("<h2>Studying</h2>")
            body += _bullets(
                f"<code>{escape(item.code)}</code> {escape(names[item.code])},"
                f" due {escape(item.month)}"
                for item in report.studying
            )
        body += [
            "<h2>The map</h2>",
            f"<p>{escape(summary_sentence(report.summary))}</p>",
            *_map_figure(report.map),
            *_progressions(report.map),
            "<h2>Eligibility</h2>",
            "<table>",
            '<thead><tr><th scope="col">Band</th><th scope="col">Role</th>'
            '<th scope="col">Status</th><th scope="col">Still needed</th></tr></thead>',
            "<tbody>",
        ]
        for row, node in zip(report.rows, report.map.nodes, strict=True):
            status = node.status
            assert status is not None  # a person report is always assessed
            body.append(
                f"<tr><td>{escape(row.role.band)}</td>"
                f"<td>{escape(row.role.title)}<br><code>{escape(row.role.id)}</code></td>"
                f'<td class="{status}">{_availability(row, status)}</td>'
                f"<td>{_still_needed(row, names)}</td></tr>"
            )
        body += ["</tbody>", "</table>", "<h2>Routes onward</h2>"]
        if report.from_band is not None:
            body.append(
                f"<p>Roles below band {escape(report.from_band)}, where you stand, are left"
                " out. Your next steps come first.</p>"
            )
        if not report.plans:
            body.append("<p>No role ahead of you on this map is still closed to you.</p>")
        body += [_plan_section(plan, plan.target.id in report.next_steps) for plan in report.plans]
        return page(
            f"Career map report: {report.catalogue}",
            "Career map report",
            _whose(report),
            body,
        )

    def team_reports(self, reports: TeamReports) -> str:
        """The index of a set of personal reports: whose, their role, what is open."""
        body = [
            f"<p>{len(reports.entries)} reports from {escape(reports.source)},"
            f" made on {reports.date:%-d %B %Y}.</p>",
            "<table>",
            '<thead><tr><th scope="col">Name</th><th scope="col">Role</th>'
            '<th scope="col">Eligible now</th><th scope="col">One qualification away</th>'
            "</tr></thead>",
            "<tbody>",
        ]
        for entry in reports.entries:
            report = entry.report
            role = report.current_role
            body.append(
                f'<tr><td><a href="{escape(entry.file)}">{escape(report.name or entry.file)}</a>'
                f"</td><td>{escape(f'{role.title} (band {role.band})') if role else '-'}</td>"
                f"<td>{report.summary.eligible}</td><td>{report.summary.one_away}</td></tr>"
            )
        body += ["</tbody>", "</table>"]
        return page(
            f"Career map reports: {reports.catalogue}",
            "Career map reports",
            reports.catalogue,
            body,
        )

    def career_map(self, view: CareerMap) -> str:
        body = [*_map_figure(view), *_progressions(view)]
        return page(f"Career map: {view.catalogue}", "Career map", view.catalogue, body)

    def diff(self, diff: CatalogueDiff) -> str:
        from careermap.diff import NO_MAP_DIFFERENCES, change_lines

        body = [
            f"<p>Old map: {escape(diff.old.label)}.<br>New map: {escape(diff.new.label)}.</p>",
            "<h2>Changes to the map</h2>",
        ]
        lines = change_lines(diff)
        if lines:
            # On a phone the first column is hidden (the page's style): the item's id
            # shows what kind of item it is.
            body += _html_table(
                ("Kind", "Item", "Change", "Before", "After"),
                [
                    (
                        escape(line.section),
                        (f"{escape(line.name)}<br>" if line.name else "")
                        + f"<code>{escape(line.id)}</code>",
                        escape(line.change),
                        escape(line.before),
                        escape(line.after),
                    )
                    for line in lines
                ],
            )
        else:
            body.append(f"<p>{escape(NO_MAP_DIFFERENCES)}</p>")
        if diff.staff is not None:
            body += _staff_impact(diff.staff)
        return page(
            f"Career map changes: {diff.new.name}", "Career map changes", diff.heading, body
        )


def _html_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """A table of cells already escaped, with column headers."""
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in header)
    return [
        "<table>",
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows),
        "</tbody>",
        "</table>",
    ]


def _staff_impact(staff: StaffImpact) -> list[str]:
    from careermap.diff import side_text, staff_sentence

    body = ["<h2>Staff affected</h2>", f"<p>{escape(staff_sentence(staff))}</p>"]
    if staff.people:
        body += _html_table(
            ("Line", "Name", "Role", "For role", "Change", "Before", "After"),
            [
                (
                    str(person.line),
                    escape(person.name),
                    f"<code>{escape(person.role)}</code>" if person.role else "-",
                    f"<code>{escape(shift.role.id)}</code>",
                    escape(str(shift.shift)),
                    escape(gap_text(shift.missing_before)),
                    escape(gap_text(shift.missing_after)),
                )
                for person in staff.people
                for shift in person.shifts
            ],
        )
    if staff.totals:
        body.append("<h2>Totals by role</h2>")
        body += _html_table(
            ("Band", "Role", "Gains", "Losses", "Gap changes"),
            [
                (
                    escape(total.role.band),
                    f"{escape(total.role.title)}<br><code>{escape(total.role.id)}</code>",
                    str(total.gains),
                    str(total.losses),
                    str(total.gap_changes),
                )
                for total in staff.totals
            ],
        )
    if staff.problems:
        body.append("<h2>Rows skipped</h2>")
        body += _bullets(
            f"Line {problem.line} ({escape(side_text(problem.side))}): {escape(problem.message)}"
            for problem in staff.problems
        )
    return body


def _availability(row: RoleRow, status: Status) -> str:
    """The status cell: eligible now, from a month (study under way), or how far."""
    if row.eligible_from is not None:
        return f"{LATER} eligible {escape(eligible_text(row))}"
    return f"{SYMBOL[status]} {LABEL[status]}"


def _still_needed(row: RoleRow, names: dict[str, str]) -> str:
    """Each missing code with its name ("or equivalent" where the map says so), the
    quickest plan's months, and the study under way it counts on."""
    lines = [
        f"<code>{escape(code)}</code> {escape(names[code])}"
        + (" (or equivalent)" if _says_or_equivalent(row.role, code, names[code]) else "")
        for code in row.gap
    ]
    if row.gap and row.months is not None:
        lines.append(escape(months_text(row.months)))
    lines += [
        f"<code>{escape(item.code)}</code> under way, due {escape(item.month)}"
        for item in row.relies_on
    ]
    return "<br>".join(lines) or "-"


def _says_or_equivalent(role: Role, code: str, name: str) -> bool:
    """Whether to add "(or equivalent)": the map says so, and the name does not already."""
    return code in role.or_equivalent and "equivalent" not in name.casefold()


def _whose(report: PersonReport) -> str:
    """Who the report is for and when, as a PDR folder needs it."""
    who = report.name or "A person"
    if report.current_role is not None:
        role = report.current_role
        who += f", {role.title} (band {role.band})"
    edition = f" ({report.version})" if report.version else ""
    return f"{who}. {report.catalogue}{edition}. Made on {report.date:%-d %B %Y}."


def _progressions(view: CareerMap) -> list[str]:
    """Where each role leads, in words: the map's arrows for a reader who cannot see it."""
    titles = {node.role.id: node.role.title for node in view.nodes}
    items = []
    for node in view.nodes:
        targets = ", ".join(titles[target] for target in node.role.progresses_to)
        leads = f"leads to {targets}" if targets else "leads to no other role on this map"
        items.append(f"{escape(node.role.title)} (band {escape(node.role.band)}): {escape(leads)}")
    return ["<h2>Where each role leads</h2>", *_bullets(items)]


def _bullets(items: Iterable[str]) -> list[str]:
    """A list of items already written as HTML."""
    return ["<ul>", *(f"<li>{item}</li>" for item in items), "</ul>"]


def _map_figure(view: CareerMap) -> list[str]:
    parts = [_legend()] if view.quals is not None else []
    # The map scrolls sideways on a phone; a focusable, named region lets the keyboard do it.
    region = '<div class="map" role="region" aria-label="The map" tabindex="0">'
    return [*parts, f"{region}{render_svg(view)}</div>"]


def _legend() -> str:
    items = [
        f'<span><span class="swatch" style="background:{FILL[s]};border-color:{STROKE[s]}">'
        f"</span>{SYMBOL[s]} {LABEL[s]}</span>"
        for s in STATUSES
    ]
    return f'<p class="legend">{"".join(items)}</p>'


def _plan_section(plan: Plan, next_step: bool) -> str:
    target = plan.target
    mark = " <small>(a next step)</small>" if next_step else ""
    heading = f"<h3>{escape(target.title)} <small>(band {escape(target.band)})</small>{mark}</h3>"
    steps = "".join(_timeline_step(step, plan.total_months) for step in plan.steps)
    scale = (
        f'<p class="scale">Each bar runs on one scale, from now to month {plan.total_months}.</p>'
        if steps
        else ""
    )
    body = (f'<ol class="steps">{steps}</ol>{scale}' if steps else "") + (
        f"<p>{escape(plan_outcome(plan))}</p>"
    )
    return f'<section class="route">{heading}{body}</section>'


def _timeline_step(step: Step, total: int) -> str:
    """A step in words (what, when, what it gives), then its bar: from its start to its
    end on a scale of the plan's months, drawn only (the words say it all)."""
    left, width = 100 * step.start_month / total, 100 * step.months / total
    kind = "role" if step.kind == "role" else "course"
    return (
        f"<li>{escape(step_text(step))}, {span_text(step)} ({months_text(step.months)}),"
        f" gaining {escape(', '.join(step.gives))}"
        f'<span class="track" aria-hidden="true"><span class="bar {kind}"'
        f' style="left:{left:.1f}%;width:{width:.1f}%"></span></span></li>'
    )
