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
    with pytest.raises(ValueError):
        render_pdf([bad], tmp_path / "b.pdf", fonts=fs, title="x")
    assert list(tmp_path.iterdir()) == []


def test_byte_identical(fs, tmp_path):
    render_pdf([page(fs)], tmp_path / "1.pdf", fonts=fs, title="t")
    render_pdf([page(fs)], tmp_path / "2.pdf", fonts=fs, title="t")
    assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()


# --- streaming, progress, compressed pages, ReportLab's own operators -------------

from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

import layout.render.pdf as pdf_module  # noqa: E402
from layout.typeset.placed import Line, Run  # noqa: E402

# 600 distinct ideographs: more than two 256-glyph subsets, so runs cross subsets
HAN = "".join(chr(0x4E00 + 7 * i) for i in range(600))


def runs_page(fs, number: int = 1) -> PlacedPage:
    """Runs as the composer never makes them together: crossing subsets, tracked,
    scaled, coloured, with PDF string specials and a no-break space."""
    texts = [HAN[i:i + 40] for i in range(0, 600, 40)] + ["(a\\b)\u00a0—", "报", HAN[::-37]]
    lines = []
    for i, text in enumerate(texts):
        runs = (Run(0.0, text[:20], "NotoSerifSC-Regular", 9, tracking=0.25 * (i % 3)),
                Run(190.0, text[20:], "NotoSansSC-Bold" if i % 2 else "NotoSerifSC-Regular",
                    9 + i % 2, tracking=1.5 if i % 4 == 1 else 0.0,
                    color="#cc0000" if i % 5 == 0 else "#000000",
                    hscale=2.0 if text == "(a\\b)\u00a0—" else 1.0))
        lines.append(PlacedLine(20, 30 + 12 * i, Line(runs, 400.0, text)))
    return PlacedPage(number, 450, 260 + 12 * len(texts), tuple(lines),
                      bookmarks=(Bookmark(f"第{number}版", 0, 20),))


def reference_draw_text(c, page, faces) -> None:
    """The drawing as it was: ReportLab's setFont/setTextOrigin/textOut per run."""
    h = page.height
    t = c.beginText()
    font, tc, tz, color = None, 0.0, 100.0, "#000000"
    t.setFillColor(pdf_module._color(color))
    for pl in page.lines:
        y = h - pl.baseline
        for run in pl.line.runs:
            faces.register(run.font)
            if (run.font, run.size) != font:
                font = (run.font, run.size)
                t.setFont(run.font, run.size)
            if run.tracking != tc:
                tc = run.tracking
                t.setCharSpace(tc)
            if run.hscale * 100.0 != tz:
                tz = run.hscale * 100.0
                t.setHorizScale(tz)
            if run.color != color:
                color = run.color
                t.setFillColor(pdf_module._color(color))
            x = pl.x + run.x
            segments = pdfmetrics.getFont(run.font).splitString(run.text, c._doc)
            if not (run.tracking and len(segments) > 1):
                t.setTextOrigin(x, y)
                t.textOut(run.text)
                continue
            i = 0
            for _, codes in segments:
                piece = run.text[i:i + len(codes)]
                t.setTextOrigin(x, y)
                t.textOut(piece)
                x += pdf_module._tracked_advance(faces.fonts, run, piece)
                i += len(codes)
    c.drawText(t)


def test_operators_are_reportlabs_own(fs, tmp_path, monkeypatch):
    """The fast text path writes the very bytes ReportLab's textOut wrote."""
    pages = [runs_page(fs, 1), page(fs), runs_page(fs, 2)]
    render_pdf(pages, tmp_path / "fast.pdf", fonts=fs, title="t")
    monkeypatch.setattr(pdf_module, "_draw_text", reference_draw_text)
    render_pdf(pages, tmp_path / "slow.pdf", fonts=fs, title="t")
    fast = (tmp_path / "fast.pdf").read_bytes()
    assert fast == (tmp_path / "slow.pdf").read_bytes()
    with pdfplumber.open(tmp_path / "fast.pdf") as pdf:
        text = "".join(ch["text"] for ch in pdf.pages[0].chars)
    assert HAN[:40] in text


