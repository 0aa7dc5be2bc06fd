"""Many people at once: every role's eligibility and fewest missing codes on bit matrices.

The per-person engine decides each person x role in Python; for a whole service on a
national framework (thousands of staff, hundreds of roles) that is one to two orders of
magnitude from what the hardware can do. Here the distinct sets of codes people hold
(after "counts as") become the rows of a 0/1 matrix, the entry routes its columns, and
one matrix product counts every route's lacking codes for every set.

That count is the fewest missing codes exactly when no code counts as two of the codes a
route lacks (then nothing can stand in for two at once, and the engine's tie-break
prefers the lacking codes themselves). For a route where some code could, a short route
has a table of the engine's cover size for each subset of its codes, the subset found
by one more product; a long one has a product that finds the (set, route) pairs that
need a cover, and the engine's own bounded minimum cover answers each distinct one. So
the answers are the engine's, tie-breaks and all. A team's next steps take each set's
closest routes from the same work and what they lack on 64-bit words, a stand-in's
cover from the route's table of covers. Work goes in chunks of sets, so no matrix
outgrows about 16 MB. numpy is imported only here: the single-person commands never
load it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from careermap.engine import Evaluation, engine_for
from careermap.memo import per_catalogue
from careermap.models import Catalogue

_CHUNK_CELLS = 1 << 22
"""Sets x routes worked on at once: keeps each matrix to about 16 MB."""
_TABLED_CODES = 12
"""Routes of up to this many codes (4,096 subsets) get a table of cover sizes..."""
_TABLE_ENTRIES = 1 << 16
"""...while all the tables hold no more entries than this (each costs a cover)."""


@dataclass(frozen=True)
class BulkEvaluation:
    """Every role for many people, as arrays; ``evaluation(i)`` gives person ``i`` the
    same ``Evaluation`` that ``evaluate`` would (results built when read)."""

    catalogue: Catalogue
    held: tuple[frozenset[str], ...]
    """Each person's codes as given, in the order given."""
    set_of: npt.NDArray[np.intp]
    """Per person, the row of their effective set in the per-set arrays."""
    masks: tuple[int, ...]
    """Each distinct effective set, as the engine's bit mask."""
    fewest: npt.NDArray[np.int32]
    """Per set and role (catalogue order): the fewest codes still missing."""
    closest: npt.NDArray[np.int32]
    """Per set and role: the route with that many missing (the first listed on a tie)."""

    @property
    def eligible(self) -> npt.NDArray[np.bool_]:
        """Per person and role: eligible now."""
        eligible: npt.NDArray[np.bool_] = self.fewest[self.set_of] == 0
        return eligible

    @property
    def missing_counts(self) -> npt.NDArray[np.int32]:
        """Per person and role: how many codes are still missing."""
        return self.fewest[self.set_of]

    def evaluation(self, person: int) -> Evaluation:
        row = int(self.set_of[person])
        engine = engine_for(self.catalogue)
        eligible = np.flatnonzero(self.fewest[row] == 0).tolist()
        return engine.evaluation_from(
            self.held[person], self.masks[row], sum(1 << i for i in eligible),
            tuple(self.closest[row].tolist()),
        )  # fmt: skip


def evaluate_many(catalogue: Catalogue, people: Iterable[Iterable[str]]) -> BulkEvaluation:
    """``evaluate`` for each person in ``people`` (each an iterable of codes), at once.

    Unknown codes raise ``UnknownQualificationError`` as ``evaluate`` does. People
    holding the same codes (after "counts as") are worked out once.
    """
    engine = engine_for(catalogue)
    held = tuple(engine.known(codes) for codes in people)
    row_of: dict[int, int] = {}
    set_of = np.fromiter(
        (row_of.setdefault(engine.effective_mask(codes), len(row_of)) for codes in held),
        dtype=np.intp,
        count=len(held),
    )
    masks = tuple(row_of)
    fewest, closest = matrices_for(catalogue).solve(masks)
    return BulkEvaluation(catalogue, held, set_of, masks, fewest, closest)


