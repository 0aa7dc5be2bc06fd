"""The catalogue's file format, as strict and immutable pydantic models.

These models check the shape of each value as it is read from YAML, and give the JSON
Schema. Checks that need the whole catalogue (unknown codes, duplicate ids, cycles in
"counts as") live in ``careermap.catalogue``, which turns a valid file into the plain
domain types of ``careermap.models``. Pydantic is imported only when a file is checked,
never on the path of a command whose catalogue was already checked (see
``careermap.cache``).
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from careermap.lookup import QUALS_SEPARATORS, unprintable
from careermap.models import CODE_PATTERN, ROLE_ID_PATTERN


def _printable(value: object) -> object:
    """Refuse text with characters a terminal would run or that would garble a line.

    Runs before stripping and the other checks, so a code or id gets this message
    rather than "not valid"; the spaces, tabs and line ends YAML leaves around a value
    are stripped later, so they are allowed at either end (there is no multi-line field).
    """
    if isinstance(value, str):
        problem = unprintable(value.strip(" \t\r\n"))
        if problem is not None:
            raise ValueError(problem)
    return value


def _composed(value: str) -> str:
    # One form (NFC) for text that looks the same, so references inside the file match
    # however an editor stored the accents.
    return unicodedata.normalize("NFC", value)


def _typeable(value: str) -> str:
    for separator in QUALS_SEPARATORS:
        if separator in value:
            raise ValueError(
                f"{value!r} contains {separator!r}, which separates qualifications where"
                " they are typed (--quals, profiles, staff lists), so it could never match;"
                " remove it"
            )
    return value


Printable = BeforeValidator(_printable)
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_composed),
    Printable,
]
Alias = Annotated[Text, AfterValidator(_typeable)]
Code = Annotated[
    str,
    StringConstraints(pattern=CODE_PATTERN, max_length=40),
    Printable,
    Field(description="A qualification code: upper-case letters, digits and _, like ILM3."),
]
RoleId = Annotated[
    str,
    StringConstraints(pattern=ROLE_ID_PATTERN, max_length=80),
    Printable,
    Field(description="A role id: lower-case words joined by hyphens, like team-leader."),
]
Band = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20),
    AfterValidator(_composed),
    Printable,
]


def _iso_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date written as YYYY-MM-DD") from None
    if len(value) != len("YYYY-MM-DD"):
        raise ValueError(f"{value!r} is not a date written as YYYY-MM-DD")
    return value


IsoDate = Annotated[str, Printable, AfterValidator(_iso_date)]
AllOf = Annotated[
    tuple[Code, ...],
    Field(min_length=1, description="Qualifications that are all needed for this route."),
]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class QualificationFile(StrictModel):
    """A qualification, experience or other requirement, named by its code."""

    model_config = ConfigDict(title="Qualification")

    code: Code
    name: Text
    rqf: int | None = Field(
        default=None, ge=1, le=8, description="Level on the Regulated Qualifications Framework."
    )
    scqf: int | None = Field(
        default=None, ge=1, le=12, description="Level on the Scottish framework (SCQF)."
    )
    aliases: tuple[Alias, ...] = Field(
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
    requires: tuple[AllOf, ...] = Field(
        default=(),
        description=(
            "What its course needs first, as the awarding body states it: any one route"
            " (all of its codes) is enough, as for a role. A Master's needs a degree."
        ),
    )
    cost: int | None = Field(
        default=None,
        ge=0,
        le=1_000_000,
        description="Typical course fee in whole pounds, shown in training-budget tables.",
    )
    gained_through: Text | None = Field(
        default=None,
        description=(
            "How it is gained outside a role when not by a course, such as volunteering, a"
            " placement or lived experience; with course_months, path plans it as an"
            " experience step."
        ),
    )
    from_any_role: bool = Field(
        default=False,
        description=(
            "Working in any role on the map builds it (relevant experience): a person in a"
            " role holds it, and a step in any role with months gives it."
        ),
    )
    alongside_work: bool = Field(
        default=True,
        description=(
            "Whether its course can be studied while working in a role (part-time, the"
            " usual way in a service): path then runs it alongside work. false for a course"
            " that stops work in a role while it lasts, such as full-time study."
        ),
    )


class TrainingFile(StrictModel):
    """What a role's training covers, and the qualifications it leads to."""

    model_config = ConfigDict(title="Training")

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
    by_track: dict[Text, tuple[Code, ...]] = Field(
        default_factory=dict,
        description=(
            "Codes the training gives only towards a track (track: [codes]): the poster's"
            ' "Team Leader = ILM5, Practice Lead = practice-based qualification".'
        ),
    )


class RoleFile(StrictModel):
    """A role on the career map and its entry requirements."""

    model_config = ConfigDict(title="Role")

    id: RoleId
    title: Text
    band: Band
    tracks: tuple[Text, ...] = Field(min_length=1)
    requires: tuple[AllOf, ...] = Field(
        min_length=1,
        description="Entry routes: any one route (all of its codes) is enough.",
    )
    training: TrainingFile = TrainingFile()
    experience: tuple[Code, ...] = Field(
        default=(),
        description="Codes that working in the role builds, such as significant experience.",
    )
    experience_months: int | None = Field(
        default=None,
        ge=1,
        le=240,
        description=(
            "Typical months in the role to build its experience, when longer than the"
            " training's months (significant experience takes about two years)."
        ),
    )
    progresses_to: tuple[RoleId, ...] = Field(
        default=(), description="Role ids this role leads on to."
    )
    or_equivalent: tuple[Code, ...] = Field(
        default=(),
        description=(
            'Codes of its entry routes the map says "or equivalent" of: an equivalent agreed'
            " with the person's manager may stand in, and outputs say so."
        ),
    )


class CatalogueFile(StrictModel):
    """A service's career map: its bands, tracks, qualifications and roles."""

    model_config = ConfigDict(title="Catalogue")

    name: Text
    version: Text | None = Field(
        default=None,
        description="The map's edition, such as 2025-26; reports print it beside the name.",
    )
    effective_from: IsoDate | None = Field(
        default=None,
        description=(
            "The date this edition takes effect, as YYYY-MM-DD in quotes (YAML would read"
            " an unquoted date as a date, not text)."
        ),
    )
    bands: tuple[Band, ...] = Field(min_length=1, description="Bands from lowest to highest.")
    tracks: tuple[Text, ...] = Field(min_length=1)
    qualifications: tuple[QualificationFile, ...] = Field(min_length=1)
    roles: tuple[RoleFile, ...] = Field(min_length=1)


def catalogue_json_schema() -> dict[str, Any]:
    """The catalogue file's JSON Schema document, for editors that check YAML as you type."""
    document: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    document.update(CatalogueFile.model_json_schema())
    return document
