"""A question of the user's own codebook that the report does not have gets a figure of its
own, with its question text, CSV and prose, or one line saying why it cannot."""

from __future__ import annotations

import pandas as pd

from klyngekrise.chapter3 import Survey
from tests.conftest import FIXTURE

HEADER = "column,question,question_nb,question_en,label_nb,label_en,type\n"


def _survey(tmp_path, codebook: str, **columns) -> Survey:
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False).assign(**columns)
    frame.to_csv(tmp_path / "own.csv", index=False)
    (tmp_path / "own.codebook.csv").write_text(HEADER + codebook, encoding="utf-8")
    return Survey.from_parameters(data_path=str(tmp_path / "own.csv"),
                                  build_dir=str(tmp_path / "b"), figure_formats=["png"])


def test_a_new_tick_question_gets_its_own_figure(tmp_path):
    report = _survey(tmp_path, "q10_digital,q10,Mer digitalt?,More digital?,Digitalt,Digital,tick\n"
                     "q10_hjemme,q10,Mer digitalt?,More digital?,Hjemmekontor,Home office,tick\n",
                     q10_digital=["1", "0", "1", "1", "0", "0", "1"],
                     q10_hjemme=["0", "0", "1", "0", "1", "1", "1"])
    html = report.new_questions()
    written = pd.read_csv(tmp_path / "b" / "figures" / "fig-q10.csv")
    assert set(written["item"]) == {"q10_digital", "q10_hjemme"}
    assert written[(written["item"] == "q10_digital") & (written["wave"] == 2009)]["count"].item() == 3
    assert (tmp_path / "b" / "figures" / "fig-q10.png").exists()
    assert "Figur til spørsmål 10" in html and "Mer digitalt?" in html
    assert "I 2010 var" in html  # the prose: the latest wave's most common answer
    assert "fig-q10.csv" in html


def test_a_new_level_question_is_stacked_for_the_latest_wave(tmp_path):
    report = _survey(tmp_path, "q11_eiere,q11,Eiernes kapital?,Owners' capital?,Eiere,Owners,level\n",
                     q11_eiere=["forverret", "uendret", "forbedret", "forverret", "uendret",
                                "forverret", ""])
    report.new_questions()
    written = pd.read_csv(tmp_path / "b" / "figures" / "fig-q11.csv")
    assert set(written["wave"]) == {2010} and set(written["response"]) == {"forverret",
                                                                           "uendret", "forbedret"}


def test_a_question_that_cannot_be_drawn_says_why_in_one_line(tmp_path):
    report = _survey(tmp_path, "q12_a,q12,Q,Q,A,A,tick\nq12_b,q12,Q,Q,B,B,level\n",
                     q12_a="1", q12_b="uendret")
    html = report.new_questions()
    assert "Spørsmål 12 (q12_a, q12_b) blander svar på tre nivåer og avkrysningsbokser" in html
    assert not (tmp_path / "b" / "figures" / "fig-q12.csv").exists()


def test_no_section_with_the_shipped_codebook(tmp_path):
    assert Survey.from_parameters(build_dir=str(tmp_path)).new_questions() == ""
