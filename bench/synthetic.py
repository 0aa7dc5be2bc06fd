"""Synthetic catalogues and staff lists for the benchmarks.

The map has 10 bands; each role needs codes from its own level and below and gives
codes from the level above, and about one code in three can also be gained by a course.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

import yaml

from careermap import Catalogue, parse_catalogue


def synthetic_data(codes: int, roles: int, rng: random.Random) -> dict[str, object]:
    names = [f"Q{index:02d}" for index in range(codes)]
    level = {code: index * 10 // codes for index, code in enumerate(names)}
    qualifications = []
    for index, code in enumerate(names):
        lower = [other for other in names[:index] if level[other] == level[code]]
        qualifications.append(
            {
                "code": code,
                "name": f"Qualification {code}",
                "satisfies": rng.sample(lower, min(1, len(lower))),
                "course_months": rng.randint(3, 36) if rng.random() < 0.3 else None,
            }
        )
    role_list = []
    for index in range(roles):
        band = index * 10 // roles
        pool = [code for code in names if level[code] <= band]
        above = [code for code in names if level[code] == min(band + 1, 9)]
        routes = {
            tuple(sorted(rng.sample(pool, min(len(pool), rng.randint(1, 4)))))
            for _ in range(rng.randint(1, 3))
        }
        role_list.append(
            {
                "id": f"role-{index}",
                "title": f"Role {index}",
                "band": str(band),
                "tracks": ["main"],
                "requires": [list(route) for route in sorted(routes)],
                "training": {"leads_to": rng.sample(above, 2), "months": rng.randint(3, 24)},
            }
        )
    return {
        "name": "synthetic",
        "bands": [str(band) for band in range(10)],
        "tracks": ["main"],
        "qualifications": qualifications,
        "roles": role_list,
    }


def synthetic_catalogue(codes: int, roles: int, rng: random.Random) -> Catalogue:
    """A synthetic catalogue, checked by the real loader."""
    return parse_catalogue(synthetic_yaml(codes, roles, rng), "<synthetic>")


def synthetic_yaml(codes: int, roles: int, rng: random.Random) -> str:
    return yaml.safe_dump(synthetic_data(codes, roles, rng), sort_keys=False)


def staff_csv(catalogue: Catalogue, people: int, rng: random.Random) -> str:
    """A staff list: each person holds a few codes, two in three have a current role."""
    codes = [q.code for q in catalogue.qualifications]
    roles = [role.id for role in catalogue.roles]
    lines = ["name,quals,role"]
    for number in range(people):
        held = ";".join(rng.sample(codes, rng.randint(0, min(6, len(codes)))))
        role = rng.choice(roles) if rng.random() < 0.67 else ""
        lines.append(f"Person {number},{held},{role}")
    return "\n".join(lines) + "\n"


def large_map_arguments(description: str, people: int) -> argparse.Namespace:
    """The options of a bench on a synthetic map and many people: --people, --roles,
    --codes and --seed."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--people", type=int, default=people)
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--codes", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def random_people(catalogue: Catalogue, count: int, rng: random.Random) -> list[list[str]]:
    """``count`` people, each holding a random 3 to 12 of the map's codes."""
    codes = [q.code for q in catalogue.qualifications]
    return [rng.sample(codes, rng.randint(3, min(12, len(codes)))) for _ in range(count)]


# What any reader of a CSV staff list does at least, in Python: start, read the file and
# split every row with the csv module's C reader.
_CSV_FLOOR = "import csv, sys; sum(1 for _ in csv.reader(open(sys.argv[1], newline='')))"


def csv_floor(staff: Path) -> float:
    """Seconds a child Python takes to start, read ``staff`` and split it into rows."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _CSV_FLOOR, str(staff)], check=True)
    return time.perf_counter() - start
