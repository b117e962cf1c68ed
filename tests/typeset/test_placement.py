"""The placement search on its own: slots from heights, no composer."""

from __future__ import annotations

import math

from hypothesis import given, settings, strategies as st

from layout.typeset.placement import MAX_HOLE, SHALLOW, Job, Slot, Want, gap, place


def _heights(areas: list[int], head: int = 4):  # type: ignore[no-untyped-def]
    return lambda i, w: head + math.ceil(areas[i] / w)


def _cells(slots, jobs, rows_of, rows):  # type: ignore[no-untyped-def]
    out = {}
    for i, slot in enumerate(slots):
        if slot is None:
            continue
        top = slot.top + gap(slot.top)
        bottom = min(rows, top + rows_of(i, slot.columns))
        for c in range(slot.first_column, slot.first_column + slot.columns):
            for r in range(slot.top, bottom):
                assert (c, r) not in out, f"overlap at column {c} row {r}"
                out[(c, r)] = i
    return out


def test_lead_takes_the_top_left_and_half_the_width_at_least() -> None:
    jobs = [Job(own=True, lead=True, head_rows=5)] + [Job(own=True, head_rows=4)] * 4
    rows_of = _heights([60, 300, 200, 150, 120])
    slots = place(jobs, rows_of, 8, 90)
    assert slots[0] == Slot(0, slots[0].columns, 0) and slots[0].columns >= 4
    assert all(s is not None for s in slots)


def test_explicit_wants_are_kept() -> None:
    jobs = [Job(own=True, lead=True), Job(own=True, want=Want(columns=2, start=6)),
            Job(own=True, want=Want(columns=3))]
    slots = place(jobs, _heights([80, 200, 150]), 8, 90)
    assert (slots[1].first_column, slots[1].columns) == (6, 2)
    assert slots[2].columns == 3


def test_a_pending_piece_waits_when_there_is_no_room() -> None:
    jobs = [Job(own=True, want=Want(2, 0), head_rows=2), Job(own=False, head_rows=4)]
    slots = place(jobs, lambda i, w: 40 if i == 0 else 30, 2, 42)
    assert slots[1] is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(20, 900), min_size=1, max_size=9), st.integers(3, 8))
def test_blocks_never_overlap_and_holes_stay_small(areas: list[int], columns: int) -> None:
    rows = 90
    jobs = [Job(own=True, lead=i == 0, head_rows=4) for i in range(len(areas))]
    rows_of = _heights(areas)
    slots = place(jobs, rows_of, columns, rows)
    _cells(slots, jobs, rows_of, rows)
    sky = [0] * columns
    for i, slot in enumerate(slots):
        if slot is None:
            continue
        run = sky[slot.first_column:slot.first_column + slot.columns]
        assert slot.top == max(run) and max(run) - min(run) <= MAX_HOLE
        top = slot.top + gap(slot.top)
        for c in range(slot.first_column, slot.first_column + slot.columns):
            sky[c] = min(rows, top + rows_of(i, slot.columns))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(2, 90), min_size=1, max_size=5), st.integers(4, 8),
       st.integers(1, 6))
def test_a_short_body_is_not_spread_over_columns_a_line_or_two_deep(
        areas: list[int], columns: int, head: int) -> None:
    jobs = [Job(own=True, lead=i == 0, head_rows=head) for i in range(len(areas))]
    body_of = lambda i, w: math.ceil(areas[i] / w)  # noqa: E731
    slots = place(jobs, _heights(areas, head), columns, 90, body_of=body_of)
    narrowest = [math.ceil(columns / 2)] + [1] * (len(areas) - 1)
    for i, slot in enumerate(slots):
        if slot is not None and slot.columns > narrowest[i]:
            assert body_of(i, slot.columns) >= SHALLOW, (i, slot)


def test_without_the_rule_a_short_lead_spreads_and_a_width_the_spec_asks_for_is_kept() -> None:
    # the search's fill cost alone sets a lone short lead's two lines across the page
    areas = [12]
    jobs = [Job(own=True, lead=True, head_rows=4)]
    body_of = lambda i, w: math.ceil(areas[i] / w)  # noqa: E731
    assert body_of(0, place(jobs, _heights(areas), 8, 90)[0].columns) < SHALLOW
    ruled = place(jobs, _heights(areas), 8, 90, body_of=body_of)[0].columns
    assert body_of(0, ruled) >= SHALLOW and ruled < 8
    pinned = [Job(own=True, want=Want(columns=6, start=0), head_rows=4)]
    assert place(pinned, _heights(areas), 8, 90, body_of=body_of)[0].columns == 6
