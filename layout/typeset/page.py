"""Pagination: an issue's articles -> printed pages, page by page.

In: the issue, the spec, a `Blocks` setter. Out (through `paginate`): one `PageLayout`
per printed page, in order, each with its blocks (article pieces in rectangles of
whole columns), furniture, and where its continued articles jump to.

Page N's articles start on page N. The page's own articles are placed first (see
`placement`), then pieces continued from earlier pages fill what room is left; a
piece that does not fit is cut (`Blocks.fit`) and its rest waits for the next page
with room, or for a page appended after the last the issue knows of
(`Issue.last_known_page`). A page is handed on only
once every cut on it knows the page its continuation went to, so `（下转第N版）`
is right; pages are produced lazily, so memory stays flat over long issues.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from dataclasses import dataclass
from collections.abc import Iterator, Mapping, Sequence

from layout.errors import InputError
from layout.model import LARGEST_NUMBER, Issue, Page
from layout.spec.schema import Spec
from layout.spec.template import template_values
from layout.typeset.blocks import Block, Blocks, Piece, Region
from layout.typeset.columns import Grid
from layout.typeset.masthead import Furniture, furniture
from layout.typeset.placed import Bookmark, Link, PlacedLine, PlacedPage, Rule, Story, piece_anchor
from layout.typeset.placement import MAX_HOLE, Job, Want, gap, place
from layout.typeset.vfill import Frame, spread


MAX_PENDING = 3  # continued pieces offered to one page; the rest wait their turn


@dataclass(frozen=True, slots=True)
class Box:
    """A placed block and its final rectangle (content top row, rows, rule above?)."""

    block: Block
    top: int  # row of the content's top
    rows: int  # rows of the rectangle (stretched to the foot where it can)
    ruled: bool  # a horizontal rule in the separator row above it
    air_above: int = 0  # rows of air over the head (see `vfill`)
    air_below: int = 0  # rows of air between the head and the body


@dataclass(frozen=True, slots=True)
class PageLayout:
    """One printed page before drawing: furniture, boxes, cut targets, warnings."""

    number: int
    section: str | None
    furniture: Furniture
    area_top: int
    area_rows: int
    boxes: tuple[Box, ...]
    jumps: Mapping[tuple[int, int], int]  # (article, rest start) -> page it went to


def _wants(spec: Spec, page: Page) -> tuple[dict[int, Want], dict[int, int], list[int]]:
    """Explicit placements of this page's articles: position -> Want, -> order, and the
    article numbers they name that the page does not have."""
    wants: dict[int, Want] = {}
    orders: dict[int, int] = {}
    absent: list[int] = []
    for entry in spec.placement.articles:
        if entry.page != page.number:
            continue
        if not 1 <= entry.article <= len(page.articles):
            absent.append(entry.article)
            continue
        start = entry.start_column - 1 if entry.start_column else None
        wants[entry.article - 1] = Want(entry.columns, start)
        if entry.order is not None:
            orders[entry.article - 1] = entry.order
    return wants, orders, absent


class Paginator:
    """Walks an issue page by page; `pages()` yields finished `PageLayout`s."""

    def __init__(self, issue: Issue, spec: Spec, grid: Grid, blocks: Blocks) -> None:
        self.issue, self.spec, self.grid, self.blocks = issue, spec, grid, blocks
        self.warnings: list[str] = []
        self._pending: list[Piece] = []
        self._targets: dict[tuple[int, int], int] = {}
        self._waiting: deque[tuple[PageLayout, set[tuple[int, int]]]] = deque()
        self.rest_before: set[int] = set()  # printed pages begun `at_rest`
        # the spec's explicit entries, when they are for this issue (see PlacementSpec)
        self._pinned = spec.placement.describes(issue.paper.name, issue.issue.date)

    # -- the page loop ------------------------------------------------------------
    def pages(self, start: int = 0, stop: int | None = None) -> Iterator[PageLayout]:
        """The printed pages `issue.pages[start:stop]` in order; with no `stop`, then
        the appended continuation pages and every page still waiting for a jump.

        Resumable: `pages(0, k)` then `pages(k)` is the same walk as `pages()`. Started
        past page 0 the walk assumes it is `at_rest` there (parallel typesetting
        checks that before it trusts such a walk).
        """
        index = sum(len(page.articles) for page in self.issue.pages[:start])
        for page in self.issue.pages[start:stop]:
            if self.at_rest:
                self.rest_before.add(page.number)
            yield from self._page(page, index)
            index += len(page.articles)
        if stop is not None and stop < len(self.issue.pages):
            return
        last = self.issue.last_known_page()
        while self._pending:
            if last >= LARGEST_NUMBER:
                raise InputError(f"error: page {last}: no page number is left for the text "
                                 f"continued from it (PDF's numbers end at {LARGEST_NUMBER})")
            last += 1
            before = [(p.content.article, p.start) for p in self._pending]
            yield from self._page(Page(number=last), index)
            if [(p.content.article, p.start) for p in self._pending] == before:
                stuck = self._pending[0].content.title
                where = f"{self.spec.source}: " if self.spec.source else ""
                raise InputError(f"{where}error: article “{stuck}” does not fit even on an "
                                 f"empty page (page {last}): a head or line of it is taller "
                                 "than the text area; check the spec's style sizes and spaces")
        while self._waiting:  # every cut is resolved by now
            yield self._waiting.popleft()[0]

    @property
    def at_rest(self) -> bool:
        """No article waits to continue and every page made has been handed on: the
        walk from here depends on nothing before it."""
        return not self._pending and not self._waiting

    def _page(self, page: Page, first_index: int) -> Iterator[PageLayout]:
        self.blocks.forget()
        values = template_values(self.issue, page)
        fur = furniture(self.spec, self.grid, self.blocks.setter, values, page.number)
        area_rows = self.grid.rows - fur.top_rows - fur.foot_rows
        own = self._own_pieces(page, first_index)
        pieces, jobs = self._jobs(page, own)
        slots = place(jobs, lambda i, w: self.blocks.natural_rows(pieces[i], w),
                      self.grid.columns, area_rows,
                      body_of=lambda i, w: self.blocks.body_rows(pieces[i], w))
        placed: list[tuple[Block, int, bool]] = []
        cuts: set[tuple[int, int]] = set()
        still: list[Piece] = []
        for piece, job, slot in zip(pieces, jobs, slots):
            if slot is None:
                if job.own:
                    self.warnings.append(f"page {page.number}: article “{piece.content.title}” "
                                         f"did not fit and moves to a later page")
                still.append(piece)
                continue
            body_top = slot.top + gap(slot.top)
            region = Region(slot.first_column, slot.columns, fur.top_rows + body_top,
                            area_rows - body_top)
            fit = self.blocks.fit(piece, region)
            if fit.placed is None:
                still.append(piece)
                continue
            if piece.continued_from is not None:
                self._targets[(piece.content.article, piece.start)] = page.number
            placed.append((fit.placed, slot.top, slot.top > 0))
            if fit.rest is not None:
                rest = dataclasses.replace(fit.rest, continued_from=page.number)
                cuts.add((rest.content.article, rest.start))
                still.append(rest)
                self.warnings.append(f"page {page.number}: article “{piece.content.title}” "
                                     f"is continued on a later page")
        self._pending = sorted(still + self._pending[MAX_PENDING:],
                               key=lambda p: (p.content.article, p.start))
        boxes = _stretch(placed, fur.top_rows, area_rows, self.grid.columns)
        layout = PageLayout(page.number, page.section, fur, fur.top_rows, area_rows,
                            boxes, self._targets)
        self._waiting.append((layout, cuts))
        while self._waiting and all(c in self._targets for c in self._waiting[0][1]):
            done, done_cuts = self._waiting.popleft()
            jumps = {c: self._targets.pop(c) for c in done_cuts}
            yield dataclasses.replace(done, jumps=jumps)

    def _own_pieces(self, page: Page, first_index: int) -> list[tuple[int, Piece]]:
        out = []
        for pos, article in enumerate(page.articles):
            content = self.blocks.content(article, first_index + pos, page.number)
            if content is None:
                self.warnings.append(f"page {page.number}: article {pos + 1} "
                                     f"(“{article.title}”) has no text and was skipped")
                continue
            out.append((pos, Piece(content)))
        return out

    def _jobs(self, page: Page, own: list[tuple[int, Piece]]) -> tuple[list[Piece], list[Job]]:
        wants, orders, absent = _wants(self.spec, page) if self._pinned else ({}, {}, [])
        if absent:
            # the entries describe a known print layout: on a page without the articles
            # they name (another paper's, say) they would leave holes, so none applies
            self.warnings.append(f"page {page.number}: spec placement names article "
                                 f"{', '.join(map(str, absent))}, which the page does not have; "
                                 "the page is placed automatically")
            wants, orders = {}, {}
        own = sorted(own, key=lambda item: orders.get(item[0], item[0] + 1))
        # a fixed lead width needs something beside the lead to fill the other columns
        alone = len(own) + len(self._pending[:MAX_PENDING]) <= 1
        pieces, jobs = [], []
        first = _lead_index(own)
        for n, (pos, piece) in enumerate(own):
            if n == first:
                piece = dataclasses.replace(piece, content=dataclasses.replace(piece.content,
                                                                               lead=True))
            want = wants.get(pos)
            lead = n == first and (want is None or want.columns is None)
            if lead and self.spec.placement.lead_columns and not alone:
                want = Want(self.spec.placement.lead_columns, 0)
                lead = False
            pieces.append(piece)
            head = self.blocks.head(piece, 1, drawn=False)
            jobs.append(Job(own=True, lead=lead, want=want, head_rows=head.rows,
                            air=AIR_CAP if head.lines else AIR_CAP_HEADLESS))
        for piece in self._pending[:MAX_PENDING]:
            # a cut article goes on with the next page that has room (a jump to a far
            # page is worse), and a page of continuations alone must take one of them
            must = piece.continued_from is not None or not jobs
            pieces.append(piece)
            head = self.blocks.head(piece, 1, drawn=False)
            jobs.append(Job(own=must, head_rows=head.rows, carried=True,
                            air=AIR_CAP if head.lines else AIR_CAP_HEADLESS))
        return pieces, jobs


def _lead_index(own: list[tuple[int, Piece]]) -> int:
    """The page's lead story: its first article with a head. One without (the tail
    of a story from another page, an OCR-headless item) has no headline to be the
    page's largest and gets no lead block."""
    return next((n for n, (_, piece) in enumerate(own) if piece.content.head), 0)


