"""Drawing and saving the survey figures, byte for byte the same on every run."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from klyngekrise import style
from klyngekrise.files import write_if_changed
from klyngekrise.io import LEVELS


def draw_waves(table: pd.DataFrame, language: str, intervals: bool) -> plt.Figure:
    """Waves side by side for each item, in the house style: what the survey notebooks draw."""
    with style.context():
        fig, ax = plt.subplots(figsize=style.size(table))
        sns.barplot(table, y="label", x="percent", hue="wave", palette=style.WAVE_COLOURS,
                    width=style.BAR_WIDTH, saturation=1, ax=ax)
        style.waves(ax, table, language=language, intervals=intervals)
    return fig


def draw_stacked(table: pd.DataFrame, language: str, intervals: bool) -> plt.Figure:
    """Figure 3.1: worse / unchanged / better stacked, one wave, as notebook 03 draws it."""
    table = table.assign(end=table.groupby("item")["percent"].cumsum())
    with style.context():
        fig, ax = plt.subplots(figsize=style.size(table))
        for level in reversed(LEVELS):  # the longest bar first; each next one covers its left
            sns.barplot(table[table["response"] == level], y="label", x="end",
                        color=style.LEVEL_COLOURS[level], width=style.STACKED_BAR_WIDTH,
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
    with style.context():
        fig, ax = plt.subplots(figsize=(7.5, 0.55 * len(labels) + 1.1))
        top = max(upper or values)
        for y, (value, text) in enumerate(zip(values, texts, strict=True)):
            ax.barh(y, value, height=0.6, color=style.WAVE_COLOURS[2010])
            end = value
            if upper is not None and upper[y] > value:
                ax.plot([value, upper[y]], [y, y], color="#333333", linewidth=1.2)
                end = upper[y]
            ax.text(end + top * 0.01, y, text, va="center", ha="left", fontsize=8)
        ax.set_yticks(range(len(labels)), [style.wrap(label) for label in labels])
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.15)
        ax.set_xlabel(xlabel)
        ax.xaxis.grid(True, color="#E5E5E5", linewidth=0.6)
        ax.set_axisbelow(True)
        fig.tight_layout()
    return fig
