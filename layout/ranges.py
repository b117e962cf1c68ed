"""Integers as runs of consecutive values: a face's code points (~30,000 of them are
~350 runs), the printed pages an export made (1, 9-11)."""

from __future__ import annotations

from collections.abc import Iterable


def runs(numbers: Iterable[int]) -> tuple[tuple[int, int], ...]:
    """Sorted, merged (first, last) runs of `numbers` (duplicates allowed), found in
    one pass over the sorted values, where consecutive ones part."""
    values = sorted(set(numbers))
    if not values:
        return ()
    breaks = [i for i in range(1, len(values)) if values[i] != values[i - 1] + 1]
    return tuple((values[a], values[b - 1]) for a, b in zip([0, *breaks], [*breaks, len(values)]))


def format_runs(numbers: Iterable[int]) -> str:
    """1, 9, 10, 11 -> "1, 9-11"."""
    return ", ".join(f"{low}-{high}" if high > low else str(low) for low, high in runs(numbers))
