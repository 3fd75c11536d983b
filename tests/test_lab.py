"""A student in a real JupyterLab, driven by headless Chromium (make test-browser).

JupyterLab starts on localhost in a temporary copy of the project (its own git repository with
the set-up's filter, its own Jupyter settings), opens notebook 05 and runs it as a student
would: run all cells, and each figure shows once, as the report shows it, and is saved. Every
wait is bounded; the server is stopped at the end.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from klyngekrise.build import CHROMIUM_FLAGS, find_chromium
from tests.student_project import VENV, environment, make, project_copy

pytestmark = pytest.mark.browser
WAIT_MS = 120_000  # the longest any one step may take (a whole notebook run, on a busy machine)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """(project, url, token) of a JupyterLab serving a fresh copy of the project."""
    project = project_copy(tmp_path_factory.mktemp("student"))
    make(project, "git-filter")
    home = tmp_path_factory.mktemp("jupyter-home")
    port, token = _free_port(), secrets.token_hex(16)
    env = {**environment(project), "HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}
    env.pop("MPLBACKEND", None)  # as `make lab` starts it: plots inline
    log = (home / "lab.log").open("w")
    server = subprocess.Popen(
        [str(VENV / "bin" / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1",
         f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={project}",
         "--allow-root", "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=",
         "--LabApp.extension_manager=readonly",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("JupyterLab did not start:\n"
                                         + (home / "lab.log").read_text()) from None
                time.sleep(1)
        yield project, url, token
    finally:
        if server.poll() is None:  # the server, and the kernels it started, in its group
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="module")
def notebook(lab):
    from playwright.sync_api import sync_playwright

    project, url, token = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_FLAGS))
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(WAIT_MS)
        page.goto(f"{url}/lab/tree/notebooks/05_adaptation.ipynb?token={token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell")
        # until the notebook's kernel is connected and idle: a command sent before does nothing
        page.wait_for_function(
            "() => { const k = window.jupyterapp?.shell.currentWidget?.sessionContext?.session"
            "?.kernel; return k && k.connectionStatus === 'connected' && k.status === 'idle'; }")
        yield page, project
        browser.close()


def _wait_idle(page) -> None:
    """Until the kernel is idle and no cell waits to run ("[*]")."""
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-InputArea-prompt')];
            const busy = prompts.some(p => p.textContent.includes('*'));
            const status = document.querySelector('.jp-Notebook-ExecutionIndicator');
            const idle = !status || status.getAttribute('data-status') === 'idle';
            return !busy && idle;
        }""", timeout=WAIT_MS)


def _command(page, command: str) -> None:
    """What a menu item does: JupyterLab's own command (the app is exposed for the test)."""
    page.evaluate("command => { window.jupyterapp.commands.execute(command); }", command)


def _errors(page) -> list[str]:
    return page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
                        ).all_inner_texts()


def test_run_all_shows_each_figure_once_with_its_caption(notebook):
    page, project = notebook
    _command(page, "notebook:run-all-cells")
    page.wait_for_timeout(1000)
    _wait_idle(page)
    page.wait_for_selector("text=Figur 3.7")
    assert _errors(page) == []
    figures = page.locator(".jp-OutputArea-output figure img")
    assert figures.count() == 5  # Figures 3.3 to 3.7, each once
    assert page.locator(".jp-RenderedImage").count() == 0  # no second, inline copy
    for key in ("fig-3-3", "fig-3-7"):
        assert (project / "build" / "scratch" / "figures" / f"{key}.png").exists()


def _notebook_cells() -> list[str]:
    import nbformat

    from tests.conftest import ROOT

    return [c.source for c in nbformat.read(ROOT / "notebooks" / "05_adaptation.ipynb",
                                            as_version=4).cells]


def _run_cell(page, index: int, source: str | None = None) -> None:
    """Select cell ``index`` (optionally giving it a new source, as typing would), run it, and
    wait until it has run: its execution count moves on and the kernel is idle."""
    before = page.evaluate(
        """([index, source]) => {
            const panel = window.jupyterapp.shell.currentWidget;
            const cell = panel.content.model.cells.get(index);
            if (source !== null) cell.sharedModel.setSource(source);
            const count = cell.executionCount;
            panel.content.activeCellIndex = index;
            panel.content.deselectAll();
            return window.jupyterapp.commands.execute('notebook:run-cell').then(() => count);
        }""", [index, source])
    page.wait_for_function(
        """([index, before]) => {
            const panel = window.jupyterapp.shell.currentWidget;
            const count = panel.content.model.cells.get(index).executionCount;
            return count !== null && count !== before
                && panel.sessionContext.session.kernel.status === 'idle';
        }""", arg=[index, before], timeout=WAIT_MS)
    _wait_idle(page)


def _run_all(page) -> None:
    _command(page, "notebook:run-all-cells")
    page.wait_for_timeout(1000)
    _wait_idle(page)
    assert _errors(page) == []


def test_a_section_run_again_after_later_ones_saves_its_own_figure(notebook):
    page, project = notebook
    _run_all(page)  # Figures 3.4 to 3.7 ran after 3.3's section
    saved = project / "build" / "scratch" / "figures" / "fig-3-3.csv"
    saved.unlink()  # a save writes only changed bytes: gone, so its running again shows
    cells = _notebook_cells()
    _run_cell(page, next(i for i, s in enumerate(cells) if 'report.figure("fig-3-3"' in s))
    assert _errors(page) == []
    items = {line.split(",")[0] for line in saved.read_text(encoding="utf-8").splitlines()[1:]}
    assert items and all(item.startswith("q3_") for item in items), items


def test_a_colour_for_one_figure_changes_that_figure_only(notebook):
    from matplotlib.colors import to_hex

    from klyngekrise import style

    page, project = notebook
    _run_all(page)
    cells = _notebook_cells()
    fig_3_3 = next(i for i, s in enumerate(cells) if 'report.figure("fig-3-3"' in s)
    fig_3_4 = next(i for i, s in enumerate(cells) if 'report.figure("fig-3-4"' in s)
    draw, rest = cells[fig_3_3].split("\n", 1)
    assert draw.startswith("fig_3_3 = plotting.draw_waves(")
    changed = ('with style.context(wave_colours={2009: "lightgrey"}):\n    ' + draw + "\n" + rest)
    figures = project / "build" / "scratch" / "figures"
    try:
        _run_cell(page, fig_3_3, changed)
        _run_cell(page, fig_3_4)
        assert _errors(page) == []
        fig_3_3_svg, fig_3_4_svg = ((figures / f"{key}.svg").read_text(encoding="utf-8")
                                    for key in ("fig-3-3", "fig-3-4"))
    finally:  # the notebook as shipped again, for the other tests on this page
        _run_cell(page, fig_3_3, cells[fig_3_3])
    house_2009 = to_hex(style.HOUSE_WAVE_COLOURS[2009])
    assert "#d3d3d3" in fig_3_3_svg  # lightgrey
    assert "#d3d3d3" not in fig_3_4_svg and house_2009 in fig_3_4_svg


def test_run_and_save_in_place_leaves_no_git_diff(notebook):
    page, project = notebook
    _run_all(page)
    _command(page, "docmanager:save")
    page.wait_for_function(
        "() => !window.jupyterapp.shell.currentWidget.context.model.dirty")
    page.wait_for_timeout(500)
    from tests.student_project import git

    assert git(project, "diff", "--stat") == ""
