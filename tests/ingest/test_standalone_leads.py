"""A 电头 (dateline, or a byline of the 本报讯 kind) that the OCR put on a line of its own.

Print sets it at the start of the article's first paragraph; read on its own line it
must come out as it does there: in `dateline` / `byline`, not as a headline.
"""

from __future__ import annotations

import pytest

from layout.ingest import classify as cl
from layout.ingest import ingest_text
from layout.ingest.coverage import missing_characters
from layout.model import Article

LEADS = [
    "新华社北京2月16日电",
    "新华社记者王五北京2月16日电",
    "新华社北京2月16日电（记者 王五）",
    "（中央社記者王小明台北17日電）",
    "中央社台北17日電",
    "（中央社記者王小明、李大華台北17日電）",
    "本报讯（记者 付永文）",
    "本報訊（記者 付永文）",
    "人民日报北京3月4日电",
    "中新社上海3月4日电",
    "新京报讯（记者 张三）",
    "南都讯 记者 张三",
]


def fields(article: Article) -> tuple[object, ...]:
    """What an article holds, without its source lines."""
    return (article.kicker, article.headline, article.subheadline, article.byline, article.dateline,
            tuple((type(b).__name__, b.text) for b in article.body))


def articles(text: str) -> list[tuple[object, ...]]:
    issue, _ = ingest_text(text, "t.txt")
    assert not missing_characters(text, issue)
    return [fields(a) for a in issue.articles()]


@pytest.mark.parametrize("lead", LEADS)
def test_a_lead_on_its_own_line_under_a_headline_is_that_articles_lead(lead: str) -> None:
    standalone = articles(f"某县召开工作会议\n\n{lead}\n\n市长主持会议,研究 部署工作。")
    inline = articles(f"某县召开工作会议\n\n{lead} 市长主持会议,研究 部署工作。")
    assert standalone == inline
    assert len(standalone) == 1 and standalone[0][1] == "某县召开工作会议" and standalone[0][2] is None
    assert standalone[0][5] == (("Paragraph", "市长主持会议，研究部署工作。"),)


@pytest.mark.parametrize(("lead", "byline", "dateline"), [
    ("新华社北京2月16日电", None, "新华社北京2月16日电"),
    ("（中央社記者王小明台北17日電）", None, "中央社記者王小明台北17日電"),
    ("本报讯（记者 付永文）", "本报讯（记者 付永文）", None),
])
def test_a_lead_on_its_own_line_fills_dateline_or_byline(lead: str, byline: str | None,
                                                          dateline: str | None) -> None:
    issue, _ = ingest_text(f"某县召开工作会议\n\n{lead}\n\n市长主持会议。", "t.txt")
    (art,) = issue.articles()
    assert (art.headline, art.subheadline, art.byline, art.dateline) == ("某县召开工作会议", None, byline, dateline)
    assert art.body[0].source.line == 5  # the paragraph is the line after the lead


@pytest.mark.parametrize("lead", ["新华社北京2月16日电", "本报讯（记者 付永文）", "中央社台北17日電"])
def test_a_lead_on_its_own_line_after_a_body_starts_an_untitled_article(lead: str) -> None:
    standalone = articles(f"某县召开工作会议\n\n正文第一段。\n\n{lead}\n\n市长主持会议。")
    assert standalone == articles(f"某县召开工作会议\n\n正文第一段。\n\n{lead} 市长主持会议。")
    assert len(standalone) == 2 and standalone[1][1] is None
    assert standalone[1][5] == (("Paragraph", "市长主持会议。"),)


def test_a_lead_on_its_own_line_after_a_short_heading_belongs_to_that_heading() -> None:
    found = articles("某县召开工作会议\n\n正文第一段。\n\n短标题在此\n\n新华社北京2月16日电\n\n市长主持会议。")
    assert [(a[1], a[4]) for a in found] == [("某县召开工作会议", None), ("短标题在此", "新华社北京2月16日电")]


def test_a_dateline_read_above_its_headline_joins_it() -> None:
    text = "某县召开工作会议\n\n正文第一段。\n\n新华社北京2月16日电\n\n某某会议在京召开\n\n中共中央政治局召开会议。"
    issue, _ = ingest_text(text, "t.txt")
    assert [(a.headline, a.dateline) for a in issue.articles()] == [
        ("某县召开工作会议", None), ("某某会议在京召开", "新华社北京2月16日电")]
    assert any("dateline '新华社北京2月16日电' stood before this headline" in n for n in issue.notes)


