"""The career map as SVG, laid out on the project's own grid: bands across, track lanes
down, arrows for progressions. Used by the HTML pages; needs no outside program."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from careermap.render.palette import (
    FILL,
    LABEL,
    NO_STATUS_FILL,
    NO_STATUS_STROKE,
    STROKE,
    SYMBOL,
)

if TYPE_CHECKING:
    from careermap.mapview import CareerMap, MapNode

COLUMN_WIDTH = 180
NODE_WIDTH = 160
NODE_HEIGHT = 78
GAP = 14
LANE_LABEL_WIDTH = 130
HEADER_HEIGHT = 34
LINE_HEIGHT = 14
TITLE_CHARACTERS = 17
FOOTER_CHARACTERS = 18
"""More than this in a node's last line ("◐ needs DEGREE_OTHER") and it ran out of its
box at 12 px: it says how many codes are needed instead."""


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
    bands = view.bands_in_use
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
    elif not node.missing:
        footer = f"{SYMBOL[node.status]} {LABEL[node.status]}"
    else:
        footer = f"{SYMBOL[node.status]} needs {', '.join(node.missing)}"
        if len(footer) > FOOTER_CHARACTERS:
            footer = f"{SYMBOL[node.status]} needs {len(node.missing)} more"
    texts = "".join(
        f'<text x="{x + 8}" y="{y + 18 + index * LINE_HEIGHT}" font-weight="600">'
        f"{escape(line)}</text>"
        for index, line in enumerate(lines)
    )
    texts += f'<text x="{x + 8}" y="{y + NODE_HEIGHT - 9}" fill="#343a40">{escape(footer)}</text>'
    tooltip = f"{role.title} (band {role.band})"
    fill, stroke = NO_STATUS_FILL, NO_STATUS_STROKE
    if node.status is not None:
        tooltip += f": {LABEL[node.status]}"
        fill, stroke = FILL[node.status], STROKE[node.status]
    return (
        f"<g><title>{escape(tooltip)}</title>"
        f'<rect x="{x}" y="{y}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="8"'
        f' fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
        f"{texts}</g>"
    )
