"""Where each article's block goes on a page: automatic (skyline search) + explicit.

In: the pieces to place on one page in order, a `rows(piece, columns)` function
giving each piece's balanced height, the page's columns and free rows, and explicit
`Want`s from spec.placement. Out: one `Slot` (columns, top row) per piece, or None
for a piece that does not go on this page.

The page is made up like a Chinese daily (modular layout): each article is a
rectangle of whole columns. A skyline holds each column's next free row. A beam
search places the pieces in reading order: each tries every width at which its body
is at least `SHALLOW` rows deep (and its narrowest width in any case), every run of
adjacent columns whose tops are level within `MAX_HOLE` rows (the block starts at
the run's highest top, leaving holes of at most three lines), and states are scored
on cut-off text (overflow, plus a fixed price per jump), holes, block shapes (not
too short and wide, not too tall and narrow), height on the page (fill from the
top). An article of the page that cannot fit sensibly may move whole to a later page
at a price per cell, so a crowded page cuts one or two articles instead of starting
every article in a sliver. At the end the finalists are scored on the space left at
each column's foot once `vfill.spread` has dealt the spare rows as air: columns
should end at the foot, and where the page's articles run out, level.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from typing import NamedTuple
from collections.abc import Callable, Mapping, Sequence

from layout.typeset.vfill import Frame, column_ends, spread

MAX_HOLE = 3  # rows: the tallest hole allowed between blocks
BEAM = 64
CUT = 300.0  # an article of this page cut and continued (a jump) ...
DEFER = 1000.0  # ... or moved whole to a later page, plus `DEFER_CELL` a cell of it
DEFER_CELL = 45.0
LEVEL = 2.0  # weight of the squared difference of a column's end from the mean
FINALISTS = 4  # final states whose fill is worked out exactly
SHALLOW = 3  # rows: no block of several columns holds a shallower body (see `_deep_enough`)


@dataclass(frozen=True, slots=True)
class Want:
    """An explicit placement: width and/or first column (0-based), from the spec."""

    columns: int | None = None
    start: int | None = None


class Slot(NamedTuple):
    """A piece's place: first column (0-based), width, top row (the block's top edge,
    a separator row included when it sits below another block). A tuple, as `Frame`:
    the search makes thousands a page."""

    first_column: int
    columns: int
    top: int


@dataclass(frozen=True, slots=True)
class Job:
    """One piece to place: `own` pieces start on this page and must go on it;
    pending continuations may wait for a later page. `lead` gets the widest block at
    the top left."""

    own: bool
    lead: bool = False
    want: Want | None = None
    head_rows: int = 0
    air: int = 4  # rows of air its block may take when the page has rows to spare
    carried: bool = False  # carried over from an earlier page: may span every column


class _State(NamedTuple):
    """A partial page in the beam (a tuple: thousands are made a page)."""

    cost: float
    sky: tuple[int, ...]
    last: tuple[int, ...]  # index of the job whose block ends each column, -1 none
    slots: tuple[Slot | None, ...]
    waiting: bool = False  # a continued piece was passed over: the later ones wait too
    prev: Slot | None = None  # the last block placed (for reading order)
    free: int = 0  # cells left below the skyline


def gap(top: int) -> int:
    """A separator row (for the horizontal rule) above a block not at the top."""
    return 1 if top > 0 else 0


def _widths(job: Job, columns: int, max_width: int) -> list[int]:
    """The widths the job may take."""
    want = job.want or Want()
    if want.columns:
        return [min(want.columns, columns)]
    if job.lead or job.carried:
        low = max(1, math.ceil(columns / 2)) if job.lead else 1
        return list(range(low, columns + 1))
    return list(range(1, min(max_width, columns) + 1))


def _deep_enough(job: Job, widths: list[int], bodies: Mapping[int, int]) -> list[int]:
    """The widths at which the job's body is at least `SHALLOW` rows deep, and its
    narrowest width: two lines in each of several columns read as debris, not as a
    story, and the search's fill cost would rather spread a short story so (its head
    fills each column it spans). A width the spec asks for is kept."""
    if job.want is not None and job.want.columns:
        return widths
    return [w for w in widths if w == widths[0] or bodies[w] >= SHALLOW]


def _options(job: Job, columns: int, widths: Sequence[int]) -> list[tuple[int, int]]:
    """(width, start) pairs the job may take."""
    want = job.want or Want()
    out: list[tuple[int, int]] = []
    for w in widths:
        starts = [want.start] if want.start is not None and want.start + w <= columns \
            else range(0, columns - w + 1)
        if job.lead and want.start is None:
            starts = [0]
        out.extend((w, s) for s in starts)
    return out


def _shape_cost(job: Job, height: int, width: int, rows: int, columns: int) -> float:
    """Prefer blocks of a newspaper-like shape for the text they hold."""
    if job.lead:
        return (columns - width) * 6.0
    body = height - job.head_rows
    cost = 0.0
    short = max(0, 14 - body) if width > 1 else max(0, 6 - body)
    cost += short * width * 1.5  # a wide block a few lines deep reads badly
    cost += max(0.0, height - 0.75 * rows) * 2.0  # a column running down the page
    if width == 1:
        cost += max(0.0, height - 0.4 * rows) * 1.0
    cost += width * 0.5
    return cost


_Option = tuple[int, int, int, float]  # width, start, height, shape cost
# a child state, scored but not built: (score, order, parent, option or -1 for
# passing the job over, top row, end row, cells free after it, cost)
_Scored = tuple[float, int, int, int, int, int, int, float]
# an option with what does not depend on the state (see `_prepare`)
_Prepared = tuple[int, int, float, int, int, float, float, int]
_MARGIN = 1e-9  # relative: covers the rounding of a bound summed in another order
_KEPT = BEAM * 2


# no heap yet (too few children to drop any, or not pruning): it keeps no child
_UNCOUNTED = [math.inf]


def _cutoff_heap(out: Sequence[_Scored]) -> list[float]:
    """The heap `_keep` updates, of the `_KEPT` cheapest children so far (made only
    once there are that many: most jobs of a narrow page have fewer children)."""
    heap = [-score for score in heapq.nsmallest(_KEPT, [child[0] for child in out])]
    heapq.heapify(heap)
    return heap


def _keep(heap: list[float], score: float) -> float:
    """Count a kept child in `heap`, the negated `_KEPT` cheapest scores so far (a
    max-heap); returns the score above which a child is dropped."""
    heapq.heapreplace(heap, -score)
    return -heap[0]


def _prepare(job: Job, options: Sequence[_Option]) -> list[tuple[int, list[_Prepared]]]:
    """Per first column, its options narrowest first with what does not depend on the
    state: (width, end column, lower bound of the cost above the parent's, option,
    height, start offset, shape, rows needed). The sums keep one order, so equal
    layouts get equal costs."""
    min_need = job.head_rows + 6
    groups: dict[int, list[_Prepared]] = {}
    for option, (width, start, height, shape) in enumerate(options):
        groups.setdefault(start, []).append((width, start + width, start * 0.01 + shape, option,
                                             height, start * 0.01, shape, min(height, min_need)))
    return [(start, sorted(group)) for start, group in sorted(groups.items())]


def _highest_top(prepared: Sequence[tuple[int, list[_Prepared]]], rows: int) -> int:
    """The lowest row a block of the job may start under (with `gap`, its body needs
    3 rows and the head's rows plus 6, or all of its own): a state whose every column
    ends below it has no slot for the job."""
    needs = [p[7] for _, group in prepared for p in group]
    room = rows - max(3, min(needs)) if needs else -1
    return max(room - 1, 0) if room >= 0 else -1


def _score_children(beam: Sequence[_State], job: Job, options: Sequence[_Option],
                    rows: int, skip: float, ahead: int,
                    prune: bool = True) -> tuple[list[_Scored], float]:
    """The states after `job` (one per slot it may take from each state in `beam`, and
    one passing it over) that may be among the `BEAM` cheapest, scored without
    building them (building a state is the dear part), and the score up to which
    every child is there (`math.inf`: all of them). Parents go cheapest first, and a
    child costs at least its parent plus its option's offset and shape: most dear
    ones are never scored. A child dearer than `_KEPT` others cannot be among the
    next beam's states unless those repeat a state; then `_best_children` asks for
    all (`prune=False`)."""
    out: list[_Scored] = []
    heap, limit = _UNCOUNTED, math.inf
    prepared = _prepare(job, options)
    highest = _highest_top(prepared, rows)
    stride = len(options) + 1  # `order`: as if every child were generated in turn
    costs = [state.cost for state in beam]
    for parent in sorted(range(len(beam)), key=costs.__getitem__):
        if prune and heap is _UNCOUNTED and len(out) >= _KEPT:
            heap = _cutoff_heap(out)
            limit = -heap[0]
        state = beam[parent]
        if state.cost > limit:
            break  # this parent's children and the later ones' cost more
        passed = state.cost + skip
        pass_score = passed + DEFER_CELL * max(0, ahead - state.free)
        placed = False
        # a continuation waits behind one passed over
        if (job.own or not state.waiting) and min(state.sky) <= highest:
            placed, limit = _score_options(out, heap, limit, state, parent, parent * stride,
                                           job, prepared, rows, ahead)
        if (not placed or not job.own) and pass_score <= limit:
            # a continued piece left waiting costs what cutting all of it off would
            out.append((pass_score, parent * stride + stride - 1, parent, -1, 0, 0,
                        state.free, passed))
            if -heap[0] > pass_score:
                limit = _keep(heap, pass_score)
    return out, limit


def _score_options(out: list[_Scored], heap: list[float], limit: float, state: _State,
                   parent: int, order: int, job: Job,
                   prepared: Sequence[tuple[int, list[_Prepared]]],
                   rows: int, ahead: int) -> tuple[bool, float]:
    """Score the children of `state` that take a slot into `out`; returns whether the
    job fits anywhere from it (the pass child is needed only when it does not) and
    the new limit. From each first column the run of columns grows one at a time, so
    its top, bottom and sum come cheap, and once too uneven, every wider one is too."""
    free_rows, over_price = job.want is None, 50.0 if job.own else 2.0
    base, free0, sky, prev, placed = state.cost, state.free, state.sky, state.prev, False
    prev_top = prev.top if prev is not None else -1
    prev_column = prev.first_column if prev is not None else -1
    bound = limit * (1 + _MARGIN)
    for start, group in prepared:
        top, bottom, filled, stop = -1, rows + 1, 0, start
        for width, end_column, low, option, height, offset, shape, need in group:
            while stop < end_column:
                row = sky[stop]
                top = row if row > top else top
                bottom = row if row < bottom else bottom
                filled, stop = filled + row, stop + 1
            if free_rows and top - bottom > MAX_HOLE:
                break
            body_top = top + 1 if top > 0 else 0  # `gap`
            avail = rows - body_top
            if avail < 3 or avail < need:
                continue
            placed = True
            if base + low > bound:
                continue
            used = height if height < avail else avail
            cost = base + (top * width - filled) * 8.0 + top * width * 0.02 + offset + shape
            if top < prev_top or (top == prev_top and start < prev_column):
                cost += 25.0  # blocks follow reading order: down, and left to right
            if used < height:
                cost += (height - used) * width * over_price + CUT
            end = body_top + used
            free = free0 - (end * width - filled)
            short = ahead - free
            score = cost + DEFER_CELL * short if short > 0 else cost
            if score <= limit:
                out.append((score, order + option, parent, option, top, end, free, cost))
                if -heap[0] > score:
                    limit = _keep(heap, score)
                    bound = limit * (1 + _MARGIN)
    return placed, limit


def _best_children(beam: Sequence[_State], scored: list[_Scored], index: int, job: Job,
                   options: Sequence[_Option], limit: float = math.inf) -> list[_State] | None:
    """The `BEAM` cheapest children, one per (skyline, column owners): built in order
    of score until the beam is full. None if that needs a child dearer than `limit`
    (`scored` then lacks some of them)."""
    scored.sort()
    out: list[_State] = []
    seen: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    for score, _order, parent, option, top, end, free, cost in scored:
        if score > limit:
            return None
        state = beam[parent]
        if option < 0:
            sky, last = state.sky, state.last
        else:
            width, start = options[option][0], options[option][1]
            sky = state.sky[:start] + (end,) * width + state.sky[start + width:]
            last = state.last[:start] + (index,) * width + state.last[start + width:]
        key = (sky, last)
        if key in seen:
            continue
        seen.add(key)
        if option < 0:
            out.append(_State(cost, sky, last, state.slots + (None,),
                              state.waiting or not job.own, state.prev, free))
        else:
            slot = Slot(start, width, top)
            out.append(_State(cost, sky, last, state.slots + (slot,), state.waiting, slot, free))
        if len(out) == BEAM:
            return out
    return out if limit == math.inf else None


def _next_beam(beam: Sequence[_State], job: Job, index: int, options: Sequence[_Option],
               rows: int, skip: float, ahead: int) -> list[_State]:
    """The beam after placing job `index`: from the children that may be cheapest,
    or, when some of those repeat a state, from all of them."""
    scored, limit = _score_children(beam, job, options, rows, skip, ahead)
    best = _best_children(beam, scored, index, job, options, limit)
    if best is None:
        scored, _ = _score_children(beam, job, options, rows, skip, ahead, prune=False)
        best = _best_children(beam, scored, index, job, options)
    assert best is not None
    return best


def _frames(state: _State, jobs: Sequence[Job], table: Sequence[dict[int, int]],
            rows: int) -> list[Frame]:
    frames = []
    for i, slot in enumerate(state.slots):
        if slot is None:
            continue
        body_top = slot.top + gap(slot.top)
        height = table[i][slot.columns]
        used = min(height, rows - body_top)
        cap = jobs[i].air if used == height else 0
        frames.append(Frame(slot.first_column, slot.columns, slot.top,
                            body_top - slot.top + used, cap))
    return frames


def _residual_cost(ends: Sequence[int], rows: int) -> float:
    """Space left at the foot of each column: dear, and dearer where the columns do
    not end level (a hole in a few columns, not a band across the page)."""
    left = [max(0, rows - e) for e in ends]
    mean = sum(left) / len(left)
    return sum(3.0 * r + LEVEL * (r - mean) ** 2 for r in left)


def _rough_fill_cost(frames: Sequence[Frame], columns: int, rows: int) -> float:
    """`_fill_cost` without dealing the air: each column's frames' air all counted."""
    ends = [0] * columns
    air = [0] * columns
    for f in frames:
        for c in range(f.first_column, f.first_column + f.columns):
            ends[c] = max(ends[c], f.top + f.rows)
            air[c] += f.cap
    return _residual_cost([min(rows, e + a) for e, a in zip(ends, air)], rows)


def _fill_cost(frames: Sequence[Frame], columns: int, rows: int) -> float:
    """Space left at the foot once the spare rows are dealt as air (`vfill.spread`)."""
    airs = spread(frames, rows, columns, MAX_HOLE)
    tops = [f.top + a.shift for f, a in zip(frames, airs)]
    return _residual_cost(column_ends(frames, tops, [a.extra for a in airs], columns), rows)


def place(jobs: Sequence[Job], rows_of: Callable[[int, int], int], columns: int,
          rows: int, sky: Sequence[int] | None = None,
          max_width: int | None = None,
          body_of: Callable[[int, int], int] | None = None) -> tuple[Slot | None, ...]:
    """Choose a slot for each job in order (None: not on this page).

    `rows_of(job index, width)` is the job's balanced height at that width, and
    `body_of` the part of it below the head (when given, too shallow a body rules a
    width out); `rows` the free rows of the page area; `sky` the rows already used in
    each column.
    """
    sky0 = tuple(sky or (0,) * columns)
    beam = [_State(0.0, sky0, (-1,) * columns, (), free=sum(rows - h for h in sky0))]
    limit = max_width or max(1, min(columns, math.ceil(columns * 0.6)))
    # heights only at the widths a job may take (each costs a balance and a head)
    table: list[dict[int, int]] = []
    options: list[list[_Option]] = []
    for i, job in enumerate(jobs):
        widths = _widths(job, columns, limit)
        heights = {w: rows_of(i, w) for w in reversed(widths)}  # widest first: see Blocks
        if body_of is not None:
            widths = _deep_enough(job, widths, {w: body_of(i, w) for w in widths})
        if not job.own and 1 not in heights:
            heights[1] = rows_of(i, 1)
        table.append(heights)
        options.append([(w, st, heights[w], _shape_cost(job, heights[w], w, rows, columns))
                        for w, st in _options(job, columns, widths)])
    # area the own pieces still to place need at their most compact width
    need = [min(w * h for w, h in table[i].items()) if job.own else 0
            for i, job in enumerate(jobs)]
    later = [sum(need[i + 1:]) for i in range(len(jobs))]
    for index, job in enumerate(jobs):
        skip = DEFER + DEFER_CELL * need[index] if job.own else 100.0 + 10.0 * table[index][1]
        beam = _next_beam(beam, job, index, options[index], rows, skip, later[index])
    finalists = _finalists(beam, jobs, table, columns, rows)
    _, best = min(finalists, key=lambda f: f[1].cost + _fill_cost(f[0], columns, rows))
    return best.slots


def _finalists(beam: Sequence[_State], jobs: Sequence[Job], table: Sequence[dict[int, int]],
               columns: int, rows: int) -> list[tuple[list[Frame], _State]]:
    """The `FINALISTS` states of least cost plus rough fill cost (ties in beam order),
    with their frames. The fill cost is never negative, so states are taken cheapest
    first and the dearer ones are never framed."""
    ranked: list[tuple[float, int, list[Frame], _State]] = []
    least: list[float] = []  # the FINALISTS least totals so far, negated (a max-heap)
    for i in sorted(range(len(beam)), key=lambda k: beam[k].cost):
        state = beam[i]
        if len(least) == FINALISTS and state.cost > -least[0]:
            break
        frames = _frames(state, jobs, table, rows)
        total = state.cost + _rough_fill_cost(frames, columns, rows)
        ranked.append((total, i, frames, state))
        if len(least) < FINALISTS:
            heapq.heappush(least, -total)
        elif total < -least[0]:
            heapq.heapreplace(least, -total)
    return [(frames, state) for _, _, frames, state in heapq.nsmallest(FINALISTS, ranked)]
