"""Shares and Wilson intervals against cases computed by hand."""

import math

import pandas as pd
import pytest

from klyngekrise.io import items
from klyngekrise.processing import Interval, newcombe_interval, tally, wilson_interval


@pytest.mark.parametrize(
    ("count", "n", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score
        # without continuity correction): 81/263, 15/148, 0/20, 1/29.
        (81, 263, 25.53, 36.62),
        (15, 148, 6.24, 16.05),
        (0, 20, 0.0, 16.11),
        (1, 29, 0.61, 17.18),
        # By hand: p = 1/2, n = 10: centre 0.5, half-width 1.96*sqrt(.025+.0096)/1.384 = 0.2634
        (5, 10, 23.659, 76.341),
        (0, 1, 0.0, 79.345),      # n = 1, nothing ticked: [0, z²/(1+z²)]
        (1, 1, 20.655, 100.0),    # n = 1, ticked
        (0, 19, 0.0, 16.818),     # none of 19
        (19, 19, 83.182, 100.0),  # all of 19
    ],
)
def test_wilson_interval_matches_published_examples(count, n, low, high):
    got_low, got_high = wilson_interval(count, n)
    assert got_low == pytest.approx(low, abs=5e-3)
    assert got_high == pytest.approx(high, abs=5e-3)


@pytest.mark.parametrize(
    ("a", "m", "b", "n", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10 (hybrid
        # score from two Wilson intervals), for a/m - b/n.
        (56, 70, 48, 80, 5.24, 33.39),
        (9, 10, 3, 10, 17.05, 80.90),
        (6, 7, 2, 7, 5.82, 80.62),
        (5, 56, 0, 29, -3.81, 19.26),
        (0, 10, 0, 20, -16.11, 27.75),
        (0, 10, 0, 10, -27.75, 27.75),
        (10, 10, 0, 20, 67.91, 100.0),
        (10, 10, 0, 10, 60.75, 100.0),
    ],
)
def test_newcombe_interval_matches_published_examples(a, m, b, n, low, high):
    # newcombe_interval(count_from, n_from, count_to, n_to) is the interval of to - from.
    got_low, got_high = newcombe_interval(b, n, a, m)
    assert got_low == pytest.approx(low, abs=5e-3)
    assert got_high == pytest.approx(high, abs=5e-3)


def test_wilson_interval_rejects_impossible_counts():
    with pytest.raises(ValueError):
        wilson_interval(1, 0)
    with pytest.raises(ValueError):
        wilson_interval(3, 2)


@pytest.mark.parametrize("n", range(1, 61))
def test_intervals_exact_at_the_edges_for_every_count(n):
    """Every count 0..n: bounds within [0, 100], around the share, exact at 0 and n, and
    whisker extents (what matplotlib draws) never negative."""
    for count in range(n + 1):
        low, high = wilson_interval(count, n)
        share = 100 * count / n
        assert 0.0 <= low <= share <= high <= 100.0, (count, n, low, high)
        assert (low == 0.0) == (count == 0) and (high == 100.0) == (count == n)
        change_low, change_high = newcombe_interval(count, n, n - count, n)
        assert -100.0 <= change_low <= 100 * (n - 2 * count) / n <= change_high <= 100.0


def test_whisker_extents_are_never_negative():
    import matplotlib.pyplot as plt

    from klyngekrise.style import _whisker

    fig, ax = plt.subplots()
    # A bound a rounding hair past its share, as a library may return it.
    _whisker(ax, pd.Series({"percent": 0.0, "ci_low": 1e-15, "ci_high": 16.8}), 0)
    _whisker(ax, pd.Series({"percent": 100.0, "ci_low": 83.2, "ci_high": 100 - 1e-13}), 1)
    plt.close(fig)


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
    got = tally(frame, ["q1_banker"]).set_index("response")
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
    got = tally(frame, ["q2_ettersporsel", "q2_priser"]).set_index("item")
    assert got.loc["q2_ettersporsel", "percent"] == 100.0
    assert got.loc["q2_priser", "percent"] == 0.0
    assert (got["response"] == "ticked").all()


def test_item_empty_in_a_wave_has_no_row():
    frame = _frame([
        {"respondent_id": "a", "wave": 2009, "programme": "NCE", "q8_som_planlagt": 1},
        {"respondent_id": "b", "wave": 2010, "programme": "NCE", "q8_som_planlagt": 0,
         "q8_organisatoriske_grep": 1},
    ])
    got = tally(frame, ["q8_organisatoriske_grep"])
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
    got = tally(frame, ["q3_konkurs"])
    assert math.isclose(got["percent"].iloc[0], 100 / 3)
