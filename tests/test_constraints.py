"""The report's statements about programmes and named organisations hold as counts."""

import pandas as pd
import pytest

from klyngekrise import paths
from klyngekrise.io import load_responses
from klyngekrise.processing import interval_of
from klyngekrise.statements import StatementError, check_constraints, failures, load_constraints, read

CONSTRAINTS = load_constraints()


@pytest.fixture(scope="module")
def responses():
    return load_responses(paths.RAW_RESPONSES)


@pytest.fixture(scope="module")
def checked(responses):
    return check_constraints(responses).set_index(["id", "wave"])


@pytest.mark.parametrize("key", [(r["id"], int(r["wave"])) for _, r in CONSTRAINTS.iterrows()],
                         ids=lambda k: f"{k[0]}-{k[1]}")
def test_statement_holds_in_the_shipped_file(checked, key):
    assert checked.loc[key, "holds"], checked.loc[key, "computed"]


def test_the_check_can_fail(responses):
    flipped = responses.copy()
    flipped["programme"] = flipped["programme"].map({"NCE": "Arena", "Arena": "NCE"})
    failed = failures(flipped)
    assert any(line.startswith("P1 ") for line in failed)
    assert any(line.startswith("P2 ") for line in failed)
    no_nce = responses.assign(programme="Arena")
    # Every statement that counts NCE respondents fails when there are none.
    counting_nce = CONSTRAINTS[CONSTRAINTS["check"].str.contains(r"count\(.*, NCE\)")]
    assert len(failures(no_nce, counting_nce)) == len(counting_nce)


def test_a_single_changed_answer_can_break_a_statement(responses):
    """P15 rests on one respondent: unticking its core-business box breaks it."""
    late = responses["wave"] == 2010
    broken = responses.copy()
    broken.loc[late & (broken["programme"] == "NCE"), "q3_kjernevirksomhet"] = 0
    assert any(line.startswith("P15 ") for line in failures(broken))


def test_constraint_rows_are_well_formed():
    assert not CONSTRAINTS.duplicated(["id", "wave"]).any()
    assert (CONSTRAINTS["quote"].str.split().str.len() <= 8).all()
    assert set(CONSTRAINTS["wave_reading"]) <= {"named", "figure", "contrast", "section"}
    assert (CONSTRAINTS[["section", "quote", "statement", "count_implied", "check"]] != "").all().all()


@pytest.mark.parametrize("check, message", [
    ("count(q1*:forverret, 2010, NCE)", "expected one of > < >= <= = ≈ ~, found the end"),
    ("count(q1*:forverret, 2010, Both) >= 1", "programme 'Both'; allowed: NCE, Arena"),
    ("count(q99_x, 2010, NCE) >= 1", "no item 'q99_x' in the codebook"),
    ("count(__import__, 2010, NCE) >= 1", "no item '__import__' in the codebook"),
    ("count(__import__('os'), 2010, NCE) >= 1", "cannot read \"'os'), 2010,\""),
    ("count(q7_mobilitet:forverret, 2010, NCE) >= 1", "response 'forverret'; allowed: ticked"),
    ("count(q7_mobilitet, 2010, NCE >= 1", "expected ')', found '>='"),
    ("count(q7_mobilitet & (q7_tapping, 2010) >= 1", "expected ')', found ','"),
])
def test_a_bad_check_names_the_constraint_and_the_fault(responses, check, message):
    bad = pd.DataFrame([{"id": "X1", "section": "3.1", "quote": "q", "wave": 2010,
                         "wave_reading": "named", "statement": "s", "count_implied": "c",
                         "check": check}])
    with pytest.raises(StatementError, match="constraints.csv, constraint X1 \\(2010\\)") as err:
        check_constraints(responses, bad)
    assert message in str(err.value)


def test_a_missing_column_names_the_constraint_and_the_column(responses):
    with pytest.raises(StatementError, match="constraint P12 \\(2009\\): no column 'q7_mobilitet'"):
        check_constraints(responses.drop(columns="q7_mobilitet"), CONSTRAINTS.iloc[11:12])


def test_every_check_speaks_of_its_rows_wave():
    for _, row in CONSTRAINTS.iterrows():
        parts = read(row["check"]).parts
        assert {int(parts[k]) for k in ("aw", "bw") if k in parts} == {row["wave"]}, row["id"]


