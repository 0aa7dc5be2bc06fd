"""What a diff says in each format, exactly, on a small change to the small test map.

The case holds the text a format must keep as text: a title with HTML in it, a name
that starts with ``=`` and holds ``|``, a staff name with ``<script>``, and a row that
is a problem on both maps.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from careermap import Catalogue, catalogue_diff, catalogue_from_data
from careermap.diff import CatalogueDiff
from careermap.render import OutputFormat, render
from careermap.staff import StaffRow

from ..cli.test_map_report import _assert_accessible, _browser_or_skip

ROWS = [
    StaffRow(2, "Ann", "BASIC", ""),
    StaffRow(3, "Bob <script>", "BASIC; LEAD5", "helper"),
    StaffRow(4, "Cat", "LEAD3; FORMULA", "lead"),
    StaffRow(5, "Dan", "NOPE", ""),
]


def changed(small: Catalogue) -> Catalogue:
    """Lead needs NEW on its BASIC route and is renamed; version 2 from April 2026."""
    data: dict[str, Any] = small.to_data()
    data["version"], data["effective_from"] = "2", "2026-04-01"
    lead = next(role for role in data["roles"] if role["id"] == "lead")
    lead["requires"] = [["LEAD3", "FORMULA"], ["BASIC", "LEAD5", "NEW"]]
    lead["title"] = "<b>Lead</b> & co"
    data["qualifications"].append({"code": "NEW", "name": "=New | one"})
    return catalogue_from_data(data)


@pytest.fixture(scope="module")
def diff(small: Catalogue) -> CatalogueDiff:
    return catalogue_diff(
        small, changed(small), ROWS, source="team.csv", old_file="small.yaml",
        new_file="small-2.yaml",
    )  # fmt: skip


EXPECTED_CSV = """\
section,id,name,role,change,field,before,after
catalogue,old,Small test map,,,version,,
catalogue,old,Small test map,,,effective_from,,
catalogue,new,Small test map,,,version,,2
catalogue,new,Small test map,,,effective_from,,2026-04-01
qualification,NEW,'=New | one,,added,,,
role,lead,<b>Lead</b> & co,,changed,title,"'-Lead, senior",<b>Lead</b> & co
role,lead,<b>Lead</b> & co,,route removed,,BASIC + LEAD5,
role,lead,<b>Lead</b> & co,,route added,,,BASIC + LEAD5 + NEW
problem,5,,,skipped,both,,Dan: unknown qualification 'NOPE'; `careermap quals` lists the codes
person,2,Ann,,gap,lead,LEAD5,LEAD3; FORMULA
person,3,Bob <script>,helper,loses,lead,,FORMULA
total,lead,<b>Lead</b> & co,,gains,,,0
total,lead,<b>Lead</b> & co,,losses,,,1
total,lead,<b>Lead</b> & co,,gap changes,,,1
total,,,,staff compared,,,3
total,,,,people affected,,,2
summary,,,,differences,,,
"""

EXPECTED_MARKDOWN = """\
## Changes to Small test map: small.yaml to version 2 (effective from 2026-04-01)

- Old map: Small test map, from small.yaml
- New map: Small test map, version 2 (effective from 2026-04-01), from small-2.yaml

### Changes to the map

| kind | id | name | change | before | after |
|---|---|---|---|---|---|
| qualification | NEW | =New \\| one | added |  |  |
| role | lead | &lt;b&gt;Lead&lt;/b&gt; & co | title | -Lead, senior | &lt;b&gt;Lead&lt;/b&gt; & co |
| role | lead | &lt;b&gt;Lead&lt;/b&gt; & co | route removed | BASIC + LEAD5 |  |
| role | lead | &lt;b&gt;Lead&lt;/b&gt; & co | route added |  | BASIC + LEAD5 + NEW |

### Staff affected

3 staff from team.csv on both maps: 2 people affected (1 row skipped).

| line | name | role | for role | change | before | after |
|---|---|---|---|---|---|---|
| 2 | Ann | - | lead | gap | needs LEAD5 | needs LEAD3 + FORMULA |
| 3 | Bob &lt;script&gt; | helper | lead | loses | eligible | needs FORMULA |

### Totals by role

| id | title | gains | losses | gap changes |
|---|---|---|---|---|
| lead | &lt;b&gt;Lead&lt;/b&gt; & co | 0 | 1 | 1 |

### Rows skipped

