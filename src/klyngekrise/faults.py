"""Deterministic crash points for the fault-injection tests; inert unless asked for.

A test sets ``KLYNGEKRISE_FAULT=<point>:<action>`` (several separated by commas) and the build
fails at that exact point, instead of racing a timer:

- ``interrupt``: Ctrl-C as a terminal sends it, SIGINT to the whole process group of the
  command make ran (make too); a step forked from the kernel server gets it from that command,
  which passes it on, so the step waits here for it;
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
import time

VARIABLE = "KLYNGEKRISE_FAULT"
# Set by klyngekrise.kernels.delegate: the process group of the command make ran, which a step
# forked from the kernel server is not in.
CALLER_GROUP = "KLYNGEKRISE_CALLER_PGRP"


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
        os.killpg(int(os.environ.get(CALLER_GROUP) or os.getpgrp()), signal.SIGINT)
        time.sleep(10)  # KeyboardInterrupt arrives here, directly or passed on; bounded
    elif action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "nospace":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    elif action == "readonly":
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
    else:
        raise ValueError(f"{VARIABLE}: unknown action {action!r}")