HEAD_TITLE_PARTS = ("headline", "continued_headline", "subheadline", "kicker")
AIR_CAP = 6  # rows of air a block with a head may take (3 over it, 3 under it)
AIR_CAP_HEADLESS = 3


def _frames(placed: list[tuple[Block, int, bool]], area_top: int) -> list[Frame]:
    frames = []
    for block, top, _ruled in placed:
        r = block.region
        used = r.rows if block.jump else min(block.used_rows, r.rows)
        cap = 0 if block.jump else AIR_CAP if block.head.lines else AIR_CAP_HEADLESS
        frames.append(Frame(r.first_column, r.columns, top, r.top - area_top - top + used, cap))
    return frames


def _stretch(placed: list[tuple[Block, int, bool]], area_top: int, area_rows: int,
             columns: int) -> tuple[Box, ...]:
    """Final rectangles: the spare rows are spread as air (`vfill.spread`), then a
    block that ends every column it spans runs to the foot when it ends near it. One
    that ends higher (the page's articles ran out) keeps its own bottom, so the rule
    in the gutter beside it stops there, not in the white below."""
    frames = _frames(placed, area_top)
    airs = spread(frames, area_rows, columns)
    bottoms: dict[int, tuple[int, int]] = {}  # column -> (bottom row, block index)
    for i, (f, air) in enumerate(zip(frames, airs)):
        bottom = f.top + air.shift + f.rows + air.extra
        for c in range(f.first_column, f.first_column + f.columns):
            if c not in bottoms or bottoms[c][0] < bottom:
                bottoms[c] = (bottom, i)
    boxes = []
    for i, ((block, _top, ruled), f, air) in enumerate(zip(placed, frames, airs)):
        r = block.region
        top = r.top + air.shift
        rows = f.top + air.shift + f.rows + air.extra - (top - area_top)
        foot = area_top + area_rows
        if (foot - (top + rows) <= MAX_HOLE
                and all(bottoms[c][1] == i for c in range(f.first_column, f.first_column + f.columns))):
            rows = foot - top
        above = (air.extra + 1) // 2 if block.head.rows else air.extra
        boxes.append(Box(block, top, rows, ruled, above, air.extra - above))
    return tuple(boxes)


