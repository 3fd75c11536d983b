"""The original's comparative claims (data/published/claims.csv), checked against the data.

Each claim's ``check`` is one of these forms (ITEM is an item, or ``q1*`` for "a respondent
who gave RESPONSE for more than half the items of question q1"; ``:RESPONSE``
is needed for capital access, ``ticked`` is the default):

- ``share(ITEM[:RESPONSE], WAVE[, PROGRAMME]) OP NUMBER`` and ``count(...) OP NUMBER``
- ``share(...) OP share(...)``
- ``ITEM[:RESPONSE] WAVE OP WAVE`` (the same item in two waves)
- ``ITEM[:RESPONSE] is top in WAVE`` (no item of its question has a larger share)
- ``ITEM[:RESPONSE] is among the K largest falls from WAVE to WAVE``
- ``most of QUESTION[:RESPONSE] WAVE OP WAVE`` (holds for more than half of its items)

OP is ``>``, ``<``, ``>=``, ``<=``, ``=``, ``≈`` (within ABOUT_EQUAL points) or ``~`` (within
chance: the Newcombe 95 % interval of the difference holds zero). An empty check is a claim
the data cannot test.

Every check is evaluated twice, on the same code: on the data (each value a point) and on
the published record (each value the interval its printed number or words admit; a value
the report does not give spans [0, 100]). A claim the published numbers *fix* holds for
every value they admit; a claim they leave *open* rests on values the report does not give.
Comparisons of two independent groups (two waves, or NCE against Arena) carry the
Newcombe interval of left minus right.
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass

import pandas as pd

from klyngekrise import paths
from klyngekrise.io import LEVELS, items
from klyngekrise.processing import TICKED, Interval, interval_of, newcombe_interval, tally

ABOUT_EQUAL = 10.0  # points: "about as many", "no difference" (the reconstruction's tolerance)
OPEN_END = 1e-6  # how far inside an open bound the published span starts
HOLDS, FAILS, OPEN = "holds", "fails", "open"
NOT_CHECKABLE = "not checkable"
NOT_COMPUTED = "not computed"

_TERM = r"(?P<{n}>q\d+\*|q\d+_\w+)(?::(?P<{n}r>\w+))?"
_OP = r"(?P<op>>=|<=|=|>|<|≈|~)"
_FUNC = r"(?P<{n}f>share|count)\(" + _TERM + r",\s*(?P<{n}w>\d{{4}})(?:,\s*(?P<{n}p>NCE|Arena))?\)"
PATTERNS = {
    "value": re.compile("^" + _FUNC.format(n="a") + r"\s*" + _OP + r"\s*(?P<number>-?[\d.]+)$"),
    "pair": re.compile("^" + _FUNC.format(n="a") + r"\s*" + _OP + r"\s*" + _FUNC.format(n="b")
                       + "$"),
    "waves": re.compile("^" + _TERM.format(n="a") + r" (?P<w1>\d{4}) " + _OP
                        + r" (?P<w2>\d{4})$"),
    "top": re.compile("^" + _TERM.format(n="a") + r" is top in (?P<w1>\d{4})$"),
    "falls": re.compile("^" + _TERM.format(n="a") + r" is among the (?P<k>\d+) largest falls "
                        r"from (?P<w1>\d{4}) to (?P<w2>\d{4})$"),
    "most": re.compile(r"^most of (?P<q>q\d+)(?::(?P<r>\w+))? (?P<w1>\d{4}) " + _OP
                       + r" (?P<w2>\d{4})$"),
}


@dataclass(frozen=True)
class Key:
    item: str
    response: str
    wave: int
    programme: str = "all"


@dataclass(frozen=True)
class Span:
    """A value, or the interval of values the published record admits."""

    low: float
    high: float

    def __sub__(self, other: Span) -> Span:
        return Span(self.low - other.high, self.high - other.low)


def _compare(a: Span, op: str, b: Span) -> bool | None:
    """True or False when every value in the spans agrees; None when they do not."""
    if op in (">", "<", ">=", "<="):
        strict = {">": operator.gt, "<": operator.lt, ">=": operator.ge, "<=": operator.le}[op]
        if op in (">", ">="):
            sure, never = strict(a.low, b.high), not strict(a.high, b.low)
        else:
            sure, never = strict(a.high, b.low), not strict(a.low, b.high)
        return True if sure else False if never else None
    if op == "=":
        if a.low == a.high == b.low == b.high:
            return True
        return False if a.high < b.low or b.high < a.low else None
    if op == "≈":
        gap = a - b
        widest = max(abs(gap.low), abs(gap.high))
        nearest = 0.0 if gap.low <= 0 <= gap.high else min(abs(gap.low), abs(gap.high))
        return True if widest <= ABOUT_EQUAL else False if nearest > ABOUT_EQUAL else None
    raise ValueError(f"operator {op!r} needs counts")


class Values:
    """Shares and counts from the respondents (points) or from the published record (spans)."""

    def __init__(self, responses: pd.DataFrame | None = None,
                 published: pd.DataFrame | None = None):
        self.responses, self.published = responses, published
        self._cache: dict[str, pd.DataFrame] = {}

    @property
    def from_data(self) -> bool:
        return self.responses is not None

    def _table(self, programme: str) -> pd.DataFrame:
        if programme not in self._cache:
            people = self.responses
            if programme != "all":
                people = people[people["programme"] == programme]
            table = tally(people, list(items().index))
            self._cache[programme] = table.set_index(["item", "wave", "response"])
        return self._cache[programme]

    def count_n(self, key: Key) -> tuple[int, int] | None:
        """count and n in the data; None if nobody in that group answered."""
        if key.item.endswith("*"):
            return self._most_items(key)
        table = self._table(key.programme)
        index = (key.item, key.wave, key.response)
        if index not in table.index:
            return None
        row = table.loc[index]
        return int(row["count"]), int(row["n"])

    def _most_items(self, key: Key) -> tuple[int, int] | None:
        people = self.responses[self.responses["wave"] == key.wave]
        if key.programme != "all":
            people = people[people["programme"] == key.programme]
        question = list(items(key.item.rstrip("*")).index)
        answers = people[question]
        answered = answers.notna().sum(axis=1)
        given = (answers == (1 if key.response == TICKED else key.response)).sum(axis=1)
        n = int((answered > 0).sum())
        # "most" of the question's items, as constraints.py's capital_mostly_worse counts it.
        return None if n == 0 else (int(((given > len(question) / 2) & (answered > 0)).sum()), n)

    def span(self, key: Key, unit: str = "percent") -> Span | None:
        if self.from_data:
            got = self.count_n(key)
            if got is None:
                return None
            count, n = got
            value = float(count) if unit == "count" else 100 * count / n
            return Span(value, value)
        return self._published_span(key, unit)

    def _published_span(self, key: Key, unit: str) -> Span:
        unknown = Span(0.0, math.inf) if unit == "count" else Span(0.0, 100.0)
        if key.programme != "all" or key.item.endswith("*"):
            return unknown  # the report prints no programme split
        rows = self.published[(self.published["item"] == key.item)
                              & (self.published["wave"] == key.wave)
                              & (self.published["response"] == key.response)
                              & (self.published["unit"] == unit)
                              & (self.published["provenance"] != "assumed")
                              & ~self.published["contradicts_table"]]
        low, high = unknown.low, unknown.high
        for _, row in rows.iterrows():
            admitted: Interval = interval_of(row)
            # An open end ("over halvparten": (50, 100]) excludes its bound.
            own_low = admitted.low + (0 if admitted.low_closed else OPEN_END)
            own_high = admitted.high - (0 if admitted.high_closed else OPEN_END)
            low, high = max(low, own_low), min(high, own_high)
        return Span(low, high)


def _key(match: re.Match, name: str, wave: str | None = None) -> Key:
    item = match.group(name)
    response = match.group(name + "r") or _default_response(item)
    programme = (match.groupdict().get(name + "p") or "all")
    return Key(item, response, int(wave or match.group(name + "w")), programme)


def _default_response(item: str) -> str:
    return LEVELS[0] if item.startswith("q1") else TICKED


def _question_items(item: str) -> list[str]:
    return list(items(item.split("_")[0].rstrip("*")).index)


@dataclass
class Result:
    outcome: bool | None          # on these values: holds, fails, or cannot be told
    computed: str = ""            # the values compared, for the reader
    interval: tuple[float, float] | None = None  # Newcombe, left minus right, in points
    left: float = math.nan        # on the data: the value (percent or count) on the left
    right: float = math.nan       # ... and the one it is compared with (or the items' count)
    rank: str = ""                # falls: the item's place among the falls ("3" or "2–3")


def parse(check: str) -> tuple[str, dict]:
    """A check's form (value, pair, waves, top, falls, most) and its parts, for wording it."""
    check = check.strip()
    for form, pattern in PATTERNS.items():
        match = pattern.match(check)
        if match:
            return form, {k: v for k, v in match.groupdict().items() if v is not None}
    raise ValueError(f"claim check not understood: {check!r}; forms: see klyngekrise.claims")


