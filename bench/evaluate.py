"""Benchmark the rule engine: evaluate many people against the shipped catalogue.

    python bench/evaluate.py [--people 100000]

Reports people per second and, since seconds depend on the machine, ratios measured in
the same run: against one cold evaluation (no cache), and against simply building each
person's set of codes (the floor any evaluation must pay).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from careermap import evaluate, load_catalogue
from careermap.engine import RuleEngine


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    catalogue = load_catalogue()
    codes = [q.code for q in catalogue.qualifications]
    rng = random.Random(args.seed)
    people = [rng.sample(codes, rng.randint(0, 6)) for _ in range(args.people)]

    floor = timed(lambda: [frozenset(person) for person in people])
    warm = timed(lambda: [evaluate(catalogue, person) for person in people])

    def cold() -> None:
        for person in people[:2_000]:
            RuleEngine(catalogue).evaluate(person)

    cold_each = timed(cold) / 2_000
    warm_each = warm / len(people)
    roles = len(catalogue.roles)
    print(
        f"{len(people):,} people x {roles} roles: {warm:.2f} s, {len(people) / warm:,.0f} people/s"
    )
    print(
        f"per person: {warm_each * 1e6:.1f} us evaluated, {cold_each * 1e6:.1f} us cold (no cache)"
    )
    print(f"ratio cold/cached evaluation: {cold_each / warm_each:.1f}x")
    print(f"ratio evaluation/building the code set (floor): {warm / floor:.1f}x")


if __name__ == "__main__":
    main()
