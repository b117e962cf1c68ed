"""The PDF's font subsets are cached on disk by face and glyphs, pruned, and a
cached subset gives the same bytes as a fresh one."""

from __future__ import annotations

import os

import pytest

from layout import disk_cache, sfnt
from layout.fonts import load_fontset
from layout.render.pdf import render_pdf
from layout.typeset.linebreak import ComposeOptions, StyledText, compose
from layout.typeset.placed import PlacedLine, PlacedPage


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(folder))
    return folder


def _page(text: str) -> PlacedPage:
    fs = load_fontset()
    lines = compose([StyledText(text, "song", 9), StyledText("标题", "hei", 9)], 117.0, fs,
                    ComposeOptions())
    return PlacedPage(1, 200, 200, tuple(PlacedLine(20, 40 + 15 * i, ln) for i, ln in enumerate(lines)))


def _subsets(folder):
    return sorted(folder.glob("pdf-font-*.pickle"))


def test_a_second_export_reuses_the_subsets_and_matches(cache, tmp_path, monkeypatch):
    fs = load_fontset()
    render_pdf([_page("会议指出，我国抗疫防疫历程极不平凡。")], tmp_path / "1.pdf", fonts=fs, title="t")
    assert len(_subsets(cache)) == 2  # song and hei

    def refuse(*args):
        raise AssertionError("subset made again")

    monkeypatch.setattr(sfnt, "subset_keeping_ids", refuse)
    render_pdf([_page("会议指出，我国抗疫防疫历程极不平凡。")], tmp_path / "2.pdf", fonts=fs, title="t")
    assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()
    # other glyphs are another entry, not the cached one
    with pytest.raises(AssertionError, match="subset made again"):
        render_pdf([_page("完全不同的文字")], tmp_path / "3.pdf", fonts=fs, title="t")


def test_a_damaged_entry_is_made_again(cache, tmp_path):
    fs = load_fontset()
    render_pdf([_page("会议指出")], tmp_path / "1.pdf", fonts=fs, title="t")
    for entry in _subsets(cache):
        entry.write_bytes(entry.read_bytes()[:100])  # truncated: unreadable
    render_pdf([_page("会议指出")], tmp_path / "2.pdf", fonts=fs, title="t")
    assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()


def test_a_read_only_cache_is_no_error(tmp_path, monkeypatch):
    if os.geteuid() == 0:
        folder = tmp_path / "file-not-folder"
        folder.write_text("x")  # root writes anywhere: a file where the folder should be
    else:
        folder = tmp_path / "ro"
        folder.mkdir(mode=0o500)
    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(folder))
    render_pdf([_page("会议指出")], tmp_path / "1.pdf", fonts=load_fontset(), title="t")
    assert (tmp_path / "1.pdf").stat().st_size > 0


def test_prune_keeps_the_most_recently_used(cache):
    cache.mkdir()
    for i in range(5):
        entry = cache / f"kind-{i}.pickle"
        disk_cache.store(entry, i)
        os.utime(entry, ns=(i * 10**9, i * 10**9))
    assert disk_cache.load(cache / "kind-0.pickle") == 0  # used now: the newest
    (cache / "other-0.pickle").write_bytes(b"")  # another kind is left alone
    disk_cache.prune("kind", 2)
    assert sorted(p.name for p in cache.iterdir()) == ["kind-0.pickle", "kind-4.pickle",
                                                      "other-0.pickle"]
    assert disk_cache.load(cache / "missing.pickle") is None
