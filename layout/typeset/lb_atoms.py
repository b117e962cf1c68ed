"""Paragraph -> atoms: the unbreakable units the composer breaks lines between.

An atom is a Han character, a full-width mark, a two-em unit (—— ……), a Western
word or digit run with its affixes, a half-width mark, or a run of spaces. For each
atom we precompute, in pt: its box width by class (clreq § Widths: not the font's
advance), what it loses at a line start or end, what it may shrink while justifying,
the Han–Latin gap before it, and whether a line may break before it. Everything the
breaker needs is then a prefix sum, so per-character Python work stays small.
"""

from __future__ import annotations

import weakref
from itertools import accumulate, compress
from operator import add, not_, or_
from dataclasses import dataclass, field
from typing import NamedTuple
from collections.abc import Sequence

from layout.typeset import cjk
from layout.typeset.measure import Metrics

# Glyph alignment in its box (GB positioning table).
LEFT, RIGHT, CENTRE = 0, 1, 2


class StyledText(NamedTuple):
    """A stretch of a paragraph in one role (font chain), size and colour. A tuple:
    a hundred are made a page and hashed as the atoms' cache key."""

    text: str
    role: str
    size: float
    color: str = "#000000"


@dataclass(slots=True)
class Atoms:
    """Parallel arrays, one entry per atom (arrays beat objects for speed here).

    Whether a line may break before an atom, and whether the gap before it may
    spread, are asked lazily (`can_break`, `can_spread_before`): the breaker asks at
    a few places per line, so deciding it for every atom would be wasted work.
    """

    text: list[str] = field(default_factory=list)
    kind: bytes = b""  # atom kinds (cjk.HAN...), one byte each
    style: list[int] = field(default_factory=list)
    face: Sequence[str] = ()
    size: Sequence[float] = ()
    box: list[float] = field(default_factory=list)  # natural box width
    adv: list[float] = field(default_factory=list)  # font advance of the first glyph
    align: Sequence[int] = ()
    start_trim: list[float] = field(default_factory=list)  # lost at a line start
    end_trim: list[float] = field(default_factory=list)  # lost at a line end
    shrink_class: Sequence[int] = ()  # index in SHRINK_ORDER or -1
    shrink: list[float] = field(default_factory=list)  # pt it may lose when justifying
    gap: list[float] = field(default_factory=list)  # Han–Latin gap before this atom
    not_start: Sequence[bool] = ()  # may not begin a line (or is a space)
    not_end: Sequence[bool] = ()  # may not end a line
    westish: Sequence[bool] = ()  # Western word or half-width mark (no break between)
    fixed_l: Sequence[bool] = ()  # the gap before it may not spread
    fixed_r: Sequence[bool] = ()  # the gap after it may not spread
    cum: list[float] = field(default_factory=list)  # prefix sums of box + gap (n + 1)
    chars: str | None = None  # the paragraph's text if every atom is one character
    # Paragraph-wide facts, so the per-line checks of the common case are free:
    plain: bool = True  # Han characters and full-width marks only
    uniform: bool = True  # one face, size and style throughout
    all_spread: bool = True  # every gap may spread (no connector, `/` or space)

    def can_break(self, e: int) -> bool:
        """A line may break before atom `e` (clreq kinsoku; spaces do not lift a
        line-end prohibition; no break inside Western text)."""
        if e >= len(self.text):
            return True
        if e <= 0 or self.not_start[e] or (self.westish[e - 1] and self.westish[e]):
            return False
        j, kind = e - 1, self.kind
        while j > 0 and kind[j] == cjk.SPACE:
            j -= 1
        return not self.not_end[j] and kind[j] != cjk.SPACE  # no line of only spaces

    def text_of(self, s: int, e: int) -> str:
        """The text of atoms [s, e) (a slice of the paragraph is cheaper than a join)."""
        if self.chars is not None:
            return self.chars[s:e]
        return "".join(self.text[s:e])

    def can_spread_before(self, i: int) -> bool:
        """The gap before atom `i` may grow (never next to connectors, `/`, spaces)."""
        return not (self.fixed_r[i - 1] or self.fixed_l[i])

    def spread_points(self, s: int, c: int) -> list[int]:
        """Offsets k (1..c-s) of the gaps in line s..c that may grow: those before
        atoms i with `can_spread_before(i)` (in C: a line has a dozen gaps or more)."""
        if self.all_spread:
            return list(range(1, c - s + 1))
        fixed = map(or_, self.fixed_r[s:c], self.fixed_l[s + 1:c + 1])
        return list(compress(range(1, c - s + 1), map(not_, fixed)))


