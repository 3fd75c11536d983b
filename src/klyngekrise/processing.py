"""Computing: counts (tally), intervals, provenance and the reproduction audit. No file I/O here."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from klyngekrise.io import LEVELS, items

ALPHA = 0.05  # 95 % intervals
TICKED = "ticked"
RESULT_COLUMNS = ["item", "wave", "response", "n", "count", "percent", "ci_low", "ci_high"]
# The report prints whole percent; a printed or chosen value v stands for anything in [v-0.5, v+0.5].
ROUNDING = 0.5


def wilson_interval(count: int, n: int) -> tuple[float, float]:
    """Wilson score 95 % interval for count/n, in percent; exactly 0 or 100 at the edges."""
    if n <= 0:
        raise ValueError("n must be positive")
    if not 0 <= count <= n:
        raise ValueError("count must lie between 0 and n")
    # Imported here: statsmodels costs ~1 s, paid only by a kernel that computes intervals.
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(count, n, alpha=ALPHA, method="wilson")
    # The library's bounds can land a hair outside [0, 1] (1e-17 below 0 for 0/19): a count
    # of 0 or n is certain at that edge, so the edge is set exactly.
    low = 0.0 if count == 0 else min(max(100 * float(low), 0.0), 100.0)
    high = 100.0 if count == n else min(max(100 * float(high), 0.0), 100.0)
    return low, high


def newcombe_interval(count_from: int, n_from: int, count_to: int, n_to: int
                      ) -> tuple[float, float]:
    """Newcombe's hybrid score 95 % interval for the change to/n_to - from/n_from, in points.

    Built from the two Wilson intervals (Newcombe 1998, method 10), within [-100, 100].
    """
    for count, n in ((count_from, n_from), (count_to, n_to)):
        wilson_interval(count, n)  # the same checks and messages
    from statsmodels.stats.proportion import confint_proportions_2indep

    low, high = confint_proportions_2indep(count_to, n_to, count_from, n_from,
                                           method="newcomb", compare="diff", alpha=ALPHA)
    return max(100 * float(low), -100.0), min(100 * float(high), 100.0)


def select_programme(responses: pd.DataFrame, programme: str) -> pd.DataFrame:
    """The respondents of one programme, or all of them for ``all``."""
    return responses if programme == "all" else responses[responses["programme"] == programme]


def tally(responses: pd.DataFrame, item_names: list[str],
          codebook: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per item, wave and response: n, count, percent and its Wilson 95 % interval.

    The counting beneath ``survey.shares`` (which adds provenance, labels and waves).

    ``n`` counts the wave's respondents with a non-empty answer to the item; an item with
    n = 0 in a wave (not asked) has no rows for that wave. ``codebook`` (items indexed by
    column, as ``io.items`` gives) names each item's type; by default the shipped codebook.
    """
    kinds = (items() if codebook is None else codebook)["type"]
    rows = []
    for item in item_names:
        responses_for = LEVELS if kinds[item] == "level" else (TICKED,)
        for wave, group in responses.groupby("wave", sort=True):
            answered = group[item].dropna()
            n = len(answered)
            if n == 0:
                continue
            for response in responses_for:
                count = int((answered == (1 if response == TICKED else response)).sum())
                low, high = wilson_interval(count, n)
                rows.append((item, int(wave), response, n, count, 100 * count / n, low, high))
    frame = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    return frame.astype({"n": int, "count": int})


@dataclass(frozen=True)
class Interval:
    """A closed, open or half-open interval, written like ``[30, 40)``."""

    low: float
    high: float
    low_closed: bool = True
    high_closed: bool = True

    _PATTERN = re.compile(r"^\s*([\[(])\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*([\])])\s*$")

    @classmethod
    def parse(cls, text: str) -> Interval:
        match = cls._PATTERN.match(text)
        if not match:
            raise ValueError(f"not an interval: {text!r}; write it like [30, 40)")
        left, low, high, right = match.groups()
        return cls(float(low), float(high), left == "[", right == "]")

    @classmethod
    def around(cls, value: float, half_width: float = ROUNDING) -> Interval:
        return cls(value - half_width, value + half_width)

    def __contains__(self, x: float) -> bool:
        eps = 1e-9
        above = x >= self.low - eps if self.low_closed else x > self.low + eps
        below = x <= self.high + eps if self.high_closed else x < self.high - eps
        return above and below

    def __str__(self) -> str:
        left, right = "[" if self.low_closed else "(", "]" if self.high_closed else ")"
        return f"{left}{self.low:g}, {self.high:g}{right}"


