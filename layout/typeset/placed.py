"""Frozen output of typesetting: lines of positioned runs, placed on pages.

The composer (`linebreak`) makes `Line`s; the page maker (`page`) places them and
adds rules; the PDF renderer only draws what is here. A `Run` is a stretch of text
drawn with one font, size and tracking, so the renderer draws a whole run with one
PDF text operation instead of one per character.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter
from typing import NamedTuple, TypeVar

_T = TypeVar("_T")


def _pickled_as_fields(cls: type[_T]) -> type[_T]:
    """Pickle instances as (class, field values): pages cross a process boundary when
    typesetting on two cores, and pickle's default for slotted classes (a state
    dict per object) takes twice as long for the ~5,000 objects of a page."""
    values = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: _T) -> tuple[type[_T], tuple[object, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign, assignment]
    return cls


class Run(NamedTuple):
    """Text drawn from `x` (pt from the line's left edge) with one font.

    Each character advances by the font's own advance plus `tracking` (PDF `Tc`);
    the composer splits runs wherever that would not land a glyph where it belongs.
    A named tuple, as `Line`: a page makes about 1,300 of the two, and a tuple is made
    three times faster than a frozen dataclass (7 % of a page's typesetting
    instructions, callgrind); immutable all the same.
    """

    x: float
    text: str
    font: str  # a face name from the font registry
    size: float
    tracking: float = 0.0
    color: str = "#000000"
    hscale: float = 1.0  # horizontal scaling (PDF Tz / 100): stretches a —— to 2 em


class Line(NamedTuple):
    """One composed line: its runs, its set width and its logical text (a named tuple:
    see `Run`)."""

    runs: tuple[Run, ...]
    width: float  # the measure it was set to (== the measure unless ragged)
    text: str  # the characters of the line in order, for tests and extraction
    last: bool = False  # set ragged, not justified: a paragraph's last line, or one cut
    # inside a web or mail address too wide for any line (see linebreak.next_line)


class PlacedLine(NamedTuple):
    """A line on the page; `x`, `baseline` in pt from the page's top-left corner (a
    named tuple: see `Run`)."""

    x: float
    baseline: float
    line: Line


@_pickled_as_fields
@dataclass(frozen=True, slots=True)
class Rule:
    """A straight rule from (x0, y0) to (x1, y1), top-left origin, pt."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.5
    color: str = "#000000"


@_pickled_as_fields
@dataclass(frozen=True, slots=True)
class Box:
    """A filled rectangle (a masthead band, a shaded ear), top-left origin, pt."""

    x: float
    y: float
    width: float
    height: float
    color: str


@_pickled_as_fields
@dataclass(frozen=True, slots=True)
class Bookmark:
    """An outline entry: a page or an article, pointing at a place on the page."""

    title: str
    level: int  # 0 = page (版), 1 = article
    y: float


class Link(NamedTuple):
    """A place on the page that leads to an `anchor` (a jump line to the part of its
    article on another page). x0, top, x1, bottom: pt from the page's top left. A named
    tuple, as `Run`: made at import in ~0.1 ms where a frozen dataclass takes ~0.6."""

    x0: float
    top: float
    x1: float
    bottom: float
    anchor: str
    text: str = ""  # what it says (（下转第9版）): its description for a screen reader
    story: int = -1  # index in `PlacedPage.stories` of the story its line is in


class Story(NamedTuple):
    """Lines `[first, end)` of `PlacedPage.lines` that are one part of an article in
    the document's structure: its headline (`kind` "headline"), another text of its
    head ("head": kicker, subheadline, byline, （上接第M版）), one of its body's blocks
    in one column ("text" for a paragraph, "subhead"; `block` indexes the article's
    body), or a line of its own ("aside": a credit or jump line). A page's stories are
    in reading order: each piece's head, then its columns down, then its jump line. A
    named tuple: see `Run`."""

    article: int  # index in Issue.articles()
    title: str
    kind: str
    block: int
    first: int
    end: int


def piece_anchor(article: int, page: int) -> str:
    """The name of the place where article `article` (index in Issue.articles()) is
    set on printed page `page`: an article has at most one piece on a page."""
    return f"a{article}p{page}"


@_pickled_as_fields
@dataclass(frozen=True, slots=True)
class PlacedPage:
    """One finished page, ready to draw.

    `anchors` are named places on it ((name, y from the top), see `piece_anchor`) that
    `links` on any page may lead to. `stories` are its articles' pieces in reading
    order; the lines outside them are the page's furniture (报头, 报眉, footer)."""

    number: int  # the printed page number (版次)
    width: float
    height: float
    lines: tuple[PlacedLine, ...] = ()
    rules: tuple[Rule, ...] = ()
    boxes: tuple[Box, ...] = ()
    bookmarks: tuple[Bookmark, ...] = ()
    anchors: tuple[tuple[str, float], ...] = ()
    links: tuple[Link, ...] = ()
    stories: tuple[Story, ...] = ()


@_pickled_as_fields
@dataclass(frozen=True, slots=True)
class PageBreak:
    """Where a printed page begins in the document's reading order.

    `article` indexes `Issue.articles()`; `block` indexes that article's body (0 when
    the page begins with the article's headline). The EPUB exporter places its
    `epub:type="pagebreak"` markers from these, so e-reader users can cite print pages.
    """

    page: int
    article: int
    block: int = 0
