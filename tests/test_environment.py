"""Pinned dependencies: the lock is exact, and environment.yml agrees with it."""

import re

import yaml

from tests.conftest import ROOT


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, sep, version = line.partition("==")
            assert sep, f"not an exact pin: {line}"
            pins[name.lower().replace("_", "-")] = version
    return pins


def _direct() -> set[str]:
    names = set()
    for line in (ROOT / "requirements.in").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            names.add(re.split(r"[<>=\[ ]", line)[0].lower())
    return names


def test_every_direct_dependency_is_locked():
    assert _direct() <= set(_lock())


def test_environment_yml_pins_the_same_versions_as_the_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, _, version = dep.partition("=")
            conda[name.lower()] = version
    python = conda.pop("python")
    conda.pop("pip", None)
    assert python.startswith("3.11")
    assert set(conda) == _direct(), "environment.yml and requirements.in list other packages"
    lock = _lock()
    disagree = {n: (v, lock[n]) for n, v in conda.items() if v != lock[n]}
    assert not disagree, f"environment.yml vs requirements.lock: {disagree}"
