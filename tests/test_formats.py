"""The files survey tools export: the same answers as CSV (UTF-8, or Windows-1252 with
semicolons), Excel .xlsx, SPSS .sav and Stata .dta read alike and give byte-identical figure
CSVs; a format the suite cannot read gets one line naming it. Every file is written in the
test's own temporary folder."""

from __future__ import annotations

import pandas as pd
import pytest

from klyngekrise import survey
from klyngekrise.errors import InputError
from klyngekrise.io import LEVELS, items, load_responses
from klyngekrise.text import FIGURES
from tests.conftest import FIXTURE

LEVEL_LABELS = {1: "Forverret", 2: "Uendret", 3: "Forbedret"}  # as a survey tool labels them
PROGRAMME_LABELS = {1: "NCE", 2: "Arena"}
TICK_LABELS = {0: "Nei", 1: "Ja"}


def answers(path=FIXTURE) -> pd.DataFrame:
    """A contract CSV's answers as text."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _ticks() -> list[str]:
    return [name for name, row in items().iterrows() if row["type"] == "tick"]


def numeric(frame: pd.DataFrame) -> pd.DataFrame:
    """The answers as SPSS and Stata hold them: numbers (wave 2009.0, ticks 1.0), the levels
    and programmes as coded numbers with value labels (``value_labels``)."""
    out = frame.copy()
    out["wave"] = frame["wave"].astype(float)
    out["programme"] = frame["programme"].map({v: k for k, v in PROGRAMME_LABELS.items()})
    codes = {level: i for i, level in enumerate(LEVELS, start=1)}
    for name, row in items().iterrows():
        column = frame[name].replace("", None)
        out[name] = (column.map(codes) if row["type"] == "level" else column).astype(float)
    return out


def value_labels(frame: pd.DataFrame) -> dict[str, dict[int, str]]:
    book = items()
    return {name: (PROGRAMME_LABELS if name == "programme"
                   else LEVEL_LABELS if book.loc[name, "type"] == "level" else TICK_LABELS)
            for name in frame.columns if name == "programme" or name in book.index}


def write_csv_1252(frame: pd.DataFrame, path) -> None:
    """As Excel saves 'CSV' in a Norwegian Windows locale: Windows-1252, ';', CRLF; here with
    two trailing empty columns and an empty row too, as spreadsheets leave them."""
    text = frame.assign(**{" ": "", "  ": ""}).to_csv(index=False, sep=";",
                                                       lineterminator="\r\n")
    path.write_bytes((text + ";" * (frame.shape[1] + 1) + "\r\n").encode("cp1252"))


def write_xlsx(frame: pd.DataFrame, path, sheet: str | None = None) -> None:
    """A workbook as a spreadsheet holds the answers: text as text, the wave a number, ticks
    as 1.0 and 0.0; a trailing column with a blank header and an empty row. With ``sheet``,
    the answers are on a second sheet of that name, after a sheet of notes."""
    from openpyxl import Workbook

    book = Workbook()
    target = book.active
    if sheet:
        target.title = "Om undersøkelsen"
        target.append(["Eksportert fra spørreverktøyet"])
        target = book.create_sheet(sheet)
    ticks = set(_ticks())
    target.append([*frame.columns, " "])
    for _, row in frame.iterrows():
        target.append([None if cell == "" else int(cell) if name == "wave"
                       else float(cell) if name in ticks else cell
                       for name, cell in row.items()])
    target.append([""])
    book.save(path)


def write_sav(frame: pd.DataFrame, path) -> None:
    import pyreadstat

    pyreadstat.write_sav(numeric(frame), str(path), variable_value_labels=value_labels(frame))


def write_dta(frame: pd.DataFrame, path) -> None:
    import pyreadstat

    pyreadstat.write_dta(numeric(frame), str(path), variable_value_labels=value_labels(frame))


WRITERS = {
    "responses.csv": lambda frame, path: frame.to_csv(path, index=False),
    "responses-1252.csv": write_csv_1252,
    "responses.xlsx": write_xlsx,
    "responses.sav": write_sav,
    "responses.dta": write_dta,
}


def write_each_format(frame: pd.DataFrame, folder) -> dict[str, object]:
    """The same answers in every format the suite reads, in ``folder``."""
    written = {}
    for name, writer in WRITERS.items():
        writer(frame, folder / name)
        written[name] = folder / name
    return written


def figure_csvs(path) -> dict[str, str]:
    """Every survey figure's CSV text for a respondent file, as the notebooks compute it."""
    answers_ = survey.load(path)
    return {key: survey.shares(answers_, spec.question, data_path=path)[survey.CSV_COLUMNS]
            .to_csv(index=False, lineterminator="\n") for key, spec in FIGURES.items()}


