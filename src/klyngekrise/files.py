"""Writing outputs: atomically, only when the bytes change, and listed in a manifest.

Every file the build writes goes through here (or through ``replace_into``), so:

- a target is never half-written: bytes go to a temporary file with a name unique to this
  process, which is renamed over the target only when complete; a failure removes it;
- each output folder keeps a manifest (``.manifest``) naming the files the build wrote there,
  sorted, so two builds of the same inputs leave the same bytes whatever order their notebooks
  finished in; ``make clean`` removes those and nothing else (see ``klyngekrise.clean``).
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path

MANIFEST = ".manifest"
# Temporary files: hidden, so no glob of outputs sees them; unique per process (mkstemp).
TEMP_PREFIX, TEMP_SUFFIX = ".", ".partial"


def record(path: Path) -> None:
    """Add a file's name to its folder's manifest (before writing it: a crash between the two
    leaves a listed name with no file, never an unlisted file)."""
    manifest = path.parent / MANIFEST
    # Builds side by side take turns (a lock on the folder), and each writes the whole sorted
    # list by rename: a manifest is never torn and never loses a name.
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        try:
            listed = manifest.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            listed = []
        if path.name not in listed:
            partial = temporary(manifest)
            try:
                partial.write_text("".join(f"{name}\n" for name in sorted({*listed, path.name})),
                                   encoding="utf-8")
                os.replace(partial, manifest)
            finally:
                partial.unlink(missing_ok=True)
    finally:
        os.close(folder)  # and the lock with it


def temporary(target: Path, suffix: str = "") -> Path:
    """A new empty file beside ``target``, named for it and unique to this process
    (``.<name>.<8 random characters>.partial<suffix>``)."""
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name}.",
                                suffix=TEMP_SUFFIX + suffix, dir=target.parent)
    os.close(fd)
    umask = os.umask(0)  # mkstemp makes the file private; outputs get the usual permissions
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)
    return Path(name)


def replace_into(partial: Path, target: Path) -> None:
    """Move a finished temporary file over its target, listing the target in the manifest."""
    record(target)
    os.replace(partial, target)


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write atomically, and only when the bytes differ; return whether it wrote.

    An unchanged output keeps its mtime, so a rerun notebook whose results are the same does
    not make everything downstream of it run again. It is listed in the manifest either way:
    its bytes are exactly what the build makes.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        record(path)
        return False
    partial = temporary(path)
    try:
        partial.write_bytes(data)
        replace_into(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return True
