"""The fewest qualification codes that complete an entry route, found without blowing up.

Codes are bit positions (code ``i`` is ``1 << i``) and ``closures[i]`` is the mask of every
code that code ``i`` counts as, itself included. Covering ``needed`` with the fewest
closures is set cover, which is NP-hard, but on a career map "counts as" rarely leaves a
real choice: most needed codes can only be covered one way. So the problem is reduced
first (forced codes taken, dominated ones dropped, independent parts split apart) and only
what is left is searched, by branch and bound on bit masks within a budget of steps.

Ties go exactly as they always have (see ``minimum_cover``): the winner is the first
minimum-size combination of the candidate list in ``itertools.combinations`` order. Of two
covers of one size, that is the one holding the earliest candidate where they differ, so
once the minimum size is known the winner can be built candidate by candidate, in list
order: take each one that some minimum cover agreeing with the choices so far still holds.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from itertools import combinations

DEFAULT_BUDGET = 80_000
"""Search steps allowed by default. Spent in full, on parts of up to a few hundred
overlapping candidates, they take 25-35 ms (bench/cover.py); on parts of thousands, steps
cost more and the answer 50-100 ms in all."""

_Candidate = tuple[int, int]
"""A code and its coverage (its closure restricted to what is still needed)."""
_Path = tuple[int, "_Path"] | None
"""The positions taken so far, newest first, shared between branches."""


def minimum_cover(
    needed: int, closures: Sequence[int], *, budget: int = DEFAULT_BUDGET
) -> tuple[int, ...]:
    """Indexes (ascending) of the fewest codes whose closures cover `needed`.

    ``needed`` is a mask of code bits and ``closures[i]`` the mask code ``i`` counts as,
    itself included. Every bit of ``needed`` must be in some closure (``ValueError``
    otherwise). Among covers of the minimum size, the one returned is the one the old
    exhaustive search returned: with candidates listed needed codes first, then the rest,
    each in index order, and any candidate whose coverage another's includes dropped (the
    earlier one kept on equal coverage), the first in ``itertools.combinations`` order.

    Forced choices, dominated candidates and independent parts are dealt with first, in
    near-linear time, so routes where "counts as" leaves no real choice (none at all, or
    chains) are answered exactly and quickly at any size. What is left is searched by
    branch and bound, starting from a greedy cover: first for the minimum size, then for
    the first cover of that size in tie-break order. The search takes at most about
    ``budget`` steps in all (a step is a candidate or needed code looked at in a node).

    When the budget runs out the answer is still a valid cover, but possibly not the one
    above: the smallest found so far (the greedy cover at worst) if the minimum size was
    not yet proved, or a cover of the minimum size that may lose the tie-break if it was.
    ``budget=0`` gives the greedy cover of whatever the reductions leave.
    """
    if needed < 0:
        raise ValueError("needed must be a non-negative mask")
    if not needed:
        return ()
    chosen, rest, left = _reduce(needed, _candidates(needed, closures))
    if left:
        steps = [budget]  # shared by the parts, counted down
        # Small parts first, so that a budget run out costs exactness on the big one only.
        for part, part_mask in sorted(_components(rest), key=lambda item: len(item[0])):
            chosen.extend(_search(part_mask, part, steps))
    return tuple(sorted(chosen))


def _candidates(needed: int, closures: Sequence[int]) -> list[_Candidate]:
    """The old search's candidate list: same members, same order."""
    first: dict[int, int] = {}
    others: list[_Candidate] = []
    union = 0
    for code, closure in enumerate(closures):
        covers = closure & needed
        if covers:
            union |= covers
            if needed >> code & 1:
                first.setdefault(covers, code)
            else:
                others.append((code, covers))
    if union != needed:
        raise ValueError("some needed code is in no closure")
    for code, covers in others:
        first.setdefault(covers, code)
    # Equal coverage keeps the earliest code (the dict did that); a coverage strictly
    # inside another is dropped whatever the order. Singles need only one mask test, and
    # wider ones are compared with the kept wider ones that share their lowest bit.
    wide = [covers for covers in first if covers & (covers - 1)]
    in_wide = 0
    for covers in wide:
        in_wide |= covers
    maximal: set[int] = set()
    by_bit: dict[int, list[int]] = {}
    for covers in sorted(wide, key=int.bit_count, reverse=True):
        low = (covers & -covers).bit_length() - 1
        if any(covers & kept == covers for kept in by_bit.get(low, ())):
            continue
        maximal.add(covers)
        for bit in _bits(covers):
            by_bit.setdefault(bit, []).append(covers)
    return [
        (code, covers)
        for covers, code in first.items()
        if covers in maximal or not (covers & (covers - 1) or covers & in_wide)
    ]


