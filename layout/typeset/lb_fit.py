"""One line's geometry: natural width, shrink and stretch (the single source of truth).

In: the atoms of a paragraph and a line [s, e) (plus whether its last mark hangs).
Out: the line's natural width, the ordered shrink stages with each item's capacity,
and the stretch rules. The breaker (`linebreak`) asks `natural`/`min_width` whether a
line fits; the justifier (`lb_runs`) applies the very same stages with `shrink` and
`expand`, so the two cannot disagree about what a line can do.

Rules (clreq § Procedures for Inter-Character Spacing Reduction/Expansion, GB/T 15834
§5.1.10):
- compressed style always trims a line-start opening bracket and a line-end mark to
  ½ em; an ideographic space at a line end vanishes in both styles, and a line that
  ends at a hyphenation point gains a hyphen (a negative end trim);
- full-width style trims those two only when the line is too long, and then whole
  (end first, then start): a part-trimmed mark would end neither on the measure by
  its box nor by its ink;
- then shrink, in order: word spaces (to ¼ em), interpunct, brackets, ，、；：,
  Han–Latin gaps (to ⅛ em), 。？！ (each mark to ½ em);
- stretch: word spaces (to ½ em), Han–Latin gaps (to ⅓ em), then every gap that may
  spread, equally; a line with no such gap spreads its spaces and Han–Latin gaps.
"""

from __future__ import annotations

from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING

from layout.typeset import cjk

if TYPE_CHECKING:
    from layout.typeset.lb_atoms import Atoms

EPS = 1e-6
_EPS_LT = EPS.__lt__  # EPS < x, for C-level filtering with map
_CAP = itemgetter(1)  # the capacity of an (offset, capacity) item
IDEO_SPACE = "\u3000"
_HL_SHRINK = 1 - cjk.HAN_LATIN_MIN / cjk.HAN_LATIN_GAP
_HL_STRETCH = cjk.HAN_LATIN_MAX / cjk.HAN_LATIN_GAP - 1
_STOPS = next(i for i, (name, _, _) in enumerate(cjk.SHRINK_ORDER) if name == "stops")

# A stage is (target, [(offset in line, capacity pt), ...]); target BOX or GAP.
BOX, GAP = 0, 1
Stage = tuple[int, list[tuple[int, float]]]
# A measured line: (content end c, fixed (start, end) trims, natural width).
Measured = tuple[int, tuple[float, float], float]


def content_end(at: Atoms, s: int, e: int, hang: bool) -> int:
    """The last atom of [s, e) set inside the measure (no trailing blank, no hung mark)."""
    kind, text = at.kind, at.text
    j = e - 1
    while j > s and (kind[j] == cjk.SPACE or (text[j] == IDEO_SPACE and not hang)):
        j -= 1  # trailing spaces, and ideographic spaces at a line end, vanish
    return j - 1 if hang and j > s else j


def fixed_trims(at: Atoms, s: int, c: int, compressed: bool, hang: bool) -> tuple[float, float]:
    """(start, end) trims every such line gets, whatever its length."""
    start = at.start_trim[s] if compressed else 0.0
    end = 0.0
    if not hang and (compressed or at.text[c] == IDEO_SPACE or at.kind[c] == cjk.HYPHEN):
        end = at.end_trim[c]  # a hyphen's is negative: the line gains its width
    return start, end


def optional_trims(at: Atoms, s: int, c: int, compressed: bool,
                   hang: bool) -> list[tuple[int, float]]:
    """Full-width style: whole-mark trims taken only when the line is too long."""
    if compressed:
        return []
    out = []
    if not hang and at.end_trim[c] > 0 and at.text[c] != IDEO_SPACE:
        out.append((c - s, at.end_trim[c]))
    if at.start_trim[s] > 0 and not (c == s and out):
        out.append((0, at.start_trim[s]))
    return out


def natural(at: Atoms, s: int, c: int, trims: tuple[float, float]) -> float:
    """Width of atoms s..c with their Han–Latin gaps, less the fixed end trims."""
    return at.cum[c + 1] - at.cum[s] - at.gap[s] - trims[0] - trims[1]


def shrink_stages(at: Atoms, s: int, c: int, boxes: list[float],
                  gaps: list[float]) -> list[Stage]:
    """Continuous shrink stages in clreq order, for boxes already trimmed."""
    kind, sc, shr, box = at.kind, at.shrink_class, at.shrink, at.box
    spaces: list[tuple[int, float]] = []
    classes: list[list[tuple[int, float]]] = [[] for _ in cjk.SHRINK_ORDER]
    # only atoms that may lose more than EPS can contribute (a trim only lowers it)
    for i in compress(range(s, c + 1), map(_EPS_LT, shr[s:c + 1])):
        k = sc[i]
        if k >= 0:
            cap = shr[i] - (box[i] - boxes[i - s])  # what is left after a trim
            if cap > EPS:
                classes[k].append((i - s, cap))
        elif kind[i] == cjk.SPACE and shr[i] > EPS:
            spaces.append((i - s, shr[i]))
    hl = _gap_caps(gaps, _HL_SHRINK)
    stages: list[Stage] = [(BOX, spaces)]
    stages += [(BOX, classes[k]) for k in range(_STOPS)]
    stages.append((GAP, hl))
    stages += [(BOX, classes[k]) for k in range(_STOPS, len(classes))]
    return [st for st in stages if st[1]]


