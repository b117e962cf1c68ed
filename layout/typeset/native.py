"""The typesetting core's compiled build, and the guard that keeps a stale one from running.

`setup.py` compiles the modules in COMPILED with mypyc where it can: the same Python
source turned into C extension modules, typesetting about 1.4× faster with the same
output. Nothing else changes; without a build (no C compiler, LAYOUT_PURE=1 at install)
the source runs as it is.

The extension modules sit beside their sources, and Python imports an extension module
before a source file of the same name: an edited or newly checked-out source would be
shadowed by its old build without a word. So before any module of the core is
imported, `use_source_if_stale` (called by the package) has them all imported from
source when any source is newer than its build, or a build is missing, or LAYOUT_PURE=1
is set. All of them, not only the stale one: compiled modules call each other directly.
This module does that when imported; the package imports it first.

Run as a script, it exits 1 when a build exists and is stale (`scripts/_env.sh` then
builds again).
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec

# the line composer and page make-up: most of an export's time (setup.py lists them too)
COMPILED = ("cjk", "columns", "lb_atoms", "lb_fit", "lb_runs", "linebreak", "placement", "vfill")
PACKAGE = "layout.typeset"
_HERE = os.path.dirname(os.path.abspath(__file__))


def build_state() -> str:
    """"none" (no compiled module here), "fresh" or "stale" (a source newer than its
    build, or only some modules built)."""
    built, newest_source, oldest_build = 0, 0, None
    for name in COMPILED:
        try:
            stamp = os.stat(_build_path(name)).st_mtime_ns
        except OSError:
            continue
        built += 1
        oldest_build = stamp if oldest_build is None else min(oldest_build, stamp)
        newest_source = max(newest_source, os.stat(os.path.join(_HERE, f"{name}.py")).st_mtime_ns)
    if not built:
        return "none"
    stale = built < len(COMPILED) or oldest_build is None or newest_source > oldest_build
    return "stale" if stale else "fresh"


def use_source_if_stale() -> None:
    """Import the core from source when its build is stale or LAYOUT_PURE=1 is set."""
    from_source = bool(os.environ.get("LAYOUT_PURE")) or build_state() == "stale"
    if from_source and not any(isinstance(finder, _SourceFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder())


def compiled() -> bool:
    """Whether the core now imported runs compiled (for the summary and tests)."""
    module = sys.modules.get(f"{PACKAGE}.linebreak")
    return module is not None and not (module.__file__ or "").endswith(".py")


def _build_path(name: str) -> str:
    return os.path.join(_HERE, name + EXTENSION_SUFFIXES[0])


class _SourceFinder:
    """Finds the core's modules as source files (ahead of the extension modules)."""

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != PACKAGE or name not in COMPILED:
            return None
        from importlib.util import spec_from_file_location

        return spec_from_file_location(fullname, os.path.join(_HERE, f"{name}.py"))


use_source_if_stale()

if __name__ == "__main__":
    sys.exit(1 if build_state() == "stale" else 0)
