"""Placed pages -> PDF. Only ReportLab drawing: no layout decisions here.

In: `PlacedPage`s (top-left origin, pt) and the `FontSet` whose face names the runs
use. Out: one PDF with the fonts embedded as subsets (ReportLab subsets TrueType
fonts itself and writes a ToUnicode CMap, so text extracts back exactly), an outline
from the pages' bookmarks, title/author/subject and the document language. Built
with `invariant=1`, so two exports of the same input are byte-identical, and
written to a temporary file in the target directory, then `os.replace`d: a failed
export never leaves a half-written PDF behind.

Each `Run` is one text operation (Tf, Tc, Tz, Td, Tj): no per-character work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from layout.fileio import atomic_output
from layout.fonts import FontSet
from layout.typeset.placed import PlacedPage


def render_pdf(pages: Sequence[PlacedPage], path: Path, *, fonts: FontSet, title: str,
               author: str | None = None, subject: str | None = None,
               lang: str = "zh-CN", progress: Callable[[int, int], None] | None = None) -> None:
    """Draw `pages` into the PDF file `path` (replaced atomically).

    `progress(done, total)` is called after each page, for a progress bar on long issues.
    """
    used = sorted({r.font for p in pages for pl in p.lines for r in pl.line.runs})
    for face in used:
        fonts.register(face)
    with atomic_output(Path(path)) as tmp:
        first = pages[0] if pages else None
        c = Canvas(str(tmp), pagesize=(first.width, first.height) if first else (595, 842),
                   invariant=1, pageCompression=1, lang=lang,
                   # else ReportLab puts an unembedded Helvetica in every page
                   initialFontName=used[0] if used else None)
        c.setTitle(title)
        c.setAuthor(author or "")
        c.setSubject(subject or "")
        c.setCreator("layout")
        for done, page in enumerate(pages, 1):
            _draw_page(c, page, fonts)
            c.showPage()
            if progress is not None:
                progress(done, len(pages))
        if any(p.bookmarks for p in pages):
            c.showOutline()
        c.save()


_COLORS: dict[str, HexColor] = {}


def _color(value: str) -> HexColor:
    col = _COLORS.get(value)
    if col is None:
        col = _COLORS[value] = HexColor(value)
    return col


def _draw_page(c: Canvas, page: PlacedPage, fonts: FontSet) -> None:
    """Boxes, then rules, then text; y flipped from top-left to PDF's bottom-left."""
    h = page.height
    c.setPageSize((page.width, h))
    for box in page.boxes:
        c.setFillColor(_color(box.color))
        c.rect(box.x, h - box.y - box.height, box.width, box.height, stroke=0, fill=1)
    for rule in page.rules:
        c.setStrokeColor(_color(rule.color))
        c.setLineWidth(rule.width)
        c.line(rule.x0, h - rule.y0, rule.x1, h - rule.y1)
    _draw_text(c, page, fonts)
    _draw_bookmarks(c, page)


def _draw_text(c: Canvas, page: PlacedPage, fonts: FontSet) -> None:
    """One text object per page; per run: font, Tc, Tz, colour only when they change."""
    h = page.height
    t = c.beginText()
    font: tuple[str, float] | None = None
    tc, tz, color = 0.0, 100.0, "#000000"
    t.setFillColor(_color(color))
    for pl in page.lines:
        y = h - pl.baseline
        for run in pl.line.runs:
            if (run.font, run.size) != font:
                font = (run.font, run.size)
                t.setFont(run.font, run.size)
            if run.tracking != tc:
                tc = run.tracking
                t.setCharSpace(tc)
            scale = run.hscale * 100.0
            if scale != tz:
                tz = scale
                t.setHorizScale(tz)
            if run.color != color:
                color = run.color
                t.setFillColor(_color(color))
            if run.tracking and len(run.text) > 1:
                _tracked_out(c, t, run, pl.x + run.x, y, fonts)
            else:
                t.setTextOrigin(pl.x + run.x, y)
                t.textOut(run.text)
    c.drawText(t)


def _tracked_out(c: Canvas, t, run, x: float, y: float, fonts: FontSet) -> None:
    """A tracked run, one origin per font subset segment.

    ReportLab writes a run whose glyphs fall in several 256-glyph subsets as several
    `Tj`s. PDF applies `Tc` after every glyph, but pdfminer/pdfplumber drop it after
    the last glyph of each `Tj`, so text extraction would see a shifted line; an
    explicit origin per segment makes every reader agree.
    """
    segments = pdfmetrics.getFont(run.font).splitString(run.text, c._doc)
    if len(segments) == 1:
        t.setTextOrigin(x, y)
        t.textOut(run.text)
        return
    i = 0
    for _, codes in segments:
        piece = run.text[i:i + len(codes)]
        t.setTextOrigin(x, y)
        t.textOut(piece)
        x += fonts.advance(run.font, piece, run.size) * run.hscale + run.tracking * len(piece)
        i += len(codes)


def _draw_bookmarks(c: Canvas, page: PlacedPage) -> None:
    """Outline entries: level 0 the page (版), level 1 its articles."""
    for i, bm in enumerate(page.bookmarks):
        key = f"p{page.number}-{i}"
        c.bookmarkHorizontal(key, 0, page.height - bm.y)
        c.addOutlineEntry(bm.title, key, level=bm.level, closed=bm.level > 0)
