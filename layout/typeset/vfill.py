"""Vertical fill: spread a page's spare rows as air inside its blocks.

In: the placed blocks of one page as `Frame`s (columns, rows from the page area's
top, whether a separator row sits above, how many rows of air each may take) and
the area's rows. Out: one `Air` per frame (rows it moves down, rows of air it takes),
so that every column ends as near the foot as the caps allow.

The placement search leaves spare rows where the page's articles run out. Instead of
one big hole under the last block of a column group, the spare is dealt one row at a
time to the block whose extra row brings most column ends down, the block with the
least air first, so the air is spread evenly over the stacked blocks of a column
group (around their headline groups). Everything stays on whole rows (cjk-typography
§5: blocks snap to whole lines); no block is pushed past the foot, and no hole taller
than `max_hole` rows opens between blocks.
"""

from __future__ import annotations

from typing import NamedTuple
from collections.abc import Sequence

__all__ = ["Air", "Frame", "column_ends", "spread"]


class Frame(NamedTuple):
    """A placed block: `top` is its outer top row (its separator row included),
    `rows` the rows under that (separator, head and body); `cap` the air it may take.
    A tuple: the placement search frames thousands of states a page, and a frozen
    dataclass's `__init__` is interpreted code even here (~8,500 instructions a
    frame, against a few hundred)."""

    first_column: int
    columns: int
    top: int
    rows: int
    cap: int


class Air(NamedTuple):
    """How a frame moves: `shift` rows down, `extra` rows of air added inside it."""

    shift: int = 0
    extra: int = 0


def _above(frames: Sequence[Frame]) -> list[list[int]]:
    """For each frame, the frames directly above it in one of its columns."""
    order = sorted(range(len(frames)), key=lambda i: frames[i].top)
    last: dict[int, int] = {}
    above: list[list[int]] = [[] for _ in frames]
    for i in order:
        f = frames[i]
        seen: list[int] = []
        for c in range(f.first_column, f.first_column + f.columns):
            j = last.get(c)
            if j is not None and j not in seen:
                seen.append(j)
            last[c] = i
        above[i] = seen
    return above


def _layout(frames: Sequence[Frame], order: Sequence[int], above: Sequence[Sequence[int]],
            extra: Sequence[int]) -> list[int]:
    """New outer tops with `extra` rows of air in each frame."""
    tops = [0] * len(frames)
    for i in order:
        top = frames[i].top
        for j in above[i]:
            top = max(top, tops[j] + frames[j].rows + extra[j])
        tops[i] = top
    return tops


def column_ends(frames: Sequence[Frame], tops: Sequence[int], extra: Sequence[int],
                columns: int) -> list[int]:
    """The row each column ends at (0 for an empty column)."""
    ends = [0] * columns
    for f, top, e in zip(frames, tops, extra):
        bottom = top + f.rows + e
        for c in range(f.first_column, f.first_column + f.columns):
            ends[c] = max(ends[c], bottom)
    return ends


def _max_hole(frames: Sequence[Frame], above: Sequence[Sequence[int]], tops: Sequence[int],
              extra: Sequence[int]) -> int:
    worst = 0
    for i, js in enumerate(above):
        for j in js:
            worst = max(worst, tops[i] - (tops[j] + frames[j].rows + extra[j]))
    return worst


def _downstream(frames: Sequence[Frame], order: Sequence[int],
                above: Sequence[Sequence[int]]) -> list[list[int]]:
    """For each frame, itself and every frame its bottom can push down, in `order`."""
    below: list[list[int]] = [[] for _ in frames]
    for i, js in enumerate(above):
        for j in js:
            below[j].append(i)
    rank = {i: r for r, i in enumerate(order)}
    out = []
    for i in range(len(frames)):
        seen, stack = {i}, [i]
        while stack:
            for k in below[stack.pop()]:
                if k not in seen:
                    seen.add(k)
                    stack.append(k)
        out.append(sorted(seen, key=rank.__getitem__))
    return out


