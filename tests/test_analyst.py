"""The analyst's path end to end: next year's survey as a three-wave Excel workbook with its
populations and a question of its own builds a report of three waves with their changes; a
programme build beside it leaves the full report alone; `make compare` lists what differs."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from klyngekrise.processing import CHANGE_COLUMNS
from tests.conftest import run_make
from tests.test_formats import write_xlsx
from tests.test_waves import THIRD, three_waves

pytestmark = pytest.mark.build
NEW_QUESTION = ("column,question,question_nb,question_en,label_nb,label_en,type\n"
                "q10_digital,q10,Har krisen ført til mer digitalt samarbeid?,"
                "Has the crisis led to more digital collaboration?,Mer digitalt samarbeid,"
                "More digital collaboration,tick\n")


@pytest.fixture(scope="module")
def analyst(tmp_path_factory):
    """A three-wave workbook (with populations and q10_digital) built into its own BUILD."""
    folder = tmp_path_factory.mktemp("analyst")
    answers = three_waves(folder, "next.csv")
    answers["q10_digital"] = ["1" if i % 3 == 0 else "0" for i in range(len(answers))]
    answers.loc[answers["wave"] == "2009", "q10_digital"] = ""  # first asked in 2010
    (folder / "next.csv").unlink()
    write_xlsx(answers, folder / "next.xlsx")
    (folder / "next.codebook.csv").write_text(NEW_QUESTION, encoding="utf-8")
    build = folder / "build"
    run_make("report", f"DATA={folder / 'next.xlsx'}", f"BUILD={build}", "-j2")
    return folder, build


def test_three_waves_with_their_changes(analyst):
    _, build = analyst
    figure = pd.read_csv(build / "figures" / "fig-3-2.csv")
    assert sorted(figure["wave"].unique()) == [2009, 2010, THIRD]
    assert set(pd.read_csv(build / "figures" / "fig-3-1.csv")["wave"]) == {THIRD}
    changed = pd.read_csv(build / "figures" / "changes.csv")
    assert list(changed.columns) == CHANGE_COLUMNS
    pairs = set(zip(changed["wave_from"], changed["wave_to"], strict=True))
    assert pairs == {(2009, 2010), (2010, THIRD)}
    html = (build / "report" / "report.html").read_text(encoding="utf-8")
    assert "I 2011 svarte 19 av 26" in html  # the population from next.survey.yml
    assert 'colspan="3"' in html  # Table 3.1: every wave


def test_a_new_question_gets_its_own_figure(analyst):
    _, build = analyst
    figure = pd.read_csv(build / "figures" / "fig-q10.csv")
    assert sorted(figure["wave"].unique()) == [2010, THIRD]
    html = (build / "report" / "report.html").read_text(encoding="utf-8")
    assert "Har krisen ført til mer digitalt samarbeid?" in html
    assert "Figur til spørsmål 10" in html
    assert (html.index('id="fig-3-8"') < html.index("Figur til spørsmål 10")
            < html.index('id="kap-4"'))


def test_fixed_chapters_are_labelled_as_the_originals_account(analyst):
    _, build = analyst
    html = (build / "report" / "report.html").read_text(encoding="utf-8")
    assert html.count("originalrapportens beretning om klyngene i 2008–2010") == 4


def test_a_programme_build_leaves_the_full_report_alone(analyst):
    folder, build = analyst
    report = build / "report" / "report.html"
    figure = build / "figures" / "fig-3-2.csv"
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in (report, figure)}
    run_make("report", f"DATA={folder / 'next.xlsx'}", f"BUILD={build}", "PROGRAMME=NCE", "-j2")
    for path, (content, mtime) in before.items():
        assert path.read_bytes() == content and path.stat().st_mtime_ns == mtime, path
    nce = pd.read_csv(build / "figures" / "NCE" / "fig-3-2.csv")
    assert nce["n"].max() < pd.read_csv(figure)["n"].max()
    assert "kun NCE-prosjekter" in (build / "report" / "report.NCE.html").read_text("utf-8")
    again = run_make("report", f"DATA={folder / 'next.xlsx'}", f"BUILD={build}")
    assert "run " not in again.stdout  # the full build is still up to date


def test_make_compare_lists_every_value_that_differs(analyst, tmp_path):
    _, build = analyst
    other = tmp_path / "a build with 'quotes' & spaces"
    shutil.copytree(build / "figures", other / "figures",
                    ignore=shutil.ignore_patterns("*.png", "*.svg", "NCE"))
    figure = pd.read_csv(other / "figures" / "fig-3-2.csv")
    figure.loc[0, ["count", "percent"]] = [0, 0.0]
    figure.to_csv(other / "figures" / "fig-3-2.csv", index=False)
    (other / "figures" / "fig-q10.csv").unlink()
    out = tmp_path / "diff.csv"
    result = run_make("compare", f"A={other}", f"B={build}", f"OUT={out}")
    listed = pd.read_csv(out)
    first = pd.read_csv(build / "figures" / "fig-3-2.csv").iloc[0]
    row = listed[listed["figure"] == "fig-3-2"].iloc[0]
    assert (row["item"], row["wave"], row["response"]) == (first["item"], first["wave"],
                                                          first["response"])
    assert (row["count_a"], row["count_b"]) == (0, first["count"])
    assert set(listed.loc[listed["figure"] == "fig-q10", "change"]) == {"only in B"}
    assert f"fig-3-2 {first['item']} {first['wave']} ticked: A 0.0 % (0/" in result.stdout
    assert "fig-q10 q10_digital 2011 ticked: only in B, " in result.stdout
    assert len(listed) == 1 + (listed["figure"] == "fig-q10").sum()
