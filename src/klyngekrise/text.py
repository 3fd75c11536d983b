"""Every word the report shows, per edition (nb as published, en our translation).

Figure titles and source lines follow the report's captions; all other sentences are ours.
Numbers never appear here: they are formatted into the templates from computed results.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class FigureSpec:
    key: str          # file stem, e.g. fig-3-2
    number: str       # as printed, e.g. 3.2
    question: str     # codebook question, e.g. q2
    kind: str         # "stacked" (Figure 3.1: 2010 only) or "waves" (2009 and 2010 side by side)
    notebook: str


FIGURES = {
    spec.key: spec for spec in (
        FigureSpec("fig-3-1", "3.1", "q1", "stacked", "01_capital_access"),
        FigureSpec("fig-3-2", "3.2", "q2", "waves", "02_markets"),
        FigureSpec("fig-3-3", "3.3", "q3", "waves", "03_adaptation"),
        FigureSpec("fig-3-4", "3.4", "q5", "waves", "03_adaptation"),
        FigureSpec("fig-3-5", "3.5", "q9", "waves", "03_adaptation"),
        FigureSpec("fig-3-6", "3.6", "q6", "waves", "03_adaptation"),
        FigureSpec("fig-3-7", "3.7", "q7", "waves", "03_adaptation"),
        FigureSpec("fig-3-8", "3.8", "q8", "waves", "04_roles"),
    )
}

_NB = {
    "report_title": "Norske næringsklynger under finanskrisen",
    "title_fields": {"authors": "Forfattere", "series": "Rapport", "year": "År", "isbn": "ISBN",
                     "issn": "ISSN", "publisher": "Utgiver"},
    "original_title": "Originaltittel",
    "subtitle": "Kapittel 3, spørreundersøkelsene, bygd på nytt fra en rekonstruert datafil",
    "authors": "Skålholt, Spilling og Thune",
    "series": "NIFU STEP rapport 38/2010",
    "contents": "Innhold",
    "made_by": "Laget av {notebook}",
    "figure": "Figur",
    "table": "Tabell",
    "share_axis": "Andel av prosjektlederne som svarte",
    "legend_wave": "{wave} (n = {n})",
    "n_label": "n\u00a0=\u00a0{n}",  # no-break spaces: never split across lines
    "levels": {"forverret": "Forverret", "uendret": "Uendret", "forbedret": "Forbedret"},
    "programme_suffix": {"all": "", "NCE": " (kun NCE-prosjekter)", "Arena": " (kun Arena-prosjekter)"},
    "assumed_note": "Skraverte søyler: rapporten oppgir ikke tallet; verdien i datafilen er valgt "
                    "innenfor det rapportens tekst sier (antatt). Se reproduksjonskontrollen.",
    "interval_note": "Strekene viser 95 % Wilson-intervall.",
    "interval_note_stacked": "Strekene viser 95 % Wilson-intervall for andelen «forverret».",
    "download_csv": "Last ned tallene bak figuren (CSV)",
    "download_table_csv": "Last ned tallene bak tabellen (CSV)",
    "not_asked": "«{label}» var ikke med i {wave}-undersøkelsen.",
    "alt_waves": "Liggende søylediagram: andel av prosjektlederne som krysset av for hvert "
                 "alternativ, {waves}.",
    "alt_stacked": "Stablet liggende søylediagram: andel som svarte forverret, uendret og "
                   "forbedret for hver kapitalkilde, 2010.",
    "titles": {
        "fig-3-1": "Endringer i tilgang på kapital i klyngene",
        "fig-3-2": "Krisens betydning for endringer i marked og verdikjede. Andel av prosjektledere",
        "fig-3-3": "Hva har bedriftene gjort for å tilpasse seg krisen?",
        "fig-3-4": "Prosjektledernes vurdering av hva bedriftene har lagt vekt på i sin kortsiktige "
                   "tilpasning. Andel som har krysset av for økt fokus",
        "fig-3-5": "Krisens forventede effekt på innovasjon og innovasjonssystem",
        "fig-3-6": "Krisens betydning for bedriftenes strategiske orientering og søk etter nye "
                   "muligheter i framtiden",
        "fig-3-7": "Hva er virkningen for den måten klyngen fungerer på?",
        "fig-3-8": "Hvilken betydning har endringene som følge av krisen fått for NCE- eller "
                   "Arena-prosjektet",
        "table-3-1": "Prosjektledernes vurderinger av finanskrisens betydning for "
                     "kapitaltilgangen, data fra oktober 2010 sammenliknet med data fra mars 2009",
    },
    "sources": {
        "fig-3-1": "(Data fra 2010-undersøkelsen, spørsmål 1)",
        "fig-3-2": "(Data fra 2010/2009-undersøkelsene, spørsmål 2 (2010))",
        "fig-3-3": "(Data fra 2010- og 2009-undersøkelsene, spørsmål 3 (2010))",
        "fig-3-4": "(Data fra 2010/2009-undersøkelsene, spørsmål 5 (2010))",
        "fig-3-5": "(Data fra 2010- og 2009-undersøkelsene, spørsmål 9 (2010))",
        "fig-3-6": "(Data fra 2010- og 2009-undersøkelsene, spørsmål 6 (2010))",
        "fig-3-7": "(Data fra 2010- og 2009-undersøkelsene, spørsmål 7 (2010))",
        "fig-3-8": "(Spørsmål 8. Organisatoriske grep var ikke med i 2009-undersøkelsen)",
        "table-3-1": "(Data fra 2010- og 2009-undersøkelsene, spørsmål 1)",
    },
    "about": {
        "fig-3-1": "Figuren viser hvordan prosjektlederne høsten 2010 så på tilgangen til åtte "
                   "slags kapital etter krisen.",
        "fig-3-2": "Prosjektlederne ble bedt om å krysse av for de endringene i marked og "
                   "verdikjede som passet for deres klynge.",
        "fig-3-3": "Her krysset prosjektlederne av for hvordan bedriftene i klyngen hadde møtt "
                   "krisen.",
        "fig-3-4": "Spørsmålet gjaldt hvilke relasjoner bedriftene ga mer oppmerksomhet på kort "
                   "sikt.",
        "fig-3-5": "I 2009 ble det spurt om hva krisen kunne føre til; i 2010 om hva den hadde "
                   "ført til.",
        "fig-3-6": "Spørsmålet gjaldt bedriftenes strategi og søket etter nye muligheter.",
        "fig-3-7": "Spørsmålet gjaldt hvordan samspillet i klyngen ble påvirket.",
        "fig-3-8": "Spørsmålet gjaldt hva krisen betydde for klyngeorganisasjonens eget arbeid.",
    },
    "sections": {
        "chapter": "3 Finanskrisens betydning for utviklingen i klyngene",
        "3.1": "3.1 Tilgang til kapital",
        "markets": "Marked og verdikjede",
        "3.2": "3.2 Tilpasninger og nye strategier",
        "3.3": "3.3 NCE- og Arena-organisasjonenes roller",
        "audit": "Reproduksjonskontroll",
        "about": "Om denne utgaven",
    },
    "survey_intro": "Kapitlet bygger på to nettbaserte spørreundersøkelser til lederne av "
                    "klyngeorganisasjonene i NCE- og Arena-programmene. Våren {w1} svarte "
                    "{r1} av {p1} ({rate1}), høsten {w2} svarte {r2} av {p2} ({rate2}).",
    "survey_intro_programme": " Figurene i denne utgaven viser bare {programme}-prosjektene.",
    "top_item": "I {wave} var «{label}» det vanligste svaret: {count} av {n} prosjektledere "
                "({pct}).",
    "largest_change": "Størst endring fra {w1} til {w2} gjaldt «{label}», fra {p1} til {p2}.",
    "no_change": "Andelene endret seg lite fra {w1} til {w2}.",
    "stacked_worse": "Flest mente at tilgangen var forverret for «{label}» ({pct}, {count} av "
                     "{n}).",
    "stacked_better": "Størst andel med forbedring hadde «{label}» ({pct}).",
    "table_intro": "Tabellen sammenlikner vurderingene fra de to undersøkelsene. Tallet på "
                   "svar bak hver rad (n) står til høyre; hold pekeren over en celle for antallet.",
    "table_fewer_worse": "For {k} av {m} kapitalkilder var andelen som så forverring lavere i "
                         "{w2} enn i {w1}. Størst fall hadde «{label}»: fra {p1} til {p2}.",
    "table_row_header": "Kapitalkilde",
    "table_n": "n",
    "about_text": [
        "Denne utgaven bygger kapittel 3 i rapporten på nytt fra data. Svarene fra hver enkelt "
        "prosjektleder ble aldri publisert, så datafilen er rekonstruert: den er laget slik at "
        "den gir hvert tall rapporten trykker, men den er ikke undersøkelsens faktiske svar.",
        "Der rapporten ikke oppgir et tall, er verdien valgt innenfor det teksten sier, og "
        "søylen er skravert. Reproduksjonskontrollen bakerst setter hvert publisert tall ved "
        "siden av det denne utgaven regnet ut.",
    ],
    "audit_intro": "Hvert tall rapporten oppgir om undersøkelsene, ved siden av det denne "
                   "byggingen regnet ut. «table» er trykt i tabell 3.1, «text» står i teksten, "
                   "«assumed» er valgt der rapporten ikke gir et tall.",
    "audit_summary": "{reproduced} av {total} verdier er gjenskapt; {differs} avviker; "
                     "{inconsistent} er selvmotsigende i rapporten selv.",
    "audit_columns": {
        "item": "Spørsmål", "wave": "År", "response": "Svar", "provenance": "Kilde",
        "value": "Rapporten", "admits": "Tillater", "computed": "Beregnet", "n": "n",
        "verdict": "Vurdering", "section": "Avsnitt", "quote": "Ordlyd",
    },
    "verdicts": {"reproduced": "gjenskapt", "differs": "avviker",
                 "report inconsistent": "selvmotsigende i rapporten",
                 "not computed": "ikke beregnet"},
    "response_rates_caption": "Svar og svarprosent: rapporten og datafilen",
    "rates_columns": {"wave": "År", "population": "Spurt", "respondents": "Svar (rapporten)",
                      "counted": "Svar (datafilen)", "printed": "Svarprosent (rapporten)",
                      "computed": "Svarprosent (beregnet)", "verdict": "Vurdering"},
}

_EN = {
    "report_title": "Norwegian industrial clusters during the financial crisis",
    "title_fields": {"authors": "Authors", "series": "Report", "year": "Year", "isbn": "ISBN",
                     "issn": "ISSN", "publisher": "Publisher"},
    "original_title": "Original title",
    "subtitle": "Chapter 3, the surveys, rebuilt from a reconstructed data file",
    "authors": "Skålholt, Spilling and Thune",
    "series": "NIFU STEP report 38/2010",
    "contents": "Contents",
    "made_by": "Made by {notebook}",
    "figure": "Figure",
    "table": "Table",
    "share_axis": "Share of cluster managers who answered",
    "legend_wave": "{wave} (n = {n})",
    "n_label": "n\u00a0=\u00a0{n}",  # no-break spaces: never split across lines
    "levels": {"forverret": "Worse", "uendret": "Unchanged", "forbedret": "Better"},
    "programme_suffix": {"all": "", "NCE": " (NCE projects only)", "Arena": " (Arena projects only)"},
    "assumed_note": "Hatched bars: the report gives no number; the value in the data file was "
                    "chosen within what the report's text says (assumed). See the audit.",
    "interval_note": "Lines show 95% Wilson intervals.",
    "interval_note_stacked": "Lines show the 95% Wilson interval of the share 'worse'.",
    "download_csv": "Download the numbers behind the figure (CSV)",
    "download_table_csv": "Download the numbers behind the table (CSV)",
    "not_asked": "“{label}” was not part of the {wave} survey.",
    "alt_waves": "Horizontal bar chart: share of cluster managers who ticked each option, "
                 "{waves}.",
    "alt_stacked": "Stacked horizontal bar chart: shares answering worse, unchanged and better "
                   "for each source of capital, 2010.",
    "titles": {
        "fig-3-1": "Changes in access to capital in the clusters",
        "fig-3-2": "What the crisis meant for markets and the value chain. Share of cluster managers",
        "fig-3-3": "What have the firms done to adapt to the crisis?",
        "fig-3-4": "What the firms emphasised in their short-term adaptation, as the cluster "
                   "managers saw it. Share who ticked increased focus",
        "fig-3-5": "Expected effect of the crisis on innovation and the innovation system",
        "fig-3-6": "What the crisis meant for the firms' strategic orientation and search for new "
                   "opportunities",
        "fig-3-7": "What is the effect on how the cluster works?",
        "fig-3-8": "What have the changes brought by the crisis meant for the NCE or Arena project?",
        "table-3-1": "The cluster managers' view of what the crisis meant for access to capital, "
                     "October 2010 compared with March 2009",
    },
    "sources": {
        "fig-3-1": "(Data from the 2010 survey, question 1)",
        "fig-3-2": "(Data from the 2010/2009 surveys, question 2 (2010))",
        "fig-3-3": "(Data from the 2010 and 2009 surveys, question 3 (2010))",
        "fig-3-4": "(Data from the 2010/2009 surveys, question 5 (2010))",
        "fig-3-5": "(Data from the 2010 and 2009 surveys, question 9 (2010))",
        "fig-3-6": "(Data from the 2010 and 2009 surveys, question 6 (2010))",
        "fig-3-7": "(Data from the 2010 and 2009 surveys, question 7 (2010))",
        "fig-3-8": "(Question 8. New organisational arrangements were not asked about in 2009)",
        "table-3-1": "(Data from the 2010 and 2009 surveys, question 1)",
    },
    "about": {
        "fig-3-1": "The figure shows how the cluster managers, in autumn 2010, saw access to "
                   "eight kinds of capital after the crisis.",
        "fig-3-2": "The managers ticked the changes in markets and the value chain that applied "
                   "to their cluster.",
        "fig-3-3": "The managers ticked how the firms in their cluster had met the crisis.",
        "fig-3-4": "The question asked which relations the firms gave more attention in the "
                   "short run.",
        "fig-3-5": "In 2009 the question was what the crisis might lead to; in 2010, what it had "
                   "led to.",
        "fig-3-6": "The question concerned the firms' strategy and their search for new "
                   "opportunities.",
        "fig-3-7": "The question concerned how collaboration in the cluster was affected.",
        "fig-3-8": "The question concerned what the crisis meant for the cluster organisation's "
                   "own work.",
    },
    "sections": {
        "chapter": "3 How the financial crisis affected the clusters",
        "3.1": "3.1 Access to capital",
        "markets": "Markets and the value chain",
        "3.2": "3.2 Adaptation and new strategies",
        "3.3": "3.3 The roles of the NCE and Arena organisations",
        "audit": "Reproduction audit",
        "about": "About this edition",
    },
    "survey_intro": "The chapter rests on two web surveys of the managers of the cluster "
                    "organisations in the NCE and Arena programmes. In spring {w1}, {r1} of {p1} "
                    "answered ({rate1}); in autumn {w2}, {r2} of {p2} ({rate2}).",
    "survey_intro_programme": " The figures in this edition show the {programme} projects only.",
    "top_item": "In {wave}, “{label}” was the most common answer: {count} of {n} cluster "
                "managers ({pct}).",
    "largest_change": "The largest change from {w1} to {w2} was in “{label}”, from {p1} to {p2}.",
    "no_change": "The shares changed little from {w1} to {w2}.",
    "stacked_worse": "Most managers saw access as worse for “{label}” ({pct}, {count} of {n}).",
    "stacked_better": "The largest share seeing an improvement was for “{label}” ({pct}).",
    "table_intro": "The table compares the assessments from the two surveys. The number of "
                   "answers behind each row (n) is on the right; hover over a cell for the count.",
    "table_fewer_worse": "For {k} of {m} sources of capital the share seeing a worsening was "
                         "lower in {w2} than in {w1}. The largest fall was for “{label}”: from "
                         "{p1} to {p2}.",
    "table_row_header": "Source of capital",
    "table_n": "n",
    "about_text": [
        "This edition rebuilds chapter 3 of the report from data. The individual managers' "
        "answers were never published, so the data file is a reconstruction: it is built to "
        "give every number the report prints, but it is not the survey's actual answers.",
        "Where the report gives no number, the value was chosen within what its text says, and "
        "the bar is hatched. The reproduction audit at the end sets every published number "
        "beside what this edition computed.",
    ],
    "audit_intro": "Every number the report gives about the surveys, beside what this build "
                   "computed. 'table' is printed in Table 3.1, 'text' stands in the text, "
                   "'assumed' was chosen where the report gives no number.",
    "audit_summary": "{reproduced} of {total} values reproduced; {differs} differ; "
                     "{inconsistent} contradict the report's own table.",
    "audit_columns": {
        "item": "Item", "wave": "Year", "response": "Answer", "provenance": "Source",
        "value": "Report", "admits": "Admits", "computed": "Computed", "n": "n",
        "verdict": "Verdict", "section": "Section", "quote": "Wording",
    },
    "verdicts": {"reproduced": "reproduced", "differs": "differs",
                 "report inconsistent": "report inconsistent", "not computed": "not computed"},
    "response_rates_caption": "Answers and response rates: the report and the data file",
    "rates_columns": {"wave": "Year", "population": "Asked", "respondents": "Answers (report)",
                      "counted": "Answers (data file)", "printed": "Response rate (report)",
                      "computed": "Response rate (computed)", "verdict": "Verdict"},
}

_STRINGS = {"nb": _NB, "en": _EN}


def strings(language: str) -> dict:
    return _STRINGS[language]


def label(item_row, language: str) -> str:
    """An item's label in the edition's language, from the codebook row."""
    return item_row[f"label_{language}"]


def whole(value: float) -> str:
    """A share as the report prints it: whole percent, rounded half up ('68.75' -> '69')."""
    return str(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def percent(value: float, language: str) -> str:
    """Whole percent with its sign: '69 %' (nb, with a no-break space) or '69%' (en)."""
    return f"{whole(value)}\u00a0%" if language == "nb" else f"{whole(value)}%"
