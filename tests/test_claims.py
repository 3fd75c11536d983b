"""The claims register: every check parses, the shipped data bears out every claim the
published numbers settle, and a claim can fail."""

from __future__ import annotations

import pandas as pd
import pytest

from klyngekrise import paths
from klyngekrise.io import items, load_published, load_responses
from klyngekrise.statements import StatementError, Values, check_claims, evaluate, load_claims


@pytest.fixture(scope="module")
def shipped():
    return load_responses(paths.RAW_RESPONSES)


@pytest.fixture(scope="module")
def checked(shipped):
    return check_claims(load_claims(), shipped, load_published())


def test_register_rows_are_well_formed():
    claims = load_claims()
    assert claims["id"].is_unique
    known = set(items().index) | set(items()["question"])
    for _, claim in claims.iterrows():
        words = [w for w in claim["quote"].split() if w != "..."]
        assert 0 < len(words) <= 8, claim["id"]
        assert claim["section"].startswith("3."), claim["id"]
        for item in filter(None, claim["items"].split(";")):
            assert item in known, (claim["id"], item)
        if claim["check"]:  # parses, on the published record
            evaluate(claim["check"], Values(published=load_published()))
        else:
            assert claim["note"].startswith("Not checkable"), claim["id"]


def test_every_claim_the_published_numbers_settle_holds_with_the_shipped_data(checked):
    settled = checked[checked["published"] == "holds"]
    assert len(settled) > 0
    assert (settled["holds"] == "holds").all(), settled[settled["holds"] != "holds"]
    # The report's own printed numbers never contradict one of its claims.
    assert not (checked["published"] == "fails").any()


def test_comparisons_of_two_groups_carry_their_interval(checked):
    compared = checked[checked["within_chance"] != ""]
    assert len(compared) > 0
    assert (compared["diff_ci_low"] <= compared["diff_ci_high"]).all()
    inside = (compared["diff_ci_low"] <= 0) & (0 <= compared["diff_ci_high"])
    assert ((compared["within_chance"] == "yes") == inside).all()


def test_a_claim_fails_when_the_data_says_otherwise(shipped):
    altered = shipped.copy()
    late = altered["wave"] == 2010
    # Every 2010 answer about banks becomes 'worse': more than the 95 % of 2009.
    altered.loc[late & altered["q1_banker"].notna(), "q1_banker"] = "forverret"
    # Three respondents, not one, named the loss of qualified labour in 2010.
    ticked = altered.index[late & altered["q7_tapping"].notna()][:3]
    altered.loc[ticked, "q7_tapping"] = 1
    result = check_claims(load_claims(), altered, load_published()).set_index("check")
    assert result.loc["q1_banker:forverret 2009 > 2010", "holds"] == "fails"
    assert result.loc["count(q7_tapping, 2010) = 1", "holds"] == "fails"
    # ... while the published numbers still settle both claims.
    assert result.loc["q1_banker:forverret 2009 > 2010", "published"] == "holds"


def _people(rows):
    """rows: (wave, programme, {item: value}) -> a respondent frame."""
    base = dict.fromkeys(items().index, pd.NA)
    frame = pd.DataFrame([{"respondent_id": str(i), "wave": w, "programme": p, **base, **v}
                          for i, (w, p, v) in enumerate(rows)])
    for name, row in items().iterrows():
        if row["type"] == "tick":
            frame[name] = frame[name].astype("Int64")
    return frame


def test_top_allows_a_tie_and_fails_when_another_item_leads():
    people = _people([(2010, "NCE", {"q2_ettersporsel": 1, "q2_priser": 1, "q2_innkjop": 0}),
                      (2010, "NCE", {"q2_ettersporsel": 0, "q2_priser": 1, "q2_innkjop": 0})])
    data = Values(responses=people)
    assert evaluate("q2_priser is top in 2010", data).outcome is True
    assert evaluate("q2_ettersporsel is top in 2010", data).outcome is False
    people.loc[1, "q2_ettersporsel"] = 1
    assert evaluate("q2_ettersporsel is top in 2010", Values(responses=people)).outcome is True


