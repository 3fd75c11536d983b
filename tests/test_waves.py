"""Any number of waves: the waves are the years the file holds; figures show each side by
side in colours that keep the contrast rule, Table 3.1 has every wave, Figure 3.1 the latest,
changes.csv each wave against the one before it, and the prose the latest change and the run."""

from __future__ import annotations

import pandas as pd
import pytest

from klyngekrise import paths, style, survey
from klyngekrise.chapter3 import Survey
from klyngekrise.processing import CHANGE_COLUMNS, changes, table_3_1

THIRD = 2011
POPULATIONS = {2009: 28, 2010: 24, 2011: 26}


def three_waves(folder, name: str = "three.csv") -> pd.DataFrame:
    """The shipped answers and a third wave (2011): the 2010 respondents again, every
    'forverret' now 'uendret' and every Q2 tick reversed, Q3 not asked in 2011; with
    NAME.survey.yml giving each wave's population. Returns the answers (as text)."""
    frame = pd.read_csv(paths.RAW_RESPONSES, dtype=str, keep_default_na=False)
    third = frame[frame["wave"] == "2010"].copy()
    third["respondent_id"] = third["respondent_id"].str.replace("2010", str(THIRD))
    third["wave"] = str(THIRD)
    q1 = [c for c in frame.columns if c.startswith("q1_")]
    third[q1] = third[q1].replace("forverret", "uendret")
    q2 = [c for c in frame.columns if c.startswith("q2_")]
    third[q2] = third[q2].replace({"1": "0", "0": "1"})
    third[[c for c in frame.columns if c.startswith("q3_")]] = ""
    answers = pd.concat([frame, third], ignore_index=True)
    answers.to_csv(folder / name, index=False)
    (folder / name).with_suffix(".survey.yml").write_text(
        "populations:\n" + "".join(f"  {w}: {p}\n" for w, p in POPULATIONS.items()),
        encoding="utf-8")
    return answers


@pytest.fixture
def data_path(tmp_path):
    three_waves(tmp_path)
    return tmp_path / "three.csv"


def test_waves_are_the_years_the_file_holds(data_path):
    assert survey.waves(survey.load(data_path)) == (2009, 2010, THIRD)
    assert survey.waves(survey.load(paths.RAW_RESPONSES)) == (2009, 2010)


def test_changes_hold_each_wave_against_the_one_before(data_path):
    answers = survey.load(data_path)
    table = pd.concat([survey.shares(answers, q, data_path=data_path) for q in ("q2", "q3")])
    changed = changes(table)
    assert list(changed.columns) == CHANGE_COLUMNS
    q2 = changed[changed["item"] == "q2_priser"]
    assert q2[["wave_from", "wave_to"]].values.tolist() == [[2009, 2010], [2010, THIRD]]
    # Q3 was not asked in 2011: its only change is 2009 to 2010
    q3 = changed[changed["item"].str.startswith("q3_")]
    assert set(q3["wave_to"]) == {2010} and len(q3) == 3
    whole = changes(table, 2009, THIRD)
    assert set(zip(whole["wave_from"], whole["wave_to"], strict=True)) == {(2009, THIRD)}
    assert not whole["item"].str.startswith("q3_").any()


def test_two_waves_give_the_same_changes_as_before():
    answers = survey.load(paths.RAW_RESPONSES)
    table = survey.shares(answers, "q8")
    changed = changes(table)
    assert set(changed["wave_from"]) == {2009} and set(changed["wave_to"]) == {2010}
    assert "q8_organisatoriske_grep" not in set(changed["item"])  # not asked in 2009


def test_table_3_1_has_every_wave_latest_first(data_path):
    table = survey.shares(survey.load(data_path), "q1", data_path=data_path)
    wide = table_3_1(table)
    assert list(wide.columns)[:3] == [("forverret", THIRD), ("forverret", 2010),
                                      ("forverret", 2009)]
    assert wide.shape == (8, 9)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 6])
