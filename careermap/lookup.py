"""Turning what a person types (codes, names, aliases, role ids, bands) into catalogue terms.

One resolver serves ``--quals``, profiles and staff lists, so they all accept the same
spellings and the same separators: a list of qualifications is split on ``,`` or ``;``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import get_close_matches
from functools import cached_property

from careermap.errors import (
    NAMES_SHOWN,
    AmbiguousRoleError,
    UnknownBandError,
    UnknownQualificationError,
    UnknownRoleError,
    UsageError,
)
from careermap.memo import Bounded, per_catalogue
from careermap.models import Catalogue, Role, normalise_name

QUALS_SEPARATORS = ",;"
_SPELLINGS_KEPT = 1 << 16
_SPLIT = re.compile(f"[{QUALS_SEPARATORS}]")

# Invisible characters, ignored when names are compared: copying from a web page or a
# document slips them in, and two names that differ only by one look the same. Zero width
# space, (non-)joiner and joiner, word joiner, zero width no-break space, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# Characters that must not be in any text we show: C0 and C1 controls and DEL (a terminal
# runs them), line and paragraph separators (text here is one line), the bidirectional
# embeddings, overrides and isolates (they reorder what follows them on screen) and lone
# surrogates (not characters at all, and unprintable as UTF-8).
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with every such character shown escaped (``\\x1b``, ``\\n``, ``\\u202e``)."""
    return UNPRINTABLE.sub(lambda found: ascii(found.group())[1:-1], text)


def unprintable(text: str) -> str | None:
    """What is wrong with ``text`` if it holds a character that must not be shown, else None."""
    found = UNPRINTABLE.search(text)
    if found is None:
        return None
    character = found.group()
    shown = ascii(character)[1:-1]  # \x1b, \n, \u202e: visible, and safe to print
    if character in "\u2028\u2029":
        kind = "a line or paragraph separator"
    elif "\u202a" <= character <= "\u202e" or "\u2066" <= character <= "\u2069":
        kind = "a bidirectional control character"
    elif "\ud800" <= character <= "\udfff":
        kind = "a lone surrogate"
    else:
        kind = "a control character"
    return f"contains {kind} ({shown}); remove it"


def fold(text: str) -> str:
    """How bands and other short names are compared: canonically equivalent (NFC) and
    case-folded, so text typed in decomposed form (NFD) matches."""
    # Case-folding composed text can leave it decomposed again, hence NFD, fold, NFC.
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).casefold())


def name_key(name: str) -> str:
    """How codes, names and aliases are compared: as ``fold``, and spacing, hyphen versus
    space and invisible characters ignored."""
    cleaned = unicodedata.normalize("NFD", name).translate(_INVISIBLE)
    return unicodedata.normalize("NFC", normalise_name(cleaned))


