"""A spec validated before is served from the read cache while it and every file it
depends on are unchanged (an export then needs no YAML parser: see test_cli)."""

from __future__ import annotations

from pathlib import Path

import pytest

import layout.spec.load
from layout.errors import SpecError
from layout.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path / "cache"))


def _refuse(*args: object, **kwargs: object) -> object:
    raise AssertionError("validated again")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unchanged_spec_is_not_validated_again(tmp_path, monkeypatch) -> None:
    base = _write(tmp_path / "base.yaml", f"extends: {ROOT / 'specs' / 'lvliang-daily.yaml'}\n")
    spec = _write(tmp_path / "mine.yaml", "extends: base.yaml\nstyles: {kicker: {size: 10pt}}\n")
    first = load_spec(spec)
    monkeypatch.setattr(layout.spec.load, "load_spec", _refuse)
    again = load_spec(spec)
    assert again == first and again.styles["kicker"].size == 10
    assert again.files == first.files and base in again.files


def test_an_edited_parent_is_validated_again(tmp_path) -> None:
    _write(tmp_path / "base.yaml", "grid: {columns: 6}\n")
    spec = _write(tmp_path / "mine.yaml", "extends: base.yaml\n")
    assert load_spec(spec).grid.columns == 6
    _write(tmp_path / "base.yaml", "grid: {columns: 7}\n")
    assert load_spec(spec).grid.columns == 7
    _write(tmp_path / "base.yaml", "grid: {columns: x}\n")
    with pytest.raises(SpecError, match=r"base.yaml:1:\d+: error: grid.columns"):
        load_spec(spec)


def test_the_same_bytes_elsewhere_extend_their_own_parent(tmp_path) -> None:
    for name, columns in (("a", 5), ("b", 6)):
        (tmp_path / name).mkdir()
        _write(tmp_path / name / "base.yaml", f"grid: {{columns: {columns}}}\n")
        _write(tmp_path / name / "mine.yaml", "extends: base.yaml\n")
    assert load_spec(tmp_path / "a" / "mine.yaml").grid.columns == 5
    assert load_spec(tmp_path / "b" / "mine.yaml").grid.columns == 6


def test_a_bad_spec_is_reported_every_time(tmp_path) -> None:
    spec = _write(tmp_path / "bad.yaml", "grid: {colums: 6}\n")
    for _ in range(2):
        with pytest.raises(SpecError, match="did you mean `columns`"):
            load_spec(spec)
    with pytest.raises(SpecError, match="nothere.yaml:1:1: error: file not found"):
        load_spec(tmp_path / "nothere.yaml")


def test_check_validates_from_the_files(monkeypatch, capsys) -> None:
    """`export.py check SPEC.yaml` is the validator's own word: never the cache's."""
    from layout import cli
    from layout import read_cache

    monkeypatch.setattr(read_cache, "read_once_with", _refuse)
    assert cli.main(["check", str(ROOT / "specs" / "tabloid.yaml")]) == 0
    assert "ok — 5 columns" in capsys.readouterr().out
