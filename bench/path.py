"""Benchmark route planning (careermap path) and the report's plans, typical and worst.

    python bench/path.py [--plans 200] [--codes 60] [--roles 2000] [--report-roles 500 1000]
                         [--baseline OLD_PLANNER.py]

- typical: plans aimed at the top fifth of the shipped map and of a synthetic map
  (bench/synthetic.py, where plans mix roles and courses as on a real map);
- worst target: every role of the synthetic map planned from one person, the slowest
  reported against one cold evaluation of every role;
- wide routes: one role needing 22, 30 and 200 codes, each from a course or a dearer
  alternative (the old search took 18.6 s at 22);
- side by side: one role needing 12, 20 and 40 codes, each from a course alongside work
  and from roles open from the start giving two or three of them: the timeline's bad
  case, where which codes go to the work lane and which to the study lane is a real
  choice;
- set cover: roles open from the start giving overlapping sets of a wide route's codes,
  the case where the search reaches its budget and finishes greedily;
- report: ``person_report`` (a plan to every role not yet open) on synthetic maps.

``--baseline`` names another planner module (say the sequential one,
``git show a05afe1:careermap/planner.py > /tmp/sequential.py``): every case is timed with
it too, interleaved in the same run, and the ratio printed. Ratios are measured in the
same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any, TypeVar

from synthetic import synthetic_catalogue

import careermap.person
import careermap.planner
from careermap import Catalogue, catalogue_from_data, load_catalogue, person_report
from careermap.engine import RuleEngine
from careermap.planner import DEFAULT_BUDGET

T = TypeVar("T")
Planner = ModuleType
"""A planner module: ``plan_path``, ``RoutePlanner`` and plans with ``total_months``."""


def timed(work: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def load_planner(path: str) -> Planner:
    spec = importlib.util.spec_from_file_location("baseline_planner", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@contextmanager
def planning_with(planner: Planner) -> Iterator[None]:
    """``person_report`` planning with ``planner``."""
    kept = careermap.person.RoutePlanner

    class Compatible(planner.RoutePlanner):  # type: ignore[misc,name-defined]
        """An older planner may not take study under way (these reports have none)."""

        def __init__(self, *args: Any, studying: Any = None, **options: Any) -> None:
            super().__init__(*args, **options)

    careermap.person.RoutePlanner = (
        planner.RoutePlanner if planner is careermap.planner else Compatible
    )
    try:
        yield
    finally:
        careermap.person.RoutePlanner = kept


def typical_queries(
    catalogue: Catalogue, plans: int, rng: random.Random
) -> list[tuple[str, set[str]]]:
    codes = [q.code for q in catalogue.qualifications]
    low = codes[: max(2, len(codes) // 5)]
    # Aim high: targets from the top fifth of the map, so plans climb through roles.
    high = catalogue.roles_in_band_order()[-max(1, len(catalogue.roles) // 5) :]
    return [
        (rng.choice(high).id, set(rng.sample(low, rng.randint(0, len(low) // 2))))
        for _ in range(plans)
    ]


def time_plans(
    planners: list[Planner], catalogue: Catalogue, queries: list[tuple[str, set[str]]]
) -> list[tuple[float, int, float, float]]:
    """Per planner: seconds a plan, plans reachable, mean steps and mean months of the
    reachable. Each query is planned by each planner in turn (interleaved, so a machine
    busy for a while slows them alike)."""
    seconds = [0.0] * len(planners)
    found: list[list[Any]] = [[] for _ in planners]
    for planner in planners:
        planner.plan_path(catalogue, queries[0][0], queries[0][1])  # build the engine once
    for target, held in queries:
        for number, planner in enumerate(planners):
            took, plan = timed(lambda p=planner, t=target, h=held: p.plan_path(catalogue, t, h))
            seconds[number] += took
            found[number].append(plan)
    results = []
    for took, plans in zip(seconds, found, strict=True):
        reachable = [plan for plan in plans if plan.reachable]
        mean_steps = sum(len(plan.steps) for plan in reachable) / max(1, len(reachable))
        mean_months = sum(plan.total_months for plan in reachable) / max(1, len(reachable))
        results.append((took / len(queries), len(reachable), mean_steps, mean_months))
    return results


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


def side_by_side(codes: int, rng: random.Random) -> Catalogue:
    """One role needing ``codes`` codes, each from a course alongside work (3 to 24
    months) and from some of ``codes // 2`` roles open from START, each giving two or three
    of them in 6 to 18 months."""
    goal = [f"G{index:02d}" for index in range(codes)]
    quals: list[dict[str, object]] = [{"code": "START", "name": "Start"}]
    quals += [{"code": c, "name": c, "course_months": rng.randint(3, 24)} for c in goal]
    role_list: list[dict[str, object]] = [
        {"id": f"r{index}", "title": f"Role {index}", "band": "A", "tracks": ["main"],
         "requires": [["START"]],
         "training": {"leads_to": rng.sample(goal, rng.randint(2, 3)),
                      "months": rng.randint(6, 18)}}
        for index in range(codes // 2)
    ]  # fmt: skip
    role_list.append(
        {"id": "top", "title": "Top", "band": "B", "tracks": ["main"], "requires": [goal]}
    )
    return catalogue_from_data(
        {"name": "side by side", "bands": ["A", "B"], "tracks": ["main"],
         "qualifications": quals, "roles": role_list}
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


def describe(plan: Any) -> str:
    proven = "proven cheapest" if plan.proven_cheapest else "greedy finish"
    return f"{plan.total_months} months in {len(plan.steps)} steps, {proven}"


def versus(seconds: float, old: tuple[float, Any] | None) -> str:
    """``; baseline 12 ms (2.1x)``: the baseline's time and this run's ratio to it."""
    if old is None:
        return ""
    return f"; baseline {old[0] * 1e3:.1f} ms ({describe(old[1])}), {seconds / old[0]:.1f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--codes", type=int, default=60)
    parser.add_argument("--roles", type=int, default=2000)
    parser.add_argument("--report-roles", type=int, nargs="+", default=[500, 1000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline", help="another planner module to time against")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    now: Planner = careermap.planner
    baseline = load_planner(args.baseline) if args.baseline else None

    def both(work: Callable[[Planner], T]) -> tuple[tuple[float, T], tuple[float, T] | None]:
        """``work`` timed with this planner, then with the baseline's, if any."""
        mine = timed(lambda: work(now))
        return mine, None if baseline is None else timed(lambda: work(baseline))

    shipped = load_catalogue()
    large = synthetic_catalogue(args.codes, args.roles, rng)
    for name, catalogue in (("shipped map", shipped), ("synthetic map", large)):
        queries = typical_queries(catalogue, args.plans, rng)
        timings = time_plans([now] if baseline is None else [now, baseline], catalogue, queries)
        each, ok, steps, months = timings[0]
        line = (
            f"typical, {name} ({len(catalogue.qualifications)} codes,"
            f" {len(catalogue.roles)} roles): {each * 1e3:.2f} ms a plan ({ok}/{args.plans}"
            f" reachable, {steps:.1f} steps, {months:.1f} months on average)"
        )
        if baseline is not None:
            old_each, _, old_steps, old_months = timings[1]
            line += (
                f"; baseline {old_each * 1e3:.2f} ms ({old_steps:.1f} steps, {old_months:.1f}"
                f" months one after another), {each / old_each:.1f}x"
            )
        print(line)
    cold = cold_evaluation(large, {"Q00"})
    print(f"one cold evaluation of every role of the synthetic map: {cold * 1e3:.1f} ms")

    for planner, label in ((now, "now"), (baseline, "baseline")):
        if planner is None:
            continue
        routes = planner.RoutePlanner(large, {"Q00"})
        each = [(timed(lambda r=role.id, p=routes: p.plan(r)), role.id) for role in large.roles]
        each.sort(key=lambda timing: timing[0][0])
        (worst, worst_plan), worst_id = each[-1]
        median = each[len(each) // 2][0][0]
        print(f"worst target ({label}), synthetic map, holding Q00: --to {worst_id}"
              f" {worst * 1e3:.0f} ms ({describe(worst_plan)}); {worst / cold:.1f}x one cold"
              f" evaluation; median {median * 1e3:.2f} ms")  # fmt: skip

    for codes in (22, 30, 200):
        catalogue = wide_route(codes)
        (seconds, plan), old = both(lambda p, c=catalogue: p.plan_path(c, "top", ()))
        print(f"wide route of {codes} codes (two courses each): {seconds * 1e3:.1f} ms"
              f" ({describe(plan)}){versus(seconds, old)}")  # fmt: skip

    for codes in (12, 20, 40):
        catalogue = side_by_side(codes, random.Random(args.seed))
        (seconds, plan), old = both(lambda p, c=catalogue: p.plan_path(c, "top", {"START"}))
        print(f"side by side, {codes} codes from courses and {codes // 2} roles:"
              f" {seconds * 1e3:.0f} ms ({describe(plan)}, {plan.sequential_months} one after"
              f" another){versus(seconds, old)}")  # fmt: skip

    for codes, roles in ((20, 50), (30, 200), (60, 1000)):
        catalogue = set_cover(codes, roles, random.Random(args.seed))
        (seconds, plan), old = both(lambda p, c=catalogue: p.plan_path(c, "top", {"START"}))
        more, better = timed(
            lambda c=catalogue: now.plan_path(c, "top", {"START"}, budget=10 * DEFAULT_BUDGET)
        )
        print(f"set cover, {codes} codes from {roles} roles: {seconds * 1e3:.0f} ms"
              f" ({describe(plan)}); with 10x the budget {more / seconds:.1f}x the time"
              f" ({describe(better)}){versus(seconds, old)}")  # fmt: skip

    for roles in args.report_roles:
        catalogue = synthetic_catalogue(args.codes, roles, random.Random(args.seed))

        def report(planner: Planner, c: Catalogue = catalogue) -> Any:
            with planning_with(planner):
                return person_report(c, {"Q00", "Q01"})

        (seconds, found), old = both(report)
        greedy = sum(not plan.proven_cheapest for plan in found.plans)
        line = (
            f"report, synthetic map of {roles} roles: {seconds:.2f} s for {len(found.plans)}"
            f" plans ({seconds / len(found.plans) * 1e3:.2f} ms each, {greedy} finished"
            " greedily)"
        )
        if old is not None:
            line += f"; baseline {old[0]:.2f} s, {seconds / old[0]:.1f}x"
        print(line)


if __name__ == "__main__":
    main()