def test_no_respondent_row_names_an_organisation():
    text = paths.RAW_RESPONSES.read_text(encoding="utf-8").lower()
    names = pd.read_csv(paths.DATA_DIR / "report" / "cluster_organisations.csv")["name"]
    words = {"node", "maritime", "aquaculture", "cancer", "raufoss", "kongsberg", "subsea",
             "offshorefartøy", "trådløs", "grenland"}
    assert not [n for n in names if n.lower() in text]
    assert not [w for w in words if w in text]


# -- one rule for sentences that name no wave (data/README.md) --------------------------------

def _published():
    return pd.read_csv(paths.PUBLISHED_VALUES, dtype=str, keep_default_na=False)


def test_every_text_row_says_which_wave_reading_it_took():
    published = _published()
    text = published[published["provenance"] == "text"]
    assert set(text["wave_reading"]) <= {"named", "figure", "contrast"}
    assert (text["wave_reading"] != "").all()
    assert (published.loc[published["provenance"] == "table", "wave_reading"] == "named").all()


def test_figure_reading_covers_every_wave_the_figure_shows():
    """A sentence read by its figure holds for each wave that figure shows (3.1: 2010 only)."""
    published = _published()
    figure = published[published["wave_reading"] == "figure"]
    for (item, section, quote, _response), rows in figure.groupby(
            ["item", "section", "quote", "response"]):
        waves = set(rows["wave"])
        expected = {"2010"} if item.startswith("q1_") else {"2009", "2010"}
        assert waves == expected, (item, section, quote, waves)


def _outside_bounds(published: pd.DataFrame) -> tuple[list[tuple[str, str, str]], int]:
    """Chosen values outside a text interval for their cell, and how many pairs were checked."""
    text = published[published["provenance"] == "text"]
    outside, checked = [], 0
    for _, row in published[published["provenance"] == "assumed"].iterrows():
        same = text[(text["item"] == row["item"]) & (text["wave"] == row["wave"])
                    & (text["response"] == row["response"])]
        for _, bound in same.iterrows():
            checked += 1
            if float(row["value"]) not in interval_of(bound):
                outside.append((row["item"], row["wave"], bound["quote"]))
    return outside, checked


def test_chosen_values_obey_the_bounds_the_rule_gives():
    outside, checked = _outside_bounds(_published())
    assert checked >= 20 and outside == []


def test_the_bounds_check_can_fail():
    """The 2009 value chosen before the rule was applied everywhere (25) lies outside."""
    published = _published()
    cell = ((published["item"] == "q8_felles_strategi") & (published["wave"] == "2009")
            & (published["provenance"] == "assumed"))
    published.loc[cell, "value"] = "25"
    outside, _ = _outside_bounds(published)
    assert outside == [("q8_felles_strategi", "2009", "nesten halvparten")]


# -- where each item's wording comes from ------------------------------------------------------

def test_every_codebook_column_says_where_its_wording_comes_from():
    book = pd.read_csv(paths.CODEBOOK, dtype=str, keep_default_na=False).set_index("column")
    kinds = book["evidence"].str.split(":").str[0]
    assert set(kinds) <= {"contract", "label", "text", "case", "inferred"}, set(kinds)
    assert (book["evidence"].str.len() > len("inferred: ")).all()
    assert kinds["q5_myndigheter"] == "inferred"  # no sentence of the report names it
    assert kinds["q6_nye_markeder"] == "case"  # §4.3 discusses it
    assert "inferred" in book.loc["q7_fellesloesninger", "evidence"]  # question number
    assert (kinds[[c for c in book.index if c.startswith("q8_")]] == "label").all()


def test_every_inferred_item_list_has_its_assumption():
    assumptions = (paths.PROJ_ROOT / "docs" / "assumptions.md").read_text(encoding="utf-8")
    book = pd.read_csv(paths.CODEBOOK, dtype=str, keep_default_na=False)
    inferred = book[book["evidence"].str.match(r"(text|case|inferred):")]
    for figure in sorted(set(inferred["figure"])):
        assert f"Figure {figure}'s item list" in assumptions, figure


def test_constraints_read_by_their_figure_cover_its_waves():
    figure = CONSTRAINTS[CONSTRAINTS["wave_reading"] == "figure"]
    for (section, quote), rows in figure.groupby(["section", "quote"]):
        expected = {2010} if section.startswith("3.1") else {2009, 2010}
        assert set(rows["wave"]) == expected, (section, quote)
