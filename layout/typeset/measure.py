"""Font metrics as the composer sees them: which face draws a char, how wide text is.

The composer (`linebreak`) depends only on the `Metrics` protocol, so it is pure
Python and testable without fonts: `FixedMetrics` is the fake (every Han character and
full-width form 1 em, everything else ½ em), `layout.fonts.FontSet` the real one.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Metrics(Protocol):
    """What the composer needs to know about fonts."""

    def face_for(self, ch: str, role: str) -> str | None:
        """The face that draws `ch` for `role` (its fallback chain), or None."""
        ...

    def advance(self, face: str, text: str, size: float) -> float:
        """Natural advance of `text` in `face` at `size` pt: the font's own widths."""
        ...


def is_wide(ch: str) -> bool:
    """East Asian wide: Han, kana, Hangul, CJK punctuation and full-width forms."""
    o = ord(ch)
    return (
        0x1100 <= o <= 0x115F
        or 0x2E80 <= o <= 0xA4CF
        or 0xAC00 <= o <= 0xD7A3
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFF60
        or 0xFFE0 <= o <= 0xFFE6
        or 0x20000 <= o <= 0x3FFFD
        or ch in "“”‘’—…"
    )


class FixedMetrics:
    """A fake font for tests: wide characters 1 em, all others ½ em, face "fixed".

    `missing` lists characters no face draws, to test fallback and coverage paths.
    """

    face = "fixed"

    def __init__(self, missing: str = "") -> None:
        self._missing = frozenset(missing)

    def face_for(self, ch: str, role: str) -> str | None:
        """Always "fixed", except for the characters declared missing."""
        return None if ch in self._missing else self.face

    def advance(self, face: str, text: str, size: float) -> float:
        """1 em per wide character, ½ em per other character."""
        wide = sum(1 for ch in text if is_wide(ch))
        return (wide + 0.5 * (len(text) - wide)) * size
