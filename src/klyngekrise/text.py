"""The edition's words and how each edition writes a number.

The words live in gettext catalogues, one per edition, ``locale/<language>/LC_MESSAGES/
klyngekrise.po`` beside this module (nb as published, en our translation), read with Babel;
``strings(language)`` gives them as one nested dict. Figure titles and source lines follow the
report's captions; all other sentences are ours. Numbers never appear in the words: they are
formatted into the templates from computed results.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from klyngekrise import formats


@dataclass(frozen=True)
class FigureSpec:
    key: str          # file stem, e.g. fig-3-2
    number: str       # as printed, e.g. 3.2
    question: str     # codebook question, e.g. q2
    kind: str         # "stacked" (Figure 3.1: 2010 only) or "waves" (2009 and 2010 side by side)


FIGURES = {
    spec.key: spec for spec in (
        FigureSpec("fig-3-1", "3.1", "q1", "stacked"),
        FigureSpec("fig-3-2", "3.2", "q2", "waves"),
        FigureSpec("fig-3-3", "3.3", "q3", "waves"),
        FigureSpec("fig-3-4", "3.4", "q5", "waves"),
        FigureSpec("fig-3-5", "3.5", "q9", "waves"),
        FigureSpec("fig-3-6", "3.6", "q6", "waves"),
        FigureSpec("fig-3-7", "3.7", "q7", "waves"),
        FigureSpec("fig-3-8", "3.8", "q8", "waves"),
    )
}

LANGUAGES = ("nb", "en")
DOMAIN = "klyngekrise"
LOCALE_DIR = Path(__file__).parent / "locale"

# Not words, so not in the catalogues: blanks both editions share (gettext reads an empty
# msgstr as "not translated"), and the columns each of Table 1's phase headings spans.
_BLANKS = (("programme_suffix", "all"), ("claim_who", "all"), ("published_outcomes", ""),
           ("verdicts_data", ""))
_TABLE_1_PHASES = (("", 1), ("installation", 2), ("", 1), ("deployment", 2))
# A msgid's parts are split at each dot, except a dot between two digits ("sections.3.1" is
# strings()["sections"]["3.1"]). Parts 0, 1, ... n-1 make a list; other whole numbers are int
# keys (the years of "wave_when.2009").
_SPLIT = re.compile(r"(?<!\d)\.|\.(?!\d)")


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, domain=DOMAIN)


@functools.cache
def strings(language: str) -> dict:
    """Every word of one edition, nested by the catalogue's dotted msgids."""
    if language not in LANGUAGES:
        raise ValueError(f"no words for language {language!r}; expected one of {', '.join(LANGUAGES)}")
    path = catalogue_path(language)
    words = nest(((m.id, m.string) for m in read_catalogue(path) if m.id), path)
    for parent, key in _BLANKS:
        words[parent][key] = ""
    phases = words["table_1_phase_headings"]
    words["table_1_phase_headings"] = [(phases[name] if name else "", span)
                                       for name, span in _TABLE_1_PHASES]
    return words


def nest(messages: Iterable[tuple[str, str]], source: Path | str) -> dict:
    """Dotted msgids and their strings as nested dicts and lists; a msgid that is both a word
    and the parent of others is refused, naming it and the file."""
    tree: dict = {}
    for msgid, text in messages:
        *parents, leaf = _SPLIT.split(msgid)
        node = tree
        for part in parents:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ValueError(f"{source}: msgid {msgid!r} lies under {part!r}, which is a word")
        if leaf in node:
            raise ValueError(f"{source}: msgid {msgid!r} is both a word and a group, or given twice")
        node[leaf] = text
    return _lists_and_numbers(tree)


def _lists_and_numbers(node):
    if not isinstance(node, dict):
        return node
    items = {key: _lists_and_numbers(value) for key, value in node.items()}
    if items and all(key.isdigit() for key in items):
        if list(items) == [str(i) for i in range(len(items))]:
            return list(items.values())
        return {int(key): value for key, value in items.items()}
    return items


def placeholders(text: str) -> set[str]:
    """The {names} a template is formatted with."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def catalogue_differences(catalogues: Mapping[str, Catalog]) -> list[str]:
    """What keeps the catalogues from matching, one line a problem, each naming the language
    and the msgid: a msgid another catalogue lacks, other placeholders, an empty or fuzzy
    msgstr. Empty when they match."""
    problems = []
    words = {language: {m.id: m for m in catalogue if m.id}
             for language, catalogue in catalogues.items()}
    every = {msgid for messages in words.values() for msgid in messages}
    for language, messages in words.items():
        for msgid in sorted(every - messages.keys()):
            problems.append(f"{language}: msgid {msgid!r} is missing")
        for msgid, message in messages.items():
            if not message.string:
                problems.append(f"{language}: msgid {msgid!r} has an empty msgstr")
            if message.fuzzy:
                problems.append(f"{language}: msgid {msgid!r} is marked fuzzy")
    first, *others = words
    for other in others:
        for msgid in sorted(words[first].keys() & words[other].keys()):
            a, b = (placeholders(words[lang][msgid].string) for lang in (first, other))
            if a != b:
                problems.append(f"msgid {msgid!r}: placeholders {sorted(a)} in {first}, "
                                f"{sorted(b)} in {other}")
    return problems


# Figures the report never drew, from numbers its chapter 4 text gives (data/report/case_facts.csv):
# each bar's measure and period there, in order. Their words (title, axis, alt text, bar labels)
# are the catalogues' case_figures.<key>.
CASE_FIGURES = {
    "case-4-1": {"number": "T4.1", "section": "4.1",
                 "bars": [("members", "2007"), ("members", "2010")]},
    "case-4-2": {"number": "T4.2", "section": "4.2",
                 "bars": [("jobs in Raufoss industrial park", "2008H1"),
                          ("jobs in Raufoss industrial park", "2009Q3")]},
    "case-4-3": {"number": "T4.3", "section": "4.3",
                 "bars": [("employment", "2003"), ("employment", "2009"),
                          ("employment (full-time equivalents)", "2010")]},
    "case-4-4": {"number": "T4.4", "section": "4.4",
                 "bars": [("turnover Skretting", "2009"), ("turnover Aker Seafoods", "2009"),
                          ("turnover BioMar", "2009"),
                          ("turnover Nova Sea; Mainstream; AKVA Group (each; lower bound)", "2009")],
                 "range_to": "turnover Nova Sea; Mainstream; AKVA Group (each; upper bound)"},
}


def label(item_row, language: str) -> str:
    """An item's label in the edition's language, from the codebook row."""
    return item_row[f"label_{language}"]


def whole(value: float) -> str:
    """A share as the report prints it: whole percent, rounded half up ('68.75' -> '69')."""
    return str(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def number(value: float, language: str) -> str:
    """A number as each edition writes it (Babel, ``klyngekrise.formats``): 18 214 and 4,2
    (nb); 18,214 and 4.2 (en)."""
    return formats.number(value, language)


def percent(value: float, language: str) -> str:
    """Whole percent with its sign: '69 %' (nb, with a no-break space) or '69%' (en)."""
    return formats.percent(value, language)
