"""What typesetting reports per page: placements, page breaks, and the page record.

A `PageRecord` is one made-up page as it leaves the page maker: its placements, where
it begins in reading order, the drawn page (if asked for) and the warnings raised
since the previous record. Records are plain picklable data, so a page made in a
worker process (see `parallel`) reaches the renderer just like a page made here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from layout.typeset.columns import Grid
from layout.typeset.page import PageLayout
from layout.typeset.placed import PageBreak, PlacedPage


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one article block went: `first_column` is 1-based; `top`, `bottom` in pt
    from the page's top edge; `continued` is True for a continuation (上接) block."""

    page: int
    article: int  # index in issue.articles()
    title: str
    first_column: int
    columns: int
    top: float
    bottom: float
    continued: bool


@dataclass(frozen=True, slots=True)
class Typeset:
    """The typesetter's result."""

    pages: tuple[PlacedPage, ...]
    breaks: tuple[PageBreak, ...]
    placements: tuple[Placement, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PageRecord:
    """One printed page made up.

    `clean`: the walk was at rest when the page was begun (nothing continued into
    it), so the page and those after it do not depend on earlier pages. `start`: the
    first (article, body block) on the page, None for a page with no blocks.
    """

    number: int
    clean: bool
    start: tuple[int, int] | None
    placements: tuple[Placement, ...]
    page: PlacedPage | Any  # None when the page is not drawn; else what `finish` made
    # of it, if the run has one (see `stream`)
    warnings: tuple[str, ...]  # raised since the previous record


def placements(layout: PageLayout, grid: Grid) -> tuple[Placement, ...]:
    """One `Placement` per block of `layout`."""
    out = []
    for box in layout.boxes:
        piece, region = box.block.piece, box.block.region
        out.append(Placement(page=layout.number, article=piece.content.article,
                             title=piece.content.title, first_column=region.first_column + 1,
                             columns=region.columns, top=grid.row_y(box.top),
                             bottom=grid.row_y(box.top + box.rows),
                             continued=piece.continued_from is not None))
    return tuple(out)


def page_start(layout: PageLayout) -> tuple[int, int] | None:
    """The earliest (article, body block) the page holds."""
    starts = [(b.block.piece.content.article, b.block.piece.block) for b in layout.boxes]
    return min(starts) if starts else None


def page_break(record: PageRecord, previous: PageBreak | None) -> PageBreak:
    """Where the page begins in reading order; a page with no blocks begins where
    the previous one did."""
    if record.start is not None:
        return PageBreak(record.number, *record.start)
    return PageBreak(record.number, previous.article if previous else 0,
                     previous.block if previous else 0)
