"""Shares and Wilson intervals against cases computed by hand."""

import math

import pandas as pd
import pytest

from klyngekrise.io import items
from klyngekrise.processing import Interval, shares, wilson_interval


@pytest.mark.parametrize(
    ("count", "n", "low", "high"),
    [
        # p = 1/2, n = 10: centre 0.5, half-width 1.96*sqrt(.025+.0096)/1.384 = 0.2634
        (5, 10, 23.659, 76.341),
        (0, 1, 0.0, 79.345),      # n = 1, nothing ticked: [0, z²/(1+z²)]
        (1, 1, 20.655, 100.0),    # n = 1, ticked
        (0, 19, 0.0, 16.818),     # none of 19
        (19, 19, 83.182, 100.0),  # all of 19
        (11, 16, 44.404, 85.835),  # Table 3.1, banks 2010, worse
    ],
)
def test_wilson_interval_matches_hand_computation(count, n, low, high):
    got_low, got_high = wilson_interval(count, n)
    assert got_low == pytest.approx(low, abs=5e-3)
    assert got_high == pytest.approx(high, abs=5e-3)


def test_wilson_interval_rejects_impossible_counts():
    with pytest.raises(ValueError):
        wilson_interval(1, 0)
    with pytest.raises(ValueError):
        wilson_interval(3, 2)


def _frame(rows):
    base = {name: pd.NA for name in items().index}
    frame = pd.DataFrame([{**base, **r} for r in rows])
    for name, row in items().iterrows():
        if row["type"] == "tick":
            frame[name] = frame[name].astype("Int64")
    return frame


def test_level_shares_leave_out_non_response():
    frame = _frame([
        {"respondent_id": "a", "wave": 2010, "programme": "NCE", "q1_banker": "forverret"},
        {"respondent_id": "b", "wave": 2010, "programme": "NCE", "q1_banker": "uendret"},
        {"respondent_id": "c", "wave": 2010, "programme": "NCE", "q1_banker": pd.NA},
    ])
    got = shares(frame, ["q1_banker"]).set_index("response")
    assert got["n"].tolist() == [2, 2, 2]
    assert got.loc["forverret", "count"] == 1
    assert got.loc["forverret", "percent"] == pytest.approx(50.0)
    assert got.loc["forbedret", "percent"] == 0.0


def test_tick_shares_zero_and_all_ticked():
    frame = _frame([
        {"respondent_id": "a", "wave": 2009, "programme": "NCE", "q2_ettersporsel": 1,
         "q2_priser": 0},
        {"respondent_id": "b", "wave": 2009, "programme": "NCE", "q2_ettersporsel": 1,
         "q2_priser": 0},
    ])
    got = shares(frame, ["q2_ettersporsel", "q2_priser"]).set_index("item")
    assert got.loc["q2_ettersporsel", "percent"] == 100.0
    assert got.loc["q2_priser", "percent"] == 0.0
    assert (got["response"] == "ticked").all()


def test_item_empty_in_a_wave_has_no_row():
    frame = _frame([
        {"respondent_id": "a", "wave": 2009, "programme": "NCE", "q8_som_planlagt": 1},
        {"respondent_id": "b", "wave": 2010, "programme": "NCE", "q8_som_planlagt": 0,
         "q8_organisatoriske_grep": 1},
    ])
    got = shares(frame, ["q8_organisatoriske_grep"])
    assert got["wave"].tolist() == [2010]
    assert got["n"].tolist() == [1]
    assert got["percent"].tolist() == [100.0]


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [("[30, 40)", [30, 39.99], [29.99, 40]), ("(50, 100]", [50.01, 100], [50]),
     ("[0, 0]", [0], [0.01]), ("[69.5, 70.5]", [69.5, 70.5], [69.49, 70.51])],
)
def test_interval_bounds(text, inside, outside):
    interval = Interval.parse(text)
    assert all(x in interval for x in inside)
    assert not any(x in interval for x in outside)
    assert str(interval) == text


def test_interval_rejects_malformed_text():
    with pytest.raises(ValueError, match="write it like"):
        Interval.parse("30 to 40")


def test_percent_is_unrounded():
    frame = _frame([{"respondent_id": str(i), "wave": 2010, "programme": "NCE",
                     "q3_konkurs": 1 if i < 1 else 0} for i in range(3)])
    got = shares(frame, ["q3_konkurs"])
    assert math.isclose(got["percent"].iloc[0], 100 / 3)
