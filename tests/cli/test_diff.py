"""careermap diff as a person runs it: arguments, exit codes, refused outputs, errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import SMALL, Run

Write = Callable[[str, str], Path]

STAFF = "name,quals,role\nAnn,BASIC,\nBob,BASIC;LEAD5,helper\nCat,LEAD3;FORMULA,lead\n"


@pytest.fixture
def maps(write: Write) -> tuple[Path, Path]:
    """The small map, and a new edition where lead's BASIC route also needs FORMULA."""
    text = SMALL.read_text(encoding="utf-8")
    old = write(text, "old.yaml")
    changed = text.replace("      - [BASIC, LEAD5]\n", "      - [BASIC, LEAD5, FORMULA]\n")
    assert changed != text
    new = write(changed.replace("name: Small test map\n", 'name: Small test map\nversion: "2"\n'),
                "new.yaml")  # fmt: skip
    return old, new


def test_diff_lists_changes_and_the_people_they_affect(
    run: Run, write: Write, maps: tuple[Path, Path]
) -> None:
    staff = write(STAFF, "staff.csv")
    result = run("diff", str(maps[0]), str(maps[1]), "--staff", str(staff), "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["catalogues"]["new"]["version"] == "2"
    assert document["catalogues"]["old"]["file"] == str(maps[0])
    [role] = document["roles"]["changed"]
    assert role["routes_added"] == [["BASIC", "LEAD5", "FORMULA"]]
    people = [(p["name"], [c["change"] for c in p["changes"]]) for p in document["staff"]["people"]]
    assert people == [("Ann", ["gap"]), ("Bob", ["loses"])]


def test_the_table_at_80_columns_without_colour(
    run: Run, write: Write, maps: tuple[Path, Path]
) -> None:
    staff = write(STAFF, "staff.csv")
    result = run("diff", str(maps[0]), str(maps[1]), "--staff", str(staff))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Changes to Small test map:")
    assert max(len(line) for line in lines) <= 80
    assert "\x1b" not in result.stdout
    assert "Bob" in result.stdout


def test_the_same_file_twice_exits_0_saying_no_differences(run: Run) -> None:
    result = run("diff", str(SMALL), str(SMALL))
    assert result.exit_code == 0
    assert "No differences" in result.stdout


def test_staff_from_standard_input(run: Run, maps: tuple[Path, Path]) -> None:
    result = run("diff", str(maps[0]), str(maps[1]), "--staff", "-", "-f", "csv", input=STAFF)
    assert result.exit_code == 0, result.output
    assert "person,3,Bob,helper,loses,lead,,FORMULA\n" in result.stdout


def test_a_row_that_is_a_problem_is_a_warning(
    run: Run, write: Write, maps: tuple[Path, Path]
) -> None:
    staff = write(STAFF + "Dan,NOPE,\n", "staff.csv")
    result = run("diff", str(maps[0]), str(maps[1]), "--staff", str(staff), "-f", "csv")
    assert result.exit_code == 0
    assert f"careermap: warning: skipped {staff}:5 (both maps): Dan: unknown" in result.stderr


@pytest.mark.parametrize("which", [0, 1, 2])
def test_output_over_an_input_is_refused(
    run: Run, write: Write, maps: tuple[Path, Path], which: int
) -> None:
    staff = write(STAFF, "staff.csv")
    inputs = [*maps, staff]
    before = inputs[which].read_bytes()
    args = ("diff", str(maps[0]), str(maps[1]), "--staff", str(staff))
    result = run(*args, "--output", str(inputs[which]))
    assert result.exit_code == 2
    assert "is the same file as the input" in result.stderr
    assert inputs[which].read_bytes() == before


def test_output_to_a_file(run: Run, tmp_path: Path, maps: tuple[Path, Path]) -> None:
    target = tmp_path / "changes.html"
    result = run("diff", str(maps[0]), str(maps[1]), "-f", "html", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_unknown_file_is_one_clean_line(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run("diff", str(missing), str(SMALL))
    assert result.exit_code == 1
    assert result.stderr == f"careermap: error: {missing}: no such file\n"


def test_a_format_diff_cannot_show(run: Run) -> None:
    result = run("diff", str(SMALL), str(SMALL), "-f", "mermaid")
    assert result.exit_code == 2
    assert result.stderr == (
        "careermap: error: --format mermaid cannot show a diff;"
        " use one of: table, json, csv, markdown, html\n"
    )


def test_an_hr_export_is_read_through_a_mapping_file(
    run: Run, maps: tuple[Path, Path], write: Write
) -> None:
    staff = write("Employee Name,Certs,Job Title\nAnn,Basic cert; First aid,Assistant\n", "hr.csv")
    mapping = write(
        "columns: {quals: Certs}\nquals: {First aid: []}\nroles: {Assistant: helper}\n",
        "hr.yaml",
    )
    old, new = maps
    result = run("diff", str(old), str(new), "--staff", str(staff), "--mapping", str(mapping))
    assert result.exit_code == 0, result.output
    assert "skipped" not in result.stderr
    unmapped = run("diff", str(old), str(new), "--staff", str(staff), "--quals-col", "Certs")
    assert "unknown qualification 'First aid'" in unmapped.stderr
