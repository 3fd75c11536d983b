"""Packaging that tells the truth: pyproject.toml declares every package the package and the
notebooks import, and `pip install .` alone, into an empty environment, gives a package that
imports all of them and has its words (the gettext catalogues)."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT, project

# Read by pandas (read_excel) rather than imported by name: a dependency all the same.
IMPORTED_THROUGH_PANDAS = {"openpyxl"}


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        dependencies = tomllib.load(f)["project"]["dependencies"]
    return {_name(re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0]) for d in dependencies}


def _imported_modules() -> set[str]:
    """Top-level modules outside the standard library that src/ and the notebooks import."""
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "src" / "klyngekrise").glob("*.py")]
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        sources += ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    modules = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names and m != "klyngekrise"}


def test_pyproject_declares_every_package_the_code_imports():
    distributions = packages_distributions()
    imported = {_name(distributions[m][0]) for m in _imported_modules()}
    assert "statsmodels" in imported  # the scan sees the imports (the control)
    assert imported | IMPORTED_THROUGH_PANDAS <= _declared()


def test_pyproject_declares_what_the_build_lock_is_made_from():
    wanted = set()
    for line in (ROOT / "requirements.in").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            wanted.add(_name(re.split(r"[<>=\[ ]", line)[0]))
    assert wanted - {"setuptools"} <= _declared()  # setuptools builds the package; not imported


@pytest.mark.build
def test_pip_install_alone_gives_a_package_that_imports_everything(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # The lock's versions (without its hashes) as constraints: the same packages the build
    # uses, from the installer's cache; the constraints add no package of their own.
    pins = [line.rstrip(" \\") for line in (ROOT / "requirements.lock").read_text().splitlines()
            if re.match(r"[A-Za-z0-9]", line)]
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("\n".join(pins) + "\n")
    uv = shutil.which("uv", path=str(ROOT / ".venv" / "bin"))
    install = ([uv, "pip", "install", "-q", "--python", str(python)] if uv
               else [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"])
    subprocess.run([*install, "-c", str(constraints), str(project())], check=True,
                   capture_output=True, text=True, timeout=900)
    modules = sorted(_imported_modules() | IMPORTED_THROUGH_PANDAS)
    package = [f"klyngekrise.{p.stem}" for p in sorted((ROOT / "src" / "klyngekrise").glob("*.py"))
               if p.stem != "__init__"]
    check = ("import importlib, sys\n"
             f"for name in {modules + package!r}:\n"
             "    importlib.import_module(name)\n"
             "import klyngekrise\n"
             "from klyngekrise.text import strings\n"
             "assert strings('nb')['report_title'] and strings('en')['report_title']\n"
             "print(klyngekrise.__file__)\n")
    result = subprocess.run([str(python), "-c", check], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert str(venv) in result.stdout  # the installed package, not the checkout's src/


def _provenance_in_copy(code: str, env: dict[str, str] | None = None) -> str:
    from tests.conftest import project_env

    return subprocess.run([sys.executable, "-c", "from klyngekrise import provenance; " + code],
                          cwd=project(), env={**project_env(), **(env or {})},
                          capture_output=True, text=True, check=True).stdout.strip()


def test_a_notebook_saved_with_its_outputs_is_not_an_uncommitted_change(tmp_path):
    """What git status says with nbstripout as the filter (as `make test` sets it up): a
    notebook that strips to the committed one is unchanged, a changed cell is a change."""
    attributes = tmp_path / "attributes"
    attributes.write_text("*.ipynb filter=nbstripout\n")
    nbstripout = Path(sys.executable).parent / "nbstripout"
    with_filter = {"GIT_CONFIG_COUNT": "2",  # as in .git/config, for these processes only
                   "GIT_CONFIG_KEY_0": "filter.nbstripout.clean",
                   "GIT_CONFIG_VALUE_0": f'"{nbstripout}" --keep-id',
                   "GIT_CONFIG_KEY_1": "core.attributesFile", "GIT_CONFIG_VALUE_1": str(attributes)}
    notebook = project() / "notebooks" / "08_conclusions.ipynb"
    before, stamp = notebook.read_bytes(), notebook.stat()
    ask = "print(provenance.git_state()[1])"
    as_committed = _provenance_in_copy(ask, with_filter)  # the copy is as the checkout is
    try:
        as_run = nbformat.reads(before.decode(), as_version=4)
        code = next(c for c in as_run.cells if c.cell_type == "code")
        code.execution_count = 1
        code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
        notebook.write_text(nbformat.writes(as_run), encoding="utf-8")
        with_outputs = _provenance_in_copy(ask, with_filter)
        code.source += "\n# an edit"
        notebook.write_text(nbformat.writes(as_run), encoding="utf-8")
        edited = _provenance_in_copy(ask, with_filter)
    finally:
        notebook.write_bytes(before)
        os.utime(notebook, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert (with_outputs, edited) == (as_committed, "True")


def test_provenance_marks_a_tree_with_uncommitted_changes():
    readme = project() / "README.md"
    before, stamp = readme.read_bytes(), readme.stat()
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.strip()
    clean = _provenance_in_copy("print(provenance.git_state())")
    try:
        readme.write_bytes(before + b"\nan edit\n")
        edited = _provenance_in_copy("print(provenance.git_state())")
        manifest = _provenance_in_copy("print(provenance.manifest('data/raw/survey_responses.csv')"
                                       ".splitlines()[0])")
    finally:
        readme.write_bytes(before)
        os.utime(readme, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert edited == repr((commit, True))
    assert manifest == f"commit {commit} with uncommitted changes"
    dirty_at_start = bool(subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
        text=True, check=True).stdout.strip())
    assert clean == repr((commit, dirty_at_start))  # the copy is as the checkout is


def test_a_remembered_git_state_holds_until_a_tracked_file_or_the_commit_moves(tmp_path):
    # git status runs the notebook filter on every notebook whose time stamp moved, seconds
    # a make run; the answer is kept beside the build and asked again only when what git's own
    # stat test looks at has moved.
    readme = project() / "README.md"
    before, stamp = readme.read_bytes(), readme.stat()
    remember = tmp_path / "git-state"
    ask = f"print(provenance.git_state(__import__('pathlib').Path({str(remember)!r}))[1])"
    first = _provenance_in_copy(ask)
    kept = remember.read_text()
    flipped = kept.replace("clean", "changed") if first == "False" else \
        kept.replace("changed", "clean")
    remember.write_text(flipped)  # an answer only the remembered file can give
    reused = _provenance_in_copy(ask)
    try:
        readme.write_bytes(before + b"\nan edit\n")
        edited = _provenance_in_copy(ask)
    finally:
        readme.write_bytes(before)
        os.utime(readme, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert reused == str(first != "True")
    assert edited == "True"
    assert remember.read_text() != flipped


def _index_stat(name: str) -> str:
    """The time stamp the copy's index records for one file ("0:0": none yet)."""
    debug = subprocess.run(["git", "ls-files", "--debug", name], cwd=project(),
                           capture_output=True, text=True, check=True,
                           env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"}).stdout
    return re.search(r"mtime: (\S+)", debug).group(1)


def test_the_git_state_is_found_once_not_at_every_build():
    """git status refreshes an index that records no time stamps yet (as just after a clone
    git cannot trust them): the clean filter then runs once, not every time it is asked."""
    subprocess.run(["git", "read-tree", "HEAD"], cwd=project(), check=True)  # stamps cleared
    assert _index_stat("notebooks/04_markets.ipynb") == "0:0"
    _provenance_in_copy("provenance.git_state()")
    assert _index_stat("notebooks/04_markets.ipynb") != "0:0"


def test_provenance_lists_every_package_that_computes():
    listed = json.loads(_provenance_in_copy(
        "import json; print(json.dumps(dict(provenance.package_versions())))"))
    assert {"python", "statsmodels", "pandas", "numpy", "scipy", "matplotlib"} <= set(listed)
    assert _declared() <= {_name(n) for n in listed}
