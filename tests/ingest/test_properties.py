"""Property tests: ingest never crashes and never loses a letter, digit or Han character."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from layout.ingest import ingest_text
from layout.ingest.coverage import missing_characters
from layout.model import Issue

# Pieces that trigger the recognisers, mixed with Han, Latin, digits and punctuation.
TOKENS = [
    "本报讯", "本報訊", "（记者 张三）", "(记者 李四)", "新华社北京2月16日电", "记者 王五 摄", "□ 本报记者 赵六",
    "（下转2版）", "上接1版", "第2版", "第二版 要闻", "A3 综合", "2023年2月", "星期五", "农历癸卯年正月二十七",
    "第10906期", "今日8版", "邮发代号:21-28", "CN14 - 0028", "www.example.cn", "吕梁日报社出版",
    "中共吕梁市委主管主办", "责编:马龙", "校对:孟柯妤", "本版组版: 李刚", "a@b.cn", "-", "——", "\"", "(", ")",
    "《", "》", ",", "。", "!", "?", ":", "、", " ", "\n", "\n\n", "\f", "> ", "🥰", "府 m I稿",
    "中国", "发展", "会议", "报告", "日", "2月16日", "Hello World", "2.5%", "1,000",
    # masthead and credit forms of other papers
    "RENMIN RIBAO", "★★★", "癸卯年二月十四", "二〇二三年三月五日", "〇〇〇〇年三月", "中華民國112年3月5日", "代号1-1",
    "http://paper.people.com.cn", "聯合新聞網 udn.com", "明報", "第25100號", "今日 6大張 24版", "零售价:1.00元",
    "今日天气 晴 12℃/-1℃", "某局主管 某集团主办", "本报评论员", "【明報專訊】", "〔記者 王小明/台北報導〕",
    "南都讯 记者 张三 ", "□南都记者 王五", "(下轉A4)", "版式设计:张三", "美术编辑:吴八", "编辑:周七",
    # bare leads, column titles after 记者, a dateline naming its reporter
    "本报讯 记者 张三", "本報訊 記者 阿依古丽·买买提 ", "通讯员 李四、王五", "本报记者走基层", "记者手记",
    "新华社北京2月16日电（记者 王五）",
]
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
CJKISH = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(HAN, min_size=1, max_size=12)), max_size=60).map("".join)


def assert_nothing_lost(text: str, issue: Issue) -> None:
    """Every alphanumeric character of text is in a field or a note."""
    missing = missing_characters(text, issue)
    assert not missing, f"lost {dict(missing)}"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_or_loses_characters(text: str) -> None:
    issue, warnings = ingest_text(text, "fuzz.txt")
    assert all(w.startswith("fuzz.txt:") and "\n" not in w for w in warnings)
    assert_nothing_lost(text, issue)


@settings(max_examples=250, deadline=None)
@given(CJKISH)
@example("本报讯\n本报讯")  # a repeated byline was dropped silently
def test_newspaper_like_text_never_loses_characters(text: str) -> None:
    issue, _ = ingest_text(text, "fuzz.txt")
    assert_nothing_lost(text, issue)
    assert all(p.number >= 0 for p in issue.pages)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(HAN, min_size=5, max_size=30), min_size=1, max_size=8))
def test_is_deterministic(lines: list[str]) -> None:
    text = "\n\n".join(lines)
    assert ingest_text(text) == ingest_text(text)
