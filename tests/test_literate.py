"""A student's view: notebooks that show their analysis, run alone, adapt without touching the
shipped files; and the report that chooses what it shows (table of contents, cell tags, code
folded under each chapter 3 figure)."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys

import nbformat
import pandas as pd
import pytest

from klyngekrise import paths, stitching, style, survey
from klyngekrise.chapter3 import Survey
from klyngekrise.errors import InputError
from klyngekrise.io import load_codebook, load_responses
from tests.conftest import FIXTURE, ROOT, run_make

TIDY_COLUMNS = ["item", "wave", "response", "n", "count", "percent", "ci_low", "ci_high",
                "provenance", "assumption", "basis", "label"]
EXTRA_ITEM = "q3_nye_eiere"
EXTRA_LABEL_NB = "Solgt til nye eiere"
EXTRA_LABEL_EN = "Sold to new owners"


# -- the tidy table and the style --------------------------------------------------------

def test_tidy_table_has_the_contract_columns_provenance_and_labels():
    answers = survey.load(paths.RAW_RESPONSES)
    table = survey.shares(answers, "q3", language="en")
    assert list(table.columns) == TIDY_COLUMNS
    assert set(table["provenance"]) <= {"table", "text", "assumed"}
    assert table.loc[table["item"] == "q3_nedbemanning", "label"].iloc[0] == "Downsizing"
    assert survey.CSV_COLUMNS == TIDY_COLUMNS[:-1]  # the CSV: contract columns, provenance, marks


def test_one_line_override_of_the_wave_colours_keeps_the_contrast_rule():
    try:
        with pytest.raises(InputError, match=r"greyscale contrast 1\.\d:1; .* at least 3:1"):
            style.use(wave_colours={2009: "#C46A00", 2010: "#A4243B"})
        assert style.WAVE_COLOURS == style.HOUSE_WAVE_COLOURS  # a refused override changes nothing
        style.use(wave_colours={2009: "#8A8A8A", 2010: "#222222"})
        assert style.WAVE_COLOURS == {2009: "#8A8A8A", 2010: "#222222"}
    finally:
        style.use()
    assert style.WAVE_COLOURS == style.HOUSE_WAVE_COLOURS


def test_importing_the_package_leaves_the_matplotlib_backend_alone():
    code = ("import matplotlib\n"
            "import klyngekrise.chapter3, klyngekrise.plotting, klyngekrise.publication\n"
            "import klyngekrise.style, klyngekrise.survey\n"
            "print(matplotlib.get_backend())")
    env = {**os.environ, "MPLBACKEND": "svg"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "svg"


# -- a user's extra items ------------------------------------------------------------------

def _with_extra_item(tmp_path, codebook: str | None) -> tuple:
    """The fixture plus one q3 column; its codebook beside it if given."""
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    answered = frame["q3_nedbemanning"] != ""
    frame[EXTRA_ITEM] = ""
    frame.loc[answered, EXTRA_ITEM] = ["1" if i % 2 else "0" for i in range(answered.sum())]
    data = tmp_path / "answers.csv"
    frame.to_csv(data, index=False, lineterminator="\n")
    if codebook is not None:
        (tmp_path / "answers.codebook.csv").write_text(codebook, encoding="utf-8")
    return data, frame


EXTRA_CODEBOOK = ("column,question,figure,label_nb,label_en,type\n"
                  f"{EXTRA_ITEM},q3,3.3,{EXTRA_LABEL_NB},{EXTRA_LABEL_EN},tick\n")


def test_extra_item_with_its_codebook_joins_its_figure(tmp_path):
    data, frame = _with_extra_item(tmp_path, EXTRA_CODEBOOK)
    answers = survey.load(data)
    table = survey.shares(answers, "q3", data_path=data)
    rows = table[table["item"] == EXTRA_ITEM]
    assert rows["label"].unique().tolist() == [EXTRA_LABEL_NB]
    ticked = frame[EXTRA_ITEM]
    for wave, row in rows.set_index("wave").iterrows():
        in_wave = ticked[(frame["wave"] == str(wave)) & (ticked != "")]
        assert (row["n"], row["count"]) == (len(in_wave), (in_wave == "1").sum())
    # drawn in its figure, with its label, and written to the figure's CSV
    report = Survey.from_parameters(data_path=str(data), build_dir=str(tmp_path / "out"),
                                    figure_formats=["png"])
    html = report.figure("fig-3-3", *report.draw("fig-3-3"))
    written = pd.read_csv(tmp_path / "out" / "figures" / "fig-3-3.csv")
    assert EXTRA_ITEM in set(written["item"])
    assert "Figur 3.3" in html
    from klyngekrise import plotting

    drawn = plotting.draw_waves(table, "nb", True)
    labels = [t.get_text() for t in drawn.axes[0].get_yticklabels()]
    assert EXTRA_LABEL_NB in labels
    # the shipped codebook is untouched
    assert EXTRA_ITEM not in set(load_codebook()["column"])
    assert EXTRA_ITEM not in set(pd.read_csv(paths.CODEBOOK)["column"])


def test_extra_item_without_a_codebook_names_the_file_to_add(tmp_path):
    data, _ = _with_extra_item(tmp_path, None)
    with pytest.raises(InputError, match=rf"unexpected column '{EXTRA_ITEM}'.*"
                                         r"answers\.codebook\.csv beside the file"):
        load_responses(data)


@pytest.mark.parametrize(("codebook", "message"), [
    (EXTRA_CODEBOOK.replace(",tick", ",box"), "line 2, column type: 'box' is not allowed"),
    (EXTRA_CODEBOOK.replace(f"{EXTRA_ITEM},q3", f"{EXTRA_ITEM},q5"),
     f"line 2, column column: '{EXTRA_ITEM}' is not allowed"),
    (EXTRA_CODEBOOK.replace(EXTRA_ITEM, "q3_konkurs"), "'q3_konkurs' is already defined"),
    (EXTRA_CODEBOOK.replace("label_en,", "english,"), "unexpected column english"),
    (EXTRA_CODEBOOK.replace(f",{EXTRA_LABEL_EN}", ","), "line 2, column label_en: empty"),
])
def test_bad_user_codebook_is_named_by_file_line_and_column(tmp_path, codebook, message):
    data, _ = _with_extra_item(tmp_path, codebook)
    with pytest.raises(InputError, match="answers.codebook.csv") as caught:
        load_responses(data)
    assert message in str(caught.value)


# -- the report chooses what it shows ------------------------------------------------------

def _executed(*cells) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    for source, tags, html in cells:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = tags
        if html:
            cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html})]
        nb.cells.append(cell)
    return nb


def test_cell_tags_and_folded_code(tmp_path):
    path = tmp_path / "05_adaptation.ipynb"
    nbformat.write(_executed(
        ("setup = 1", ["remove-cell"], "<p>setup output</p>"),
        ("table = shares()", ["remove-output", "code-fold"], "<table>tidy</table>"),
        ("fig = draw(table)", ["remove-output", "code-fold"], "<p>inline plot</p>"),
        ('HTML(report.figure("fig-3-3", table, fig))', ["remove-input", "code-fold"],
         "<figure>the figure</figure>"),
        ("words()", [], "<p>prose</p>"),
    ), path)
    combined = stitching.combine([path], "en")
    html = "".join("".join(o["data"]["text/html"]) for c in combined.cells for o in c.outputs)
    assert "setup output" not in html and "tidy" not in html and "inline plot" not in html
    assert html.index("<figure>the figure</figure>") < html.index("<details")
    details = html[html.index("<details"):html.index("</details>")]
    assert "<summary>Show the code</summary>" in details
    assert "table = shares()" in details and "fig = draw(table)" in details
    assert "report.figure(&quot;fig-3-3&quot;, table, fig)" in details
    assert "setup = 1" not in details and "words()" not in details
    assert html.count("<details") == 1 and "<p>prose</p>" in html


@pytest.mark.build
def test_make_and_the_stitcher_read_the_same_table_of_contents():
    out = run_make("--eval", "print-notebooks: ; @echo $(NOTEBOOKS)", "print-notebooks").stdout
    assert out.split() == [str(p.relative_to(ROOT)) for p in paths.report_notebooks()]
    assert len(out.split()) == 12


@pytest.mark.build
def test_the_build_alone_runs_notebooks_with_a_non_interactive_backend():
    probe = "build/nb/executed/probe.ipynb"
    out = run_make("--eval", f"{probe}: ; @echo backend=$$MPLBACKEND", probe).stdout
    assert out.strip() == "backend=Agg"
    out = run_make("--eval", "probe: ; @echo backend=$$MPLBACKEND", "probe",
                   "MPLBACKEND=").stdout
    assert out.strip() == "backend="  # nothing else in make sets it


SURVEY_NOTEBOOKS = ["03_capital_access", "04_markets", "05_adaptation", "06_roles"]


@pytest.mark.parametrize("name", SURVEY_NOTEBOOKS)
def test_survey_notebook_follows_the_skeleton(name):
    cells = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4).cells
    tags = [c.metadata.get("tags", []) for c in cells]
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    assert tags[1] == ["parameters"]
    assert "import seaborn as sns" in cells[2].source and tags[2] == ["remove-cell"]
    assert "survey.load(data_path, programme=programme)" in cells[3].source
    assert "style.use()" in cells[3].source
    # what n counts, where the counting starts
    assert cells[4].cell_type == "markdown" and cells[4].source.startswith("## What n counts")
    assert "survey.n_by_wave(answers" in cells[5].source and tags[5] == ["remove-cell"]
    saves = [i for i, c in enumerate(cells)
             if "report.figure(" in c.source or "report.table_3_1(" in c.source]
    assert saves
    for i in saves:  # compute, then draw, save and describe: all folded into the report
        assert tags[i] == ["remove-input", "code-fold"]
        section = cells[max(j for j in range(i) if cells[j].cell_type == "markdown"):i + 1]
        heading = section[0].source
        assert heading.startswith(("## Figure", "## Table"))
        compute = [c for c in section if "survey.shares(answers" in c.source]
        assert len(compute) == 1 and compute[0].metadata["tags"] == ["remove-output", "code-fold"]
        if "report.figure(" in cells[i].source:
            # its own names: run again after any other section, it saves its own figure
            number = heading.split()[2].rstrip(":").split(".")[1]
            table, fig = f"table_3_{number}", f"fig_3_{number}"
            assert compute[0].source.startswith(f"{table} = survey.shares(")
            assert f"{fig} = plotting.draw_" in cells[i].source
            assert f'report.figure("fig-3-{number}", {table}, {fig})' in cells[i].source
            code = re.sub(r'"[^"]*"', '""', "".join(c.source for c in section if c.cell_type == "code"))
            assert not re.search(r"\b(table|fig|ax)\b", code)  # no names shared by sections
    assert cells[-1].cell_type == "markdown" and cells[-1].source.startswith("## Summary")


@pytest.mark.build
def test_make_lab_starts_jupyterlab_with_inline_plots():
    out = run_make("-n", "lab").stdout
    assert "env -u MPLBACKEND" in out and "/bin/jupyter lab" in out


@pytest.mark.build
def test_set_up_installs_nbstripout_as_a_git_filter(tmp_path):
    clone, venv = tmp_path / "clone", tmp_path / "venv"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    # A stand-in environment holding just nbstripout, so nothing can touch the real .venv.
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "nbstripout").symlink_to(ROOT / ".venv" / "bin" / "nbstripout")
    for stamp in (".installed-build", ".installed"):  # newer than the clone's locks
        (venv / stamp).touch()
    subprocess.run(["make", "--no-print-directory", "git-filter", f"VENV={venv}"],
                   cwd=clone, check=True, capture_output=True,
                   env={**os.environ, "MAKEFLAGS": ""})
    clean = subprocess.run(["git", "config", "--local", "filter.nbstripout.clean"], cwd=clone,
                           capture_output=True, text=True).stdout
    assert "nbstripout" in clean
    attributes = subprocess.run(["git", "check-attr", "filter", "notebooks/04_markets.ipynb"],
                                cwd=clone, capture_output=True, text=True).stdout
    assert attributes.strip().endswith("filter: nbstripout")
    # the committed notebooks are already what the filter makes of them
    status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True,
                            text=True).stdout
    assert status == ""


# -- a student runs one notebook alone -----------------------------------------------------

@pytest.mark.build
def test_student_runs_a_notebook_alone_sees_table_and_plot_inline(monkeypatch, in_project):
    """As JupyterLab runs it (no MPLBACKEND set): the backend is inline, the tidy table and the
    figure display in the notebook (the figure once, with its caption), a changed parameter
    takes effect, and the files go to build/scratch/, never to the build's figures/."""
    from nbclient import NotebookClient

    monkeypatch.delenv("MPLBACKEND", raising=False)
    built = in_project / "figures" / "fig-3-2.csv"
    before = built.read_bytes() if built.exists() else None
    nb = nbformat.read(in_project / "notebooks" / "04_markets.ipynb", as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source = params.source.replace('language: str = "nb"', 'language: str = "en"')
    nb.cells.append(nbformat.v4.new_code_cell(
        "import matplotlib\nprint(matplotlib.get_backend())"))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(in_project / "notebooks")}}).execute()
    backend = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert "inline" in backend
    compute = next(c for c in nb.cells if c.metadata.get("tags") == ["remove-output", "code-fold"])
    table_html = "".join(o.get("data", {}).get("text/html", "") for o in compute.outputs)
    assert "ci_low" in table_html and "provenance" in table_html and "Falling demand" in table_html
    # the figure shows once, as the report shows it: the saved figure (SVG in the page) with its caption
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert images == []  # no second, inline copy
    save = next(c for c in nb.cells if 'report.figure("fig-3-2"' in c.source)
    shown = "".join(o.get("data", {}).get("text/html", "") for o in save.outputs)
    assert shown.count('<img src="data:image/svg+xml') == 1 and "<figcaption>" in shown
    scratch = in_project / "build" / "scratch" / "figures" / "en" / "fig-3-2.csv"
    assert scratch.exists()
    assert (built.read_bytes() if built.exists() else None) == before


