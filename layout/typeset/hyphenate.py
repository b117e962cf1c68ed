"""Where a Latin word inside Chinese text may be hyphenated (Liang's patterns, Pyphen).

A Latin word too wide for what is left of a line used to go whole to the next one,
and the line it left was spread letter-space wide between its Han characters
(clreq allows breaking Western words at syllables, with a hyphen). The composer gets
a word's syllables as atoms with a `cjk.SOFT_HYPHEN` atom between them: nothing in
the middle of a line, a hyphen at its end. Only plain words are cut: lower case or
capitalised, `MIN_WORD` letters or more, none of the first `LEFT` or last `RIGHT`
letters alone on a line; never an acronym (GDP), a mixed-case name (iPhone), a word
with digits or a connector (COVID-19), nor an address (`cjk.address_pieces`).

Pyphen's English (US) patterns are loaded on the first word that needs them (about
50 ms), so text without long Latin words never pays for them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from layout.typeset.cjk import SOFT_HYPHEN

if TYPE_CHECKING:
    from pyphen import Pyphen

MIN_WORD = 6
LEFT, RIGHT = 2, 3  # the fewest letters before and after a hyphen (TeX: 2 and 3)
LANGUAGE = "en_US"  # the Latin words in Chinese papers are mostly English (and pinyin)
_HYPHENABLE = re.compile(rf"[A-Za-z][a-z]{{{MIN_WORD - 1},}}")


@lru_cache(maxsize=1)
def _dictionary() -> Pyphen:
    import pyphen  # a well-kept port of the hyphenation used by LibreOffice and TeX

    return pyphen.Pyphen(lang=LANGUAGE, left=LEFT, right=RIGHT)


@lru_cache(maxsize=4096)
def word_pieces(token: str) -> tuple[str, ...]:
    """`token` as atoms: its syllables with a soft hyphen between them, or itself."""
    if _HYPHENABLE.fullmatch(token) is None:
        return (token,)
    cuts = _dictionary().positions(token)
    if not cuts:
        return (token,)
    pieces: list[str] = []
    start = 0
    for cut in cuts:
        pieces += (token[start:cut], SOFT_HYPHEN)
        start = cut
    pieces.append(token[start:])
    return tuple(pieces)
