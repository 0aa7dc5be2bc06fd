"""careermap team: exact summaries, bad rows with their lines, safe CSV, spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from careermap import Catalogue
from careermap.errors import StaffListError
from careermap.staff import StaffRow, read_staff
from careermap.team import analyse_team

from .conftest import DATA, SMALL, Run

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

EXPECTED_WARNINGS = [
    f"careermap: warning: skipped {TEAM}:6: Eve: unknown qualification 'FOO';"
    " `careermap quals` lists the codes",
    f"careermap: warning: skipped {TEAM}:7: the name is empty",
    f"careermap: warning: skipped {TEAM}:8: Fay: unknown role 'boss';"
    " `careermap roles` lists the role ids",
]


def team(run: Run, *args: str) -> tuple[int, str, list[str]]:
    result = run("team", *args, "--catalogue", str(SMALL))
    return result.exit_code, result.stdout, result.stderr.splitlines()


def test_summary_csv_exactly(run: Run) -> None:
    code, stdout, warnings = team(run, str(TEAM), "--format", "csv")
    assert code == 0
    assert stdout == EXPECTED_SUMMARY_CSV
    assert warnings == EXPECTED_WARNINGS


def test_per_person_csv_exactly(run: Run) -> None:
    code, stdout, _ = team(run, str(TEAM), "--per-person", "--format", "csv")
    assert code == 0
    assert stdout == EXPECTED_PEOPLE_CSV


def test_summary_json(run: Run) -> None:
    _, stdout, _ = team(run, str(TEAM), "-f", "json")
    document = json.loads(stdout)
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


def test_summary_markdown(run: Run) -> None:
    _, stdout, _ = team(run, str(TEAM), "-f", "markdown")
    assert stdout == (
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


def test_summary_table_at_80_columns(run: Run) -> None:
    code, stdout, _ = team(run, str(TEAM))
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0] == f"4 staff from {TEAM} (3 rows skipped)"
    assert "Training that unlocks most progression" in lines
    assert max(len(line) for line in lines) <= 80


def test_rich_markup_in_data_is_shown_as_written(run: Run, tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text("name,quals\n[bold red]Mallory[/],BASIC\n", encoding="utf-8")
    _, stdout, _ = team(run, str(staff), "--per-person")
    assert "[bold red]Mallory[/]" in stdout


def test_strict_makes_bad_rows_fatal(run: Run) -> None:
    code, stdout, errors = team(run, str(TEAM), "--strict")
    assert code == 1
    assert stdout == ""
    assert errors[0] == f"careermap: error: {TEAM}:6: Eve: unknown qualification 'FOO';" + (
        " `careermap quals` lists the codes"
    )
    assert len(errors) == 3


def test_standard_input_and_id_column(run: Run) -> None:
    result = run(
        "team", "-", "-f", "csv", "--per-person", "--catalogue", str(SMALL),
        input="ID,Quals\nE042,BASIC\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "2,E042,,,helper,helper: ready"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("who,what\nAnn,BASIC\n", "staff.csv:1: the header row needs a name (or id) and a quals"),
        ("name,role\nAnn,helper\n", "staff.csv:1: the header row needs a quals column"),
        ("", "staff.csv:1: the file is empty"),
        ('name,quals\n"Ann,BASIC\n', "staff.csv:"),
    ],
)
def test_unusable_staff_lists_exit_1(run: Run, tmp_path: Path, content: str, message: str) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(content, encoding="utf-8")
    code, _, errors = team(run, str(staff))
    assert code == 1
    assert message in errors[0]


def test_a_missing_staff_list(run: Run, tmp_path: Path) -> None:
    code, _, errors = team(run, str(tmp_path / "none.csv"))
    assert code == 1
    assert errors[0].endswith("none.csv: no such file")


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
def test_names_cannot_become_formulas(run: Run, tmp_path: Path, name: str, expected: str) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(f'name,quals\n"{name}",BASIC\n', encoding="utf-8")
    _, stdout, _ = team(run, str(staff), "--per-person", "-f", "csv")
    assert next(csv.reader(io.StringIO(stdout.splitlines()[1])))[1] == expected


def test_library_counts_a_large_uniform_team_by_multiplicity(small: Catalogue) -> None:
    rows = [StaffRow(line, f"P{line}", "BASIC", "helper") for line in range(2, 10_002)]
    report = analyse_team(small, rows)
    assert report.staff == 10_000
    assert [(c.role.id, c.eligible, c.one_away) for c in report.roles] == [
        ("helper", 10_000, 0),
        ("lead", 0, 10_000),
        ("head", 0, 0),
    ]
    assert [(n.qualification.code, n.unlocks) for n in report.training] == [("LEAD5", 10_000)]


def test_library_strict_raises_with_every_row(small: Catalogue) -> None:
    rows = [StaffRow(2, "", "BASIC", ""), StaffRow(3, "Zed", "NOPE", "")]
    with pytest.raises(StaffListError) as caught:
        analyse_team(small, rows, source="list.csv", strict=True)
    assert [problem.line for problem in caught.value.problems] == [2, 3]


def test_xlsx_round_trip(run: Run, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is the optional xlsx extra")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in TEAM.read_text(encoding="utf-8").splitlines():
        sheet.append(next(csv.reader([line])))
    path = tmp_path / "staff.xlsx"
    workbook.save(path)
    assert [row.name for row in read_staff(path)] == ["Ann", "Bob", "Cat", "Dan", "Eve", "", "Fay"]
    code, stdout, warnings = team(run, str(path), "--per-person", "-f", "csv")
    assert code == 0
    assert stdout == EXPECTED_PEOPLE_CSV
    assert [w.replace(str(path), str(TEAM)) for w in warnings] == EXPECTED_WARNINGS


def test_a_damaged_xlsx_is_a_data_error(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl", reason="openpyxl is the optional xlsx extra")
    path = tmp_path / "staff.xlsx"
    path.write_bytes(b"not a zip file")
    code, _, errors = team(run, str(path))
    assert code == 1
    assert "cannot read as a spreadsheet" in errors[0]


def test_progress_is_reported_for_large_lists(small: Catalogue) -> None:
    calls: list[tuple[int, int]] = []
    rows = [StaffRow(line, f"P{line}", "BASIC", "") for line in range(2, 12_002)]
    analyse_team(small, rows, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(5_000, 12_000), (10_000, 12_000), (12_000, 12_000)]


def test_xlsx_without_openpyxl_says_how_to_get_it(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if the extra were not installed
    path = tmp_path / "staff.xlsx"
    path.write_bytes(b"PK\x03\x04")
    code, _, errors = team(run, str(path))
    assert code == 2
    assert errors == [
        f"careermap: error: {path}: reading .xlsx needs openpyxl: pip install 'careermap[xlsx]'"
    ]
