"""Every project path, resolved once from the package's own location."""

from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJ_ROOT / "data"
RAW_RESPONSES = DATA_DIR / "raw" / "survey_responses.csv"
PUBLISHED_DIR = DATA_DIR / "published"
PUBLISHED_VALUES = PUBLISHED_DIR / "survey_values.csv"
RESPONSE_RATES = PUBLISHED_DIR / "response_rates.csv"
CODEBOOK = DATA_DIR / "codebook.csv"
PARAMS_FILE = PROJ_ROOT / "report.yml"
FRONT_MATTER = PROJ_ROOT / "front_matter.yml"
ASSUMPTIONS = PROJ_ROOT / "docs" / "assumptions.yml"  # the register of this edition's choices
TEMPLATE_DIR = PROJ_ROOT / "templates"
NOTEBOOK_DIR = PROJ_ROOT / "notebooks"
TOC = NOTEBOOK_DIR / "_toc.yml"
GIT_STATE = "git-state"  # in a build's work_dir: whether the tree differs from its commit


def resolve(path: str | Path) -> Path:
    """A path as given, or relative to the project root when it is relative."""
    path = Path(path)
    return path if path.is_absolute() else PROJ_ROOT / path


def user_codebook(data_path: str | Path) -> Path:
    """Where a respondent file's own codebook lies: NAME.codebook.csv beside NAME.csv."""
    path = resolve(data_path)
    return path.with_name(path.stem + ".codebook.csv")


def dataset_description(data_path: str | Path) -> Path:
    """Where a respondent file's dataset description lies: NAME.survey.yml beside NAME.csv
    (or NAME.xlsx, .sav, .dta)."""
    path = resolve(data_path)
    return path.with_name(path.stem + ".survey.yml")


def shown(path: Path) -> Path:
    """A path as a message shows it: relative to the project root when it lies inside."""
    return path.relative_to(PROJ_ROOT) if path.is_relative_to(PROJ_ROOT) else path


def work_dir(build_dir: str | Path, language: str, programme: str = "all") -> Path:
    """A build's own working folder: BUILD/build/<edition>, or <edition>-<programme> for one
    programme's build."""
    root = resolve(build_dir) if str(build_dir) else PROJ_ROOT
    return root / "build" / (language if programme == "all" else f"{language}-{programme}")


def output_dirs(build_dir: str | Path, language: str, programme: str = "all"
                ) -> dict[str, Path]:
    """Where a build writes, per the data contract: BUILD/figures and BUILD/report/report.html.

    The Norwegian edition of all respondents writes to BUILD/figures and report.html; a
    selection to paths of its own, so none overwrites another: another edition to
    BUILD/figures/<language> and report.<language>.html, one programme to
    BUILD/figures/[<language>/]<programme> and report.[<language>.]<programme>.html.
    """
    root = resolve(build_dir) if str(build_dir) else PROJ_ROOT
    parts = [*([] if language == "nb" else [language]), *([] if programme == "all" else [programme])]
    figures = root.joinpath("figures", *parts)
    html = root / "report" / ".".join(["report", *parts, "html"])
    return {"figures": figures, "html": html}


def report_entries() -> list[tuple[Path, list[str]]]:
    """The report's notebooks in order, as notebooks/_toc.yml lists them (and only those), each
    with what it writes into figures/ (its ``outputs``: a figure's PNG and CSV, a table's CSV).

    The one registry of who writes what: make's rules for those files come from it, so a
    notebook listed there alone is run, stitched and has its figure targets."""
    import re

    import yaml

    from klyngekrise.errors import InputError

    entries = (yaml.safe_load(TOC.read_text(encoding="utf-8")) or {}).get("chapters") or []
    notebooks = []
    for entry in entries:
        name = str(entry.get("file", "")) if isinstance(entry, dict) else ""
        path = NOTEBOOK_DIR / f"{name}.ipynb"
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or not path.is_file():
            raise InputError(f"{shown(TOC)}: entry {entry!r}; expected `- file: NAME` for a "
                             f"notebook notebooks/NAME.ipynb (letters, digits, _ . -)")
        outputs = entry.get("outputs") or []
        if not isinstance(outputs, list) or not all(
                isinstance(key, str) and re.fullmatch(r"[a-z0-9][a-z0-9-]*", key) for key in outputs):
            raise InputError(f"{shown(TOC)}: {name}'s outputs {outputs!r}; expected a list of "
                             "file stems such as [fig-3-3, table-3-1] (lower-case letters, digits, -)")
        notebooks.append((path, outputs))
    return notebooks


def report_notebooks() -> list[Path]:
    """The report's notebooks in order, as notebooks/_toc.yml lists them (and only those)."""
    return [path for path, _ in report_entries()]
