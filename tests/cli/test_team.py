"""careermap team as a person runs it: warnings for skipped rows, --strict, stdin, xlsx.

What the report says in each format is in tests/render/test_team_formats.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from careermap.staff import read_staff

from ..conftest import DATA, SMALL, Run, xlsx_copy
from ..render.test_team_formats import EXPECTED_PEOPLE_CSV, EXPECTED_SUMMARY_CSV

TEAM = DATA / "team.csv"

EXPECTED_WARNINGS = [
    f"careermap: warning: skipped {TEAM}:7: the name is empty",
    "careermap: warning: 2 spellings in the staff list name nothing on the map and were left"
    " out of their rows; the report lists them (map them once with --mapping)",
]


def team(run: Run, *args: str) -> tuple[int, str, list[str]]:
    result = run("team", *args, "--catalogue", str(SMALL))
    return result.exit_code, result.stdout, result.stderr.splitlines()


def test_skipped_rows_are_warned_about_and_the_format_is_wired(run: Run) -> None:
    code, stdout, warnings = team(run, str(TEAM), "--format", "csv")
    assert code == 0
    assert stdout == EXPECTED_SUMMARY_CSV
    assert warnings == EXPECTED_WARNINGS


def test_per_person_and_output_are_wired(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    code, stdout, warnings = team(run, str(TEAM), "--per-person", "-f", "csv", "-o", str(target))
    assert code == 0
    assert stdout == ""
    assert warnings == [*EXPECTED_WARNINGS, f"careermap: wrote {target}"]
    assert target.read_text(encoding="utf-8") == EXPECTED_PEOPLE_CSV


def test_the_table_on_the_terminal_at_80_columns(run: Run) -> None:
    code, stdout, _ = team(run, str(TEAM))
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0] == f"6 staff from {TEAM} (1 row skipped)"
    assert max(len(line) for line in lines) <= 80


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
    assert result.stdout.splitlines()[1] == "2,E042,,,helper,helper: ready,,"


def test_a_missing_staff_list(run: Run, tmp_path: Path) -> None:
    code, _, errors = team(run, str(tmp_path / "none.csv"))
    assert code == 1
    assert errors[0].endswith("none.csv: no such file")


def test_xlsx_round_trip(run: Run, tmp_path: Path) -> None:
    path = xlsx_copy(TEAM, tmp_path / "staff.xlsx")
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


def test_reports_writes_a_page_a_person_and_an_index(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "pdr"
    result = run("team", str(TEAM), "--catalogue", str(SMALL), "--reports", str(folder))
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in folder.iterdir()) == [
        "ann.html", "bob.html", "cat.html", "dan.html", "index.html",
    ]  # fmt: skip
    assert f"careermap: wrote 4 reports and an index to {folder / 'index.html'}" in (result.stderr)
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert '<a href="bob.html">Bob</a>' in index
    assert "Sam" not in index
    assert '<p class="subtitle">Bob, Helper (band A).' in (folder / "bob.html").read_text(
        encoding="utf-8"
    )
    assert "Eligible" in result.stdout  # the team summary still goes to standard output


def test_reports_into_a_file_is_refused(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "pdr"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("team", str(TEAM), "--catalogue", str(SMALL), "--reports", str(blocker))
    assert result.exit_code == 1
    assert "is not a folder; give a folder for --reports" in result.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_reports_never_write_over_an_input(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "pdr"
    folder.mkdir()
    staff = folder / "index.html"  # a staff list where the index would go
    staff.write_text(TEAM.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("team", str(staff), "--catalogue", str(SMALL), "--reports", str(folder))
    assert result.exit_code == 2
    assert f"--reports would write {staff} is the same file as the input {staff}" in (result.stderr)
    assert staff.read_text(encoding="utf-8") == TEAM.read_text(encoding="utf-8")
    assert sorted(path.name for path in folder.iterdir()) == ["index.html"]
