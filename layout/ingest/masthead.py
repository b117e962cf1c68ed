"""Masthead (报头) and page footer recognition, and the issue date inference.

The masthead fields are found by the patterns in `MASTHEAD_FIELDS`, wherever they stand
in the leading lines of a page: OCR of a masthead mixes its boxes in any order. A line
counts as masthead when at least one field is found and little else is left over, so a
body line that merely mentions a date is not swallowed. Each masthead or footer line is
quoted whole in the notes, so the labels (邮发代号, 今日, 责编 …) that the model does not
keep are not lost. Traditional forms are in the same tables, and so are the other
ways papers print a date: Chinese numerals (二〇二三年三月五日), 民国 years (中華民國112年,
中華民國一一二年), lunar dates with or without 农历 (癸卯年二月十四).
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass, field
from collections.abc import Iterator
from itertools import takewhile
from typing import TypedDict

from layout.ingest.chars import ends_sentence, han_count
from layout.ingest.report import Notes
from layout.ingest.segment import Unit, chinese_number
from layout.model import ROC_EPOCH

HANS = r"[\u4e00-\u9fff]"
# Chinese numerals as printed in dates: 二〇二三年三月五日 (year digit by digit).
CN_YEAR = r"[〇零一二三四五六七八九]{4}"
CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
CN_DAY = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
# The 民国 era of Taiwan papers (`ROC_EPOCH`): 民國112年 is 2023. Its year is printed in
# digits (112), numeral by numeral (一一二) or as a number (一百一十二, 一百十二, 一百零五).
ROC_ERA = r"(?:中华民国|中華民國|民国|民國)"
ROC_YEAR = r"[0-9]{2,3}|一百(?:[零〇][一二三四五六七八九]|一?十[一二三四五六七八九]?)?|[〇零一二三四五六七八九]{2,3}"
ROC_DATE = (ROC_ERA + rf"\s*(?P<roc>{ROC_YEAR})\s*年\s*(?P<m>[0-9]{{1,2}}|{CN_MONTH})\s*月"
            rf"(?:\s*(?P<d>[0-9]{{1,2}}|{CN_DAY})\s*日)?")
# Lunar dates (GB/T 33661—2017 农历的编算和颁行): a 干支 year, a month (闰 for a leap
# month, 正 for the first, 冬 and 腊 for the last two), a day 初一…初十, 十一…二十, 廿一…三十.
GANZHI_YEAR = r"[甲乙丙丁戊己庚辛壬癸]\s*[子丑寅卯辰巳午未申酉戌亥]\s*年"
LUNAR_MONTH = r"(?:闰|閏)?\s*(?:正|十[一二]|[一二三四五六七八九十]|冬|腊|臘)\s*月"
LUNAR_DAY = (r"(?:初\s*[一二三四五六七八九十]|二十\s*[一二三四五六七八九]?|十\s*[一二三四五六七八九]"
             r"|廿\s*[一二三四五六七八九]|三十)(?:\s*日)?")
LUNAR_PREFIX = r"(?:农历|農曆)"
# How a paper's name ends (南方都市报, 中国青年报, 新民晚报; 明報 is a `short_name`).
NAME_SUFFIXES = ("日报", "晚报", "早报", "晨报", "时报", "商报", "都市报", "青年报", "法制报", "导报", "周报",
                 "日報", "晚報", "早報", "晨報", "時報", "商報", "都市報", "青年報", "法制報", "導報", "週報")
# Masthead keys whose pattern is only tried while the masthead has no such field yet,
# and the field they fill: a short name like 明報 or 聯合報 is too common a word shape
# to be trusted once the paper's name is known.
FALLBACK_KEYS = {"short_name": "name"}
# The name a publisher line gives (吕梁日报社出版), used only when no line names the paper.
PUBLISHER_NAME = "publisher_name"
# A run of Han and spaces, where the fields of `HanTextPattern` are looked for.
HAN_TEXT = re.compile(r"[\u4e00-\u9fff\s]+")


class HanTextPattern:
    r"""A field pattern made of Han and spaces only (HANS, Han words, \s), searched run by
    run of Han and spaces (`HAN_TEXT`), where HANS is written as \S.

    The match is the one `re.compile(pattern).search` finds, as every match lies in one
    such run and, inside a run, \S is a Han character. sre builds a class of ranges anew
    in each pattern that uses it (HANS, 21,000 code points: about 0.8 ms a pattern); \S
    costs nothing, so these fields share the one HANS of `HAN_TEXT`.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.on_run = re.compile(pattern.replace(HANS, r"\S"))

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in text, as `re.search` gives it."""
        for run in HAN_TEXT.finditer(text):
            match = self.on_run.search(text, run.start(), run.end())
            if match:
                return match
        return None


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern compiled on first use: one that many issues never need (a rare masthead
    field's, a footer's), as a HANS class costs about 0.8 ms to compile."""
    return re.compile(pattern)