class BitMatrices:
    """A catalogue's routes as matrices, built once per catalogue (``matrices_for``)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.engine = engine = engine_for(catalogue)
        codes = len(engine.codes)
        routes = [route for role in engine.compiled for route in role]
        self.route_masks = tuple(route.mask for route in routes)
        route_bits = _bits(self.route_masks, codes)
        self.route_bits = route_bits.astype(np.float32)
        self.membership = np.ascontiguousarray(self.route_bits.T)
        self.packed_routes = _packed(route_bits)
        self.route_words = self.packed_routes.view(np.uint64)
        # Routes where some code counts as two of the route's codes, so that a cover can
        # beat the plain count of what lacks. A short one gets a table: the cover size for
        # every subset of its codes, the subset found by one more product (the k-th code
        # of the route weighs 2**k).
        tangled = [index for index, route in enumerate(routes) if not route.simple]
        tabled, entries = [], 0
        for index in sorted(tangled, key=lambda index: len(routes[index].requires)):
            size = 1 << len(routes[index].requires)
            if len(routes[index].requires) > _TABLED_CODES or entries + size > _TABLE_ENTRIES:
                break
            tabled.append(index)
            entries += size
        untabled = sorted(set(tangled) - set(tabled))
        weights = np.zeros((codes, len(tabled)), dtype=np.float32)
        sizes: list[int] = []
        offsets: list[int] = []
        self.cover_masks: list[int] = []
        """Per table entry: the cover's codes, as a mask (its size is ``cover_sizes``)."""
        self.table_needed: list[int] = []
        """Per table entry: the route's codes lacking, as a mask."""
        for column, index in enumerate(tabled):
            bits = [engine.bit[code] for code in routes[index].requires]
            for position, bit in enumerate(bits):
                weights[bit.bit_length() - 1, column] = 1 << position
            offsets.append(len(sizes))
            for subset in range(1 << len(bits)):
                needed = sum(bit for position, bit in enumerate(bits) if subset >> position & 1)
                cover = engine.cover(needed)
                sizes.append(len(cover))
                self.cover_masks.append(engine.mask(cover))
                self.table_needed.append(needed)
        self.tabled = np.array(tabled, dtype=np.intp)
        self.subset_weights = weights
        self.cover_sizes = np.array(sizes, dtype=np.int32)
        self.table_offsets = np.array(offsets, dtype=np.int64)
        self.table_column = np.full(len(routes), -1, dtype=np.intp)
        self.table_column[self.tabled] = np.arange(len(tabled))
        # Longer ones (or past the tables' budget): (route, code) pairs where the code
        # counts as two or more of the route's codes, each distinct overlap once; only
        # sets lacking two of those need a cover.
        pairs = list(
            dict.fromkeys(
                (index, closure & routes[index].mask)
                for index in untabled
                for closure in engine.closures
                if (closure & routes[index].mask).bit_count() > 1
            )
        )
        self.pair_route = np.array([index for index, _ in pairs], dtype=np.intp)
        self.pairs = _columns([overlap for _, overlap in pairs], codes)
        # Each role's first route, and per later route number, the roles that have a
        # route of that number and those routes: a role is a pass for each of its routes
        # (a role of 200 routes among a thousand of one or two costs 200 narrow passes).
        sizes_of = np.array([len(role) for role in engine.compiled], dtype=np.intp)
        self.route_start = np.cumsum(sizes_of) - sizes_of
        self.most_routes = int(sizes_of.max(initial=1))
        self.later_routes = [
            (having, self.route_start[having] + number)
            for number in range(1, self.most_routes)
            for having in [np.flatnonzero(sizes_of > number)]
        ]
        self.route_role = np.repeat(
            np.arange(len(engine.compiled)), [len(role) for role in engine.compiled]
        )
        self.simple = np.array([route.simple for route in routes], dtype=bool)
        rank = catalogue.band_rank
        ranks = np.array(
            [rank[catalogue.roles[role].band] for role in self.route_role.tolist()], dtype=np.intp
        )
        # Only the bands that hold roles count (a map may list thousands): a route's band
        # is its level among them, and one level more stands for "above the top band".
        self.band_levels = np.unique(ranks)
        self.route_band = np.searchsorted(self.band_levels, ranks)
        bands = len(self.band_levels) + 1
        # The simple routes in level order, and where each level's run of them starts, so
        # each level's routes are one slice.
        simple = np.flatnonzero(self.simple)
        self.by_band = simple[np.argsort(self.route_band[simple], kind="stable")]
        self.band_starts = np.searchsorted(
            self.route_band[self.by_band], np.arange(bands + 1)
        ).tolist()
        self.band_route_bits = np.ascontiguousarray(self.route_bits[self.by_band])
        # Tabled routes: per band, the tabled routes' columns. Others, each (route, code)
        # pair where the code covers some of the route: beyond[:, pair] marks the route's
        # codes outside the code's closure.
        tabled_band = self.route_band[self.tabled]
        self.tabled_by_band = [np.flatnonzero(tabled_band == band) for band in range(bands)]
        single = [
            (index, code)
            for index in untabled
            for code, closure in enumerate(engine.closures)
            if closure & routes[index].mask
        ]
        self.single_route = np.array([index for index, _ in single], dtype=np.intp)
        self.single_band = self.route_band[self.single_route]
        self.single_code = np.array([code for _, code in single], dtype=np.intp)
        outside = [routes[index].mask & ~engine.closures[code] for index, code in single]
        self.beyond = _columns(outside, codes)
        # The widest matrix a chunk of sets meets, in columns, sets the chunk's height.
        self.widest = max(len(routes), bands * codes, len(pairs), len(single), 1)
        # covered_by[b, c]: code c counts as code b (its closure holds b), itself included.
        self.covered_by = np.ascontiguousarray(_bits(engine.closures, codes).T.astype(np.float32))
        self._cover_words: npt.NDArray[np.uint64] | None = None
        self._completer_words: npt.NDArray[np.uint64] | None = None

    def cover_words(self) -> npt.NDArray[np.uint64]:
        """``cover_masks`` as rows of 64-bit words, made when first asked for (a team's
        next steps)."""
        if self._cover_words is None:
            self._cover_words = _words_of(_bits(self.cover_masks, len(self.engine.codes)))
        return self._cover_words

    def completer_words(self) -> npt.NDArray[np.uint64]:
        """Per table entry: the codes that alone complete the route (its lacking codes all
        in the code's closure; every code, where it lacks none, which no set one code
        away meets), as 64-bit words, made when first asked for."""
        if self._completer_words is None:
            # The codes whose closure holds every needed code: those that cover each.
            coverers, everyone = self.engine.coverers, (1 << len(self.engine.codes)) - 1
            completers = []
            for needed in self.table_needed:
                codes = everyone
                while needed:
                    bit = needed & -needed
                    codes &= coverers[bit]
                    needed ^= bit
                completers.append(codes)
            self._completer_words = _words_of(_bits(completers, len(self.engine.codes)))
        return self._completer_words

    def step(self) -> int:
        """How many sets are worked on at once."""
        return max(1, _CHUNK_CELLS // self.widest)

    def solve(self, masks: Sequence[int]) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
        """Per set (rows, in ``masks`` order) and role: fewest missing and closest route."""
        roles = len(self.route_start)
        fewest = np.empty((len(masks), roles), dtype=np.int32)
        closest = np.empty((len(masks), roles), dtype=np.int32)
        step = self.step()
        for start in range(0, len(masks), step):
            chunk = masks[start : start + step]
            counts = self.route_counts(_bits(chunk, len(self.engine.codes)), chunk)
            rows = slice(start, start + len(chunk))
            fewest[rows], closest[rows] = self.per_role(counts)
        return fewest, closest

    def per_role(
        self, counts: npt.NDArray[np.int32]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
        """Route counts (sets x routes) to each role's fewest missing and closest route
        (the first listed on a tie)."""
        fewest = counts[:, self.route_start]
        closest = np.zeros(fewest.shape, dtype=np.int32)
        for number, (roles, routes) in enumerate(self.later_routes, start=1):
            count, best = counts[:, routes], fewest[:, roles]
            better = count < best
            fewest[:, roles] = np.where(better, count, best)
            closest[:, roles] = np.where(better, number, closest[:, roles])
        return fewest, closest

    def single_codes(
        self,
        held: npt.NDArray[np.uint8],
        counts: npt.NDArray[np.int32],
        fewest: npt.NDArray[np.int32],
    ) -> npt.NDArray[np.bool_]:
        """Per set and threshold ``t`` (0 to the number of bands): each code that
        alone would open a role of band rank ``t`` or above that is now one code away."""
        sets, codes = held.shape
        lacking = 1.0 - held.astype(np.float32)
        # Routes one code completes, of roles not open.
        one = (counts == 1) & (fewest == 1)[:, self.route_role]
        # Where nothing counts as two of a route's codes, what it lacks is one code b and
        # the codes that would do are covered_by[b]: gather b per band, then cover it.
        bands = len(self.band_starts) - 1
        ones = one[:, self.by_band].astype(np.float32)
        lacked = np.zeros((sets, bands, codes), dtype=np.float32)
        for band in range(bands):
            start, end = self.band_starts[band], self.band_starts[band + 1]
            if end > start:
                lacked[:, band] = ones[:, start:end] @ self.band_route_bits[start:end]
        lacked *= lacking[:, None, :]
        by_band = (lacked.reshape(-1, codes) @ self.covered_by).reshape(lacked.shape) > 0.5
        if self.tabled.size:
            # A tabled route's codes that alone complete it, from its table, by the
            # subset of its codes the set lacks; OR-ed per band on 64-bit words.
            subsets = np.rint(lacking @ self.subset_weights).astype(np.int64)
            words = self.completer_words()[self.table_offsets + subsets]
            words *= one[:, self.tabled][:, :, None]
            for band, columns in enumerate(self.tabled_by_band):
                if columns.size:
                    union = np.bitwise_or.reduce(words[:, columns], axis=1)
                    by_band[:, band] |= _unpacked(union, codes)
        if self.single_route.size:
            # Elsewhere, code c completes route r when r's lacking codes all lie in c's
            # closure, that is when none of r's codes outside that closure lacks.
            completes = (lacking @ self.beyond < 0.5) & one[:, self.single_route]
            rows, pairs = np.nonzero(completes)
            by_band[rows, self.single_band[pairs], self.single_code[pairs]] = True
        # Roles above a person are those of band rank t or more: OR from the top band down.
        reached: npt.NDArray[np.bool_] = np.logical_or.accumulate(by_band[:, ::-1], axis=1)[:, ::-1]
        return reached

    def route_counts(
        self, held: npt.NDArray[np.uint8], masks: Sequence[int]
    ) -> npt.NDArray[np.int32]:
        """Per set (``held``: its codes as 0/1 rows; ``masks``: the same as bit masks) and
        route: the fewest codes that would complete the route."""
        lacking = 1.0 - held.astype(np.float32)  # float32: the product runs on BLAS, exact
        counts = np.rint(lacking @ self.membership).astype(np.int32)
        if self.tabled.size:
            subsets = np.rint(lacking @ self.subset_weights).astype(np.int64)
            counts[:, self.tabled] = self.cover_sizes[self.table_offsets + subsets]
        if self.pair_route.size:
            overlap = lacking @ self.pairs  # sets x pairs: lacking codes a pair's code covers
            rows, pairs = np.nonzero(overlap > 1.5)
            routes = self.pair_route[pairs]
            covers, where = self.covers_of(_packed(1 - held)[rows], routes)
            sizes = np.array([len(cover) for cover in covers], dtype=np.int32)
            counts[rows, routes] = sizes[where]
        return counts

    def covers_of(
        self, lacking: npt.NDArray[np.uint8], routes: npt.NDArray[np.intp]
    ) -> tuple[list[tuple[str, ...]], npt.NDArray[np.intp]]:
        """The engine's cover of what each route lacks (``lacking``: packed rows, one a
        route), each distinct gap covered once: the covers, and each pair's among them."""
        needed = lacking & self.packed_routes[routes]
        keys, where = np.unique(_keys(needed), return_inverse=True)
        cover = self.engine.cover
        covers = [cover(int.from_bytes(key.tobytes(), "little")) for key in keys]
        return covers, where.reshape(-1)


matrices_for = per_catalogue(BitMatrices)


@dataclass(frozen=True)
class TeamCounts:
    """A staff list's groups (effective set, band rank of their role) counted at once."""

    catalogue: Catalogue
    masks: tuple[int, ...]
    """Each distinct effective set, as the engine's bit mask; the rows of ``fewest``."""
    fewest: npt.NDArray[np.signedinteger[Any]]
    """Per set and role: the fewest codes still missing."""
    closest: npt.NDArray[np.signedinteger[Any]]
    """Per set and role: the route with that many missing (the first listed on a tie)."""
    eligible: npt.NDArray[np.int64]
    """Per role: staff eligible now."""
    one_away: npt.NDArray[np.int64]
    """Per role: staff one code away."""
    unlocks: npt.NDArray[np.int64]
    """Per code: staff for whom it alone would open a role above their current band."""

    def open_roles(self) -> dict[int, int]:
        """Per effective set: the roles it meets, as a bit mask of role numbers."""
        packed = np.packbits(self.fewest == 0, axis=1, bitorder="little")
        return {
            mask: int.from_bytes(row, "little")
            for mask, row in zip(self.masks, map(bytes, packed), strict=True)
        }


def team_counts(catalogue: Catalogue, groups: Mapping[tuple[int, int], int]) -> TeamCounts:
    """``groups`` maps (effective mask, band rank of the person's role, -1 for none) to a
    number of staff. Each role's eligible and one-away counts and each code's unlocks are
    the engine's (``RuleEngine.status``), counted on matrices."""
    matrices = matrices_for(catalogue)
    codes, roles = len(matrices.engine.codes), len(matrices.route_start)
    masks = tuple(dict.fromkeys(mask for mask, _ in groups))
    row_of = {mask: row for row, mask in enumerate(masks)}
    group_row = np.array([row_of[mask] for mask, _ in groups], dtype=np.intp)
    # Roles above a person's band rank r are those at a level holding rank r + 1 or more.
    ranks_above = np.array([rank + 1 for _, rank in groups], dtype=np.intp)
    threshold = np.searchsorted(matrices.band_levels, ranks_above)
    staff = np.array(list(groups.values()), dtype=np.int64)
    per_set = np.bincount(group_row, weights=staff, minlength=len(masks)).astype(np.int64)

    # Held for the whole report, a set x role each: as narrow as the map allows.
    fewest = np.empty((len(masks), roles), dtype=_narrowest(codes + 1))
    closest = np.empty((len(masks), roles), dtype=_narrowest(matrices.most_routes))
    unlocks = np.zeros(codes, dtype=np.int64)
    step = matrices.step()
    for start in range(0, len(masks), step):
        chunk = masks[start : start + step]
        held = _bits(chunk, codes)
        counts = matrices.route_counts(held, chunk)
        rows = slice(start, start + len(chunk))
        fewest[rows], closest[rows] = matrices.per_role(counts)
        opens = matrices.single_codes(held, counts, fewest[rows])
        mine = (group_row >= start) & (group_row < start + len(chunk))
        # float64 products run on BLAS and are exact for any count of staff.
        chosen = opens[group_row[mine] - start, threshold[mine]].astype(np.float64)
        unlocks += np.rint(staff[mine].astype(np.float64) @ chosen).astype(np.int64)
    weights = per_set.astype(np.float64)
    eligible = np.rint(weights @ (fewest == 0).astype(np.float64)).astype(np.int64)
    one_away = np.rint(weights @ (fewest == 1).astype(np.float64)).astype(np.int64)
    return TeamCounts(catalogue, masks, fewest, closest, eligible, one_away, unlocks)


def next_step_gaps(
    counts: TeamCounts,
    groups: Sequence[tuple[int, int, int]],
    targets: Sequence[Sequence[int]],
    family: Sequence[int],
) -> npt.NDArray[np.int64]:
    """Staff per slot and code who lack the code on a next step's closest route.

    ``groups`` are (effective mask, slot, staff), each mask one of ``counts``' sets;
    ``targets[slot]`` the role numbers a slot's staff step up to. A group lacks what
    ``RuleEngine.missing_for`` gives for each target: the closest route's lacking codes,
    or a cover's where a code counts as two of them. Counted by family (``family[c]``:
    the column that code ``c`` counts under), each group once per family."""
    matrices = matrices_for(counts.catalogue)
    engine = matrices.engine
    codes, roles = len(engine.codes), len(matrices.route_start)
    aims = np.zeros((len(targets), roles), dtype=bool)
    for slot, roles_aimed in enumerate(targets):
        aims[slot, list(roles_aimed)] = True
    merge = np.zeros((codes, codes), dtype=np.float32)
    merge[np.arange(codes), np.asarray(family, dtype=np.intp)] = 1.0
    table = np.zeros((len(targets), codes), dtype=np.float64)
    row_of = {mask: row for row, mask in enumerate(counts.masks)}
    wanted = sorted((item for item in groups if targets[item[1]]), key=lambda item: item[1])
    words = _words(codes)
    step = max(1, _CHUNK_CELLS // max(2 * roles * words, matrices.tabled.size, 1))  # 16 MB
    for start in range(0, len(wanted), step):
        chunk = wanted[start : start + step]
        slots = np.array([slot for _, slot, _ in chunk], dtype=np.intp)
        sets = [row_of[mask] for mask, _, _ in chunk]
        fewest, closest = counts.fewest[sets], counts.closest[sets]
        lacking = 1 - _bits([mask for mask, _, _ in chunk], codes)
        needed = _gaps_of(matrices, lacking, fewest, closest, aims[slots])
        by_family = (needed.astype(np.float32) @ merge) > 0.5
        staff = np.array([count for _, _, count in chunk], dtype=np.float64)
        # Sorted by slot, so each run's sum lands on a slot of its own.
        edges = np.flatnonzero(np.diff(slots, prepend=-1))
        table[slots[edges]] += np.add.reduceat(by_family * staff[:, None], edges, axis=0)
    gaps_by_slot: npt.NDArray[np.int64] = np.rint(table).astype(np.int64)
    return gaps_by_slot


def _gaps_of(
    matrices: BitMatrices,
    lacking: npt.NDArray[np.uint8],
    fewest: npt.NDArray[np.signedinteger[Any]],
    closest: npt.NDArray[np.signedinteger[Any]],
    aimed: npt.NDArray[np.bool_],
) -> npt.NDArray[np.bool_]:
    """Per set (``lacking``: the codes it lacks, as 0/1 rows), the union of what the
    closest routes of its ``aimed`` roles lack, as ``missing_for`` gives each, on 64-bit
    words: a route's lacking codes, or, where fewer codes cover them (a code counting as
    two), the cover's."""
    engine, codes = matrices.engine, lacking.shape[1]
    lacking_words = _words_of(lacking)
    # Per set and role: the closest route, and what it lacks.
    routes = matrices.route_start + closest
    gaps = lacking_words[:, None, :] & matrices.route_words[routes]
    # Fewer missing than the route lacks: a stand-in covers two of them, so the gap is
    # the cover's codes; from the route's table of covers, or for a long route, the
    # engine's cover of each distinct gap.
    covered = aimed & (fewest < np.bitwise_count(gaps).sum(axis=2, dtype=np.int32))
    rows, roles = np.nonzero(covered)
    if rows.size:
        column = matrices.table_column[routes[rows, roles]]
        tabled = column >= 0
        if tabled.any():
            on, at, column = rows[tabled], roles[tabled], column[tabled]
            weights = lacking.astype(np.float32) @ matrices.subset_weights
            subsets = np.rint(weights[on, column]).astype(np.int64)
            gaps[on, at] = matrices.cover_words()[matrices.table_offsets[column] + subsets]
        if not tabled.all():
            on, at = rows[~tabled], roles[~tabled]
            covers, where = matrices.covers_of(_packed(lacking)[on], routes[on, at])
            gaps[on, at] = _words_of(_bits(list(map(engine.mask, covers)), codes))[where]
    gaps *= aimed[:, :, None]  # only the roles aimed at
    union = np.bitwise_or.reduce(gaps, axis=1)
    return _unpacked(union, codes)


def _unpacked(words: npt.NDArray[np.uint64], width: int) -> npt.NDArray[np.bool_]:
    """Rows of 64-bit words back to rows of ``width`` booleans."""
    bits: npt.NDArray[np.bool_] = (
        np.unpackbits(np.ascontiguousarray(words).view(np.uint8), axis=1, bitorder="little")[
            :, :width
        ]
        > 0
    )
    return bits


def _words_of(bits: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint64]:
    """0/1 rows as rows of 64-bit words (bit i of a row in word i // 64)."""
    words: npt.NDArray[np.uint64] = _packed(bits).view(np.uint64)
    return words


def _bits(masks: Sequence[int], width: int) -> npt.NDArray[np.uint8]:
    """Bit masks as the rows of a 0/1 matrix ``width`` columns wide."""
    size = _words(width) * 8
    blob = b"".join(mask.to_bytes(size, "little") for mask in masks)
    packed = np.frombuffer(blob, dtype=np.uint8).reshape(len(masks), size)
    bits: npt.NDArray[np.uint8] = np.unpackbits(packed, axis=1, bitorder="little")[:, :width]
    return bits


def _packed(bits: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """0/1 rows packed back into bytes, padded to whole 64-bit words."""
    words = _words(bits.shape[1])
    packed = np.packbits(bits, axis=1, bitorder="little")
    padding = words * 8 - packed.shape[1]
    if padding:
        packed = np.pad(packed, ((0, 0), (0, padding)))
    return packed


def _keys(packed: npt.NDArray[np.uint8]) -> npt.NDArray[np.generic]:
    """One sortable value per packed row: a 64-bit word, or the row's bytes."""
    if packed.shape[1] == 8:
        return np.ascontiguousarray(packed).view(np.uint64).reshape(-1)
    row = np.dtype((np.void, packed.shape[1]))
    return np.ascontiguousarray(packed).view(row).reshape(-1)


def _narrowest(largest: int) -> type[np.signedinteger[Any]]:
    """The narrowest integer type (of 16 or 32 bits) that holds 0 to ``largest``."""
    return np.int16 if largest < 1 << 15 else np.int32


def _words(width: int) -> int:
    return max(1, (width + 63) // 64)


def _columns(masks: Sequence[int], width: int) -> npt.NDArray[np.float32]:
    """Bit masks as the columns of a 0/1 matrix ``width`` rows high."""
    if not masks:
        return np.zeros((width, 0), dtype=np.float32)
    return np.ascontiguousarray(_bits(masks, width).T.astype(np.float32))
