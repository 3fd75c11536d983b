"""End to end: `make` builds into a temporary BUILD, and what it leaves behind is checked."""

from __future__ import annotations

import base64
import csv
import filecmp
import hashlib
import math
import re
import shutil
import subprocess
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

import pandas as pd
import pytest

from klyngekrise import paths
from klyngekrise.processing import CHANGE_COLUMNS
from tests.conftest import FIXTURE, ROOT, project, run_make

pytestmark = pytest.mark.build
FIGURE_KEYS = [f"fig-3-{i}" for i in range(1, 9)] + ["table-3-1"]
Z = 1.959963984540054


def _ran(make_output: str) -> list[str]:
    return re.findall(r"^run +(\S+)", make_output, flags=re.M)


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory) -> Path:
    build = tmp_path_factory.mktemp("fixture-build")
    figures = run_make("figures", f"DATA={FIXTURE}", f"BUILD={build}", "-j2")
    assert not (build / "report" / "report.html").exists()  # figures only
    drawing = ["01_introduction", "02_cluster_programmes", "03_capital_access", "04_markets",
               "05_adaptation", "06_roles", "07_case_studies", "09_appendix"]
    assert sorted(_ran(figures.stdout)) == [f"notebooks/{n}.ipynb" for n in drawing]
    run_make("report", f"DATA={FIXTURE}", f"BUILD={build}", "-j2")
    return build


@pytest.fixture(scope="module")
def shipped_build(tmp_path_factory) -> Path:
    build = tmp_path_factory.mktemp("shipped-build")
    run_make("report", f"BUILD={build}", "-j2")
    return build


# -- the fixture build: every figure CSV recounted from the file ---------------------------

def _recount(key: str) -> pd.DataFrame:
    """Count the fixture with the csv module alone: an oracle independent of the package."""
    with FIXTURE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    question = {"fig-3-1": "q1", "table-3-1": "q1", "fig-3-2": "q2", "fig-3-3": "q3",
                "fig-3-4": "q5", "fig-3-5": "q9", "fig-3-6": "q6", "fig-3-7": "q7",
                "fig-3-8": "q8"}[key]
    waves = ["2010"] if key == "fig-3-1" else ["2009", "2010"]
    columns = [c for c in rows[0] if c.startswith(question + "_")]
    out = []
    for item in columns:
        for wave in waves:
            answers = [r[item] for r in rows if r["wave"] == wave and r[item] != ""]
            n = len(answers)
            if n == 0:
                continue
            responses = ["forverret", "uendret", "forbedret"] if question == "q1" else ["1"]
            for response in responses:
                count = answers.count(response)
                p = count / n
                centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
                half = Z * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2)) / (1 + Z**2 / n)
                out.append({"item": item, "wave": int(wave),
                            "response": "ticked" if response == "1" else response, "n": n,
                            "count": count, "percent": 100 * p,
                            "ci_low": 100 * max(0, centre - half),
                            "ci_high": 100 * min(1, centre + half)})
    return pd.DataFrame(out)


@pytest.mark.parametrize("key", FIGURE_KEYS)
def test_fixture_figure_csv_matches_a_recount(fixture_build, key):
    got = pd.read_csv(fixture_build / "figures" / f"{key}.csv")
    expected = _recount(key)
    columns = ["item", "wave", "response", "n", "count", "percent", "ci_low", "ci_high"]
    assert list(got.columns[: len(columns)]) == columns  # the contract's columns first
    pd.testing.assert_frame_equal(got[columns].reset_index(drop=True), expected[columns],
                                  check_dtype=False, atol=1e-9)


def test_fixture_values_stated_by_hand(fixture_build):
    fig = {k: pd.read_csv(fixture_build / "figures" / f"{k}.csv").set_index(
        ["item", "wave", "response"]) for k in FIGURE_KEYS}
    banks_2010 = fig["fig-3-1"].loc[("q1_banker", 2010, "forbedret")]
    assert (banks_2010["n"], banks_2010["count"], banks_2010["percent"]) == (1, 1, 100.0)
    banks_2009 = fig["table-3-1"].loc[("q1_banker", 2009, "forverret")]
    assert (banks_2009["n"], banks_2009["count"]) == (3, 2)  # one of four gave no answer
    assert fig["fig-3-2"].loc[("q2_ettersporsel", 2009, "ticked"), "percent"] == 100.0
    assert fig["fig-3-2"].loc[("q2_proteksjonisme", 2009, "ticked"), "percent"] == 0.0
    assert fig["fig-3-2"].loc[("q2_ettersporsel", 2010, "ticked"), "n"] == 2  # B3 skipped q2
    assert 2010 not in fig["fig-3-3"].index.get_level_values("wave")  # nobody answered q3
    grep = fig["fig-3-8"].loc["q8_organisatoriske_grep"]
    assert grep.index.get_level_values("wave").tolist() == [2010]  # not asked in 2009


