"""layout.deferred_import: a deferred standard module is loaded on first use, wherever
it was imported, and not by `import` alone. Each case runs in a fresh interpreter:
under pytest `inspect` is loaded long before any test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def python(code: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r})\n{code}"],
                            capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_importing_the_package_loads_neither_inspect_nor_ipaddress() -> None:
    said = python("import layout, dataclasses, pathlib, layout.model, layout.spec.schema\n"
                  "print(*sorted({'ast', 'dis', 'tokenize'} & set(sys.modules)), 'done')\n"
                  "print(*(type(sys.modules[m]).__name__ for m in ('inspect', 'ipaddress')))")
    assert said == ["done", "_StandIn", "_StandIn"]


def test_first_use_loads_it_for_every_module_that_imported_it() -> None:
    said = python("import layout, inspect as early, dataclasses\n"
                  "print('ast' in sys.modules)\n"
                  "from inspect import signature\n"
                  "def f(a, b=2): pass\n"
                  "print(str(signature(f)), str(early.signature(f)), str(dataclasses.inspect.signature(f)))\n"
                  "print(sys.modules['inspect'].signature is early.signature, 'ast' in sys.modules)\n"
                  "print(early.isfunction(f), hasattr(early, 'no_such_name'))")
    assert said == ["False", "(a,", "b=2)", "(a,", "b=2)", "(a,", "b=2)", "True", "True", "True", "False"]


def test_a_class_without_a_docstring_still_gets_its_signature() -> None:
    # the one use `dataclasses` makes of `inspect`
    said = python("import layout\nfrom dataclasses import dataclass\n"
                  "@dataclass\nclass P:\n    x: int\n    y: str = 'a'\n"
                  "print(P.__doc__)")
    assert said == ["P(x:", "int,", "y:", "str", "=", "'a')"]


def test_a_module_loaded_already_is_left_alone() -> None:
    said = python("import inspect\nreal = inspect\nimport layout\n"
                  "print(sys.modules['inspect'] is real, type(real).__name__)")
    assert said == ["True", "module"]


def test_urls_parse_with_ipaddress_deferred() -> None:
    said = python("import layout, pathlib, urllib.parse\n"
                  "print(type(sys.modules['ipaddress']).__name__)\n"
                  "print(urllib.parse.urlsplit('http://[::1]:80/x').hostname, type(sys.modules['ipaddress']).__name__)\n"
                  "import ipaddress\nprint(ipaddress.ip_address('10.0.0.1').is_private)")
    assert said == ["_StandIn", "::1", "module", "True"]
