"""The assumption register on the page: one source for docs/assumptions.md and the report's
section, every chosen value marked with its assumptions and basis, figures linked to them."""

from __future__ import annotations

import re

import pytest

from klyngekrise import assumptions, paths, survey
from klyngekrise.chapter3 import Survey
from klyngekrise.io import load_published
from klyngekrise.publication import Publication
from klyngekrise.text import FIGURES


def test_docs_assumptions_md_is_rendered_from_the_register():
    assert assumptions.MARKDOWN.read_text(encoding="utf-8") == assumptions.markdown(), (
        "docs/assumptions.md is stale: run `.venv/bin/python -m klyngekrise.assumptions`")


def test_the_register_has_a1_to_a23_in_both_languages():
    entries = assumptions.entries()
    assert [e["id"] for e in entries] == [f"A{i}" for i in range(1, 24)]
    for e in entries:
        for field in ("text", "impact", "where"):
            assert e[field]["nb"].strip() and e[field]["en"].strip(), (e["id"], field)


def test_every_figure_an_assumption_names_exists():
    known = {*FIGURES, "table-3-1", "case-4-1", "case-4-2", "case-4-3", "case-4-4"}
    for e in assumptions.entries():
        assert set(e.get("used_by", [])) <= known, e["id"]


@pytest.fixture(scope="module")
def all_tables():
    answers = survey.load(paths.RAW_RESPONSES)
    return {key: survey.shares(answers, spec.question) for key, spec in FIGURES.items()}


def test_chosen_values_split_into_bounded_free_and_unnamed(all_tables):
    """The 67 chosen values: 26 within a numeric bound of the text, 41 without (A6), two of
    them for Figure 3.4's item the text never names (A19)."""
    import pandas as pd

    chosen = pd.concat(all_tables.values()).drop_duplicates(["item", "wave", "response"])
    chosen = chosen[chosen["provenance"] == "assumed"]
    published = load_published()
    assert len(chosen) == (published["provenance"] == "assumed").sum() == 67
    assert chosen["basis"].value_counts().to_dict() == {"free": 39, "bounded": 26, "unnamed": 2}
    unnamed = chosen[chosen["basis"] == "unnamed"]
    assert set(unnamed["item"]) == {"q5_myndigheter"}
    assert all("A19" in cell.split(";") for cell in unnamed["assumption"])
    assert all("A4" in cell.split(";") for cell in chosen.loc[chosen["basis"] == "bounded",
                                                               "assumption"])


def test_published_values_carry_no_assumption(all_tables):
    for table in all_tables.values():
        stated = table[table["provenance"] != "assumed"]
        assert (stated["assumption"] == "").all() and (stated["basis"] == "").all()


def test_the_csv_keeps_the_contract_columns_and_adds_the_marks():
    assert survey.CSV_COLUMNS[-3:] == ["provenance", "assumption", "basis"]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_register_section_has_a_row_per_assumption(tmp_path, language):
    html = Publication.from_parameters(language=language, build_dir=str(tmp_path)).assumptions()
    rows = re.findall(r'<tr id="(assumption-a\d+)"><th scope="row">', html)
    assert rows == [f"assumption-a{i}" for i in range(1, 24)]
    assert "<caption>" in html


def test_each_figure_links_the_assumptions_its_values_and_n_rest_on(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    report = Survey.from_parameters(build_dir=str(tmp_path), figure_formats=["png"])
    html = report.figure("fig-3-4", *report.draw("fig-3-4"))
    links = re.findall(r'href="#assumption-(a\d+)"', html)
    assert {"a3", "a6", "a12", "a19"} <= set(links)
    assert all(f'id="assumption-{a}"' in report_section() for a in links)


def report_section() -> str:
    return assumptions.section_html("nb", "x", ["a", "b", "c", "d", "e"], "c")


def test_another_files_register_lists_only_what_holds_for_any_file(tmp_path):
    small = paths.PROJ_ROOT / "tests" / "fixtures" / "small_responses.csv"
    html = Publication.from_parameters(data_path=str(small), build_dir=str(tmp_path)).assumptions()
    rows = re.findall(r'<tr id="assumption-(a\d+)">', html)
    assert rows == [a.lower() for a in assumptions.for_any_file()] == ["a12", "a14", "a15", "a16"]
    # The reconstruction's response rates (A14's 86 % and 80 %) are not another file's.
    assert "86" not in html and "80" not in html and "rekonstruksjonen" in html
    shipped = Publication.from_parameters(build_dir=str(tmp_path)).assumptions()
    assert "86 % og 80 %" in shipped
