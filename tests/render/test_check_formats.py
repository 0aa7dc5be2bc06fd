"""The role report (check and next) worded in each format, exactly."""

from __future__ import annotations

import json

import pytest

from careermap import Catalogue, check_report, next_report
from careermap.render import OutputFormat, Subject, render
from careermap.render.csv import neutralise
from careermap.subject import Kind

EXPECTED_CSV = """\
id,title,band,eligible,eligible_from,missing,months,under_way,or_equivalent
helper,Helper,A,yes,,,,,
lead,"'-Lead, senior",B,no,,LEAD5,,,
head,Head | of service,C,no,,LEAD5; FORMULA,,,
"""

EXPECTED_MARKDOWN = """\
## Roles for BASIC

| id | title | band | eligible | eligible_from | missing | months | under_way | or_equivalent |
|---|---|---|---|---|---|---|---|---|
| helper | Helper | A | yes |  |  |  |  |  |
| lead | -Lead, senior | B | no |  | LEAD5 |  |  |  |
| head | Head \\| of service | C | no |  | LEAD5; FORMULA |  |  |  |
"""

EXPECTED_TABLE = """\
Roles for BASIC
┏━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
┃ Band ┃ Role              ┃ Eligible ┃ Still needed    ┃
┡━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
│ A    │ Helper            │ ✔ yes    │                 │
│      │ helper            │          │                 │
│ B    │ -Lead, senior     │ ✘ no     │ LEAD5           │
│      │ lead              │          │                 │
│ C    │ Head | of service │ ✘ no     │ LEAD5 + FORMULA │
│      │ head              │          │                 │
└──────┴───────────────────┴──────────┴─────────────────┘
✔ eligible for 1 of 3 roles; 1 more is one qualification (a year or less) away.
"""


@pytest.fixture
def report(subjects: dict[Kind, Subject]) -> Subject:
    """Every role on the small map for someone holding BASIC."""
    return subjects[Kind.ROLE_REPORT]


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [
        (OutputFormat.CSV, EXPECTED_CSV),
        (OutputFormat.MARKDOWN, EXPECTED_MARKDOWN),
        (OutputFormat.TABLE, EXPECTED_TABLE),
    ],
)
def test_the_role_report_exactly(
    report: Subject, output_format: OutputFormat, expected: str
) -> None:
    assert render(report, output_format, width=80) == expected


def test_the_role_report_json_shape(report: Subject) -> None:
    document = json.loads(render(report, OutputFormat.JSON))
    assert document["quals"] == ["BASIC"]
    assert document["studying"] == []
    assert document["summary"] == {
        "roles": 3, "eligible": 1, "eligible_later": 0, "one_away": 1, "unplanned": 0,
    }  # fmt: skip
    lead = document["roles"][1]
    assert lead == {
        "id": "lead",
        "title": "-Lead, senior",
        "band": "B",
        "tracks": ["main"],
        "eligible": False,
        "availability": "not-yet",
        "eligible_from": None,
        "status": "one-away",
        "missing": ["LEAD5"],
        "months": None,
        "under_way": [],
        "or_equivalent": [],
        "closest_route": 1,
        "routes": [
            {"number": 1, "requires": ["BASIC", "LEAD5"], "missing": ["LEAD5"]},
            {"number": 2, "requires": ["LEAD3", "FORMULA"], "missing": ["LEAD3", "FORMULA"]},
        ],
    }


def test_the_shipped_map_at_80_columns(shipped: Catalogue) -> None:
    text = render(check_report(shipped, {"ILM3", "L3TSM"}), OutputFormat.TABLE, width=80)
    lines = text.splitlines()
    assert lines[0] == "Roles for L3TSM, ILM3"
    assert max(len(line) for line in lines) <= 80
    assert "practice-development-manager" in text
    assert "│ I    │ Service Manager" in text
    assert (
        lines[-1]
        == "✔ eligible for 0 of 13 roles; 1 more is one qualification (a year or less) away."
    )


def test_without_quals_the_whole_gap_shows(small: Catalogue) -> None:
    text = render(check_report(small, set()), OutputFormat.CSV)
    assert text.splitlines()[1] == "helper,Helper,A,no,,BASIC,,,"


def test_next_from_a_role_with_quals_exactly(shipped: Catalogue) -> None:
    quals = frozenset({"DIPSM", "L3TSM", "ILM5"})
    text = render(
        next_report(shipped, role_id="senior-practitioner", quals=quals), OutputFormat.CSV
    )
    assert text == (
        "id,title,band,eligible,eligible_from,missing,months,under_way,or_equivalent\n"
        "team-leader,Team Leader,G,yes,,,,,\n"
        "practice-lead,Practice Lead,G,no,,PRACTICE,12,,\n"
    )


def test_the_summary_for_a_single_role(shipped: Catalogue) -> None:
    quals = frozenset({"DIPSM", "L3TSM", "ILM3"})
    text = render(next_report(shipped, role_id="practitioner", quals=quals), OutputFormat.TABLE)
    assert text.splitlines()[-1] == "✔ eligible for 1 of 1 role."


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44", "'+44"),
        ("-Lead", "'-Lead"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Team Leader", "Team Leader"),
        ("", ""),
    ],
)
def test_csv_cells_cannot_become_formulas(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_markdown_keeps_links_and_images_as_text() -> None:
    from careermap.render.markdown import escape

    assert escape("![t](http://x/p.png) [click](http://x)") == (
        "!\\[t\\](http://x/p.png) \\[click\\](http://x)"
    )
