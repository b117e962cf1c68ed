"""Output files are replaced whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.fileio import atomic_output, write_text_atomic


def test_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.yaml"
    write_text_atomic(target, "新")
    write_text_atomic(target, "新的")
    assert target.read_text(encoding="utf-8") == "新的"
    assert [p.name for p in target.parent.iterdir()] == ["out.yaml"]


def test_failure_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("renderer failed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