def spread(frames: Sequence[Frame], foot: int, columns: int, max_hole: int = 3) -> list[Air]:
    """Deal the spare rows above the foot to the frames (see the module docstring).

    Each round tries one more row of air in the frames that may still take some and
    keeps the best: the least air so far first, then the most gain. A trial moves
    only the frames below the one it grows (bottoms only ever grow), so it is worked
    out for those alone: their new tops, the column ends they raise, and the holes
    above them (every other hole is already within bounds). The frames with the
    least air are tried first, and the others only when none of those can grow.
    """
    if not frames:
        return []
    order = sorted(range(len(frames)), key=lambda i: frames[i].top)
    above = _above(frames)
    downstream = _downstream(frames, order, above)
    spans = [range(f.first_column, f.first_column + f.columns) for f in frames]
    extra = [0] * len(frames)
    tops = _layout(frames, order, above, extra)
    ends = column_ends(frames, tops, extra, columns)
    hole_limit = max(max_hole, _max_hole(frames, above, tops, extra))
    bottoms = [t + f.rows for t, f in zip(tops, frames)]
    alive = [i for i in order if frames[i].cap > 0]
    while alive:
        chosen, moved, raised, dead = -1, {}, {}, set()
        for level in sorted({extra[i] for i in alive}):
            best = 0  # the most gain at this level (ties: the first in `alive`)
            for i in alive:
                if extra[i] != level:
                    continue
                trial = _trial(frames, above, downstream[i], tops, bottoms, i)
                up = _raised_ends(spans, trial, ends)
                if any(end > foot for end in up.values()):
                    dead.add(i)  # ends only grow: this frame can never take air again
                    continue
                gain = sum(end - ends[c] for c, end in up.items())
                if gain <= best or _worst_hole(frames, above, trial, bottoms) > hole_limit:
                    continue
                best, chosen, moved, raised = gain, i, trial, up
            if chosen >= 0:
                break
        if chosen < 0:
            break
        extra[chosen] += 1
        for k, (top, bottom) in moved.items():
            tops[k], bottoms[k] = top, bottom
        for c, end in raised.items():
            ends[c] = end
        alive = [i for i in alive if i not in dead and extra[i] < frames[i].cap]
    return [Air(t - f.top, e) for f, t, e in zip(frames, tops, extra)]


def _trial(frames: Sequence[Frame], above: Sequence[Sequence[int]], downstream: Sequence[int],
           tops: Sequence[int], bottoms: Sequence[int], grown: int) -> dict[int, tuple[int, int]]:
    """One more row of air in `grown`: the (top, bottom) of every frame that changes
    (`grown` first; `downstream` lists it and the frames below it, top to bottom)."""
    changed = {grown: (tops[grown], bottoms[grown] + 1)}
    for k in downstream:
        if k == grown:
            continue
        top = frames[k].top
        for j in above[k]:
            bottom = changed[j][1] if j in changed else bottoms[j]
            if bottom > top:
                top = bottom
        if top != tops[k]:
            changed[k] = (top, bottoms[k] + top - tops[k])
    return changed


def _raised_ends(spans: Sequence[range], changed: dict[int, tuple[int, int]],
                 ends: Sequence[int]) -> dict[int, int]:
    """Columns whose end a trial raises, with their new ends."""
    raised: dict[int, int] = {}
    for k, (_top, bottom) in changed.items():
        for c in spans[k]:
            if bottom > raised.get(c, ends[c]):
                raised[c] = bottom
    return raised


def _worst_hole(frames: Sequence[Frame], above: Sequence[Sequence[int]],
                changed: dict[int, tuple[int, int]], bottoms: Sequence[int]) -> int:
    """The tallest hole over a frame the trial changed (holes elsewhere do not change)."""
    worst = 0
    for k, (top, _bottom) in changed.items():
        for j in above[k]:
            bottom = changed[j][1] if j in changed else bottoms[j]
            worst = max(worst, top - bottom)
    return worst
