"""The house style of every survey figure, in one place: colours, fonts, hatching, axis, legend.

A notebook draws its bars with seaborn (``klyngekrise.plotting`` holds the house's calls) and
then applies the rest in one call::

    style.use()                                   # theme, fonts, colours: once per notebook
    fig, ax = plt.subplots(figsize=style.size(table))
    sns.barplot(table, y="label", x="percent", hue="wave", palette=style.wave_colours(table),
                ...)
    style.waves(ax, table, language="nb")         # hatching, whiskers, percent axis, legend

Colours are any matplotlib colour: a name (``"lightgrey"``), ``"#RRGGBB"`` or an (r, g, b)
tuple of 0-1. Change them for one figure::

    with style.context(wave_colours={2010: "black"}):
        fig = plotting.draw_waves(table)

or for the rest of the notebook with ``style.use(wave_colours=...)``; ``style.use()`` with no
arguments puts the house colours back. The legends read their colours from the bars drawn,
so a seaborn ``palette=`` shows in the legend as on the bars.

The contrast rule: the waves' colours differ in greyscale by at least 3:1 (WCAG 2.1's
contrast for graphical objects), so a reader tells the waves apart in black-and-white print
or without colour vision. ``use``, ``context`` and ``waves`` refuse colours that break it.
Three or more waves cannot all be 3:1 apart, so for them the rule is: each wave differs from
the next by at least MIN_NEIGHBOUR_CONTRAST, and the first from the latest by 3:1.
``wave_colours`` gives such colours for any number of waves (a viridis sequence, lighter for
older waves, each at least 3:1 against white).
"""

from __future__ import annotations

import textwrap
from contextlib import contextmanager

import pandas as pd

from klyngekrise.errors import InputError
from klyngekrise.text import percent, strings

# One meaning per colour across the report: amber is 2009, navy is 2010 (Okabe-Ito's orange and
# blue, darkened); crimson, grey and green are worse, unchanged and better (Figure 3.1 only); the
# case figures' purple is a number from the text. Every colour is at least 3:1 against white
# (WCAG 2.1, 1.4.11), the two waves differ by 3:1 in greyscale, and the value text written on
# a bar (text_colour) is at least 4.5:1 against it (1.4.3).
HOUSE_WAVE_COLOURS = {2009: "#C46A00", 2010: "#00335A"}
HOUSE_LEVEL_COLOURS = {"forverret": "#A4243B", "uendret": "#8A8A8A", "forbedret": "#00735A"}
CASE_COLOUR = "#6A3D9A"
MIN_GRAPHIC_CONTRAST = 3.0  # a bar against the white page
MIN_TEXT_CONTRAST = 4.5  # a value written on a bar
# The colours in use: the house's, changed by use() for the notebook, by context() for a figure.
WAVE_COLOURS = dict(HOUSE_WAVE_COLOURS)
LEVEL_COLOURS = dict(HOUSE_LEVEL_COLOURS)
ASSUMED_HATCH = "////"  # bars whose value the report does not state
# A chosen value's hatch tells its basis (docs/assumptions.yml): within a numeric bound of the
# text, chosen with no numeric bound, or an item the text never names.
BASIS_HATCHES = {"bounded": "////", "free": "xxxx", "unnamed": "...."}
MIN_WAVE_CONTRAST = 3.0
MIN_NEIGHBOUR_CONTRAST = 1.3  # between one wave and the next, when there are more than two
# Waves beyond the house pair: samples of viridis (made for colour-blind readers, its lightness
# rises steadily), from its darkest to the lightest that keeps 3:1 against white.
SEQUENTIAL_PALETTE = "viridis"
SEQUENTIAL_RANGE = (0.0, 0.58)
LABEL_WIDTH = 34  # characters per line of an item label (at FONT_SIZE, beside the bars)
# Text in a figure is at least the page's body size at 100 % zoom: the report shows a figure
# FIGURE_WIDTH inches wide across its 52rem (832 px) column, so 1 pt is 832 / (72 * 7.5) = 1.54 px
# and 11 pt is 17 px, beside 16 px body text.
FIGURE_WIDTH = 7.5
FONT_SIZE = 11
BAR_WIDTH = 0.76  # of one item's slot: two waves side by side, 0.38 each
STACKED_BAR_WIDTH = 0.62
RC = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs everywhere
    "font.size": FONT_SIZE,
    "axes.labelsize": FONT_SIZE,
    "xtick.labelsize": FONT_SIZE,
    "ytick.labelsize": FONT_SIZE,
    "legend.fontsize": FONT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "klyngekrise",  # fixed clip-path ids in SVG
    "hatch.linewidth": 0.8,
}


