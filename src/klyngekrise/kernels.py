"""Notebooks without start-up cost: a private server that imports the heavy modules once and
forks a fresh process for every build step and every kernel.

Each notebook still gets its own kernel process with an empty namespace, as with a plain
kernel; only the import work is shared, copy-on-write. The server

- listens on a Unix socket in a folder only its user can open (no TCP port);
- forks from a clean state: one thread, no zmq context (both checked before each fork);
- exits after IDLE seconds without requests or running children, and as soon as the
  package source it imported has changed (the next build starts a new one); `stop` closes it
  to new requests at once, and it exits when the steps and kernels it forked have finished;
- reports each child's exit status (it reaps them), and reads a request only once it has
  arrived whole, so a slow client holds up nobody;
- is chosen by `KERNELS=forked` (the default); `KERNELS=plain` runs every step in its own
  process and starts kernels the usual way, with no server. Where forking cannot be checked
  safe (no /proc/self/task to count threads, no Unix sockets) or the server fails, a step runs
  with plain kernels and says so in one line.

Kernels come through jupyter_client's provisioner interface (`ForkedProvisioner`, registered
as `klyngekrise-forked`), so papermill and nbclient are used unchanged.

    python -m klyngekrise.kernels serve SOCKET   (started by the first build step that needs it)
    python -m klyngekrise.kernels status|stop

The package's build steps reach it through `delegate("module:function", argv)`; this module
imports none of them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import select
import selectors
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


# Where the threads of this process are listed; without it forking cannot be checked safe.
TASKS = Path("/proc/self/task")


def unavailable() -> str | None:
    """Why this platform cannot run the server safely, or None when it can."""
    if not hasattr(os, "fork") or not hasattr(socket, "AF_UNIX") or not hasattr(socket, "send_fds"):
        return "this system has no fork or Unix sockets"
    if not TASKS.is_dir():
        return f"this system has no {TASKS} to check that forking is safe"
    return None


def plain_line(reason: str) -> str:
    """The one line a step says when it runs without the server."""
    return f"kernels: plain kernels, without the kernel server ({reason}); same outputs, slower"


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
    """Changes when the package's source or words, the Python, its installed packages or the variables
    read at import change."""
    digest = hashlib.sha256(sys.executable.encode())
    for name in IMPORT_TIME_VARIABLES:
        digest.update(f"{name}={os.environ.get(name, '')}\0".encode())
    # The words too: text.strings() caches them in the process that reads them.
    for path in sorted([*PACKAGE_DIR.glob("*.py"), *PACKAGE_DIR.glob("locale/*/LC_MESSAGES/*.po")]):
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0" + path.read_bytes())
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
    if sent < len(packet):  # not an empty send: the server may have answered and closed
        sock.sendall(packet[sent:])


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
            raise KernelServerError(f"the kernel server did not start (log: {log})\n{tail}")
        if (started is None or started.poll() == 0) and not _lock_held(path):
            started = _start_server(path)  # none yet, or the one we started found another
        time.sleep(0.02)


def _lock_held(path: Path) -> bool:
    """Whether a server holds this source's lock (starting or serving)."""
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


def _ask(message: dict, fds: list[int] = (), path: Path | None = None, on_send=None):
    """Send one request; return the connection and its reply lines, the first one read.
    ``on_send`` is called once connected, just before the request goes out.

    A server that was just closing (idle, stopped, or its source changed) may drop a
    connection it had not read yet; the request is then sent again, to the server `connect`
    starts in its place. Nothing ran: nothing runs before the server's first reply line.
    """
    for attempt in range(3):
        sock = connect(path)
        if on_send is not None:
            on_send()
        try:
            _send(sock, message, fds)
            lines = _lines(sock)
            first = next(lines)
        except (BrokenPipeError, ConnectionResetError, StopIteration):
            sock.close()
            if attempt == 2:
                raise KernelServerError("the kernel server closed the connection unanswered") from None
            time.sleep(0.1)
            continue
        if first[0] == "error":
            sock.close()
            raise KernelServerError(first[1])
        return sock, first, lines
    raise AssertionError("unreachable")


def _status_code(code: int) -> int:
    """A child's exit code as a shell gives it: 128 + N for a child killed by signal N."""
    return 128 - code if code < 0 else code


