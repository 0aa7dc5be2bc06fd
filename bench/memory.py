"""Benchmark the rule engine's memory on a large map: many distinct people, one process.

    python bench/memory.py [--people 100000] [--roles 1000] [--codes 60]

Each person (a random 3-12 of the codes, nearly all distinct) is evaluated and asked which
roles are open, as a check report would; nothing is kept. Peak memory is the process's
maximum resident size. Cold is the first pass over a sample of people (nothing cached),
warm a second pass over the same sample; ratios are measured in the same run.
"""

from __future__ import annotations

import random
import resource
import sys
import time

from synthetic import large_map_arguments, random_people, synthetic_catalogue

from careermap import evaluate


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    args = large_map_arguments(__doc__.splitlines()[0], people=100_000)
    catalogue = synthetic_catalogue(args.codes, args.roles, random.Random(args.seed))
    rng = random.Random(args.seed)
    sample = random_people(catalogue, 1_000, rng)
    start_mb = peak_mb()

    def run(people: list[list[str]]) -> tuple[float, int]:
        start, open_roles = time.perf_counter(), 0
        for held in people:
            open_roles += len(evaluate(catalogue, held).eligible)
        return time.perf_counter() - start, open_roles

    cold, _ = run(sample)
    warm, _ = run(sample)
    everyone = random_people(catalogue, args.people, rng)
    start = time.perf_counter()
    open_roles = sum(len(evaluate(catalogue, held).eligible) for held in everyone)
    seconds = time.perf_counter() - start

    print(f"{args.people:,} people x {args.roles:,} roles ({args.codes} codes): {seconds:.1f} s,"
          f" {open_roles / args.people:.0f} roles open on average")  # fmt: skip
    print(f"peak memory {peak_mb():.0f} MB ({start_mb:.0f} MB before evaluating)")
    print(f"per person: {cold / len(sample) * 1e3:.2f} ms cold, {warm / len(sample) * 1e3:.3f} ms"
          f" warm (cached record); ratio cold/warm {cold / warm:.0f}x")  # fmt: skip


if __name__ == "__main__":
    main()
