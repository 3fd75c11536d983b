"""`make bench`: time the build against the one-process limit, on this machine, in one run.

Each case runs once to warm up and then REPEATS times; results.md gets the median and the
min-max, each as a ratio to the limit's median from the same run. Peak memory is the largest
sum of resident memory over the build's process tree, sampled every 20 ms.

Times are measured here and only here: no test asserts a time.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import psutil

from klyngekrise import paths

ROOT = paths.PROJ_ROOT
PY = sys.executable
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
TOUCHED = ROOT / "notebooks" / "04_markets.ipynb"
RESULTS = ROOT / "benchmarks" / "results.md"


def make(*args: str) -> list[str]:
    return ["make", "--no-print-directory", "report", *args]


def timed(command: list[str], before=None) -> float:
    if before:
        before()
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env={**os.environ, "MAKEFLAGS": ""})
    return time.perf_counter() - start


def repeat(name: str, make_command, before=None) -> dict:
    make_command(warmup=True)  # a first run fills caches (file system, .pyc)
    times = [timed(make_command(), before) for _ in range(REPEATS)]
    print(f"{name:45s} median {statistics.median(times):6.2f} s", flush=True)
    return {"name": name, "times": times}


def peak_memory(command: list[str]) -> int:
    """Largest total RSS of the command's process tree while it runs."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "MAKEFLAGS": ""})
    root, peak = psutil.Process(process.pid), 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.02)

    thread = threading.Thread(target=sample)
    thread.start()
    process.wait()
    done.set()
    thread.join()
    return peak


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="klyngekrise-bench-"))
    counter = iter(range(10_000))

    def fresh(prefix: str) -> Path:
        return scratch / f"{prefix}-{next(counter)}"

    def limit(warmup=False):
        return [PY, str(ROOT / "benchmarks" / "one_process.py"), str(fresh("limit"))]

    def cold(jobs):
        return lambda warmup=False: make(f"BUILD={fresh('cold')}", f"-j{jobs}")

    kept = fresh("kept")
    subprocess.run(make(f"BUILD={kept}"), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    def rebuild(warmup=False):
        return make(f"BUILD={kept}")

    def stitch(warmup=False):
        return [PY, "-m", "klyngekrise.build", "stitch", "--build", str(kept), "--edition", "nb"]

    cases = [
        repeat("one plain process (the limit)", limit),
        repeat("make report, cold, -j1", cold(1)),
        repeat("make report, cold, -j2 (the default here)", cold(2)),
        repeat("make report, nothing changed", rebuild),
        repeat("make report, one notebook touched", rebuild, before=TOUCHED.touch),
        repeat("stitching alone", stitch),
    ]
    memory = peak_memory(make(f"BUILD={fresh('memory')}", "-j2"))
    profile = json.loads(subprocess.run(limit(), cwd=ROOT, check=True, capture_output=True,
                                        text=True).stdout)
    overhead = measure_overhead()
    shutil.rmtree(scratch, ignore_errors=True)
    RESULTS.write_text(render(cases, memory, profile, overhead), encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


def measure_overhead() -> dict[str, float]:
    """Where a notebook's fixed cost goes: each piece timed alone, median of REPEATS."""
    pieces = {
        "python start": [PY, "-c", "pass"],
        "import the runner and papermill": [PY, "-c", "import klyngekrise.build, papermill"],
        "start and stop a kernel": [PY, "-c", KERNEL_ROUND_TRIP],
        "import the package for an edition notebook": [PY, "-c",
                                                       "import klyngekrise.publication"],
        "import the package for a survey notebook": [PY, "-c", "import klyngekrise.chapter3"],
        "run the smallest notebook (08) end to end": [
            PY, "-m", "klyngekrise.build", "run", "notebooks/08_conclusions.ipynb", "--build",
            ".", "--edition", "nb"],
    }
    result = {}
    for name, command in pieces.items():
        timed(command)
        result[name] = statistics.median(timed(command) for _ in range(REPEATS))
    return result


KERNEL_ROUND_TRIP = """
import os
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name="python3", transport="ipc", ip=f"/tmp/klyngekrise-{os.getpid()}")
km.start_kernel()
kc = km.client(); kc.start_channels(); kc.wait_for_ready(); kc.execute_interactive("pass")
kc.stop_channels(); km.shutdown_kernel(now=True)  # as the build stops its kernels
"""


def render(cases: list[dict], memory: int, profile: dict, overhead: dict) -> str:
    limit = statistics.median(cases[0]["times"])
    lines = [
        "# Benchmark: the build against the one-process limit",
        "",
        f"Measured by `make bench` on {datetime.now(UTC):%Y-%m-%d}; {REPEATS} runs per case "
        "after one warm-up run. Ratios are to the limit's median from the same run.",
        "",
        f"- Machine: {os.cpu_count()} cores, {platform.machine()}, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB; {platform.platform()}",
        f"- Python {platform.python_version()}; "
        + ", ".join(f"{p} {metadata.version(p)}" for p in
                    ("pandas", "matplotlib", "papermill", "nbclient", "nbconvert", "ipykernel")),
        "",
        "| case | median | min–max | × limit |",
        "|---|---|---|---|",
    ]
    for case in cases:
        t = case["times"]
        lines.append(f"| {case['name']} | {statistics.median(t):.2f} s | {min(t):.2f}–"
                     f"{max(t):.2f} s | {statistics.median(t) / limit:.2f} |")
    lines += [
        f"| peak memory of a cold `make report -j2` (process tree) | {memory / 2**20:.0f} MiB "
        "| | |",
        "",
        "## Where the limit's time goes (one run)",
        "",
        "| step | seconds |",
        "|---|---|",
        *(f"| {k} | {v:.2f} |" for k, v in profile.items()),
        "",
        "## A notebook's fixed cost (medians)",
        "",
        "Each notebook runs in its own runner process with its own kernel, so these costs are "
        "paid once per notebook (twelve times per cold build), on top of the work itself.",
        "",
        "| piece | seconds |",
        "|---|---|",
        *(f"| {k} | {v:.2f} |" for k, v in overhead.items()),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