def _shrink_class(ch: str) -> int:
    for i, (_, chars, _) in enumerate(cjk.SHRINK_ORDER):
        if ch in chars:
            return i
    return -1


_SHRINK_CLASS = {ch: _shrink_class(ch) for ch in "".join(
    "".join(chars) for _, chars, _ in cjk.SHRINK_ORDER)}
_NO_SPREAD = frozenset("-/–—")  # clreq: never spread next to connectors or `/`


class _Faces:
    """Cache of face lookups, advances (em at size 1) and token rows, per metrics.

    Kept across paragraphs (see `faces_for`): the same few thousand characters
    recur, and looking them up once is most of the composer's per-character work.
    """

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self.faces: dict[tuple[str, str], str] = {}
        self.advs: dict[tuple[str, str], float] = {}
        # (role, size, stops centred) -> token -> row
        self.rows: dict[tuple[str, float, bool], dict[str, tuple]] = {}
        self.words: dict[tuple[str, str, float], tuple[tuple[str, str, float], ...]] = {}

    def face(self, ch: str, role: str) -> str:
        key = (ch, role)
        f = self.faces.get(key)
        if f is None:
            f = self.metrics.face_for(ch, role) or self.metrics.face_for("\u6c38", role)
            if f is None:
                f = "fixed"
            self.faces[key] = f
        return f

    def glyphs(self, word: str, role: str, size: float) -> tuple[tuple[str, str, float], ...]:
        """(char, face, advance in pt) of each char of a Western word (cached: words
        and numbers recur, and a line is placed glyph by glyph)."""
        key = (word, role, size)
        g = self.words.get(key)
        if g is None:
            faces = [self.face(ch, role) for ch in word]
            g = self.words[key] = tuple((ch, f, self.adv(f, ch) * size)
                                        for ch, f in zip(word, faces))
        return g

    def adv(self, face: str, text: str) -> float:
        key = (face, text)
        a = self.advs.get(key)
        if a is None:
            a = self.advs[key] = self.metrics.advance(face, text, 1.0)
        return a


_CACHES: weakref.WeakKeyDictionary[object, _Faces] = weakref.WeakKeyDictionary()


def faces_for(metrics: Metrics) -> _Faces:
    """The lookup cache of `metrics` (one per metrics object, dropped with it)."""
    try:
        f = _CACHES.get(metrics)
        if f is None:
            f = _CACHES[metrics] = _Faces(metrics)
        return f
    except TypeError:  # not weak-referenceable: a per-call cache
        return _Faces(metrics)


