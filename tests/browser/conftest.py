"""One Chromium for each test module: launching it costs more than most of the checks.

The browser is Debian's (playwright's own download is never used); a missing browser or
playwright skips the tests, saying why, except in CI (CI set), where it fails them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from ..cli.test_map_report import _browser_or_skip

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    sync_playwright: Any
    sync_playwright, chromium = _browser_or_skip()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()
