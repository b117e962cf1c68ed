"""Lint and type checks over the code base: `ruff check` and `mypy`, configured in pyproject.toml.

Both run as subprocesses of this interpreter from the repository root. They are in the
`test` extras, so the README's test command runs them; without them installed the tests
skip with the reason.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUFF_PATHS = ["layout", "export.py", "tests", "bench", "fonts/build_fonts.py"]


def _run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(module) is None:
        reason = f"{module} is not installed (pip install -e '.[test]')"
        print(f"skipping: {reason}")
        pytest.skip(reason)
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def test_ruff_check() -> None:
    result = _run("ruff", "check", "--no-fix", *RUFF_PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = _run("mypy")  # files and settings from [tool.mypy]
    assert result.returncode == 0, result.stdout + result.stderr
