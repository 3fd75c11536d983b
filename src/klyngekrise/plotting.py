"""Drawing and saving the survey figures, byte for byte the same on every run."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from klyngekrise import style
from klyngekrise.files import write_if_changed


def draw_waves(table: pd.DataFrame, language: str = "nb", intervals: bool = True,
               **seaborn) -> plt.Figure:
    """Waves side by side for each item: seaborn's barplot with the house's choices, finished
    by ``style.waves``. This is how every survey notebook draws its figures; any barplot
    argument given (``palette="Greys"``, ``width=0.6``) replaces the house's."""
    with style.context():
        fig, ax = plt.subplots(figsize=style.size(table))
        options = {"palette": style.wave_colours(table), "width": style.BAR_WIDTH,
                   "saturation": 1}
        sns.barplot(table, y="label", x="percent", hue="wave", ax=ax, **{**options, **seaborn})
        style.waves(ax, table, language=language, intervals=intervals)
    return fig


def draw_stacked(table: pd.DataFrame, language: str = "nb", intervals: bool = True,
                 colours: dict | None = None) -> plt.Figure:
    """Stacked bars of any question's levels, one wave (Figure 3.1: worse, unchanged, better):
    the last level's bar first, reaching 100, each earlier level's drawn over its left part.
    ``colours`` maps a level to any matplotlib colour (the house's: ``style.LEVEL_COLOURS``)."""
    table = style.with_ends(table)
    with style.context(level_colours=colours):
        fig, ax = plt.subplots(figsize=style.size(table))
        order = style.levels(table)
        for i, level in reversed(list(enumerate(order))):
            sns.barplot(table[table["response"] == level], y="label", x="end",
                        color=style.level_colour(level, i), width=style.STACKED_BAR_WIDTH,
                        saturation=1, ax=ax)
        style.stacked(ax, table, language=language, intervals=intervals)
    return fig


def save(fig: plt.Figure, stem: Path, formats: list[str]) -> dict[str, Path]:
    """Write the figure in each format, with no date or version stamped into the file."""
    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    }
    written = {}
    with style.context():
        for fmt in formats:
            buffer = io.BytesIO()
            # "tight", as the inline backend shows it: nothing drawn is cut (a legend above the
            # axes included); the box is computed from the artists, so the bytes stay the same.
            fig.savefig(buffer, format=fmt, dpi=150, metadata=metadata[fmt],
                        bbox_inches="tight", pad_inches=0.1)
            path = stem.with_suffix(f".{fmt}")
            write_if_changed(path, buffer.getvalue())
            written[fmt] = path
    plt.close(fig)
    return written


def draw_values(labels: list[str], values: list[float], texts: list[str], xlabel: str,
                upper: list[float] | None = None, approximate: list[bool] | None = None,
                language: str = "nb", approximate_label: str = "") -> plt.Figure:
    """Plain horizontal bars for numbers the report's text gives; an optional upper value draws
    a range (the bar to the lower value, a line on to the upper). A number the text gives only
    roughly ("ca. 60") is drawn as such: a lighter, dotted bar whose end fades out, named in
    the legend."""
    from matplotlib.patches import Patch

    from klyngekrise.formats import tick_formatter

    approximate = approximate or [False] * len(values)
    with style.context():
        fig, ax = plt.subplots(figsize=(style.FIGURE_WIDTH, 0.7 * len(labels) + 1.4))
        top = max(upper or values)
        for y, (value, text, rough) in enumerate(zip(values, texts, approximate, strict=True)):
            if rough:
                ax.barh(y, value * 0.94, height=0.6, color=style.CASE_COLOUR, alpha=0.55,
                        hatch="..", edgecolor="white", linewidth=0)
                for step in range(6):  # the last 6 % fades: the text gives no exact end
                    ax.barh(y, value * 0.01, left=value * (0.94 + 0.01 * step), height=0.6,
                            color=style.CASE_COLOUR, alpha=0.5 - 0.08 * step, linewidth=0)
            else:
                ax.barh(y, value, height=0.6, color=style.CASE_COLOUR)
            end = value
            if upper is not None and upper[y] > value:
                ax.plot([value, upper[y]], [y, y], color="#1A1A1A", linewidth=1.5)
                end = upper[y]
            ax.text(end + top * 0.015, y, text, va="center", ha="left",
                    fontsize=style.FONT_SIZE, gid="value-label")
        ax.set_yticks(range(len(labels)), [style.wrap(label) for label in labels])
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.3)
        ax.xaxis.set_major_formatter(tick_formatter(language))
        ax.set_xlabel(xlabel)
        ax.xaxis.grid(True, color="#E5E5E5", linewidth=0.6)
        ax.set_axisbelow(True)
        if any(approximate):
            ax.legend(handles=[Patch(facecolor=style.CASE_COLOUR, alpha=0.55, hatch="..",
                                     edgecolor="white", label=approximate_label)],
                      loc="lower left", bbox_to_anchor=(0.0, 1.0), frameon=False)
        fig.tight_layout()
    return fig
