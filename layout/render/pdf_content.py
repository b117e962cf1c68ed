"""A placed page -> its PDF content stream, compressed: the drawing, as plain data.

In: a `PlacedPage` and the `FontSet` its runs name. Out: a `DrawnPage`: the page's
size, its compressed content stream, the characters it draws from each face (for
the fonts' subsets) and its bookmarks. Nothing here depends on other pages: every
face is one CID font whose codes are the face's glyph ids (see `layout.sfnt`),
named `/F<n>` by its place in `FontSet.faces`. So pages can be drawn in any process,
in any order, and the document assembled from the pieces (`layout.render.pdf`).

Each `Run` is one text operation (Tm and one Tj; Tf, Tc, Tz and colour only when they
change). A run's text becomes hex glyph codes with one `str.translate`: no Python
work per character.

A character no face has is drawn as glyph 0 (.notdef, the box a reader expects),
which the ToUnicode CMap cannot map back (any number of characters share it). So each
stretch of them in a run becomes its own Tj inside a marked-content span whose
/ActualText is those characters (PDF 32000-1 §14.9.4), and text extraction and search
still find them. Their codes come out of `str.translate` marked, and only a page whose
content holds a mark is rewritten: any other page costs one search of its content.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from _rl_accel import fp_str

from layout.fonts import FaceCmap, FontSet
from layout.spec.units import cmyk_inks
from layout.typeset.placed import Bookmark, Link, PlacedPage

# zlib level of a page's content: on 40 pages of the sample's text, 4 takes 0.48 ms a
# page where 6 took 0.96 (~3 % of a page's whole cost), for 3 % more bytes; 1 would
# add 16 %, and 9 is twice as slow again for 1 % less
COMPRESSION = 4


@dataclass(frozen=True, slots=True)
class DrawnPage:
    """A page ready for the document: what `PlacedPage` was, drawn."""

    number: int
    width: float
    height: float
    content: bytes  # the content stream, Flate-compressed
    used: tuple[tuple[str, str], ...]  # (face, the characters drawn from it)
    bookmarks: tuple[Bookmark, ...]
    anchors: tuple[tuple[str, float], ...] = ()  # as PlacedPage's
    links: tuple[Link, ...] = ()
    # (article, title, structure type, body block) of each marked-content sequence the
    # page's stories are drawn in: the n-th is MCID n (see `_draw_text`), for the
    # document's structure tree
    stories: tuple[tuple[int, str, str, int], ...] = ()
    link_mcids: tuple[int, ...] = ()  # the MCID each link's line is drawn in (-1: none)


def resource_name(fonts: FontSet, face: str) -> str:
    """The page resource name of `face`: the same in every process and page."""
    return f"F{fonts.faces.index(face) + 1}"


class GlyphCodes:
    """Per face: a `str.translate` table from characters to 4-digit hex glyph ids, and
    its resource name; and the positions drawn at, formatted (`_Numbers`). Kept for the
    run: a process draws many pages."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self._tables: dict[str, tuple[_Codes, str]] = {}
        self.positions = _Numbers()

    def of(self, face: str) -> tuple[_Codes, str]:
        known = self._tables.get(face)
        if known is None:
            known = self._tables[face] = (_Codes(self.fonts.cmap(face)),
                                          resource_name(self.fonts, face))
        return known


# A character a face lacks translates to its UTF-16BE hex between these marks (never
# in a content stream otherwise), for `_span_lacking` to rewrite.
_LACKING, _END = "\x00", "\x01"


class _Codes(dict):
    """A `str.translate` table filled in as characters are met (a face maps ~30,000,
    a page draws a few thousand). A character the face lacks translates to its marked
    UTF-16 (`_LACKING`); `_span_lacking` draws it as glyph 0 (.notdef), as any PDF
    renderer would: the coverage check has already warned."""

    __slots__ = ("_cmap",)

    def __init__(self, cmap: FaceCmap) -> None:
        super().__init__()
        self._cmap = cmap

    def __missing__(self, cp: int) -> str:
        gid = self._cmap.gid(cp)
        code = self[cp] = f"{gid:04X}" if gid else f"{_LACKING}{_utf16_hex(chr(cp))}{_END}"
        return code


