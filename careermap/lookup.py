"""Turning what a person types (codes, aliases, role ids, bands) into catalogue terms."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

from careermap.errors import (
    UnknownBandError,
    UnknownQualificationError,
    UnknownRoleError,
    UsageError,
)
from careermap.models import Catalogue, Role, normalise_name


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
    """Split a comma-separated list of codes or names; stray empty items are ignored."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def resolve_quals(catalogue: Catalogue, names: Iterable[str]) -> frozenset[str]:
    """Codes for ``names`` (codes or aliases, any case and spacing).

    Every unknown name is reported at once, each with the closest code or alias.
    """
    codes: set[str] = set()
    unknown: list[str] = []
    for name in names:
        code = catalogue.names_to_codes.get(normalise_name(name))
        if code is None:
            if name not in unknown:
                unknown.append(name)
        else:
            codes.add(code)
    if unknown:
        choices = [q.code for q in catalogue.qualifications]
        choices += [name for q in catalogue.qualifications for name in (q.name, *q.aliases)]
        suggestions = {name: closest_match(name, choices) for name in unknown}
        raise UnknownQualificationError(
            unknown, {name: hint for name, hint in suggestions.items() if hint}
        )
    return frozenset(codes)


def parse_quals(catalogue: Catalogue, text: str) -> frozenset[str]:
    """Codes for a comma-separated ``--quals`` value such as ``ILM3, l3 tsm``."""
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
