"""The survey's answers and each figure's tidy table: what a notebook computes, in two calls.

    answers = survey.load(data_path, programme="all")        # validated, one row per answer
    table = survey.shares(answers, "q3", data_path=data_path) # one row per item, wave, response

A tidy table has the contract's columns (item, wave, response, n, count, percent, ci_low,
ci_high), the value's ``provenance`` and the item's ``label`` in the chosen language. Provenance
is ``table``, ``text`` or ``assumed`` (as the report states it; it states no value for one
programme alone) for the shipped reconstruction only, recognised by its content
(``klyngekrise.original``); every value of any other file is ``data``. A chosen value also
carries its ``assumption`` ids and ``basis`` (docs/assumptions.yml).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from klyngekrise import assumptions, original, paths
from klyngekrise.assumptions import MARK_COLUMNS
from klyngekrise.errors import InputError
from klyngekrise.io import items, load_published, load_responses
from klyngekrise.processing import RESULT_COLUMNS, select_programme, tally, with_provenance
from klyngekrise.text import label

# What a figure's CSV holds: the contract's columns and each value's provenance, then for a
# chosen value the register's assumptions it rests on and its basis (bounded, free, unnamed).
CSV_COLUMNS = [*RESULT_COLUMNS, "provenance", *MARK_COLUMNS]


def load(data_path: str | Path, programme: str = "all") -> pd.DataFrame:
    """The respondents of a file (checked against the codebook), of one programme or all."""
    answers = load_responses(data_path)
    about = original.describe(paths.resolve(data_path), answers)  # before any selection
    selected = select_programme(answers, programme)
    if selected.empty:
        raise InputError(f"{data_path}: no respondents in programme {programme!r}; the file's "
                         "programmes are " + ", ".join(sorted(answers["programme"].unique())))
    # Carried by every frame cut from this one (pandas keeps attrs), so a table computed from
    # any part of it knows which file, and which respondents, it speaks for.
    selected.attrs.update(data_path=str(data_path), programme=programme, about=about)
    return selected


def waves(answers: pd.DataFrame) -> tuple[int, ...]:
    """The waves of a respondent file: the years it holds, in order (2009, 2010 for the
    shipped file; any number for another)."""
    return tuple(sorted(int(w) for w in answers["wave"].unique()))


_waves_of = waves  # for shares, whose parameter ``waves`` hides the function


def about(answers: pd.DataFrame) -> original.About:
    """Which file these answers come from, and whether it is the shipped reconstruction:
    the record ``load`` made of the whole file, or else the answers' own content."""
    return original.about(answers)


def is_subset(answers: pd.DataFrame) -> bool:
    """Whether these are only some of the respondents the report describes: one programme
    (chosen at loading, or a group cut out afterwards)."""
    return (answers.attrs.get("programme", "all") != "all"
            or answers["programme"].nunique() < 2)


def labels(question: str | None = None, language: str = "nb",
           data_path: str | Path | None = None) -> dict[str, str]:
    """Item labels in one language: one question's, or every item's (with the file's own)."""
    return {name: label(row, language)
            for name, row in items(question, data_path=data_path).iterrows()}


def shares(answers: pd.DataFrame, question: str, waves: tuple[int, ...] | None = None,
           language: str = "nb", data_path: str | Path | None = None) -> pd.DataFrame:
    """One question's tidy table: one row per item, wave and response.

    Parameters
    ----------
    answers : the respondents, as ``survey.load`` gives them (or any part of them, e.g. one
        programme: ``answers[answers["programme"] == "NCE"]``).
    question : the codebook's question, e.g. ``"q3"`` (Figure 3.3) or ``"q1"`` (Figure 3.1).
    waves : the waves to keep, e.g. ``(2010,)``; by default every wave the answers hold
        (Figure 3.1: the latest, ``waves(answers)[-1:]``).
    language : ``"nb"`` or ``"en"``, for the ``label`` column.
    data_path : the respondent file, when it brings items of its own (``NAME.codebook.csv``).

    Columns
    -------
    item, wave, response : which answer the row counts (``ticked`` for a tick box; ``forverret``,
        ``uendret`` or ``forbedret`` for capital access).
    n : the respondents of that wave who answered that item -- not everyone who answered the
        survey. A tick-box question is answered by ticking at least one of its boxes; its empty
        boxes then count as not ticked. A respondent who ticked none left the question blank
        and is not in its n: they cannot be told from one who skipped it. So n can be below the
        wave's respondents (in the shipped file Figure 3.3's 2009 n is 23 of 24). An item not
        asked in a wave (n = 0) has no row for it. ``survey.n_by_wave`` sets n beside the count
        of respondents.
    count : those of the n who gave this response; ``percent`` = 100 * count / n.
    ci_low, ci_high : the Wilson 95 % interval of percent (wide for small n).
    provenance : ``table`` or ``text`` where the report states the value, ``assumed`` where the
        shipped file's value was chosen; empty for another file's own data.
    label : the item's wording in ``language``.

    Example: ``survey.shares(answers, "q3", language="en")[["label", "wave", "n", "percent"]]``
    """
    book = items(question, data_path=data_path)
    table = tally(answers, list(book.index), codebook=book)
    if waves is not None:
        table = table[table["wave"].isin(waves)].reset_index(drop=True)
    table = with_provenance(table, load_published(), original=about(answers).is_original,
                            subset=is_subset(answers))
    table = assumptions.mark(table, load_published())
    table = table.assign(label=table["item"].map(labels(question, language, data_path)))
    # The waves of the file (not only of this question), so that every figure gives a wave
    # the same colour (style.wave_colours).
    table.attrs["waves"] = _waves_of(answers)
    return table


def n_by_wave(answers: pd.DataFrame, questions: list[str],
              data_path: str | Path | None = None) -> pd.DataFrame:
    """Per wave: how many answered the survey, and each question's n (its items' smallest and
    largest, e.g. ``23`` or ``13–17``), so a reader sees where n falls below the respondents."""
    columns = {"respondents": answers.groupby("wave")["respondent_id"].nunique()}
    for question in questions:
        book = items(question, data_path=data_path)
        ns = tally(answers, list(book.index), codebook=book).groupby("wave")["n"]
        low, high = ns.min(), ns.max()
        columns[f"n, {question}"] = pd.Series(
            {wave: f"{low[wave]}" if low[wave] == high[wave] else f"{low[wave]}–{high[wave]}"
             for wave in low.index}, dtype=object)
    return pd.DataFrame(columns).rename_axis("wave")