def test_a_second_dateline_is_noted_not_lost() -> None:
    text = "某县召开工作会议\n\n新华社北京2月16日电\n\n新华社北京2月17日电 中共中央政治局召开会议。"
    issue, _ = ingest_text(text, "t.txt")
    (art,) = issue.articles()
    assert art.dateline == "新华社北京2月16日电" and art.body[0].text == "中共中央政治局召开会议。"
    assert any("second dateline '新华社北京2月17日电'" in n for n in issue.notes)
    assert not missing_characters(text, issue)


@pytest.mark.parametrize("heading", ["国务院致电", "习近平复电", "中央社记者会", "新华社发布重要消息",
                                     "春节喜讯（组图）", "人民日报发表社论"])
def test_a_short_headline_that_is_no_lead_stays_a_heading(heading: str) -> None:
    assert not cl.is_lead_line(heading)
    issue, _ = ingest_text(f"某县召开工作会议\n\n{heading}\n\n市长主持会议。", "t.txt")
    (art,) = issue.articles()
    assert art.dateline is None and art.byline is None and art.subheadline is not None


UNFINISHED = "某县召开工作会议\n\n正文第一段,研究部署\n\n"  # a first paragraph the OCR cut mid-sentence


@pytest.mark.parametrize("lead", ["新华社北京2月16日电", "本报讯（记者 付永文）", "中央社台北17日電",
                                  "（中央社記者王小明台北17日電）", "南都讯 记者 张三"])
@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_a_lead_after_an_unfinished_paragraph_starts_an_untitled_article(lead: str, gap: str) -> None:
    text = f"{UNFINISHED}{lead}{gap}市长主持会议。"
    found = articles(text)
    finished = articles(f"某县召开工作会议\n\n正文第一段。\n\n{lead}{gap}市长主持会议。")
    assert [a[:5] for a in found] == [a[:5] for a in finished] and found[1] == finished[1]
    assert found[0][5] == (("Paragraph", "正文第一段，研究部署"),)
    assert found[1][1] is None and found[1][5] == (("Paragraph", "市长主持会议。"),)
    issue, _ = ingest_text(text, "t.txt")
    assert any(n.startswith("line 3: paragraph ends mid-sentence") for n in issue.notes)


@pytest.mark.parametrize("lead", ["新华社北京2月16日电", "本报讯（记者 付永文）"])
def test_a_short_lead_strip_after_an_unfinished_paragraph_is_not_set_aside_as_displaced(lead: str) -> None:
    rest = "全年重点工作,确保各项任务落到实处,推动经济社会高质量发展。"
    issue, _ = ingest_text(f"{UNFINISHED}{lead} 会议召开。\n\n{rest}", "t.txt")
    first, second = issue.articles()
    assert [b.text for b in first.body] == ["正文第一段，研究部署"]
    assert (second.byline or second.dateline, [b.text for b in second.body]) == (
        lead, ["会议召开。", "全年重点工作，确保各项任务落到实处，推动经济社会高质量发展。"])
    assert not any("displaced strip" in n for n in issue.notes)


@pytest.mark.parametrize(("lead", "text"), [
    ("（中央社記者王小明台北17日電）", "（中央社記者王小明台北17日電）"),
    ("(中央社台北17日電)", "（中央社台北17日電）"),
    ("（中央社記者王小明、李大華台北17日電）", "（中央社記者王小明、李大華台北17日電）"),
    ("新华社北京2月16日电", "新华社北京2月16日电"),
])
@pytest.mark.parametrize("after", ["", "\n\n另一标题在此处\n\n市长主持会议。"])
def test_a_dateline_kept_as_text_keeps_its_brackets(lead: str, text: str, after: str) -> None:
    issue, _ = ingest_text(f"某县召开工作会议\n\n{lead}{after}", "t.txt")
    first = issue.articles()[0]
    assert (first.dateline, [b.text for b in first.body]) == (None, [text])
    assert any("has no paragraph after it" in n for n in issue.notes)