def _block_lines(box: Box, grid: Grid, blocks: Blocks, jumps: Mapping[tuple[int, int], int],
                 links: list[tuple[PlacedLine, str]]) -> list[tuple[str, int, list[PlacedLine]]]:
    """Lines of one box in reading order, in groups of one kind and body block (see
    `Story`): the head over its columns, then each column's items; its jump lines lead
    to the article's part on the page they name (`links`: each line and that anchor)."""
    block = box.block
    piece = block.piece
    r = block.region
    x0 = grid.column_x(r.first_column)
    head = [PlacedLine(x0 + dx, grid.row_y(box.top + box.air_above) + b, line)
            for b, dx, line in block.head.lines]
    groups: list[tuple[str, int, list[PlacedLine]]] = []
    # the head text that names the article (as `Article.head_title` does): its headline,
    # else its 副题, else its 引题; its other texts stand beside it. A continuation's
    # repeated headline names nothing new: the article has its one heading already
    title = next((p for p in HEAD_TITLE_PARTS if p in block.head.parts), None) \
        if piece.continued_from is None else None
    previous = None
    for placed, part in zip(head, block.head.parts):  # a group a head text, its lines together
        if part != previous:
            groups.append(("headline" if part == title else "head", -1, []))
            previous = part
        groups[-1][2].append(placed)
    if piece.continued_from is not None:  # its （上接第M版） leads back to page M
        back = blocks.jump_from_text(piece.continued_from)
        out_of = piece_anchor(piece.content.article, piece.continued_from)
        links.extend((pl, out_of) for pl in head if pl.line.text == back)
    body_top = box.top + box.air_above + block.head.rows + box.air_below
    for j, column in enumerate(block.columns):
        x = grid.column_x(r.first_column + j)
        row = body_top
        last = None  # a column's lines of one body block are one group (a line an item)
        for item in column:
            if item.block != last or item.block < 0:
                kind = ("subhead" if item.keep_with_next else "text") if item.block >= 0 else "aside"
                group: list[PlacedLine] = []
                groups.append((kind, item.block, group))
                last = item.block
            top = grid.row_y(row)
            group.extend(PlacedLine(x + dx, top + b, line) for b, dx, line in item.lines)
            row += item.rows
    if block.jump:
        start = piece.start + sum(len(c) for c in block.columns)
        target = jumps[(piece.content.article, start)]
        b, dx, line = blocks.jump_line(target)
        last_column = max(j for j, c in enumerate(block.columns) if c or j == 0)
        row = box.top + r.rows - 1
        jump = PlacedLine(grid.column_x(r.first_column + last_column) + dx, grid.row_y(row) + b, line)
        groups.append(("aside", -1, [jump]))
        links.append((jump, piece_anchor(piece.content.article, target)))
    return groups


