"""Shared helpers: paths, a respondent-file writer, and a make runner."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from klyngekrise import paths

ROOT = paths.PROJ_ROOT
FIXTURE = ROOT / "tests" / "fixtures" / "small_responses.csv"


def run_make(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run make in the project root with this venv; return the finished process."""
    env = {**os.environ, "MAKEFLAGS": ""}
    result = subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=900)
    if check and result.returncode != 0:
        raise AssertionError(f"make {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture
def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write text (or bytes) to a file in tmp_path and return its path."""

    def write(content: str | bytes, name: str = "responses.csv") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
