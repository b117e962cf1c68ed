"""typeset stage: Issue + Spec + Metrics -> placed pages.

`typeset(issue, spec, metrics)` makes up every page (modular layout on the spec's
column grid, see `placement` and `page`) and returns a `Typeset`: the placed pages
(only the printed pages asked for with `pages=`, but paginated exactly as a full
run), the page breaks in reading order for the EPUB, one `Placement` per article
block, and warnings. `typesetting(...)` is the same run as a stream: pages come one
at a time, for a renderer to draw and drop. `plan` returns the placements alone;
`format_plan` prints them (`export.py pdf --plan`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from layout.model import Issue
from layout.spec.schema import Spec
from layout.typeset.blocks import Blocks, Setter, compose_setter
from layout.typeset.columns import Grid, make_grid
from layout.typeset.page import PageLayout, Paginator, draw_page
from layout.typeset.placed import PageBreak, PlacedPage

__all__ = ["Placement", "Typeset", "Typesetting", "format_plan", "plan", "typeset",
           "typesetting"]

_MM = 25.4 / 72


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


def _placements(layout: PageLayout, grid: Grid) -> Iterator[Placement]:
    for box in layout.boxes:
        piece, region = box.block.piece, box.block.region
        yield Placement(page=layout.number, article=piece.content.article,
                        title=piece.content.title, first_column=region.first_column + 1,
                        columns=region.columns, top=grid.row_y(box.top),
                        bottom=grid.row_y(box.top + box.rows),
                        continued=piece.continued_from is not None)


def _break(layout: PageLayout, previous: PageBreak | None) -> PageBreak:
    starts = [(b.block.piece.content.article, b.block.piece.block) for b in layout.boxes]
    if not starts:
        return PageBreak(layout.number, previous.article if previous else 0,
                         previous.block if previous else 0)
    article, block = min(starts)
    return PageBreak(layout.number, article, block)


class Typesetting:
    """A typesetting run in progress: iterate it for the placed pages, made one at a
    time, so a renderer draws each page and drops it (memory stays flat over long
    issues). `breaks`, `placements` and `warnings` grow as pages are made and are
    complete once the iteration ends; `result()` runs to the end and collects all.
    """

    def __init__(self, issue: Issue, spec: Spec, setter: Setter, *,
                 pages: set[int] | None = None, draw: bool = True) -> None:
        self.grid = make_grid(spec)
        self._spec, self._wanted, self._draw = spec, pages, draw
        self._blocks = Blocks(spec, self.grid, setter)
        self._paginator = Paginator(issue, spec, self.grid, self._blocks)
        self._started = False
        self.breaks: list[PageBreak] = []
        self.placements: list[Placement] = []

    @property
    def warnings(self) -> list[str]:
        return self._paginator.warnings

    def __iter__(self) -> Iterator[PlacedPage]:
        if self._started:
            raise RuntimeError("a Typesetting run can be iterated only once")
        self._started = True
        for layout in self._paginator.pages():
            self.breaks.append(_break(layout, self.breaks[-1] if self.breaks else None))
            self.placements.extend(_placements(layout, self.grid))
            if self._draw and (self._wanted is None or layout.number in self._wanted):
                yield draw_page(layout, self._spec, self.grid, self._blocks)

    def result(self) -> Typeset:
        """Every page (held in memory: for tests and small issues)."""
        placed = tuple(self)
        return Typeset(placed, tuple(self.breaks), tuple(self.placements),
                       tuple(self.warnings))


def run(issue: Issue, spec: Spec, setter: Setter, *,
        pages: set[int] | None = None, draw: bool = True) -> Typeset:
    """`typeset` with the line composer given as a `Setter` (tests pass a fake)."""
    return Typesetting(issue, spec, setter, pages=pages, draw=draw).result()


def typeset(issue: Issue, spec: Spec, metrics: object, *,
            pages: set[int] | None = None) -> Typeset:
    """Make up the issue's pages with the real composer over `metrics`."""
    return run(issue, spec, compose_setter(spec, metrics), pages=pages)


def typesetting(issue: Issue, spec: Spec, metrics: object, *,
                pages: set[int] | None = None, draw: bool = True) -> Typesetting:
    """`typeset` as a stream of pages (see `Typesetting`); `draw=False` only paginates
    (the EPUB needs the page breaks, not the drawn pages)."""
    return Typesetting(issue, spec, compose_setter(spec, metrics), pages=pages, draw=draw)


def plan(issue: Issue, spec: Spec, metrics: object) -> tuple[Placement, ...]:
    """Only the placements (pagination without drawing the pages)."""
    return run(issue, spec, compose_setter(spec, metrics), draw=False).placements


def format_plan(ts: Typeset | Typesetting) -> str:
    """One line per placement: page, columns, top and bottom in mm, title."""
    rows = []
    for p in ts.placements:
        cols = f"{p.first_column}-{p.first_column + p.columns - 1}"
        mark = "（续）" if p.continued else ""
        rows.append(f"第{p.page}版  栏 {cols:<5}  {p.top * _MM:6.1f}–{p.bottom * _MM:6.1f} mm"
                    f"  [{p.article}] {p.title}{mark}")
    return "\n".join(rows) + ("\n" if rows else "")
