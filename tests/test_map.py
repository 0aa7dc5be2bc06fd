"""careermap map and report: diagrams that parse, and an HTML page that stands alone."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from collections.abc import Callable
from pathlib import Path

import pytest

from careermap import Catalogue

from .conftest import Run

FLOWCHART_NODE = re.compile(r'^    (\w+)\["([^"]*)"\]$')
FLOWCHART_EDGE = re.compile(r"^  (\w+) --> (\w+)$")
DOT_NODE = re.compile(r'^    "([a-z0-9-]+)" \[label="([^"]*)"(?:, fillcolor="#[0-9a-f]{6}")?\];$')
DOT_EDGE = re.compile(r'^  "([a-z0-9-]+)" -> "([a-z0-9-]+)";$')


def node_id(role_id: str) -> str:
    """Mermaid's node id for a role."""
    return "r_" + role_id.replace("-", "_")


def expected_edges(
    catalogue: Catalogue, name: Callable[[str], str] = node_id
) -> set[tuple[str, str]]:
    return {
        (name(role.id), name(target)) for role in catalogue.roles for target in role.progresses_to
    }


def test_mermaid_has_every_role_and_progression(run: Run, shipped: Catalogue) -> None:
    result = run("map", "--format", "mermaid", "--quals", "DIPSM,L3TSM")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
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


def test_dot_has_every_role_and_progression(run: Run, shipped: Catalogue) -> None:
    result = run("map", "--format", "dot")
    text = result.stdout
    assert text.startswith("digraph careermap {\n")
    assert text.count("{") == text.count("}")
    lines = text.splitlines()
    defined = [match.group(1) for line in lines if (match := DOT_NODE.match(line))]
    assert sorted(defined) == sorted(role.id for role in shipped.roles)
    edges = {match.groups() for line in lines if (match := DOT_EDGE.match(line))}
    assert edges == expected_edges(shipped, str)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
def test_graphviz_parses_the_dot_output(run: Run) -> None:
    text = run("map", "--format", "dot", "--quals", "ILM3").stdout
    svg = subprocess.run(
        ["dot", "-Tsvg"], input=text, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert svg.count('class="node"') == 13
    assert svg.count('class="edge"') == 12


def test_terminal_map_at_80_columns(run: Run) -> None:
    result = run("map", "--quals", "DIPSM,L3TSM")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "┃ Band ┃ operations & practice ┃ operations" in lines[2]
    assert "✔ Practitioner / Case" in result.stdout
    assert lines[-2] == (
        "For L3TSM, DIPSM: ✔ eligible now   ◐ one qualification away   ○ further away"
    )


def test_terminal_map_puts_bands_across_when_wide() -> None:
    from typer.testing import CliRunner

    from careermap.cli import app

    result = CliRunner().invoke(app, ["map"], env={"COLUMNS": "260", "NO_COLOR": "1"})
    header = result.stdout.splitlines()[2]
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


def report_html(run: Run, tmp_path: Path, *quals: str) -> str:
    path = tmp_path / "report.html"
    result = run("report", *quals, "--output", str(path))
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def test_report_is_self_contained(run: Run, tmp_path: Path) -> None:
    html = report_html(run, tmp_path, "--quals", "DIPSM,L3TSM")
    page = _Page()
    page.feed(html)
    page.close()
    assert page.tags[0] == "html"
    assert not {"script", "link", "iframe", "img", "object", "embed"} & set(page.tags)
    assert page.links == []
    assert "http" not in html
    urls = re.findall(r"url\(([^)]*)\)", html)
    assert urls
    assert set(urls) == {"#arrow"}
    assert "@media print" in html
    assert 'name="viewport"' in html


def test_report_shows_map_table_and_routes(run: Run, tmp_path: Path) -> None:
    html = report_html(run, tmp_path, "--quals", "DIPSM,L3TSM")
    assert html.count("<g><title>") == 13
    assert html.count('marker-end="url(#arrow)"') == 12
    assert html.count("<tr><td>") == 13
    assert "eligible for 1 of 13 roles; 6 more are one qualification away." in html
    assert html.count('<section class="route">') == 12
    assert "<h3>Team Leader <small>(band G)</small></h3>" in html


def test_report_escapes_what_it_shows(run: Run, tmp_path: Path) -> None:
    from .conftest import SMALL

    catalogue = tmp_path / "map.yaml"
    text = SMALL.read_text(encoding="utf-8").replace("Head | of service", "Head <b>of</b> service")
    catalogue.write_text(text, encoding="utf-8")
    html = report_html(run, tmp_path, "--catalogue", str(catalogue))
    assert "Head &lt;b&gt;of&lt;/b&gt; service" in html
    assert "<b>" not in html


def _png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB or RGBA PNG into rows of pixel bytes."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat = 8, b""
    width = height = channels = 0
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8
            channels = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for index in range(stride):
            left = line[index - channels] if index >= channels else 0
            up = previous[index]
            corner = previous[index - channels] if index >= channels else 0
            if kind == 1:
                line[index] = (line[index] + left) & 0xFF
            elif kind == 2:
                line[index] = (line[index] + up) & 0xFF
            elif kind == 3:
                line[index] = (line[index] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                best = min(
                    (abs(guess - left), 0, left),
                    (abs(guess - up), 1, up),
                    (abs(guess - corner), 2, corner),
                )[2]
                line[index] = (line[index] + best) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, channels, rows


CHROMIUM = next(
    (path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None
)


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(run: Run, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    run("report", "--quals", "DIPSM,L3TSM", "--output", str(html))
    shot = tmp_path / "shot.png"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,700",
        f"--screenshot={shot}", html.as_uri(),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert shot.is_file(), "Chromium wrote no screenshot"
    width, channels, rows = _png_pixels(shot)
    colours: set[bytes] = set()
    dark = 0
    for row in rows[::4]:
        for offset in range(0, width * channels, channels * 4):
            pixel = row[offset : offset + 3]
            colours.add(pixel)
            dark += sum(pixel) < 384
    assert len(colours) > 20, "the screenshot is blank or nearly so"
    assert dark > 200, "no text or drawing was rendered"
