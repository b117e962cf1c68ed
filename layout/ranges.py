"""Integers as runs of consecutive values: a face's code points (~30,000 of them are
~350 runs), the printed pages an export made (1, 9-11)."""

from __future__ import annotations

from collections.abc import Iterable


def runs(numbers: Iterable[int]) -> tuple[tuple[int, int], ...]:
    """Sorted, merged (first, last) runs of `numbers` (duplicates allowed)."""
    merged: list[list[int]] = []
    for n in sorted(set(numbers)):
        if merged and merged[-1][1] == n - 1:
            merged[-1][1] = n
        else:
            merged.append([n, n])
    return tuple((low, high) for low, high in merged)


def format_runs(numbers: Iterable[int]) -> str:
    """1, 9, 10, 11 -> "1, 9-11"."""
    return ", ".join(f"{low}-{high}" if high > low else str(low) for low, high in runs(numbers))
