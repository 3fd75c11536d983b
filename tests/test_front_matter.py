"""The analyst's own front matter: title, subtitle, authors, institution, report number, year
and date from one file (front_matter.yml, the original's as shipped), the HTML <title> too;
the original's account in chapters 1, 2, 4 and 5 labelled so when built from another file."""

from __future__ import annotations

import pytest

from klyngekrise import paths
from klyngekrise.errors import InputError
from klyngekrise.io import load_front_matter
from klyngekrise.publication import Publication
from tests.conftest import FIXTURE

OWN = """\
title:
  nb: Klyngene etter krisen
  en: The clusters after the crisis
subtitle: Oppfølgingsundersøkelsen 2011
authors: Kari Nordmann
institution: Analyseinstituttet
report_number: Rapport 7/2012
year: 2012
date: 2012-03-01
"""


def test_the_shipped_front_matter_is_the_originals():
    front = load_front_matter("nb")
    assert front["title"] == "Norske næringsklynger under finanskrisen"
    assert front["report_number"] == "Rapport 38/2010" and front["year"] == "2010"
    assert front["authors"] == "Asgeir Skålholt, Olav R. Spilling og Taran Thune"
    assert load_front_matter("en")["title"] == ("Norwegian industrial clusters during the "
                                               "financial crisis")


def test_an_own_front_matter_makes_the_title_page(tmp_path):
    own = tmp_path / "front_matter.yml"
    own.write_text(OWN, encoding="utf-8")
    page = Publication.from_parameters(build_dir=str(tmp_path)).title_page(own)
    for text in ("Klyngene etter krisen", "Oppfølgingsundersøkelsen 2011", "Kari Nordmann",
                 "Analyseinstituttet", "Rapport 7/2012", "2012-03-01"):
        assert text in page
    assert "Skålholt" not in page and "ISBN" not in page  # fields left out are not shown
    english = Publication.from_parameters(build_dir=str(tmp_path), language="en").title_page(own)
    assert "The clusters after the crisis" in english
    assert "<dt>Original title</dt><dd>Klyngene etter krisen</dd>" in english


def test_the_html_title_comes_from_the_front_matter(tmp_path, monkeypatch):
    from klyngekrise import io, stitching

    own = tmp_path / "front_matter.yml"
    own.write_text(OWN, encoding="utf-8")
    monkeypatch.setattr(io.paths, "FRONT_MATTER", own)
    monkeypatch.setattr(stitching, "load_front_matter",
                        lambda language: load_front_matter(language, own))
    assert stitching.combine([], "nb").metadata["title"] == "Klyngene etter krisen"


@pytest.mark.parametrize(("text", "expected"), [
    ("titel: X\n", "unknown field 'titel'; allowed: title, subtitle"),
    ("title: {nb: X, de: Y}\n", "title: editions nb, de; allowed: nb, en"),
    ("title:\n", "field 'title' is empty for the nb edition"),
    ("title: [X]\n", "title: expected one text, or one per edition"),
])
def test_a_bad_front_matter_is_named_by_field(tmp_path, text, expected):
    own = tmp_path / "front_matter.yml"
    own.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=expected.replace("(", r"\(").replace("[", r"\[")):
        load_front_matter("nb", own)


def test_the_originals_account_is_labelled_for_another_file(tmp_path):
    other = Publication.from_parameters(build_dir=str(tmp_path), data_path=str(FIXTURE))
    shipped = Publication.from_parameters(build_dir=str(tmp_path))
    note = "originalrapportens beretning om klyngene i 2008–2010"
    for chapter in ("1", "2", "5"):
        assert other.summary(chapter).count(note) == 1  # under the chapter's heading only
        assert note not in shipped.summary(chapter)
    assert note in other.section("4") and note not in shipped.section("4")
    assert note not in other.section("1.1")
    assert paths.FRONT_MATTER.name == "front_matter.yml"
