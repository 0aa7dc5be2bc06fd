"""Benchmark careermap team on HR exports with a mapping file, end to end.

    python bench/hr_team.py [--staff 10000 100000 1000000]

Writes exports shaped as an HR system's (bench/hr_export.py), maps them with
tests/data/hr-mapping.yaml, runs the real command in a child process for the summary and
for `--per-person` in CSV and JSON (streamed: each person's row is written as the list
is read again), and reports seconds, peak memory and the cost per 1,000 staff; then
seconds divided by the floor of reading the same file (a child Python splitting it into
rows with the csv module and nothing else), and seconds and peak memory divided by the
same mode's at the first size, so cost and growth read as ratios within one run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import csv_floor

MAPPING = Path(__file__).parents[1] / "tests" / "data" / "hr-mapping.yaml"
EXPORT = Path(__file__).with_name("hr_export.py")


def run(staff: Path, mapping: Path, *extra: str) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one ``careermap team`` run."""
    output = staff.with_suffix(".out")
    command = [sys.executable, "-m", "careermap", "team", str(staff), "--mapping", str(mapping)]
    command += [*extra, "--output", str(output)]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"careermap team failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        mapping = MAPPING
        print(
            f"{'staff':>9} {'mode':<22} {'seconds':>8} {'peak MB':>8} {'s / 1k staff':>13}"
            f" {'x floor':>8} {'x seconds':>10} {'x peak':>7}"
        )
        first: dict[str, tuple[float, float]] = {}
        for count in args.staff:
            staff = Path(folder) / f"hr-{count}.csv"
            # Written by a child: rows built here would stay in this process's memory,
            # which each run starts as a copy of, so its peak would be ours.
            with staff.open("wb") as file:
                subprocess.run([sys.executable, str(EXPORT), str(count)], stdout=file, check=True)
            floor = csv_floor(staff)
            print(f"{count:>9,} {'floor: csv module only':<22} {floor:>8.2f}")
            for mode, extra in (
                ("summary", ()),
                ("per person, csv", ("--per-person", "-f", "csv")),
                ("per person, json", ("--per-person", "-f", "json")),
            ):
                seconds, peak = run(staff, mapping, *extra)
                per_thousand = seconds / count * 1000
                base_seconds, base_peak = first.setdefault(mode, (seconds, peak))
                print(
                    f"{count:>9,} {mode:<22} {seconds:>8.2f} {peak:>8.0f} {per_thousand:>13.3f}"
                    f" {seconds / floor:>7.1f}x {seconds / base_seconds:>9.1f}x"
                    f" {peak / base_peak:>6.2f}x"
                )
            staff.unlink()
            staff.with_suffix(".out").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
