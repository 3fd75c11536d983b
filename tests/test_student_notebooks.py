"""A student's notebooks: a new one listed in _toc.yml alone reaches the report and has its
figure targets; one without a parameters cell stops the build; git stays quiet when a notebook
is opened, run and saved; a copy beside the shipped notebooks fails no test."""

from __future__ import annotations

import copy
import json
import subprocess

import nbformat
import pytest

from klyngekrise import params, paths
from klyngekrise.errors import InputError
from tests.conftest import ROOT, run_make
from tests.student_project import VENV, environment, git, make, project_copy

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
PARAMETERS = ('data_path: str = "data/raw/survey_responses.csv"  # respondent file\n'
              'language: str = "nb"  # edition: nb or en\n'
              'programme: str = "all"  # all, NCE or Arena\n'
              'figure_formats: list = ["png", "svg"]  # image formats\n'
              'draw_intervals: bool = True  # whiskers\n'
              'build_dir: str = "build/scratch"  # make sets it')
MY_FIGURE = ('from IPython.display import HTML\n\n'
             'from klyngekrise import plotting, survey\n'
             'from klyngekrise.chapter3 import Survey\n\n'
             'answers = survey.load(data_path, programme=programme)\n'
             'report = Survey.from_parameters(\n'
             '    answers=answers, data_path=data_path, language=language, programme=programme,\n'
             '    figure_formats=figure_formats, draw_intervals=draw_intervals, build_dir=build_dir)')


def _my_notebook(path, tagged: bool = True) -> None:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": KERNELSPEC})
    parameters = nbformat.v4.new_code_cell(PARAMETERS)
    if tagged:
        parameters.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 12 Markets, my way\n\n**Reads:** the respondents  \n"
                                      "**Writes:** `figures/fig-q2-mine`"),
        parameters,
        nbformat.v4.new_code_cell(MY_FIGURE, metadata={"tags": ["remove-cell"]}),
        nbformat.v4.new_code_cell(
            'table_q2 = survey.shares(answers, "q2", language=language)\n'
            'fig_q2 = plotting.draw_waves(table_q2, language=language, intervals=False)\n'
            'HTML(report.figure("fig-q2-mine", table_q2, fig_q2, caption="Markets, my way"))',
            metadata={"tags": ["remove-input"]}),
    ]
    nbformat.write(nb, path)


# -- one registry of who writes what ---------------------------------------------------------