| line | on | problem |
|---|---|---|
| 5 | both maps | Dan: unknown qualification 'NOPE'; `careermap quals` lists the codes |
"""  # noqa: E501

EXPECTED_JSON: dict[str, Any] = {
    "catalogues": {
        "old": {
            "name": "Small test map",
            "version": None,
            "effective_from": None,
            "file": "small.yaml",
        },
        "new": {
            "name": "Small test map",
            "version": "2",
            "effective_from": "2026-04-01",
            "file": "small-2.yaml",
        },
    },
    "differences": True,
    "map": [],
    "qualifications": {
        "added": [{"code": "NEW", "name": "=New | one"}],
        "removed": [],
        "changed": [],
    },
    "roles": {
        "added": [],
        "removed": [],
        "changed": [
            {
                "id": "lead",
                "title": "<b>Lead</b> & co",
                "band": "B",
                "changes": [
                    {"field": "title", "before": "-Lead, senior", "after": "<b>Lead</b> & co"}
                ],
                "routes_added": [["BASIC", "LEAD5", "NEW"]],
                "routes_removed": [["BASIC", "LEAD5"]],
                "progressions_added": [],
                "progressions_removed": [],
            }
        ],
    },
    "staff": {
        "source": "team.csv",
        "staff": 3,
        "affected": 2,
        "skipped": [
            {
                "line": 5,
                "side": "both",
                "message": "Dan: unknown qualification 'NOPE'; `careermap quals` lists the codes",
            }
        ],
        "totals": [
            {
                "id": "lead",
                "title": "<b>Lead</b> & co",
                "band": "B",
                "gains": 0,
                "losses": 1,
                "gap_changes": 1,
            }
        ],
        "people": [
            {
                "line": 2,
                "name": "Ann",
                "role": None,
                "changes": [
                    {
                        "role": "lead",
                        "change": "gap",
                        "missing_before": ["LEAD5"],
                        "missing_after": ["LEAD3", "FORMULA"],
                    }
                ],
            },
            {
                "line": 3,
                "name": "Bob <script>",
                "role": "helper",
                "changes": [
                    {
                        "role": "lead",
                        "change": "loses",
                        "missing_before": [],
                        "missing_after": ["FORMULA"],
                    }
                ],
            },
        ],
    },
}


def test_csv(diff: CatalogueDiff) -> None:
    assert render(diff, OutputFormat.CSV) == EXPECTED_CSV


def test_markdown(diff: CatalogueDiff) -> None:
    assert render(diff, OutputFormat.MARKDOWN) == EXPECTED_MARKDOWN


def test_json(diff: CatalogueDiff) -> None:
    text = render(diff, OutputFormat.JSON)
    assert json.loads(text) == EXPECTED_JSON
    assert text.endswith("}\n")


def test_no_differences_is_said_plainly(small: Catalogue) -> None:
    same = catalogue_diff(small, small, ROWS)
    assert "No differences" in render(same, OutputFormat.TABLE)
    assert "No differences" in render(same, OutputFormat.MARKDOWN)
    assert "No differences" in render(same, OutputFormat.HTML)
    assert render(same, OutputFormat.CSV).endswith("summary,,,,no differences,,,\n")
    assert json.loads(render(same, OutputFormat.JSON))["differences"] is False


def test_html_escapes_catalogue_and_staff_text(diff: CatalogueDiff) -> None:
    page = render(diff, OutputFormat.HTML)
    assert "<script>" not in page
    assert "<b>Lead" not in page
    assert "Bob &lt;script&gt;" in page
    assert "&lt;b&gt;Lead&lt;/b&gt; &amp; co" in page
    assert page.count("<main>") == 1
    assert "version 2 (effective from 2026-04-01)" in page


def test_table_names_both_maps_and_every_person(diff: CatalogueDiff) -> None:
    text = render(diff, OutputFormat.TABLE, width=80)
    assert text.startswith(
        "Changes to Small test map: small.yaml to version 2 (effective from 2026-04-01)\n"
    )
    for name in ("Ann", "Bob <script>", "<b>Lead</b> & co", "line 5 (both maps): Dan"):
        assert name in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "\x1b" not in text


def test_a_long_list_of_people_is_written_as_lines(small: Catalogue) -> None:
    rows = [StaffRow(line, f"P{line}", "BASIC; LEAD5", "helper") for line in range(2, 1100)]
    text = render(catalogue_diff(small, changed(small), rows), OutputFormat.TABLE)
    assert "People affected (1,098: a list" in text
    assert "P1099: line 1099, helper" in text


def test_the_page_passes_axe(diff: CatalogueDiff, tmp_path: Path) -> None:
    sync_playwright, chromium = _browser_or_skip()
    target = tmp_path / "diff.html"
    target.write_text(render(diff, OutputFormat.HTML), encoding="utf-8")
    _assert_accessible(sync_playwright, chromium, [target])
