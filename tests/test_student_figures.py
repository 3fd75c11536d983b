"""A student's changes to a figure: style per figure, any colour spec, seaborn's palette in the
legend, stacked bars of any levels, a figure of one's own, and sections that stand alone."""

from __future__ import annotations

import io

import matplotlib
import matplotlib.pyplot as plt
import pytest
import seaborn as sns
from matplotlib.colors import to_hex, to_rgb
from PIL import Image

from klyngekrise import paths, plotting, style, survey
from klyngekrise.chapter3 import Survey
from klyngekrise.errors import InputError

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def house_style():
    """Every test starts and ends with the house style, as a fresh notebook would."""
    style.use()
    yield
    style.use()
    plt.close("all")


@pytest.fixture(scope="module")
def answers():
    return survey.load(paths.RAW_RESPONSES)


@pytest.fixture(scope="module")
def q3(answers):
    return survey.shares(answers, "q3")


def _legend_colours(fig) -> list[str]:
    legend = fig.axes[0].get_legend()
    return [to_hex(h.get_facecolor()) for h in legend.legend_handles]


def _bar_colours(fig) -> list[str]:
    return [to_hex(c.patches[0].get_facecolor()) for c in fig.axes[0].containers[:2]]


# -- colours --------------------------------------------------------------------------------

@pytest.mark.parametrize("colour", ["lightgrey", "#d3d3d3", "#D3D3D3FF", (0.827, 0.827, 0.827),
                                    "0.83", "xkcd:light grey", "white"])
def test_any_matplotlib_colour_spec_is_accepted(colour):
    style.use(wave_colours={2009: colour})
    assert style.WAVE_COLOURS[2009] == colour
    assert style.grey_contrast(colour, "#005A8C") > 1


def test_a_bad_colour_gets_one_message_naming_it():
    with pytest.raises(InputError, match=r"colour 'ligthgrey': not a matplotlib colour; .*'lightgrey'"):
        style.use(wave_colours={2009: "ligthgrey"})
    assert style.WAVE_COLOURS == style.HOUSE_WAVE_COLOURS


def test_contrast_rule_checked_for_names_and_tuples():
    with pytest.raises(InputError, match=r"2009: 'navy' and 2010: '#00335A': greyscale contrast "
                                         r"\d\.\d:1; .* at least 3:1"):
        style.use(wave_colours={2009: "navy"})
    with pytest.raises(InputError, match="greyscale contrast"):
        with style.context(wave_colours={2009: (0.0, 0.35, 0.55)}):
            pass
    assert style.WAVE_COLOURS == style.HOUSE_WAVE_COLOURS  # a refused change changes nothing


def test_use_again_undoes_a_notebook_wide_change():
    style.use(wave_colours={2009: "lightgrey"}, level_colours={"uendret": "white"})
    assert style.WAVE_COLOURS[2009] == "lightgrey" and style.LEVEL_COLOURS["uendret"] == "white"
    style.use()
    assert style.WAVE_COLOURS == style.HOUSE_WAVE_COLOURS
    assert style.LEVEL_COLOURS == style.HOUSE_LEVEL_COLOURS


def test_a_per_figure_change_applies_to_that_figure_only(q3):
    with style.context(wave_colours={2010: "black"}):
        changed = plotting.draw_waves(q3)
    after = plotting.draw_waves(q3)
    assert _bar_colours(changed)[1] == "#000000" and _legend_colours(changed)[1] == "#000000"
    assert _bar_colours(after) == [c.lower() for c in style.HOUSE_WAVE_COLOURS.values()]
    assert style.WAVE_COLOURS == style.HOUSE_WAVE_COLOURS


def test_use_as_a_with_block_lasts_for_the_block(q3):
    with style.use(wave_colours={2009: "lightgrey"}):
        assert style.WAVE_COLOURS[2009] == "lightgrey"
    assert style.WAVE_COLOURS == style.HOUSE_WAVE_COLOURS


def test_a_per_figure_change_keeps_a_notebook_wide_one(q3):
    style.use(wave_colours={2009: "lightgrey"})
    with style.context(wave_colours={2010: "black"}):
        fig = plotting.draw_waves(q3)
    assert _bar_colours(fig) == [to_hex(to_rgb("lightgrey")), "#000000"]
    assert style.WAVE_COLOURS == {2009: "lightgrey", 2010: style.HOUSE_WAVE_COLOURS[2010]}


def test_seaborn_palette_is_honoured_by_the_legend(q3):
    fig, ax = plt.subplots(figsize=style.size(q3))
    sns.barplot(q3, y="label", x="percent", hue="wave", palette=["#DDDDDD", "#222222"], ax=ax)
    style.waves(ax, q3)
    assert _legend_colours(fig)[:2] == ["#dddddd", "#222222"] == _bar_colours(fig)
    fig = plotting.draw_waves(q3, palette={2009: "lightgrey", 2010: "black"})
    assert _legend_colours(fig)[:2] == [to_hex(to_rgb("lightgrey")), "#000000"]


def test_a_palette_without_contrast_is_refused_by_name(q3):
    fig, ax = plt.subplots(figsize=style.size(q3))
    sns.barplot(q3, y="label", x="percent", hue="wave", palette=["#E69F00", "#D55E00"],
                saturation=1, ax=ax)
    with pytest.raises(InputError, match=r"the bars' colours: 2009: '#e69f00' and 2010: '#d55e00'"):
        style.waves(ax, q3)