def test_generator_drawn_once_same_bytes(fs, tmp_path):
    """A generator is consumed once, page by page; the PDF equals a list's."""
    made = []

    def pages():
        for n in (1, 2, 3):
            made.append(n)
            yield runs_page(fs, n) if n != 2 else page(fs)

    render_pdf(pages(), tmp_path / "gen.pdf", fonts=fs, title="t")
    render_pdf([runs_page(fs, 1), page(fs), runs_page(fs, 3)], tmp_path / "list.pdf",
               fonts=fs, title="t")
    assert made == [1, 2, 3]
    assert (tmp_path / "gen.pdf").read_bytes() == (tmp_path / "list.pdf").read_bytes()
    with pdfplumber.open(tmp_path / "gen.pdf") as pdf:
        assert len(pdf.pages) == 3


def test_progress_total(fs, tmp_path):
    seen = []
    progress = lambda done, total: seen.append((done, total))  # noqa: E731
    render_pdf([page(fs), page(fs)], tmp_path / "a.pdf", fonts=fs, title="t", progress=progress)
    assert seen == [(1, 2), (2, 2)]  # a list: its length
    seen.clear()
    render_pdf(iter([page(fs), page(fs)]), tmp_path / "b.pdf", fonts=fs, title="t",
               progress=progress)
    assert seen == [(1, None), (2, None)]  # a stream of unknown length
    seen.clear()
    render_pdf(iter([page(fs), page(fs)]), tmp_path / "c.pdf", fonts=fs, title="t",
               progress=progress, total=5)
    assert seen == [(1, 5), (2, 5)]  # as the caller estimates


def test_empty_stream(fs, tmp_path):
    """No pages is no error here (export.py reports an empty page selection first)."""
    render_pdf(iter(()), tmp_path / "e.pdf", fonts=fs, title="t")
    assert (tmp_path / "e.pdf").read_bytes().startswith(b"%PDF")


def test_finished_pages_hold_only_compressed_bytes(fs, tmp_path, monkeypatch):
    """Memory flat in pages: no page keeps its uncompressed operators after showPage."""
    hook = pdf_module._compress_finished_page
    held = []

    def checked(c):
        hook(c)
        pages = c._doc.Pages.pages
        assert all(p.stream is None for p in pages)
        assert all(isinstance(p.Contents.content, (bytes, str)) for p in pages)
        held.append(sum(len(p.Contents.content) for p in pages))

    monkeypatch.setattr(pdf_module, "_compress_finished_page", checked)
    render_pdf((runs_page(fs, n) for n in range(1, 4)), tmp_path / "m.pdf", fonts=fs, title="t")
    assert len(held) == 3
    stream = runs_page(fs, 1)
    raw_text = sum(len(r.text) for pl in stream.lines for r in pl.line.runs)
    assert held[0] < 4 * raw_text  # compressed, not the ~20 bytes an operator costs per glyph


def test_compression_hook_matches_reportlab(tmp_path):
    """Compressing at showPage writes what ReportLab writes when it compresses at save."""
    def draw(path, hook):
        c = Canvas(str(path), invariant=1, pageCompression=1)
        for i in range(3):
            c.drawString(72, 720, f"page {i} (with parentheses) \\ backslash")
            c.rect(72, 72, 100 + i, 50, fill=1)
            c.showPage()
            if hook:
                pdf_module._compress_finished_page(c)
        c.save()
        return path.read_bytes()

    hooked = draw(tmp_path / "hooked.pdf", True)
    assert hooked == draw(tmp_path / "plain.pdf", False)
    assert b"FlateDecode" in hooked
