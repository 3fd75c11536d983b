"""Every word the report shows, per edition (nb as published, en our translation).

Figure titles and source lines follow the report's captions; all other sentences are ours.
Numbers never appear here: they are formatted into the templates from computed results.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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

_NB = {
    "report_title": "Norske næringsklynger under finanskrisen",
    "title_fields": {"authors": "Forfattere", "report_number": "Rapport", "year": "År",
                     "date": "Dato", "isbn": "ISBN", "issn": "ISSN", "institution": "Utgiver"},
    "original_title": "Originaltittel",
    "subtitle": "En ny utgave bygd fra data: spørreundersøkelsene i kapittel 3 fra en "
                "rekonstruert datafil, tabellene og casetallene fra rapportens egne tall",
    "authors": "Skålholt, Spilling og Thune",
    "series": "NIFU STEP rapport 38/2010",
    "contents": "Innhold",
    "made_by": "Laget av {notebook}",
    "show_code": "Vis koden",
    "figure": "Figur",
    "table": "Tabell",
    "share_axis": "Andel av prosjektlederne som svarte",
    "legend_wave": "{wave} (n = {n})",
    "n_label": "n\u00a0=\u00a0{n}",  # no-break spaces: never split across lines
    "levels": {"forverret": "Forverret", "uendret": "Uendret", "forbedret": "Forbedret"},
    "programme_suffix": {"all": "", "NCE": " (kun NCE-prosjekter)", "Arena": " (kun Arena-prosjekter)"},
    "assumed_legend": "antatt verdi",
    "assumed_note": "Skraverte søyler: rapporten oppgir ikke tallet, og verdien i datafilen er "
                    "denne utgavens valg (antatt). Skråstreker: innenfor en tallgrense teksten "
                    "gir; kryss: teksten gir ingen tallgrense, bare en rekkefølge, en retning "
                    "eller ingenting; prikker: et alternativ teksten ikke nevner.",
    "basis_legend": {"bounded": "antatt, innenfor tekstens grense",
                     "free": "antatt, uten tallgrense i teksten",
                     "unnamed": "alternativ teksten ikke nevner"},
    "n_note": "n er antall som svarte på spørsmålet (krysset av for minst ett alternativ); der "
              "rapportens tall passer med flere n, er den største valgt.",
    "assumption_links": "Bygger på antakelse",
    "assumptions_caption": "Antakelser A1–A23",
    "assumptions_columns": ["Nr.", "Antakelse", "Kvalitet", "Betydning", "Hvor"],
    "table_counts_note": "Under hver prosent står antallet av n som svarte slik.",
    "changes_caption": "Endringer fra {w1} til {w2} i tabell 3.1, i prosentpoeng, med 95\u00a0%-"
                       "intervall (Newcombe)",
    "changes_columns": ["Kapitalkilde", "Svar", "Fra–til", "Endring", "95\u00a0%-intervall"],
    "interval_range": "{low} til {high}",
    "interval_note": "Strekene viser 95 % Wilson-intervall.",
    "interval_note_stacked": "Strekene viser 95 % Wilson-intervall for andelen «forverret».",
    "download_csv": "Last ned tallene bak figuren (CSV)",
    "download_table_csv": "Last ned tallene bak tabellen (CSV)",
    "not_asked": "«{label}» var ikke med i {wave}-undersøkelsen.",
    "no_answers": "Ingen i datafilen svarte på «{label}» i {wave}.",
    "wave_no_data": "Datafilen har ingen svar fra {wave}.",
    "alt_waves": "Liggende søylediagram, figur {number}: {title}. Andel av prosjektlederne "
                 "som krysset av for hvert alternativ, {waves}.{results}",
    "alt_waves_top": " Størst andel i {wave}: {item} ({pct}{chosen}).",
    "alt_stacked": "Stablet liggende søylediagram, figur {number}: {title}. Andel som svarte "
                   "forverret, uendret og forbedret for hver kapitalkilde, {wave}.{results}",
    "alt_stacked_top": " Størst andel som så forverring: {item} ({pct}{chosen}).",
    "alt_chosen": ", en verdi denne utgaven har valgt",
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
        "fig-3-7": "(Data fra 2010- og 2009-undersøkelsene, spørsmål 7 (2010); nummeret er utledet, "
                   "originalen trykker «spørsmål (2010)»)",
        "fig-3-8": "(Data fra 2010- og 2009-undersøkelsene, spørsmål 8)",
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
        "provenance": "Proveniens: hva rapporten er bygd av",
        "chapter": "3 Finanskrisens betydning for utviklingen i klyngene",
        "3.1": "3.1 Tilgang til kapital",
        "3.2": "3.2 Tilpasninger og nye strategier",
        "3.3": "3.3 NCE- og Arena-organisasjonenes roller",
        "audit": "Reproduksjonskontroll",
        "new_questions": "Tillegg til kapittel 3: spørsmål rapporten ikke har",
        "claims": "Rapportens påstander, sjekket mot dataene",
        "about": "Om denne utgaven",
        "assumptions": "Antakelser: valgene denne utgaven gjør",
    },
    "survey_intro": "Kapitlet bygger på to nettbaserte spørreundersøkelser til lederne av "
                    "klyngeorganisasjonene i NCE- og Arena-programmene.",
    "survey_intro_data": "Kapitlet bygger på svarene i datafilen {file}, ordnet som "
                         "spørreundersøkelsene i 2010-rapporten.",
    "wave_when": {2009: "våren 2009", 2010: "høsten 2010"},
    "wave_when_data": "i {wave}",
    "wave_rate": "{When} svarte {r} av {p} ({rate}).",
    "wave_rate_printed": "{When} svarte {r} av {p} (svarprosent {printed} i rapporten; "
                         "{r} av {p} er {computed}).",
    "wave_count": "{When} svarte {r}.",
    "wave_over": "{When} svarte {r}, flere enn de {p} beskrivelsen av datafilen oppgir som "
                 "spurt, så ingen svarprosent er regnet ut.",
    "wave_none": "{When} har datafilen ingen svar.",
    "no_populations": "Datafilen har ingen beskrivelse ({name}) som sier hvor mange som ble "
                      "spurt, så ingen svarprosent er oppgitt.",
    "programme_no_rate": "Svarprosenten gjelder alle som ble spurt, og oppgis derfor ikke for "
                         "ett program alene.",
    "survey_intro_programme": "Figurene i denne utgaven viser bare {programme}-prosjektene. "
                              "Rapporten oppgir ingen tall for ett program alene, så ingen "
                              "verdi her er publisert.",
    # Sentences that rank or compare (findings.py): ties and near-ties named, chosen values
    # said once per figure, changes worded by their Newcombe interval and by n.
    "top_one": "I {wave} var «{label}» det vanligste svaret: {count} av {n} prosjektledere "
               "({pct}).",
    "top_tie": "I {wave} var {labels} like vanlige svar, med {pct} hver{counts}.",
    "top_near": "I {wave} lå {items} nesten likt øverst (mindre enn {margin} prosentpoeng "
                "mellom dem).",
    "near_item": "{label} ({pct})",
    "tie_counts": " ({count} av {n} prosjektledere)",
    "top_none": "I {wave} krysset ingen av for noen av alternativene.",
    "ranking_chosen": "Rangeringen bygger på verdier denne utgaven har valgt innenfor det "
                      "rapporten sier.",
    "and": "og",
    "quoted": "«{label}»",
    "points": "{diff} prosentpoeng; 95\u00a0%-intervall {low} til {high}",
    "share_who": "Andelen som {did}",
    "change_clear": "{subject}, {direction} fra {p1} i {w1} til {p2} i {w2} ({points}).",
    "directions": {"rise": "økte", "fall": "falt"},
    "change_item": "{label} ({p1} til {p2}; {points})",
    "chance": "innenfor det tilfeldigheter kan gi",
    "chance_few": "innenfor det tilfeldigheter kan gi med så få svar",
    "changes_chance": "For {items} er forskjellen mellom {w1} og {w2} {chance}.",
    "changes_chance_many": "For de {k} øvrige endringene er forskjellen mellom {w1} og {w2} "
                           "{chance}; størst av dem: {items}.",
    "changes_chance_all": "For alle de {k} endringene er forskjellen mellom {w1} og {w2} "
                          "{chance}; størst av dem: {items}.",
    "changes_chosen": "{k} av endringene fra {w1} til {w2} har en verdi denne utgaven har valgt "
                      "i minst én ende, og er ikke tatt med her.",
    "changes_all_chosen": "Alle endringene fra {w1} til {w2} har en verdi denne utgaven har "
                          "valgt i minst én ende, og er ikke tatt med her.",
    "stacked_worse_one": "Størst var andelen som så forverring for «{label}» ({pct}, {count} "
                         "av {n}).",
    "stacked_worse_tie": "Størst andel som så forverring, {pct}, hadde {labels}.",
    "stacked_worse_near": "Størst andel som så forverring hadde {items}, nesten likt (mindre "
                          "enn {margin} prosentpoeng mellom dem).",
    "stacked_better_one": "Størst andel med forbedring hadde «{label}» ({pct}).",
    "stacked_better_tie": "Størst andel med forbedring, {pct}, hadde {labels}.",
    "stacked_better_near": "Størst andel med forbedring hadde {items}, nesten likt (mindre enn "
                           "{margin} prosentpoeng mellom dem).",
    "stacked_better_none": "Ingen så forbedring for noen av kildene.",
    "table_fewer_worse": "For {k} av {m} kapitalkilder var andelen som så forverring lavere i "
                         "{w2} enn i {w1}.",
    "cell_title_change": "{count} / {n}; endring fra {w1}: {points}",
    "table_intro": "Tabellen sammenlikner vurderingene fra de to undersøkelsene. Tallet på "
                   "svar bak hver rad (n) står til høyre, antallet under hver prosent, og endringene med "
                   "intervall i tabellen under.",
    # What the 2010 report said of a figure (claims.csv), worded from each claim's check.
    "claim_did": {"ticked": "krysset av for {label}", "forverret": "mente at {label} var forverret",
                  "uendret": "mente at {label} var uendret",
                  "forbedret": "mente at {label} var forbedret"},
    "claim_level": {"forverret": "forverret", "uendret": "uendret", "forbedret": "forbedret",
                    "ticked": "krysset av"},
    "claim_most_sources": "tilgangen til de fleste kapitalkildene",
    "claim_who": {"all": "", "NCE": " av NCE-prosjektene", "Arena": " av Arena-prosjektene"},
    "claim_most_items": {"levels": "kapitalkildene", "ticks": "alternativene"},
    "claim_most_share": {"levels": " som mente at tilgangen var {level}",
                         "ticks": " som krysset av"},
    "claim_forms": {
        "value_percent_>_50": "over halvparten{who} {did} i {wave}",
        "value_percent_<_50": "under halvparten{who} {did} i {wave}",
        "value_percent_=_0": "ingen{who} {did} i {wave}",
        "value_percent_>": "mer enn {number}\u00a0%{who} {did} i {wave}",
        "value_percent_<": "mindre enn {number}\u00a0%{who} {did} i {wave}",
        "value_percent_>=": "minst {number}\u00a0%{who} {did} i {wave}",
        "value_percent_<=": "høyst {number}\u00a0%{who} {did} i {wave}",
        "value_percent_=": "{number}\u00a0%{who} {did} i {wave}",
        "value_percent_≈": "omtrent {number}\u00a0%{who} {did} i {wave}",
        "value_count_=": "{number}{who} {did} i {wave}",
        "value_count_>=": "minst {number}{who} {did} i {wave}",
        "value_count_<=": "høyst {number}{who} {did} i {wave}",
        "value_count_>": "flere enn {number}{who} {did} i {wave}",
        "value_count_<": "færre enn {number}{who} {did} i {wave}",
        "value_count_≈": "omtrent {number}{who} {did} i {wave}",
        "pair_levels_≈": "omtrent like mange mente at {label} var {ra} som {rb} i {wave}",
        "pair_levels_>": "flere mente at {label} var {ra} enn {rb} i {wave}",
        "pair_levels_<": "færre mente at {label} var {ra} enn {rb} i {wave}",
        "pair_programmes_≈": "andelen som {did} i {wave}, var omtrent like stor blant {pa}- og "
                             "{pb}-prosjektene",
        "pair_programmes_>": "andelen som {did} i {wave}, var større blant {pa}- enn blant "
                             "{pb}-prosjektene",
        "pair_programmes_<": "andelen som {did} i {wave}, var mindre blant {pa}- enn blant "
                             "{pb}-prosjektene",
        "pair_waves_≈": "andelen som {did}, var omtrent den samme i {w1} og {w2}",
        "pair_waves_>": "andelen som {did}, var større i {w1} enn i {w2}",
        "pair_waves_<": "andelen som {did}, var mindre i {w1} enn i {w2}",
        "pair_items_>": "flere {did} enn {did_b} i {wave}",
        "pair_items_<": "færre {did} enn {did_b} i {wave}",
        "pair_items_≈": "omtrent like mange {did} som {did_b} i {wave}",
        "waves_>": "andelen som {did}, var større i {w1} enn i {w2}",
        "waves_<": "andelen som {did}, var mindre i {w1} enn i {w2}",
        "waves_≈": "andelen som {did}, var omtrent den samme i {w1} og {w2}",
        "waves_~": "forskjellen mellom {w1} og {w2} i andelen som {did}, ikke er større enn "
                   "tilfeldigheter kan gi",
        "top": "andelen som {did} i {w1}, var den største i spørsmålet",
        "falls": "fallet fra {w1} til {w2} i andelen som {did}, var blant de {k} største i "
                 "spørsmålet",
        "most_>": "for de fleste {items} var andelen{share} større i {w1} enn i {w2}",
        "most_<": "for de fleste {items} var andelen{share} mindre i {w1} enn i {w2}",
        "most_~": "for de fleste {items} er forskjellen mellom {w1} og {w2} i andelen{share} "
                  "ikke større enn tilfeldigheter kan gi",
    },
    "claim_shown_pair": "{a} mot {b}",
    "claim_shown_top": "{a}; størst av de andre: {b}",
    "claim_shown_falls": "nr. {rank} av {of}, regnet fra uavrundede andeler",
    "claim_shown_most": "{yes} av {of}",
    "claim_sentence": "Rapporten (§{section}) sier at {statement}: {verdict}.",
    "claim_sentence_data": "2010-rapporten (§{section}) sa at {statement}; {where} "
                           "{verdict}.",
    "claim_where": {"all": "i denne filen", "NCE": "blant NCE-prosjektene i denne filen",
                    "Arena": "blant Arena-prosjektene i denne filen"},
    "claim_verdicts": {
        "holds": "det holder ({shown})",
        "holds_chance": "det holder ({shown}), men forskjellen er {chance} (95\u00a0%-intervall "
                        "{between}{low} til {high} prosentpoeng)",
        "similar": "det holder ({shown}; 95\u00a0%-intervallet {between}{low} til {high} "
                   "prosentpoeng, omfatter null)",
        "fails": "det holder ikke ({shown})",
        "differs": "det holder ikke: 95\u00a0%-intervallet {between}{low} til {high} "
                   "prosentpoeng, omfatter ikke null",
        "fails_chosen": "det holder ikke her ({shown}), men rapportens trykte tall avgjør det "
                        "ikke; det er antallet svar denne utgaven har valgt, som avgjør",
        "not_computed": "det kan ikke sjekkes, for filen har ingen svar på det",
    },
    "claim_verdicts_data": {
        "holds": "holder det ({shown})",
        "holds_chance": "holder det ({shown}), men forskjellen er {chance} (95\u00a0%-intervall "
                        "{between}{low} til {high} prosentpoeng)",
        "similar": "holder det ({shown}; 95\u00a0%-intervallet {between}{low} til {high} "
                   "prosentpoeng, omfatter null)",
        "fails": "holder det ikke ({shown})",
        "differs": "holder det ikke: 95\u00a0%-intervallet {between}{low} til {high} "
                   "prosentpoeng, omfatter ikke null",
        "fails_chosen": "holder det ikke ({shown})",
        "not_computed": "kan det ikke sjekkes, for filen har ingen svar på det",
    },
    "claim_between_waves": "for endringen fra {w1} til {w2}: ",
    "claim_between_programmes": "for {a} minus {b}: ",
    "claims_rest_on_choice": "Der rapportens trykte tall ikke avgjør en påstand, holder den her "
                             "fordi denne utgaven valgte verdier innenfor det rapporten sier.",
    "table_row_header": "Kapitalkilde",
    "table_n": "n",
    "about_text": [
        "Denne utgaven bygger rapportens figurer og tabeller på nytt fra data. Svarene fra hver "
        "enkelt prosjektleder i kapittel 3 ble aldri publisert, så datafilen er rekonstruert: den "
        "er laget slik at den gir hvert tall rapporten trykker, men den er ikke undersøkelsens "
        "faktiske svar.",
        "Hver del av originalen står her med sitt nummer og sin overskrift, i originalens "
        "rekkefølge. Tabellene i kapittel 1 og 2 og i vedlegg 1, faktaboksene i kapittel 4 og "
        "fire tilleggsfigurer bygger på tallene som står i rapporten; figur- og tabellnumrene er "
        "originalens. Listen nedenfor sier for hver del hva som er bygd fra data, hva som bare er "
        "oppsummert, og hva som er utelatt.",
        "Der rapporten ikke oppgir et tall, er verdien valgt innenfor det teksten sier, og "
        "søylen er skravert. Reproduksjonskontrollen bakerst setter hvert publisert tall ved "
        "siden av det denne utgaven regnet ut.",
    ],
    "subtitle_data": "En ny utgave bygd fra data: spørreundersøkelsene i kapittel 3 fra en "
                     "annen datafil enn utgavens egen, tabellene og casetallene fra rapportens "
                     "egne tall",
    "about_file": "Kapittel 3 er bygd fra datafilen {file} (SHA-256 {digest}).",
    "about_data": (
        "Denne utgaven bygger rapportens figurer og tabeller på nytt fra data. Kapittel 3 er "
        "her bygd fra en annen datafil enn den rekonstruerte filen som følger med utgaven: hvert "
        "tall, hver rangering og hver endring i kapitlet er denne filens egne. Det utgaven vet "
        "om 2010-rapporten (tallene den trykker, verdiene utgaven har valgt, svarprosentene) "
        "gjelder bare den rekonstruerte filen; her brukes rapportens utsagn bare til å "
        "sammenlikne."),
    "audit_intro": "En kontroll av denne utgaven selv. Den rekonstruerte datafilen er laget fra "
                   "rapportens tall, så her sjekkes at den gir hvert tall rapporten trykker om "
                   "undersøkelsene. At den gjør det, viser at rekonstruksjonen er konsistent, "
                   "ikke at undersøkelsens svar er gjenskapt. «tabell» er trykt i tabell 3.1, "
                   "«tekst» står i teksten, «antatt» er valgt av denne utgaven der rapporten ikke "
                   "gir et tall.",
    "audit_intro_data": "Hvert tall 2010-rapporten trykker om undersøkelsene, ved siden av det "
                        "denne datafilen gir. Filen er ikke rapportens, så dette er en "
                        "sammenlikning, ikke en kontroll: en forskjell er filens eget resultat. "
                        "«tabell» er trykt i tabell 3.1, «tekst» står i teksten.",
    "audit_summary": "Datafilen gir {reproduced} av de {published} tallene rapporten trykker "
                     "(avrundet slik rapporten runder av); {differs} avviker; i {inconsistent} "
                     "tilfelle motsier rapportens tekst dens egen tabell. I tillegg har denne "
                     "utgaven valgt {chosen_total} verdier der rapporten ikke gir et tall; "
                     "datafilen har {chosen} av dem. De er ikke med i tellingen over.",
    "audit_summary_data": "I denne filen runder {reproduced} av de {published} tallene "
                          "rapporten trykker, av til det samme; {differs} er forskjellige eller "
                          "mangler.",
    "claims_intro": "Hver påstand i kapittel 3 i originalen som dataene kan sjekke, med denne "
                    "utgavens ord for hva den sier. «Holder» sier om påstanden holder med denne "
                    "datafilen; «Rapportens tall» om rapportens egne trykte tall alene avgjør den "
                    "(holder), eller om den hviler på tall rapporten ikke gir (åpen). Der to år "
                    "eller NCE og Arena sammenliknes, står 95\u00a0%-intervallet (Newcombe) for "
                    "forskjellen i prosentpoeng, senere år minus tidligere, NCE minus Arena; "
                    "omfatter det null, er forskjellen innenfor det tilfeldigheter kan gi.",
    "claims_intro_data": "Hver påstand i kapittel 3 i 2010-rapporten som dataene kan sjekke, "
                         "sjekket på denne datafilen. «Holder» sier om påstanden holder med "
                         "filen; «Rapportens tall» om rapportens egne trykte tall alene avgjør "
                         "den (holder), eller om den hvilte på tall rapporten ikke gir (åpen). "
                         "Der to år eller NCE og Arena sammenliknes, står 95\u00a0%-intervallet "
                         "(Newcombe) for forskjellen i prosentpoeng, senere år minus tidligere, "
                         "NCE minus Arena; omfatter det null, er forskjellen innenfor det "
                         "tilfeldigheter kan gi.",
    "claims_summary": "{holds} av {checkable} påstander som kan sjekkes, holder med denne "
                      "filen; {fails} holder ikke{on_choice}. Rapportens trykte tall alene "
                      "avgjør {fixed} av påstandene, og {fixed_hold} av disse holder her. For "
                      "{chance} av {compared} sammenlikninger mellom to grupper er forskjellen "
                      "innenfor det tilfeldigheter kan gi. {unchecked} påstander kan ikke sjekkes "
                      "med dataene.",
    "claims_on_choice": ", {k} av dem bare fordi antallet svar denne utgaven har valgt, avgjør "
                        "der rapportens trykte tall ikke gjør det",
    "claims_columns": {"id": "Nr.", "section": "Avsnitt", "quote": "Ordlyd",
                       "statement": "Påstanden", "shown": "I dataene", "holds": "Holder",
                       "interval": "95\u00a0%-intervall", "published": "Rapportens tall"},
    "claim_outcomes": {"holds": "holder", "holds_chance": "holder, innenfor tilfeldighet",
                       "similar": "holder", "fails": "holder ikke", "differs": "holder ikke",
                       "fails_chosen": "holder ikke med utgavens valgte antall svar; "
                                       "rapportens tall avgjør ikke",
                       "not_computed": "ikke beregnet", "not_checkable": "kan ikke sjekkes"},
    "published_outcomes": {"holds": "holder", "fails": "holder ikke", "open": "åpen", "": ""},
    "audit_columns": {
        "item": "Spørsmål", "wave": "År", "response": "Svar", "provenance": "Kilde",
        "value": "Rapporten", "admits": "Tillater", "computed": "Beregnet", "n": "n",
        "verdict": "Vurdering", "section": "Avsnitt", "quote": "Ordlyd",
    },
    "provenance_names": {"table": "tabell", "text": "tekst", "assumed": "antatt"},
    "verdicts": {"reproduced": "stemmer", "differs": "avviker", "chosen": "valgt",
                 "report inconsistent": "rapporten motsier seg selv", "rounding": "avrunding",
                 "not computed": "ikke beregnet"},
    "verdicts_data": {"reproduced": "samme", "differs": "forskjellig", "chosen": "valgt",
                      "report inconsistent": "rapporten motsier seg selv",
                      "rounding": "avrunding", "not computed": "ikke beregnet", "": ""},
    "summary_marker": "Denne utgavens sammendrag:",
    "omitted_marker": "Ikke gjengitt her:",
    "about_lists": {"rebuilt": "Bygd på nytt fra data:",
                    "summary": "Sammendrag med denne utgavens egne ord (originalens tekst gjengis ikke):",
                    "omitted": "Utelatt:"},
    "about_omitted_all": "Overalt: originalens egen løpende tekst, fotnotene og bildene av "
                         "originalens figurer (figurene her er tegnet på nytt fra data).",
    "questionnaire_note": "Rekonstruert: originalen trykker bare overskriften «Vedlegg 2 "
                          "Spørreskjema», ikke skjemaet. Spørsmålene og alternativene nedenfor er "
                          "dem denne utgavens kodebok (data/codebook.csv) bygger på, hvert med "
                          "belegget for det; der rapporten ikke gjengir en ordlyd, er den utledet.",
    "questionnaire_question": "Spørsmål {number}",
    "questionnaire_unknown": "Ukjent: rapporten viser ingen figur eller tabell for dette "
                             "spørsmålet, og denne utgaven rekonstruerer det ikke.",
    "questionnaire_types": {"level": "Svar for hver kilde: forverret, uendret eller forbedret.",
                            "tick": "Kryss av for alt som passer."},
    "questionnaire_figure": "Vist i figur {figure}.",
    "questionnaire_caption": "Spørsmål {number}: alternativene og belegget for dem",
    "questionnaire_columns": ["Alternativ", "Spurt i", "Belegg"],
    "evidence_kinds": {"label": "Etikett trykt i figuren eller tabellen",
                       "text": "Rapportens tekst", "case": "Casekapitlets gjengivelse av "
                       "undersøkelsen", "inferred": "Utledet: ingen setning i rapporten nevner "
                       "alternativet; denne utgavens gjetning", "contract": "Datakontrakten"},
    "original_account": "Dette kapitlet er originalrapportens beretning om klyngene i 2008–2010. "
                        "Det bygger ikke på datafilen denne rapporten er laget fra.",
    "new_questions_intro": "Datafilens egen kodebok har spørsmål som originalrapporten ikke "
                           "stilte. Hvert av dem har sin egen figur her, tegnet og beskrevet som "
                           "rapportens.",
    "new_question_figure": "Figur til spørsmål {number}",
    "new_question_title": "Spørsmål {number}",
    "file_source": "(Data fra datafilens undersøkelser {waves}, spørsmål {number})",
    "table_3_1_file_title": "Prosjektledernes vurderinger av finanskrisens betydning for "
                            "kapitaltilgangen, hver undersøkelse i datafilen",
    "new_question_empty": "Spørsmål {number} ({items}) har ingen svar i datafilen, så det har "
                          "ingen figur.",
    "new_question_mixed": "Spørsmål {number} ({items}) blander svar på tre nivåer og "
                          "avkrysningsbokser, som ikke kan vises i én figur, så det har ingen "
                          "figur. Gi dem hvert sitt spørsmålsnummer i kodeboken.",
    "table_titles": {
        "table-1": "Tabell 1 Teknologiske revolusjoner og utvikling av paradigmer 1770-2010 "
                   "(Etter C. Perez, 2002)",
        "table-2-1": "Tabell 2.1 Oversikt over NCE-prosjektene",
        "table-2-2": "Tabell 2.2 Oversikt over Arena-prosjektene",
        "table-v1": "Tabell V1 Oversikt over NCE-organisasjonene som inngår i spørreundersøkelsen",
        "table-v2": "Tabell V2 Oversikt over Arena-organisasjonene som inngår i undersøkelsen",
    },
    "table_sources": {
        "table-1": "Rapporten trykker ingen kildelinje under tabell 1; tittelen og teksten viser "
                   "til Perez (2002), side 57. Revolusjonene er beskrevet med denne utgavens korte "
                   "navn.",
        "table-2-1": "Kilde: www.nce.no, november 2010.",
        "table-2-2": "Kilde: http://ekstranett.innovasjonnorge.no/templates/Page_Meta____56166.aspx",
        "table-v1": "Rapporten trykker ingen kildelinje under tabell V1. Navn, regioner og tall som "
                    "trykt; karakteristikk og tema er denne utgavens sammendrag av vedleggets "
                    "lengre beskrivelser.",
        "table-v2": "Kilde: http://ekstranett.innovasjonnorge.no/templates/Page_Meta____56166.aspx. "
                    "– Navn, regioner og tall som trykt; karakteristikk og tema er denne utgavens "
                    "sammendrag av vedleggets lengre beskrivelser.",
    },
    "table_1_phase_headings": [("", 1), ("Installasjon", 2), ("", 1), ("Spredning", 2)],
    "table_1_columns": ["Teknologisk revolusjon", "Utbrudd", "Galskap", "Vendepunkt (boble)",
                        "Synergi", "Moden fase"],
    "organisation_columns": ["Prosjekt", "Geografisk hovedområde", "Klyngens karakteristika",
                             "Tema"],
    "original_language_note": "",
    # The case studies' own qualifiers, as data/report/case_facts.csv records them.
    "case_qualifiers": {"ca": "ca.", "om lag": "om lag", "rundt": "rundt", "omtrent": "omtrent",
                        "vel": "vel", "drøye": "drøye", "over": "over", "minst": "minst",
                        "i størrelsesorden": "i størrelsesorden"},
    # Units and periods of data/report/case_facts.csv, as the Norwegian edition writes them.
    "units": {"actors": "aktører", "applications": "søknader", "bhp": "hk",
              "billion NOK": "mrd. kr", "dwt": "tdw", "employed": "sysselsatte",
              "employees": "ansatte", "firms": "bedrifter", "full-time equivalents": "årsverk",
              "goals": "mål", "jobs": "arbeidsplasser", "members": "medlemmer",
              "partners": "partnere", "parts": "deler", "people": "personer", "percent": "%",
              "projects": "prosjekter", "times the NCE budget": "ganger NCE-rammen",
              "years": "år"},
    "periods": {"half": "{n}. halvår {year}", "quarter": "{n}. kvartal {year}",
                "autumn": "høsten {year}", "before autumn": "før høsten {year}"},
    "partner_groups": {},
    "measures": {"firms": "bedrifter", "industrial_firms": "industribedrifter",
                 "employees": "ansatte", "turnover": "omsetning", "export_share": "eksportandel",
                 "actors": "aktører", "export": "eksport"},
    "fact_fields": {"contract_partner": "Kontraktspartner", "start": "Start",
                    "target_group": "Målgruppe", "goal": "Mål*", "work_areas": "Arbeidsområder*"},
    "fact_box": "Faktaboks {box}: {name}",
    "fact_box_note": "* Sammenfattet med egne ord; originalen har den fulle ordlyden.",
    "partners_box": "Faktaboks {box}: Partnere i {name}",
    "partner_columns": ["Gruppe", "Antall", "Partnere"],
    "case_numbers": "Tall fra avsnitt {section}",
    "fact_columns": ["Rapportens ordlyd", "År eller periode", "Tall", "Enhet"],
    "extra_figure": "Tilleggsfigur",
    "approximate_legend": "omtrentlig tall i teksten (ca., i størrelsesorden)",
    "approximate_note": "Lysere, prikkete søyler som blekner mot slutten: teksten gir tallet bare "
                        "omtrentlig.",
    "figure_data_summary": "Tallene i figuren (tabell)",
    "data_caption": "Tallene i figur {number}",
    "data_columns": {"item": "Alternativ", "wave": "År", "response": "Svar", "percent": "Andel",
                     "count": "Antall", "interval": "95\u00a0%-intervall", "source": "Kilde"},
    "count_of": "{count} av {n}",
    "extra_figure_source": "(Tegnet fra tall i rapportens tekst, avsnitt {section}; ikke en figur "
                           "i originalrapporten)",
    "provenance_intro": "Hva denne rapporten ble bygd av: versjonen av koden, en SHA-256-sum for "
                        "hver inndatafil, pakkeversjoner og parameterne.",
    "provenance_fields": {"commit": "Git-versjon", "date": "Byggedato (SOURCE_DATE_EPOCH)",
                          "parameters": "Parametere",
                          "uncommitted": "med endringer som ikke er lagret i git"},
    "provenance_columns": ["Fil", "SHA-256"],
    "provenance_inputs": "Inndata",
    "provenance_build": "Byggingen",
    "key_value_columns": ["Felt", "Innhold"],
    "provenance_packages": "Programvare",
    "package_columns": ["Pakke", "Versjon"],
    "response_rates_caption": "Svar og svarprosent: rapporten og datafilen",
    "rates_columns": {"wave": "År", "population": "Spurt (rapporten)",
                      "respondents": "Svar (rapporten)", "printed": "Svarprosent (rapporten)",
                      "file_population": "Spurt (datafilens beskrivelse)",
                      "counted": "Svar (datafilen)", "computed": "Svarprosent (beregnet)",
                      "verdict": "Vurdering"},
}

_EN = {
    "report_title": "Norwegian industrial clusters during the financial crisis",
    "title_fields": {"authors": "Authors", "report_number": "Report", "year": "Year",
                     "date": "Date", "isbn": "ISBN",
                     "issn": "ISSN", "institution": "Publisher"},
    "original_title": "Original title",
    "subtitle": "An edition rebuilt from data: chapter 3's surveys from a reconstructed data "
                "file, the tables and case figures from the report's own numbers",
    "authors": "Skålholt, Spilling and Thune",
    "series": "NIFU STEP report 38/2010",
    "contents": "Contents",
    "made_by": "Made by {notebook}",
    "show_code": "Show the code",
    "figure": "Figure",
    "table": "Table",
    "share_axis": "Share of cluster managers who answered",
    "legend_wave": "{wave} (n = {n})",
    "n_label": "n\u00a0=\u00a0{n}",  # no-break spaces: never split across lines
    "levels": {"forverret": "Worse", "uendret": "Unchanged", "forbedret": "Better"},
    "programme_suffix": {"all": "", "NCE": " (NCE projects only)", "Arena": " (Arena projects only)"},
    "assumed_legend": "assumed value",
    "assumed_note": "Hatched bars: the report gives no number, and the value in the data file is "
                    "this edition's choice (assumed). Stripes: within a numeric bound the text "
                    "gives; crosses: the text gives no numeric bound, only an order, a direction "
                    "or nothing; dots: an item the text does not name.",
    "basis_legend": {"bounded": "assumed, within the text's bound",
                     "free": "assumed, no numeric bound in the text",
                     "unnamed": "item the text does not name"},
    "n_note": "n is the number who answered the question (ticked at least one item); where the "
              "report's numbers fit several n, the largest was chosen.",
    "assumption_links": "Rests on assumption",
    "assumptions_caption": "Assumptions A1–A23",
    "assumptions_columns": ["No.", "Assumption", "Quality", "Impact", "Where"],
    "table_counts_note": "Under each percentage stands the count, of n, who answered so.",
    "changes_caption": "Changes from {w1} to {w2} in Table 3.1, in percentage points, with 95% "
                       "intervals (Newcombe)",
    "changes_columns": ["Source of capital", "Answer", "From–to", "Change", "95% interval"],
    "interval_range": "{low} to {high}",
    "interval_note": "Lines show 95% Wilson intervals.",
    "interval_note_stacked": "Lines show the 95% Wilson interval of the share 'worse'.",
    "download_csv": "Download the numbers behind the figure (CSV)",
    "download_table_csv": "Download the numbers behind the table (CSV)",
    "not_asked": "“{label}” was not part of the {wave} survey.",
    "no_answers": "No one in the data file answered “{label}” in {wave}.",
    "wave_no_data": "The data file has no answers from {wave}.",
    "alt_waves": "Horizontal bar chart, Figure {number}: {title}. Share of cluster managers who "
                 "ticked each option, {waves}.{results}",
    "alt_waves_top": " Largest share in {wave}: {item} ({pct}{chosen}).",
    "alt_stacked": "Stacked horizontal bar chart, Figure {number}: {title}. Shares answering "
                   "worse, unchanged and better for each source of capital, {wave}.{results}",
    "alt_stacked_top": " Largest share seeing a worsening: {item} ({pct}{chosen}).",
    "alt_chosen": ", a value this edition chose",
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
        "fig-3-7": "(Data from the 2010 and 2009 surveys, question 7 (2010); the number is "
                   "inferred, the original prints 'spørsmål (2010)')",
        "fig-3-8": "(Data from the 2010 and 2009 surveys, question 8)",
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
        "provenance": "Provenance: what the report was built from",
        "chapter": "3 How the financial crisis affected the clusters",
        "3.1": "3.1 Access to capital",
        "3.2": "3.2 Adaptation and new strategies",
        "3.3": "3.3 The roles of the NCE and Arena organisations",
        "audit": "Reproduction audit",
        "new_questions": "Addition to chapter 3: questions the report does not have",
        "claims": "The report's claims, checked against the data",
        "about": "About this edition",
        "assumptions": "Assumptions: the choices this edition makes",
    },
    "survey_intro": "The chapter rests on two web surveys of the managers of the cluster "
                    "organisations in the NCE and Arena programmes.",
    "survey_intro_data": "The chapter rests on the answers in the data file {file}, arranged as "
                         "the surveys of the 2010 report.",
    "wave_when": {2009: "in spring 2009", 2010: "in autumn 2010"},
    "wave_when_data": "in {wave}",
    "wave_rate": "{When}, {r} of {p} answered ({rate}).",
    "wave_rate_printed": "{When}, {r} of {p} answered (response rate {printed} in the report; "
                         "{r} of {p} is {computed}).",
    "wave_count": "{When}, {r} answered.",
    "wave_over": "{When}, {r} answered, more than the {p} the data file's description gives as "
                 "asked, so no response rate is computed.",
    "wave_none": "{When}, the data file has no answers.",
    "no_populations": "The data file has no description ({name}) saying how many were asked, "
                      "so no response rate is given.",
    "programme_no_rate": "A response rate is of all who were asked, so none is given for one "
                         "programme alone.",
    "survey_intro_programme": "The figures in this edition show the {programme} projects only. "
                              "The report gives no number for one programme alone, so no "
                              "value here is published.",
    "top_one": "In {wave}, “{label}” was the most common answer: {count} of {n} cluster "
               "managers ({pct}).",
    "top_tie": "In {wave}, {labels} were equally common answers, at {pct} each{counts}.",
    "top_near": "In {wave}, {items} were nearly level at the top (less than {margin} "
                "percentage points apart).",
    "near_item": "{label} ({pct})",
    "tie_counts": " ({count} of {n} cluster managers)",
    "top_none": "In {wave}, no one ticked any of the answers.",
    "ranking_chosen": "The ranking rests on values this edition chose within what the report "
                      "says.",
    "and": "and",
    "quoted": "“{label}”",
    "points": "{diff} percentage points; 95% interval {low} to {high}",
    "share_who": "The share who {did}",
    "change_clear": "{subject} {direction} from {p1} in {w1} to {p2} in {w2} ({points}).",
    "directions": {"rise": "rose", "fall": "fell"},
    "change_item": "{label} ({p1} to {p2}; {points})",
    "chance": "within what chance can give",
    "chance_few": "within what chance can give with this few answers",
    "changes_chance": "For {items}, the difference between {w1} and {w2} is {chance}.",
    "changes_chance_many": "For the other {k} changes, the difference between {w1} and {w2} "
                           "is {chance}; the largest of them: {items}.",
    "changes_chance_all": "For all {k} changes, the difference between {w1} and {w2} is "
                          "{chance}; the largest of them: {items}.",
    "changes_chosen": "{k} of the changes from {w1} to {w2} have a value this edition chose at "
                      "one end or both, and are left out here.",
    "changes_all_chosen": "All the changes from {w1} to {w2} have a value this edition chose "
                          "at one end or both, and are left out here.",
    "stacked_worse_one": "The largest share seeing a worsening was for “{label}” ({pct}, "
                         "{count} of {n}).",
    "stacked_worse_tie": "The largest share seeing a worsening, {pct}, was for {labels}.",
    "stacked_worse_near": "The largest shares seeing a worsening were for {items}, nearly "
                          "level (less than {margin} percentage points apart).",
    "stacked_better_one": "The largest share seeing an improvement was for “{label}” ({pct}).",
    "stacked_better_tie": "The largest share seeing an improvement, {pct}, was for {labels}.",
    "stacked_better_near": "The largest shares seeing an improvement were for {items}, nearly "
                           "level (less than {margin} percentage points apart).",
    "stacked_better_none": "No one saw an improvement for any of the sources.",
    "table_fewer_worse": "For {k} of {m} sources of capital the share seeing a worsening was "
                         "lower in {w2} than in {w1}.",
    "cell_title_change": "{count} / {n}; change from {w1}: {points}",
    "table_intro": "The table compares the assessments from the two surveys. The number of "
                   "answers behind each row (n) is on the right, the count under each percentage, and the "
                   "changes with their intervals in the table below.",
    "claim_did": {"ticked": "ticked {label}", "forverret": "found {label} worse",
                  "uendret": "found {label} unchanged", "forbedret": "found {label} better"},
    "claim_level": {"forverret": "worse", "uendret": "unchanged", "forbedret": "better",
                    "ticked": "ticked"},
    "claim_most_sources": "access to most sources of capital",
    "claim_who": {"all": "", "NCE": " of the NCE projects", "Arena": " of the Arena projects"},
    "claim_most_items": {"levels": "sources of capital", "ticks": "items"},
    "claim_most_share": {"levels": " who found access {level}", "ticks": " who ticked them"},
    "claim_forms": {
        "value_percent_>_50": "more than half{who} {did} in {wave}",
        "value_percent_<_50": "fewer than half{who} {did} in {wave}",
        "value_percent_=_0": "no one{who} {did} in {wave}",
        "value_percent_>": "more than {number}%{who} {did} in {wave}",
        "value_percent_<": "fewer than {number}%{who} {did} in {wave}",
        "value_percent_>=": "at least {number}%{who} {did} in {wave}",
        "value_percent_<=": "at most {number}%{who} {did} in {wave}",
        "value_percent_=": "{number}%{who} {did} in {wave}",
        "value_percent_≈": "about {number}%{who} {did} in {wave}",
        "value_count_=": "{number}{who} {did} in {wave}",
        "value_count_>=": "at least {number}{who} {did} in {wave}",
        "value_count_<=": "at most {number}{who} {did} in {wave}",
        "value_count_>": "more than {number}{who} {did} in {wave}",
        "value_count_<": "fewer than {number}{who} {did} in {wave}",
        "value_count_≈": "about {number}{who} {did} in {wave}",
        "pair_levels_≈": "about as many found {label} {ra} as {rb} in {wave}",
        "pair_levels_>": "more found {label} {ra} than {rb} in {wave}",
        "pair_levels_<": "fewer found {label} {ra} than {rb} in {wave}",
        "pair_programmes_≈": "the share who {did} in {wave} was about the same among the {pa} "
                             "and the {pb} projects",
        "pair_programmes_>": "the share who {did} in {wave} was larger among the {pa} than "
                             "among the {pb} projects",
        "pair_programmes_<": "the share who {did} in {wave} was smaller among the {pa} than "
                             "among the {pb} projects",
        "pair_waves_≈": "the share who {did} was about the same in {w1} and {w2}",
        "pair_waves_>": "the share who {did} was larger in {w1} than in {w2}",
        "pair_waves_<": "the share who {did} was smaller in {w1} than in {w2}",
        "pair_items_>": "more {did} than {did_b} in {wave}",
        "pair_items_<": "fewer {did} than {did_b} in {wave}",
        "pair_items_≈": "about as many {did} as {did_b} in {wave}",
        "waves_>": "the share who {did} was larger in {w1} than in {w2}",
        "waves_<": "the share who {did} was smaller in {w1} than in {w2}",
        "waves_≈": "the share who {did} was about the same in {w1} and {w2}",
        "waves_~": "the difference between {w1} and {w2} in the share who {did} is no larger "
                   "than chance can give",
        "top": "the share who {did} in {w1} was the largest of the question",
        "falls": "the fall from {w1} to {w2} in the share who {did} was among the {k} largest "
                 "of the question",
        "most_>": "for most {items} the share{share} was larger in {w1} than in {w2}",
        "most_<": "for most {items} the share{share} was smaller in {w1} than in {w2}",
        "most_~": "for most {items} the difference between {w1} and {w2} in the share{share} "
                  "is no larger than chance can give",
    },
    "claim_shown_pair": "{a} against {b}",
    "claim_shown_top": "{a}; the largest of the others: {b}",
    "claim_shown_falls": "no. {rank} of {of}, from unrounded shares",
    "claim_shown_most": "{yes} of {of}",
    "claim_sentence": "The report (§{section}) says that {statement}: {verdict}.",
    "claim_sentence_data": "The 2010 report (§{section}) said that {statement}; {where} "
                           "{verdict}.",
    "claim_where": {"all": "in this file", "NCE": "among this file's NCE projects",
                    "Arena": "among this file's Arena projects"},
    "claim_verdicts": {
        "holds": "it holds ({shown})",
        "holds_chance": "it holds ({shown}), but the difference is {chance} (95% interval "
                        "{between}{low} to {high} percentage points)",
        "similar": "it holds ({shown}; the 95% interval {between}{low} to {high} "
                   "percentage points, includes zero)",
        "fails": "it does not hold ({shown})",
        "differs": "it does not hold: the 95% interval {between}{low} to {high} "
                   "percentage points, leaves out zero",
        "fails_chosen": "it does not hold here ({shown}), but the report's printed numbers do "
                        "not settle it: the numbers of answers this edition chose do",
        "not_computed": "it cannot be checked: the file has no answers to it",
    },
    "claim_verdicts_data": None,  # set below: English words the same either way
    "claim_between_waves": "of the change from {w1} to {w2}: ",
    "claim_between_programmes": "of {a} minus {b}: ",
    "claims_rest_on_choice": "Where the report's printed numbers do not settle a claim, it "
                             "holds here because this edition chose values within what the "
                             "report says.",
    "table_row_header": "Source of capital",
    "table_n": "n",
    "about_text": [
        "This edition rebuilds the report's figures and tables from data. The individual "
        "managers' answers behind chapter 3 were never published, so the data file is a "
        "reconstruction: it is built to give every number the report prints, but it is not the "
        "survey's actual answers.",
        "Every part of the original stands here by its number and heading, in the original's "
        "order. The tables of chapters 1 and 2 and of Appendix 1, the fact boxes of chapter 4 and "
        "four added figures rest on the numbers the report prints; figure and table numbers are "
        "the original's. The list below says, part by part, what is rebuilt from data, what is "
        "only summarised, and what is left out.",
        "Where the report gives no number, the value was chosen within what its text says, and "
        "the bar is hatched. The reproduction audit at the end sets every published number "
        "beside what this edition computed.",
    ],
    "subtitle_data": "An edition rebuilt from data: chapter 3's surveys from a data file other "
                     "than the edition's own, the tables and case figures from the report's "
                     "own numbers",
    "about_file": "Chapter 3 is built from the data file {file} (SHA-256 {digest}).",
    "about_data": (
        "This edition rebuilds the report's figures and tables from data. Here chapter 3 is "
        "built from a data file other than the reconstruction the edition ships: every number, "
        "ranking and change in the chapter is this file's own. What the edition knows of the "
        "2010 report (the numbers it prints, the values this edition chose, the response rates) "
        "belongs to the reconstruction alone; here the report's statements serve only for "
        "comparison."),
    "audit_intro": "A check of this edition itself. The reconstructed data file was built from "
                   "the report's numbers, so this checks that it gives every number the report "
                   "prints about the surveys. That it does shows the reconstruction is "
                   "consistent, not that the survey's answers were recovered. 'table' is printed "
                   "in Table 3.1, 'text' stands in the text, 'assumed' was chosen by this "
                   "edition where the report gives no number.",
    "audit_intro_data": "Every number the 2010 report prints about the surveys, beside what this "
                        "data file gives. The file is not the report's, so this is a comparison, "
                        "not a check: a difference is the file's own result. 'table' is printed "
                        "in Table 3.1, 'text' stands in the text.",
    "audit_summary": "The data file gives {reproduced} of the {published} numbers the report "
                     "prints (rounded as the report rounds); {differs} differ; in {inconsistent} "
                     "case the report's text contradicts its own table. Besides, this edition "
                     "chose {chosen_total} values where the report gives no number; the data file "
                     "holds {chosen} of them. They are not counted above.",
    "audit_summary_data": "In this file, {reproduced} of the {published} numbers the report "
                          "prints round to the same; {differs} differ or are missing.",
    "claims_intro": "Every claim of the original's chapter 3 that the data can check, with this "
                    "edition's words for what it says. 'Holds' says whether the claim holds with "
                    "this data file; 'Report's numbers' whether the report's own printed numbers "
                    "alone settle it (holds) or it rests on numbers the report does not give "
                    "(open). Where two years, or NCE and Arena, are compared, the 95% interval "
                    "(Newcombe) is for the difference in percentage points, later year minus "
                    "earlier, NCE minus Arena; if it spans zero, the difference is within what "
                    "chance can give.",
    "claims_intro_data": "Every claim of the 2010 report's chapter 3 that the data can check, "
                         "checked on this data file. 'Holds' says whether the claim holds with "
                         "the file; 'Report's numbers' whether the report's own printed numbers "
                         "alone settle it (holds) or it rested on numbers the report does not "
                         "give (open). Where two years, or NCE and Arena, are compared, the 95% "
                         "interval (Newcombe) is for the difference in percentage points, later "
                         "year minus earlier, NCE minus Arena; if it spans zero, the difference "
                         "is within what chance can give.",
    "claims_summary": "{holds} of {checkable} checkable claims hold with this file; {fails} do "
                      "not{on_choice}. The report's printed numbers alone settle {fixed} of the "
                      "claims, and {fixed_hold} of those hold here. For {chance} of {compared} "
                      "comparisons between two groups, the difference is within what chance can "
                      "give. {unchecked} claims cannot be checked with the data.",
    "claims_on_choice": ", {k} of them only because the numbers of answers this edition chose "
                        "decide where the report's printed numbers do not",
    "claims_columns": {"id": "No.", "section": "Section", "quote": "Wording",
                       "statement": "The claim", "shown": "In the data", "holds": "Holds",
                       "interval": "95% interval", "published": "Report's numbers"},
    "claim_outcomes": {"holds": "holds", "holds_chance": "holds, within chance",
                       "similar": "holds", "fails": "does not hold", "differs": "does not hold",
                       "fails_chosen": "does not hold with the numbers of answers this "
                                       "edition chose; the report's numbers do not settle it",
                       "not_computed": "not computed", "not_checkable": "not checkable"},
    "published_outcomes": {"holds": "holds", "fails": "does not hold", "open": "open", "": ""},
    "audit_columns": {
        "item": "Item", "wave": "Year", "response": "Answer", "provenance": "Source",
        "value": "Report", "admits": "Admits", "computed": "Computed", "n": "n",
        "verdict": "Verdict", "section": "Section", "quote": "Wording",
    },
    "provenance_names": {"table": "table", "text": "text", "assumed": "assumed"},
    "verdicts": {"reproduced": "agrees", "differs": "differs", "chosen": "chosen",
                 "report inconsistent": "report contradicts itself", "rounding": "rounding",
                 "not computed": "not computed"},
    "verdicts_data": {"reproduced": "same", "differs": "different", "chosen": "chosen",
                      "report inconsistent": "report contradicts itself", "rounding": "rounding",
                      "not computed": "not computed", "": ""},
    "summary_marker": "This edition's summary:",
    "omitted_marker": "Not reproduced here:",
    "about_lists": {"rebuilt": "Rebuilt from data:",
                    "summary": "Summarised in this edition's own words (the original's text is "
                               "not reproduced):",
                    "omitted": "Left out:"},
    "about_omitted_all": "Throughout: the original's own running text, its footnotes and the "
                         "images of its figures (the figures here are drawn anew from data).",
    "questionnaire_note": "Reconstructed: the original prints only the heading 'Vedlegg 2 "
                          "Spørreskjema', not the form. The questions and items below are those "
                          "this edition's codebook (data/codebook.csv) is built on, each with its "
                          "evidence; where the report gives no wording, it is inferred.",
    "questionnaire_question": "Question {number}",
    "questionnaire_unknown": "Unknown: the report shows no figure or table for this question, "
                             "and this edition does not reconstruct it.",
    "questionnaire_types": {"level": "An answer for each source: worse, unchanged or better.",
                            "tick": "Tick all that apply."},
    "questionnaire_figure": "Shown in Figure {figure}.",
    "questionnaire_caption": "Question {number}: the items and the evidence for them",
    "questionnaire_columns": ["Item", "Asked in", "Evidence"],
    "evidence_kinds": {},
    "original_account": "This chapter is the original report's account of the clusters in "
                        "2008–2010. It does not rest on the data file this report is built from.",
    "new_questions_intro": "The data file's own codebook has questions the original report did "
                           "not ask. Each has a figure of its own here, drawn and described as "
                           "the report's are.",
    "new_question_figure": "Figure for question {number}",
    "new_question_title": "Question {number}",
    "file_source": "(Data from the data file's surveys {waves}, question {number})",
    "table_3_1_file_title": "The managers' assessment of the financial crisis's effect on "
                            "access to capital, each survey of the data file",
    "new_question_empty": "Question {number} ({items}) has no answers in the data file, so it has "
                          "no figure.",
    "new_question_mixed": "Question {number} ({items}) mixes three-level answers and tick boxes, "
                          "which one figure cannot show, so it has no figure. Give them a "
                          "question number each in the codebook.",
    "table_titles": {
        "table-1": "Table 1 Technological revolutions and the development of paradigms 1770-2010 "
                   "(after C. Perez, 2002)",
        "table-2-1": "Table 2.1 The NCE projects",
        "table-2-2": "Table 2.2 The Arena projects",
        "table-v1": "Table V1 The NCE organisations in the survey",
        "table-v2": "Table V2 The Arena organisations in the survey",
    },
    "table_sources": {
        "table-1": "The report prints no source line under Table 1; its title and text refer to "
                   "Perez (2002), p. 57. The revolutions carry this edition's short names.",
        "table-2-1": "Kilde: www.nce.no, november 2010. (source line as printed)",
        "table-2-2": "Kilde: http://ekstranett.innovasjonnorge.no/templates/Page_Meta____56166.aspx "
                     "(source line as printed)",
        "table-v1": "The report prints no source line under Table V1. Names, regions and numbers as "
                    "printed; the cluster and theme columns summarise the appendix's longer "
                    "descriptions in this edition's words (in Norwegian).",
        "table-v2": "Kilde: http://ekstranett.innovasjonnorge.no/templates/Page_Meta____56166.aspx. "
                    "(source line as printed). Names, regions and numbers as printed; the cluster "
                    "and theme columns summarise the appendix's longer descriptions in this "
                    "edition's words (in Norwegian).",
    },
    "table_1_phase_headings": [("", 1), ("Installation", 2), ("", 1), ("Deployment", 2)],
    "table_1_columns": ["Technological revolution", "Irruption", "Frenzy",
                        "Turning point (bubble)", "Synergy", "Maturity"],
    "organisation_columns": ["Project", "Main region", "The cluster", "Theme"],
    "original_language_note": "The table's entries are the original's, in Norwegian; only its "
                              "title and column headings are translated.",
    "case_qualifiers": {"ca": "about", "om lag": "about", "rundt": "around", "omtrent": "about",
                        "vel": "just over", "drøye": "just over", "over": "over",
                        "minst": "at least", "i størrelsesorden": "in the order of"},
    "units": {"actors": "actors", "applications": "applications", "bhp": "bhp",
              "billion NOK": "NOK bn", "dwt": "dwt", "employed": "employed",
              "employees": "employees", "firms": "firms",
              "full-time equivalents": "full-time equivalents", "goals": "goals", "jobs": "jobs",
              "members": "members", "partners": "partners", "parts": "parts", "people": "people",
              "percent": "%", "projects": "projects",
              "times the NCE budget": "times the NCE budget", "years": "years"},
    "periods": {"half": "{ordinal} half of {year}", "quarter": "{ordinal} quarter of {year}",
                "autumn": "autumn {year}", "before autumn": "before autumn {year}"},
    "ordinals": {1: "first", 2: "second", 3: "third", 4: "fourth"},
    "partner_groups": {"Bedriftspartnere: bioteknologi": "Partner firms: biotechnology",
                       "Bedriftspartnere: legemidler": "Partner firms: pharmaceuticals",
                       "FoU-partnere": "R&D partners", "Verdikjeden": "The value chain",
                       "FoU": "R&D", "Generell aktør": "General actor", "Verft": "Shipyards",
                       "Leverandører og konsulenter (eksempler)":
                           "Suppliers and consultants (examples)",
                       "Redere": "Shipowners", "Havbruk": "Aquaculture", "Fiskefor": "Fish feed",
                       "Produksjonsutstyr og teknisk utstyr":
                           "Production and technical equipment"},
    "measures": {"firms": "firms", "industrial_firms": "industrial firms",
                 "employees": "employees", "turnover": "turnover", "export_share": "export share",
                 "actors": "actors", "export": "exports"},
    "fact_fields": {"contract_partner": "Contract partner", "start": "Start",
                    "target_group": "Target group", "goal": "Goals*", "work_areas": "Work areas*"},
    "fact_box": "Fact box {box}: {name}",
    "fact_box_note": "* Summarised in our own words; the original has the full wording.",
    "partners_box": "Fact box {box}: Partners in {name}",
    "partner_columns": ["Group", "Number", "Partners"],
    "case_numbers": "Numbers from section {section}",
    "fact_columns": ["Measure", "Year or period", "Value", "Unit"],
    "extra_figure": "Added figure",
    "approximate_legend": "approximate number in the text (about, in the order of)",
    "approximate_note": "Lighter, dotted bars that fade at the end: the text gives the number "
                        "only roughly.",
    "figure_data_summary": "The figure's numbers (table)",
    "data_caption": "The numbers of Figure {number}",
    "data_columns": {"item": "Item", "wave": "Year", "response": "Answer", "percent": "Share",
                     "count": "Count", "interval": "95% interval", "source": "Source"},
    "count_of": "{count} of {n}",
    "extra_figure_source": "(Drawn from numbers in the report's text, section {section}; not a "
                           "figure of the original report)",
    "provenance_intro": "What this report was built from: the code's version, a SHA-256 sum for "
                        "every input file, package versions and the parameters.",
    "provenance_fields": {"commit": "Git commit", "date": "Build date (SOURCE_DATE_EPOCH)",
                          "parameters": "Parameters", "uncommitted": "with uncommitted changes"},
    "provenance_columns": ["File", "SHA-256"],
    "provenance_inputs": "Inputs",
    "provenance_build": "The build",
    "key_value_columns": ["Field", "Content"],
    "provenance_packages": "Software",
    "package_columns": ["Package", "Version"],
    "response_rates_caption": "Answers and response rates: the report and the data file",
    "rates_columns": {"wave": "Year", "population": "Asked (report)",
                      "respondents": "Answers (report)", "printed": "Response rate (report)",
                      "file_population": "Asked (data file's description)",
                      "counted": "Answers (data file)", "computed": "Response rate (computed)",
                      "verdict": "Verdict"},
}

_EN["claim_verdicts_data"] = _EN["claim_verdicts"]
_STRINGS = {"nb": _NB, "en": _EN}

# Figures the report never drew, from numbers its chapter 4 text gives (data/report/case_facts.csv).
CASE_FIGURES = {
    "case-4-1": {
        "number": "T4.1", "section": "4.1",
        "bars": [("members", "2007", {"nb": "2007", "en": "2007"}),
                 ("members", "2010", {"nb": "2010", "en": "2010"})],
        "title": {"nb": "Medlemmer i Oslo Cancer Cluster", "en": "Members of Oslo Cancer Cluster"},
        "axis": {"nb": "Medlemmer", "en": "Members"},
        "alt": {"nb": "Liggende søyler: antall medlemmer i Oslo Cancer Cluster, 2007 og 2010.",
                "en": "Horizontal bars: members of Oslo Cancer Cluster, 2007 and 2010."},
    },
    "case-4-2": {
        "number": "T4.2", "section": "4.2",
        "bars": [("jobs in Raufoss industrial park", "2008H1",
                  {"nb": "1. halvår 2008", "en": "First half of 2008"}),
                 ("jobs in Raufoss industrial park", "2009Q3",
                  {"nb": "3. kvartal 2009", "en": "Third quarter of 2009"})],
        "title": {"nb": "Arbeidsplasser i Raufoss industripark før og under krisen",
                  "en": "Jobs in Raufoss industrial park before and during the crisis"},
        "axis": {"nb": "Arbeidsplasser", "en": "Jobs"},
        "alt": {"nb": "Liggende søyler: arbeidsplasser i Raufoss industripark, første halvår "
                      "2008 og tredje kvartal 2009.",
                "en": "Horizontal bars: jobs in Raufoss industrial park, first half of 2008 and "
                      "third quarter of 2009."},
    },
    "case-4-3": {
        "number": "T4.3", "section": "4.3",
        "bars": [("employment", "2003", {"nb": "2003 (sysselsatte)", "en": "2003 (employed)"}),
                 ("employment", "2009", {"nb": "2009 (sysselsatte)", "en": "2009 (employed)"}),
                 ("employment (full-time equivalents)", "2010",
                  {"nb": "2010 (årsverk)", "en": "2010 (full-time equivalents)"})],
        "title": {"nb": "Sysselsetting i den maritime klyngen på Møre, 2003–2010",
                  "en": "Employment in the maritime cluster of Møre, 2003–2010"},
        "axis": {"nb": "Sysselsatte / årsverk", "en": "Employed / full-time equivalents"},
        "alt": {"nb": "Liggende søyler: sysselsetting i NCE Maritimes klynge 2003, 2009 og 2010.",
                "en": "Horizontal bars: employment in NCE Maritime's cluster in 2003, 2009 and "
                      "2010."},
    },
    "case-4-4": {
        "number": "T4.4", "section": "4.4",
        "bars": [("turnover Skretting", "2009", {"nb": "Skretting", "en": "Skretting"}),
                 ("turnover Aker Seafoods", "2009", {"nb": "Aker Seafoods", "en": "Aker Seafoods"}),
                 ("turnover BioMar", "2009", {"nb": "BioMar", "en": "BioMar"}),
                 ("turnover Nova Sea; Mainstream; AKVA Group (each; lower bound)", "2009",
                  {"nb": "Nova Sea, Mainstream, AKVA Group (hver, spenn)",
                   "en": "Nova Sea, Mainstream, AKVA Group (each, range)"})],
        "range_to": "turnover Nova Sea; Mainstream; AKVA Group (each; upper bound)",
        "title": {"nb": "Omsetning i de største partnerbedriftene i NCE Aquaculture, 2009",
                  "en": "Turnover of NCE Aquaculture's largest partner companies, 2009"},
        "axis": {"nb": "Milliarder kroner", "en": "NOK billion"},
        "alt": {"nb": "Liggende søyler: omsetning i 2009 for de største partnerne i NCE "
                      "Aquaculture.",
                "en": "Horizontal bars: 2009 turnover of NCE Aquaculture's largest partners."},
    },
}


def strings(language: str) -> dict:
    return _STRINGS[language]


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
