"""careermap path and explain: options wired to the library, errors as exit codes.

What the plans and explanations say in each format is in tests/render/test_plan_formats.py.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from careermap import load_catalogue
from careermap.provenance import Provenance

from ..conftest import DATA, Run
from ..render.test_plan_formats import EXPECTED_EXPLANATION_CSV, EXPECTED_PLAN_MARKDOWN

PATHS = DATA / "paths.yaml"


def test_path_writes_the_format_asked_for_to_the_output(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    result = run(
        "path", "--to", "director", "-q", "START", "--catalogue", str(PATHS),
        "-f", "markdown", "--output", str(target),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    stamp = Provenance.of(load_catalogue(PATHS)).text()
    assert target.read_text(encoding="utf-8") == EXPECTED_PLAN_MARKDOWN + f"\n_{stamp}_\n"


def test_path_on_the_terminal_at_80_columns(run: Run) -> None:
    result = run("path", "--to", "team-leader", "--quals", "GCSE,EXP")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Path to Team Leader (team-leader, band G) from GCSE, EXP"
    assert max(len(line) for line in lines) <= 80


def test_path_from_a_profile_role(run: Run, write: Callable[..., Path]) -> None:
    profile = write("quals: []\nrole: senior\n", "me.yaml")
    result = run(
        "path", "--to", "manager", "--profile", str(profile), "--catalogue", str(PATHS), "-f", "csv"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "1,role,senior,Senior,LEAD,4,0,4,no"


def test_path_runs_an_ilm_course_alongside_work(run: Run) -> None:
    """A recovery worker with the L3 certificate: the DipSM comes in post and an ILM course
    is studied alongside it, so Team Leader comes sooner than the steps one after
    another."""
    result = run(
        "path", "--to", "team-leader", "--quals", "L3TSM,EXP", "--from", "recovery-worker",
        "-f", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    *steps, outcome = rows
    work = next(row for row in steps if row["id"] == "recovery-worker")
    study = next(row for row in steps if row["kind"] == "course" and row["id"].startswith("ILM"))
    assert int(study["start_month"]) < int(work["end_month"])  # side by side
    assert (outcome["kind"], outcome["start_month"]) == ("eligible", "0")
    elapsed, sequential = int(outcome["end_month"]), int(outcome["months"])
    assert elapsed == max(int(row["end_month"]) for row in steps) < sequential
    table = run("path", "--to", "team-leader", "--quals", "L3TSM,EXP", "--from", "recovery-worker")
    words = " ".join(re.sub(r"[\u2500-\u257f]", " ", table.stdout).split())
    assert f"Course: {study['title'].split(' in ')[0]}" in words
    assert f"Total: {elapsed} months in {len(steps)} steps ({sequential} if taken one" in words


def test_path_takes_study_under_way_from_quals(run: Run) -> None:
    """ILM5 due in June 2027, asked in January: the plan leans on it, 5 months away."""
    result = run(
        "path", "--to", "team-leader", "--quals", "DIPSM,L3TSM,ILM5@2027-06",
        "--as-of", "2027-01-15", "-f", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        "1,course,ILM5,ILM Level 5 in Leadership and Management,ILM5,5,0,5,yes",
        ",eligible,team-leader,Team Leader,DIPSM; L3TSM; ILM5,5,0,5,",
    ]


def test_explain_wires_quals_and_format(run: Run) -> None:
    result = run("explain", "manager", "-q", "ADV", "--catalogue", str(PATHS), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED_EXPLANATION_CSV


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("path", "--to", "boss"), "--to: unknown role 'boss'"),
        (("path", "--to", "team-leader", "--from", "nobody"), "--from: unknown role 'nobody'"),
        (("next", "--role", "nobody"), "--role: unknown role 'nobody'"),
        (("explain", "team-lead"), "unknown role 'team-lead' (did you mean team-leader?)"),
        (
            ("path", "--to", "team-leader", "--from", "Team-Leader"),
            "--to team-leader is the role you work in already; aim for another",
        ),
    ],
)
def test_route_usage_errors(run: Run, args: tuple[str, ...], message: str) -> None:
    """Once ``--from team-leader --to team-leader`` planned 48 months to the role held."""
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"careermap: error: {message}")
    assert result.stderr.count("\n") == 1


def test_path_to_the_profile_role_is_refused(run: Run, write: Callable[..., Path]) -> None:
    profile = write("quals: []\nrole: senior\n", "me.yaml")
    result = run("path", "--to", "senior", "--profile", str(profile), "--catalogue", str(PATHS))
    assert result.exit_code == 2
    assert "senior is the role you work in already" in result.stderr
