"""The domain: a career map's qualifications and roles, as plain immutable values.

These are what the engine, the renderers and library users work with. They are built
by ``careermap.catalogue`` from a file checked against ``careermap.schema`` (or from the
cache of an already-checked file), so they carry no validation of their own, and
importing them costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

CODE_PATTERN = r"^[A-Z][A-Z0-9_]*$"
ROLE_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Qualification:
    """A qualification, experience or other requirement, named by its code."""

    code: str
    name: str
    rqf: int | None = None
    scqf: int | None = None
    aliases: tuple[str, ...] = ()
    satisfies: tuple[str, ...] = ()
    """Codes this qualification also counts as (followed transitively)."""
    course_months: int | None = None
    """Typical months to gain it by a course; None when only experience or a role gives it."""
    requires: tuple[tuple[str, ...], ...] = ()
    """What its course needs first: any one route (all of its codes); () when nothing."""
    cost: int | None = None
    """Typical course fee in whole pounds, for training budgets; None when not given."""
    gained_through: str | None = None
    """How it is gained outside a role when not by a course (volunteering, a placement or
    lived experience): plans then call the step experience, for ``course_months``."""
    from_any_role: bool = False
    """Working in any role on the map builds it (relevant experience): anyone in a role
    holds it, and every role's step gives it."""
    alongside_work: bool = True
    """Whether its course can run while the person works in a role (part-time study); when
    False, taking it stops work in a role for its months (``path`` plans it so)."""


@dataclass(frozen=True)
class Training:
    """What a role's training covers, and the qualifications it leads to."""

    items: tuple[str, ...] = ()
    leads_to: tuple[str, ...] = ()
    months: int | None = None
    """Typical months in the role to gain what it gives."""
    by_track: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Codes it gives only towards a track: (track, codes) pairs, as the poster's "Team
    Leader = ILM5, Practice Lead = practice-based qualification"."""

    def towards(self, tracks: Iterable[str] | None = None) -> tuple[str, ...]:
        """What it gives someone heading for ``tracks`` (every track's codes when None)."""
        wanted = None if tracks is None else set(tracks)
        extra = (
            code
            for track, codes in self.by_track
            if wanted is None or track in wanted
            for code in codes
        )
        return tuple(dict.fromkeys((*self.leads_to, *extra)))


@dataclass(frozen=True)
class Role:
    """A role on the career map and its entry requirements."""

    id: str
    title: str
    band: str
    tracks: tuple[str, ...]
    requires: tuple[tuple[str, ...], ...]
    """Entry routes: any one route (all of its codes) is enough."""
    training: Training = field(default_factory=Training)
    experience: tuple[str, ...] = ()
    """Codes that working in the role builds."""
    experience_months: int | None = None
    """Months in the role to build ``experience``, when longer than the training's."""
    progresses_to: tuple[str, ...] = ()
    or_equivalent: tuple[str, ...] = ()
    """Codes of its entry routes that the map says "or equivalent" of: an equivalent
    agreed with the person's manager may stand in (a profile's ``agreed:``)."""


