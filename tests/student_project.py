"""A student's own copy of the project, for tests that change notebooks, the table of contents
or git settings without touching the checkout: its tracked files (time stamps kept, so make
finds the set-up done), a git repository of its own, importing its own package."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT

VENV = ROOT / ".venv"
GIT_ID = {"GIT_AUTHOR_NAME": "Student", "GIT_AUTHOR_EMAIL": "student@example.org",
          "GIT_COMMITTER_NAME": "Student", "GIT_COMMITTER_EMAIL": "student@example.org"}


def project_copy(dest: Path) -> Path:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    # make must see the shared environment as up to date, or it would install into it
    installed = min((VENV / s).stat().st_mtime for s in (".installed", ".installed-build"))
    for lock in ("requirements.lock", "requirements-dev.lock", "pyproject.toml"):
        assert (dest / lock).stat().st_mtime <= installed, f"{lock} is newer than {VENV}"
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "the project as shipped")
    return dest


def environment(copy: Path) -> dict[str, str]:
    """The copy's own package first (its kernels inherit it), the shared .venv's libraries."""
    return {**os.environ, **GIT_ID, "PYTHONPATH": str(copy / "src"), "MAKEFLAGS": "",
            "SOURCE_DATE_EPOCH": "1700000000"}


def git(copy: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=copy, env={**os.environ, **GIT_ID},
                          capture_output=True, text=True, check=True).stdout


def make(copy: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["make", "--no-print-directory", f"VENV={VENV}", *args], cwd=copy,
                            env=environment(copy), capture_output=True, text=True, timeout=900)
    if check and result.returncode != 0:
        raise AssertionError(f"make {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result
