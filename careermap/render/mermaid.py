"""The career map as a Mermaid flowchart, which GitHub and most Markdown viewers draw."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from careermap.render import OutputFormat, Renderer
from careermap.render.palette import FILL, INK, STATUSES, STROKE, SYMBOL

if TYPE_CHECKING:
    from careermap.engine import Status
    from careermap.mapview import CareerMap
    from careermap.provenance import Provenance


def node_id(role_id: str) -> str:
    """A Mermaid-safe node id; the prefix keeps ids such as ``end`` from being keywords."""
    return "r_" + role_id.replace("-", "_")


def class_name(status: Status) -> str:
    return status.value.replace("-", "_")


def label(text: str) -> str:
    """Text for a double-quoted label: no quotes, markup or line breaks can escape it."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", text)
    return (
        text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    )


class MermaidRenderer(Renderer):
    output_format = OutputFormat.MERMAID

    def stamp(self, text: str, provenance: Provenance) -> str:
        return f"{text}%% {provenance.text()}\n"

    def career_map(self, view: CareerMap) -> str:
        lines = ["flowchart LR"]
        for number, band in enumerate(view.bands):
            members = view.in_band(band)
            if not members:
                continue
            lines.append(f'  subgraph band_{number}["Band {label(band)}"]')
            for node in members:
                text = node.role.title
                if node.status is not None:
                    text = f"{SYMBOL[node.status]} {text}"
                lines.append(f'    {node_id(node.role.id)}["{label(text)}"]')
            lines.append("  end")
        lines += [f"  {node_id(source)} --> {node_id(target)}" for source, target in view.edges]
        if view.quals is not None:
            for status in STATUSES:
                lines.append(
                    f"  classDef {class_name(status)}"
                    f" fill:{FILL[status]},stroke:{STROKE[status]},color:{INK[status]}"
                )
            for status in STATUSES:
                ids = [node_id(n.role.id) for n in view.nodes if n.status == status]
                if ids:
                    lines.append(f"  class {','.join(ids)} {class_name(status)}")
        return "\n".join(lines) + "\n"
