"""CJK typesetting tables (clreq, GB/T 15834—2011): data, not branches.

The composer (`linebreak`) reads these sets and maps; changing a rule is a one-line
edit here. Sources are cited per table; the exact lists are those of the team's
rules document (docs/cjk-typography.md §1–§4).
"""

from __future__ import annotations

import re
from typing import Final

# clreq § Prohibition Rules for Line Start and Line End, "basic" level: these never
# begin a line. Full-width marks, closing quotes/brackets, interpuncts, the wave dash,
# a lone connector (– —), and the half-width forms.
NOT_AT_START = frozenset(
    "、。，．：；？！‼⁇"
    "”’"
    "）》〉】〗〕］｝」』"
    "·・‧"
    "～〜"
    "–—"  # a lone connector; as first char of —— also bans the unit ("strict")
    "…‥⸺⋯"  # "strict": the two-em units never start a line
    "々〻ー"
    "\u3000"  # an ideographic space stays with what it follows (trimmed at line end)
    ",.:;?!)]}%‰℃°′″"
)

# clreq: these never end a line (opening quotes and brackets); "GB style" adds `/`.
NOT_AT_END = frozenset("“‘（《〈【〖〔［｛「『" "([{" "/")

# clreq appendix "Tables of Chinese punctuation marks" (GB positioning in the em box).
# Ink on the left half, trimmable space on the right.
INK_LEFT = frozenset("，。．、：；？！”’）》〉】〗〕］｝」』")
# Ink on the right half, trimmable space on the left.
INK_RIGHT = frozenset("“‘（《〈【〖〔［｛「『")
# Ink centred.
INK_CENTRE = frozenset("·・‧～")
# clreq § Positioning of punctuation marks: in Taiwan and Hong Kong these stops sit in
# the middle of the em box (`punctuation: centred`, with a face drawn that way).
CENTRED_STOPS = frozenset("，。、：；！？．")

# clreq § Widths: the mainland interpunct takes ½ em; other centred marks 1 em.
HALF_EM = frozenset("·‧")

# Unbreakable two-em units (clreq: ⸺/——, ……/⋯⋯), each one 2 em wide.
TWO_EM_UNITS = ("——", "……", "⋯⋯", "⸺")

# Hanging punctuation (clreq § Hanging Punctuation at Line End): only these.
HANGABLE = frozenset("、，。")

# Shrink order (clreq § Procedures for Inter-Character Spacing Reduction). The
# line-end mark comes first and is handled by the composer; then word spaces,
# interpunct, brackets, pause/comma marks, the Han–Latin gap, full stops. Each entry:
# (class name, characters, em each may lose).
SHRINK_ORDER: tuple[tuple[str, frozenset[str], float], ...] = (
    ("interpunct", frozenset("·‧・"), 0.125),
    ("brackets", frozenset("“”‘’（）《》〈〉【】〖〗〔〕［］｛｝「」『』"), 0.5),
    ("pause", frozenset("，、；：．"), 0.5),
    ("stops", frozenset("。？！"), 0.5),
)

# clreq § Mixed Text Composition: Han–Latin gap, natural and limits (em).
HAN_LATIN_GAP = 0.25
HAN_LATIN_MIN = 0.125
HAN_LATIN_MAX = 1 / 3
# Western word space limits while justifying (em).
SPACE_MIN = 0.25
SPACE_MAX = 0.5

# Suffixes and prefixes that stick to a number (clreq "Digits and their
# prefix/suffix", the usual tailoring: 2.5%, 30℃, ￥100).
NUMBER_SUFFIX = "%‰℃°％"
NUMBER_PREFIX = "￥$＄£€"

# One Western token: a Latin word or a digit run with its inner separators
# (3.14, 1,000, COVID-19, km/h, don't), its prefix and suffix; a half-width mark
# otherwise stands alone. Two-em units come first so they stay whole.
_WEST_CORE = r"[A-Za-z0-9\u00C0-\u024F]+(?:[.,:'’\-/][A-Za-z0-9\u00C0-\u024F]+)*"
LONG_TOKEN = (  # every token kind but "any other single character", a token too
    r"——|……|⋯⋯|⸺"
    rf"|[{re.escape(NUMBER_PREFIX)}]?{_WEST_CORE}[{re.escape(NUMBER_SUFFIX)}]?"
    r"|[^\S\u3000]+"
)
_LONG_TOKEN_RE = re.compile(LONG_TOKEN, re.S)
# Text with none of these characters is all one-character tokens.
_MAY_BE_LONG = re.compile(r"[\s\-–—…⋯⸺A-Za-z0-9\u00C0-\u024F$￥＄£€]")


