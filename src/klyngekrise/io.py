"""Loading: every file the notebooks read, checked on the way in.

Computation lives in ``processing``; this module only reads, validates and returns frames.
"""

from __future__ import annotations

import csv
import io as _io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from klyngekrise import paths
from klyngekrise.contract import LEVELS, PROGRAMMES, TICKS
from klyngekrise.errors import InputError

_MAX_LISTED = 5


ITEM_TYPES = {"level": LEVELS, "tick": TICKS}
# A wave is the survey's year: the waves of a build are the years its file holds.
WAVE_PATTERN = r"^\d{4}$"
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
        "wave": pa.Column(str, pa.Check.str_matches(WAVE_PATTERN)),
        "programme": pa.Column(str, pa.Check.isin(PROGRAMMES)),
    }
    for name, row in items(data_path=data_path).iterrows():
        columns[name] = pa.Column(str, pa.Check.isin((*ITEM_TYPES[row["type"]], "")))
    return pa.DataFrameSchema(columns, strict=True, ordered=False, unique=["wave", "respondent_id"])


def _expected(column: str, data_path: str | Path | None = None) -> str:
    if column == "wave":
        return "a year of four digits, such as 2011"
    if column == "programme":
        return "one of " + ", ".join(PROGRAMMES)
    if column == "respondent_id":
        return "a non-empty id"
    values = ITEM_TYPES[items(data_path=data_path).loc[column, "type"]]
    return "one of " + ", ".join(values) + " or empty"


def _describe(failures: pd.DataFrame, source: str, data_path: Path | None = None,
              misses: dict[str, str] | None = None, row_word: str = "line") -> str:
    """One message for all that failed: file, line, column, the value and what was allowed.

    Faults of the file (missing or unexpected columns) come first, a header name that
    differs from the contract's only in case, spaces or accents as a "did you mean" (from
    ``misses``), then faults of cells in line order. When there are more than can be listed,
    a summary per column comes first. ``row_word`` is what the file's tool calls a row.
    """
    misses = misses or {}
    order = ["respondent_id", "wave", "programme", *load_codebook(data_path)["column"]]
    rank = {name: i for i, name in enumerate(order)}
    file_lines, cells = [], []  # cells: (line, column rank, column, what is allowed, text)
    if misses:
        shown = [f"{own!r} (did you mean {name}?)" for own, name in list(misses.items())[:_MAX_LISTED]]
        more = f", and {len(misses) - _MAX_LISTED} more" if len(misses) > _MAX_LISTED else ""
        description = paths.dataset_description(data_path).name if data_path else "NAME.survey.yml"
        file_lines.append(f"{source}: {len(misses)} column name{'s' if len(misses) > 1 else ''} "
                          "differ from the contract's only in case, spaces or accents: "
                          + ", ".join(shown) + more + "; rename them in the file, or map them "
                          f"under `columns:` in {description} beside it")
    missing = failures.loc[(failures["check"] == "column_in_dataframe")
                           & ~failures["failure_case"].isin(list(misses.values())), "failure_case"]
    if len(missing):
        names = sorted(missing, key=lambda n: rank.get(n, len(rank)))
        file_lines.append(f"{source}: missing column{'s' if len(names) > 1 else ''} "
                          + ", ".join(names) + " (the columns are listed in data/codebook.csv)")
    unexpected = sorted(failures.loc[(failures["check"] == "column_in_schema")
                                     & ~failures["failure_case"].isin(list(misses)),
                                     "failure_case"])
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
        line = int(case["index"])  # as the file's own tool numbers it (read_table)
        if check == "multiple_fields_uniqueness" or column in (None, "None") and "unique" in check:
            cells.append((line, -1, "respondent_id", "unique within a wave",
                          f"{source}, {row_word} {line}: duplicate respondent_id within its wave "
                          "(respondent_id must be unique within a wave)"))
        else:
            cells.append((line, rank.get(column, len(rank)), column, _expected(column, data_path),
                          f"{source}, {row_word} {line}, column {column}: {value!r} is not allowed; "
                          f"expected {_expected(column, data_path)}"))
    cells.sort(key=lambda c: c[:2])
    lines = file_lines + [c[-1] for c in cells]
    if len(lines) <= _MAX_LISTED:
        return "invalid respondent file:\n  " + "\n  ".join(lines)
    summary = _per_column(cells, row_word)
    columns = len({c[2] for c in cells})
    listed = lines[:_MAX_LISTED]
    return "\n  ".join([
        f"invalid respondent file: {source}: {len(cells)} value{'s' if len(cells) != 1 else ''}"
        f" not allowed in {columns} column{'s' if columns != 1 else ''}"
        + (f", and {len(file_lines)} fault{'s' if len(file_lines) > 1 else ''} of the columns"
           if file_lines else ""),
        *summary, f"first, by {row_word}:", *listed, f"... and {len(lines) - len(listed)} more"])


