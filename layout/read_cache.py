"""Inputs read before: a document, a raw text or a layout spec is parsed once, not at
every export.

In: the input's name and bytes, the source files of the code that reads it, and that
reader. Out: what the reader made of it (an Issue, with ingest's notes; a Spec), from
disk when the same bytes under the same name were read before by the same code. Kept
like the font data (`layout.disk_cache`): keyed by the name, the bytes and the readers'
source files (their sizes and modification times, as Python judges its bytecode), so an
edited input, or an edited reader, is read anew; the `KEPT` used last stay. A spec
depends on other files too (`read_once_with`).

Why: the usual loop exports the same issue again and again while its spec is tweaked
(and `build` reads it for the PDF and the EPUB): a 200-page document took 0.14 s to
parse before any page could start (0.02 s to unpickle), and a raw text was ingested
anew, its ~50 ms of imports included. With the spec and the font manifest kept too, an
export of inputs read before never loads YAML's parser, the spec's validator nor
ingest (~20 ms of a one-page export's ~110). An input that fails to read is never stored.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

from layout import disk_cache
from layout.digest import digest

T = TypeVar("T")
KEPT = 16  # inputs: a few issues' worth (a 200-page document is ~3 MB pickled)
_PACKAGE = Path(__file__).resolve().parent


def read_once(kind: str, name: str, data: bytes, readers: Sequence[str],
              read: Callable[[], T]) -> T:
    """`read()`, or what it returned for the same `data` under the same `name` before.

    `readers`: the package's source files `read` depends on (globs under `layout/`, e.g.
    "ingest/*.py"); any change to them is a new key.
    """
    entry = _entry(kind, name, data, readers)
    known = disk_cache.load(entry)
    if known is not None:
        return known  # type: ignore[return-value]  # stored by this function, of `read`'s type
    made = read()
    disk_cache.store(entry, made)
    disk_cache.prune(kind, KEPT)
    return made


def read_once_with(kind: str, name: str, data: bytes, readers: Sequence[str],
                   read: Callable[[], T], opened: Callable[[T], Iterable[Path]]) -> T:
    """`read_once` for an input whose reading depends on other files as well (a spec's
    `extends` chain, the font files it names, the font manifest it checks names
    against): `opened(made)` names them, and the entry serves only while each has the
    size and modification time it had when it was read.
    """
    entry = _entry(kind, name, data, readers)
    known = disk_cache.load(entry)
    if isinstance(known, tuple) and len(known) == 2 and known[0] == _stamps(known[0]):
        return known[1]  # type: ignore[no-any-return]  # stored below, of `read`'s type
    made = read()
    disk_cache.store(entry, (tuple((path, _stamp(path)) for path in map(str, opened(made))), made))
    disk_cache.prune(kind, KEPT)
    return made


def _entry(kind: str, name: str, data: bytes, readers: Sequence[str]) -> Path:
    key = digest(data)
    key.update(f"\0{name}\0{_source_digest(tuple(readers))}\0{sys.version_info[:2]}".encode(
        "utf-8", "surrogatepass"))
    return disk_cache.cache_dir() / f"{kind}-{key.hexdigest()[:32]}.pickle"


def _stamps(known: tuple[tuple[str, tuple[int, int] | None], ...]) -> tuple:
    return tuple((path, _stamp(path)) for path, _ in known)


def _stamp(path: str) -> tuple[int, int] | None:
    """What tells an edited file apart without reading it (a font may be megabytes)."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


@cache
def _source_digest(readers: tuple[str, ...]) -> str:
    """A digest of the readers' source files as Python tells a module's bytecode is
    stale: by each file's size and modification time (reading and hashing their text
    took ~0.6 ms of every export)."""
    key = digest()
    for pattern in readers:
        for path in sorted(_PACKAGE.glob(pattern)):
            status = path.stat()
            key.update(f"{path.name}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return key.hexdigest()
