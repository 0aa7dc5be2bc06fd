"""How fast careermap starts, against the floor its dependencies set.

    python bench/startup.py [--runs 30]

Times, in one run with the commands interleaved, the median wall-clock time of:
- the floor: ``python -c "import typer, pydantic, yaml"``;
- ``careermap check --quals ILM3,L3TSM --format json``;
- ``careermap --help``;
and, in-process, loading the shipped catalogue from the cache of checked catalogues and
checking it afresh. Reports each command as a ratio of the floor (targets: check within
1.3x, --help within 1.2x) and the loads in milliseconds (target: under 15 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

PYTHON = sys.executable
COMMANDS = {
    "floor": [PYTHON, "-c", "import typer, pydantic, yaml"],
    "check": [PYTHON, "-m", "careermap", "check", "--quals", "ILM3,L3TSM", "--format", "json"],
    "help": [PYTHON, "-m", "careermap", "--help"],
}

LOAD_TIMES = """
import time
from careermap import load_catalogue
load_catalogue()
runs = []
for _ in range(30):
    start = time.perf_counter()
    load_catalogue()
    runs.append(time.perf_counter() - start)
print(sorted(runs)[len(runs) // 2] * 1e3)
"""


def load_time(**environment: str) -> float:
    child = subprocess.run(
        [PYTHON, "-c", LOAD_TIMES],
        env={**os.environ, **environment},
        check=True,
        capture_output=True,
        text=True,
    )
    return float(child.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for command in COMMANDS.values():  # warm the file cache and the catalogue cache
        subprocess.run(command, check=True, capture_output=True)
    for _ in range(args.runs):
        for name, command in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, seconds in median.items():
        ratio = seconds / median["floor"]
        print(f"{name:>6}: {seconds * 1e3:6.1f} ms median, {ratio:.2f}x the floor")
    print(f"  load: {load_time():.1f} ms from the cache of checked catalogues")
    print(f"  load: {load_time(CAREERMAP_NO_CACHE='1'):.1f} ms checking the file afresh")


if __name__ == "__main__":
    main()