# -- stacked bars of any levels ----------------------------------------------------------------

def test_stacked_bars_draw_any_questions_levels_with_their_own_legend(q3):
    """Q3's ticked / not ticked as stacked bars: the legend names those levels, not Figure
    3.1's worse / unchanged / better."""
    ticked = q3[q3["wave"] == 2010]
    not_ticked = ticked.assign(response="ikke krysset", percent=100 - ticked["percent"],
                               count=ticked["n"] - ticked["count"])
    import pandas as pd

    table = pd.concat([ticked, not_ticked]).sort_values("item", kind="stable")
    fig = plotting.draw_stacked(table, colours={"ticked": "#005A8C", "ikke krysset": "#DDDDDD"})
    legend = fig.axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["ticked", "ikke krysset"]
    assert _legend_colours(fig) == ["#005a8c", "#dddddd"]
    assert style.LEVEL_COLOURS == style.HOUSE_LEVEL_COLOURS  # the colours were for this figure


def test_figure_3_1_levels_keep_their_names_and_colours(answers):
    table = survey.shares(answers, "q1", waves=(2010,))
    fig = plotting.draw_stacked(table, language="en")
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts == ["Worse", "Unchanged", "Better"]
    assert _legend_colours(fig) == [c.lower() for c in style.HOUSE_LEVEL_COLOURS.values()]


# -- report.figure ------------------------------------------------------------------------------

@pytest.fixture
def report(tmp_path, answers):
    return Survey.from_parameters(answers=answers, build_dir=str(tmp_path), figure_formats=["png", "svg"])


def test_a_table_from_another_section_is_stopped_naming_both(report, answers):
    q7 = survey.shares(answers, "q7")
    with pytest.raises(InputError, match=r"report.figure\('fig-3-4', table, fig\): Figure 3.4 "
                                         r"shows question q5, but the table holds q7_"):
        report.figure("fig-3-4", q7, plotting.draw_waves(q7))
    assert not (report.figures_dir / "fig-3-4.csv").exists()  # nothing written


def test_a_figure_of_ones_own_needs_its_caption_and_saves_like_the_reports(report, answers):
    table = survey.shares(answers, "q2")
    fig = plotting.draw_waves(table)
    with pytest.raises(InputError, match="'fig-q2-mine' is a figure of your own .* needs its caption"):
        report.figure("fig-q2-mine", table, fig)
    html = report.figure("fig-q2-mine", table, fig, caption="Markets, my way")
    for suffix in ("png", "svg", "csv"):
        assert (report.figures_dir / f"fig-q2-mine.{suffix}").stat().st_size > 0
    assert "Markets, my way" in html and "fig-q2-mine.csv" in html and "<p>" not in html
    assert "Wilson" in html  # it has whiskers
    html = report.figure("fig-q2-mine", table, plotting.draw_waves(table), caption="Mine",
                         prose="My reading.")
    assert "<p>My reading.</p>" in html


def test_a_bad_key_or_swapped_arguments_get_one_message(report, q3):
    fig = plotting.draw_waves(q3)
    with pytest.raises(InputError, match="lower-case letters"):
        report.figure("Fig 3/3", q3, fig, caption="x")
    with pytest.raises(InputError, match="got Figure, DataFrame"):
        report.figure("fig-3-3", fig, q3)


def test_the_caption_says_intervals_only_when_whiskers_were_drawn(report, q3):
    html = report.figure("fig-3-3", q3, plotting.draw_waves(q3, intervals=False))
    assert "Wilson" not in html  # drawn without, though draw_intervals is true
    html = report.figure("fig-3-3", q3, plotting.draw_waves(q3))
    assert "Wilson" in html


def test_caption_parts_are_blocks_of_their_own(report, q3):
    html = report.figure("fig-3-3", q3, plotting.draw_waves(q3))
    caption = html[html.index("<figcaption>"):html.index("</figcaption>")]
    assert 'krisen?</div><div class="source">(Data fra' in caption
    assert '(2010))</div><div class="provenance-note">Skraverte' in caption


def test_the_saved_image_holds_the_legend_shown_inline(report, q3):
    """A student moves the legend to the right of the plot, past the figure's edge: the
    saved PNG holds it, as the inline plot (bbox "tight") shows it, in the same bytes twice."""
    fig = plotting.draw_waves(q3)
    fig.axes[0].legend(loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False)
    legend = fig.axes[0].get_legend().get_window_extent(fig.canvas.get_renderer())
    assert legend.x1 > fig.bbox.x1  # it does reach beyond the figure's own box
    inline = io.BytesIO()
    fig.savefig(inline, format="png", dpi=150, bbox_inches="tight")  # as the inline backend
    report.figure("fig-3-3", q3, fig)
    saved = Image.open(report.figures_dir / "fig-3-3.png")
    assert saved.width > fig.get_figwidth() * 150
    assert abs(saved.width - Image.open(inline).width) <= 32  # the same box, padding aside
    first = (report.figures_dir / "fig-3-3.png").read_bytes()
    fig = plotting.draw_waves(q3)
    fig.axes[0].legend(loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False)
    report.figure("fig-3-3", q3, fig)
    assert (report.figures_dir / "fig-3-3.png").read_bytes() == first