def _reduce(needed: int, candidates: list[_Candidate]) -> tuple[list[int], list[_Candidate], int]:
    """Take every candidate some needed code has no alternative to, and what follows.

    Returns the codes taken, the candidates left (coverage cut to what is still needed,
    order kept) and the mask still needed. Both moves keep the tie-break: a forced code
    is in every minimum cover (and adding the same codes to two covers keeps their
    order); a candidate whose coverage an earlier one includes is never in the winner
    (swapping in the earlier one gives a cover as small and earlier). Worked through a
    queue, touching only what each move changes: one forced code can force the next
    all along a chain, and rounds over every candidate would then cost quadratic time.
    """
    once = twice = 0
    for _, covers in candidates:
        twice |= once & covers
        once |= covers
    lone = needed & ~twice
    if not lone:
        return [], candidates, needed
    if not twice:  # no code covered twice: every candidate is forced (no counts-as, chains)
        return [code for code, _ in candidates], [], 0

    covs = [covers for _, covers in candidates]
    holders: dict[int, set[int]] = {}
    for position, covers in enumerate(covs):
        for bit in _bits(covers):
            holders.setdefault(bit, set()).add(position)
    alive = [True] * len(covs)
    queue = [position for position, covers in enumerate(covs) if covers & lone]
    chosen: list[int] = []
    left = needed

    def drop(position: int) -> None:
        alive[position] = False
        for bit in _bits(covs[position]):
            others = holders[bit]
            others.discard(position)
            if len(others) == 1:
                queue.extend(others)

    while queue:
        position = queue.pop()
        if not alive[position]:
            continue
        alive[position] = False
        chosen.append(candidates[position][0])
        covered = covs[position] & left
        left &= ~covered
        touched: set[int] = set()
        for bit in _bits(covered):
            touched |= holders.pop(bit)
        for other in sorted(touched):
            if not alive[other]:
                continue
            covers = covs[other] = covs[other] & left
            if not covers:
                drop(other)
                continue
            # Only a candidate that shrank can have become dominated.
            rarest = min(_bits(covers), key=lambda bit: len(holders[bit]))
            if any(wider < other and covers & covs[wider] == covers for wider in holders[rarest]):
                drop(other)
    rest = [
        (candidates[position][0], covs[position])
        for position in range(len(covs))
        if alive[position]
    ]
    return chosen, rest, left


def _components(candidates: list[_Candidate]) -> list[tuple[list[_Candidate], int]]:
    """Split into parts sharing no needed code; each has its own minimum cover.

    The winner overall is the union of each part's winner, since the earliest difference
    between two unions is the earliest of the parts' differences.
    """
    parent: dict[int, int] = {}

    def root(bit: int) -> int:
        while parent.setdefault(bit, bit) != bit:
            parent[bit] = bit = parent[parent[bit]]
        return bit

    lows: list[int] = []
    for _, covers in candidates:
        bits = _bits(covers)
        low = root(bits[0])
        for bit in bits[1:]:
            other = root(bit)
            if other != low:
                parent[other] = low
        lows.append(bits[0])
    parts: dict[int, tuple[list[_Candidate], list[int]]] = {}
    for candidate, low in zip(candidates, lows, strict=True):
        part = parts.setdefault(root(low), ([], [0]))
        part[0].append(candidate)
        part[1][0] |= candidate[1]
    return [(members, mask[0]) for members, mask in parts.values()]


