"""Pinned dependencies: the two locks are exact, hashed and split cleanly (what the build needs;
that and what tests and development add), and environment.yml agrees with them."""

import re
from importlib import metadata

import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement

from tests.conftest import ROOT

DEV_ONLY = {"pytest", "ruff", "nbstripout", "jupyterlab", "playwright"}


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _entries(file: str) -> list[tuple[str, str, str, list[str]]]:
    """(name, version, marker, hashes) per pin of a lock written by `make lock`."""
    text = "\n".join(line for line in (ROOT / file).read_text().splitlines()
                     if not line.startswith("#"))
    entries = []
    for block in re.split(r"\n(?=[A-Za-z0-9])", text.strip()):
        head, *hashes = [part.strip() for part in block.split("\\")]
        requirement, _, marker = head.partition(" ; ")
        name, sep, version = requirement.partition("==")
        assert sep, f"{file}: not an exact pin: {head}"
        entries.append((_name(name), version, marker,
                        [h.removeprefix("--hash=") for h in hashes if h]))
    return entries


def _lock(file: str) -> dict[str, str]:
    """The pins that apply to this Python on this platform."""
    return {name: version for name, version, marker, _ in _entries(file)
            if not marker or Marker(marker).evaluate()}


def _direct(file: str) -> set[str]:
    names = set()
    for line in (ROOT / file).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(_name(re.split(r"[<>=\[ ]", line)[0]))
    return names


BUILD_LOCK = _lock("requirements.lock")
DEV_LOCK = _lock("requirements-dev.lock")
# What requirements-overrides.txt leaves out of the locks (a marker that never holds).
LEFT_OUT = _direct("requirements-overrides.txt")


def test_every_direct_dependency_is_locked():
    assert _direct("requirements.in") <= set(BUILD_LOCK)
    assert _direct("requirements-dev.in") <= set(DEV_LOCK)


def test_every_pin_carries_its_hashes():
    for file in ("requirements.lock", "requirements-dev.lock"):
        for name, _, _, hashes in _entries(file):
            assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name


def test_the_dev_lock_holds_the_build_lock_and_dev_tools_stay_out_of_the_build():
    assert BUILD_LOCK.items() <= DEV_LOCK.items()  # `make test` installs the dev lock alone
    hashes = {(n, v): set(h) for n, v, _, h in _entries("requirements-dev.lock")}
    assert all(set(h) == hashes[n, v] for n, v, _, h in _entries("requirements.lock"))
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
        if item not in seen and item[0] not in LEFT_OUT:
            seen.add(item)
            todo.extend(_requirements(*item))
    return {name for name, _ in seen}


def test_the_build_lock_holds_everything_the_build_needs_and_nothing_else():
    # `make report` installs requirements.lock alone: it must be closed under dependencies.
    assert _closure(_direct("requirements.in")) == set(BUILD_LOCK)


def test_the_dev_lock_holds_everything_tests_and_development_need():
    wanted = _closure(_direct("requirements.in") | _direct("requirements-dev.in"))
    assert wanted == set(DEV_LOCK)


def test_what_the_overrides_leave_out_is_neither_locked_nor_installed():
    assert LEFT_OUT == {"rfc3987-syntax"}
    for file in ("requirements.lock", "requirements-dev.lock"):
        assert not LEFT_OUT & set(_lock(file)), file
    for name in LEFT_OUT:
        try:
            metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        raise AssertionError(f"{name} is installed: the set-up installs the locks with --no-deps")


def test_the_venv_has_the_locked_versions():
    installed = {name: metadata.version(name) for name in DEV_LOCK}
    differ = {n: (v, installed[n]) for n, v in DEV_LOCK.items() if installed[n] != v}
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
    lock = DEV_LOCK
    disagree = {n: (v, lock[n]) for n, v in conda.items() if v != lock[n]}
    assert not disagree, f"environment.yml vs the locks: {disagree}"
