"""Sentences that rank, compare and check claims, built so that they are true for any file.

Pure functions over tidy tables (the figure results: item, wave, response, n, count,
percent, provenance; ``processing.changes``; ``statements.check_claims``), returning sentences in
the edition's words (``text.strings``, from the gettext catalogues). A figure's paragraph has three parts:

1. what the 2010 report said of the figure (its claims register, worded from each claim's
   check, with the section), and whether the data at hand bears it out: holds, holds only
   within chance, or does not hold, with the interval that decides it (``claim_sentences``);
2. what else the data shows (``waves_prose``, ``stacked_prose``, ``table_prose``):

- a ranking names the leader only when its lead is clear: ``NEAR_TIE`` points or more
  between the printed (whole) shares; otherwise it names every item that near-ties;
- a ranking that rests on a value this edition chose (provenance ``assumed``) says so once
  per figure, never as "not a finding";
- a change's subject is the share who answered so; it is a clear rise or fall only when its
  Newcombe 95 % interval leaves out zero, otherwise it lies within what chance gives (worded
  "with this few answers" only below ``SMALL_N`` answers a wave); the difference printed is
  the difference of the printed shares; a change from 0 % to 0 % (or 100 % to 100 %) is no
  sentence; a change with a chosen value at either end is counted, not worded.
"""

from __future__ import annotations

import math

import pandas as pd

from klyngekrise.processing import change_is_clear, changes, latest_changes
from klyngekrise.statements import parse
from klyngekrise.text import number, percent, whole

ASSUMED = "assumed"
# How many within-chance changes a paragraph lists one by one before it only counts them.
LIST_AT_MOST = 3
# A lead smaller than this, in points between the printed shares, is a near-tie.
NEAR_TIE = 5
# Fewer answers than this in a wave is "few": chance is then worded "with this few answers".
SMALL_N = 50


def tied_first(rows: pd.DataFrame, column: str = "percent") -> pd.DataFrame:
    """Every row sharing the largest value of ``column`` (shares equal to 1e-9)."""
    if rows.empty:
        return rows
    top = rows[column].max()
    return rows[[math.isclose(v, top, abs_tol=1e-9) for v in rows[column]]]


def near_first(rows: pd.DataFrame) -> pd.DataFrame:
    """Every row whose printed share lies less than NEAR_TIE points below the largest."""
    if rows.empty:
        return rows
    top = int(whole(rows["percent"].max()))
    near = [top - int(whole(v)) < NEAR_TIE for v in rows["percent"]]
    return rows[near].sort_values("percent", ascending=False, kind="stable")


def join_labels(labels: list[str], words: dict) -> str:
    """«A», «B» og «C» / “A”, “B” and “C”."""
    return join_words([words["quoted"].format(label=label) for label in labels], words)


def join_words(parts: list[str], words: dict) -> str:
    """A, B og C / A, B and C."""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + f" {words['and']} " + parts[-1]


def points(value: int) -> str:
    """A difference in whole points with a sign: +6, −26 (a true minus sign), 0."""
    value = int(value)
    return "0" if value == 0 else ("+" if value > 0 else "\u2212") + str(abs(value))


def bound(value: float, language: str) -> str:
    """An interval bound in points: whole, signed; one decimal where it would round to 0
    (−0,3), so a bound never reads −0 and the interval still shows which side of 0 it ends."""
    if value == 0:
        return "0"
    sign = "+" if value > 0 else "\u2212"
    size = abs(value)
    shown = whole(size) if float(whole(size)) != 0 else number(round(size, 1) or 0.1, language)
    return sign + shown


def printed_diff(change: pd.Series) -> int:
    """The change as a reader computes it from the two printed (whole) shares."""
    return int(whole(change["percent_to"])) - int(whole(change["percent_from"]))


def interval_text(change: pd.Series, words: dict, language: str) -> str:
    """'−26 prosentpoeng; 95 %-intervall −45 til −3' for one row of ``changes``."""
    return words["points"].format(diff=points(printed_diff(change)),
                                  low=bound(change["diff_ci_low"], language),
                                  high=bound(change["diff_ci_high"], language))


def few(n: float) -> bool:
    return n < SMALL_N