def _link(placed: PlacedLine, anchor: str, story: int) -> Link:
    """A jump line as a link: from its first glyph to the end of its measure, over the
    body of its type; `story` is the one its line is in."""
    runs = placed.line.runs
    size = max(run.size for run in runs)
    return Link(placed.x + min(run.x for run in runs), placed.baseline - 0.88 * size,
                placed.x + placed.line.width, placed.baseline + 0.12 * size, anchor,
                placed.line.text, story)


def block_head_is_blank(box: Box) -> bool:
    """An untitled article's start: a head row with no lines."""
    head = box.block.head
    return head.rows > 0 and not head.lines and box.block.piece.start == 0


def _spans(box: Box, column: int) -> bool:
    r = box.block.region
    return r.first_column <= column < r.first_column + r.columns


def _gutter_bottom(box: Box, boxes: Sequence[Box]) -> int:
    """The row the rule in the gutter left of `box` runs down to: the box's bottom,
    or, when no block is under it (the page's articles ran out), as far as a block
    across the gutter goes on beside the white."""
    column = box.block.region.first_column
    bottom = box.top + box.rows
    if any(_spans(b, column) and b.top >= bottom for b in boxes):
        return bottom
    return max([bottom] + [b.top + b.rows for b in boxes
                           if _spans(b, column - 1) and b.top < bottom])


