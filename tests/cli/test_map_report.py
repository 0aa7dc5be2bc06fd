"""careermap map and report: the options wired through to a file, and the page in a browser.

What each format says is in tests/render/test_map_formats.py. The browser test opens the
report written by ``careermap report`` in Debian's Chromium through playwright and checks
the page a person sees; it is skipped, saying why, when either is missing, except in CI
(CI set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from careermap import Catalogue, Status, career_map, person_report
from careermap.provenance import Provenance
from careermap.render import OutputFormat, render

from ..conftest import Run

HELD = frozenset({"DIPSM", "L3TSM"})
STATUS_WORDS = {
    Status.ELIGIBLE: "eligible now",
    Status.ONE_AWAY: "one qualification away",
    Status.FURTHER: "further away",
}
SYMBOLS = {Status.ELIGIBLE: "✔", Status.ONE_AWAY: "◐", Status.FURTHER: "○"}


def test_map_wires_quals_and_format(run: Run, shipped: Catalogue) -> None:
    result = run("map", "--format", "mermaid", "--quals", "DIPSM,L3TSM")
    assert result.exit_code == 0, result.output
    stamp = Provenance.of(shipped)
    assert result.stdout == render(
        career_map(shipped, HELD), OutputFormat.MERMAID, provenance=stamp
    )


def test_map_on_the_terminal_at_80_columns(run: Run) -> None:
    result = run("map", "--quals", "DIPSM,L3TSM")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "\x1b[" not in result.stdout


def test_report_writes_the_page_to_the_output(run: Run, tmp_path: Path, shipped: Catalogue) -> None:
    target = tmp_path / "report.html"
    result = run("report", "--quals", "DIPSM,L3TSM", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    stamp = Provenance.of(shipped)
    expected = render(person_report(shipped, HELD), OutputFormat.HTML, provenance=stamp)
    assert target.read_text(encoding="utf-8") == expected


def _browser_or_skip() -> tuple[object, str]:
    """playwright's sync API and the system Chromium, or a skip (a failure in CI)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    missing = (
        "playwright is not installed (pip install playwright)"
        if sync_playwright is None
        else "no Chromium on PATH (apt-get install chromium)"
        if chromium is None
        else None
    )
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(f"the browser test must run in CI: {missing}")
        pytest.skip(missing)
    assert sync_playwright is not None
    assert chromium is not None
    return sync_playwright, chromium