def tokenize(text: str, hyphenate: bool = False) -> list[str]:
    """`re.findall(LONG_TOKEN + "|.", text, re.S)` with addresses cut (`address_pieces`) and, if asked,
    long Latin words cut at their syllables (`hyphenate.word_pieces`), faster: only
    the longer token kinds are searched for (a paragraph has a few or none); the
    characters between are one-char tokens."""
    if _MAY_BE_LONG.search(text) is None:
        return list(text)
    if hyphenate:
        from layout.typeset.hyphenate import word_pieces
    out: list[str] = []
    p = 0
    for m in _LONG_TOKEN_RE.finditer(text):
        out += text[p:m.start()]  # one token per character
        pieces = address_pieces(m.group())
        out += word_pieces(pieces[0]) if hyphenate and len(pieces) == 1 else pieces
        p = m.end()
    out += text[p:]
    return out


# A web or mail address's host and path (www.example.com/report): one token to
# `LONG_TOKEN`, cut after each `.` and before each `/` into pieces, so that a piece
# never starts with `.` nor ends with `/` (NOT_AT_START, NOT_AT_END). Nothing may
# break or spread between Western atoms, so the pieces only matter when the address
# is wider than a line: then the breaker may cut it there (`break_in_long_west`).
# Numbers (1.234.567, 20233.143.14) have no letter and stay whole.
_ADDRESS_MIN = 10
_ADDRESS_RE = re.compile(r"(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9\-]+(?:[./][A-Za-z0-9\-]+){2,}")
_ADDRESS_CUT_RE = re.compile(r"(?<=\.)|(?=/)")


def address_pieces(token: str) -> list[str]:
    """A `LONG_TOKEN` token as the composer's atoms: an address cut in pieces, else whole."""
    if len(token) >= _ADDRESS_MIN and _ADDRESS_RE.fullmatch(token):
        return [piece for piece in _ADDRESS_CUT_RE.split(token) if piece]
    return [token]


def ideograph_count(text: str) -> int:
    """How many ideographs (URO, Ext-A, compatibility, Ext-B..H) `text` holds: each is
    set exactly 1 em wide and never narrower, whatever the justification
    (cjk-typography §2). A loop, not a regex: compiling that class costs ~2 ms a run."""
    count = 0
    for ch in text:
        code = ord(ch)
        if (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
                or 0x20000 <= code <= 0x3134F):
            count += 1
    return count

# Atom kinds the composer distinguishes. HYPHEN is a point where a Latin word may be
# hyphenated (`hyphenate`): nothing inside a line, a hyphen at its end.
# (Final: constants the compiled core inlines, see `native`)
HAN: Final = 0
PUNCT: Final = 1
UNIT2: Final = 2
WEST: Final = 3
SPACE: Final = 4
WPUNCT: Final = 5
HYPHEN: Final = 6
SOFT_HYPHEN = ""  # its token: the line's text stays the paragraph's text


def is_west_word(text: str) -> bool:
    """A Latin word or digit run (gets the Han–Latin gap next to Han)."""
    ch = text[0]
    return ch.isascii() and ch.isalnum() or "\u00c0" <= ch <= "\u024f" or (
        ch in NUMBER_PREFIX and len(text) > 1
    )


def classify(text: str) -> int:
    """The atom kind of one token (see `tokenize`)."""
    if len(text) > 1:
        if text in TWO_EM_UNITS:
            return UNIT2
        if text.isspace():
            return SPACE
        return WEST
    if text in TWO_EM_UNITS:
        return UNIT2
    if text in INK_LEFT or text in INK_RIGHT or text in INK_CENTRE:
        return PUNCT
    if text == "\u3000":
        return HAN  # the ideographic space is a 1-em box like a Han character
    if text.isspace():
        return SPACE
    if is_west_word(text):
        return WEST
    o = ord(text)
    if o < 0x2E80 and text not in "—…":
        return WPUNCT  # half-width marks, symbols: natural width
    return HAN
