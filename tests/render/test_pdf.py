"""render_pdf: metadata, outline, geometry flip, atomic write, reproducibility."""

from __future__ import annotations

import pdfplumber
import pytest

from layout.fonts import load_fontset
from layout.render.pdf import render_pdf
from layout.typeset.linebreak import ComposeOptions, StyledText, compose
from layout.typeset.placed import Bookmark, Box, PlacedLine, PlacedPage, Rule


@pytest.fixture(scope="module")
def fs():
    return load_fontset()


def page(fs) -> PlacedPage:
    lines = compose([StyledText("新华社北京2月16日电　", "hei", 9), StyledText("会议指出，3年多来，我国抗疫防疫历程极不平凡。", "song", 9)],
                    117.0, fs, ComposeOptions())
    return PlacedPage(1, 200, 200, tuple(PlacedLine(20, 40 + 15 * i, ln) for i, ln in enumerate(lines)),
                      rules=(Rule(20, 20, 137, 20),), boxes=(Box(150, 150, 20, 10, "#cc0000"),),
                      bookmarks=(Bookmark("第1版", 0, 20), Bookmark("会议", 1, 30)))


def test_metadata_outline_and_lang(fs, tmp_path):
    out = tmp_path / "a.pdf"
    render_pdf([page(fs)], out, fonts=fs, title="吕梁日报", author="编辑部", subject="2023-02-17")
    raw = out.read_bytes()
    assert b"/Lang (zh-CN)" in raw and b"/Outlines" in raw
    with pdfplumber.open(out) as pdf:
        assert pdf.metadata["Title"] == "吕梁日报" and pdf.metadata["Author"] == "编辑部"
        p = pdf.pages[0]
        first = p.chars[0]
        assert first["x0"] == pytest.approx(20 + 18, abs=0.01)  # indent 2 em
        assert first["top"] + 0.88 * 9 == pytest.approx(40, abs=1.0)  # baseline from top
        assert p.lines and p.lines[0]["top"] == pytest.approx(20, abs=0.5)
        assert p.rects and p.rects[0]["top"] == pytest.approx(150, abs=0.01)
    assert [f.name for f in tmp_path.iterdir()] == ["a.pdf"]  # no temp file left


def test_failed_render_leaves_nothing(fs, tmp_path):
    bad = PlacedPage(1, 100, 100, boxes=(Box(0, 0, 1, 1, "not-a-colour"),))
    with pytest.raises(Exception):
        render_pdf([bad], tmp_path / "b.pdf", fonts=fs, title="x")
    assert list(tmp_path.iterdir()) == []


def test_byte_identical(fs, tmp_path):
    render_pdf([page(fs)], tmp_path / "1.pdf", fonts=fs, title="t")
    render_pdf([page(fs)], tmp_path / "2.pdf", fonts=fs, title="t")
    assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()
