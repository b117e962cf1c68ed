"""One broken line -> a `Line` of positioned runs (justification and glyph placement).

In: the atoms of one line. Out: boxes shrunk or expanded in clreq order (§ Procedures
for Inter-Character Spacing Reduction/Expansion), each glyph placed in its class box
(left, right or centred per the GB positioning table), and consecutive glyphs that
advance by the font's widths plus one constant tracking merged into one `Run`, so a
justified stretch of Han text is a single PDF text operation (tracking = `Tc`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from layout.typeset import cjk
from layout.typeset.lb_atoms import CENTRE, LEFT, RIGHT, Atoms, StyledText, _Faces
from layout.typeset.placed import Line, Run

if TYPE_CHECKING:
    from layout.typeset.linebreak import ComposeOptions

EPS = 1e-6
DASH_MARGIN = 0.04  # em of blank at each end of a drawn —— (as in ⸺ glyphs)


def set_line(at: Atoms, s: int, e: int, measure: float, lead: float, last: bool,
             hang: bool, opt: ComposeOptions, texts: Sequence[StyledText],
             faces: _Faces) -> Line:
    """Justify (or align) atoms [s, e) and emit the line's runs."""
    compressed = opt.punctuation == "compressed"
    j = e - 1
    while j > s and at.kind[j] == cjk.SPACE:
        j -= 1
    vis_end = j + 1  # trailing spaces: text only, not drawn
    hang_end = vis_end - 1 if hang else vis_end
    boxes = at.box[s:vis_end]
    gaps = [0.0] + at.gap[s + 1:vis_end]
    if compressed or not last:
        _trim_ends(at, s, hang_end - 1, boxes, compressed, last)
    avail = measure - lead
    natural = sum(boxes[: hang_end - s]) + sum(gaps[: hang_end - s])
    justify = opt.align == "justify" and not last
    if justify and natural > avail + EPS:
        _shrink(at, s, boxes, gaps, natural - avail, hang_end, compressed)
    elif justify and natural < avail - EPS:
        _expand(at, s, boxes, gaps, avail - natural, hang_end)
    content = sum(boxes[: hang_end - s]) + sum(gaps[: hang_end - s])
    x = lead
    if not justify:
        x += {"center": (avail - content) / 2, "right": avail - content}.get(opt.align, 0.0)
    runs = _place(at, s, vis_end, x, boxes, gaps, texts, faces)
    return Line(runs=runs, width=measure, text="".join(at.text[s:e]), last=last)


def _trim_ends(at: Atoms, s: int, j: int, boxes: list[float], compressed: bool,
               last: bool) -> None:
    """GB/T 15834 §5.1.10: a line-end mark takes ½ em; a line-start bracket too.

    Compressed style always trims; full-width style trims only to fit (in `_shrink`
    order first), so here it trims nothing.
    """
    if not compressed:
        return
    boxes[0] -= at.start_trim[s]
    if j >= s:
        boxes[j - s] -= at.end_trim[j]


def _shrink(at: Atoms, s: int, boxes: list[float], gaps: list[float], need: float,
            end: int, compressed: bool) -> None:
    """Take `need` pt away in clreq order: ends, spaces, marks by class, Han–Latin gaps."""
    n = end - s
    stages: list[list[tuple[int, float]]] = []
    if not compressed:  # compressed style trimmed the ends already
        stages.append([(0, at.start_trim[s]), (n - 1, at.end_trim[s + n - 1])])
    stages.append([(i, at.shrink[s + i]) for i in range(n) if at.kind[s + i] == cjk.SPACE])
    for k in range(len(cjk.SHRINK_ORDER)):
        # what is left of its shrink after any line-end/start trim
        stages.append([(i, at.shrink[s + i] - (at.box[s + i] - boxes[i]))
                       for i in range(n) if at.shrink_class[s + i] == k])
    for stage in stages:
        need = _take(boxes, stage, need)
        if need <= EPS:
            return
    hl = [(i, g * (1 - cjk.HAN_LATIN_MIN / cjk.HAN_LATIN_GAP)) for i, g in enumerate(gaps[:n]) if g]
    _take(gaps, hl, need)


def _take(values: list[float], caps: list[tuple[int, float]], need: float) -> float:
    """Reduce values[i] in proportion to their capacities; return what is still needed."""
    caps = [(i, c) for i, c in caps if c > EPS]
    total = sum(c for _, c in caps)
    if total <= EPS:
        return need
    f = min(1.0, need / total)
    for i, c in caps:
        values[i] -= c * f
    return need - total * f