def _chance(words: dict, n: float) -> str:
    """'within what chance gives', with 'with this few answers' only where n is small."""
    return words["chance_few" if few(n) else "chance"]


# -- what else the data shows ------------------------------------------------------------------
def _ranked(ranked: pd.DataFrame, labels: dict, words: dict, language: str, one: str, tie: str,
            near: str, **extra) -> str:
    """One sentence naming the first place of ``ranked``: the leader if its lead is clear,
    every exactly tied item, or every item within NEAR_TIE points of the first."""
    first, close = tied_first(ranked), near_first(ranked)
    pct = percent(first["percent"].iloc[0], language)
    if len(close) > len(first):
        items = join_words([words["near_item"].format(label=words["quoted"].format(
            label=labels[r["item"]]), pct=percent(r["percent"], language))
            for _, r in close.iterrows()], words)
        return words[near].format(items=items, margin=NEAR_TIE, **extra)
    if len(first) == 1:
        row = first.iloc[0]
        return words[one].format(label=labels[row["item"]], count=int(row["count"]),
                                 n=int(row["n"]), pct=pct, **extra)
    same = first[["count", "n"]].drop_duplicates()
    counts = (words["tie_counts"].format(count=int(same["count"].iloc[0]),
                                         n=int(same["n"].iloc[0])) if len(same) == 1 else "")
    return words[tie].format(labels=join_labels([labels[i] for i in first["item"]], words),
                             pct=pct, counts=counts, **extra)


def _rests_on_chosen(ranked: pd.DataFrame) -> bool:
    """Whether the items a ranking sentence names, or any it ranks them above, were chosen."""
    return bool((ranked["provenance"] == ASSUMED).any())


def _with_n(changed: pd.DataFrame, data: pd.DataFrame) -> pd.DataFrame:
    """The changes with each end's n (how many answered the item in that wave)."""
    n = data.drop_duplicates(["item", "wave"]).set_index(["item", "wave"])["n"]
    return changed.assign(
        n_from=[n.get((i, w), 0) for i, w in zip(changed["item"], changed["wave_from"],
                                                  strict=True)],
        n_to=[n.get((i, w), 0) for i, w in zip(changed["item"], changed["wave_to"],
                                                strict=True)])


def _empty(change: pd.Series) -> bool:
    """0 % to 0 % (or 100 % to 100 %): nothing to say."""
    return change["percent_from"] == change["percent_to"] and change["percent_to"] in (0, 100)


def change_sentences(changed: pd.DataFrame, labels: dict, words: dict, language: str
                     ) -> list[str]:
    """Word every change of ``changed`` (rows of ``processing.changes``, with ``n_from`` and
    ``n_to``) by its interval; the share who answered so is the subject."""
    changed = _where(changed, [not _empty(r) for _, r in changed.iterrows()])
    if changed.empty:
        return []
    w1, w2 = int(changed["wave_from"].iloc[0]), int(changed["wave_to"].iloc[0])
    chosen = (changed["provenance_from"] == ASSUMED) | (changed["provenance_to"] == ASSUMED)
    stated = changed[~chosen]
    clear = [change_is_clear(row) for _, row in stated.iterrows()]
    sentences = []
    for _, row in _where(stated, clear).iterrows():
        sentences.append(words["change_clear"].format(
            subject=_subject(row, labels, words),
            direction=words["directions"]["rise" if row["diff"] > 0 else "fall"],
            p1=percent(row["percent_from"], language), p2=percent(row["percent_to"], language),
            w1=w1, w2=w2, points=interval_text(row, words, language)))
    chance = _where(stated, [not c for c in clear])
    smallest_n = min([*chance["n_from"], *chance["n_to"]], default=0)
    if len(chance) <= LIST_AT_MOST and not chance.empty:
        sentences.append(words["changes_chance"].format(
            items=_change_items(chance, labels, words, language), w1=w1, w2=w2,
            chance=_chance(words, smallest_n)))
    elif len(chance) > LIST_AT_MOST:
        largest = tied_first(chance.assign(size=chance["diff"].abs()), "size")
        sentences.append(words["changes_chance_many" if any(clear) else "changes_chance_all"].format(
            k=len(chance), w1=w1, w2=w2, items=_change_items(largest, labels, words, language),
            chance=_chance(words, smallest_n)))
    if chosen.all():
        sentences.append(words["changes_all_chosen"].format(w1=w1, w2=w2))
    elif chosen.any():
        sentences.append(words["changes_chosen"].format(k=int(chosen.sum()), w1=w1, w2=w2))
    return sentences


