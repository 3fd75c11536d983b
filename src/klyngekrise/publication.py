"""The report around the survey: title page, the original's every part, the appendices.

The original's parts, in its order, with this edition's summaries, come from
data/report/sections.yml; every number from data/report/ or data/published/; every other
sentence from the edition's gettext catalogues (``text.strings``).
"""

from __future__ import annotations

import json
import re
from functools import cache
from html import escape

import pandas as pd
import yaml

from klyngekrise import assumptions, html, paths
from klyngekrise.edition import Edition
from klyngekrise.io import load_codebook, load_front_matter, load_report_table
from klyngekrise.provenance import build_date, checksums, git_state, package_versions
from klyngekrise.text import CASE_FIGURES, number, strings

CASES = {"4.1": "Oslo Cancer Cluster", "4.2": "NCE Raufoss", "4.3": "NCE Maritime",
         "4.4": "NCE Aquaculture"}
FACT_BOXES = {"4.1": ("4.1", "4.2"), "4.2": ("4.3", "4.4"), "4.3": ("4.5", "4.6"),
              "4.4": ("4.7", "4.8")}


SECTIONS_FILE = paths.DATA_DIR / "report" / "sections.yml"
# The title page's facts after the title and subtitle (front_matter.yml), in order.
TITLE_PAGE_FIELDS = ("authors", "report_number", "year", "date", "isbn", "issn", "institution")
# Chapters whose fixed text is the original report's account of 2008-2010.
ORIGINALS_ACCOUNT = ("1", "2", "4", "5")


@cache
def load_sections() -> tuple[dict, ...]:
    """The original report's parts in its order (data/report/sections.yml)."""
    entries = yaml.safe_load(SECTIONS_FILE.read_text(encoding="utf-8"))
    keys = [e["key"] for e in entries]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{SECTIONS_FILE}: a key is listed twice")
    return tuple(entries)


def _in(value, language: str) -> str:
    """A field that is one text for both editions, or one per edition."""
    return value[language] if isinstance(value, dict) else str(value)


def section_title(entry: dict, language: str) -> str:
    number = _in(entry.get("number", ""), language)
    return f"{number} {entry['heading'][language]}".strip()


def section_anchor(key: str) -> str:
    return "kap-" + key.replace(".", "-")


def original_section(key: str, language: str) -> str:
    """One part of the original: its number and heading as printed (nb) or translated (en),
    this edition's summary of it, and a note of what the edition leaves out."""
    entry = next(e for e in load_sections() if e["key"] == key)
    w = strings(language)
    parts = [html.heading(entry["level"], section_anchor(key), section_title(entry, language))]
    if "summary" in entry:
        parts.append(f'<p class="edition-summary"><span class="marker">{escape(w["summary_marker"])}'
                     f"</span> {escape(entry['summary'][language])}</p>")
    if "omitted" in entry and entry["level"] == 2:
        parts.append(f'<p class="omitted-note"><span class="marker">{escape(w["omitted_marker"])}'
                     f"</span> {escape(entry['omitted'][language])}</p>")
    return "".join(parts)


# The case studies' words for a number given only roughly ("ca. 60"): drawn as approximate.
APPROXIMATE = {"ca", "om lag", "rundt", "omtrent", "i størrelsesorden"}


