"""The dashboard in a real browser: Debian's headless chromium, driven by Playwright, against a
real `detente serve` process. `make test` installs chromium when it is missing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.config import Settings
from tests.server import running_server

pytestmark = pytest.mark.slow
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def server(web_settings: Settings) -> Iterator[str]:
    with running_server(web_settings.db) as url:
        yield url


def test_filter_open_an_event_and_see_its_evidence(server: str, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    assert chromium, (
        "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(server + "/")
        assert page.title().startswith("Overview")
        assert int(page.inner_text("#count-events")) > 50
        assert page.locator("svg.chart rect").count() > 4

        page.click("nav >> text=Events")
        page.fill("input[name=actor]", "mmr")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**/events?actor=mmr*")
        rows = page.locator("table.events tbody tr")
        assert rows.count() > 3
        for i in range(rows.count()):
            actors = rows.nth(i).locator("a.actor").all_inner_texts()
            assert "MMR" in actors

        event = rows.first.locator("a.event")
        code = event.locator("b").inner_text()
        event.click()
        page.wait_for_selector("aside.selected-event")
        assert page.locator("aside.selected-event b").first.inner_text() == code
        evidence = page.inner_text("aside.selected-event .evidence-text")
        highlighted = "".join(page.locator("article.text mark.evidence.selected").all_inner_texts())
        assert highlighted == evidence
        assert page.locator("article.text mark.event.selected").count() >= 1
        shot = Path(os.environ.get("DETENTE_SCREENSHOT_DIR", tmp_path)) / "dashboard-event.png"
        page.screenshot(path=str(shot), full_page=False)
        page.goto(server + "/")
        overview = shot.with_name("dashboard-overview.png")
        page.screenshot(path=str(overview))
        browser.close()
    assert shot.stat().st_size > 20_000
    assert overview.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
