"""Sentences that rank or compare, built so that they are true for any respondent file.

Pure functions over tidy tables (the figure results: item, wave, response, n, count,
percent, provenance; and ``processing.changes``), returning sentences in the edition's
words (``text.py``):

- a ranking names every item that ties for first place;
- a ranking that rests on a value this edition chose (provenance ``assumed``) says so;
- a change between waves is a clear rise or fall only when its Newcombe 95 % interval leaves
  out zero, otherwise it lies within what chance gives; either way the interval is printed;
  a change with a chosen value at either end is counted, never worded as a finding.
"""

from __future__ import annotations

import math

import pandas as pd

from klyngekrise.processing import change_is_clear, changes, latest_changes
from klyngekrise.text import percent, whole

ASSUMED = "assumed"
# How many within-chance changes a paragraph lists one by one before it only counts them.
LIST_AT_MOST = 3


def tied_first(rows: pd.DataFrame, column: str = "percent") -> pd.DataFrame:
    """Every row sharing the largest value of ``column`` (shares equal to 1e-9)."""
    if rows.empty:
        return rows
    top = rows[column].max()
    return rows[[math.isclose(v, top, abs_tol=1e-9) for v in rows[column]]]


def join_words(parts: list[str], words: dict) -> str:
    """A, B og C / A, B and C."""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + f" {words['and']} " + parts[-1]


def join_labels(labels: list[str], words: dict) -> str:
    """«A», «B» og «C» / “A”, “B” and “C”."""
    return join_words([words["quoted"].format(label=label) for label in labels], words)


def points(value: float) -> str:
    """Whole percentage points with a sign: +6, −26 (a true minus sign), 0. A value that rounds
    to 0 keeps its sign (+0, −0), so an interval such as −83 to +0 still shows that it holds
    zero, and −4 to −0 that it does not."""
    if value == 0:
        return "0"
    return ("+" if value > 0 else "\u2212") + whole(abs(value))


def interval_text(change: pd.Series, words: dict) -> str:
    """'−26 prosentpoeng; 95 %-intervall −51 til −2' for one row of ``changes``."""
    return words["points"].format(diff=points(change["diff"]), low=points(change["diff_ci_low"]),
                                  high=points(change["diff_ci_high"]))


def _ranking_clause(ranked: pd.DataFrame, words: dict) -> str:
    """A ranking is a finding only if none of the values ranked was chosen by this edition."""
    return words["ranking_chosen"] if (ranked["provenance"] == ASSUMED).any() else ""


def _ranked(ranked: pd.DataFrame, labels: dict, words: dict, language: str, one: str, tie: str,
            **extra) -> str:
    """One sentence naming the first place of ``ranked``, every tied item included."""
    first = tied_first(ranked)
    clause = _ranking_clause(ranked, words)
    pct = percent(first["percent"].iloc[0], language)
    if len(first) == 1:
        row = first.iloc[0]
        return words[one].format(label=labels[row["item"]], count=int(row["count"]),
                                 n=int(row["n"]), pct=pct, clause=clause, **extra)
    same = first[["count", "n"]].drop_duplicates()
    counts = (words["tie_counts"].format(count=int(same["count"].iloc[0]),
                                         n=int(same["n"].iloc[0])) if len(same) == 1 else "")
    return words[tie].format(labels=join_labels([labels[i] for i in first["item"]], words),
                             pct=pct, counts=counts, clause=clause, **extra)


def change_sentences(changed: pd.DataFrame, labels: dict, words: dict, language: str
                     ) -> list[str]:
    """Word every change of ``changed`` (rows of ``processing.changes``) by its interval."""
    if changed.empty:
        return []
    w1, w2 = int(changed["wave_from"].iloc[0]), int(changed["wave_to"].iloc[0])
    chosen = (changed["provenance_from"] == ASSUMED) | (changed["provenance_to"] == ASSUMED)
    stated = changed[~chosen]
    clear = [change_is_clear(row) for _, row in stated.iterrows()]
    sentences = []
    for _, row in stated[clear].iterrows():
        sentences.append(words["change_clear"].format(
            label=words["quoted"].format(label=labels[row["item"]]),
            direction=words["directions"]["rise" if row["diff"] > 0 else "fall"],
            p1=percent(row["percent_from"], language), p2=percent(row["percent_to"], language),
            w1=w1, w2=w2, points=interval_text(row, words)))
    chance = stated[[not c for c in clear]]
    if len(chance) <= LIST_AT_MOST and not chance.empty:
        sentences.append(words["changes_chance"].format(
            items=_change_items(chance, labels, words, language), w1=w1, w2=w2))
    elif len(chance) > LIST_AT_MOST:
        largest = tied_first(chance.assign(size=chance["diff"].abs()), "size")
        sentences.append(words["changes_chance_many" if any(clear) else "changes_chance_all"].format(
            k=len(chance), w1=w1, w2=w2, items=_change_items(largest, labels, words, language)))
    if chosen.all():
        sentences.append(words["changes_all_chosen"].format(w1=w1, w2=w2))
    elif chosen.any():
        sentences.append(words["changes_chosen"].format(k=int(chosen.sum()), w1=w1, w2=w2))
    return sentences


