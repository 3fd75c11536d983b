"""Generated sentences from small hand-made tables: ties, near-ties, chosen values, 0 → 0,
changes either side of zero, n = 5 and n = 1,000, and the claims' words, in both editions."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from klyngekrise import findings
from klyngekrise.io import items
from klyngekrise.processing import changes, newcombe_interval, wilson_interval
from klyngekrise.statements import load_claims
from klyngekrise.text import strings

LABELS = {"a": "Alfa", "b": "Beta", "c": "Gamma", "d": "Delta", "e": "Epsilon"}
NB, EN = strings("nb"), strings("en")


def _results(rows) -> pd.DataFrame:
    """rows: (item, wave, count, n, provenance) -> a figure's tidy results."""
    out = []
    for item, wave, count, n, provenance in rows:
        low, high = wilson_interval(count, n)
        out.append({"item": item, "wave": wave, "response": "ticked", "n": n, "count": count,
                    "percent": 100 * count / n, "ci_low": low, "ci_high": high,
                    "provenance": provenance})
    return pd.DataFrame(out)


def _prose(data, language="en"):
    return " ".join(findings.waves_prose(data, LABELS, strings(language), language))


# -- rankings ----------------------------------------------------------------------------------
def test_a_tie_names_every_tied_item_in_both_editions():
    data = _results([("a", 2010, 7, 15, "data"), ("b", 2010, 7, 15, "data"),
                     ("c", 2010, 7, 15, "data"), ("d", 2010, 3, 15, "data")])
    english = _prose(data)
    assert "“Alfa”, “Beta” and “Gamma” were equally common answers, at 47% each" in english
    assert "(7 of 15 cluster managers)" in english and "Delta" not in english
    assert "«Alfa», «Beta» og «Gamma» like vanlige svar" in _prose(data, "nb")


def test_a_tie_is_not_broken_by_the_items_names():
    data = _results([("b", 2010, 13, 19, "data"), ("a", 2010, 13, 19, "data")])
    assert "“Beta” and “Alfa” were equally common" in _prose(data)


def test_a_single_leader_is_named_alone_only_with_a_clear_lead():
    data = _results([("a", 2010, 13, 19, "data"), ("b", 2010, 9, 19, "data")])  # 68 % and 47 %
    sentence = _prose(data)
    assert "“Alfa” was the most common answer: 13 of 19 cluster managers (68%)." in sentence
    assert "Beta" not in sentence and "chose" not in sentence


def test_a_near_tie_is_named_never_ranked():
    # 11 of 16 (69 %) against 12 of 18 (67 %): the Figure 3.1 case
    data = _results([("a", 2010, 11, 16, "data"), ("b", 2010, 12, 18, "data"),
                     ("c", 2010, 3, 18, "data")])
    sentence = _prose(data)
    assert "most common" not in sentence
    assert ("In 2010, “Alfa” (69%) and “Beta” (67%) were nearly level at the top (less than 5 "
            "percentage points apart).") in sentence
    assert "«Alfa» (69\u00a0%) og «Beta» (67\u00a0%) nesten likt øverst" in _prose(data, "nb")
    assert "Gamma" not in sentence.split(".")[0]


def test_a_ranking_that_rests_on_a_chosen_value_says_so_once_never_not_a_finding():
    for chosen in ("a", "b"):
        data = _results([("a", 2010, 13, 19, "table"), ("b", 2010, 9, 19, "table")])
        data.loc[data["item"] == chosen, "provenance"] = "assumed"
        english, norsk = _prose(data), _prose(data, "nb")
        assert english.count("The ranking rests on values this edition chose") == 1
        assert norsk.count("Rangeringen bygger på verdier denne utgaven har valgt") == 1
        assert "not a finding" not in english and "ikke et funn" not in norsk


def test_nobody_ticking_anything_is_no_tie():
    data = _results([("a", 2010, 0, 5, "data"), ("b", 2010, 0, 5, "data")])
    assert _prose(data) == "In 2010, no one ticked any of the answers."


