"""`make bench`: time the build against the one-process limit, on this machine, in one run.

Each case runs once to warm up and then REPEATS times; results.md gets the median and the
min-max, each as a ratio to the limit's median from the same run. Peak memory is the largest
sum of resident memory over the build's process tree, sampled every 20 ms.

Builds run with kernels forked from the kernel server (the default) and with plain kernels
(KERNELS=plain); "server started by the build" stops the server before each run, "server
running" leaves it up from the run before (as within its idle time after a build). Last, a
fresh clone of the committed project builds its first report, set-up included, with uv (a cold
and then a warm uv cache) and with pip (a cold pip cache), once each: BENCH_CLONES=0 skips it.

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

from klyngekrise import kernels, paths

ROOT = paths.PROJ_ROOT
PY = sys.executable
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
TOUCHED = ROOT / "notebooks" / "04_markets.ipynb"
RESULTS = ROOT / "benchmarks" / "results.md"
CLONES = os.environ.get("BENCH_CLONES", "1") != "0"


def make(*args: str) -> list[str]:
    return ["make", "--no-print-directory", "report", *args]


def timed(command: list[str], before=None, env=None, cwd=ROOT) -> float:
    if before:
        before()
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env={**os.environ, "MAKEFLAGS": "", **(env or {})})
    return time.perf_counter() - start


def repeat(name: str, make_command, before=None, env=None) -> dict:
    if before:
        before()
    timed(make_command(warmup=True), env=env)  # a first run fills caches (file system)
    times = [timed(make_command(), before, env) for _ in range(REPEATS)]
    print(f"{name:55s} median {statistics.median(times):6.2f} s", flush=True)
    return {"name": name, "times": times}


def stop_server() -> None:
    kernels.stop()
    time.sleep(0.3)  # its socket is gone at once; let it exit


def _servers() -> list[psutil.Process]:
    """This venv's kernel servers and what they forked: not the build's descendants."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        cmdline = process.info["cmdline"] or []
        if cmdline[:1] == [PY] and "klyngekrise.kernels" in cmdline and "serve" in cmdline:
            found.append(process)
    return found


def peak_memory(command: list[str]) -> int:
    """Largest total PSS of the command's process tree and the kernel server's (started by the
    build) while it runs. Forked processes share pages copy-on-write; PSS divides a shared page
    among the processes that share it, so the sum counts it once."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "MAKEFLAGS": ""})
    root, peak = psutil.Process(process.pid), 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True), *_servers()]
                peak = max(peak, sum(p.memory_full_info().pss for p in tree if p.is_running()))
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
    load_before = load()
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

    plain = {kernels.SWITCH: "plain"}
    cases = [
        repeat("one plain process (the limit)", limit),
        repeat("make report, cold, -j2 (default), server started by the build", cold(2),
               before=stop_server),
        repeat("make report, cold, -j2, server running", cold(2)),
        repeat("make report, cold, -j2, plain kernels", cold(2), env=plain),
        repeat("make report, cold, -j1, server running", cold(1)),
        repeat("make report, nothing changed", rebuild),
        repeat("make report, one survey notebook touched, server running", rebuild,
               before=TOUCHED.touch),
        repeat("make report, one survey notebook touched, server started by the build",
               rebuild, before=lambda: (stop_server(), TOUCHED.touch())),
        repeat("make report, one survey notebook touched, plain kernels", rebuild,
               before=TOUCHED.touch, env=plain),
        repeat("stitching alone (server running)", stitch),
    ]
    stop_server()
    memory = peak_memory(make(f"BUILD={fresh('memory')}", "-j2"))
    profile = json.loads(subprocess.run(limit(), cwd=ROOT, check=True, capture_output=True,
                                        text=True).stdout)
    overhead = measure_overhead(kept)
    clones = fresh_clones(scratch) if CLONES else []
    shutil.rmtree(scratch, ignore_errors=True)
    loads = (load_before, load())
    RESULTS.write_text(render(cases, memory, profile, overhead, clones, loads), encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


def fresh_clones(scratch: Path) -> list[dict]:
    """The first `make report` of a fresh clone: set-up (its own target) and then the build."""
    uv_cache = scratch / "uv-cache"
    runs = [("uv, cold uv cache (every package downloaded)", {"UV_CACHE_DIR": str(uv_cache)}),
            ("uv, warm uv cache (as a second clone)", {"UV_CACHE_DIR": str(uv_cache)}),
            ("pip, cold pip cache", {"SETUP": "pip", "PIP_CACHE_DIR": str(scratch / "pip")})]
    results = []
    for name, env in runs:
        clone = scratch / f"clone-{len(results)}"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        make_env = {k: v for k, v in env.items() if k != "SETUP"}
        args = [f"SETUP={env['SETUP']}"] if "SETUP" in env else []
        setup = timed(["make", "--no-print-directory", ".venv/.installed-build", *args],
                      env=make_env, cwd=clone)
        build = timed(["make", "--no-print-directory", "report", *args], env=make_env, cwd=clone)
        results.append({"name": name, "setup": setup, "build": build})
        print(f"fresh clone, {name:45s} {setup:6.1f} s + {build:5.1f} s", flush=True)
        shutil.rmtree(clone, ignore_errors=True)
    return results


def measure_overhead(kept: Path) -> dict[str, float]:
    """Where a notebook's fixed cost goes: each piece timed alone, median of REPEATS."""
    smallest = [PY, "-m", "klyngekrise.build", "run", "notebooks/08_conclusions.ipynb", "--build",
                str(kept), "--edition", "nb"]
    pieces = {
        "python start": ([PY, "-c", "pass"], None),
        "a build step's client (import the runner's entry, no papermill)":
            ([PY, "-c", "import klyngekrise.build"], None),
        "import the runner and papermill (a plain step)":
            ([PY, "-c", "import klyngekrise.build, papermill"], None),
        "a process that starts and stops a plain kernel":
            ([PY, "-c", KERNEL_ROUND_TRIP], {kernels.SWITCH: "plain"}),
        "a process that starts and stops a forked kernel (server running)":
            ([PY, "-c", KERNEL_ROUND_TRIP], None),
        "import the package for an edition notebook": ([PY, "-c", "import klyngekrise.publication"],
                                                       None),
        "import the package for a survey notebook": ([PY, "-c", "import klyngekrise.chapter3"], None),
        "run the smallest notebook (08) end to end, plain": (smallest, {kernels.SWITCH: "plain"}),
        "run the smallest notebook (08) end to end, forked (server running)": (smallest, None),
    }
    result = {}
    for name, (command, env) in pieces.items():
        timed(command, env=env)
        result[name] = statistics.median(timed(command, env=env) for _ in range(REPEATS))
    starts = []
    for _ in range(REPEATS):
        stop_server()
        starts.append(kernels.status()["preload_seconds"])
    result["start the server (its imports, once per build)"] = statistics.median(starts)
    return result


