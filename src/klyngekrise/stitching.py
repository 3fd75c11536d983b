"""Stitch executed notebooks into one HTML report with nbconvert and the project's template."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from klyngekrise import paths
from klyngekrise.text import strings

# Headings the notebooks emit (klyngekrise.html.heading) carry their own ids.
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")
SKIPPED_OUTPUTS = ("stream", "error")


def _report_outputs(cell) -> list:
    return [o for o in cell.get("outputs", []) if o["output_type"] not in SKIPPED_OUTPUTS]


def combine(executed: list[Path], language: str):
    """One notebook holding, in order, what each executed notebook displayed.

    Code is dropped and so are markdown cells (they speak to the notebook's reader, in one
    language); the report is what the code displays, in the edition's language.
    """
    words = strings(language)
    combined = nbformat.v4.new_notebook()
    toc = []
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        cells = []
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            outputs = _report_outputs(cell)
            if not outputs:
                continue
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
    combined.metadata["title"] = words["report_title"]
    return combined


def render_report(executed: list[Path], language: str) -> str:
    exporter = HTMLExporter(template_name="report",
                            extra_template_basedirs=[str(paths.TEMPLATE_DIR)],
                            exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(
        combine(executed, language),
        resources={"language_code": language, "metadata": {"name": strings(language)["report_title"]}})
    return body
