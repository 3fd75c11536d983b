"""Chapter 3 and the front matter built from files that are not the shipped reconstruction:
none of what the edition knows of the 2010 report (provenance, hatching, the reconstruction's
wording, its populations) reaches them, and chance is worded by their n (issue 16, point 6).

Each file is built once, in this process, into a tmp folder: every survey figure (image, CSV
and prose), Table 3.1, the audit (changes.csv) and the front matter. The whole-report build
from another file through make is test_build's fixture build, which these assertions share.
"""

from __future__ import annotations

import re
from html import unescape

import numpy as np
import pandas as pd
import pytest

from klyngekrise import paths
from klyngekrise.chapter3 import TABLE_KEY, Survey
from klyngekrise.publication import Publication
from klyngekrise.text import FIGURES, strings

pytestmark = pytest.mark.build  # every test reads a whole chapter rendered from a file

SHIPPED = pd.read_csv(paths.RAW_RESPONSES, dtype=str, keep_default_na=False)
ITEMS = [c for c in SHIPPED.columns if c.startswith("q")]


def _same_shape() -> pd.DataFrame:
    """The shipped rows with each item's answers shuffled within its wave: same shape, other
    answers (an item not asked in a wave stays empty there)."""
    rng = np.random.default_rng(16)
    frame = SHIPPED.copy()
    for _, rows in frame.groupby("wave"):
        for item in ITEMS:
            frame.loc[rows.index, item] = rng.permutation(frame.loc[rows.index, item].to_numpy())
    return frame


def _ten_times() -> pd.DataFrame:
    """Ten copies of the shipped rows, each answer changed with probability 0.1 (n ≈ 200)."""
    rng = np.random.default_rng(10)
    frame = pd.concat([SHIPPED.assign(respondent_id=SHIPPED["respondent_id"] + f"-{k}")
                       for k in range(10)], ignore_index=True)
    for item in ITEMS:
        answered = frame[item] != ""
        flip = answered & (rng.random(len(frame)) < 0.1)
        swap = ({"0": "1", "1": "0"} if not item.startswith("q1_")
                else {"forverret": "uendret", "uendret": "forbedret", "forbedret": "forverret"})
        frame.loc[flip, item] = frame.loc[flip, item].map(swap)
    return frame


FILES = {
    "same-shape": _same_shape,
    "ten-times": _ten_times,
    "one-wave": lambda: SHIPPED[SHIPPED["wave"] == "2010"],
    "one-programme": lambda: SHIPPED[SHIPPED["programme"] == "NCE"],
}


def _render(data, build, language="nb") -> dict:
    params = {"data_path": str(data), "language": language, "programme": "all",
              "figure_formats": ["png"], "draw_intervals": True, "build_dir": str(build)}
    survey = Survey.from_parameters(**params)
    front = Publication.from_parameters(**params)
    parts = [front.title_page(), front.about_edition(), survey.survey_intro()]
    parts += [survey.figure(key, *survey.draw(key)) for key in FIGURES]
    parts += [survey.table_3_1(), survey.audit()]
    text = unescape(re.sub(r"data:[a-z/+]+;base64,[^\"]+|<[^>]+>", " ", "".join(parts)))
    figures = paths.output_dirs(build, language)["figures"]
    csvs = {p.stem: pd.read_csv(p, keep_default_na=False) for p in figures.glob("*.csv")}
    return {"text": re.sub(r"\s+", " ", text), "csvs": csvs, "about": survey.data}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    out = {}
    for name, make in FILES.items():
        folder = tmp_path_factory.mktemp(name)
        data = folder / f"{name}.csv"
        make().to_csv(data, index=False)
        out[name] = _render(data, folder / "build")
    folder = tmp_path_factory.mktemp("one-wave-en")
    data = folder / "one-wave.csv"
    FILES["one-wave"]().to_csv(data, index=False)
    out["one-wave-en"] = _render(data, folder / "build", "en")
    return out


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> dict:
    """The control: the same assertions find the shipped file's knowledge in its build."""
    return _render(paths.RAW_RESPONSES, tmp_path_factory.mktemp("shipped") / "build")


