"""The issue document on disk: round trips, and every validation message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.document import dump_issue, issue_to_data, load_issue, parse_issue
from layout.errors import DocumentError
from layout.model import Article, Footer, Issue, IssueInfo, Page, Paper, Paragraph, Subhead

ISSUE = Issue(
    paper=Paper(name="吕梁日报", postal_code="21-28", cn_number="CN14-0028", website="www.sxllnews.cn"),
    issue=IssueInfo(date="2023-02-17", weekday="星期五", number=10906, page_count=8),
    pages=(Page(1, "要闻", (
        Article(kicker="引题", headline="主题", subheadline="——副题", byline="本报记者 康桂芳",
                body=(Paragraph("正文，第一段。"), Subhead("小标题"), Paragraph("第二段：<b>&")),
                jump="下转2版", credit="记者 刘亮亮 摄"),
        Article(headline="短讯", dateline="新华社北京2月16日电", body=(Paragraph("一段。"),)),
    ), Footer(department="要闻部主办", editors=("马龙", "梁瑜"), email="a@b.cn")),),
    notes=("ingest: dropped 🥰 as OCR garbage",),
)


def test_documented_keys_in_order() -> None:
    data = issue_to_data(ISSUE)
    assert list(data) == ["paper", "issue", "pages", "notes"]
    article = data["pages"][0]["articles"][0]
    assert list(article) == ["kicker", "headline", "subheadline", "byline", "dateline", "body", "jump", "credit"]
    assert article["body"][1] == {"subhead": "小标题"}
    assert list(data["pages"][0]["footer"]) == ["department", "layout_editor", "editors", "proofreader", "email"]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_round_trip(fmt: str) -> None:
    text = dump_issue(ISSUE, fmt)
    assert parse_issue(text) == ISSUE
    if fmt == "json":
        assert json.loads(text)["issue"]["number"] == 10906
    else:
        assert "吕梁日报" in text  # readable CJK, not \u escapes


def test_characters_beyond_the_bmp_are_written_as_they_are() -> None:
    """通用规范汉字表 has 196 characters beyond the BMP, many in names: the document
    shows 𬉼, not "\U0002C27C" (libyaml's emitter escapes them)."""
    issue = Issue(pages=(Page(1, articles=(Article(headline="王\U0002c27c当选劳模",
                                                   byline="本报记者 \U00020cd0明亮"),)),))
    text = dump_issue(issue)
    assert "王\U0002c27c当选劳模" in text and "本报记者 \U00020cd0明亮" in text
    assert "\\U" not in text
    assert parse_issue(text) == issue


def test_load_from_file_and_unquoted_date(tmp_path: Path) -> None:
    path = tmp_path / "issue.yaml"
    path.write_text("issue: {date: 2023-02-17}\npages:\n- articles: [{headline: 标题, body: [一段。]}]\n",
                    encoding="utf-8")
    issue = load_issue(path)
    assert issue.issue.date == "2023-02-17"
    assert issue.pages[0].number == 1  # position stands in for a missing number
    assert issue.pages[0].articles[0].body == (Paragraph("一段。"),)


@pytest.mark.parametrize(("text", "expected"), [
    ("paper: {nmae: x}\n",
     "t.yaml:1:9: error: paper: unknown key `nmae`\n  hint: did you mean `name`?"),
    ("pages:\n- number: three\n",
     't.yaml:2:11: error: pages[0].number: expected a positive integer, found "three"'),
    ("pages:\n- number: 1\n  articles:\n  - headline: [a]\n",
     "t.yaml:4:15: error: pages[0].articles[0].headline: expected a string or null, found a list"),
    ("issue: {date: 17.2.2023}\n",
     't.yaml:1:15: error: issue.date: expected an ISO date like 2023-02-17, found "17.2.2023"'),
    ("pages: {number: 1}\n",
     "t.yaml:1:8: error: pages: expected a list, found a mapping"),
    ("paper: {name: a, name: b}\n",
     "t.yaml:1:18: error: paper.name: duplicate key"),
    ("pages:\n- articles:\n  - body: [{subhed: x}]\n",
     "t.yaml:3:13: error: pages[0].articles[0].body[0]: unknown key `subhed`\n  hint: did you mean `subhead`?"),
    ("- a\n", "t.yaml:1:1: error: : expected a mapping, found a list"),
])
def test_validation_messages(text: str, expected: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_issue(text, "t.yaml")
    assert str(caught.value) == expected


def test_all_problems_reported_at_once_in_file_order() -> None:
    text = "issue: {number: -1}\npaper: {webside: x}\n"
    with pytest.raises(DocumentError) as caught:
        parse_issue(text, "t.yaml")
    lines = [line for line in str(caught.value).splitlines() if not line.startswith("  hint")]
    assert [line.split(":")[1] for line in lines] == ["1", "2"]


@pytest.mark.parametrize("text", [
    "!!python/object/apply:os.system ['echo pwned']\n",
    "paper: !!python/name:os.system\n",
    "paper: {name: !custom x}\n",
])
def test_tags_are_rejected_never_constructed(text: str) -> None:
    with pytest.raises(DocumentError, match="unsupported tag"):
        parse_issue(text, "t.yaml")


@pytest.mark.parametrize(("text", "needle"), [
    ("paper: [unclosed\n", "t.yaml:2:1: error: not valid YAML/JSON"),
    ("", "expected an issue document, found an empty file"),
])
def test_syntax_errors_name_the_place(text: str, needle: str) -> None:
    with pytest.raises(DocumentError, match="^t.yaml:") as caught:
        parse_issue(text, "t.yaml")
    assert needle in str(caught.value)


def test_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"paper:\n  name: \xff\xfe\n")
    with pytest.raises(DocumentError, match=r"bad.yaml:2: error: expected UTF-8 text"):
        load_issue(bad)
    with pytest.raises(DocumentError, match="cannot read"):
        load_issue(tmp_path / "missing.yaml")


texts = st.one_of(st.none(), st.text(max_size=30))


@settings(max_examples=60, deadline=None)
@given(headline=texts, paragraphs=st.lists(st.text(min_size=0, max_size=40), max_size=4), note=st.text(max_size=20))
def test_any_text_round_trips(headline: str | None, paragraphs: list[str], note: str) -> None:
    issue = Issue(pages=(Page(1, articles=(Article(headline=headline, body=tuple(Paragraph(p) for p in paragraphs)),)),),
                  notes=(note,))
    for fmt in ("yaml", "json"):
        assert parse_issue(dump_issue(issue, fmt)) == issue


def test_yaml_is_plain_data() -> None:
    assert yaml.safe_load(dump_issue(ISSUE))["pages"][0]["footer"]["editors"] == ["马龙", "梁瑜"]


def test_texts_name_where_every_printed_string_stands() -> None:
    places = dict((text, where) for where, text in ISSUE.texts())
    assert places["吕梁日报"] == "masthead" and places["星期五"] == "masthead"
    assert places["主题"] == "page 1, article 1 (主题), headline"
    assert places["小标题"] == "page 1, article 1 (主题), subhead 2"
    assert places["一段。"] == "page 1, article 2 (短讯), paragraph 1"
    assert places["梁瑜"] == "page 1, footer"


def test_an_article_printed_without_a_head_is_named_by_its_opening_words() -> None:
    """Warnings, the plan and the PDF outline name it by its text, not "(untitled)"."""
    assert Article(kicker="引题", body=(Paragraph("正文"),)).title == "引题"
    opening = Article(body=(Subhead(" "), Paragraph("2月16日，市长张广勇主持召开市政府常务会。")))
    assert opening.title == "2月16日，市长张广勇主持召开市…"
    assert Article(body=(Paragraph("短 文\n"),)).title == "短 文"
    assert Article().title == "(untitled)"
