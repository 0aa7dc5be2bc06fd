"""A staff list as an HR system exports it, for trying `careermap team` on real shapes.

    python bench/hr_export.py 300 > hr-export.csv

Columns "Employee No, Employee Name, Job Title, Band, Qualifications"; job titles and
qualifications spelt as people write them, a few of which the shipped map does not know
("SVQ3 Social Services", "ILM5 (in progress)", "Admin Officer"). Seeded: the same
number of staff gives the same file.
"""

from __future__ import annotations

import csv
import random
import sys

# (job title, band, how common, qualifications people in the post typically hold)
POSTS = [
    ("Trainee Recovery Worker", "C", 30, ["GCSEs", "Experience"]),
    ("Recovery Worker", "D", 60, ["L3 TSM", "Experience"]),
    ("Recovery Worker (Bank)", "D", 8, ["L3 TSM", "Experience"]),
    ("Trainee Case Manager", "D", 15, ["BA (Hons) Social Work", "Experience"]),
    ("Practitioner", "E", 45, ["DipSM", "L3 TSM", "Experience"]),
    ("Case Manager", "E", 25, ["Relevant degree", "L3 TSM", "Experience"]),
    ("Senior Case Manager", "F", 40, ["DipSM", "L3 TSM", "ILM Level 3", "Experience"]),
    ("Team Leader", "G", 20, ["DipSM", "L3 TSM", "ILM5", "Significant experience"]),
    ("Practice Lead", "G", 12, ["Relevant degree", "L3 TSM", "Practice qualification"]),
    ("Ops Manager", "H", 8, ["Relevant degree", "L3 TSM", "ILM7", "Significant experience"]),
    ("Service Manager", "I", 3, ["ILM7", "L3 TSM", "Significant experience"]),
    ("Admin Officer", "B", 10, ["GCSEs"]),
]
EXTRAS = [
    "SVQ3 Social Services",
    "ILM5 (in progress)",
    "Lived experience",
    "CMI L5",
    "First aid",
    "ILM Level 3",
]
FIRST = ["Sam", "Alex", "Jo", "Chris", "Pat", "Morgan", "Jamie", "Robin", "Kim", "Lee", "Ali"]
LAST = ["Smith", "Brown", "Wilson", "Campbell", "Stewart", "Robertson", "Thomson", "Reid"]


def export(staff: int, seed: int = 2026) -> list[list[str]]:
    chooser = random.Random(seed)
    posts, weights = POSTS, [post[2] for post in POSTS]
    rows = [["Employee No", "Employee Name", "Job Title", "Band", "Qualifications"]]
    for number in range(1, staff + 1):
        title, band, _, usual = chooser.choices(posts, weights)[0]
        held = [item for item in usual if chooser.random() < 0.85]
        if chooser.random() < 0.3:
            held.append(chooser.choice(EXTRAS))
        name = f"{chooser.choice(FIRST)} {chooser.choice(LAST)} {number}"
        rows.append([f"E{number:05d}", name, title, band, "; ".join(dict.fromkeys(held))])
    return rows


def main() -> None:
    staff = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    csv.writer(sys.stdout, lineterminator="\n").writerows(export(staff))


if __name__ == "__main__":
    main()
