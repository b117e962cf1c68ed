"""Drawn pages -> one PDF. ReportLab holds the document; no layout decisions here.

In: pages, any iterable of them (a generator is used page by page as it yields, each
page dropped once added): `DrawnPage`s, already drawn (`pdf_content`, possibly in
another process), or `PlacedPage`s, drawn here; and the `FontSet` whose faces the
runs name. Out: one PDF with each face used embedded once, as a subset
(`pdf_fonts`), an outline from the pages' bookmarks, title/author/subject and the
document language, and page labels where the printed numbers are not 1, 2, 3… (an
export of `--pages 3-4` shows its pages as 3 and 4 in a viewer). Built with
`invariant=1`, so two exports of the same input are byte-identical, and written to a
temporary file in the target directory, then `os.replace`d: a failed export never
leaves a half-written PDF behind.

Memory stays flat in the number of pages: a page's content stream arrives
compressed, and the document keeps only those bytes and the characters it used.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sized
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from layout.fileio import atomic_output
from layout.fonts import FontSet
from layout.render.pdf_content import DrawnPage, GlyphCodes, draw_page
from layout.render.pdf_fonts import embed_fonts
from layout.typeset.placed import PlacedPage


def render_pdf(pages: Iterable[PlacedPage | DrawnPage], path: Path, *, fonts: FontSet,
               title: str, author: str | None = None, subject: str | None = None,
               lang: str = "zh-CN",
               progress: Callable[[int, int | None], None] | None = None,
               total: int | None = None) -> None:
    """Write `pages` as the PDF file `path` (replaced atomically).

    `pages` may be a generator: it is consumed once, each page added and dropped.
    `progress(done, total)` is called after each page, for a progress bar on long
    issues; `total` is the `total` given here, else `len(pages)` when `pages` has a
    length, else None (unknown).
    """
    if total is None and isinstance(pages, Sized):
        total = len(pages)
    codes = GlyphCodes(fonts)
    drawn = (p if isinstance(p, DrawnPage) else draw_page(p, codes) for p in pages)
    stream = iter(drawn)
    first = next(stream, None)
    if _NoInitialFont.fontName not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_NoInitialFont)  # type: ignore[arg-type]
    with atomic_output(Path(path)) as tmp:
        c = Canvas(str(tmp), pagesize=(first.width, first.height) if first else (595, 842),
                   invariant=1, pageCompression=1, lang=lang,
                   initialFontName=_NoInitialFont.fontName)
        c.setTitle(title)
        c.setAuthor(author or "")
        c.setSubject(subject or "")
        c.setCreator("layout")
        outline = False
        used: dict[str, set[str]] = {}  # face -> the characters drawn from it
        previous = 0  # the printed number of the page before
        for done, page in enumerate(itertools.chain((first,) if first else (), stream), 1):
            first = None  # let each page go once added
            if page.number != previous + 1:  # a viewer shows the 版 number, not the index
                c.addPageLabel(done - 1, style=pdfdoc.PDFPageLabel.ARABIC, start=page.number)
            previous = page.number
            _add_page(c, page)
            for face, chars in page.used:
                used.setdefault(face, set()).update(chars)
            outline = outline or bool(page.bookmarks)
            if progress is not None:
                progress(done, total)
        embed_fonts(c._doc, fonts, used)
        if outline:
            c.showOutline()
        c.save()


def page_drawer(fonts: FontSet) -> Callable[[PlacedPage], DrawnPage]:
    """A function that draws pages (in any process) for `render_pdf` to assemble."""
    codes = GlyphCodes(fonts)
    return lambda page: draw_page(page, codes)


def _add_page(c: Canvas, page: DrawnPage) -> None:
    """A page of the document whose content is `page.content` (already compressed:
    `PDFPage.check_format` leaves a page whose `Contents` is set alone, and
    `PDFStream.format` applies no filter to a stream whose dictionary names one)."""
    c.setPageSize((page.width, page.height))
    _draw_bookmarks(c, page)
    c.showPage()
    pdf_page = c._doc.Pages.pages[-1]
    contents = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFName("FlateDecode")}),
                                page.content)
    contents.__Comment__ = "page stream"
    pdf_page.Contents = contents
    pdf_page.stream = None


class _NoInitialFont:
    """Stands in for the canvas's initial font: ReportLab would otherwise name an
    unembedded Helvetica in every page's resources. A "dynamic" font is never written
    into the page preamble, and this one is never drawn with."""

    fontName = "layout-no-initial-font"
    _dynamicFont = 1
    _multiByte = 0

    class face:  # noqa: N801 - ReportLab's attribute name
        name = b"layout-no-initial-font"


def _draw_bookmarks(c: Canvas, page: DrawnPage) -> None:
    """Outline entries: level 0 the page (版), level 1 its articles."""
    for i, bm in enumerate(page.bookmarks):
        key = f"p{page.number}-{i}"
        c.bookmarkHorizontal(key, 0, page.height - bm.y)
        c.addOutlineEntry(bm.title, key, level=bm.level, closed=bm.level > 0)
