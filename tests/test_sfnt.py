"""sfnt: a subset keeps glyph ids, composites' components, valid checksums."""

from __future__ import annotations

import io
import struct

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

from layout import sfnt


def _box(x0: int, y0: int, x1: int, y1: int) -> Glyph:
    pen = TTGlyphPen(None)
    pen.moveTo((x0, y0))
    pen.lineTo((x0, y1))
    pen.lineTo((x1, y1))
    pen.lineTo((x1, y0))
    pen.closePath()
    return pen.glyph()


def _composite(*parts: tuple[str, int]) -> Glyph:
    glyph = Glyph()
    glyph.numberOfContours = -1
    glyph.components = []
    for name, dx in parts:
        component = GlyphComponent()
        component.glyphName, component.x, component.y, component.flags = name, dx, 0, 0x4
        glyph.components.append(component)
    return glyph


@pytest.fixture(scope="module")
def font_bytes() -> bytes:
    """.notdef, a, b, c (a composite of a and b), d (of c: nested), e."""
    order = [".notdef", "a", "b", "c", "d", "e"]
    fb = FontBuilder(2048, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({ord(n): n for n in order[1:]})
    glyphs = {".notdef": _box(0, 0, 500, 700), "a": _box(100, 0, 400, 500),
              "b": _box(0, 600, 300, 900), "c": _composite(("a", 0), ("b", 700)),
              "d": _composite(("c", 50)), "e": _box(10, 10, 20, 20)}
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (1000 + 10 * i, 0) for i, n in enumerate(order)})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, sCapHeight=700)
    fb.setupNameTable({"familyName": "Test", "styleName": "Regular", "psName": "Test-Regular"})
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def test_components_are_kept_and_ids_stay(font_bytes):
    assert sfnt.with_components(font_bytes, [4]) == {0, 1, 2, 3, 4}  # d -> c -> a, b
    sub = TTFont(io.BytesIO(sfnt.subset_keeping_ids(font_bytes, [4])))
    full = TTFont(io.BytesIO(font_bytes))
    sub.setGlyphOrder(full.getGlyphOrder())
    assert len(sub["loca"]) == len(full["loca"])
    for name in (".notdef", "a", "b", "c", "d"):
        assert sub["glyf"][name].compile(sub["glyf"]) == full["glyf"][name].compile(full["glyf"])
        assert sub["hmtx"][name] == full["hmtx"][name]
    assert sub["glyf"]["e"].numberOfContours == 0  # not kept: empty
    only_e = TTFont(io.BytesIO(sfnt.subset_keeping_ids(font_bytes, [5])))
    only_e.setGlyphOrder(full.getGlyphOrder())
    assert [only_e["hmtx"][n] for n in "abcd"] == [(0, 0)] * 4
    assert only_e["hmtx"]["e"] == full["hmtx"]["e"]


def test_checksums_are_valid(font_bytes):
    program = sfnt.subset_keeping_ids(font_bytes, [1, 5])
    assert _checksum(program) == 0xB1B0AFBA  # what head.checkSumAdjustment is for
    count = struct.unpack_from(">H", program, 4)[0]
    for i in range(count):
        tag, checksum, offset, length = struct.unpack_from(">4sIII", program, 12 + 16 * i)
        if tag != b"head":
            assert _checksum(program[offset:offset + length]) == checksum, tag


def test_face_info_in_thousandths_of_an_em(font_bytes):
    info = sfnt.face_info(font_bytes)
    assert info.postscript_name == "Test-Regular"
    assert (info.ascent, info.descent, info.cap_height) == (430, -59, 342)  # of 2048
    assert info.italic_angle == 0.0


def test_not_a_truetype_file_is_a_clear_error():
    with pytest.raises(sfnt.SfntError, match="not a TrueType"):
        sfnt.tables(b"OTTO" + b"\0" * 20)
    with pytest.raises(sfnt.SfntError, match="too short"):
        sfnt.tables(b"\0\1")