def interval_of(row: pd.Series) -> Interval:
    """The values a published row admits: its interval if the text gives one, else value ± 0.5."""
    if isinstance(row["interval"], str) and row["interval"].strip():
        return Interval.parse(row["interval"])
    return Interval.around(float(row["value"]))


PROVENANCE_RANK = {"table": 0, "text": 1, "assumed": 2}


def point_values(published: pd.DataFrame) -> pd.DataFrame:
    """One plotted value per item, wave and response, from its most direct source.

    A printed table value beats a number stated in the text, which beats a value chosen
    (``assumed``) within what the text says. Only text rows that state one number (a point,
    or a count) are candidates. The result keeps the source's provenance.
    """
    candidates = published[published["value"].notna() & ~published["contradicts_table"]]
    ranked = candidates.assign(rank=candidates["provenance"].map(PROVENANCE_RANK))
    ranked = ranked.sort_values(["item", "wave", "response", "rank"], kind="stable")
    best = ranked.drop_duplicates(["item", "wave", "response"], keep="first")
    return best.drop(columns="rank").reset_index(drop=True)


def with_provenance(results: pd.DataFrame, published: pd.DataFrame, *, original: bool,
                    subset: bool = False) -> pd.DataFrame:
    """Add the provenance of each plotted value.

    Only for the shipped reconstruction (``original``, recognised by its content: see
    ``klyngekrise.original``) does the edition know where a value comes from: ``table``,
    ``text`` or ``assumed`` (chosen by this edition within what the text says), from
    ``published``. The report's numbers describe all respondents: for a ``subset`` (one
    programme) they state none, so there every value follows from the programme split this
    edition chose (``assumed``). Every value of any other file is that file's own: ``data``.
    """
    if not original:
        return results.assign(provenance="data")
    if subset:
        return results.assign(provenance="assumed")
    keys = ["item", "wave", "response"]
    sources = point_values(published)[[*keys, "provenance"]]
    merged = results.merge(sources, on=keys, how="left")
    merged["provenance"] = merged["provenance"].fillna("")
    return merged


CHANGE_COLUMNS = ["item", "response", "wave_from", "wave_to", "percent_from", "percent_to",
                  "diff", "diff_ci_low", "diff_ci_high", "provenance_from", "provenance_to"]


