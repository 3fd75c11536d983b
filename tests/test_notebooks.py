"""Committed notebooks: no outputs, a header, one parameters cell of documented literals.

These guard the shipped notebooks, those notebooks/_toc.yml lists, as git holds them (the
index: what a commit would hold, after the nbstripout filter): a student's copy beside them
(05_adaptation-Copy1.ipynb), or a shipped notebook run and saved with language = "en" and its
figures, is the student's own and fails nothing. Outside a git checkout the files are read."""

import ast
import json
import subprocess

import papermill
import pytest

from klyngekrise import paths
from klyngekrise.params import DEFAULTS
from tests.conftest import ROOT

NOTEBOOKS = paths.report_notebooks()


def committed(path) -> str:
    """The notebook as git would commit it (its index entry), else as the file holds it."""
    rel = path.relative_to(ROOT).as_posix()
    shown = subprocess.run(["git", "show", f":{rel}"], cwd=ROOT, capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else path.read_text(encoding="utf-8")


def test_notebooks_are_numbered_in_report_order():
    names = [p.name for p in NOTEBOOKS]
    assert names == sorted(names)
    assert names == ["00_front_matter.ipynb", "01_introduction.ipynb",
                     "02_cluster_programmes.ipynb", "03_capital_access.ipynb", "04_markets.ipynb",
                     "05_adaptation.ipynb", "06_roles.ipynb", "07_case_studies.ipynb",
                     "08_conclusions.ipynb", "09_appendix.ipynb", "10_provenance.ipynb",
                     "11_audit.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = json.loads(committed(path))
    assert "language_info" not in nb["metadata"]  # a save adds it; the git filter strips it
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_opens_with_title_and_what_it_reads_and_writes(path):
    first = json.loads(committed(path))["cells"][0]
    source = "".join(first["source"])
    assert first["cell_type"] == "markdown" and source.startswith("# ")
    assert "**Reads:**" in source and "**Writes:**" in source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_parameters_cell_of_typed_commented_literals(path, tmp_path):
    text = committed(path)
    cells = json.loads(text)["cells"]
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    source = "".join(tagged[0]["source"])
    for node in ast.parse(source).body:
        assert isinstance(node, ast.AnnAssign), "only annotated assignments"
        ast.literal_eval(node.value)  # a literal: nothing computed
    copy = tmp_path / path.name
    copy.write_text(text, encoding="utf-8")
    inspected = papermill.inspect_notebook(str(copy))
    assert set(inspected) == {*DEFAULTS, "build_dir"}
    for name, info in inspected.items():
        assert info["help"], f"{name} has no comment"
        assert info["inferred_type_name"] != "None", f"{name} has no type"
    defaults = {name: ast.literal_eval(info["default"]) for name, info in inspected.items()}
    assert {k: defaults[k] for k in DEFAULTS} == DEFAULTS  # same defaults as report.yml's


@pytest.mark.build
def test_make_help_lists_every_target():
    from tests.conftest import run_make

    out = run_make("help").stdout
    for target in ("report", "figures", "lab", "test", "lint", "clean", "help"):
        line = next((line for line in out.splitlines() if line.split()[:1] == [target]), "")
        assert len(line.split()) > 2, f"{target} has no description"
