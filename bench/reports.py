"""Benchmark ``careermap team STAFF.csv --reports DIR`` end to end: a PDR round's reports.

    python bench/reports.py [--staff 300]

Runs the real command in a child process (start-up, reading, planning and writing every
page included) on a generated staff list of the shipped map.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import staff_csv

from careermap import load_catalogue


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        staff = Path(scratch) / "staff.csv"
        staff.write_text(staff_csv(load_catalogue(), args.staff, random.Random(7)))
        folder = Path(scratch) / "pdr"
        command = [sys.executable, "-m", "careermap", "team", str(staff), "--reports", str(folder)]
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds = time.perf_counter() - start
        pages = len(list(folder.glob("*.html")))
        size = sum(path.stat().st_size for path in folder.iterdir()) / pages / 1024
    print(f"{args.staff} staff: {pages} pages in {seconds:.2f} s, {size:.0f} KB a page on average")


if __name__ == "__main__":
    main()