@pytest.mark.build
def test_make_knows_each_notebooks_outputs_from_the_table_of_contents(tmp_path):
    target = tmp_path / "make-defaults.mk"
    params.write_make_defaults(target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert "OUTPUTS_05_adaptation := fig-3-3 fig-3-4 fig-3-5 fig-3-6 fig-3-7" in lines
    assert "OUTPUTS_03_capital_access := fig-3-1 table-3-1" in lines
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "OUTPUTS_0" not in makefile  # none declared twice
    out = run_make("--eval", "print-files: ; @echo $(FIGURE_FILES)", "print-files").stdout.split()
    assert "./figures/fig-3-4.png" in out and "./figures/table-3-1.csv" in out
    assert "./figures/table-3-1.png" not in out  # a table writes its CSV only


def test_a_bad_outputs_entry_is_named(tmp_path, monkeypatch):
    toc = tmp_path / "_toc.yml"
    toc.write_text("chapters:\n  - file: 05_adaptation\n    outputs: fig-3-3\n", encoding="utf-8")
    monkeypatch.setattr(paths, "TOC", toc)
    with pytest.raises(InputError, match=r"05_adaptation's outputs 'fig-3-3'; expected a list"):
        paths.report_entries()


@pytest.mark.build
def test_a_notebook_listed_in_the_toc_alone_reaches_the_report(tmp_path):
    """A student's new notebook with a figure key of their own: listed in _toc.yml (no
    Makefile edit), it runs, its figure is a make target, and the report shows it with its
    caption. Another one without a parameters cell stops the build with one line."""
    project = project_copy(tmp_path)
    _my_notebook(project / "notebooks" / "12_mine.ipynb")
    (project / "notebooks" / "_toc.yml").write_text(
        "chapters:\n  - file: 00_front_matter\n  - file: 12_mine\n    outputs: [fig-q2-mine]\n",
        encoding="utf-8")
    result = make(project, "report", "figures/fig-q2-mine.png")
    assert "run    notebooks/12_mine.ipynb" in result.stdout
    for suffix in ("png", "svg", "csv"):
        assert (project / "figures" / f"fig-q2-mine.{suffix}").stat().st_size > 0
    report = (project / "report" / "report.html").read_text(encoding="utf-8")
    assert 'id="fig-q2-mine"' in report and "Markets, my way" in report
    assert "Wilson" not in report[report.index('id="fig-q2-mine"'):]  # drawn without whiskers
    assert "run " not in make(project, "figures/fig-q2-mine.png").stdout  # up to date

    _my_notebook(project / "notebooks" / "13_untagged.ipynb", tagged=False)
    with (project / "notebooks" / "_toc.yml").open("a", encoding="utf-8") as toc:
        toc.write("  - file: 13_untagged\n")
    failed = make(project, "report", check=False)
    assert failed.returncode != 0
    errors = [line for line in failed.stderr.splitlines() if not line.startswith("make")]
    assert errors == ["error: notebooks/13_untagged.ipynb: no cell tagged 'parameters', so the "
                      "build cannot give it report.yml's values; tag the cell that sets "
                      "data_path, language, ... and build_dir (see notebooks/README.md)"]


# -- git stays quiet ---------------------------------------------------------------------------

def _as_jupyterlab_saves(path, language_info: dict) -> None:
    """What running and saving adds: outputs, counts, the kernel's language_info, execution
    times, papermill's metadata."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["language_info"] = language_info
    nb.metadata["papermill"] = {"duration": 3.2, "input_path": "x.ipynb"}
    for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = i + 1
        cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})]
        cell.metadata["execution"] = {"iopub.execute_input": "2026-12-01T15:00:00.000Z"}
        cell.metadata["papermill"] = {"duration": 0.5, "status": "completed"}
    nbformat.write(nb, path)


@pytest.mark.build
def test_opening_running_and_saving_leaves_no_git_diff(tmp_path):
    project = project_copy(tmp_path)
    make(project, "git-filter")
    notebook = project / "notebooks" / "05_adaptation.ipynb"
    shipped = nbformat.read(notebook, as_version=4)
    assert shipped.metadata["kernelspec"] == KERNELSPEC  # what a save of this kernel writes
    _as_jupyterlab_saves(notebook, {"name": "python", "version": "3.11.7",
                                    "mimetype": "text/x-python", "file_extension": ".py",
                                    "codemirror_mode": {"name": "ipython", "version": 3},
                                    "pygments_lexer": "ipython3", "nbconvert_exporter": "python"})
    assert git(project, "diff", "--no-textconv") == ""
    # git status lists the file (its size changed) until it is added; adding it stages nothing
    git(project, "add", "notebooks/05_adaptation.ipynb")
    assert git(project, "status", "--porcelain") == ""
    # a cell inserted after Figure 3.3's section: the diff holds that cell and nothing else
    nb = nbformat.read(notebook, as_version=4)
    after = next(i for i, c in enumerate(nb.cells) if 'report.figure("fig-3-3"' in c.source)
    nb.cells.insert(after + 1, nbformat.v4.new_code_cell("table_3_3.head()"))
    nbformat.write(nb, notebook)
    diff = git(project, "diff", "--no-color", "-U0", "--", "notebooks/05_adaptation.ipynb")
    removed = [line for line in diff.splitlines() if line.startswith("-") and not
               line.startswith("---")]
    added = [line for line in diff.splitlines() if line.startswith("+") and not
             line.startswith("+++")]
    assert removed == [] and any("table_3_3.head()" in line for line in added)
    assert len(added) <= 10


def test_every_shipped_notebook_has_the_kernelspec_a_save_writes():
    spec = json.loads((VENV / "share" / "jupyter" / "kernels" / "python3" / "kernel.json")
                      .read_text(encoding="utf-8"))
    for path in paths.report_notebooks():
        kernelspec = nbformat.read(path, as_version=4).metadata["kernelspec"]
        assert kernelspec == {"display_name": spec["display_name"], "language": spec["language"],
                              "name": "python3"}, path.name


@pytest.mark.build
def test_a_copy_or_a_saved_notebook_fails_no_test(tmp_path):
    """05_adaptation-Copy1.ipynb with outputs and its own parameters, and the shipped 05 run
    and saved with language = "en" and its figures: the notebook tests and make lint pass."""
    project = project_copy(tmp_path)
    make(project, "git-filter")
    shipped = project / "notebooks" / "05_adaptation.ipynb"
    scratch = project / "notebooks" / "05_adaptation-Copy1.ipynb"
    nb = nbformat.read(shipped, as_version=4)
    mine = copy.deepcopy(nb)
    mine.cells[1].source = mine.cells[1].source.replace('"nb"', '"en"') + "\nextra: int = 1"
    mine.cells[1].metadata["tags"] = []
    nbformat.write(mine, scratch)
    _as_jupyterlab_saves(scratch, {"name": "python"})
    nb.cells[1].source = nb.cells[1].source.replace('language: str = "nb"', 'language: str = "en"')
    nbformat.write(nb, shipped)
    _as_jupyterlab_saves(shipped, {"name": "python", "version": "3.11.7"})
    (project / "notebooks" / "scratch.ipynb").write_text("{}", encoding="utf-8")
    tests = subprocess.run(
        [str(VENV / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "-p", "no:randomly", "tests/test_notebooks.py",
         "tests/test_literate.py::test_every_notebook_run_alone_writes_to_scratch"],
        cwd=project, env=environment(project), capture_output=True, text=True, timeout=600)
    assert tests.returncode == 0, tests.stdout[-3000:]
    lint = make(project, "lint", check=False)
    assert lint.returncode == 0, lint.stdout + lint.stderr
