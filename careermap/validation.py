"""Checking YAML data against a pydantic schema, with messages a person can act on.

Imported only when a file has to be checked: pydantic is the slowest part of start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from careermap.errors import DataError, Problem
from careermap.lookup import did_you_mean
from careermap.models import CODE_PATTERN, ROLE_ID_PATTERN
from careermap.yamlfile import YamlDocument

M = TypeVar("M", bound=BaseModel)


def validate_model(model: type[M], document: YamlDocument, error: type[DataError]) -> M:
    """Validate ``document`` against ``model``, turning failures into ``error``."""
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, tuple) else "a single value"
        message = f"expected a mapping of keys (such as name:, roles:) but found {kind}"
        raise error([Problem(document.source, document.line_for(()), message)])
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        fields = sorted(_field_names(model))
        details = exc.errors(include_url=False)
        # A list whose every item is bad is also "too short" to pydantic: say only the first.
        inside = {loc[:end] for loc in (d["loc"] for d in details) for end in range(len(loc))}
        raise error(
            Problem(document.source, document.line_for(detail["loc"]), _describe(detail, fields))
            for detail in details
            if not (detail["type"] == "too_short" and detail["loc"] in inside)
        ) from None


_PATTERN_HINTS = {
    CODE_PATTERN: "a qualification code is upper-case letters, digits and _ (like ILM3)",
    ROLE_ID_PATTERN: "a role id is lower-case words joined by hyphens (like team-leader)",
}


def _describe(detail: ErrorDetails, fields: list[str]) -> str:
    location = _dotted(detail["loc"])
    kind, value = detail["type"], detail.get("input")
    if kind == "extra_forbidden":
        key = str(detail["loc"][-1])
        return f"unknown key {key!r}{did_you_mean(key, fields)}"
    if kind == "missing":
        return f"missing key {location!r}"
    if kind == "string_type" and isinstance(value, bool):
        return (
            f"{location}: YAML read this as {str(value).lower()} (words like no, yes, on, off"
            " are true/false in YAML); put it in quotes"
        )
    if kind == "string_type" and isinstance(value, int | float):
        return f"{location}: YAML read this as the number {value!r}; put it in quotes"
    if kind == "string_pattern_mismatch":
        pattern = str(detail.get("ctx", {}).get("pattern", ""))
        hint = _PATTERN_HINTS.get(pattern, f"must match {pattern}")
        return f"{location}: {value!r} is not valid; {hint}"
    if kind == "tuple_type":
        return f"{location}: expected a list"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"{location}: expected a mapping of keys"
    if kind in {"too_short", "string_too_short"}:
        return f"{location}: must not be empty"
    message = detail["msg"].removeprefix("Value error, ")
    return f"{location}: {message[:1].lower()}{message[1:]}"


def _dotted(location: Sequence[str | int]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "file"


def _field_names(model: type[BaseModel]) -> set[str]:
    names = set(model.model_fields)
    for field in model.model_fields.values():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names |= _field_names(annotation)
        for arg in getattr(annotation, "__args__", ()):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                names |= _field_names(arg)
    return names