class RarePattern:
    """A field pattern few mastheads print, compiled when a line first holds one of its
    words (each of its matches holds one): an issue without the field never compiles it."""

    def __init__(self, words: tuple[str, ...], pattern: str) -> None:
        self.words = words
        self.pattern = pattern

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in text, as `re.search` gives it."""
        if not any(word in text for word in self.words):
            return None
        return _compiled(self.pattern).search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches in text, as `re.finditer` gives them."""
        if not any(word in text for word in self.words):
            return iter(())
        return _compiled(self.pattern).finditer(text)


# The currencies a price box may name, by the region (ISO 3166) whose money each is:
# a paper's price tells where it is published (`infer_region`)
CURRENCY_REGIONS = {
    **dict.fromkeys(("人民币", "人民幣"), "CN"), **dict.fromkeys(("港币", "港幣", "港元", "HK$"), "HK"),
    **dict.fromkeys(("澳门币", "澳門幣", "澳门元", "澳門元", "MOP$"), "MO"),
    **dict.fromkeys(("新台币", "新台幣", "新臺幣", "NT$"), "TW"),
    **dict.fromkeys(("新币", "新幣", "S$"), "SG"), **dict.fromkeys(("马币", "馬幣", "令吉", "RM"), "MY"),
}
CURRENCIES = sorted(CURRENCY_REGIONS, key=len, reverse=True)
# A website's country domain names the region too (www.mingpao.com names none)
DOMAIN_REGIONS = {"cn": "CN", "hk": "HK", "mo": "MO", "tw": "TW", "sg": "SG", "my": "MY"}
# Taiwan papers' dates (中華民國112年3月5日)
ROC_DATE_RE = RarePattern(("民国", "民國"), ROC_DATE)