# -- changes -----------------------------------------------------------------------------------
def test_a_clear_fall_has_the_share_as_subject_and_the_printed_difference():
    # 21 of 22 (95.45 %) against 11 of 16 (68.75 %): printed 95 and 69, so −26, not −27.
    data = _results([("a", 2009, 21, 22, "data"), ("a", 2010, 11, 16, "data")])
    low, high = newcombe_interval(21, 22, 11, 16)
    assert high < 0
    sentence = _prose(data)
    assert (f"The share who ticked “Alfa” fell from 95% in 2009 to 69% in 2010 (−26 percentage "
            f"points; 95% interval {findings.bound(low, 'en')} to "
            f"{findings.bound(high, 'en')})." in sentence)
    assert ("Andelen som krysset av for «Alfa», falt fra 95\u00a0% i 2009 til 69\u00a0% i 2010 "
            "(−26 prosentpoeng; 95\u00a0%-intervall") in _prose(data, "nb")


def test_a_level_change_is_of_the_share_who_answered_so():
    data = _levels([("a", 2009, (21, 1, 0), "data"), ("a", 2010, (11, 5, 0), "data")])
    english = " ".join(findings.table_prose(data, LABELS, EN, "en"))
    assert "The share who found “Alfa” worse fell from 95% in 2009 to 69% in 2010" in english
    norsk = " ".join(findings.table_prose(data, LABELS, NB, "nb"))
    assert "Andelen som mente at «Alfa» var forverret, falt fra 95\u00a0%" in norsk
    assert "«Alfa» falt" not in norsk


def test_a_clear_rise_is_a_rise():
    data = _results([("a", 2009, 0, 23, "data"), ("a", 2010, 5, 18, "data")])
    assert newcombe_interval(0, 23, 5, 18)[0] > 0
    assert "The share who ticked “Alfa” rose from 0% in 2009 to 28% in 2010" in _prose(data)


def test_within_chance_is_worded_by_n():
    # n = 5 and 6: "with this few answers"
    few = _results([("a", 2009, 2, 5, "data"), ("a", 2010, 3, 6, "data")])
    assert "within what chance can give with this few answers" in _prose(few)
    assert "innenfor det tilfeldigheter kan gi med så få svar" in _prose(few, "nb")
    # n = 1,000 a wave: a 3-point change spans zero, but not "with this few answers"
    many = _results([("a", 2009, 500, 1000, "data"), ("a", 2010, 530, 1000, "data")])
    low, high = newcombe_interval(500, 1000, 530, 1000)
    assert low < 0 < high
    sentence = _prose(many)
    assert "within what chance can give." in sentence and "few answers" not in sentence
    assert "så få svar" not in _prose(many, "nb")


def test_a_bound_never_reads_minus_zero():
    # 1,000 a wave, 47 % to 51.5 %: the interval's lower bound is a fraction above zero
    many = _results([("a", 2009, 470, 1000, "data"), ("a", 2010, 515, 1000, "data")])
    low, _ = newcombe_interval(470, 1000, 515, 1000)
    assert 0 < low < 0.5
    english, norsk = _prose(many), _prose(many, "nb")
    assert "−0 " not in english and "+0 " not in english and "to +0." not in english
    assert f"95% interval +{round(low, 1)} to" in english
    assert f"95\u00a0%-intervall +{str(round(low, 1)).replace('.', ',')} til" in norsk


@pytest.mark.parametrize(("value", "text"), [(-26.7, "−27"), (0.3, "+0.3"), (-0.04, "−0.1"),
                                             (5.5, "+6"), (0, "0"), (-0.5, "−1")])
def test_bounds_are_signed_and_never_zero_with_a_sign(value, text):
    assert findings.bound(value, "en") == text
    assert findings.bound(value, "nb") == text.replace(".", ",")


