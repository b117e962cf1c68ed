"""layout.compile_cache: dataclass and namedtuple methods, typing's annotations and
regular expressions compiled once, kept, and the same as compiled."""

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
    (path,) = cache.glob("compiled-*.marshal")
    return marshal.loads(path.read_bytes())


def test_methods_are_compiled_once_then_kept(tmp_path):
    assert probe(tmp_path) == BEHAVIOUR
    kept = kept_code(tmp_path)
    assert sum("width" in source for mode, source in kept) >= 4  # __init__, __repr__, __eq__…
    assert ("eval", "lambda _cls, left, right: _tuple_new(_cls, (left, right))") in kept
    assert ("eval", "list[int]") in kept
    (path,) = tmp_path.glob("compiled-*.marshal")
    written = path.stat().st_mtime_ns
    assert probe(tmp_path) == BEHAVIOUR
    assert path.stat().st_mtime_ns == written  # nothing compiled anew: the file is not rewritten


def test_the_kept_code_sees_no_future_import_of_the_cache_module(tmp_path):
    # compiled with compile_cache's `from __future__ import annotations`, the generated
    # __init__ would annotate with the string "_type_width" instead of the type
    probe(tmp_path)
    for key, blob in kept_code(tmp_path).items():
        assert not marshal.loads(blob).co_flags & __future__.annotations.compiler_flag, key


def test_a_damaged_cache_file_is_compiled_again_and_replaced(tmp_path):
    probe(tmp_path)
    (kept,) = tmp_path.glob("compiled-*.marshal")
    kept.write_bytes(b"\x00garbage")
    assert probe(tmp_path) == BEHAVIOUR
    assert any("width" in source for mode, source in kept_code(tmp_path))


def test_an_unwritable_cache_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert probe(blocker / "cache") == BEHAVIOUR
    assert blocker.read_text() == "not a folder"


# patterns of every kind the engine is handed: groups named and not, flags inline and
# passed, classes beyond Latin-1 (a big charset), look-arounds, back-references, a
# conditional, a possessive-free repeat, a case-insensitive literal
PATTERNS = [
    (r"(?P<year>\d{4})-(\d{1,2})-(?P<day>\d{1,2})", 0),
    (r"[A-Za-z0-9\u00C0-\u024F]+(?:[.,:'’\-/][A-Za-z0-9\u00C0-\u024F]+)*", 0),
    (r"(?<=\.)|(?=/)", 0),
    (r"(a)?b(?(1)c|d)\1?", 0),
    ("第 ( \\d+ ) 版  # a page", 64),  # re.VERBOSE
    (r"^\s*本报讯.*$", 8 | 16),  # re.MULTILINE | re.DOTALL
    ("rEd", 2),  # re.IGNORECASE
    (r"(?i)[\u3000 ]+|（[^）]*）", 0),
]

REGEX_PROBE = r"""
import json, re, sys
sys.path.insert(0, sys.argv[1])
import layout
from layout.compile_cache import _Kept

kept = re._compiler.compile.__self__
assert isinstance(kept, _Kept)
out = []
for pattern, flags in json.loads(sys.argv[2]):
    re.purge()
    made = re.compile(pattern, flags)
    anew = kept.pattern_compiler(pattern, flags)  # re's own, as without the cache
    out.append([made == anew, made.groups, sorted(made.groupindex.items()), made.flags,
                [m.group(0) for m in made.finditer("2023-2-17 COVID-19 www.a.bc/d ab bd abcd 第 12 版 red ＲＥＤ 本报讯 x（注）")]])
print(json.dumps(out))
"""


def regex_probe(cache: Path) -> list:
    done = subprocess.run([sys.executable, "-c", REGEX_PROBE, str(ROOT), json.dumps(PATTERNS)],
                          capture_output=True, text=True, check=True,
                          env={"LAYOUT_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout)


def test_patterns_are_compiled_once_then_handed_to_the_engine_as_compiled(tmp_path):
    compiled = regex_probe(tmp_path)  # compiled by re, what the engine was handed kept
    kept = kept_code(tmp_path)
    assert all((f"re{flags}", pattern) in kept for pattern, flags in PATTERNS)
    again = regex_probe(tmp_path)  # the engine handed the kept code
    assert again == compiled
    assert all(same for same, *_ in again)  # equal patterns: same flags and engine code
    assert again[0][1:3] == [3, [["day", 3], ["year", 1]]]
    assert again[1][4] == ["2023-2-17", "COVID-19", "www.a.bc/d", "ab", "bd", "abcd", "12", "red", "x"]


def test_past_its_bound_the_file_keeps_only_what_the_last_run_used(tmp_path):
    # what other programs importing the package, or old versions of it, compiled goes
    probe(tmp_path)
    assert any("width" in source for mode, source in kept_code(tmp_path))
    other = ("import dataclasses, sys\nsys.path.insert(0, sys.argv[1])\nimport layout.compile_cache as cache\n"
             "cache._KEEP = 1\n@dataclasses.dataclass\nclass Other:\n    height: int\n")
    subprocess.run([sys.executable, "-c", other, str(ROOT)], check=True,
                   env={"LAYOUT_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    kept = kept_code(tmp_path)
    assert any("height" in source for mode, source in kept)
    assert not any("width" in source for mode, source in kept)
