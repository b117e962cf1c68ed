"""Shared helpers for composer tests: glyph positions and line edges from runs."""

from __future__ import annotations

from layout.typeset import cjk
from layout.typeset.placed import Line


def glyphs(line: Line, metrics) -> list[tuple[str, float, float, float]]:
    """(char, x0, x1, size) of every drawn glyph, from the runs alone."""
    out = []
    for run in line.runs:
        x = run.x
        for ch in run.text:
            a = metrics.advance(run.font, ch, run.size) * run.hscale
            out.append((ch, x, x + a, run.size))
            x += a + run.tracking
    return out


def right_edges(line: Line, metrics) -> tuple[float, float]:
    """The line's right edge: by advance, and by ink box (a full-width closing mark
    at the end counts ½ em, as its blank half is trimmed; GB positioning)."""
    vis = [g for g in glyphs(line, metrics) if not g[0].isspace()]
    ch, x0, x1, size = vis[-1]
    ink = x0 + 0.5 * size if ch in cjk.INK_LEFT and x1 - x0 > 0.7 * size else x1
    return x1, ink


def flush(line: Line, metrics, measure: float, tol: float = 0.01) -> bool:
    """Whether the line's right edge sits on the measure."""
    return any(abs(e - measure) <= tol for e in right_edges(line, metrics))