def test_cmap_advances_and_bounds_agree_with_fonttools(font_bytes):
    font = TTFont(io.BytesIO(font_bytes))
    expected = {cp: font.getGlyphID(name) for cp, name in font.getBestCmap().items()}
    assert sfnt.char_to_glyph(font_bytes) == expected == {ord(c): i + 1 for i, c in enumerate("abcde")}
    assert sfnt.advance_widths(font_bytes) == [font["hmtx"][n][0] for n in font.getGlyphOrder()]
    assert sfnt.glyph_bounds(font_bytes, 1) == (100, 400)
    assert sfnt.glyph_bounds(font_bytes, 99) is None


def test_a_cmap_beyond_the_bmp_is_read_from_format_12() -> None:
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "han", "ext"])
    fb.setupCharacterMap({0x4E2D: "han", 0x2C27C: "ext"})
    fb.setupGlyf({n: _box(0, 0, 900, 900) for n in (".notdef", "han", "ext")})
    fb.setupHorizontalMetrics({n: (1000, 0) for n in (".notdef", "han", "ext")})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    assert sfnt.char_to_glyph(out.getvalue()) == {0x4E2D: 1, 0x2C27C: 2}


def test_outlines_agree_with_fonttools_composites_included(font_bytes):
    font = TTFont(io.BytesIO(font_bytes))
    glyf = font["glyf"]
    for gid, name in enumerate(font.getGlyphOrder()):
        coords, ends, flags = glyf[name].getCoordinates(glyf)
        expected = [(x, y, bool(f & 1)) for (x, y), f in zip(coords, flags)]
        contours = sfnt.glyph_contours(font_bytes, gid)
        assert [p for contour in contours for p in contour] == expected, name
        assert [len(c) for c in contours] == [b - a for a, b in zip([-1, *ends], ends)], name
    assert len(sfnt.glyph_contours(font_bytes, 4)) == 2  # d: c (a and b) moved 50 units
    assert sfnt.glyph_contours(font_bytes, 99) == []


def test_a_scaled_component_is_scaled_into_place() -> None:
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "a", "half"])
    half = _composite(("a", 100))
    half.components[0].transform = [[0.5, 0], [0, 0.5]]
    fb.setupGlyf({".notdef": _box(0, 0, 10, 10), "a": _box(0, 0, 400, 400), "half": half})
    fb.setupHorizontalMetrics({n: (500, 0) for n in (".notdef", "a", "half")})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    (contour,) = sfnt.glyph_contours(out.getvalue(), 2)
    assert sorted({(x, y) for x, y, _on in contour}) == [(100, 0), (100, 200), (300, 0), (300, 200)]
    assert sfnt.weight_class(out.getvalue()) == 400  # no OS/2 table: regular


@pytest.mark.parametrize(("groups", "expected"), [
    ([(0x41, 0x43, 5), (0x4E00, 0x4E00, 9)], {0x41: 5, 0x42: 6, 0x43: 7, 0x4E00: 9}),
    ([(0x20, 0x22, 0)], {0x21: 1, 0x22: 2}),  # its first code maps to .notdef: none
    ([(0x50, 0x50, 3), (0x41, 0x42, 1)], {0x41: 1, 0x42: 2, 0x50: 3}),  # out of order
    ([(0x41, 0x44, 1), (0x43, 0x43, 9)], {0x41: 1, 0x42: 2, 0x43: 9, 0x44: 4}),  # overlapping: the later wins
])
def test_format_12_groups_as_sorted_arrays(groups, expected) -> None:
    """Format 12's groups expand to code points and glyph ids sorted by code point, as
    fontTools reads them (a later group wins where a broken font's groups overlap)."""
    table = struct.pack(">HHIII", 12, 0, 16 + 12 * len(groups), 0, len(groups))
    table += b"".join(struct.pack(">III", *group) for group in groups)
    codes, gids = sfnt._cmap_format_12(table, 0)
    assert list(codes) == sorted(expected) and dict(zip(codes, gids)) == expected
