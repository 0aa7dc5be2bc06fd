"""explain and path results worded in each format, exactly."""

from __future__ import annotations

import json
import re

import pytest

from careermap import Catalogue, explain, load_catalogue, person_report, plan_path
from careermap.render import OutputFormat, render

from ..conftest import DATA

PATHS = DATA / "paths.yaml"
PLAN_CSV_HEADER = "step,kind,id,title,gives,months,start_month,end_month,under_way\n"

EXPECTED_PLAN_MARKDOWN = (
    "## Path to Director (director, band D) from START\n\n"
    "| step | kind | id | title | gives | when | months |\n"
    "|---|---|---|---|---|---|---|\n"
    "| 1 | role | junior | Junior | CERT; EXP | months 0-3 | 3 |\n"
    "| 2 | course | ADV | Advanced certificate | ADV | months 0-12 | 12 |\n"
    "| 3 | role | senior | Senior | LEAD | months 3-7 | 4 |\n"
    "\n"
    "Total: 12 months in 3 steps (19 if taken one after another); then ADV + LEAD + EXP is"
    " met.\n"
)

EXPECTED_PLAN_TABLE = """\
Path to Director (director, band D) from START
┏━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━┓
┃ # ┃ Step                         ┃ Gives     ┃ When        ┃ Months ┃
┡━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━┩
│ 1 │ Work as Junior               │ CERT, EXP │ months 0-3  │      3 │
│   │ junior                       │           │             │        │
│ 2 │ Course: Advanced certificate │ ADV       │ months 0-12 │     12 │
│   │ ADV                          │           │             │        │
│ 3 │ Work as Senior               │ LEAD      │ months 3-7  │      4 │
│   │ senior                       │           │             │        │
└───┴──────────────────────────────┴───────────┴─────────────┴────────┘
Total: 12 months in 3 steps (19 if taken one after another); then ADV + LEAD + EXP is met.
"""

EXPECTED_EXPLANATION_CSV = (
    "route,code,name,met,via,under_way,needs_first,or_equivalent,agreed\n"
    "1,ADV,Advanced certificate,yes,,,,,\n"
    "1,LEAD,Leadership,no,,,,no,\n"
    "2,CERT,Certificate,yes,ADV,,,,\n"
    "2,LEAD,Leadership,no,,,,no,\n"
    "2,EXP,Experience,no,,,,no,\n"
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
        "sequential_months": None,
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
            f"{PLAN_CSV_HEADER}"
            "1,role,junior,Junior,CERT; EXP,3,0,3,no\n"
            "2,course,ADV,Advanced certificate,ADV,12,0,12,no\n"
            "3,role,senior,Senior,LEAD,4,3,7,no\n"
            ",eligible,director,Director,ADV; LEAD; EXP,19,0,12,\n",
        ),
        (
            "manager",
            {"ADV", "LEAD"},
            f"{PLAN_CSV_HEADER},eligible,manager,Manager,ADV; LEAD,0,0,0,\n",
        ),
        (
            "island",
            set(),
            f"{PLAN_CSV_HEADER},no route,island,Island,GOLD; START,,,,\n",
        ),
    ],
    ids=["steps", "already-eligible", "no-route"],
)
def test_plan_csv_ends_with_its_outcome(
    paths: Catalogue, target: str, quals: set[str], expected: str
) -> None:
    """Once "already eligible" and "no route" were the same header-only file. The outcome
    row's months are the steps' added up, and it runs from month 0 to the elapsed months."""
    assert render(plan_path(paths, target, quals), OutputFormat.CSV) == expected


def test_plan_table_exactly(paths: Catalogue) -> None:
    plan = plan_path(paths, "director", {"START"})
    assert render(plan, OutputFormat.TABLE, width=90) == EXPECTED_PLAN_TABLE


def test_plan_json_gives_the_timeline(paths: Catalogue) -> None:
    plan = plan_path(paths, "director", {"START"}, studying={"LEAD": 2})
    assert json.loads(render(plan, OutputFormat.JSON)) == {
        "catalogue": "Path test map",
        "target": {"id": "director", "title": "Director", "band": "D"},
        "quals": ["START"],
        "reachable": True,
        "steps": [
            {"step": 1, "kind": "role", "id": "junior", "title": "Junior",
             "gives": ["CERT", "EXP"], "months": 3, "start_month": 0, "end_month": 3,
             "under_way": False},
            {"step": 2, "kind": "course", "id": "LEAD", "title": "Leadership",
             "gives": ["LEAD"], "months": 2, "start_month": 0, "end_month": 2,
             "under_way": True},
            {"step": 3, "kind": "course", "id": "ADV", "title": "Advanced certificate",
             "gives": ["ADV"], "months": 12, "start_month": 2, "end_month": 14,
             "under_way": False},
        ],
        "total_months": 14,
        "sequential_months": 17,
        "proven_cheapest": True,
        "route": ["ADV", "LEAD", "EXP"],
        "blocked_by": [],
    }  # fmt: skip