# Order matters: longer, more specific patterns first; each match is cut from the line;
# a key listed twice is filled by the first of its patterns that matches.
MASTHEAD_FIELDS: tuple[tuple[str, re.Pattern[str] | HanTextPattern | RarePattern], ...] = (
    ("cn_number", re.compile(r"(?:国内统一连续出版物号|國內統一連續出版物號|刊号|刊號)?\s*[:：]?\s*"
                             r"CN\s*(?P<a>[0-9]{2})\s*[-－—]\s*(?P<b>[0-9]{4})(?:\s*/\s*(?P<c>[A-Z]))?",
                             re.ASCII)),
    ("postal_code", re.compile(r"(?:邮发代号|郵發代號|代号|代號)\s*[:：]?\s*(?P<v>[0-9]{1,2}\s*[-－]\s*[0-9]{1,4})")),
    ("website", re.compile(HANS + r"{0,8}(?:网|網)?\s*[:：]?\s*(?P<v>(?:https?://)?www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")),
    ("website", RarePattern(("://",), HANS + r"{0,8}(?:网|網)?\s*[:：]?\s*(?P<v>https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")),
    ("website", RarePattern(("网", "網"), HANS + r"{0,8}(?:网|網)(?:址|站)?\s*[:：]?\s*"
                            r"(?P<v>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:cn|com|net|org|hk|tw|mo)(?![A-Za-z0-9.-]))")),
    ("date", ROC_DATE_RE),
    ("date", re.compile(r"(?P<y>[0-9]{4})\s*年\s*(?P<m>[0-9]{1,2})\s*月(?:\s*(?P<d>[0-9]{1,2})\s*日)?")),
    ("date", re.compile(rf"(?P<y>{CN_YEAR})\s*年\s*(?P<m>{CN_MONTH})\s*月(?:\s*(?P<d>{CN_DAY})\s*日)?")),
    ("weekday", re.compile(r"(?P<v>(?:星期|礼拜|禮拜|周|週)\s*[一二三四五六日天])")),
    ("lunar_date", re.compile(rf"(?P<v>{LUNAR_PREFIX}?\s*{GANZHI_YEAR}(?:\s*{LUNAR_MONTH}(?:\s*{LUNAR_DAY})?)?)")),
    # 农历二月十四, without a 干支 year (rare: only tried when the pattern above fails)
    ("lunar_date", RarePattern(("农历", "農曆"), rf"(?P<v>{LUNAR_PREFIX}\s*{LUNAR_MONTH}\s*{LUNAR_DAY})")),
    ("lunar_date", HanTextPattern(rf"(?P<v>{LUNAR_PREFIX}\s*" + HANS + r"{2,12})")),
    ("number", re.compile(r"(?:总|總)?第\s*(?P<v>[0-9]{1,6})\s*期")),
    # 第25100號: only a number of four or more digits, 第5號 is a typhoon or a decree
    ("number", re.compile(r"(?:总|總)?第\s*(?P<v>[0-9]{4,6})\s*(?:號|号)")),
    # 今日20版, 今日二十四版, 今日 6大張 24版 (Taiwan counts sheets too)
    ("page_count", re.compile(r"(?:今日|本期|今天)\s*(?:共\s*)?(?:[0-9]{1,2}\s*(?:大張|大张|張|张|疊|叠)\s*)?"
                              r"(?P<v>[0-9]{1,3}|[一二三四五六七八九十]{1,3})\s*版")),
    # kept only in the notes (the model has no price), its currency telling the paper's
    # region (`infer_region`): 零售价 1.00元, 每份 港幣十元
    ("price", RarePattern(("零售价", "零售價", "定价", "定價", "售价", "售價", "每份"),
                          r"(?:零售价|零售價|定价|定價|售价|售價|每份)\s*[:：]?\s*(?P<v>(?:"
                          + "|".join(map(re.escape, CURRENCIES))
                          + r")?\s*(?:[0-9]+(?:\.[0-9]+)?|[一二三四五六七八九十]+)\s*(?:元|圓)?)")),
    # kept only in the notes too: 今日天气 晴转多云 北风二级 12℃/-1℃ (a label and a temperature)
    ("weather", RarePattern(("天气", "天氣"),
                            r"(?:今日|今天|明日|明天|本市)?\s*(?:天气|天氣)\s*[:：]?\s*"
                            r"(?P<v>(?:" + HANS + r"|\s){0,16}?"
                            r"-?[0-9]{1,2}\s*(?:℃|°C|度)(?:\s*[/~～至-]\s*-?[0-9]{1,2}\s*(?:℃|°C|度)?)?)")),
    ("publisher_line", HanTextPattern(r"(?P<v>" + HANS + r"{2,10}?(?:社|社)(?:出版|出版))")),
    # 广东省新闻出版局主管 南方报业传媒集团主办: two bodies, kept apart by a full-width space
    ("supervisor_line", HanTextPattern(r"(?P<v>" + HANS + r"{2,14}?主管)\s*(?P<w>" + HANS + r"{2,14}?(?:主办|主辦))")),
    ("supervisor_line", HanTextPattern(r"(?P<v>" + HANS + r"{2,14}?(?:主管主办|主管主辦|主管|主办|主辦))")),
    ("organ_line", HanTextPattern(r"(?P<v>" + HANS + r"{2,14}?(?:机关报|機關報))")),
    ("name", HanTextPattern(r"(?P<v>" + HANS + r"{2,6}(?:" + "|".join(NAME_SUFFIXES) + r"))")),
    # a token of its own: 明報, 聯合報, 大公報
    ("short_name", RarePattern(("报", "報"), r"(?<!\S)(?P<v>" + HANS + r"{1,3}(?:报|報))(?!\S)")),
)
# A masthead line may keep at most this many Han characters outside its fields.
MAX_LEFTOVER_HAN = 6
# The masthead is found in this many leading lines of a page.
MASTHEAD_ZONE = 20
# Filler between masthead lines (RENMIN RIBAO, ★★★, OCR specks): at most this many
# lines in a row, each at most this long and with at most this many Han characters.
MAX_FILLER_RUN = 2
FILLER_MAX_CHARS = 40
FILLER_MAX_HAN = 2
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
ARTICLE_DATE = re.compile(r"(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日")

