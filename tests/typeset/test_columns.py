"""Column grid and balancing: geometry of `make_grid`, `balance`, `fill`."""

from __future__ import annotations

import dataclasses

from hypothesis import given, strategies as st

from layout.spec.schema import GridSpec, PageSpec, Spec
from layout.typeset.columns import Item, balance, column_heights, fill, make_grid


def test_char_grid_columns_hold_whole_characters_and_stay_centred() -> None:
    spec = Spec()
    grid = make_grid(spec)
    assert grid.column_width / spec.grid.body_size == grid.chars == 13
    left = grid.left - spec.page.margin_left
    right_edge = grid.column_x(grid.columns - 1) + grid.column_width
    right = spec.page.width - spec.page.margin_right - right_edge
    assert abs(left - right) < 1e-6
    assert grid.gutter >= spec.grid.gutter
    assert right_edge <= spec.page.width - spec.page.margin_right + 1e-6


def test_column_chars_caps_the_column() -> None:
    spec = dataclasses.replace(Spec(), grid=dataclasses.replace(GridSpec(), column_chars=11))
    grid = make_grid(spec)
    assert grid.column_width == 11 * 9.0
    assert abs((grid.left - 56.7) - (grid.gutter - 6.75)) < 1e-6


def test_without_char_grid_columns_fill_the_measure() -> None:
    spec = dataclasses.replace(Spec(), grid=dataclasses.replace(GridSpec(), char_grid=False),
                               page=PageSpec(width=600, height=800))
    grid = make_grid(spec)
    assert abs(grid.span_width(grid.columns) - spec.text_width) < 1e-6


def _items(rows: list[int]) -> list[Item]:
    return [Item(rows=r, lines=(), block=i, keep_with_next=r > 1) for i, r in enumerate(rows)]


@given(st.integers(1, 400), st.integers(1, 8))
def test_balance_of_single_rows_differs_by_one_row_at_most(n: int, columns: int) -> None:
    dealt = balance(_items([1] * n), columns)
    heights = column_heights(dealt)
    assert sum(heights) == n
    assert max(heights) - min(heights) <= 1
    assert list(heights) == sorted(heights, reverse=True)  # the last column is the short one
    assert [i.block for col in dealt for i in col] == list(range(n))


def test_balance_keeps_a_subhead_with_the_next_line() -> None:
    rows = [1] * 9 + [2] + [1] * 9
    dealt = balance(_items(rows), 2)
    assert not dealt[0][-1].keep_with_next
    assert sum(column_heights(dealt)) == 20


def test_fill_stops_at_the_foot_and_reports_the_count() -> None:
    dealt, count = fill(_items([1] * 50), 3, 10)
    assert count == 30
    assert column_heights(dealt) == (10, 10, 10)
    dealt, count = fill(_items([1] * 9 + [2] + [1] * 5), 1, 10)
    assert count == 9  # the subhead does not end the column
