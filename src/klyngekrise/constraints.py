"""What the report says about programmes and named organisations, as counts to check.

``data/published/constraints.csv`` holds one row per statement and wave: its section, the few
words that state it, the count it implies in words, and ``check``, a small expression over one
wave's respondents. The vocabulary:

- ``count(P, predicate)``: respondents of programme P (``NCE``, ``Arena`` or ``all``) for whom
  the predicate holds; ``respondents(P)``: all respondents of P in the wave;
  ``share(P, ticked(col))`` or ``share(P, level(col, value))``: percent of P's respondents who
  answered ``col``.
- predicates: ``capital_mostly_worse`` (``forverret`` on more than half of the eight capital
  sources, i.e. at least 5), ``project_changed`` (answered question 8 without ticking
  ``q8_som_planlagt``), ``project_as_planned`` (ticked it), ``ticked(col)``, ``unticked(col)`` (answered the
  question, left this box),
  ``level(col, value)``, ``any_level(value, col, ...)``; combined with ``&`` and ``|``.
- numbers, ``+ - * /``, ``abs()``, and one comparison (``< <= > >= ==``).

Expressions are parsed with ``ast`` and evaluated by this module alone: nothing is ``eval``-ed.
"""

from __future__ import annotations

import ast
import operator

import pandas as pd

from klyngekrise import paths
from klyngekrise.io import items
from klyngekrise.params import PROGRAMME_CHOICES

CONSTRAINTS = paths.PUBLISHED_DIR / "constraints.csv"
_COMPARE = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt,
            ast.GtE: operator.ge, ast.Eq: operator.eq}
_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
               ast.Div: operator.truediv}


class ConstraintError(ValueError):
    pass


def load_constraints() -> pd.DataFrame:
    return pd.read_csv(CONSTRAINTS, dtype={"wave": int}, keep_default_na=False)


class _Wave:
    """One wave's respondents, and the vocabulary of the checks over them."""

    def __init__(self, responses: pd.DataFrame, where: str):
        self.frame = responses.reset_index(drop=True)
        self.where = where

    # -- predicates: a boolean per respondent --------------------------------------------------
    def predicate(self, node: ast.expr) -> pd.Series:
        frame = self.frame
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
            left, right = self.predicate(node.left), self.predicate(node.right)
            return left & right if isinstance(node.op, ast.BitAnd) else left | right
        if isinstance(node, ast.Name):
            if node.id == "capital_mostly_worse":
                q1 = list(items("q1").index)
                return (frame[q1] == "forverret").fillna(False).sum(axis=1) > len(q1) / 2
            if node.id in ("project_changed", "project_as_planned"):
                ticked = frame["q8_som_planlagt"]
                wanted = 0 if node.id == "project_changed" else 1
                return (ticked == wanted).fillna(False).astype(bool)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = [self._word(a) for a in node.args]
            if node.func.id == "ticked" and len(args) == 1:
                return (self._column(args[0]) == 1).fillna(False).astype(bool)
            if node.func.id == "unticked" and len(args) == 1:
                return (self._column(args[0]) == 0).fillna(False).astype(bool)
            if node.func.id == "level" and len(args) == 2:
                return (self._column(args[0]) == args[1]).fillna(False).astype(bool)
            if node.func.id == "any_level" and len(args) >= 2:
                hits = [(self._column(c) == args[0]).fillna(False) for c in args[1:]]
                return pd.concat(hits, axis=1).any(axis=1)
        raise ConstraintError(f"{self.where}: not a predicate: {ast.unparse(node)}")

    def _word(self, node: ast.expr) -> str:
        if isinstance(node, ast.Name):
            return node.id
        raise ConstraintError(f"{self.where}: expected a name, got {ast.unparse(node)}")

    def _column(self, name: str) -> pd.Series:
        if name not in self.frame.columns:
            raise ConstraintError(f"{self.where}: no column {name!r} in the respondent file")
        return self.frame[name]

    def _programme(self, node: ast.expr) -> pd.Series:
        name = self._word(node)
        if name not in PROGRAMME_CHOICES:
            raise ConstraintError(f"{self.where}: programme {name!r}; allowed: "
                                  + ", ".join(PROGRAMME_CHOICES))
        if name == "all":
            return pd.Series(True, index=self.frame.index)
        return self.frame["programme"] == name

    # -- numbers ---------------------------------------------------------------------------------
    def number(self, node: ast.expr) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
            return _ARITHMETIC[type(node.op)](self.number(node.left), self.number(node.right))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name, args = node.func.id, node.args
            if name == "abs" and len(args) == 1:
                return abs(self.number(args[0]))
            if name == "respondents" and len(args) == 1:
                return float(self._programme(args[0]).sum())
            if name == "count" and len(args) == 2:
                return float((self._programme(args[0]) & self.predicate(args[1])).sum())
            if name == "share" and len(args) == 2:
                column = self._column(self._word(args[1].args[0])) if isinstance(
                    args[1], ast.Call) and args[1].args else None
                if column is None:
                    raise ConstraintError(f"{self.where}: share() needs ticked(col) or "
                                          "level(col, value)")
                base = self._programme(args[0]) & column.notna()
                hits = base & self.predicate(args[1])
                return 100 * hits.sum() / base.sum() if base.sum() else 0.0
        raise ConstraintError(f"{self.where}: not a number: {ast.unparse(node)}")

    def holds(self, check: str) -> tuple[bool, str]:
        """Whether the check holds, and the comparison with its computed sides."""
        try:
            tree = ast.parse(check, mode="eval").body
        except SyntaxError as err:
            raise ConstraintError(f"{self.where}: cannot read check {check!r}: {err.msg}") from None
        if not (isinstance(tree, ast.Compare) and len(tree.ops) == 1
                and type(tree.ops[0]) in _COMPARE):
            raise ConstraintError(f"{self.where}: a check is one comparison, got {check!r}")
        left, right = self.number(tree.left), self.number(tree.comparators[0])
        symbol = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "=="}
        shown = f"{left:.3g} {symbol[type(tree.ops[0])]} {right:.3g}"
        return bool(_COMPARE[type(tree.ops[0])](left, right)), shown


def evaluate(responses: pd.DataFrame, constraints: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every constraint with its computed comparison and whether it holds."""
    constraints = load_constraints() if constraints is None else constraints
    rows = []
    for _, c in constraints.iterrows():
        wave = responses[responses["wave"] == int(c["wave"])]
        where = f"{paths.shown(CONSTRAINTS)}, constraint {c['id']} ({c['wave']})"
        holds, shown = _Wave(wave, where).holds(c["check"])
        rows.append({"id": c["id"], "wave": int(c["wave"]), "section": c["section"],
                     "computed": shown, "holds": holds})
    return pd.DataFrame(rows)


def failures(responses: pd.DataFrame, constraints: pd.DataFrame | None = None) -> list[str]:
    """One line per constraint that does not hold."""
    result = evaluate(responses, constraints)
    return [f"{r['id']} ({r['wave']}, §{r['section']}): {r['computed']} does not hold"
            for _, r in result[~result["holds"]].iterrows()]
