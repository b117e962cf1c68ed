"""Articles -> blocks: headline groups and column items, and split-and-resume `fit`.

In: an `Article`, the spec and a `Setter` (the line composer). Out: `Content`, the
article's body as column `Item`s set once at the basic column measure, and `Head`s
(the headline group, centred over a block's columns, snapped to whole body lines).
`Blocks.fit(piece, region)` places a piece of an article in a rectangle of whole
columns and returns `Fit(placed, rest)`; `rest` is None when the article is done,
else a `Piece` that resumes after the cut (house style: split and resume).

Article anatomy (cjk-typography §6): 引题/主题/副题 centred, the byline in 楷 under
them; the 电头 (dateline, or a byline of the 本报讯（记者 X） kind) opens the first
paragraph in 黑体 followed by a full-width space; paragraphs indent 2 em; subheads
are centred; credit and jump lines are right-aligned.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol
from collections.abc import Callable, Sequence

from layout.model import Article, Paragraph, Subhead
from layout.script import Script
from layout.spec.schema import Align, Punctuation, Spec, Style
from layout.spec.template import fill_template
from layout.typeset import cjk, linebreak as lb
from layout.typeset.columns import Grid, Item, balance, baseline_offset, column_heights, fill
from layout.typeset.placed import Line

LEAD_SCALE = 1.3  # the lead story's headline over the headline style ...
LEAD_MIN_SCALE = 1.15  # ... and never shrunk below this to fit one line ...
LEAD_MIN_SHARE = 0.5  # ... when its block spans at least this share of the columns;
# a narrower lead's headline is never set smaller than the headline style
MAX_HEAD_LINES = 3  # a head text in more lines is set smaller (a one-column block's headline)
# 转版 lines by script, when the spec leaves them open: （下转第N版） at the cut,
# （上接第M版） over the continuation
JUMP_WORDS = {Script.HANS: ("（下转第{page}版）", "（上接第{page}版）"),
              Script.HANT: ("（下轉第{page}版）", "（上接第{page}版）")}
# a byline that is a 电头 (本报讯（记者 X）, 新華社…電, 南都讯 记者 X, 【明報專訊】): print opens
# the first paragraph with it, in 黑体, rather than setting it under the headline. A
# paper's name before 讯 is 1-6 letters that are no digit nor ASCII ([^\W\d_A-Za-z]):
# Han, as a class of Unicode categories, which compiles in a third of the time a Han
# range does (~1.4 ms less a run)
_NEWS_BYLINE = re.compile(
    r"^\s*【?(?:(?:本报|本報|新华社|新華社|人民日报|人民日報|中新社|中央社|央视|央視|据|據)"
    r".{0,12}[讯訊电電]|[^\W\d_A-Za-z]{1,6}[讯訊](?:$|[】（(\s]))")


class Setter(Protocol):
    """Composes text into lines: (text, font role) parts in one style at a measure."""

    def __call__(self, parts: Sequence[tuple[str, str]], style: Style, measure: float,
                 *, indent_em: float = 0.0, align: Align | None = None) -> tuple[Line, ...]: ...


def compose_setter(spec: Spec, metrics: object, *, runs: bool = True) -> Setter:
    """The real `Setter`: `layout.typeset.linebreak.compose` with the spec's typography;
    `runs=False` for a run that only paginates (lines broken, not set: see `compose`)."""
    return _ComposeSetter(spec, metrics, runs)


KEEP_ATOMS_CHARS = 64  # texts this short (heads) keep their atoms for the page


def punctuation_style(spec: Spec, metrics: object) -> str:
    """The spec's punctuation style; `auto` is `centred` when the body face draws its
    stops in the middle of the em box (its Taiwan or Hong Kong forms), else
    `compressed` (GB): compressing a centred stop would cut into its ink."""
    style = spec.typography.punctuation
    if style is not Punctuation.AUTO:
        return style.value
    face = metrics.face_for("，", spec.styles["body"].role)  # type: ignore[attr-defined]
    centred = getattr(metrics, "draws_stops_centred", None)
    return "centred" if face is not None and centred is not None and centred(face) else "compressed"


class _ComposeSetter:
    """`compose` with the spec's typography, keeping the texts' atoms until `forget`
    (`Blocks.forget`, once a page): a head is set at several measures and sizes while
    the page's block widths are searched, and its atoms do not depend on the measure."""

    def __init__(self, spec: Spec, metrics: object, runs: bool = True) -> None:
        self.typography, self.metrics, self.runs = spec.typography, metrics, runs
        self.punctuation = punctuation_style(spec, metrics)
        self.atoms: lb.AtomsCache = {}

    def measuring(self) -> _ComposeSetter:
        """This composer breaking lines only, sharing its atoms: what a head's rows at
        each width the page's search tries need (setting the lines' runs was a third
        of composing the heads, and a head is drawn at one width)."""
        twin = copy.copy(self)  # shallow: the same atoms dict
        twin.runs = False
        return twin

    def __call__(self, parts: Sequence[tuple[str, str]], style: Style, measure: float,
                 *, indent_em: float = 0.0, align: Align | None = None) -> tuple[Line, ...]:
        typo = self.typography
        texts = [lb.StyledText(text, role, style.size, style.color) for text, role in parts if text]
        align_to = (align or style.align).value
        # hyphens serve justification: never in a head set centred or flush
        options = lb.ComposeOptions(indent_em=indent_em, align=align_to,
                                    punctuation=self.punctuation, hanging=typo.hanging,
                                    no_orphan=typo.no_orphan,
                                    hyphenate=typo.hyphenate and align_to == "justify")
        # a body paragraph is set once: keeping its atoms would only cost memory
        short = sum(len(t.text) for t in texts) <= KEEP_ATOMS_CHARS
        return lb.compose(texts, measure, self.metrics, options,  # type: ignore[arg-type]
                          self.atoms if short else None, runs=self.runs)

    def forget(self) -> None:
        """Drop the atoms kept so far."""
        self.atoms.clear()


