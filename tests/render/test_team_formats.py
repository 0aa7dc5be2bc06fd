"""The team report on the terminal: a table for a team, plain blocks for a whole service."""

from __future__ import annotations

from careermap import Catalogue, StaffRow, analyse_team
from careermap.render import OutputFormat, render
from careermap.render.table import PEOPLE_TABLE_LIMIT


def staff(count: int) -> list[StaffRow]:
    return [
        StaffRow(number + 2, f"Person {number}", "L3TSM;EXP" if number % 2 else "GCSE", "")
        for number in range(count)
    ]


def test_a_team_person_by_person_is_a_table(shipped: Catalogue) -> None:
    report = analyse_team(shipped, staff(3), source="staff.csv", per_person=True)
    text = render(report, OutputFormat.TABLE, width=100)
    assert "┃ Name" in text
    assert "Person 2" in text


def test_a_whole_service_person_by_person_is_plain_blocks(shipped: Catalogue) -> None:
    """Once 0.4 ms a row through rich (50,000 staff: 22 s, 500 MB): past the limit each
    person is a block of plain lines, every person and next step still there."""
    count = PEOPLE_TABLE_LIMIT + 1
    report = analyse_team(shipped, staff(count), source="staff.csv", per_person=True)
    lines = render(report, OutputFormat.TABLE, width=80).splitlines()
    assert lines[1].startswith(f"Staff, person by person ({count:,}: a list")
    assert lines[3:6] == [
        "Person 0: line 2, no role given",
        "  Eligible for: -",
        "  Next steps: trainee-recovery-worker: needs EXP; trainee-case-manager: needs"
        " DEGREE_OTHER",
    ]
    assert sum(line.startswith("Person ") for line in lines) == count
    assert "┃" not in "\n".join(lines)
