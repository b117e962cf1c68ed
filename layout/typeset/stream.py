"""A typesetting run as a stream of pages, on one core or two.

`Typesetting` is iterated for the placed pages, made one at a time, so a renderer
draws each page and drops it (memory stays flat over long issues). Its `breaks`,
`placements` and `warnings` grow as pages are made and are complete once the
iteration ends. With `jobs=2` the later pages are made ahead in a worker process
(see `parallel`); the pages, breaks, placements and warnings are exactly those of a
run on one core.

`finish`, when given, is applied to each drawn page in the process that made it, and
the iteration yields what it returns: a renderer's per-page work (the PDF content
stream) then runs on both cores too, and only its result crosses between processes.

`stop_early` with `pages`: the walk ends once every page asked for has been drawn (a
page is handed on only when the pages its jumps name are known), so a preview of page
3 of a 200-page issue makes 3 pages, not 200; `breaks`, `placements` and `warnings`
then cover the pages made.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from typing import Any

from layout.model import Issue
from layout.script import Script, detect_script
from layout.spec.template import in_script
from layout.spec.schema import Spec
from layout.typeset.blocks import Blocks, Setter
from layout.typeset.columns import make_grid
from layout.typeset.page import PageLayout, Paginator, draw_page
from layout.typeset.placed import PageBreak, PlacedPage
from layout.typeset.records import (PageRecord, Placement, Typeset, page_break, page_start,
                                    placements)


Finish = Callable[[PlacedPage], Any]  # a drawn page -> what the stream yields for it


class Maker:
    """The page maker of one process: walks the issue and turns layouts into records."""

    def __init__(self, issue: Issue, spec: Spec, setter: Setter, *,
                 pages: set[int] | None, draw: bool, script: Script,
                 finish: Finish | None = None) -> None:
        self.issue, self.spec = issue, spec
        self.grid = make_grid(spec)
        self.blocks = Blocks(spec, self.grid, setter, script)
        self.paginator = Paginator(issue, spec, self.grid, self.blocks)
        self._wanted, self._draw, self._finish = pages, draw, finish
        self._reported = 0  # warnings already handed on in a record

    def records(self, start: int = 0, stop: int | None = None) -> Generator[PageRecord, None, None]:
        """Records of the walk over `issue.pages[start:stop]` (see `Paginator.pages`)."""
        return self._records(self.paginator.pages(start, stop))

    def _records(self, layouts: Iterable[PageLayout]) -> Generator[PageRecord, None, None]:
        for layout in layouts:
            drawn = None
            if self._draw and (self._wanted is None or layout.number in self._wanted):
                drawn = draw_page(layout, self.spec, self.grid, self.blocks)
                if self._finish is not None:
                    drawn = self._finish(drawn)
            yield PageRecord(layout.number, layout.number in self.paginator.rest_before,
                             page_start(layout), placements(layout, self.grid), drawn,
                             self.new_warnings())

    def new_warnings(self) -> tuple[str, ...]:
        """Warnings raised since the last call."""
        new = self.paginator.warnings[self._reported:]
        self._reported = len(self.paginator.warnings)
        return tuple(new)


class Typesetting:
    """A typesetting run in progress (see the module docstring)."""

    def __init__(self, issue: Issue, spec: Spec, setter: Setter, *,
                 pages: set[int] | None = None, draw: bool = True, jobs: int = 1,
                 split: int | None = None, finish: Finish | None = None,
                 stop_early: bool = False) -> None:
        self.script = detect_script(issue)  # one pass over the text, for both processes
        spec = in_script(spec, self.script)  # the furniture's words in the issue's script
        # the pages after whose drawing the walk ends (None: it goes to the end)
        self._stop_after = set(pages) if pages is not None and stop_early and draw else None
        self._maker = Maker(issue, spec, setter, pages=pages, draw=draw, script=self.script,
                            finish=finish)
        self._make_worker = lambda: Maker(issue, spec, setter, pages=pages, draw=draw,
                                          script=self.script, finish=finish)
        self._jobs, self._split, self._draw, self._finish = jobs, split, draw, finish
        self._started = False
        self.grid = self._maker.grid
        self.breaks: list[PageBreak] = []
        self.placements: list[Placement] = []
        self.warnings: list[str] = []

    def __iter__(self) -> Iterator[Any]:
        """The drawn pages (`PlacedPage`s, or what `finish` made of them)."""
        if self._started:
            raise RuntimeError("a Typesetting run can be iterated only once")
        self._started = True
        remaining = set(self._stop_after) if self._stop_after is not None else None
        with closing(self._source()) as source:  # closing stops a worker still running
            for record in source:
                self.breaks.append(page_break(record, self.breaks[-1] if self.breaks else None))
                self.placements.extend(record.placements)
                self.warnings.extend(record.warnings)
                if record.page is not None:
                    yield record.page
                    if remaining is not None:
                        remaining.discard(record.number)
                        if not remaining:
                            break
        self.warnings.extend(self._maker.new_warnings())

    def _source(self) -> Generator[PageRecord, None, None]:
        issue_pages = self._maker.issue.pages
        pages = len(issue_pages)
        if self._jobs < 2 or pages < 2:
            return self._maker.records()
        from layout.typeset.parallel import records_in_parallel, split_point

        drawn_here = self._draw and self._finish is None  # by this process's consumer
        split = self._split if self._split is not None else split_point(pages, drawn_here)
        if (self._stop_after is not None and split < pages
                and max(self._stop_after) < issue_pages[split].number):
            return self._maker.records()  # the walk ends before the worker's first page
        return records_in_parallel(self._maker, self._make_worker, split)

    def result(self) -> Typeset:
        """Every page (held in memory: for tests and small issues)."""
        placed = tuple(self)
        return Typeset(placed, tuple(self.breaks), tuple(self.placements),
                       tuple(self.warnings))
