"""The career map as a picture: roles placed by band and track, with progressions.

``career_map`` lays the catalogue out as a grid (bands across, track lanes down) and,
given a person's codes, marks each role eligible, one step away or further. The text
formats (Mermaid, DOT) and the HTML report are rendered here without rich.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from careermap.engine import engine_for
from careermap.models import Catalogue, Role

Status = Literal["eligible", "one-away", "further"]

STATUS_SYMBOL: dict[Status, str] = {"eligible": "✔", "one-away": "◐", "further": "○"}
STATUS_LABEL: dict[Status, str] = {
    "eligible": "eligible now",
    "one-away": "one qualification away",
    "further": "further away",
}


@dataclass(frozen=True)
class MapNode:
    role: Role
    lane: int
    """Index into ``CareerMap.lanes``."""
    status: Status | None
    missing: tuple[str, ...]


@dataclass(frozen=True)
class CareerMap:
    catalogue: str
    bands: tuple[str, ...]
    lanes: tuple[str, ...]
    """Track lanes: roles shared by several tracks first, then each track."""
    nodes: tuple[MapNode, ...]
    edges: tuple[tuple[str, str], ...]
    quals: tuple[str, ...] | None

    def cell(self, lane: int, band: str) -> tuple[MapNode, ...]:
        return tuple(n for n in self.nodes if n.lane == lane and n.role.band == band)


def career_map(catalogue: Catalogue, quals: Iterable[str] | None = None) -> CareerMap:
    """The map's layout, with each role's status when ``quals`` (codes) are given."""
    lanes: list[str] = []
    lane_of: dict[str, int] = {}
    shared = [role for role in catalogue.roles if len(role.tracks) > 1]
    for role in shared + [role for role in catalogue.roles if len(role.tracks) == 1]:
        label = " & ".join(role.tracks) if len(role.tracks) > 1 else role.tracks[0]
        if label not in lanes:
            lanes.append(label)
        lane_of[role.id] = lanes.index(label)
    statuses: dict[str, tuple[Status, tuple[str, ...]]] = {}
    held = None
    if quals is not None:
        engine = engine_for(catalogue)
        evaluation = engine.evaluate(quals)
        held = engine.in_order(evaluation.held)
        for result in evaluation.results:
            status: Status = (
                "eligible"
                if result.eligible
                else "one-away"
                if len(result.missing) == 1
                else "further"
            )
            statuses[result.role.id] = (status, result.missing)
    nodes = tuple(
        MapNode(
            role,
            lane_of[role.id],
            statuses[role.id][0] if statuses else None,
            statuses[role.id][1] if statuses else (),
        )
        for role in catalogue.roles_in_band_order()
    )
    edges = tuple(
        (role.id, target)
        for role in catalogue.roles_in_band_order()
        for target in role.progresses_to
    )
    return CareerMap(catalogue.name, catalogue.bands, tuple(lanes), nodes, edges, held)


def _node_id(role_id: str) -> str:
    return role_id.replace("-", "_")


def _quoted(text: str) -> str:
    """Text for a double-quoted Mermaid or DOT label."""
    return text.replace("\\", "\\\\").replace('"', "'")


def render_mermaid(view: CareerMap) -> str:
    """A Mermaid flowchart: one subgraph per band, arrows for progressions."""
    lines = ["flowchart LR"]
    for number, band in enumerate(view.bands):
        members = [node for node in view.nodes if node.role.band == band]
        if not members:
            continue
        lines.append(f'  subgraph band_{number}["Band {_quoted(band)}"]')
        for node in members:
            label = node.role.title
            if node.status is not None:
                label = f"{STATUS_SYMBOL[node.status]} {label}"
            lines.append(f'    {_node_id(node.role.id)}["{_quoted(label)}"]')
        lines.append("  end")
    lines += [f"  {_node_id(source)} --> {_node_id(target)}" for source, target in view.edges]
    if view.quals is not None:
        lines += [
            "  classDef eligible fill:#d8f3dc,stroke:#2d6a4f,color:#1b4332",
            "  classDef one_away fill:#fff3bf,stroke:#e67700,color:#5c3c00",
            "  classDef further fill:#f1f3f5,stroke:#868e96,color:#343a40",
        ]
        for status in ("eligible", "one-away", "further"):
            ids = [_node_id(n.role.id) for n in view.nodes if n.status == status]
            if ids:
                lines.append(f"  class {','.join(ids)} {status.replace('-', '_')}")
    return "\n".join(lines) + "\n"


_DOT_COLOURS: dict[Status, str] = {
    "eligible": "#d8f3dc",
    "one-away": "#fff3bf",
    "further": "#f1f3f5",
}


def render_dot(view: CareerMap) -> str:
    """A Graphviz digraph: bands left to right, each band's roles ranked together."""
    lines = [
        "digraph careermap {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
    ]
    for number, band in enumerate(view.bands):
        members = [node for node in view.nodes if node.role.band == band]
        if not members:
            continue
        lines.append(f"  subgraph cluster_band_{number} {{")
        lines.append(f'    label="Band {_quoted(band)}";')
        lines.append("    rank=same;")
        for node in members:
            symbol = f"{STATUS_SYMBOL[node.status]} " if node.status is not None else ""
            label = f"{symbol}{_quoted(node.role.title)}\\n{node.role.id}"
            attributes = f'label="{label}"'
            if node.status is not None:
                attributes += f', fillcolor="{_DOT_COLOURS[node.status]}"'
            lines.append(f"    {_node_id(node.role.id)} [{attributes}];")
        lines.append("  }")
    lines += [f"  {_node_id(source)} -> {_node_id(target)};" for source, target in view.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"
