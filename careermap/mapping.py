"""A staff list's mapping file: which columns of an HR export hold what, and what the
service's own spellings of qualifications and job titles mean on the map.

    columns:                        # the export's header names (any case)
      name: Employee Name
      quals: Qualifications
      role: Job Title
    quals:                          # a spelling in the quals column -> code(s) on the map
      SVQ3 Social Services: L3TSM
      BA (Hons) Social Work: DEGREE
      Lived experience: []          # known, and counts for nothing on the map
    roles:                          # a job title -> role id (or title)
      Senior Recovery Worker: practitioner
      Admin Officer: null           # not a role on the map: next steps are the entry roles

A spelling is matched as qualification names are (case, spacing and hyphens ignored), and
before the catalogue's own names, so a service can also redirect a spelling the map knows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Annotated

from pydantic import BeforeValidator, Field

from careermap.errors import CareerMapError, MappingError, Problem
from careermap.lookup import find_role, name_key, resolver_for
from careermap.models import Catalogue
from careermap.schema import StrictModel, Text
from careermap.staff import USUAL_COLUMNS, StaffColumns
from careermap.validation import validate_model
from careermap.yamlfile import read_yaml


class ColumnsFile(StrictModel):
    name: Text | None = Field(default=None, description="The header of the names column.")
    quals: Text | None = Field(default=None, description="The header of the quals column.")
    role: Text | None = Field(default=None, description="The header of the job titles column.")
    studying: Text | None = Field(
        default=None, description="The header of the column of study under way."
    )


def _as_codes(value: object) -> object:
    """One code or none, written as such, is a list of one or of none."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else value


Codes = Annotated[tuple[Text, ...], BeforeValidator(_as_codes)]


class MappingFile(StrictModel):
    """The mapping file's format."""

    columns: ColumnsFile = ColumnsFile()
    quals: dict[Text, Codes] = Field(
        default_factory=dict,
        description="Spellings in the quals column: a code, a list of codes, or [] for none.",
    )
    roles: dict[Text, Text | None] = Field(
        default_factory=dict,
        description="Job titles: a role id or title, or null for a post not on the map.",
    )


@dataclass(frozen=True)
class StaffMapping:
    """What a mapping file says, checked against a catalogue."""

    columns: StaffColumns = USUAL_COLUMNS
    quals: Mapping[str, frozenset[str]] = field(default_factory=dict, hash=False)
    """Codes by ``name_key`` of a spelling; an empty set when it counts for nothing."""
    roles: Mapping[str, str | None] = field(default_factory=dict, hash=False)
    """Role ids by ``name_key`` of a job title; None for a post not on the map."""

    def codes_for(self, spelling: str) -> frozenset[str] | None:
        """The codes ``spelling`` stands for here, or None when the file does not say."""
        return self.quals.get(name_key(spelling)) if self.quals else None

    def role_for(self, title: str) -> tuple[bool, str | None]:
        """Whether the file maps ``title``, and to which role id (None: not on the map)."""
        if not self.roles:
            return False, None
        key = name_key(title)
        return (key in self.roles), self.roles.get(key)


NO_MAPPING = StaffMapping()


def load_mapping(path: Path | str, catalogue: Catalogue) -> StaffMapping:
    """Read a mapping file and check every code and role in it against ``catalogue``.

    Raises ``MappingError`` naming the line of each unknown code or role.
    """
    document = read_yaml(Path(path), MappingError)
    checked = validate_model(MappingFile, document, MappingError)
    resolver = resolver_for(catalogue)
    problems: list[Problem] = []
    quals: dict[str, frozenset[str]] = {}
    seen: dict[tuple[str, str], str] = {}

    def clash(section: str, written: str) -> bool:
        """Whether ``written`` is a problem: it names nothing, or another key already
        says the same once case, spacing and hyphens are ignored (which would win?)."""
        key, line = name_key(written), document.line_for((section, written))
        if not key:
            message = f"{section}: {written!r} is empty once spacing and hyphens are dropped"
        elif (section, key) in seen:
            first = seen[(section, key)]
            message = f"{section}: {written!r} is the same spelling as {first!r}; keep one"
        else:
            seen[(section, key)] = written
            return False
        problems.append(Problem(document.source, line, message))
        return True

    for spelling, names in checked.quals.items():
        if clash("quals", spelling):
            continue
        codes, unknown = resolver.partition(names)
        if unknown:
            line = document.line_for(("quals", spelling))
            problems.append(Problem(document.source, line, str(resolver.unknown_error(unknown))))
        quals[name_key(spelling)] = frozenset(codes)
    roles: dict[str, str | None] = {}
    for title, role_name in checked.roles.items():
        if clash("roles", title):
            continue
        if role_name is None:
            roles[name_key(title)] = None
            continue
        try:
            roles[name_key(title)] = find_role(catalogue, role_name).id
        except CareerMapError as exc:
            line = document.line_for(("roles", title))
            problems.append(Problem(document.source, line, str(exc)))
    if problems:
        raise MappingError(problems)
    headers = checked.columns
    columns = StaffColumns(headers.name, headers.quals, headers.role, headers.studying)
    return StaffMapping(columns, MappingProxyType(quals), MappingProxyType(roles))
