"""Classify OCR lines and recognise the credits that open or close an article.

Kinds of line (`Kind`): heading (a short line without sentence punctuation), byline
(`□ 本报记者 X`, `本报评论员`), photo credit (`记者 X 摄`), jump line (`（下转2版）`), footer,
OCR garbage (`府 m I稿`), and body text; a 电头 on a line of its own (新华社北京2月16日电,
本报讯（记者 X）) is body text, not a heading, so that it opens the paragraph below.
Recognisers for the pieces inside body text — the news lead 本报讯（记者 X） or
本报讯 记者 X, the dateline 新华社北京2月16日电 or （中央社台北17日電）, jump marks at a
paragraph's end — return what they cut so that `build` can put it in its field.
Simplified and Traditional forms share one pattern (see `chars`). The rules about
reporters (names, byline lines, photo credits, leads and who wrote them) are `reporters`.
"""

from __future__ import annotations

import enum
import re

from layout.ingest import chars
from layout.ingest.chars import han_count
from layout.ingest.masthead import is_footer
from layout.ingest.reporters import (
    Lead,
    is_byline_line,
    is_credit_line,
    is_subject_line,
    match_news_lead,
    match_paper_lead,
    unclear_reporter,
)

CN_NUM = r"[0-9A-Z一二三四五六七八九十]{1,3}"
# The page a jump names: 2版, 第四版, A4版, or A4 alone (Hong Kong and Taiwan papers)
PAGE_REF = r"(?:第?\s*" + CN_NUM + r"\s*版|[A-H]\s*[0-9]{1,2}(?:\s*版)?)"
JUMP_LINE = re.compile(r"^[(（]?\s*(?P<v>" + chars.JUMP_WORDS + r"\s*" + PAGE_REF + r")\s*[)）]?$")
JUMP_END = re.compile(r"[(（]\s*(?P<v>(?:下转|下轉|转|轉|续|續)\s*" + PAGE_REF + r")\s*[)）]\s*$")
JUMP_START = re.compile(r"^\s*[(（]?\s*(?P<v>(?:上接|接)\s*" + PAGE_REF + r")\s*[)）]?\s*")
# The 电头: agency, place (a reporter may stand before it: 中央社記者王小明台北, or several:
# 中央社記者王小明、李大華台北), day and 电. 中央社 gives the day alone (台北17日電) and sets
# the whole 电头 in brackets (（中央社記者王小明台北17日電）), which are dropped; 新华社's
# reporter follows in brackets.
CO_REPORTERS = r"(?:" + chars.REPORTER + r"\s*(?:" + chars.NAME_CHAR + r"{2,4}\s*[、，,]\s*){1,4})?"
DATELINE = re.compile(
    r"^\s*(?P<open>[(（])?\s*(?P<v>" + chars.AGENCIES + CO_REPORTERS
    + r"[\u4e00-\u9fff]{0,8}?\s*(?:[0-9]{1,2}\s*月\s*)?[0-9]{1,2}\s*日\s*" + chars.DISPATCH + r")"
    r"(?(open)\s*[)）]|\s*(?P<who>[(（][^()（）]{1,30}[)）])?)\s*"
)
REPORTER_RE = re.compile(chars.REPORTER)
DASH_START = re.compile(r"^\s*(?:——|—|--|-|－|─)+\s*")
DATE_START = re.compile(r"^[0-9]{4}年[0-9]{1,2}月|^[0-9]{1,2}月[0-9]{1,2}日[，,]")
LOST_DATE_START = re.compile(r"^[日月号號][，,]")
SUBHEAD_MAX_HAN = 14  # a single heading line longer than this inside an article is a new headline
HEADING_MAX_CHARS = 40
FRAGMENT_MAX_HAN = 12  # a displaced column piece is at most this long


class Kind(enum.Enum):
    """What one OCR line is."""

    HEADING = "heading"
    BYLINE = "byline"
    CREDIT = "credit"
    JUMP = "jump"
    FOOTER = "footer"
    GARBAGE = "garbage"
    BODY = "body"


def classify(text: str) -> Kind:
    """The kind of one line, by the first rule that matches."""
    compact = text.strip()
    if is_footer(compact):
        return Kind.FOOTER
    if len(compact) <= 30 and is_credit_line(compact):  # before bylines: 摄影 is no name
        return Kind.CREDIT
    if len(compact) <= 40 and is_byline_line(compact):
        return Kind.BYLINE
    if len(compact) <= 20 and JUMP_LINE.match(compact):
        return Kind.JUMP
    if is_garbage(compact):
        return Kind.GARBAGE
    # before headings: 新华社北京2月16日电 has no punctuation either, nor has 本报讯 记者 张三
    # 全市, 本报讯 记者 从市里 or 记者 从市里 (the OCR broke the first paragraph's line there)
    if is_lead_line(compact) or opens_with_reporters(compact):
        return Kind.BODY
    if is_heading(compact):
        return Kind.HEADING
    return Kind.BODY