def _per_column(cells: list[tuple], row_word: str = "line") -> list[str]:
    """One line per column, in the file's column order: how many values failed, on which
    lines, and what is allowed."""
    by_column: dict[tuple, list[int]] = {}
    for line, _rank, column, allowed, _ in sorted(cells, key=lambda c: (c[1], c[0])):
        by_column.setdefault((column, allowed), []).append(line)
    out = []
    for (column, allowed), lines in by_column.items():
        where = (f"1 value, on {row_word} {lines[0]}" if len(lines) == 1 else
                 f"{len(lines)} values, first on {row_word} {lines[0]}, last on {row_word} "
                 f"{lines[-1]}")
        out.append(f"column {column}: {where}; expected {allowed}")
    limit = 2 * _MAX_LISTED
    return out[:limit] + ([f"... and {len(out) - limit} more columns"] if len(out) > limit else [])


# -- the dataset description beside a file (NAME.survey.yml) -----------------------------

@dataclass(frozen=True)
class DatasetDescription:
    """What NAME.survey.yml beside a respondent file says that the file itself cannot (see
    the data contract): every key is optional."""

    populations: dict[int, int] = field(default_factory=dict)  # wave: organisations asked
    columns: dict[str, str] = field(default_factory=dict)  # the file's column: the contract's
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # column or "*": codes
    sheet: str | None = None  # an Excel workbook's sheet (default: the first)
    path: Path | None = None


DESCRIPTION_KEYS = ("populations", "columns", "values", "sheet")


def _yaml_mapping(path: Path, what: str, allowed, noun: str, lines: str,
                  name_keys_if_invalid: bool = False, empty_is_none: bool = False) -> dict:
    """A YAML file of ``allowed`` keys, read as text as written (YAML's base loader), or one
    InputError naming the file, the line where YAML fails, or the first unknown key."""
    import yaml

    where = paths.shown(path)
    try:
        loaded = yaml.load(_read_text(path, what), Loader=yaml.BaseLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        keys = f"; expected {noun}s " + ", ".join(allowed) if name_keys_if_invalid else ""
        raise InputError(f"{where}{line}: not valid YAML ({getattr(err, 'problem', '') or err})"
                         f"{keys}") from None
    if loaded is None and empty_is_none:
        loaded = {}
    if not isinstance(loaded, dict):
        raise InputError(f"{where}: expected {lines} lines with the {noun}s " + ", ".join(allowed))
    unknown = [key for key in loaded if key not in allowed]
    if unknown:
        raise InputError(f"{where}: unknown {noun} {unknown[0]!r}; allowed: " + ", ".join(allowed))
    return loaded


def dataset_description(data_path: str | Path) -> DatasetDescription:
    """NAME.survey.yml beside NAME.csv (or .xlsx, .sav, .dta), checked; empty without one.

    Read with YAML's base loader, so every code stays text as written (``Nei`` and ``No``
    are not turned into false, nor ``01`` into 1).
    """
    path = paths.dataset_description(data_path)
    if not path.is_file():
        return DatasetDescription()
    where = paths.shown(path)
    loaded = _yaml_mapping(path, "a dataset description", DESCRIPTION_KEYS, noun="key",
                           lines="`key: value`", name_keys_if_invalid=True)

    def mapping(value, key: str) -> dict:
        if value in (None, ""):
            return {}
        if not isinstance(value, dict) or any(isinstance(v, list) for v in value.values()):
            raise InputError(f"{where}: key {key!r} must hold `name: value` lines")
        return value

    populations = {}
    for wave, count in mapping(loaded.get("populations"), "populations").items():
        if not re.fullmatch(r"\d{4}", wave) or not re.fullmatch(r"[1-9]\d*", str(count)):
            raise InputError(f"{where}, populations: {wave}: {count!r}; expected a year and the "
                             "number of organisations asked that year, such as `2011: 26`")
        populations[int(wave)] = int(count)
    columns = mapping(loaded.get("columns"), "columns")
    if any(not isinstance(v, str) for v in columns.values()):
        raise InputError(f"{where}, columns: expected `file's name: contract's name` lines")
    values = {}
    for column, codes in mapping(loaded.get("values"), "values").items():
        if not isinstance(codes, dict) or any(not isinstance(v, str) for v in codes.values()):
            raise InputError(f"{where}, values, {column}: expected the file's codes and the "
                             "contract's, such as {Ja: 1, Nei: 0}")
        values[column] = {str(own).strip(): str(code).strip() for own, code in codes.items()}
    sheet = loaded.get("sheet")
    if sheet is not None and (not isinstance(sheet, str) or not sheet.strip()):
        raise InputError(f"{where}: key 'sheet' must name one sheet of the workbook")
    return DatasetDescription(populations, {k.strip(): v.strip() for k, v in columns.items()},
                              values, sheet, path)


def _read_text(path: Path, what: str = "a respondent CSV file") -> str:
    """A text file's contents: UTF-8 (with or without BOM), else Windows-1252 (a Norwegian
    Windows export); a file in neither gets one message naming the line."""
    if not path.exists():
        raise InputError(f"{path}: no such file; expected {what}")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; expected {what}")
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" (UTF-16)
        text = raw.decode("utf-16")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                line = raw[: err.start].count(b"\n") + 1
                raise InputError(f"{path}, line {line}: neither UTF-8 nor Windows-1252 text "
                                 f"(byte 0x{raw[err.start]:02x}); save the file as CSV UTF-8") from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty; expected a header row and one row per "
                         "respondent")
    return text


