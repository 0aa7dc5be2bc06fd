"""careermap.cover.minimum_cover: the same answers as the exhaustive search, without its cost."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careermap.cover import closures_of, exhaustive_cover, minimum_cover


def covers(chosen: tuple[int, ...], needed: int, closures: list[int]) -> bool:
    union = 0
    for code in chosen:
        union |= closures[code]
    return union & needed == needed


@st.composite
def any_shape(draw: st.DrawFn) -> tuple[int, list[int]]:
    """Up to 14 codes, each counting as up to 4 codes after it in a random order (so
    "counts as" is acyclic and its order is not the catalogue's), and a random need.
    Almost all are settled by the reductions alone."""
    size = draw(st.integers(0, 14))
    order = draw(st.permutations(range(size)))
    counts_as: list[list[int]] = [[] for _ in range(size)]
    for rank, code in enumerate(order):
        later = order[rank + 1 :]
        if later:
            counts_as[code] = draw(st.lists(st.sampled_from(later), max_size=4, unique=True))
    needed = draw(st.integers(0, (1 << size) - 1))
    return needed, closures_of(counts_as)


@st.composite
def real_choices(draw: st.DrawFn) -> tuple[int, list[int]]:
    """3-7 plain codes (some counting as another) and at least as many further codes
    each counting as 2 or 3 of them, in a random catalogue order; mostly the plain ones
    needed. About one in four leaves a choice the reductions cannot settle. Drawn from a
    seed: Hypothesis's own draws lean to small lists and repeated picks, which the
    reductions nearly always settle (under one in twenty would reach the search)."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    plain = rng.randint(3, 7)
    size = plain + rng.randint(plain, 14 - plain)
    order = rng.sample(range(size), size)
    low, high = order[:plain], order[plain:]
    counts_as: list[list[int]] = [[] for _ in range(size)]
    for rank, code in enumerate(low[:-1]):
        if rng.random() < 0.2:
            counts_as[code] = [rng.choice(low[rank + 1 :])]
    for code in high:
        counts_as[code] = rng.sample(low, rng.randint(2, 3))
    needed = sum(1 << code for code in low if rng.random() < 0.95)
    needed |= sum(1 << code for code in high if rng.random() < 0.05)
    return needed, closures_of(counts_as)


@settings(max_examples=300, deadline=None)
@given(any_shape())
def test_same_answer_as_the_exhaustive_search(instance: tuple[int, list[int]]) -> None:
    needed, closures = instance
    assert minimum_cover(needed, closures) == exhaustive_cover(needed, closures)


@settings(max_examples=300, deadline=None)
@given(real_choices())
def test_same_answer_where_counts_as_leaves_a_choice(instance: tuple[int, list[int]]) -> None:
    needed, closures = instance
    assert minimum_cover(needed, closures) == exhaustive_cover(needed, closures)


@settings(max_examples=200, deadline=None)
@given(st.one_of(any_shape(), real_choices()), st.integers(0, 40))
def test_any_budget_gives_a_valid_cover(instance: tuple[int, list[int]], budget: int) -> None:
    needed, closures = instance
    chosen = minimum_cover(needed, closures, budget=budget)
    assert covers(chosen, needed, closures)
    assert list(chosen) == sorted(set(chosen))
    assert len(chosen) >= len(exhaustive_cover(needed, closures))


def test_nothing_needed() -> None:
    assert minimum_cover(0, []) == ()
    assert minimum_cover(0, [0b1, 0b11]) == ()


def test_no_counts_as_gives_the_needed_codes() -> None:
    closures = closures_of([[] for _ in range(5)])
    assert minimum_cover(0b10110, closures) == (1, 2, 4)


def test_a_masters_covers_two_needed_codes() -> None:
    # 0 BA, 1 MA (counts as BA and as 2 PGCERT), 2 PGCERT.
    closures = closures_of([[], [0, 2], []])
    assert minimum_cover(0b101, closures) == (1,)  # BA and PGCERT: the MA alone
    assert minimum_cover(0b111, closures) == (1,)
    assert minimum_cover(0b001, closures) == (0,)  # BA alone: BA itself, not the MA


def test_a_chain_needs_only_its_top() -> None:
    # 0 counts as 1, which counts as 2.
    closures = closures_of([[1], [2], []])
    assert minimum_cover(0b111, closures) == (0,)
    assert minimum_cover(0b110, closures) == (1,)


def test_ties_go_to_needed_codes_then_catalogue_order() -> None:
    # 0 and 2 both count as exactly what 1 covers: 1 is needed, so 1 wins.
    closures = closures_of([[1], [], [1]])
    assert minimum_cover(0b010, closures) == (1,)
    # Neither 2 nor 3 is needed and both cover 0 and 1: the first in the catalogue.
    closures = closures_of([[], [], [0, 1], [0, 1]])
    assert minimum_cover(0b0011, closures) == (2,)


def test_ties_go_to_the_first_combination_not_the_greedy_one() -> None:
    # Needed 0-5. 6: {0,1,2}  7: {3,4,5}  8: {1,2,3,4}  9: {0,5}.
    # Greedy takes the widest, 8, then 9; the first pair in combinations order is 6, 7.
    counts_as: list[list[int]] = [[] for _ in range(6)]
    counts_as += [[0, 1, 2], [3, 4, 5], [1, 2, 3, 4], [0, 5]]
    closures = closures_of(counts_as)
    assert minimum_cover(0b111111, closures) == exhaustive_cover(0b111111, closures) == (6, 7)
    assert minimum_cover(0b111111, closures, budget=0) == (8, 9)


def test_impossible_input_is_refused() -> None:
    with pytest.raises(ValueError, match="no closure"):
        minimum_cover(0b10, [0b01])
    with pytest.raises(ValueError, match="no closure"):
        minimum_cover(0b100, [0b01, 0b10])
    with pytest.raises(ValueError, match="non-negative"):
        minimum_cover(-1, [0b01])


def test_a_200_code_route_answers() -> None:
    plain = closures_of([[] for _ in range(200)])
    assert minimum_cover((1 << 200) - 1, plain) == tuple(range(200))
    # Chains of four: each code counts as the next within its chain; the heads suffice.
    chained = closures_of([[code + 1] if (code + 1) % 4 else [] for code in range(200)])
    assert minimum_cover((1 << 200) - 1, chained) == tuple(range(0, 200, 4))
    # A 200-code route in a map of 1,000 codes, one in five of them counting as two.
    rng = random.Random(3)
    counts_as = [rng.sample(range(200), 2) if code % 5 == 0 else [] for code in range(1000)]
    wide = closures_of(counts_as)
    chosen = minimum_cover((1 << 200) - 1, wide)
    assert covers(chosen, (1 << 200) - 1, wide)


def _pairs(count: int, reverse: bool) -> tuple[int, list[int]]:
    """``count`` needed codes and codes counting as each neighbouring two of them."""
    pairs = [[index, index + 1] for index in range(count - 1)]
    counts_as: list[list[int]] = [[] for _ in range(count)]
    counts_as += list(reversed(pairs)) if reverse else pairs
    return (1 << count) - 1, closures_of(counts_as)


def test_forced_choices_cascade_without_rounds_or_recursion() -> None:
    # Listed last pair first, each forced pair leaves the next one forced.
    needed, closures = _pairs(2001, reverse=True)
    chosen = minimum_cover(needed, closures)
    assert len(chosen) == 1001
    assert covers(chosen, needed, closures)


def test_a_search_over_thousands_of_candidates_stays_iterative() -> None:
    # Listed first pair first, little is forced: a search over 2,000 candidates.
    needed, closures = _pairs(2001, reverse=False)
    for budget in (0, 1_000, 100_000):
        chosen = minimum_cover(needed, closures, budget=budget)
        assert covers(chosen, needed, closures)
        assert len(chosen) >= 1001


def test_a_spent_budget_still_gives_a_cover() -> None:
    rng = random.Random(11)
    counts_as: list[list[int]] = [[] for _ in range(40)]
    counts_as += [rng.sample(range(40), rng.randint(3, 8)) for _ in range(60)]
    closures = closures_of(counts_as)
    needed = (1 << 40) - 1
    exact = minimum_cover(needed, closures, budget=10**9)
    for budget in (0, 10, 1_000):
        chosen = minimum_cover(needed, closures, budget=budget)
        assert covers(chosen, needed, closures)
        assert len(chosen) >= len(exact)
