"""Pinned dependencies: the two locks are exact and split cleanly (what the build needs, and what
tests and development add), and environment.yml agrees with them."""

import re
from importlib import metadata

import yaml
from packaging.requirements import Requirement

from tests.conftest import ROOT

DEV_ONLY = {"pytest", "ruff", "nbstripout", "jupyterlab", "playwright"}


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock(file: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / file).read_text().splitlines():
        if line and not line.startswith("#"):
            name, sep, version = line.partition("==")
            assert sep, f"{file}: not an exact pin: {line}"
            pins[_name(name)] = version
    return pins


def _direct(file: str) -> set[str]:
    names = set()
    for line in (ROOT / file).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(_name(re.split(r"[<>=\[ ]", line)[0]))
    return names


BUILD_LOCK = _lock("requirements.lock")
DEV_LOCK = _lock("requirements-dev.lock")


def test_every_direct_dependency_is_locked():
    assert _direct("requirements.in") <= set(BUILD_LOCK)
    assert _direct("requirements-dev.in") <= set(DEV_LOCK)


def test_the_locks_do_not_overlap_and_dev_tools_stay_out_of_the_build():
    assert not set(BUILD_LOCK) & set(DEV_LOCK)
    assert DEV_ONLY <= set(DEV_LOCK) and not DEV_ONLY & set(BUILD_LOCK)
    assert "-r requirements.in" in (ROOT / "requirements-dev.in").read_text()


def _requirements(package: str, extras: frozenset[str]) -> set[tuple[str, frozenset[str]]]:
    """What an installed package needs on this platform, with the extras asked for."""
    needed = set()
    for text in metadata.distribution(package).requires or []:
        req = Requirement(text)
        if req.marker is None or any(req.marker.evaluate({"extra": e})
                                     for e in (sorted(extras) or [""])):
            needed.add((_name(req.name), frozenset(req.extras)))
    return needed


def _closure(roots: set[str]) -> set[str]:
    seen, todo = set(), [(name, frozenset()) for name in roots]
    while todo:
        item = todo.pop()
        if item not in seen:
            seen.add(item)
            todo.extend(_requirements(*item))
    return {name for name, _ in seen}


def test_the_build_lock_holds_everything_the_build_needs_and_nothing_else():
    # `make report` installs requirements.lock alone: it must be closed under dependencies.
    assert _closure(_direct("requirements.in")) == set(BUILD_LOCK)


def test_both_locks_hold_everything_tests_and_development_need():
    wanted = _closure(_direct("requirements.in") | _direct("requirements-dev.in"))
    assert wanted == set(BUILD_LOCK) | set(DEV_LOCK)


def test_the_venv_has_the_locked_versions():
    installed = {name: metadata.version(name) for name in {**BUILD_LOCK, **DEV_LOCK}}
    differ = {n: (v, installed[n]) for n, v in {**BUILD_LOCK, **DEV_LOCK}.items()
              if installed[n] != v}
    assert not differ


def test_environment_yml_pins_the_same_versions_as_the_locks():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, _, version = dep.partition("=")
            conda[_name(name)] = version
        else:  # pip's own list: packages conda-forge does not carry, pinned as name==version
            for line in dep.get("pip", []):
                if "==" in line:
                    name, _, version = line.partition("==")
                    conda[_name(name)] = version
    python = conda.pop("python")
    conda.pop("pip", None)
    assert python.startswith("3.11")
    direct = _direct("requirements.in") | _direct("requirements-dev.in")
    assert set(conda) == direct, "environment.yml and requirements*.in list other packages"
    lock = {**BUILD_LOCK, **DEV_LOCK}
    disagree = {n: (v, lock[n]) for n, v in conda.items() if v != lock[n]}
    assert not disagree, f"environment.yml vs the locks: {disagree}"
