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
section,id,name,band,eligible_now,one_away,eligible_after,eligible_after_study,staff,months,cost_each,total_cost,alone_opens,detail
need,FORMULA,'=HYPERLINK(1),,,,,,2,,,,3,by band: B 2; by role: lead 2
need,BASIC,Basic certificate,,,,,,1,,,,1,by band: no role 1; by role: no role 1
need,LEAD5,Leadership level 5,,,,,,1,,,,3,by band: A 1; by role: helper 1
role,helper,Helper,A,4,2,,,,,,,,
role,lead,"'-Lead, senior",B,1,4,,,,,,,,
role,head,Head | of service,C,0,2,,,,,,,,
out_of_role,lead,Cat,B,,,,,,,,,,line 4; needs BASIC or FORMULA
unrecognised,quals,FOO,,,,,,1,,,,,
unrecognised,role,boss,,,,,,1,,,,,
"""

EXPECTED_PEOPLE_CSV = """\
line,name,role,band,eligible_roles,next_steps,studying,unrecognised
2,Ann,,,helper,helper: ready,,
3,Bob,helper,A,helper,lead: needs LEAD5 (no route on this map),,
4,Cat,lead,B,,head: needs FORMULA (no route on this map),,
5,Dan,lead,B,helper; lead,head: needs FORMULA (no route on this map),,
6,Eve,,,,helper: needs BASIC (no route on this map),,FOO
8,Fay,,,helper,,,boss
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
    assert document["staff"] == 6
    assert [row["line"] for row in document["skipped"]] == [7]
    assert [(r["id"], r["eligible"], r["one_away"]) for r in document["roles"]] == [
        ("helper", 4, 2),
        ("lead", 1, 4),
        ("head", 0, 2),
    ]
    assert [(n["code"], n["staff"], n["by_role"]) for n in document["next_step_needs"]] == [
        ("FORMULA", 2, [{"role": "lead", "staff": 2}]),
        ("BASIC", 1, [{"role": None, "staff": 1}]),
        ("LEAD5", 1, [{"role": "helper", "staff": 1}]),
    ]
    assert document["out_of_role"] == [
        {"line": 4, "name": "Cat", "role": "lead", "missing": [["BASIC"], ["FORMULA"]]}
    ]
    assert document["unrecognised"] == [
        {"column": "quals", "spelling": "FOO", "staff": 1, "closest": None},
        {"column": "role", "spelling": "boss", "staff": 1, "closest": None},
    ]
    assert document["what_if"] is None
    assert [(t["code"], t["unlocks"]) for t in document["training"]] == [
        ("LEAD5", 3),
        ("FORMULA", 3),
        ("BASIC", 1),
    ]
    assert "people" not in document


def test_summary_markdown(summary: TeamReport) -> None:
    assert render(summary, OutputFormat.MARKDOWN) == (
        f"## 6 staff from {TEAM} (1 row skipped)\n"
        "\n"
        "### Needs for the next step\n"
        "\n"
        "| code | qualification | staff | by band | by current role | months | fee each | "
        "total | alone opens |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        "| FORMULA | =HYPERLINK(1) | 2 | B 2 | lead 2 |  | - | - | 3 |\n"
        "| BASIC | Basic certificate | 1 | no role 1 | no role 1 |  | - | - | 1 |\n"
        "| LEAD5 | Leadership level 5 | 1 | A 1 | helper 1 |  | - | - | 3 |\n"
        "\n"
        "Staff: people for whom the qualification is part of the cheapest plan (as `careermap "
        "path` plans it) to a role their own role leads to, or to an entry role. Alone opens: "
        "staff it alone would make eligible for any role above their band.\n"
        "\n"
        "### Roles\n"
        "\n"
        "| band | id | title | eligible now | one away |\n"
        "|---|---|---|---|---|\n"
        "| A | helper | Helper | 4 | 2 |\n"
        "| B | lead | -Lead, senior | 1 | 4 |\n"
        "| C | head | Head \\| of service | 0 | 2 |\n"
        "\n"
        "### Not meeting their own role's entry requirements\n"
        "\n"
        "| line | name | role | needs |\n"
        "|---|---|---|---|\n"
        "| 4 | Cat | lead | BASIC or FORMULA |\n"
        "\n"
        "### Not recognised on the map (left out of their rows)\n"
        "\n"
        "| column | as written | staff | closest |\n"
        "|---|---|---|---|\n"
        "| quals | FOO | 1 | - |\n"
        "| role | boss | 1 | - |\n"
        "\n"
        "Map each spelling once in a --mapping file (quals: or roles:) to count it next time.\n"
    )


def test_summary_table_at_80_columns(summary: TeamReport) -> None:
    lines = render(summary, OutputFormat.TABLE, width=80).splitlines()
    assert lines[0] == f"6 staff from {TEAM} (1 row skipped)"
    assert "Needs for the next step" in lines
    assert "Not meeting their own role's entry requirements" in lines
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
        "  Next steps: trainee-recovery-worker: needs EXP (6 months); trainee-case-manager:"
        " needs DEGREE (48 months)",
    ]
    assert sum(line.startswith("Person ") for line in lines) == count
    assert "┃" not in "\n".join(lines)


def test_the_terminal_lists_the_first_staff_out_of_their_role(shipped: Catalogue) -> None:
    from careermap.render.table import OUT_OF_ROLE_SHOWN

    rows = [StaffRow(n, f"P{n}", "L3TSM", "practitioner") for n in range(2, OUT_OF_ROLE_SHOWN + 12)]
    text = render(analyse_team(shipped, rows), OutputFormat.TABLE, width=120)
    assert f"P{OUT_OF_ROLE_SHOWN + 1}" in text
    assert f"P{OUT_OF_ROLE_SHOWN + 2}" not in text
    assert "... and 10 more; --format csv lists everyone." in text
    assert render(analyse_team(shipped, rows), OutputFormat.CSV).count("out_of_role,") == 60
