"""Loading: every file the notebooks read, checked on the way in.

Computation lives in ``processing``; this module only reads, validates and returns frames.
"""

from __future__ import annotations

import csv
import io as _io
from functools import cache
from pathlib import Path

import pandas as pd

from klyngekrise import paths
from klyngekrise.errors import InputError

WAVES = ("2009", "2010")
PROGRAMMES = ("NCE", "Arena")
LEVELS = ("forverret", "uendret", "forbedret")
TICKS = ("0", "1")
_MAX_LISTED = 5


@cache
def load_codebook() -> pd.DataFrame:
    """The codebook: one row per column of the respondent file, in report order."""
    return pd.read_csv(paths.CODEBOOK, dtype=str, keep_default_na=False)


def items(question: str | None = None) -> pd.DataFrame:
    """The survey items (q*_ columns), optionally of one question, in report order."""
    book = load_codebook()
    book = book[book["question"] != ""]
    if question is not None:
        book = book[book["question"] == question]
    return book.set_index("column")


def response_schema():
    """The contract's respondent file, as a pandera schema over the raw text of each cell."""
    import pandera.pandas as pa  # only where a file is validated: it takes half a second

    columns = {
        "respondent_id": pa.Column(str, pa.Check.str_length(min_value=1), nullable=False),
        "wave": pa.Column(str, pa.Check.isin(WAVES)),
        "programme": pa.Column(str, pa.Check.isin(PROGRAMMES)),
    }
    for name, row in items().iterrows():
        allowed = (*LEVELS, "") if row["type"] == "level" else (*TICKS, "")
        columns[name] = pa.Column(str, pa.Check.isin(allowed))
    return pa.DataFrameSchema(columns, strict=True, ordered=False, unique=["wave", "respondent_id"])


def _expected(column: str) -> str:
    if column == "wave":
        return "one of " + ", ".join(WAVES)
    if column == "programme":
        return "one of " + ", ".join(PROGRAMMES)
    if column == "respondent_id":
        return "a non-empty id"
    kind = items().loc[column, "type"]
    values = LEVELS if kind == "level" else TICKS
    return "one of " + ", ".join(values) + " or empty"


def _describe(failures: pd.DataFrame, source: str) -> str:
    """One message for all that failed: file, line, column, the value and what was allowed."""
    lines = []
    order = list(load_codebook()["column"])
    missing = failures.loc[failures["check"] == "column_in_dataframe", "failure_case"]
    if len(missing):
        names = sorted(missing, key=order.index)
        lines.append(f"{source}: missing column{'s' if len(names) > 1 else ''} "
                     + ", ".join(names) + " (the columns are listed in data/codebook.csv)")
    for _, case in failures.iterrows():
        check, column, value = str(case["check"]), case["column"], case["failure_case"]
        if check == "column_in_dataframe":
            continue
        if check == "column_in_schema":
            lines.append(f"{source}: unexpected column {value!r}; the contract's columns are "
                         "respondent_id, wave, programme and the items in data/codebook.csv")
        elif check == "multiple_fields_uniqueness" or column in (None, "None") and "unique" in check:
            line = int(case["index"]) + 2
            lines.append(f"{source}, line {line}: duplicate respondent_id within its wave "
                         "(respondent_id must be unique within a wave)")
        else:
            line = int(case["index"]) + 2  # the header is line 1
            lines.append(f"{source}, line {line}, column {column}: {value!r} is not allowed; "
                         f"expected {_expected(column)}")
    extra = len(lines) - _MAX_LISTED
    shown = lines[:_MAX_LISTED] + ([f"... and {extra} more"] if extra > 0 else [])
    return "invalid respondent file:\n  " + "\n  ".join(shown)


def _read_text(path: Path) -> str:
    if not path.exists():
        raise InputError(f"{path}: no such file; expected a respondent CSV with the columns "
                         "listed in data/codebook.csv")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; expected a respondent CSV file")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError(f"{path}, line {line}: not UTF-8 (byte 0x{raw[err.start]:02x}); "
                         "save the file as UTF-8") from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty; expected a header row and one row per "
                         "respondent")
    return text


def load_responses(path: str | Path = paths.RAW_RESPONSES) -> pd.DataFrame:
    """Read and validate a respondent file; raise InputError naming any fault.

    Returns one row per respondent: ``wave`` as int, ``q1_*`` as text with missing answers
    as NA, tick boxes as nullable integers (1, 0 or NA).
    """
    path = paths.resolve(path)
    text = _read_text(path)
    frame = pd.read_csv(_io.StringIO(text), dtype=str, keep_default_na=False,
                        quoting=csv.QUOTE_MINIMAL)
    if frame.empty:
        raise InputError(f"{path}: has a header but no rows; expected one row per respondent")
    from pandera.errors import SchemaErrors

    try:
        response_schema().validate(frame, lazy=True)
    except SchemaErrors as err:
        raise InputError(_describe(err.failure_cases, str(path))) from None
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["wave"] = frame["wave"].astype(int)
    for name, row in items().iterrows():
        column = frame[name].replace("", pd.NA)
        frame[name] = column if row["type"] == "level" else column.astype("Int64")
    return frame


@cache
def load_published() -> pd.DataFrame:
    """Every number the report prints about the survey, with its provenance (data/published)."""
    frame = pd.read_csv(paths.PUBLISHED_VALUES, dtype={"quote": str, "note": str,
                                                        "interval": str, "section": str})
    frame["contradicts_table"] = frame["contradicts_table"].astype(bool)
    return frame


@cache
def load_response_rates() -> pd.DataFrame:
    return pd.read_csv(paths.RESPONSE_RATES)


@cache
def load_bibliography() -> dict[str, str]:
    """The report's title-page facts: title, authors, series, ISBN, ..."""
    frame = pd.read_csv(paths.BIBLIOGRAPHY, dtype=str, keep_default_na=False)
    return dict(zip(frame["field"], frame["value"], strict=True))


@cache
def load_report_table(name: str) -> pd.DataFrame:
    """A table of the report's other numbers and labels, from data/report/<name>.csv."""
    return pd.read_csv(paths.DATA_DIR / "report" / f"{name}.csv", dtype={"period": str, "year": "Int64"})
