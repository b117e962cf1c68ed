"""Suite-wide test options: `--update-golden` and the `golden` fixture that uses it.

Golden files are text dumps of typeset pages in tests/golden/ (see tests/golden_dump.py
and tests/typeset/test_golden.py). A test compares its dump with the stored one; with
`--update-golden` it rewrites the file instead, so an intended layout change is one
command plus a reviewed `git diff tests/golden`.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

# the suite's caches live apart from the user's (~/.cache/cjk-newspaper-layout), set
# before the package is first imported (golden_dump imports it): a test then reads no
# entry a user's runs left, and pytest's own classes and patterns do not end up in the
# user's compile cache (layout.compile_cache), which every run of the tool reads
if "LAYOUT_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="layout-tests-cache-")
    os.environ["LAYOUT_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)  # after the caches' own exit writes

from golden_dump import golden_diff  # noqa: E402

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.txt from the current output instead of comparing")


def write_golden(path: Path, text: str) -> None:
    """Write `text` with LF line ends, leaving an unchanged file alone."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """`golden(name, text)`: fail with a diff unless `text` equals tests/golden/NAME;
    under `--update-golden`, write `text` there instead."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, text: str) -> None:
        path = GOLDEN_DIR / name
        if update:
            write_golden(path, text)
            return
        if not path.is_file():
            pytest.fail(f"tests/golden/{name} is missing: run pytest with --update-golden to write it",
                        pytrace=False)
        expected = path.read_text(encoding="utf-8")
        if text != expected:
            pytest.fail(f"typeset output differs from tests/golden/{name} (if the change is intended, "
                        f"rerun with --update-golden and review git diff tests/golden):\n"
                        + golden_diff(expected, text, name), pytrace=False)

    return check