# -- the files survey tools export --------------------------------------------------------

# Formats recognised by their first bytes, whatever the file is named.
_SIGNATURES = ((b"PK\x03\x04", "xlsx"), (b"$FL2", "sav"), (b"$FL3", "sav"),
               (b"<stata_dta>", "dta"), (b"\xd0\xcf\x11\xe0", "xls"), (b"PAR1", "parquet"))
_UNREADABLE = {
    "xls": "an Excel 97-2003 workbook (.xls)", ".xlsb": "a binary Excel workbook (.xlsb)",
    ".ods": "an OpenDocument spreadsheet (.ods)", "parquet": "a Parquet file",
    ".parquet": "a Parquet file", ".json": "a JSON file", ".por": "an SPSS portable file (.por)",
    ".sas7bdat": "a SAS data set (.sas7bdat)", ".rds": "an R data file (.rds)",
    ".rdata": "an R data file (.RData)", ".zip": "a zip archive", ".gz": "a compressed file",
    "binary": "a binary file",
}
READABLE = "CSV (UTF-8 or Windows-1252), Excel .xlsx, SPSS .sav or Stata .dta"


def file_format(path: Path) -> str:
    """``csv``, ``xlsx``, ``sav`` or ``dta``: what a respondent file is, by its first bytes
    (then its name); any other format gets one line naming it and what to do."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    suffix = path.suffix.lower()
    found = next((kind for signature, kind in _SIGNATURES if head.startswith(signature)), None)
    if found is None and suffix == ".dta" and head[:1] in (b"\x71", b"\x72", b"\x73"):
        found = "dta"  # Stata 8-13 files begin with their format number
    if found == "xlsx" and suffix in (".ods", ".zip"):
        found = suffix
    if found is None and suffix in _UNREADABLE:
        found = suffix
    if found is None and b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        found = "binary"
    if found in _UNREADABLE:
        raise InputError(f"{path}: {_UNREADABLE[found]}, a format this suite does not read; "
                         f"save or export it as {READABLE}")
    return found or "csv"


@dataclass
class RawTable:
    """A respondent file as read, before it is held to the contract: its header, its cells as
    text (indexed by the row number the file's own tool shows), and any value labels."""

    header: list[str]
    cells: pd.DataFrame
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    row_word: str = "line"
    source: str = ""


def read_table(path: Path, description: DatasetDescription | None = None) -> RawTable:
    """Any readable respondent file as a RawTable (see ``file_format``)."""
    description = description or DatasetDescription()
    kind = file_format(path)
    if kind == "xlsx":
        return _read_xlsx(path, description.sheet)
    if kind in ("sav", "dta"):
        return _read_stats_file(path, kind)
    if description.sheet:
        raise InputError(f"{paths.shown(description.path)}: key 'sheet' names a sheet, but "
                         f"{path.name} is not an Excel workbook; remove the key")
    return _read_csv(path, _read_text(path))


# Spreadsheet exports: Excel in a Norwegian locale separates with ';' (its list separator).
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}


