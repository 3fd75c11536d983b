"""The build's steps, called by the Makefile: prepare, run one notebook, stitch the report.

    python -m klyngekrise.build prepare --build . --edition nb [--set key=value ...]
    python -m klyngekrise.build run notebooks/02_markets.ipynb --build . --edition nb
    python -m klyngekrise.build stitch --build . --edition nb
    python -m klyngekrise.build pdf --build . --edition nb

Every step writes next to its target and moves the result into place only when it succeeded,
so a failed or interrupted step leaves the last good output as it was. Temporary files are
unique per process, so two builds into one folder at once both finish with the same bytes.
A step stops with one line, never a traceback: on a bad input, a failed notebook, Ctrl-C (from
the step's first import on), or a folder it cannot write (read-only, full disk, no permission).
`run` and `stitch` run in a process forked from the kernel server (klyngekrise.kernels), which
has their imports done already; KERNELS=plain runs them here, and so does a platform or a
server that cannot fork safely, said in one line (`prepare` says it once per build for the
platform).
"""

import _signal  # signal's C core: `signal` itself first imports enum (~5 ms of start-up)
import os  # loaded by Python's start-up already, as is sys
import sys

STEPS = ("prepare", "run", "stitch", "pdf")


def stopped_line(argv: list[str]) -> str:
    """What Ctrl-C says of the step ``argv`` names: make -j runs several, each says which."""
    step = argv[0] if argv and argv[0] in STEPS else "build step"
    what = f"run of {argv[1]}" if step == "run" and len(argv) > 1 else step
    return f"interrupted: {what} stopped; the last good outputs are kept"


def _interrupted_while_starting(signum, frame) -> None:
    # Nothing is written yet, so nothing to clean up; an exception raised here could be caught
    # or wrapped by the import it lands in.
    os.write(2, (stopped_line(sys.argv[1:]) + "\n").encode())
    os._exit(130)


if __name__ == "__main__" and _signal.getsignal(_signal.SIGINT) is not _signal.SIG_IGN:
    # Ctrl-C as make starts this step (make -j, another step interrupted): the one line, not a
    # traceback from inside an import. main() hands SIGINT back to KeyboardInterrupt. (Started
    # with SIGINT ignored, as by a shell's `&`, the step leaves it ignored.)
    _signal.signal(_signal.SIGINT, _interrupted_while_starting)

# After the handler (pyproject's E402 exception): these imports are most of a step's start-up.
import argparse
import errno
import json
import re
import signal
import threading
from pathlib import Path

from klyngekrise import kernels, paths
from klyngekrise.errors import InputError
from klyngekrise.files import replace_into, temporary, write_if_changed
from klyngekrise.params import PROGRAMME_CHOICES, check, check_parameters_cell, parse_override, read_file
from klyngekrise.provenance import digest, manifest

# nbformat (under papermill and nbconvert, imported lazily below) imports jsonschema, which
# compiles an RFC 3987 grammar (about 1 s) for a URI format check notebooks never use;
# jsonschema treats the module as optional, so every notebook run and stitch skips that second.
sys.modules.setdefault("rfc3987_syntax", None)


class BuildError(Exception):
    """A step failed; the message says which notebook and cell."""


def say(line: str, stream=None) -> None:
    """Write one whole line in one call.

    `print` writes the text and the newline separately; unbuffered (PYTHONUNBUFFERED, as on CI)
    that is two writes, and two notebooks run side by side by `make -j` interleave their lines.
    """
    stream = stream or sys.stdout
    stream.write(line + "\n")
    stream.flush()


