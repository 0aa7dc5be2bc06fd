"""Benchmark route planning (careermap path) on the shipped map and a large synthetic one.

    python bench/path.py [--plans 200] [--codes 60] [--roles 2000]

The synthetic map (bench/synthetic.py) makes plans mix roles and courses as on a real map.
Ratios are measured in the same run.
"""

from __future__ import annotations

import argparse
import random
import time

from synthetic import synthetic_catalogue

from careermap import Catalogue, evaluate, load_catalogue, plan_path


def time_plans(catalogue: Catalogue, plans: int, rng: random.Random) -> tuple[float, int, float]:
    codes = [q.code for q in catalogue.qualifications]
    low = codes[: max(2, len(codes) // 5)]
    # Aim high: targets from the top fifth of the map, so plans climb through roles.
    high = catalogue.roles_in_band_order()[-max(1, len(catalogue.roles) // 5) :]
    queries = [
        (rng.choice(high).id, set(rng.sample(low, rng.randint(0, len(low) // 2))))
        for _ in range(plans)
    ]
    plan_path(catalogue, queries[0][0], queries[0][1])  # build the engine once
    start = time.perf_counter()
    results = [plan_path(catalogue, target, held) for target, held in queries]
    elapsed = (time.perf_counter() - start) / plans
    reachable = [plan for plan in results if plan.reachable]
    mean_steps = sum(len(plan.steps) for plan in reachable) / max(1, len(reachable))
    return elapsed, len(reachable), mean_steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--codes", type=int, default=60)
    parser.add_argument("--roles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    shipped = load_catalogue()
    large = synthetic_catalogue(args.codes, args.roles, rng)
    shipped_each, shipped_ok, shipped_steps = time_plans(shipped, args.plans, rng)
    large_each, large_ok, large_steps = time_plans(large, args.plans, rng)
    start = time.perf_counter()
    for _ in range(20):
        evaluate(large, {large.qualifications[0].code})
    evaluate_each = (time.perf_counter() - start) / 20

    print(f"shipped map ({len(shipped.qualifications)} codes, {len(shipped.roles)} roles):"
          f" {shipped_each * 1e3:.2f} ms a plan ({shipped_ok}/{args.plans} reachable,"
          f" {shipped_steps:.1f} steps on average)")  # fmt: skip
    print(f"synthetic map ({args.codes} codes, {args.roles} roles):"
          f" {large_each * 1e3:.1f} ms a plan ({large_ok}/{args.plans} reachable,"
          f" {large_steps:.1f} steps on average)")  # fmt: skip
    print(f"ratio synthetic/shipped plan: {large_each / shipped_each:.0f}x")
    ratio = large_each / evaluate_each
    print(f"ratio synthetic plan/one evaluation of the synthetic map: {ratio:.1f}x")


if __name__ == "__main__":
    main()
