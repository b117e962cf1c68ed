"""Column grid and column balancing: lines -> column regions.

In: the spec's page and grid (`make_grid`), and an article's body as a sequence of
`Item`s (a body line is one row; a subhead or a jump line may take several rows).
Out: the `Grid` (column x positions, the page's baseline grid in rows) and, from
`balance`, the items dealt into a block's columns with equal heights (the last
columns at most one row shorter, clreq § Considerations when Designing the Type
Area: column width a whole number of characters, blocks snapped to whole lines).

Everything is measured in rows of the body leading, from the 版心's top, so every
body baseline lands on the page's baseline grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple
from collections.abc import Sequence

from layout.spec.schema import Spec
from layout.typeset.placed import Line


@dataclass(frozen=True, slots=True)
class Grid:
    """The page's column grid (x) and baseline grid (rows of `leading`), pt."""

    left: float  # x of the first column
    top: float  # y of row 0 (the 版心's top)
    column_width: float
    gutter: float
    columns: int
    leading: float
    body_size: float
    rows: int  # whole rows in the 版心
    chars: int  # body characters per column (0 without char_grid)

    def column_x(self, column: int) -> float:
        """Left edge of basic column `column` (0-based)."""
        return self.left + column * (self.column_width + self.gutter)

    def span_width(self, columns: int) -> float:
        """Width of a block `columns` basic columns wide, inner gutters included."""
        return columns * self.column_width + (columns - 1) * self.gutter

    def row_y(self, row: float) -> float:
        """y of the top of row `row`."""
        return self.top + row * self.leading

    def baseline(self, row: int) -> float:
        """Baseline of a body line set in row `row` (its em box centred in the row)."""
        return self.row_y(row) + baseline_offset(self.body_size, self.leading)

    def rows_for(self, height: float) -> int:
        """Whole rows needed to hold `height` pt."""
        return max(0, math.ceil(height / self.leading - 1e-6))


def baseline_offset(size: float, line_height: float) -> float:
    """Baseline below the top of a line box: the em box centred, 0.88 em ascent."""
    return (line_height - size) / 2 + 0.88 * size


def make_grid(spec: Spec) -> Grid:
    """The column grid of `spec`.

    With `char_grid`, a column holds a whole number n of body characters
    (`column_chars`, or as many as fit) and the width left over is shared evenly by
    the gutters and both side margins, so the grid stays centred on the page.
    """
    g, page = spec.grid, spec.page
    width = spec.text_width
    cols = max(1, g.columns)
    left, gutter = page.margin_left, g.gutter
    chars = 0
    if g.char_grid:
        fit = math.floor((width - (cols - 1) * g.gutter) / (cols * g.body_size) + 1e-9)
        chars = max(1, min(g.column_chars, fit) if g.column_chars else fit)
        column_width = chars * g.body_size
        spare = width - cols * column_width - (cols - 1) * g.gutter
        share = spare / (cols + 1)
        gutter = g.gutter + share
        left = page.margin_left + share
    else:
        column_width = (width - (cols - 1) * g.gutter) / cols
    rows = max(1, math.floor(spec.text_height / g.leading + 1e-9))
    return Grid(left=left, top=page.margin_top, column_width=column_width,
                gutter=gutter, columns=cols, leading=g.leading,
                body_size=g.body_size, rows=rows, chars=chars)


class Item(NamedTuple):
    """One unbreakable piece of a column: `rows` rows holding `lines`.

    `lines` pairs each line with its baseline below the item's top and its x offset
    inside the column. `block` is the index in the article's body this item comes
    from (-1 for the article's own jump or credit line). A tuple: one is made for
    every body line (a frozen dataclass took 3x as long to make).
    """

    rows: int
    lines: tuple[tuple[float, float, Line], ...]
    block: int = -1
    keep_with_next: bool = False


def total_rows(items: Sequence[Item]) -> int:
    """Rows that `items` take set one after another."""
    return sum(item.rows for item in items)


def _deal(items: Sequence[Item], targets: Sequence[int]) -> list[list[Item]]:
    """Deal items into columns, each filled up to its cumulative target row count."""
    columns: list[list[Item]] = [[] for _ in targets]
    col, used, bound = 0, 0, targets[0]
    for item in items:
        while col + 1 < len(targets) and columns[col] and used + item.rows > bound:
            col += 1
            bound += targets[col]
        columns[col].append(item)
        used += item.rows
    _keep_with_next(columns)
    return columns


def _keep_with_next(columns: list[list[Item]]) -> None:
    """A subhead never ends a column: carry it to the top of the next one."""
    for i in range(len(columns) - 1):
        while columns[i] and columns[i][-1].keep_with_next:
            columns[i + 1].insert(0, columns[i].pop())


def balance(items: Sequence[Item], columns: int) -> tuple[tuple[Item, ...], ...]:
    """Set `items` in `columns` balanced columns: heights differ by one row at most
    where the items allow, taller columns first (the last column the shorter one)."""
    if columns <= 1 or not items:
        return (tuple(items),) + tuple(() for _ in range(max(0, columns - 1)))
    total = total_rows(items)
    base, extra = divmod(total, columns)
    targets = [base + (1 if i < extra else 0) for i in range(columns)]
    dealt = _deal(items, targets)
    return tuple(tuple(col) for col in dealt)


def fill(items: Sequence[Item], columns: int, rows: int) -> tuple[tuple[tuple[Item, ...], ...], int]:
    """Fill `columns` columns of `rows` rows top to bottom (no balancing).

    Returns the columns and how many items were used; items that do not fit are left
    for the caller to continue elsewhere. A subhead never ends a column.
    """
    dealt: list[list[Item]] = [[] for _ in range(columns)]
    col, used, count = 0, 0, 0
    for index, item in enumerate(items):
        need = item.rows
        if item.keep_with_next and index + 1 < len(items):
            need += items[index + 1].rows  # a subhead keeps its first line with it
        if used + need > rows and dealt[col]:
            col, used = col + 1, 0
        if col >= columns or used + item.rows > rows:
            break
        dealt[col].append(item)
        used += item.rows
        count += 1
    last = min(col, columns - 1)
    while count and dealt[last] and dealt[last][-1].keep_with_next:
        dealt[last].pop()
        count -= 1
    return tuple(tuple(c) for c in dealt), count


def column_heights(dealt: Sequence[Sequence[Item]]) -> tuple[int, ...]:
    """Rows used by each column."""
    return tuple(total_rows(col) for col in dealt)
