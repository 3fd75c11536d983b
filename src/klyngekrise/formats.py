"""Numbers as each edition writes them, from Babel's locale data (CLDR): one place for every
number, percentage, signed change and interval in prose, tables, value labels and axis ticks.

    number(18214, "nb")      -> "18 214"     (no-break space groups)
    number(4.005, "nb")      -> "4,01"       (decimal comma; half up, as the report rounds)
    number(-3.5, "nb")       -> "−3,5"       (U+2212 minus in nb; "-3.5" in en)
    percent(68.75, "nb")     -> "69 %"       (whole percent, no-break space)
    signed(-26, "nb")        -> "−26"        (a sign on every change but zero)

Babel formats the magnitude; the sign comes from the locale's own minus and plus symbols, since
Babel's patterns write a hyphen-minus where CLDR's Norwegian data has U+2212.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal, format_percent, get_minus_sign_symbol, get_plus_sign_symbol

LOCALES = {"nb": "nb_NO", "en": "en_GB"}


def _locale(language: str) -> str:
    try:
        return LOCALES[language]
    except KeyError:
        raise ValueError(f"no number format for language {language!r}; known: "
                         + ", ".join(LOCALES)) from None


def _rounded(value: float, decimals: int) -> Decimal:
    """Half up, as the report rounds (68.75 -> 69, 4.005 -> 4.01), from the printed decimal."""
    return Decimal(str(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _with_sign(magnitude: str, negative: bool, language: str, plus: bool = False) -> str:
    if negative:
        return get_minus_sign_symbol(_locale(language)) + magnitude
    return (get_plus_sign_symbol(_locale(language)) if plus else "") + magnitude


def number(value: float, language: str, decimals: int = 2, fixed: bool = False) -> str:
    """A number with up to ``decimals`` decimals (trailing zeros dropped unless ``fixed``)."""
    rounded = _rounded(value, decimals)
    digits = "0" * decimals
    pattern = "#,##0" + (("." + digits) if fixed else ("." + "#" * decimals)) if decimals else "#,##0"
    magnitude = format_decimal(abs(rounded), format=pattern, locale=_locale(language),
                               decimal_quantization=False)
    return _with_sign(magnitude, rounded < 0, language)


def percent(value: float, language: str, decimals: int = 0) -> str:
    """A share in percent (68.75 -> '69 %' in nb, '69%' in en)."""
    rounded = _rounded(value, decimals)
    pattern = None
    if decimals:
        base = format_percent(0, locale=_locale(language))  # the locale's layout of "0 %"
        pattern = base.replace("0", "#,##0." + "0" * decimals, 1)
    magnitude = format_percent(abs(rounded) / 100, format=pattern, locale=_locale(language),
                               decimal_quantization=False)
    return _with_sign(magnitude, rounded < 0, language)


def signed(value: float, language: str, decimals: int = 0) -> str:
    """A change with its sign: '+6', '−26' (nb) or '-26' (en), '0'. A value that rounds to 0
    keeps its sign ('+0', '−0'), so an interval such as −83 to +0 shows which side of zero it
    ends."""
    if value == 0:
        return "0"
    rounded = _rounded(abs(value), decimals)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    magnitude = format_decimal(rounded, format=pattern, locale=_locale(language),
                               decimal_quantization=False)
    return _with_sign(magnitude, value < 0, language, plus=True)


def tick_formatter(language: str, unit: str = ""):
    """A matplotlib formatter for axis ticks in the edition's numbers ('12 500', '20 %')."""
    from matplotlib.ticker import FuncFormatter

    if unit == "%":
        return FuncFormatter(lambda x, _pos: percent(x, language))
    return FuncFormatter(lambda x, _pos: number(x, language))