def evaluate(check: str, values: Values) -> Result:
    """One claim on one set of values (see the module's docstring for the forms)."""
    check = check.strip()
    for form, pattern in PATTERNS.items():
        match = pattern.match(check)
        if match:
            return _EVALUATORS[form](match, values)
    raise ValueError(f"claim check not understood: {check!r}; forms: see klyngekrise.claims")


def _pair(a: Key, op: str, b: Key, values: Values, unit: str = "percent") -> Result:
    left, right = values.span(a, unit), values.span(b, unit)
    if left is None or right is None:
        return Result(None, NOT_COMPUTED)
    interval = None
    independent = a.wave != b.wave or a.programme != b.programme
    if values.from_data and independent and (a.item, a.response) == (b.item, b.response):
        (ca, na), (cb, nb) = values.count_n(a), values.count_n(b)
        low, high = newcombe_interval(cb, nb, ca, na)  # of a - b
        interval = (low, high)
    points = {"left": left.low, "right": right.low} if values.from_data else {}
    if op == "~":
        if interval is None:
            return Result(None, _shown(left, right, unit), **points)
        return Result(interval[0] <= 0 <= interval[1], _shown(left, right, unit), interval,
                      **points)
    return Result(_compare(left, op, right), _shown(left, right, unit), interval, **points)


