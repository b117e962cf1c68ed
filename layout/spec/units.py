"""Units of the layout spec, converted once at load: lengths, font sizes, colours, papers.

In: the plain scalars YAML gives (numbers and strings). Out: floats in points and
colours as lowercase `#rrggbb`. Every parser raises `UnitError` with the accepted
forms, which `validate` turns into a `file:line:col` problem with a hint.

字号 values are clreq's traditional metal-type points (clreq § Design of the Type
Area), not the rounded office-software values: 一号 is 27.5 pt, not 26 pt.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PT_PER_MM = 72 / 25.4

LENGTH_UNITS: Mapping[str, float] = {
    "pt": 1.0,
    "mm": PT_PER_MM,
    "cm": PT_PER_MM * 10,
    "in": 72.0,
}

# clreq 字号 table, metal-type values; 小初 / 小三 / 小六 / 八号 only exist as office values.
ZIHAO: Mapping[str, float] = {
    "初号": 42.0,
    "小初": 36.0,
    "一号": 27.5,
    "小一": 24.0,
    "二号": 21.0,
    "小二": 18.0,
    "三号": 15.75,
    "小三": 15.0,
    "四号": 13.75,
    "小四": 12.0,
    "五号": 10.5,
    "小五": 9.0,
    "新五": 9.0,
    "六号": 7.875,
    "小六": 6.5,
    "七号": 5.25,
    "八号": 5.0,
}

# Named papers, (width, height) in mm; 对开 and 四开 per cjk-typography.md § 6.
PAPER_SIZES_MM: Mapping[str, tuple[float, float]] = {
    "broadsheet": (390.0, 540.0),
    "对开": (390.0, 540.0),
    "tabloid": (275.0, 390.0),
    "四开": (275.0, 390.0),
    "a3": (297.0, 420.0),
    "a4": (210.0, 297.0),
}

COLOR_NAMES: Mapping[str, str] = {
    "black": "#000000",
    "white": "#ffffff",
    "gray": "#808080",
    "grey": "#808080",
    "red": "#ff0000",
    "blue": "#0000ff",
    "报红": "#c00000",  # the deep red of Chinese newspaper mastheads
    "黑": "#000000",
    "红": "#ff0000",
}

_NUMBER_UNIT = re.compile(r"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z]*)\s*$")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


class UnitError(ValueError):
    """A value in the wrong form: `expected` names the form, `hint` lists the accepted ones."""

    def __init__(self, expected: str, hint: str | None = None) -> None:
        super().__init__(expected)
        self.expected = expected
        self.hint = hint


def length_hint(em: bool) -> str:
    """The accepted forms of a length, for a hint line."""
    forms = '"12pt", "4.5mm", "1cm", "0.5in"' + (', "0.75em"' if em else "")
    return f"write a number of points or a string like {forms}"


def _is_number(raw: object) -> bool:
    return isinstance(raw, (int, float)) and not isinstance(raw, bool)


def parse_length(raw: object, em: float | None = None) -> float:
    """A length in points: a number (pt) or "<number><unit>", unit pt|mm|cm|in (|em).

    `em` is the size of 1 em in points where the key allows em, else None.
    """
    if _is_number(raw):
        return float(raw)  # type: ignore[arg-type]
    expected = "a length" if em is None else "a length or em"
    if not isinstance(raw, str):
        raise UnitError(expected, length_hint(em is not None))
    match = _NUMBER_UNIT.match(raw)
    if match is None:
        raise UnitError(expected, length_hint(em is not None))
    number, unit = float(match.group(1)), match.group(2).lower()
    if unit == "":
        return number
    if unit == "em":
        if em is None:
            raise UnitError("a length (em is not accepted here)", length_hint(False))
        return number * em
    if unit not in LENGTH_UNITS:
        raise UnitError(f"a length unit pt, mm, cm or in{', em' if em is not None else ''}",
                        length_hint(em is not None))
    return number * LENGTH_UNITS[unit]


def size_hint() -> str:
    """The accepted forms of a font size, for a hint line."""
    return ('write points (9, "9pt", "3.2mm") or a 字号 name: ' + ", ".join(ZIHAO))


def parse_font_size(raw: object) -> float:
    """A font size in points: a number, a length string, or a 字号 name (`小五`, `五号`)."""
    if isinstance(raw, str):
        name = raw.strip()
        if name in ZIHAO:
            return ZIHAO[name]
        if name[:1] in "小新" and name.endswith("号") and name[:-1] in ZIHAO:  # 小五号
            return ZIHAO[name[:-1]]
        if any("\u4e00" <= ch <= "\u9fff" for ch in name):
            raise UnitError("a 字号 name", size_hint())
    try:
        return parse_length(raw)
    except UnitError:
        raise UnitError("a font size", size_hint()) from None


def color_hint() -> str:
    """The accepted forms of a colour, for a hint line."""
    return ('write "#rgb", "#rrggbb", a process colour "cmyk(0, 100, 100, 20)" (percent) '
            "or one of " + ", ".join(COLOR_NAMES))


# A process colour for print: cyan, magenta, yellow and black in percent (the 报头's
# red set as M and Y only, say, instead of an RGB red a printer converts as it likes).
_CMYK = re.compile(r"^cmyk\(\s*" + r"\s*,\s*".join([r"(\d+(?:\.\d+)?)%?"] * 4) + r"\s*\)$", re.I)


def parse_color(raw: object) -> str:
    """A colour as lowercase `#rrggbb` (from `#rgb`, `#rrggbb` or a name in COLOR_NAMES),
    or as `cmyk(c,m,y,k)` in percent (from `cmyk(0, 100, 100, 20)`, `%` optional)."""
    if not isinstance(raw, str):
        raise UnitError("a colour", color_hint())
    text = raw.strip()
    named = COLOR_NAMES.get(text.lower()) or COLOR_NAMES.get(text)
    if named is not None:
        return named
    process = _CMYK.match(text)
    if process is not None:
        inks = [float(v) for v in process.groups()]
        if max(inks) > 100:
            raise UnitError("a colour with inks of 0 to 100 %", color_hint())
        return "cmyk(" + ",".join(f"{v:g}" for v in inks) + ")"
    if not _HEX.match(text):
        raise UnitError("a colour", color_hint())
    digits = text[1:].lower()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return "#" + digits


def cmyk_inks(color: str) -> tuple[float, float, float, float] | None:
    """The inks (0 to 1) of a `cmyk(...)` colour from `parse_color`, else None."""
    if not color.startswith("cmyk("):
        return None
    c, m, y, k = (float(v) / 100 for v in color[5:-1].split(","))
    return c, m, y, k


def screen_color(color: str) -> str:
    """A colour from `parse_color` as `#rrggbb` for a screen (CSS, SVG): a process
    colour by the plain formula (no colour profile; near enough for a cover)."""
    inks = cmyk_inks(color)
    if inks is None:
        return color
    c, m, y, k = inks
    return "#" + "".join(f"{round(255 * (1 - v) * (1 - k)):02x}" for v in (c, m, y))


def paper_hint() -> str:
    """The accepted forms of a page size, for a hint line."""
    return ("write one of broadsheet, 对开, tabloid, 四开, A3, A4 "
            "or a mapping {width: 390mm, height: 540mm}")


def parse_paper(raw: object) -> tuple[float, float]:
    """A named paper size as (width, height) in points."""
    if isinstance(raw, str):
        size = PAPER_SIZES_MM.get(raw.strip().lower()) or PAPER_SIZES_MM.get(raw.strip())
        if size is not None:
            return size[0] * PT_PER_MM, size[1] * PT_PER_MM
    raise UnitError("a page size", paper_hint())
