"""Loading: every file the notebooks read, checked on the way in.

Computation lives in ``processing``; this module only reads, validates and returns frames.
"""

from __future__ import annotations

import csv
import io as _io
import re
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


ITEM_TYPES = {"level": LEVELS, "tick": TICKS}
# A user's codebook needs these; it may carry any other column of data/codebook.csv.
USER_CODEBOOK_REQUIRED = ("column", "question", "label_nb", "label_en", "type")
_ITEM_NAME = re.compile(r"^(q\d+)_[a-z0-9_]+$")


@cache
def _shipped_codebook() -> pd.DataFrame:
    return pd.read_csv(paths.CODEBOOK, dtype=str, keep_default_na=False)


def load_codebook(data_path: str | Path | None = None) -> pd.DataFrame:
    """The codebook: one row per column of the respondent file, in report order.

    With a respondent file whose own codebook lies beside it (NAME.codebook.csv), its extra
    items follow the shipped ones; the shipped codebook itself is never changed.
    """
    shipped = _shipped_codebook()
    if data_path is None or not paths.user_codebook(data_path).is_file():
        return shipped
    extra = _read_user_codebook(paths.user_codebook(data_path), shipped)
    return pd.concat([shipped, extra], ignore_index=True).fillna("")


def _read_user_codebook(path: Path, shipped: pd.DataFrame) -> pd.DataFrame:
    """A user's codebook, checked: every fault named by file, line and column."""
    extra = pd.read_csv(_io.StringIO(_read_text(path, "a codebook CSV")), dtype=str,
                        keep_default_na=False)
    where = paths.shown(path)
    missing = [c for c in USER_CODEBOOK_REQUIRED if c not in extra.columns]
    unknown = [c for c in extra.columns if c not in shipped.columns]
    if missing or unknown:
        problem = "; ".join([*([f"missing column {', '.join(missing)}"] if missing else []),
                             *([f"unexpected column {', '.join(unknown)}"] if unknown else [])])
        raise InputError(f"{where}: {problem}; a codebook has the columns of data/codebook.csv "
                         f"(at least {', '.join(USER_CODEBOOK_REQUIRED)})")
    faults = []
    for i, row in extra.iterrows():
        line, name = i + 2, row["column"]
        match = _ITEM_NAME.match(name)
        if not match or match.group(1) != row["question"]:
            faults.append(f"{where}, line {line}, column column: {name!r} is not allowed; "
                          f"expected an item name <question>_<word>, such as "
                          f"{row['question'] or 'q3'}_newitem, with question {row['question']!r}")
        elif name in set(shipped["column"]) or (extra["column"] == name).sum() > 1:
            faults.append(f"{where}, line {line}, column column: {name!r} is already defined; "
                          "a user's codebook adds new items only")
        if row["type"] not in ITEM_TYPES:
            faults.append(f"{where}, line {line}, column type: {row['type']!r} is not allowed; "
                          "expected one of " + ", ".join(ITEM_TYPES))
        for column in ("label_nb", "label_en"):
            if not row[column].strip():
                faults.append(f"{where}, line {line}, column {column}: empty; expected the "
                              "item's label")
    if faults:
        raise InputError("invalid codebook:\n  " + "\n  ".join(faults[:_MAX_LISTED]))
    return extra


def items(question: str | None = None, data_path: str | Path | None = None) -> pd.DataFrame:
    """The survey items (q*_ columns), optionally of one question, in report order; with a
    respondent file, its own extra items too (see ``load_codebook``)."""
    book = load_codebook(data_path)
    book = book[book["question"] != ""]
    if question is not None:
        book = book[book["question"] == question]
    return book.set_index("column")


def response_schema(data_path: str | Path | None = None):
    """The contract's respondent file, as a pandera schema over the raw text of each cell."""
    import pandera.pandas as pa  # only where a file is validated: it takes half a second

    columns = {
        "respondent_id": pa.Column(str, pa.Check.str_length(min_value=1), nullable=False),
        "wave": pa.Column(str, pa.Check.isin(WAVES)),
        "programme": pa.Column(str, pa.Check.isin(PROGRAMMES)),
    }
    for name, row in items(data_path=data_path).iterrows():
        columns[name] = pa.Column(str, pa.Check.isin((*ITEM_TYPES[row["type"]], "")))
    return pa.DataFrameSchema(columns, strict=True, ordered=False, unique=["wave", "respondent_id"])


def _expected(column: str, data_path: str | Path | None = None) -> str:
    if column == "wave":
        return "one of " + ", ".join(WAVES)
    if column == "programme":
        return "one of " + ", ".join(PROGRAMMES)
    if column == "respondent_id":
        return "a non-empty id"
    values = ITEM_TYPES[items(data_path=data_path).loc[column, "type"]]
    return "one of " + ", ".join(values) + " or empty"


