"""Benchmark careermap team end to end: the real command on generated staff lists.

    python bench/team.py

    python bench/team.py --million

Runs ``careermap team STAFF.csv --format json`` in a child process (start-up, catalogue
loading and CSV parsing included) on staff lists of three sizes, against the shipped map
and a synthetic 1,000-role map, and reports seconds, peak memory and the cost per
staff x role, so growth can be read off as ratios from the same run.

With ``--million``, also 1,000,000 random staff on the shipped map (four in ten rows
distinct: the worst case for counting by distinct cells), against two floors measured
in the same run: a child Python reading the file with the csv module and nothing else,
and the numpy yardstick of ``bench/bulk.py`` (eligible and one-away counts of the
people's codes, already split, in this process).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bulk import yardstick
from synthetic import csv_floor, staff_csv, synthetic_yaml

from careermap import default_catalogue_path, parse_catalogue


def run_team(catalogue: Path, staff: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one ``careermap team`` run."""
    command = [sys.executable, "-m", "careermap", "team", str(staff), "--format", "json"]
    command += ["--catalogue", str(catalogue), "--output", str(staff.with_suffix(".json"))]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"careermap team failed with exit code {child.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--million", action="store_true", help="also 1,000,000 staff")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="careermap-bench-"))

    shipped_path = default_catalogue_path()
    large_path = folder / "large.yaml"
    large_path.write_text(synthetic_yaml(60, 1000, rng), encoding="utf-8")
    maps = [
        ("shipped map", shipped_path, (25_000, 50_000, 100_000)),
        ("1,000-role map", large_path, (2_500, 5_000, 10_000)),
    ]
    for label, path, sizes in maps:
        catalogue = parse_catalogue(path.read_text(encoding="utf-8"), str(path))
        roles = len(catalogue.roles)
        base = None
        for people in sizes:
            staff = folder / f"staff-{label[:4]}-{people}.csv"
            staff.write_text(staff_csv(catalogue, people, rng), encoding="utf-8")
            seconds, peak = run_team(path, staff)
            per_cell = seconds / (people * roles) * 1e6
            base = base or per_cell
            print(
                f"{label}: {people:>7,} staff x {roles:>5,} roles: {seconds:5.2f} s,"
                f" peak {peak:4.0f} MB, {per_cell:.3f} us per staff x role"
                f" ({per_cell / base:.2f}x the smallest size's)"
            )
    if args.million:
        million(shipped_path, folder / "staff-million.csv", args.seed)


def million(catalogue_path: Path, staff: Path, seed: int) -> None:
    """1,000,000 random staff on the shipped map, against the floors, in one run."""
    # Written by a child: rows built here would stay in this process's memory, which each
    # run starts as a copy of, so its peak would be ours.
    script = (
        "import random, sys; from pathlib import Path; from synthetic import staff_csv;"
        " from careermap import parse_catalogue; path = Path(sys.argv[1]);"
        " catalogue = parse_catalogue(path.read_text(encoding='utf-8'), str(path));"
        " sys.stdout.write(staff_csv(catalogue, 1_000_000, random.Random(int(sys.argv[2]))))"
    )
    with staff.open("w", encoding="utf-8") as file:
        command = [sys.executable, "-c", script, str(catalogue_path), str(seed)]
        subprocess.run(command, stdout=file, check=True, cwd=Path(__file__).parent)
    floor = csv_floor(staff)
    seconds, peak = run_team(catalogue_path, staff)
    catalogue = parse_catalogue(catalogue_path.read_text(encoding="utf-8"), str(catalogue_path))
    with staff.open(newline="", encoding="utf-8") as file:
        people = [row[1].split(";") if row[1] else [] for row in list(csv.reader(file))[1:]]
    start = time.perf_counter()
    yardstick(catalogue, people)
    limit = time.perf_counter() - start
    print(
        f"shipped map: 1,000,000 random staff: {seconds:5.2f} s, peak {peak:4.0f} MB;"
        f" {seconds / floor:.1f}x reading the CSV ({floor:.2f} s),"
        f" {seconds / limit:.1f}x the numpy yardstick ({limit:.2f} s)"
    )


if __name__ == "__main__":
    main()
