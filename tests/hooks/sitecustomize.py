"""Fault injection for the tests, in every Python process of a real build: never shipped.

Python imports this at start-up when `tests/hooks` is on PYTHONPATH, which only the fault tests
set (`tests.conftest.with_faults`). It wraps the two functions every output goes through
(`klyngekrise.files.temporary` and `replace_into`), so a build fails at an exact point instead
of racing a timer. ``KLYNGEKRISE_FAULT=<point>:<action>`` (several separated by commas), read
at each call, since one kernel server serves builds with different faults:

- points: ``temporary:<file name>`` (a temporary file is about to be made: ``readonly`` here is
  a read-only folder), ``write:<file name>`` (the temporary file is written, the target not yet
  replaced: ``write:04_markets.ipynb`` is a notebook that ran, its result not yet in place),
  ``replaced:<file name>`` (the target is in place, make not yet told), ``import:<module>``
  (the module is about to be imported: a step still starting up), ``forked:step`` (a child of
  the kernel server has taken its caller's streams and environment, its step not yet begun);
- actions: ``interrupt`` (Ctrl-C as a terminal sends it: SIGINT to the process group of the
  make the test started), ``kill`` (SIGKILL to this process, a crash with no clean-up),
  ``nospace`` / ``readonly`` (the write fails as on a full disk or a read-only folder).

``KLYNGEKRISE_TEST_NO_PROC=1`` makes the build see a platform without /proc (as a Mac): no
thread count, so no forked kernels.

Only the `interrupt` action needs to know make's process group; a step forked from the kernel
server is in the server's, so the first process of the build notes it in its environment,
which the server hands to every step it forks. The hook imports nothing of the package at
start-up: it patches each module as it is imported, so a step starts as it would without it.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import time
from importlib.machinery import PathFinder

VARIABLE = "KLYNGEKRISE_FAULT"
GROUP = "KLYNGEKRISE_FAULT_GROUP"


def _act(action: str, path) -> None:
    if action == "interrupt":
        os.killpg(int(os.environ.get(GROUP) or os.getpgrp()), signal.SIGINT)
        if signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []):
            return  # held until the step takes it (a forked step not yet begun)
        time.sleep(10)  # KeyboardInterrupt arrives here, directly or passed on; bounded
    elif action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "nospace":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    elif action == "readonly":
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
    else:
        raise ValueError(f"{VARIABLE}: unknown action {action!r}")


def point(name: str, path) -> None:
    for spec in filter(None, os.environ.get(VARIABLE, "").split(",")):
        where, _, action = spec.rpartition(":")
        if where == name:
            _act(action, path)


def _patch_files(files) -> None:
    temporary, replace_into = files.temporary, files.replace_into

    def faulty_temporary(target, suffix=""):
        point(f"temporary:{target.name}", target.parent)
        return temporary(target, suffix)

    def faulty_replace_into(partial, target):
        files.record(target)  # listed first, as replace_into does: a crash leaves no unlisted file
        point(f"write:{target.name}", target)
        replace_into(partial, target)
        point(f"replaced:{target.name}", target)

    # Before any module binds the names (`from klyngekrise.files import ...`).
    files.temporary, files.replace_into = faulty_temporary, faulty_replace_into


def _patch_kernels(kernels) -> None:
    if os.environ.get("KLYNGEKRISE_TEST_NO_PROC"):
        from pathlib import Path

        kernels.TASKS = Path("/no-proc/self/task")


def _patch_build(build) -> None:
    step = build.step  # what a child of the kernel server calls, by name, once it is set up

    def fault_then_step(argv):
        point("forked:step", None)
        return step(argv)

    build.step = fault_then_step


_PATCHES = {"klyngekrise.files": _patch_files, "klyngekrise.kernels": _patch_kernels,
            "klyngekrise.build": _patch_build}


class _OnImport:
    """First on sys.meta_path: the `import:` point, and each patch as its module loads."""

    def find_spec(self, name, path=None, target=None):
        point(f"import:{name}", name)
        patch = _PATCHES.get(name)
        spec = PathFinder.find_spec(name, path) if patch else None
        if spec is None or spec.loader is None:
            return None
        load = spec.loader.exec_module

        def load_then_patch(module):
            load(module)
            patch(module)

        spec.loader.exec_module = load_then_patch
        return spec


def _install() -> None:
    os.environ.setdefault(GROUP, str(os.getpgrp()))
    sys.meta_path.insert(0, _OnImport())


def _chain() -> None:
    """Run the sitecustomize this one hides, if the Python has one."""
    import importlib.util

    here = os.path.realpath(__file__)
    folder = os.path.dirname(here)
    spec = PathFinder.find_spec("sitecustomize", [
        p for p in sys.path if os.path.realpath(p or ".") != folder])
    if spec and spec.origin and os.path.realpath(spec.origin) != here:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))


_install()
_chain()
