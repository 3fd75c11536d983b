"""Both editions as readers meet them in headless Chromium: axe-core finds no accessibility
violation, the page speaks its language, figures carry their own alt text and their numbers
as a table, a phone never scrolls sideways; the PDF is an A4 publication with numbered pages
and contents. Run with `make test-browser`."""

from __future__ import annotations

import re
import subprocess

import pytest

from klyngekrise.build import CHROMIUM_FLAGS, find_chromium
from klyngekrise.text import FIGURES
from tests.conftest import project, run_make

pytestmark = pytest.mark.browser
REPORTS = {"nb": "report.html", "en": "report.en.html"}  # in the tests' copy's report/


def _report(language: str):
    return project() / "report" / REPORTS[language]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    for language in REPORTS:
        run_make("report", f"EDITION={language}", "-j2")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_FLAGS))
        yield launched
        launched.close()


@pytest.fixture(params=list(REPORTS))
def page(browser, request):
    tab = browser.new_page(viewport={"width": 1200, "height": 900})
    tab.goto(_report(request.param).as_uri(), wait_until="load")
    tab.language = request.param
    yield tab
    tab.close()


def test_axe_core_finds_no_violation(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = [(v["id"], len(v["nodes"]), v["help"]) for v in results.response["violations"]]
    assert found == [], found


def test_the_page_declares_its_language(page):
    assert page.evaluate("document.documentElement.lang") == page.language


def test_each_survey_figure_has_its_own_alt_text_with_its_result(page):
    alts = [page.get_attribute(f"#{key} img", "alt") for key in FIGURES]
    assert len(set(alts)) == len(FIGURES), alts
    for key, alt in zip(FIGURES, alts, strict=True):
        assert FIGURES[key].number in alt and re.search(r"\d+\s?%", alt), (key, alt)
    assert not any(" og " in alt for alt in alts) if page.language == "en" else True


def test_each_survey_figure_has_its_numbers_in_a_folded_table(page):
    for key in FIGURES:
        table = page.locator(f"#{key} details.figure-data table")
        assert table.count() == 1, key
        assert page.evaluate(f"document.querySelector('#{key} details').open") is False
        assert table.locator("caption").count() == 1
        assert table.locator('tbody th[scope="row"]').count() >= 3


def test_every_table_has_a_caption(page):
    missing = page.evaluate("Array.from(document.querySelectorAll('table'))"
                            ".filter(t => !t.querySelector('caption')).map(t => t.id)")
    assert missing == []


def test_a_phone_never_scrolls_sideways(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(100)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"


def test_figures_are_vector_images(page):
    sources = page.evaluate("Array.from(document.querySelectorAll('figure img'))"
                            ".map(i => i.src.slice(0, 30))")
    assert sources and all(s.startswith("data:image/svg+xml") for s in sources), sources


def test_pdf_is_an_a4_publication_with_numbered_pages_and_contents(tmp_path):
    run_make("pdf")
    pdf = project() / "report" / "report.pdf"  # poppler-utils (pdfinfo, pdftotext): .ci/run
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                           text=True).stdout.split("\f")[:-1]
    title = "Norske næringsklynger under finanskrisen"
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert str(number) in lines, f"page {number} shows no page number"
        if number > 1:
            assert title in lines, f"page {number} has no running head"
            assert len(lines) > 2, f"page {number} is blank"
    laid_out = subprocess.run(["pdftotext", "-layout", "-l", "5", str(pdf), "-"],
                              capture_output=True, text=True).stdout
    entry = re.search(r"3\.1 Tilgang til kapital +(\d+)\n", laid_out)
    assert entry, "the contents give no page for 3.1"
    assert "3.1 Tilgang til kapital" in pages[int(entry.group(1)) - 1]
    # The same HTML prints the same bytes.
    from klyngekrise import printing

    prints = [tmp_path / "one.pdf", tmp_path / "two.pdf"]
    for target in prints:
        printing.print_report(find_chromium(), CHROMIUM_FLAGS, _report("nb"), target, 1291161600)
    assert prints[0].read_bytes() == prints[1].read_bytes()