def test_printed_differences_are_the_difference_of_the_printed_numbers():
    # 68.75 % and 95.45 % print as 69 and 95: the difference printed is 26
    data = _results([("a", 2009, 21, 22, "data"), ("a", 2010, 11, 16, "data")])
    change = changes(data).iloc[0]
    assert round(change["diff"]) == -27 and findings.printed_diff(change) == -26


def test_no_sentence_about_zero_to_zero():
    data = _results([("a", 2009, 0, 24, "data"), ("a", 2010, 0, 19, "data"),
                     ("b", 2009, 5, 24, "data"), ("b", 2010, 1, 19, "data")])
    sentence = _prose(data)
    assert "Alfa” (0% to 0%" not in sentence and "0 percentage points" not in sentence
    assert "“Beta” (21% to 5%" in sentence
    only_zero = _results([("a", 2009, 0, 24, "data"), ("a", 2010, 0, 19, "data"),
                          ("b", 2010, 2, 19, "data")])
    assert "2009 and 2010" not in _prose(only_zero)


def test_many_changes_within_chance_are_counted_and_the_largest_named_with_ties():
    rows = []
    for item, before, after in (("a", 10, 8), ("b", 10, 12), ("c", 10, 10), ("d", 10, 11)):
        rows += [(item, 2009, before, 20, "data"), (item, 2010, after, 20, "data")]
    sentence = _prose(_results(rows))
    assert "For all 4 changes, the difference" in sentence
    assert "“Alfa” (50% to 40%; −10" in sentence and "“Beta” (50% to 60%; +10" in sentence
    assert "Gamma" not in sentence.split("largest of them")[1]
    rows += [("e", 2009, 20, 20, "data"), ("e", 2010, 8, 20, "data")]
    sentence = _prose(_results(rows))
    assert "The share who ticked “Epsilon” fell from 100% in 2009 to 40% in 2010" in sentence
    assert "For the other 4 changes, the difference" in sentence


def test_a_change_with_a_chosen_end_is_counted_not_worded():
    data = _results([("a", 2009, 21, 22, "assumed"), ("a", 2010, 11, 16, "table"),
                     ("b", 2009, 3, 22, "table"), ("b", 2010, 3, 16, "table")])
    sentence = _prose(data)
    assert "fell" not in sentence and "Alfa” (" not in sentence
    assert "1 of the changes from 2009 to 2010 have a value this edition chose" in sentence
    assert "not a finding" not in sentence
    data["provenance"] = "assumed"
    assert "All the changes from 2009 to 2010 have a value this edition chose" in _prose(data)


def test_one_wave_only_gives_no_change_sentence():
    data = _results([("a", 2010, 3, 5, "data"), ("b", 2010, 1, 5, "data")])
    assert findings.waves_prose(data, LABELS, EN, "en") == [
        "In 2010, “Alfa” was the most common answer: 3 of 5 cluster managers (60%)."]


def _levels(rows) -> pd.DataFrame:
    out = []
    for item, wave, counts, provenance in rows:
        n = sum(counts)
        for response, count in zip(("forverret", "uendret", "forbedret"), counts, strict=True):
            low, high = wilson_interval(count, n)
            out.append({"item": item, "wave": wave, "response": response, "n": n,
                        "count": count, "percent": 100 * count / n, "ci_low": low,
                        "ci_high": high, "provenance": provenance})
    return pd.DataFrame(out)


def test_stacked_prose_names_ties_near_ties_and_says_when_nobody_saw_an_improvement():
    data = _levels([("a", 2010, (6, 4, 0), "data"), ("b", 2010, (3, 2, 0), "data")])
    worse, better = findings.stacked_prose(data, LABELS, EN, "en")
    assert worse == "The largest share seeing a worsening, 60%, was for “Alfa” and “Beta”."
    assert better == EN["stacked_better_none"]
    near = _levels([("a", 2010, (11, 5, 0), "data"), ("b", 2010, (12, 6, 0), "data")])
    assert "nearly level" in findings.stacked_prose(near, LABELS, EN, "en")[0]
    assert not findings.stacked_prose(near, LABELS, NB, "nb")[0].startswith("Flest")


