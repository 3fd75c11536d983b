"""Chapter 3 as the report shows it: save each figure and its CSV, return its HTML and prose.

The survey notebooks compute each tidy table (``klyngekrise.survey``) and draw each figure
(seaborn and ``klyngekrise.style``) where the reader sees them, then hand both to ``Survey``.
The benchmark's one-process limit calls the same methods without Jupyter, with tables and
figures made by ``Survey.draw``, that is by the notebooks' own calls.
"""

from __future__ import annotations

import math
import re
from functools import cached_property
from html import escape

import pandas as pd

from klyngekrise import assumptions, findings, html, original, paths, survey
from klyngekrise.edition import Edition
from klyngekrise.errors import InputError
from klyngekrise.io import LEVELS, items, load_published, load_response_rates
from klyngekrise.params import check
from klyngekrise.processing import audit, audit_response_rates, changes, table_3_1
from klyngekrise.statements import check_claims, load_claims
from klyngekrise.text import FIGURES, FigureSpec, number, percent, strings, whole

AUDIT_KEY = "audit"
CHANGES_KEY = "changes"
CLAIMS_KEY = "audit-claims"
RATES_AUDIT_KEY = "audit-response-rates"
TABLE_KEY = "table-3-1"
REPORT_WAVES = (2009, 2010)  # the 2010 report's two surveys


