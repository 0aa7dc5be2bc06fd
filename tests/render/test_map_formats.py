"""The career map and the HTML report in each format: every status, role and progression."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from careermap import Catalogue, career_map, find_role, parse_catalogue, person_report
from careermap.engine import Status
from careermap.render import OutputFormat, Subject, render
from careermap.subject import Kind

from ..conftest import SMALL

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


# The shipped map for someone holding DIPSM and L3TSM: every format must show all of it.
FLOWCHART_NODE = re.compile(r'^    (\w+)\["([^"]*)"\]$')
FLOWCHART_EDGE = re.compile(r"^  (\w+) --> (\w+)$")
DOT_NODE = re.compile(r'^    "([a-z0-9-]+)" \[label="([^"]*)"(?:, fillcolor="#[0-9a-f]{6}")?\];$')
DOT_EDGE = re.compile(r'^  "([a-z0-9-]+)" -> "([a-z0-9-]+)";$')
HELD = frozenset({"DIPSM", "L3TSM"})


def node_id(role_id: str) -> str:
    """Mermaid's node id for a role."""
    return "r_" + role_id.replace("-", "_")


def expected_edges(
    catalogue: Catalogue, name: Callable[[str], str] = node_id
) -> set[tuple[str, str]]:
    return {
        (name(role.id), name(target)) for role in catalogue.roles for target in role.progresses_to
    }


def test_mermaid_has_every_role_and_progression(shipped: Catalogue) -> None:
    lines = render(career_map(shipped, HELD), OutputFormat.MERMAID).splitlines()
    assert lines[0] == "flowchart LR"
    opened = [line for line in lines if line.startswith("  subgraph ")]
    assert len(opened) == len([line for line in lines if line == "  end"]) == 8
    nodes = [FLOWCHART_NODE.match(line) for line in lines]
    defined = [match.group(1) for match in nodes if match]
    assert sorted(defined) == sorted(node_id(role.id) for role in shipped.roles)
    edges = {match.groups() for line in lines if (match := FLOWCHART_EDGE.match(line))}
    assert edges == expected_edges(shipped)
    classes = [line.split()[1].split(",") for line in lines if line.startswith("  class ")]
    assert sorted(node for group in classes for node in group) == sorted(defined)
    labels = {match.group(1): match.group(2) for match in nodes if match}
    assert labels["r_practitioner"] == "✔ Practitioner / Case Manager / Group Worker"
    understood = {"flowchart LR", "  end"}
    for line in lines:  # nothing a Mermaid parser would not recognise
        assert (
            line in understood
            or line.startswith(("  subgraph band_", "  classDef ", "  class "))
            or FLOWCHART_NODE.match(line)
            or FLOWCHART_EDGE.match(line)
        ), line


def test_dot_has_every_role_and_progression(shipped: Catalogue) -> None:
    text = render(career_map(shipped), OutputFormat.DOT)
    assert text.startswith("digraph careermap {\n")
    assert text.count("{") == text.count("}")
    lines = text.splitlines()
    defined = [match.group(1) for line in lines if (match := DOT_NODE.match(line))]
    assert sorted(defined) == sorted(role.id for role in shipped.roles)
    edges = {match.groups() for line in lines if (match := DOT_EDGE.match(line))}
    assert edges == expected_edges(shipped, str)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
