"""The house style of every survey figure, in one place: colours, fonts, hatching, axis, legend.

A notebook draws its bars with seaborn and then applies the rest in one call::

    style.use()                                   # theme and fonts, once per notebook
    fig, ax = plt.subplots(figsize=style.size(table))
    sns.barplot(table, y="label", x="percent", hue="wave", palette=style.WAVE_COLOURS, ...)
    style.waves(ax, table, language="nb")         # hatching, whiskers, percent axis, legend

Any choice can be overridden in one line, for example
``style.use(wave_colours={2009: "#999999", 2010: "#222222"})``.

The contrast rule: the two waves' colours differ in greyscale by at least 3:1 (WCAG 2.1's
contrast for graphical objects), so a reader tells the waves apart in black-and-white print
or without colour vision. ``use`` refuses colours that break it, and a test checks the defaults.
"""

from __future__ import annotations

import textwrap
from contextlib import contextmanager

import pandas as pd

from klyngekrise.errors import InputError
from klyngekrise.io import LEVELS  # Figure 3.1's order, left to right
from klyngekrise.text import percent, strings

# Okabe-Ito colours: safe for colour-blind readers; 2009 light and 2010 dark in greyscale.
WAVE_COLOURS = {2009: "#E69F00", 2010: "#005A8C"}  # Okabe-Ito orange; its blue, darkened
LEVEL_COLOURS = {"forverret": "#D55E00", "uendret": "#DDDDDD", "forbedret": "#005A8C"}
LEVEL_TEXT = {"forverret": "white", "uendret": "black", "forbedret": "white"}
ASSUMED_HATCH = "////"  # bars whose value the report does not state
MIN_WAVE_CONTRAST = 3.0
LABEL_WIDTH = 48  # characters per line of an item label
BAR_WIDTH = 0.76  # of one item's slot: two waves side by side, 0.38 each
STACKED_BAR_WIDTH = 0.62
RC = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs everywhere
    "font.size": 9,
    "axes.labelsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "klyngekrise",  # fixed clip-path ids in SVG
    "hatch.linewidth": 0.8,
}


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def grey_contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #RRGGBB colours (1 = same grey, 21 = black on white)."""
    darker, lighter = sorted((_luminance(first), _luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


def check_wave_colours(colours: dict[int, str]) -> None:
    ratio = grey_contrast(*colours.values())
    if ratio < MIN_WAVE_CONTRAST:
        raise InputError(f"wave colours {colours}: greyscale contrast {ratio:.1f}:1; the house "
                         f"style asks at least {MIN_WAVE_CONTRAST:g}:1 so the waves differ "
                         "without colour")


def rc() -> dict:
    """Every matplotlib setting of the house style: seaborn's "ticks" theme, then ours."""
    import seaborn as sns

    return {**sns.axes_style("ticks"), **RC}


def use(wave_colours: dict[int, str] | None = None,
        level_colours: dict[str, str] | None = None) -> None:
    """Apply the house style to this session's plots; optionally override its colours."""
    import matplotlib as mpl

    if wave_colours is not None:
        check_wave_colours({**WAVE_COLOURS, **wave_colours})
        WAVE_COLOURS.update(wave_colours)
    if level_colours is not None:
        LEVEL_COLOURS.update(level_colours)
    mpl.rcParams.update(rc())


@contextmanager
def context():
    """The house style for one drawing, leaving the session's own settings as they were."""
    import matplotlib.pyplot as plt

    with plt.rc_context(rc()):
        yield


def size(table: pd.DataFrame) -> tuple[float, float]:
    """Figure size in inches for a tidy table: about 0.6 inch per item."""
    items = table["item"].nunique()
    stacked = set(table["response"]) <= set(LEVELS)
    return (7.5, (0.5 if stacked else 0.62) * items + 1.3)


def wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, LABEL_WIDTH))


def _whisker(ax, row: pd.Series, y: float) -> None:
    """A Wilson interval as a thin capped line.

    Extents are clamped at zero: a bound equal to the share (0 of n, n of n) may differ from
    it by a rounding hair, and matplotlib refuses a negative extent.
    """
    centre = row["percent"]
    below, above = max(centre - row["ci_low"], 0.0), max(row["ci_high"] - centre, 0.0)
    ax.errorbar(centre, y, xerr=[[below], [above]],
                fmt="none", ecolor="#333333", elinewidth=0.8, capsize=2, capthick=0.8)