class Survey(Edition):
    """One build's view of the survey: an edition plus its respondents."""

    def __init__(self, params: dict, figures_dir, words: dict, responses: pd.DataFrame):
        super().__init__(params, figures_dir, words)
        self.responses = responses

    @classmethod
    def from_parameters(cls, answers: pd.DataFrame | None = None, **given) -> Survey:
        """Check the parameters; load the respondents unless given (``survey.load``)."""
        params = check(given, source="notebook parameters")
        if answers is None:
            answers = survey.load(params["data_path"], params["programme"])
        return cls(params, cls._figures_dir(params), strings(params["language"]), answers)

    def item_labels(self, question: str | None = None) -> dict[str, str]:
        """Item labels in the edition's language: one question's, or every item's (with the
        respondent file's own extra items)."""
        return survey.labels(question, self.language, self.params["data_path"])

    # -- computing ------------------------------------------------------------------------
    @property
    def waves(self) -> tuple[int, ...]:
        """The waves of this build's respondent file, in order."""
        return survey.waves(self.responses)

    @property
    def spoken_waves(self) -> tuple[int, ...]:
        """The waves the text speaks of: the file's own, and the report's two where the file
        shares one of them (so that a report wave without rows is said to have no data)."""
        own = set(self.waves)
        return tuple(sorted(own | set(REPORT_WAVES) if own & set(REPORT_WAVES) else own))

    def results(self, question: str, waves: tuple[int, ...] | None = None) -> pd.DataFrame:
        """One question's tidy table, as ``survey.shares`` gives it (every wave by default)."""
        return survey.shares(self.responses, question, waves, self.language,
                             self.params["data_path"])

    # -- sections -------------------------------------------------------------------------
    @cached_property
    def data(self) -> original.About:
        """The respondent file this build reads: the record ``survey.load`` made of it."""
        return survey.about(self.responses)

    def survey_intro(self) -> str:
        """Who answered in each wave; a response rate only from the file's own populations."""
        w, about, whole_file = self.words, self.data, self.params["programme"] == "all"
        lead = (w["survey_intro"] if about.is_original
                else w["survey_intro_data"].format(file=about.shown_path))
        answered = self.responses.groupby("wave")["respondent_id"].nunique().to_dict()
        populations = about.populations if whole_file else {}
        printed = {}
        if about.is_original:  # the report's printed rates belong to the reconstruction only
            printed = load_response_rates().set_index("wave")["response_rate_percent"].to_dict()
        waves = findings.response_sentences(answered, populations, printed, w, self.language,
                                            original=about.is_original, waves=self.spoken_waves)
        extra = []
        if not whole_file:
            extra = [w["survey_intro_programme"].format(programme=self.params["programme"]),
                     w["programme_no_rate"]]
        elif not about.populations:
            extra = [w["no_populations"].format(
                name=paths.dataset_description(about.data_path or "NAME.csv").name)]
        return html.paragraph(lead, *waves, *extra)

    # -- figures --------------------------------------------------------------------------
    def draw(self, key: str):
        """One report figure's tidy table and drawing, made as its notebook section makes them
        (``survey.shares``, then ``plotting.draw_waves`` or ``draw_stacked``): the benchmark and
        the tests draw through the notebooks' own calls. Returns (table, fig)."""
        from klyngekrise import plotting  # matplotlib only where a figure is drawn

        spec = self._spec(key)
        stacked = spec.kind == "stacked"
        table = self.results(spec.question, self.waves[-1:] if stacked else None)
        draw = plotting.draw_stacked if stacked else plotting.draw_waves
        return table, draw(table, language=self.language, intervals=self.params["draw_intervals"])

    def figure(self, key: str, table: pd.DataFrame, fig, caption: str | None = None,
               prose: str | None = None) -> str:
        """Save a figure as the report shows it: <key>.png (and the other formats) from
        ``fig``, <key>.csv from its tidy ``table``; return its HTML (image, caption, notes,
        download) and prose.

        A report figure's key (fig-3-1 ... fig-3-8) brings its number, title, source and
        prose, and its table must hold that figure's question. Any other key is a figure of
        your own: give its ``caption`` (and, if you like, ``prose``). The note on intervals
        appears only if the figure has whiskers.
        """
        from matplotlib.container import ErrorbarContainer
        from matplotlib.figure import Figure

        from klyngekrise import plotting

        call = f"report.figure({key!r}, table, fig)"
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
            raise InputError(f"{call}: a key names the figure's files; use lower-case letters, "
                             "digits and '-' (e.g. 'fig-q2-by-programme')")
        if not isinstance(table, pd.DataFrame) or not isinstance(fig, Figure):
            raise InputError(f"{call}: expected the tidy table (a DataFrame), then the figure "
                             f"(matplotlib's); got {type(table).__name__}, {type(fig).__name__}")
        spec = self._spec(key)
        if spec is None and not caption:
            raise InputError(f"{call}: {key!r} is a figure of your own (the report's are "
                             f"{', '.join(FIGURES)}), so it needs its caption: "
                             f"report.figure({key!r}, table, fig, caption=\"...\")")
        labels = {}
        if spec is not None:
            labels = self.item_labels(spec.question)
            self._check_belongs(key, spec, table, labels)
        columns = survey.CSV_COLUMNS if spec is not None else list(table.columns)
        csv_text = self.write_csv(table[columns], key)
        intervals = any(isinstance(c, ErrorbarContainer) for ax in fig.axes for c in ax.containers)
        written = plotting.save(fig, self.figures_dir / key, self.params["figure_formats"])
        if spec is None:
            return (self._own_figure_html(key, caption, table, intervals, written, csv_text)
                    + (html.paragraph(prose) if prose else ""))
        sentences = (self._stacked_prose(table, labels) if spec.kind == "stacked"
                     else self._waves_prose(table, labels))
        return (self._figure_html(key, spec.kind, table, labels, written, csv_text, intervals,
                                  caption)
                + html.paragraph(self._about(key, table), *self.claim_sentences(key))
                + html.paragraph(*sentences, prose or ""))

    def _about(self, key: str, table: pd.DataFrame) -> str:
        """What a report figure's question asked, of the waves its table holds: "høsten 2010"
        is the shipped file's last wave; another file's is "i <wave>"."""
        w = self.words
        waves = sorted(set(table["wave"]))
        if key in w["about_2009_2010"] and {2009, 2010} <= set(waves):
            return w["about_2009_2010"][key]
        when = findings.wave_when(waves[-1] if waves else None, w, self.data.is_original)
        return w["about"].get(key, "").format(when=when)

    def _spec(self, key: str) -> FigureSpec | None:
        """A report figure's spec; for fig-qN, where qN is a question of the file's own
        codebook that the report lacks, that question's (stacked if its items have three
        levels); else None (a figure of one's own)."""
        if key in FIGURES:
            return FIGURES[key]
        question = key.removeprefix("fig-")
        if question in {spec.question for spec in FIGURES.values()}:
            return None
        book = items(question, data_path=self.params["data_path"])
        if book.empty or not re.fullmatch(r"q\d+", question):
            return None
        return FigureSpec(key, question.removeprefix("q"), question,
                          "stacked" if set(book["type"]) == {"level"} else "waves")

    def _caption(self, key: str) -> tuple[str, str, str]:
        """A figure's number, title and source line, as printed; a new question's from its
        codebook (its question text in the edition's language)."""
        w = self.words
        spec = self._spec(key)
        if key in FIGURES:
            return (f"{w['figure']} {spec.number}", w["titles"][key],
                    self._source(key, spec.question))
        book = items(spec.question, data_path=self.params["data_path"])
        texts = [t for t in book.get(f"question_{self.language}", pd.Series(dtype=str)) if t]
        title = texts[0] if texts else w["new_question_title"].format(number=spec.number)
        return (w["new_question_figure"].format(number=spec.number), title,
                self._source(key, spec.question))

    def _source(self, key: str, question: str) -> str:
        """The source line: the report's own for the shipped file; for another, the waves the
        file holds and the question's number."""
        w = self.words
        if key in w["sources"] and self.data.is_original:
            return w["sources"][key]
        return w["file_source"].format(waves=findings.join_words(list(map(str, self.waves)), w),
                                       number=question.removeprefix("q"))

    # -- questions of the file beyond the report's ------------------------------------------
    def new_questions(self) -> str:
        """A section after the survey chapter with a figure for each question of the file's
        own codebook that the report does not have, computed and drawn as the report's
        (``draw``: waves side by side; a three-level question stacked, latest wave), with its
        CSV, question text and prose; or one line saying why it cannot be drawn. Empty for the
        shipped codebook."""
        known = {spec.question for spec in FIGURES.values()}
        book = items(data_path=self.params["data_path"])
        questions = [q for q in dict.fromkeys(book["question"]) if q not in known]
        if not questions:
            return ""
        w = self.words
        parts = [self.heading("new_questions", level=2), html.paragraph(w["new_questions_intro"])]
        for question in questions:
            own = book[book["question"] == question]
            number = question.removeprefix("q")
            names = ", ".join(own.index)
            if set(own["type"]) == {"level", "tick"}:
                parts.append(html.paragraph(w["new_question_mixed"].format(number=number,
                                                                          items=names)))
            elif self.results(question).empty:
                parts.append(html.paragraph(w["new_question_empty"].format(number=number,
                                                                          items=names)))
            else:
                parts.append(self.figure(f"fig-{question}", *self.draw(f"fig-{question}")))
        return "".join(parts)

    def _check_belongs(self, key: str, spec, table: pd.DataFrame, labels: dict) -> None:
        """A report figure's table holds its question's items: a table left over from another
        section (the same name reused) stops here, naming both."""
        found = list(dict.fromkeys(table["item"])) if "item" in table else []
        strangers = [item for item in found if item not in labels]
        if found and not strangers:
            return
        shown = ", ".join(strangers[:3]) + (", ..." if len(strangers) > 3 else "")
        raise InputError(
            f"report.figure({key!r}, table, fig): Figure {spec.number} shows question "
            f"{spec.question}, but the table holds {'no items' if not found else shown}"
            f"; was it computed in another section? Compute this figure's table here: "
            f"survey.shares(answers, {spec.question!r}, ...)")

    def _figure_html(self, key, kind, data, labels, written, csv_text, intervals,
                     caption) -> str:
        w = self.words
        notes = []
        if kind == "waves":
            answered_waves = set(self.responses["wave"])
            for wave in self.spoken_waves:
                if wave not in answered_waves:  # no rows at all: no data, not "not asked"
                    notes.append(w["wave_no_data"].format(wave=wave))
                    continue
                for item, name in labels.items():
                    if data[(data["item"] == item) & (data["wave"] == wave)].empty:
                        # The original's questionnaire is known for its file alone.
                        missing = "not_asked" if self.data.is_original else "no_answers"
                        notes.append(w[missing].format(label=name, wave=wave))
        if (data["provenance"] == "assumed").any():
            notes.append(w["assumed_note"])
        if kind == "waves":  # another file's n are its own: only the shipped one's are chosen
            notes.append(w["n_note"] + (" " + w["n_chosen_note"] if self.data.is_original else ""))
        if intervals:
            notes.append(w["interval_note_stacked" if kind == "stacked" else "interval_note"])
        links = assumptions.links_html(self._assumptions_of(key, data), w["assumption_links"])
        number, title, source = self._caption(key)
        title = (caption or title) + w["programme_suffix"][self.params["programme"]]
        alt = self._alt_text(key, kind, data, labels, title)
        image, mime = html.figure_image(written)
        return html.figure(key, number, title, source, image, alt, notes,
                           html.download_link(csv_text, f"{key}.csv", w["download_csv"]), links,
                           mime=mime, data_table=self._data_table(key, kind, data, labels),
                           data_summary=w["figure_data_summary"])

    def _alt_text(self, key: str, kind: str, data: pd.DataFrame, labels: dict[str, str],
                  title: str) -> str:
        """The figure's topic and its main result: the largest share per wave (all of them,
        where several tie), with a chosen value said to be chosen."""
        w, lang = self.words, self.language
        waves = sorted(data["wave"].unique())

        def top(rows: pd.DataFrame, template: str, **fields) -> str:
            if rows.empty:
                return ""
            best = rows[rows["percent"] == rows["percent"].max()]
            items = f" {w['and']} ".join(w["quoted"].format(label=labels[i])
                                         for i in best["item"])
            chosen = w["alt_chosen"] if (best["provenance"] == "assumed").any() else ""
            return template.format(item=items, pct=percent(best["percent"].iloc[0], lang),
                                   chosen=chosen, **fields)

        if kind == "stacked":
            results = top(data[data["response"] == "forverret"], w["alt_stacked_top"])
            return w["alt_stacked"].format(number=self._spec(key).number, title=title,
                                           wave=waves[-1], results=results)
        results = "".join(top(data[data["wave"] == wave], w["alt_waves_top"], wave=wave)
                          for wave in waves)
        waves_text = findings.join_words([str(wave) for wave in waves], w)
        return w["alt_waves"].format(number=self._spec(key).number, title=title, waves=waves_text,
                                     results=results)

    def _data_table(self, key: str, kind: str, data: pd.DataFrame,
                    labels: dict[str, str]) -> str:
        """The figure's numbers as a table: for a reader who cannot see the image, and for
        every reader who wants the values, counts and intervals."""
        w, lang = self.words, self.language
        columns = w["data_columns"]
        basis = data["basis"] if "basis" in data else pd.Series("", index=data.index)
        source = [w["basis_legend"][b] if b else w["provenance_names"].get(p, p or "")
                  for p, b in zip(data["provenance"].fillna(""), basis.fillna(""), strict=True)]
        second = (data["response"].map(w["levels"]) if kind == "stacked"
                  else data["wave"].astype(str))
        shown = pd.DataFrame({
            columns["item"]: data["item"].map(labels),
            columns["response" if kind == "stacked" else "wave"]: second,
            columns["percent"]: data["percent"].map(lambda v: percent(v, lang)),
            columns["count"]: [w["count_of"].format(count=c, n=n)
                               for c, n in zip(data["count"], data["n"], strict=True)],
            columns["interval"]: [w["interval_range"].format(low=percent(lo, lang),
                                                             high=percent(hi, lang))
                                  for lo, hi in zip(data["ci_low"], data["ci_high"],
                                                    strict=True)],
            columns["source"]: source,
        })
        caption = w["data_caption"].format(number=self._spec(key).number)
        return html.table(shown, caption=caption, classes="figure-data-table",
                          row_headers=True)

    def _assumptions_of(self, key: str, data: pd.DataFrame) -> list[str]:
        """The register's assumptions a figure or table of the shipped reconstruction rests on:
        those naming it, and those of its chosen values. Another file's figures rest on the
        file's own answers; only the tick-box rule and the intervals' reading apply."""
        if not self.data.is_original:
            any_file = set(assumptions.for_any_file())
            return [i for i in assumptions.used_by(key) if i in any_file]
        ids = set(assumptions.used_by(key))
        if "assumption" in data:
            ids |= {i for cell in data["assumption"] if cell for i in cell.split(";")}
        return [e["id"] for e in assumptions.entries() if e["id"] in ids]

    def _own_figure_html(self, key, caption, data, intervals, written, csv_text) -> str:
        w = self.words
        image, mime = html.figure_image(written)  # the SVG, as the report's own figures
        notes = []
        if "provenance" in data and (data["provenance"] == "assumed").any():
            notes.append(w["assumed_note"])
        if intervals:
            notes.append(w["interval_note"])
        return html.figure(key, "", caption, "", image, caption, notes,
                           html.download_link(csv_text, f"{key}.csv", w["download_csv"]),
                           mime=mime)

    @cached_property
    def checked_claims(self) -> pd.DataFrame:
        """The 2010 report's claims (data/published/claims.csv), checked on these answers."""
        return check_claims(load_claims(), self.responses, load_published())

    @property
    def speaks_for_original(self) -> bool:
        """Whether the report's statements are this file's own: the whole reconstruction."""
        return self.data.is_original and self.params["programme"] == "all"

    def claim_sentences(self, key: str) -> list[str]:
        """What the 2010 report said of figure ``key``, and whether these answers bear it out."""
        claims = load_claims()  # only this figure's: a notebook draws one figure
        checked = check_claims(claims[claims["figure"] == key], self.responses, load_published())
        return findings.claim_sentences(checked, key, self.item_labels(),
                                        self.words, self.language,
                                        original=self.speaks_for_original,
                                        fewest=self._fewest_answers(),
                                        programme=self.params["programme"])

    def _fewest_answers(self) -> int:
        counts = self.responses.groupby("wave")["respondent_id"].nunique()
        return int(counts.min()) if len(counts) else 0

    def _waves_prose(self, data: pd.DataFrame, labels: dict[str, str]) -> list[str]:
        return findings.waves_prose(data, labels, self.words, self.language)

    def _stacked_prose(self, data: pd.DataFrame, labels: dict[str, str]) -> list[str]:
        return findings.stacked_prose(data, labels, self.words, self.language)

    # -- Table 3.1 ------------------------------------------------------------------------
    def table_3_1(self, data: pd.DataFrame | None = None) -> str:
        """Write table-3-1.csv from Q1's tidy table (both waves); return Table 3.1 as HTML
        laid out like the report's."""
        data = self.results("q1") if data is None else data
        csv_text = self.write_csv(data[survey.CSV_COLUMNS], TABLE_KEY)
        wide = table_3_1(data)
        changed = changes(data).set_index(["item", "response", "wave_to"])
        labels = self.item_labels("q1")
        w = self.words
        waves = tuple(reversed(survey.waves(data)))  # latest first, as the report
        level_head = "".join(f'<th scope="colgroup" colspan="{len(waves)}">'
                             f'{escape(w["levels"][lv])}</th>' for lv in LEVELS)
        wave_head = "".join(f'<th scope="col">{wave}</th>' for _ in LEVELS for wave in waves)
        n_head = "".join(f'<th scope="col">{w["table_n"]} {wave}</th>' for wave in waves)
        body = []
        for item in wide.index:
            cells = []
            for level in LEVELS:
                for wave in waves:
                    row = data[(data["item"] == item) & (data["wave"] == wave)
                               & (data["response"] == level)]
                    if row.empty:
                        cells.append("<td>–</td>")
                        continue
                    r = row.iloc[0]
                    title = f'{r["count"]} / {r["n"]}'
                    if (item, level, wave) in changed.index:
                        title = findings.cell_title(changed.loc[(item, level, wave)],
                                                    r["count"], r["n"], w, self.language)
                    cells.append(f'<td title="{escape(title)}">{whole(r["percent"])}'
                                 f'<span class="cell-count">{r["count"]}/{r["n"]}</span></td>')
            ns = [data[(data["item"] == item) & (data["wave"] == wave)]["n"] for wave in waves]
            n_cells = "".join(f"<td>{int(n.iloc[0]) if len(n) else '–'}</td>" for n in ns)
            body.append(f'<tr><th scope="row">{escape(labels[item])}</th>{"".join(cells)}'
                        f"{n_cells}</tr>")
        suffix = w["programme_suffix"][self.params["programme"]]
        title = (w["titles"][TABLE_KEY] if self.data.is_original
                 else w["table_3_1_file_title"])  # the original's names its two surveys' dates
        caption = f"{w['table']} 3.1 {title}{suffix}"
        table_html = (
            f'{html.table_wrap(caption)}<table class="report-table" id="{TABLE_KEY}">'
            f"<caption>{escape(caption)}</caption><thead>"
            f'<tr><th scope="col" rowspan="2">{escape(w["table_row_header"])}</th>{level_head}'
            f'<th scope="colgroup" colspan="{len(waves)}">n</th></tr>'
            f"<tr>{wave_head}{n_head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            f'<p class="provenance-note">{escape(self._source(TABLE_KEY, "q1"))} '
            f'{html.download_link(csv_text, f"{TABLE_KEY}.csv", w["download_table_csv"])}</p></div>'
        )
        links = assumptions.links_html(self._assumptions_of(TABLE_KEY, data),
                                       w["assumption_links"])
        return (table_html + f'<p class="provenance-note">{escape(w["table_counts_note"])} '
                f"{links}</p>" + self._changes_table(changed.reset_index(), labels)
                + html.paragraph(w["table_intro"], *self.claim_sentences(TABLE_KEY))
                + html.paragraph(*self._table_prose(data, labels)))

    def _changes_table(self, changed: pd.DataFrame, labels: dict[str, str]) -> str:
        """Table 3.1's changes between the waves with their intervals, visible in print and to
        every reader (not only in the cells' hover text)."""
        w = self.words
        if changed.empty:
            return ""
        columns = w["changes_columns"]
        shown = pd.DataFrame({
            columns[0]: changed["item"].map(labels),
            columns[1]: changed["response"].map(w["levels"]),
            columns[2]: [f"{int(a)}–{int(b)}" for a, b in zip(changed["wave_from"],
                                                              changed["wave_to"], strict=True)],
            columns[3]: [findings.points(findings.printed_diff(row))
                         for _, row in changed.iterrows()],
            columns[4]: [w["interval_range"].format(low=findings.bound(lo, self.language),
                                                    high=findings.bound(hi, self.language))
                         for lo, hi in zip(changed["diff_ci_low"], changed["diff_ci_high"],
                                           strict=True)],
        })
        caption = w["changes_caption"].format(w1=int(changed["wave_from"].min()),
                                              w2=int(changed["wave_to"].max()))
        return html.table(shown, caption=caption, anchor=f"{TABLE_KEY}-changes",
                          classes="changes", row_headers=True)

    def _table_prose(self, data: pd.DataFrame, labels: dict[str, str]) -> list[str]:
        return findings.table_prose(data, labels, self.words, self.language)

    # -- audit ----------------------------------------------------------------------------
    def audit(self) -> str:
        """Every published value beside what this build's figure CSVs hold; writes audit.csv.

        For the shipped reconstruction this is a consistency check of the edition (the file
        was built from the report's numbers); for any other file, a comparison with the 2010
        report. Then the report's claims, checked on these answers.
        """
        frames = []
        for key in [*FIGURES, TABLE_KEY]:
            path = self.figures_dir / f"{key}.csv"
            if not path.exists():
                raise FileNotFoundError(f"{path}: run the chapter 3 notebooks before the audit")
            frames.append(pd.read_csv(path))
        computed = pd.concat(frames).drop_duplicates(["item", "wave", "response"])
        published = load_published()
        if not self.data.is_original:  # this edition's choices are no fact of another file
            published = published[published["provenance"] != "assumed"]
        result = audit(published, computed)
        self.write_csv(result, AUDIT_KEY)
        self.write_csv(changes(computed), CHANGES_KEY)
        rates = audit_response_rates(
            load_response_rates(), self.responses,
            None if self.data.is_original else self.data.populations)
        self.write_csv(rates, RATES_AUDIT_KEY)
        claims = self.checked_claims
        self.write_csv(claims, CLAIMS_KEY)
        return self._audit_html(result) + self._rates_html(rates) + self._claims_html(claims)

    def _words_for(self, key: str) -> str:
        """The edition's words for the reconstruction, or their form for another file."""
        return self.words[key if self.data.is_original else key + "_data"]

    def _claims_html(self, claims: pd.DataFrame) -> str:
        w, lang, original = self.words, self.language, self.speaks_for_original
        checkable = claims[claims["holds"] != "not checkable"]
        compared = claims[claims["within_chance"] != ""]
        fixed = claims[claims["published"] == "holds"]
        verdicts = [findings.verdict_key(c, original) if c["check"] else "not_checkable"
                    for _, c in claims.iterrows()]
        on_choice = verdicts.count("fails_chosen")
        summary = w["claims_summary"].format(
            holds=int((checkable["holds"] == "holds").sum()), checkable=len(checkable),
            fails=int((checkable["holds"] == "fails").sum()), fixed=len(fixed),
            fixed_hold=int((fixed["holds"] == "holds").sum()),
            chance=int((compared["within_chance"] == "yes").sum()), compared=len(compared),
            unchecked=len(claims) - len(checkable),
            on_choice=w["claims_on_choice"].format(k=on_choice) if on_choice else "")
        labels = self.item_labels()
        intervals = []
        for _, claim in claims.iterrows():
            low, high, _ = findings.oriented_interval(claim, w) if claim["check"] else (math.nan,) * 3
            intervals.append("" if pd.isna(low) else f"{findings.bound(low, lang)}\u00a0…\u00a0"
                             f"{findings.bound(high, lang)}")
        shown = pd.DataFrame({
            "id": claims["id"], "section": claims["section"], "quote": claims["quote"],
            "statement": [findings.statement(c["check"], labels, w) if c["check"] else ""
                          for _, c in claims.iterrows()],
            "shown": [findings.shown(c, w, lang) if c["check"] else ""
                      for _, c in claims.iterrows()],
            "holds": [w["claim_outcomes"][v] for v in verdicts],
            "interval": intervals,
            "published": claims["published"].map(w["published_outcomes"]),
        })[list(w["claims_columns"])].rename(columns=w["claims_columns"])
        row_classes = ["differs" if v in ("fails", "differs", "fails_chosen") else ""
                       for v in verdicts]
        return (self.heading("claims")
                + html.paragraph(self._words_for("claims_intro")) + html.paragraph(summary)
                + html.table(shown, caption=w["sections"]["claims"], anchor="audit-claims",
                             row_classes=row_classes, row_headers=True,
                             classes="text-table claims")
                + "<p>" + html.download_link(claims.to_csv(index=False, lineterminator="\n"),
                                             f"{CLAIMS_KEY}.csv", w["download_table_csv"])
                + "</p>")

    def _decimal(self, value: float) -> str:
        """A computed value with one decimal, in the edition's own way (79,2 or 79.2)."""
        return "" if pd.isna(value) else number(round(float(value), 1), self.language)

    def _rates_html(self, rates: pd.DataFrame) -> str:
        w, lang = self.words, self.language
        columns = w["rates_columns"]
        shown = pd.DataFrame({
            columns["wave"]: rates["wave"],
            columns["population"]: rates["population"],
            columns["respondents"]: rates["respondents"],
            columns["printed"]: rates["response_rate_percent"].map(lambda v: percent(v, lang)),
            columns["file_population"]: rates["file_population"].map(
                lambda v: "–" if pd.isna(v) else str(int(v))),
            columns["counted"]: rates["counted"],
            columns["computed"]: rates["computed_rate"].map(
                lambda v: "–" if pd.isna(v) else self._decimal(v)),
            columns["verdict"]: rates["verdict"].map(self._words_for("verdicts")),
        })
        return html.table(shown, caption=w["response_rates_caption"], anchor="audit-rates",
                          row_headers=True)

    def _audit_html(self, result: pd.DataFrame) -> str:
        w = self.words
        chosen = result["provenance"] == "assumed"
        counts = result.loc[~chosen, "verdict"].value_counts()
        summary = self._words_for("audit_summary").format(
            reproduced=int(counts.get("reproduced", 0)), published=int((~chosen).sum()),
            differs=int(counts.get("differs", 0) + counts.get("not computed", 0)),
            inconsistent=int(counts.get("report inconsistent", 0)),
            chosen_total=int(chosen.sum()),
            chosen=int((result.loc[chosen, "verdict"] == "chosen").sum()))
        shown = result.assign(
            item=result["item"].map(self.item_labels()),
            response=result["response"].map(w["claim_level"]),
            value=result["value"].map(lambda v: "" if pd.isna(v) else number(v, self.language)),
            admits=[self._admits(v) for v in result["admits"]],
            computed=result["computed"].map(self._decimal),
            n=result["n"].map(lambda v: "" if pd.isna(v) else str(int(v))),
            provenance=result["provenance"].map(w["provenance_names"]),
            verdict=result["verdict"].map(self._words_for("verdicts")),
            quote=result["quote"].fillna(""),
        )[list(w["audit_columns"])].rename(columns=w["audit_columns"])
        row_classes = ["differs" if v in ("differs", "not computed") else ""
                       for v in result["verdict"]]
        return (html.paragraph(self._words_for("audit_intro")) + html.paragraph(summary)
                + html.table(shown, caption=w["sections"]["audit"], anchor="audit-table",
                             row_classes=row_classes, row_headers=True,
                             classes="text-table audit")
                + "<p>" + html.download_link(result.to_csv(index=False, lineterminator="\n"),
                                             "audit.csv", w["download_table_csv"]) + "</p>")

    def _admits(self, interval: str) -> str:
        """An interval such as [69.5, 70.5) with the edition's decimal sign."""
        interval = interval.replace("-", "\u2212")
        if self.language != "nb":
            return interval
        return interval.replace(", ", "; ").replace(".", ",")
