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
from itertools import accumulate
from dataclasses import dataclass, field
from typing import Sequence

from layout.typeset import cjk
from layout.typeset.measure import Metrics

# Glyph alignment in its box (GB positioning table).
LEFT, RIGHT, CENTRE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class StyledText:
    """A stretch of a paragraph in one role (font chain), size and colour."""

    text: str
    role: str
    size: float
    color: str = "#000000"


@dataclass(slots=True)
class Atoms:
    """Parallel arrays, one entry per atom (arrays beat objects for speed here)."""

    text: list[str] = field(default_factory=list)
    kind: list[int] = field(default_factory=list)
    style: list[int] = field(default_factory=list)
    face: list[str] = field(default_factory=list)
    size: list[float] = field(default_factory=list)
    box: list[float] = field(default_factory=list)  # natural box width
    adv: list[float] = field(default_factory=list)  # font advance of the first glyph
    align: list[int] = field(default_factory=list)
    start_trim: list[float] = field(default_factory=list)  # lost at a line start
    end_trim: list[float] = field(default_factory=list)  # lost at a line end
    shrink_class: list[int] = field(default_factory=list)  # index in SHRINK_ORDER or -1
    shrink: list[float] = field(default_factory=list)  # pt it may lose when justifying
    gap: list[float] = field(default_factory=list)  # Han–Latin gap before this atom
    breakable: list[bool] = field(default_factory=list)  # a break allowed before it
    spread: list[bool] = field(default_factory=list)  # the gap before it may grow
    cum: list[float] = field(default_factory=list)  # prefix sums of box + gap (n + 1)


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
        self.rows: dict[tuple[str, str, float], tuple] = {}

    def face(self, ch: str, role: str) -> str:
        key = (ch, role)
        f = self.faces.get(key)
        if f is None:
            f = self.metrics.face_for(ch, role) or self.metrics.face_for("\u6c38", role)
            if f is None:
                f = "fixed"
            self.faces[key] = f
        return f

    def adv(self, face: str, text: str) -> float:
        key = (face, text)
        a = self.advs.get(key)
        if a is None:
            a = self.advs[key] = self.metrics.advance(face, text, 1.0)
        return a


_CACHES: "weakref.WeakKeyDictionary[object, _Faces]" = weakref.WeakKeyDictionary()


def faces_for(metrics: Metrics) -> _Faces:
    """The lookup cache of `metrics` (one per metrics object, dropped with it)."""
    try:
        f = _CACHES.get(metrics)
        if f is None:
            f = _CACHES[metrics] = _Faces(metrics)
        return f
    except TypeError:  # not weak-referenceable: a per-call cache
        return _Faces(metrics)


def build_atoms(texts: Sequence[StyledText], faces: _Faces, compressed: bool) -> Atoms:
    """Tokenise the runs into atoms and fill every per-atom array."""
    at = Atoms()
    for si, st in enumerate(texts):
        for tok in cjk.TOKEN_RE.findall(st.text):
            _append(at, tok, si, st, faces)
    _link(at, compressed)
    at.cum = [0.0, *accumulate(b + g for b, g in zip(at.box, at.gap))]
    return at


def _append(at: Atoms, tok: str, si: int, st: StyledText, faces: _Faces) -> None:
    key = (tok, st.role, st.size)
    row = faces.rows.get(key)
    if row is None:
        row = faces.rows[key] = _row(tok, st, faces)
    kind, face, size, box, adv, align, start_trim, end_trim, sc, shr = row
    at.text.append(tok)
    at.kind.append(kind)
    at.style.append(si)
    at.face.append(face)
    at.size.append(size)
    at.box.append(box)
    at.adv.append(adv)
    at.align.append(align)
    at.start_trim.append(start_trim)
    at.end_trim.append(end_trim)
    at.shrink_class.append(sc)
    at.shrink.append(shr)


def _row(tok: str, st: StyledText, faces: _Faces) -> tuple:
    """Everything about a token that does not depend on its neighbours (cached)."""
    kind = cjk.classify(tok)
    size = st.size
    face = faces.face(tok[0], st.role)
    adv = faces.adv(face, tok[0]) * size
    align, start_trim, end_trim, sc, shr = CENTRE, 0.0, 0.0, -1, 0.0
    if kind == cjk.HAN:
        box = size
        if tok == "\u3000":
            end_trim = size  # a full-width space vanishes at a line end, like a space
    elif kind == cjk.PUNCT:
        box = size * (0.5 if tok in cjk.HALF_EM else 1.0)
        if tok in cjk.INK_LEFT:
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
    return (kind, face, size, box, adv, align, start_trim, end_trim, sc, shr)


def _link(at: Atoms, compressed: bool) -> None:
    """Decide what depends on neighbours: gaps, breaks, adjacent-mark compression."""
    n = len(at.text)
    kind, text = at.kind, at.text
    at.gap = [0.0] * n
    at.breakable = [False] * n
    at.spread = [False] * n
    last_vis = text[0] if n else ""  # spaces do not lift a line-end prohibition
    for i in range(1, n):
        pk, k = kind[i - 1], kind[i]
        prev, cur = text[i - 1], text[i]
        if pk != cjk.SPACE:
            last_vis = prev
        west_pair = pk in (cjk.WEST, cjk.WPUNCT) and k in (cjk.WEST, cjk.WPUNCT)
        at.breakable[i] = not (
            k == cjk.SPACE
            or cur[0] in cjk.NOT_AT_START
            or last_vis[-1] in cjk.NOT_AT_END
            or west_pair
        )
        at.spread[i] = not ((pk != cjk.UNIT2 and prev[-1] in _NO_SPREAD)
                            or (k != cjk.UNIT2 and cur[0] in _NO_SPREAD)
                            or pk == cjk.SPACE or k == cjk.SPACE)
        # clreq § Mixed Text Composition: ¼ em between Han and Latin/digits, none
        # next to punctuation (and an existing space takes the gap's place).
        if (pk == cjk.HAN and k == cjk.WEST and cjk.is_west_word(cur) and prev != "\u3000") or (
            pk == cjk.WEST and k == cjk.HAN and cjk.is_west_word(prev) and cur != "\u3000"
        ):
            at.gap[i] = cjk.HAN_LATIN_GAP * max(at.size[i - 1], at.size[i])
        if k == cjk.SPACE and 0 < i < n - 1 and (pk == cjk.HAN or kind[i + 1] == cjk.HAN):
            at.box[i] = cjk.HAN_LATIN_GAP * at.size[i]
            at.shrink[i] = (cjk.HAN_LATIN_GAP - cjk.HAN_LATIN_MIN) * at.size[i]
        if compressed and pk == cjk.PUNCT and k == cjk.PUNCT:
            _compress_pair(at, i)


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