def _box_rules(box: Box, boxes: Sequence[Box], grid: Grid, spec: Spec) -> list[Rule]:
    """Rules between blocks: horizontal in the separator row above a stacked block,
    vertical in the gutter left of a block that has a neighbour there."""
    width, color = spec.rules.between_articles, spec.rules.color
    if width <= 0:
        return []
    r = box.block.region
    x0 = grid.column_x(r.first_column)
    x1 = x0 + grid.span_width(r.columns)
    y_top = grid.row_y(box.top) - (grid.leading / 2 if box.ruled else 0)
    rules = []
    if box.ruled:
        rules.append(Rule(x0, y_top, x1, y_top, width, color))
    if block_head_is_blank(box):  # an untitled article opens under a short centred rule
        y = grid.row_y(box.top + box.air_above) + grid.leading / 2
        third = (x1 - x0) / 3
        rules.append(Rule(x0 + third, y, x1 - third, y, max(1.0, 2 * width), color))
    if r.first_column > 0:
        x = x0 - grid.gutter / 2
        rules.append(Rule(x, y_top, x, grid.row_y(_gutter_bottom(box, boxes)), width, color))
    return rules


def draw_page(layout: PageLayout, spec: Spec, grid: Grid, blocks: Blocks) -> PlacedPage:
    """The finished page: furniture, every block's lines, rules and bookmarks."""
    lines = list(layout.furniture.lines)
    rules = list(layout.furniture.rules)
    label = f"第{layout.number}版" + (f" {layout.section}" if layout.section else "")
    marks = [Bookmark(label, 0, grid.top)]
    anchors: list[tuple[str, float]] = []
    linked: list[tuple[PlacedLine, str]] = []  # each jump line and where it leads
    story_of: dict[int, int] = {}  # id of a jump line -> its story
    stories: list[Story] = []
    for box in layout.boxes:
        content = box.block.piece.content
        known = len(linked)
        groups = _block_lines(box, grid, blocks, layout.jumps, linked)
        jump_lines = {id(placed) for placed, _ in linked[known:]}
        for kind, block, group in groups:
            if jump_lines:  # a few boxes a page: the others skip the look
                story_of.update((id(p), len(stories)) for p in group if id(p) in jump_lines)
            stories.append(Story(content.article, content.title, kind, block, len(lines),
                                 len(lines) + len(group)))
            lines.extend(group)
        rules.extend(_box_rules(box, layout.boxes, grid, spec))
        marks.append(Bookmark(content.title, 1, grid.row_y(box.top)))
        anchors.append((piece_anchor(content.article, layout.number), grid.row_y(box.top)))
    return PlacedPage(number=layout.number, width=spec.page.width, height=spec.page.height,
                      lines=tuple(lines), rules=tuple(rules), bookmarks=tuple(marks),
                      anchors=tuple(anchors), stories=tuple(stories),
                      links=tuple(_link(placed, anchor, story_of.get(id(placed), -1))
                                  for placed, anchor in linked))
