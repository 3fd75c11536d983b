"""Notebooks without start-up cost: a private server that imports the heavy modules once and
forks a fresh process for every build step and every kernel.

Each notebook still gets its own kernel process with an empty namespace, as with a plain
kernel; only the import work is shared, copy-on-write. The server

- listens on a Unix socket in a folder only its user can open (no TCP port);
- forks from a clean state: one thread, no zmq context (both checked before each fork);
- exits after IDLE seconds without requests or running children, and as soon as the
  package source it imported has changed (the next build starts a new one);
- is chosen by `KERNELS=forked` (the default); `KERNELS=plain` runs every step in its own
  process and starts kernels the usual way, with no server.

Kernels come through jupyter_client's provisioner interface (`ForkedProvisioner`, registered
as `klyngekrise-forked`), so papermill and nbclient are used unchanged.

    python -m klyngekrise.kernels serve SOCKET   (started by the first build step that needs it)
    python -m klyngekrise.kernels status|stop
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import signal
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SWITCH = "KERNELS"
IDLE_VARIABLE = "KLYNGEKRISE_SERVER_IDLE"
IDLE_SECONDS = 20.0
START_TIMEOUT = 120.0
PACKAGE_DIR = Path(__file__).resolve().parent
# What every forked step may need; imported once by the server. Missing ones are skipped.
PRELOAD = ("klyngekrise.build", "papermill", "nbclient", "jupyter_client", "ipykernel.kernelapp",
           "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger", "sqlite3",
           "tornado.queues", "pdb", "pandas", "matplotlib.pyplot", "seaborn",
           "statsmodels.stats.proportion", "klyngekrise.chapter3", "klyngekrise.publication",
           "klyngekrise.stitching")
# The build's figures are drawn off screen, in forked and in plain kernels alike.
KERNEL_ENV = {"MPLBACKEND": "Agg"}
# BLAS thread pools are threads alive at fork; the build's arrays are tiny.
SERVER_ENV = {**KERNEL_ENV, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
              "PYDEVD_DISABLE_FILE_VALIDATION": "1",  # ipykernel.debugger: quiet at import
              "MKL_NUM_THREADS": "1"}


class KernelServerError(Exception):
    """The server could not be started or reached; the message says where to look."""


def forked() -> bool:
    return os.environ.get(SWITCH, "forked") != "plain"


# -- where the server lives ---------------------------------------------------------------

def private_dir() -> Path:
    """A folder only this user can enter: $XDG_RUNTIME_DIR or the temp folder, per user."""
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    folder = Path(base) / f"klyngekrise-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.lstat()
    if (not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid()
            or stat.S_IMODE(info.st_mode) & 0o077):
        raise KernelServerError(f"{folder} must be a folder owned by you with mode 0700 "
                                f"(it is {stat.filemode(info.st_mode)}); remove it or use "
                                f"{SWITCH}=plain")
    return folder


# Read once, when the server imports the modules: a change needs a server of its own.
IMPORT_TIME_VARIABLES = ("PYTHONPATH", "PYTHONHASHSEED", "MPLCONFIGDIR", "MATPLOTLIBRC")


def source_key() -> str:
    """Changes when the package's source, the Python, its installed packages or the variables
    read at import change."""
    digest = hashlib.sha256(sys.executable.encode())
    for name in IMPORT_TIME_VARIABLES:
        digest.update(f"{name}={os.environ.get(name, '')}\0".encode())
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    import sysconfig

    digest.update(str(os.stat(sysconfig.get_paths()["purelib"]).st_mtime_ns).encode())
    return digest.hexdigest()[:16]


def socket_path() -> Path:
    return private_dir() / f"server-{source_key()}.sock"


# -- messages: a length-prefixed JSON object, the caller's file descriptors alongside -------

def _send(sock: socket.socket, message: dict, fds: list[int] = ()) -> None:
    data = json.dumps(message).encode()
    packet = struct.pack("!I", len(data)) + data
    sent = socket.send_fds(sock, [packet], list(fds)) if fds else sock.send(packet)
    sock.sendall(packet[sent:])


def _receive(sock: socket.socket) -> tuple[dict, list[int]]:
    data, fds, _, _ = socket.recv_fds(sock, 65536, 8)
    if len(data) < 4:
        raise ConnectionError("empty request")
    size = struct.unpack("!I", data[:4])[0]
    data = data[4:]
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("request cut short")
        data += chunk
    return json.loads(data), fds


def _lines(sock: socket.socket):
    """The server's replies: one `word value` line each."""
    buffer = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            word, _, value = line.decode().partition(" ")
            yield word, value


# -- the client side ----------------------------------------------------------------------

def connect(path: Path | None = None) -> socket.socket:
    """A connection to the server for this package source, starting it if none is running."""
    path = path or socket_path()
    started = None
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(str(path))
            return sock
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
        failed = started is not None and started.poll() not in (None, 0)
        if failed or time.monotonic() > deadline:
            log = path.with_suffix(".log")
            tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
            raise KernelServerError(f"the kernel server did not start (log: {log}); "
                                    f"{SWITCH}=plain runs without it\n{tail}")
        if (started is None or started.poll() == 0) and not _lock_held(path):
            started = _start_server(path)  # none yet, or the one we started found another
        time.sleep(0.02)