def _percent_axis(ax, language: str, xlabel: str) -> None:
    ax.set_xlim(0, 100)
    ticks = range(0, 101, 20)
    ax.set_xticks(list(ticks), [percent(t, language) for t in ticks])
    ax.set_xlabel(xlabel)
    ax.xaxis.grid(True, color="#E5E5E5", linewidth=0.6)
    ax.set_axisbelow(True)


def _legend(ax, handles) -> None:
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncol=len(handles), frameon=False, fontsize=8)


def _assumed_handle(words: dict):
    from matplotlib.patches import Patch

    return Patch(facecolor="#888888", hatch=ASSUMED_HATCH, edgecolor="white", linewidth=0,
                 label=words["assumed_legend"])


def _bars_by_row(ax, table: pd.DataFrame, groups: list, column: str):
    """Pair each drawn bar with its table row: container i holds group i's bars, and a bar's
    centre lies on its item's slot (seaborn leaves out a bar with no row)."""
    labels = list(dict.fromkeys(table["label"]))
    for container, group in zip(ax.containers, groups, strict=False):
        rows = table[table[column] == group].set_index("label")
        for bar in container:
            slot = round(bar.get_y() + bar.get_height() / 2)
            if labels[slot] in rows.index:
                yield bar, rows.loc[labels[slot]], bar.get_y() + bar.get_height() / 2


def waves(ax, table: pd.DataFrame, language: str = "nb", intervals: bool = True) -> None:
    """Finish a bar chart of waves side by side (seaborn's ``hue="wave"``) in the house style.

    Hatches the bars whose value the report does not state (provenance ``assumed``), draws
    the Wilson whiskers and the value beside each bar, wraps the item labels, sets the percent
    axis, and puts each wave's n in the legend.
    """
    from matplotlib.patches import Patch


    words = strings(language)
    wave_list = sorted(table["wave"].unique())
    for bar, row, y in _bars_by_row(ax, table, wave_list, "wave"):
        bar.set_edgecolor("white")
        bar.set_linewidth(0)
        if row["provenance"] == "assumed":
            bar.set_hatch(ASSUMED_HATCH)
        if intervals:
            _whisker(ax, row, y)
        # Just past the bar's end, on white, above the whisker: readable on any bar.
        ax.text(row["percent"] + 0.8, y, percent(row["percent"], language), va="center",
                ha="left", fontsize=7.5, zorder=5,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
    labels = list(dict.fromkeys(table["label"]))
    ax.set_yticks(range(len(labels)), [wrap(label) for label in labels])
    _percent_axis(ax, language, strings(language)["share_axis"])
    ax.set_ylabel("")
    n_by_wave = table.groupby("wave")["n"].agg(["min", "max"])
    handles = []
    for wave in wave_list:
        low, high = n_by_wave.loc[wave]
        n_text = f"{low}" if low == high else f"{low}–{high}"
        handles.append(Patch(color=WAVE_COLOURS.get(wave),
                             label=words["legend_wave"].format(wave=wave, n=n_text)))
    if (table["provenance"] == "assumed").any():
        handles.append(_assumed_handle(words))
    _legend(ax, handles)
    ax.figure.tight_layout()


def stacked(ax, table: pd.DataFrame, language: str = "nb", intervals: bool = True) -> None:
    """Finish Figure 3.1's stacked bars (drawn from the longest, ``forbedret``, to the shortest,
    each bar reaching its cumulative ``end``) in the house style: segment values, hatching,
    the whisker of ``forverret`` under each bar, n per item and the legend."""
    from matplotlib.patches import Patch


    words = strings(language)
    for bar, row, y in _bars_by_row(ax, table, list(reversed(LEVELS)), "response"):
        bar.set_edgecolor("white")
        bar.set_linewidth(0.6)
        if row["provenance"] == "assumed":
            bar.set_hatch(ASSUMED_HATCH)
        left = row["end"] - row["percent"]
        if row["percent"] >= 6:
            ax.text(left + row["percent"] / 2, y, percent(row["percent"], language), ha="center",
                    va="center", fontsize=8, color=LEVEL_TEXT[row["response"]])
        if intervals and row["response"] == "forverret":  # below the bar, clear of the labels
            _whisker(ax, row, y + 0.4)
    first = table.drop_duplicates("item")
    ax.set_yticks(range(len(first)),
                  [wrap(f"{label} ({words['n_label'].format(n=n)})")
                   for label, n in zip(first["label"], first["n"], strict=True)])
    _percent_axis(ax, language, strings(language)["share_axis"])
    ax.set_ylabel("")
    _legend(ax, [Patch(color=LEVEL_COLOURS[level], label=words["levels"][level])
                 for level in LEVELS])
    ax.figure.tight_layout()
