"""The code of the methods `dataclasses` writes, compiled once per Python, not once a run.

`@dataclass` writes each class's `__init__`, `__repr__`, `__eq__`, `__hash__` and, for
a frozen class, `__setattr__` and `__delattr__` as source text and compiles it with
`exec()` as the class is made. For this package's frozen dataclasses that is ~310
compiles, over a third of the time an export spends importing (23 of 60 ms on this
machine), paid again by every run. The text depends only on the class's fields and
options, so its code object is kept here, keyed by the text, in one marshal file per
Python build in the tool's cache folder, and `exec()` runs the kept code.

The hook is the name `exec` in the `dataclasses` module's globals, which shadows the
builtin for that module alone. The same text compiled the same way gives the same
code, so classes are made exactly as before, also other libraries' in this process.
A Python whose `dataclasses` no longer calls `exec()` with text just compiles as it
always did, and a missing, damaged or read-only cache file is no error.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import dataclasses
import marshal
import os
import sys
from types import CodeType

_KEEP = 4000  # entries; past it the file keeps this run's only (old package versions' go)


def install(folder: str) -> None:
    """Run the code `dataclasses` compiles from the file in `folder`, if there is one;
    what is compiled anew is added to it at exit."""
    if "exec" in vars(dataclasses):
        return  # installed already (or by someone else, who is left alone)
    path = os.path.join(folder, f"methods-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal")
    kept = _read(path)
    used: dict[str, CodeType] = {}
    new: list[str] = []

    def cached_exec(source, globals=None, locals=None, /):
        if type(source) is str:
            code = kept.get(source)
            if code is None:
                # dont_inherit: dataclasses' own exec() sees no `from __future__` of this module
                code = compile(source, "<string>", "exec", dont_inherit=True)
                new.append(source)
            used[source] = code
            source = code
        return builtins.exec(source, globals, locals)

    def save() -> None:
        if new and os.getpid() == owner:  # a forked worker's classes are its parent's
            _write(path, {**kept, **used} if len(kept) + len(new) <= _KEEP else used)

    owner = os.getpid()
    dataclasses.exec = cached_exec  # type: ignore[attr-defined]
    atexit.register(save)


def _read(path: str) -> dict[str, CodeType]:
    try:
        with open(path, "rb") as fh:
            table = marshal.loads(fh.read())  # load(fh) reads object by object: 10x slower
    except Exception:  # noqa: BLE001 - missing, truncated, or another build's: compiled again
        return {}
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items() if type(k) is str and type(v) is CodeType}


def _write(path: str, table: dict[str, CodeType]) -> None:
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            marshal.dump(table, fh)
        os.replace(tmp, path)
    except OSError:  # a read-only cache: compiled again next time
        with contextlib.suppress(OSError):
            os.unlink(tmp)
