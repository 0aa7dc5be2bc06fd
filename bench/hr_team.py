"""Benchmark careermap team on HR exports with a mapping file, end to end.

    python bench/hr_team.py [--staff 10000 100000]

Writes exports shaped as an HR system's (bench/hr_export.py), maps them with
tests/data/hr-mapping.yaml, runs the real command in a child process for the summary and
for `--per-person --format csv`, and reports seconds, peak memory and the cost per 1,000
staff, so growth reads as ratios.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hr_export import export

MAPPING = Path(__file__).parents[1] / "tests" / "data" / "hr-mapping.yaml"


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
        print(f"{'staff':>9} {'mode':<22} {'seconds':>8} {'peak MB':>8} {'s / 1k staff':>13}")
        for count in args.staff:
            staff = Path(folder) / f"hr-{count}.csv"
            with staff.open("w", newline="", encoding="utf-8") as file:
                csv.writer(file, lineterminator="\n").writerows(export(count))
            for mode, extra in (
                ("summary", ()),
                ("per person, csv", ("--per-person", "-f", "csv")),
            ):
                seconds, peak = run(staff, mapping, *extra)
                per_thousand = seconds / count * 1000
                print(f"{count:>9,} {mode:<22} {seconds:>8.2f} {peak:>8.0f} {per_thousand:>13.3f}")


if __name__ == "__main__":
    main()
