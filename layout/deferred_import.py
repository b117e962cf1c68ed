"""Standard modules that other modules import but a run seldom uses, loaded on first use.

- `dataclasses` imports `inspect`, and with it `ast`, `dis`, `tokenize`, `token`,
  `linecache` and `opcode`: ~3 ms of a 1-page export's ~70, every run. It calls it
  once, to write a signature into the docstring of a class that has none, and every
  class here has one.
- `pathlib` imports `urllib.parse`, which imports `ipaddress` (~1 ms) to check the
  host of a URL in brackets; no run parses a URL.

So before those modules are first imported, each is a stand-in module that imports
the real one when anything asks it for an attribute, then holds the real one's names,
so `inspect.signature` and `from inspect import signature` work in every module that
imported the stand-in, before or after.

`import inspect` of a stand-in does not load it: the import system looks only at its
`__spec__`, which is None until the real module is loaded. Nothing is deferred when the
module is imported already (as under pytest, or in a program that imported it first).
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType


def defer(*names: str) -> None:
    """Make each module named a stand-in that imports it on its first attribute access."""
    for name in names:
        if name not in sys.modules:
            sys.modules[name] = _StandIn(name)


class _StandIn(ModuleType):
    """A module whose attributes are the real module's, imported when first asked for."""

    loaded = False

    def __getattr__(self, attribute: str) -> object:  # only for names not found already
        if not self.loaded:
            self.load()
            if attribute in vars(self):
                return vars(self)[attribute]
        raise AttributeError(f"module {self.__name__!r} has no attribute {attribute!r}")

    def load(self) -> None:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]  # so the import below finds and runs the real module
        try:
            real = importlib.import_module(name)
        except BaseException:
            sys.modules.setdefault(name, self)
            raise
        vars(self).update(vars(real))  # its functions keep their own module's globals
        self.loaded = True
