"""A bad issue document on the command line: exit 2, one line naming the place, no output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("value", "found"), [
    ("0x1F", "in decimal digits, found 0x1F"), ("190:20:30", "in decimal digits, found 190:20:30"),
    ("!!int three", "in decimal digits, found three"), ("1" + "0" * 21, "up to 2147483647, found 1" + "0" * 21)])
@pytest.mark.parametrize("command", ["pdf", "epub"])
def test_a_bad_page_number_exits_2_with_one_message(
        tmp_path: Path, command: str, value: str, found: str) -> None:
    document = tmp_path / "bad.yaml"
    document.write_text(f"issue:\n  number: 5\npages:\n- number: {value}\n  articles:\n"
                        "  - headline: 标题\n    body: [正文。]\n", encoding="utf-8")
    output = tmp_path / f"x.{command}"
    result = subprocess.run([sys.executable, str(ROOT / "export.py"), command, str(document), "-o", str(output)],
                            capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"{document}:4:11: error: pages[0].number: "
                                          f"expected a positive integer {found}"]
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


@pytest.mark.parametrize(("text", "place", "found"), [
    ("- 吕梁日报\n- 要闻\n", "1:1", "a list"), ("吕梁日报\n", "1:1", '"吕梁日报"'),
    ("# 吕梁日报\n", "1:1", "nothing"), ("", "1:1", "nothing")])
@pytest.mark.parametrize("command", ["pdf", "epub", "build"])
def test_a_document_that_is_no_mapping_exits_2_with_one_message(
        tmp_path: Path, command: str, text: str, place: str, found: str) -> None:
    document = tmp_path / "bad.yaml"
    document.write_text(text, encoding="utf-8")
    output = ["--out-dir", str(tmp_path / "out")] if command == "build" else ["-o", str(tmp_path / f"x.{command}")]
    result = subprocess.run([sys.executable, str(ROOT / "export.py"), command, str(document), *output],
                            capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"{document}:{place}: error: (top): expected a mapping of paper, "
                                          f"issue, pages and notes, found {found}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]
