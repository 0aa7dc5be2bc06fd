"""Study under way on the command line: --quals CODE@YYYY-MM, profiles, --as-of."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import Run

HEADER = "id,title,band,eligible,eligible_from,missing,months,under_way,or_equivalent"


def test_next_gives_the_date_study_opens_a_role(run: Run) -> None:
    result = run(
        "next", "--role", "senior-practitioner", "-q", "DIPSM,L3TSM,EXP,ILM5@2027-06",
        "--as-of", "2026-12-01", "-f", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == HEADER
    assert result.stdout.splitlines()[1] == "team-leader,Team Leader,G,no,2027-06,,,ILM5@2027-06,"


def test_the_table_says_eligible_from_and_what_is_under_way(run: Run) -> None:
    result = run("check", "-q", "DIPSM,L3TSM,EXP", "-q", "ILM5@2027-06", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Roles for EXP, L3TSM, DIPSM; studying ILM5@2027-06 (as of 2026-12-01)" in text
    assert "│ G │ Team Leader │ ◷ from 2027-06 │ ILM5 under way, due │" in text
    assert "eligible for 2 of 13 roles; 2 more once study under way is done" in text


def test_study_due_by_the_day_asked_about_is_held(run: Run) -> None:
    result = run("check", "-q", "DIPSM,L3TSM,ILM5@2027-06", "--as-of", "2027-06-01", "-f", "json")
    document = json.loads(result.stdout)
    assert document["quals"] == ["L3TSM", "DIPSM", "ILM5"]
    assert document["studying"] == []
    assert document["as_of"] == "2027-06-01"


def test_a_profile_with_study_under_way(run: Run, write: Callable[[str, str], Path]) -> None:
    profile = write(
        "quals: [DIPSM, L3TSM, EXP]\nrole: senior-practitioner\n"
        "studying:\n  - {code: ILM5, due: 2027-06}\n",
        "me.yaml",
    )
    result = run("next", "--profile", str(profile), "--as-of", "2026-12-01", "-f", "json")
    assert result.exit_code == 0, result.output
    leader = json.loads(result.stdout)["roles"][0]
    assert leader["availability"] == "from-date"
    assert leader["eligible_from"] == "2027-06"
    assert leader["under_way"] == [{"code": "ILM5", "due": "2027-06"}]


def test_explain_numbers_routes_as_the_table_does(run: Run) -> None:
    table = run("explain", "practitioner", "-q", "L3TSM,EXP").stdout
    assert "Route 2: DIPSM + L3TSM  <- closest: needs DIPSM" in table
    assert "not yet eligible: needs DIPSM or equivalent (12 months)" in " ".join(table.split())
    document = json.loads(run("explain", "practitioner", "-q", "L3TSM,EXP", "-f", "json").stdout)
    assert document["closest_route"] == 2
    assert [route["number"] for route in document["routes"]] == [1, 2]
    assert document["missing"] == ["DIPSM"]
    assert document["months"] == 12


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "-q", "ILM5@soon"), "'ILM5@soon' is not study under way; write it as CODE@"),
        (("check", "-q", "ILM3", "--as-of", "2026-13-01"), "--as-of '2026-13-01': give a day"),
        (("check", "-q", "ILM3", "--as-of", "tomorrow"), "give a day as YYYY-MM-DD"),
        (("check", "-q", "ILM3", "--as-of", "2026-W49-1"), "give a day as YYYY-MM-DD"),
        (("check", "-q", "ILM5@2027-06-15"), "'ILM5@2027-06-15' is not study under way"),
        (("explain", "team-leader", "-q", "NOPE@2027-06"), "unknown qualification 'NOPE'"),
    ],
)
def test_bad_study_or_day_is_a_usage_error(run: Run, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_agreed_equivalents_count_and_are_shown(
    run: Run, write: Callable[[str, str], Path]
) -> None:
    profile = write(
        "quals: [EXP, DIPSM]\nagreed:\n  L3TSM: SVQ 3 Health and Social Care, agreed 2025-03\n",
        "me.yaml",
    )
    table = run("explain", "practitioner", "--profile", str(profile)).stdout
    flat = " ".join(table.split())
    assert "for EXP, L3TSM, DIPSM: eligible" in flat
    assert "✔ L3TSM agreed equivalent: SVQ 3 Health and Social Care, agreed 2025-03" in flat
    document = json.loads(run("check", "--profile", str(profile), "-f", "json").stdout)
    assert document["agreed"] == [
        {"code": "L3TSM", "note": "SVQ 3 Health and Social Care, agreed 2025-03"}
    ]
    assert "L3TSM (agreed equivalent)" in run("check", "--profile", str(profile)).stdout


def test_or_equivalent_requirements_say_so(run: Run) -> None:
    table = " ".join(run("explain", "team-leader", "-q", "DIPSM,L3TSM").stdout.split())
    assert "✘ ILM5 (or an equivalent agreed with your manager) (ILM Level 5" in table
    rows = run("explain", "team-leader", "-q", "DIPSM,L3TSM", "-f", "csv").stdout.splitlines()
    assert rows[0].endswith(",needs_first,or_equivalent,agreed")
    assert "2,ILM5,ILM Level 5 in Leadership and Management,no,,,,yes," in rows
    check = run("check", "-q", "DIPSM,L3TSM", "-f", "csv").stdout.splitlines()
    assert "team-leader,Team Leader,G,no,,ILM5,18,,ILM5" in check


def test_the_readme_walk_through_profile(run: Run) -> None:
    """examples/pdr-profile.yaml, as README's PDR walk-through runs it."""
    profile = Path(__file__).parents[2] / "examples" / "pdr-profile.yaml"
    result = run("check", "--profile", str(profile), "--as-of", "2026-12-06", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert "team-leader,Team Leader,G,no,2027-06,,,ILM5@2027-06," in rows
    assert "practice-lead,Practice Lead,G,no,,PRACTICE,12,," in rows
    path = run("path", "--to", "practice-lead", "--profile", str(profile), "--as-of", "2026-12-06")
    assert "Total: 12 months in 1 step" in path.stdout


def test_json_status_is_the_summarys(run: Run) -> None:
    """The engine counts Practitioner one code (DEGREE) away; the quickest route is the
    diploma and certificate, two codes, so it is further away in the JSON as in the table."""
    document = json.loads(run("check", "-q", "ILM5", "-f", "json").stdout)
    practitioner = next(role for role in document["roles"] if role["id"] == "practitioner")
    assert (practitioner["missing"], practitioner["status"]) == (["DIPSM", "L3TSM"], "further")
    assert practitioner["closest_route"] == 2
    assert document["summary"]["one_away"] == sum(
        role["status"] == "one-away" and role["availability"] == "not-yet"
        for role in document["roles"]
    )