@dataclass(frozen=True)
class Catalogue:
    """A service's career map: its bands, tracks, qualifications and roles."""

    name: str
    bands: tuple[str, ...]
    tracks: tuple[str, ...]
    qualifications: tuple[Qualification, ...]
    roles: tuple[Role, ...]
    version: str | None = None
    """The map's edition ("2025-26"), which reports print beside its name; None if unset."""
    effective_from: str | None = None
    """The date (YYYY-MM-DD) this edition of the map takes effect; None if unset."""
    digest: str | None = field(default=None, compare=False)
    """The SHA-256 of the file it was loaded from (exports print it); None when built in
    memory. Not part of the map: two files that read the same are the same map."""

    @cached_property
    def entry_roles(self) -> tuple[Role, ...]:
        """Roles no other role progresses to (the lowest band's, if every role is reached):
        the next steps of someone not yet in a role."""
        reached = {target for role in self.roles for target in role.progresses_to}
        entry = tuple(role for role in self.roles if role.id not in reached)
        if entry:
            return entry
        lowest = min(self.band_rank[role.band] for role in self.roles)
        return tuple(role for role in self.roles if self.band_rank[role.band] == lowest)

    @cached_property
    def roles_by_id(self) -> dict[str, Role]:
        return {role.id: role for role in self.roles}

    @cached_property
    def qualifications_by_code(self) -> dict[str, Qualification]:
        return {qualification.code: qualification for qualification in self.qualifications}

    @cached_property
    def band_rank(self) -> dict[str, int]:
        return {band: rank for rank, band in enumerate(self.bands)}

    @cached_property
    def from_any_role(self) -> tuple[str, ...]:
        """Codes working in any role builds (``Qualification.from_any_role``)."""
        return tuple(q.code for q in self.qualifications if q.from_any_role)

    def gains(self, role: Role, tracks: Iterable[str] | None = None) -> tuple[str, ...]:
        """Codes a person gains by working in ``role`` heading for ``tracks`` (any, when
        None), in the time ``role_steps`` gives: its training's, its experience and what
        any role builds."""
        steps = self.role_steps(role, tracks)
        return steps[-1][1] if steps else ()

    def role_steps(
        self, role: Role, tracks: Iterable[str] | None = None
    ) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """What working in ``role`` gives someone heading for ``tracks``, and after how
        many months: its training (and what any role builds) after the training's months,
        its experience after ``experience_months`` (with the training, when that is the
        longer). Shortest first; () when the role gives nothing in a known time."""
        anywhere = self.from_any_role
        steps: dict[int, tuple[str, ...]] = {}
        training = role.training.months
        if training is not None:
            steps[training] = (*role.training.towards(tracks), *anywhere)
        built = role.experience_months or training
        if role.experience and built is not None:
            earlier = [code for months, codes in steps.items() if months <= built for code in codes]
            steps[built] = (*earlier, *role.experience, *anywhere)
        return tuple(
            (months, tuple(dict.fromkeys(codes)))
            for months, codes in sorted(steps.items())
            if codes
        )

    def roles_in_band_order(self) -> tuple[Role, ...]:
        """Roles from the lowest band up, keeping file order within a band."""
        return tuple(sorted(self.roles, key=lambda role: self.band_rank[role.band]))

    def to_data(self) -> dict[str, Any]:
        """Plain data (lists and dicts), as a catalogue file would hold it."""
        return {
            "name": self.name,
            "version": self.version,
            "effective_from": self.effective_from,
            "bands": list(self.bands),
            "tracks": list(self.tracks),
            "qualifications": [_plain(vars(q)) for q in self.qualifications],
            "roles": [
                {
                    **_plain(vars(role)),
                    "training": {
                        **_plain(vars(role.training)),
                        "by_track": {track: list(codes) for track, codes in role.training.by_track},
                    },
                }
                for role in self.roles
            ],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Catalogue:
        """The inverse of ``to_data``, for data already checked (no validation here)."""
        return cls(
            name=data["name"],
            version=data.get("version"),
            effective_from=data.get("effective_from"),
            bands=tuple(data["bands"]),
            tracks=tuple(data["tracks"]),
            qualifications=tuple(
                Qualification(
                    **{
                        **_tuples(q, "aliases", "satisfies"),
                        "requires": tuple(tuple(route) for route in q.get("requires", ())),
                    }
                )
                for q in data["qualifications"]
            ),
            roles=tuple(
                Role(
                    **{
                        **_tuples(role, "tracks", "experience", "progresses_to", "or_equivalent"),
                        "requires": tuple(tuple(route) for route in role["requires"]),
                        "training": Training(
                            **{
                                **_tuples(role["training"], "items", "leads_to"),
                                "by_track": _pairs(role["training"].get("by_track", ())),
                            }
                        ),
                    }
                )
                for role in data["roles"]
            ),
        )


def _pairs(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``by_track`` as (track, codes) pairs, from the file's mapping or the cache's list."""
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((track, tuple(codes)) for track, codes in items)


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    def convert(value: Any) -> Any:
        return [convert(item) for item in value] if isinstance(value, tuple) else value

    return {key: convert(value) for key, value in values.items() if not key.startswith("_")}


def _tuples(values: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    return {key: tuple(value) if key in keys else value for key, value in values.items()}


def normalise_name(name: str) -> str:
    """How codes and aliases are compared: case, spacing and hyphen-vs-space ignored."""
    return re.sub(r"[\s_\-]+", " ", name).strip().casefold()
