"""One person's whole picture: what they hold, the map in their colours, and a plan to
each role not yet open. The ``report`` command draws it as a page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Literal

from careermap.eligibility import Summary
from careermap.engine import Status
from careermap.mapview import CareerMap, career_map
from careermap.models import Catalogue, Qualification, Role
from careermap.planner import Plan, RoutePlanner
from careermap.subject import Kind


@dataclass(frozen=True)
class PersonReport:
    catalogue: str
    name: str | None
    """The person's name, when a profile gives one."""
    current_role: Role | None
    held: tuple[Qualification, ...]
    """The qualifications held, in catalogue order."""
    map: CareerMap
    """Every role with its status for this person."""
    summary: Summary
    plans: tuple[Plan, ...]
    """The cheapest plan to each role not yet open (but the person's own), lowest band
    first."""
    kind: ClassVar[Literal[Kind.PERSON_REPORT]] = Kind.PERSON_REPORT


def person_report(
    catalogue: Catalogue,
    quals: Iterable[str],
    *,
    name: str | None = None,
    current_role: Role | None = None,
) -> PersonReport:
    """The report for a person holding ``quals`` (codes)."""
    view = career_map(catalogue, quals)
    role_id = current_role.id if current_role else None
    held = view.quals or ()
    summary = Summary.of(node.status for node in view.nodes)
    planner = RoutePlanner(catalogue, held, current_role=role_id)
    plans = tuple(
        planner.plan(node.role.id)
        for node in view.nodes
        if node.status is not Status.ELIGIBLE and node.role.id != role_id
    )
    qualifications = tuple(catalogue.qualifications_by_code[code] for code in held)
    return PersonReport(catalogue.name, name, current_role, qualifications, view, summary, plans)