def is_garbage(text: str) -> bool:
    """Short OCR debris: no Han at all, or mostly lone letters mixed with Han (府 m I稿)."""
    if len(text) > 16:
        return False
    if han_count(text) == 0:
        return True
    tokens = text.split()
    singles = sum(1 for t in tokens if len(t) == 1)
    has_lone_latin = any(len(t) <= 2 and t.isascii() and t.isalpha() for t in tokens)
    return len(tokens) >= 3 and has_lone_latin and singles * 2 >= len(tokens)


def is_heading(text: str) -> bool:
    """A heading: short, at least 4 Han, no sentence punctuation, nothing left open."""
    body = DASH_START.sub("", text)
    compact = re.sub(r"\s+", "", body)
    if not han_count(compact) >= 4 or len(compact) > HEADING_MAX_CHARS:
        return False
    if chars.HEADING_FORBIDDEN.search(compact) or compact[-1] in chars.OPEN_ENDINGS:
        return False
    if compact[0] in chars.CLOSERS or chars.unmatched_closers(compact) or chars.unclosed_openers(compact):
        return False
    return compact.count('"') % 2 == 0


def is_lead_line(text: str) -> bool:
    """Whether a whole line is the 电头 of the paragraph below it, put on a line of its own.

    A dateline (新华社北京2月16日电, （中央社記者X台北17日電）) or a news lead: 本报讯 with
    what follows it in brackets (本报讯（记者 X）) or its reporters (本报讯 记者 X), another
    paper's 讯 only with a reporter named (新京报讯（记者 X）; 春节喜讯（组图） is a
    headline). Read as body text, it is cut into the dateline or byline as the same 电头
    at a paragraph's start is.
    """
    dateline = DATELINE.match(text)
    if dateline is not None:
        return not text[dateline.end():].strip()
    paper = match_paper_lead(text)
    if paper is not None and not text[paper.end:].strip() and REPORTER_RE.search(paper.who or ""):
        return True
    news = match_news_lead(text)
    return news is not None and not text[news.end:].strip()


def opens_with_reporters(text: str) -> bool:
    """Whether text opens with a lead and its reporters (本报讯 记者 张三 …, 新京报讯（记者
    X）…), or with a lead and a reporter word whose name was not read (本报讯 记者 从市里,
    the OCR having broken the line before 获悉), or is a reporter word and the words that
    make the reporter the sentence's subject, with no lead (记者 从市里, 本报记者 走访发现):
    the start of a paragraph, never a heading."""
    paper = match_paper_lead(text)
    if paper is not None and REPORTER_RE.search(paper.who or "") is not None:
        return True
    return unclear_reporter(text) is not None or is_subject_line(text)


def is_dash_led(text: str) -> bool:
    """Whether a heading line starts with a dash: a subheadline (副题)."""
    return bool(DASH_START.match(text))


def match_lead(text: str) -> Lead | None:
    """The news lead that opens text (本报讯（记者 X）, 【明報專訊】, 南都讯 记者 X), if any.

    A lead with who wrote it first, so that 本报讯 记者 张三 is read whole, not as 本报讯.
    """
    return match_paper_lead(text) or match_news_lead(text)


def starts_lead(text: str) -> bool:
    """Whether body text opens with a 电头: a news lead (本报讯（记者 X）) or a dateline."""
    return bool(match_lead(text) or DATELINE.match(text))


def starts_news(text: str) -> bool:
    """Whether body text opens a news item: 本报讯, a dateline, or 上接N版."""
    return starts_lead(text) or bool(JUMP_START.match(text))


def starts_paragraph(text: str) -> bool:
    """Whether body text clearly opens a new paragraph (so it cannot continue the last one)."""
    stripped = text.lstrip()
    return (stripped.startswith(chars.PARAGRAPH_OPENERS) or bool(DATE_START.match(stripped))
            or stripped[:1] in '"“' or starts_news(stripped))


def starts_mid_sentence(text: str) -> bool:
    """Whether text begins in the middle of something: a closer, a clause mark, or 日, …"""
    stripped = text.lstrip()
    if not stripped:
        return False
    if stripped[0] in chars.CLOSERS or stripped[0] in chars.CLAUSE_MARKS or stripped[0] in "。":
        return True
    return bool(LOST_DATE_START.match(stripped) or chars.unmatched_closers(stripped[:8]))


def is_fragment(text: str) -> bool:
    """A short complete piece that may be a column strip displaced by the OCR."""
    return han_count(text) <= FRAGMENT_MAX_HAN and chars.ends_sentence(text)


def caption_prefix(text: str) -> str | None:
    """A short all-Han first segment of a column strip whose lines are much longer.

    In column OCR the first segment of a continuation strip is a full column line; a
    short one (刘振国主持 批评，…) is a caption or subheadline the OCR merged in.
    """
    parts = text.split(maxsplit=1)
    if len(parts) < 2:
        return None
    head, rest = parts
    if not 2 <= len(head) <= 8 or not all(chars.is_han(c) for c in head):
        return None
    first_rest = rest.split(maxsplit=1)[0]
    return head if len(first_rest) >= 2 * len(head) + 4 else None