def test_wave_colours_keep_the_contrast_rule_for_any_number_of_waves(count):
    colours = style.wave_colours(range(2020, 2020 + count))
    assert len(set(colours.values())) == count
    style.check_wave_colours(colours) if count > 1 else None
    if count > 2:
        values = list(colours.values())
        for colour in values:
            assert style.grey_contrast(colour, "#FFFFFF") >= 3.0
        for earlier, later in zip(values, values[1:], strict=False):
            assert style.grey_contrast(earlier, later) >= style.MIN_NEIGHBOUR_CONTRAST
        assert style.grey_contrast(values[0], values[-1]) >= style.MIN_WAVE_CONTRAST


def test_the_shipped_waves_keep_the_house_colours():
    assert style.wave_colours([2010, 2009]) == style.WAVE_COLOURS
    assert style.wave_colours([2011, 2012]) == dict(zip((2011, 2012),
                                                        style.WAVE_COLOURS.values(), strict=True))


def test_a_three_wave_build_shows_every_wave(tmp_path, data_path):
    report = Survey.from_parameters(data_path=str(data_path), build_dir=str(tmp_path / "b"),
                                    figure_formats=["png"])
    html = report.figure("fig-3-2", *report.draw("fig-3-2"))
    csv = pd.read_csv(tmp_path / "b" / "figures" / "fig-3-2.csv")
    assert sorted(csv["wave"].unique()) == [2009, 2010, THIRD]
    assert "2009, 2010 og 2011" in html  # the figure's alt text names every wave
    assert "fra 2010 til 2011" in html or "mellom 2010 og 2011" in html  # the latest change
    assert "fra 2009 til 2011" in html or "mellom 2009 og 2011" in html  # the whole run
    stacked = report.figure("fig-3-1", *report.draw("fig-3-1"))
    assert set(pd.read_csv(tmp_path / "b" / "figures" / "fig-3-1.csv")["wave"]) == {THIRD}
    assert "Figur 3.1" in stacked
    table = report.table_3_1()
    assert table.count('colspan="3"') == 4  # three levels and n, each with three waves
    assert "<th scope=\"col\">2011</th><th scope=\"col\">2010</th><th scope=\"col\">2009</th>" \
        in table
    assert "«ikke med i 2011" not in html


def test_an_item_not_asked_in_the_latest_wave_is_noted(tmp_path, data_path):
    report = Survey.from_parameters(data_path=str(data_path), build_dir=str(tmp_path / "b"),
                                    figure_formats=["png"])
    html = report.figure("fig-3-3", *report.draw("fig-3-3"))
    # Another file's questionnaire is not known: no one answered it, not "not asked" (issue 16)
    assert "Ingen i datafilen svarte på" in html and "i 2011." in html
    csv = pd.read_csv(tmp_path / "b" / "figures" / "fig-3-3.csv")
    assert sorted(csv["wave"].unique()) == [2009, 2010]


def test_a_wave_has_one_colour_in_every_figure(data_path):
    """Q3 was not asked in 2011: its figure still gives 2009 and 2010 the colours of the
    file's three waves, as every other figure does."""
    answers = survey.load(data_path)
    everywhere = style.wave_colours(survey.shares(answers, "q2", data_path=data_path))
    q3 = survey.shares(answers, "q3", data_path=data_path)
    assert sorted(q3["wave"].unique()) == [2009, 2010]
    assert style.wave_colours(q3) == everywhere and len(everywhere) == 3
    drawn = {w: everywhere[w] for w in (2009, 2010)}  # the figure's bars: two of three waves
    style.check_wave_colours(drawn, of_waves=q3.attrs["waves"])


def test_another_files_captions_name_its_own_waves(tmp_path, data_path):
    report = Survey.from_parameters(data_path=str(data_path), build_dir=str(tmp_path / "b"),
                                    figure_formats=["png"])
    html = report.figure("fig-3-2", *report.draw("fig-3-2"))
    assert "(Data fra datafilens undersøkelser 2009, 2010 og 2011, spørsmål 2)" in html
    assert "2010/2009-undersøkelsene" not in html
    table = report.table_3_1()
    assert "hver undersøkelse i datafilen" in table and "mars 2009" not in table
    assert "kapitalkilde, 2011." in report.figure("fig-3-1", *report.draw("fig-3-1"))
    shipped = Survey.from_parameters(build_dir=str(tmp_path / "s"), figure_formats=["png"])
    assert "(Data fra 2010/2009-undersøkelsene, spørsmål 2 (2010))" in shipped.figure(
        "fig-3-2", *shipped.draw("fig-3-2"))
