"""The report's statements in one small language, read and checked by this module alone.

Two registers are written in it: ``data/published/claims.csv`` (chapter 3's comparative claims,
which the figures' prose words and checks) and ``data/published/constraints.csv`` (what the
report says of programmes and named organisations, which the reconstruction must hold). Each
row's ``check`` is one statement.

Answers (who is counted):

- ``ITEM`` or ``ITEM:RESPONSE``: gave that response to the item. RESPONSE is a level
  (``forverret``, ``uendret``, ``forbedret``) for a capital-access item, ``ticked`` or
  ``unticked`` (answered the question, left this box empty) for a tick box; without it,
  ``forverret`` or ``ticked``.
- ``QUESTION*`` or ``QUESTION*:RESPONSE`` (e.g. ``q1*:forverret``): gave that response for
  more than half of the question's items.
- answers joined by ``&`` (both) and ``|`` (either), grouped by parentheses.

Numbers, each of one wave's respondents, of one programme (``NCE``, ``Arena``) or all:

- ``share(ANSWER, WAVE[, PROGRAMME])``: percent of those who answered (any item the answer
  names: a tick-box question is answered by ticking one of its boxes).
- ``count(ANSWER, WAVE[, PROGRAMME])``: how many.

Statements:

- ``share(...) OP NUMBER``, ``count(...) OP NUMBER``; ``share(...) OP share(...)``,
  ``count(...) OP count(...)``
- ``ANSWER WAVE OP WAVE`` (the same answer's share in two waves)
- ``ITEM[:RESPONSE] is top in WAVE`` (no item of its question has a larger share)
- ``ITEM[:RESPONSE] is among the K largest falls from WAVE to WAVE``
- ``most of QUESTION[:RESPONSE] WAVE OP WAVE`` (holds for more than half of its items)

OP is ``>``, ``<``, ``>=``, ``<=``, ``=``, ``≈`` (within ABOUT_EQUAL points, or counts) or
``~`` (within chance: the Newcombe 95 % interval of the difference holds zero). An empty
check is a claim the data cannot test.

A check is evaluated on the data (each value a point) or on the published record (each value
the interval its printed number or words admit; a value the report does not give, such as one
programme's, spans [0, 100]). A claim the published numbers *fix* holds for every value they
admit; a claim they leave *open* rests on values the report does not give. Comparisons of two
independent groups (two waves, or NCE against Arena) carry the Newcombe interval of left
minus right.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from dataclasses import dataclass, field

import pandas as pd

from klyngekrise import paths
from klyngekrise.contract import LEVELS, PROGRAMMES
from klyngekrise.io import items
from klyngekrise.processing import TICKED, Interval, interval_of, newcombe_interval

ABOUT_EQUAL = 10.0  # points: "about as many", "no difference" (the reconstruction's tolerance)
OPEN_END = 1e-6  # how far inside an open bound the published span starts
HOLDS, FAILS, OPEN = "holds", "fails", "open"
NOT_CHECKABLE = "not checkable"
NOT_COMPUTED = "not computed"
UNTICKED = "unticked"
OPERATORS = (">", "<", ">=", "<=", "=", "≈", "~")
CLAIMS = paths.PUBLISHED_DIR / "claims.csv"
CONSTRAINTS = paths.PUBLISHED_DIR / "constraints.csv"


class StatementError(ValueError):
    """A check that cannot be read or evaluated; the message names the check and the fault."""


# -- answers -----------------------------------------------------------------------------------
@functools.cache
def _kinds() -> dict[str, str]:
    """Every shipped item's type (level or tick): the items a statement may name."""
    return items()["type"].to_dict()


def _responses(item: str) -> tuple[str, ...]:
    return LEVELS if _kinds()[item] == "level" else (TICKED, UNTICKED)


def _mask(column: pd.Series, response: str) -> pd.Series:
    wanted = 1 if response == TICKED else 0 if response == UNTICKED else response
    return (column == wanted).fillna(False).astype(bool)


def _column(frame: pd.DataFrame, item: str) -> pd.Series:
    if item not in frame.columns:
        raise StatementError(f"no column {item!r} in the respondent file")
    return frame[item]


