"""The kernel server: forked kernels give a plain kernel's outputs, share no state with each
other, and the server is private, fork-safe, short-lived and restarted when the source changes."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import stat
import time
import uuid

import nbformat
import psutil
import pytest
from nbclient import NotebookClient

from klyngekrise import build, kernels
from tests.conftest import ROOT, as_from_a_terminal, run_make


def _run(*cells: str) -> dict:
    """Run a notebook of code cells in a forked kernel, as the build does; the last cell prints
    a JSON object, returned."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   kernel_manager_class=build._kernel_manager_class(),
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return json.loads(nb.cells[-1].outputs[0]["text"])


LOOK = """
import json, os, sys, matplotlib, klyngekrise.chapter3 as chapter3
print(json.dumps({"pid": os.getpid(), "parent": os.getppid(), "variable": "leak" in dir(),
                  "module_attribute": hasattr(chapter3, "LEAK"), "module": "leak" in sys.modules,
                  "rc": matplotlib.rcParams["lines.linewidth"], "env": "LEAK" in os.environ,
                  "backend": matplotlib.get_backend(), "preloaded": PRELOADED}))
"""
FIRST = 'import sys\nPRELOADED = "pandas" in sys.modules  # before this kernel imported anything'
LEAK = """
leak = 1
chapter3.LEAK = 1
sys.modules["leak"] = sys
matplotlib.rcParams["lines.linewidth"] = 9.0
os.environ["LEAK"] = "1"
"""


@pytest.mark.build
def test_a_notebook_sees_nothing_the_previous_one_left(own_server):
    first = _run(FIRST, LOOK, LEAK, LOOK)  # sets state, and shows the check sees it
    second = _run(FIRST, LOOK)
    server = kernels.status()["pid"]
    assert first["preloaded"] and second["preloaded"]  # forked from the preloaded server
    assert first["parent"] == second["parent"] == server
    assert first["pid"] != second["pid"]
    assert (first["variable"], first["module_attribute"], first["module"], first["env"],
            first["rc"]) == (True, True, True, True, 9.0)
    assert (second["variable"], second["module_attribute"], second["module"], second["env"],
            second["rc"]) == (False, False, False, False, 1.5)
    assert second["backend"].lower() == "agg"  # MPLBACKEND from the build, not the package


@pytest.mark.build
def test_the_server_is_private_and_forks_from_a_clean_state(own_server):
    _run(FIRST, LOOK)  # a kernel was forked: the server must still be clean
    info = kernels.status()
    assert info["threads"] == 1 and info["python_threads"] == 1 and not info["zmq_context"]
    assert {"ipykernel.kernelapp", "papermill", "klyngekrise.chapter3"} <= set(info["preloaded"])
    assert stat.S_IMODE(own_server.stat().st_mode) == 0o700
    sock = kernels.socket_path()
    assert sock.parent == own_server and stat.S_ISSOCK(sock.stat().st_mode)
    assert stat.S_IMODE(sock.stat().st_mode) == 0o600
    assert psutil.Process(info["pid"]).net_connections("inet") == []


def test_a_folder_others_can_enter_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    folder = tmp_path / f"klyngekrise-{os.getuid()}"
    folder.mkdir()
    folder.chmod(0o755)
    with pytest.raises(kernels.KernelServerError, match="mode 0700"):
        kernels.private_dir()


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.build
def test_the_server_stops_after_its_idle_time(own_server, monkeypatch):
    monkeypatch.setenv(kernels.IDLE_VARIABLE, "2")  # the server started next reads it
    info = kernels.status()
    sock = kernels.socket_path()
    assert _gone(info["pid"], within=15)  # idle time 2 s
    assert not sock.exists()


@pytest.mark.build
def test_a_changed_package_source_gets_a_new_server(own_server, in_project, monkeypatch):
    # The server runs the project copy's package (in_project), whose source this test edits.
    monkeypatch.setattr(kernels, "PACKAGE_DIR", in_project / "src" / "klyngekrise")
    old = kernels.status()
    probe = kernels.PACKAGE_DIR / f"_probe_{uuid.uuid4().hex[:8]}.py"
    try:
        probe.write_text("# a change to the package source\n")
        new = kernels.status()
        assert new["pid"] != old["pid"]
        assert _gone(old["pid"], within=15)  # the old server sees the change and stops
    finally:
        probe.unlink()


@pytest.mark.build
def test_forked_and_plain_kernels_give_byte_identical_outputs(own_server, tmp_path):
    folder = tmp_path / "build"
    folders = ("figures", "report", "build/nb/executed")
    run_make("report", f"BUILD={folder}", "KERNELS=plain", "-j2")
    assert not list(own_server.glob("*.sock"))  # no server was asked
    for name in folders:
        shutil.copytree(folder / name, tmp_path / "plain" / name)
    run_make("clean", f"BUILD={folder}")
    run_make("report", f"BUILD={folder}", "-j2")  # forked, the default
    assert list(own_server.glob("*.sock"))
    for name in folders:
        names = sorted(p.name for p in (tmp_path / "plain" / name).iterdir() if p.is_file())
        assert names == sorted(p.name for p in (folder / name).iterdir() if p.is_file())
        # Every file, the .manifest too: it is sorted, whatever order -j2 wrote in.
        _, mismatch, errors = filecmp.cmpfiles(tmp_path / "plain" / name, folder / name, names,
                                               shallow=False)
        assert not mismatch and not errors, (name, mismatch, errors)


@pytest.mark.build
def test_ctrl_c_reaches_the_forked_step_and_its_kernel(own_server, tmp_path):
    """make's SIGINT goes to the client; the step it asked the server for stops too."""
    import signal
    import subprocess
    import sys

    notebook = tmp_path / "sleeps.ipynb"
    nbformat.write(nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import time\ntime.sleep(120)")],
        metadata={"kernelspec": {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}}), notebook)
    assert build.main(["prepare", "--build", str(tmp_path)]) == 0
    client = subprocess.Popen([sys.executable, "-m", "klyngekrise.build", "run", str(notebook),
                               "--build", str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, preexec_fn=as_from_a_terminal)
    server = kernels.status()["pid"]
    deadline = time.monotonic() + 60
    while len(psutil.Process(server).children()) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    steps = psutil.Process(server).children()
    assert len(steps) == 2  # the step and its kernel, both forked from the server
    client.send_signal(signal.SIGINT)
    assert client.wait(timeout=60) != 0
    assert all(_gone(p.pid, within=30) for p in steps)


def test_a_request_dropped_by_a_closing_server_is_sent_again(monkeypatch):
    """A server closing (idle) may drop a connection it has not read: the request goes to the
    next server instead of failing the build step."""
    import socket

    dropped, closed_end = socket.socketpair()
    closed_end.close()  # the old server, gone before reading
    fresh, server_end = socket.socketpair()
    server_end.sendall(b"status {}\n")  # the next server's answer, waiting to be read
    connections = iter([dropped, fresh])
    monkeypatch.setattr(kernels, "connect", lambda path=None: next(connections))
    sock, first, _ = kernels._ask({"op": "status"})
    assert sock is fresh and first == ("status", "{}")
    assert kernels._Incoming(server_end).read() == {"op": "status"}
    server_end.close()
    fresh.close()
