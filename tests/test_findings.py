"""Generated sentences from small hand-made tables: ties, chosen values, changes either side
of zero, in both editions."""

from __future__ import annotations

import pandas as pd
import pytest

from klyngekrise import findings
from klyngekrise.processing import changes, newcombe_interval, wilson_interval
from klyngekrise.text import strings

LABELS = {"a": "Alfa", "b": "Beta", "c": "Gamma", "d": "Delta", "e": "Epsilon"}


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


def test_a_tie_names_every_tied_item_in_both_editions():
    data = _results([("a", 2010, 7, 15, "table"), ("b", 2010, 7, 15, "table"),
                     ("c", 2010, 7, 15, "table"), ("d", 2010, 3, 15, "table")])
    english = _prose(data)
    assert "“Alfa”, “Beta” and “Gamma” were equally common answers, at 47% each" in english
    assert "(7 of 15 cluster managers)" in english and "Delta" not in english
    norsk = _prose(data, "nb")
    assert "«Alfa», «Beta» og «Gamma» like vanlige svar" in norsk


def test_a_tie_is_not_broken_by_the_items_names():
    # The same shares under swapped names: the sentence names both, whatever their order.
    data = _results([("b", 2010, 13, 19, "table"), ("a", 2010, 13, 19, "table")])
    assert "“Beta” and “Alfa” were equally common" in _prose(data)


def test_a_single_leader_is_named_alone():
    data = _results([("a", 2010, 13, 19, "table"), ("b", 2010, 12, 19, "table")])
    sentence = _prose(data)
    assert "“Alfa” was the most common answer: 13 of 19 cluster managers (68%)." in sentence
    assert "chose" not in sentence


def test_a_ranking_that_rests_on_a_chosen_value_says_so():
    for chosen in ("a", "b"):  # the leader, or only the runner-up, chosen by the edition
        data = _results([("a", 2010, 13, 19, "table"), ("b", 2010, 12, 19, "table")])
        data.loc[data["item"] == chosen, "provenance"] = "assumed"
        assert "a ranking that rests on values this edition chose, not a finding" in _prose(data)
        assert "rangering som bygger på tall denne utgaven har valgt" in _prose(data, "nb")


def test_a_clear_fall_is_worded_with_its_interval():
    # 21 of 22 against 11 of 16: Newcombe's interval lies wholly below zero.
    data = _results([("a", 2009, 21, 22, "table"), ("a", 2010, 11, 16, "table")])
    low, high = newcombe_interval(21, 22, 11, 16)
    assert high < 0
    sentence = _prose(data)
    assert (f"“Alfa” fell from 95% in 2009 to 69% in 2010 (−27 percentage points; 95% interval "
            f"{findings.points(low)} to {findings.points(high)})." in sentence)
    assert ("falt fra 95\u00a0% i 2009 til 69\u00a0% i 2010 (−27 prosentpoeng; "
            "95\u00a0%-intervall") in _prose(data, "nb")


def test_a_clear_rise_is_a_rise():
    data = _results([("a", 2009, 0, 23, "table"), ("a", 2010, 5, 18, "text")])
    assert newcombe_interval(0, 23, 5, 18)[0] > 0
    assert "“Alfa” rose from 0% in 2009 to 28% in 2010" in _prose(data)


def test_a_change_whose_interval_holds_zero_is_within_chance():
    # 5 of 24 against 1 of 19: 16 points down, but the interval spans zero.
    data = _results([("a", 2009, 5, 24, "text"), ("a", 2010, 1, 19, "text")])
    low, high = newcombe_interval(5, 24, 1, 19)
    assert low < 0 < high
    sentence = _prose(data)
    assert "fell" not in sentence and "rose" not in sentence
    assert (f"For “Alfa” (21% to 5%; −16 percentage points; 95% interval {findings.points(low)} "
            f"to +{findings.points(high)[1:]}), the difference between 2009 and 2010 is within "
            "what chance gives with this few answers." in sentence)
    assert "innenfor det tilfeldigheter gir med så få svar" in _prose(data, "nb")