def _one(span: Span, unit: str = "percent") -> str:
    """A data value (1 decimal; counts whole) or a published span ([40, 50])."""
    if span.low == span.high:
        return f"{span.low:g}" if unit == "count" else f"{span.low:.1f}"
    return f"[{span.low:g}, {span.high:g}]"


def _shown(left: Span, right: Span, unit: str = "percent") -> str:
    return f"{_one(left, unit)} : {_one(right, unit)}"


def _value(match: re.Match, values: Values) -> Result:
    unit = "count" if match.group("af") == "count" else "percent"
    key = _key(match, "a")
    number = float(match.group("number"))
    got = values.span(key, unit)
    if got is None:
        return Result(None, NOT_COMPUTED)
    if match.group("op") == "~":
        raise ValueError("'~' compares two groups, not a value and a number")
    return Result(_compare(got, match.group("op"), Span(number, number)), _one(got, unit),
                  left=got.low if values.from_data else math.nan)


def _pair_form(match: re.Match, values: Values) -> Result:
    if match.group("af") != match.group("bf"):
        raise ValueError("a claim compares shares with shares, counts with counts")
    unit = "count" if match.group("af") == "count" else "percent"
    return _pair(_key(match, "a"), match.group("op"), _key(match, "b"), values, unit)


def _waves(match: re.Match, values: Values) -> Result:
    return _pair(_key(match, "a", match.group("w1")), match.group("op"),
                 _key(match, "a", match.group("w2")), values)


def _top(match: re.Match, values: Values) -> Result:
    key = _key(match, "a", match.group("w1"))
    own = values.span(key)
    others = [values.span(Key(i, key.response, key.wave, key.programme))
              for i in _question_items(key.item) if i != key.item]
    others = [o for o in others if o is not None]
    if own is None or not others:
        return Result(None, NOT_COMPUTED)
    highest = Span(max(o.low for o in others), max(o.high for o in others))
    points = {"left": own.low, "right": highest.low} if values.from_data else {}
    return Result(_compare(own, ">=", highest), _shown(own, highest), **points)