def _expand(at: Atoms, s: int, boxes: list[float], gaps: list[float], slack: float,
            end: int) -> None:
    """Add `slack` pt: word spaces to ½ em, Han–Latin gaps to ⅓ em, then all gaps equally."""
    n = end - s
    spaces = [(i, max(0.0, cjk.SPACE_MAX * at.size[s + i] - boxes[i]))
              for i in range(n) if at.kind[s + i] == cjk.SPACE]
    slack = _grow(boxes, spaces, slack)
    hl = [(i, g * (cjk.HAN_LATIN_MAX / cjk.HAN_LATIN_GAP - 1)) for i, g in enumerate(gaps[:n]) if g]
    slack = _grow(gaps, hl, slack)
    if slack <= EPS:
        return
    spread = [i for i in range(1, n) if at.spread[s + i]]
    if not spread:  # nothing may grow: leave the line short rather than break words
        return
    each = slack / len(spread)
    for i in spread:
        gaps[i] += each


def _grow(values: list[float], caps: list[tuple[int, float]], slack: float) -> float:
    total = sum(c for _, c in caps)
    if total <= EPS or slack <= EPS:
        return slack
    f = min(1.0, slack / total)
    for i, c in caps:
        values[i] += c * f
    return slack - total * f


def _place(at: Atoms, s: int, e: int, x: float, boxes: list[float], gaps: list[float],
           texts: Sequence[StyledText], faces: _Faces) -> tuple[Run, ...]:
    """Place each atom's glyphs in its box and merge them into runs."""
    out = _RunBuilder()
    for i in range(s, e):
        k = i - s
        x += gaps[k]
        box, text, size = boxes[k], at.text[i], at.size[i]
        color = texts[at.style[i]].color
        kind = at.kind[i]
        if i == e - 1 and text == "\u3000" and box < EPS:
            pass  # a blank: nothing to draw (trimmed ones would stick out)
        elif kind == cjk.SPACE:
            out.add(x, text, at.face[i], size, color, at.adv[i] * len(text))
        elif kind in (cjk.WEST, cjk.WPUNCT):
            _place_west(out, at, i, x, texts, faces, color)
        elif kind == cjk.UNIT2:
            _place_unit(out, at, i, x, box, faces, color)
        else:
            a = at.adv[i]
            align = at.align[i]
            gx = x if align == LEFT else x + box - a if align == RIGHT else x + (box - a) / 2
            out.add(gx, text, at.face[i], size, color, a)
        x += box
    return out.runs()


def _place_west(out: _RunBuilder, at: Atoms, i: int, x: float,
                texts: Sequence[StyledText], faces: _Faces, color: str) -> None:
    """A Western word at the font's advances, split only where the face changes."""
    role, size, text = texts[at.style[i]].role, at.size[i], at.text[i]
    for ch in text:
        face = faces.face(ch, role)
        a = faces.adv(face, ch) * size
        out.add(x, ch, face, size, color, a)
        x += a


def _place_unit(out: _RunBuilder, at: Atoms, i: int, x: float, box: float,
                faces: _Faces, color: str) -> None:
    """A two-em unit: dashes stretched to one unbroken 2-em rule, dots spaced 1 em."""
    text, size, face = at.text[i], at.size[i], at.face[i]
    a = at.adv[i]
    per = box / len(text)
    ink = getattr(faces.metrics, "ink_extent", None)
    if text[0] in "—⸺" and ink is not None:
        lo, hi = (v * size for v in ink(face, text[0]))
        m, overlap = DASH_MARGIN * size, 0.02 * size
        scale = (box - 2 * m + overlap * (len(text) - 1)) / (len(text) * (hi - lo))
        tracking = (hi - a - lo) * scale - overlap
        out.add_fixed(Run(x + m - lo * scale, text, face, size, tracking, color, scale))
    elif abs(a - per) > EPS and text[0] in "—⸺":
        out.add_fixed(Run(x, text, face, size, 0.0, color, per / a))
    else:
        out.add_fixed(Run(x + (per - a) / 2, text, face, size, per - a, color))


class _RunBuilder:
    """Merge glyphs into runs: same font, size, colour and one constant tracking."""

    def __init__(self) -> None:
        self._runs: list[Run] = []
        self._cur: list = []  # x, chars, face, size, color, tracking|None, end_x

    def add(self, x: float, ch: str, face: str, size: float, color: str, a: float) -> None:
        c = self._cur
        if c and c[2] == face and c[3] == size and c[4] == color:
            t = x - c[6]
            if c[5] is None or abs(t - c[5]) < 1e-6:
                c[1].append(ch)
                c[5] = t
                c[6] = x + a
                return
        self._flush()
        self._cur = [x, [ch], face, size, color, None, x + a]

    def add_fixed(self, run: Run) -> None:
        self._flush()
        self._runs.append(run)

    def _flush(self) -> None:
        c = self._cur
        if c:
            self._runs.append(Run(c[0], "".join(c[1]), c[2], c[3], c[5] or 0.0, c[4]))
            self._cur = []

    def runs(self) -> tuple[Run, ...]:
        self._flush()
        return tuple(self._runs)
