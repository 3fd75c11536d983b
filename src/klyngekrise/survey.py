"""The survey's answers and each figure's tidy table: what a notebook computes, in two calls.

    answers = survey.load(data_path, programme="all")        # validated, one row per answer
    table = survey.shares(answers, "q3", data_path=data_path) # one row per item, wave, response

A tidy table has the contract's columns (item, wave, response, n, count, percent, ci_low,
ci_high), the value's ``provenance`` and the item's ``label`` in the chosen language. Provenance
is ``table``, ``text`` or ``assumed`` (as the report states it; it states no value for one
programme alone) for the shipped reconstruction only, recognised by its content
(``klyngekrise.original``); every value of any other file is ``data``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from klyngekrise import original, paths
from klyngekrise.errors import InputError
from klyngekrise.io import items, load_published, load_responses
from klyngekrise.processing import RESULT_COLUMNS, select_programme, with_provenance
from klyngekrise.processing import shares as count_shares
from klyngekrise.text import label

# What a figure's CSV holds: the contract's columns and each value's provenance.
CSV_COLUMNS = [*RESULT_COLUMNS, "provenance"]


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
    """One question's tidy table: per item, wave and response its n, count, percent, Wilson
    95 % interval, provenance and label; of every wave the answers hold, or of ``waves``
    (Figure 3.1: the latest, ``waves(answers)[-1:]``). ``data_path`` brings the file's own
    extra items."""
    book = items(question, data_path=data_path)
    table = count_shares(answers, list(book.index), codebook=book)
    if waves is not None:
        table = table[table["wave"].isin(waves)].reset_index(drop=True)
    table = with_provenance(table, load_published(), original=about(answers).is_original,
                            subset=is_subset(answers))
    table = table.assign(label=table["item"].map(labels(question, language, data_path)))
    # The waves of the file (not only of this question), so that every figure gives a wave
    # the same colour (style.wave_colours).
    table.attrs["waves"] = _waves_of(answers)
    return table
