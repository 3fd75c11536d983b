"""Deterministic crash points for the fault-injection tests; inert unless asked for.

A test sets ``KLYNGEKRISE_FAULT=<point>:<action>`` (several separated by commas) and the build
fails at that exact point, instead of racing a timer:

- ``interrupt``: Ctrl-C as a terminal sends it, SIGINT to the whole process group (make too);
- ``kill``: SIGKILL to this process, a crash with no chance to clean up;
- ``nospace`` / ``readonly``: the write fails as on a full disk or a read-only folder.

Points are named where they are called: ``temporary:<file name>`` (a temporary file is about to
be made: ``readonly`` here is a read-only folder), ``write:<file name>`` (the temporary file is
written, the target not yet replaced), ``run:<notebook stem>`` (a notebook ran, its result not
yet in place), ``stitch`` (the report is in place, make not yet told).
"""

from __future__ import annotations

import errno
import os
import signal

VARIABLE = "KLYNGEKRISE_FAULT"


def point(name: str, path: os.PathLike | str | None = None) -> None:
    """Fail here if the environment asks for a fault at ``name``."""
    wanted = os.environ.get(VARIABLE)
    if not wanted:
        return
    for spec in wanted.split(","):
        where, _, action = spec.rpartition(":")
        if where == name:
            _act(action, path)


def _act(action: str, path) -> None:
    if action == "interrupt":
        # The whole group, as a terminal does: a test starts make in a session of its own.
        os.killpg(os.getpgrp(), signal.SIGINT)
    elif action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "nospace":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    elif action == "readonly":
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
    else:
        raise ValueError(f"{VARIABLE}: unknown action {action!r}")
