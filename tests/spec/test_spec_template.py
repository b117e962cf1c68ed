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


# -- a Traditional issue's furniture (Spec.traditional_words) ---------------------------

def test_the_default_templates_words_have_traditional_forms() -> None:
    from layout.script import Script
    from layout.spec.schema import Spec
    from layout.spec.template import in_script

    worded = in_script(Spec(), Script.HANT)
    assert worded.footer.template == "{department}　本版組版：{layout_editor}　責編：{editors}　校對：{proofreader}　{email}"
    assert "國內統一連續出版物號：{cn_number}" in [line.template for line in worded.masthead.ear]
    assert "郵發代號：{postal_code}　{website}" in [line.template for line in worded.masthead.ear]
    assert in_script(Spec(), Script.HANS) == Spec()


def test_a_specs_words_are_added_longest_first_and_fields_are_left_alone(load_text) -> None:  # type: ignore[no-untyped-def]
    from layout.script import Script
    from layout.spec.template import in_script

    spec = load_text("footer: {template: '编辑：{editors}　责任编辑：{layout_editor}　{department}编'}\n"
                     "running_head: {template: '{date_cn}　第{page}版　要闻'}\n"
                     "traditional_words: {编辑: 編輯, 责任编辑: 責任編輯, 要闻: 要聞, 编: 編}\n")
    assert spec.traditional_words["责编"] == "責編"  # the defaults stay
    worded = in_script(spec, Script.HANT)
    assert worded.footer.template == "編輯：{editors}　責任編輯：{layout_editor}　{department}編"
    assert worded.running_head.template == "{date_cn}　第{page}版　要聞"
    values = {"editors": "张三", "layout_editor": "李四", "department": "编委会"}
    assert fill_template(worded.footer.template, values) == "編輯：张三　責任編輯：李四　编委会編"


def test_traditional_words_are_validated(problems_of) -> None:  # type: ignore[no-untyped-def]
    assert problems_of("traditional_words: [责编]\n") == [
        "s.yaml:1:20: error: traditional_words: expected a mapping of words to their Traditional form, "
        "found a list"]
    found = problems_of("traditional_words: {责编: 3, '{x}': 責編, 校对: '校{對}'}\n")
    assert found[0] == "s.yaml:1:25: error: traditional_words.责编: expected a string, found 3"
    assert found[1:] == [
        "s.yaml:1:28: error: traditional_words.{x}: expected a word of the templates' text, found `{x}`"
        "\n  hint: a template's `{fields}` are the issue's text, never reworded",
        's.yaml:1:43: error: traditional_words.校对: expected words without braces, found "校{對}"'
        "\n  hint: a template's `{fields}` are the issue's text, never reworded"]


def test_traditional_words_extend_the_parents(load_text) -> None:  # type: ignore[no-untyped-def]
    load_text("traditional_words: {要闻: 要聞}\n", name="base.yaml")
    spec = load_text("extends: base.yaml\ntraditional_words: {本版组版: 本版編排}\n")
    assert spec.traditional_words["要闻"] == "要聞"
    assert spec.traditional_words["本版组版"] == "本版編排"
    assert spec.traditional_words["校对"] == "校對"
