"""``make clean``: remove what the build wrote into BUILD, by its manifests, and nothing else.

    python -m klyngekrise.clean --build FOLDER

Each output folder the build writes into keeps a ``.manifest`` (see ``klyngekrise.files``).
This removes the files those manifests name, the build's own leftover temporary files, the
manifests, and then any of those folders left empty. It refuses an empty BUILD, ``/``, the home
folder, and a folder with no manifest (one it did not build). Standard library only: it runs
before ``.venv`` exists.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from klyngekrise import paths
from klyngekrise.files import MANIFEST, TEMP_PREFIX, TEMP_SUFFIX

OUTPUT_FOLDERS = ("figures", "report", "build")
# files.temporary's names: ".<target>.<8 random characters>.partial[<suffix>]"
_TEMPORARY = re.compile(re.escape(TEMP_PREFIX) + r".+\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX)
                        + r"(\.[a-z]+)?$")


class CleanError(Exception):
    """Nothing was removed; the message says why."""


def _root(build: str) -> Path:
    if not build.strip():
        raise CleanError("BUILD is empty; name the folder to clean (BUILD=. is the project's)")
    root = paths.resolve(build).resolve()
    if root == Path(root.anchor):
        raise CleanError(f"BUILD={build} is the file system's root; refusing to clean it")
    if root == Path.home().resolve():
        raise CleanError(f"BUILD={build} is your home folder; refusing to clean it")
    if not root.is_dir():
        raise CleanError(f"BUILD={build}: no such folder; nothing removed")
    return root


def manifests(root: Path) -> list[Path]:
    """Every manifest under BUILD's output folders, deepest first; symlinks are not followed."""
    found = []
    for top in OUTPUT_FOLDERS:
        if (root / top).is_symlink():
            continue
        for folder, _, names in os.walk(root / top):
            if MANIFEST in names:
                found.append(Path(folder) / MANIFEST)
    return sorted(found, key=lambda p: len(p.parts), reverse=True)


def _listed(manifest: Path) -> list[str]:
    names = dict.fromkeys(manifest.read_text(encoding="utf-8").splitlines())
    return [n for n in names if n and "/" not in n and n not in (".", "..", MANIFEST)]


def clean(build: str) -> dict[Path, list[str]]:
    """Remove the build's files from BUILD; return, per folder, the names removed."""
    root = _root(build)
    found = manifests(root)
    if not found:
        if root == paths.PROJ_ROOT:
            return {}
        raise CleanError(f"BUILD={build}: not a folder this project built (no {MANIFEST} under "
                         f"{', '.join(f + '/' for f in OUTPUT_FOLDERS)}); nothing removed")
    removed: dict[Path, list[str]] = {}
    for manifest in found:
        folder = manifest.parent
        names = [n for n in _listed(manifest) if _is_plain_file(folder / n)]
        names += sorted(n for n in os.listdir(folder)
                        if _TEMPORARY.match(n) and n not in names and _is_plain_file(folder / n))
        for name in names:
            (folder / name).unlink()
        manifest.unlink()
        removed[folder] = names
        # The folders it wrote into, and their parents up to BUILD, go if nothing else is there.
        for parent in (folder, *folder.parents[: len(folder.relative_to(root).parts) - 1]):
            _remove_if_empty(parent)
    return removed


def _is_plain_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not empty: something the build did not write lives there
        pass


def summary(removed: dict[Path, list[str]], build: str) -> list[str]:
    if not removed:
        return [f"clean: nothing the build wrote is left in {build}"]
    lines = []
    for folder, names in sorted(removed.items()):
        shown = paths.shown(folder)
        count = f"{len(names)} file{'' if len(names) == 1 else 's'}"
        lines.append(f"removed {count} from {shown}/" + (": " + ", ".join(names[:4]) if names
                                                         else ""))
        if len(names) > 4:
            lines[-1] += f", ... ({len(names) - 4} more)"
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m klyngekrise.clean",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.environ.get("KLYNGEKRISE_BUILD", "."))
    args = parser.parse_args(argv)
    try:
        removed = clean(args.build)
    except CleanError as err:
        sys.stderr.write(f"error: {err}\n")
        return 1
    except OSError as err:
        sys.stderr.write(f"error: cannot remove {err.filename}: {err.strerror}\n")
        return 1
    sys.stdout.write("".join(line + "\n" for line in summary(removed, args.build)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
