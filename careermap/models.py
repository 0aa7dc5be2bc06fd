"""The catalogue's file format, as strict and immutable pydantic models.

These models check the shape of each value. Checks that need the whole catalogue
(unknown codes, duplicate ids, cycles in "counts as") live in ``careermap.catalogue``,
which is also the only supported way to build a ``Catalogue``.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

CODE_PATTERN = r"^[A-Z][A-Z0-9_]*$"
ROLE_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Code = Annotated[
    str,
    StringConstraints(pattern=CODE_PATTERN, max_length=40),
    Field(description="A qualification code: upper-case letters, digits and _, like ILM3."),
]
RoleId = Annotated[
    str,
    StringConstraints(pattern=ROLE_ID_PATTERN, max_length=80),
    Field(description="A role id: lower-case words joined by hyphens, like team-leader."),
]
Band = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]
AllOf = Annotated[
    tuple[Code, ...],
    Field(min_length=1, description="Qualifications that are all needed for this route."),
]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Qualification(StrictModel):
    """A qualification, experience or other requirement, named by its code."""

    code: Code
    name: Text
    rqf: int | None = Field(
        default=None, ge=1, le=8, description="Level on the Regulated Qualifications Framework."
    )
    scqf: int | None = Field(
        default=None, ge=1, le=12, description="Level on the Scottish framework (SCQF)."
    )
    aliases: tuple[Text, ...] = Field(
        default=(), description="Other names a person may type for this qualification."
    )
    satisfies: tuple[Code, ...] = Field(
        default=(),
        description="Codes this qualification also counts as (followed transitively).",
    )
    course_months: int | None = Field(
        default=None,
        ge=1,
        le=120,
        description=(
            "Typical months to gain it directly by a course; leave out when it can only be"
            " gained through experience or a role."
        ),
    )


class Training(StrictModel):
    """What a role's training covers, and the qualifications it leads to."""

    items: tuple[Text, ...] = Field(default=(), description="The training, as the map words it.")
    leads_to: tuple[Code, ...] = Field(
        default=(), description="Codes a person gains through this role's training."
    )
    months: int | None = Field(
        default=None,
        ge=1,
        le=240,
        description=(
            "Typical months in the role to gain what it gives (its training's leads_to and"
            " the role's experience). Needed when the role gives anything."
        ),
    )


class Role(StrictModel):
    """A role on the career map and its entry requirements."""

    id: RoleId
    title: Text
    band: Band
    tracks: tuple[Text, ...] = Field(min_length=1)
    requires: tuple[AllOf, ...] = Field(
        min_length=1,
        description="Entry routes: any one route (all of its codes) is enough.",
    )
    training: Training = Training()
    experience: tuple[Code, ...] = Field(
        default=(),
        description="Codes that working in the role builds, such as significant experience.",
    )
    progresses_to: tuple[RoleId, ...] = Field(
        default=(), description="Role ids this role leads on to."
    )


class Catalogue(StrictModel):
    """A service's career map: its bands, tracks, qualifications and roles."""

    name: Text
    bands: tuple[Band, ...] = Field(min_length=1, description="Bands from lowest to highest.")
    tracks: tuple[Text, ...] = Field(min_length=1)
    qualifications: tuple[Qualification, ...] = Field(min_length=1)
    roles: tuple[Role, ...] = Field(min_length=1)

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
    def names_to_codes(self) -> dict[str, str]:
        """Every code, name and alias, normalised by ``normalise_name``, to its code."""
        names: dict[str, str] = {}
        for qualification in self.qualifications:
            for name in (qualification.code, qualification.name, *qualification.aliases):
                names.setdefault(normalise_name(name), qualification.code)
        return names

    def gains(self, role: Role) -> tuple[str, ...]:
        """Codes a person gains by working in ``role``: its training's and its experience."""
        return tuple(dict.fromkeys((*role.training.leads_to, *role.experience)))

    def roles_in_band_order(self) -> tuple[Role, ...]:
        """Roles from the lowest band up, keeping file order within a band."""
        return tuple(sorted(self.roles, key=lambda role: self.band_rank[role.band]))


def normalise_name(name: str) -> str:
    """How codes and aliases are compared: case, spacing and hyphen-vs-space ignored."""
    return re.sub(r"[\s_\-]+", " ", name).strip().casefold()