def test_table_prose_counts_the_falls_and_words_each_by_its_interval():
    data = _levels([("a", 2009, (21, 1, 0), "data"), ("a", 2010, (11, 5, 0), "data"),
                    ("b", 2009, (4, 7, 12), "data"), ("b", 2010, (1, 8, 8), "data")])
    sentences = findings.table_prose(data, LABELS, EN, "en")
    assert sentences[0] == ("For 2 of 2 sources of capital the share seeing a worsening was "
                            "lower in 2010 than in 2009.")
    assert sentences[1].startswith("The share who found “Alfa” worse fell from 95% in 2009")
    assert sentences[2].startswith("For “Beta” (17% to 6%;")
    assert "within what chance can give with this few answers" in sentences[2]


def test_cell_title_carries_the_change_and_its_interval():
    data = _levels([("a", 2009, (21, 1, 0), "data"), ("a", 2010, (11, 5, 0), "data")])
    change = changes(data).set_index(["item", "response"]).loc[("a", "forverret")]
    title = findings.cell_title(change, 11, 16, NB, "nb")
    assert title.startswith("11 / 16; endring fra 2009: −26 prosentpoeng; 95\u00a0%-intervall −")


def test_no_ui_instruction_in_body_text():
    for words in (NB, EN):
        assert "pekeren" not in words["table_intro"] and "hover" not in words["table_intro"]


# -- what the 2010 report said, and whether this data bears it out ------------------------------
ALL = {name: row["label_en"] for name, row in items().iterrows()}
ALL_NB = {name: row["label_nb"] for name, row in items().iterrows()}


def _claim(check, holds="holds", published="holds", left=60.0, right=math.nan, low=math.nan,
           high=math.nan, chance="", figure="fig-x", section="3.2 (Figur 3.3)", quote="q",
           rank=""):
    return {"id": "x", "section": section, "figure": figure, "quote": quote, "check": check,
            "computed": "", "holds": holds, "diff_ci_low": low, "diff_ci_high": high,
            "within_chance": chance, "published": published, "left": left, "right": right,
            "rank": rank}


@pytest.mark.parametrize(("check", "english"), [
    ("share(q1_banker:forverret, 2010) > 50",
     "more than half found “Access to capital from banks” worse in 2010"),
    ("share(q3_konkurs, 2010) = 0", "no one ticked “Bankruptcies” in 2010"),
    ("count(q7_tapping, 2009) = 5",
     "5 ticked “Loss of qualified labour from the cluster and region” in 2009"),
    ("q3_nedbemanning 2009 > 2010", "the share who ticked “Downsizing” was larger in 2009 than "
                                    "in 2010"),
    ("q2_ettersporsel is top in 2010",
     "the share who ticked “Falling demand” in 2010 was the largest of the question"),
    ("most of q5 2009 > 2010", "for most items the share who ticked them was larger in 2009 "
                               "than in 2010"),
    ("share(q1*:forverret, 2010, NCE) > 50",
     "more than half of the NCE projects found access to most sources of capital worse in 2010"),
    ("share(q8_kontaktformidling, 2010, NCE) ≈ share(q8_kontaktformidling, 2010, Arena)",
     "the share who ticked “The project brokers contact between member firms and central "
     "government and national organisations” in 2010 was about the same among the NCE and "
     "the Arena projects"),
])
def test_each_check_form_is_worded_never_printed_as_code(check, english):
    assert findings.statement(check, ALL, EN) == english
    norsk = findings.statement(check, ALL_NB, NB)
    assert "share(" not in norsk and ">" not in norsk and "_" not in norsk


def test_every_shipped_claim_is_worded_in_both_editions():
    for _, claim in load_claims().iterrows():
        if claim["check"]:
            for labels, words in ((ALL, EN), (ALL_NB, NB)):
                text = findings.statement(claim["check"], labels, words)
                assert text and "(" not in text and "q1" not in text, (claim["id"], text)


