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


@pytest.mark.parametrize(("body", "expected"), [
    ("這個春節經過大橋來往的車輛們說時間還長", "本版組版：李小美　責編：王大明、陳一　校對：張文"),
    ("这个春节经过大桥来往的车辆们说时间还长", "本版组版：李小美　责编：王大明、陈一　校对：张文"),
])
def test_the_footer_is_worded_in_the_issues_script(body: str, expected: str) -> None:
    from layout.model import Article, Footer, Issue, IssueInfo, Page, Paper, Paragraph
    from layout.script import Script, detect_script
    from layout.typeset import run

    names = ("李小美", ("王大明", "陳一"), "張文") if "這" in body else ("李小美", ("王大明", "陈一"), "张文")
    page = Page(1, articles=(Article(headline="大橋", body=(Paragraph(body * 3),)),),
                footer=Footer(None, names[0], names[1], names[2]))
    issue = Issue(Paper("報"), IssueInfo("2023-03-05"), (page,))
    assert (detect_script(issue) is Script.HANT) == ("這" in body)
    ts = run(issue, load_spec(SPEC), fake_setter)
    lines = ["".join(run.text for run in pl.line.runs) for pl in ts.pages[0].lines]
    assert expected in lines
