"""One broken line -> a `Line` of positioned runs (justification and glyph placement).

In: the atoms of one line. Out: boxes shrunk or expanded in clreq order (§ Procedures
for Inter-Character Spacing Reduction/Expansion), each glyph placed in its class box
(left, right or centred per the GB positioning table), and consecutive glyphs that
advance by the font's widths plus one constant tracking merged into one `Run`, so a
justified stretch of Han text is a single PDF text operation (tracking = `Tc`).
"""

from __future__ import annotations

from itertools import accumulate, chain, compress
from operator import add, sub
from typing import TYPE_CHECKING
from collections.abc import Sequence

from layout.typeset import cjk, lb_fit
from layout.typeset.lb_atoms import CENTRE, LEFT, RIGHT, Atoms, StyledText, _Faces
from layout.typeset.placed import Line, Run

if TYPE_CHECKING:
    from layout.typeset.linebreak import ComposeOptions

EPS = 1e-6
_TOL = 1e-6  # trackings closer than this are one run
DASH_MARGIN = 0.04  # em of blank at each end of a drawn —— (as in ⸺ glyphs)


def set_line(at: Atoms, s: int, e: int, measure: float, lead: float, last: bool,
             hang: bool, opt: ComposeOptions, texts: Sequence[StyledText],
             faces: _Faces, measured: lb_fit.Measured | None = None) -> Line:
    """Justify (or align) atoms [s, e) and emit the line's runs.

    Widths, trims, shrink and stretch all come from `lb_fit`, as in the breaker. A
    line too long for the measure (a pushed-in last line too) is shrunk; only a
    justified non-final line is stretched. `measured`: `lb_fit.measure_line` of the
    line, if the breaker has it.
    """
    compressed = opt.punctuation == "compressed"
    c, trims, natural = measured or lb_fit.measure_line(at, s, e, hang, compressed)
    avail = measure - lead
    justify = opt.align == "justify" and (not last or hang)  # a hung mark is outside
    if (not hang and c > s and natural <= avail + EPS and not (natural < avail - EPS and justify)
            and (justify or opt.align not in ("center", "right")) and _simple(at, s, c + 1)):
        run = _even_run(at, s, c, trims, lead, texts[at.style[s]].color)
        if run is not None:  # the common line: nothing to adjust, one run
            return Line((run,), measure, at.text_of(s, e), last)
    boxes, gaps = lb_fit.line_boxes(at, s, c, trims)
    if natural > avail + EPS:
        left = lb_fit.shrink(at, s, c, boxes, gaps, natural - avail, compressed, hang)
        if justify and left < -EPS:  # a whole-mark trim overshot: spread the rest
            lb_fit.expand(at, s, c, boxes, gaps, -left)
    elif justify and natural < avail - EPS:
        lb_fit.expand(at, s, c, boxes, gaps, avail - natural)
    x = lead
    if not justify and opt.align in ("center", "right"):
        content = sum(boxes, 0.0) + sum(gaps, 0.0)
        x += (avail - content) / 2 if opt.align == "center" else avail - content
    if hang:
        boxes.append(at.box[c + 1])
        gaps.append(0.0)
    end = s + len(boxes)
    if _simple(at, s, end):
        runs = _place_simple(at, s, end, x, boxes, gaps, texts[at.style[s]].color)
    else:
        runs = _place(at, s, end, x, boxes, gaps, texts, faces)
    return Line(runs=runs, width=measure, text=at.text_of(s, e), last=last)


def _even_run(at: Atoms, s: int, c: int, trims: tuple[float, float], x: float,
              color: str) -> Run | None:
    """The one run of a `_simple` line s..c that needs no shrink or stretch, if
    `_place_simple` would make one (`_evenly_spaced`: between Han and marks there are
    no gaps), computed without the line's box lists; else None."""
    box, adv = at.box, at.adv
    first = box[s] - trims[0]  # the same operations as `lb_fit.line_boxes`
    if first != adv[s] or box[s + 1:c] != adv[s + 1:c]:
        return None
    if box[c] - trims[1] != adv[c] and at.align[c] != LEFT:
        return None
    # the float operations of `_place_simple` (gaps are 0.0 here), not their simpler
    # equal: rounded differently, a run's tracking would differ in the last bit
    x0 = 0.0 + x
    tracking = x0 + (0.0 + first) - x0 - adv[s]
    return Run(x0, at.text_of(s, c + 1), at.face[s], at.size[s], tracking, color)


def _simple(at: Atoms, s: int, e: int) -> bool:
    """Atoms [s, e) are Han and marks only, in one face, size and style (the
    paragraph-wide flags answer for most lines without looking at the line)."""
    return ((at.plain or max(at.kind[s:e]) <= cjk.PUNCT)
            and (at.uniform or (_same(at.face, s, e) and _same(at.size, s, e)
                                and _same(at.style, s, e))))


def _same(values: Sequence, s: int, e: int) -> bool:
    """All of values[s:e] equal (C-level count)."""
    part = values[s:e]
    return part.count(part[0]) == len(part)


