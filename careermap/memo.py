"""Things compiled from a catalogue once (the rule engine, the name resolver) and reused."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from careermap.models import Catalogue

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

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


class Bounded(Generic[K, V]):
    """A memo that holds at most ``limit`` entries, dropping the oldest first: a long run
    over many distinct inputs keeps a fixed amount of memory, a team sharing a few dozen
    sets keeps them all."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self._entries: dict[K, V] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: K) -> bool:
        return key in self._entries

    def __getitem__(self, key: K) -> V:
        return self._entries[key]

    def get(self, key: K) -> V | None:
        return self._entries.get(key)

    def put(self, key: K, value: V) -> V:
        if len(self._entries) >= self.limit:
            del self._entries[next(iter(self._entries))]
        self._entries[key] = value
        return value
