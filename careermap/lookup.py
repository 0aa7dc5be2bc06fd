"""Turning what a person types (codes, names, aliases, role ids, bands) into catalogue terms.

One resolver serves ``--quals``, profiles and staff lists, so they all accept the same
spellings and the same separators: a list of qualifications is split on ``,`` or ``;``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import get_close_matches
from functools import cached_property

from careermap.errors import (
    UnknownBandError,
    UnknownQualificationError,
    UnknownRoleError,
    UsageError,
)
from careermap.memo import per_catalogue
from careermap.models import Catalogue, Role, normalise_name

QUALS_SEPARATORS = ",;"
_SPLIT = re.compile(f"[{QUALS_SEPARATORS}]")


def closest_match(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word``, for "did you mean" hints."""
    by_key = {choice.casefold(): choice for choice in choices}
    matches = get_close_matches(word.casefold(), list(by_key), n=1, cutoff=0.6)
    return by_key[matches[0]] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A " (did you mean X?)" hint to append to a message, or "" when nothing is close."""
    match = closest_match(word, choices)
    return f" (did you mean {match}?)" if match else ""


def split_quals(text: str) -> tuple[str, ...]:
    """Split a list of codes or names on ``,`` or ``;``; stray empty items are ignored."""
    return tuple(part.strip() for part in _SPLIT.split(text) if part.strip())


class Resolver:
    """Codes for the names people type, each distinct spelling looked up once."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._codes: dict[str, str | None] = {}
        self._hints: dict[str, str | None] = {}

    def code(self, name: str) -> str | None:
        """The code ``name`` (a code, name or alias, any case and spacing) stands for."""
        if name not in self._codes:
            self._codes[name] = self.catalogue.names_to_codes.get(normalise_name(name))
        return self._codes[name]

    def split(self, text: str) -> tuple[set[str], list[str]]:
        """The codes in a separated list, and the items that name nothing (in order)."""
        return self.partition(split_quals(text))

    def partition(self, names: Iterable[str]) -> tuple[set[str], list[str]]:
        codes: set[str] = set()
        unknown: list[str] = []
        for name in names:
            code = self.code(name)
            if code is not None:
                codes.add(code)
            elif name not in unknown:
                unknown.append(name)
        return codes, unknown

    def resolve(self, names: Iterable[str]) -> frozenset[str]:
        """Codes for ``names``; every unknown name is reported at once, with a hint."""
        codes, unknown = self.partition(names)
        if unknown:
            raise self.unknown_error(unknown)
        return frozenset(codes)

    def unknown_error(self, unknown: Iterable[str]) -> UnknownQualificationError:
        unknown = list(unknown)
        hints = {name: self.hint(name) for name in unknown}
        return UnknownQualificationError(
            unknown, {name: hint for name, hint in hints.items() if hint}
        )

    def hint(self, name: str) -> str | None:
        """The closest code or name to an unknown ``name``, remembered: a staff list can
        misspell the same item thousands of times."""
        if name not in self._hints:
            self._hints[name] = closest_match(name, self._choices)
        return self._hints[name]

    @cached_property
    def _choices(self) -> list[str]:
        qualifications = self.catalogue.qualifications
        return [q.code for q in qualifications] + [
            text for q in qualifications for text in (q.name, *q.aliases)
        ]


resolver_for = per_catalogue(Resolver)


def resolve_quals(catalogue: Catalogue, names: Iterable[str]) -> frozenset[str]:
    """Codes for ``names`` (codes or aliases, any case and spacing).

    Every unknown name is reported at once, each with the closest code or alias.
    """
    return resolver_for(catalogue).resolve(names)


def parse_quals(catalogue: Catalogue, text: str) -> frozenset[str]:
    """Codes for a ``--quals`` value such as ``ILM3, l3 tsm`` (``,`` or ``;`` between)."""
    names = split_quals(text)
    if not names:
        raise UsageError(
            "no qualifications given; list codes such as ILM3,L3TSM, or leave the option out"
        )
    return resolve_quals(catalogue, names)


def find_band(catalogue: Catalogue, band: str) -> str:
    """The catalogue's spelling of ``band``, matched case-insensitively."""
    wanted = band.strip().casefold()
    for known in catalogue.bands:
        if known.casefold() == wanted:
            return known
    raise UnknownBandError(band, catalogue.bands)


def find_role(catalogue: Catalogue, role_id: str) -> Role:
    """The role with id ``role_id`` (case and surrounding spaces ignored)."""
    wanted = role_id.strip().lower()
    role = catalogue.roles_by_id.get(wanted)
    if role is None:
        raise UnknownRoleError(role_id, closest_match(wanted, catalogue.roles_by_id))
    return role