# Footer labels and the field the names after each fill; None: the names stay in the
# notes (the footer line is quoted whole there), as the model has no photo editor.
FOOTER_FIELDS: dict[str, str | None] = {
    **dict.fromkeys(("本版组版", "本版組版", "组版", "組版", "版式设计", "版式設計", "版式", "美术编辑", "美術編輯",
                     "美编", "美編", "排版"), "layout_editor"),
    **dict.fromkeys(("本版责编", "本版責編", "责任编辑", "責任編輯", "本版编辑", "本版編輯", "文字编辑", "文字編輯",
                     "值班编辑", "值班編輯", "责编", "責編"), "editors"),
    **dict.fromkeys(("责任校对", "責任校對", "校对", "校對"), "proofreader"),
    **dict.fromkeys(("图片编辑", "圖片編輯"), None),
}
# Labels that are common words too: one counts only as a word of its own with a colon
# (编辑:张三, 统筹：李四), not in 要闻部编辑, 编辑部, 统筹推进 or a sentence about editing.
# 统筹 (the page's coordinator) has no field in the model: its names stay in the notes.
COLON_LABELS: dict[str, str | None] = {
    **dict.fromkeys(("编辑", "編輯"), "editors"),
    **dict.fromkeys(("统筹", "統籌"), None),
}
COLON_LABEL = r"(?<!" + HANS + r")(?:" + "|".join(COLON_LABELS) + r")(?=\s*[:：])"
# The regex tries the longest label first, so 版式设计 is not read as 版式 + "设计".
FOOTER_LABELS = re.compile(
    r"(?P<label>" + "|".join(sorted(FOOTER_FIELDS, key=len, reverse=True)) + "|" + COLON_LABEL
    + r"|(?:(?<=\s)|^)" + HANS + r"{0,6}(?:邮箱|郵箱|电子信箱|電子信箱))\s*[:：]?\s*"
)
# 统筹 without its colon (统筹 张三) is read as a label only in a line that other labels
# already make a footer, and only as a word of its own before a name: OCR leaves spaces
# inside prose too (要 统筹 发展).
BARE_LABEL = r"(?:(?<=\s)|^)(?P<label>统筹|統籌)\s+(?=" + HANS + r"{2,4}(?:\s|$))"
DEPARTMENT = r"(?P<v>" + HANS + r"{1,8}(?:部|中心|室)(?:主办|主辦|编辑|編輯))"
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", re.ASCII)


@dataclass
class Masthead:
    """Masthead fields found so far (raw values, before they become model types)."""

    values: dict[str, str] = field(default_factory=dict)
    date_parts: tuple[int, int, int | None] | None = None
    line: int | None = None
    date_line: int | None = None
    roc_date: bool = False  # the date is of the 民国 era: a Taiwan paper


