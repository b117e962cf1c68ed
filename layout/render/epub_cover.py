"""Issue -> cover and masthead pictures (SVG), drawn from the paper's name and date.

No external assets: the text is converted to outlines (`sfnt.glyph_contours`, read
from the mapped font file: fontTools' parse of a 10 MB face's cmap alone took 0.13 s)
from the same faces the PDF uses, so the cover looks the same in every reader whatever
fonts it has. Without fonts (or when a character has no face) a line falls back to an
SVG `<text>` in a generic family. Text is data here too: the SVG is built with lxml.
"""

from __future__ import annotations

import mmap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from layout import sfnt
from layout.model import Issue
from layout.render.epub_fonts import FontSourceLike
from layout.render.epub_meta import date_cn, issue_date, issue_number
from layout.render.epub_xhtml import clean
from layout.script import detect_script, script_of
from layout.spec.schema import Spec
from layout.spec.units import screen_color

SVG = "http://www.w3.org/2000/svg"
COVER_SIZE = (1200, 1600)
MASTHEAD_SIZE = (1200, 330)
_PAPER = "#fbf8f0"  # newsprint


@dataclass(frozen=True, slots=True)
class Line:
    """One centred line of the picture: text, role, size (px), colour, baseline y."""

    text: str
    role: str
    size: float
    color: str
    y: float


@dataclass(frozen=True, slots=True)
class _Face:
    """A mapped face file and what drawing its glyphs needs."""

    data: mmap.mmap
    glyphs: dict[int, int]  # code point -> glyph id
    advances: list[int]
    units_per_em: int


@lru_cache(maxsize=16)
def _face(path: Path) -> _Face:
    with open(path, "rb") as fh:
        data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    return _Face(data, sfnt.char_to_glyph(data), sfnt.advance_widths(data), sfnt.units_per_em(data))


def _glyphs(text: str, role: str, fonts: FontSourceLike | None
            ) -> list[tuple[_Face, int, float]] | None:
    """(face, glyph id, advance in em) per character, or None if any is not drawable."""
    if fonts is None:
        return None
    out = []
    for ch in text:
        face_name = fonts.face_for(ch, role)
        if face_name is None:
            return None
        face = _face(Path(fonts.font_path(face_name)))
        gid = face.glyphs.get(ord(ch))
        if gid is None:
            return None
        out.append((face, gid, face.advances[gid] / face.units_per_em))
    return out


def svg_path(contours: Sequence[sfnt.Contour]) -> str:
    """SVG path data of TrueType contours: quadratic, where two off-curve points in a row
    imply the on-curve point halfway between them."""
    parts = []
    for contour in contours:
        if not contour:
            continue
        first_on = next((i for i, point in enumerate(contour) if point[2]), None)
        if first_on is None:  # all off the curve: start halfway between the last and first
            (x0, y0, _), (x1, y1, _) = contour[-1], contour[0]
            start, rest = ((x0 + x1) / 2, (y0 + y1) / 2, True), list(contour)
        else:
            start, rest = contour[first_on], [*contour[first_on + 1:], *contour[:first_on]]
        parts.append(f"M{_num(start[0])} {_num(start[1])}")
        control = None
        for x, y, on in [*rest, start]:
            if on:
                parts.append(f"L{_num(x)} {_num(y)}" if control is None
                             else f"Q{_num(control[0])} {_num(control[1])} {_num(x)} {_num(y)}")
                control = None
                continue
            if control is not None:
                mid = ((control[0] + x) / 2, (control[1] + y) / 2)
                parts.append(f"Q{_num(control[0])} {_num(control[1])} {_num(mid[0])} {_num(mid[1])}")
            control = (x, y)
        parts.append("Z")
    return "".join(parts)


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def measure(text: str, role: str, fonts: FontSourceLike | None) -> float:
    """Width of `text` in em (1 em per character when drawn as SVG text)."""
    glyphs = _glyphs(text, role, fonts)
    return sum(g[2] for g in glyphs) if glyphs is not None else float(len(text))


def _draw_line(parent: etree._Element, line: Line, width: float, fonts: FontSourceLike | None
               ) -> None:
    glyphs = _glyphs(line.text, line.role, fonts)
    if glyphs is None:
        family = "sans-serif" if line.role == "hei" else "serif"
        el = etree.SubElement(parent, f"{{{SVG}}}text", {
            "x": f"{width / 2:g}", "y": f"{line.y:g}", "text-anchor": "middle",
            "font-family": family, "font-size": f"{line.size:g}", "fill": screen_color(line.color),
            "font-weight": "bold" if line.role in ("song-bold", "hei") else "normal"})
        el.text = clean(line.text)
        return
    group = etree.SubElement(parent, f"{{{SVG}}}g", {"fill": screen_color(line.color)})
    x = (width - sum(g[2] for g in glyphs) * line.size) / 2
    for face, gid, advance in glyphs:
        d = svg_path(sfnt.glyph_contours(face.data, gid))
        if d:
            scale = line.size / face.units_per_em
            etree.SubElement(group, f"{{{SVG}}}path", {
                "transform": f"translate({x:.1f} {line.y:.1f}) scale({scale:.5f} {-scale:.5f})",
                "d": d})
        x += advance * line.size


