"""The edition's words, one gettext catalogue per language (src/klyngekrise/locale/): both have
the same msgids and, per msgid, the same placeholders; none is empty or fuzzy; Babel reads and
compiles them; text.strings() nests them as the code reads them. The parity check itself is
shown to fail on a catalogue with a key dropped or a placeholder renamed."""

from __future__ import annotations

import copy
import gettext

import pytest
from babel.messages.mofile import write_mo

from klyngekrise import text


def _catalogues() -> dict:
    return {language: text.read_catalogue(text.catalogue_path(language))
            for language in text.LANGUAGES}


def _msgids(catalogue) -> list[str]:
    return [message.id for message in catalogue if message.id]


def test_both_catalogues_have_the_same_msgids():
    nb, en = (_msgids(c) for c in _catalogues().values())
    assert len(nb) > 400  # the whole edition, not a stub
    assert sorted(nb) == sorted(en)
    assert len(set(nb)) == len(nb)


def test_each_msgid_has_the_same_placeholders_in_both_languages():
    catalogues = _catalogues()
    nb, en = ({m.id: text.placeholders(m.string) for m in c if m.id} for c in catalogues.values())
    differing = {msgid: (nb[msgid], en[msgid]) for msgid in nb if nb[msgid] != en.get(msgid)}
    assert differing == {}
    assert nb["wave_rate"] == {"When", "r", "p", "rate"}  # the parse sees placeholders


def test_no_msgstr_is_empty_or_fuzzy_and_the_check_finds_nothing():
    catalogues = _catalogues()
    for catalogue in catalogues.values():
        assert not catalogue.fuzzy  # the header
        assert [m.id for m in catalogue if m.id and (not m.string or m.fuzzy)] == []
        assert list(catalogue.obsolete) == []
    assert text.catalogue_differences(catalogues) == []


def test_the_catalogues_compile_with_babel_and_gettext_reads_them_back(tmp_path):
    for language, catalogue in _catalogues().items():
        compiled = tmp_path / language / "LC_MESSAGES" / f"{text.DOMAIN}.mo"
        compiled.parent.mkdir(parents=True)
        with compiled.open("wb") as f:
            write_mo(f, catalogue)
        translations = gettext.translation(text.DOMAIN, tmp_path, languages=[language])
        assert translations.gettext("report_title") == catalogue["report_title"].string
        assert translations.gettext("sections.3.1") == text.strings(language)["sections"]["3.1"]


@pytest.mark.parametrize("mutation", ["drop a key", "rename a placeholder", "empty",
                                      "fuzzy"])
def test_the_parity_check_names_the_key_a_changed_catalogue_breaks(mutation):
    catalogues = _catalogues()
    broken = copy.deepcopy(catalogues["en"])
    if mutation == "drop a key":
        broken.delete("titles.fig-3-4")
        expected = "en: msgid 'titles.fig-3-4' is missing"
    elif mutation == "rename a placeholder":
        broken["wave_rate"].string = broken["wave_rate"].string.replace("{rate}", "{share}")
        expected = ("msgid 'wave_rate': placeholders ['When', 'p', 'r', 'rate'] in nb, "
                    "['When', 'p', 'r', 'share'] in en")
    elif mutation == "empty":
        broken["about_text.0"].string = ""
        expected = "en: msgid 'about_text.0' has an empty msgstr"
    else:
        broken["units.members"].flags.add("fuzzy")
        expected = "en: msgid 'units.members' is marked fuzzy"
    assert text.catalogue_differences({"nb": catalogues["nb"], "en": broken}) == [expected]
    assert text.catalogue_differences(catalogues) == []  # the copy, not the original, changed


def test_strings_nests_the_msgids_as_the_code_reads_them():
    nb = text.strings("nb")
    assert nb["titles"]["fig-3-2"].startswith("Krisens betydning for endringer i marked")
    assert isinstance(nb["about_text"], list) and nb["about_text"][0]
    assert list(nb["wave_when"]) == [2009, 2010]  # years as numbers
    assert "3.1" in nb["sections"]  # a dot between digits is part of the key
    assert nb["table_1_phase_headings"] == [("", 1), ("Installasjon", 2), ("", 1),
                                            ("Spredning", 2)]
    assert nb["programme_suffix"]["all"] == "" and nb["published_outcomes"][""] == ""
    assert "\u00a0" in nb["n_label"]  # no-break spaces survive the catalogue
    assert text.strings("en")["claim_verdicts_data"] == text.strings("en")["claim_verdicts"]


def test_every_case_figure_has_its_words_and_a_label_per_bar():
    for language in text.LANGUAGES:
        words = text.strings(language)["case_figures"]
        assert list(words) == list(text.CASE_FIGURES)
        for key, spec in text.CASE_FIGURES.items():
            assert len(words[key]["bars"]) == len(spec["bars"]), (language, key)
            assert words[key]["title"] and words[key]["axis"] and words[key]["alt"]


def test_nest_refuses_a_msgid_that_is_both_a_word_and_a_group():
    with pytest.raises(ValueError, match=r"x\.po: msgid 'titles\.fig-3-1' .*titles"):
        text.nest([("titles", "A title"), ("titles.fig-3-1", "Another")], "x.po")
    with pytest.raises(ValueError, match=r"msgid 'titles' is both a word and a group"):
        text.nest([("titles.fig-3-1", "A title"), ("titles", "Another")], "x.po")


def test_strings_refuses_a_language_without_a_catalogue():
    with pytest.raises(ValueError, match="'de'; expected one of nb, en"):
        text.strings("de")