class _Numbers(dict):
    """`fp_str` of each number drawn, kept for the run: a document's lines sit on a few
    hundred baselines and start at a few hundred x positions (40 pages: 205 and 535 of
    22,421 runs), so the page's ~1,000 positions are mostly dictionary hits."""

    __slots__ = ()

    def __missing__(self, number: float) -> str:
        text = self[number] = fp_str(number)
        return text


def _utf16_hex(text: str) -> str:
    """`text` as the hex of its UTF-16BE code units (beyond the BMP: surrogate pairs)."""
    return text.encode("utf-16-be", "surrogatepass").hex().upper()


_PAINT: dict[str, tuple[str, str]] = {}


def _paint(color: str) -> tuple[str, str]:
    """'#rrggbb' or 'cmyk(c,m,y,k)' (`spec.units.parse_color`) as the PDF operators
    that set it for filling and for stroking.

    A grey (black included) is DeviceGray (`g`, `G`), not DeviceRGB: a press separates
    it onto the black plate alone, where RGB black becomes a four-colour "rich" black
    that small type and hairlines cannot hold in register. A process colour is
    DeviceCMYK (`k`, `K`), its inks as the spec gives them; others stay RGB (`rg`, `RG`)."""
    known = _PAINT.get(color)
    if known is None:
        inks = cmyk_inks(color)
        if inks is not None:
            known = _PAINT[color] = (f"{fp_str(*inks)} k", f"{fp_str(*inks)} K")
            return known
        value = color.lstrip("#")
        if len(value) != 6:
            raise ValueError(f"colour {color!r}: expected #rrggbb")
        r, g, b = (int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
        if r == g == b:
            known = (f"{fp_str(r)} g", f"{fp_str(r)} G")
        else:
            known = (f"{fp_str(r, g, b)} rg", f"{fp_str(r, g, b)} RG")
        _PAINT[color] = known
    return known


def fill_colour(color: str) -> str:
    """The operator that fills (text, boxes) with `color` (see `_paint`)."""
    return _paint(color)[0]


def stroke_colour(color: str) -> str:
    """The operator that strokes (rules) with `color` (see `_paint`)."""
    return _paint(color)[1]


def draw_page(page: PlacedPage, codes: GlyphCodes) -> DrawnPage:
    """The page's content: boxes, then rules, then text; y flipped to PDF's bottom-up."""
    ops: list[str] = []
    h = page.height
    for box in page.boxes:
        ops.append(f"{fill_colour(box.color)} {fp_str(box.x, h - box.y - box.height)} "
                   f"{fp_str(box.width, box.height)} re f")
    for rule in page.rules:
        ops.append(f"{stroke_colour(rule.color)} {fp_str(rule.width)} w "
                   f"{fp_str(rule.x0, h - rule.y0)} m {fp_str(rule.x1, h - rule.y1)} l S")
    if ops:  # boxes and rules are the page's furniture, not its text
        ops[:0] = ["/Artifact BMC"]
        ops.append("EMC")
    drawn = _drawn(page)
    used = _draw_text(ops, page, codes, drawn)
    text = "\n".join(ops)
    if _LACKING in text:  # rare: a character no face has
        text = _LACKING_TJ.sub(_span_lacking, text)
    content = zlib.compress(text.encode("ascii"), COMPRESSION)
    mcid_of = {story: mcid for mcid, story in enumerate(drawn)} if page.links else {}
    stories = page.stories
    return DrawnPage(page.number, page.width, page.height, content,
                     tuple((face, "".join(sorted(set("".join(texts)))))
                           for face, texts in used.items()),
                     page.bookmarks, page.anchors, page.links,
                     tuple((stories[i].article, stories[i].title, STRUCTURE_TYPES[stories[i].kind],
                            stories[i].block) for i in drawn),
                     tuple(mcid_of.get(link.story, -1) for link in page.links))


def _draw_text(ops: list[str], page: PlacedPage, codes: GlyphCodes,
               drawn: list[int]) -> dict[str, list[str]]:
    """One text object for the page; returns the texts drawn per face.

    Each story's lines are one marked-content sequence, tagged with its structure type
    (`/H1 <</MCID n>>` for the n-th story when it is a headline, PDF 32000-1 §14.7), which
    the structure tree places in its article; the lines outside the stories (masthead,
    running head, footer) are `/Artifact`."""
    if not page.lines:
        return {}
    out = ops.append
    out("BT 0 g")  # black type on the black plate alone (see `fill_colour`)
    used: dict[str, list[str]] = {}
    texts: list[str] = []
    table: dict[int, str] = {}
    font: tuple[str, float] | None = None
    tc, tz, color = 0.0, 100.0, "#000000"
    h = page.height
    positions = codes.positions
    marks = _marks(page, drawn)
    for index, placed in enumerate(page.lines):
        if index in marks:
            out(marks[index])
        ys = positions[h - placed.baseline]
        for run in placed.line.runs:
            if not run.text:
                continue
            if (run.font, run.size) != font:
                font = (run.font, run.size)
                table, name = codes.of(run.font)
                texts = used.setdefault(run.font, [])
                out(f"/{name} {fp_str(run.size)} Tf")
            if run.tracking != tc:
                tc = run.tracking
                out(f"{fp_str(tc)} Tc")
            if run.hscale * 100.0 != tz:
                tz = run.hscale * 100.0
                out(f"{fp_str(tz)} Tz")
            if run.color != color:
                color = run.color
                out(fill_colour(color))
            out(f"1 0 0 1 {positions[placed.x + run.x]} {ys} Tm <{run.text.translate(table)}> Tj")
            texts.append(run.text)
    out("EMC ET")
    return used


# the standard structure type (PDF 32000-1 §14.8.4) of each kind of `Story`: the
# headline a first-level heading, a subhead a second; the head's other texts (kicker,
# subheadline, byline), a paragraph, a credit or jump line a P
STRUCTURE_TYPES = {"headline": "H1", "head": "P", "subhead": "H2", "text": "P", "aside": "P"}


def _drawn(page: PlacedPage) -> list[int]:
    """The page's stories that draw a line, by index, in MCID order: the n-th is MCID n
    (an untitled article's blank head draws none)."""
    return [i for i, story in enumerate(page.stories) if story.end > story.first]


def _marks(page: PlacedPage, drawn: list[int]) -> dict[int, str]:
    """The marked-content operators that go before line `index`: a sequence's close
    and the next one's open, where the page's lines pass from one story (or from the
    furniture) to another (see `_draw_text`). A jump line's sequence is a `Link`'s, the
    element its link annotation belongs to (see `pdf._Structure`)."""
    marks: dict[int, str] = {}
    end = 0
    linked = {link.story for link in page.links}
    for mcid, index in enumerate(drawn):
        story = page.stories[index]
        if story.first > end:  # furniture between stories (or before the first)
            marks[end] = ("EMC " if end else "") + "/Artifact BMC"
        kind = "Link" if index in linked else STRUCTURE_TYPES[story.kind]
        marks[story.first] = ("EMC " if story.first else "") + f"/{kind} <</MCID {mcid}>> BDC"
        end = story.end
    if end < len(page.lines):
        marks[end] = ("EMC " if end else "") + "/Artifact BMC"
    return marks


_LACKING_TJ = re.compile(f"<([^<>]*{_LACKING}[^<>]*)> Tj")  # a Tj with marked codes
_STRETCH = re.compile(f"((?:{_LACKING}[0-9A-F]+{_END})+)")  # lacking characters in a row
_UNMARK = str.maketrans("", "", _LACKING + _END)


def _span_lacking(tj: re.Match[str]) -> str:
    """A run's Tj, its codes marked where its face lacks characters, as several Tj:
    each stretch of lacking characters is glyph 0 inside `/Span <</ActualText ...>>
    BDC ... EMC` (PDF 32000-1 §14.9.4), the text string UTF-16BE with its byte order
    mark (§7.9.2.2); the rest as before. Tc and Tz apply glyph by glyph, so several
    Tj put every glyph where one would."""
    shown = []
    for i, part in enumerate(_STRETCH.split(tj[1])):  # split keeps odd parts: stretches
        if i % 2:
            shown.append(f"/Span <</ActualText <FEFF{part.translate(_UNMARK)}>>> BDC "
                         f"<{'0000' * part.count(_LACKING)}> Tj EMC")
        elif part:
            shown.append(f"<{part}> Tj")
    return " ".join(shown)
