"""An input read once is not parsed again: the same name, bytes and readers give what
the reader made; anything else is read anew; a failed read is not kept."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from layout import cli
import layout.ingest
from layout import read_cache
from layout.document import dump_issue

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "lvliang-daily-2023-02-17.txt"


@pytest.fixture(autouse=True)
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path / "cache"))


def refuse(*args: object) -> object:
    raise AssertionError("read again")


def test_the_same_input_is_read_once() -> None:
    assert read_cache.read_once("t", "a.yaml", b"x", ("model.py",), lambda: ("made", 1)) == ("made", 1)
    assert read_cache.read_once("t", "a.yaml", b"x", ("model.py",), refuse) == ("made", 1)


@pytest.mark.parametrize("name, data, readers", [
    ("a.yaml", b"y", ("model.py",)),  # edited
    ("b.yaml", b"x", ("model.py",)),  # another file (messages name it)
    ("a.yaml", b"x", ("errors.py",)),  # other code reads it
])
def test_anything_else_is_read_anew(name: str, data: bytes, readers: tuple[str, ...]) -> None:
    read_cache.read_once("t", "a.yaml", b"x", ("model.py",), lambda: "first")
    assert read_cache.read_once("t", name, data, readers, lambda: "second") == "second"


def test_a_failed_read_is_not_kept() -> None:
    with pytest.raises(AssertionError):
        read_cache.read_once("t", "a.yaml", b"x", ("model.py",), refuse)
    assert read_cache.read_once("t", "a.yaml", b"x", ("model.py",), lambda: "made") == "made"


def test_the_readers_are_the_package_sources() -> None:
    digest = read_cache._source_digest(cli.INGEST_READERS)
    assert digest != read_cache._source_digest(cli.DOCUMENT_READERS)
    assert len(list(read_cache._PACKAGE.glob("ingest/*.py"))) > 5  # the globs find files


def test_raw_text_is_ingested_once_with_its_notes(tmp_path, monkeypatch, capsys) -> None:
    raw = tmp_path / "page.txt"
    shutil.copy(SAMPLE, raw)
    first = cli.read_issue(raw)
    said = capsys.readouterr().err
    assert "notes on uncertain or dropped text" in said
    monkeypatch.setattr(layout.ingest, "ingest_text", refuse)
    assert cli.read_issue(raw) == first
    assert capsys.readouterr().err == said  # the notes are still reported
    raw.write_text(SAMPLE.read_text(encoding="utf-8") + "\n补记一段。\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="read again"):
        cli.read_issue(raw)


def test_a_document_is_parsed_once_and_an_edit_is_seen(tmp_path, monkeypatch) -> None:
    document = tmp_path / "issue.yaml"
    issue = cli.read_issue(SAMPLE)
    document.write_text(dump_issue(issue), encoding="utf-8")
    assert cli.read_issue(document) == issue
    import layout.document

    monkeypatch.setattr(layout.document, "load_issue_bytes", refuse)
    assert cli.read_issue(document) == issue
    document.write_text(dump_issue(issue).replace("吕梁日报", "吕梁晚报"), encoding="utf-8")
    with pytest.raises(AssertionError, match="read again"):
        cli.read_issue(document)


def test_a_reading_is_kept_while_the_files_it_opened_are_unchanged(tmp_path) -> None:
    """`read_once_with`: an input whose reading opened other files (a spec's parents,
    fonts, manifest) is served only while each has its size and modification time."""
    other = tmp_path / "base.yaml"
    other.write_text("a: 1\n", encoding="utf-8")

    def read(made: str):
        return lambda: read_cache.read_once_with("t", "main.yaml", b"x", (), lambda: made,
                                                 lambda _: [other])

    assert read("first")() == "first"
    assert read_cache.read_once_with("t", "main.yaml", b"x", (), refuse, lambda _: [other]) == "first"
    other.write_text("a: 22\n", encoding="utf-8")  # edited
    assert read("second")() == "second"
    assert read("unused")() == "second"
    other.unlink()  # gone
    assert read("third")() == "third"


def test_a_value_pickle_cannot_store_is_made_again_not_an_error(tmp_path) -> None:
    """The cache never fails an export: an unpicklable value is just not kept, and no
    temporary file is left behind."""
    made = read_cache.read_once("t", "a.yaml", b"x", (), lambda: lambda: "unpicklable")
    assert made() == "unpicklable"
    assert read_cache.read_once("t", "a.yaml", b"x", (), lambda: "made again") == "made again"
    assert not list((tmp_path / "cache").glob("*.tmp"))


def test_an_edited_reader_is_a_new_key(tmp_path, monkeypatch) -> None:
    reader = tmp_path / "reader.py"
    reader.write_text("A = 1\n")
    monkeypatch.setattr(read_cache, "_PACKAGE", tmp_path)
    read_cache._source_digest.cache_clear()
    before = read_cache._source_digest(("*.py",))
    read_cache._source_digest.cache_clear()
    assert read_cache._source_digest(("*.py",)) == before  # unchanged: the same key
    reader.write_text("A = 2\n")
    os.utime(reader, ns=(reader.stat().st_atime_ns, reader.stat().st_mtime_ns + 1_000_000))
    read_cache._source_digest.cache_clear()
    assert read_cache._source_digest(("*.py",)) != before
    read_cache._source_digest.cache_clear()
