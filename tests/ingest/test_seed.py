"""The seed page (吕梁日报 2023-02-17, column OCR): the structure a reader expects.

The rules are generic; this test checks that together they rebuild a real page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from layout.ingest import decode_raw, ingest_text
from layout.ingest.coverage import missing_characters
from layout.model import Issue, Paragraph, Subhead

SEED = Path(__file__).resolve().parents[2] / "samples" / "lvliang-daily-2023-02-17.txt"
HAN_SPACE_HAN = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def seed() -> tuple[str, Issue, tuple[str, ...]]:
    text = decode_raw(SEED.read_bytes(), SEED.name)
    issue, warnings = ingest_text(text, SEED.name)
    return text, issue, warnings


def test_masthead(seed) -> None:
    _, issue, _ = seed
    assert issue.paper.name == "吕梁日报"
    assert issue.paper.supervisor_line == "中共吕梁市委主管主办"
    assert issue.paper.publisher_line == "吕梁日报社出版"
    assert (issue.paper.postal_code, issue.paper.cn_number, issue.paper.website) == (
        "21-28", "CN14-0028", "www.sxllnews.cn")
    info = issue.issue
    assert (info.date, info.weekday, info.lunar_date, info.number, info.page_count) == (
        "2023-02-17", "星期五", "农历癸卯年正月二十七", 10906, 8)
    assert any("inferred 17" in n for n in issue.notes)
    assert any("中共吕梁市委机关报" in n for n in issue.notes)


def test_footer_and_page(seed) -> None:
    _, issue, _ = seed
    (page,) = issue.pages
    assert (page.number, page.section) == (1, "要闻")
    assert page.footer is not None
    assert page.footer.editors == ("马龙", "梁瑜", "任霞晖")
    assert (page.footer.layout_editor, page.footer.proofreader, page.footer.email) == (
        "李刚", "孟柯妤", "llrbywb@163.com")


def test_articles_and_headlines(seed) -> None:
    _, issue, _ = seed
    by_title = {a.title: a for a in issue.articles()}
    for title in ("习近平向“中国+中亚五国”产业与投资合作论坛致贺信", "中共中央政治局常务委员会召开会议",
                  "我市培育特色专业镇发展纪实", "张广勇与中建上信董事长孙继辉一行举行工作会谈",
                  "市人大常委会党组召开2022年度民主生活会"):
        assert title in by_title, sorted(by_title)
    politburo = by_title["中共中央政治局常务委员会召开会议"]
    assert politburo.dateline == "新华社北京2月16日电"
    assert politburo.subheadline and "习近平主持会议" in politburo.subheadline
    feature = by_title["我市培育特色专业镇发展纪实"]
    assert feature.subheadline == "——我市培育特色专业镇发展纪实"  # as printed; its title drops the dash
    assert feature.byline == "□ 本报记者 康桂芳" and feature.jump == "下转2版"
    assert [b.text for b in feature.body if isinstance(b, Subhead)] == ["突破新优势\u3000勃发新生机", "激发新动能\u3000打造新引擎"]
    meeting = by_title["市人大常委会党组召开2022年度民主生活会"]
    assert meeting.byline == "本报讯（记者 康桂芳）" and meeting.credit == "记者 刘亮亮 摄"


def test_displaced_strips_are_back_in_place(seed) -> None:
    _, issue, _ = seed
    texts = [b.text for a in issue.articles() for b in a.body]
    assert any(t.endswith("预算草案的报告（讨论稿）》。") for t in texts)
    assert any(t.endswith("对进一步修改完善三个报告提出意见建议。") for t in texts)
    council = next(a for a in issue.articles() if a.byline == "本报讯（记者 付永文）")
    assert council.body[0].text.startswith("2月16日，市长张广勇主持召开市政府第20次常务会议")


def test_paragraph_after_the_jump_rejoins_the_council_report(seed) -> None:
    # 在认真听取发言后，张广勇指出… (after 下转2版) continues the 常务会 report on the 政府工作报告
    _, issue, _ = seed
    council = next(a for a in issue.articles() if a.byline == "本报讯（记者 付永文）")
    assert council.body[-1].text.startswith("在认真听取发言后，张广勇指出")
    assert council.body[-1].text.endswith("确保党中央国务院、省委省政府决策部署在吕梁落地生根。")
    assert len(issue.articles()) == 6


def test_paragraphs_are_joined_without_stray_spaces(seed) -> None:
    _, issue, _ = seed
    paragraphs = [b.text for a in issue.articles() for b in a.body if isinstance(b, Paragraph)]
    assert len(paragraphs) >= 25
    assert not [p for p in paragraphs if HAN_SPACE_HAN.search(p)]
    assert not [p for p in paragraphs if re.search(r"[\u4e00-\u9fff][,:;()!?]", p)]
    assert any("病毒还在不断变异" in p for p in paragraphs)  # 病 / 毒 were in two strips


def test_nothing_is_lost_and_garbage_is_noted(seed) -> None:
    text, issue, warnings = seed
    assert not missing_characters(text, issue)
    notes = "\n".join(issue.notes)
    for piece in ("🥰", "'>'", "府 m I稿", "'文)'", "刘振国主持"):
        assert piece in notes
    assert all(w.startswith(SEED.name + ":") for w in warnings)