def delegate(entry: str, argv: list[str]) -> int:
    """Run ``entry`` ("module:function", called with ``argv``) in a process forked from the
    server, with this process's stdin, stdout, stderr, working folder and environment; return
    its exit status. Ctrl-C and make's TERM or HUP meanwhile go to the step, not to us. The
    step starts with SIGINT blocked, so a Ctrl-C waits until the entry unblocks it when ready
    to take it (klyngekrise.build.main does)."""
    env = {**os.environ, **KERNEL_ENV}
    child, held, asked = None, [], []

    def forward(signum, _frame):
        if child is None:
            if signum == signal.SIGINT and not asked:
                raise KeyboardInterrupt  # nothing asked yet (a server may be starting): stop
            held.append(signum)  # asked, not forked yet: passed on when it is
            return
        try:
            os.kill(child, signum)
        except ProcessLookupError:
            pass  # the step has ended: its exit status is on its way

    previous = {signum: signal.signal(signum, forward)
                for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
                if signal.getsignal(signum) is not signal.SIG_IGN}  # ignored stays ignored
    try:
        try:
            sock, (word, value), lines = _ask(
                {"op": "call", "entry": entry, "argv": argv, "cwd": os.getcwd(), "env": env},
                [0, 1, 2], on_send=lambda: asked.append(True))
        except (KernelServerError, OSError):
            if signal.SIGINT in held:  # no step was forked: the Ctrl-C was ours
                raise KeyboardInterrupt from None
            raise
        child = int(value)
        for signum in held:
            try:
                os.kill(child, signum)  # its SIGINT is blocked until its step is ready for it
            except ProcessLookupError:
                pass
        with sock:
            for word, value in lines:
                if word == "exit":
                    return _status_code(int(value))
        # Never silently: make must not take the step as done.
        sys.stderr.write(f"error: the kernel server stopped before step {child} finished\n")
        return 1
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        for signum in (signal.SIGTERM, signal.SIGHUP):
            if signum in held and child is None:
                os.kill(os.getpid(), signum)  # meant for a step never forked: now ours


def status(path: Path | None = None) -> dict:
    """The running server's pid, threads, zmq state and preloaded modules (for tests)."""
    sock, (word, value), _ = _ask({"op": "status"}, path=path)
    with sock:
        return json.loads(value)


def stop(path: Path | None = None) -> bool:
    """Close the server for this source to new requests; False if none was running. Steps and
    kernels it runs finish first (it exits after them); the next build starts a new one."""
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
    server's child rather than ours: the server sends its exit status when it reaps it."""

    def __init__(self, pid: int, sock: socket.socket, lines):
        self.pid = pid
        self.returncode = None
        self.stdin = self.stdout = self.stderr = None
        self._sock, self._lines = sock, lines

    def _read(self, timeout: float | None) -> None:
        if self._sock is None or not select.select([self._sock], [], [], timeout)[0]:
            return
        for word, value in self._lines:
            if word == "exit":
                self.returncode = int(value)
                break
        else:  # the server went away without a word: only the process table can tell
            if not _alive(self.pid):
                self.returncode = -signal.SIGKILL
        self._sock.close()
        self._sock = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self._read(0)
            if self._sock is None and self.returncode is None and not _alive(self.pid):
                self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            if self._sock is not None:
                self._read(left)
            else:
                time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


@functools.cache
def _provisioner_class():
    from jupyter_client.provisioning import LocalProvisioner

    class ForkedProvisioner(LocalProvisioner):
        """LocalProvisioner, except that the kernel process is forked by the server; where the
        server cannot fork one, a plain kernel, said in one line."""

        async def launch_kernel(self, cmd: list[str], **kwargs) -> dict:
            if cmd[1:3] != ["-m", "ipykernel_launcher"]:
                return await super().launch_kernel(cmd, **kwargs)  # not ours to fork
            try:
                sock, (word, value), lines = _ask(
                    {"op": "kernel", "argv": cmd[3:], "cwd": str(kwargs.get("cwd") or os.getcwd()),
                     # as jupyter_client's launcher sets it for a plain kernel
                     "env": {**(kwargs.get("env") or os.environ),
                             "JPY_PARENT_PID": str(os.getpid())}}, [1, 2])
            except KernelServerError as err:
                sys.stderr.write(plain_line(str(err).splitlines()[0]) + "\n")
                return await super().launch_kernel(cmd, **kwargs)
            pid = int(value)
            self.process = ForkedKernel(pid, sock, lines)
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
    """What must hold before a fork: one thread (None: cannot be counted here), no zmq context."""
    import threading

    zmq = sys.modules.get("zmq")
    try:
        threads = len(os.listdir(TASKS))
    except OSError:
        threads = None
    return {"threads": threads, "python_threads": threading.active_count(),
            "zmq_context": bool(zmq and zmq.Context._instance is not None)}