def _search(needed: int, candidates: list[_Candidate], steps: list[int]) -> list[int]:
    """The winning cover of one part, or the best found when ``steps[0]`` runs out.

    First the minimum size, by branch and bound below the greedy cover's size; then the
    winner, walking the candidates in tie-break order (see the module's docstring).
    """
    # Number the needed bits densely: masks stay short however wide the map is.
    local = {bit: index for index, bit in enumerate(_bits(needed))}
    covs: list[int] = []
    for _, covers in candidates:
        mask = 0
        for bit in _bits(covers):
            mask |= 1 << local[bit]
        covs.append(mask)
    holders = [0] * len(local)  # holders[j]: the candidates (by position) covering bit j
    for position, mask in enumerate(covs):
        for bit in _bits(mask):
            holders[bit] |= 1 << position
    codes = [code for code, _ in candidates]
    everything = (1 << len(covs)) - 1
    left = (1 << len(local)) - 1

    best = _greedy(left, covs)
    if steps[0] <= 0:
        return [codes[position] for position in best]
    smaller, proved = _solve(left, everything, len(best), covs, holders, steps, first=False)
    if smaller is not None:
        best = smaller
    if not proved:
        return [codes[position] for position in best]

    # Walk to the winner: its first candidate is the earliest that any minimum cover
    # can start with. The witness (a minimum cover agreeing with what is decided) says
    # where the next one is at the latest; asking whether any cover uses a candidate
    # before it either moves it earlier or settles the whole gap at once.
    size = len(best)
    witness = sorted(best)
    taken = 0
    low = 0  # every candidate before this is decided
    # A made-up needed bit that only the candidates in the gap cover: any cover of it
    # uses one of them.
    extra = 1 << len(local)
    while left:
        upcoming = witness[taken]
        while True:
            gap = 0
            for position in range(low, upcoming):
                if covs[position] & left:
                    gap |= 1 << position
            if not gap:
                break
            steps[0] -= len(covs)
            marked = [
                mask | extra if gap >> position & 1 else mask for position, mask in enumerate(covs)
            ]
            found, proved = _solve(
                left | extra,
                everything & ~((1 << low) - 1),
                size - taken + 1,
                marked,
                [*holders, gap],
                steps,
                first=True,
            )
            if found is None:
                if proved:
                    break
                return [codes[position] for position in witness]  # out of steps
            witness[taken:] = sorted(found)
            upcoming = witness[taken]
        taken += 1
        left &= ~covs[upcoming]
        low = upcoming + 1
    return [codes[position] for position in witness]


