"""careermap compare as a person runs it."""

from __future__ import annotations

import json

from ..conftest import Run


def test_compare_takes_titles_and_quals(run: Run) -> None:
    result = run(
        "compare", "Team Leader", "practice-lead", "--quals", "DIPSM,L3TSM,ILM3,EXP", "-f", "json"
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [role["id"] for role in document["roles"]] == ["team-leader", "practice-lead"]
    assert [role["missing"] for role in document["roles"]] == [["ILM5"], ["PRACTICE"]]


def test_compare_one_role_is_a_usage_error(run: Run) -> None:
    result = run("compare", "team-leader")
    assert result.exit_code == 2
    assert result.stderr == (
        "careermap: error: compare two or three different roles; got team-leader\n"
    )


def test_compare_fits_80_columns(run: Run) -> None:
    result = run("compare", "team-leader", "practice-lead", "ops-manager", "-q", "DIPSM")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "Ops Manager" in result.stdout
