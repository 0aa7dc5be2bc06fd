"""Benchmark route planning (careermap path) and the report's plans, typical and worst.

    python bench/path.py [--plans 200] [--codes 60] [--roles 2000] [--report-roles 1000]

- typical: plans aimed at the top fifth of the shipped map and of a synthetic map
  (bench/synthetic.py, where plans mix roles and courses as on a real map);
- worst target: every role of the synthetic map planned from one person, the slowest
  reported against one cold evaluation of every role;
- wide routes: one role needing 22, 30 and 200 codes, each from a course or a dearer
  alternative (the old search took 18.6 s at 22);
- set cover: roles open from the start giving overlapping sets of a wide route's codes,
  the case where the search reaches its budget and finishes greedily;
- report: ``person_report`` (a plan to every role not yet open) on synthetic maps.

Ratios are measured in the same run.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import TypeVar

from synthetic import synthetic_catalogue

from careermap import (
    Catalogue,
    catalogue_from_data,
    load_catalogue,
    person_report,
    plan_path,
)
from careermap.engine import RuleEngine
from careermap.planner import DEFAULT_BUDGET, Plan, RoutePlanner

T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


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
    elapsed, results = timed(lambda: [plan_path(catalogue, t, held) for t, held in queries])
    reachable = [plan for plan in results if plan.reachable]
    mean_steps = sum(len(plan.steps) for plan in reachable) / max(1, len(reachable))
    return elapsed / plans, len(reachable), mean_steps


def cold_evaluation(catalogue: Catalogue, held: set[str]) -> float:
    """One evaluation of every role with nothing cached (a fresh engine)."""
    engine = RuleEngine(catalogue)
    seconds, _ = timed(lambda: engine.evaluate(frozenset(held)).results)  # built, not lazy
    return seconds


def wide_route(codes: int) -> Catalogue:
    """One role needing ``codes`` codes, each from a course or a dearer one counting as it."""
    quals: list[dict[str, object]] = []
    for index in range(codes):
        code = f"C{index:03d}"
        quals.append({"code": code, "name": f"Course {index}", "course_months": 1 + index % 5})
        quals.append(
            {"code": f"D{index:03d}", "name": f"Alternative {index}",
             "course_months": 2 + index % 5, "satisfies": [code]}
        )  # fmt: skip
    route = [f"C{index:03d}" for index in range(codes)]
    role = {"id": "top", "title": "Top", "band": "A", "tracks": ["main"], "requires": [route]}
    return catalogue_from_data(
        {"name": "wide", "bands": ["A"], "tracks": ["main"], "qualifications": quals,
         "roles": [role]}
    )  # fmt: skip


def set_cover(codes: int, roles: int, rng: random.Random) -> Catalogue:
    """``roles`` roles open from START, each giving 2-6 of the top role's ``codes`` codes."""
    goal = [f"G{index:02d}" for index in range(codes)]
    quals = [{"code": "START", "name": "Start"}] + [{"code": c, "name": c} for c in goal]
    role_list: list[dict[str, object]] = [
        {"id": f"r{index}", "title": f"Role {index}", "band": "A", "tracks": ["main"],
         "requires": [["START"]],
         "training": {"leads_to": rng.sample(goal, rng.randint(2, 6)),
                      "months": rng.randint(5, 15)}}
        for index in range(roles)
    ]  # fmt: skip
    role_list.append(
        {"id": "top", "title": "Top", "band": "B", "tracks": ["main"], "requires": [goal]}
    )
    return catalogue_from_data(
        {"name": "cover", "bands": ["A", "B"], "tracks": ["main"], "qualifications": quals,
         "roles": role_list}
    )  # fmt: skip


def describe(plan: Plan) -> str:
    proven = "proven cheapest" if plan.proven_cheapest else "greedy finish"
    return f"{plan.total_months} months in {len(plan.steps)} steps, {proven}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--codes", type=int, default=60)
    parser.add_argument("--roles", type=int, default=2000)
    parser.add_argument("--report-roles", type=int, nargs="+", default=[500, 1000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    shipped = load_catalogue()
    large = synthetic_catalogue(args.codes, args.roles, rng)
    shipped_each, shipped_ok, shipped_steps = time_plans(shipped, args.plans, rng)
    large_each, large_ok, large_steps = time_plans(large, args.plans, rng)
    cold = cold_evaluation(large, {"Q00"})
    print(f"typical, shipped map ({len(shipped.qualifications)} codes, {len(shipped.roles)} roles):"
          f" {shipped_each * 1e3:.2f} ms a plan ({shipped_ok}/{args.plans} reachable,"
          f" {shipped_steps:.1f} steps on average)")  # fmt: skip
    print(f"typical, synthetic map ({args.codes} codes, {args.roles} roles):"
          f" {large_each * 1e3:.1f} ms a plan ({large_ok}/{args.plans} reachable,"
          f" {large_steps:.1f} steps on average); {large_each / cold:.1f}x one cold"
          f" evaluation of every role ({cold * 1e3:.1f} ms)")  # fmt: skip

    planner = RoutePlanner(large, {"Q00"})
    each = [(timed(lambda role_id=role.id: planner.plan(role_id)), role.id) for role in large.roles]
    each.sort(key=lambda timing: timing[0][0])
    (worst, worst_plan), worst_id = each[-1]
    median = each[len(each) // 2][0][0]
    print(f"worst target, synthetic map, holding Q00: --to {worst_id} {worst * 1e3:.0f} ms"
          f" ({describe(worst_plan)}); {worst / cold:.1f}x one cold evaluation;"
          f" median {median * 1e3:.2f} ms")  # fmt: skip

    for codes in (22, 30, 200):
        catalogue = wide_route(codes)
        seconds, plan = timed(lambda catalogue=catalogue: plan_path(catalogue, "top", ()))
        print(f"wide route of {codes} codes (two courses each): {seconds * 1e3:.1f} ms"
              f" ({describe(plan)})")  # fmt: skip

    for codes, roles in ((20, 50), (30, 200), (60, 1000)):
        catalogue = set_cover(codes, roles, random.Random(args.seed))
        seconds, plan = timed(lambda catalogue=catalogue: plan_path(catalogue, "top", {"START"}))
        more, better = timed(
            lambda catalogue=catalogue: plan_path(
                catalogue, "top", {"START"}, budget=10 * DEFAULT_BUDGET
            )
        )
        print(f"set cover, {codes} codes from {roles} roles: {seconds * 1e3:.0f} ms"
              f" ({describe(plan)}); with 10x the budget {more / seconds:.1f}x the time"
              f" ({describe(better)})")  # fmt: skip

    for roles in args.report_roles:
        catalogue = synthetic_catalogue(args.codes, roles, random.Random(args.seed))
        seconds, report = timed(lambda c=catalogue: person_report(c, {"Q00", "Q01"}))
        greedy = sum(not plan.proven_cheapest for plan in report.plans)
        print(f"report, synthetic map of {roles} roles: {seconds:.2f} s for"
              f" {len(report.plans)} plans ({seconds / len(report.plans) * 1e3:.2f} ms each,"
              f" {greedy} finished greedily)")  # fmt: skip


if __name__ == "__main__":
    main()
