"""Fault injection into real builds: Ctrl-C, crashes mid-write, a full disk, a read-only folder,
bad data and two builds at once. Through all of them the last good report and figures keep
their bytes, each failure is one line of ours with no traceback, and the next build completes.

Crash points are deterministic (tests/hooks/sitecustomize.py, set through KLYNGEKRISE_FAULT
and on the build's PYTHONPATH only here: the package carries no fault code), never timed; make
runs in a session of its own, so a Ctrl-C reaches make and its recipes, as from a terminal,
and never pytest. The tests share one build, completed again after each (`good`).
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
from pathlib import Path

import pytest

from tests.conftest import (
    FIXTURE,
    as_from_a_terminal,
    make_command,
    project,
    project_env,
    run_make,
    with_faults,
)

pytestmark = pytest.mark.build


def _make(build: Path, *args: str, fault: str = "") -> subprocess.CompletedProcess:
    return run_make("report", f"BUILD={build}", *args, check=False,
                    env=with_faults(fault) if fault else None, preexec_fn=as_from_a_terminal)


def _outputs(build: Path) -> dict[str, str]:
    """Every figure and the report, by their bytes."""
    files = [*sorted((build / "figures").glob("*.*")), build / "report" / "report.html"]
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def _ours(stderr: str) -> list[str]:
    """The build's own lines: make adds `make: *** [...]` lines of its own after a failure."""
    return [line for line in stderr.splitlines() if not line.startswith("make: ***")]


def _temporaries(build: Path) -> list[Path]:
    return [p for p in build.rglob(".*partial*")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The default report, built once: what every failure below must leave as it was."""
    build = tmp_path_factory.mktemp("good")
    run_make("report", f"BUILD={build}", "-j2")
    return build, _outputs(build)


@pytest.fixture
def good(built):
    """The shared build, complete. After each test (they run in random order) the next build
    completes with the same bytes, whatever the failure left: each test starts from a complete
    build and reruns only what it removes."""
    yield built
    build, before = built
    result = _make(build)
    assert result.returncode == 0, result.stderr
    assert _outputs(build) == before and _temporaries(build) == []


def _rerun_stitch(build: Path) -> None:
    """Date the report before every input (its bytes stay), so make stitches again."""
    os.utime(build / "report" / "report.html", (1, 1))


def _rerun_notebook(build: Path, stem: str) -> None:
    (build / "build" / "nb" / "executed" / f"{stem}.ipynb").unlink(missing_ok=True)


def test_ctrl_c_just_after_the_stitch_keeps_the_new_report(good):
    build, before = good
    _rerun_stitch(build)
    result = _make(build, fault="replaced:report.html:interrupt")
    assert result.returncode in (130, -signal.SIGINT)
    assert _ours(result.stderr) == ["interrupted: stitch stopped; the last good outputs are kept"]
    assert "Deleting file" not in result.stderr  # make keeps the report: it is .PRECIOUS
    assert _outputs(build) == before


def test_ctrl_c_while_notebooks_run_side_by_side(good):
    """Ctrl-C as one notebook's result is about to go in place, with another still running or
    just done (make -j2): each step it stops says so in one line naming its notebook, and
    nothing else reaches the terminal (not nbclient's 'Kernel died' for the kernel shut down
    under a running cell)."""
    build, before = good
    for stem in ("04_markets", "06_roles"):
        _rerun_notebook(build, stem)
    result = _make(build, "-j2", fault="write:04_markets.ipynb:interrupt")
    assert result.returncode in (130, -signal.SIGINT)
    lines = _ours(result.stderr)
    stopped = "interrupted: run of notebooks/{} stopped; the last good outputs are kept"
    assert stopped.format("04_markets.ipynb") in lines
    assert set(lines) <= {stopped.format("04_markets.ipynb"), stopped.format("06_roles.ipynb")}
    assert len(lines) == len(set(lines))
    assert _outputs(build) == before and _temporaries(build) == []


def test_killed_while_writing_the_report(good):
    build, before = good
    (build / "report" / "report.html").write_bytes(b"an older report")
    _rerun_stitch(build)
    result = _make(build, fault="write:report.html:kill")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (build / "report" / "report.html").read_bytes() == b"an older report"
    left = _temporaries(build)  # a crash cleans nothing up; `make clean` removes these
    assert [p.parent.name for p in left] == ["report"]
    for path in left:
        path.unlink()
    assert _make(build).returncode == 0  # the next build completes: the stitch reruns
    assert _outputs(build) == before


def test_killed_before_a_notebook_result_is_in_place(good):
    build, before = good
    _rerun_notebook(build, "06_roles")
    result = _make(build, fault="write:06_roles.ipynb:kill")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert not (build / "build" / "nb" / "executed" / "06_roles.ipynb").exists()
    assert _outputs(build) == before
    for path in _temporaries(build):
        path.unlink()


@pytest.mark.parametrize("fault,reason", [("write:report.html:nospace", "No space left on device"),
                                          ("write:report.html:readonly", "Read-only file system")])
def test_full_disk_or_read_only_while_stitching(good, fault, reason):
    build, before = good
    _rerun_stitch(build)
    result = _make(build, fault=fault)
    assert result.returncode != 0
    assert _ours(result.stderr) == [f"error: cannot write {build}/report/report.html: {reason}"]
    assert _outputs(build) == before and _temporaries(build) == []


def test_read_only_output_folder_stops_before_any_notebook(good):
    build, before = good
    _rerun_notebook(build, "04_markets")
    result = _make(build, fault="temporary:probe:readonly")
    assert result.returncode != 0 and result.stdout == ""
    assert _ours(result.stderr) == [f"error: cannot write {build}/figures: Read-only file system"]
    assert _outputs(build) == before


def test_bad_data_keeps_the_last_good_report(good, tmp_path):
    build, before = good
    params = build / "build" / "nb" / "params.json"
    inputs = params.read_bytes(), params.stat().st_mtime_ns
    bad = tmp_path / "bad.csv"
    bad.write_text(FIXTURE.read_text(encoding="utf-8").replace(",NCE,", ",nce,"),
                   encoding="utf-8")
    result = _make(build, f"DATA={bad}")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "column programme: 'nce' is not allowed" in result.stderr
    assert _outputs(build) == before
    # nor the build's inputs: the next good build has nothing to redo
    assert (params.read_bytes(), params.stat().st_mtime_ns) == inputs


def test_two_builds_into_one_folder_at_once(good):
    """Both rerun the same notebooks and the stitch side by side; both succeed, same bytes."""
    build, before = good
    for stem in ("03_capital_access", "05_adaptation"):
        _rerun_notebook(build, stem)
    runs = [subprocess.Popen(make_command("report", f"BUILD={build}", "JOBS=1"), cwd=project(),
                             env=project_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    results = [(p.communicate(timeout=600), p.returncode) for p in runs]
    for (_, err), code in results:
        assert code == 0, err
    ran = [re.findall(r"^run +(\S+)", out, re.M) for (out, _), _ in results]
    assert {"notebooks/03_capital_access.ipynb", "notebooks/05_adaptation.ipynb"} <= {
        *ran[0], *ran[1]}
    assert _outputs(build) == before and _temporaries(build) == []
