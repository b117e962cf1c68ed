"""The code of the methods `dataclasses` and `namedtuple` write, compiled once per
Python build, not once a run.

`@dataclass` writes each class's `__init__`, `__repr__`, `__eq__`, `__hash__` and, for
a frozen class, `__setattr__` and `__delattr__` as source text and compiles it with
`exec()` as the class is made; `collections.namedtuple` does the same for `__new__`
with `eval()`. For this package's classes that is ~340 compiles, over a third of the
time an export spends importing (25 of 60 ms on this machine), paid again by every
run. The text depends only on the class's fields and options, so its code object is
kept here, keyed by the text, in one marshal file per Python build in the tool's
cache folder, and `exec()` or `eval()` runs the kept code.

The hooks are the names `exec` and `eval` in those two modules' globals, which shadow
the builtins for those modules alone. The same text compiled the same way gives the
same code, so classes are made exactly as before, also other libraries' in this
process. A Python whose modules no longer compile text this way just compiles as it
always did, and a missing, damaged or read-only cache file is no error.
"""

from __future__ import annotations

import atexit
import builtins
import collections
import contextlib
import dataclasses
import marshal
import os
import sys
from collections.abc import Callable

_KEEP = 4000  # entries; past it the file keeps this run's only (old package versions' go)
_HOOKS = ((dataclasses, "exec"), (collections, "eval"))

Key = tuple[str, str]  # (compile mode, source text)


def install(folder: str) -> None:
    """Run the code `dataclasses` and `namedtuple` compile from the file in `folder`,
    if there is one; what is compiled anew is added to it at exit."""
    if any(name in vars(module) for module, name in _HOOKS):
        return  # installed already (or by someone else, who is left alone)
    path = os.path.join(folder, f"methods-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal")
    kept = _read(path)
    used: dict[Key, bytes] = {}
    new: list[Key] = []

    def cached(mode: str, run: Callable) -> Callable:
        def compiled_once(source, globals=None, locals=None, /):
            if type(source) is str:
                key = (mode, source)
                blob = kept.get(key)
                if blob is None:
                    # dont_inherit: the code sees no `from __future__` of this module
                    source = compile(source, "<string>", mode, dont_inherit=True)
                    blob = marshal.dumps(source)
                    new.append(key)
                else:
                    source = marshal.loads(blob)
                used[key] = blob
            return run(source, globals, locals)
        return compiled_once

    def save() -> None:
        if new and os.getpid() == owner:  # a forked worker's classes are its parent's
            _write(path, {**kept, **used} if len(kept) + len(new) <= _KEEP else used)

    owner = os.getpid()
    for module, name in _HOOKS:
        setattr(module, name, cached(name, getattr(builtins, name)))
    atexit.register(save)


def _read(path: str) -> dict[Key, bytes]:
    """The kept code, each still marshalled: only what this run makes is loaded."""
    try:
        with open(path, "rb") as fh:
            table = marshal.loads(fh.read())  # load(fh) reads object by object: 10x slower
    except Exception:  # noqa: BLE001 - missing, truncated, or another build's: compiled again
        return {}
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items() if type(k) is tuple and type(v) is bytes}


def _write(path: str, table: dict[Key, bytes]) -> None:
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            marshal.dump(table, fh)
        os.replace(tmp, path)
    except OSError:  # a read-only cache: compiled again next time
        with contextlib.suppress(OSError):
            os.unlink(tmp)