def to_rgb(colour) -> tuple[float, float, float]:
    """Any matplotlib colour (name, hex, (r, g, b) of 0-1) as (r, g, b), or one clear error."""
    from matplotlib.colors import to_rgb as mpl_to_rgb

    try:
        return mpl_to_rgb(colour)
    except (ValueError, TypeError):
        raise InputError(f"colour {colour!r}: not a matplotlib colour; use a name such as "
                         "'lightgrey', '#RRGGBB' or an (r, g, b) tuple of numbers from 0 to 1"
                         ) from None


def _luminance(colour) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def grey_contrast(first, second) -> float:
    """WCAG 2.1 contrast ratio of two colours (1 = same grey, 21 = black on white)."""
    darker, lighter = sorted((_luminance(first), _luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


def wave_colours(waves) -> dict:
    """One colour per wave (years, or a tidy table with a ``wave`` column), for seaborn's
    ``palette=``: the colours in use (WAVE_COLOURS, as ``use`` or ``context`` set them) where
    they give every wave; else the house pair for two waves (older light, latest dark), and
    the viridis sequence for more, which keeps the contrast rule. A table from
    ``survey.shares`` brings the waves of its whole file, so a wave has one colour in every
    figure, also where a question was not asked in every wave."""
    if isinstance(waves, pd.DataFrame):
        waves = waves.attrs.get("waves", waves["wave"])
    waves = sorted({int(w) for w in waves})
    if all(w in WAVE_COLOURS for w in waves):
        return {w: WAVE_COLOURS[w] for w in waves}
    if len(waves) <= 2:
        pair = [HOUSE_WAVE_COLOURS[w] for w in sorted(HOUSE_WAVE_COLOURS)]
        return dict(zip(waves, pair[-len(waves):], strict=True))
    import matplotlib as mpl
    from matplotlib.colors import to_hex

    colour_map = mpl.colormaps[SEQUENTIAL_PALETTE]
    low, high = SEQUENTIAL_RANGE
    steps = len(waves) - 1
    return {w: to_hex(colour_map(high - (high - low) * i / steps)).upper()
            for i, w in enumerate(waves)}


def check_wave_colours(colours: dict, source: str = "wave colours", of_waves=None) -> None:
    """Neighbouring waves (in time order) must differ in greyscale by MIN_WAVE_CONTRAST; with
    more than two waves, by MIN_NEIGHBOUR_CONTRAST, and the first from the latest by 3:1.
    ``of_waves``: every wave of the file the colours are drawn from (default: the colours'
    own), for a figure that shows only some of them."""
    from matplotlib.colors import to_hex

    def shown(colour) -> str:
        return repr(colour) if isinstance(colour, str) else repr(to_hex(colour))

    waves = sorted(colours)
    every = sorted({int(w) for w in of_waves}) if of_waves is not None else waves
    many = len(every) > 2
    least = MIN_NEIGHBOUR_CONTRAST if many else MIN_WAVE_CONTRAST
    pairs = list(zip(waves, waves[1:], strict=False))
    ends = (every[0], every[-1])
    if many and (waves[0], waves[-1]) == ends:
        pairs.append(ends)
    for first, second in pairs:
        ratio = grey_contrast(colours[first], colours[second])
        needed = MIN_WAVE_CONTRAST if not many or (first, second) == ends else least
        if ratio < needed:
            raise InputError(f"{source} {first}: {shown(colours[first])} and {second}: "
                             f"{shown(colours[second])}: greyscale contrast {ratio:.1f}:1; the house "
                             f"style asks at least {needed:g}:1 so the waves differ "
                             "without colour")


def rc() -> dict:
    """Every matplotlib setting of the house style: seaborn's "ticks" theme, then ours."""
    import seaborn as sns

    return {**sns.axes_style("ticks"), **RC}


class _Restore:
    """What use() and context() changed, put back on leaving a ``with`` block."""

    def __init__(self):
        import matplotlib as mpl

        self._colours = dict(WAVE_COLOURS), dict(LEVEL_COLOURS)
        self._rc = {k: v for k, v in mpl.rcParams.copy().items() if k != "backend"}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        import matplotlib as mpl

        for current, saved in zip((WAVE_COLOURS, LEVEL_COLOURS), self._colours, strict=True):
            current.clear()
            current.update(saved)
        dict.update(mpl.rcParams, self._rc)  # as matplotlib's rc_context restores


def _set_colours(base_waves: dict, base_levels: dict, wave_colours, level_colours) -> None:
    waves = {**base_waves, **(wave_colours or {})}
    levels = {**base_levels, **(level_colours or {})}
    for colour in [*waves.values(), *levels.values()]:
        to_rgb(colour)  # a bad colour is named before anything changes
    check_wave_colours(waves)
    WAVE_COLOURS.clear()
    WAVE_COLOURS.update(waves)
    LEVEL_COLOURS.clear()
    LEVEL_COLOURS.update(levels)


def use(wave_colours: dict | None = None, level_colours: dict | None = None) -> _Restore:
    """Apply the house style to the rest of this session's plots, starting from the house's
    own colours: ``style.use()`` again undoes any earlier change. Given colours override the
    house's, e.g. ``style.use(wave_colours={2009: "lightgrey"})``. Used as ``with
    style.use(...):`` it lasts for that block only, like ``context``."""
    import matplotlib as mpl

    restore = _Restore()
    _set_colours(HOUSE_WAVE_COLOURS, HOUSE_LEVEL_COLOURS, wave_colours, level_colours)
    mpl.rcParams.update(rc())
    return restore


@contextmanager
def context(wave_colours: dict | None = None, level_colours: dict | None = None):
    """The house style for one drawing, optionally with other colours (on top of the ones in
    use); on leaving, the session's own settings and colours are as they were::

        with style.context(wave_colours={2010: "black"}):
            fig = plotting.draw_waves(table)
    """
    import matplotlib.pyplot as plt

    with _Restore(), plt.rc_context(rc()):
        _set_colours(WAVE_COLOURS, LEVEL_COLOURS, wave_colours, level_colours)
        yield


def level_colour(level: str, index: int = 0):
    """A response level's colour: the house's for Figure 3.1's levels, else one of seaborn's
    colour-blind palette by the level's place."""
    if level in LEVEL_COLOURS:
        return LEVEL_COLOURS[level]
    import seaborn as sns

    return sns.color_palette("colorblind")[index % 10]


def levels(table: pd.DataFrame) -> list[str]:
    """The response levels of a tidy table, in its (the codebook's) order."""
    return list(dict.fromkeys(table["response"]))


def text_colour(colour) -> str:
    """Black or white, whichever reads better on the colour."""
    return "black" if grey_contrast(colour, "black") >= grey_contrast(colour, "white") else "white"


def size(table: pd.DataFrame) -> tuple[float, float]:
    """Figure size in inches for a tidy table: about 0.6 inch per item and two waves."""
    items = table["item"].nunique()
    stacked = len(levels(table)) > 1
    per_item = 0.62 if stacked else 0.78 * max(table["wave"].nunique(), 2) / 2
    return (FIGURE_WIDTH, per_item * items + 1.7)


def wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, LABEL_WIDTH))


