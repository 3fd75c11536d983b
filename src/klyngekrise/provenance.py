"""What a build is made of: input files and their checksums, the commit (and whether the tree
differs from it), every package that computes a number, a reproducible date."""

from __future__ import annotations

import hashlib
import os
import platform
import re
import subprocess
import tomllib
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
            *sorted(paths.DATA_DIR.glob("report/*.csv")),
            *sorted(paths.DATA_DIR.glob("report/*.yml")), paths.CODEBOOK, paths.ASSUMPTIONS,
            paths.TOC, *paths.report_notebooks(),
            *sorted((paths.PROJ_ROOT / "src" / "klyngekrise").glob("*.py")),
            *sorted((paths.PROJ_ROOT / "src" / "klyngekrise").glob("locale/*/LC_MESSAGES/*.po")),
            *sorted((paths.TEMPLATE_DIR / "report").glob("*"))]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checksums(data_path: str | Path) -> list[tuple[str, str]]:
    """(path as shown, SHA-256) for every input file."""
    return [(str(paths.shown(p)), digest(p)) for p in input_files(data_path)]


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=paths.PROJ_ROOT, capture_output=True, text=True,
                          check=True).stdout


_STATUS = ("status", "--porcelain", "--untracked-files=no")


def _differs_from_commit() -> bool:
    """Whether a tracked file's content, as git would commit it, differs from the commit.

    Notebooks are committed stripped: one whose bytes are the commit's is unchanged, and git
    status tells that with no filter process. Only if some file's bytes differ does `git diff`
    decide through the filter; git status would not, since it takes a changed size for a
    change (a notebook saved with its outputs, though it strips to the commit)."""
    if not _git("-c", "filter.nbstripout.clean=cat", *_STATUS).strip():
        return False
    found = subprocess.run(["git", "diff", "--quiet", "HEAD", "--"], cwd=paths.PROJ_ROOT,
                           capture_output=True)
    if found.returncode not in (0, 1):
        raise subprocess.CalledProcessError(found.returncode, found.args, stderr=found.stderr)
    return found.returncode == 1


def git_state(remember: Path | None = None) -> tuple[str, bool]:
    """The checked-out commit (or a note that the tree is not a git checkout), and whether a
    tracked file differs from it: then the build is not that commit's.

    git looks at the content of every file whose time stamp moved, and of all of them just
    after a clone; its status refreshes the index as when a user types it (taking git's lock
    only when free), so each file is looked at once, not at every build, and the clean filter
    runs only where bytes differ (_differs_from_commit). Given ``remember``, the answer is
    kept there with what git's own test looks at (the commit, the index's and each tracked
    file's size and time stamp) and reused while those are the same."""
    try:
        commit, index = _git("rev-parse", "HEAD", "--git-path", "index").split("\n")[:2]
        if remember is not None and remember.is_file():
            kept = remember.read_text(encoding="utf-8").split()
            if kept[:1] == [_fingerprint(commit, index)]:
                return commit, kept[1:] == ["changed"]
        changed = _differs_from_commit()
        # after the status: the index it refreshed
        fingerprint = _fingerprint(commit, index) if remember is not None else ""
    except (OSError, subprocess.CalledProcessError):
        return "(not a git checkout)", False
    if remember is not None:
        from klyngekrise.files import write_if_changed

        write_if_changed(remember, f"{fingerprint} {'changed' if changed else 'clean'}\n")
    return commit, changed


def _fingerprint(commit: str, index: str) -> str:
    found = hashlib.sha256(commit.encode())
    names = [index, *_git("ls-files", "-z").split("\0")]
    for name in filter(None, names):
        try:
            stat = (paths.PROJ_ROOT / name).stat()
            found.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        except FileNotFoundError:
            found.update(f"{name}\0gone\0".encode())
    return found.hexdigest()


# Beneath pandas and statsmodels, these compute too (arrays, the normal quantile).
COMPUTING_DEPENDENCIES = ("numpy", "scipy")


def package_versions() -> list[tuple[str, str]]:
    """Python and every package the build imports (pyproject.toml's dependencies, which a test
    holds to the imports), with what computes beneath them, by the installed versions."""
    from importlib import metadata

    with (paths.PROJ_ROOT / "pyproject.toml").open("rb") as f:
        declared = tomllib.load(f)["project"]["dependencies"]
    names = [re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0] for d in declared]
    names += [n for n in COMPUTING_DEPENDENCIES if n not in names]
    return [("python", platform.python_version()),
            *((name, metadata.version(name)) for name in sorted(names, key=str.lower))]


def build_date() -> str:
    """From SOURCE_DATE_EPOCH (the Makefile sets it to the commit's time), so rebuilds match."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return "(SOURCE_DATE_EPOCH not set)"
    return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


def manifest(data_path: str | Path, remember: Path | None = None) -> str:
    """The text of build/<edition>/inputs.sha256: commit, date, and every checksum
    (``remember``: see ``git_state``)."""
    commit, changed = git_state(remember)
    lines = [f"commit {commit}{' with uncommitted changes' if changed else ''}",
             f"date {build_date()}"]
    lines += [f"{digest}  {name}" for name, digest in checksums(data_path)]
    return "\n".join(lines) + "\n"
