"""The report as a reader meets it: headless Chromium opens report/report.html from file://.

Run with `make test-browser` (CI installs Debian's chromium first). The report is built in the
tests' copy of the project, never in the checkout's report/; screenshots of the first screen
and of Figure 3.8 are kept in pytest's temporary folder (browser0/, kept for the last three runs).
"""

from __future__ import annotations

import pytest

from klyngekrise.build import CHROMIUM_FLAGS, find_chromium
from tests.conftest import project, run_make

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("browser", numbered=True)


@pytest.fixture(scope="module")
def page(shots):
    from playwright.sync_api import sync_playwright

    run_make("report", "-j2")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_FLAGS))
        tab = browser.new_page(viewport={"width": 1200, "height": 900})
        tab.seen_requests, tab.console_errors = [], []
        tab.on("request", lambda r: tab.seen_requests.append(r.url))
        tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
        tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
        tab.goto((project() / "report" / "report.html").as_uri(), wait_until="load")
        tab.screenshot(path=str(shots / "first-screen.png"))
        yield tab
        browser.close()


def test_no_request_leaves_file_urls(page):
    assert page.seen_requests, "the page made no request at all"
    outside = [u for u in page.seen_requests if not u.startswith(("file://", "data:"))]
    assert outside == []


def test_console_shows_no_error(page):
    assert page.console_errors == []


def test_every_image_decodes(page):
    images = page.evaluate(
        "Array.from(document.images).map(i => [i.alt, i.complete, i.naturalWidth])")
    assert len(images) == 12
    for alt, complete, width in images:
        assert complete and width > 0, alt


def test_every_contents_link_lands_on_its_target(page):
    links = page.locator("nav.toc a")
    count = links.count()
    assert count >= 15
    for i in range(count):
        link = links.nth(i)
        target = link.get_attribute("href")
        link.click()
        page.wait_for_function("h => location.hash === h", arg=target)
        top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top",
                            target[1:])
        assert -2 <= top < 900, f"{target} is not on screen after the click (top {top})"  # subpixel


def test_figure_3_8_screenshot(page, shots):
    figure = page.locator("#fig-3-8")
    figure.scroll_into_view_if_needed()
    figure.screenshot(path=str(shots / "figure-3-8.png"))
    assert (shots / "figure-3-8.png").stat().st_size > 10_000

