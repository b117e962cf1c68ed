"""Templates: field validation at load, filling with missing values dropped cleanly."""

from __future__ import annotations

import pytest

from layout.model import Footer, Issue, IssueInfo, Page, Paper
from layout.spec import TEMPLATE_FIELDS, fill_template, template_values
from layout.spec.schema import FooterSpec, MastheadSpec, RunningHeadSpec
from layout.spec.template import template_fields

FOOTER = "{department}　本版组版：{layout_editor}　责编：{editors}　校对：{proofreader}　{email}"


@pytest.mark.parametrize(("template", "values", "expected"), [
    ("第{number}期　今日{page_count}版", {"number": "10906", "page_count": "8"},
     "第10906期　今日8版"),
    ("第{number}期　今日{page_count}版", {"number": "10906"}, "第10906期"),
    ("第{number}期　今日{page_count}版", {"number": "10906", "page_count": None}, "第10906期"),
    ("第{number}期　今日{page_count}版", {"number": "", "page_count": "8"}, "今日8版"),
    (FOOTER, {"department": "要闻部主办", "editors": "张三", "email": "a@b.cn"},
     "要闻部主办　责编：张三　a@b.cn"),
    (FOOTER, {}, ""),
    ("{date_cn}  星期{weekday_short}  第{page}版", {"date_cn": "2023年2月17日", "page": "2"},
     "2023年2月17日  第2版"),
    ("  {paper}  ", {"paper": "吕梁日报"}, "吕梁日报"),
    ("{{literal}}　{paper}", {}, "{literal}"),
    ("纯文字", {}, "纯文字"),
])
def test_fill_template(template: str, values: dict[str, str | None], expected: str) -> None:
    assert fill_template(template, values) == expected


def test_template_fields() -> None:
    assert template_fields("{a}x{b}{{c}}") == ["a", "b"]
    with pytest.raises(ValueError):
        template_fields("{a")
    with pytest.raises(ValueError):
        template_fields("{a!r}")


def test_schema_default_templates_use_known_fields() -> None:
    templates = [FooterSpec().template, RunningHeadSpec().template]
    templates += [line.template for line in MastheadSpec().ear]
    for template in templates:
        assert set(template_fields(template)) <= TEMPLATE_FIELDS


ISSUE = Issue(
    paper=Paper(name="吕梁日报", supervisor_line="中共吕梁市委主管主办",
                publisher_line="吕梁日报社出版", website="www.sxllnews.cn",
                postal_code="21-28", cn_number="CN14-0028"),
    issue=IssueInfo(date="2023-02-17", weekday="星期五", lunar_date="农历癸卯年正月二十七",
                    number=10906, page_count=8),
    pages=(Page(number=2, section="综合",
                footer=Footer(department="要闻部主办", layout_editor="王五",
                              editors=("张三", "李四"), proofreader="赵六")),),
)


def test_template_values_from_an_issue() -> None:
    values = template_values(ISSUE, ISSUE.pages[0])
    assert set(values) == TEMPLATE_FIELDS
    assert values["date_cn"] == "2023年2月17日" and values["date_roc"] == "112年2月17日"
    assert values["weekday_short"] == "五"
    assert (values["number"], values["page_count"], values["page"]) == ("10906", "8", "2")
    assert values["editors"] == "张三、李四" and values["email"] is None
    assert fill_template(FOOTER, values) == "要闻部主办　本版组版：王五　责编：张三、李四　校对：赵六"
    assert fill_template(RunningHeadSpec().template, values) == "2023年2月17日　星期五　第2版　综合"


def test_template_values_without_a_page() -> None:
    values = template_values(Issue())
    assert all(value is None for value in values.values())
    assert fill_template("第{page}版　{date_cn}", values) == ""


@pytest.mark.parametrize(("date", "roc"), [
    ("1912-01-01", "1年1月1日"), ("2023-03-05", "112年3月5日"), ("1911-12-31", None), ("2023-3", None)])
def test_the_minguo_date_counts_from_1912(date: str, roc: str | None) -> None:
    assert template_values(Issue(issue=IssueInfo(date=date)))["date_roc"] == roc