def test_graphviz_parses_the_dot_output(shipped: Catalogue) -> None:
    text = render(career_map(shipped, frozenset({"ILM3"})), OutputFormat.DOT)
    svg = subprocess.run(
        ["dot", "-Tsvg"], input=text, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert svg.count('class="node"') == 13
    assert svg.count('class="edge"') == 12


def test_terminal_map_with_bands_as_rows(shipped: Catalogue) -> None:
    text = render(career_map(shipped, HELD), OutputFormat.TABLE, width=110)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 110
    assert "┃ Band ┃ operations & practice" in lines[2]
    assert "│      │ senior-practitioner " in text  # every id whole, never folded
    assert "✔ Practitioner / Case" in text
    assert lines[-2] == (
        "For L3TSM, DIPSM: ✔ eligible now   ◐ one qualification away   ○ further away"
    )


def test_terminal_map_too_narrow_for_its_lanes_is_a_list(shipped: Catalogue) -> None:
    """At 80 columns three lanes cannot hold senior-practice-quality-lead whole, and a
    role id folded in two cannot be typed back in."""
    lines = render(career_map(shipped, HELD), OutputFormat.TABLE, width=80).splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[2:6] == [
        "Band: C",
        "operations & practice: ○ Trainee Recovery Worker",
        "trainee-recovery-worker",
        "→ recovery-worker",
    ]
    assert "senior-practice-quality-lead" in lines


def test_terminal_map_puts_bands_across_when_wide(shipped: Catalogue) -> None:
    header = render(career_map(shipped), OutputFormat.TABLE, width=260).splitlines()[2]
    assert "Track" in header
    assert "Band C" in header
    assert "Band J" in header


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in {"href", "src", "xlink:href", "action", "poster", "data"}:
                self.links.append(value or "")
            if name == "style":
                self.styles.append(value or "")

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def test_report_is_self_contained(shipped: Catalogue) -> None:
    html = render(person_report(shipped, HELD), OutputFormat.HTML)
    page = _Page()
    page.feed(html)
    page.close()
    assert page.tags[0] == "html"
    assert not {"script", "link", "iframe", "img", "object", "embed"} & set(page.tags)
    assert page.links == []
    assert "http" not in html
    urls = re.findall(r"url\(([^)]*)\)", html)
    assert set(urls) == {"#arrow"}
    assert "@media print" in html
    assert 'name="viewport"' in html


def test_report_shows_map_table_and_routes(shipped: Catalogue) -> None:
    html = render(person_report(shipped, HELD), OutputFormat.HTML)
    assert html.count("<g><title>") == 13
    assert html.count('marker-end="url(#arrow)"') == 12
    assert html.count("<tr><td>") == 13
    assert "eligible for 1 of 13 roles; 2 more are one qualification (a year or less) away." in html
    # Held DIPSM + L3TSM: open up to band E, so the 3 roles below are left out.
    assert html.count('<section class="route">') == 9
    assert "<p>Roles below band E, where you stand, are left out." in html
    assert "<h3>Team Leader <small>(band G)</small></h3>" in html
    first = html.index('<section class="route">')
    assert html[first:].startswith(
        '<section class="route"><h3>Senior Case Manager / Practitioner <small>(band F)</small>'
        " <small>(a next step)</small></h3>"
    )
    assert (
        "<td><code>DEGREE_OTHER</code> Degree or diploma in a non-related field<br>48 months</td>"
        in html
    )
    assert html.count("<main>") == 1
    assert "<li>Team Leader (band G): leads to Ops Manager</li>" in html


def test_a_report_says_whose_it_is_and_when(shipped: Catalogue) -> None:
    report = person_report(
        shipped,
        HELD,
        name="Sam Doe",
        current_role=find_role(shipped, "recovery-worker"),
        date=datetime.date(2027, 6, 1),
    )
    html = render(report, OutputFormat.HTML)
    assert (
        '<p class="subtitle">Sam Doe, Recovery Worker (band D).'
        " Alcohol &amp; Drug Service operational career map. Made on 1 June 2027.</p>"
    ) in html
    # In post as a recovery worker: the next step is the role's own progression (open
    # already, so not planned), and nothing below band D is planned.
    assert report.next_steps == ("practitioner",)
    assert report.from_band == "D"
    planned = [plan.target.id for plan in report.plans]
    assert "trainee-recovery-worker" not in planned
    assert "trainee-case-manager" in planned  # band D, the person's own band


def test_report_escapes_what_it_shows() -> None:
    text = SMALL.read_text(encoding="utf-8").replace("Head | of service", "Head <b>of</b> service")
    html = render(person_report(parse_catalogue(text), frozenset()), OutputFormat.HTML)
    assert "Head &lt;b&gt;of&lt;/b&gt; service" in html
    assert "<b>" not in html


def test_a_report_names_the_maps_edition_when_the_catalogue_gives_one() -> None:
    text = SMALL.read_text(encoding="utf-8").replace(
        "name: Small test map\n", "name: Small test map\nversion: 2025-26 v2\n"
    )
    catalogue = parse_catalogue(text)
    assert catalogue.version == "2025-26 v2"
    report = person_report(catalogue, {"BASIC"}, date=datetime.date(2027, 6, 1))
    assert "Small test map (2025-26 v2). Made on 1 June 2027." in render(report, OutputFormat.HTML)
    assert json.loads(render(report, OutputFormat.JSON))["version"] == "2025-26 v2"
    assert parse_catalogue(SMALL.read_text(encoding="utf-8")).version is None
