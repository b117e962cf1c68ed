"""Regular expressions as sets of ends, for rules that ask only whether a whole line fits.

A `Piece` takes a text and a position and gives every position where it may end there:
the pieces of a regex's language. `sequence`, `either`, `optional` and `repeated` put
them together as concatenation, `|`, `?` and `+` do, so a line fits a rule when the
rule's piece can end at the line's end (`fills`). Unlike a compiled pattern, a piece may
be any function: `reporters` reads the Han of a word once and tests it with cheap
patterns, where one pattern would use a Han character class a hundred times (sre builds
each use anew, about 1 ms each).

No backtracking order is kept, only the set: enough to say whether a line fits, not which
reading a regex engine would take first (`reporters` follows that order where it matters).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

Piece = Callable[[str, int], Iterable[int]]
SPACES = re.compile(r"\s*")
LONGEST_WORD = 12  # no word of a table read with `words` is longer (本报特约通讯员: 7)


def skip_spaces(text: str, pos: int) -> int:
    """Where the spaces at pos end."""
    return SPACES.match(text, pos).end()  # type: ignore[union-attr]  # `*` always matches


def spaces(text: str, pos: int) -> range:
    r"""\s*"""
    return range(pos, skip_spaces(text, pos) + 1)


def some_spaces(text: str, pos: int) -> range:
    r"""\s+"""
    return range(pos + 1, skip_spaces(text, pos) + 1)


def sequence(*pieces: Piece) -> Piece:
    """The pieces one after another (a regex's concatenation)."""
    def ends(text: str, pos: int) -> set[int]:
        found = {pos}
        for piece in pieces:
            found = {end for start in found for end in piece(text, start)}
            if not found:
                break
        return found
    return ends


def either(*pieces: Piece) -> Piece:
    """Any one of the pieces (a regex's alternation)."""
    return lambda text, pos: {end for piece in pieces for end in piece(text, pos)}


def optional(piece: Piece) -> Piece:
    """The piece or nothing (`?`)."""
    return lambda text, pos: {pos, *piece(text, pos)}


def repeated(piece: Piece, least: int = 1, most: int | None = None) -> Piece:
    """The piece `least` to `most` times (`+`, `*`, `{1,4}`); each time it takes a character or more."""
    def ends(text: str, pos: int) -> set[int]:
        found = {pos} if least == 0 else set()
        reached = {pos}
        for count in range(1, (len(text) - pos if most is None else most) + 1):
            reached = {end for start in reached for end in piece(text, start)}
            if not reached:
                break
            if count >= least:
                found |= reached
        return found
    return ends


def words(pattern: str) -> Piece:
    """A table of literal words, at most LONGEST_WORD long (no lookaround, so a full match
    up to each end is exact)."""
    table = re.compile(pattern)
    def ends(text: str, pos: int) -> set[int]:
        if not table.match(text, pos):  # no word here: the common case, found at once
            return set()
        return {end for end in range(pos + 1, min(len(text), pos + LONGEST_WORD) + 1)
                if table.fullmatch(text, pos, end)}
    return ends


def one(pattern: re.Pattern[str]) -> Piece:
    """A pattern that can end in one place only (a mark, a bracket)."""
    def ends(text: str, pos: int) -> tuple[int, ...]:
        found = pattern.match(text, pos)
        return (found.end(),) if found else ()
    return ends


def fills(line: str, *pieces: Piece) -> bool:
    r"""Whether one of the pieces reads the whole line, as ^...$ does: to its end, or to a
    last \n."""
    ends = {end for piece in pieces for end in piece(line, 0)}
    return len(line) in ends or (line.endswith("\n") and len(line) - 1 in ends)