def _become(request: dict, fds: list[int], stdin_null: bool) -> None:
    """In a forked child: take the caller's streams, folder and environment; fresh randomness."""
    signal.set_wakeup_fd(-1)
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


def _child(request: dict, fds: list[int]) -> None:
    """A forked child: a build step or a kernel. Never returns; the server reports its exit."""
    code = 1
    try:
        if request["op"] == "kernel":
            os.setsid()  # its own process group, as jupyter_client's launcher gives a kernel
            _become(request, fds, stdin_null=True)
            import ipykernel_launcher

            sys.argv = [ipykernel_launcher.__file__, *request["argv"]]
            sys.path[0] = request["cwd"]  # as `python -m ipykernel_launcher` started there
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
            import importlib

            _become(request, fds, stdin_null=False)
            module, _, function = request["entry"].partition(":")
            sys.argv = [f"python -m {module}", *request["argv"]]
            code = getattr(importlib.import_module(module), function)(request["argv"])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except KeyboardInterrupt:  # past the step's own handling (a second Ctrl-C): only the status
        code = 130
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        # Nothing more may interrupt: a KeyboardInterrupt here would skip os._exit and return
        # this child into the server's loop.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        os._exit(code)  # not the server's atexit handlers


def _watch_launcher(pid: int) -> None:
    import threading

    def watch():
        while _alive(pid):
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


class _Incoming:
    """A request arriving on a non-blocking connection: a length prefix, JSON, and the
    caller's file descriptors alongside the first bytes."""

    def __init__(self, conn: socket.socket):
        self.conn, self.data, self.fds = conn, b"", []

    def read(self) -> dict | None:
        """Read what has arrived; the request once whole, else None. ConnectionError if the
        client went away first."""
        try:
            data, fds, _, _ = socket.recv_fds(self.conn, 65536, 8)
        except BlockingIOError:
            return None
        self.fds += fds
        if not data:
            raise ConnectionError("the client went away")
        self.data += data
        if len(self.data) < 4 or len(self.data) < 4 + struct.unpack("!I", self.data[:4])[0]:
            return None
        return json.loads(self.data[4:])

    def close(self) -> None:
        for fd in self.fds:
            os.close(fd)
        self.fds = []
        self.conn.close()