def test_report_in_chromium(run: Run, tmp_path: Path, shipped: Catalogue) -> None:
    sync_playwright, chromium = _browser_or_skip()
    target = tmp_path / "report.html"
    assert run("report", "--quals", "DIPSM,L3TSM", "--output", str(target)).exit_code == 0
    results = person_report(shipped, HELD).rows  # the statuses the report shows
    not_open = [result for result in results if result.status is not Status.ELIGIBLE]
    assert 0 < len(not_open) < len(results)  # the page shows every status

    with sync_playwright() as p:  # type: ignore[operator]
        browser = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        )  # fmt: skip
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            page.set_default_timeout(5_000)
            page.goto(target.as_uri())

            assert page.locator("h1").inner_text() == "Career map report"

            titles = page.locator("svg g > title").all_text_contents()
            assert len(titles) == len(shipped.roles) == 13
            for result, title in zip(results, titles, strict=True):
                assert title == (
                    f"{result.role.title} (band {result.role.band}): {STATUS_WORDS[result.status]}"
                )

            rows = page.locator("table tbody tr")
            assert rows.count() == 13
            for index, result in enumerate(results):
                status = rows.nth(index).locator("td").nth(2)
                assert status.is_visible()
                expected = f"{SYMBOLS[result.status]} {STATUS_WORDS[result.status]}"
                assert status.inner_text() == expected

            legend = page.locator(".legend > span")
            assert legend.all_inner_texts() == [
                "✔ eligible now",
                "◐ one qualification away",
                "○ further away",
            ]
            for index in range(3):
                assert legend.nth(index).is_visible()

            # The map's text is drawn at its own 12 px, not scaled down to 7-9 px, and
            # every line of every role's box stays inside the box.
            scale = page.evaluate(
                "(() => { const svg = document.querySelector('.map svg');"
                " return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; })()"
            )
            assert scale >= 0.99
            overflowing = page.evaluate(
                "[...document.querySelectorAll('.map svg g')].filter(g => {"
                " const box = g.querySelector('rect').getBBox();"
                " return [...g.querySelectorAll('text')].some(t => {"
                " const b = t.getBBox(); return b.x + b.width > box.x + box.width - 4; }); })"
                ".map(g => g.querySelector('title').textContent)"
            )
            assert overflowing == []

            page.keyboard.press("Tab")  # the map's sideways scroller takes the keyboard
            assert page.evaluate("document.activeElement.className") == "map"

            headings = page.locator("section.route h3").all_inner_texts()
            plans = person_report(shipped, HELD).plans
            assert headings[0] == "Senior Case Manager / Practitioner (band F) (a next step)"
            assert headings[1:] == [f"{p.target.title} (band {p.target.band})" for p in plans[1:]]
            assert len(plans) < len(not_open)  # the roles below band E are left out
        finally:
            browser.close()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--quals", "DIPSM,L3TSM,ILM3"),
        ("report", "--quals", "GCSE"),
        ("map", "--quals", "ILM3", "--format", "html"),
        ("map", "--format", "html"),
    ],
    ids=["report", "report-early", "map", "map-unassessed"],
)
def test_every_page_passes_axe_and_fits_a_phone(
    run: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    """axe-core (WCAG 2.2 AA) finds nothing, at desktop width and at 390 px, where the page
    never scrolls sideways (the map scrolls inside its own scroller). Once the report's
    table ran 16 px past a phone's edge on role ids and codes such as DEGREE_OTHER."""
    sync_playwright, chromium = _browser_or_skip()
    target = tmp_path / "page.html"
    assert run(*args, "--output", str(target)).exit_code == 0
    _assert_accessible(sync_playwright, chromium, [target])


def test_team_reports_and_their_index_pass_axe(run: Run, tmp_path: Path) -> None:
    sync_playwright, chromium = _browser_or_skip()
    folder = tmp_path / "pdr"
    data = Path(__file__).parent.parent / "data"
    args = ("team", str(data / "team.csv"), "--catalogue", str(data / "small.yaml"))
    assert run(*args, "--reports", str(folder)).exit_code == 0
    _assert_accessible(sync_playwright, chromium, [folder / "index.html", folder / "bob.html"])


def _assert_accessible(sync_playwright: object, chromium: str, pages: list[Path]) -> None:
    """axe-core finds no WCAG 2.2 AA violation in each page, at 1280 and 390 px, and the
    page never scrolls sideways."""
    from axe_playwright_python.sync_playwright import Axe

    with sync_playwright() as p:  # type: ignore[operator]
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            for target in pages:
                for width in (1280, 390):
                    page = browser.new_page(viewport={"width": width, "height": 800})
                    page.goto(target.as_uri())
                    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
                    found = Axe().run(page, options=options)
                    violations = [
                        (v["id"], [n["target"] for n in v["nodes"]])
                        for v in found.response["violations"]
                    ]
                    assert violations == [], (target.name, width, violations)
                    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
                    page.close()
        finally:
            browser.close()


def test_the_report_prints_to_a_few_pages(run: Run, tmp_path: Path) -> None:
    """Printed for a PDR folder: a PDF of a sane number of pages (the routes do not break
    across pages, the print styles say; here the count is what can be checked)."""
    sync_playwright, chromium = _browser_or_skip()
    target, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    assert run("report", "--quals", "DIPSM,L3TSM", "--output", str(target)).exit_code == 0
    with sync_playwright() as p:  # type: ignore[operator]
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(target.as_uri())
            page.pdf(path=str(pdf), format="A4")
        finally:
            browser.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 1 <= pages <= 8, pages