def _change_items(rows: pd.DataFrame, labels: dict, words: dict, language: str) -> str:
    parts = [words["change_item"].format(
        label=words["quoted"].format(label=labels[row["item"]]),
        p1=percent(row["percent_from"], language), p2=percent(row["percent_to"], language),
        points=interval_text(row, words)) for _, row in rows.iterrows()]
    return join_words(parts, words)


def waves_prose(data: pd.DataFrame, labels: dict, words: dict, language: str) -> list[str]:
    """A two-wave figure: the latest wave's most common answer, then the changes."""
    if data.empty:
        return []
    latest = int(data["wave"].max())
    newest = data[data["wave"] == latest]
    if newest["count"].max() == 0:  # a tie of every item at 0 % is no ranking
        sentences = [words["top_none"].format(wave=latest)]
    else:
        sentences = [_ranked(newest, labels, words, language, "top_one", "top_tie",
                             wave=latest)]
    return sentences + run_sentences(data, labels, words, language)


def run_sentences(data: pd.DataFrame, labels: dict, words: dict, language: str) -> list[str]:
    """The latest change (each item's latest wave against the one before it) and, with more
    than two waves, the whole run (the first wave against the latest)."""
    sentences = change_sentences(latest_changes(changes(data)), labels, words, language)
    run = sorted(data["wave"].unique())
    if len(run) > 2:
        sentences += change_sentences(changes(data, run[0], run[-1]), labels, words, language)
    return sentences


def stacked_prose(data: pd.DataFrame, labels: dict, words: dict, language: str) -> list[str]:
    """Figure 3.1 (one wave, three levels): where most saw a worsening, and an improvement."""
    sentences = []
    worse = data[data["response"] == "forverret"]
    if not worse.empty:
        sentences.append(_ranked(worse, labels, words, language, "stacked_worse_one",
                                 "stacked_worse_tie"))
    better = data[data["response"] == "forbedret"]
    if not better.empty:
        if better["count"].max() == 0:
            sentences.append(words["stacked_better_none"])
        else:
            sentences.append(_ranked(better, labels, words, language, "stacked_better_one",
                                     "stacked_better_tie"))
    return sentences


def table_prose(data: pd.DataFrame, labels: dict, words: dict, language: str) -> list[str]:
    """Table 3.1: how many sources fewer saw worsening, and each change by its interval."""
    worsened = data[data["response"] == "forverret"]
    worse = latest_changes(changes(worsened))
    if worse.empty:
        return []
    w1, w2 = int(worse["wave_from"].iloc[0]), int(worse["wave_to"].iloc[0])
    lower = words["table_fewer_worse"].format(k=int((worse["diff"] < 0).sum()), m=len(worse),
                                              w1=w1, w2=w2)
    return [lower, *run_sentences(worsened, labels, words, language)]


def cell_title(change: pd.Series, count: int, n: int, words: dict) -> str:
    """A Table 3.1 cell's hover text: its count, and the change from the earlier wave."""
    return words["cell_title_change"].format(count=count, n=n, w1=int(change["wave_from"]),
                                             points=interval_text(change, words))


def response_sentences(answered: dict[int, int], populations: dict[int, int],
                       printed: dict[int, float], words: dict, language: str, *,
                       original: bool, waves=()) -> list[str]:
    """How many answered in each wave, and the response rate only where it is known.

    ``answered`` counts respondents per wave in the file; ``populations`` (from the file's
    own description) how many were asked; ``printed`` the rates the 2010 report prints, given
    only for the shipped reconstruction: a printed rate stays as printed, with the computed one
    beside it where they differ. A wave of ``waves`` with no rows has no data.
    """
    sentences = []
    for wave in sorted({*waves, *answered, *populations}):
        when = (words["wave_when"].get(wave) if original else None) or \
            words["wave_when_data"].format(wave=wave)
        r, p = int(answered.get(wave, 0)), populations.get(wave)
        fields = {"When": when[:1].upper() + when[1:], "r": r, "p": p}
        if r == 0:
            key = "wave_none"
        elif p is None:
            key = "wave_count"
        elif r > p:
            key = "wave_over"
        else:
            computed = percent(100 * r / p, language)
            shown = percent(printed[wave], language) if wave in printed else computed
            key = "wave_rate" if shown == computed else "wave_rate_printed"
            fields |= {"rate": shown, "printed": shown, "computed": computed}
        sentences.append(words[key].format(**fields))
    return sentences
