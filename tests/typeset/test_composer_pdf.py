"""Real text, real fonts, a real PDF: measured back with pdfplumber.

A plain 4-column page of the sample issue's paragraphs, composed at 13 characters of
9 pt, placed on a baseline grid, rendered; then from the PDF: no kinsoku violation,
every non-final line flush right, no glyph outside its column, fonts embedded as
subsets, text extracted back equal to the input, two renders byte-identical.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from layout.fonts import load_fontset
from layout.render.pdf import render_pdf
from layout.typeset import cjk
from layout.typeset.linebreak import ComposeOptions, StyledText, compose, grid_measure
from layout.typeset.placed import Bookmark, PlacedLine, PlacedPage

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "lvliang-daily-2023-02-17.txt"
SIZE, CHARS, COLS, ROWS = 9.0, 13, 4, 60
MEASURE = grid_measure(CHARS, SIZE)
GUTTER, LEFT, TOP, LEADING = 0.75 * SIZE, 36.0, 48.0, 1.6 * SIZE


def clean(line: str) -> str:
    """OCR line -> body text: drop spaces between CJK, full-width CJK punctuation."""
    s = re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", line.strip())
    s = re.sub(r"(?<!\d),|,(?!\d)", "，", s)
    s = re.sub(r"(?<!\d):|:(?!\d)", "：", s).replace(";", "；").replace("?", "？")
    s = s.replace("!", "！").replace("(", "（").replace(")", "）")
    quotes = iter("“”" * 200)
    return re.sub('"', lambda m: next(quotes), s)


def paragraphs() -> list[str]:
    out = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        p = clean(line)
        if len(p) >= 30 and p.count("“") == p.count("”") and not p.startswith(">"):
            out.append(p)
    return out[:40]


def make_page(fs) -> tuple[PlacedPage, str, list[tuple[float, float]]]:
    """Fill columns top to bottom; returns the page, its text and column spans."""
    placed, texts, row, col = [], [], 0, 0
    for para in paragraphs():
        lines = compose([StyledText(para, "song", SIZE)], MEASURE, fs, ComposeOptions())
        if row + len(lines) > ROWS:
            row, col = 0, col + 1
        if col >= COLS:
            break
        x = LEFT + col * (MEASURE + GUTTER)
        for ln in lines:
            placed.append(PlacedLine(x, TOP + SIZE + row * LEADING, ln))
            row += 1
        texts.append(para)
    cols = [(LEFT + c * (MEASURE + GUTTER), LEFT + c * (MEASURE + GUTTER) + MEASURE)
            for c in range(COLS)]
    width = LEFT * 2 + COLS * MEASURE + (COLS - 1) * GUTTER
    page = PlacedPage(1, width, TOP * 2 + ROWS * LEADING, tuple(placed),
                      bookmarks=(Bookmark("第1版", 0, TOP), Bookmark("文章", 1, TOP)))
    return page, "".join(texts), cols


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    fs = load_fontset()
    page, text, cols = make_page(fs)
    d = tmp_path_factory.mktemp("pdf")
    a, b = d / "a.pdf", d / "b.pdf"
    render_pdf([page], a, fonts=fs, title="吕梁日报", author="test")
    render_pdf([page], b, fonts=fs, title="吕梁日报", author="test")
    return page, text, cols, a, b


def pdf_lines(path: Path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        chars = [c for c in pdf.pages[0].chars if not c["text"].isspace()]
    rows: dict[tuple[int, float], list[dict]] = {}
    for c in chars:
        col = int((c["x0"] - LEFT + SIZE) // (MEASURE + GUTTER))
        rows.setdefault((col, round(c["top"], 1)), []).append(c)
    return [sorted(v, key=lambda c: c["x0"]) for _, v in sorted(rows.items())]


def ink_x1(c: dict) -> float:
    if c["text"] in cjk.INK_LEFT and c["x1"] - c["x0"] > 0.7 * c["size"]:
        return c["x0"] + 0.5 * c["size"]
    return c["x1"]


def test_page_has_enough_text(rendered):
    page, text, *_ = rendered
    assert len(page.lines) > 150 and len(text) > 1500


def test_no_kinsoku_violation_in_pdf(rendered):
    page, *_ , a, _ = rendered
    lines = pdf_lines(a)
    starts = [ln for ln in lines if ln[0]["text"] in cjk.NOT_AT_START]
    ends = [ln for ln in lines if ln[-1]["text"] in cjk.NOT_AT_END]
    assert not starts and not ends


def test_non_final_lines_flush_and_inside_columns(rendered):
    page, _, cols, a, _ = rendered
    finals = {round(pl.baseline, 1) for pl in page.lines if pl.line.last}
    lines, ragged, outside = pdf_lines(a), [], []
    for ln in lines:
        left, right = next(c for c in cols if c[0] - SIZE <= ln[0]["x0"] <= c[1])
        outside += [c["text"] for c in ln if c["x0"] < left - 0.5 * SIZE - 0.01 or ink_x1(c) > right + 0.5]
        last = any(abs(ln[0]["top"] + 0.88 * SIZE - f) < 2 for f in finals)
        # the final line of a paragraph may be short; every other line is flush
        if not last and abs(ink_x1(ln[-1]) - right) > 0.5 and abs(ln[-1]["x1"] - right) > 0.5:
            ragged.append("".join(c["text"] for c in ln))
    assert not ragged and not outside


def test_fonts_embedded_as_subsets(rendered):
    *_, a, _ = rendered
    raw = a.read_bytes()
    names = set(re.findall(rb"/BaseFont /([A-Za-z0-9+\-]+)", raw))
    assert names and all(re.match(rb"[A-Z]{6}\+", n) for n in names), names
    assert b"/FontFile2" in raw and b"/ToUnicode" in raw


def test_text_extracts_back_exactly(rendered):
    _, text, _, a, _ = rendered
    with pdfplumber.open(a) as pdf:
        chars = pdf.pages[0].chars
    # reading order = column by column, line by line (pdfplumber gives stream order)
    got = "".join(c["text"] for c in chars)
    assert got == text


def test_two_renders_byte_identical(rendered):
    *_, a, b = rendered
    assert a.read_bytes() == b.read_bytes()
