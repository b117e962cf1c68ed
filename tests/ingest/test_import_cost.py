"""Patterns restructured so that ingest compiles fewer Han classes at import, or compiles
them on first use, find what the plain regular expressions find (those are compiled in
the tests only).

sre builds a character class of ranges anew in each pattern that uses it, enumerating its
code points: about 0.8 ms for [\\u4e00-\\u9fff], so ingest keeps such classes few.
"""

from __future__ import annotations

import random
import re

import pytest

from layout.ingest import chars
from layout.ingest import masthead as mh
from layout.ingest import segment as sg

# Han of the field words and others, Han outside HANS (Ext A, compatibility, plane 2),
# spaces and what stands between fields in a masthead line
ALPHABET = ("中共吕梁市委机關关报報社出版主管主办辦日晚都青年周週农历農曆癸卯正月二十七星期"
            "\u3400\uf900\U00020000 \u3000\t\n:：0-9A.,，。/")
SAMPLES = ["中共吕梁市委机关报 吕梁日报社出版", "中共吕梁市委主管主办 邮发代号:21-28",
           "广东省新闻出版局主管\u3000南方报业传媒集团主办", "农历 癸卯年正月二十七", "聯合報 中國時報"]


def generated(seed: int, count: int = 4000) -> list[str]:
    """Masthead-like lines: pieces of the samples and random runs of ALPHABET."""
    rng = random.Random(seed)
    lines = list(SAMPLES)
    for _ in range(count):
        if rng.random() < 0.5:
            sample = rng.choice(SAMPLES)
            start = rng.randrange(len(sample))
            line = sample[start:start + rng.randint(1, len(sample))]
            line = "".join(c if rng.random() > 0.1 else rng.choice(ALPHABET) for c in line)
        else:
            line = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 24)))
        lines.append(line)
    return lines


def spans(match: re.Match[str] | None) -> object:
    """What a match says: its span and groups, or None."""
    return None if match is None else (match.span(), match.groups(), match.groupdict())


HAN_TEXT_FIELDS = [(key, p) for key, p in mh.MASTHEAD_FIELDS if isinstance(p, mh.HanTextPattern)]


@pytest.mark.parametrize(("key", "pattern"), HAN_TEXT_FIELDS, ids=[k for k, _ in HAN_TEXT_FIELDS])
def test_han_text_fields_find_what_their_regex_finds(key: str, pattern: mh.HanTextPattern) -> None:
    plain = re.compile(pattern.pattern)
    for line in generated(seed=len(pattern.pattern)):
        assert spans(pattern.search(line)) == spans(plain.search(line)), (key, line)


def test_han_text_fields_hold_han_and_spaces_only() -> None:
    """What `HanTextPattern` relies on: its patterns read Han (HANS and Han words) and
    spaces only, so every match lies in one run of `HAN_TEXT`."""
    assert len(HAN_TEXT_FIELDS) == 6
    for _, pattern in HAN_TEXT_FIELDS:
        words = re.sub(r"\(\?P<\w+>|\(\?:|\{\d+,\d+\}\??|[()|?*]|\\s", "", pattern.pattern.replace(mh.HANS, ""))
        assert words and all("\u4e00" <= c <= "\u9fff" for c in words), words


RARE_FIELDS = [(key, p) for key, p in mh.MASTHEAD_FIELDS if isinstance(p, mh.RarePattern)]
RARE_PIECES = ["今日", "本市", "天气", "天氣", "天", "晴转多云", " ", "：", "12", "-1", "℃", "/", "~", "度", "°C",
               "零售价", "定價", "售价", "每份", "港幣", "HK$", "1.00", "十", "元", "价",
               "新闻网", "網", "网址", "站", "吕梁", "http://", "https://", ":/", "//", "www.", "sxllnews", ".cn", ".com",
               ".", "-", "A", "\u3400", "。", "中華民國", "中华民国", "民国", "民", "112", "一百十二", "一一二", "年", "3", "月",
               "5日", "十七日", "明報", "聯合", "报", "報", "大公", "日报", "农历", "農曆", "闰", "正", "二", "初三", "廿",
               "三十", "冬", "腊"]
RARE_SAMPLES = ["今日天气 晴转多云 北风二级 12℃/-1℃", "零售价 1.00元", "每份 港幣十元", "聯合新聞網 udn.com",
                "吕梁新闻网 http://llnews.cn", "网址:www.x.cn", "中華民國112年3月5日 星期日", "聯合報 UNITED", "明報",
                "农历 二月 初三", "農曆閏二月十四日"]