def read_masthead(units: list[Unit], found: Masthead, notes: Notes) -> int:
    """Read masthead fields from the leading units; return how many units were masthead.

    Lines without a field that are plainly masthead filler (the name in Latin letters,
    a rule of stars, OCR specks) are passed over, a few at a time, but only when a
    field line follows them; after the last field line only filler without Han or
    digits is taken, so a short first headline or body line is left to the page. A 民国
    date broken over two lines is read as one line (`_join_split_date`).
    """
    used = 0
    filler: list[Unit] = []
    zone = units[:MASTHEAD_ZONE]
    index = 0
    while index < len(zone):
        unit, fields = _join_split_date(zone, index, found.values, notes)
        index += 1 if fields is None else 2
        fields = fields if fields is not None else _match_fields(unit.text, found.values)
        if fields is None:
            if len(filler) < MAX_FILLER_RUN and is_filler(unit.text):
                filler.append(unit)
                continue
            break
        _read_filler(filler, notes)
        filler.clear()
        for key, value in fields.items():
            _store_field(found, key, value, unit.line, notes)
        if "date" in fields and ROC_DATE_RE.search(unit.text):
            found.roc_date = True
        found.line = found.line or unit.line
        notes.add(unit.line, f"masthead line '{unit.text}' read as {', '.join(sorted(fields))}")
        used = index
    trailing = list(takewhile(is_plain_filler, filler)) if used else []
    _read_filler(trailing, notes)
    return used + len(trailing)


def _join_split_date(units: list[Unit], index: int, known: dict[str, str],
                     notes: Notes) -> tuple[Unit, dict[str, str] | None]:
    """units[index] joined to the next unit, with its fields, when a 民国 date is broken
    between them; else units[index] and None.

    A 民国 date is long (中華民國一一二年二月十七日) and a narrow masthead box may break it.
    The lines are one when the first ends inside a date that the second completes, day
    included, and together they read as a masthead line.
    """
    first = units[index]
    if index + 1 >= len(units):
        return first, None
    second = units[index + 1]
    joined = first.text + second.text
    if not any(m.start() < len(first.text) < m.end() and m.group("d") for m in ROC_DATE_RE.finditer(joined)):
        return first, None
    fields = _match_fields(joined, known)
    if fields is None:
        return first, None
    notes.add(first.line, f"masthead lines '{first.text}' and '{second.text}' (line {second.line}) "
                          "read as one: a 民国 date broken over two lines")
    return Unit(first.line, joined, first.block), fields


def is_filler(text: str) -> bool:
    """Whether a masthead-zone line without a field is filler rather than article text:
    short, with at most `FILLER_MAX_HAN` Han characters and no sentence end."""
    return len(text) <= FILLER_MAX_CHARS and han_count(text) <= FILLER_MAX_HAN and not ends_sentence(text)


def is_plain_filler(unit: Unit) -> bool:
    """Filler with no Han and no digit (RENMIN RIBAO, ★★★): masthead even when no field
    line follows it, as no headline or body text is made of that alone."""
    return is_filler(unit.text) and han_count(unit.text) == 0 and not any(c.isdigit() for c in unit.text)


def _read_filler(filler: list[Unit], notes: Notes) -> None:
    """Quote the filler lines taken into the masthead."""
    for unit in filler:
        notes.add(unit.line, f"masthead line '{unit.text}' has no field (a transliteration, "
                             "decoration or OCR specks); kept here only")


def _match_fields(text: str, known: dict[str, str]) -> dict[str, str] | None:
    """Fields found in one line, or None when the line is not masthead (known: the
    fields read so far, which turn the `FALLBACK_KEYS` patterns off)."""
    rest = text
    fields: dict[str, str] = {}
    for key, pattern in MASTHEAD_FIELDS:
        target = FALLBACK_KEYS.get(key, key)
        if target in fields or (key in FALLBACK_KEYS and target in known):
            continue
        match = pattern.search(rest)
        if not match:
            continue
        fields[target] = _field_value(key, match)
        rest = rest[: match.start()] + " " + rest[match.end():]
    if not fields or han_count(rest) > MAX_LEFTOVER_HAN:
        return None
    if set(fields) == {"name"} and "name" in known and han_count(rest) > 0:
        return None  # the paper is named already: 某市日报创刊70周年 is a headline about one
    return fields


def _field_value(key: str, match: re.Match[str]) -> str:
    """The normalised value of one masthead match."""
    if key == "cn_number":
        tail = f"/{match.group('c')}" if match.group("c") else ""
        return f"CN{match.group('a')}-{match.group('b')}{tail}"
    if key == "date":
        return _date_value(match)
    value = re.sub(r"\s+", "", match.group("v"))
    if match.groupdict().get("w"):
        value += "\u3000" + re.sub(r"\s+", "", match.group("w"))
    return str(chinese_number(value)) if key == "page_count" else value