def prepare(build: str, edition: str, overrides: list[str], programme: str = "all") -> dict:
    """Check report.yml with the command line's overrides; validate the data if it changed."""
    given = read_file(paths.PARAMS_FILE)
    given.update(parse_override(o) for o in overrides)
    params = check(given, source=str(paths.PARAMS_FILE.relative_to(paths.PROJ_ROOT)))
    if params["language"] != edition:
        raise InputError(f"edition {edition!r} and language {params['language']!r} disagree")
    if params["programme"] != programme:
        raise InputError(f"programme {programme!r} and the parameters' {params['programme']!r} "
                         "disagree")
    build_root = paths.resolve(build)
    check_writable(build, edition, programme)
    params["build_dir"] = "" if build_root == paths.PROJ_ROOT else str(build_root)
    work = paths.work_dir(build, edition, programme)

    data = paths.resolve(params["data_path"])
    stamp = work / "data.sha256"
    record = f"{digest(data) if data.is_file() else 'missing'}  {data}\n"
    # A user's extra items and dataset description: a change to either reruns the notebooks.
    for beside in (paths.user_codebook(data), paths.dataset_description(data)):
        if beside.is_file():
            record += f"{digest(beside)}  {beside}\n"
    if not (stamp.exists() and stamp.read_text(encoding="utf-8") == record):
        from klyngekrise.io import load_responses  # pandas only when the data changed

        load_responses(data)  # raises InputError naming file, line and column
    # Only now, with the data valid: a rejected file leaves the last good build's inputs, so
    # the next good build reruns nothing.
    write_if_changed(work / "params.json", json.dumps(params, indent=1, sort_keys=True) + "\n")
    write_if_changed(stamp, record)
    write_if_changed(work / "inputs.sha256", manifest(data, work / paths.GIT_STATE))
    forget_overwritten(work)
    reason = kernels.unavailable() if kernels.forked() else None
    if reason:
        say(kernels.plain_line(reason))
    return params


def record(source: Path, keys: list[str], build: str, edition: str, programme: str = "all") -> None:
    """Note the bytes a report notebook just wrote (each key's CSV, and PNG unless a table, as
    _toc.yml's outputs and so the Makefile's): what make built, whatever the time stamps."""
    if not keys:
        return
    figures = paths.output_dirs(build, edition, programme)["figures"]
    files = [figures / f"{key}.{ext}" for key in keys
             for ext in (("csv",) if key.startswith("table-") else ("csv", "png"))]
    lines = [f"{digest(f)}  {f}\n" for f in files]
    target = paths.work_dir(build, edition, programme) / "made" / f"{source.stem}.sha256"
    write_if_changed(target, "".join(lines))


def forget_overwritten(work: Path) -> list[str]:
    """Touch made/<notebook>.check, on which make's run of that notebook depends, when the
    files the notebook wrote no longer hold the bytes recorded then: a notebook run outside
    make (another programme, another data file) wrote over them, and their new time stamps
    would otherwise pass for up to date. Creates the checks that do not exist yet."""
    stale = []
    for notebook in paths.report_notebooks():
        check_file = work / "made" / f"{notebook.stem}.check"
        if not check_file.exists():
            write_if_changed(check_file, "")
        made = check_file.with_suffix(".sha256")
        lines = made.read_text(encoding="utf-8").splitlines() if made.exists() else []
        for line in lines:
            recorded, _, path = line.partition("  ")
            if not Path(path).is_file() or digest(Path(path)) != recorded:
                say(f"stale  {paths.shown(Path(path))} was not written by this build; "
                    f"notebooks/{notebook.name} runs again")
                check_file.touch()
                stale.append(notebook.stem)
                break
    return stale


NONDETERMINISTIC_CELL_METADATA = ("execution",)
NONDETERMINISTIC_PAPERMILL = ("start_time", "end_time", "duration", "input_path", "output_path")


def normalise(nb) -> None:
    """Drop what differs between two runs of the same inputs: timestamps, paths, random ids."""
    papermill = nb.metadata.get("papermill", {})
    for key in NONDETERMINISTIC_PAPERMILL:
        papermill.pop(key, None)
    for index, cell in enumerate(nb.cells):
        for key in NONDETERMINISTIC_CELL_METADATA:
            cell.metadata.pop(key, None)
        cell_papermill = cell.metadata.get("papermill", {})
        for key in ("start_time", "end_time", "duration"):
            cell_papermill.pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
        elif not cell.get("id"):
            cell.id = f"cell-{index}"