def _falls(match: re.Match, values: Values) -> Result:
    key = _key(match, "a", match.group("w1"))
    w1, w2, k = int(match.group("w1")), int(match.group("w2")), int(match.group("k"))

    def fall(item: str) -> Span | None:
        before = values.span(Key(item, key.response, w1, key.programme))
        after = values.span(Key(item, key.response, w2, key.programme))
        return None if before is None or after is None else before - after

    own = fall(key.item)
    others = [f for f in (fall(i) for i in _question_items(key.item) if i != key.item)
              if f is not None]
    if own is None:
        return Result(None, NOT_COMPUTED)
    surely_larger = sum(o.low > own.high for o in others)
    maybe_larger = sum(o.high > own.low for o in others)
    outcome = True if maybe_larger < k else False if surely_larger >= k else None
    rank = f"{surely_larger + 1}" if surely_larger == maybe_larger else \
        f"{surely_larger + 1}–{maybe_larger + 1}"
    return Result(outcome, f"{_one(own)} (#{rank} of {len(others) + 1})",
                  left=own.low if values.from_data else math.nan, right=len(others) + 1,
                  rank=rank)


def _most(match: re.Match, values: Values) -> Result:
    question = match.group("q")
    response = match.group("r") or _default_response(question)
    w1, w2, op = int(match.group("w1")), int(match.group("w2")), match.group("op")
    outcomes = []
    for item in items(question).index:
        a, b = Key(item, response, w1), Key(item, response, w2)
        if values.span(a) is None or values.span(b) is None:
            continue  # not asked in both waves
        outcomes.append(_pair(a, op, b, values).outcome)
    if not outcomes:
        return Result(None, NOT_COMPUTED)
    yes, unknown = outcomes.count(True), outcomes.count(None)
    half = len(outcomes) / 2
    outcome = True if yes > half else False if yes + unknown <= half else None
    return Result(outcome, f"{yes} of {len(outcomes)}" if not unknown else
                  f"{yes}–{yes + unknown} of {len(outcomes)}", left=yes, right=len(outcomes))


_EVALUATORS = {"value": _value, "pair": _pair_form, "waves": _waves, "top": _top,
               "falls": _falls, "most": _most}

CLAIM_COLUMNS = ["id", "section", "figure", "quote", "check", "computed", "holds",
                 "diff_ci_low", "diff_ci_high", "within_chance", "published", "left", "right",
                 "rank"]


def load_claims() -> pd.DataFrame:
    """The register of the original's comparative and ordinal claims (chapter 3)."""
    return pd.read_csv(paths.PUBLISHED_DIR / "claims.csv", dtype=str, keep_default_na=False)


def check_claims(claims: pd.DataFrame, responses: pd.DataFrame,
                 published: pd.DataFrame) -> pd.DataFrame:
    """Every claim: what the data gives, whether it holds, its interval, what the published
    numbers alone say (``holds`` = they fix it, ``open`` = it rests on values they leave
    open, ``fails`` = the report's own numbers contradict it)."""
    data, record = Values(responses=responses), Values(published=published)
    rows = []
    for _, claim in claims.iterrows():
        check = claim["check"] if isinstance(claim["check"], str) else ""
        figure = claim.get("figure", "")
        if not check.strip():
            rows.append((claim["id"], claim["section"], figure, claim["quote"], "", "",
                         NOT_CHECKABLE, math.nan, math.nan, "", "", math.nan, math.nan, ""))
            continue
        got, fixed = evaluate(check, data), evaluate(check, record)
        low, high = got.interval if got.interval else (math.nan, math.nan)
        chance = "" if got.interval is None else ("yes" if low <= 0 <= high else "no")
        holds = NOT_COMPUTED if got.computed == NOT_COMPUTED else _word(got.outcome)
        rows.append((claim["id"], claim["section"], figure, claim["quote"], check,
                     got.computed, holds, low, high, chance, _word(fixed.outcome), got.left,
                     got.right, got.rank))
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _word(outcome: bool | None) -> str:
    return {True: HOLDS, False: FAILS, None: OPEN}[outcome]