def _date_value(match: re.Match[str]) -> str:
    """`year-month-day` (day may be empty) of a date in digits, Chinese numerals or 民国 years."""
    groups = match.groupdict()
    year = roc_year(groups["roc"]) + ROC_EPOCH if groups.get("roc") else chinese_number(groups["y"])
    day = str(chinese_number(groups["d"])) if groups["d"] else ""
    return f"{year}-{chinese_number(groups['m'])}-{day}"


def roc_year(text: str) -> int:
    """A 民国 year: 112, 一一二, 一百一十二, 一百十二 and 一百零五 (105)."""
    hundreds, mark, rest = text.partition("百")
    if not mark:
        return chinese_number(text)
    tail = rest.lstrip("零〇")
    return chinese_number(hundreds) * 100 + (chinese_number(tail) if tail else 0)


def _store_field(found: Masthead, key: str, value: str, line: int, notes: Notes) -> None:
    """Keep the first value of each field; a second, different one is only noted."""
    if key == "date":
        year, month, day = value.split("-")
        if found.date_parts is None:
            found.date_parts = (int(year), int(month), int(day) if day else None)
            found.date_line = line
        return
    if key == "publisher_line" and value.endswith(("社出版", "社出版")):
        found.values.setdefault(PUBLISHER_NAME, value[:-3])
    if key in found.values and found.values[key] != value:
        notes.add(line, f"second masthead {key} '{value}' ignored (kept '{found.values[key]}')")
        return
    found.values.setdefault(key, value)


def infer_region(found: Masthead) -> tuple[str, str] | None:
    """Where the paper is published (an ISO 3166 code) and what tells it: the currency
    of its price, a 民国 date (Taiwan), a CN number (the mainland's serial number), its
    website's country domain; None when the masthead names no region."""
    values = found.values
    price = values.get("price", "")
    for currency in CURRENCIES:
        if currency in price:
            return CURRENCY_REGIONS[currency], f"the price {price}"
    if found.roc_date:
        return "TW", "its 民国 date"
    if "cn_number" in values:
        return "CN", f"its CN number {values['cn_number']}"
    domain = values.get("website", "").rstrip("/").rsplit(".", 1)[-1].lower()
    if domain in DOMAIN_REGIONS:
        return DOMAIN_REGIONS[domain], f"its website {values['website']}"
    return None


# Words a Hong Kong, Macau or Taiwan paper's articles use and the others' rarely do: its
# government, money and districts, in Traditional forms, not the place names (香港, 澳門,
# 台北), which neighbours' news names as often. When the masthead names no region, the
# words a Traditional issue uses most tell it (`region_from_words`).
REGION_WORDS = {
    "HK": ("港府", "港元", "港幣", "港鐵", "港人", "九龍", "新界", "港島"),
    "MO": ("澳府", "澳門元", "澳門幣", "澳人", "氹仔", "路環"),
    "TW": ("行政院", "立法院", "新台幣", "新臺幣", "新北", "高雄", "台中", "臺中", "台南", "臺南", "桃園"),
}
REGION_MIN_WORDS = 3  # a region is read from the text only on this many of its words ...
REGION_LEAD = 2.0  # ... and this many times those of any other


def region_from_words(texts: list[str]) -> tuple[str, str] | None:
    """The region whose `REGION_WORDS` `texts` use clearly the most, and the count that
    tells it; None when they tell none."""
    joined = "".join(texts)
    counts = {region: sum(joined.count(word) for word in words) for region, words in REGION_WORDS.items()}
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    (best, most), (_, second) = ranked[0], ranked[1]
    if most < REGION_MIN_WORDS or most < REGION_LEAD * second:
        return None
    return best, ", ".join(f"{region} {count}" for region, count in ranked)


def paper_name(found: Masthead) -> str | None:
    """The paper's name: a name line, else the publisher's (吕梁日报社出版 -> 吕梁日报).

    A name line wins wherever it stands, as a group's publisher may print its evening
    paper (北京日报社出版 above 北京晚报)."""
    return found.values.get("name") or found.values.get(PUBLISHER_NAME)


