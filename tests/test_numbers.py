"""Numbers as each edition writes them (klyngekrise.formats, from Babel's locale data):
decimal comma, no-break-space groups and U+2212 in nb; the report's half-up rounding."""

from __future__ import annotations

import pytest

from klyngekrise import formats, text

NBSP, MINUS = "\u00a0", "\u2212"


@pytest.mark.parametrize(("value", "nb", "en"), [
    (18214, f"18{NBSP}214", "18,214"),
    (4.005, "4,01", "4.01"),  # half up, as the report rounds; not "4," nor "4"
    (4.2, "4,2", "4.2"),
    (-3.5, f"{MINUS}3,5", "-3.5"),
    (2500000, f"2{NBSP}500{NBSP}000", "2,500,000"),
    (0, "0", "0"),
])
def test_numbers_in_each_edition(value, nb, en):
    assert formats.number(value, "nb") == text.number(value, "nb") == nb
    assert formats.number(value, "en") == text.number(value, "en") == en


@pytest.mark.parametrize(("value", "nb", "en"), [
    (68.75, f"69{NBSP}%", "69%"),
    (68.5, f"69{NBSP}%", "69%"),  # half up, not to even
    (0, f"0{NBSP}%", "0%"),
])
def test_percent_in_each_edition(value, nb, en):
    assert formats.percent(value, "nb") == text.percent(value, "nb") == nb
    assert formats.percent(value, "en") == text.percent(value, "en") == en


def test_one_decimal_percent_and_fixed_decimals():
    assert formats.percent(79.166, "nb", decimals=1) == f"79,2{NBSP}%"
    assert formats.number(79.0, "nb", decimals=1, fixed=True) == "79,0"


def test_signed_changes_keep_their_sign_and_the_locales_minus():
    assert formats.signed(-26, "nb") == f"{MINUS}26"
    assert formats.signed(-26, "en") == "-26"
    assert formats.signed(6, "nb") == "+6"
    assert formats.signed(0.2, "nb") == "+0" and formats.signed(-0.2, "nb") == f"{MINUS}0"
    assert formats.signed(0, "nb") == "0"


def test_axis_ticks_are_the_editions_numbers():
    tick = formats.tick_formatter("nb")
    assert tick(12500, 0) == f"12{NBSP}500"
    assert formats.tick_formatter("nb", "%")(20, 0) == f"20{NBSP}%"


def test_an_unknown_language_is_named():
    with pytest.raises(ValueError, match=r"no number format for language 'de'; known: nb, en"):
        formats.number(1, "de")
