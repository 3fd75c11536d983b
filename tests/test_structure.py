"""The original's structure in this edition: every part by number and heading, in order, each
summarised, rebuilt or marked as left out; Appendix 2 reconstructed from the codebook."""

from __future__ import annotations

import re

import pytest

from klyngekrise import stitching
from klyngekrise.io import load_codebook
from klyngekrise.publication import Publication, load_sections, original_section, section_anchor

# The original's chapters and sections, by number, in its order (its table of contents).
ORIGINAL_NUMBERS = ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2", "2.1", "2.2", "2.3", "2.4",
                    "2.5", "3", "3.1", "3.2", "3.3", "3.4", "4", "4.1", "4.2", "4.3", "4.4", "5",
                    "5.1", "5.2", "5.3", "5.4"]


@pytest.fixture
def edition(tmp_path, request):
    return Publication.from_parameters(language=request.param, build_dir=str(tmp_path))


def test_every_part_of_the_original_is_listed_in_its_order():
    keys = [e["key"] for e in load_sections()]
    assert keys[:3] == ["forord", "sammendrag", "summary-en"]
    assert [k for k in keys if k[0].isdigit()] == ORIGINAL_NUMBERS
    assert keys[-2:] == ["vedlegg-1", "vedlegg-2"]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_part_is_summarised_rebuilt_or_marked(language):
    for entry in load_sections():
        assert entry["heading"][language].strip(), entry["key"]
        kinds = [k for k in ("summary", "rebuilt", "omitted") if k in entry]
        assert kinds, f"{entry['key']}: neither summarised, rebuilt nor marked as left out"
        for kind in kinds:
            value = entry[kind]
            assert isinstance(value, str) or value[language].strip(), (entry["key"], kind)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_summarised_part_shows_its_number_heading_and_marked_summary(language):
    html = original_section("1.4", language)
    assert f'id="{section_anchor("1.4")}"' in html
    expected = {"nb": "1.4 Økonomisk og teknologisk usikkerhet og innovasjon",
                "en": "1.4 Economic and technological uncertainty and innovation"}[language]
    assert f">{expected}</h3>" in html
    assert 'class="edition-summary"' in html and "Perez" in html


def test_chapter_4_says_its_narrative_is_not_reproduced():
    html = original_section("4", "nb")
    assert 'class="omitted-note"' in html and "fortellende tekst" in html


@pytest.mark.parametrize("edition", ["nb", "en"], indirect=True)
def test_about_the_edition_links_every_part_under_what_it_does_with_it(edition):
    html = edition.contents_of_edition()
    for entry in load_sections():
        assert f'href="#{section_anchor(entry["key"])}"' in html, entry["key"]
    heads = re.findall(r'<p class="about-list-head">([^<]+)</p>', html)
    assert len(heads) == 3


@pytest.mark.parametrize("edition", ["nb", "en"], indirect=True)
def test_the_questionnaire_holds_every_item_of_the_codebook_with_its_evidence(edition):
    html = edition.questionnaire()
    codebook = load_codebook()
    items = codebook[codebook["question"] != ""]
    for label in items[f"label_{edition.language}"]:
        assert f'<th scope="row">{label}</th>' in html.replace("&#x27;", "'"), label
    assert 'class="reconstructed-note"' in html
    # Question 4 is known only by its number: the report shows nothing of it.
    assert 'id="vedlegg-2-q4"' in html
    if edition.language == "nb":  # the codebook's English evidence is not shown in nb
        assert not re.search(r"<td>(text|label|case|inferred): ", html)
        assert "«sviktende etterspørsel»" in html


def test_no_invented_heading_between_3_1_and_3_2():
    from klyngekrise.text import strings
    for language in ("nb", "en"):
        assert "markets" not in strings(language)["sections"]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_page_declares_the_editions_language(language):
    assert f'<html lang="{language}">' in stitching.render_report([], language)
