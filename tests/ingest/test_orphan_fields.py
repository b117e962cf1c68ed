"""What follows an article that jumped to another page (下转) keeps all its characters.

Body text after a 下转 is an orphan that `repair` moves to the article it shares wording
with; a news item that opens there is no orphan, and a credit or jump the orphan picked
up goes with its paragraphs.
"""

from __future__ import annotations

import pytest

from layout.ingest import ingest_text
from layout.ingest.coverage import missing_characters

JUMPED = "政治局召开会议研究防控工作\n\n中共中央政治局召开会议,(下转2版)\n\n"
SHARER = ("某县召开疫情防控工作会议研究部署下一步工作\n\n"
          "某县召开会议研究疫情防控工作。会议强调防控工作要抓实。")
ITEM = "某县召开会议研究疫情防控工作,会议强调防控工作要抓实抓细。"


@pytest.mark.parametrize(("start", "dateline", "jump"), [
    ("新华社北京2月16日电 ", "新华社北京2月16日电", None),
    ("新华社北京2月16日电\n\n", "新华社北京2月16日电", None),
    ("（上接2版）", None, "上接2版"),
])
def test_a_news_item_after_a_jumped_article_is_no_orphan(start: str, dateline: str | None,
                                                         jump: str | None) -> None:
    text = JUMPED + start + ITEM + "\n\n" + SHARER
    issue, _ = ingest_text(text, "t.txt")
    assert not missing_characters(text, issue)
    assert [(a.headline, a.dateline, a.jump, len(a.body)) for a in issue.articles()] == [
        ("政治局召开会议研究防控工作", None, "下转2版", 1), (None, dateline, jump, 1),
        ("某县召开疫情防控工作会议研究部署下一步工作", None, None, 1)]


def test_an_orphans_credit_goes_with_its_paragraphs() -> None:
    text = JUMPED + ITEM + "\n\n记者 王五 摄\n\n" + SHARER
    issue, _ = ingest_text(text, "t.txt")
    assert not missing_characters(text, issue)
    last = issue.articles()[-1]
    assert (len(issue.articles()), last.credit, last.body[-1].text) == (2, "记者 王五 摄", ITEM.replace(",", "，"))
    assert any("credit '记者 王五 摄' moved with them" in n for n in issue.notes)


def test_an_orphans_credit_is_noted_when_its_article_has_one() -> None:
    text = JUMPED + ITEM + "\n\n记者 王五 摄\n\n" + SHARER + "\n\n记者 赵六 摄"
    issue, _ = ingest_text(text, "t.txt")
    assert not missing_characters(text, issue)
    assert issue.articles()[-1].credit == "记者 赵六 摄"
    assert any("credit '记者 王五 摄' of those paragraphs not moved" in n for n in issue.notes)