def test_audit_of_other_data_shows_differences_without_failing(fixture_build):
    audit = pd.read_csv(fixture_build / "figures" / "audit.csv")
    # The report's printed values only: this edition's chosen ones are no fact of another file.
    assert "assumed" not in set(audit["provenance"]) and "chosen" not in set(audit["verdict"])
    assert (audit["verdict"] == "differs").sum() > 50
    assert (fixture_build / "report" / "report.html").exists()


def test_another_files_report_carries_none_of_the_reconstructions_knowledge(fixture_build):
    """Issue 16: provenance `data` everywhere, no hatching note, no reconstruction wording,
    no populations of the original; the front matter names the file and its digest."""
    from klyngekrise.original import file_digest
    from klyngekrise.text import strings

    figures = fixture_build / "figures"
    for key in FIGURE_KEYS:
        assert set(pd.read_csv(figures / f"{key}.csv")["provenance"]) == {"data"}, key
    changes = pd.read_csv(figures / "changes.csv")
    assert set(changes["provenance_from"]) | set(changes["provenance_to"]) == {"data"}
    text = unescape(re.sub(r"<[^>]+>", " ", (fixture_build / "report" / "report.html")
                           .read_text(encoding="utf-8")))
    text = re.sub(r"\s+", " ", text)
    nb = strings("nb")
    for words in (nb["subtitle"], nb["about_text"][0], nb["assumed_note"], nb["survey_intro"],
                  nb["ranking_chosen"], "av 28", "av 24", "Rapporten (§"):
        assert words not in text, words
    assert nb["subtitle_data"] in text and "2010-rapporten (§" in text
    assert FIXTURE.name in text and file_digest(FIXTURE) in text


# -- the shipped build ---------------------------------------------------------------------

def test_shipped_audit_reproduces_every_published_value(shipped_build):
    audit = pd.read_csv(shipped_build / "figures" / "audit.csv")
    assert len(audit) == len(pd.read_csv(ROOT / "data" / "published" / "survey_values.csv"))
    published = audit[audit["provenance"] != "assumed"]
    assert set(published["verdict"]) <= {"reproduced", "report inconsistent"}
    # A value this edition chose is counted apart, never as reproduced (issue 10).
    assert (audit.loc[audit["provenance"] == "assumed", "verdict"] == "chosen").all()
    inconsistent = audit[audit["verdict"] == "report inconsistent"]
    assert inconsistent["contradicts_table"].all()
    rates = pd.read_csv(shipped_build / "figures" / "audit-response-rates.csv")
    assert (rates["respondents"] == rates["counted"]).all()


def test_shipped_build_writes_every_wave_change_with_its_interval(shipped_build):
    changes = pd.read_csv(shipped_build / "figures" / "changes.csv", keep_default_na=False)
    assert list(changes.columns) == CHANGE_COLUMNS
    shown = pd.concat(pd.read_csv(p) for p in (shipped_build / "figures").glob("*-3-*.csv"))
    shown = shown.drop_duplicates(["item", "wave", "response"])
    waves = shown.groupby(["item", "response"])["wave"].nunique()
    assert len(changes) == int((waves == 2).sum())  # every item and response in both waves
    assert (changes["diff_ci_low"] <= changes["diff"]).all()
    assert (changes["diff"] <= changes["diff_ci_high"]).all()
    assert set(changes["provenance_from"]) | set(changes["provenance_to"]) <= {
        "table", "text", "assumed"}
    html = (shipped_build / "report" / "report.html").read_text(encoding="utf-8")
    assert 'id="audit-claims"' in html and "95\u00a0%-intervall" in html


