"""Survey figures through the package: parameters change what is drawn, and how."""

from __future__ import annotations

import pandas as pd
import pytest

from klyngekrise import paths
from klyngekrise.chapter3 import Survey
from klyngekrise.errors import InputError
from klyngekrise.io import load_responses
from klyngekrise.style import MIN_WAVE_CONTRAST, WAVE_COLOURS, grey_contrast
from klyngekrise.text import FIGURES


def _survey(tmp_path, **params) -> Survey:
    return Survey.from_parameters(build_dir=str(tmp_path), **params)


def test_programme_filter_counts_only_that_programme(tmp_path):
    survey = _survey(tmp_path, programme="NCE", figure_formats=["png"])
    html = survey.figure("fig-3-2", *survey.draw("fig-3-2"))
    got = pd.read_csv(tmp_path / "figures" / "NCE" / "fig-3-2.csv")  # a selection's own path
    assert not (tmp_path / "figures" / "fig-3-2.csv").exists()
    data = load_responses(paths.RAW_RESPONSES)
    nce = data[(data["programme"] == "NCE") & (data["wave"] == 2010)]
    expected_n = int(nce["q2_ettersporsel"].notna().sum())
    assert got[(got["wave"] == 2010)]["n"].unique().tolist() == [expected_n]
    assert "kun NCE-prosjekter" in html


def test_formats_and_intervals_follow_the_parameters(tmp_path):
    survey = _survey(tmp_path, figure_formats=["png"], draw_intervals=False)
    html = survey.figure("fig-3-3", *survey.draw("fig-3-3"))
    assert (tmp_path / "figures" / "fig-3-3.png").exists()
    assert not (tmp_path / "figures" / "fig-3-3.svg").exists()
    assert "Wilson" not in html


def test_english_labels_and_captions(tmp_path):
    english = _survey(tmp_path, language="en", figure_formats=["png"])
    html = english.figure("fig-3-8", *english.draw("fig-3-8"))
    assert "Figure 3.8" in html and "question 8" in html
    assert "was not part of the 2009 survey" in html  # from the data: no 2009 answers
    assert (tmp_path / "figures" / "en" / "fig-3-8.png").exists()


def test_bad_parameter_in_a_notebook_names_the_key(tmp_path):
    with pytest.raises(InputError, match="key 'language' is 'de'; allowed: nb, en"):
        _survey(tmp_path, language="de")


def test_svg_is_byte_identical_across_runs(tmp_path):
    first = _survey(tmp_path / "a", figure_formats=["png", "svg"])
    second = _survey(tmp_path / "b", figure_formats=["png", "svg"])
    first.figure("fig-3-5", *first.draw("fig-3-5"))
    second.figure("fig-3-5", *second.draw("fig-3-5"))
    for suffix in ("png", "svg", "csv"):
        a = (tmp_path / "a" / "figures" / f"fig-3-5.{suffix}").read_bytes()
        b = (tmp_path / "b" / "figures" / f"fig-3-5.{suffix}").read_bytes()
        assert a == b, suffix
    assert b"<dc:date>" not in (tmp_path / "a" / "figures" / "fig-3-5.svg").read_bytes()


def test_waves_differ_in_greyscale():
    # WCAG 2.1 asks 3:1 of graphical objects: the two waves are told apart without colour.
    assert MIN_WAVE_CONTRAST == 3.0
    assert grey_contrast(*WAVE_COLOURS.values()) >= MIN_WAVE_CONTRAST


def test_grey_contrast_matches_wcag_examples():
    assert grey_contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert grey_contrast("#777777", "#777777") == pytest.approx(1.0)
    assert grey_contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.build
@pytest.mark.parametrize("size", [1, 5, 13])
def test_a_subset_of_the_shipped_file_builds_every_survey_figure(tmp_path, size):
    """The first respondents of each wave: items nobody (or everybody) ticked give Wilson
    bounds of exactly 0 or 100, and the figures, table and audit draw without error."""
    shipped = pd.read_csv(paths.RAW_RESPONSES, dtype=str, keep_default_na=False)
    subset = shipped.groupby("wave", sort=False).head(size)
    data_file = tmp_path / "subset.csv"
    subset.to_csv(data_file, index=False)
    survey = _survey(tmp_path, data_path=str(data_file), figure_formats=["png"])
    for key in FIGURES:
        survey.figure(key, *survey.draw(key))
    survey.table_3_1()
    survey.audit()
    for key in FIGURES:
        got = pd.read_csv(tmp_path / "figures" / f"{key}.csv")
        assert (got["ci_low"] >= 0).all() and (got["ci_high"] <= 100).all()
        assert (got.loc[got["count"] == 0, "ci_low"] == 0).all()
        assert (got.loc[got["count"] == got["n"], "ci_high"] == 100).all()
    changed = pd.read_csv(tmp_path / "figures" / "changes.csv")
    assert changed["diff_ci_low"].between(-100, 100).all()
    assert changed["diff_ci_high"].between(-100, 100).all()