def test_plan_csv_and_markdown_mark_study_under_way(paths: Catalogue) -> None:
    plan = plan_path(paths, "director", {"START"}, studying={"LEAD": 2})
    assert render(plan, OutputFormat.CSV) == (
        f"{PLAN_CSV_HEADER}"
        "1,role,junior,Junior,CERT; EXP,3,0,3,no\n"
        "2,course,LEAD,Leadership,LEAD,2,0,2,yes\n"
        "3,course,ADV,Advanced certificate,ADV,12,2,14,no\n"
        ",eligible,director,Director,ADV; LEAD; EXP,17,0,14,\n"
    )
    assert "| 2 | course (under way) | LEAD | Leadership | LEAD | months 0-2 | 2 |\n" in render(
        plan, OutputFormat.MARKDOWN
    )
    assert "Course under way: Leadership" in render(plan, OutputFormat.TABLE)


def test_a_report_draws_each_plan_as_a_timeline(paths: Catalogue) -> None:
    """Each step in words, then a bar on one scale from now to the plan's end (drawn only:
    the words say what and when, for a screen reader and a printout)."""
    html = render(person_report(paths, {"START"}), OutputFormat.HTML)
    start = html.index('<section class="route"><h3>Director')
    section = html[start : html.index("</section>", start) + len("</section>")]
    assert section == (
        '<section class="route"><h3>Director <small>(band D)</small></h3>'
        '<ol class="steps">'
        "<li>Work as Junior, months 0-3 (3 months), gaining CERT, EXP"
        '<span class="track" aria-hidden="true"><span class="bar role"'
        ' style="left:0.0%;width:25.0%"></span></span></li>'
        "<li>Course: Advanced certificate, months 0-12 (12 months), gaining ADV"
        '<span class="track" aria-hidden="true"><span class="bar course"'
        ' style="left:0.0%;width:100.0%"></span></span></li>'
        "<li>Work as Senior, months 3-7 (4 months), gaining LEAD"
        '<span class="track" aria-hidden="true"><span class="bar role"'
        ' style="left:25.0%;width:33.3%"></span></span></li>'
        "</ol>"
        '<p class="scale">Each bar runs on one scale, from now to month 12.</p>'
        "<p>Total: 12 months in 3 steps (19 if taken one after another); then ADV + LEAD +"
        " EXP is met.</p></section>"
    )


def test_a_plan_finished_greedily_says_a_quicker_one_may_exist(shipped: Catalogue) -> None:
    plan = plan_path(shipped, "senior-practice-quality-lead", {"GCSE", "EXP"}, budget=0)
    words = " ".join(render(plan, OutputFormat.TABLE).split())
    assert words.endswith(
        "is met. (The map is too tangled to search fully: a quicker plan may exist.)"
    )
    assert json.loads(render(plan, OutputFormat.JSON))["proven_cheapest"] is False
    assert ",eligible (quicker may exist),senior-practice-quality-lead," in render(
        plan, OutputFormat.CSV
    )


def test_plan_table_at_80_columns(shipped: Catalogue) -> None:
    lines = render(plan_path(shipped, "team-leader", {"GCSE", "EXP"}), OutputFormat.TABLE)
    lines = lines.splitlines()
    assert lines[0] == "Path to Team Leader (team-leader, band G) from GCSE, EXP"
    assert lines[-2:] == [
        "Total: 24 months in 3 steps (42 if taken one after another); then DIPSM + L3TSM",
        "+ ILM5 is met.",
    ]
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
    assert "1,MASTERS,Relevant Master's degree,no,,,DEGREE or DEGREE_OTHER,yes,\n" in render(
        closed, OutputFormat.CSV
    )
    words = re.sub(r"[\s\u2500-\u257f]+", " ", render(closed, OutputFormat.TABLE))
    assert words.count("its course needs DEGREE or DEGREE_OTHER first") == 1
    opened = explain(shipped, "senior-practice-quality-lead", {"DEGREE"})
    assert opened.routes[0].checks[0].needs_first == ()
