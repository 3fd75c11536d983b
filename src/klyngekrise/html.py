"""HTML fragments the notebooks display: headings, paragraphs, figures, tables.

Everything is escaped here, and every image and CSV is embedded as a data: URI, so the
stitched report is one file that opens offline.
"""

from __future__ import annotations

import base64
from html import escape

import pandas as pd


def heading(level: int, anchor: str, text: str) -> str:
    return f'<h{level} id="{escape(anchor)}">{escape(text)}</h{level}>'


def paragraph(*sentences: str) -> str:
    return "<p>" + escape(" ".join(s for s in sentences if s)) + "</p>"


def data_uri(content: bytes, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(content).decode("ascii")


def download_link(csv_text: str, filename: str, text: str) -> str:
    uri = data_uri(csv_text.encode("utf-8"), "text/csv")
    return f'<a class="download" download="{escape(filename)}" href="{uri}">{escape(text)}</a>'


def figure(anchor: str, number_text: str, title: str, source: str, image: bytes, alt: str,
           notes: list[str], download: str, links: str = "", mime: str = "image/png",
           data_table: str = "", data_summary: str = "") -> str:
    """A figure with its caption. The caption's parts are blocks of their own (the report's
    style sheet spaces them), so they read apart anywhere, a notebook's output included.

    The image is embedded (SVG where built: sharp at any zoom); ``links`` is HTML (the
    assumptions it rests on); ``data_table`` the figure's numbers as an HTML table, folded
    under ``data_summary``."""
    number = f"<strong>{escape(number_text)}</strong> " if number_text else ""
    source_html = f'<div class="source">{escape(source)}</div>' if source else ""
    notes_html = "".join(f'<div class="provenance-note">{escape(n)}</div>' for n in notes if n)
    notes_html += f"<div>{links}</div>" if links else ""
    folded = (f'<details class="figure-data"><summary>{escape(data_summary)}</summary>'
              f"{data_table}</details>" if data_table else "")
    return (
        f'<figure class="report-figure" id="{escape(anchor)}">'
        f'<div class="figure-frame"><img src="{data_uri(image, mime)}" alt="{escape(alt)}"></div>'
        f"<figcaption><div>{number}{escape(title)}</div>"
        f'{source_html}{notes_html}'
        f'<div class="downloads">{download}</div></figcaption>{folded}</figure>'
    )


def figure_image(written: dict) -> tuple[bytes, str]:
    """The image a page shows of a saved figure: its SVG if one was written, else its PNG."""
    if "svg" in written:
        return written["svg"].read_bytes(), "image/svg+xml"
    return written["png"].read_bytes(), "image/png"


def table_wrap(label: str) -> str:
    """The opening tag of the box a wide table scrolls in: a labelled region that takes the
    keyboard's focus, so it scrolls by arrow keys as well as by touch (axe-core's
    scrollable-region-focusable)."""
    return f'<div class="table-wrap" role="region" tabindex="0" aria-label="{escape(label)}">'


def table(frame: pd.DataFrame, caption: str = "", anchor: str = "", classes: str = "",
          row_classes: list[str] | None = None,
          header_groups: list[tuple[str, int]] | None = None, row_headers: bool = False) -> str:
    """A plain table from a frame whose cells are already text; the index is not shown.

    ``header_groups`` adds a header row above the columns: (heading, columns it spans).
    ``row_headers`` makes each row's first cell its header (``<th scope="row">``).
    """
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in frame.columns)
    if header_groups:
        groups = "".join(f'<th scope="colgroup" colspan="{span}">{escape(text)}</th>'
                         if text else f'<td colspan="{span}"></td>'
                         for text, span in header_groups)
        head = f"{groups}</tr><tr>{head}"
    rows = []
    for i, (_, row) in enumerate(frame.iterrows()):
        cls = f' class="{row_classes[i]}"' if row_classes and row_classes[i] else ""
        values = [escape(str(v)) for v in row]
        first = f'<th scope="row">{values[0]}</th>' if row_headers and values else ""
        cells = first + "".join(f"<td>{v}</td>" for v in values[1 if first else 0:])
        rows.append(f"<tr{cls}>{cells}</tr>")
    id_attr = f' id="{escape(anchor)}"' if anchor else ""
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (f'{table_wrap(caption)}<table class="report-table {classes}"{id_attr}>{cap}'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