@dataclass(frozen=True, slots=True)
class Head:
    """A headline group set over a block: `rows` body rows holding `lines`.

    `lines` are (baseline below the head's top, x offset in the block, line); `parts`
    says what each line sets: "kicker", "headline", "subheadline", "byline",
    "continued_headline" or "jump-from" (the structure tree tells them apart).
    """

    rows: int
    lines: tuple[tuple[float, float, Line], ...]
    parts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Content:
    """An article ready to place: its head texts and its body set as column items."""

    article: int  # index in Issue.articles()
    page: int  # the printed page it starts on
    title: str
    head: tuple[tuple[str, str], ...]  # (style key, text)
    items: tuple[Item, ...]
    continued_title: str
    lead: bool = False  # the page's lead story: its headline is set larger


@dataclass(frozen=True, slots=True)
class Piece:
    """What is left of an article to place: its items from `start` on.

    `continued_from` is the printed page of the part before (None for the start).
    """

    content: Content
    start: int = 0
    continued_from: int | None = None

    @property
    def items(self) -> tuple[Item, ...]:
        return self.content.items[self.start:]

    @property
    def block(self) -> int:
        """The body block this piece begins in (0 at the article's start)."""
        if self.start == 0:
            return 0
        for item in self.content.items[self.start:]:
            if item.block >= 0:
                return item.block
        return max((i.block for i in self.content.items), default=0)


@dataclass(frozen=True, slots=True)
class Region:
    """A rectangle of whole columns and rows (rows from the 版心's top)."""

    first_column: int
    columns: int
    top: int
    rows: int


@dataclass(frozen=True, slots=True)
class Block:
    """A piece placed in a region: its head and its columns of items.

    `jump` is True when the article continues: the last row of the last column is
    kept for the `（下转第N版）` line, written once the continuation's page is known.
    """

    piece: Piece
    region: Region
    head: Head
    columns: tuple[tuple[Item, ...], ...]
    jump: bool = False

    @property
    def used_rows(self) -> int:
        """Rows the content takes (head plus the tallest column)."""
        return self.head.rows + max(column_heights(self.columns), default=0)


@dataclass(frozen=True, slots=True)
class Fit:
    """The result of `fit`: the placed block (None if nothing fits) and the rest."""

    placed: Block | None
    rest: Piece | None


def head_texts(article: Article) -> tuple[tuple[str, str], ...]:
    """The headline group: kicker, headline, subheadline, and a 楷 byline."""
    parts = [("kicker", article.kicker), ("headline", article.headline),
             ("subheadline", article.subheadline)]
    if article.byline and not _NEWS_BYLINE.match(article.byline):
        parts.append(("byline", article.byline))
    return tuple((key, text.strip()) for key, text in parts if text and text.strip())


def opening(article: Article) -> str:
    """The 电头 that opens the first paragraph: dateline and/or a 本报讯 byline."""
    pieces = [article.dateline or ""]
    if article.byline and _NEWS_BYLINE.match(article.byline):
        pieces.append(article.byline)
    return "".join(p.strip() for p in pieces if p and p.strip())


