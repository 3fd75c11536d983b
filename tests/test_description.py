"""Say how your file differs: NAME.survey.yml maps the file's own column names and answer
codes to the contract's and gives each wave's population; a header off only by case, spaces
or accents gets a "did you mean"."""

from __future__ import annotations

import pandas as pd
import pytest

from klyngekrise.errors import InputError
from klyngekrise.io import dataset_description, load_responses
from tests.conftest import FIXTURE


def _write(tmp_path, frame: pd.DataFrame, description: str | None = None):
    path = tmp_path / "svar.csv"
    frame.to_csv(path, index=False)
    if description is not None:
        (tmp_path / "svar.survey.yml").write_text(description, encoding="utf-8")
    return path


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)


def _error(path) -> str:
    with pytest.raises(InputError) as err:
        load_responses(path)
    return str(err.value)


def test_own_column_names_and_codes_are_mapped(tmp_path, frame):
    own = frame.rename(columns={"q1_banker": "Bank", "wave": "År"})
    own["Bank"] = own["Bank"].map({"forverret": "Verre", "uendret": "Uendret",
                                   "forbedret": "Bedre", "": ""})
    ticks = [c for c in own.columns if c.startswith("q2_")]
    own[ticks] = own[ticks].replace({"1": "Ja", "0": "Nei"})
    path = _write(tmp_path, own, """\
columns:
  Bank: q1_banker
  År: wave
values:
  "*": {Ja: 1, Nei: 0}
  q1_banker: {Verre: forverret, Uendret: uendret, Bedre: forbedret}
""")
    pd.testing.assert_frame_equal(load_responses(path), load_responses(FIXTURE))


def test_codes_are_text_as_written(tmp_path, frame):
    """No and Yes stay text (YAML 1.1 would read them as false and true)."""
    ticks = [c for c in frame.columns if c.startswith("q3_")]
    frame[ticks] = frame[ticks].replace({"1": "Yes", "0": "No"})
    path = _write(tmp_path, frame, 'values:\n  "*": {"Yes": 1, No: 0}\n')
    pd.testing.assert_frame_equal(load_responses(path), load_responses(FIXTURE))


def test_populations(tmp_path, frame):
    path = _write(tmp_path, frame, "populations:\n  2009: 28\n  2010: 24\n")
    assert dataset_description(path).populations == {2009: 28, 2010: 24}


def test_no_description_is_empty(tmp_path, frame):
    assert dataset_description(_write(tmp_path, frame)).populations == {}


@pytest.mark.parametrize(("text", "expected"), [
    ("population:\n  2009: 28\n", "unknown key 'population'; allowed: populations, columns, "
                                  "values, sheet"),
    ("populations:\n  2009: many\n", "populations: 2009: 'many'; expected a year and the number"),
    ("columns:\n  Bank: q1_bank\n", "columns: 'Bank' maps to 'q1_bank', which is not a column"),
    ("columns:\n  Q1_Banker: q1_banker\n", "columns: 'Q1_Banker' is not a column of svar.csv"),
    ("columns:\n  Bank: Q1_Banker\n", "(did you mean q1_banker?)"),
    ("values: [1, 0]\n", "key 'values' must hold `name: value` lines"),
    ("columns: {Bank: q1_banker\n", "svar.survey.yml, line 2: not valid YAML"),
])
def test_a_bad_description_is_named_by_key(tmp_path, frame, text, expected):
    path = _write(tmp_path, frame.rename(columns={"q1_banker": "Bank"}), text)
    message = _error(path)
    assert "svar.survey.yml" in message and expected in message
    assert "\n" not in message


def test_headers_off_by_case_spaces_or_accents_get_did_you_mean(tmp_path, frame):
    renamed = {name: name.upper() for name in frame.columns if name.startswith("q2_")}
    renamed |= {"q1_bors": "Q1 Børs", "q7_fellesloesninger": "q7_fellesløsninger",
                "programme": " Programme"}
    message = _error(_write(tmp_path, frame.rename(columns=renamed)))
    lines = message.splitlines()
    assert len(lines) == 2  # the title and one line of near misses
    assert ("8 column names differ from the contract's only in case, spaces or accents: "
            "'Programme' (did you mean programme?), 'Q1 Børs' (did you mean q1_bors?)") in message
    assert "and 3 more; rename them in the file, or map them under `columns:` in " \
           "svar.survey.yml beside it" in message
    assert "missing" not in message and "unexpected" not in message


def test_a_stray_column_is_still_unexpected_beside_a_near_miss(tmp_path, frame):
    message = _error(_write(tmp_path, frame.rename(columns={"q2_priser": "Q2_Priser"})
                            .assign(kommentar="")))
    assert "'Q2_Priser' (did you mean q2_priser?)" in message
    assert "unexpected column 'kommentar'" in message