def rare_lines(seed: int) -> list[str]:
    """Lines near the RARE_SAMPLES: pieces put in them, or pieces alone."""
    rng = random.Random(seed)
    lines = list(RARE_SAMPLES)
    for _ in range(20000):
        words = [*rng.choice(RARE_SAMPLES).split(" ")] if rng.random() < 0.5 else []
        for _ in range(rng.randint(1, 4) if words else rng.randint(0, 10)):
            words.insert(rng.randint(0, len(words)), rng.choice(RARE_PIECES))
        lines.append(rng.choice(["", " "]).join(words))
    return lines


@pytest.mark.parametrize(("key", "pattern"), RARE_FIELDS, ids=[k for k, _ in RARE_FIELDS])
def test_rare_fields_find_what_their_regex_finds(key: str, pattern: mh.RarePattern) -> None:
    plain = re.compile(pattern.pattern)
    found = 0
    for line in rare_lines(seed=len(pattern.pattern)):
        assert spans(pattern.search(line)) == spans(plain.search(line)), (key, line)
        assert [*map(spans, pattern.finditer(line))] == [*map(spans, plain.finditer(line))], (key, line)
        found += plain.search(line) is not None
    assert found > 300


def test_footer_patterns_are_compiled_on_first_use() -> None:
    fields = mh.read_footer("要闻部主办 编辑：张三 统筹 李四 王五")
    assert fields == {"department": "要闻部主办", "editors": ("张三",)}
    assert isinstance(mh.BARE_LABEL, str) and isinstance(mh.DEPARTMENT, str)


def page_marker_regex(line: str) -> tuple[str, str, str | None] | None:
    """What the page-marker patterns read as three plain regular expressions (until
    they shared one SECTION)."""
    section = r"(?:\s*[·・:：|｜-]?\s*(?P<section>[\u4e00-\u9fff]{2,8}))?"
    patterns = (r"^第\s*(?P<num>[0-9]{1,3}|[〇零一二两三四五六七八九十]{1,4})\s*[版]" + section + r"\s*$",
                r"^[A-H]\s*(?P<num>[0-9]{1,2})" + section + r"\s*$",
                r"^(?P<num>[0-9]{1,2})\s+(?P<section>[\u4e00-\u9fff]{2,6})\s*$")
    stripped = line.strip()
    if len(stripped) > 16:
        return None
    for pattern in patterns:
        match = re.match(pattern, stripped)
        if match:
            return match.group(0).strip(), match.group("num"), match.group("section")
    return None


def test_page_markers_read_as_their_regexes_do() -> None:
    rng = random.Random(5)
    numbers = ["第2版", "第 十二 版", "第〇版", "第1234版", "第二十一二版", "A2", "H 12", "A123", "I2", "2", "12", "123", "第2期", ""]
    sections = ["要闻", "国际新闻", "国际新闻专题报道", "要", "综合x", "\u3400\u3400", "经济 ", ""]
    gaps, marks = ["", " ", "  ", "\u3000", "\t"], ["", "", "·", "：", "-", "|", "x"]
    lines = ["第2版", "第 十二 版 · 要闻", "A2 要闻", "B12", "2 要闻", "12 国际新闻专题报道", "3 ·要闻", "第10906期 今日8版"]
    lines += [rng.choice(gaps) + rng.choice(numbers) + rng.choice(gaps) + rng.choice(marks) + rng.choice(gaps)
              + rng.choice(sections) + rng.choice(gaps) for _ in range(20000)]
    read = 0
    for line in lines:
        marker = sg.match_page_marker(line)
        expected = page_marker_regex(line)
        assert (None if marker is None else (marker.text, marker.num, marker.section)) == expected, line
        read += expected is not None
    assert read > 2000


def test_is_cjk_is_the_one_class_it_was() -> None:
    """is_cjk asks HAN_RE, then CJK_NOT_HAN_RE: the same as one class of both, for every
    code point of the BMP and of planes 2 and 3 (the Han extensions), and for no text."""
    one_class = re.compile(f"[{chars.HAN}{chars.KANA_HANGUL}{chars.CJK_PUNCT}]")
    for code in [*range(0xD800), *range(0xE000, 0x10000), *range(0x20000, 0x40000, 7)]:
        assert chars.is_cjk(chr(code)) == bool(one_class.match(chr(code))), hex(code)
    assert not chars.is_cjk("")
