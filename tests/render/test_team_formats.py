"""The team report worded in each format, exactly, on tests/data/team.csv; and person by
person on the terminal, a table for a team and plain blocks for a whole service."""

from __future__ import annotations

import json

import pytest

from careermap import Catalogue, StaffRow, TeamReport, analyse_team, read_staff
from careermap.render import OutputFormat, render
from careermap.render.table import PEOPLE_TABLE_LIMIT

from ..conftest import DATA

TEAM = DATA / "team.csv"

EXPECTED_SUMMARY_CSV = """\
kind,id,name,band,eligible_now,one_away,unlocks
role,helper,Helper,A,3,1,
role,lead,"'-Lead, senior",B,1,3,
role,head,Head | of service,C,0,2,
qualification,FORMULA,'=HYPERLINK(1),,,,3
qualification,LEAD5,Leadership level 5,,,,2
"""

EXPECTED_PEOPLE_CSV = """\
line,name,role,band,eligible_roles,next_steps
2,Ann,,,helper,helper: ready
3,Bob,helper,A,helper,lead: needs LEAD5
4,Cat,lead,B,,head: needs FORMULA
5,Dan,lead,B,helper; lead,head: needs FORMULA
"""


@pytest.fixture(scope="module")
def summary(small: Catalogue) -> TeamReport:
    return analyse_team(small, read_staff(TEAM), source=str(TEAM))


@pytest.fixture(scope="module")
def people(small: Catalogue) -> TeamReport:
    return analyse_team(small, read_staff(TEAM), source=str(TEAM), per_person=True)


def test_summary_csv_exactly(summary: TeamReport) -> None:
    assert render(summary, OutputFormat.CSV) == EXPECTED_SUMMARY_CSV


def test_per_person_csv_exactly(people: TeamReport) -> None:
    assert render(people, OutputFormat.CSV) == EXPECTED_PEOPLE_CSV


def test_summary_json(summary: TeamReport) -> None:
    document = json.loads(render(summary, OutputFormat.JSON))
    assert document["staff"] == 4
    assert [row["line"] for row in document["skipped"]] == [6, 7, 8]
    assert [(r["id"], r["eligible"], r["one_away"]) for r in document["roles"]] == [
        ("helper", 3, 1),
        ("lead", 1, 3),
        ("head", 0, 2),
    ]
    assert [(t["code"], t["unlocks"]) for t in document["training"]] == [
        ("FORMULA", 3),
        ("LEAD5", 2),
    ]
    assert "people" not in document


def test_summary_markdown(summary: TeamReport) -> None:
    assert render(summary, OutputFormat.MARKDOWN) == (
        f"## 4 staff from {TEAM} (3 rows skipped)\n\n"
        "| band | id | title | eligible now | one away |\n"
        "|---|---|---|---|---|\n"
        "| A | helper | Helper | 3 | 1 |\n"
        "| B | lead | -Lead, senior | 1 | 3 |\n"
        "| C | head | Head \\| of service | 0 | 2 |\n"
        "\n### Training that unlocks most progression\n\n"
        "Unlocks: staff it would make newly eligible for a role above their current band.\n\n"
        "| code | name | unlocks |\n"
        "|---|---|---|\n"
        "| FORMULA | =HYPERLINK(1) | 3 |\n"
        "| LEAD5 | Leadership level 5 | 2 |\n"
    )


def test_summary_table_at_80_columns(summary: TeamReport) -> None:
    lines = render(summary, OutputFormat.TABLE, width=80).splitlines()
    assert lines[0] == f"4 staff from {TEAM} (3 rows skipped)"
    assert "Training that unlocks most progression" in lines
    assert max(len(line) for line in lines) <= 80


def test_rich_markup_in_data_is_shown_as_written(small: Catalogue) -> None:
    from careermap import StaffRow

    report = analyse_team(
        small, [StaffRow(2, "[bold red]Mallory[/]", "BASIC", "")], per_person=True
    )
    assert "[bold red]Mallory[/]" in render(report, OutputFormat.TABLE)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+441234", "'+441234"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
    ],
)
def test_names_cannot_become_formulas(small: Catalogue, name: str, expected: str) -> None:
    import csv
    import io

    from careermap import StaffRow

    report = analyse_team(small, [StaffRow(2, name, "BASIC", "")], per_person=True)
    rows = list(csv.reader(io.StringIO(render(report, OutputFormat.CSV))))
    assert rows[1][1] == expected


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
