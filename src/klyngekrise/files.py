"""Writing outputs so that make sees a new file only when its bytes change."""

from __future__ import annotations

import os
from pathlib import Path


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write atomically, and only when the bytes differ; return whether it wrote.

    An unchanged output keeps its mtime, so a rerun notebook whose results are the same does
    not make everything downstream of it run again.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)
    return True
