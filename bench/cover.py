"""Benchmark careermap.cover.minimum_cover against the exhaustive search it replaces.

    python bench/cover.py [--timeout 5] [--seed 7] [--instances 20]

Times, in one run, today's search (RuleEngine._exact_cover, copied here to work on
indexes) and ``minimum_cover`` on: routes of 16, 20, 30 and 200 codes with no "counts
as"; a 200-code route whose codes form "counts as" chains; 20 and 40 needed codes that 30
and 60 further codes each count as a handful of (real choices); and 200 needed codes with
300 such codes, where the default budget runs out. Today's search runs in a child process
stopped after --timeout seconds, so its slow cases show as a lower bound. Reports the
absolute times, the ratios measured in this run and the covers' sizes (and whether the
two agree); then, for the instances with real choices, what the budget buys (no budget,
the default, more) and, over --instances more random 40/60 instances, the median and
slowest times at the default budget and how often it reaches the exact answer.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import time
from collections.abc import Callable
from functools import partial
from multiprocessing.connection import Connection

from careermap.cover import DEFAULT_BUDGET, closures_of, minimum_cover
from careermap.cover import exhaustive_cover as today

Instance = tuple[int, list[int]]  # needed mask, closures


def plain_route(codes: int) -> Instance:
    return (1 << codes) - 1, closures_of([[] for _ in range(codes)])


def chained_route(codes: int) -> Instance:
    """Chains of four (a Master's counts as a degree, which counts as a diploma...)."""
    counts_as = [[code + 1] if (code + 1) % 4 and code + 1 < codes else [] for code in range(codes)]
    return (1 << codes) - 1, closures_of(counts_as)


def overlapping(needed: int, others: int, rng: random.Random) -> Instance:
    """``others`` codes beyond the needed ones, each counting as 3-8 of them."""
    counts_as: list[list[int]] = [[] for _ in range(needed)]
    counts_as += [rng.sample(range(needed), rng.randint(3, 8)) for _ in range(others)]
    return (1 << needed) - 1, closures_of(counts_as)


def _today_child(send: Connection, instance: Instance) -> None:
    runs, result = [], today(*instance)
    start = time.perf_counter()
    while True:  # repeat quick cases for a steadier time
        begin = time.perf_counter()
        today(*instance)
        runs.append(time.perf_counter() - begin)
        if time.perf_counter() - start > 0.2 or len(runs) >= 50:
            break
    send.send((min(runs), result))


def time_today(instance: Instance, limit: float) -> tuple[float, tuple[int, ...]] | None:
    """Seconds for today's search and its answer, or None if stopped after ``limit``."""
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=_today_child, args=(send, instance), daemon=True)
    child.start()
    if receive.poll(limit):
        outcome: tuple[float, tuple[int, ...]] = receive.recv()
        child.join()
        return outcome
    child.terminate()
    child.join()
    return None


def time_call(work: Callable[[], object]) -> float:
    """Best seconds per call over five rounds of enough calls to take 0.1 s."""
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            work()
        if time.perf_counter() - start > 0.1:
            break
        calls *= 4
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(calls):
            work()
        rounds.append((time.perf_counter() - start) / calls)
    return min(rounds)


def show(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1e3:.2f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:.0f} us"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds for today's search")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--instances", type=int, default=20, help="random 40/60 instances to time")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = {
        "route of 16 codes, no counts-as": plain_route(16),
        "route of 20 codes, no counts-as": plain_route(20),
        "route of 30 codes, no counts-as": plain_route(30),
        "route of 200 codes, no counts-as": plain_route(200),
        "route of 200 codes, counts-as chains": chained_route(200),
        "20 needed, 30 overlapping codes": overlapping(20, 30, rng),
        "40 needed, 60 overlapping codes": overlapping(40, 60, rng),
        "200 needed, 300 overlapping codes": overlapping(200, 300, rng),
    }
    print(
        f"default budget: {DEFAULT_BUDGET:,} steps; today's search stopped after {args.timeout} s"
    )
    print(f"{'case':<38} {'today':>16} {'minimum_cover':>14} {'ratio':>11}  cover")
    for name, instance in cases.items():
        answer = minimum_cover(*instance)
        new = time_call(partial(minimum_cover, *instance))
        old = time_today(instance, args.timeout)
        if old is None:
            old_text, ratio, agree = (
                f"> {show(args.timeout)} (stopped)",
                f"> {args.timeout / new:,.0f}x",
                "",
            )
        else:
            old_text, ratio = show(old[0]), f"{old[0] / new:,.0f}x"
            agree = " (same)" if old[1] == answer else f" (DIFFERS: today {len(old[1])})"
        print(f"{name:<38} {old_text:>16} {show(new):>14} {ratio:>11}  {len(answer)}{agree}")

    print("\nthe budget, on the instances with real choices (cover size in time):")
    for name, more in (
        ("40 needed, 60 overlapping codes", 10**9),
        ("200 needed, 300 overlapping codes", 10 * DEFAULT_BUDGET),
    ):
        instance = cases[name]
        runs = []
        for budget in (0, DEFAULT_BUDGET, more):
            start = time.perf_counter()
            cover = minimum_cover(*instance, budget=budget)
            if budget == more:
                spent = time.perf_counter() - start
            else:
                spent = time_call(partial(minimum_cover, *instance, budget=budget))
            label = "no limit (exact)" if budget == 10**9 else f"{budget:,} steps"
            runs.append(f"{label}: {len(cover)} in {show(spent)}")
        print(f"  {name}: " + "; ".join(runs))

    print(f"\n{args.instances} more instances of 40 needed, 60 overlapping codes, default budget:")
    times: list[float] = []
    exact = 0
    for _ in range(args.instances):
        instance = overlapping(40, 60, rng)
        start = time.perf_counter()
        cover = minimum_cover(*instance)
        times.append(time.perf_counter() - start)
        exact += cover == minimum_cover(*instance, budget=10**9)
    times.sort()
    print(f"  median {show(times[len(times) // 2])}, slowest {show(times[-1])};"
          f" the exact answer in {exact} of {args.instances}")  # fmt: skip


if __name__ == "__main__":
    main()