def test_second_build_runs_no_notebook(shipped_build):
    again = run_make("report", f"BUILD={shipped_build}")
    assert _ran(again.stdout) == []


def test_touching_one_notebook_reruns_only_it_and_the_stitch(shipped_build):
    report = shipped_build / "report" / "report.html"
    before = report.read_bytes()
    (project() / "notebooks" / "04_markets.ipynb").touch()
    result = run_make("report", f"BUILD={shipped_build}")
    # Its figure's bytes did not change, so neither the audit nor provenance reruns.
    assert _ran(result.stdout) == ["notebooks/04_markets.ipynb"]
    assert "wrote" in result.stdout and report.read_bytes() == before


def test_changed_report_data_reruns_the_notebooks_that_read_it(shipped_build):
    (project() / "data" / "report" / "case_facts.csv").touch()
    result = run_make("report", f"BUILD={shipped_build}")
    assert "notebooks/07_case_studies.ipynb" in _ran(result.stdout)


def test_rebuild_from_scratch_is_byte_identical(shipped_build, tmp_path):
    keep = tmp_path / "first"
    for folder in ("figures", "report", "build/nb/executed"):
        shutil.copytree(shipped_build / folder, keep / folder)
    run_make("clean", f"BUILD={shipped_build}")
    assert not (shipped_build / "report" / "report.html").exists()
    run_make("report", f"BUILD={shipped_build}", "-j2")
    # Another test may have built the English edition into this shared build first; clean
    # removed it too, so rebuild it and compare both editions' files.
    if (keep / "report" / "report.en.html").exists():
        run_make("report", "EDITION=en", f"BUILD={shipped_build}", "-j2")
    for folder in ("figures", "report", "build/nb/executed"):
        # Every file, the .manifest too: it is sorted, whatever order -j2 wrote in.
        names = sorted(p.name for p in (keep / folder).iterdir() if p.is_file())
        assert ".manifest" in names and len(names) > 1
        assert names == sorted(p.name for p in (shipped_build / folder).iterdir() if p.is_file())
        match, mismatch, errors = filecmp.cmpfiles(keep / folder, shipped_build / folder, names,
                                                   shallow=False)
        assert not mismatch and not errors, (folder, mismatch, errors)


def _report(build: Path, name: str = "report.html") -> str:
    return (build / "report" / name).read_text(encoding="utf-8")


def test_report_is_self_contained_and_offline(shipped_build):
    html = _report(shipped_build)
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html)
    assert "<script" not in html and "<link" not in html
    assert "@import" not in html and "url(http" not in html
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 12  # Figures 3.1-3.8 and the four added to chapter 4
    for tag in images:
        assert re.search(r'alt="[^"]{20,}"', tag)  # each with alt text
        data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', tag).group(1)
        assert b"<svg" in base64.b64decode(data)[:400]  # vector: sharp at any zoom


def test_report_table_of_contents_links_land(shipped_build):
    html = _report(shipped_build)
    toc = re.search(r'<nav [^>]*class="toc"[^>]*>.*?</nav>', html, re.S).group(0)
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert len(targets) >= 6
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert set(targets) <= ids


def test_report_has_a_section_per_notebook_and_the_table(shipped_build):
    html = _report(shipped_build)
    tags = re.findall(r"<section [^>]*>", html)
    sections = [re.search(r'id="notebook-([^"]+)"', t).group(1) for t in tags]
    assert sections == [p.stem for p in paths.report_notebooks()]
    assert re.search(r'<table [^>]*id="table-3-1"', html)
    for n in range(1, 9):
        assert f"Figur 3.{n}</strong>" in html
    # Table 3.1, banks 2010: count and n, and the change from 2009 with its interval.
    # The difference printed is that of the printed shares: 95 and 69 give −26 (issue 16).
    assert re.search(r'<td title="11 / 16; endring fra 2009: −26 prosentpoeng; '
                     r'95\xa0%-intervall −\d+ til −\d+">69<span class="cell-count">11/16</span>'
                     r'</td>', html)


def test_report_carries_its_provenance(shipped_build):
    html = _report(shipped_build)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.strip()
    assert commit in html
    data = ROOT / "data" / "raw" / "survey_responses.csv"
    assert hashlib.sha256(data.read_bytes()).hexdigest() in html
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.strip()
    date = datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
    assert date in html


