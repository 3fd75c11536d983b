"""What a build is made of: input files and their checksums, the commit, a reproducible date."""

from __future__ import annotations

import hashlib
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from klyngekrise import paths


def input_files(data_path: str | Path) -> list[Path]:
    """Every file whose bytes can change the report."""
    beside = [path for path in (paths.user_codebook(data_path),
                                paths.dataset_description(data_path)) if path.is_file()]
    return [paths.resolve(data_path), *beside,
            paths.PARAMS_FILE, paths.FRONT_MATTER,
            *sorted(paths.DATA_DIR.glob("published/*.csv")),
            *sorted(paths.DATA_DIR.glob("report/*.csv")), paths.CODEBOOK,
            paths.TOC, *paths.report_notebooks(),
            *sorted((paths.PROJ_ROOT / "src" / "klyngekrise").glob("*.py")),
            *sorted((paths.TEMPLATE_DIR / "report").glob("*"))]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checksums(data_path: str | Path) -> list[tuple[str, str]]:
    """(path as shown, SHA-256) for every input file."""
    return [(str(paths.shown(p)), digest(p)) for p in input_files(data_path)]


def git_commit() -> str:
    """The checked-out commit, or a note that the tree is not a git checkout."""
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=paths.PROJ_ROOT,
                                capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "(not a git checkout)"
    return result.stdout.strip()


def build_date() -> str:
    """From SOURCE_DATE_EPOCH (the Makefile sets it to the commit's time), so rebuilds match."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return "(SOURCE_DATE_EPOCH not set)"
    return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


def manifest(data_path: str | Path) -> str:
    """The text of build/<edition>/inputs.sha256: commit, date, and every checksum."""
    lines = [f"commit {git_commit()}", f"date {build_date()}"]
    lines += [f"{digest}  {name}" for name, digest in checksums(data_path)]
    return "\n".join(lines) + "\n"