def _where(rows: pd.DataFrame, keep: list[bool]) -> pd.DataFrame:
    """The rows where ``keep`` is true (an empty list keeps no row, not no column)."""
    return rows[pd.Series(keep, index=rows.index, dtype=bool)]


def _subject(row: pd.Series, labels: dict, words: dict) -> str:
    """The share who answered so: 'the share who ticked “A”', 'who found “A” worse'."""
    did = words["claim_did"][row["response"]].format(
        label=words["quoted"].format(label=labels[row["item"]]))
    return words["share_who"].format(did=did)


def _change_items(rows: pd.DataFrame, labels: dict, words: dict, language: str) -> str:
    parts = [words["change_item"].format(
        label=words["quoted"].format(label=labels[row["item"]]),
        p1=percent(row["percent_from"], language), p2=percent(row["percent_to"], language),
        points=interval_text(row, words, language)) for _, row in rows.iterrows()]
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
        sentences = [_ranked(newest, labels, words, language, "top_one", "top_tie", "top_near",
                             wave=latest)]
        if _rests_on_chosen(newest):
            sentences.append(words["ranking_chosen"])
    return sentences + run_sentences(data, labels, words, language)


def run_sentences(data: pd.DataFrame, labels: dict, words: dict, language: str) -> list[str]:
    """The latest change (each item's latest wave against the one before it) and, with more
    than two waves, the whole run (the first wave against the latest)."""
    sentences = change_sentences(_with_n(latest_changes(changes(data)), data), labels, words,
                                 language)
    run = sorted(data["wave"].unique())
    if len(run) > 2:
        sentences += change_sentences(_with_n(changes(data, run[0], run[-1]), data), labels,
                                      words, language)
    return sentences


def stacked_prose(data: pd.DataFrame, labels: dict, words: dict, language: str) -> list[str]:
    """Figure 3.1 (one wave, three levels): where most saw a worsening, and an improvement."""
    sentences = []
    worse = data[data["response"] == "forverret"]
    if not worse.empty and worse["count"].max() > 0:
        sentences.append(_ranked(worse, labels, words, language, "stacked_worse_one",
                                 "stacked_worse_tie", "stacked_worse_near"))
    better = data[data["response"] == "forbedret"]
    if not better.empty:
        if better["count"].max() == 0:
            sentences.append(words["stacked_better_none"])
        else:
            sentences.append(_ranked(better, labels, words, language, "stacked_better_one",
                                     "stacked_better_tie", "stacked_better_near"))
    if _rests_on_chosen(pd.concat([worse, better])):
        sentences.append(words["ranking_chosen"])
    return sentences


def table_prose(data: pd.DataFrame, labels: dict, words: dict, language: str) -> list[str]:
    """Table 3.1: for how many sources the share seeing a worsening fell, and each change by
    its interval."""
    worsened = data[data["response"] == "forverret"]
    worse = latest_changes(changes(worsened))
    if worse.empty:
        return []
    w1, w2 = int(worse["wave_from"].iloc[0]), int(worse["wave_to"].iloc[0])
    lower = words["table_fewer_worse"].format(k=int((worse["diff"] < 0).sum()), m=len(worse),
                                              w1=w1, w2=w2)
    return [lower, *run_sentences(worsened, labels, words, language)]


def cell_title(change: pd.Series, count: int, n: int, words: dict, language: str) -> str:
    """A Table 3.1 cell's hover text: its count, and the change from the earlier wave."""
    return words["cell_title_change"].format(count=count, n=n, w1=int(change["wave_from"]),
                                             points=interval_text(change, words, language))


