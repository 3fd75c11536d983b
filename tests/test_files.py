"""Writing outputs: atomic, unique temporary files, a manifest, and crash points mid-write."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from klyngekrise import files
from klyngekrise.build import environment_error
from klyngekrise.files import MANIFEST, record, temporary, write_if_changed
from tests.conftest import ROOT, with_faults

WRITE = ("from pathlib import Path; from klyngekrise.files import write_if_changed; "
         "write_if_changed(Path({path!r}), 'new bytes')")


def _write_in_a_process(path: Path, fault: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WRITE.format(path=str(path))], cwd=ROOT,
                          env={**os.environ, **with_faults(fault)}, capture_output=True,
                          text=True, timeout=60)


def _others(folder: Path, keep: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p not in (keep, folder / MANIFEST))


def test_killed_mid_write_leaves_the_last_good_file(tmp_path):
    target = tmp_path / "fig.png"
    target.write_text("last good")
    result = _write_in_a_process(target, "write:fig.png:kill")
    assert result.returncode == -9  # SIGKILL: nothing could clean up
    assert target.read_text() == "last good"
    leftover = _others(tmp_path, target)
    assert len(leftover) == 1 and leftover[0].startswith(".fig.png.")  # hidden, ours by name
    assert leftover[0].endswith(".partial")
    assert "fig.png" in (tmp_path / MANIFEST).read_text().splitlines()


@pytest.mark.parametrize("action,errno_text", [("nospace", "No space left on device"),
                                               ("readonly", "Read-only file system")])
def test_failed_write_leaves_the_last_good_file_and_no_temporary(tmp_path, action, errno_text):
    target = tmp_path / "fig.png"
    target.write_text("last good")
    result = _write_in_a_process(target, f"write:fig.png:{action}")
    assert result.returncode == 1 and errno_text in result.stderr
    assert target.read_text() == "last good"
    assert _others(tmp_path, target) == []


def test_environment_error_is_one_line_naming_the_path(tmp_path, monkeypatch):
    def read_only(target, suffix=""):
        raise OSError(30, "Read-only file system", str(target.parent))

    monkeypatch.setattr(files, "temporary", read_only)  # what a read-only folder does
    with pytest.raises(OSError) as err:
        write_if_changed(tmp_path / "report.html", "x")
    assert environment_error(err.value) == f"cannot write {tmp_path}: Read-only file system"
    full = OSError(28, "No space left on device", str(tmp_path / "a.partial"),
                   None, str(tmp_path / "report.html"))
    assert environment_error(full) == f"cannot write {tmp_path / 'report.html'}: " \
                                      "No space left on device"
    unreadable = PermissionError(13, "Permission denied", str(tmp_path / "answers.csv"))
    assert environment_error(unreadable) == f"cannot access {tmp_path / 'answers.csv'}: " \
                                            "Permission denied"


def test_unchanged_bytes_are_not_rewritten_but_are_listed(tmp_path):
    target = tmp_path / "a.csv"
    assert write_if_changed(target, "x") is True
    mtime = target.stat().st_mtime_ns
    (tmp_path / MANIFEST).unlink()
    assert write_if_changed(target, "x") is False
    assert target.stat().st_mtime_ns == mtime
    assert (tmp_path / MANIFEST).read_text() == "a.csv\n"


def test_temporary_files_are_unique_and_get_the_usual_permissions(tmp_path):
    names = {temporary(tmp_path / "report.html") for _ in range(50)}
    assert len(names) == 50
    umask = os.umask(0)
    os.umask(umask)
    assert {p.stat().st_mode & 0o777 for p in names} == {0o666 & ~umask}


def test_manifest_lines_from_processes_side_by_side_are_whole(tmp_path):
    script = ("import sys; from pathlib import Path; from klyngekrise.files import record\n"
              "for i in range(400): record(Path(sys.argv[1]) / f'{sys.argv[2]}-{i}.png')")
    runs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path), tag], cwd=ROOT)
            for tag in ("a", "b")]
    assert [p.wait(timeout=120) for p in runs] == [0, 0]
    lines = (tmp_path / MANIFEST).read_text().splitlines()
    assert sorted(lines) == sorted(f"{t}-{i}.png" for t in "ab" for i in range(400))


def test_record_lists_a_name_once(tmp_path):
    for _ in range(3):
        record(tmp_path / "x.csv")
    assert (tmp_path / MANIFEST).read_text() == "x.csv\n"


def test_a_notebook_that_cannot_write_names_the_folder_in_one_line(tmp_path):
    """What a read-only figures folder looks like from inside a notebook's kernel."""
    from types import SimpleNamespace

    from klyngekrise.build import _failure

    err = SimpleNamespace(
        ename="PermissionError", source="figure = book.figure('fig-3-2')\n",
        evalue=f"[Errno 13] Permission denied: '{tmp_path}/figures/.fig-3-2.png.k2j4h1a9.partial'")
    message = _failure(Path("notebooks/04_markets.ipynb"), 7, err, tmp_path / "x.ipynb")
    assert message == (f"cannot access {tmp_path}/figures: Permission denied "
                       "(notebooks/04_markets.ipynb failed in cell 7 "
                       "(figure = book.figure('fig-3-2')))")