class Publication(Edition):
    # -- front matter ---------------------------------------------------------------------
    def title_page(self, front_matter=None) -> str:
        """Title, subtitle and the report's facts, from front_matter.yml (the analyst's own
        file; as shipped, the original's): in another edition, the Norwegian title as the
        original title when it differs."""
        w = self.words
        given = [front_matter] if front_matter else []
        front = load_front_matter(self.language, *given)
        rows = "".join(f"<dt>{escape(w['title_fields'][key])}</dt><dd>{escape(front[key])}</dd>"
                       for key in TITLE_PAGE_FIELDS if front[key])
        original = ""
        if self.language != "nb":
            nb_title = load_front_matter("nb", *given)["title"]
            if nb_title != front["title"]:
                original = f"<dt>{escape(w['original_title'])}</dt><dd>{escape(nb_title)}</dd>"
        shown = front["subtitle"]
        if not self.data.is_original and shown == w["subtitle"]:  # the shipped one names the
            shown = w["subtitle_data"]                         # reconstruction: not this file
        subtitle = f'<p class="subtitle">{escape(shown)}</p>' if shown else ""
        return (f'<header class="title-page">{html.heading(1, "title", front["title"])}'
                f'{subtitle}<dl>{original}{rows}</dl></header>')

    def about_edition(self) -> str:
        w = self.words
        links = (f'<p><a href="#kap-assumptions">{escape(w["sections"]["assumptions"])}</a> · '
                 f'<a href="#kap-audit">{escape(w["sections"]["audit"])}</a> · '
                 f'<a href="#kap-provenance">{escape(w["sections"]["provenance"])}</a></p>')
        # Another file: its own first paragraph, and nothing of the reconstruction's hatching.
        text = (w["about_text"] if self.data.is_original
                else [w["about_data"], *w["about_text"][1:2]])
        data_file = w["about_file"].format(file=self.data.shown_path,
                                           digest=self.data.file_sha256)
        return (self.heading("about", level=2) + html.paragraph(text[0], data_file)
                + "".join(html.paragraph(p) for p in text[1:]) + self.contents_of_edition()
                + links)

    def contents_of_edition(self) -> str:
        """What of the original this edition rebuilds, summarises and leaves out, part by part
        (from data/report/sections.yml)."""
        w, lang = self.words, self.language

        def link(entry):
            return (f'<a href="#{section_anchor(entry["key"])}">'
                    f"{escape(section_title(entry, lang))}</a>")

        groups = {"rebuilt": [], "summary": [], "omitted": []}
        for entry in load_sections():
            for kind in groups:
                if kind in entry:
                    detail = "" if kind == "summary" else f": {escape(_in(entry[kind], lang))}"
                    groups[kind].append(f"<li>{link(entry)}{detail}</li>")
        groups["omitted"].append(f"<li>{escape(w['about_omitted_all'])}</li>")
        summarised = ", ".join(item[4:-5] for item in groups.pop("summary"))
        return (f'<p class="about-list-head">{escape(w["about_lists"]["rebuilt"])}</p>'
                f'<ul class="about-list">{"".join(groups["rebuilt"])}</ul>'
                f'<p class="about-list-head">{escape(w["about_lists"]["summary"])}</p>'
                f'<p class="about-inline">{summarised}</p>'
                f'<p class="about-list-head">{escape(w["about_lists"]["omitted"])}</p>'
                f'<ul class="about-list">{"".join(groups["omitted"])}</ul>')

    def section(self, key: str) -> str:
        """One part of the original, as ``original_section`` gives it. Chapters 1, 2, 4 and 5,
        the original's account of 2008-2010, say so when the report is built from another
        respondent file than the shipped one."""
        text = original_section(key, self.language)
        if key in ORIGINALS_ACCOUNT and not self.data.is_original:
            text += (f'<p class="provenance-note original-account">'
                     f'{escape(self.words["original_account"])}</p>')
        return text

    def sections(self, *keys: str) -> str:
        return "".join(self.section(k) for k in keys)

    def summary(self, chapter: str) -> str:
        """A chapter and its sections, each with this edition's summary."""
        keys = [e["key"] for e in load_sections()
                if e["key"] == chapter or e["key"].startswith(chapter + ".")]
        return self.sections(*keys)

    # -- Vedlegg 2: the questionnaire, reconstructed --------------------------------------
    def questionnaire(self) -> str:
        """Appendix 2 as this edition reconstructs it from data/codebook.csv: each question's
        text and items, with the evidence for each item. The original prints only the heading."""
        w, lang = self.words, self.language
        codebook = load_codebook()
        questions = codebook[codebook["question"] != ""]
        parts = [self.section("vedlegg-2"),
                 f'<p class="reconstructed-note">{escape(w["questionnaire_note"])}</p>']
        numbers = sorted({int(q[1:]) for q in questions["question"]})
        for q in range(1, max(numbers) + 1):
            rows = questions[questions["question"] == f"q{q}"]
            title = w["questionnaire_question"].format(number=q)
            if rows.empty:
                parts.append(f"<h3 class=\"question\" id=\"vedlegg-2-q{q}\">{escape(title)}</h3>"
                             + html.paragraph(w["questionnaire_unknown"]))
                continue
            first = rows.iloc[0]
            kind = w["questionnaire_types"][first["type"]]
            shown = pd.DataFrame({
                w["questionnaire_columns"][0]: rows[f"label_{lang}"],
                w["questionnaire_columns"][1]: rows["waves"].str.replace(";", ", "),
                w["questionnaire_columns"][2]: [self._evidence(e) for e in rows["evidence"]],
            })
            figure = w["questionnaire_figure"].format(figure=first["figure"].replace("Tabell",
                                                                                     w["table"]))
            parts.append(f"<h3 class=\"question\" id=\"vedlegg-2-q{q}\">{escape(title)}: "
                         f"{escape(first[f'question_{lang}'])}</h3>"
                         + html.paragraph(kind, figure)
                         + html.table(shown, caption=w["questionnaire_caption"].format(
                             number=q), classes="text-table questionnaire",
                             row_headers=True))
        return "".join(parts)

    def _evidence(self, evidence: str) -> str:
        """The codebook's evidence for an item; in the nb edition its kind, sections and the
        report's own words, since the codebook writes its evidence in English."""
        if self.language == "en":
            return evidence
        kind = evidence.split(":", 1)[0]
        sections = ", ".join(dict.fromkeys(re.findall(r"§\d(?:\.\d)?", evidence)))
        quotes = "; ".join(f"«{q}»" for q in re.findall(r"(?<!\w)'([^']+)'(?!\w)", evidence))
        parts = [self.words["evidence_kinds"].get(kind, kind)]
        if sections:
            parts.append(sections)
        text = ", ".join(parts)
        return f"{text}: {quotes}" if quotes else text

    # -- tables from data/report ----------------------------------------------------------
    def table_1(self) -> str:
        """Table 1 as printed: its full title, and the phases grouped under their headings."""
        frame = load_report_table("technological_revolutions")
        w = self.words
        shown = frame[[f"revolution_{self.language}", "irruption", "frenzy", "turning_point",
                       "synergy", "maturity"]]
        shown.columns = w["table_1_columns"]
        return self._table(shown, "table-1", w["table_titles"]["table-1"],
                           w["table_sources"]["table-1"], frame,
                           header_groups=w["table_1_phase_headings"])

    def organisations(self, key: str) -> str:
        """Table 2.1 or 2.2 (chapter 2), or the appendix's own Table V1 or V2."""
        w = self.words
        if key.startswith("table-2"):
            programme = "NCE" if key == "table-2-1" else "Arena"
            frame = load_report_table("cluster_organisations")
            frame = frame[frame["programme"] == programme]
        else:
            frame = load_report_table("appendix_organisations")
            frame = frame[frame["table"] == ("V1" if key == "table-v1" else "V2")]
        shown = frame[["name", "region", "characteristics", "theme"]]
        shown.columns = w["organisation_columns"]
        return self._table(shown, key, w["table_titles"][key], w["table_sources"][key], frame)

    def _table(self, shown: pd.DataFrame, key: str, title: str, source: str,
               data: pd.DataFrame, header_groups=None) -> str:
        csv_text = self.write_csv(data, key)
        note = self.words["original_language_note"] if self.language != "nb" else ""
        return (html.table(shown.astype(str), caption=title, anchor=key, classes="text-table",
                           header_groups=header_groups, row_headers=True)
                + f'<p class="provenance-note">{escape(source)} {escape(note)} '
                + html.download_link(csv_text, f"{key}.csv", self.words["download_table_csv"])
                + "</p>")

    # -- chapter 4 ------------------------------------------------------------------------
    def case(self, section: str) -> str:
        """One case: its fact box, its partners, its numbers and a figure drawn from them."""
        name = CASES[section]
        facts = load_report_table("case_facts")
        facts = facts[facts["case"] == name]
        box, partners_box = FACT_BOXES[section]
        parts = [self.section(section), self._fact_box(box, name), self._partners(partners_box, name),
                 self._case_numbers(section, facts)]
        key = next(k for k, spec in CASE_FIGURES.items() if spec["section"] == section)
        parts.append(self._case_figure(key, facts))
        return "".join(parts)

    def _fact_box(self, box: str, name: str) -> str:
        rows = load_report_table("fact_boxes")
        rows = rows[rows["box"].astype(str) == box]
        w = self.words
        shown = pd.DataFrame({w["key_value_columns"][0]: rows["field"].map(w["fact_fields"]),
                              w["key_value_columns"][1]: rows[f"value_{self.language}"]})
        caption = w["fact_box"].format(box=box, name=name)
        return (html.table(shown, caption=caption, anchor=f"box-{box.replace('.', '-')}",
                           classes="text-table fact-box", row_headers=True)
                + f'<p class="provenance-note">{escape(w["fact_box_note"])}</p>')

    def _partners(self, box: str, name: str) -> str:
        rows = load_report_table("case_partners")
        rows = rows[rows["box"].astype(str) == box]
        w = self.words
        grouped = rows.groupby("group", sort=False)["partner"].agg(list)
        groups = [w["partner_groups"].get(g, g) for g in grouped.index]
        shown = pd.DataFrame({w["partner_columns"][0]: groups,
                              w["partner_columns"][1]: [len(v) for v in grouped],
                              w["partner_columns"][2]: ["; ".join(v) for v in grouped]})
        caption = w["partners_box"].format(box=box, name=name)
        return html.table(shown.astype(str), caption=caption,
                          anchor=f"box-{box.replace('.', '-')}", classes="text-table partners",
                          row_headers=True)

    def _case_numbers(self, section: str, facts: pd.DataFrame) -> str:
        w = self.words
        shown = pd.DataFrame({
            w["fact_columns"][0]: facts["measure"] if self.language == "en" else facts["quote"],
            w["fact_columns"][1]: facts["period"].fillna("").map(self._period),
            w["fact_columns"][2]: [self._qualified(v, q) for v, q in
                                   zip(facts["value"], facts["qualifier"], strict=True)],
            w["fact_columns"][3]: facts["unit"].map(lambda u: w["units"].get(u, u)),
        })
        key = f"case-facts-{section.replace('.', '-')}"
        csv_text = self.write_csv(facts, key)
        return (html.table(shown.astype(str), caption=w["case_numbers"].format(section=section),
                           classes="text-table", row_headers=True)
                + "<p>" + html.download_link(csv_text, f"{key}.csv", w["download_table_csv"])
                + "</p>")

    def _period(self, period: str) -> str:
        """A period of case_facts.csv in the edition's words: 2008H1 -> '1. halvår 2008',
        2009Q3 -> '3. kvartal 2009', 2003-2009 -> '2003–2009'."""
        if "-" in period:
            return "–".join(self._period(p) for p in period.split("-"))
        forms = self.words["periods"]
        ordinals = self.words["ordinals"]
        if match := re.fullmatch(r"(\d{4})([HQ])(\d)", period):
            year, kind, n = match[1], match[2], int(match[3])
            return forms["half" if kind == "H" else "quarter"].format(
                n=n, ordinal=ordinals.get(n, n), year=year)
        if match := re.fullmatch(r"(before autumn|autumn) (\d{4})", period):
            return forms[match[1]].format(year=match[2])
        return period

    def _qualified(self, value, qualifier, upper=None) -> str:
        """A case number as the report qualifies it: 'ca. 60', 'over 10', 'vel 3 900'."""
        shown = number(float(value), self.language)
        if upper is not None:
            shown += "–" + number(float(upper), self.language)
        has_word = isinstance(qualifier, str) and qualifier
        word = self.words["case_qualifiers"][qualifier] if has_word else ""
        return f"{word} {shown}".strip()

    def _case_figure(self, key: str, facts: pd.DataFrame) -> str:
        from klyngekrise import plotting  # matplotlib only in the notebook that draws

        spec, w, lang = CASE_FIGURES[key], self.words, self.language
        words = w["case_figures"][key]
        rows = []
        for (measure, period), label in zip(spec["bars"], words["bars"], strict=True):
            match = facts[(facts["measure"] == measure) & (facts["period"].astype(str) == period)]
            if len(match) != 1:
                raise ValueError(f"{key}: data/report/case_facts.csv has {len(match)} rows "
                                 f"for {measure!r} in {period!r}; expected 1")
            rows.append({"label": label, **match.iloc[0].to_dict()})
        data = pd.DataFrame(rows)
        low = data["value"].astype(float)
        high = None
        if "range_to" in spec:
            upper = facts[facts["measure"] == spec["range_to"]]["value"].astype(float)
            high = low.copy()
            high.iloc[-1] = float(upper.iloc[0])
        texts = [self._qualified(v, q, None if high is None or i < len(data) - 1
                                 else high.iloc[-1])
                 for i, (v, q) in enumerate(zip(low, data["qualifier"], strict=True))]
        rough = [isinstance(q, str) and q in APPROXIMATE for q in data["qualifier"]]
        fig = plotting.draw_values(list(data["label"]), list(low), texts,
                                   words["axis"], None if high is None else list(high),
                                   approximate=rough, language=lang,
                                   approximate_label=w["approximate_legend"])
        notes = [w["approximate_note"]] if any(rough) else []
        written = plotting.save(fig, self.figures_dir / key, self.params["figure_formats"])
        csv_text = self.write_csv(data[["label", "case", "section", "measure", "period",
                                        "qualifier", "value", "unit", "quote"]], key)
        image, mime = html.figure_image(written)
        links = assumptions.links_html(assumptions.used_by(key), w["assumption_links"])
        return html.figure(key, f"{w['extra_figure']} {spec['number']}", words["title"],
                           w["extra_figure_source"].format(section=spec["section"]),
                           image, words["alt"], notes,
                           html.download_link(csv_text, f"{key}.csv", w["download_csv"]), links,
                           mime=mime)

    # -- the assumption register ------------------------------------------------------------
    def assumptions(self) -> str:
        """The register A1-A23 (docs/assumptions.yml) as a section; figures link to its rows."""
        w = self.words
        return assumptions.section_html(self.language, w["sections"]["assumptions"],
                                        w["assumptions_columns"], w["assumptions_caption"],
                                        original=self.data.is_original)

    # -- provenance -----------------------------------------------------------------------
    def provenance(self) -> str:
        """Commit, input checksums, package versions, parameters, and a reproducible date."""
        w = self.words
        sums = checksums(self.params["data_path"])
        table = pd.DataFrame(sums, columns=w["provenance_columns"])
        packages = pd.DataFrame(package_versions(), columns=w["package_columns"])
        commit, changed = git_state(paths.work_dir(self.params["build_dir"], self.language,
                                                   self.params["programme"]) / paths.GIT_STATE)
        shown_params = {k: v for k, v in self.params.items() if k != "build_dir"}
        facts = pd.DataFrame({w["key_value_columns"][0]: [w["provenance_fields"]["commit"],
                                   w["provenance_fields"]["date"],
                                   w["provenance_fields"]["parameters"]],
                              w["key_value_columns"][1]: [
                                  commit + (f" ({w['provenance_fields']['uncommitted']})"
                                            if changed else ""), build_date(),
                                    json.dumps(shown_params, ensure_ascii=False, sort_keys=True)]})
        return (self.heading("provenance", level=2) + html.paragraph(w["provenance_intro"])
                + html.table(facts, caption=w["provenance_build"], anchor="provenance-build",
                             classes="text-table", row_headers=True)
                + html.table(table, caption=w["provenance_inputs"], anchor="provenance-inputs",
                             classes="text-table checksums", row_headers=True)
                + html.table(packages, caption=w["provenance_packages"],
                             anchor="provenance-packages", classes="text-table", row_headers=True))

