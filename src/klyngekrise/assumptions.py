"""The assumption register (docs/assumptions.yml): the report's section, docs/assumptions.md,
and each chosen value's assumptions and basis in the figures' tables.

``python -m klyngekrise.assumptions`` writes docs/assumptions.md from the register.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape

import pandas as pd
import yaml

from klyngekrise import html, paths

REGISTER = paths.ASSUMPTIONS
MARKDOWN = paths.PROJ_ROOT / "docs" / "assumptions.md"
# How a chosen value stands to the report's text: within a numeric bound the text gives, chosen
# with no numeric bound (an order, a direction or nothing), or an item the text never names.
BASES = ("bounded", "free", "unnamed")
MARK_COLUMNS = ["assumption", "basis"]


@cache
def register() -> dict:
    return yaml.safe_load(REGISTER.read_text(encoding="utf-8"))


def entries() -> list[dict]:
    return register()["assumptions"]


def for_any_file() -> list[str]:
    """The assumptions that hold for any respondent file (``any_file: true``): the rest are
    about the shipped reconstruction and belong to its builds alone."""
    return [e["id"] for e in entries() if e.get("any_file")]


def anchor(assumption_id: str) -> str:
    return f"assumption-{assumption_id.lower()}"


def used_by(key: str) -> list[str]:
    """The assumptions a figure or table rests on, in register order."""
    return [e["id"] for e in entries() if key in e.get("used_by", [])]


# -- the figures' tables ---------------------------------------------------------------------
def mark(table: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Add each row's ``assumption`` (the register's ids, ";"-separated) and ``basis``
    (bounded, free or unnamed) to a tidy table; both are empty for a value that is not
    chosen (provenance other than ``assumed``)."""
    stated = published[(published["provenance"] == "text") & published["interval"].notna()]
    bounded = set(zip(stated["item"], stated["wave"], stated["response"], strict=True))
    named_in = {e["id"]: e["text"]["en"] for e in entries()}
    assumption, basis = [], []
    for item, wave, response, provenance in zip(table["item"], table["wave"], table["response"],
                                                table["provenance"], strict=True):
        if provenance != "assumed":
            assumption.append("")
            basis.append("")
            continue
        # An assumption that names the item (`q5_myndigheter`) says the text never names it.
        naming = [i for i, text in named_in.items() if f"`{item}`" in text]
        if naming:
            kind, ids = "unnamed", ["A6", *naming]
        elif (item, wave, response) in bounded:
            kind, ids = "bounded", ["A4", "A6"]
        else:
            kind, ids = "free", ["A6"]
        assumption.append(";".join(ids))
        basis.append(kind)
    return table.assign(assumption=assumption, basis=basis)


# -- the report's section ---------------------------------------------------------------------
def _inline(text: str) -> str:
    """The register's few markdown marks as HTML: `code`, **bold**, *emphasis*."""
    marked = escape(text, quote=False)
    marked = re.sub(r"`([^`]+)`", r"<code>\1</code>", marked)
    marked = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", marked)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", marked)


def section_html(language: str, heading: str, columns: list[str], caption: str,
                 original: bool = True) -> str:
    """The register as a section of the report: one row per assumption, each with an id that
    the figures and tables resting on it link to. Another file's build lists only the
    assumptions that hold for any file, each in its any-file wording."""
    reg = register()
    names = reg["quality_names"][language]
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in columns)
    rows = []
    for e in entries():
        if not original and not e.get("any_file"):
            continue
        text = e["text"] if original else e.get("other_file_text", e["text"])
        rows.append(f'<tr id="{anchor(e["id"])}"><th scope="row">{escape(e["id"])}</th>'
                    f"<td>{_inline(text[language])}</td>"
                    f"<td>{escape(names[e['quality']])}</td>"
                    f"<td>{_inline(e['impact'][language])}</td>"
                    f"<td>{_inline(e['where'][language])}</td></tr>")
    paragraphs = reg["intro"][language] + ([] if original else reg["other_file_intro"][language])
    intro = "".join(f"<p>{_inline(p)}</p>" for p in paragraphs)
    scales = (f'<ul><li>{_inline(reg["quality"][language])}</li>'
              f'<li>{_inline(reg["impact"][language])}</li></ul>')
    return (f'<h2 id="kap-assumptions">{escape(heading)}</h2>{intro}{scales}'
            f'{html.table_wrap(caption)}<table class="report-table text-table assumptions">'
            f"<caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def links_html(ids: list[str], lead: str) -> str:
    """'Rests on assumptions A3, A6 ...' with each id a link to its row of the register."""
    if not ids:
        return ""
    links = ", ".join(f'<a href="#{anchor(i)}">{escape(i)}</a>' for i in ids)
    return f'<span class="assumption-links">{escape(lead)} {links}</span>'


# -- docs/assumptions.md ----------------------------------------------------------------------
def markdown() -> str:
    """docs/assumptions.md, in English, from the register."""
    reg = register()
    lines = ["# Assumptions and caveats", "",
             "<!-- Written from docs/assumptions.yml by `python -m klyngekrise.assumptions`; "
             "edit the register, not this file. -->", ""]
    lines += [*reg["intro"]["en"], ""]
    lines += [f"- {reg['quality']['en']}", f"- {reg['impact']['en']}", ""]
    lines += ["| # | assumption | quality | impact | where |", "|---|---|---|---|---|"]
    lines += [f"| {e['id']} | {e['text']['en']} | {e['quality']} | {e['impact']['en']} | "
              f"{e['where']['en']} |" for e in entries()]
    return "\n".join(lines) + "\n"


def main() -> None:
    MARKDOWN.write_text(markdown(), encoding="utf-8")
    print(f"wrote  {MARKDOWN.relative_to(paths.PROJ_ROOT)}")


if __name__ == "__main__":
    main()