def _kernel_manager_class():
    """Kernels talk over Unix sockets in the user's private folder, not TCP: no open port and
    no transport warning. They are forked from the kernel server unless KERNELS=plain."""
    from jupyter_client.manager import AsyncKernelManager

    forked = kernels.forked()

    class LocalKernelManager(AsyncKernelManager):
        transport = "ipc"
        ip = str(kernels.private_dir() / f"kernel-{os.getpid()}")

        @property
        def kernel_spec(self):
            spec = super().kernel_spec
            if forked and spec is not None:  # jupyter_client's place to choose how to launch
                spec.metadata["kernel_provisioner"] = {"provisioner_name": kernels.PROVISIONER_NAME}
            return spec

        async def _async_interrupt_kernel(self) -> None:
            # jupyter_client interrupts before every shutdown; our kernels are idle by then,
            # and the SIGINT only makes ipykernel log a stray KeyboardInterrupt.
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

    return LocalKernelManager


def run(notebook: str, build: str, edition: str, programme: str = "all") -> Path:
    """Execute one notebook with the build's parameters into build/<edition>/executed/."""
    import nbformat
    import papermill
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    _quiet_dead_kernel_log()
    source = paths.resolve(notebook)
    outputs = dict(paths.report_entries()).get(source)  # None: not one of the report's
    if outputs is not None:  # the report's take report.yml's values
        check_parameters_cell(source)
    work = paths.work_dir(build, edition, programme)
    params = json.loads((work / "params.json").read_text(encoding="utf-8"))
    target = work / "executed" / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = temporary(target, ".ipynb")
    failed = target.with_name(source.stem + ".failed.ipynb")
    rel = paths.shown(source)
    say(f"run    {rel}")
    os.environ.update(kernels.KERNEL_ENV)  # the kernel inherits it
    started = _CellsStarted()
    try:
        try:
            papermill.execute_notebook(
                str(source), str(partial), parameters=params, kernel_name="python3",
                progress_bar=False, cwd=str(paths.PROJ_ROOT), log_output=False,
                # Every output has arrived when the last cell is done; a graceful stop only waits.
                shutdown_kernel="immediate", kernel_manager_class=_kernel_manager_class(),
                # Written once at the end (a failed run too), not after every cell.
                request_save_on_cell_execute=False, on_cell_start=started)
        except PapermillExecutionError as err:
            replace_into(partial, failed)
            raise BuildError(_failure(rel, started.number, err, failed)) from None
        except DeadKernelError:  # nothing saved: papermill writes only a finished run
            raise BuildError(f"{rel} stopped {started.where()}: its kernel died (the Python "
                             f"running the notebook crashed, was killed or ran out of memory)"
                             ) from None
        nb = nbformat.read(partial, as_version=4)
        normalise(nb)
        nbformat.write(nb, partial)
        replace_into(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    failed.unlink(missing_ok=True)
    record(source, outputs, build, edition, programme)
    return target


_OS_ERROR_NAMES = ("OSError", "PermissionError", "FileNotFoundError", "IsADirectoryError")
_OS_ERROR_TEXT = re.compile(r"\[Errno \d+\] (?P<reason>[^:]+): '(?P<path>.*)'$")


def _failure(rel: Path, cell: int | str, err, failed: Path) -> str:
    """The one line for a failed notebook: which cell, and what went wrong in it."""
    where = (f"{rel} failed in cell {cell} "
             f"({err.source.strip().splitlines()[0][:60]})")
    found = _OS_ERROR_TEXT.match(err.evalue) if err.ename in _OS_ERROR_NAMES else None
    if found:  # the environment, not the notebook: name the folder or file it could not use
        return (f"{_cannot(found['reason'])} {_written_path(Path(found['path']))}: "
                f"{found['reason']} ({where})")
    return (f"{where}: {err.ename}: {err.evalue}\n"
            f"  the executed notebook is kept at {failed}")


class _CellsStarted:
    """nbclient's on_cell_start hook: the cell running last (the one that failed, or whose
    kernel died), numbered as in the source notebook (papermill's injected-parameters cell
    not counted)."""

    def __init__(self):
        self.cell, self.number, self.injected = None, 0, 0

    def __call__(self, cell, cell_index: int) -> None:
        if "injected-parameters" in cell.metadata.get("tags", []):
            self.injected += 1
        self.cell, self.number = cell, cell_index + 1 - self.injected

    def where(self) -> str:
        if self.cell is None:
            return "before its first cell"
        first = (self.cell.source.strip().splitlines() or [""])[0][:60]
        return f"in cell {self.number} ({first})"


def _not_the_dead_kernel_line(record) -> bool:
    """nbclient logs "Kernel died while waiting for execute reply." before it raises
    DeadKernelError, which `run` reports in its own line; after a Ctrl-C (the kernel shut
    down under it) the line would only mislead."""
    return not record.getMessage().startswith("Kernel died while waiting")


def _quiet_dead_kernel_log() -> None:
    import logging

    log = logging.getLogger("papermill")  # the logger papermill hands to nbclient
    if _not_the_dead_kernel_line not in log.filters:
        log.addFilter(_not_the_dead_kernel_line)


def _written_path(path: Path) -> Path:
    """A temporary file's folder (its random name means nothing to a user), else the path."""
    return path.parent if path.name.startswith(".") and ".partial" in path.name else path


def check_writable(build: str, edition: str, programme: str = "all") -> None:
    """Stop before any notebook runs if an output folder cannot be written (read-only, no
    permission): by writing a temporary file there, as root the only test that tells."""
    outputs = paths.output_dirs(build, edition, programme)
    work = paths.work_dir(build, edition, programme)
    for folder in (outputs["figures"], outputs["html"].parent, work):
        folder.mkdir(parents=True, exist_ok=True)
        temporary(folder / "probe").unlink()


def stitch(build: str, edition: str, programme: str = "all") -> Path:
    """Merge the executed notebooks of notebooks/_toc.yml, in its order, into one
    self-contained HTML report."""
    from klyngekrise.stitching import render_report

    work = paths.work_dir(build, edition, programme)
    executed = [work / "executed" / p.name for p in paths.report_notebooks()]
    missing = [p.name for p in executed if not p.exists()]
    if missing:
        raise BuildError("cannot stitch: not yet executed: " + ", ".join(missing))
    html = render_report(executed, edition)
    target = paths.output_dirs(build, edition, programme)["html"]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = temporary(target)
    try:
        partial.write_text(html, encoding="utf-8")
        replace_into(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    say(f"wrote  {paths.shown(target)}")
    return target


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Headless, and no calls home: this machine, like a reviewer's, may have no network.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync")


def find_chromium() -> str:
    """The Chromium to use: $CHROMIUM, else the first known name on PATH."""
    import shutil

    for candidate in (os.environ.get("CHROMIUM", ""), *CHROMIUM_NAMES):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    raise BuildError("Chromium was not found. Install it (Debian or Ubuntu: "
                     "`sudo apt-get install chromium`), or set CHROMIUM=/path/to/chrome.")


def pdf(build: str, edition: str, programme: str = "all") -> Path:
    """Print the stitched report to an A4 PDF beside the HTML: running head, page numbers and
    numbered contents, by headless Chromium (``klyngekrise.printing``)."""
    from klyngekrise import printing

    chromium = find_chromium()
    source = paths.output_dirs(build, edition, programme)["html"]
    target = source.with_suffix(".pdf")
    if not source.exists():
        raise BuildError(f"{paths.shown(source)} does not exist; run `make report` first")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    partial = temporary(target, ".pdf")
    try:
        printing.print_report(chromium, CHROMIUM_FLAGS, source, partial,
                              int(epoch) if epoch.isdigit() else 0)
        replace_into(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    say(f"wrote  {paths.shown(target)}")
    return target


# Steps that pay for heavy imports run in a process forked from the kernel server.
FORKED_STEPS = ("run", "stitch")


def step(argv: list[str]) -> int:
    """Run one step in this process (what the kernel server's forked child calls)."""
    return main(argv, delegate=False)


def _delegated(argv: list[str]) -> int | None:
    """Run the step forked from the kernel server; None (said in one line) where it cannot."""
    reason = kernels.unavailable()
    if reason is None:
        try:
            return kernels.delegate("klyngekrise.build:step", argv)
        except kernels.KernelServerError as err:
            say(kernels.plain_line(str(err).splitlines()[0]))
    os.environ[kernels.SWITCH] = "plain"  # and its kernels plain too (prepare said why)
    return None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m klyngekrise.build",
                                     description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    for name in STEPS:
        step = sub.add_parser(name)
        if name == "run":
            step.add_argument("notebook")
        step.add_argument("--build", default=".")
        step.add_argument("--edition", default="nb")
        step.add_argument("--programme", default="all", choices=PROGRAMME_CHOICES)
        if name == "prepare":
            step.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    return parser


def _not_swallowed(default):
    """An unraisable-exception hook: a Ctrl-C that lands in a destructor (zmq's sockets are
    collected as kernels start) is only printed as 'Exception ignored', and the step would run
    on. It is raised again instead, where it stops the step."""
    def hook(unraisable):
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            # Sent again from another thread once the hook has returned (raised in the hook, it
            # would be swallowed too); landing in another destructor, it comes back here.
            again = threading.Timer(0.01, os.kill, (os.getpid(), signal.SIGINT))
            again.daemon = True
            again.start()
        else:
            default(unraisable)
    return hook


def main(argv: list[str] | None = None, delegate: bool = True) -> int:
    argv = sys.argv[1:] if argv is None else argv
    unraisable = sys.unraisablehook
    try:
        # From here Ctrl-C is a KeyboardInterrupt: at start-up it had its own handler, in a step
        # forked from the kernel server it was blocked until now (klyngekrise.kernels).
        if signal.getsignal(signal.SIGINT) is _interrupted_while_starting:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        sys.unraisablehook = _not_swallowed(unraisable)
        return _run_step(argv, delegate)
    except KeyboardInterrupt:  # anywhere in the step, while it reports an error too
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})  # a second one waits
        say(stopped_line(argv), sys.stderr)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        return 130
    finally:
        sys.unraisablehook = unraisable


def _run_step(argv: list[str], delegate: bool) -> int:
    """The step ``argv`` names, its failure reported in one line (status 1)."""
    try:
        args = _parser().parse_args(argv)
        if delegate and args.step in FORKED_STEPS and kernels.forked():
            code = _delegated(argv)
            if code is not None:
                return code
        if args.step == "prepare":
            prepare(args.build, args.edition, args.set, args.programme)
        elif args.step == "run":
            run(args.notebook, args.build, args.edition, args.programme)
        elif args.step == "stitch":
            stitch(args.build, args.edition, args.programme)
        else:
            pdf(args.build, args.edition, args.programme)
    except (InputError, BuildError, kernels.KernelServerError) as err:
        say(f"error: {err}", sys.stderr)
        return 1
    except OSError as err:  # read-only folder, full disk, no permission: name the path
        say(f"error: {environment_error(err)}", sys.stderr)
        return 1
    return 0


# Errors only a write meets; others (no permission, say) may come from a read as well.
_WRITE_ONLY = {os.strerror(e) for e in (errno.EROFS, errno.ENOSPC, errno.EDQUOT)}


def _cannot(reason: str) -> str:
    return "cannot write" if reason in _WRITE_ONLY else "cannot access"


def environment_error(err: OSError) -> str:
    """One line naming the path: 'cannot write /x/report: Read-only file system'."""
    path = err.filename2 if err.filename2 is not None else err.filename
    shown = _written_path(Path(os.fsdecode(path))) if path is not None else "a file"
    reason = err.strerror or str(err)
    return f"{_cannot(reason)} {shown}: {reason}"


if __name__ == "__main__":
    try:
        code = main()
    except KeyboardInterrupt:  # a second Ctrl-C, after the step said its line
        code = 130
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the step is over: a late Ctrl-C changes nothing
    sys.exit(code)