def test_the_originals_finding_is_said_with_its_section_and_held_for_the_shipped_file():
    checked = pd.DataFrame([_claim("share(q3_konkurs, 2010) = 0", left=0.0)])
    (sentence,) = findings.claim_sentences(checked, "fig-x", ALL, EN, "en", original=True)
    assert sentence == ("The report (§3.2) says that no one ticked “Bankruptcies” in 2010: it "
                        "holds (0%).")
    (other,) = findings.claim_sentences(checked, "fig-x", ALL, EN, "en", original=False)
    assert other.startswith("The 2010 report (§3.2) said that no one ticked “Bankruptcies” in "
                            "2010; in this file it holds")


def test_a_claim_another_file_contradicts_is_said_so_with_its_values():
    checked = pd.DataFrame([_claim("share(q3_konkurs, 2010) = 0", holds="fails", left=11.0)])
    (sentence,) = findings.claim_sentences(checked, "fig-x", ALL_NB, NB, "nb", original=False)
    assert sentence.endswith("i denne filen holder det ikke (11\u00a0%).")
    assert "ikke et funn" not in sentence


def test_a_comparison_that_holds_only_within_chance_gives_its_interval_later_minus_earlier():
    # check_claims gives left minus right (2009 − 2010): the prose turns it to 2010 − 2009
    checked = pd.DataFrame([_claim("q3_nedbemanning 2009 > 2010", left=70.0, right=47.0,
                                   low=-7.0, high=47.0, chance="yes")])
    (sentence,) = findings.claim_sentences(checked, "fig-x", ALL, EN, "en", original=True,
                                           fewest=19)
    assert ("it holds (70% against 47%), but the difference is within what chance can give "
            "with this few answers (95% interval of the change from 2009 to 2010: −47 to +7 "
            "percentage points)") in sentence
    (large,) = findings.claim_sentences(checked, "fig-x", ALL, EN, "en", original=False,
                                        fewest=1000)
    assert "few answers" not in large


def test_a_claim_failing_only_on_a_chosen_n_says_so_and_chosen_values_are_said_once():
    checked = pd.DataFrame([
        _claim("q1_etablerte_eiere:forverret is among the 2 largest falls from 2009 to 2010",
               holds="fails", published="open", left=35.0, right=8, rank="3"),
        _claim("share(q3_konkurs, 2010) = 0", published="open", left=0.0),
        _claim("share(q3_nedbemanning, 2010) < 50", published="open", left=47.0)])
    sentences = findings.claim_sentences(checked, "fig-x", ALL, EN, "en", original=True)
    assert "the numbers of answers this edition chose do" in sentences[0]
    assert "no. 3 of 8, from unrounded shares" in sentences[0]
    assert sum("this edition chose values" in s for s in sentences) == 1
    data = findings.claim_sentences(checked, "fig-x", ALL, EN, "en", original=False)
    assert not any("this edition chose" in s for s in data)


def test_claims_stating_the_same_of_several_items_are_joined():
    checked = pd.DataFrame([_claim(f"share({i}:forverret, 2010) > 50", left=v)
                            for i, v in (("q1_banker", 69.0), ("q1_bors", 67.0))])
    (sentence,) = findings.claim_sentences(checked, "fig-x", ALL, EN, "en", original=True)
    assert ("more than half found “Access to capital from banks” and “Capital from the stock "
            "exchange” worse in 2010: it holds (69% and 67%)") in sentence


def test_a_claim_without_answers_cannot_be_checked():
    checked = pd.DataFrame([_claim("q3_nedbemanning 2009 > 2010", holds="not computed",
                                   left=math.nan)])
    (sentence,) = findings.claim_sentences(checked, "fig-x", ALL, EN, "en", original=False)
    assert sentence.endswith("in this file it cannot be checked: the file has no answers to it.")


def test_every_checkable_claim_belongs_to_a_figure_or_table_3_1():
    from klyngekrise.text import FIGURES

    for _, claim in load_claims().iterrows():
        if claim["check"]:
            assert claim["figure"] in {*FIGURES, "table-3-1"}, claim["id"]
