"""layout.method_cache: dataclass and namedtuple methods and typing's annotations
compiled once, kept, and the same as compiled."""

from __future__ import annotations

import __future__
import json
import marshal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# a fresh process (the cache is read as `layout` is imported) that makes a frozen
# dataclass and reports how it behaves
PROBE = r"""
import collections, dataclasses, json, sys, typing
sys.path.insert(0, sys.argv[1])
import layout

@dataclasses.dataclass(frozen=True)
class Probe:
    width: int
    label: str = "x"

a, b = Probe(3), Probe(3, "x")
try:
    a.width = 4
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
annotation = Probe.__init__.__annotations__["width"]
Pair = collections.namedtuple("Pair", "left right")

class Point(typing.NamedTuple):
    across: "float"  # a string annotation: typing compiles it
    down: "list[int]"

hints = typing.get_type_hints(Point)
print(json.dumps({"repr": repr(a), "equal": a == b, "hash": hash(a) == hash(b),
                  "frozen": frozen, "annotation": getattr(annotation, "__name__", repr(annotation)),
                  "pair": repr(Pair(1, right=2)),
                  "hints": [repr(hints["across"]), repr(hints["down"])]}))
"""


def probe(cache: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, str(ROOT)], capture_output=True,
                          text=True, check=True, env={"LAYOUT_CACHE_DIR": str(cache),
                                                      "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout)


BEHAVIOUR = {"repr": "Probe(width=3, label='x')", "equal": True, "hash": True,
             "frozen": True, "annotation": "int", "pair": "Pair(left=1, right=2)",
             "hints": ["<class 'float'>", "list[int]"]}


def kept_code(cache: Path) -> dict:
    (path,) = cache.glob("methods-*.marshal")
    return marshal.loads(path.read_bytes())


def test_methods_are_compiled_once_then_kept(tmp_path):
    assert probe(tmp_path) == BEHAVIOUR
    kept = kept_code(tmp_path)
    assert sum("width" in source for mode, source in kept) >= 4  # __init__, __repr__, __eq__…
    assert ("eval", "lambda _cls, left, right: _tuple_new(_cls, (left, right))") in kept
    assert ("eval", "list[int]") in kept
    (path,) = tmp_path.glob("methods-*.marshal")
    written = path.stat().st_mtime_ns
    assert probe(tmp_path) == BEHAVIOUR
    assert path.stat().st_mtime_ns == written  # nothing compiled anew: the file is not rewritten


def test_the_kept_code_sees_no_future_import_of_the_cache_module(tmp_path):
    # compiled with method_cache's `from __future__ import annotations`, the generated
    # __init__ would annotate with the string "_type_width" instead of the type
    probe(tmp_path)
    for key, blob in kept_code(tmp_path).items():
        assert not marshal.loads(blob).co_flags & __future__.annotations.compiler_flag, key


def test_a_damaged_cache_file_is_compiled_again_and_replaced(tmp_path):
    probe(tmp_path)
    (kept,) = tmp_path.glob("methods-*.marshal")
    kept.write_bytes(b"\x00garbage")
    assert probe(tmp_path) == BEHAVIOUR
    assert any("width" in source for mode, source in kept_code(tmp_path))


def test_an_unwritable_cache_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert probe(blocker / "cache") == BEHAVIOUR
    assert blocker.read_text() == "not a folder"