def test_english_edition(shipped_build):
    run_make("report", "EDITION=en", f"BUILD={shipped_build}", "-j2")
    html = _report(shipped_build, "report.en.html")
    assert '<html lang="en">' in html
    assert "Figure 3.2</strong>" in html and "Table 3.1" in html
    assert "Figur 3.2</strong>" not in html and "Tilgang til kapital" not in html
    assert (shipped_build / "figures" / "en" / "fig-3-8.png").exists()
    assert _report(shipped_build).startswith("<!DOCTYPE html>")  # nb edition untouched


def _own_copy(build: Path, tmp_path: Path) -> Path:
    """A copy of a shared build (time stamps kept), for a test that changes or removes it."""
    copy = tmp_path / "build"
    shutil.copytree(build, copy, symlinks=True)
    return copy


def test_failed_notebook_leaves_the_last_good_report(fixture_build, tmp_path):
    fixture_build = _own_copy(fixture_build, tmp_path)
    report = fixture_build / "report" / "report.html"
    before, mtime = report.read_bytes(), report.stat().st_mtime_ns
    only_nce = tmp_path / "only_nce.csv"
    only_nce.write_text(FIXTURE.read_text(encoding="utf-8").replace(",Arena,", ",NCE,"),
                        encoding="utf-8")
    result = run_make("report", f"DATA={only_nce}", "PROGRAMME=Arena", f"BUILD={fixture_build}",
                      check=False)
    assert result.returncode != 0
    # the loading cell: the fourth cell of the source notebook
    assert ("notebooks/03_capital_access.ipynb failed in cell 4 (answers = survey.load("
            in result.stderr)
    assert "no respondents in programme 'Arena'" in result.stderr
    assert "Traceback" not in result.stderr
    # a programme's build has its own work folder, beside the full build's
    assert (fixture_build / "build" / "nb-Arena" / "executed" / "03_capital_access.failed.ipynb"
            ).exists()
    assert report.read_bytes() == before and report.stat().st_mtime_ns == mtime


def test_clean_removes_only_what_the_build_made(fixture_build, tmp_path):
    fixture_build = _own_copy(fixture_build, tmp_path)
    run_make("clean", f"BUILD={fixture_build}")
    left = sorted(str(p.relative_to(fixture_build)) for p in fixture_build.rglob("*")
                  if p.is_file())
    assert left == []
    assert (ROOT / "data" / "raw" / "survey_responses.csv").exists()