def _read_csv(path: Path, text: str) -> RawTable:
    """A CSV, with its separator found from the header: the one that splits it into the most
    of the contract's column names (a comma when none does)."""
    text = text.lstrip("\ufeff")
    header = text.splitlines()[0]
    known = {_fold(name) for name in _contract_columns(path)}

    def known_columns(separator: str) -> int:
        return sum(_fold(name.strip().strip('"')) in known for name in header.split(separator))

    separator = max(SEPARATORS, key=known_columns)
    if not known_columns(separator):
        separator = ","
        found = [SEPARATORS.get(c, repr(c)) for c in "|:" if c in header]
        if found and "," not in header:
            raise InputError(f"{path}, line 1: columns separated by {found[0]}? expected a "
                             "comma-, semicolon- or tab-separated file with the columns listed "
                             "in data/codebook.csv")
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=separator)
    rows, lines = [], []
    for row in reader:
        rows.append(row)
        lines.append(reader.line_num)
    width = len(rows[0])
    for row, line in zip(rows[1:], lines[1:], strict=True):
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            raise InputError(f"{path}, line {line}: {len(row)} cells, but the header names "
                             f"{width} columns; a cell holding the separator "
                             f"({SEPARATORS[separator]}) needs quotes")
    body = [(row + [""] * width)[:width] for row in rows[1:]]
    cells = pd.DataFrame(body, columns=range(width), index=lines[1:], dtype=object)
    return RawTable(rows[0], cells, source=str(path))


def _cell_text(value) -> str:
    """One cell as text, as a CSV would hold it: whole numbers without decimals (an export's
    2009.0 is 2009), no answer as empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _read_xlsx(path: Path, sheet: str | None) -> RawTable:
    """An Excel workbook's first sheet, or the one NAME.survey.yml names (``sheet:``)."""
    try:
        book = pd.ExcelFile(path, engine="openpyxl")
    except Exception as err:  # openpyxl raises several kinds for a damaged or foreign zip
        raise InputError(f"{path}: not a readable Excel workbook ({err.__class__.__name__}); "
                         f"save it again as .xlsx, or export it as {READABLE}") from None
    names = book.sheet_names
    if sheet is not None and sheet not in names:
        raise InputError(f"{paths.shown(paths.dataset_description(path))}: key 'sheet' is "
                         f"{sheet!r}; the workbook's sheets are " + ", ".join(map(repr, names)))
    chosen = names[0] if sheet is None else sheet
    grid = pd.read_excel(book, sheet_name=chosen, header=None, dtype=object)
    if grid.empty:
        raise InputError(f"{path}, sheet {chosen!r}: the sheet is empty; expected a header row "
                         "and one row per respondent")
    cells = grid.map(_cell_text)
    header = list(cells.iloc[0])
    body = cells.iloc[1:]
    body.index = [i + 1 for i in body.index]  # Excel numbers rows from 1
    body.columns = range(len(header))
    return RawTable(header, body, row_word="row", source=f"{path}, sheet {chosen!r}")


def _read_stats_file(path: Path, kind: str) -> RawTable:
    """An SPSS .sav or Stata .dta file (pyreadstat), with each variable's value labels."""
    import pyreadstat

    reader = pyreadstat.read_sav if kind == "sav" else pyreadstat.read_dta
    try:
        frame, meta = reader(str(path), apply_value_formats=False)
    except Exception as err:  # pyreadstat's ReadstatError and friends
        what = "SPSS .sav" if kind == "sav" else "Stata .dta"
        raise InputError(f"{path}: not a readable {what} file ({err}); export it again, or as "
                         f"{READABLE}") from None
    header = [str(name) for name in frame.columns]
    cells = frame.astype(object).map(_cell_text)
    cells.columns = range(len(header))
    cells.index = [i + 1 for i in range(len(cells))]  # data rows as the tools number cases
    labels = {str(name): {_cell_text(code): str(text) for code, text in mapping.items()}
              for name, mapping in (meta.variable_value_labels or {}).items()}
    return RawTable(header, cells, labels, row_word="row", source=str(path))