def closest_match(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word``, for "did you mean" hints."""
    by_key = {fold(choice): choice for choice in choices}
    matches = get_close_matches(fold(word), list(by_key), n=1, cutoff=0.6)
    return by_key[matches[0]] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A " (did you mean X?)" hint to append to a message, or "" when nothing is close."""
    match = closest_match(word, choices)
    return f" (did you mean {match}?)" if match else ""


def split_quals(text: str) -> tuple[str, ...]:
    """Split a list of codes or names on ``,`` or ``;``; stray empty items are ignored."""
    return tuple(filter(None, map(str.strip, _SPLIT.split(text))))


class Resolver:
    """Codes for the names people type, each distinct spelling looked up once."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        # Bounded: a long-running program may see endless distinct spellings.
        self._codes: Bounded[str, str | None] = Bounded(_SPELLINGS_KEPT)
        self._hints: Bounded[str, str | None] = Bounded(_SPELLINGS_KEPT)

    def code(self, name: str) -> str | None:
        """The code ``name`` (a code, name or alias, any case and spacing) stands for."""
        if name not in self._codes:
            return self._codes.put(name, self._names.get(name_key(name)))
        return self._codes[name]

    def split(self, text: str) -> tuple[set[str], list[str]]:
        """The codes in a separated list, and the items that name nothing (in order)."""
        return self.partition(split_quals(text))

    def partition(self, names: Iterable[str]) -> tuple[set[str], list[str]]:
        codes: set[str] = set()
        unknown: dict[str, None] = {}  # each once, in order: a cell may hold thousands
        known = self._codes  # a staff list runs this once a row: the memo read inline
        for name in names:
            code = known[name] if name in known else self.code(name)
            if code is not None:
                codes.add(code)
            else:
                unknown[name] = None
        return codes, list(unknown)

    def resolve(self, names: Iterable[str]) -> frozenset[str]:
        """Codes for ``names``; every unknown name is reported at once, with a hint."""
        codes, unknown = self.partition(names)
        if unknown:
            raise self.unknown_error(unknown)
        return frozenset(codes)

    def unknown_error(self, unknown: Iterable[str]) -> UnknownQualificationError:
        """The error for ``unknown`` names, each it shows (``NAMES_SHOWN``) with the
        closest name on the map: a fuzzy search over every name, not for thousands."""
        unknown = list(unknown)
        hints = {name: self.hint(name) for name in unknown[:NAMES_SHOWN]}
        return UnknownQualificationError(
            unknown, {name: hint for name, hint in hints.items() if hint}
        )

    def hint(self, name: str) -> str | None:
        """The closest code or name to an unknown ``name``, remembered: a staff list can
        misspell the same item thousands of times."""
        if name not in self._hints:
            return self._hints.put(name, closest_match(name, self._choices))
        return self._hints[name]

    @cached_property
    def _names(self) -> dict[str, str]:
        """Every code, name and alias by ``name_key``; the first qualification wins (the
        catalogue check refuses clashes)."""
        names: dict[str, str] = {}
        for qualification in self.catalogue.qualifications:
            for name in (qualification.code, qualification.name, *qualification.aliases):
                names.setdefault(name_key(name), qualification.code)
        return names

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
    """The catalogue's spelling of ``band``, matched by ``fold`` (case ignored)."""
    wanted = fold(band.strip())
    for known in catalogue.bands:
        if fold(known) == wanted:
            return known
    raise UnknownBandError(band, catalogue.bands)


def find_role(catalogue: Catalogue, role_id: str) -> Role:
    """The role ``role_id`` names: its id, its title or one of the title's ``/``-separated
    names ("Case Manager" for "Practitioner / Case Manager / Group Worker"), in any case
    and spacing. A name two roles share is refused, naming both ids; an id always wins."""
    wanted = fold(role_id.strip())
    role = catalogue.roles_by_id.get(wanted)
    if role is not None:
        return role
    names = role_names_for(catalogue)
    found = names.roles.get(name_key(role_id))
    if found is None:
        raise UnknownRoleError(role_id, names.closest(role_id))
    if len(found) > 1:
        raise AmbiguousRoleError(role_id, found)
    return catalogue.roles_by_id[found[0]]


class RoleNames:
    """Every name a role goes by (id, title, each ``/``-separated part of the title),
    by ``name_key``, with the roles each one names."""

    def __init__(self, catalogue: Catalogue) -> None:
        roles: dict[str, list[str]] = {}
        for role in catalogue.roles:
            names = (role.id, *names_of(role))
            for key in dict.fromkeys(name_key(name) for name in names):
                roles.setdefault(key, []).append(role.id)
        self.roles = {key: tuple(ids) for key, ids in roles.items()}
        named = [(name.strip(), role.id) for role in catalogue.roles for name in names_of(role)]
        self._choices = [*catalogue.roles_by_id, *(name for name, _ in named)]
        self._ids_by_title = {fold(name): role_id for name, role_id in named}

    def closest(self, text: str) -> str | None:
        """The role id most like ``text``, for a "did you mean" hint."""
        match = closest_match(text.strip(), self._choices)
        return None if match is None else self._ids_by_title.get(fold(match), match)


def names_of(role: Role) -> tuple[str, ...]:
    """A role's title and, for a title like "Practitioner / Case Manager", each part."""
    parts = tuple(part.strip() for part in role.title.split("/") if part.strip())
    return (role.title, *parts) if len(parts) > 1 else (role.title,)


role_names_for = per_catalogue(RoleNames)
