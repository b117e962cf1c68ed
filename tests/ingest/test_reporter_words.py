"""Who a bare lead names: the reporter words before the names, and what is no name.

- a reporter's grade or kind before 记者 (见习记者, 首席记者, 特约记者, 实习记者, 摄影记者,
  特约通讯员; 見習記者, 攝影記者) and 实习生 are reporter words like 记者 itself;
"""

from __future__ import annotations

import re

import pytest

from layout.ingest import chars
from layout.ingest import classify as cl
from layout.ingest import ingest_text
from layout.ingest.coverage import missing_characters
from layout.model import Article, Issue

HEAD = "某县召开工作会议\n\n"
TEXT = "昨日,市长主持会议。"
BODY = "昨日，市长主持会议。"


def read(text: str) -> Issue:
    issue, _ = ingest_text(text, "t.txt")
    assert not missing_characters(text, issue)
    return issue


def only(text: str) -> Article:
    (art,) = read(text).articles()
    return art


@pytest.mark.parametrize("word", ["见习记者", "見習記者", "首席记者", "特约记者", "特約記者", "实习记者", "摄影记者",
                                  "攝影記者", "实习生", "實習生", "特约通讯员", "本报见习记者", "本報首席記者"])
def test_a_reporters_grade_is_part_of_the_reporter_word(word: str) -> None:
    assert re.fullmatch(chars.REPORTER, word)


@pytest.mark.parametrize("lead", [
    "本报讯 见习记者 张三", "本报讯 首席记者 张三", "本报讯 特约记者 张三", "本报讯 摄影记者 张三",
    "本报讯 实习生 李四", "本报讯 记者 张三 实习生 李四", "本报讯 记者 张三 见习记者 李四",
    "本報訊 見習記者 張三", "本報訊 攝影記者 張三 實習生 李四", "本报讯 特约通讯员 李四 记者 张三",
    "本报讯 首席记者张三", "本报电 见习记者 张三",
])
@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_a_bare_lead_with_a_graded_reporter_word_is_the_byline(lead: str, gap: str) -> None:
    issue = read(f"{HEAD}{lead}{gap}{TEXT}")
    (art,) = issue.articles()
    assert (art.byline, art.subheadline, [b.text for b in art.body]) == (lead, None, [BODY])
    assert not issue.notes


@pytest.mark.parametrize("byline", ["本报首席记者 张三", "本报见习记者 张三", "□ 本报首席记者 张三 实习生 李四",
                                    "本報見習記者 張三"])
def test_a_byline_line_with_a_graded_reporter_word_is_a_byline(byline: str) -> None:
    assert cl.classify(byline) is cl.Kind.BYLINE
    art = only(f"{HEAD}{byline}\n\n{TEXT}")
    assert (art.headline, art.byline, art.subheadline) == ("某县召开工作会议", byline, None)


@pytest.mark.parametrize("credit", ["摄影记者 张三 摄", "首席记者 张三 摄"])
def test_a_photo_credit_with_a_graded_reporter_word_stays_a_credit(credit: str) -> None:
    assert cl.classify(credit) is cl.Kind.CREDIT


@pytest.mark.parametrize("lead", ["【首席記者王小明／台北報導】", "〔見習記者 王小明/台北報導〕"])
def test_a_bracketed_lead_with_a_graded_reporter_word_is_the_byline(lead: str) -> None:
    art = only(f"{HEAD}{lead}{TEXT}")
    assert (art.byline, [b.text for b in art.body]) == (lead, [BODY])
