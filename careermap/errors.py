"""One error hierarchy: every failure a user can cause is a ``CareerMapError``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


class CareerMapError(Exception):
    """Root of every error careermap raises on purpose.

    ``exit_code`` is what the command exits with; ``lines()`` is what it prints, one
    message a line (a data error lists every problem).
    """

    exit_code = 1

    def lines(self) -> tuple[str, ...]:
        return (str(self),)


class DataError(CareerMapError):
    """An input file (catalogue, profile) is unreadable or invalid.

    Carries every problem found, so a user can fix them all in one pass.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def lines(self) -> tuple[str, ...]:
        return tuple(str(problem) for problem in self.problems)


class CatalogueError(DataError):
    """The catalogue file is unreadable or invalid."""


class ProfileError(DataError):
    """A profile file is unreadable or invalid."""


class StaffListError(DataError):
    """A staff list is unreadable, or (when strict) has bad rows."""


class MappingError(DataError):
    """A staff list's mapping file is unreadable or invalid."""


class UsageError(CareerMapError):
    """The user asked for something that does not exist (an unknown code, role or band),
    or combined options that cannot go together."""

    exit_code = 2


NAMES_SHOWN = 20
"""Unknown names listed in one message; the rest are counted."""


class UnknownQualificationError(UsageError):
    """Qualification codes or aliases that the catalogue does not know."""

    def __init__(self, unknown: Iterable[str], suggestions: dict[str, str]) -> None:
        self.unknown = tuple(unknown)
        self.suggestions = dict(suggestions)
        parts = []
        for token in self.unknown[:NAMES_SHOWN]:
            hint = self.suggestions.get(token)
            parts.append(f"{token!r} (did you mean {hint}?)" if hint else repr(token))
        if len(self.unknown) > NAMES_SHOWN:  # a message a person reads, not a dump
            parts.append(f"and {len(self.unknown) - NAMES_SHOWN:,} more")
        noun = "qualification" if len(self.unknown) == 1 else "qualifications"
        super().__init__(f"unknown {noun} {', '.join(parts)}; `careermap quals` lists the codes")


class UnknownRoleError(UsageError):
    """A role id that the catalogue does not have."""

    def __init__(self, role_id: str, suggestion: str | None) -> None:
        self.role_id = role_id
        self.suggestion = suggestion
        hint = f" (did you mean {suggestion}?)" if suggestion else ""
        super().__init__(f"unknown role {role_id!r}{hint}; `careermap roles` lists the role ids")


class AmbiguousRoleError(UsageError):
    """A role title (or part of one) that more than one role goes by."""

    def __init__(self, name: str, role_ids: Iterable[str]) -> None:
        self.name = name
        self.role_ids = tuple(role_ids)
        super().__init__(
            f"{name!r} is a name of more than one role ({', '.join(self.role_ids)});"
            " give the role id"
        )


class UnknownBandError(UsageError):
    """A band that the catalogue does not have."""

    def __init__(self, band: str, bands: Iterable[str]) -> None:
        self.band = band
        super().__init__(f"unknown band {band!r}; the bands are {', '.join(bands)}")


class UnsupportedFormatError(UsageError):
    """An output format that cannot show this kind of result."""


class ExportError(CareerMapError):
    """An output file could not be written; any existing file is left as it was."""