def build_atoms(texts: Sequence[StyledText], faces: _Faces, compressed: bool,
                hyphenate: bool = False, centred: bool = False) -> Atoms:
    """Tokenise the runs into atoms and fill every per-atom array.

    Per-token facts come from a cached row per (role, size, token), gathered with
    C-level `map`/`zip`; only the rare atoms whose neighbours matter (Western words,
    spaces, adjacent marks) are visited one by one. `hyphenate`: long Latin words
    are atoms per syllable, with a `cjk.HYPHEN` atom between (see `hyphenate`).
    `centred`: the stops `cjk.CENTRED_STOPS` sit in the middle of their em box, as
    in Taiwan and Hong Kong (with a face drawn that way), never trimmed.
    """
    rows: list[tuple] = []
    tokens: list[str] = []
    style: list[int] = []
    for si, st in enumerate(texts):
        toks = cjk.tokenize(st.text, hyphenate)
        rows += _rows(toks, st, faces, centred)
        tokens += toks
        style += [si] * len(toks)
    at = Atoms()
    if not rows:
        return at
    (kind, at.face, at.size, box, adv, at.align, st_, en_, at.shrink_class, shr,
     at.not_start, at.not_end, at.westish, at.fixed_l, at.fixed_r, hl) = zip(*rows)
    at.kind = bytes(kind)  # kinds are small ints: bytes give C-level find and translate
    at.text, at.style = tokens, style
    chars = texts[0].text if len(texts) == 1 else "".join(st.text for st in texts)
    if len(chars) == len(tokens) and cjk.HYPHEN not in at.kind:
        at.chars = chars
    at.adv, at.box, at.start_trim, at.end_trim = list(adv), list(box), list(st_), list(en_)
    at.shrink = list(shr)
    at.gap = [0.0] * len(tokens)
    if _link(at, compressed, hl):
        at.cum = [0.0, *accumulate(map(add, at.box, at.gap))]
    else:  # no Han–Latin gap: the same sums without adding zeros
        at.cum = [0.0, *accumulate(at.box)]
    at.plain = not at.kind.translate(None, _PLAIN_KINDS)  # nothing left but Han and marks
    at.uniform = len(texts) == 1 and at.face.count(at.face[0]) == len(at.face)
    at.fixed_r = _glue_western(at.westish, at.fixed_r)
    at.all_spread = not (any(at.fixed_l) or any(at.fixed_r))
    return at


_WESTERN_PAIR = b"\x01\x01"


def _glue_western(westish: Sequence[bool], fixed_r: Sequence[bool]) -> Sequence[bool]:
    """`fixed_r` with no spreading between adjacent Western atoms (a URL's or an
    address's pieces, https : / / www.example.com ? id): justification would open
    spaces inside what reads as one word. Pairs are found with `bytes.find`; most
    paragraphs have none."""
    flags = bytes(westish)
    i = flags.find(_WESTERN_PAIR)
    if i < 0:
        return fixed_r
    glued = list(fixed_r)
    while i >= 0:
        glued[i] = True
        i = flags.find(_WESTERN_PAIR, i + 1)
    return glued


def _rows(toks: list[str], st: StyledText, faces: _Faces, centred: bool) -> list[tuple]:
    """The cached rows of `toks` in `st`'s role and size, made for unseen tokens."""
    table = faces.rows.get((st.role, st.size, centred))
    if table is None:
        table = faces.rows[(st.role, st.size, centred)] = {}
    try:
        return list(map(table.__getitem__, toks))
    except KeyError:  # a token not seen before in this role and size
        for tok in set(toks).difference(table):
            table[tok] = _row(tok, st, faces, centred)
        return list(map(table.__getitem__, toks))