@pytest.mark.build
def test_readme_worked_example_runs_in_its_notebook(monkeypatch, in_project):
    """docs/students.md's "Adapt a notebook" cell, added after Figure 3.3's section of
    notebook 05, saves a figure of its own and shows it; Figure 3.3's section run again after
    it (and after Figure 3.4's) still saves Figure 3.3."""
    import re

    from nbclient import NotebookClient

    monkeypatch.delenv("MPLBACKEND", raising=False)
    readme = (ROOT / "docs" / "students.md").read_text(encoding="utf-8")
    example = re.search(r"## Adapt a notebook.*?```python\n(.*?)```", readme, re.S).group(1)
    nb = nbformat.read(in_project / "notebooks" / "05_adaptation.ipynb", as_version=4)
    fig_3_3 = next(i for i, c in enumerate(nb.cells) if 'report.figure("fig-3-3"' in c.source)
    fig_3_4 = next(i for i, c in enumerate(nb.cells) if 'report.figure("fig-3-4"' in c.source)
    nb.cells = [*nb.cells[:fig_3_4 + 1], nbformat.v4.new_code_cell(example),
                copy.deepcopy(nb.cells[fig_3_3])]
    figures = in_project / "build" / "scratch" / "figures"
    saved = figures / "fig-3-3-by-programme.png"
    # As JupyterLab runs it (from notebooks/), then as make does (from the project root).
    for folder in (in_project / "notebooks", in_project):
        saved.unlink(missing_ok=True)
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
        shown = "".join(o.get("data", {}).get("text/html", "") for o in nb.cells[-2].outputs)
        assert "Figure 3.3 by programme" in shown and '<img src="data:image/svg+xml' in shown
        assert saved.exists() and (figures / "fig-3-3-by-programme.csv").exists()
        assert set(pd.read_csv(figures / "fig-3-3-by-programme.csv")["programme"]) == {"Arena", "NCE"}
        assert pd.read_csv(figures / "fig-3-3.csv")["item"].str.startswith("q3_").all()


