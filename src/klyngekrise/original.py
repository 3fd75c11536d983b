"""What this edition knows of the original report, and which respondent file it knows it of.

Two things meet in every build: the survey at hand (any respondent file, and what its owner
says of it in ``NAME.survey.yml``) and what this edition knows of the 2010 report (the values
it prints, the values this edition chose, its claims, its chosen n's). The second is true of
one file only, the shipped reconstruction, so it attaches to that file by its content:

    about = original.about(answers)     # answers as survey.load gives them
    about.is_original                   # True only for the shipped reconstruction's answers

The content is the *canonical table* of the answers (validated, typed, rows sorted by wave
and respondent, columns in the contract's order), so the same answers saved as Excel, SPSS,
Stata or another CSV dialect still count as the reconstruction, and any changed answer does
not. Its SHA-256 is compared with ``RECONSTRUCTION_DIGEST``, never a path or a value.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from klyngekrise import paths
from klyngekrise.io import DatasetDescription

# SHA-256 of the shipped reconstruction's canonical table (``table_digest``). A test holds the
# shipped file to it; after regenerating the file (klyngekrise.reconstruct) set it anew.
RECONSTRUCTION_DIGEST = "8ccf576a8222590629502ba400b840d4c9ca9d9e3619b1f53029c9ab97d8b0ec"


def table_digest(answers: pd.DataFrame) -> str:
    """SHA-256 of the answers' canonical table: independent of file format, row and column
    order, and of which programme a build later selects (the full file's answers)."""
    first = [c for c in ("respondent_id", "wave", "programme") if c in answers.columns]
    columns = first + sorted(c for c in answers.columns if c not in first)
    table = answers[columns].sort_values(["wave", "respondent_id"], kind="stable")
    text = table.astype("string").fillna("").to_csv(index=False, lineterminator="\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes, as ``sha256sum`` prints it."""
    return hashlib.sha256(paths.resolve(path).read_bytes()).hexdigest()


@dataclass(frozen=True)
class About:
    """Which respondent file a build reads, and whether the edition's knowledge applies."""

    data_path: str
    file_sha256: str
    table_sha256: str
    description: DatasetDescription = field(default_factory=DatasetDescription, compare=False)

    @property
    def is_original(self) -> bool:
        """Whether these are the shipped reconstruction's answers (by content)."""
        return self.table_sha256 == RECONSTRUCTION_DIGEST

    @property
    def populations(self) -> dict[int, int]:
        """Organisations asked per wave, from the file's own description; {} without one."""
        return dict(self.description.populations)

    @property
    def shown_path(self) -> str:
        return str(paths.shown(paths.resolve(self.data_path)))


def about(answers: pd.DataFrame) -> About:
    """What the edition knows of the file these answers were loaded from (``survey.load``
    records it; answers built in memory are never the reconstruction)."""
    known = answers.attrs.get("about")
    if isinstance(known, About):
        return known
    return About("", "", table_digest(answers))


def about_file(data_path: str | Path) -> About:
    """``About`` a respondent file on disk: read, validated and digested."""
    from klyngekrise.io import load_responses

    return describe(paths.resolve(data_path), load_responses(data_path))


def describe(path: str | Path, answers: pd.DataFrame) -> About:
    """``About`` the file ``answers`` (all its rows, validated) were just loaded from."""
    from klyngekrise.io import dataset_description

    return About(str(path), file_digest(path), table_digest(answers), dataset_description(path))
