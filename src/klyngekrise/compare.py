"""``make compare A=folder B=folder``: every figure value that differs between two builds.

    python -m klyngekrise.compare A B [--out FILE]

Reads the figure and table CSVs of both builds (``<folder>/figures/*.csv`` with the
contract's columns: item, wave, response, n, count, percent) and lists every item, wave and
response whose n, count or percent differs, or that only one build has. Prints the list and
writes it as CSV (by default to ``build/compare.csv`` under the project root).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from klyngekrise import paths
from klyngekrise.errors import InputError

KEYS = ["figure", "item", "wave", "response"]
VALUES = ["n", "count", "percent"]
COLUMNS = [*KEYS, "n_a", "n_b", "count_a", "count_b", "percent_a", "percent_b", "diff",
           "change"]
TOLERANCE = 1e-9  # percentages are the same when equal to this (they are exact ratios)
DEFAULT_OUT = paths.PROJ_ROOT / "build" / "compare.csv"


def figure_values(build: str | Path):
    """Every figure value of one build: its figure CSVs stacked, one row per figure, item,
    wave and response."""
    import pandas as pd

    folder = paths.resolve(build) / "figures"
    if not folder.is_dir():
        raise InputError(f"{build}: no figures/ folder; expected a build folder (the BUILD of "
                         "`make report BUILD=...`, or . for the project's own)")
    frames = []
    for path in sorted(folder.glob("*.csv")):
        frame = pd.read_csv(path)
        if set(["item", "wave", "response", *VALUES]) <= set(frame.columns):
            frames.append(frame[["item", "wave", "response", *VALUES]].assign(figure=path.stem))
    if not frames:
        raise InputError(f"{folder}: no figure CSVs; build it first (make report BUILD={build})")
    return pd.concat(frames, ignore_index=True)[[*KEYS, *VALUES]]


def compare(a: str | Path, b: str | Path):
    """The rows of ``a`` and ``b`` whose values differ, or that one of them lacks."""

    both = figure_values(a).merge(figure_values(b), on=KEYS, how="outer", suffixes=("_a", "_b"),
                                  indicator=True)
    only_a, only_b = both["_merge"] == "left_only", both["_merge"] == "right_only"
    differs = ((both["n_a"] != both["n_b"]) | (both["count_a"] != both["count_b"])
               | ((both["percent_a"] - both["percent_b"]).abs() > TOLERANCE))
    changed = both[only_a | only_b | differs].copy()
    changed["diff"] = changed["percent_b"] - changed["percent_a"]
    changed["change"] = ["only in A" if m == "left_only" else "only in B" if m == "right_only"
                         else "differs" for m in changed["_merge"]]
    for column in ("n_a", "n_b", "count_a", "count_b"):
        changed[column] = changed[column].astype("Int64")
    return changed[COLUMNS].sort_values(KEYS, kind="stable").reset_index(drop=True)


def _shown(value) -> str:
    import pandas as pd

    if pd.isna(value):
        return "–"
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def report(changed, a: str, b: str) -> str:
    """The differences as lines a terminal shows: one per value, with both builds' numbers."""
    if changed.empty:
        return f"no figure value differs between {a} and {b}"
    figures = changed["figure"].nunique()
    lines = [f"{len(changed)} figure value{'s' if len(changed) != 1 else ''} differ between "
             f"A={a} and B={b} (in {figures} figure{'s' if figures != 1 else ''}):"]
    for row in changed.itertuples(index=False):
        a = f"{_shown(row.percent_a)} % ({_shown(row.count_a)}/{_shown(row.n_a)})"
        b = f"{_shown(row.percent_b)} % ({_shown(row.count_b)}/{_shown(row.n_b)})"
        where = f"  {row.figure} {row.item} {row.wave} {row.response}: "
        if row.change == "differs":
            lines.append(f"{where}A {a}, B {b}, {row.diff:+.1f} points")
        else:
            lines.append(f"{where}{row.change}, {a if row.change == 'only in A' else b}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m klyngekrise.compare",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("a", help="the first build folder")
    parser.add_argument("b", help="the second build folder")
    parser.add_argument("--out", default="", help=f"the CSV to write (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    from klyngekrise.files import write_if_changed

    try:
        if not args.a.strip() or not args.b.strip():
            raise InputError("name both builds: make compare A=folder B=folder")
        changed = compare(args.a, args.b)
        out = paths.resolve(args.out) if args.out.strip() else DEFAULT_OUT
        write_if_changed(out, changed.to_csv(index=False, lineterminator="\n"))
    except InputError as err:
        sys.stderr.write(f"error: {err}\n")
        return 1
    except OSError as err:
        sys.stderr.write(f"error: cannot write {err.filename}: {err.strerror}\n")
        return 1
    print(report(changed, args.a, args.b))
    print(f"wrote  {paths.shown(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