def test_many_changes_within_chance_are_counted_and_the_largest_named_with_ties():
    rows = []
    for item, before, after in (("a", 10, 8), ("b", 10, 12), ("c", 10, 10), ("d", 10, 11)):
        rows += [(item, 2009, before, 20, "table"), (item, 2010, after, 20, "table")]
    sentence = _prose(_results(rows))
    assert "For all 4 changes, the difference" in sentence  # no clear change: none "other"
    assert "“Alfa” (50% to 40%; −10" in sentence and "“Beta” (50% to 60%; +10" in sentence
    assert "Gamma" not in sentence.split("largest of them")[1]
    rows += [("e", 2009, 20, 20, "table"), ("e", 2010, 8, 20, "table")]  # one clear fall
    sentence = _prose(_results(rows))
    assert "“Epsilon” fell from 100% in 2009 to 40% in 2010" in sentence
    assert "For the other 4 changes, the difference" in sentence


def test_a_change_with_a_chosen_end_is_never_a_finding():
    # A clear fall on paper, but the 2009 value is the edition's choice.
    data = _results([("a", 2009, 21, 22, "assumed"), ("a", 2010, 11, 16, "table"),
                     ("b", 2009, 3, 22, "table"), ("b", 2010, 3, 16, "table")])
    sentence = _prose(data)
    assert "fell" not in sentence and "Alfa” (" not in sentence
    assert "1 of the changes from 2009 to 2010 rest on values this edition chose" in sentence
    data["provenance"] = "assumed"
    assert "All the changes from 2009 to 2010 rest on values this edition chose" in _prose(data)


def test_one_wave_only_gives_no_change_sentence():
    data = _results([("a", 2010, 3, 5, "table"), ("b", 2010, 1, 5, "table")])
    assert findings.waves_prose(data, LABELS, strings("en"), "en") == [
        "In 2010, “Alfa” was the most common answer: 3 of 5 cluster managers (60%)."]


def _levels(rows) -> pd.DataFrame:
    out = []
    for item, wave, counts, provenance in rows:
        n = sum(counts)
        for response, count in zip(("forverret", "uendret", "forbedret"), counts, strict=True):
            out.append({"item": item, "wave": wave, "response": response, "n": n,
                        "count": count, "percent": 100 * count / n, "provenance": provenance})
    return pd.DataFrame(out)


def test_stacked_prose_names_ties_and_says_when_nobody_saw_an_improvement():
    data = _levels([("a", 2010, (6, 4, 0), "table"), ("b", 2010, (3, 2, 0), "table")])
    words = strings("en")
    worse, better = findings.stacked_prose(data, LABELS, words, "en")
    assert worse == "The largest share seeing a worsening, 60%, was for “Alfa” and “Beta”."
    assert better == words["stacked_better_none"]


def test_table_prose_counts_the_falls_and_words_each_by_its_interval():
    data = _levels([("a", 2009, (21, 1, 0), "table"), ("a", 2010, (11, 5, 0), "table"),
                    ("b", 2009, (4, 7, 12), "table"), ("b", 2010, (1, 8, 8), "table")])
    sentences = findings.table_prose(data, LABELS, strings("en"), "en")
    assert sentences[0] == ("For 2 of 2 sources of capital the share seeing a worsening was "
                            "lower in 2010 than in 2009.")
    assert sentences[1].startswith("“Alfa” fell from 95% in 2009 to 69% in 2010")
    assert sentences[2].startswith("For “Beta” (17% to 6%;")
    assert "within what chance gives" in sentences[2]


def test_cell_title_carries_the_change_and_its_interval():
    data = _levels([("a", 2009, (21, 1, 0), "table"), ("a", 2010, (11, 5, 0), "table")])
    change = changes(data).set_index(["item", "response"]).loc[("a", "forverret")]
    title = findings.cell_title(change, 11, 16, strings("nb"))
    assert title.startswith("11 / 16; endring fra 2009: −27 prosentpoeng; 95\u00a0%-intervall −")


@pytest.mark.parametrize(("value", "text"), [(-26.7, "−27"), (0.3, "+0"), (-0.4, "−0"),
                                             (5.5, "+6"), (0, "0")])
def test_points_are_signed_whole_numbers(value, text):
    assert findings.points(value) == text


def test_nobody_ticking_anything_is_no_tie():
    data = _results([("a", 2010, 0, 5, "table"), ("b", 2010, 0, 5, "table")])
    assert _prose(data) == "In 2010, no one ticked any of the answers."