def _lock_held(path: Path) -> bool:
    """Whether a server holds this source's lock (starting, serving or stopping)."""
    import fcntl

    with open(path.with_suffix(".lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
    return False


def _start_server(path: Path) -> subprocess.Popen:
    with open(path.with_suffix(".log"), "ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "klyngekrise.kernels", "serve", str(path)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
            cwd=PACKAGE_DIR.parents[1], env={**os.environ, **SERVER_ENV})


def _ask(message: dict, fds: list[int] = (), path: Path | None = None) -> socket.socket:
    """Connect and send one request. A server that was just closing (idle, or its source
    changed) may drop a connection it had not read yet; the request is then sent again, to
    the server `connect` starts in its place. Nothing ran: the request never arrived."""
    for attempt in range(3):
        sock = connect(path)
        try:
            _send(sock, message, fds)
            return sock
        except (BrokenPipeError, ConnectionResetError):
            sock.close()
            if attempt == 2:
                raise
            time.sleep(0.1)
    raise AssertionError("unreachable")


def delegate(argv: list[str]) -> int:
    """Run `python -m klyngekrise.build ARGV` in a process forked from the server, with this
    process's stdin, stdout, stderr, working folder and environment; return its exit code."""
    env = {**os.environ, **KERNEL_ENV, "KLYNGEKRISE_CALLER_PGRP": str(os.getpgrp())}
    sock = _ask({"op": "build", "argv": argv, "cwd": os.getcwd(), "env": env}, [0, 1, 2])
    child = None

    def forward(signum, _frame):  # Ctrl-C or make's TERM reaches the step, not just us
        if child:
            os.kill(child, signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    for word, value in _lines(sock):
        if word == "pid":
            child = int(value)
        elif word == "exit":
            return int(value)
        elif word == "error":
            raise KernelServerError(value)
    return 1  # the step died without reporting (killed): make must not take it as done


def status(path: Path | None = None) -> dict:
    """The running server's pid, threads, zmq state and preloaded modules (for tests)."""
    sock = _ask({"op": "status"}, path=path)
    with sock:
        return json.loads(sock.makefile().readline())


def stop(path: Path | None = None) -> bool:
    """Ask the server for this source to exit; False if none was running."""
    path = path or socket_path()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
    except (FileNotFoundError, ConnectionRefusedError):
        return False
    with sock:
        try:
            _send(sock, {"op": "stop"})
            sock.recv(16)
        except OSError:
            return False  # it was stopping already
    return True


# -- the provisioner: kernels forked by the server, driven like any local kernel --------------

class ForkedKernel:
    """The little of subprocess.Popen that jupyter_client uses, for a kernel that is the
    server's child rather than ours."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode = None
        self.stdin = self.stdout = self.stderr = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = -signal.SIGKILL  # the server reaps it; its status is gone
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


@functools.cache
def _provisioner_class():
    from jupyter_client.provisioning import LocalProvisioner

    class ForkedProvisioner(LocalProvisioner):
        """LocalProvisioner, except that the kernel process is forked by the server."""

        async def launch_kernel(self, cmd: list[str], **kwargs) -> dict:
            if cmd[1:3] != ["-m", "ipykernel_launcher"]:
                return await super().launch_kernel(cmd, **kwargs)  # not ours to fork
            sock = _ask({"op": "kernel", "argv": cmd[3:],
                         "cwd": str(kwargs.get("cwd") or os.getcwd()),
                         # as jupyter_client's launcher sets it for a plain kernel
                         "env": {**(kwargs.get("env") or os.environ),
                                 "JPY_PARENT_PID": str(os.getpid())}}, [1, 2])
            with sock:
                reply = dict(_lines(sock))
            if "pid" not in reply:
                raise KernelServerError(reply.get("error", "the kernel server did not fork a kernel"))
            pid = int(reply["pid"])
            self.process = ForkedKernel(pid)
            self.pid = self.pgid = pid  # the kernel leads its own process group, as Popen's does
            self.cwd = kwargs.get("cwd") or os.getcwd()
            return self.connection_info

    return ForkedProvisioner


def __getattr__(name: str):
    # The entry point names klyngekrise.kernels:ForkedProvisioner; jupyter_client is imported
    # only when it is asked for, so build steps that start no kernel stay light.
    if name == "ForkedProvisioner":
        return _provisioner_class()
    raise AttributeError(name)


PROVISIONER_NAME = "klyngekrise-forked"


# -- the server ------------------------------------------------------------------------------

def _preload() -> list[str]:
    import importlib

    loaded = []
    for name in PRELOAD:
        try:
            importlib.import_module(name)
            loaded.append(name)
        except ImportError:
            pass
    if "pandas" in sys.modules:
        # pandas sizes tables to the terminal when imported outside a kernel (max_columns 0);
        # inside one it shows up to 20 columns. Kernels forked from here must print as a
        # plain kernel does, so the executed notebooks keep the same bytes.
        sys.modules["pandas"].set_option("display.max_columns", 20)
    return loaded


def _fork_safety() -> dict:
    """What must hold before a fork: one thread, no zmq context."""
    import threading

    zmq = sys.modules.get("zmq")
    return {"threads": len(os.listdir("/proc/self/task")),
            "python_threads": threading.active_count(),
            "zmq_context": bool(zmq and zmq.Context._instance is not None)}


def _become(request: dict, fds: list[int], stdin_null: bool) -> None:
    """In a forked child: take the caller's streams, folder and environment; fresh randomness."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    targets = (1, 2) if stdin_null else (0, 1, 2)
    for fd, target in zip(fds, targets, strict=True):
        os.dup2(fd, target)
        os.close(fd)
    if stdin_null:
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    import random

    random.seed()
    if "numpy.random" in sys.modules:
        sys.modules["numpy.random"].seed()


def _child(conn: socket.socket, request: dict, fds: list[int]) -> None:
    """A forked child: a build step or a kernel. Never returns."""
    code = 1
    try:
        if request["op"] == "kernel":
            os.setsid()  # its own process group, as jupyter_client's launcher gives a kernel
            _become(request, fds, stdin_null=True)
            import ipykernel_launcher

            sys.argv = [ipykernel_launcher.__file__, *request["argv"]]
            sys.path[0] = request["cwd"]  # as `python -m ipykernel_launcher` started there
            conn.sendall(f"pid {os.getpid()}\n".encode())
            conn.close()
            from ipykernel import kernelapp

            argv = request["argv"]
            launcher = int(request["env"].get("JPY_PARENT_PID") or 0)
            if launcher:
                # ipykernel read JPY_PARENT_PID when the server imported it; a kernel whose
                # launcher is gone stops, as ipykernel's parent poller stops a plain one.
                argv = [*argv, f"--IPKernelApp.parent_handle={launcher}"]
                _watch_launcher(launcher)
            kernelapp.launch_new_instance(argv=argv)
            code = 0
        else:
            _become(request, fds, stdin_null=False)
            sys.argv = ["python -m klyngekrise.build", *request["argv"]]
            conn.sendall(f"pid {os.getpid()}\n".encode())
            from klyngekrise import build

            code = build.main(request["argv"], delegate=False)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        if request["op"] == "build":
            try:
                conn.sendall(f"exit {code}\n".encode())
            except OSError:
                pass
        os._exit(code)  # not the server's atexit handlers


def _watch_launcher(pid: int) -> None:
    import threading

    def watch():
        while _alive(pid):
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def serve(path: Path) -> int:
    import fcntl

    lock = open(path.with_suffix(".lock"), "w")  # noqa: SIM115 (held for the server's life)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return 0  # another server for this source is starting, running or stopping
    key = path.stem.removeprefix("server-")
    started = time.perf_counter()
    server = {"pid": os.getpid(), "preloaded": _preload(),
              "preload_seconds": round(time.perf_counter() - started, 3)}
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    idle = float(os.environ.get(IDLE_VARIABLE, IDLE_SECONDS))
    path.unlink(missing_ok=True)  # a server that died without cleaning up; we hold the lock
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    os.chmod(path, 0o600)
    listener.listen(64)
    listener.settimeout(0.2)
    children: set[int] = set()
    last = time.monotonic()
    try:
        while True:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                children = {pid for pid in children if _alive(pid)}
                if not children and (time.monotonic() - last > idle or source_key() != key):
                    break
                continue
            last = time.monotonic()
            if not _handle(conn, listener, server, children):
                break
        # New clients start a new server from here on; those already waiting are served.
        path.unlink(missing_ok=True)
        listener.setblocking(False)
        while True:
            try:
                conn, _ = listener.accept()
            except BlockingIOError:
                return 0
            _handle(conn, listener, server, children)
    finally:
        path.unlink(missing_ok=True)


def _handle(conn: socket.socket, listener: socket.socket, server: dict, children: set[int]) -> bool:
    """Answer one request; False if it asked the server to stop."""
    conn.setblocking(True)
    try:
        request, fds = _receive(conn)
    except (OSError, ValueError):
        conn.close()
        return True
    try:
        if request["op"] == "status":
            conn.sendall((json.dumps({**server, **_fork_safety()}) + "\n").encode())
        elif request["op"] == "stop":
            conn.sendall(b"ok\n")
            return False
        else:
            safety = _fork_safety()
            if safety["threads"] != 1 or safety["zmq_context"]:
                conn.sendall(f"error the kernel server is not safe to fork: {safety}\n".encode())
            else:
                pid = os.fork()
                if pid == 0:
                    listener.close()
                    _child(conn, request, fds)
                children.add(pid)
    except OSError:
        pass  # the client went away
    finally:
        for fd in fds:
            os.close(fd)
        conn.close()
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    if command == "serve":
        return serve(Path(argv[1]))
    if command == "stop":
        print("stopped" if stop() else "no server was running")
        return 0
    print(json.dumps(status(), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