# -- what the 2010 report said, and whether this data bears it out -----------------------------
def statement(check: str, labels: dict, words: dict) -> str:
    """A claim's check in the edition's words: 'more than half found “A” worse in 2010'."""
    form, parts = parse(check)
    forms = words["claim_forms"]

    def did(name: str, response_key: str, item: str | None = None) -> str:
        item = item or parts[name]
        response = parts.get(response_key) or ("forverret" if item.startswith("q1") else "ticked")
        label = (words["claim_most_sources"] if item.endswith("*")
                 else words["quoted"].format(label=labels[item]))
        return words["claim_did"][response].format(label=label)

    if form == "value":
        number_text = parts["number"].removesuffix(".0")
        unit = "count" if parts["af"] == "count" else "percent"
        key = f"value_{unit}_{parts['op']}_{number_text}"
        key = key if key in forms else f"value_{unit}_{parts['op']}"
        return forms[key].format(did=did("a", "ar"), wave=parts["aw"], number=number_text,
                                 who=words["claim_who"][parts.get("ap", "all")])
    if form == "pair":
        same_item = parts["a"] == parts["b"]
        if same_item and parts.get("ap") != parts.get("bp"):
            key = "pair_programmes"
        elif same_item and parts["aw"] != parts["bw"]:
            key = "pair_waves"
        elif same_item:
            key = "pair_levels"
        else:
            key = "pair_items"
        return forms[f"{key}_{parts['op']}"].format(
            did=did("a", "ar"), did_b=did("b", "br"), wave=parts["aw"], w1=parts["aw"],
            w2=parts["bw"], pa=parts.get("ap", ""), pb=parts.get("bp", ""),
            label=words["quoted"].format(label=labels.get(parts["a"], parts["a"])),
            ra=words["claim_level"][parts.get("ar", "forverret")],
            rb=words["claim_level"][parts.get("br", "forverret")])
    if form == "waves":
        return forms[f"waves_{parts['op']}"].format(did=did("a", "ar"), w1=parts["w1"],
                                                   w2=parts["w2"])
    if form == "top":
        return forms["top"].format(did=did("a", "ar"), w1=parts["w1"])
    if form == "falls":
        return forms["falls"].format(did=did("a", "ar"), w1=parts["w1"], w2=parts["w2"],
                                     k=parts["k"])
    kind = "levels" if parts["q"] == "q1" else "ticks"
    share = words["claim_most_share"][kind].format(
        level=words["claim_level"].get(parts.get("r", "forverret"), ""))
    return forms[f"most_{parts['op']}"].format(items=words["claim_most_items"][kind],
                                               share=share, w1=parts["w1"], w2=parts["w2"])


def shown(claim: pd.Series, words: dict, language: str) -> str:
    """What the data gives for a claim, in words: '69 %', '95 % mot 69 %', '5 av 8'."""
    form, parts = parse(claim["check"])
    left, right = claim["left"], claim["right"]
    if claim["holds"] == "not computed" or pd.isna(left):
        return ""
    count = form in ("value", "pair") and parts.get("af") == "count"

    def value(v: float) -> str:
        return str(int(v)) if count else percent(v, language)

    if form == "value":
        return value(left)
    if form in ("pair", "waves"):
        return words["claim_shown_pair"].format(a=value(left), b=value(right))
    if form == "top":
        return words["claim_shown_top"].format(a=value(left), b=value(right))
    if form == "falls":
        return words["claim_shown_falls"].format(rank=claim["rank"], of=int(right))
    return words["claim_shown_most"].format(yes=int(left), of=int(right))


def verdict_key(claim: pd.Series, original: bool) -> str:
    """holds / holds_chance / similar / fails / differs / fails_chosen / not_computed."""
    _, parts = parse(claim["check"])
    similar = parts.get("op") == "~"
    interval = not pd.isna(claim["diff_ci_low"])
    if claim["holds"] == "not computed":
        return "not_computed"
    if claim["holds"] == "holds":
        if similar:
            return "similar"
        ordered = parts.get("op") in (">", "<", ">=", "<=")  # "≈" and "=" want no difference
        return ("holds_chance" if ordered and interval and claim["within_chance"] == "yes"
                else "holds")
    if original and claim["published"] == "open":
        return "fails_chosen"
    return "differs" if similar else "fails"