def infer_date(found: Masthead, texts: list[str], notes: Notes) -> str | None:
    """The issue date as ISO 8601, inferring a day the OCR lost from weekday and datelines."""
    if found.date_parts is None:
        return None
    year, month, day = found.date_parts
    weekday = found.values.get("weekday")
    line = found.date_line
    if not 1 <= month <= 12:
        notes.add(line, f"masthead month {month} is not a month; date left empty")
        return None
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        notes.add(line, f"masthead year {year} is not a calendar year; date left empty")
        return None
    if day is not None:
        return _checked_date(year, month, day, weekday, line, notes)
    if weekday is None:
        notes.add(line, f"masthead date {year}年{month}月 has no day and no weekday; date left empty")
        return None
    wanted = WEEKDAYS[weekday[-1]]
    candidates = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
                  if datetime.date(year, month, d).weekday() == wanted]
    latest = max((int(m["d"]) for t in texts for m in ARTICLE_DATE.finditer(t)
                  if int(m["m"]) == month and 1 <= int(m["d"]) <= 31), default=None)
    if latest is None:
        notes.add(line, f"masthead date {year}年{month}月 lost its day; {weekday} fits days "
                  f"{', '.join(map(str, candidates))}; no dated article to choose one, date left empty")
        return None
    after = [d for d in candidates if d >= latest]
    if not after:
        notes.add(line, f"masthead date lost its day; no {weekday} in {year}-{month:02d} "
                        f"on or after {month}月{latest}日")
        return None
    notes.add(line, f"masthead date {year}年{month}月 lost its day in OCR; inferred {after[0]} "
              f"({weekday}, the first on or after the latest article date {month}月{latest}日)")
    return f"{year:04d}-{month:02d}-{after[0]:02d}"


def _checked_date(year: int, month: int, day: int, weekday: str | None, line: int | None, notes: Notes) -> str | None:
    """A complete masthead date, checked against its weekday."""
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        notes.add(line, f"masthead date {year}-{month}-{day} does not exist; date left empty")
        return None
    if weekday and date.weekday() != WEEKDAYS[weekday[-1]]:
        notes.add(line, f"masthead says {weekday} but {date.isoformat()} is not; kept the date")
    return date.isoformat()


class FooterFields(TypedDict, total=False):
    """The fields `read_footer` finds in a footer line (only those present)."""

    department: str
    email: str
    editors: tuple[str, ...]
    proofreader: str
    layout_editor: str


def is_footer(text: str) -> bool:
    """Whether a line is the page footer: two or more footer labels in a short line that
    does not end a sentence (footers end in a name or an address, body text in 。)."""
    return len(text) <= 160 and len(FOOTER_LABELS.findall(text)) >= 2 and not ends_sentence(text)


def read_footer(text: str) -> FooterFields:
    """Footer fields of a footer line: department, layout_editor, editors, proofreader, email."""
    result: FooterFields = {}
    department = _compiled(DEPARTMENT).search(text)
    if department:
        result["department"] = department.group("v")
    email = EMAIL.search(text)
    if email:
        result["email"] = email.group(0)
    labels = sorted([*FOOTER_LABELS.finditer(text), *_compiled(BARE_LABEL).finditer(text)], key=lambda m: m.start())
    for index, match in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        names = [n for n in re.split(r"[\s,，、]+", text[match.end():end]) if n and not EMAIL.fullmatch(n)]
        field = _footer_field(match.group("label"))
        if field == "editors":
            result["editors"] = (*result.get("editors", ()), *names)
        elif field == "proofreader" and names:
            result["proofreader"] = " ".join((result.get("proofreader", ""), *names)).strip()
        elif field == "layout_editor" and names:
            result["layout_editor"] = " ".join((result.get("layout_editor", ""), *names)).strip()
    return result


def _footer_field(label: str) -> str | None:
    """The footer field a label's names fill (None for a mailbox, a photo editor or 统筹)."""
    return COLON_LABELS[label] if label in COLON_LABELS else FOOTER_FIELDS.get(label)
