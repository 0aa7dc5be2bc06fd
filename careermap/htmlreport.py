"""A self-contained HTML report: the person's map as SVG, eligibility, and routes.

Everything is inline (styles and the SVG drawn by this module's own grid layout), so
the file opens offline, prints cleanly and can be mailed as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from careermap.mapview import STATUS_LABEL, STATUS_SYMBOL, CareerMap, MapNode, career_map
from careermap.models import Catalogue
from careermap.render.text import plan_outcome
from careermap.routes import Plan, plan_path

COLUMN_WIDTH = 180
NODE_WIDTH = 160
NODE_HEIGHT = 78
GAP = 14
LANE_LABEL_WIDTH = 130
HEADER_HEIGHT = 34
LINE_HEIGHT = 14
TITLE_CHARACTERS = 19
FOOTER_CHARACTERS = 20

_FILL = {"eligible": "#d8f3dc", "one-away": "#fff3bf", "further": "#f1f3f5", None: "#ffffff"}
_STROKE = {"eligible": "#2d6a4f", "one-away": "#e67700", "further": "#868e96", None: "#495057"}

_STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       margin: 0 auto; max-width: 72rem; padding: 1rem; color: #212529; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #dee2e6; }
.subtitle { color: #495057; margin-top: 0; }
.map { overflow-x: auto; border: 1px solid #dee2e6; border-radius: 6px; background: #fff; }
.map svg { display: block; width: 100%; min-width: 56rem; height: auto; }
.legend span { display: inline-block; margin-right: 1.2rem; }
.swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border: 1px solid;
          vertical-align: middle; margin-right: 0.3rem; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #e9ecef;
         vertical-align: top; overflow-wrap: break-word; }
.eligible { color: #2d6a4f; font-weight: 600; }
.one-away { color: #a05a00; font-weight: 600; }
.further { color: #495057; }
code { font-size: 0.95em; }
ol.steps { margin: 0.3rem 0 0.8rem; }
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


def render_report_html(catalogue: Catalogue, quals: Iterable[str]) -> str:
    """The whole report for a person holding ``quals`` (codes), as one HTML document."""
    view = career_map(catalogue, quals)
    held = view.quals or ()
    names = catalogue.qualifications_by_code
    plans = [
        plan_path(catalogue, node.role.id, held) for node in view.nodes if node.status != "eligible"
    ]
    eligible = sum(1 for node in view.nodes if node.status == "eligible")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Career map report: {escape(catalogue.name)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>Career map report</h1>",
        f'<p class="subtitle">{escape(catalogue.name)}</p>',
        "<h2>Qualifications held</h2>",
    ]
    if held:
        parts.append("<ul>")
        parts += [f"<li><code>{escape(c)}</code> {escape(names[c].name)}</li>" for c in held]
        parts.append("</ul>")
    else:
        parts.append("<p>None yet.</p>")
    parts += [
        "<h2>The map</h2>",
        f"<p>Eligible now for {eligible} of {len(view.nodes)} roles.</p>",
        _legend(),
        f'<div class="map">{render_svg(view)}</div>',
        "<h2>Eligibility</h2>",
        "<table>",
        "<thead><tr><th>Band</th><th>Role</th><th>Status</th><th>Still needed</th></tr></thead>",
        "<tbody>",
    ]
    for node in view.nodes:
        status = node.status or "further"
        missing = ", ".join(node.missing)
        parts.append(
            f"<tr><td>{escape(node.role.band)}</td>"
            f"<td>{escape(node.role.title)}<br><code>{escape(node.role.id)}</code></td>"
            f'<td class="{status}">{STATUS_SYMBOL[status]} {STATUS_LABEL[status]}</td>'
            f"<td>{escape(missing) or '-'}</td></tr>"
        )
    parts += ["</tbody>", "</table>", "<h2>Routes to the other roles</h2>"]
    if not plans:
        parts.append("<p>You are eligible for every role on this map.</p>")
    parts += [_plan_section(plan) for plan in plans]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _legend() -> str:
    items = [
        f'<span><span class="swatch" style="background:{_FILL[s]};border-color:{_STROKE[s]}">'
        f"</span>{STATUS_SYMBOL[s]} {STATUS_LABEL[s]}</span>"
        for s in ("eligible", "one-away", "further")
    ]
    return f'<p class="legend">{"".join(items)}</p>'


def _plan_section(plan: Plan) -> str:
    target = plan.target
    heading = f"<h3>{escape(target.title)} <small>(band {escape(target.band)})</small></h3>"
    steps = "".join(
        f"<li>{'Work as' if step.kind == 'role' else 'Course:'} {escape(step.title)}"
        f" ({step.months} months), gaining {escape(', '.join(step.gives))}</li>"
        for step in plan.steps
    )
    body = (f'<ol class="steps">{steps}</ol>' if steps else "") + (
        f"<p>{escape(plan_outcome(plan))}</p>"
    )
    return f'<section class="route">{heading}{body}</section>'


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def render_svg(view: CareerMap) -> str:
    """The map as SVG: bands across, track lanes down, arrows for progressions."""
    bands = [band for band in view.bands if any(n.role.band == band for n in view.nodes)]
    column = {band: index for index, band in enumerate(bands)}
    lane_tops: list[int] = []
    top = HEADER_HEIGHT
    for lane in range(len(view.lanes)):
        lane_tops.append(top)
        deepest = max((len(view.cell(lane, band)) for band in bands), default=1)
        top += GAP + deepest * (NODE_HEIGHT + GAP)
    width = LANE_LABEL_WIDTH + len(bands) * COLUMN_WIDTH + GAP
    height = top + GAP

    places: dict[str, tuple[int, int]] = {}
    for lane, lane_top in enumerate(lane_tops):
        for band in bands:
            for depth, node in enumerate(view.cell(lane, band)):
                x = (
                    LANE_LABEL_WIDTH
                    + column[band] * COLUMN_WIDTH
                    + (COLUMN_WIDTH - NODE_WIDTH) // 2
                )
                y = lane_top + GAP + depth * (NODE_HEIGHT + GAP)
                places[node.role.id] = (x, y)

    title = f"Career map of {view.catalogue}"
    out = [
        f'<svg width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}"'
        ' font-family="system-ui, Helvetica, Arial, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5"'
        ' markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#495057"/></marker></defs>',
    ]
    for lane, lane_top in enumerate(lane_tops):
        bottom = lane_tops[lane + 1] if lane + 1 < len(lane_tops) else height - GAP
        shade = "#f8f9fa" if lane % 2 == 0 else "#ffffff"
        out.append(
            f'<rect x="0" y="{lane_top}" width="{width}" height="{bottom - lane_top}"'
            f' fill="{shade}"/>'
        )
        label_lines = _wrap(view.lanes[lane], 16)
        for number, line in enumerate(label_lines):
            out.append(
                f'<text x="8" y="{lane_top + 22 + number * LINE_HEIGHT}" font-weight="600"'
                f' fill="#343a40">{escape(line)}</text>'
            )
    for band in bands:
        x = LANE_LABEL_WIDTH + column[band] * COLUMN_WIDTH + COLUMN_WIDTH // 2
        out.append(
            f'<text x="{x}" y="22" text-anchor="middle" font-weight="700" font-size="14"'
            f' fill="#212529">Band {escape(band)}</text>'
        )
    for source, target in view.edges:
        (x1, y1), (x2, y2) = places[source], places[target]
        start_x, start_y = x1 + NODE_WIDTH, y1 + NODE_HEIGHT // 2
        end_x, end_y = x2, y2 + NODE_HEIGHT // 2
        bend = max(24, (end_x - start_x) // 2)
        out.append(
            f'<path d="M {start_x} {start_y} C {start_x + bend} {start_y},'
            f' {end_x - bend} {end_y}, {end_x} {end_y}" fill="none" stroke="#495057"'
            ' stroke-width="1.5" marker-end="url(#arrow)"/>'
        )
    for node in view.nodes:
        out.append(_svg_node(node, *places[node.role.id]))
    out.append("</svg>")
    return "".join(out)


def _svg_node(node: MapNode, x: int, y: int) -> str:
    role = node.role
    lines = _wrap(role.title, TITLE_CHARACTERS)[:3]
    if node.status is None:
        footer = role.id
    elif node.status == "eligible":
        footer = f"{STATUS_SYMBOL['eligible']} eligible now"
    else:
        footer = f"{STATUS_SYMBOL[node.status]} needs {', '.join(node.missing)}"
        if len(footer) > FOOTER_CHARACTERS:
            footer = f"{STATUS_SYMBOL[node.status]} needs {len(node.missing)} more"
    texts = "".join(
        f'<text x="{x + 8}" y="{y + 18 + index * LINE_HEIGHT}" font-weight="600">'
        f"{escape(line)}</text>"
        for index, line in enumerate(lines)
    )
    texts += f'<text x="{x + 8}" y="{y + NODE_HEIGHT - 9}" fill="#343a40">{escape(footer)}</text>'
    tooltip = f"{role.title} (band {role.band})"
    if node.status is not None:
        tooltip += f": {STATUS_LABEL[node.status]}"
    return (
        f"<g><title>{escape(tooltip)}</title>"
        f'<rect x="{x}" y="{y}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="8"'
        f' fill="{_FILL[node.status]}" stroke="{_STROKE[node.status]}" stroke-width="1.5"/>'
        f"{texts}</g>"
    )