# -- holding a file to the contract ------------------------------------------------------

def _fold(name: str) -> str:
    """A column name with case, spaces, separators and accents folded away: 'Q1 Børs' and
    'q1_bors' fold alike."""
    text = name.casefold().translate(str.maketrans({"ø": "o", "æ": "ae", "å": "a"}))
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    return re.sub(r"[\s_\-.]+", "", text).replace("oe", "o")


def _contract_columns(data_path: Path | None) -> list[str]:
    return ["respondent_id", "wave", "programme", *items(data_path=data_path).index]


def _allowed(column: str, data_path: Path | None) -> tuple[str, ...]:
    if column == "programme":
        return PROGRAMMES
    book = items(data_path=data_path)
    return ITEM_TYPES[book.loc[column, "type"]] if column in book.index else ()


def _to_contract(table: RawTable, description: DatasetDescription, path: Path) -> pd.DataFrame:
    """The file's cells under the contract's column names and codes: empty rows and unnamed
    empty columns dropped, NAME.survey.yml's ``columns`` and ``values`` applied, value labels
    read where they give a contract code, whole numbers saved with decimals read as such."""
    header = [name.strip() for name in table.header]
    cells = table.cells.map(lambda v: v.strip())
    keep = []
    for i, name in enumerate(header):
        if name:
            keep.append(i)
        elif (cells[i] != "").any():
            first = cells.index[(cells[i] != "").to_numpy()][0]
            raise InputError(f"{table.source}: column {i + 1} has no name in the header but "
                             f"holds values ({table.row_word} {first}: {cells.at[first, i]!r}); "
                             "name it, or delete the column")
    cells = cells[keep]
    header = [header[i] for i in keep]
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        if name in seen:
            raise InputError(f"{table.source}: column {name!r} appears twice in the header "
                             f"(columns {seen[name]} and {position}); keep one")
        seen[name] = position
    cells = cells[(cells != "").any(axis=1)]
    renamed = _renamed(header, description, path)
    cells.columns = [renamed.get(name, name) for name in header]
    labels = {renamed.get(name, name): mapping for name, mapping in table.labels.items()}
    for column in cells.columns:
        codes = {**description.values.get("*", {}), **description.values.get(column, {})}
        if column in ("respondent_id", "wave"):
            codes = description.values.get(column, {})
        allowed = _allowed(column, path)
        own = labels.get(column, {})
        if not codes and not own:
            continue

        def code(cell: str, codes=codes, own=own, allowed=allowed) -> str:
            if cell in codes:
                return codes[cell]
            label = own.get(cell)
            if label is not None:
                if label.strip() in codes:
                    return codes[label.strip()]
                match = [a for a in allowed if _fold(a) == _fold(label)]
                if match and cell not in allowed:
                    return match[0]
            return cell

        cells[column] = cells[column].map(code)
    for column in ("respondent_id", "wave"):
        if column in cells:
            cells[column] = cells[column].str.replace(_WHOLE_NUMBER, r"\1", regex=True)
    ticks = [name for name, row in items(data_path=path).iterrows()
             if row["type"] != "level" and name in cells.columns]
    if ticks:
        cells[ticks] = cells[ticks].replace(_DECIMAL_TICK, r"\1", regex=True)
    return cells


def _renamed(header: list[str], description: DatasetDescription, path: Path) -> dict[str, str]:
    """NAME.survey.yml's ``columns``, checked: each a column of the file, mapped to one of the
    contract's."""
    if not description.columns:
        return {}
    where = paths.shown(description.path)
    contract = _contract_columns(path)
    for own, name in description.columns.items():
        if own not in header:
            raise InputError(f"{where}, columns: {own!r} is not a column of {path.name}; its "
                             f"columns begin " + ", ".join(map(repr, header[:5])))
        if name not in contract:
            hint = _did_you_mean(name, contract)
            raise InputError(f"{where}, columns: {own!r} maps to {name!r}, which is not a column "
                             f"of the contract{hint}; the columns are respondent_id, wave, "
                             "programme and the items in data/codebook.csv")
    return dict(description.columns)