def _whisker(ax, row: pd.Series, y: float) -> None:
    """A Wilson interval as a capped line, dark with a white edge so it shows on any bar.

    Extents are clamped at zero: a bound equal to the share (0 of n, n of n) may differ from
    it by a rounding hair, and matplotlib refuses a negative extent.
    """
    import matplotlib.patheffects as effects

    centre = row["percent"]
    below, above = max(centre - row["ci_low"], 0.0), max(row["ci_high"] - centre, 0.0)
    drawn = ax.errorbar(centre, y, xerr=[[below], [above]], fmt="none", ecolor="#1A1A1A",
                        elinewidth=1.2, capsize=3, capthick=1.2, zorder=4)
    halo = [effects.Stroke(linewidth=3, foreground="white"), effects.Normal()]
    for artist in (*drawn.lines[1], *drawn.lines[2]):
        artist.set_path_effects(halo)
        artist.set_gid("whisker")


def label_x(row: pd.Series, intervals: bool) -> float:
    """Where a bar's value label starts: past the bar and past its interval's end, so the
    label never meets the whisker."""
    end = max(row["percent"], row["ci_high"]) if intervals else row["percent"]
    return end + 1.5


def _percent_axis(ax, language: str, xlabel: str) -> None:
    ax.set_xlim(0, 112)  # room past 100 % for a label beyond the longest interval
    ticks = range(0, 101, 20)
    ax.set_xticks(list(ticks), [percent(t, language) for t in ticks])
    ax.spines["bottom"].set_bounds(0, 100)
    ax.set_xlabel(xlabel)
    ax.xaxis.grid(True, color="#E5E5E5", linewidth=0.6)
    ax.set_axisbelow(True)


def _legend(ax, handles) -> None:
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0),
              ncol=min(len(handles), 2), frameon=False, fontsize=FONT_SIZE)


def _hatch(row: pd.Series) -> str | None:
    if row["provenance"] != "assumed":
        return None
    return BASIS_HATCHES.get(row.get("basis", ""), ASSUMED_HATCH)


def _assumed_handles(table: pd.DataFrame, words: dict) -> list:
    """One legend entry per kind of chosen value the figure shows."""
    from matplotlib.patches import Patch

    chosen = table[table["provenance"] == "assumed"] if "provenance" in table else table[:0]
    if chosen.empty:
        return []
    bases = [b for b in BASIS_HATCHES if "basis" in chosen and (chosen["basis"] == b).any()]
    if not bases:
        return [Patch(facecolor="#888888", hatch=ASSUMED_HATCH, edgecolor="white", linewidth=0,
                      label=words["assumed_legend"])]
    return [Patch(facecolor="#888888", hatch=BASIS_HATCHES[b], edgecolor="white", linewidth=0,
                  label=words["basis_legend"][b]) for b in bases]


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