def _row(tok: str, st: StyledText, faces: _Faces, centred: bool) -> tuple:
    """Everything about a token that does not depend on its neighbours (cached)."""
    size = st.size
    if tok == cjk.SOFT_HYPHEN:  # no width, no break before it, no spreading next to it
        face = faces.face("-", st.role)
        adv = faces.adv(face, "-") * size  # a line that ends here gains a hyphen (lb_fit)
        return (cjk.HYPHEN, face, size, 0.0, adv, LEFT, 0.0, -adv, -1, 0.0,
                True, False, False, True, True, False)
    kind = cjk.classify(tok)
    face = faces.face(tok[0], st.role)
    adv = faces.adv(face, tok[0]) * size
    align, start_trim, end_trim, sc, shr = CENTRE, 0.0, 0.0, -1, 0.0
    if kind == cjk.HAN:
        box = size
        if tok == "\u3000":
            end_trim = size  # a full-width space vanishes at a line end, like a space
    elif kind == cjk.PUNCT:
        box = size * (0.5 if tok in cjk.HALF_EM else 1.0)
        if centred and tok in cjk.CENTRED_STOPS:
            pass  # centred in the box, nothing blank to trim
        elif tok in cjk.INK_LEFT:
            align, end_trim = LEFT, 0.5 * size
        elif tok in cjk.INK_RIGHT:
            align, start_trim = RIGHT, 0.5 * size
        sc = _SHRINK_CLASS.get(tok, -1)
        shr = cjk.SHRINK_ORDER[sc][2] * size if sc >= 0 else 0.0
    elif kind == cjk.UNIT2:
        box, align = 2.0 * size, LEFT
    elif kind == cjk.SPACE:
        box = faces.adv(face, " ") * size * len(tok)
        shr = max(0.0, box - cjk.SPACE_MIN * size)
    else:  # WEST, WPUNCT: the font's own advance
        box = faces.adv(face, tok) * size if len(tok) > 1 else adv
        align = LEFT
    not_start = kind == cjk.SPACE or tok[0] in cjk.NOT_AT_START
    not_end = tok[-1] in cjk.NOT_AT_END
    westish = kind in (cjk.WEST, cjk.WPUNCT)
    fixed_l = kind == cjk.SPACE or (kind != cjk.UNIT2 and tok[0] in _NO_SPREAD)
    fixed_r = kind == cjk.SPACE or (kind != cjk.UNIT2 and tok[-1] in _NO_SPREAD)
    han_latin = kind == cjk.WEST and cjk.is_west_word(tok)
    return (kind, face, size, box, adv, align, start_trim, end_trim, sc, shr,
            not_start, not_end, westish, fixed_l, fixed_r, han_latin)


def _link(at: Atoms, compressed: bool, han_latin: Sequence[bool]) -> bool:
    """What depends on neighbours: Han–Latin gaps, spaces next to Han, mark pairs.

    Returns whether any Han–Latin gap was set. Spaces and mark pairs are found with
    `bytes.find` on the kinds: they are rare, and most paragraphs have none.
    """
    n = len(at.text)
    kind, text, size = at.kind, at.text, at.size
    HAN = cjk.HAN
    gapped = False
    # clreq § Mixed Text Composition: ¼ em between Han and Latin/digits, none next
    # to punctuation or an ideographic space (an existing space takes its place).
    for i in compress(range(n), han_latin):
        if i > 0 and kind[i - 1] == HAN and text[i - 1] != "\u3000":
            at.gap[i] = cjk.HAN_LATIN_GAP * max(size[i - 1], size[i])
            gapped = True
        if i + 1 < n and kind[i + 1] == HAN and text[i + 1] != "\u3000":
            at.gap[i + 1] = cjk.HAN_LATIN_GAP * max(size[i], size[i + 1])
            gapped = True
    i = kind.find(cjk.SPACE, 1, n - 1)
    while i >= 0:
        if kind[i - 1] == HAN or kind[i + 1] == HAN:
            at.box[i] = cjk.HAN_LATIN_GAP * size[i]
            at.shrink[i] = (cjk.HAN_LATIN_GAP - cjk.HAN_LATIN_MIN) * size[i]
        i = kind.find(cjk.SPACE, i + 1, n - 1)
    if compressed:
        i = kind.find(_MARK_PAIR)
        while i >= 0:
            _compress_pair(at, i + 1)
            i = kind.find(_MARK_PAIR, i + 1)  # overlapping: 。”」 is two pairs
    return gapped


_MARK_PAIR = bytes((cjk.PUNCT, cjk.PUNCT))
_PLAIN_KINDS = bytes((cjk.HAN, cjk.PUNCT))


def _compress_pair(at: Atoms, i: int) -> None:
    """Two adjacent 1-em marks take 1.5 em: trim the inner side that is blank.

    clreq § Adjustment of adjacent punctuation marks (。” ）。 》， “《).
    """
    a, b = at.text[i - 1], at.text[i]
    if a in cjk.INK_LEFT and at.end_trim[i - 1] > 0:
        at.box[i - 1] -= at.end_trim[i - 1]
        at.end_trim[i - 1] = at.shrink[i - 1] = 0.0
    elif b in cjk.INK_RIGHT and at.start_trim[i] > 0:
        at.box[i] -= at.start_trim[i]
        at.start_trim[i] = at.shrink[i] = 0.0
