"""Things compiled from a catalogue once (the rule engine, the name resolver) and reused."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

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


class Bounded(OrderedDict[K, V]):
    """A memo that holds at most ``limit`` entries, dropping the oldest first: a long run
    over many distinct inputs keeps a fixed amount of memory, a team sharing a few dozen
    sets keeps them all. Reading is a dict's; ``put`` adds."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = max(1, limit)

    def __reduce__(self) -> tuple[Any, ...]:
        # OrderedDict's own rebuilds with no arguments; this one needs its limit.
        return (type(self), (self.limit,), None, None, iter(self.items()))

    def put(self, key: K, value: V) -> V:
        if len(self) >= self.limit:
            # popitem is O(1); deleting a plain dict's first key over and over is not, as
            # each search for the new first key steps over the holes left before it.
            self.popitem(last=False)
        self[key] = value
        return value
