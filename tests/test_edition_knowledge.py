"""What the edition knows of the 2010 report belongs to the shipped reconstruction alone,
recognised by its content; every other file's values are its own (issue 16, points 1-2)."""

from __future__ import annotations

import pandas as pd

from klyngekrise import findings, original, paths, survey
from klyngekrise.io import dataset_description, load_published, load_responses
from klyngekrise.processing import changes, with_provenance
from klyngekrise.text import strings

SHIPPED = paths.RAW_RESPONSES.read_text(encoding="utf-8")


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_file_has_the_recorded_digest():
    """If this fails after regenerating the reconstruction, set RECONSTRUCTION_DIGEST to the
    digest printed here."""
    digest = original.table_digest(load_responses(paths.RAW_RESPONSES))
    assert digest == original.RECONSTRUCTION_DIGEST, digest
    assert survey.about(survey.load(paths.RAW_RESPONSES)).is_original


def test_the_same_answers_in_another_order_and_dialect_are_the_reconstruction(tmp_path):
    frame = pd.read_csv(paths.RAW_RESPONSES, dtype=str, keep_default_na=False)
    shuffled = frame.sample(frac=1, random_state=3)[list(reversed(frame.columns))]
    copy = tmp_path / "copy.csv"
    shuffled.to_csv(copy, sep=";", index=False)
    about = survey.about(survey.load(copy))
    assert about.is_original and about.file_sha256 != original.file_digest(paths.RAW_RESPONSES)


def test_the_same_answers_saved_as_excel_are_the_reconstruction(tmp_path):
    frame = pd.read_csv(paths.RAW_RESPONSES)  # numbers as numbers, as a spreadsheet holds them
    frame.to_excel(tmp_path / "copy.xlsx", index=False)
    assert survey.about(survey.load(tmp_path / "copy.xlsx")).is_original


def _changed_file(tmp_path, name="mine.csv"):
    """The shipped file with one answer changed: no longer the reconstruction."""
    lines = SHIPPED.splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    column = header.index("q3_konkurs")
    cells[column] = "0" if cells[column] == "1" else "1"
    return _write(tmp_path / name, "\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n")


def test_one_changed_answer_makes_every_value_the_files_own(tmp_path):
    answers = survey.load(_changed_file(tmp_path))
    assert not survey.about(answers).is_original
    for question in ("q1", "q3", "q8"):
        table = survey.shares(answers, question)
        assert set(table["provenance"]) == {"data"}
        assert set(changes(table)[["provenance_from", "provenance_to"]].stack()) == {"data"}
    nce = survey.load(_changed_file(tmp_path), "NCE")
    assert set(survey.shares(nce, "q3")["provenance"]) == {"data"}


def test_provenance_is_never_attached_by_matching_values():
    """A table whose every value equals a published one is still another file's own."""
    shipped = survey.shares(survey.load(paths.RAW_RESPONSES), "q2")
    bare = shipped.drop(columns=["provenance", "label"])
    assert set(with_provenance(bare, load_published(), original=False)["provenance"]) == {"data"}
    assert "assumed" in set(with_provenance(bare, load_published(), original=True)["provenance"])
    # answers built in memory are judged by their own content
    in_memory = load_responses(paths.RAW_RESPONSES)
    in_memory.attrs.clear()
    assert survey.about(in_memory).is_original
    assert not survey.about(in_memory.iloc[1:]).is_original


# -- the dataset description (io.dataset_description; its checks: test_description.py) ------
def test_the_shipped_description_gives_the_populations():
    assert dataset_description(paths.RAW_RESPONSES).populations == {2009: 28, 2010: 24}
    assert survey.about(survey.load(paths.RAW_RESPONSES)).populations == {2009: 28, 2010: 24}


def test_a_file_without_a_description_has_no_populations(tmp_path):
    assert dataset_description(_write(tmp_path / "a.csv", SHIPPED)).populations == {}


# -- response rates ------------------------------------------------------------------------
NB, EN = strings("nb"), strings("en")


def _rates(answered, populations, printed=None, words=NB, language="nb", original=False):
    return " ".join(findings.response_sentences(answered, populations, printed or {}, words,
                                                language, original=original,
                                                waves=(2009, 2010)))


def test_the_printed_rate_stays_with_the_computed_one_beside_it_where_they_differ():
    text = _rates({2009: 24, 2010: 19}, {2009: 28, 2010: 24}, {2009: 86, 2010: 80},
                  original=True)
    assert "Våren 2009 svarte 24 av 28 (86\u00a0%)." in text
    assert "svarprosent 80\u00a0% i rapporten; 19 av 24 er 79\u00a0%" in text


def test_without_populations_only_how_many_answered():
    text = _rates({2009: 1050, 2010: 1000}, {}, words=EN, language="en")
    assert text == "In 2009, 1050 answered. In 2010, 1000 answered."
    assert "%" not in text


def test_more_answers_than_asked_gives_no_rate():
    text = _rates({2009: 31, 2010: 19}, {2009: 28, 2010: 24})
    assert "111" not in text and "flere enn de 28" in text and "19 av 24 (79\u00a0%)" in text


def test_a_wave_without_rows_has_no_data_not_a_zero_rate():
    text = _rates({2010: 19}, {2009: 28, 2010: 24}, words=EN, language="en")
    assert "In 2009, the data file has no answers." in text
    assert "0 of 28" not in text and "0%" not in text


def test_another_files_intro_names_the_file_and_never_the_originals_populations(tmp_path):
    from klyngekrise.chapter3 import Survey

    data = _changed_file(tmp_path)
    report = Survey.from_parameters(data_path=str(data), language="nb", programme="all",
                                    figure_formats=["png"], draw_intervals=True,
                                    build_dir=str(tmp_path / "build"))
    intro = report.survey_intro()
    assert "mine.csv" in intro and "av 28" not in intro and "av 24" not in intro
    assert "mine.survey.yml" in intro and "%" not in intro
    _write(tmp_path / "mine.survey.yml", "populations: {2009: 30, 2010: 25}\n")
    report = Survey.from_parameters(data_path=str(data), language="nb", programme="all",
                                    figure_formats=["png"], draw_intervals=True,
                                    build_dir=str(tmp_path / "build2"))
    assert "I 2009 svarte 24 av 30 (80\u00a0%)." in report.survey_intro()
