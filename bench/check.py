"""Benchmark `check` for one person: gaps by effort plan each role, within a bound.

    python bench/check.py [--people 20]

`check_report` plans every role the person is not yet eligible for (at most
`effort.MAX_PLANNED_ROLES`, each within `effort.PLAN_BUDGET` steps), so its time is set by
the planner, not the engine. Reports the median seconds per person on the shipped map
and on synthetic maps of 1,000 and 3,000 roles, as a ratio to `evaluate` (the engine
alone, which counts codes) measured in the same run, and how many roles went unplanned.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from synthetic import synthetic_catalogue

from careermap import Catalogue, check_report, evaluate, load_catalogue


def median_seconds(catalogue: Catalogue, people: list[frozenset[str]], check: bool) -> float:
    """The median seconds of ``check_report`` (or ``evaluate``) over ``people``."""
    times = []
    for held in people:
        start = time.perf_counter()
        if check:
            check_report(catalogue, held)
        else:
            evaluate(catalogue, held).results  # noqa: B018 (built when read)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    maps: list[tuple[str, Catalogue]] = [("shipped (13 roles)", load_catalogue())]
    maps += [
        (f"synthetic ({roles:,} roles)", synthetic_catalogue(60, roles, random.Random(1)))
        for roles in (1000, 3000)
    ]
    print(f"{'map':<24} {'check s':>9} {'evaluate s':>11} {'ratio':>7} {'unplanned':>10}")
    for label, catalogue in maps:
        codes = [q.code for q in catalogue.qualifications]
        people = [frozenset(rng.sample(codes, min(5, len(codes)))) for _ in range(args.people)]
        checked = median_seconds(catalogue, people, check=True)
        evaluated = median_seconds(catalogue, people, check=False)
        summary = check_report(catalogue, people[0]).summary
        left = summary.unplanned if summary else 0
        ratio = checked / evaluated if evaluated else float("inf")
        print(f"{label:<24} {checked:>9.3f} {evaluated:>11.4f} {ratio:>6.0f}x {left:>10,}")


if __name__ == "__main__":
    main()