def _did_you_mean(name: str, candidates) -> str:
    match = [c for c in candidates if _fold(c) == _fold(name)]
    return f" (did you mean {match[0]}?)" if match else ""


def near_misses(columns, data_path: Path | None = None) -> dict[str, str]:
    """The file's column names that differ from a missing contract name only in case, spaces
    or accents, each with that name."""
    contract = _contract_columns(data_path)
    missing = [name for name in contract if name not in columns]
    folded = {_fold(name): name for name in missing}
    return {own: folded[_fold(own)] for own in columns
            if own not in contract and _fold(own) in folded}


# A number saved with decimals (SPSS's 2009.0, Excel's "1.0", or "1,0" with a decimal comma)
# that is a whole number. A tick is read so only when exactly 1 or 0 (0.5 is still refused).
_WHOLE_NUMBER = re.compile(r"^([+-]?\d+)[.,]0+$")
_DECIMAL_TICK = re.compile(r"^([01])[.,]0+$")


def _typed(frame: pd.DataFrame, data_path: Path | None = None) -> pd.DataFrame:
    frame = frame.copy()
    frame["wave"] = frame["wave"].astype(int)
    for name, row in items(data_path=data_path).iterrows():
        column = frame[name].replace("", pd.NA)
        frame[name] = column if row["type"] == "level" else column.astype("Int64")
    return frame.reset_index(drop=True)


def load_responses(path: str | Path = paths.RAW_RESPONSES) -> pd.DataFrame:
    """Read and validate a respondent file (see ``read_table`` for the formats); raise
    InputError naming any fault.

    NAME.survey.yml beside the file may rename its columns and recode its answers
    (``dataset_description``); NAME.codebook.csv declares its extra items.
    Returns one row per respondent: ``wave`` as int, ``q1_*`` as text with missing answers
    as NA, tick boxes as nullable integers (1, 0 or NA).
    """
    path = paths.resolve(path)
    if not path.exists():
        raise InputError(f"{path}: no such file; expected a respondent file ({READABLE}) with "
                         "the columns listed in data/codebook.csv")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; expected a respondent file ({READABLE})")
    description = dataset_description(path)
    table = read_table(path, description)
    frame = _to_contract(table, description, path)
    if frame.empty:
        raise InputError(f"{table.source}: has a header but no rows; expected one row per "
                         "respondent")
    from pandera.errors import SchemaErrors

    try:
        response_schema(path).validate(frame, lazy=True)
    except SchemaErrors as err:
        raise InputError(_describe(err.failure_cases, table.source, path,
                                   near_misses(list(frame.columns), path),
                                   table.row_word)) from None
    return _typed(frame, path)


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


# The front matter's fields, in the title page's order after the title and subtitle.
FRONT_MATTER_FIELDS = ("title", "subtitle", "authors", "report_number", "year", "date", "isbn",
                       "issn", "institution")


def load_front_matter(language: str, path: Path = paths.FRONT_MATTER) -> dict[str, str]:
    """The report's title page in one language, from front_matter.yml: every field of
    FRONT_MATTER_FIELDS, empty where the file leaves it out. A value is one text, or one per
    edition (``nb:``, ``en:``); read as text as written (YAML's base loader)."""
    where = paths.shown(path)
    loaded = _yaml_mapping(path, "the report's front matter (front_matter.yml)",
                           FRONT_MATTER_FIELDS, noun="field", lines="`field: text`",
                           empty_is_none=True)
    front = {}
    for field_name in FRONT_MATTER_FIELDS:
        value = loaded.get(field_name, "")
        if isinstance(value, dict):
            if set(value) - {"nb", "en"}:
                raise InputError(f"{where}, {field_name}: editions {', '.join(value)}; allowed: "
                                 "nb, en")
            value = value.get(language, "")
        if not isinstance(value, str):
            raise InputError(f"{where}, {field_name}: expected one text, or one per edition "
                             "(nb: and en:)")
        front[field_name] = value.strip()
    if not front["title"]:
        raise InputError(f"{where}: field 'title' is empty for the {language} edition; the "
                         "report needs a title")
    return front


@cache
def load_report_table(name: str) -> pd.DataFrame:
    """A table of the report's other numbers and labels, from data/report/<name>.csv."""
    return pd.read_csv(paths.DATA_DIR / "report" / f"{name}.csv", dtype={"period": str, "year": "Int64"})

