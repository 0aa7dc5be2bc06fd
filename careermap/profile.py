"""A person's profile: a small YAML file with their qualifications and current role.

name: Sam Smith          # optional
quals: [ILM3, L3TSM]     # codes or aliases; a comma-separated string also works
role: practitioner       # optional: the current role id
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import Field

from careermap.errors import CareerMapError, Problem, ProfileError, UnknownQualificationError
from careermap.lookup import find_role, resolve_quals, split_quals
from careermap.models import Catalogue, Role
from careermap.schema import StrictModel, Text
from careermap.validation import validate_model
from careermap.yamlfile import read_yaml


class ProfileFile(StrictModel):
    """The profile file's format."""

    name: Text | None = None
    quals: tuple[Text, ...] = Field(
        default=(), description="Codes or aliases, as a list (or one comma-separated text)."
    )
    role: Text | None = Field(default=None, description="The current role id.")


@dataclass(frozen=True)
class Profile:
    """A person's qualifications (as codes) and current role, checked against a catalogue."""

    name: str | None
    quals: frozenset[str]
    role: Role | None


def load_profile(path: Path | str, catalogue: Catalogue) -> Profile:
    """Load a profile file and resolve it against ``catalogue``.

    Raises ``ProfileError`` naming the line of each unknown code or role.
    """
    document = read_yaml(Path(path), ProfileError)
    data = document.data
    if not isinstance(data, dict):
        # Say what a profile holds, not what a catalogue does.
        if isinstance(data, tuple):
            found = "a list; put the list under quals:, as in quals: [ILM3, L3TSM]"
        else:
            found = "a single value; a profile reads like quals: [ILM3, L3TSM]"
        message = f"expected a mapping of keys (such as name:, quals:, role:) but found {found}"
        raise ProfileError([Problem(document.source, document.line_for(()), message)])
    if isinstance(data, dict) and isinstance(data.get("quals"), str):
        # "quals: ILM3, L3TSM" means the same as a list; its items share the line.
        document = replace(document, data={**data, "quals": split_quals(data["quals"])})
    profile = validate_model(ProfileFile, document, ProfileError)
    problems: list[Problem] = []
    codes: set[str] = set()
    for index, name in enumerate(profile.quals):
        location = ("quals", index)
        try:
            codes |= resolve_quals(catalogue, [name])
        except UnknownQualificationError as exc:
            problems.append(Problem(document.source, document.line_for(location), str(exc)))
    role = None
    if profile.role is not None:
        try:
            role = find_role(catalogue, profile.role)
        except CareerMapError as exc:
            problems.append(Problem(document.source, document.line_for(("role",)), str(exc)))
    if problems:
        raise ProfileError(problems)
    return Profile(profile.name, frozenset(codes), role)
