"""Loading a respondent file: every fault gets one message naming file, line, column, allowed."""

import subprocess
import sys

import pytest

from klyngekrise.errors import InputError
from klyngekrise.io import load_responses
from tests.conftest import ROOT


def _replace_cell(text: str, line: int, column: str, value: str) -> str:
    lines = text.splitlines()
    header = lines[0].split(",")
    cells = lines[line - 1].split(",")
    cells[header.index(column)] = value
    lines[line - 1] = ",".join(cells)
    return "\n".join(lines) + "\n"


def _error(path) -> str:
    with pytest.raises(InputError) as err:
        load_responses(path)
    return str(err.value)


def test_fixture_loads(write_csv, fixture_text):
    frame = load_responses(write_csv(fixture_text))
    assert len(frame) == 7
    assert frame["wave"].tolist() == [2009] * 4 + [2010] * 3


def test_missing_file_is_named(tmp_path):
    message = _error(tmp_path / "nowhere.csv")
    assert "nowhere.csv: no such file" in message


def test_empty_file(write_csv):
    assert "the file is empty" in _error(write_csv(""))


def test_header_without_rows(write_csv, fixture_text):
    assert "header but no rows" in _error(write_csv(fixture_text.splitlines()[0] + "\n"))


def test_windows_1252_is_read_as_such(write_csv, fixture_text):
    text = _replace_cell(fixture_text, 3, "programme", "Arena")
    raw = text.encode("utf-8").replace(b"A2,2009,Arena", b"A2,2009,Ar\xe9na")
    message = _error(write_csv(raw))
    assert "line 3, column programme: 'Aréna' is not allowed" in message


def test_neither_utf8_nor_windows_1252_names_the_line(write_csv, fixture_text):
    raw = fixture_text.encode("utf-8").replace(b"A2,2009", b"A2\x81\xe9,2009")
    message = _error(write_csv(raw))
    assert "line 3: neither UTF-8 nor Windows-1252 text (byte 0x81)" in message


def test_missing_column(write_csv, fixture_text):
    lines = [",".join(line.split(",")[:-1]) for line in fixture_text.splitlines()]
    message = _error(write_csv("\n".join(lines) + "\n"))
    assert "missing column q9_kompetansebygging (the columns are listed in" in message


def test_extra_column(write_csv, fixture_text):
    lines = fixture_text.splitlines()
    lines = [lines[0] + ",cluster_name"] + [line + ",x" for line in lines[1:]]
    message = _error(write_csv("\n".join(lines) + "\n"))
    assert "unexpected column 'cluster_name'" in message


@pytest.mark.parametrize(
    ("line", "column", "value", "expected"),
    [
        (4, "q1_drift", "verre", "expected one of forverret, uendret, forbedret or empty"),
        (2, "q5_kunder", "2", "expected one of 0, 1 or empty"),  # a tick box is 0, 1 or empty
        (6, "wave", "2010.5", "expected a year of four digits, such as 2011"),
        (5, "programme", "VRI", "expected one of NCE, Arena"),
    ],
)
def test_bad_value_names_line_column_and_what_is_allowed(write_csv, fixture_text, line, column,
                                                         value, expected):
    message = _error(write_csv(_replace_cell(fixture_text, line, column, value)))
    assert f"line {line}, column {column}: {value!r} is not allowed; {expected}" in message


def test_duplicate_respondent_within_a_wave(write_csv, fixture_text):
    message = _error(write_csv(_replace_cell(fixture_text, 3, "respondent_id", "A1")))
    assert "duplicate respondent_id within its wave" in message
    assert "line 3" in message


def test_same_id_in_both_waves_is_allowed(write_csv, fixture_text):
    frame = load_responses(write_csv(_replace_cell(fixture_text, 6, "respondent_id", "A1")))
    assert (frame["respondent_id"] == "A1").sum() == 2


def test_many_faults_make_one_message(write_csv, fixture_text):
    text = fixture_text
    for line in range(2, 9):
        text = _replace_cell(text, line, "q3_konkurs", "x")
    message = _error(write_csv(text))
    # title, one summary line per column, "first, by line:", five faults, a count of the rest
    assert message.count("\n") == 8
    assert "7 values not allowed in 1 column" in message
    assert "column q3_konkurs: 7 values, first on line 2, last on line 8" in message
    assert "... and 2 more" in message


def test_build_stops_with_one_message_and_no_traceback(write_csv, fixture_text, tmp_path):
    bad = write_csv(_replace_cell(fixture_text, 4, "q1_drift", "verre"))
    result = subprocess.run(
        [sys.executable, "-m", "klyngekrise.build", "prepare", "--build", str(tmp_path / "b"),
         "--edition", "nb", "--set", f"data_path={bad}"],
        cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "line 4, column q1_drift: 'verre' is not allowed" in result.stderr
    assert not (tmp_path / "b" / "build" / "nb" / "data.sha256").exists()


def test_bad_parameter_stops_the_build(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "klyngekrise.build", "prepare", "--build", str(tmp_path),
         "--edition", "nb", "--set", "programme=Both"],
        cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "key 'programme' is 'Both'; allowed: all, NCE, Arena" in result.stderr
    assert "Traceback" not in result.stderr