def test_one_programme_is_never_marked_as_published(tmp_path):
    """The report's numbers describe all respondents. One programme's shares are `assumed`
    in the reconstruction (its NCE/Arena split is chosen) and `data` in another file."""
    whole = survey.shares(survey.load(paths.RAW_RESPONSES), "q3")
    assert {"table", "text"} & set(whole["provenance"])  # the control: all respondents
    for _, group in survey.load(paths.RAW_RESPONSES).groupby("programme"):
        assert set(survey.shares(group, "q3")["provenance"]) == {"assumed"}
    assert set(survey.shares(survey.load(paths.RAW_RESPONSES, "Arena"), "q3")["provenance"]) \
        == {"assumed"}
    other = tmp_path / "other.csv"
    lines = paths.RAW_RESPONSES.read_text(encoding="utf-8").splitlines()
    other.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one answer fewer
    assert set(survey.shares(survey.load(other, "NCE"), "q3")["provenance"]) == {"data"}


@pytest.mark.parametrize("notebook", paths.report_notebooks(), ids=lambda p: p.stem)
def test_every_notebook_run_alone_writes_to_scratch(notebook):
    """Run outside make, no notebook writes where make keeps its outputs: its parameters cell
    defaults build_dir to build/scratch/ (make passes the real folder)."""
    nb = nbformat.read(notebook, as_version=4)
    parameters = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    defaults = {}
    exec(parameters[0].source, {}, defaults)  # typed literals only, nothing computed
    assert defaults["build_dir"] == "build/scratch"