def _gap_caps(gaps: list[float], share: float) -> list[tuple[int, float]]:
    """(offset, share of the gap) of each Han–Latin gap (most lines have none)."""
    if max(gaps) <= EPS:
        return []
    return [(k, g * share) for k, g in enumerate(gaps) if g > EPS]


def measure_line(at: Atoms, s: int, e: int, hang: bool, compressed: bool) -> Measured:
    """(content end c, fixed trims, natural width) of line [s, e): what both the
    breaker and the justifier start from."""
    kind, text = at.kind, at.text
    j = e - 1
    while j > s and (kind[j] == cjk.SPACE or (text[j] == IDEO_SPACE and not hang)):
        j -= 1
    c = j - 1 if hang and j > s else j
    start = at.start_trim[s] if compressed else 0.0
    end = at.end_trim[c] if not hang and (compressed or text[c] == IDEO_SPACE
                                          or kind[c] == cjk.HYPHEN) else 0.0
    return c, (start, end), at.cum[c + 1] - at.cum[s] - at.gap[s] - start - end


def line_boxes(at: Atoms, s: int, c: int,
               trims: tuple[float, float]) -> tuple[list[float], list[float]]:
    """Boxes and gaps (gap before each atom; 0 for the first) after the fixed trims."""
    boxes = at.box[s:c + 1]
    boxes[0] -= trims[0]
    boxes[-1] -= trims[1]
    gaps = at.gap[s:c + 1]
    gaps[0] = 0.0
    return boxes, gaps


def min_width(at: Atoms, s: int, e: int, hang: bool, compressed: bool) -> float:
    """The narrowest the justifier can set line [s, e) (every trim and shrink taken)."""
    c, trims, w = measure_line(at, s, e, hang, compressed)
    boxes, gaps = line_boxes(at, s, c, trims)
    for k, t in optional_trims(at, s, c, compressed, hang):
        boxes[k] -= t
        w -= t
    for _, caps in shrink_stages(at, s, c, boxes, gaps):
        w -= sum(map(_CAP, caps))
    return w


def shrink(at: Atoms, s: int, c: int, boxes: list[float], gaps: list[float], need: float,
           compressed: bool, hang: bool) -> float:
    """Take `need` pt out of the line in clreq order; returns what is left (< 0: slack)."""
    for k, t in optional_trims(at, s, c, compressed, hang):
        boxes[k] -= t
        need -= t
        if need <= EPS:
            return need
    for target, caps in shrink_stages(at, s, c, boxes, gaps):
        need = _take(boxes if target == BOX else gaps, caps, need)
        if need <= EPS:
            return 0.0
    return need


def _take(values: list[float], caps: list[tuple[int, float]], need: float) -> float:
    """Reduce values[k] in proportion to their capacities; return what is still needed."""
    total = sum(map(_CAP, caps))
    f = min(1.0, need / total)
    for k, cap in caps:
        values[k] -= cap * f
    return need - total * f


def can_spread(at: Atoms, s: int, c: int) -> bool:
    """Whether the line has a gap clreq lets grow freely (else it needs the last resort)."""
    kind, gap, ok = at.kind, at.gap, at.can_spread_before
    return kind[s] == cjk.SPACE or any(
        ok(i) or gap[i] > 0 or kind[i] == cjk.SPACE for i in range(s + 1, c + 1))


def expand(at: Atoms, s: int, c: int, boxes: list[float], gaps: list[float],
           slack: float) -> None:
    """Add `slack` pt: word spaces to ½ em, Han–Latin gaps to ⅓ em, then spread."""
    kind, size = at.kind, at.size
    spaces = []
    if cjk.SPACE in kind[s:c + 1]:
        spaces = [(i - s, max(0.0, cjk.SPACE_MAX * size[i] - boxes[i - s]))
                  for i in range(s, c + 1) if kind[i] == cjk.SPACE]
        slack = _grow(boxes, spaces, slack)
    hl = _gap_caps(gaps, _HL_STRETCH)
    if hl:
        slack = _grow(gaps, hl, slack)
    if slack <= EPS:
        return
    points = at.spread_points(s, c)
    if points:
        each = slack / len(points)
        for k in points:
            gaps[k] += each
        return
    # nothing may spread (Western words and spaces only): spaces and gaps take it;
    # failing those, every gap between atoms (flush beats the connector rule)
    targets = [(boxes, k) for k, _ in spaces] + [(gaps, k) for k, _ in hl]
    if not targets:
        targets = [(gaps, k) for k in range(1, c - s + 1)]
    for values, k in targets:
        values[k] += slack / len(targets)


def _grow(values: list[float], caps: list[tuple[int, float]], slack: float) -> float:
    total = sum(map(_CAP, caps))
    if total <= EPS or slack <= EPS:
        return slack
    f = min(1.0, slack / total)
    for k, cap in caps:
        values[k] += cap * f
    return slack - total * f
