"""The authoring loop in a real browser: edit on disk, see the page change by itself.

Drives Debian's chromium (headless) through Playwright; Playwright never
downloads a browser here. CI installs chromium (`apt-get install chromium`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def save(path: Path, text: str) -> None:
    """Save as an editor does: the whole new text at once (no half-written file to see)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BRIEF_FILE = "briefings/battery-ferries.yaml"
TITLE = "Battery ferries for Lanternfield: right aim, tight timetable"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"
    ),
]


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser.new_page()
        finally:
            browser.close()


def test_edits_show_in_the_browser_without_a_reload(served: str, page, new_project: Path) -> None:
    brief = new_project / BRIEF_FILE
    good = brief.read_text()
    page.goto(f"{served}/brief/battery-ferries/policymakers")
    assert page.title() == TITLE
    assert page.locator("h1").first.inner_text().strip() == TITLE
    page.evaluate(
        "window.notReloaded = true"
    )  # gone after a reload: proves the page reloaded itself

    # 1. change the title on disk: the open page follows
    save(brief, good.replace(TITLE, "Ferries on batteries"))
    page.wait_for_function("document.title === 'Ferries on batteries'", timeout=15_000)
    assert page.evaluate("window.notReloaded") is None
    assert "Ferries on batteries" in page.locator("h1").first.inner_text()

    # 2. break the YAML: the error, with file:line:col, replaces the brief
    save(brief, good.replace("key_messages:\n", "key_messages: [oops\n"))
    page.wait_for_selector(".bk-where", timeout=15_000)
    where = page.locator(".bk-where").first.inner_text()
    assert where.startswith(f"{BRIEF_FILE}:")
    line, col = where.split(":")[1:3]
    assert line.isdigit() and col.isdigit()

    # 3. fix it: the brief comes back
    save(brief, good)
    page.wait_for_function(f"document.title === {TITLE!r}", timeout=15_000)
    assert page.locator(".bk-where").count() == 0

    # the PDF link opens the current PDF
    href = page.locator("a", has_text="open PDF").get_attribute("href")
    response = page.request.get(served + href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_index_page_follows_new_briefs(served: str, page, new_project: Path) -> None:
    page.goto(served + "/")
    assert page.locator("text=" + TITLE).count() == 1
    (new_project / "briefings/second.yaml").write_text(
        'title: "A second brief"\ndate: 2025-01-01\n'
        "sections:\n  - heading: One\n    summary: Words.\n"
    )
    page.wait_for_selector("text=A second brief", timeout=15_000)
    page.click("a[href='/brief/second/policymakers']")
    page.wait_for_function("document.title === 'A second brief'", timeout=15_000)
