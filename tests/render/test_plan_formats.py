"""explain and path results worded in each format, exactly."""

from __future__ import annotations

import json
import re

import pytest

from careermap import Catalogue, explain, load_catalogue, plan_path
from careermap.render import OutputFormat, render

from ..conftest import DATA

PATHS = DATA / "paths.yaml"

EXPECTED_PLAN_MARKDOWN = (
    "## Path to Director (director, band D) from START\n\n"
    "| step | kind | id | title | gives | months |\n"
    "|---|---|---|---|---|---|\n"
    "| 1 | role | junior | Junior | CERT; EXP | 3 |\n"
    "| 2 | role | senior | Senior | LEAD | 4 |\n"
    "| 3 | course | ADV | Advanced certificate | ADV | 12 |\n"
    "\n"
    "Total: 19 months in 3 steps; then ADV + LEAD + EXP is met.\n"
)

EXPECTED_EXPLANATION_CSV = (
    "route,code,name,met,via,needs_first\n"
    "1,ADV,Advanced certificate,yes,,\n"
    "1,LEAD,Leadership,no,,\n"
    "2,CERT,Certificate,yes,ADV,\n"
    "2,LEAD,Leadership,no,,\n"
    "2,EXP,Experience,no,,\n"
)


@pytest.fixture(scope="module")
def paths() -> Catalogue:
    return load_catalogue(PATHS)


def test_plan_markdown_exactly(paths: Catalogue) -> None:
    plan = plan_path(paths, "director", {"START"})
    assert render(plan, OutputFormat.MARKDOWN) == EXPECTED_PLAN_MARKDOWN


def test_plan_json_when_there_is_no_route(paths: Catalogue) -> None:
    plan = plan_path(paths, "island", set())
    assert json.loads(render(plan, OutputFormat.JSON)) == {
        "catalogue": "Path test map",
        "target": {"id": "island", "title": "Island", "band": "D"},
        "quals": [],
        "reachable": False,
        "steps": [],
        "total_months": None,
        "proven_cheapest": None,
        "route": None,
        "blocked_by": [["GOLD"], ["START", "GOLD"]],
    }


@pytest.mark.parametrize(
    ("target", "quals", "expected"),
    [
        (
            "director",
            {"START"},
            "step,kind,id,title,gives,months\n"
            "1,role,junior,Junior,CERT; EXP,3\n"
            "2,role,senior,Senior,LEAD,4\n"
            "3,course,ADV,Advanced certificate,ADV,12\n"
            ",eligible,director,Director,ADV; LEAD; EXP,19\n",
        ),
        (
            "manager",
            {"ADV", "LEAD"},
            "step,kind,id,title,gives,months\n,eligible,manager,Manager,ADV; LEAD,0\n",
        ),
        (
            "island",
            set(),
            "step,kind,id,title,gives,months\n,no route,island,Island,GOLD; START,\n",
        ),
    ],
    ids=["steps", "already-eligible", "no-route"],
)
def test_plan_csv_ends_with_its_outcome(
    paths: Catalogue, target: str, quals: set[str], expected: str
) -> None:
    """Once "already eligible" and "no route" were the same header-only file."""
    assert render(plan_path(paths, target, quals), OutputFormat.CSV) == expected


def test_a_plan_finished_greedily_says_a_cheaper_one_may_exist(shipped: Catalogue) -> None:
    plan = plan_path(shipped, "senior-practice-quality-lead", {"GCSE", "EXP"}, budget=0)
    words = " ".join(render(plan, OutputFormat.TABLE).split())
    assert words.endswith(
        "is met. (The map is too tangled to search fully: a cheaper plan may exist.)"
    )
    assert json.loads(render(plan, OutputFormat.JSON))["proven_cheapest"] is False
    assert ",eligible (cheaper may exist),senior-practice-quality-lead," in render(
        plan, OutputFormat.CSV
    )


def test_plan_table_at_80_columns(shipped: Catalogue) -> None:
    lines = render(plan_path(shipped, "team-leader", {"GCSE", "EXP"}), OutputFormat.TABLE)
    lines = lines.splitlines()
    assert lines[0] == "Path to Team Leader (team-leader, band G) from GCSE, EXP"
    assert lines[-1] == "Total: 36 months in 4 steps; then DIPSM + L3TSM + ILM5 is met."
    assert max(len(line) for line in lines) <= 80


def test_plan_says_when_the_target_is_already_met(shipped: Catalogue) -> None:
    text = render(plan_path(shipped, "practitioner", {"DEGREE"}), OutputFormat.TABLE)
    assert text.splitlines()[-1] == "Already eligible: DEGREE is met now."


def test_explanation_tree(shipped: Catalogue) -> None:
    text = render(explain(shipped, "team-leader", {"ILM7", "DIPSM"}), OutputFormat.TABLE)
    assert "Team Leader (team-leader, band G) for DIPSM, ILM7: not yet eligible: needs L3TSM" in (
        text
    )
    assert "✔ ILM5 via ILM7" in text
    assert "Route 2: DIPSM + L3TSM + ILM5  <- closest: needs L3TSM" in text


def test_explanation_csv_exactly(paths: Catalogue) -> None:
    text = render(explain(paths, "manager", {"ADV"}), OutputFormat.CSV)
    assert text == EXPECTED_EXPLANATION_CSV


def test_explain_says_when_a_missing_codes_course_is_still_closed(shipped: Catalogue) -> None:
    """From GCSEs a Master's course is closed (it needs a degree); with a degree it is
    open, and nothing is said."""
    closed = explain(shipped, "senior-practice-quality-lead", {"GCSE"})
    masters = closed.routes[0].checks[0]
    assert (masters.code, masters.needs_first) == ("MASTERS", (("DEGREE",), ("DEGREE_OTHER",)))
    assert "1,MASTERS,Relevant Master's degree,no,,DEGREE or DEGREE_OTHER\n" in render(
        closed, OutputFormat.CSV
    )
    words = re.sub(r"[\s\u2500-\u257f]+", " ", render(closed, OutputFormat.TABLE))
    assert words.count("its course needs DEGREE or DEGREE_OTHER first") == 1
    opened = explain(shipped, "senior-practice-quality-lead", {"DEGREE"})
    assert opened.routes[0].checks[0].needs_first == ()
