"""Eligibility reports: every role (``check``) or the next steps (``next``) for a person."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Literal

from careermap.engine import (
    RoleResult,
    Status,
    engine_for,
    next_roles_from_band,
    next_roles_from_role,
)
from careermap.lookup import find_band, find_role
from careermap.models import Catalogue, Role
from careermap.subject import Kind


@dataclass(frozen=True)
class RoleRow:
    """A role in a report, with its eligibility when the person's quals are known."""

    role: Role
    result: RoleResult | None


@dataclass(frozen=True)
class Start:
    """Where a ``next`` report starts from: a band or a role."""

    kind: Literal["band", "role"]
    value: str


@dataclass(frozen=True)
class Summary:
    """How many of a report's roles are open to the person, and how many are one away."""

    roles: int
    eligible: int
    one_away: int

    @classmethod
    def of(cls, statuses: Iterable[Status | None]) -> Summary:
        counted = list(statuses)
        return cls(len(counted), counted.count(Status.ELIGIBLE), counted.count(Status.ONE_AWAY))


@dataclass(frozen=True)
class RoleReport:
    catalogue: str
    title: str
    quals: tuple[str, ...] | None
    """The codes the person holds, in catalogue order; None when not assessed."""
    rows: tuple[RoleRow, ...]
    start: Start | None = None
    empty_message: str = "No roles."
    summary: Summary | None = None
    """None when not assessed."""
    kind: ClassVar[Literal[Kind.ROLE_REPORT]] = Kind.ROLE_REPORT

    @property
    def assessed(self) -> bool:
        return self.quals is not None


def check_report(catalogue: Catalogue, quals: Iterable[str]) -> RoleReport:
    """Every role, lowest band first, with the person's eligibility for each."""
    held = frozenset(quals)
    return _report(
        catalogue,
        catalogue.roles_in_band_order(),
        held,
        title=f"Roles for {_describe(catalogue, held)}",
    )


def next_report(
    catalogue: Catalogue,
    *,
    band: str | None = None,
    role_id: str | None = None,
    quals: Iterable[str] | None = None,
) -> RoleReport:
    """Next-step roles from a band or a role; with eligibility when ``quals`` is given."""
    held = frozenset(quals) if quals is not None else None
    if role_id is not None:
        role = find_role(catalogue, role_id)
        start = Start("role", role.id)
        roles = next_roles_from_role(catalogue, role.id)
        title = f"Next steps from {role.title} (band {role.band})"
        empty = f"{role.title} has no progressions on this map."
    elif band is not None:
        known = find_band(catalogue, band)
        start = Start("band", known)
        roles = next_roles_from_band(catalogue, known)
        title = f"Next steps from band {known}"
        empty = f"Band {known} is the top band with roles on this map; nothing lies above it."
    else:
        raise ValueError("next_report needs a band or a role_id")
    if held is not None:
        title += f" for {_describe(catalogue, held)}"
    return _report(catalogue, roles, held, title=title, start=start, empty=empty)


def _report(
    catalogue: Catalogue,
    roles: Iterable[Role],
    held: frozenset[str] | None,
    *,
    title: str,
    start: Start | None = None,
    empty: str = "No roles.",
) -> RoleReport:
    if held is None:
        rows = tuple(RoleRow(role, None) for role in roles)
        return RoleReport(catalogue.name, title, None, rows, start, empty)
    engine = engine_for(catalogue)
    evaluation = engine.evaluate(held)
    rows = tuple(RoleRow(role, evaluation.result_for(role.id)) for role in roles)
    summary = Summary.of(row.result.status for row in rows if row.result)
    return RoleReport(catalogue.name, title, engine.in_order(held), rows, start, empty, summary)


def _describe(catalogue: Catalogue, held: frozenset[str]) -> str:
    return ", ".join(engine_for(catalogue).in_order(held)) or "no qualifications yet"