def test_within_chance_uses_the_newcombe_interval():
    # 1 of 2 against 0 of 2: 50 points, yet well within chance; 30 of 30 against 0 of 30 not.
    few = ([(2009, "NCE", {"q3_konkurs": 1}), (2009, "NCE", {"q3_konkurs": 0})]
           + [(2010, "NCE", {"q3_konkurs": 0})] * 2)
    many = ([(2009, "NCE", {"q3_konkurs": 1})] * 30 + [(2010, "NCE", {"q3_konkurs": 0})] * 30)
    small = evaluate("q3_konkurs 2009 ~ 2010", Values(responses=_people(few)))
    large = evaluate("q3_konkurs 2009 ~ 2010", Values(responses=_people(many)))
    assert small.outcome is True and small.interval[0] < 0 < small.interval[1]
    assert large.outcome is False and large.interval[0] > 0


def test_programme_comparison_and_most_items():
    # "Most" sources counts all eight: 5 of 8 is most, 4 of 4 answered is not.
    worse = {name: "forverret" for name in list(items("q1").index)[:5]}
    four = {name: "forverret" for name in list(items("q1").index)[1:5]}
    rows = [(2010, "NCE", {**worse, "q1_banker": "forverret"}),
            (2010, "Arena", {**four, "q1_banker": "uendret"})]
    data = Values(responses=_people(rows))
    assert evaluate("share(q1*:forverret, 2010, NCE) > 50", data).outcome is True
    assert evaluate("share(q1*:forverret, 2010, Arena) > 50", data).outcome is False
    result = evaluate("share(q1_banker:forverret, 2010, NCE) ≈ "
                      "share(q1_banker:forverret, 2010, Arena)", data)
    assert result.outcome is False and result.interval is not None


def test_published_spans_respect_open_bounds_and_leave_chosen_values_open():
    record = Values(published=load_published())
    # 'over halvparten' is (50, 100]: it settles "more than half".
    assert evaluate("share(q3_kjernevirksomhet, 2010) > 50", record).outcome is True
    # The report gives no number for protectionism: any claim about it stays open.
    assert evaluate("share(q2_proteksjonisme, 2010) < 50", record).outcome is None


def test_a_check_that_is_not_understood_is_named():
    with pytest.raises(StatementError, match="check not understood: 'q1_banker rises': "
                       "expected a wave"):
        evaluate("q1_banker rises", Values(published=load_published()))
    bad = load_claims().iloc[:1].assign(check="share(q1_banker:ticked, 2010) > 50")
    with pytest.raises(StatementError, match="claims.csv, claim 3.1-1: .*response 'ticked'"):
        check_claims(bad, load_responses(paths.RAW_RESPONSES), load_published())


def test_joined_answers_count_respondents_who_gave_both_or_either():
    """The constraints' answers: & and | of items, unticked boxes, grouped by parentheses."""
    rows = [(2010, "NCE", {"q3_konkurs": 1, "q3_nedbemanning": 1}),
            (2010, "NCE", {"q3_konkurs": 1, "q3_nedbemanning": 0}),
            (2010, "NCE", {"q3_konkurs": 0, "q3_nedbemanning": 0}),
            (2010, "Arena", {"q3_konkurs": 0, "q3_nedbemanning": 1})]
    data = Values(responses=_people(rows))
    assert evaluate("count(q3_konkurs & q3_nedbemanning, 2010) = 1", data).left == 1
    assert evaluate("count(q3_konkurs | q3_nedbemanning, 2010) = 3", data).outcome is True
    assert evaluate("count(q3_konkurs & q3_nedbemanning:unticked, 2010, NCE) = 1",
                    data).outcome is True
    assert evaluate("count((q3_konkurs | q3_nedbemanning) & q3_konkurs:unticked, 2010) = 1",
                    data).outcome is True
    assert evaluate("share(q3_konkurs:unticked, 2010, NCE) > 33", data).left == \
        pytest.approx(100 / 3)
    # The report prints no joined answer: on its record any claim about one stays open.
    record = Values(published=load_published())
    assert evaluate("share(q3_kjernevirksomhet & q3_konkurs, 2010) > 50", record).outcome \
        is None
