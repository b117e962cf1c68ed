"""One broken line -> a `Line` of positioned runs (justification and glyph placement).

In: the atoms of one line. Out: boxes shrunk or expanded in clreq order (§ Procedures
for Inter-Character Spacing Reduction/Expansion), each glyph placed in its class box
(left, right or centred per the GB positioning table), and consecutive glyphs that
advance by the font's widths plus one constant tracking merged into one `Run`, so a
justified stretch of Han text is a single PDF text operation (tracking = `Tc`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from layout.typeset import cjk, lb_fit
from layout.typeset.lb_atoms import CENTRE, LEFT, RIGHT, Atoms, StyledText, _Faces
from layout.typeset.placed import Line, Run

if TYPE_CHECKING:
    from layout.typeset.linebreak import ComposeOptions

EPS = 1e-6
DASH_MARGIN = 0.04  # em of blank at each end of a drawn —— (as in ⸺ glyphs)


def set_line(at: Atoms, s: int, e: int, measure: float, lead: float, last: bool,
             hang: bool, opt: ComposeOptions, texts: Sequence[StyledText],
             faces: _Faces) -> Line:
    """Justify (or align) atoms [s, e) and emit the line's runs.

    Widths, trims, shrink and stretch all come from `lb_fit`, as in the breaker. A
    line too long for the measure (a pushed-in last line too) is shrunk; only a
    justified non-final line is stretched.
    """
    compressed = opt.punctuation == "compressed"
    c = lb_fit.content_end(at, s, e, hang)
    trims = lb_fit.fixed_trims(at, s, c, compressed, hang)
    boxes, gaps = lb_fit.line_boxes(at, s, c, trims)
    avail = measure - lead
    natural = lb_fit.natural(at, s, c, trims)
    justify = opt.align == "justify" and (not last or hang)  # a hung mark is outside
    if natural > avail + EPS:
        left = lb_fit.shrink(at, s, c, boxes, gaps, natural - avail, compressed, hang)
        if justify and left < -EPS:  # a whole-mark trim overshot: spread the rest
            lb_fit.expand(at, s, c, boxes, gaps, -left)
    elif justify and natural < avail - EPS:
        lb_fit.expand(at, s, c, boxes, gaps, avail - natural)
    x = lead
    if not justify and opt.align in ("center", "right"):
        content = sum(boxes) + sum(gaps)
        x += (avail - content) / 2 if opt.align == "center" else avail - content
    if hang:
        boxes.append(at.box[c + 1])
        gaps.append(0.0)
    runs = _place(at, s, s + len(boxes), x, boxes, gaps, texts, faces)
    return Line(runs=runs, width=measure, text="".join(at.text[s:e]), last=last)


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
        elif kind == cjk.SPACE:  # each space char in an equal share of the box
            for k2 in range(len(text)):
                out.add(x + k2 * box / len(text), text[k2], at.face[i], size, color, at.adv[i])
        elif kind in (cjk.WEST, cjk.WPUNCT):
            _place_west(out, at, i, x, texts, faces, color)
        elif kind == cjk.UNIT2:
            _place_unit(out, at, i, x, box, faces, color)
        else:
            a = at.adv[i]
            align = at.align[i]
            gx = x if align == LEFT else x + box - a if align == RIGHT else x + (box - a) / 2
            if a > box and align == CENTRE and i in (s, e - 1):  # keep it inside the line
                gx = x if i == s else x + box - a
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
