"""Respondent files as spreadsheets export them: a separator, a byte-order mark, decimal ticks,
and many faults at once, sorted by line and summarised per column."""

import re

import pytest

from klyngekrise.errors import InputError
from klyngekrise.io import load_responses
from tests.conftest import FIXTURE


@pytest.fixture
def expected():
    return load_responses(FIXTURE)


def _excel(text: str, separator: str = ";") -> bytes:
    """As Excel saves 'CSV UTF-8' in a Norwegian locale: BOM, its list separator, CRLF."""
    return "\ufeff".encode() + text.replace(",", separator).replace("\n", "\r\n").encode()


@pytest.mark.parametrize("separator", [";", "\t", ","])
def test_spreadsheet_export_reads_as_the_comma_file(write_csv, fixture_text, expected, separator):
    got = load_responses(write_csv(_excel(fixture_text, separator)))
    assert got.equals(expected)


def test_byte_order_mark_alone(write_csv, fixture_text, expected):
    assert load_responses(write_csv("\ufeff" + fixture_text)).equals(expected)


def test_unknown_separator_is_named_in_one_line(write_csv, fixture_text):
    with pytest.raises(InputError) as err:
        load_responses(write_csv(fixture_text.replace(",", "|")))
    message = str(err.value)
    assert "\n" not in message
    assert "line 1: columns separated by '|'?" in message


def _decimal_ticks(text: str, one: str, zero: str) -> str:
    lines = text.splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        out.append(",".join(cells[:3] + [{"1": one, "0": zero}.get(c, c) for c in cells[3:]]))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("one,zero", [("1.0", "0.0"), ("1.00", "0.000")])
def test_ticks_saved_with_decimals_read_as_one_and_zero(write_csv, fixture_text, expected,
                                                        one, zero):
    text = _decimal_ticks(fixture_text, one, zero)
    assert text.count(one) > 50  # the file really has decimal ticks
    assert load_responses(write_csv(text)).equals(expected)


def test_decimal_comma_ticks_in_a_semicolon_file(write_csv, fixture_text, expected):
    lines = [fixture_text.splitlines()[0].replace(",", ";")]
    for line in fixture_text.splitlines()[1:]:
        cells = line.split(",")
        lines.append(";".join(cells[:3] + [{"1": "1,0", "0": "0,0"}.get(c, c) for c in cells[3:]]))
    assert lines[1].count("1,0") > 10
    assert load_responses(write_csv("\n".join(lines) + "\n")).equals(expected)


@pytest.mark.parametrize("value", ["0.5", "1.01", "2.0", "1e0"])
def test_other_numbers_are_still_refused(write_csv, fixture_text, value):
    header = fixture_text.splitlines()[0].split(",")
    column = header.index("q2_priser")
    lines = fixture_text.splitlines()
    cells = lines[1].split(",")
    cells[column] = value
    lines[1] = ",".join(cells)
    with pytest.raises(InputError) as err:
        load_responses(write_csv("\n".join(lines) + "\n"))
    assert f"line 2, column q2_priser: {value!r} is not allowed" in str(err.value)


def test_many_faults_are_summarised_per_column_then_listed_by_line(write_csv, fixture_text):
    """Every tick replaced by a letter: hundreds of faults, one readable message."""
    lines = fixture_text.splitlines()
    bad = [lines[0]] + [",".join(c if c not in ("0", "1") else "x" for c in line.split(","))
                        for line in lines[1:]]
    with pytest.raises(InputError) as err:
        load_responses(write_csv("\n".join(bad) + "\n"))
    message = str(err.value).splitlines()
    total, columns = map(int, re.search(r": (\d+) values not allowed in (\d+) columns",
                                        message[0]).groups())
    assert total > 200 and columns > 30
    summary = [m for m in message if m.strip().startswith("column ")]
    assert len(summary) == 10 and message[11].strip() == f"... and {columns - 10} more columns"
    assert summary[0].strip().startswith("column q2_ettersporsel: ")  # the file's column order
    listed = [m for m in message if ", line " in m]
    numbers = [int(re.search(r", line (\d+)", m).group(1)) for m in listed]
    assert len(listed) == 5 and numbers == sorted(numbers) == [2] * 5
    assert message[-1].strip() == f"... and {total - 5} more"
    assert len(message) < 20


def test_faults_are_sorted_by_line_across_columns(write_csv, fixture_text):
    lines = fixture_text.splitlines()
    header = lines[0].split(",")
    for line, column in [(6, "q2_priser"), (2, "q9_samarbeid_bedrifter"), (4, "wave")]:
        cells = lines[line - 1].split(",")
        cells[header.index(column)] = "?"
        lines[line - 1] = ",".join(cells)
    with pytest.raises(InputError) as err:
        load_responses(write_csv("\n".join(lines) + "\n"))
    found = re.findall(r", line (\d+), column (\w+)", str(err.value))
    assert found == [("2", "q9_samarbeid_bedrifter"), ("4", "wave"), ("6", "q2_priser")]