def changes(results: pd.DataFrame, wave_from: int | None = None,
            wave_to: int | None = None) -> pd.DataFrame:
    """One row per item, response and pair of consecutive waves in which the item was asked
    (each wave against the one before it): the change in percentage points with Newcombe's
    95 % interval. Given ``wave_from`` and ``wave_to``, that one pair only (the whole run,
    first against latest, say)."""
    keys = ["item", "response"]
    provenance = results["provenance"] if "provenance" in results else ""
    results = results.assign(
        provenance=pd.Series(provenance, index=results.index, dtype=object).fillna(""))
    columns = [*keys, "wave", "n", "count", "percent", "provenance"]
    asked = results[columns]
    if wave_from is not None or wave_to is not None:
        asked = asked[asked["wave"].isin([wave_from, wave_to])]
    # Each row's previous wave: the one before it in which the item and response were asked.
    asked = asked.sort_values([*keys, "wave"], kind="stable")
    before = asked.groupby(keys, sort=False).shift(1).rename(columns=lambda c: c + "_from")
    both = pd.concat([asked.rename(columns=lambda c: c if c in keys else c + "_to"), before],
                     axis=1).dropna(subset=["wave_from"])
    order = {name: i for i, name in enumerate(items().index)}  # the codebook's order
    first_seen = {key: i for i, key in enumerate(
        dict.fromkeys(zip(results["item"], results["response"], strict=True)))}
    both = both.assign(
        item_rank=both["item"].map(order).fillna(len(order)),
        seen=[first_seen[key] for key in zip(both["item"], both["response"], strict=True)],
    ).sort_values(["item_rank", "wave_from", "seen"], kind="stable")
    rows = []
    for _, r in both.iterrows():
        low, high = newcombe_interval(int(r["count_from"]), int(r["n_from"]),
                                      int(r["count_to"]), int(r["n_to"]))
        rows.append((r["item"], r["response"], int(r["wave_from"]), int(r["wave_to"]),
                     r["percent_from"], r["percent_to"], r["percent_to"] - r["percent_from"],
                     low, high, r["provenance_from"], r["provenance_to"]))
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def latest_changes(changed: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``changes`` into the latest wave, from the wave before it."""
    if changed.empty:
        return changed
    latest = changed["wave_to"].max()
    into = changed[changed["wave_to"] == latest]
    return into[into["wave_from"] == into["wave_from"].max()]


def change_is_clear(change: pd.Series) -> bool:
    """A change is clear when its 95 % interval leaves out zero."""
    return change["diff_ci_low"] > 0 or change["diff_ci_high"] < 0


def audit(published: pd.DataFrame, results: pd.DataFrame) -> pd.DataFrame:
    """Every published value beside what the build computed, with a verdict.

    Verdicts: ``reproduced`` (the computed share rounds to the printed value, or a count or
    share lies inside the text's bounds), ``differs``, ``not computed`` (no such item and wave
    in the data), and ``report inconsistent`` for a text value outside its bounds that the
    published record marks as contradicted by the report's own table. A value this edition
    chose (``assumed``) is never ``reproduced``: it is ``chosen`` where the data holds it (it
    trivially agrees with itself) and ``differs`` where the data does not.
    """
    keys = ["item", "wave", "response"]
    merged = published.merge(results[[*keys, "n", "count", "percent"]], on=keys, how="left")
    verdicts, computed, admits = [], [], []
    for _, row in merged.iterrows():
        interval = interval_of(row)
        admits.append(str(interval))
        if pd.isna(row["n"]):
            verdicts.append("not computed")
            computed.append(float("nan"))
            continue
        value = float(row["count"]) if row["unit"] == "count" else float(row["percent"])
        computed.append(value)
        if value in interval:
            verdicts.append("chosen" if row["provenance"] == "assumed" else "reproduced")
        elif row["contradicts_table"]:
            verdicts.append("report inconsistent")
        else:
            verdicts.append("differs")
    merged["computed"] = computed
    merged["admits"] = admits
    merged["verdict"] = verdicts
    columns = ["item", "wave", "response", "provenance", "unit", "value", "admits", "computed",
               "n", "count", "verdict", "section", "quote", "contradicts_table", "note"]
    return merged[columns]


def audit_response_rates(rates: pd.DataFrame, responses: pd.DataFrame,
                         populations: dict[int, int] | None = None) -> pd.DataFrame:
    """The published respondents and response rates beside those counted in the data.

    ``populations`` are the data file's own (its dataset description): the rate is computed
    from them, and without one for a wave no rate is computed. ``None`` means the report's
    own populations (the shipped reconstruction, whose description gives the same). A printed
    rate within one point of the computed one, but not what rounding gives, is ``rounding``
    (19 of 24 is 79.2 %, printed 80 %); further off it is ``report inconsistent``.
    """
    counted = responses.groupby("wave")["respondent_id"].nunique()
    rows = []
    for _, rate in rates.iterrows():
        wave, population = int(rate["wave"]), int(rate["population"])
        own = population if populations is None else populations.get(wave)
        n = int(counted.get(wave, 0))
        computed = 100 * n / own if own and n <= own else float("nan")
        printed = float(rate["response_rate_percent"])
        if n != int(rate["respondents"]):
            verdict = "differs"
        elif computed in Interval.around(printed):
            verdict = "reproduced"
        elif abs(computed - printed) < 1:
            verdict = "rounding"
        elif pd.isna(computed):
            verdict = ""
        else:
            verdict = "report inconsistent"
        rows.append((wave, population, int(rate["respondents"]), n, printed, own, computed,
                     verdict, rate["quote"]))
    return pd.DataFrame(rows, columns=["wave", "population", "respondents", "counted",
                                       "response_rate_percent", "file_population",
                                       "computed_rate", "verdict", "quote"])


def table_3_1(results: pd.DataFrame) -> pd.DataFrame:
    """Table 3.1's layout: one row per capital source; Forverret/Uendret/Forbedret, each with
    every wave, latest first (2010, 2009 in the report)."""
    q1 = results[results["item"].str.startswith("q1_")]
    wide = q1.pivot_table(index="item", columns=["response", "wave"], values="percent",
                          sort=False)
    order = [name for name in items("q1").index if name in wide.index]
    order += [name for name in wide.index if name not in order]  # a user's extra items last
    waves = sorted(q1["wave"].unique(), reverse=True)
    columns = [(level, int(wave)) for level in LEVELS for wave in waves]
    return wide.reindex(index=order, columns=pd.MultiIndex.from_tuples(columns))