def _provenances(build: dict) -> set[str]:
    seen = set()
    for key, frame in build["csvs"].items():
        if key in FIGURES or key == TABLE_KEY:
            seen |= set(frame["provenance"])
        if key == "changes":
            seen |= set(frame["provenance_from"]) | set(frame["provenance_to"])
    return seen


NB = strings("nb")
ORIGINALS_WORDS = [NB["subtitle"], NB["about_text"][0], NB["assumed_note"], NB["survey_intro"],
                   NB["ranking_chosen"], NB["claims_rest_on_choice"], NB["n_chosen_note"],
                   # The populations asked (a file's own counts, "10 av 24" in a table, are its own).
                   "svarte 24 av 28", "svarte 19 av 24",
                   "denne utgaven har valgt", "Rapporten (§", "var ikke med i"]


def test_the_control_carries_the_originals_knowledge(shipped):
    assert {"table", "text", "assumed"} <= _provenances(shipped)
    for words in ORIGINALS_WORDS[:-1]:
        assert words in shipped["text"], words
    assert shipped["about"].is_original


@pytest.mark.parametrize("name", [*FILES, "one-wave-en"])
def test_no_value_of_another_file_is_marked_as_published_or_chosen(built, name):
    assert _provenances(built[name]) == {"data"}
    assert not built[name]["about"].is_original


@pytest.mark.parametrize("name", list(FILES))
def test_none_of_the_originals_words_banner_or_populations_reach_another_file(built, name):
    text = built[name]["text"]
    for words in ORIGINALS_WORDS:
        assert words not in text, words
    assert NB["subtitle_data"] in text and "2010-rapporten (§" in text
    about = built[name]["about"]
    assert f"{name}.csv" in text and about.file_sha256 in text  # the front matter names it


def test_chance_is_worded_by_n(built, shipped):
    assert "med så få svar" in shipped["text"]
    assert "med så få svar" not in built["ten-times"]["text"]
    assert "innenfor det tilfeldigheter kan gi" in built["same-shape"]["text"]
    for build in (*built.values(), shipped):
        assert not re.search(r"[−+]0(?![,.]\d|\d)", build["text"]), "a bound reads ±0"


def test_a_wave_without_rows_has_no_data_never_not_asked(built):
    nb, en = built["one-wave"]["text"], built["one-wave-en"]["text"]
    assert "Datafilen har ingen svar fra 2009." in nb and "I 2009 har datafilen ingen svar." in nb
    assert "The data file has no answers from 2009." in en
    assert "was not part of the 2009 survey" not in en and "0 of 28" not in en


def test_no_rate_without_a_description(built):
    text = built["ten-times"]["text"]
    assert "I 2009 svarte 240." in text and "ingen svarprosent er oppgitt" in text


def test_what_a_figures_question_asked_is_said_of_the_files_own_waves(shipped, built):
    assert "prosjektlederne høsten 2010 så på tilgangen" in shipped["text"]
    assert "I 2009 ble det spurt om hva krisen kunne føre til" in shipped["text"]
    for name in ("same-shape", "one-programme"):  # both waves, 2009 and 2010: no season named
        assert "prosjektlederne i 2010 så på tilgangen" in built[name]["text"], name
        assert "I 2009 ble det spurt om hva krisen kunne føre til" in built[name]["text"], name
    one_wave = built["one-wave"]["text"]  # 2010 alone: nothing is said of a 2009 question
    assert "prosjektlederne i 2010 så på tilgangen" in one_wave
    assert "I 2009 ble det spurt" not in one_wave
    assert "Spørsmålet gjaldt hva krisen betydde for innovasjon" in one_wave
    assert "autumn 2010" not in built["one-wave-en"]["text"]
    assert "cluster managers, in 2010, saw access" in built["one-wave-en"]["text"]
