"""The report as a printed publication: A4 pages from the stitched HTML, printed by headless
Chromium with CSS paged media (running head with the title, page numbers in the footer), and
a table of contents with page numbers.

Chromium cannot put a heading's page number into the contents by itself (no CSS
``target-counter``), so the report is printed twice: the first print, whose contents hold
placeholders of the same width, is searched page by page (poppler's ``pdftotext``) for each
heading; the second print carries the numbers found. The PDF's dates are the build's
(SOURCE_DATE_EPOCH), so the same HTML gives the same bytes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

from klyngekrise.build import BuildError

PLACEHOLDER = "000"  # as wide as any page number of the report, in tabular figures
_TOC = re.compile(r'(<nav[^>]*class="toc"[^>]*>)(.*?)(</nav>)', re.S)
_ENTRY = re.compile(r'(<li class="toc-level-\d"><a href="#([^"]+)">(.*?)</a>)(</li>)', re.S)
_PDF_DATE = re.compile(rb"\(D:\d{14}[^)]*\)")
_NODE_ID = re.compile(rb"\(node(\d+)\)")


def _entries(html: str) -> list[tuple[str, str]]:
    toc = _TOC.search(html)
    if toc is None:
        raise BuildError("the report has no table of contents (nav.toc) to number")
    return [(anchor, _plain(text)) for _, anchor, text, _ in _ENTRY.findall(toc.group(2))]


def _plain(text: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ").split())


def with_page_numbers(html: str, numbers: dict[str, str]) -> str:
    """The HTML with each contents entry's page number (or the placeholder) after its link."""
    toc = _TOC.search(html)

    def number(match: re.Match) -> str:
        page = numbers.get(match.group(2), PLACEHOLDER)
        return f'{match.group(1)}<span class="toc-page">{page}</span>{match.group(4)}'

    body = _ENTRY.sub(number, toc.group(2))
    return html[:toc.start(2)] + body + html[toc.end(2):]


def locate(entries: list[tuple[str, str]], pages: list[str], html: str) -> dict[str, str]:
    """Each entry's page: the first page, at or after the previous entry's, whose text holds
    the heading. Headings that come after the contents are looked for after its pages."""
    texts = [" ".join(p.replace("\xa0", " ").split()) for p in pages]
    # The contents' pages: the first run of pages full of placeholders (a number such as
    # "2 500 000" further on must not count).
    holding = [f" {t} ".count(f" {PLACEHOLDER} ") >= 3 for t in texts]
    after_toc = holding.index(True) if any(holding) else 0
    while after_toc < len(texts) and holding[after_toc]:
        after_toc += 1
    toc_start = _TOC.search(html).start()
    found, page = {}, 0
    for anchor, title in entries:
        position = html.find(f'id="{anchor}"')
        start = page if 0 <= position < toc_start else max(page, after_toc)
        hit = next((i for i in range(start, len(texts)) if title in texts[i]), None)
        if hit is None:
            raise BuildError(f"the contents entry {title!r} was not found on any page of the "
                             "first print; its heading must read as the contents entry does")
        found[anchor], page = str(hit + 1), hit
    return found


def _pdftotext() -> str:
    found = shutil.which("pdftotext")
    if not found:
        raise BuildError("pdftotext was not found; `make pdf` needs it to number the contents "
                         "(Debian or Ubuntu: `sudo apt-get install poppler-utils`)")
    return found


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of a PDF (pdftotext separates pages by form feeds)."""
    result = subprocess.run([_pdftotext(), "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                            timeout=180)
    if result.returncode != 0:
        raise BuildError(f"pdftotext could not read {pdf}: {result.stderr.decode()[-400:]}")
    pages = result.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _print(chromium: str, flags: tuple[str, ...], html: Path, pdf: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [chromium, *flags, f"--user-data-dir={profile}", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", html.resolve().as_uri()],
            capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not pdf.exists() or not pdf.stat().st_size:
        raise BuildError(f"Chromium could not print {html.name}:\n{result.stderr[-800:]}")


def reproducible(data: bytes, epoch: int) -> bytes:
    """The PDF with what differs between two prints of the same page made the same: its dates
    (the build's) and the structure tree's element ids (Chromium's DOM node numbers, renumbered
    in their own order, so the id tree stays sorted). Every replacement has the length of what
    it replaces, so the cross-reference offsets stay right."""
    stamp = datetime.fromtimestamp(epoch, UTC).strftime("(D:%Y%m%d%H%M%S+00'00')").encode()

    def same_length(match: re.Match) -> bytes:
        return stamp if len(match.group(0)) == len(stamp) else match.group(0)

    data = _PDF_DATE.sub(same_length, data)
    numbers = sorted({int(n) for n in _NODE_ID.findall(data)})
    rank = {n: i for i, n in enumerate(numbers)}

    def renumbered(match: re.Match) -> bytes:
        digits = match.group(1)
        return b"(node" + str(rank[int(digits)]).zfill(len(digits)).encode() + b")"

    return _NODE_ID.sub(renumbered, data)


def print_report(chromium: str, flags: tuple[str, ...], source: Path, target: Path,
                 epoch: int) -> None:
    """Print ``source`` (the stitched report) to ``target``: numbered pages, numbered
    contents, the build's dates."""
    html = source.read_text(encoding="utf-8")
    entries = _entries(html)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        first_html, first_pdf = work / "first.html", work / "first.pdf"
        first_html.write_text(with_page_numbers(html, {}), encoding="utf-8")
        _print(chromium, flags, first_html, first_pdf)
        numbers = locate(entries, page_texts(first_pdf), html)
        second_html, second_pdf = work / "second.html", work / "second.pdf"
        second_html.write_text(with_page_numbers(html, numbers), encoding="utf-8")
        _print(chromium, flags, second_html, second_pdf)
        target.write_bytes(reproducible(second_pdf.read_bytes(), epoch))