@pytest.fixture
def files(tmp_path):
    frame = answers()
    frame.loc[2, "programme"] = "Arena"  # so the file is not byte-equal to the fixture either way
    return write_each_format(frame, tmp_path)


def test_every_format_reads_as_the_csv(files):
    expected = load_responses(files["responses.csv"])
    for name, path in files.items():
        got = load_responses(path)
        pd.testing.assert_frame_equal(got, expected, obj=name)


def test_every_format_gives_byte_identical_figure_csvs(files):
    expected = figure_csvs(files["responses.csv"])
    assert sum(text.count("\n") for text in expected.values()) > 100
    for name, path in files.items():
        assert figure_csvs(path) == expected, name


def test_a_named_sheet(tmp_path):
    frame = answers()
    write_xlsx(frame, tmp_path / "svar.xlsx", sheet="Svar")
    (tmp_path / "svar.survey.yml").write_text("sheet: Svar\n", encoding="utf-8")
    pd.testing.assert_frame_equal(load_responses(tmp_path / "svar.xlsx"), load_responses(FIXTURE))


def test_a_missing_sheet_lists_the_workbooks_sheets(tmp_path):
    write_xlsx(answers(), tmp_path / "svar.xlsx", sheet="Svar")
    (tmp_path / "svar.survey.yml").write_text("sheet: Answers\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_responses(tmp_path / "svar.xlsx")
    assert str(err.value).endswith("svar.survey.yml: key 'sheet' is 'Answers'; the workbook's sheets "
                              "are 'Om undersøkelsen', 'Svar'")


def test_the_first_sheet_holds_no_header_of_the_contract(tmp_path):
    write_xlsx(answers(), tmp_path / "svar.xlsx", sheet="Svar")
    with pytest.raises(InputError) as err:
        load_responses(tmp_path / "svar.xlsx")
    assert "sheet 'Om undersøkelsen'" in str(err.value)


def test_a_trailing_column_is_never_named_unnamed(files):
    with pytest.raises(InputError) as err:
        load_responses(_drop_column(files["responses-1252.csv"], "q9_kompetansebygging"))
    message = str(err.value)
    assert "missing column q9_kompetansebygging" in message
    assert "Unnamed" not in message and "unexpected" not in message


def _drop_column(path, column):
    text = path.read_bytes().decode("cp1252")
    lines = [line.split(";") for line in text.split("\r\n")]
    at = lines[0].index(column)
    path.write_bytes("\r\n".join(";".join(c[:at] + c[at + 1:]) for c in lines).encode("cp1252"))
    return path


def test_a_column_without_a_name_but_with_values_is_named_by_position(tmp_path, fixture_text):
    lines = fixture_text.splitlines()
    text = "\n".join([lines[0] + ","] + [line + ",x" for line in lines[1:]]) + "\n"
    (tmp_path / "r.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_responses(tmp_path / "r.csv")
    assert "column 50 has no name in the header but holds values (line 2: 'x')" in str(err.value)


@pytest.mark.parametrize(("name", "content", "named"), [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
     "an Excel 97-2003 workbook (.xls)"),
    ("sheet.ods", b"PK\x03\x04" + b"\x00" * 100, "an OpenDocument spreadsheet (.ods)"),
    ("data.parquet", b"PAR1" + b"\x00" * 100, "a Parquet file"),
    ("export.csv", b"\x00\x01\x02\x03" * 30, "a binary file"),
    ("answers.json", b'[{"wave": 2009}]', "a JSON file"),
])
def test_a_format_it_cannot_read_gets_one_line(tmp_path, name, content, named):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError) as err:
        load_responses(tmp_path / name)
    message = str(err.value)
    assert "\n" not in message and "UTF-8 (byte" not in message
    assert f"{name}: {named}, a format this suite does not read; save or export it as" in message


def test_an_xlsx_named_csv_is_read_as_a_workbook(files, tmp_path):
    renamed = tmp_path / "really-a-workbook.csv"
    renamed.write_bytes(files["responses.xlsx"].read_bytes())
    pd.testing.assert_frame_equal(load_responses(renamed),
                                  load_responses(files["responses.csv"]))


def test_a_damaged_workbook(tmp_path):
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InputError) as err:
        load_responses(tmp_path / "broken.xlsx")
    assert "broken.xlsx: not a readable Excel workbook" in str(err.value)


def test_spss_faults_are_named_by_row(tmp_path):
    frame = answers()
    data = numeric(frame)
    data.loc[3, "q2_priser"] = 2.0
    import pyreadstat

    pyreadstat.write_sav(data, str(tmp_path / "r.sav"), variable_value_labels=value_labels(frame))
    with pytest.raises(InputError) as err:
        load_responses(tmp_path / "r.sav")
    assert "r.sav, row 4, column q2_priser: '2' is not allowed; expected one of 0, 1" in str(
        err.value)