def claim_sentences(checked: pd.DataFrame, figure: str, labels: dict, words: dict,
                    language: str, *, original: bool, fewest: int = 0,
                    programme: str = "all") -> list[str]:
    """What the 2010 report said of one figure, and whether this data bears it out.

    One sentence per claim of ``figure`` (claims that state the same of several items, with
    the same outcome, are joined). For the shipped reconstruction: 'The report (§3.1) says
    that …: it holds (…).' For any other file: 'The 2010 report (§3.1) said that …; in this
    file it holds (…).' ``fewest`` is the smallest wave's number of answers: below SMALL_N,
    chance is worded "with this few answers".
    """
    mine = checked[(checked["figure"] == figure) & (checked["check"] != "")]
    groups: list[tuple[tuple, list]] = []
    for _, claim in mine.iterrows():
        form, parts = parse(claim["check"])
        item = parts.get("a", "")
        generic = claim["check"].replace(item, "ITEM", 1) if item and not item.endswith("*") \
            else claim["check"]
        key = (claim["quote"], generic, verdict_key(claim, original))
        if groups and groups[-1][0] == key and form == "value":  # one value each: no interval
            groups[-1][1].append(claim)
        else:
            groups.append((key, [claim]))
    verdicts = words["claim_verdicts" if original else "claim_verdicts_data"]
    sentences, rests_on_choice = [], False
    for (_, _, verdict), claims in groups:
        first = claims[0]
        text = statement(first["check"], labels, words)
        if len(claims) > 1:  # the same statement of several items: name them all at once
            one = words["quoted"].format(label=labels[parse(first["check"])[1]["a"]])
            names = join_labels([labels[parse(c["check"])[1]["a"]] for c in claims], words)
            text = text.replace(one, names)
        values = join_words([s for s in (shown(c, words, language) for c in claims) if s], words) \
            if any(shown(c, words, language) for c in claims) else ""
        low, high, between = oriented_interval(first, words)
        if verdict == "similar" and pd.isna(low):  # "most items within chance": no one interval
            verdict = "holds"
        section = first["section"].split(" ")[0]
        sentences.append(words["claim_sentence" if original else "claim_sentence_data"].format(
            section=section, statement=text, where=words["claim_where"][programme],
            verdict=verdicts[verdict].format(
                shown=values, low=bound(low, language) if not pd.isna(low) else "",
                high=bound(high, language) if not pd.isna(high) else "", between=between,
                chance=_chance(words, fewest))))
        rests_on_choice |= original and verdict != "fails_chosen" and any(
            c["published"] == "open" for c in claims)
    if rests_on_choice:
        sentences.append(words["claims_rest_on_choice"])
    return sentences


def oriented_interval(claim: pd.Series, words: dict) -> tuple[float, float, str]:
    """A claim's Newcombe interval as the figure's prose gives changes: the later wave minus
    the earlier (check_claims gives left minus right), or one programme minus the other."""
    low, high = claim["diff_ci_low"], claim["diff_ci_high"]
    if pd.isna(low):
        return low, high, ""
    form, parts = parse(claim["check"])
    left_wave = int(parts.get("w1") or parts.get("aw"))
    right_wave = int(parts.get("w2") or parts.get("bw"))
    if left_wave != right_wave:
        earlier, later = sorted((left_wave, right_wave))
        between = words["claim_between_waves"].format(w1=earlier, w2=later)
        if left_wave == later:  # left minus right is already the later minus the earlier
            return low, high, between
        return -high, -low, between
    return low, high, words["claim_between_programmes"].format(a=parts.get("ap", ""),
                                                              b=parts.get("bp", ""))


def wave_when(wave, words: dict, original: bool) -> str:
    """A wave as the prose names it: the shipped file's "høsten 2010", another file's
    "i 2010" (what the original calls its surveys is its file's alone)."""
    return ((words["wave_when"].get(wave) if original else None)
            or words["wave_when_data"].format(wave=wave))


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
        when = wave_when(wave, words, original)
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
            shown_rate = percent(printed[wave], language) if wave in printed else computed
            key = "wave_rate" if shown_rate == computed else "wave_rate_printed"
            fields |= {"rate": shown_rate, "printed": shown_rate, "computed": computed}
        sentences.append(words[key].format(**fields))
    return sentences
