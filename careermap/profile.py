"""A person's profile: a small YAML file with their qualifications and current role.

name: Sam Smith          # optional
quals: [ILM3, L3TSM]     # codes or aliases; a comma-separated string also works
role: practitioner       # optional: the current role (an id or a title)
studying:                # optional: study under way, due in the month given
  - {code: ILM5, due: 2027-06}   # or, as in --quals and staff lists: ILM5@2027-06
agreed:                  # optional: equivalents agreed with a manager, and what they are
  L3TSM: SVQ 3 Health and Social Care, agreed 2025-03
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field

from careermap.errors import CareerMapError, Problem, ProfileError, UnknownQualificationError
from careermap.holdings import STUDY_FORM, Agreed, StudyItem, month_due, split_study
from careermap.lookup import find_role, resolve_quals, split_quals
from careermap.models import Catalogue, Role
from careermap.schema import StrictModel, Text
from careermap.validation import validate_model
from careermap.yamlfile import read_yaml


class StudyEntry(StrictModel):
    """One course under way, as a mapping."""

    code: Text
    due: Text = Field(description="The month it is due, as YYYY-MM.")


def _one_form(value: object) -> object:
    """A ``studying:`` item as one of its two forms, or one plain reason (the union's
    own errors name pydantic's internals)."""
    if isinstance(value, str | StudyEntry):
        return value
    if isinstance(value, dict):
        keys = set(value)
        if keys != {"code", "due"}:
            wrong = ", ".join(sorted(str(key) for key in keys - {"code", "due"}))
            missing = ", ".join(sorted({"code", "due"} - keys))
            why = f"unknown key {wrong}" if wrong else f"missing {missing}"
            raise ValueError(f"{why}; write {{code: ILM5, due: 2027-06}}")
        for key in ("code", "due"):
            if not isinstance(value[key], str):
                raise ValueError(f"{key}: give it as text, such as {{code: ILM5, due: '2027-06'}}")
        return StudyEntry.model_validate(value)
    raise ValueError(f"expected {STUDY_FORM} or {{code: ILM5, due: 2027-06}}")


class ProfileFile(StrictModel):
    """The profile file's format."""

    name: Text | None = None
    quals: tuple[Text, ...] = Field(
        default=(), description="Codes or aliases, as a list (or one comma-separated text)."
    )
    role: Text | None = Field(default=None, description="The current role id.")
    studying: tuple[Annotated[StudyEntry | Text, BeforeValidator(_one_form)], ...] = Field(
        default=(),
        description="Study under way: {code: ILM5, due: 2027-06}, or ILM5@2027-06.",
    )
    agreed: dict[Text, Text] = Field(
        default_factory=dict,
        description="Equivalents agreed with a manager: code (or name) -> what and when.",
    )


@dataclass(frozen=True)
class Profile:
    """A person's qualifications (as codes) and current role, checked against a catalogue."""

    name: str | None
    quals: frozenset[str]
    role: Role | None
    studying: tuple[StudyItem, ...] = ()
    """Study under way as the file gives it; ``Holdings.on`` says what is due by a day."""
    agreed: tuple[Agreed, ...] = ()
    """Codes met by an equivalent agreed with a manager (counted in ``quals`` too)."""


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
        if split_study(name) is not None:  # ILM5@2027-06 is study under way, not a holding
            message = f"'{name}' is study under way; list it under studying:, not quals:"
            problems.append(Problem(document.source, document.line_for(location), message))
            continue
        try:
            codes |= resolve_quals(catalogue, [name])
        except UnknownQualificationError as exc:
            problems.append(Problem(document.source, document.line_for(location), str(exc)))
    studying: list[StudyItem] = []
    for index, entry in enumerate(profile.studying):
        outcome = _study_item(catalogue, entry)
        if isinstance(outcome, StudyItem):
            studying.append(outcome)
        else:
            key, problem = outcome
            at = ("studying", index, key) if isinstance(entry, StudyEntry) else ("studying", index)
            problems.append(Problem(document.source, document.line_for(at), problem))
    agreed: list[Agreed] = []
    names: dict[str, str] = {}
    for name, note in profile.agreed.items():
        try:
            (code,) = resolve_quals(catalogue, [name])
        except UnknownQualificationError as exc:
            problems.append(Problem(document.source, document.line_for(("agreed", name)), str(exc)))
            continue
        first = next((item for item in agreed if item.code == code), None)
        if first is not None:
            message = f"{code} is agreed twice (as {names[code]!r} and {name!r}); keep one"
            problems.append(Problem(document.source, document.line_for(("agreed", name)), message))
            continue
        names[code] = name
        agreed.append(Agreed(code, note))
        codes.add(code)
    role = None
    if profile.role is not None:
        try:
            role = find_role(catalogue, profile.role)
        except CareerMapError as exc:
            problems.append(Problem(document.source, document.line_for(("role",)), str(exc)))
    if problems:
        raise ProfileError(problems)
    return Profile(profile.name, frozenset(codes), role, tuple(sorted(studying)), tuple(agreed))


def _study_item(catalogue: Catalogue, entry: StudyEntry | str) -> StudyItem | tuple[str, str]:
    """The course an entry of ``studying:`` names, or the key at fault and why."""
    if isinstance(entry, StudyEntry):
        name, due = entry.code, month_due(entry.due)
        if due is None:
            return "due", f"due: '{entry.due}' is not a month; write it as YYYY-MM (2027-06)"
    else:
        name, due = split_study(entry) or (entry, None)
    if due is None:
        return "", f"'{entry}' is not study under way; write it as {STUDY_FORM}"
    try:
        (code,) = resolve_quals(catalogue, [name])
    except UnknownQualificationError as exc:
        return "code", str(exc)
    return StudyItem(due, code)