def _describe(failures: pd.DataFrame, source: str, data_path: Path | None = None) -> str:
    """One message for all that failed: file, line, column, the value and what was allowed.

    Faults of the file (missing or unexpected columns) come first, then faults of cells in
    line order. When there are more than can be listed, a summary per column comes first.
    """
    order = ["respondent_id", "wave", "programme", *load_codebook(data_path)["column"]]
    rank = {name: i for i, name in enumerate(order)}
    file_lines, cells = [], []  # cells: (line, column rank, column, what is allowed, text)
    missing = failures.loc[failures["check"] == "column_in_dataframe", "failure_case"]
    if len(missing):
        names = sorted(missing, key=lambda n: rank.get(n, len(rank)))
        file_lines.append(f"{source}: missing column{'s' if len(names) > 1 else ''} "
                          + ", ".join(names) + " (the columns are listed in data/codebook.csv)")
    unexpected = sorted(failures.loc[failures["check"] == "column_in_schema", "failure_case"])
    if unexpected:
        file_lines.append(f"{source}: unexpected column{'s' if len(unexpected) > 1 else ''} "
                          + ", ".join(repr(n) for n in unexpected) + "; the contract's columns "
                          "are respondent_id, wave, programme and the items in data/codebook.csv"
                          + (f" (an extra item is described in {paths.user_codebook(data_path).name}"
                             " beside the file)" if data_path else ""))
    for _, case in failures.iterrows():
        check, column, value = str(case["check"]), case["column"], case["failure_case"]
        if check in ("column_in_dataframe", "column_in_schema"):
            continue
        line = int(case["index"]) + 2  # the header is line 1
        if check == "multiple_fields_uniqueness" or column in (None, "None") and "unique" in check:
            cells.append((line, -1, "respondent_id", "unique within a wave",
                          f"{source}, line {line}: duplicate respondent_id within its wave "
                          "(respondent_id must be unique within a wave)"))
        else:
            cells.append((line, rank.get(column, len(rank)), column, _expected(column, data_path),
                          f"{source}, line {line}, column {column}: {value!r} is not allowed; "
                          f"expected {_expected(column, data_path)}"))
    cells.sort(key=lambda c: c[:2])
    lines = file_lines + [c[-1] for c in cells]
    if len(lines) <= _MAX_LISTED:
        return "invalid respondent file:\n  " + "\n  ".join(lines)
    summary = _per_column(cells)
    columns = len({c[2] for c in cells})
    listed = lines[:_MAX_LISTED]
    return "\n  ".join([
        f"invalid respondent file: {source}: {len(cells)} value{'s' if len(cells) != 1 else ''}"
        f" not allowed in {columns} column{'s' if columns != 1 else ''}"
        + (f", and {len(file_lines)} fault{'s' if len(file_lines) > 1 else ''} of the columns"
           if file_lines else ""),
        *summary, "first, by line:", *listed, f"... and {len(lines) - len(listed)} more"])


def _per_column(cells: list[tuple]) -> list[str]:
    """One line per column, in the file's column order: how many values failed, on which
    lines, and what is allowed."""
    by_column: dict[tuple, list[int]] = {}
    for line, _rank, column, allowed, _ in sorted(cells, key=lambda c: (c[1], c[0])):
        by_column.setdefault((column, allowed), []).append(line)
    out = []
    for (column, allowed), lines in by_column.items():
        where = (f"1 value, on line {lines[0]}" if len(lines) == 1 else
                 f"{len(lines)} values, first on line {lines[0]}, last on line {lines[-1]}")
        out.append(f"column {column}: {where}; expected {allowed}")
    limit = 2 * _MAX_LISTED
    return out[:limit] + ([f"... and {len(out) - limit} more columns"] if len(out) > limit else [])


def _read_text(path: Path, what: str = "a respondent CSV file") -> str:
    if not path.exists():
        raise InputError(f"{path}: no such file; expected a respondent CSV with the columns "
                         "listed in data/codebook.csv")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; expected {what}")
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

    A codebook beside the file (NAME.codebook.csv) declares its extra items.
    Returns one row per respondent: ``wave`` as int, ``q1_*`` as text with missing answers
    as NA, tick boxes as nullable integers (1, 0 or NA).
    """
    path = paths.resolve(path)
    frame = _accept_decimal_ticks(_read_table(_read_text(path), path), path)
    if frame.empty:
        raise InputError(f"{path}: has a header but no rows; expected one row per respondent")
    from pandera.errors import SchemaErrors

    try:
        response_schema(path).validate(frame, lazy=True)
    except SchemaErrors as err:
        raise InputError(_describe(err.failure_cases, str(path), path)) from None
    return _typed(frame, path)


# Spreadsheet exports: Excel in a Norwegian locale separates with ';' (its list separator).
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}
# A tick saved as a number with decimals (Excel's "1.0", or "1,0" with a decimal comma) is
# exactly 1 or 0: read as such. Anything else (0.5, 1.01) is still refused by the schema.
_DECIMAL_TICK = re.compile(r"^([01])[.,]0+$")


def _read_table(text: str, path: Path) -> pd.DataFrame:
    """The file as text cells, with its separator found from the header: the one that splits
    it into the most of the contract's column names (a comma when none does)."""
    header = text.lstrip("\ufeff").splitlines()[0]
    known = {"respondent_id", "wave", "programme", *load_codebook(path)["column"]}

    def known_columns(separator: str) -> int:
        return sum(name.strip().strip('"') in known for name in header.split(separator))

    separator = max(SEPARATORS, key=known_columns)
    if not known_columns(separator):
        separator = ","
        found = [SEPARATORS.get(c, repr(c)) for c in "|:" if c in header]
        if found and "," not in header:
            raise InputError(f"{path}, line 1: columns separated by {found[0]}? expected a "
                             "comma- or semicolon-separated file with the columns listed in "
                             "data/codebook.csv")
    return pd.read_csv(_io.StringIO(text), sep=separator, dtype=str, keep_default_na=False,
                       quoting=csv.QUOTE_MINIMAL)


def _accept_decimal_ticks(frame: pd.DataFrame, data_path: Path | None = None) -> pd.DataFrame:
    ticks = [name for name, row in items(data_path=data_path).iterrows()
             if row["type"] != "level" and name in frame.columns]
    if ticks:
        frame = frame.copy()
        frame[ticks] = frame[ticks].replace(_DECIMAL_TICK, r"\1", regex=True)
    return frame


def _typed(frame: pd.DataFrame, data_path: Path | None = None) -> pd.DataFrame:
    frame = frame.copy()
    frame["wave"] = frame["wave"].astype(int)
    for name, row in items(data_path=data_path).iterrows():
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
