"""The report's parameters: what each key allows, and one check used everywhere.

The same check runs on report.yml before the build starts and on a notebook's own
parameters cell, so a bad value gets the same message either way. Imports nothing heavy:
it runs on every ``make`` call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from klyngekrise.contract import PROGRAMMES
from klyngekrise.errors import InputError

LANGUAGES = ("nb", "en")
PROGRAMME_CHOICES = ("all", *PROGRAMMES)  # all respondents, or one programme's
FIGURE_FORMATS = ("png", "svg", "pdf")

DEFAULTS: dict[str, Any] = {
    "language": "nb",
    "data_path": "data/raw/survey_responses.csv",
    "programme": "all",
    "figure_formats": ["png", "svg"],
    "draw_intervals": True,
}
# Set by the build, not by report.yml: where figures/ and report/ go ("" = project root).
BUILD_KEYS = ("build_dir",)
TEXT_KEYS = ("language", "data_path", "programme", "build_dir")


def check(params: dict[str, Any], source: str = "parameters") -> dict[str, Any]:
    """Return the full parameter set, or raise InputError naming the key and what is allowed."""
    unknown = sorted(set(params) - set(DEFAULTS) - set(BUILD_KEYS))
    if unknown:
        raise InputError(f"{source}: unknown key {unknown[0]!r}; allowed keys: "
                         + ", ".join([*DEFAULTS, *BUILD_KEYS]))
    full = {**DEFAULTS, "build_dir": "", **params}

    def bad(key: str, allowed: str) -> InputError:
        return InputError(f"{source}: key {key!r} is {full[key]!r}; allowed: {allowed}")

    if full["language"] not in LANGUAGES:
        raise bad("language", ", ".join(LANGUAGES))
    if full["programme"] not in PROGRAMME_CHOICES:
        raise bad("programme", ", ".join(PROGRAMME_CHOICES))
    if not isinstance(full["data_path"], str) or not full["data_path"].strip():
        raise bad("data_path", "a path to a respondent CSV file")
    formats = full["figure_formats"]
    if (not isinstance(formats, list) or not formats
            or any(f not in FIGURE_FORMATS for f in formats) or "png" not in formats):
        raise bad("figure_formats", "a list drawn from " + ", ".join(FIGURE_FORMATS)
                  + " that includes png")
    if not isinstance(full["draw_intervals"], bool):
        raise bad("draw_intervals", "true or false")
    if not isinstance(full["build_dir"], str):
        raise bad("build_dir", "a folder path, or empty for the project root")
    return full


def read_file(path: Path) -> dict[str, Any]:
    """Read report.yml (or another parameter file) into a dict, without checking values."""
    import yaml

    if not path.exists():
        raise InputError(f"{path}: no such parameter file")
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise InputError(f"{path}: not valid YAML ({err.__class__.__name__})") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise InputError(f"{path}: expected key: value lines, found {type(loaded).__name__}")
    return loaded


def check_parameters_cell(notebook: Path) -> None:
    """A report notebook must have a cell tagged ``parameters``: without one papermill only
    warns and the notebook runs on its own defaults, not report.yml's."""
    import json

    from klyngekrise import paths

    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    if not any("parameters" in (c.get("metadata", {}).get("tags") or []) for c in cells):
        raise InputError(f"{paths.shown(notebook)}: no cell tagged 'parameters', so the build "
                         "cannot give it report.yml's values; tag the cell that sets data_path, "
                         "language, ... and build_dir (see notebooks/README.md)")


def parse_override(text: str) -> tuple[str, Any]:
    """``key=value`` from the command line; the value is read as YAML (true, [png, svg])."""
    import yaml

    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep:
        raise InputError(f"override {text!r}: expected key=value")
    if key in TEXT_KEYS:  # a path such as 2010.csv stays text
        return key, value
    return key, yaml.safe_load(value) if value.strip() else ""


def write_make_defaults(target: Path) -> None:
    """The Makefile's defaults from report.yml, read and checked here rather than by `sed`, so
    any valid YAML works (``language: "en"``), and the report's notebooks from
    notebooks/_toc.yml. Only checked values are written, so nothing a user typed reaches make
    as text."""
    from klyngekrise import paths
    from klyngekrise.files import replace_into, temporary

    params = check(read_file(paths.PARAMS_FILE), source="report.yml")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = temporary(target)
    try:
        entries = paths.report_entries()
        notebooks = " ".join(str(p.relative_to(paths.PROJ_ROOT)) for p, _ in entries)
        # What each notebook writes, as _toc.yml's `outputs:` says: make's file targets.
        outputs = "".join(f"OUTPUTS_{p.stem} := {' '.join(keys)}\n" for p, keys in entries if keys)
        partial.write_text(f"# Written from report.yml and notebooks/_toc.yml by "
                           f"klyngekrise.params; do not edit.\n"
                           f"REPORT_LANGUAGE := {params['language']}\n"
                           f"REPORT_PROGRAMME := {params['programme']}\n"
                           f"REPORT_NOTEBOOKS := {notebooks}\n{outputs}", encoding="utf-8")
        replace_into(partial, target)  # a new mtime even when unchanged: make asks once
    finally:
        partial.unlink(missing_ok=True)


if __name__ == "__main__":
    import sys

    try:
        write_make_defaults(Path(sys.argv[1]))
    except InputError as err:
        sys.stderr.write(f"error: {err}\n")
        sys.exit(1)
    except OSError as err:
        sys.stderr.write(f"error: cannot write {err.filename}: {err.strerror}\n")
        sys.exit(1)
