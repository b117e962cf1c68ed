"""Placed pages -> PDF. Only ReportLab drawing: no layout decisions here.

In: `PlacedPage`s (top-left origin, pt), any iterable of them (a generator is drawn
page by page as it yields, each page dropped once drawn), and the `FontSet` whose face
names the runs use. Out: one PDF with the fonts embedded as subsets (ReportLab subsets
TrueType fonts itself and writes a ToUnicode CMap, so text extracts back exactly), an
outline from the pages' bookmarks, title/author/subject and the document language.
Built with `invariant=1`, so two exports of the same input are byte-identical, and
written to a temporary file in the target directory, then `os.replace`d: a failed
export never leaves a half-written PDF behind.

Memory stays flat in the number of pages: ReportLab would keep every page's
uncompressed content stream until `save()`; here each page's stream is compressed
as soon as the page is finished (`_compress_finished_page`).

Each `Run` is one text operation (Tm, Tf, Tj; Tc, Tz and colour when they change):
no per-character work in Python. The operators are the ones ReportLab's
`PDFTextObject.textOut` writes, byte for byte, but a run's text is encoded into the
font's subsets with `str.translate` over tables memoised per character
(`_SubsetCodes`) instead of ReportLab's per-character loop.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sized
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from layout.fileio import atomic_output
from layout.fonts import FontSet
from layout.render import rl_tounicode
from layout.typeset.placed import PlacedPage, Run


def render_pdf(pages: Iterable[PlacedPage], path: Path, *, fonts: FontSet, title: str,
               author: str | None = None, subject: str | None = None,
               lang: str = "zh-CN",
               progress: Callable[[int, int | None], None] | None = None,
               total: int | None = None) -> None:
    """Draw `pages` into the PDF file `path` (replaced atomically).

    `pages` may be a generator: it is consumed once, each page drawn and dropped.
    `progress(done, total)` is called after each page, for a progress bar on long
    issues; `total` is the `total` given here, else `len(pages)` when `pages` has a
    length, else None (unknown).
    """
    rl_tounicode.install()  # characters beyond the BMP must extract back right
    if total is None and isinstance(pages, Sized):
        total = len(pages)
    stream = iter(pages)
    first = next(stream, None)
    faces = _Faces(fonts)
    with atomic_output(Path(path)) as tmp:
        c = Canvas(str(tmp), pagesize=(first.width, first.height) if first else (595, 842),
                   invariant=1, pageCompression=1, lang=lang,
                   # else ReportLab puts an unembedded Helvetica in every page; any
                   # registered TrueType face will do (it only names no font in the
                   # page preamble), so take the body face before any page is seen
                   initialFontName=faces.initial())
        c.setTitle(title)
        c.setAuthor(author or "")
        c.setSubject(subject or "")
        c.setCreator("layout")
        outline = False
        pages_drawn = itertools.chain((first,) if first else (), stream)
        for done, page in enumerate(pages_drawn, 1):
            first = None  # let each page go once drawn
            _draw_page(c, page, faces)
            outline = outline or bool(page.bookmarks)
            c.showPage()
            _compress_finished_page(c)
            if progress is not None:
                progress(done, total)
        if outline:
            c.showOutline()
        c.save()


def _compress_finished_page(c: Canvas) -> None:
    """Compress the page `c.showPage()` just added, so the document keeps only bytes.

    ReportLab's `showPage` stores the page's operators as one uncompressed string in
    `PDFPage.stream`; only at `save()` does `PDFPage.check_format` wrap it in a
    `PDFStream` with the page filters (A85 + Flate, or Flate alone when
    `rl_config.useA85` is off) and encode it — so a 200-page issue held ~120 KB per
    page until the end. Here the same wrapping is done at once, with the filters
    already applied: `check_format` leaves a page whose `Contents` is set alone, and
    `PDFStream.format` applies no filter to a stream whose dictionary already names
    its `Filter`. The written bytes are the same as ReportLab's own (the dictionary
    gets Filter then Length, in that order, either way).
    """
    page = c._doc.Pages.pages[-1]
    if page.Contents is not None or not page.stream or not page.compression:
        return
    filters = [pdfdoc.PDFBase85Encode, pdfdoc.PDFZCompress] if rl_config.useA85 \
        else [pdfdoc.PDFZCompress]
    content = page.stream
    for f in reversed(filters):
        content = f.encode(content)
    names = pdfdoc.PDFArray([pdfdoc.PDFName(f.pdfname) for f in filters])
    contents = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": names}), content)
    contents.__Comment__ = "page stream"
    page.Contents = contents
    page.stream = None


_COLORS: dict[str, HexColor] = {}


def _color(value: str) -> HexColor:
    col = _COLORS.get(value)
    if col is None:
        col = _COLORS[value] = HexColor(value)
    return col


def _draw_page(c: Canvas, page: PlacedPage, faces: _Faces) -> None:
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
    _draw_text(c, page, faces)
    _draw_bookmarks(c, page)


def _draw_text(c: Canvas, page: PlacedPage, faces: _Faces) -> None:
    """One text object per page; per run: font, Tc, Tz, colour only when they change.

    Writes what `PDFTextObject.setFont`/`setTextOrigin`/`textOut` would (a dynamic
    font's `Tf` names the subset and is written before the first `Tj` in a subset
    other than the current one), straight into the text object's operator list
    (`PDFTextObject._code`, joined with spaces by `getCode`). Colours still go through
    `setFillColor` (rare, and it keeps ReportLab's colour bookkeeping).
    """
    h = page.height
    t = c.beginText()
    out = t._code.append
    codes: _SubsetCodes  # set by the first run (`font` starts as None, so it differs)
    names: dict[int, str] = {}
    font: tuple[str, float] | None = None
    tf = ""
    tc, tz, color = 0.0, 100.0, "#000000"
    t.setFillColor(_color(color))
    current = -1  # the subset the last Tf chose; -1: none since the last font change
    for pl in page.lines:
        y = h - pl.baseline
        ys = fp_str(y)
        for run in pl.line.runs:
            if (run.font, run.size) != font:
                font = (run.font, run.size)
                codes = faces.codes(c, run.font)
                names = codes.names
                tf = f"{fp_str(run.size)} Tf {fp_str(run.size * 1.2)} TL"  # ReportLab's leading
                current = -1
            if run.tracking != tc:
                tc = run.tracking
                out(f"{fp_str(tc)} Tc")
            scale = run.hscale * 100.0
            if scale != tz:
                tz = scale
                out(f"{fp_str(tz)} Tz")
            if run.color != color:
                color = run.color
                t.setFillColor(_color(color))
            text = run.text
            x = pl.x + run.x
            out(f"1 0 0 1 {fp_str(x)} {ys} Tm")
            if not text:
                out("")
                continue
            subsets = text.translate(codes.subset)
            if subsets.count(subsets[0]) == len(subsets):  # one subset
                n = ord(subsets[0])
                if n != current:
                    current = n
                    out(f"{names[n]} {tf}")
                out(f"({text.translate(codes.escaped)}) Tj")
                continue
            current = _show_segments(out, run, text, subsets, x, ys, codes, tf, current,
                                     faces.fonts)
    c.drawText(t)


_SAME = re.compile(r"(.)\1*", re.S)  # a stretch of one repeated character


def _show_segments(out: Callable[[str], None], run: Run, text: str, subsets: str, x: float,
                   ys: str, codes: _SubsetCodes, tf: str, current: int, fonts: FontSet) -> int:
    """A run whose glyphs fall in several subsets (most runs: ReportLab numbers glyphs
    in order of first use): one `Tj` each, the subset's `Tf` before it when it changes,
    and for a tracked run an origin per segment (see `_tracked_advance`). Returns the
    subset the last `Tf` chose."""
    names, escaped, tracked = codes.names, codes.escaped, run.tracking
    for m in _SAME.finditer(subsets):
        start, end = m.span()
        piece = text[start:end]
        n = ord(subsets[start])
        if start and tracked:
            out(f"1 0 0 1 {fp_str(x)} {ys} Tm")
        if n != current:
            current = n
            out(f"{names[n]} {tf} ({piece.translate(escaped)}) Tj")
        else:
            out(f"({piece.translate(escaped)}) Tj")
        if tracked:
            x += _tracked_advance(fonts, run, piece)
    return current


def _tracked_advance(fonts: FontSet, run: Run, piece: str) -> float:
    """Where the next subset segment of a tracked run starts, from this one's start.

    ReportLab writes a run whose glyphs fall in several 256-glyph subsets as several
    `Tj`s. PDF applies `Tc` after every glyph, but pdfminer/pdfplumber drop it after
    the last glyph of each `Tj`, so text extraction would see a shifted line; an
    explicit origin per segment makes every reader agree.
    """
    return fonts.advance(run.font, piece, run.size) * run.hscale + run.tracking * len(piece)


class _Faces:
    """The faces of one document: registered with ReportLab on first use, and each
    face's subset codes in this document."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self._codes: dict[str, _SubsetCodes] = {}
        self._registered: set[str] = set()

    def register(self, face: str) -> str:
        if face not in self._registered:
            self.fonts.register(face)
            self._registered.add(face)
        return face

    def initial(self) -> str | None:
        """The canvas's initial font: the body (song) face, else any face."""
        chain = self.fonts.chains.get("song") or self.fonts.faces
        return self.register(chain[0]) if chain else None

    def codes(self, c: Canvas, face: str) -> _SubsetCodes:
        codes = self._codes.get(face)
        if codes is None:
            self.register(face)
            codes = self._codes[face] = _SubsetCodes(pdfmetrics.getFont(face), c._doc)
        return codes


class _SubsetCodes:
    """One TrueType face's subset encoding in one document, memoised per character.

    ReportLab assigns each character, the first time `TTFont.splitString` sees it, a
    subset (of 256 glyphs) and a code in it. Two `str.translate` tables hold what it
    assigned: `subset` maps a character to chr(subset number), `escaped` to its code
    as it appears inside a PDF string (`escapePDF`, which escapes byte by byte). A
    character not yet seen is passed to `splitString` by the tables' `__missing__`;
    `translate` meets characters in text order, so they are assigned exactly as
    ReportLab's own `textOut` would assign them.
    """

    def __init__(self, font, doc) -> None:
        self._font, self._doc = font, doc
        self.subset = _Learned(self._learn)
        self.escaped = _Learned(self._learn)
        # subset number -> its PDF font resource ("/F1+0"); the first lookup for a
        # face gives it its document font number, as ReportLab's `textOut` does
        self.names = _Learned(self._name)

    def _learn(self, cp: int) -> None:
        ((n, code),) = self._font.splitString(chr(cp), self._doc)
        self.subset[cp] = chr(n)
        self.escaped[cp] = escapePDF(code)

    def _name(self, n: int) -> None:
        self.names[n] = self._font.getSubsetInternalName(n, self._doc)


class _Learned(dict):
    """A memo (and `str.translate` table) that asks `learn(key)` to fill in a
    missing entry."""

    __slots__ = ("_learn",)

    def __init__(self, learn: Callable[[int], None]) -> None:
        super().__init__()
        self._learn = learn

    def __missing__(self, key: int) -> str:
        self._learn(key)
        return self[key]


def _draw_bookmarks(c: Canvas, page: PlacedPage) -> None:
    """Outline entries: level 0 the page (版), level 1 its articles."""
    for i, bm in enumerate(page.bookmarks):
        key = f"p{page.number}-{i}"
        c.bookmarkHorizontal(key, 0, page.height - bm.y)
        c.addOutlineEntry(bm.title, key, level=bm.level, closed=bm.level > 0)
