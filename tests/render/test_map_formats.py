"""The career map in each format shows every status, with the symbols and classes it names."""

from __future__ import annotations

import json
import re

import pytest

from careermap.engine import Status
from careermap.render import OutputFormat, Subject, render
from careermap.subject import Kind

# On the small map, BASIC opens helper; lead needs LEAD5 alone; head needs two codes.
EXPECTED = {"helper": Status.ELIGIBLE, "lead": Status.ONE_AWAY, "head": Status.FURTHER}


@pytest.fixture
def view(subjects: dict[Kind, Subject]) -> Subject:
    return subjects[Kind.CAREER_MAP]


def test_the_terminal_map_marks_each_status(view: Subject) -> None:
    text = render(view, OutputFormat.TABLE, width=120)
    assert "✔ Helper" in text
    assert "◐ -Lead, senior" in text
    assert "○ Head | of service" in text
    assert "✔ eligible now   ◐ one qualification away   ○ further away" in text


def test_mermaid_classes_are_defined_and_give_each_status(view: Subject) -> None:
    lines = render(view, OutputFormat.MERMAID).splitlines()
    defined = {line.split()[1] for line in lines if line.startswith("  classDef ")}
    used: dict[str, str] = {}
    for line in lines:
        if line.startswith("  class "):
            _, nodes, name = line.split()
            assert name in defined, line
            used |= dict.fromkeys(nodes.split(","), name)
    expected = {f"r_{role}": status.value.replace("-", "_") for role, status in EXPECTED.items()}
    assert used == expected
    assert '    r_lead["◐ -Lead, senior"]' in lines


def test_dot_fills_each_status_and_quotes_every_id(view: Subject) -> None:
    text = render(view, OutputFormat.DOT)
    assert '"lead" [label="◐ -Lead, senior\\nlead", fillcolor="#fff3bf"];' in text
    assert '"helper" -> "lead";' in text


def test_the_html_map_names_each_status(view: Subject) -> None:
    html = render(view, OutputFormat.HTML)
    tooltips = dict(re.findall(r"<g><title>([^<(]+) \(band \w\): ([a-z ]+)</title>", html))
    assert tooltips == {
        "Helper": "eligible now",
        "-Lead, senior": "one qualification away",
        "Head | of service": "further away",
    }
    assert "◐ needs LEAD5" in html


def test_json_map_gives_status_and_missing(view: Subject) -> None:
    roles = {role["id"]: role for role in json.loads(render(view, OutputFormat.JSON))["roles"]}
    assert {role: roles[role]["status"] for role in EXPECTED} == {
        role: status.value for role, status in EXPECTED.items()
    }
    assert roles["head"]["missing"] == ["LEAD5", "FORMULA"]
