"""What every notebook shares: its checked parameters, the edition's words, where it writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from klyngekrise import html, original, paths
from klyngekrise.files import write_if_changed
from klyngekrise.params import check
from klyngekrise.text import strings


@dataclass
class Edition:
    params: dict
    figures_dir: Path
    words: dict = field(repr=False)

    @classmethod
    def from_parameters(cls, **given) -> Edition:
        params = check(given, source="notebook parameters")
        return cls(params, cls._figures_dir(params), strings(params["language"]))

    @staticmethod
    def _figures_dir(params: dict) -> Path:
        figures_dir = paths.output_dirs(params["build_dir"], params["language"],
                                        params["programme"])["figures"]
        figures_dir.mkdir(parents=True, exist_ok=True)
        return figures_dir

    @cached_property
    def data(self) -> original.About:
        """The respondent file this build reads, and whether it is the shipped reconstruction
        (by content; see ``klyngekrise.original``)."""
        return original.about_file(self.params["data_path"])

    @property
    def language(self) -> str:
        return self.params["language"]

    def heading(self, key: str, level: int = 3) -> str:
        """A section heading with a stable id (kap-3-1, kap-audit, ...) for the contents."""
        anchor = "kap-" + key.replace(".", "-")
        return html.heading(level, anchor, self.words["sections"][key])

    def write_csv(self, frame: pd.DataFrame, key: str) -> str:
        text = frame.to_csv(index=False, lineterminator="\n")
        write_if_changed(self.figures_dir / f"{key}.csv", text)
        return text