def _svg(size: tuple[int, int], title: str, lines: Sequence[Line], rules: Sequence[tuple[float, float, str]],
         fonts: FontSourceLike | None) -> bytes:
    width, height = size
    root = etree.Element(f"{{{SVG}}}svg", nsmap={None: SVG}, attrib={
        "version": "1.1", "viewBox": f"0 0 {width} {height}", "width": str(width),
        "height": str(height), "preserveAspectRatio": "xMidYMid meet"})
    etree.SubElement(root, f"{{{SVG}}}title").text = clean(title)
    etree.SubElement(root, f"{{{SVG}}}rect", {"x": "0", "y": "0", "width": str(width),
                                               "height": str(height), "fill": _PAPER})
    for y, thickness, color in rules:
        etree.SubElement(root, f"{{{SVG}}}rect", {"x": "80", "y": f"{y:g}", "width": str(width - 160),
                                                   "height": f"{thickness:g}", "fill": screen_color(color)})
    for line in lines:
        _draw_line(root, line, width, fonts)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _fit(text: str, role: str, size: float, max_width: float, fonts: FontSourceLike | None,
         min_size: float) -> tuple[str, float]:
    """Shrink `text` to `max_width` down to `min_size`, then cut it with an ellipsis."""
    em = measure(text, role, fonts)
    if em * size <= max_width:
        return text, size
    size = max(min_size, max_width / max(em, 1e-6))
    while text and measure(text, role, fonts) * size > max_width:
        text = text[:-2] + "…" if len(text) > 2 else text[:-1]
    return text, size


def _date_line(issue: Issue) -> str:
    day = issue_date(issue)
    date = date_cn(day) if day else (issue.issue.date or "")
    return "\u3000".join(x for x in (date, issue.issue.weekday or "") if x)


def _name_line(issue: Issue, spec: Spec, width: float, height: float, y: float,
               fonts: FontSourceLike | None) -> Line:
    name = spec.masthead.name or issue.paper.name or detect_script(issue).word("报纸")
    role = spec.styles["masthead_name"].role if "masthead_name" in spec.styles else "song-bold"
    em = max(measure(name, role, fonts), 1.0)
    return Line(name, role, min(height, width / em), spec.masthead.color, y)


def masthead_svg(issue: Issue, spec: Spec, fonts: FontSourceLike | None) -> bytes:
    """A 报头 banner: the paper's name in its colour over the date and issue number."""
    w, h = MASTHEAD_SIZE
    ear = spec.styles["masthead_ear"].role if "masthead_ear" in spec.styles else "song"
    name = _name_line(issue, spec, w - 240, 190, 0, fonts)
    name = Line(name.text, name.role, name.size, name.color, 40 + name.size * 0.88)
    number = issue_number(issue)
    sub = "\u3000".join(x for x in (_date_line(issue), number) if x)
    lines = [name] + ([Line(sub, ear, 40, "#000000", 300)] if sub else [])
    return _svg(MASTHEAD_SIZE, alt_text(issue, spec), lines, [(250, 4, spec.masthead.color)], fonts)


def cover_svg(issue: Issue, spec: Spec, fonts: FontSourceLike | None) -> bytes:
    """The cover: name, date, issue number, the front page's headlines, page count."""
    w, _ = COVER_SIZE
    ear = spec.styles["masthead_ear"].role if "masthead_ear" in spec.styles else "song"
    head = spec.styles["headline"].role if "headline" in spec.styles else "song-bold"
    name = _name_line(issue, spec, w - 240, 300, 0, fonts)
    lines = [Line(name.text, name.role, name.size, name.color, 120 + name.size * 0.88)]
    y = 120 + name.size + 110
    for text, size in ((_date_line(issue), 56), (issue.issue.lunar_date or "", 40)):
        if text:
            lines.append(Line(text, ear, size, "#000000", y))
            y += size * 1.6
    rules = [(120 + name.size + 30, 8, spec.masthead.color), (y - 10, 3, "#000000")]
    y += 110
    for article in front_titled(issue):
        title, title_size = _fit(article.title, head, 60, w - 200, fonts, 40)
        lines.append(Line(title, head, title_size, "#000000", y))
        y += title_size + 50
    foot = [issue_number(issue),
            f"共{len(issue.pages)}版" if issue.pages else ""]
    if any(foot):
        lines.append(Line("\u3000".join(x for x in foot if x), ear, 44, "#000000", 1500))
    return _svg(COVER_SIZE, alt_text(issue, spec), lines, rules, fonts)


def alt_text(issue: Issue, spec: Spec) -> str:
    """The pictures' text alternative: the same words they show."""
    name = spec.masthead.name or issue.paper.name or detect_script(issue).word("报纸")
    number = issue_number(issue)
    return "\u3000".join(x for x in (name, _date_line(issue), number) if x)


def cover_alt(issue: Issue, spec: Spec, lang: str) -> str:
    """Alt text of the cover: masthead words plus the front-page headlines shown (the
    tool's own words in the script of `lang`, the book's language)."""
    titles = [a.title for a in front_titled(issue)]
    heading = script_of(lang).word("头版要目")
    return f"封面：{alt_text(issue, spec)}" + (f"。{heading}：{'；'.join(titles)}" if titles else "")


def front_titled(issue: Issue, limit: int = 6) -> list:
    """The front page's first articles that have a headline (the cover lists them)."""
    front = issue.pages[0].articles if issue.pages else ()
    return [a for a in front if a.headline or a.subheadline or a.kicker][:limit]
