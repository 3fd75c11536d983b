"""Progress lines from notebooks run side by side stay whole, even unbuffered (as on CI)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

WRITER = """
import sys
from klyngekrise.build import say
for _ in range(2000):
    say(f"run    notebooks/{sys.argv[1]}.ipynb")
"""


def test_parallel_progress_lines_do_not_interleave():
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    read, write = os.pipe()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, name], stdout=write, env=env)
               for name in ("01_first", "02_second")]
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as pipe:
        lines = pipe.read().splitlines()
    assert [w.wait() for w in writers] == [0, 0]
    torn = [line for line in lines if not re.fullmatch(r"run +notebooks/0[12]_\w+\.ipynb", line)]
    assert len(lines) == 4000 and torn == []