def _place_simple(at: Atoms, s: int, e: int, x: float, boxes: list[float],
                  gaps: list[float], color: str) -> tuple[Run, ...]:
    """The common line: Han and marks only, one face, size and colour, in bulk.

    Glyph x = box start + offset in the box; the tracking after glyph k is
    t[k] = x[k+1] - x[k] - advance[k]; a run ends where t changes (the same merge
    rule as `_place`), found with C-level map/accumulate instead of a loop per glyph.
    """
    m = e - s
    adv = at.adv[s:e]
    face, size = at.face[s], at.size[s]
    if m > 1 and _evenly_spaced(at, e, boxes, gaps, adv):
        x0 = gaps[0] + x
        tracking = x0 + (gaps[1] + boxes[0]) - x0 - adv[0]  # = t[0] below, same operations
        return (Run(x0, at.text_of(s, e), face, size, tracking, color),)
    gx = list(accumulate(map(add, gaps, chain((x,), boxes))))
    dev = list(map(sub, boxes, adv))
    align = at.align
    for k in compress(range(m), dev):  # glyphs whose box is not their advance
        al, d = align[s + k], dev[k]
        if al == RIGHT:
            gx[k] += d
        elif al == CENTRE:
            gx[k] += d / 2 if d > 0 or 0 < k < m - 1 else (0.0 if k == 0 else d)
    t = list(map(sub, map(sub, gx[1:], gx), adv))
    changes = list(compress(range(1, m - 1), map(_TOL.__lt__, map(abs, map(sub, t[1:], t)))))
    runs = []
    a = 0
    ci = 0
    while a < m:
        while ci < len(changes) and changes[ci] < a + 1:
            ci += 1
        b = changes[ci] + 1 if ci < len(changes) else m
        runs.append(Run(gx[a], at.text_of(s + a, s + b), face, size,
                        t[a] if b - a > 1 else 0.0, color))
        a = b
    return tuple(runs)


def _evenly_spaced(at: Atoms, e: int, boxes: list[float], gaps: list[float],
                   adv: list[float]) -> bool:
    """Whether a simple line is one run: every glyph but the last fills its box, the
    last sits at its box's left, and the gaps between are equal. Then every t[k] of
    `_place_simple` is the same value up to float rounding (far below the 1e-6 that
    splits runs), so the run's x and tracking are gx[0] and t[0], computed alone."""
    if boxes[-1] == adv[-1]:
        filled = boxes == adv  # (the usual case: no slices to make)
    else:
        filled = at.align[e - 1] == LEFT and boxes[:-1] == adv[:-1]
    return filled and (gaps.count(0.0) == len(gaps) or _same(gaps, 1, len(gaps)))


def _place(at: Atoms, s: int, e: int, x: float, boxes: list[float], gaps: list[float],
           texts: Sequence[StyledText], faces: _Faces) -> tuple[Run, ...]:
    """Place each atom's glyphs in its box and merge them into runs.

    Consecutive glyphs join a run while face, size and colour stay the same and each
    starts the same distance (the run's tracking) after the previous one's advance.
    The common atom (a Han character or a mark: one glyph) is handled inline.
    """
    runs: list[Run] = []
    text, kind, face, size, adv, align, style = (at.text, at.kind, at.face, at.size, at.adv,
                                                 at.align, at.style)
    colors = [t.color for t in texts]
    chars: list[str] = []  # the open run: chars, x0, face, size, colour, tracking, end
    rx = rend = 0.0
    rf, rz, rc, rt = "", 0.0, "", None
    last = e - 1
    for k in range(e - s):
        i = s + k
        x += gaps[k]
        box, kd = boxes[k], kind[i]
        z, col = size[i], colors[style[i]]
        if kd == cjk.HAN or kd == cjk.PUNCT:
            a, al = adv[i], align[i]
            gx = x if al == LEFT else x + box - a if al == RIGHT else x + (box - a) / 2
            if a > box and al == CENTRE and i in (s, last):  # keep it inside
                gx = x if i == s else x + box - a
            items: Sequence[tuple[float, str, str, float]] = ((gx, text[i], face[i], a),)
        elif kd == cjk.UNIT2:
            if chars:
                runs.append(Run(rx, "".join(chars), rf, rz, rt or 0.0, rc))
                chars = []
            runs.append(_unit_run(at, i, x, box, faces, col))
            x += box
            continue
        elif kd == cjk.HYPHEN:  # a hyphenation point: a hyphen at the line's end only
            if i != last:
                continue  # no box, no glyph
            items = ((x, "-", face[i], adv[i]),)
        elif kd == cjk.SPACE:  # each space char in an equal share of the box
            spaces, n = text[i], len(text[i])
            items = [(x + j * box / n, spaces[j], face[i], adv[i]) for j in range(n)]
        else:  # Western word or mark: the font's advances, split where the face changes
            items = _west_glyphs(at, i, x, texts, faces)
        for gx, ch, f, a in items:
            if chars and f == rf and z == rz and col == rc:
                t = gx - rend
                if rt is None or -1e-6 < t - rt < 1e-6:
                    chars.append(ch)
                    rt, rend = t, gx + a
                    continue
            if chars:
                runs.append(Run(rx, "".join(chars), rf, rz, rt or 0.0, rc))
            chars, rx, rf, rz, rc, rt, rend = [ch], gx, f, z, col, None, gx + a
        x += box
    if chars:
        runs.append(Run(rx, "".join(chars), rf, rz, rt or 0.0, rc))
    return tuple(runs)


def _west_glyphs(at: Atoms, i: int, x: float, texts: Sequence[StyledText],
                 faces: _Faces) -> list[tuple[float, str, str, float]]:
    """A Western word's glyphs at the font's own advances (each char's own face)."""
    out = []
    for ch, face, a in faces.glyphs(at.text[i], texts[at.style[i]].role, at.size[i]):
        out.append((x, ch, face, a))
        x += a
    return out


def _unit_run(at: Atoms, i: int, x: float, box: float, faces: _Faces, color: str) -> Run:
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
        return Run(x + m - lo * scale, text, face, size, tracking, color, scale)
    if abs(a - per) > EPS and text[0] in "—⸺":
        return Run(x, text, face, size, 0.0, color, per / a)
    return Run(x + (per - a) / 2, text, face, size, per - a, color)
