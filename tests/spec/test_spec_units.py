"""Unit conversion: lengths, em, 字号, colours, paper sizes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from layout.spec import Spec
from layout.spec.units import (
    ZIHAO, UnitError, parse_color, parse_font_size, parse_length, parse_paper,
)


@pytest.mark.parametrize(("raw", "points"), [
    (12, 12.0), (7.5, 7.5), ("12pt", 12.0), ("12", 12.0), (" 3 pt ", 3.0),
    ("25.4mm", 72.0), ("1cm", 72 / 2.54), ("0.5in", 36.0), ("2.54CM", 72.0), (".5in", 36.0),
    ("-1pt", -1.0),
])
def test_lengths(raw: object, points: float) -> None:
    assert parse_length(raw) == pytest.approx(points)


def test_em_is_relative_to_the_given_size() -> None:
    assert parse_length("0.75em", em=9.0) == pytest.approx(6.75)
    assert parse_length("2em", em=10.5) == pytest.approx(21.0)


@pytest.mark.parametrize("raw", ["2em", "12px", "twelve", "", "1 2pt", True, None, [1]])
def test_bad_lengths(raw: object) -> None:
    with pytest.raises(UnitError):
        parse_length(raw)


@pytest.mark.parametrize(("name", "points"), [
    ("初号", 42), ("小初", 36), ("一号", 27.5), ("小一", 24), ("二号", 21), ("小二", 18),
    ("三号", 15.75), ("小三", 15), ("四号", 13.75), ("小四", 12), ("五号", 10.5), ("小五", 9),
    ("新五", 9), ("六号", 7.875), ("小六", 6.5), ("七号", 5.25), ("八号", 5),
    ("小五号", 9), ("新五号", 9), (9, 9), ("3.175mm", 9.0), ("10.5pt", 10.5),
])
def test_font_sizes(name: object, points: float) -> None:
    assert parse_font_size(name) == pytest.approx(points)


def test_zihao_table_is_the_clreq_metal_type_values() -> None:
    assert len(ZIHAO) == 17 and ZIHAO["一号"] == 27.5 and ZIHAO["四号"] == 13.75


@pytest.mark.parametrize("raw", ["小九", "五号号", "big", True])
def test_bad_font_sizes(raw: object) -> None:
    with pytest.raises(UnitError):
        parse_font_size(raw)


@pytest.mark.parametrize(("raw", "hex_"), [
    ("#C00", "#cc0000"), ("#c00000", "#c00000"), ("#AbCdEf", "#abcdef"), ("black", "#000000"),
    ("Red", "#ff0000"), ("报红", "#c00000"), ("黑", "#000000"),
    ("cmyk(0, 100, 100, 20)", "cmyk(0,100,100,20)"), ("CMYK(0%,100%,100%,0%)", "cmyk(0,100,100,0)"),
    ("cmyk(12.5, 0, 0, 100)", "cmyk(12.5,0,0,100)"),
])
def test_colours(raw: str, hex_: str) -> None:
    assert parse_color(raw) == hex_


@pytest.mark.parametrize("raw", ["#12345", "c00000", "#ggg", "puce", 0xC00000, "cmyk(0, 100, 100)",
                                 "cmyk(0, 120, 0, 0)", "cmyk(a, b, c, d)", "rgb(1, 2, 3)"])
def test_bad_colours(raw: object) -> None:
    with pytest.raises(UnitError):
        parse_color(raw)


@pytest.mark.parametrize(("name", "mm"), [
    ("broadsheet", (390, 540)), ("对开", (390, 540)), ("tabloid", (275, 390)),
    ("四开", (275, 390)), ("A3", (297, 420)), ("a4", (210, 297)),
])
def test_papers(name: str, mm: tuple[int, int]) -> None:
    width, height = parse_paper(name)
    assert (width * 25.4 / 72, height * 25.4 / 72) == pytest.approx(mm)


def test_units_in_a_spec(load_text: Callable[..., Spec]) -> None:
    spec = load_text(
        "page:\n  size: {width: 100mm, height: 6in}\n  margins: {top: 1cm, left: 0.5in}\n"
        "grid: {columns: 3, body_size: 五号, gutter: 1em, leading: 1.5em}\n"
        "masthead: {columns: 2}\n"
        "styles:\n  body: {size: 五号, indent: 1, leading: 1.5em, space_before: 2pt}\n"
        "  kicker: {indent: 1em, space_after: 0.5em, size: 四号}\n"
        "  headline: {weight: bold, role: song}\n  byline: {role: song-bold, weight: normal}\n"
        "  jump: {color: '#c00', leading: null}\n")
    assert spec.page.width == pytest.approx(283.4646, abs=1e-3)
    assert spec.page.height == 432.0
    assert spec.page.margin_top == pytest.approx(28.3465, abs=1e-3)
    assert spec.page.margin_left == 36.0
    assert spec.page.margin_bottom == 56.7  # schema default kept for unset sides
    assert (spec.grid.body_size, spec.grid.gutter, spec.grid.leading) == (10.5, 10.5, 15.75)
    body, kicker = spec.styles["body"], spec.styles["kicker"]
    assert (body.size, body.indent_em, body.leading, body.space_before) == (10.5, 1, 15.75, 2)
    assert (kicker.indent_em, kicker.space_after) == (1, 6.875)
    assert kicker.role == "kai"  # unset fields keep the style's default
    assert spec.styles["headline"].role == "song-bold"
    assert spec.styles["byline"].role == "song"
    assert spec.styles["jump"].color == "#cc0000" and spec.styles["jump"].leading is None
    # whole characters: (283.46 - 36 - 56.7 - 2 × 10.5) / (3 × 10.5) = 5.39 -> 5
    assert spec.grid.column_chars == 5


def test_char_grid_off_leaves_column_chars_unset(load_text: Callable[..., Spec]) -> None:
    assert load_text("grid: {char_grid: false}\n").grid.column_chars is None
    assert load_text("grid: {column_chars: 12}\n").grid.column_chars == 12


def test_defaults_equal_schema_defaults(load_text: Callable[..., Spec]) -> None:
    spec = load_text("name: default\n")
    default = Spec()
    assert (spec.page, spec.styles, spec.masthead, spec.footer) == (
        default.page, default.styles, default.masthead, default.footer)
    assert spec.grid.column_chars == 13  # 8 × 13 × 9 pt + 7 × 6.75 pt ≤ 992.1 pt


@pytest.mark.parametrize(("color", "screen"), [
    ("cmyk(0,100,100,20)", "#cc0000"), ("cmyk(0,0,0,100)", "#000000"), ("cmyk(0,0,0,0)", "#ffffff"),
    ("#c00000", "#c00000"),
])
def test_process_colours_have_a_screen_equivalent(color: str, screen: str) -> None:
    from layout.spec.units import screen_color

    assert screen_color(color) == screen
