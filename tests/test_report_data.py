"""The report's other numbers (chapters 1, 2, 4 and the appendix) as data with sources."""

import pandas as pd
import pytest

from klyngekrise.io import load_report_table
from klyngekrise.text import CASE_FIGURES


def test_cluster_organisations_are_the_twelve_nce_and_eighteen_arena():
    frame = load_report_table("cluster_organisations")
    assert frame["programme"].value_counts().to_dict() == {"Arena": 18, "NCE": 12}
    assert frame["name"].is_unique
    assert frame[["region", "characteristics", "theme", "source"]].notna().all().all()


def test_key_figures_name_known_organisations_and_carry_quotes():
    figures = load_report_table("cluster_key_figures")
    names = set(load_report_table("cluster_organisations")["name"])
    assert set(figures["name"]) <= names
    assert figures["quote"].notna().all() and figures["source"].notna().all()


def test_appendix_tables_are_data_of_their_own():
    """V1 and V2 print their own regions and descriptions, not Table 2.1/2.2's labels."""
    appendix = load_report_table("appendix_organisations").set_index("name")
    chapter_2 = load_report_table("cluster_organisations").set_index("name")
    assert appendix["table"].value_counts().to_dict() == {"V2": 18, "V1": 12}
    assert set(appendix.index) == set(chapter_2.index)
    assert "Miniatyrisering" in appendix.loc["NCE Micro- and Nanotechnology", "theme"]
    assert "Miniatyrisering" not in chapter_2.loc["NCE Micro- and Nanotechnology", "theme"]
    assert "medisin" in appendix.loc["NCE Instrumentation", "characteristics"]
    arena = appendix[appendix["table"] == "V2"].index
    differing = [n for n in arena if appendix.loc[n, "region"] != chapter_2.loc[n, "region"]]
    assert len(differing) >= 5, differing


def test_every_key_figure_is_printed_with_its_qualifier_in_the_appendix():
    appendix = load_report_table("appendix_organisations").set_index("name")
    for _, fig in load_report_table("cluster_key_figures").iterrows():
        text = appendix.loc[fig["name"], "characteristics"].lower()
        words = fig["quote"].lower().split()
        number = next(w for w in words if any(c.isdigit() for c in w) or w in ("åtte", "tre"))
        assert number in text, (fig["name"], fig["quote"])
        if isinstance(fig["qualifier"], str):
            qualifier = words[words.index(number) - 1]
            assert f"{qualifier} {number}" in text, (fig["name"], fig["quote"])


def test_table_1_has_five_revolutions_and_five_phases():
    frame = load_report_table("technological_revolutions")
    assert frame["order"].tolist() == [1, 2, 3, 4, 5]
    phases = ["irruption", "frenzy", "turning_point", "synergy", "maturity"]
    assert frame[phases].notna().all().all()


def test_every_case_fact_has_a_section_and_the_words_that_state_it():
    facts = load_report_table("case_facts")
    assert set(facts["section"].astype(str)) == {"4.1", "4.2", "4.3", "4.4"}
    assert facts["quote"].notna().all()
    assert (facts["quote"].str.split().str.len() <= 8).all()  # a few words, never a sentence
    assert pd.to_numeric(facts["value"]).notna().all()


QUALIFIERS = ("ca", "om lag", "rundt", "omtrent", "vel", "drøye", "over", "minst",
              "i størrelsesorden")


def test_every_qualified_case_fact_records_its_qualifier():
    """A number the text qualifies ('om lag', 'over', 'ca') carries the word as data."""
    facts = load_report_table("case_facts")
    recorded = facts["qualifier"].fillna("")
    assert set(recorded) - {""} <= set(QUALIFIERS)
    for quote, qualifier in zip(facts["quote"], recorded, strict=True):
        words = quote.lower().replace("størrelsesorden", "i størrelsesorden")
        said = [q for q in QUALIFIERS if f"{q} " in f" {words} " or words.startswith(q + " ")]
        assert bool(said) == bool(qualifier), (quote, qualifier)


def test_the_case_facts_the_issue_found_missing_are_there():
    facts = load_report_table("case_facts")
    quotes = " | ".join(facts["quote"])
    for words in ("6 prosent", "hele 75 prosent", "11-12 milliarder", "70-80 prosent",
                  "7000 SMBene", "hele 36 prosent", "54 milliarder"):
        assert words in quotes, words


def _fact(measure: str, period: str) -> float:
    facts = load_report_table("case_facts")
    row = facts[(facts["measure"] == measure) & (facts["period"] == period)]
    assert len(row) == 1, (measure, period)
    return float(row["value"].iloc[0])


def test_maritime_growth_agrees_with_its_two_counts():
    growth = 100 * (_fact("employment", "2009") / _fact("employment", "2003") - 1)
    assert round(growth) == _fact("employment growth", "2003-2009")


def test_raufoss_jobs_lost_is_the_difference_rounded():
    lost = _fact("jobs in Raufoss industrial park", "2008H1") - _fact(
        "jobs in Raufoss industrial park", "2009Q3")
    assert lost == 490
    assert _fact("jobs lost", "2008H1-2009Q3") == pytest.approx(lost, abs=10)


def test_aquaculture_partner_lists_add_up_to_the_texts_total():
    partners = load_report_table("case_partners")
    assert (partners["box"].astype(str) == "4.8").sum() == _fact("partners", "2010")


@pytest.mark.parametrize("key", CASE_FIGURES)
def test_every_added_figure_finds_exactly_its_numbers(key):
    facts = load_report_table("case_facts")
    spec = CASE_FIGURES[key]
    for measure, period in spec["bars"]:
        match = facts[(facts["measure"] == measure) & (facts["period"] == period)]
        assert len(match) == 1, (key, measure, period)
        assert str(match["section"].iloc[0]) == spec["section"]


def test_fact_boxes_have_every_field_in_both_languages():
    boxes = load_report_table("fact_boxes")
    assert sorted(boxes["box"].astype(str).unique()) == ["4.1", "4.3", "4.5", "4.7"]
    assert (boxes.groupby("box").size() == 5).all()
    assert boxes[["value_nb", "value_en"]].notna().all().all()
