"""The pages at 200% zoom: a 1280 px screen zoomed to 200% lays a page out 640 CSS px
wide at two device pixels to the CSS pixel (WCAG 1.4.4, resize text). Nothing may push
the page sideways, and what a person reads the page for (each role's status, the routes
onward) stays on the screen, whole."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from careermap import Catalogue, Status, person_report
from careermap.render.palette import LABEL, SYMBOL
from careermap.render.site import site_page

from ..conftest import Run

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

HELD = ("DIPSM", "L3TSM", "ILM3")
ZOOMED = {"viewport": {"width": 640, "height": 720}, "device_scale_factor": 2}


def fits(page: Page) -> None:
    """No sideways scrolling, and nothing but the map's own scroller sticks out."""
    assert page.evaluate("devicePixelRatio") == 2
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    sticking_out = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => !e.closest('.map, .scroll') && e.getBoundingClientRect().right > innerWidth)"
        ".map(e => e.outerHTML.slice(0, 80))"
    )
    assert sticking_out == []


def on_screen(item: Locator) -> None:
    item.scroll_into_view_if_needed()
    assert item.is_visible()
    box = item.bounding_box()
    assert box is not None
    assert 0 <= box["x"] <= box["x"] + box["width"] <= 640
    assert box["height"] > 0


def test_the_report_at_200_percent(
    run: Run, tmp_path: Path, shipped: Catalogue, browser: Browser
) -> None:
    target = tmp_path / "report.html"
    assert run("report", "--quals", ",".join(HELD), "--output", str(target)).exit_code == 0
    results = person_report(shipped, HELD).rows  # the statuses the report shows
    plans = person_report(shipped, HELD).plans
    assert plans

    page = browser.new_page(**ZOOMED)
    try:
        page.goto(target.as_uri())
        fits(page)
        statuses = page.locator("table tbody tr td:nth-child(3)")
        assert statuses.count() == len(results) == 13
        for index, result in enumerate(results):
            on_screen(statuses.nth(index))
            assert (
                statuses.nth(index).inner_text()
                == f"{SYMBOL[result.status]} {LABEL[result.status]}"
            )
        routes = page.locator("section.route")
        assert routes.count() == len(plans)
        for index in range(len(plans)):
            on_screen(routes.nth(index).locator("h3"))
            on_screen(routes.nth(index).locator("p").last)
        on_screen(page.locator(".map"))  # the map scrolls inside its own box
    finally:
        page.close()


def test_the_site_at_200_percent(tmp_path: Path, shipped: Catalogue, browser: Browser) -> None:
    target = tmp_path / "career-map.html"
    target.write_text(site_page(shipped), encoding="utf-8")
    results = person_report(shipped, HELD).rows  # the statuses the report shows
    page = browser.new_page(**ZOOMED)
    try:
        page.goto(f"{target.as_uri()}#quals={','.join(HELD)}")
        fits(page)
        on_screen(page.get_by_role("status"))
        for result in results:
            line = page.locator(f"#role-{result.role.id}-status p").first
            on_screen(line)
            if result.status is Status.ELIGIBLE:
                assert line.inner_text() == "✔ Eligible now"
        on_screen(page.locator("#route p").last)
        on_screen(
            page.get_by_role("checkbox", name="ILM3 ILM Level 3 in Leadership and Management")
        )
    finally:
        page.close()
