"""The reconstructed respondent file: reproducible, and true to every published number."""

import pandas as pd
import pytest

from klyngekrise import paths
from klyngekrise.io import items, load_published, load_response_rates, load_responses
from klyngekrise.processing import Interval, audit, point_values, tally
from klyngekrise.reconstruct import reconstruct


@pytest.fixture(scope="module")
def responses():
    return load_responses(paths.RAW_RESPONSES)


@pytest.fixture(scope="module")
def result(responses):
    return audit(load_published(), tally(responses, list(items().index)))


def test_reconstruction_reproduces_the_committed_files_byte_for_byte():
    text, log = reconstruct()
    assert paths.RAW_RESPONSES.read_bytes() == text.encode("utf-8")
    assert (paths.DATA_DIR / "reconstruction.md").read_bytes() == log.encode("utf-8")


def test_every_table_value_reproduced_at_the_reports_rounding(result):
    table = result[result["provenance"] == "table"]
    assert len(table) == 48
    for _, row in table.iterrows():
        assert abs(row["computed"] - row["value"]) <= 0.5, row.to_dict()


def test_every_text_value_within_its_bounds(result):
    text = result[result["provenance"] == "text"]
    assert len(text) > 0
    for _, row in text.iterrows():
        inside = row["computed"] in Interval.parse(row["admits"])
        # A text number the report's own table contradicts may fall outside, and is marked.
        assert inside or row["contradicts_table"], row.to_dict()


def test_contradicted_text_values_are_the_ones_whose_table_cell_is_reproduced(result):
    flagged = result[result["contradicts_table"]]
    assert len(flagged) == 1
    for _, row in flagged.iterrows():
        cell = result[(result["provenance"] == "table") & (result["item"] == row["item"])
                      & (result["wave"] == row["wave"]) & (result["response"] == row["response"])]
        assert len(cell) == 1 and cell["verdict"].iloc[0] == "reproduced"
        assert row["verdict"] == "report inconsistent"


def test_every_assumed_value_held_by_the_data_and_called_chosen(result):
    # A chosen value is never "reproduced": it trivially agrees with itself (issue 10).
    assumed = result[result["provenance"] == "assumed"]
    assert (assumed["verdict"] == "chosen").all()


def test_every_plotted_value_has_a_provenance(responses):
    computed = tally(responses, list(items().index))
    sources = point_values(load_published())
    merged = computed.merge(sources, on=["item", "wave", "response"], how="left")
    missing = merged[merged["provenance"].isna()]
    assert missing.empty, missing[["item", "wave", "response"]].to_string()


def test_published_record_rows_are_well_formed():
    published = load_published()
    assert set(published["provenance"]) == {"table", "text", "assumed"}
    text = published[published["provenance"] == "text"]
    assert text["quote"].notna().all() and text["interval"].notna().all()
    assert (text["quote"].str.split().str.len() <= 8).all()  # a few words, never a sentence
    assumed = published[published["provenance"] == "assumed"]
    assert assumed["note"].notna().all()  # every assumed value gives its reason
    assert assumed["value"].notna().all()


def test_respondent_counts_match_the_report(responses):
    rates = load_response_rates().set_index("wave")
    counted = responses.groupby("wave").size()
    assert counted.to_dict() == rates["respondents"].to_dict()


def test_item_not_asked_in_2009_is_empty(responses):
    early = responses[responses["wave"] == 2009]
    assert early["q8_organisatoriske_grep"].isna().all()


def test_tick_box_rule_of_the_contract(responses):
    """A respondent answers a question by ticking a box; one who ticked none is all empty."""
    book = items()
    for question in book.loc[book["type"] == "tick", "question"].unique():
        columns = list(book.index[book["question"] == question])
        for wave, group in responses.groupby("wave"):
            asked = [c for c in columns if group[c].notna().any()]
            block = group[asked]
            answered = block.notna().all(axis=1)
            assert (block[answered].sum(axis=1) >= 1).all(), (question, wave)
            assert block[~answered].isna().all(axis=1).all(), (question, wave)


def test_codebook_lists_exactly_the_files_columns():
    header = paths.RAW_RESPONSES.read_text(encoding="utf-8").splitlines()[0].split(",")
    codebook = pd.read_csv(paths.CODEBOOK, dtype=str, keep_default_na=False)
    assert header == codebook["column"].tolist()
    assert (codebook["label_nb"] != "").all() and (codebook["label_en"] != "").all()
