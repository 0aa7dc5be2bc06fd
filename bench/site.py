"""Benchmark ``careermap site``: the page's size and its first render in a real browser.

    python bench/site.py [--runs 15] [--roles 300] [--codes 40]

Writes the page for the shipped map (and for a synthetic one of --roles roles and --codes
codes), opens it --runs times in the system Chromium through playwright, as the poster
and with qualifications in its address (#quals=DIPSM,L3TSM,ILM3, so the engine, the map,
every role's status, an explanation and a plan are all worked out), and reads the page's
own performance marks:

- first render: from the start of navigation to the mark the script sets once the page
  shows its answers (parsing the HTML and the data, building the engine, the first
  render), the figure the README gives;
- script: the script's own part of it, from its first line to that mark.

Medians and the slowest run are printed, with the page's size (and gzipped, as a mail
or web server would send it).
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from synthetic import synthetic_catalogue

from careermap import Catalogue, load_catalogue
from careermap.render.site import site_page

FRAGMENTS = {"poster": "", "with quals": "#quals=DIPSM,L3TSM,ILM3"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--roles", type=int, default=300)
    parser.add_argument("--codes", type=int, default=40)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("bench/site.py needs playwright (pip install playwright)")
    if chromium is None:
        sys.exit("bench/site.py needs Chromium on PATH (apt-get install chromium)")

    maps: list[tuple[str, Catalogue]] = [("shipped map", load_catalogue())]
    synthetic = synthetic_catalogue(args.codes, args.roles, random.Random(7))
    maps.append((f"synthetic, {args.roles} roles, {args.codes} codes", synthetic))
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            for label, catalogue in maps:
                html = site_page(catalogue)
                target = Path(scratch) / "career-map.html"
                target.write_text(html, encoding="utf-8")
                raw = len(html.encode("utf-8"))
                packed = len(gzip.compress(html.encode("utf-8")))
                print(f"{label}: {raw / 1024:.0f} KB ({packed / 1024:.0f} KB gzipped)")
                for name, fragment in FRAGMENTS.items():
                    if fragment and catalogue is synthetic:
                        codes = [q.code for q in catalogue.qualifications[:8]]
                        fragment = "#quals=" + ",".join(codes)
                    first, script = time_page(browser, target.as_uri() + fragment, args.runs)
                    print(
                        f"  {name:<11} first render {statistics.median(first):6.1f} ms"
                        f" (slowest {max(first):6.1f}), script {statistics.median(script):6.1f} ms"
                        f" (slowest {max(script):6.1f})"
                    )
        finally:
            browser.close()


def time_page(browser: Any, url: str, runs: int) -> tuple[list[float], list[float]]:
    """Milliseconds to the first render, and the script's own part, for each run."""
    first, script = [], []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        rendered, own = page.evaluate(
            "[performance.getEntriesByName('careermap:rendered')[0].startTime,"
            " performance.getEntriesByName('careermap:first-render')[0].duration]"
        )
        first.append(rendered)
        script.append(own)
        page.close()
    return first, script


if __name__ == "__main__":
    main()
