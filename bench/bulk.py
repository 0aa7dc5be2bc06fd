"""Benchmark bulk evaluation (careermap.bulk) against a bare numpy yardstick, and per person.

    python bench/bulk.py [--people 10000] [--roles 1000] [--codes 60]

The yardstick does the least any bulk answer needs, in numpy with nothing else: distinct
sets as 0/1 rows, one product counting each route's lacking codes, each role's fewest
and closest route, eligible and one-away counts weighted by staff. It ignores "counts as"
(so it is not the right answer where one code stands for two); careermap's path adds
that, the unlocks and the bookkeeping, and from a CSV file (``iter_staff``) reading it.
Ratios are measured in the same run, interleaved, the median of five.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable

import numpy as np
from synthetic import large_map_arguments, random_people, synthetic_catalogue

from careermap import Catalogue, analyse_team, evaluate, evaluate_many
from careermap.engine import RuleEngine, engine_for
from careermap.staff import StaffRow, iter_staff


def yardstick(catalogue: Catalogue, people: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    engine = engine_for(catalogue)
    index = {code: number for number, code in enumerate(engine.codes)}
    groups = Counter(frozenset(person) for person in people)
    sets = list(groups)
    held = np.zeros((len(sets), len(index)), dtype=np.float32)
    for row, codes in enumerate(sets):
        held[row, [index[code] for code in codes]] = 1.0
    routes = [route for role in catalogue.roles for route in role.requires]
    member = np.zeros((len(index), len(routes)), dtype=np.float32)
    for column, route in enumerate(routes):
        member[[index[code] for code in route], column] = 1.0
    counts = np.rint((1.0 - held) @ member).astype(np.int32)
    widest = max(len(role.requires) for role in catalogue.roles)
    table = np.full((len(catalogue.roles), widest), len(routes), dtype=np.intp)
    start = 0
    for role, entry in enumerate(catalogue.roles):
        table[role, : len(entry.requires)] = range(start, start + len(entry.requires))
        start += len(entry.requires)
    never = np.full((len(sets), 1), len(index) + 1, np.int32)
    per_role = np.concatenate([counts, never], axis=1)[:, table]
    fewest = per_role.min(axis=2)
    weights = np.array([groups[codes] for codes in sets], dtype=np.int64)
    return weights @ (fewest == 0), weights @ (fewest == 1)


def median_seconds(work: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    args = large_map_arguments(__doc__.splitlines()[0], people=10_000)
    catalogue = synthetic_catalogue(args.codes, args.roles, random.Random(args.seed))
    people = random_people(catalogue, args.people, random.Random(args.seed))
    rows = [StaffRow(n + 2, f"P{n}", ";".join(held), "") for n, held in enumerate(people)]

    evaluate_many(catalogue, people[:10])  # build the matrices and load BLAS once
    limit = median_seconds(lambda: yardstick(catalogue, people))
    bulk = median_seconds(lambda: evaluate_many(catalogue, people))
    team = median_seconds(lambda: analyse_team(catalogue, rows))
    with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8") as staff:
        staff.write("name,quals\n" + "".join(f"{r.name},{r.quals}\n" for r in rows))
        staff.flush()
        from_csv = median_seconds(lambda: analyse_team(catalogue, iter_staff(staff.name)))
    sample = people[: max(1, args.people // 20)]

    def one_by_one() -> None:
        engine = RuleEngine(catalogue)  # cold, as for people never seen before
        for held in sample:
            engine.evaluate(held).results  # noqa: B018 - building them is the work

    single = median_seconds(one_by_one, runs=1) * len(people) / len(sample)
    evaluate(catalogue, people[0])
    size = f"{args.people:,} people x {args.roles:,} roles ({args.codes} codes)"
    print(f"{size}, median of 5:")
    print(f"  numpy yardstick (eligible and one-away counts): {limit:.3f} s")
    print(f"  evaluate_many (every role's eligibility, fewest missing, closest route):"
          f" {bulk:.3f} s, {bulk / limit:.1f}x the yardstick")  # fmt: skip
    print(f"  analyse_team (counts, unlocks, next-step needs): {team:.3f} s,"
          f" {team / limit:.1f}x the yardstick")  # fmt: skip
    print(f"  analyse_team from a CSV file, read and resolved: {from_csv:.3f} s,"
          f" {from_csv / limit:.1f}x the yardstick")  # fmt: skip
    print(f"  evaluate person by person, every result built (from {len(sample):,} people):"
          f" {single:.1f} s, {single / bulk:.0f}x evaluate_many")  # fmt: skip


if __name__ == "__main__":
    main()
