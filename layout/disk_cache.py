"""Derived data on disk: where it lives, how an entry is named, written, read and pruned.

In: a font file and a kind of data (the composer's metrics, the PDF's and the EPUB's
font subsets; `layout.read_cache` keeps the inputs read in the same folder). Out: a
cache file path keyed by the font's content, atomic writes and reads that never fail
an export (a read-only or damaged cache is no error), and pruning to the entries used
last, for the kinds that grow with every document.
"""

from __future__ import annotations

import contextlib
import copyreg
import os
import pickle
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from layout.cache_home import cache_dir
from layout.digest import digest

CACHE_VERSION = 13  # bump when what an entry holds changes (9: cmap arrays, 10: FaceData, 12: regional
# forms apart, 13: a PDF font whole, in plain values)


def cache_file(kind: str, path: Path, *extra: str) -> Path:
    """The cache file of `kind` for the face file `path` as it is now.

    Keyed by content, not by path and mtime: every clone or copy of the fonts shares
    one entry instead of adding ~3 MB to the cache. A TrueType file's first bytes
    are its table directory, which holds a checksum of every table (and `head`
    one of the whole file), so they and the size identify the file for the price of
    one small read.
    """
    with open(path, "rb") as fh:
        directory = fh.read(_DIRECTORY_BYTES)
    key = digest(directory, 20)
    key.update("|".join([str(path.stat().st_size), str(CACHE_VERSION), *extra]).encode())
    return cache_dir() / f"{kind}-{key.hexdigest()[:16]}.pickle"


_DIRECTORY_BYTES = 4096  # 12 + 16 per table: room for 255 tables


def store(cache: Path, value: object) -> None:
    """Write a cache entry atomically; a read-only cache directory, or a value pickle
    cannot store, is no error (the value is then made again next time)."""
    tmp = cache.with_suffix(f".{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = _DISPATCH
            pickler.dump(value)
        os.replace(tmp, cache)
    except Exception:  # noqa: BLE001 - unwritable, or unpicklable (pickle raises several kinds)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def read_only(items: dict) -> Mapping:
    """A read-only view of `items`: how a stored `MappingProxyType` is read back."""
    return MappingProxyType(items)


# a spec's style and font tables are read-only mappings, which pickle cannot store itself
_DISPATCH = {**copyreg.dispatch_table, MappingProxyType: lambda view: (read_only, (dict(view),))}


def load(cache: Path) -> object | None:
    """A cache entry, or None when it is missing or unreadable (then made again).
    Reading one marks it used, for `prune`."""
    try:
        with open(cache, "rb") as fh:
            value = pickle.load(fh)
    except Exception:  # noqa: BLE001 - truncated, damaged or of another layout: made again
        return None
    with contextlib.suppress(OSError):  # a read-only cache is still read
        os.utime(cache)
    return value


def prune(kind: str, keep: int) -> None:
    """Remove all but the `keep` most recently used entries of `kind` (kinds keyed by
    more than the face file, which would otherwise grow with every document)."""
    try:
        entries = [(entry.stat().st_mtime_ns, entry) for entry in cache_dir().glob(f"{kind}-*.pickle")]
        for _, entry in sorted(entries, reverse=True)[keep:]:
            entry.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or vanished cache: nothing to tidy

