"""Stitch executed notebooks into one HTML report with nbconvert and the project's template."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from klyngekrise import paths
from klyngekrise.io import load_front_matter
from klyngekrise.text import strings

# Headings the notebooks emit (klyngekrise.html.heading) carry their own ids.
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")
SKIPPED_OUTPUTS = ("stream", "error")
# The cell tags readers know from Jupyter Book and nbconvert, applied by nbconvert itself.
TAGS = TagRemovePreprocessor(remove_cell_tags={"remove-cell"},
                             remove_all_outputs_tags={"remove-output"},
                             remove_input_tags={"remove-input"})
# A cell tagged code-fold lends its code to the next output that reaches the report, where it
# lies folded under a plain <details> (as Quarto's code-fold): no script, still one file.
FOLD_TAG = "code-fold"


def _report_outputs(cell) -> list:
    return [o for o in cell.get("outputs", []) if o["output_type"] not in SKIPPED_OUTPUTS]


def folded_code(sources: list[str], summary: str) -> dict:
    """An output holding notebook code folded under a summary line."""
    code = escape("\n\n".join(s.strip() for s in sources))
    html = (f'<details class="code-fold"><summary>{escape(summary)}</summary>'
            f"<pre><code>{code}</code></pre></details>")
    return nbformat.v4.new_output("display_data", data={"text/html": html})


def combine(executed: list[Path], language: str):
    """One notebook holding, in order, what each executed notebook displayed.

    Code is dropped and so are markdown cells (they speak to the notebook's reader, in one
    language); the report is what the code displays, in the edition's language, less what the
    cell tags remove. Code of cells tagged code-fold follows the output it made, folded.
    """
    words = strings(language)
    combined = nbformat.v4.new_notebook()
    toc = []
    for path in executed:
        nb, _ = TAGS.preprocess(nbformat.read(path, as_version=4), {})
        cells, fold = [], []
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if FOLD_TAG in cell.metadata.get("tags", []):
                fold.append(cell.source)
            outputs = _report_outputs(cell)
            if not outputs:
                continue
            if fold:
                outputs = [*outputs, folded_code(fold, words["show_code"])]
                fold = []
            new = nbformat.v4.new_code_cell(source="", outputs=outputs)
            new.id = f"{path.stem}-{len(cells)}"
            cells.append(new)
            for output in outputs:
                html = output.get("data", {}).get("text/html", "")
                html = "".join(html) if isinstance(html, list) else html
                for level, anchor, text in _HEADING.findall(html):
                    toc.append({"level": int(level), "id": anchor,
                                "text": _TAGS.sub("", text).strip()})
        if not cells:
            continue
        cells[0].metadata["report"] = {"section_open": f"notebook-{path.stem}",
                                       "notebook": f"notebooks/{path.name}"}
        cells[-1].metadata.setdefault("report", {}).update(
            section_close=True, made_by=words["made_by"].format(notebook=f"notebooks/{path.name}"))
        combined.cells.extend(cells)
    if combined.cells:
        # The table of contents follows the first section (the title page).
        first_close = next(i for i, c in enumerate(combined.cells)
                           if c.metadata.get("report", {}).get("section_close"))
        combined.cells[first_close].metadata["report"].update(
            toc=[e for e in toc if e["id"] != "title"], toc_title=words["contents"])
    combined.metadata["title"] = load_front_matter(language)["title"]
    return combined


def render_report(executed: list[Path], language: str) -> str:
    exporter = HTMLExporter(template_name="report",
                            extra_template_basedirs=[str(paths.TEMPLATE_DIR)],
                            exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True,
                            language_code=language)  # <html lang>: the edition's language
    body, _ = exporter.from_notebook_node(
        combine(executed, language),
        resources={"language_code": language,
                   "metadata": {"name": load_front_matter(language)["title"]}})
    return body
