"""The catalogue itself, for browsing: every role, every qualification, one role in full."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Literal

from careermap.engine import engine_for
from careermap.lookup import find_role
from careermap.models import Catalogue, Qualification, Role
from careermap.subject import Kind


@dataclass(frozen=True)
class RoleEntry:
    """A role with its neighbours on the map."""

    role: Role
    progresses_to: tuple[Role, ...]
    reached_from: tuple[Role, ...]


@dataclass(frozen=True)
class RoleList:
    catalogue: str
    entries: tuple[RoleEntry, ...]
    """Lowest band first."""
    kind: ClassVar[Literal[Kind.ROLE_LIST]] = Kind.ROLE_LIST


@dataclass(frozen=True)
class RoleDetail:
    catalogue: str
    entry: RoleEntry
    names: Mapping[str, str]
    """Code -> name, for every code the role mentions."""
    needs_first: Mapping[str, tuple[tuple[str, ...], ...]]
    """Code -> what its course needs first, for each requirement code whose course does."""
    kind: ClassVar[Literal[Kind.ROLE_DETAIL]] = Kind.ROLE_DETAIL

    @property
    def role(self) -> Role:
        return self.entry.role

    @property
    def requirement_codes(self) -> tuple[str, ...]:
        """Every code of every entry route, first mention first."""
        return tuple(dict.fromkeys(code for route in self.role.requires for code in route))


@dataclass(frozen=True)
class QualificationEntry:
    qualification: Qualification
    counts_as: tuple[str, ...]
    """Every other code it counts as, followed transitively, in catalogue order."""


@dataclass(frozen=True)
class QualificationList:
    catalogue: str
    entries: tuple[QualificationEntry, ...]
    kind: ClassVar[Literal[Kind.QUALIFICATION_LIST]] = Kind.QUALIFICATION_LIST


def role_list(catalogue: Catalogue) -> RoleList:
    """Every role, lowest band first, with where it leads and where it is reached from."""
    sources = _sources(catalogue)
    return RoleList(
        catalogue.name,
        tuple(_entry(catalogue, role, sources) for role in catalogue.roles_in_band_order()),
    )


def role_detail(catalogue: Catalogue, role_id: str) -> RoleDetail:
    """One role in full: its entry, with the name of every code it mentions."""
    role = find_role(catalogue, role_id)
    mentioned = (
        *(code for route in role.requires for code in route),
        *role.training.towards(),
        *role.experience,
    )
    by_code = catalogue.qualifications_by_code
    names = {code: by_code[code].name for code in mentioned}
    needs = {code: by_code[code].requires for code in mentioned if by_code[code].requires}
    entry = _entry(catalogue, role, _sources(catalogue))
    return RoleDetail(catalogue.name, entry, names, needs)


def qualification_list(catalogue: Catalogue) -> QualificationList:
    engine = engine_for(catalogue)
    entries = tuple(
        QualificationEntry(qualification, engine.counts_as(qualification.code))
        for qualification in catalogue.qualifications
    )
    return QualificationList(catalogue.name, entries)


def _sources(catalogue: Catalogue) -> dict[str, list[Role]]:
    sources: dict[str, list[Role]] = {}
    for role in catalogue.roles:
        for target in role.progresses_to:
            sources.setdefault(target, []).append(role)
    return sources


def _entry(catalogue: Catalogue, role: Role, sources: dict[str, list[Role]]) -> RoleEntry:
    progresses_to = tuple(catalogue.roles_by_id[target] for target in role.progresses_to)
    return RoleEntry(role, progresses_to, tuple(sources.get(role.id, ())))