class _Server:
    """One thread, one loop: it accepts, reads requests as they arrive, forks, and reaps."""

    def __init__(self, path: Path, lock, idle: float):
        self.path, self.lock, self.idle = path, lock, idle
        self.key = path.stem.removeprefix("server-")
        started = time.perf_counter()
        self.info = {"pid": os.getpid(), "preloaded": _preload(),
                     "preload_seconds": round(time.perf_counter() - started, 3)}
        self.incoming: dict[socket.socket, _Incoming] = {}
        self.waiting: dict[int, socket.socket] = {}  # child pid -> the caller, told its exit
        self.selector = selectors.PollSelector()  # poll holds no descriptor a child inherits
        self.wake_read, self.wake_write = os.pipe()
        for fd in (self.wake_read, self.wake_write):
            os.set_blocking(fd, False)
        # A child's exit wakes the loop at once: its status goes out without delay.
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.set_wakeup_fd(self.wake_write)
        self.selector.register(self.wake_read, selectors.EVENT_READ)
        path.unlink(missing_ok=True)  # a server that died without cleaning up; we hold the lock
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(str(path))
        os.chmod(path, 0o600)
        self.listener.listen(64)
        self.listener.setblocking(False)
        self.selector.register(self.listener, selectors.EVENT_READ)
        self.last = time.monotonic()

    def run(self) -> int:
        try:
            while self.listener is not None:
                events = self.selector.select(timeout=0.2)
                self._serve(events)
                if not events and not self.waiting and not self.incoming and (
                        time.monotonic() - self.last > self.idle or source_key() != self.key):
                    self._close()
            while self.waiting or self.incoming:  # closed: the children finish first
                self._serve(self.selector.select(timeout=1.0))
        finally:
            # Not a bare unlink: once closed, the path may be a new server's socket already.
            self._close()
        return 0

    def _serve(self, events) -> None:
        for key, _ in events:
            if key.fileobj is self.listener:
                self._accept()
            elif key.fileobj == self.wake_read:
                while True:
                    try:
                        if not os.read(self.wake_read, 512):
                            break
                    except BlockingIOError:
                        break
            else:
                self._read(self.incoming[key.fileobj])
        self._reap()

    def _accept(self) -> None:
        while self.listener is not None:
            try:
                conn, _ = self.listener.accept()
            except BlockingIOError:
                return
            conn.setblocking(False)
            self.incoming[conn] = _Incoming(conn)
            self.selector.register(conn, selectors.EVENT_READ)
            self.last = time.monotonic()

    def _read(self, incoming: _Incoming) -> None:
        try:
            request = incoming.read()
        except (OSError, ValueError):
            request = None
            self._drop(incoming)
        if request is None:
            return
        self._drop(incoming, close=False)
        try:
            self._answer(incoming, request)
        except OSError:
            pass  # the client went away
        finally:
            incoming.close()

    def _drop(self, incoming: _Incoming, close: bool = True) -> None:
        self.selector.unregister(incoming.conn)
        del self.incoming[incoming.conn]
        if close:
            incoming.close()

    def _answer(self, incoming: _Incoming, request: dict) -> None:
        conn = incoming.conn
        conn.setblocking(True)
        if request["op"] == "status":
            conn.sendall(f"status {json.dumps({**self.info, **_fork_safety()})}\n".encode())
        elif request["op"] == "stop":
            self._close()  # first: whoever is told "ok" reaches a new server next
            conn.sendall(b"ok\n")
        else:
            safety = _fork_safety()
            if safety["threads"] != 1 or safety["zmq_context"]:
                conn.sendall(f"error the kernel server is not safe to fork: {safety}\n".encode())
                return
            # A step's Ctrl-C (passed on by its caller) waits, blocked, until the step is ready
            # to take it as one line (klyngekrise.build.main unblocks it): no traceback from
            # the moment between fork and step.
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) \
                if request["op"] == "call" else None
            try:
                pid = os.fork()
                if pid == 0:
                    self._in_child(incoming)
                    _child(request, incoming.fds)
            finally:
                if mask is not None:  # in the server, also when fork fails
                    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            conn.sendall(f"pid {pid}\n".encode())
            self.waiting[pid] = conn.dup()

    def _in_child(self, mine: _Incoming) -> None:
        """Close in a new child what belongs to the server: the listener, the lock (so a new
        server can take it while this child runs), other callers' connections."""
        for fd in (self.wake_read, self.wake_write):
            os.close(fd)
        if self.listener is not None:
            self.listener.close()
        self.lock.close()
        for incoming in self.incoming.values():
            incoming.close()
        for conn in self.waiting.values():
            conn.close()
        mine.conn.close()

    def _close(self) -> None:
        """No new requests: a new client starts a new server (the lock is let go at once);
        connections accepted already are served."""
        if self.listener is None:
            return
        self.path.unlink(missing_ok=True)
        self._accept()
        self.selector.unregister(self.listener)
        self.listener.close()
        self.listener = None
        self.lock.close()

    def _reap(self) -> None:
        while self.waiting:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn = self.waiting.pop(pid, None)
            if conn is not None:
                try:
                    conn.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
                except OSError:
                    pass  # the caller went away
                conn.close()


def serve(path: Path) -> int:
    import fcntl

    # Held for the server's life (open() gives a descriptor no exec inherits; forked children
    # close it). Not `with`: it is closed as soon as the server stops taking requests.
    lock = open(path.with_suffix(".lock"), "w")  # noqa: SIM115
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return 0  # another server for this source is starting or serving
    return _Server(path, lock, float(os.environ.get(IDLE_VARIABLE, IDLE_SECONDS))).run()


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
        print("stopped; it exits when its running steps finish" if stop()
              else "no server was running")
        return 0
    print(json.dumps(status(), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