def test_a_notebook_runs_alone_from_its_defaults(in_project):
    """As JupyterLab runs it: from the notebook's own folder, the parameters cell as written;
    it writes into build/scratch/, never into the build's figures/."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(in_project / "notebooks" / "04_markets.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(in_project / "notebooks")}}).execute()
    shown = "".join("".join(o.get("data", {}).get("text/html", ""))
                    for cell in nb.cells for o in cell.get("outputs", []))
    assert "Figur 3.2</strong>" in shown
    assert (in_project / "build" / "scratch" / "figures" / "fig-3-2.csv").exists()
    assert not (in_project / "figures" / "fig-3-2.csv").exists()


# -- literate notebooks in the build (issue 9) ---------------------------------------------

SURVEY_OUTPUTS = {"03_capital_access": ["fig-3-1", "table-3-1"], "04_markets": ["fig-3-2"],
                  "05_adaptation": [f"fig-3-{i}" for i in range(3, 8)], "06_roles": ["fig-3-8"]}


def test_survey_notebooks_display_one_tidy_table_per_figure(shipped_build):
    import nbformat

    for name, keys in SURVEY_OUTPUTS.items():
        nb = nbformat.read(shipped_build / "build" / "nb" / "executed" / f"{name}.ipynb", 4)
        tables = [c for c in nb.cells if c.cell_type == "code" and any(
            "ci_low" in "".join(o.get("data", {}).get("text/html", "")) for o in c.outputs)]
        assert len(tables) == len(keys), name
        for cell in tables:
            assert "survey.shares(answers" in cell.source


def test_report_folds_the_code_of_every_chapter_3_figure_and_table(shipped_build):
    html = _report(shipped_build)
    folded = re.findall(r'<details class="code-fold"><summary>Vis koden</summary>'
                        r"<pre><code>(.*?)</code></pre></details>", html, re.S)
    keys = [k for ks in SURVEY_OUTPUTS.values() for k in ks]
    assert len(folded) == len(keys) == 9
    for key, code in zip(keys, folded, strict=True):
        start = html.index(code)
        code = unescape(code)
        assert "survey.shares(answers" in code
        if key.startswith("fig"):
            assert "plotting.draw_" in code and f'report.figure("{key}"' in code
        else:
            assert "report.table_3_1(q1_both_waves)" in code
        # each lies under its own figure or table, before the next one
        anchor = f'id="{key}"'
        assert html.rindex(anchor, 0, start) > html.rfind("</code></pre></details>", 0, start)
    assert "ci_low" not in re.sub(r'<details class="code-fold">.*?</details>', "", html,
                                  flags=re.S)  # the tidy tables stay in the notebooks


def test_copy_of_a_notebook_is_not_stitched(shipped_build):
    copy = project() / "notebooks" / "05_adaptation-Copy1.ipynb"
    shutil.copy(project() / "notebooks" / "05_adaptation.ipynb", copy)
    try:
        result = run_make("report", f"BUILD={shipped_build}")
    finally:
        copy.unlink()
    assert "05_adaptation-Copy1" not in result.stdout
    assert not (shipped_build / "build" / "nb" / "executed" / copy.name).exists()
    assert "05_adaptation-Copy1" not in _report(shipped_build)


def test_make_figures_after_a_standalone_run_on_other_data_gives_the_defaults(shipped_build,
                                                                             tmp_path,
                                                                             in_project):
    import papermill

    figures = shipped_build / "figures"
    default = {p.name: p.read_bytes() for p in figures.glob("fig-3-[3-7].*")}
    # papermill by hand, pointed at the build's own folder with another respondent file: the
    # worst a stand-alone run can do (a programme's run writes to figures/<programme>/)
    papermill.execute_notebook(
        str(in_project / "notebooks" / "05_adaptation.ipynb"), str(tmp_path / "other.ipynb"),
        parameters={"data_path": str(FIXTURE), "build_dir": str(shipped_build)},
        cwd=str(in_project / "notebooks"), progress_bar=False, kernel_name="python3")
    assert (figures / "fig-3-3.csv").read_bytes() != default["fig-3-3.csv"]
    result = run_make("figures", f"BUILD={shipped_build}")
    assert "fig-3-3.csv was not written by this build" in result.stdout
    assert _ran(result.stdout) == ["notebooks/05_adaptation.ipynb"]
    assert {p.name: p.read_bytes() for p in figures.glob("fig-3-[3-7].*")} == default
    assert _ran(run_make("figures", f"BUILD={shipped_build}").stdout) == []
    run_make("report", f"BUILD={shipped_build}")  # the audit reads the rewritten CSVs: complete


def test_extra_item_in_a_users_file_shows_in_its_figure(tmp_path):
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    answered = frame["q3_nedbemanning"] != ""
    frame["q3_nye_eiere"] = ""
    frame.loc[answered, "q3_nye_eiere"] = "1"
    data = tmp_path / "answers.csv"
    frame.to_csv(data, index=False, lineterminator="\n")
    (tmp_path / "answers.codebook.csv").write_text(
        "column,question,label_nb,label_en,type\n"
        "q3_nye_eiere,q3,Solgt til nye eiere,Sold to new owners,tick\n", encoding="utf-8")
    build = tmp_path / "build"
    result = run_make(f"{build}/figures/fig-3-3.png", f"DATA={data}", f"BUILD={build}")
    assert _ran(result.stdout) == ["notebooks/05_adaptation.ipynb"]
    written = pd.read_csv(build / "figures" / "fig-3-3.csv")
    extra = written[written["item"] == "q3_nye_eiere"]
    assert extra["count"].tolist() == extra["n"].tolist() and len(extra) >= 1
    svg = (build / "figures" / "fig-3-3.svg").read_text(encoding="utf-8")
    assert "<!-- Solgt til nye eiere -->" in svg  # the label on the figure's axis
    assert "q3_nye_eiere" not in (ROOT / "data" / "codebook.csv").read_text(encoding="utf-8")