class Blocks:
    """Sets articles into items and heads for one spec, and fits pieces in regions."""

    def __init__(self, spec: Spec, grid: Grid, setter: Setter,
                 script: Script = Script.HANS) -> None:
        self.spec, self.grid, self.setter = spec, grid, setter
        # a head's rows at a width: its lines broken, not set (a fake setter does both)
        measuring = getattr(setter, "measuring", None)
        self._measurer: Setter = measuring() if measuring is not None else setter
        to_page, from_page = JUMP_WORDS[script]
        self._jump_to = spec.jumps.continued_to or to_page
        self._jump_from = spec.jumps.continued_from or from_page
        self._heads: dict[tuple[object, ...], Head] = {}
        self._rows: dict[tuple[int, int, int, bool], int] = {}
        self._texts: dict[tuple[object, ...], tuple[Line, ...]] = {}
        self._too_wide: dict[tuple[object, ...], float] = {}  # widest measure that failed

    def forget(self) -> None:
        """Drop the size caches (called per page, so memory stays flat)."""
        self._heads.clear()
        self._rows.clear()
        self._texts.clear()
        self._too_wide.clear()
        forget = getattr(self.setter, "forget", None)  # the real setter keeps atoms
        if forget is not None:
            forget()

    def style(self, key: str) -> Style:
        """A named style (the spec validated that it exists)."""
        return self.spec.styles[key]

    # -- setting ------------------------------------------------------------------
    def content(self, article: Article, index: int, page: int) -> Content | None:
        """Set `article`'s body at the column measure; None when it has no text."""
        items = self._body_items(article)
        head = head_texts(article)
        if not items and not head:
            return None
        title = article.title
        return Content(article=index, page=page, title=title, head=head, items=items,
                       continued_title=article.head_title or "")

    def _lines_item(self, lines: Sequence[Line], style: Style, block: int,
                    keep: bool = False) -> Item:
        step = style.line_height
        height = step * len(lines) + style.space_before + style.space_after
        rows = max(1, self.grid.rows_for(height))
        top = (rows * self.grid.leading - height) / 2 + style.space_before
        placed = tuple((top + i * step + baseline_offset(style.size, step), 0.0, line)
                       for i, line in enumerate(lines))
        return Item(rows=rows, lines=placed, block=block, keep_with_next=keep)

    def _body_items(self, article: Article) -> tuple[Item, ...]:
        grid, body = self.grid, self.style("body")
        measure = grid.column_width
        lead_in = opening(article)
        offset = baseline_offset(body.size, grid.leading)
        items: list[Item] = []

        def paragraph(parts: list[tuple[str, str]], block: int) -> None:
            lines = self.setter(parts, body, measure, indent_em=body.indent_em)
            items.extend(Item(rows=1, lines=((offset, 0.0, ln),), block=block) for ln in lines)

        blocks = article.body
        if lead_in and not (blocks and isinstance(blocks[0], Paragraph)):
            paragraph([(lead_in, self.style("dateline").role)], 0)
            lead_in = ""
        for i, node in enumerate(blocks):
            if isinstance(node, Subhead):
                style = self.style("subhead")
                lines = self.setter([(node.text, style.role)], style, measure)
                if lines:
                    items.append(self._lines_item(lines, style, i, keep=True))
            elif node.text.strip() or lead_in:
                parts = [(node.text, body.role)]
                if lead_in:
                    parts = [(lead_in, self.style("dateline").role),
                             ("\u3000" + node.text, body.role)]
                    lead_in = ""
                paragraph(parts, i)
        for key, text in (("credit", article.credit), ("jump", article.jump_line)):
            if text and text.strip():
                style = self.style(key)
                align = Align.LEFT if key == "jump" and article.jump_from else None
                lines = self.setter([(text.strip(), style.role)], style, measure, align=align)
                item = self._lines_item(lines, style, -1)
                if align:  # a （上接1版） leads the text it continues
                    items.insert(0, item)
                else:  # a credit and a （下转2版） end it
                    items.append(item)
        return tuple(items)

    def jump_line(self, target: int, width: float | None = None) -> tuple[float, float, Line]:
        """The `（下转第N版）` line to page `target`: (baseline below its row's top, x,
        line). It has one row: a spec's wording too long for it is set smaller."""
        style = self.style("jump")
        text = fill_template(self._jump_to, {"page": str(target)})
        measure = width or self.grid.column_width
        trial, factor = style, 1.0
        lines = self.setter([(text, style.role)], style, measure)
        while len(lines) > 1 and factor > 0.1:
            factor -= 0.05
            trial = _scaled(style, factor)
            lines = self.setter([(text, trial.role)], trial, measure)
        return (baseline_offset(trial.size, self.grid.leading), 0.0, lines[0])

    def head(self, piece: Piece, columns: int, *, drawn: bool = True) -> Head:
        """The head of `piece` over `columns` columns (the repeated headline and
        `（上接第M版）` for a continuation). `drawn=False`: for its rows only (its lines
        are broken, not set); a drawn head made already serves too."""
        key = (piece.content.article, piece.continued_from, piece.start == 0, columns)
        cached = self._heads.get((*key, True)) or (None if drawn else self._heads.get((*key, False)))
        if cached is None:
            lead = piece.content.lead and piece.continued_from is None
            cached = self._set_head(self._head_parts(piece), columns, lead, drawn)
            self._heads[(*key, drawn)] = cached
        return cached

    def jump_from_text(self, page: int) -> str:
        """The `（上接第M版）` line's text for page `page`."""
        return fill_template(self._jump_from, {"page": str(page)})

    def _head_parts(self, piece: Piece) -> tuple[tuple[str, str], ...]:
        if piece.continued_from is None:
            return piece.content.head
        parts = [("continued_headline", piece.content.continued_title)]
        jump = self.jump_from_text(piece.continued_from)
        return tuple(p for p in parts if p[1]) + (("jump-from", jump),)

    def _set_head(self, parts: Sequence[tuple[str, str]], columns: int,
                  lead: bool = False, drawn: bool = True) -> Head:
        grid = self.grid
        if not parts:  # an untitled article: a clean top (one row, a short rule drawn)
            return Head(rows=1, lines=())
        width = grid.span_width(columns)
        pad = min(grid.body_size * 2, width * 0.08) if columns > 1 else 0.0
        measure = width - 2 * pad
        y, placed, keys = 0.0, [], []
        for part, text in parts:
            key, align = part, None
            if key == "jump-from":
                key, align = "jump", Align.LEFT
            style = self.style(key)
            min_size = 0.0
            if lead and key == "headline":  # the page's largest head, whatever fits
                min_size = style.size
                if columns >= 2 and columns >= LEAD_MIN_SHARE * grid.columns:
                    min_size = style.size * LEAD_MIN_SCALE
                    style = _scaled(style, LEAD_SCALE)
            y += style.space_before
            for dx, line, step, size in self._head_lines(text, style, measure, align, min_size,
                                                         drawn):
                placed.append((y + baseline_offset(size, step), pad + dx, line))
                keys.append(part)
                y += step
            y += style.space_after
        rows = grid.rows_for(y + grid.leading * 0.5)
        shift = (rows * grid.leading - y) / 2
        return Head(rows=rows, lines=tuple((b + shift, x, ln) for b, x, ln in placed), parts=tuple(keys))

    def _head_lines(self, text: str, style: Style, measure: float, align: Align | None,
                    min_size: float = 0.0, drawn: bool = True
                    ) -> list[tuple[float, Line, float, float]]:
        """A head text as (x offset, line, line height, size), laid out by `_head_plan`;
        with `drawn`, its lines set at the sizes and measures the plan chose."""
        return [(dx, line, trial.line_height, trial.size)
                for dx, segment, trial, at in self._head_plan(text, style, measure, align, min_size)
                for line in self._set_text(segment, trial, at, align, drawn)]

    def _head_plan(self, text: str, style: Style, measure: float, align: Align | None,
                   min_size: float = 0.0) -> list[tuple[float, str, Style, float]]:
        """How to set a head text, as (x offset, text, style, measure) per segment: on
        one line if it fits (shrunk to 70 % at most, never below `min_size`), else split
        at U+3000, else in balanced lines, shrunk (to 70 % at most) to `MAX_HEAD_LINES`
        if it can be. Chosen by counting lines, which breaking alone gives."""
        style = _fit_size(style, measure)
        ideographs = cjk.ideograph_count(text)  # n of them need n em at least
        for factor in (1.0, 0.9, 0.8, 0.7):
            trial = _scaled(style, factor) if factor < 1 else style
            if factor < 1 and trial.size < min_size:
                break
            wide = (text, trial, align)
            # skip composing when one line cannot hold the ideographs alone, or one line
            # failed at a wider measure already
            if ideographs * trial.size <= measure + 1e-6 and measure > self._too_wide.get(wide, -1.0):
                if len(self._set_text(text, trial, measure, align, False)) <= 1:
                    return [(0.0, text, trial, measure)]
                self._too_wide[wide] = max(measure, self._too_wide.get(wide, -1.0))
            if style.align != Align.CENTER or align is not None:
                break
        segments = [seg for seg in re.split(r"[\u3000 ]+", text) if seg]
        if len(segments) > 1:
            return [step for seg in segments
                    for step in self._head_plan(seg, style, measure, align, min_size)]
        count = len(self._set_text(text, style, measure, align, False))
        for factor in (0.9, 0.8, 0.7):  # a narrow block: fewer, smaller lines read better
            if count <= MAX_HEAD_LINES or style.size * factor < min_size:
                break
            style = _scaled(style, factor)
            count = len(self._set_text(text, style, measure, align, False))
        chars = len(text)
        if style.align == Align.CENTER and align is None and count > 1:
            for per_line in range(-(-chars // count), chars + 1):
                narrow = per_line * style.size
                if narrow >= measure:
                    break
                if len(self._set_text(text, style, narrow, align, False)) == count:
                    return [((measure - narrow) / 2, text, style, narrow)]
        return [(0.0, text, style, measure)]

    def _set_text(self, text: str, style: Style, measure: float,
                  align: Align | None, drawn: bool = True) -> tuple[Line, ...]:
        """A head text set at `measure`, composed once per page (the search for a
        block's width sets the same headline at many measures, the balancing of
        each at the same narrower ones); `drawn=False`: broken into lines only."""
        key = (text, style, round(measure, 4), align, drawn)
        lines = self._texts.get(key)
        if lines is None:
            setter = self.setter if drawn else self._measurer
            lines = setter([(text, style.role)], style, measure, align=align)
            self._texts[key] = lines
        return lines

    # -- sizes and fitting --------------------------------------------------------
    def natural_rows(self, piece: Piece, columns: int) -> int:
        """Rows `piece` takes when set whole over `columns` balanced columns."""
        key = (piece.content.article, piece.start, columns, piece.continued_from is None)
        rows = self._rows.get(key)
        if rows is None:
            dealt = balance(piece.items, columns)
            rows = self.head(piece, columns, drawn=False).rows + max(column_heights(dealt), default=0)
            self._rows[key] = rows
        return rows

    def body_rows(self, piece: Piece, columns: int) -> int:
        """Rows of `piece`'s body, under its head, set whole over `columns` columns."""
        return self.natural_rows(piece, columns) - self.head(piece, columns, drawn=False).rows

    def fit(self, piece: Piece, region: Region) -> Fit:
        """Place `piece` in `region`: whole and balanced if it fits, else filled to the
        region's foot with a jump row kept, the rest returned to continue elsewhere."""
        head = self.head(piece, region.columns)
        body_rows = region.rows - head.rows
        items = piece.items
        if self.natural_rows(piece, region.columns) <= region.rows:
            dealt = balance(items, region.columns)
            return Fit(Block(piece, region, head, dealt), None)
        if body_rows < 2:
            return Fit(None, piece)
        dealt, count = fill(items, region.columns, body_rows)
        columns = [list(col) for col in dealt]
        last = max(i for i in range(len(columns)) if columns[i] or i == 0)
        while columns[last] and sum(i.rows for i in columns[last]) + 1 > body_rows:
            columns[last].pop()
            count -= 1
        if count <= 0:
            return Fit(None, piece)
        rest = dataclasses.replace(piece, start=piece.start + count, continued_from=None)
        block = Block(piece, region, head, tuple(tuple(c) for c in columns), jump=True)
        return Fit(block, rest)


@lru_cache(maxsize=256)  # a head is tried at 90, 80, 70 % at every width the page's search tries
def _scaled(style: Style, factor: float) -> Style:
    """`style` at `factor` of its size (leading and spacing scaled with it)."""
    leading = style.leading * factor if style.leading is not None else None
    return dataclasses.replace(style, size=style.size * factor, leading=leading,
                               space_before=style.space_before * factor,
                               space_after=style.space_after * factor)


@lru_cache(maxsize=256)
def _fit_size(style: Style, measure: float, min_chars: int = 6) -> Style:
    """Shrink a headline style so at least `min_chars` characters fit the measure."""
    if style.size * min_chars <= measure:
        return style
    size = max(measure / min_chars, 6.0)
    ratio = size / style.size
    leading = style.leading * ratio if style.leading is not None else None
    return dataclasses.replace(style, size=size, leading=leading,
                               space_before=style.space_before * ratio,
                               space_after=style.space_after * ratio)


HeadFn = Callable[[Piece, int], Head]
