"""Drawing and saving the survey figures, byte for byte the same on every run."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display; the same output in a kernel, a script or CI

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from klyngekrise.files import write_if_changed  # noqa: E402
from klyngekrise.io import LEVELS  # noqa: E402
from klyngekrise.text import percent  # noqa: E402

# Okabe-Ito colours: safe for colour-blind readers; 2009 light and 2010 dark in greyscale.
WAVE_COLOURS = {2009: "#E69F00", 2010: "#005A8C"}  # Okabe-Ito orange; its blue, darkened
LEVEL_COLOURS = {"forverret": "#D55E00", "uendret": "#DDDDDD", "forbedret": "#005A8C"}
LEVEL_TEXT = {"forverret": "white", "uendret": "black", "forbedret": "white"}
ASSUMED_HATCH = "////"
STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs everywhere
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "klyngekrise",  # fixed clip-path ids in SVG
    "hatch.linewidth": 0.8,
}
LABEL_WIDTH = 48
BAR_HEIGHT = 0.38


def _wrap(text: str) -> str:
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


def draw_waves(data: pd.DataFrame, item_labels: dict[str, str], words: dict, language: str,
               intervals: bool) -> plt.Figure:
    """Horizontal bars, 2009 above 2010 for each item, items top to bottom in report order.

    An item missing in a wave (not asked) gets no bar. Bars whose value the report does not
    state (provenance ``assumed``) are hatched.
    """
    items = list(item_labels)
    waves = sorted(data["wave"].unique())
    n_by_wave = data.groupby("wave")["n"].agg(["min", "max"])
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 0.62 * len(items) + 1.3))
        offsets = {w: (i - (len(waves) - 1) / 2) * BAR_HEIGHT for i, w in enumerate(waves)}
        for wave in waves:
            rows = data[data["wave"] == wave].set_index("item")
            for position, item in enumerate(items):
                if item not in rows.index:
                    continue
                row = rows.loc[item]
                y = position + offsets[wave]
                assumed = row["provenance"] == "assumed"
                ax.barh(y, row["percent"], height=BAR_HEIGHT, color=WAVE_COLOURS.get(wave),
                        hatch=ASSUMED_HATCH if assumed else None, edgecolor="white",
                        linewidth=0)
                if intervals:
                    _whisker(ax, row, y)
                # Just past the bar's end, on white, above the whisker: readable on any bar.
                ax.text(row["percent"] + 0.8, y, percent(row["percent"], language),
                        va="center", ha="left", fontsize=7.5, zorder=5,
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white",
                              "edgecolor": "none"})
        ax.set_yticks(range(len(items)), [_wrap(item_labels[i]) for i in items])
        ax.invert_yaxis()
        _percent_axis(ax, language, words["share_axis"])
        handles = []
        for wave in waves:
            low, high = n_by_wave.loc[wave]
            n_text = f"{low}" if low == high else f"{low}–{high}"
            handles.append(Patch(color=WAVE_COLOURS.get(wave),
                                 label=words["legend_wave"].format(wave=wave, n=n_text)))
        if (data["provenance"] == "assumed").any():
            handles.append(Patch(facecolor="#888888", hatch=ASSUMED_HATCH, edgecolor="white",
                                 linewidth=0, label=words["assumed_legend"]))
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0),
                  ncol=len(handles), frameon=False, fontsize=8)
        fig.tight_layout()
    return fig


def draw_stacked(data: pd.DataFrame, item_labels: dict[str, str], words: dict, language: str,
                 intervals: bool) -> plt.Figure:
    """Figure 3.1: one stacked bar per item, worse / unchanged / better, one wave."""
    items = [i for i in item_labels if i in set(data["item"])]
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 0.5 * len(items) + 1.3))
        for position, item in enumerate(items):
            rows = data[data["item"] == item].set_index("response")
            left = 0.0
            for level in LEVELS:
                row = rows.loc[level]
                assumed = row["provenance"] == "assumed"
                ax.barh(position, row["percent"], left=left, height=0.62,
                        color=LEVEL_COLOURS[level], edgecolor="white", linewidth=0.6,
                        hatch=ASSUMED_HATCH if assumed else None)
                if row["percent"] >= 6:
                    ax.text(left + row["percent"] / 2, position, percent(row["percent"], language),
                            ha="center", va="center", fontsize=8, color=LEVEL_TEXT[level])
                left += row["percent"]
            if intervals:  # below the bar, clear of the segment labels
                _whisker(ax, rows.loc["forverret"], position + 0.4)
        n_of = data.groupby("item")["n"].first()
        ax.set_yticks(range(len(items)),
                      [_wrap(f"{item_labels[i]} ({words['n_label'].format(n=n_of[i])})")
                       for i in items])
        ax.invert_yaxis()
        _percent_axis(ax, language, words["share_axis"])
        handles = [Patch(color=LEVEL_COLOURS[level], label=words["levels"][level])
                   for level in LEVELS]
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3,
                  frameon=False, fontsize=8)
        fig.tight_layout()
    return fig


def save(fig: plt.Figure, stem: Path, formats: list[str]) -> dict[str, Path]:
    """Write the figure in each format, with no date or version stamped into the file."""
    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    }
    written = {}
    with plt.rc_context(STYLE):
        for fmt in formats:
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=150, metadata=metadata[fmt])
            path = stem.with_suffix(f".{fmt}")
            write_if_changed(path, buffer.getvalue())
            written[fmt] = path
    plt.close(fig)
    return written


def draw_values(labels: list[str], values: list[float], texts: list[str], xlabel: str,
                upper: list[float] | None = None) -> plt.Figure:
    """Plain horizontal bars for numbers the report's text gives; an optional upper value draws
    a range (the bar to the lower value, a line on to the upper)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 0.55 * len(labels) + 1.1))
        top = max(upper or values)
        for y, (value, text) in enumerate(zip(values, texts, strict=True)):
            ax.barh(y, value, height=0.6, color=WAVE_COLOURS[2010])
            end = value
            if upper is not None and upper[y] > value:
                ax.plot([value, upper[y]], [y, y], color="#333333", linewidth=1.2)
                end = upper[y]
            ax.text(end + top * 0.01, y, text, va="center", ha="left", fontsize=8)
        ax.set_yticks(range(len(labels)), [_wrap(label) for label in labels])
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.15)
        ax.set_xlabel(xlabel)
        ax.xaxis.grid(True, color="#E5E5E5", linewidth=0.6)
        ax.set_axisbelow(True)
        fig.tight_layout()
    return fig