@dataclass(frozen=True)
class Given:
    """Gave ``response`` to ``item``."""

    item: str
    response: str

    def mask(self, frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
        """Per respondent: counted, and answered (the item is not empty)."""
        column = _column(frame, self.item)
        return _mask(column, self.response), column.notna()


@dataclass(frozen=True)
class Mostly:
    """Gave ``response`` for more than half of ``question``'s items."""

    question: str
    response: str

    def mask(self, frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
        names = list(items(self.question).index)
        given = pd.concat([_mask(_column(frame, n), self.response) for n in names], axis=1)
        answered = frame[names].notna().any(axis=1)
        return (given.sum(axis=1) > len(names) / 2) & answered, answered


@dataclass(frozen=True)
class Joined:
    """``&`` (all of ``parts``) or ``|`` (any of them)."""

    how: str
    parts: tuple

    def mask(self, frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
        masks = [part.mask(frame) for part in self.parts]
        combine = operator.and_ if self.how == "&" else operator.or_
        counted, answered = masks[0]
        for more_counted, more_answered in masks[1:]:
            counted, answered = combine(counted, more_counted), answered | more_answered
        return counted, answered


# -- reading a check ---------------------------------------------------------------------------
_TOKEN = re.compile(r"\s*(?:(?P<number>-?\d+(?:\.\d+)?)|(?P<name>q\d+\*|[A-Za-z_]\w*)"
                    r"|(?P<op>>=|<=|=|>|<|≈|~)|(?P<mark>[(),:&|]))")


@dataclass(frozen=True)
class Check:
    """A check read: its form (value, pair, waves, top, falls, most), its parts as text (for
    wording it: ``a``, ``ar``, ``aw``, ``ap``, ``af``, ``op``, ``number``, ``b``..., ``w1``,
    ``w2``, ``k``, ``q``, ``r``) and the answers it counts."""

    text: str
    form: str
    parts: dict = field(hash=False)
    answers: dict = field(hash=False)


class _Reader:
    def __init__(self, text: str):
        self.text, self.tokens, at = text, [], 0
        while at < len(text.rstrip()):
            match = _TOKEN.match(text, at)
            if not match:
                self.fail(f"cannot read {text[at:].strip()[:12]!r}")
            kind = match.lastgroup
            self.tokens.append((kind, match.group(kind)))
            at = match.end()
        self.at = 0

    def fail(self, why: str):
        raise StatementError(f"check not understood: {self.text!r}: {why}; the language is "
                             "in klyngekrise.statements (and data/README.md)")

    def peek(self, offset: int = 0) -> tuple[str, str]:
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else ("end", "")

    def take(self, kind: str, value: str | None = None, what: str = "") -> str:
        got_kind, got = self.peek()
        if got_kind != kind or (value is not None and got != value):
            shown = "the end" if got_kind == "end" else repr(got)
            self.fail(f"expected {what or repr(value) or kind}, found {shown}")
        self.at += 1
        return got

    def words(self, *words: str) -> None:
        for word in words:
            self.take("name", word)

    def wave(self) -> str:
        return self.take("number", what="a wave (a year)")

    def op(self) -> str:
        return self.take("op", what="one of " + " ".join(OPERATORS))

    def programme(self) -> str:
        name = self.take("name", what="a programme")
        if name not in PROGRAMMES:
            self.fail(f"programme {name!r}; allowed: " + ", ".join(PROGRAMMES))
        return name

    # ANSWER := JOINED ("|" JOINED)* ; JOINED := ATOM ("&" ATOM)* ; ATOM := TERM | "(" ANSWER ")"
    def answer(self):
        return self._joined("|", lambda: self._joined("&", self._atom))

    def _joined(self, how: str, part):
        parts = [part()]
        while self.peek() == ("mark", how):
            self.at += 1
            parts.append(part())
        return parts[0] if len(parts) == 1 else Joined(how, tuple(parts))

    def _atom(self):
        if self.peek() == ("mark", "("):
            self.at += 1
            inner = self.answer()
            self.take("mark", ")")
            return inner
        name, response = self.term()
        if name.endswith("*"):
            return Mostly(name[:-1], response)
        return Given(name, response)

    def term(self) -> tuple[str, str]:
        """ITEM[:RESPONSE] or QUESTION*[:RESPONSE], checked against the codebook."""
        name = self.take("name", what="an item (e.g. q2_ettersporsel) or a question (q1*)")
        if name.endswith("*"):
            return name, self.response(name, self.first_item(name[:-1]))[0]
        if name not in _kinds():
            self.fail(f"no item {name!r} in the codebook")
        return name, self.response(name, name)[0]

    def first_item(self, question: str) -> str:
        book = items(question).index
        if not len(book):
            self.fail(f"no question {question!r} in the codebook")
        return book[0]

    def response(self, name: str, item: str) -> tuple[str, str | None]:
        """An optional ``:RESPONSE`` after ``name``, allowed for ``item``'s type: the response
        (the default where none is written) and what was written."""
        allowed = _responses(item)
        if self.peek() != ("mark", ":"):
            return allowed[0], None
        self.at += 1
        written = self.take("name", what="a response")
        if written not in allowed:
            self.fail(f"{name}: response {written!r}; allowed: " + ", ".join(allowed))
        return written, written

    def number_term(self, side: str, parts: dict, answers: dict) -> None:
        """share(ANSWER, WAVE[, PROGRAMME]) or count(...), its parts named a... or b..."""
        parts[side + "f"] = self.take("name", what="share(...) or count(...)")
        if parts[side + "f"] not in ("share", "count"):
            self.fail(f"expected share(...) or count(...), found {parts[side + 'f']!r}")
        self.take("mark", "(")
        answers[side], parts[side], parts_r = self._answer_text()
        if parts_r:
            parts[side + "r"] = parts_r
        self.take("mark", ",")
        parts[side + "w"] = self.wave()
        if self.peek() == ("mark", ","):
            self.at += 1
            parts[side + "p"] = self.programme()
        self.take("mark", ")")

    def _answer_text(self) -> tuple[object, str, str | None]:
        """An answer, the name it gives (the item, ``q1*``, or its text if joined) and the
        response as written (None where it is left to the default)."""
        start = self.at
        answer = self.answer()
        written = [token for _, token in self.tokens[start:self.at]]
        if isinstance(answer, Joined):
            return answer, " ".join(written), None
        name = answer.item if isinstance(answer, Given) else answer.question + "*"
        return answer, name, written[written.index(":") + 1] if ":" in written else None

    def read(self) -> Check:
        parts, answers = {}, {}
        kind, word = self.peek()
        if kind == "name" and word in ("share", "count") and self.peek(1) == ("mark", "("):
            self.number_term("a", parts, answers)
            parts["op"] = self.op()
            if self.peek()[0] == "number":
                form, parts["number"] = "value", self.take("number")
            else:
                form = "pair"
                self.number_term("b", parts, answers)
        elif (kind, word) == ("name", "most") and self.peek(1) == ("name", "of"):
            self.words("most", "of")
            form = "most"
            question = parts["q"] = self.take("name", what="a question (e.g. q5)")
            response, written = self.response(question, self.first_item(question))
            if written:
                parts["r"] = written
            answers["q"] = Mostly(question, response)
            parts["w1"], parts["op"], parts["w2"] = self.wave(), self.op(), self.wave()
        else:
            answers["a"], parts["a"], response = self._answer_text()
            if response:
                parts["ar"] = response
            if self.peek() == ("name", "is"):
                if not isinstance(answers["a"], Given):
                    self.fail("'is top' and 'is among' take one item")
                self.words("is")
                if self.peek() == ("name", "top"):
                    form = "top"
                    self.words("top", "in")
                    parts["w1"] = self.wave()
                else:
                    form = "falls"
                    self.words("among", "the")
                    parts["k"] = self.take("number", what="how many (K)")
                    self.words("largest", "falls", "from")
                    parts["w1"] = self.wave()
                    self.words("to")
                    parts["w2"] = self.wave()
            else:
                form = "waves"
                parts["w1"], parts["op"], parts["w2"] = self.wave(), self.op(), self.wave()
        if self.peek()[0] != "end":
            self.fail(f"unexpected {self.peek()[1]!r} after the statement")
        return Check(self.text, form, parts, answers)


@functools.cache
def read(check: str) -> Check:
    """One check, read (see the module's docstring for the language)."""
    return _Reader(check.strip()).read()


def parse(check: str) -> tuple[str, dict]:
    """A check's form (value, pair, waves, top, falls, most) and its parts, for wording it."""
    statement = read(check)
    return statement.form, dict(statement.parts)


# -- values: points from the data, spans from the published record -----------------------------
@dataclass(frozen=True)
class Key:
    answer: object
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
    raise StatementError(f"operator {op!r} needs counts")


class Values:
    """Shares and counts from the respondents (points) or from the published record (spans)."""

    def __init__(self, responses: pd.DataFrame | None = None,
                 published: pd.DataFrame | None = None):
        self.responses, self.published = responses, published
        # A register asks for the same group and the same count many times over; each is
        # worked out once (the frames are not changed while a register is checked).
        self._groups: dict[tuple[int, str], pd.DataFrame] = {}
        self._counts: dict[Key, tuple[int, int] | None] = {}
        self._spans: dict[tuple[Key, str], Span] = {}
        if published is not None:
            stated = published[(published["provenance"] != "assumed")
                               & ~published["contradicts_table"]]
            self._stated = {key: rows for key, rows in
                            stated.groupby(["item", "wave", "response", "unit"], sort=False)}

    @property
    def from_data(self) -> bool:
        return self.responses is not None

    def _group(self, wave: int, programme: str) -> pd.DataFrame:
        if (wave, programme) not in self._groups:
            people = self.responses[self.responses["wave"] == wave]
            if programme != "all":
                people = people[people["programme"] == programme]
            self._groups[wave, programme] = people
        return self._groups[wave, programme]

    def count_n(self, key: Key) -> tuple[int, int] | None:
        """count and n in the data; None if nobody in that group answered."""
        if key not in self._counts:
            counted, answered = key.answer.mask(self._group(key.wave, key.programme))
            n = int(answered.sum())
            self._counts[key] = None if n == 0 else (int((counted & answered).sum()), n)
        return self._counts[key]

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
        if (key, unit) not in self._spans:
            self._spans[key, unit] = self._work_out_published_span(key, unit)
        return self._spans[key, unit]

    def _work_out_published_span(self, key: Key, unit: str) -> Span:
        unknown = Span(0.0, math.inf) if unit == "count" else Span(0.0, 100.0)
        if key.programme != "all" or not isinstance(key.answer, Given):
            return unknown  # the report prints no programme split, nor joined answers
        rows = self._stated.get((key.answer.item, key.wave, key.answer.response, unit))
        if rows is None:
            return unknown
        low, high = unknown.low, unknown.high
        for _, row in rows.iterrows():
            admitted: Interval = interval_of(row)
            # An open end ("over halvparten": (50, 100]) excludes its bound.
            own_low = admitted.low + (0 if admitted.low_closed else OPEN_END)
            own_high = admitted.high - (0 if admitted.high_closed else OPEN_END)
            low, high = max(low, own_low), min(high, own_high)
        return Span(low, high)


def _key(check: Check, side: str, wave: str | None = None) -> Key:
    return Key(check.answers[side], int(wave or check.parts[side + "w"]),
               check.parts.get(side + "p", "all"))


def _question_items(item: str) -> list[str]:
    return list(items(item.split("_")[0]).index)


@dataclass
class Result:
    outcome: bool | None          # on these values: holds, fails, or cannot be told
    computed: str = ""            # the values compared, for the reader
    interval: tuple[float, float] | None = None  # Newcombe, left minus right, in points
    left: float = math.nan        # on the data: the value (percent or count) on the left
    right: float = math.nan       # ... and the one it is compared with (or the items' count)
    rank: str = ""                # falls: the item's place among the falls ("3" or "2–3")


def _pair(a: Key, op: str, b: Key, values: Values, unit: str = "percent") -> Result:
    left, right = values.span(a, unit), values.span(b, unit)
    if left is None or right is None:
        return Result(None, NOT_COMPUTED)
    interval = None
    independent = a.wave != b.wave or a.programme != b.programme
    if values.from_data and independent and a.answer == b.answer:
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


def _unit(check: Check, side: str = "a") -> str:
    return "count" if check.parts.get(side + "f") == "count" else "percent"


def _value(check: Check, values: Values) -> Result:
    unit, number = _unit(check), float(check.parts["number"])
    got = values.span(_key(check, "a"), unit)
    if got is None:
        return Result(None, NOT_COMPUTED)
    if check.parts["op"] == "~":
        raise StatementError(f"{check.text!r}: '~' compares two groups, not a value and a number")
    return Result(_compare(got, check.parts["op"], Span(number, number)), _one(got, unit),
                  left=got.low if values.from_data else math.nan)


def _pair_form(check: Check, values: Values) -> Result:
    if check.parts["af"] != check.parts["bf"]:
        raise StatementError(f"{check.text!r}: a statement compares shares with shares, counts "
                             "with counts")
    return _pair(_key(check, "a"), check.parts["op"], _key(check, "b"), values, _unit(check))


def _waves(check: Check, values: Values) -> Result:
    return _pair(_key(check, "a", check.parts["w1"]), check.parts["op"],
                 _key(check, "a", check.parts["w2"]), values)


def _top(check: Check, values: Values) -> Result:
    key = _key(check, "a", check.parts["w1"])
    own = values.span(key)
    others = [values.span(Key(Given(i, key.answer.response), key.wave, key.programme))
              for i in _question_items(key.answer.item) if i != key.answer.item]
    others = [o for o in others if o is not None]
    if own is None or not others:
        return Result(None, NOT_COMPUTED)
    highest = Span(max(o.low for o in others), max(o.high for o in others))
    points = {"left": own.low, "right": highest.low} if values.from_data else {}
    return Result(_compare(own, ">=", highest), _shown(own, highest), **points)


def _falls(check: Check, values: Values) -> Result:
    given: Given = check.answers["a"]
    w1, w2, k = int(check.parts["w1"]), int(check.parts["w2"]), int(check.parts["k"])

    def fall(item: str) -> Span | None:
        before = values.span(Key(Given(item, given.response), w1))
        after = values.span(Key(Given(item, given.response), w2))
        return None if before is None or after is None else before - after

    own = fall(given.item)
    others = [f for f in (fall(i) for i in _question_items(given.item) if i != given.item)
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


def _most(check: Check, values: Values) -> Result:
    response = check.answers["q"].response
    w1, w2, op = int(check.parts["w1"]), int(check.parts["w2"]), check.parts["op"]
    outcomes = []
    for item in items(check.parts["q"]).index:
        a, b = Key(Given(item, response), w1), Key(Given(item, response), w2)
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


def evaluate(check: str, values: Values) -> Result:
    """One statement on one set of values (see the module's docstring for the language)."""
    statement = read(check)
    return _EVALUATORS[statement.form](statement, values)


def _evaluate_row(check: str, values: Values, where: str) -> Result:
    """``evaluate``, with any fault named by the register's file and row."""
    try:
        return evaluate(check, values)
    except StatementError as err:
        raise StatementError(f"{where}: {err}") from None


# -- the claims register -----------------------------------------------------------------------
CLAIM_COLUMNS = ["id", "section", "figure", "quote", "check", "computed", "holds",
                 "diff_ci_low", "diff_ci_high", "within_chance", "published", "left", "right",
                 "rank"]


def load_claims() -> pd.DataFrame:
    """The register of the original's comparative and ordinal claims (chapter 3)."""
    return pd.read_csv(CLAIMS, dtype=str, keep_default_na=False)


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
        where = f"{paths.shown(CLAIMS)}, claim {claim['id']}"
        got, fixed = _evaluate_row(check, data, where), _evaluate_row(check, record, where)
        low, high = got.interval if got.interval else (math.nan, math.nan)
        chance = "" if got.interval is None else ("yes" if low <= 0 <= high else "no")
        holds = NOT_COMPUTED if got.computed == NOT_COMPUTED else _word(got.outcome)
        rows.append((claim["id"], claim["section"], figure, claim["quote"], check,
                     got.computed, holds, low, high, chance, _word(fixed.outcome), got.left,
                     got.right, got.rank))
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _word(outcome: bool | None) -> str:
    return {True: HOLDS, False: FAILS, None: OPEN}[outcome]


# -- the constraints register ------------------------------------------------------------------
def load_constraints() -> pd.DataFrame:
    """What the report says of programmes and named organisations, one row per wave."""
    return pd.read_csv(CONSTRAINTS, dtype={"wave": int}, keep_default_na=False)


def _comparison(statement: Check, got: Result) -> str:
    """A constraint's sides as computed, with its operator: '6 >= 5'."""
    if got.computed == NOT_COMPUTED or statement.form not in ("value", "pair"):
        return got.computed
    unit = _unit(statement)
    right = float(statement.parts["number"]) if statement.form == "value" else got.right
    return (f"{_one(Span(got.left, got.left), unit)} {statement.parts['op']} "
            f"{_one(Span(right, right), unit)}")


def check_constraints(responses: pd.DataFrame,
                      constraints: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every constraint with its computed comparison and whether it holds in the data (one
    that cannot be computed, e.g. no respondent of its programme, does not hold)."""
    constraints = load_constraints() if constraints is None else constraints
    data, rows = Values(responses=responses), []
    for _, c in constraints.iterrows():
        where = f"{paths.shown(CONSTRAINTS)}, constraint {c['id']} ({c['wave']})"
        got = _evaluate_row(c["check"], data, where)
        rows.append({"id": c["id"], "wave": int(c["wave"]), "section": c["section"],
                     "computed": _comparison(read(c["check"]), got),
                     "holds": got.outcome is True})
    return pd.DataFrame(rows)


def failures(responses: pd.DataFrame, constraints: pd.DataFrame | None = None) -> list[str]:
    """One line per constraint that does not hold."""
    result = check_constraints(responses, constraints)
    return [f"{r['id']} ({r['wave']}, §{r['section']}): {r['computed']} does not hold"
            for _, r in result[~result["holds"]].iterrows()]
