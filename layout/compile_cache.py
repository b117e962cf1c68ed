"""What the standard library compiles from text as a program starts, compiled once per
Python build, not once a run: the methods of classes, and regular expressions.

`@dataclass` writes each class's `__init__`, `__repr__`, `__eq__`, `__hash__` and, for
a frozen class, `__setattr__` and `__delattr__` as source text and compiles it with
`exec()`; `collections.namedtuple` does the same for `__new__` with `eval()`, and
`typing.NamedTuple` compiles each field's annotation (a string here, under `from
__future__ import annotations`) with `compile()`. For this package's classes that is
~380 compiles, over a third of the time an export spent importing (27 of 60 ms on this
machine), paid again by every run. The text depends only on the class's fields and
options, so its code object is kept, keyed by the text, and the kept code is what runs.

`re` parses a pattern and compiles it to the regex engine's code in Python: the ~30
patterns a PDF export compiles as its modules load (the composer's tokens, argparse's,
gettext's …) took ~4 ms of its ~58. What `re._compiler.compile` hands the engine
(`_sre.compile`'s arguments) depends only on the pattern and flags, so it is kept,
keyed by them, and handed over again.

Both live in one marshal file per Python build in the tool's cache folder. The hooks
are the names `exec`, `eval` and `compile` in the globals of `dataclasses`,
`collections` and `typing`, which shadow the builtins for those modules alone, and
`re._compiler`'s `compile`, whose `_sre` is read through a recorder of what it is
handed. The same text compiled the same way gives the same code, so classes and
patterns are made exactly as before, also other libraries' in this process. A Python
whose modules no longer compile this way just compiles as it always did, and a
missing, damaged or read-only cache file is no error.
"""

from __future__ import annotations

import atexit
import builtins
import collections
import contextlib
import dataclasses
import marshal
import os
import re
import sys
import typing
from _thread import get_ident  # not threading: its import is ~0.5 ms of every run
from types import CodeType

_KEEP = 1000  # entries (all commands' together: ~650); past it the file keeps this run's only,
# so the code of old package versions and of other programs that import the package goes
_HOOKS = ((dataclasses, "exec"), (collections, "eval"), (typing, "compile"))
_DEBUG = re.DEBUG.value  # a pattern compiled with DEBUG prints its code: never kept

Key = tuple[str, str]  # (compile mode, or "re" and the flags; source text or pattern)


def install(folder: str) -> None:
    """Run the code those modules compile and hand the regex engine what `re`
    compiled before from the file in `folder`, if there is one; what is compiled
    anew is added to it at exit."""
    if any(name in vars(module) for module, name in _HOOKS):
        return  # installed already (or by someone else, who is left alone)
    kept = _Kept(os.path.join(folder, f"compiled-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"))
    for module, name in _HOOKS:
        setattr(module, name, getattr(kept, name))
    compiler = getattr(re, "_compiler", None)
    if compiler is not None and hasattr(compiler, "_sre") and callable(getattr(compiler, "compile", None)):
        kept.pattern_compiler, kept.engine = compiler.compile, compiler._sre
        compiler._sre = _Recorder(compiler._sre, kept.handed)
        compiler.compile = kept.pattern
    atexit.register(kept.save)


class _Kept:
    """The kept code of one run: what the file held, what this run used, and whether
    it compiled anything anew (then the file is written at exit)."""

    def __init__(self, path: str) -> None:
        self.path, self.owner = path, os.getpid()
        self.kept = _read(path)
        self.used: dict[Key, bytes] = {}
        self.new = False
        self.pattern_compiler: typing.Callable | None = None  # re._compiler's own compile
        self.engine = None  # the regex engine (`_sre`), which compiles what it is handed
        self.handed: dict[int, tuple] = {}  # thread -> what its pattern gave the engine

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

    def pattern(self, pattern, flags=0):
        """`re._compiler.compile`: what the engine was handed for `pattern` before,
        handed again; else compiled as ever, and what the engine was handed kept."""
        compile_anew = self.pattern_compiler
        assert compile_anew is not None
        keep = type(pattern) is str and type(flags) is int and not flags & _DEBUG
        key = (f"re{flags}", pattern)
        blob = self.kept.get(key) if keep else None
        if blob is not None:
            self.used[key] = blob
            return self.engine.compile(pattern, *marshal.loads(blob))
        compiled = compile_anew(pattern, flags)  # bytes, a parsed pattern, DEBUG: only this
        handed = self.handed.pop(get_ident(), None)
        if keep and handed is not None and handed[0] is pattern:
            final_flags, code, groups, groupindex, indexgroup = handed[1:]
            # the code's opcodes are int subclasses (named constants), which marshal
            # does not store: the engine reads their values
            self.used[key] = marshal.dumps((int(final_flags), [int(c) for c in code], int(groups),
                                            dict(groupindex), tuple(indexgroup)))
            self.new = True
        return compiled

    def save(self) -> None:
        if self.new and os.getpid() == self.owner:  # a forked worker's classes are its parent's
            grown = len(self.kept) + len(self.used) <= _KEEP
            _write(self.path, {**self.kept, **self.used} if grown else self.used)


class _Recorder:
    """`re._compiler`'s `_sre`: the engine module, whose `compile` notes what it is
    handed (in `handed`, by thread, for `_Kept.pattern`) before compiling."""

    def __init__(self, engine, handed: dict[int, tuple]) -> None:
        self._engine, self._handed = engine, handed

    def compile(self, *arguments):
        self._handed[get_ident()] = arguments
        return self._engine.compile(*arguments)

    def __getattr__(self, name: str):
        return getattr(self._engine, name)


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
