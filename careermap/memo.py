"""Things compiled from a catalogue once (the rule engine, the name resolver) and reused."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from careermap.models import Catalogue

T = TypeVar("T")

_KEEP = 8


def per_catalogue(build: Callable[[Catalogue], T]) -> Callable[[Catalogue], T]:
    """``build(catalogue)``, remembered for the last few catalogues by identity.

    Catalogues are immutable but not hashable cheaply (they hold whole maps), and a
    program works with one or two at a time, so identity is the right key.
    """
    built: dict[int, tuple[Catalogue, T]] = {}

    def get(catalogue: Catalogue) -> T:
        entry = built.get(id(catalogue))
        if entry is None or entry[0] is not catalogue:
            if len(built) >= _KEEP:
                built.clear()
            entry = built[id(catalogue)] = (catalogue, build(catalogue))
        return entry[1]

    get.__doc__ = f"The {build.__name__} for a catalogue, built once and reused."
    return get
