"""The survey's answers and each figure's tidy table: what a notebook computes, in two calls.

    answers = survey.load(data_path, programme="all")        # validated, one row per answer
    table = survey.shares(answers, "q3", data_path=data_path) # one row per item, wave, response

A tidy table has the contract's columns (item, wave, response, n, count, percent, ci_low,
ci_high), the value's ``provenance`` (table, text or assumed, as the report states it) and
the item's ``label`` in the chosen language.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from klyngekrise.errors import InputError
from klyngekrise.io import items, load_published, load_responses
from klyngekrise.processing import RESULT_COLUMNS, select_programme, with_provenance
from klyngekrise.processing import shares as count_shares
from klyngekrise.text import label

WAVES = (2009, 2010)
# What a figure's CSV holds: the contract's columns and each value's provenance.
CSV_COLUMNS = [*RESULT_COLUMNS, "provenance"]


def load(data_path: str | Path, programme: str = "all") -> pd.DataFrame:
    """The respondents of a file (checked against the codebook), of one programme or all."""
    answers = load_responses(data_path)
    selected = select_programme(answers, programme)
    if selected.empty:
        raise InputError(f"{data_path}: no respondents in programme {programme!r}; the file's "
                         "programmes are " + ", ".join(sorted(answers["programme"].unique())))
    return selected


def labels(question: str | None = None, language: str = "nb",
           data_path: str | Path | None = None) -> dict[str, str]:
    """Item labels in one language: one question's, or every item's (with the file's own)."""
    return {name: label(row, language)
            for name, row in items(question, data_path=data_path).iterrows()}


def shares(answers: pd.DataFrame, question: str, waves: tuple[int, ...] = WAVES,
           language: str = "nb", data_path: str | Path | None = None) -> pd.DataFrame:
    """One question's tidy table: per item, wave and response its n, count, percent, Wilson
    95 % interval, provenance and label. ``data_path`` brings the file's own extra items."""
    book = items(question, data_path=data_path)
    table = count_shares(answers, list(book.index), codebook=book)
    table = table[table["wave"].isin(waves)].reset_index(drop=True)
    table = with_provenance(table, load_published())
    return table.assign(label=table["item"].map(labels(question, language, data_path)))
