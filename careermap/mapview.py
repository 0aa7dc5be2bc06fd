"""The career map as data: roles placed by band and track lane, with progressions.

``career_map`` lays the catalogue out as a grid (bands across, track lanes down) and,
given a person's codes, gives each role its status. Renderers draw it as a terminal
table, Mermaid, DOT, SVG or JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Literal

from careermap.engine import RoleResult, Status, engine_for
from careermap.models import Catalogue, Role
from careermap.subject import Kind


@dataclass(frozen=True)
class MapNode:
    role: Role
    lane: int
    """Index into ``CareerMap.lanes``."""
    status: Status | None
    """None when no qualifications were given."""
    missing: tuple[str, ...]


@dataclass(frozen=True)
class CareerMap:
    catalogue: str
    bands: tuple[str, ...]
    lanes: tuple[str, ...]
    """Track lanes: roles shared by several tracks first, then each track."""
    nodes: tuple[MapNode, ...]
    """Every role, lowest band first."""
    edges: tuple[tuple[str, str], ...]
    """Progressions, as (from role id, to role id)."""
    quals: tuple[str, ...] | None
    kind: ClassVar[Literal[Kind.CAREER_MAP]] = Kind.CAREER_MAP

    @property
    def bands_in_use(self) -> tuple[str, ...]:
        """The bands that have roles, lowest first."""
        used = {node.role.band for node in self.nodes}
        return tuple(band for band in self.bands if band in used)

    def cell(self, lane: int, band: str) -> tuple[MapNode, ...]:
        return tuple(n for n in self.nodes if n.lane == lane and n.role.band == band)

    def in_band(self, band: str) -> tuple[MapNode, ...]:
        return tuple(n for n in self.nodes if n.role.band == band)


def career_map(catalogue: Catalogue, quals: Iterable[str] | None = None) -> CareerMap:
    """The map's layout, with each role's status when ``quals`` (codes) are given."""
    lanes: list[str] = []
    lane_of: dict[str, int] = {}
    shared = [role for role in catalogue.roles if len(role.tracks) > 1]
    for role in shared + [role for role in catalogue.roles if len(role.tracks) == 1]:
        label = " & ".join(role.tracks)
        if label not in lanes:
            lanes.append(label)
        lane_of[role.id] = lanes.index(label)
    ordered = catalogue.roles_in_band_order()
    held = None
    if quals is None:
        nodes = tuple(MapNode(role, lane_of[role.id], None, ()) for role in ordered)
    else:
        engine = engine_for(catalogue)
        evaluation = engine.evaluate(quals)
        held = engine.in_order(evaluation.held)
        nodes = tuple(
            _node(role, lane_of[role.id], evaluation.result_for(role.id)) for role in ordered
        )
    edges = tuple((role.id, target) for role in ordered for target in role.progresses_to)
    return CareerMap(catalogue.name, catalogue.bands, tuple(lanes), nodes, edges, held)


def _node(role: Role, lane: int, result: RoleResult) -> MapNode:
    return MapNode(role, lane, result.status, result.missing)
