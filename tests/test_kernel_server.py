"""The kernel server steps aside where it cannot be checked safe, and stays out of the way where
it runs: stopping it never kills a build's kernels, its lock is not inherited, exit statuses
are kept, a slow client holds up nobody, and a failure names the cell papermill stopped in."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from klyngekrise import build, kernels
from tests.conftest import ROOT, as_from_a_terminal, project, run_make, with_faults
from tests.test_kernels import _gone


def _notebook(path: Path, *cells: str) -> Path:
    nbformat.write(nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(c) for c in cells],
        metadata={"kernelspec": {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}}), path)
    return path


def _children(pid: int, count: int, within: float = 60) -> list[psutil.Process]:
    deadline = time.monotonic() + within
    while len(psutil.Process(pid).children()) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return psutil.Process(pid).children()


# -- stepping aside ----------------------------------------------------------------------------

@pytest.mark.build
def test_without_proc_a_step_runs_with_plain_kernels_and_says_so(tmp_path, monkeypatch, capsys):
    """As on a Mac: no /proc/self/task to count threads, so no fork; the step still runs."""
    monkeypatch.setattr(kernels, "TASKS", tmp_path / "no-proc" / "self" / "task")
    monkeypatch.setenv(kernels.SWITCH, "forked")
    assert kernels.unavailable() == f"this system has no {kernels.TASKS} to check that forking is safe"
    assert kernels._fork_safety()["threads"] is None  # the server would refuse to fork too
    notebook = _notebook(tmp_path / "one.ipynb", "import os\nprint(os.getppid())")
    assert build.main(["prepare", "--build", str(tmp_path)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said == [kernels.plain_line(kernels.unavailable())]  # one line, by prepare
    assert build.main(["run", str(notebook), "--build", str(tmp_path)]) == 0
    executed = nbformat.read(tmp_path / "build" / "nb" / "executed" / "one.ipynb", as_version=4)
    parent = int(executed.cells[-1].outputs[0]["text"])
    assert parent == os.getpid()  # a plain kernel, started by this process
    assert os.environ[kernels.SWITCH] == "plain"


@pytest.mark.build
def test_a_server_that_cannot_fork_gives_plain_kernels_in_one_line(own_server, tmp_path,
                                                                   monkeypatch, capsys):
    def refuse(*_args, **_kwargs):
        raise kernels.KernelServerError("the kernel server is not safe to fork: {'threads': 2}")

    monkeypatch.setattr(kernels, "_ask", refuse)
    notebook = _notebook(tmp_path / "one.ipynb", "print(1)")
    assert build.main(["prepare", "--build", str(tmp_path)]) == 0
    capsys.readouterr()
    assert build.main(["run", str(notebook), "--build", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == kernels.plain_line("the kernel server is not safe to fork: {'threads': 2}")
    assert (tmp_path / "build" / "nb" / "executed" / "one.ipynb").exists()


@pytest.mark.build
def test_make_report_without_proc_builds_with_plain_kernels(tmp_path):
    """The whole build on a platform without /proc (simulated by the tests' start-up hook):
    it completes, says so in one line, and starts no server."""
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    env = {**with_faults(""), "KLYNGEKRISE_TEST_NO_PROC": "1", "XDG_RUNTIME_DIR": str(runtime)}
    result = run_make("report", f"BUILD={tmp_path / 'out'}", "-j2", env=env)
    said = [line for line in result.stdout.splitlines() if line.startswith("kernels:")]
    assert said == [kernels.plain_line("this system has no /no-proc/self/task to check that "
                                       "forking is safe")]
    assert (tmp_path / "out" / "report" / "report.html").exists()
    assert not list(runtime.rglob("server-*.sock"))


# -- staying out of the way --------------------------------------------------------------------

def _step(argv: list[str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "klyngekrise.build", *argv], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.build
def test_stop_during_a_build_keeps_its_kernels_and_lets_go_of_the_lock(own_server, tmp_path):
    notebook = _notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(4)", "print('done')")
    assert build.main(["prepare", "--build", str(tmp_path)]) == 0
    step = _step(["run", str(notebook), "--build", str(tmp_path)])
    server = kernels.status()["pid"]
    assert len(_children(server, 2)) == 2  # the step and its kernel, forked from the server
    assert kernels.stop()
    # Closed to new requests at once, and its lock let go: a new server starts now (it needs
    # the lock) and answers in its place. (Whether the socket exists just after the stop is a
    # race: the running build may already have started that new server.)
    new = kernels.status()["pid"]
    assert new != server
    assert psutil.pid_exists(server)  # the old one still runs its step
    # ... while the old one lets its step and kernel finish, then exits.
    out, err = step.communicate(timeout=120)
    assert step.returncode == 0, err
    executed = nbformat.read(tmp_path / "build" / "nb" / "executed" / "slow.ipynb", as_version=4)
    assert executed.cells[-1].outputs[0]["text"] == "done\n"
    assert _gone(server, within=30)
    # The old one's exit leaves the new one's socket alone: the next request reaches it.
    assert kernels.socket_path().exists()
    assert kernels.status()["pid"] == new


def _client(code: str) -> subprocess.Popen:
    """A process that asks the server, as a build step's client does (its own signal handlers).
    Its stdin is a pipe this test keeps open: the step it asks for gets it."""
    return subprocess.Popen([sys.executable, "-c", "import sys; from klyngekrise import kernels; "
                             + code], env=os.environ, stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL)


@pytest.mark.build
def test_exit_statuses_are_kept(own_server):
    # builtins.len(["a", "b", "c"]) is 3: what the step returns is its exit status.
    assert _client("sys.exit(kernels.delegate('builtins:len', ['a', 'b', 'c']))").wait(60) == 3
    client = _client("sys.exit(kernels.delegate('builtins:input', ['waits for a line']))")
    [child] = _children(kernels.status()["pid"], 1)
    child.send_signal(signal.SIGKILL)
    assert client.wait(timeout=60) == 128 + signal.SIGKILL  # as a shell reports it


@pytest.mark.build
def test_a_slow_client_holds_up_nobody(own_server):
    kernels.status()  # the server is up
    slow = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    slow.connect(str(kernels.socket_path()))
    slow.sendall(b"\x00\x00")  # two bytes of a request, and then nothing
    try:
        asked = _client("print(kernels.status()['pid'])")
        assert asked.wait(timeout=30) == 0  # answered while the slow one is still sending
    finally:
        slow.close()


def test_the_kernel_server_module_imports_no_build_step():
    """No import cycle: build imports kernels, which names its entry only as a string."""
    out = subprocess.run([sys.executable, "-c", "import sys, klyngekrise.kernels; "
                          "print(' '.join(m for m in sys.modules if m.startswith('klyngekrise')))"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert "klyngekrise.kernels" in out and "klyngekrise.build" not in out


# -- failures name papermill's cell ------------------------------------------------------------

@pytest.mark.build
def test_a_failure_names_the_cell_papermill_stopped_in(tmp_path, monkeypatch):
    """Two cells with the same source: the second fails, and the message says so."""
    monkeypatch.setenv(kernels.SWITCH, "plain")
    same = "ratio = 1 / divisor"
    notebook = _notebook(tmp_path / "twice.ipynb", "divisor = 1", same, "divisor = 0", same)
    notebook_nb = nbformat.read(notebook, as_version=4)
    notebook_nb.cells[0].metadata["tags"] = ["parameters"]  # papermill injects after it
    nbformat.write(notebook_nb, notebook)
    assert build.main(["prepare", "--build", str(tmp_path)]) == 0
    with pytest.raises(build.BuildError, match=r"twice.ipynb failed in cell 4 \(ratio = 1 / "
                                               r"divisor\): ZeroDivisionError"):
        build.run(str(notebook), str(tmp_path), "nb")


def _report_like(build_dir: Path, name: str, *cells: str) -> Path:
    """A notebook whose first cell declares the build's parameters, as the report's do (so
    papermill warns of none), after `prepare` into build_dir."""
    assert build.main(["prepare", "--build", str(build_dir)]) == 0
    params = (build_dir / "build" / "nb" / "params.json").read_text(encoding="utf-8")
    declared = "\n".join(f"{key} = None" for key in json.loads(params))
    notebook = _notebook(build_dir / name, declared, *cells)
    content = nbformat.read(notebook, as_version=4)
    content.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(content, notebook)
    return notebook


@pytest.mark.build
@pytest.mark.parametrize("mode", ["forked", "plain"])
def test_a_kernel_that_dies_is_one_line_naming_its_cell(own_server, tmp_path, monkeypatch, mode):
    monkeypatch.setenv(kernels.SWITCH, mode)
    notebook = _report_like(tmp_path, "dies.ipynb", "import os\nos._exit(3)", "print('never')")
    step = _step(["run", str(notebook), "--build", str(tmp_path)])
    _, err = step.communicate(timeout=120)
    assert step.returncode == 1
    assert err.splitlines() == [
        f"error: {notebook} stopped in cell 2 (import os): its kernel died (the Python running "
        "the notebook crashed, was killed or ran out of memory)"]


@pytest.mark.build
@pytest.mark.parametrize("mode", ["forked", "plain"])
def test_ctrl_c_in_a_cell_is_one_line_and_stops_the_kernel(own_server, tmp_path, monkeypatch,
                                                            mode):
    """The kernel shut down under a running cell: nbclient's 'Kernel died' line stays out."""
    monkeypatch.setenv(kernels.SWITCH, mode)
    started = tmp_path / "kernel.pid"  # written by the cell, then it waits
    notebook = _report_like(tmp_path, "waits.ipynb", "import os, pathlib, time\n"
                            f"pathlib.Path({str(started)!r}).write_text(str(os.getpid()))\n"
                            "time.sleep(300)")
    # In a session of its own, as make's recipes from a terminal: Ctrl-C reaches the group.
    step = _step(["run", str(notebook), "--build", str(tmp_path)], preexec_fn=as_from_a_terminal)
    deadline = time.monotonic() + 120
    while not started.is_file() or not started.read_text():
        assert step.poll() is None and time.monotonic() < deadline, step.communicate()
        time.sleep(0.1)
    os.killpg(step.pid, signal.SIGINT)
    _, err = step.communicate(timeout=120)
    assert step.returncode == 130
    assert err.splitlines() == [STOPPED.format(notebook)]
    assert _gone(int(started.read_text()), within=30)
    assert not (tmp_path / "build" / "nb" / "executed" / "waits.ipynb").exists()


STOPPED = "interrupted: run of {} stopped; the last good outputs are kept"


@pytest.mark.build
def test_ctrl_c_while_a_step_is_importing_is_one_line(tmp_path, monkeypatch):
    """make -j starts a step just as Ctrl-C comes (another step was being stopped): the step is
    still loading its modules, before main(), and says the same one line."""
    monkeypatch.setenv(kernels.SWITCH, "plain")
    step = _step(["run", "notebooks/04_markets.ipynb", "--build", str(tmp_path)],
                 env={**os.environ, **with_faults("import:klyngekrise.kernels:interrupt")},
                 preexec_fn=as_from_a_terminal)
    _, err = step.communicate(timeout=60)
    assert step.returncode == 130
    assert err.splitlines() == [STOPPED.format("notebooks/04_markets.ipynb")]
    assert not (tmp_path / "build").exists()  # stopped before it wrote anything


@pytest.mark.build
def test_ctrl_c_between_fork_and_step_reaches_the_step_as_one_line(own_server, tmp_path):
    """The Ctrl-C its caller passes on reaches a forked step before the step has begun: held
    until the step can take it, then the one line; the notebook never runs."""
    notebook = _report_like(tmp_path, "never.ipynb", "raise SystemExit('it ran')")
    step = _step(["run", str(notebook), "--build", str(tmp_path)],
                 env={**os.environ, **with_faults("forked:step:interrupt")},
                 preexec_fn=as_from_a_terminal)
    _, err = step.communicate(timeout=120)
    assert step.returncode == 130, err
    assert err.splitlines() == [STOPPED.format(notebook)]
    assert not (tmp_path / "build" / "nb" / "executed" / "never.ipynb").exists()


@pytest.mark.build
def test_ctrl_c_after_the_request_before_the_fork_is_passed_on(own_server, tmp_path,
                                                              monkeypatch, capfd,
                                                              ctrl_c_as_in_a_terminal):
    """Ctrl-C as the request goes out, the step not forked yet: kept, and sent to the step
    once it exists (which says its line); the caller's own handler is back afterwards."""
    notebook = _report_like(tmp_path, "never.ipynb", "raise SystemExit('it ran')")
    send = kernels._send

    def ctrl_c_then_send(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        return send(*args, **kwargs)

    before = signal.getsignal(signal.SIGINT)
    with monkeypatch.context() as patched:  # undone before own_server stops the server
        patched.setattr(kernels, "_send", ctrl_c_then_send)
        code = kernels.delegate("klyngekrise.build:step",
                                ["run", str(notebook), "--build", str(tmp_path)])
    assert code == 130
    assert capfd.readouterr().err.splitlines() == [STOPPED.format(notebook)]
    assert signal.getsignal(signal.SIGINT) is before
    assert not (tmp_path / "build" / "nb" / "executed" / "never.ipynb").exists()


@pytest.mark.build
def test_ctrl_c_before_the_request_stops_the_caller_at_once(own_server, tmp_path, monkeypatch,
                                                        ctrl_c_as_in_a_terminal):
    """Ctrl-C while the caller still connects (a cold server takes seconds to start): nothing
    was asked, so the caller stops there, rather than wait to fork a step only to stop it."""
    notebook = _report_like(tmp_path, "never.ipynb", "raise SystemExit('it ran')")
    connect = kernels.connect

    def ctrl_c_then_connect(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        return connect(*args, **kwargs)

    sent = []

    def not_sent(*args):  # (were it called, the server would never answer)
        sent.append(args)
        raise BrokenPipeError

    before = signal.getsignal(signal.SIGINT)
    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(kernels, "connect", ctrl_c_then_connect)
        patched.setattr(kernels, "_send", not_sent)
        kernels.delegate("klyngekrise.build:step", ["run", str(notebook), "--build", str(tmp_path)])
    assert sent == []
    assert signal.getsignal(signal.SIGINT) is before


def test_ctrl_c_that_lands_in_a_destructor_still_stops_the_step(tmp_path):
    """Python only reports an exception raised in __del__ ('Exception ignored'); a Ctrl-C that
    lands there (zmq's sockets are collected as kernels start) must stop the step all the same."""
    ran_on = tmp_path / "ran-on"
    script = f"""
import gc, pathlib, sys, time
from klyngekrise import build

class Collected:
    def __del__(self):
        raise KeyboardInterrupt  # as a SIGINT handled while the destructor runs

def prepare(*args):
    Collected()
    gc.collect()
    time.sleep(30)  # the rest of the step: the Ctrl-C, raised again, stops it here
    pathlib.Path({str(ran_on)!r}).write_text("the step ran on")

build.prepare = prepare
sys.exit(build.main(["prepare", "--build", {str(tmp_path)!r}]))
"""
    step = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(project() / "src")})
    assert step.returncode == 130
    assert step.stderr.splitlines() == ["interrupted: prepare stopped; the last good outputs are kept"]
    assert not ran_on.exists()


def test_the_project_copy_is_not_the_checkout():
    assert project() != ROOT and (project() / "Makefile").read_bytes() == (
        ROOT / "Makefile").read_bytes()