def _bar_colours(ax, groups: list) -> dict:
    """Each group's colour as drawn (container i holds group i's bars): whatever palette or
    colour seaborn was given, the legend shows the bars' own."""
    from matplotlib.container import BarContainer

    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    return {group: container.patches[0].get_facecolor()
            for group, container in zip(groups, bars, strict=False) if container.patches}


def waves(ax, table: pd.DataFrame, language: str = "nb", intervals: bool = True) -> None:
    """Finish a bar chart of waves side by side (seaborn's ``hue="wave"``) in the house style.

    Hatches the bars whose value the report does not state (provenance ``assumed``), draws
    the Wilson whiskers and the value beside each bar, wraps the item labels, sets the percent
    axis, and puts each wave's n in the legend, in the colours the bars were drawn with.
    """
    from matplotlib.patches import Patch

    words = strings(language)
    wave_list = sorted(table["wave"].unique())
    colours = _bar_colours(ax, wave_list)
    check_wave_colours(colours, source="the bars' colours:", of_waves=table.attrs.get("waves"))
    for bar, row, y in _bars_by_row(ax, table, wave_list, "wave"):
        bar.set_edgecolor("white")
        bar.set_linewidth(0)
        if _hatch(row):
            bar.set_hatch(_hatch(row))
        if intervals:
            _whisker(ax, row, y)
        # Past the bar and its whisker, on white: never on the bar, never on the interval.
        ax.text(label_x(row, intervals), y, percent(row["percent"], language), va="center",
                ha="left", fontsize=FONT_SIZE, zorder=5, gid="value-label")
    labels = list(dict.fromkeys(table["label"]))
    ax.set_yticks(range(len(labels)), [wrap(label) for label in labels])
    _percent_axis(ax, language, strings(language)["share_axis"])
    ax.set_ylabel("")
    n_by_wave = table.groupby("wave")["n"].agg(["min", "max"])
    handles = []
    for wave in wave_list:
        low, high = n_by_wave.loc[wave]
        n_text = f"{low}" if low == high else f"{low}–{high}"
        handles.append(Patch(color=colours.get(wave, WAVE_COLOURS.get(wave)),
                             label=words["legend_wave"].format(wave=wave, n=n_text)))
    handles += _assumed_handles(table, words)
    _legend(ax, handles)
    ax.figure.tight_layout()


def with_ends(table: pd.DataFrame) -> pd.DataFrame:
    """The table with ``end``: where each level's stacked segment ends, in the table's order."""
    return table.assign(end=table.groupby(["item", "wave"])["percent"].cumsum())


def stacked(ax, table: pd.DataFrame, language: str = "nb", intervals: bool = True) -> None:
    """Finish stacked bars of any question's levels (drawn from the last level's bar, the
    longest, to the first, each reaching its cumulative ``end``; see ``plotting.draw_stacked``)
    in the house style: segment values, hatching, the whisker of the first level under each
    bar, n per item, and a legend of the levels in the colours drawn."""
    from matplotlib.patches import Patch

    words = strings(language)
    table = with_ends(table)
    order = levels(table)
    colours = _bar_colours(ax, list(reversed(order)))
    for bar, row, y in _bars_by_row(ax, table, list(reversed(order)), "response"):
        bar.set_edgecolor("white")
        bar.set_linewidth(0.6)
        if _hatch(row):
            bar.set_hatch(_hatch(row))
        left = row["end"] - row["percent"]
        if row["percent"] >= 8:
            ax.text(left + row["percent"] / 2, y, percent(row["percent"], language), ha="center",
                    va="center", fontsize=FONT_SIZE, color=text_colour(bar.get_facecolor()),
                    gid="value-label")
        if intervals and row["response"] == order[0]:
            # On the bar's upper edge: it belongs to this bar, and the value, centred in the
            # bar, stays clear of it.
            _whisker(ax, row, y - bar.get_height() / 2)
    first = table.drop_duplicates("item")
    ax.set_yticks(range(len(first)),
                  [wrap(f"{label} ({words['n_label'].format(n=n)})")
                   for label, n in zip(first["label"], first["n"], strict=True)])
    _percent_axis(ax, language, strings(language)["share_axis"])
    ax.set_ylabel("")
    _legend(ax, [Patch(color=colours.get(level, level_colour(level, i)),
                       label=words["levels"].get(level, level))
                 for i, level in enumerate(order)])
    ax.figure.tight_layout()
