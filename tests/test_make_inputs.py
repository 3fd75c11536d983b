"""User values on make's command line: never run as commands, refused in one line when make
cannot use them; report.yml read by the project's reader; `make clean` by the manifests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from klyngekrise import clean, params, paths
from tests.conftest import FIXTURE, ROOT, run_make

AWKWARD_DATA = "my answers; touch PWNED-data 'q' \"dq\" & æøå $(touch PWNED-sub).csv"


def _no_command_ran(*folders: Path) -> None:
    for folder in (ROOT, *folders):
        assert not list(folder.rglob("PWNED*")), folder


@pytest.mark.build
def test_data_with_shell_syntax_is_only_a_path(tmp_path):
    """Only the parameter check runs (one target), so this is quick; the file is missing."""
    build = tmp_path / "out"
    result = run_make(f"BUILD={build}", f"{build}/build/nb/params.json",
                      f"DATA={tmp_path / AWKWARD_DATA}", check=False)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if not line.startswith("make:")]
    assert errors == [f"error: {tmp_path / AWKWARD_DATA}: no such file; expected a respondent "
                      "file (CSV (UTF-8 or Windows-1252), Excel .xlsx, SPSS .sav or Stata .dta) "
                      "with the columns listed in data/codebook.csv"]
    _no_command_ran(tmp_path)


@pytest.mark.build
def test_programme_with_shell_syntax_is_only_a_value(tmp_path):
    build = tmp_path / "out"
    result = run_make(f"BUILD={build}", f"{build}/build/nb/params.json",
                      "PROGRAMME=NCE; touch PWNED-programme", check=False)
    assert "PROGRAMME is 'NCE; touch PWNED-programme'; allowed: all, NCE, Arena" in result.stderr
    _no_command_ran(tmp_path)


@pytest.mark.build
@pytest.mark.parametrize("build,named", [
    ("out put", "contains a space"), ("a;touch${IFS}PWNED-b", "contains ;"), ("a:b", "contains :"),
    ("a#b", "contains #"), ("a$$b", "contains $"), ("50%", "contains %"),
    ("a(b)", "contains ( )"), ("", "BUILD is empty")])
@pytest.mark.parametrize("goal", ["report", "clean"])
def test_build_make_cannot_name_is_refused_in_one_line_before_anything_runs(tmp_path, build,
                                                                             named, goal):
    result = run_make(goal, f"BUILD={build}", check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and named in result.stderr
    assert "Stop." in result.stderr
    _no_command_ran(tmp_path)


@pytest.mark.build
def test_quotes_ampersand_and_letters_in_build_and_data_work(tmp_path):
    """The prepare step end to end with an awkward BUILD and DATA: parameters land as given."""
    build = tmp_path / "ut'data & \"æøå\"!"
    build = Path(str(build).replace(" ", "_"))  # make cannot have spaces in a target name
    data = tmp_path / AWKWARD_DATA
    data.write_bytes(FIXTURE.read_bytes())
    run_make(f"BUILD={build}", f"{build}/build/nb/params.json", f"DATA={data}")
    import json

    written = json.loads((build / "build" / "nb" / "params.json").read_text(encoding="utf-8"))
    assert written["data_path"] == str(data) and written["build_dir"] == str(build)
    assert str(data) in (build / "build" / "nb" / "data.sha256").read_text(encoding="utf-8")
    _no_command_ran(tmp_path)


# -- report.yml: read by the project's YAML reader, not sed ---------------------------------

def test_makefile_reads_report_yml_through_the_project_reader():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert not re.search(r"\bsed\s+-", makefile)
    assert "klyngekrise.params $@" in makefile


@pytest.mark.parametrize("text,language", [
    ('language: "en"\n', "en"), ("language: 'nb'  # quoted\n", "nb"), ("{language: en}\n", "en"),
    ('data_path: "my data/answers 2010.csv"\nlanguage: en\n', "en"), ("", "nb")])
def test_make_defaults_from_any_valid_yaml(tmp_path, monkeypatch, text, language):
    yml = tmp_path / "report.yml"
    yml.write_text(text, encoding="utf-8")
    monkeypatch.setattr(paths, "PARAMS_FILE", yml)
    target = tmp_path / "defaults.mk"
    params.write_make_defaults(target)
    assert f"REPORT_LANGUAGE := {language}\n" in target.read_text(encoding="utf-8")


def test_bad_report_yml_writes_no_make_defaults(tmp_path, monkeypatch):
    yml = tmp_path / "report.yml"
    yml.write_text("language: de\n", encoding="utf-8")
    monkeypatch.setattr(paths, "PARAMS_FILE", yml)
    with pytest.raises(params.InputError, match="key 'language' is 'de'; allowed: nb, en"):
        params.write_make_defaults(tmp_path / "defaults.mk")
    assert list(tmp_path.iterdir()) == [yml]


# -- make clean: by the manifests, refusing folders it did not build ------------------------

def _built(root: Path) -> Path:
    """A folder as a build leaves it (no notebooks: the manifests are what clean reads)."""
    from klyngekrise.files import write_if_changed

    for rel in ("figures/fig-3-1.png", "figures/en/fig-3-1.png", "report/report.html",
                "build/nb/params.json", "build/nb/executed/00_front_matter.ipynb"):
        write_if_changed(root / rel, "made by the build")
    return root


@pytest.mark.build
def test_clean_removes_what_the_manifests_list_and_says_so(tmp_path):
    root = _built(tmp_path / "out")
    mine = [root / "figures" / "my-notes.txt", root / "report" / "report.html.bak",
            root / "keep.csv"]
    for path in mine:
        path.write_text("the user's")
    stale = root / "report" / ".report.html.ab12cd34.partial"  # left by a killed build
    stale.write_text("half")
    result = run_make("clean", f"BUILD={root}")
    assert result.stdout.splitlines() == [
        f"removed 1 file from {root}/build/nb/: params.json",
        f"removed 1 file from {root}/build/nb/executed/: 00_front_matter.ipynb",
        f"removed 1 file from {root}/figures/: fig-3-1.png",
        f"removed 1 file from {root}/figures/en/: fig-3-1.png",
        f"removed 2 files from {root}/report/: report.html, .report.html.ab12cd34.partial"]
    left = sorted(str(p.relative_to(root)) for p in root.rglob("*"))
    assert left == ["figures", "figures/my-notes.txt", "keep.csv", "report",
                    "report/report.html.bak"]
    again = run_make("clean", f"BUILD={root}", check=False)
    assert again.returncode != 0 and "not a folder this project built" in again.stderr


@pytest.mark.build
def test_clean_refuses_a_folder_it_did_not_build(tmp_path):
    for name in ("figures", "report", "build"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "precious.txt").write_text("not ours")
    result = run_make("clean", f"BUILD={tmp_path}", check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert f"error: BUILD={tmp_path}: not a folder this project built" in result.stderr
    assert len(list(tmp_path.rglob("precious.txt"))) == 3


@pytest.mark.parametrize("build", ["/", "/.", "//", "~"])
def test_clean_refuses_root_and_home(tmp_path, monkeypatch, build):
    monkeypatch.setenv("HOME", str(_built(tmp_path)))
    with pytest.raises(clean.CleanError, match="refusing to clean it"):
        clean.clean(str(tmp_path) if build == "~" else build)
    assert (tmp_path / "report" / "report.html").exists()


def test_clean_of_a_parent_reaches_no_sibling(tmp_path):
    built = _built(tmp_path / "parent" / "child")
    sibling = tmp_path / "parent" / "sibling"
    sibling.mkdir()
    (sibling / "figures").mkdir()
    (sibling / "figures" / "x.png").write_text("not ours")
    with pytest.raises(clean.CleanError, match="not a folder this project built"):
        clean.clean(str(built / ".."))
    assert (sibling / "figures" / "x.png").exists() and (built / "report").exists()


def test_clean_does_not_follow_a_symlink_out_of_build(tmp_path):
    elsewhere = _built(tmp_path / "elsewhere")
    root = _built(tmp_path / "out")
    (root / "figures" / "linked").symlink_to(elsewhere / "figures")
    (root / "build" / "nb" / "linked.json").symlink_to(elsewhere / "build" / "nb" / "params.json")
    with (root / "build" / "nb" / ".manifest").open("a") as f:
        f.write("linked.json\n../../../elsewhere/report/report.html\n")
    clean.clean(str(root))
    assert sorted(str(p.relative_to(elsewhere)) for p in elsewhere.rglob("*")
                  if p.is_file() and p.name != ".manifest") == [
        "build/nb/executed/00_front_matter.ipynb", "build/nb/params.json",
        "figures/en/fig-3-1.png", "figures/fig-3-1.png", "report/report.html"]


def test_every_input_the_provenance_lists_is_a_prerequisite_of_the_notebooks():
    """A changed input reruns the notebooks: make's prerequisites hold every file the
    provenance section lists (the data file and report.yml through their stamps)."""
    from klyngekrise import provenance

    shown = run_make("--eval", "show-inputs: ; @echo $(NOTEBOOK_INPUTS) $(REPORT_NOTEBOOKS) "
                     "$(TEMPLATE)", "show-inputs").stdout.split()
    listed = {str(paths.shown(p)) for p in provenance.input_files(paths.RAW_RESPONSES)}
    stamped = {str(paths.shown(paths.RAW_RESPONSES)), str(paths.shown(paths.PARAMS_FILE)),
               str(paths.shown(paths.TOC))}  # the TOC: through make's defaults and the stitch
    beside = {str(paths.shown(p)) for p in (paths.user_codebook(paths.RAW_RESPONSES),
                                            paths.dataset_description(paths.RAW_RESPONSES))}
    missing = sorted(listed - stamped - beside - set(shown))
    assert missing == [], f"inputs make does not know: {missing}"
