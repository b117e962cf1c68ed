"""The code the standard library compiles from text as classes are made, compiled once
per Python build, not once a run.

`@dataclass` writes each class's `__init__`, `__repr__`, `__eq__`, `__hash__` and, for
a frozen class, `__setattr__` and `__delattr__` as source text and compiles it with
`exec()`; `collections.namedtuple` does the same for `__new__` with `eval()`, and
`typing.NamedTuple` compiles each field's annotation (a string here, under `from
__future__ import annotations`) with `compile()`. For this package's classes that is
~380 compiles, over a third of the time an export spent importing (27 of 60 ms on this
machine), paid again by every run. The text depends only on the class's fields and
options, so its code object is kept here, keyed by the text, in one marshal file per
Python build in the tool's cache folder, and the kept code is what runs.

The hooks are the names `exec`, `eval` and `compile` in those three modules' globals,
which shadow the builtins for those modules alone. The same text compiled the same way
gives the same code, so classes are made exactly as before, also other libraries' in
this process. A Python whose modules no longer compile text this way just compiles as
it always did, and a missing, damaged or read-only cache file is no error.
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
import typing
from types import CodeType

_KEEP = 4000  # entries; past it the file keeps this run's only (old package versions' go)
_HOOKS = ((dataclasses, "exec"), (collections, "eval"), (typing, "compile"))

Key = tuple[str, str]  # (compile mode, source text)


def install(folder: str) -> None:
    """Run the code those modules compile from the file in `folder`, if there is one;
    what is compiled anew is added to it at exit."""
    if any(name in vars(module) for module, name in _HOOKS):
        return  # installed already (or by someone else, who is left alone)
    kept = _Kept(os.path.join(folder, f"methods-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"))
    for module, name in _HOOKS:
        setattr(module, name, getattr(kept, name))
    atexit.register(kept.save)


class _Kept:
    """The kept code of one run: what the file held, what this run used, and whether
    it compiled anything anew (then the file is written at exit)."""

    def __init__(self, path: str) -> None:
        self.path, self.owner = path, os.getpid()
        self.kept = _read(path)
        self.used: dict[Key, bytes] = {}
        self.new = False

    def code(self, mode: str, source: str) -> CodeType:
        key = (mode, source)
        blob = self.kept.get(key)
        if blob is None:
            # dont_inherit: the code sees no `from __future__` of this module, as those
            # modules, which have none, see none of theirs
            code = builtins.compile(source, "<string>", mode, dont_inherit=True)
            blob = marshal.dumps(code)
            self.new = True
        else:
            code = marshal.loads(blob)
        self.used[key] = blob
        return code

    def exec(self, source, globals=None, locals=None, /):  # noqa: A002 - exec's own names
        if globals is None:  # the caller's namespace, as the builtin called from there sees
            frame = sys._getframe(1)
            globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
        return builtins.exec(self.code("exec", source) if type(source) is str else source,
                             globals, locals)

    def eval(self, source, globals=None, locals=None, /):  # noqa: A002
        if globals is None:
            frame = sys._getframe(1)
            globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
        return builtins.eval(self.code("eval", source) if type(source) is str else source,
                             globals, locals)

    def compile(self, source, filename, mode, flags=0, dont_inherit=False, optimize=-1):
        if type(source) is str and filename == "<string>" and not flags and optimize == -1:
            return self.code(mode, source)
        return builtins.compile(source, filename, mode, flags, dont_inherit, optimize)

    def save(self) -> None:
        if self.new and os.getpid() == self.owner:  # a forked worker's classes are its parent's
            grown = len(self.kept) + len(self.used) <= _KEEP
            _write(self.path, {**self.kept, **self.used} if grown else self.used)


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
