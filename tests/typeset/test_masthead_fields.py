"""Furniture text too long for its line breaks between the template's fields first."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.spec import load_spec
from layout.typeset.masthead import _set_fields

from test_page_fixtures import fake_setter

SPEC = Path(__file__).resolve().parents[2] / "specs" / "lvliang-daily.yaml"


@pytest.fixture(scope="module")
def style():
    return load_spec(SPEC).styles["masthead_ear"]


def texts(style, text: str, ems: int) -> list[str]:
    return [line.text for line in _set_fields(fake_setter, text, style, ems * style.size, None)]


def test_a_field_too_long_for_the_line_moves_down_whole(style) -> None:
    text = "二〇二三年二月十七日　星期五　农历癸卯年正月二十七"
    plain = [line.text for line in fake_setter([(text, style.role)], style, 16 * style.size)]
    assert plain == ["二〇二三年二月十七日　星期五　农", "历癸卯年正月二十七"]  # split inside a field
    assert texts(style, text, 16) == ["二〇二三年二月十七日　星期五", "农历癸卯年正月二十七"]


def test_a_text_that_fits_or_has_one_field_is_set_as_it_is(style) -> None:
    assert texts(style, "第10906期　今日8版", 20) == ["第10906期　今日8版"]
    assert texts(style, "中共吕梁市委主管主办", 6) == ["中共吕梁市委", "主管主办"]


def test_fields_never_take_more_lines_than_plain_breaking(style) -> None:
    # whole fields would be 甲 / 乙乙乙乙乙乙乙乙 / 乙乙乙乙: three lines where two do
    text = "甲　乙乙乙乙乙乙乙乙乙乙乙乙"
    assert texts(style, text, 8) == ["甲　乙乙乙乙乙乙", "乙乙乙乙乙乙"]
