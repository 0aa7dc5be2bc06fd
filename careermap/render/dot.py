"""The career map as Graphviz DOT: bands left to right, each band's roles ranked together."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from careermap.render import OutputFormat, Renderer
from careermap.render.palette import FILL, SYMBOL

if TYPE_CHECKING:
    from careermap.mapview import CareerMap
    from careermap.provenance import Provenance


def quoted(text: str) -> str:
    """A double-quoted DOT string; DOT keywords (node, edge, graph) are safe inside one."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class DotRenderer(Renderer):
    output_format = OutputFormat.DOT

    def stamp(self, text: str, provenance: Provenance) -> str:
        return f"// {provenance.text()}\n{text}"

    def career_map(self, view: CareerMap) -> str:
        lines = [
            "digraph careermap {",
            "  rankdir=LR;",
            '  node [shape=box, style="rounded,filled", fillcolor="#ffffff",'
            ' fontname="Helvetica"];',
        ]
        for number, band in enumerate(view.bands):
            members = view.in_band(band)
            if not members:
                continue
            lines.append(f"  subgraph cluster_band_{number} {{")
            lines.append(f"    label={quoted(f'Band {band}')};")
            lines.append("    rank=same;")
            for node in members:
                symbol = f"{SYMBOL[node.status]} " if node.status is not None else ""
                text = quoted(f"{symbol}{node.role.title}")[:-1] + f'\\n{node.role.id}"'
                attributes = f"label={text}"
                if node.status is not None:
                    attributes += f', fillcolor="{FILL[node.status]}"'
                lines.append(f"    {quoted(node.role.id)} [{attributes}];")
            lines.append("  }")
        lines += [f"  {quoted(source)} -> {quoted(target)};" for source, target in view.edges]
        lines.append("}")
        return "\n".join(lines) + "\n"