def _solve(
    left: int,
    available: int,
    limit: int,
    covs: list[int],
    holders: list[int],
    steps: list[int],
    *,
    first: bool,
) -> tuple[list[int] | None, bool]:
    """A cover of ``left`` by fewer than ``limit`` of the ``available`` candidates.

    The smallest such, or with ``first`` any. Returns it (None if none was found) and
    whether the search finished, which makes None a proof that there is none.
    Branches on the bit with the fewest candidates left: one of them must be taken, and
    each branch leaves out the ones tried before it.
    """
    best: list[int] | None = None
    stack: list[tuple[int, int, int, _Path]] = [(left, available, 0, None)]
    while stack:
        if steps[0] <= 0:
            return best, False
        left, available, depth, path = stack.pop()
        if not left:
            # Reached only at the root: nothing to cover.
            return [], True
        room = limit - depth - 1  # candidates this branch may still take
        if room <= 0:
            continue
        gains: list[tuple[int, int]] = []
        useful = 0
        rest = available
        while rest:
            low = rest & -rest
            rest ^= low
            position = low.bit_length() - 1
            gain = (covs[position] & left).bit_count()
            if gain:
                gains.append((gain, position))
                useful |= low
        steps[0] -= len(gains) + left.bit_count()
        gains.sort(key=lambda item: -item[0])
        # Lower bound: give each bit the widest coverage of any candidate holding it; a
        # candidate then counts for at most 1. Bits nobody holds: a dead end.
        bound = 0.0
        uncovered = left
        for gain, position in gains:
            fresh = covs[position] & uncovered
            if fresh:
                bound += fresh.bit_count() / gain
                uncovered &= ~fresh
                if not uncovered:
                    break
        if uncovered or bound > room + 1e-9:
            continue
        # The bit with the fewest candidates left keeps the tree narrow.
        fewest = useful
        rest = left
        while rest:
            low = rest & -rest
            rest ^= low
            options = holders[low.bit_length() - 1] & useful
            if options.bit_count() < fewest.bit_count():
                fewest = options
                if fewest & (fewest - 1) == 0:
                    break
        # A candidate for that bit covering nothing another one does not is never
        # needed here: swap it for the other. (Only the size matters in this search.)
        order: list[int] = []
        reaches: list[int] = []
        remaining = useful
        for _, position in gains:
            if fewest >> position & 1:
                reach = covs[position] & left
                if any(reach & wider == reach for wider in reaches):
                    remaining &= ~(1 << position)
                else:
                    order.append(position)
                    reaches.append(reach)
        children: list[tuple[int, int, int, _Path]] = []
        for position in order:
            remaining &= ~(1 << position)
            after = left & ~covs[position]
            if not after:
                best = _positions((position, path))
                limit = depth + 1
                if first:
                    return best, True
                children = []  # siblings cannot beat this one
                break
            children.append((after, remaining, depth + 1, (position, path)))
        stack.extend(reversed(children))
    return best, True


def _greedy(full: int, covs: list[int]) -> list[int]:
    """A cover by repeatedly taking the candidate covering most of what is left.

    Lazy: a candidate's gain only falls as others are taken, so one re-checked at the
    top of the heap is the best. Ties go to the earliest candidate.
    """
    heap = [(-mask.bit_count(), position) for position, mask in enumerate(covs)]
    heapq.heapify(heap)
    left = full
    chosen: list[int] = []
    while left:
        _, position = heapq.heappop(heap)
        gain = (covs[position] & left).bit_count()
        if heap and (gain, -position) < (-heap[0][0], -heap[0][1]):
            if gain:
                heapq.heappush(heap, (-gain, position))
            continue
        chosen.append(position)
        left &= ~covs[position]
    chosen.sort()
    return chosen


def _positions(path: _Path) -> list[int]:
    found: list[int] = []
    while path is not None:
        position, path = path
        found.append(position)
    found.reverse()
    return found


def _bits(mask: int) -> list[int]:
    """Indexes of the set bits of ``mask``, lowest first."""
    found: list[int] = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


def exhaustive_cover(needed: int, closures: list[int]) -> tuple[int, ...]:
    """The specification ``minimum_cover`` is held to: every combination, smallest
    first, in the tie-break order described there. Exponential: for tests and the
    benchmark only, never on a user's input."""
    if not needed:
        return ()
    preferred = [code for code in range(len(closures)) if needed >> code & 1]
    preferred += [code for code in range(len(closures)) if not needed >> code & 1]
    candidates: list[tuple[int, int]] = []
    for code in preferred:
        covers = closures[code] & needed
        if covers and not any(covers | kept == kept for _, kept in candidates):
            candidates = [(c, k) for c, k in candidates if k | covers != covers]
            candidates.append((code, covers))
    for size in range(1, len(candidates) + 1):
        for combo in combinations(candidates, size):
            union = 0
            for _, covers in combo:
                union |= covers
            if union == needed:
                return tuple(sorted(code for code, _ in combo))
    raise AssertionError("every needed code covers itself")


def closures_of(counts_as: list[list[int]]) -> list[int]:
    """Each code's mask of everything it counts as, itself included, transitively."""
    closures = []
    for code in range(len(counts_as)):
        mask, stack = 0, [code]
        while stack:
            current = stack.pop()
            if not mask >> current & 1:
                mask |= 1 << current
                stack.extend(counts_as[current])
        closures.append(mask)
    return closures
