"""careermap team as a person runs it: warnings for skipped rows, --strict, stdin, xlsx.

What the report says in each format is in tests/render/test_team_formats.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from careermap.cli import app
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


# Person by person, streamed: each row written as the staff list is read again

HR_EXPORT = DATA / "hr-export.csv"
HR = (str(HR_EXPORT), "--mapping", str(DATA / "hr-mapping.yaml"), "--per-person")


def hr_team(*args: str, **options: Any) -> subprocess.CompletedProcess[bytes]:
    """The real command in a child process, so its standard output can be any file."""
    command = [sys.executable, "-m", "careermap", "team", *HR, *args]
    return subprocess.run(command, capture_output=False, check=False, timeout=60, **options)


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown", "table"])
def test_per_person_to_a_file_and_to_standard_output_are_the_same(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"people.{fmt}"
    written = run("team", *HR, "-f", fmt, "-o", str(target))
    shown = run("team", *HR, "-f", fmt)
    assert (written.exit_code, shown.exit_code) == (0, 0)
    assert target.read_bytes() == shown.stdout_bytes
    assert shown.stdout.count("Sam Smith") > 1


def test_per_person_from_standard_input_is_the_file_s(run: Run) -> None:
    """Standard input cannot be read twice: its bytes are kept for the second reading."""
    from_file = run("team", *HR, "-f", "json")
    piped = run("team", "-", *HR[1:], "-f", "json", input=HR_EXPORT.read_text(encoding="utf-8"))
    assert (from_file.exit_code, piped.exit_code) == (0, 0)
    assert piped.stdout == from_file.stdout.replace(
        f'"source": {json.dumps(str(HR_EXPORT))}', '"source": "<stdin>"'
    )
    assert len(json.loads(piped.stdout)["people"]) == 300


def test_per_person_to_a_full_disk_is_one_line() -> None:
    with Path("/dev/full").open("wb") as full:
        result = hr_team("-f", "csv", stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        "careermap: error: cannot write to standard output: No space left on device"
    ]


def test_per_person_to_a_closed_standard_output_is_one_line() -> None:
    result = hr_team("-f", "json", stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        "careermap: error: standard output is closed; use --output FILE"
    ]


def test_per_person_to_a_reader_that_goes_away_is_one_line() -> None:
    """As `| head -c 100`: the pipe breaks part way through the people."""
    command = [sys.executable, "-m", "careermap", "team", *HR, "-f", "json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None
        assert child.stderr is not None
        assert child.stdout.read(100).startswith(b'{\n  "produced"')
        child.stdout.close()
        errors = child.stderr.read().decode()
        assert child.wait(timeout=60) == 1
    assert errors.splitlines() == ["careermap: error: cannot write to standard output: Broken pipe"]


@pytest.mark.parametrize("link", ["same", "symlink", "hard link"])
def test_per_person_over_the_staff_list_is_refused_before_anything(
    run: Run, tmp_path: Path, link: str
) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_bytes(HR_EXPORT.read_bytes())
    output = tmp_path / "out.csv"
    if link == "same":
        output = staff
    elif link == "symlink":
        output.symlink_to(staff)
    else:
        output.hardlink_to(staff)
    result = run("team", str(staff), *HR[1:], "-f", "csv", "-o", str(output))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"careermap: error: --output {output} is the same file as the input {staff};"
        " choose another name"
    ]
    assert staff.read_bytes() == HR_EXPORT.read_bytes()
    assert result.stdout == ""


def test_a_staff_list_that_is_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    """A FIFO could not be read twice, and opening one nobody writes to would hang: it is
    refused before reading (standard input, `team -`, is the way to pipe a list in)."""
    fifo = tmp_path / "staff.csv"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "careermap", "team", str(fifo), "--per-person"]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"careermap: error: {fifo}: is not a regular file (a FIFO, device or socket); give a file"
    ]


@pytest.fixture
def changed_after_counting(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make the staff list change between the counts and the people, as an editor saving
    it part way through a run would."""
    import careermap

    counted = careermap.analyse_team

    def arrange(staff: Path) -> None:
        def analyse_then_change(*args: Any, **options: Any) -> Any:
            report = counted(*args, **options)
            staff.write_text(staff.read_text(encoding="utf-8") + "Zed,BASIC\n", encoding="utf-8")
            return report

        monkeypatch.setattr(careermap, "analyse_team", analyse_then_change)

    return arrange


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_staff_list_changed_part_way_leaves_the_old_export(
    run: Run, tmp_path: Path, changed_after_counting: Callable[[Path], None], fmt: str
) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(TEAM.read_text(encoding="utf-8"), encoding="utf-8")
    output = tmp_path / f"people.{fmt}"
    output.write_text("the last export\n", encoding="utf-8")
    changed_after_counting(staff)
    code, stdout, errors = team(run, str(staff), "--per-person", "-f", fmt, "-o", str(output))
    assert code == 1
    assert errors[-1] == (
        f"careermap: error: {staff}: changed while careermap was reading it (it is read once"
        " to count everyone, and again to list each person); run again once it is saved"
    )
    assert output.read_text(encoding="utf-8") == "the last export\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == [output.name, staff.name]
    assert stdout == ""


def test_a_staff_list_changed_part_way_writes_nothing_to_standard_output(
    run: Run, tmp_path: Path, changed_after_counting: Callable[[Path], None]
) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(TEAM.read_text(encoding="utf-8"), encoding="utf-8")
    changed_after_counting(staff)
    code, stdout, errors = team(run, str(staff), "--per-person", "-f", "json")
    assert code == 1
    assert "changed while careermap was reading it" in errors[-1]
    assert stdout == ""


def test_reports_and_per_person_read_the_list_again_each(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "pdr"
    code, stdout, _ = team(run, str(TEAM), "--per-person", "-f", "csv", "--reports", str(folder))
    assert code == 0
    assert stdout == EXPECTED_PEOPLE_CSV
    assert len(list(folder.iterdir())) == 5


def test_a_legacy_console_gets_the_whole_list_in_one_fallback(tmp_path: Path) -> None:
    """On a console that cannot show every character the list falls back to plain text
    as a whole, as when it was written in one piece: the no-break space of the first
    person (which latin-1 has) becomes a space because of a later person's quote."""
    staff = tmp_path / "staff.csv"
    names = ["Ann\u00a0Lee", *(f"P{n}" for n in range(1_100)), "Bob O\u2019Neil"]
    staff.write_text("name,quals\n" + "".join(f"{name},BASIC\n" for name in names), "utf-8")
    runner = CliRunner(charset="latin-1")
    command = ["team", str(staff), "--per-person", "--catalogue", str(SMALL)]
    result = runner.invoke(app, command, env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0
    text = result.stdout_bytes.decode("latin-1")
    assert "Ann Lee: line 2, no role given" in text
    assert "Bob O'Neil: line 1103, no role given" in text