KERNEL_ROUND_TRIP = """
from klyngekrise import build
import asyncio
km = build._kernel_manager_class()(kernel_name="python3")  # as the build starts its kernels
async def main():
    await km.start_kernel()
    kc = km.client(); kc.start_channels(); await kc.wait_for_ready(); kc.stop_channels()
    await km.shutdown_kernel(now=True)  # as the build stops its kernels
asyncio.run(main())
"""


def load() -> str:
    """`uptime`'s load averages: the machine is shared, so say how busy it was."""
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


GOALS = [  # (case, at most this many times the limit, or seconds)
    ("make report, cold, -j2 (default), server started by the build", "ratio", 1.0),
    ("make report, cold, -j2, server running", "ratio", 1.0),
    ("make report, one survey notebook touched, server running", "ratio", 0.5),
    ("make report, one survey notebook touched, server started by the build", "ratio", 0.5),
    ("make report, nothing changed", "seconds", 0.5),
]


def render(cases: list[dict], memory: int, profile: dict, overhead: dict, clones: list[dict],
           loads: tuple[str, str]) -> str:
    limit = statistics.median(cases[0]["times"])
    median = {case["name"]: statistics.median(case["times"]) for case in cases}
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
        "- Load (`uptime`), shared with other work: before: " + loads[0],
        "  after: " + loads[1],
        "",
        "| case | median | min–max | × limit |",
        "|---|---|---|---|",
    ]
    for case in cases:
        t = case["times"]
        lines.append(f"| {case['name']} | {statistics.median(t):.2f} s | {min(t):.2f}–"
                     f"{max(t):.2f} s | {statistics.median(t) / limit:.2f} |")
    lines += [
        f"| peak memory of a cold `make report -j2`, server started by the build (PSS summed over "
        f"make's and the server's process trees) | {memory / 2**20:.0f} MiB | | |",
        "",
        "## Goals",
        "",
        "| goal | measured | met |",
        "|---|---|---|",
    ]
    for name, kind, bound in GOALS:
        value = median[name] / limit if kind == "ratio" else median[name]
        shown = f"{value:.2f}×" if kind == "ratio" else f"{value:.2f} s"
        goal = f"≤ {bound}× the limit" if kind == "ratio" else f"< {bound} s"
        lines.append(f"| {name}: {goal} | {shown} | {'yes' if value <= bound else '**no**'} |")
    for clone in clones:
        total = clone["setup"] + clone["build"]
        lines.append(f"| fresh clone's first `make report`, {clone['name']}: ≤ 60 s | "
                     f"{total:.1f} s | {'yes' if total <= 60 else '**no**'} |")
    if clones:
        lines += [
            "",
            "## A fresh clone's first `make report` (one run each)",
            "",
            "`git clone` of the committed project into a temporary folder, then the set-up alone "
            "(`make .venv/.installed-build`: a venv, uv from the package index, the build's "
            "lock with bytecode compiled) and then `make report`. The uv cache starts empty and "
            "the second uv clone reuses it. uv downloads from pypi.org; pip on this machine "
            "also reads a local package mirror (`/opt/pypi`, set in its configuration), so "
            "its downloads are partly local.",
            "",
            "| installer | set-up | build | first `make report` in all |",
            "|---|---|---|---|",
            *(f"| {c['name']} | {c['setup']:.1f} s | {c['build']:.1f} s | "
              f"{c['setup'] + c['build']:.1f} s |" for c in clones),
        ]
    lines += [
        "",
        "## Where the limit's time goes (one run)",
        "",
        "| step | seconds |",
        "|---|---|",
        *(f"| {k} | {v:.2f} |" for k, v in profile.items()),
        "",
        "## A notebook's fixed cost (medians)",
        "",
        "With plain kernels every notebook pays for its own runner, kernel and imports. With "
        "the kernel server (the default) the build pays the server's imports once and each "
        "notebook pays its client, a fork, the kernel's own start and the notebook's work.",
        "",
        "| piece | seconds |",
        "|---|---|",
        *(f"| {k} | {v:.2f} |" for k, v in overhead.items()),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
