"""Output files are replaced whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from layout.errors import OutputError
from layout.fileio import atomic_output, check_writable, read_input, write_text_atomic


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


def test_a_folder_is_never_replaced_by_an_output(tmp_path: Path) -> None:
    folder = tmp_path / "out.pdf"
    folder.mkdir()
    (folder / "keep.txt").write_text("x", encoding="utf-8")
    with (pytest.raises(OutputError, match="out.pdf: error: cannot write the output: it is a folder"),
          atomic_output(folder) as temporary):
        temporary.write_bytes(b"%PDF")
    assert (folder / "keep.txt").exists()
    with pytest.raises(OutputError, match="it is a folder"):
        check_writable(folder)


def test_an_output_under_a_file_is_an_output_error_before_any_work(tmp_path: Path) -> None:
    plain = tmp_path / "notes.txt"
    plain.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match=r"notes.txt/out/a.pdf: error: cannot write the output: "
                                          r".*notes.txt is not a folder"):
        check_writable(plain / "out" / "a.pdf")
    with pytest.raises(OutputError, match="cannot write the output"), atomic_output(plain / "a.pdf"):
        pass
    check_writable(tmp_path / "new" / "deeper" / "a.pdf")  # a folder still to make is fine
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # the probe left nothing


def test_a_temporary_name_someone_holds_is_skipped_not_overwritten(tmp_path: Path) -> None:
    """Temporary names are this process's and taken with O_EXCL: a file left under the
    first name (another export, a crash) is neither reused nor removed."""
    target = tmp_path / "out.pdf"
    taken = tmp_path / f".out.pdf.{os.getpid()}-0.part"
    taken.write_bytes(b"someone else's")
    with atomic_output(target) as temporary:
        assert temporary != taken
        temporary.write_bytes(b"%PDF")
    assert target.read_bytes() == b"%PDF"
    assert taken.read_bytes() == b"someone else's"
    check_writable(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [taken.name, "out.pdf"]


def test_an_unreadable_input_names_the_file_and_why(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"nothere.yaml: error: cannot read the document: No such file"):
        read_input(tmp_path / "nothere.yaml", ValueError, "the document")
    assert read_input(Path(__file__), ValueError, "x").startswith(b'"""')
