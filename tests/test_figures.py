"""The figures as a data-visualisation editor would pass them: every colour readable against
the page, value labels clear of the whiskers (from the drawn artists' extents), text at least
the body's size, the case figures' rough numbers drawn as rough."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from klyngekrise import paths, plotting, style, survey  # noqa: E402
from klyngekrise.text import FIGURES  # noqa: E402

WHITE = "#FFFFFF"


def test_every_figure_colour_is_at_least_3_to_1_against_the_page():
    colours = {**{f"wave {k}": v for k, v in style.HOUSE_WAVE_COLOURS.items()},
               **{f"level {k}": v for k, v in style.HOUSE_LEVEL_COLOURS.items()},
               "case": style.CASE_COLOUR}
    weak = {k: round(style.grey_contrast(v, WHITE), 2) for k, v in colours.items()
            if style.grey_contrast(v, WHITE) < style.MIN_GRAPHIC_CONTRAST}
    assert not weak, weak


def test_value_text_on_a_bar_is_at_least_4_5_to_1():
    for level, colour in style.HOUSE_LEVEL_COLOURS.items():
        text = style.text_colour(colour)
        assert style.grey_contrast(colour, text) >= style.MIN_TEXT_CONTRAST, level


def test_a_colour_means_one_thing_across_the_report():
    """Blue is 2010 and amber 2009 alone; no level of Figure 3.1 and no case figure reuses
    them."""
    waves = set(style.HOUSE_WAVE_COLOURS.values())
    assert not waves & set(style.HOUSE_LEVEL_COLOURS.values())
    assert style.CASE_COLOUR not in waves | set(style.HOUSE_LEVEL_COLOURS.values())


@pytest.fixture(scope="module")
def drawn():
    """Every survey figure drawn as the notebooks draw it, with its renderer."""
    answers = survey.load(paths.RAW_RESPONSES)
    figures = {}
    for key, spec in FIGURES.items():
        if spec.kind == "stacked":
            table = survey.shares(answers, spec.question, waves=(2010,))
            fig = plotting.draw_stacked(table, "nb", True)
        else:
            table = survey.shares(answers, spec.question)
            fig = plotting.draw_waves(table, "nb", True)
        fig.canvas.draw()
        figures[key] = fig
    yield figures
    for fig in figures.values():
        plt.close(fig)


def _extents(fig, gid):
    """Display-space boxes of the artists tagged ``gid``: texts and whisker lines by their
    window extent; a whisker's caps (markers) as a box of the cap's size around each end."""
    import numpy as np
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    boxes = []
    for artist in [*ax.texts, *ax.lines, *ax.collections]:
        if artist.get_gid() != gid:
            continue
        if isinstance(artist, matplotlib.lines.Line2D) and artist.get_marker() not in (None, "None"):
            half = artist.get_markersize() * fig.dpi / 72 / 2
            for x, y in ax.transData.transform(artist.get_xydata()):
                boxes.append(Bbox.from_extents(x - half, y - half, x + half, y + half))
            continue
        if isinstance(artist, matplotlib.collections.LineCollection):  # a whisker's line
            width = max(artist.get_linewidth()) * fig.dpi / 72 / 2
            for segment in artist.get_segments():
                (x0, y0), (x1, y1) = ax.transData.transform(segment)
                boxes.append(Bbox.from_extents(min(x0, x1), min(y0, y1) - width,
                                               max(x0, x1), max(y0, y1) + width))
            continue
        box = artist.get_window_extent(renderer)
        if np.isfinite(box.get_points()).all():
            boxes.append(box)
    return boxes


@pytest.mark.parametrize("key", list(FIGURES))
def test_no_value_label_touches_a_whisker(drawn, key):
    fig = drawn[key]
    labels, whiskers = _extents(fig, "value-label"), _extents(fig, "whisker")
    assert labels and whiskers
    hits = [(label.bounds, w.bounds) for label in labels for w in whiskers if label.overlaps(w)]
    assert not hits, f"{key}: {len(hits)} label(s) meet a whisker"


@pytest.mark.parametrize("key", list(FIGURES))
def test_every_value_label_lies_inside_the_figure(drawn, key):
    fig = drawn[key]
    box = fig.bbox
    for label in _extents(fig, "value-label"):
        assert box.x0 <= label.x0 and label.x1 <= box.x1, (key, label.bounds)


@pytest.mark.parametrize("key", list(FIGURES))
def test_figure_text_is_at_least_the_bodys_size_at_100_percent(drawn, key):
    """Shown FIGURE_WIDTH inches wide across the 832 px column, a point is 832 / (72 x width)
    px; every text of the figure must reach the body's 16 px."""
    fig = drawn[key]
    px_per_point = 832 / (72 * fig.get_figwidth())
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()]
    small = {t.get_text(): t.get_fontsize() for t in texts
             if t.get_fontsize() * px_per_point < 16}
    assert not small, small


def test_a_rough_case_number_is_drawn_as_rough():
    fig = plotting.draw_values(["2007", "2010"], [35, 60], ["35", "ca. 60"], "Medlemmer",
                               approximate=[False, True], language="nb",
                               approximate_label="omtrentlig")
    ax = fig.axes[0]
    exact = [p for p in ax.patches if p.get_y() < 0 and p.get_alpha() in (None, 1)]
    rough = [p for p in ax.patches if p.get_y() > 0.5]
    assert exact and all(not p.get_hatch() for p in exact)
    assert any(p.get_hatch() for p in rough) and all(p.get_alpha() < 1 for p in rough)
    assert ax.get_legend().get_texts()[0].get_text() == "omtrentlig"
    plt.close(fig)


def test_case_figure_ticks_are_the_editions_numbers():
    fig = plotting.draw_values(["a", "b"], [13230, 18214], ["13 230", "18 214"], "x",
                               language="nb")
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert "12\u00a0500" in ticks or "10\u00a0000" in ticks, ticks
    assert all("," not in t for t in ticks)
    plt.close(fig)
