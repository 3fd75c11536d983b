"""Shared helpers: paths, a respondent-file writer, a make runner, and the project copy the
end-to-end tests build in.

Hermetic: no test writes into the checkout. Everything that builds, runs a notebook or edits a
project file does it in one copy of the project (`project()`: the files git would commit, their
time stamps kept, the same commit checked out, `.venv` linked), made once per session in the
temporary folder. The session ends by checking that the checkout's `git status` and every
tracked file's time stamp are what they were when it began.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

from klyngekrise import kernels, paths

ROOT = paths.PROJ_ROOT
FIXTURE = ROOT / "tests" / "fixtures" / "small_responses.csv"
# `git status` without refreshing the index: looking must not write into the checkout either.
GIT_ENV = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, capture_output=True, text=True,
                          check=True).stdout


def _project_files() -> list[str]:
    """What a commit of the checkout would hold: tracked and new files, not ignored ones."""
    names = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    return sorted({n for n in names if n and (ROOT / n).is_file()})


@functools.cache
def project() -> Path:
    """The session's copy of the project, made on first use: builds and edits happen here."""
    copy = Path(tempfile.mkdtemp(prefix="klyngekrise-project-")) / "project"
    for name in _project_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)  # time stamps kept: make sees nothing new
    # The same commit, so the build's provenance names it; objects are shared, not copied.
    _git("init", "-q", cwd=copy)
    (copy / ".git" / "objects" / "info" / "alternates").write_text(
        _git("rev-parse", "--path-format=absolute", "--git-common-dir").strip() + "/objects\n")
    _git("update-ref", "HEAD", _git("rev-parse", "HEAD").strip(), cwd=copy)
    _git("read-tree", "HEAD", cwd=copy)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def project_env() -> dict[str, str]:
    """The environment that makes Python import the copy's package, not the checkout's."""
    return {**os.environ, "MAKEFLAGS": "", "PYTHONPATH": str(project() / "src")}


def make_command(*args: str) -> list[str]:
    """make in the project copy. The environment is the checkout's and is never set up from
    the copy (`-o`: its stamps count as old, so nothing is reinstalled through the link)."""
    return ["make", "--no-print-directory", "-o", ".venv/.installed-build", "-o",
            ".venv/.installed", *args]


def run_make(*args: str, check: bool = True, env: dict[str, str] | None = None,
             **kwargs) -> subprocess.CompletedProcess:
    """Run make in the project copy; return the finished process."""
    result = subprocess.run(make_command(*args), cwd=project(), env={**project_env(), **(env or {})},
                            capture_output=True, text=True, timeout=900, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"make {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def as_from_a_terminal() -> None:
    """For `preexec_fn`: a child in a session of its own that a Ctrl-C reaches as a terminal's
    does. A shell without job control starts its `&` jobs with SIGINT ignored, and an ignored
    signal stays ignored through exec: make would then ignore the test's Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.setsid()


@pytest.fixture
def ctrl_c_as_in_a_terminal():
    """This (pytest's) process takes Ctrl-C as Python does when started from a terminal, even
    when the suite runs as a background job with SIGINT ignored; restored afterwards."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


FAULT = "KLYNGEKRISE_FAULT"  # read by tests/hooks/sitecustomize.py


def with_faults(fault: str) -> dict[str, str]:
    """The environment for a build that fails at ``fault`` (see tests/hooks/sitecustomize.py):
    the tests' start-up hook, on PYTHONPATH for this build's processes only."""
    hooks = project() / "tests" / "hooks"
    return {"PYTHONPATH": f"{hooks}{os.pathsep}{project() / 'src'}", FAULT: fault}


@pytest.fixture
def in_project(monkeypatch) -> Path:
    """Kernels and processes this test starts import the project copy's package; its root."""
    root = project()
    monkeypatch.setenv("PYTHONPATH", str(root / "src"))
    return root


def _checkout_state() -> tuple[str, dict[str, int]]:
    tracked = [n for n in _git("ls-files", "-z").split("\0") if n and (ROOT / n).exists()]
    return _git("status", "--porcelain"), {n: (ROOT / n).stat().st_mtime_ns for n in tracked}


_BEFORE: list = []


def pytest_sessionstart(session):
    _BEFORE.append(_checkout_state())


def pytest_sessionfinish(session, exitstatus):
    copy = project() if project.cache_info().currsize else None
    if copy is not None:
        shutil.rmtree(copy.parent, ignore_errors=True)
    if not _BEFORE:
        return
    status, stamps = _checkout_state()
    before_status, before_stamps = _BEFORE[0]
    touched = sorted(n for n in stamps.keys() | before_stamps.keys()
                     if stamps.get(n) != before_stamps.get(n))
    if status != before_status or touched:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = ["the tests changed the checkout (they must write only in temporary folders):",
                 *(f"  git status before: {line}" for line in before_status.splitlines()),
                 *(f"  git status after:  {line}" for line in status.splitlines()),
                 *(f"  time stamp changed: {name}" for name in touched)]
        if reporter:
            reporter.write_line("\n".join(lines), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def own_server(monkeypatch):
    """A server of its own for the test: a fresh private folder (a short path, as Unix socket
    paths must be), an idle time longer than any test's own time-outs (a loaded machine
    pauses long between two kernels, and a server that idles out mid-test fails it).
    Stopped and removed afterwards."""
    runtime = Path(tempfile.mkdtemp(prefix="k-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv(kernels.IDLE_VARIABLE, "900")
    monkeypatch.setenv(kernels.SWITCH, "forked")
    yield runtime / f"klyngekrise-{os.getuid()}"
    kernels.stop()
    shutil.rmtree(runtime, ignore_errors=True)


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
