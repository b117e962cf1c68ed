"""Vertical fill on its own: spare rows dealt as air to frames (no composer)."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from layout.typeset.vfill import Frame, column_ends, spread


def _ends(frames, airs, columns):  # type: ignore[no-untyped-def]
    tops = [f.top + a.shift for f, a in zip(frames, airs)]
    return column_ends(frames, tops, [a.extra for a in airs], columns)


def test_air_is_spread_evenly_over_a_column_group() -> None:
    frames = [Frame(0, 3, 0, 20, 6), Frame(0, 3, 20, 21, 6), Frame(0, 3, 41, 15, 6)]
    airs = spread(frames, 70, 3)
    assert _ends(frames, airs, 3) == [70, 70, 70]
    extras = [a.extra for a in airs]
    assert sum(extras) == 14 and max(extras) - min(extras) <= 1
    assert airs[0].shift == 0 and airs[1].shift == airs[0].extra


def test_caps_hold_and_the_rest_stays_at_the_foot() -> None:
    frames = [Frame(0, 2, 0, 10, 2), Frame(0, 2, 10, 10, 3)]
    airs = spread(frames, 50, 2)
    assert [a.extra for a in airs] == [2, 3]
    assert _ends(frames, airs, 2) == [25, 25]


def test_a_block_that_runs_to_the_foot_pins_what_is_above_it() -> None:
    # the wide block above ends columns 0-3; column 3 continues with a cut block
    frames = [Frame(0, 4, 0, 10, 6), Frame(0, 3, 10, 20, 6), Frame(3, 1, 10, 40, 0)]
    airs = spread(frames, 50, 4)
    assert airs[0].extra == 0 and airs[2] .shift == 0
    assert airs[1].extra == 6
    assert _ends(frames, airs, 4) == [36, 36, 36, 50]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 4), st.integers(3, 30),
                          st.integers(0, 6)), min_size=1, max_size=8))
def test_never_past_the_foot_never_overlapping_holes_small(specs) -> None:  # type: ignore[no-untyped-def]
    columns, foot = 6, 120
    sky = [0] * columns
    frames = []
    for first, width, rows, cap in specs:
        width = min(width, columns - first)
        run = sky[first:first + width]
        if max(run) - min(run) > 3 or max(run) + rows > foot:
            continue
        top = max(run)
        frames.append(Frame(first, width, top, rows, cap))
        for c in range(first, first + width):
            sky[c] = top + rows
    airs = spread(frames, foot, columns)
    ends = _ends(frames, airs, columns)
    assert all(e <= foot for e in ends)
    assert all(0 <= a.extra <= f.cap and a.shift >= 0 for f, a in zip(frames, airs))
    cells: dict[tuple[int, int], int] = {}
    for i, (f, a) in enumerate(zip(frames, airs)):
        for c in range(f.first_column, f.first_column + f.columns):
            for r in range(f.top + a.shift, f.top + a.shift + f.rows + a.extra):
                assert (c, r) not in cells
                cells[(c, r)] = i
    assert sum(ends) >= sum(sky)
