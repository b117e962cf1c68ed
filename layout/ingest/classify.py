"""Classify OCR lines and recognise the credits that open or close an article.

Kinds of line (`Kind`): heading (a short line without sentence punctuation), byline
(`□ 本报记者 X`, `本报评论员`), photo credit (`记者 X 摄`), jump line (`（下转2版）`), footer,
OCR garbage (`府 m I稿`), and body text; a 电头 on a line of its own (新华社北京2月16日电,
本报讯（记者 X）) is body text, not a heading, so that it opens the paragraph below.
Recognisers for the pieces inside body text — the news lead 本报讯（记者 X） or
本报讯 记者 X, the dateline 新华社北京2月16日电 or （中央社台北17日電）, jump marks at a
paragraph's end — return what they cut so that `build` can put it in its field.
Simplified and Traditional forms share one pattern (see `chars`).
"""

from __future__ import annotations

import enum
import re

from layout.ingest import chars
from layout.ingest.chars import han_count
from layout.ingest.masthead import is_footer

CN_NUM = r"[0-9A-Z一二三四五六七八九十]{1,3}"
# A reporter's name: 2-4 Han, or a transliteration in parts (阿依古丽·买买提); never a
# word that holds a column title (本报记者走基层 is a heading), a job title (站站长,
# 部主任) or a verb of reporting (走访发现), nor one that begins or ends with a unit
# (部主任, 新闻部, 记者站), nor a preposition with a place (从市里, 在现场: 向明 is a name),
# nor one that holds a particle or another character no name has (的一天, 记者们).
FROM_PLACE = chars.FROM_WORDS + chars.NAME_CHAR + r"{0,2}?" + chars.PLACE_ENDS + r"(?!" + chars.NAME_CHAR + ")"
NOT_NAME = (chars.NAME_CHAR + r"{0,2}(?:" + chars.COLUMN_WORDS + "|" + chars.JOB_TITLES + "|" + chars.REPORT_VERBS
            + r")|" + chars.UNIT_CHARS + "|" + chars.NAME_CHAR + r"{1,3}" + chars.UNIT_CHARS + r"(?!" + chars.NAME_CHAR
            + ")|" + FROM_PLACE + "|" + chars.NAME_CHAR + r"{0,3}" + chars.NOT_NAME_CHARS)
NAME = r"(?!" + NOT_NAME + r")(?:" + chars.TRANSLITERATED_NAME + "|" + chars.NAME_CHAR + r"{2,4})"
NAMES = NAME + r"(?:(?:\s+|\s*[、，,]\s*)" + NAME + r")*"
# A job title may stand between the reporter word and the names, a space before them:
# 记者站站长 李四 (记者站站长谈发展 is a heading)
TITLE = r"(?:" + chars.NAME_CHAR + r"{0,3}?" + chars.JOB_TITLES + r"\s+)?"
REPORTERS = r"(?:" + chars.REPORTER + r"\s*" + TITLE + NAMES + r"\s*)+"
# The lookahead bounds the bracket's inside (at most 40 characters), so REPORTERS, whose
# names may also be read as reporter words, backtracks over a short span only.
BRACKET_LEAD = (chars.LEAD_OPEN + r"(?=[^】〕］]{1,40}" + chars.LEAD_CLOSE + r")\s*(?:" + chars.LEAD_NEWS + "|"
                + REPORTERS + chars.REPORT_PLACE + r")\s*" + chars.LEAD_CLOSE)
# Before 记者: after a mark any short word (□南都记者), else a medium or two Han (南都记者).
REPORTER_PREFIX = (r"(?:" + chars.BYLINE_MARK + r"\s*[\u4e00-\u9fff]{0,4}?|" + chars.MEDIA
                   + r"|[\u4e00-\u9fff]{1,2})?")
BYLINE_LINE = re.compile(
    r"^" + REPORTER_PREFIX + r"\s*" + REPORTERS + r"(?:" + chars.REPORT_PLACE + r")?$"
    + r"|^" + chars.BYLINE_MARK + r"?\s*(?:" + chars.MEDIA + r"?\s*" + chars.COMMENTATOR
    + r"(?:\s*" + NAMES + r")?\s*|" + BRACKET_LEAD + r")$"
)
CREDIT_LINE = re.compile(
    r"^(?:" + chars.REPORTER + r")?\s*(?:" + chars.NAME_CHAR + r"{2,4}\s*){1,4}" + chars.PHOTO + r"$"
)
# The page a jump names: 2版, 第四版, A4版, or A4 alone (Hong Kong and Taiwan papers)
PAGE_REF = r"(?:第?\s*" + CN_NUM + r"\s*版|[A-H]\s*[0-9]{1,2}(?:\s*版)?)"
JUMP_LINE = re.compile(r"^[(（]?\s*(?P<v>" + chars.JUMP_WORDS + r"\s*" + PAGE_REF + r")\s*[)）]?$")
JUMP_END = re.compile(r"[(（]\s*(?P<v>(?:下转|下轉|转|轉|续|續)\s*" + PAGE_REF + r")\s*[)）]\s*$")
JUMP_START = re.compile(r"^\s*[(（]?\s*(?P<v>(?:上接|接)\s*" + PAGE_REF + r")\s*[)）]?\s*")
NEWS_LEAD = re.compile(r"^\s*(?P<lead>" + chars.BYLINE_NEWS + "|" + BRACKET_LEAD + r")"
                       r"\s*(?P<who>[(（][^()（）]{1,30}[)）])?\s*")
# 本报讯, 新京报讯, 南都讯, 明報專訊, and a paper's 电 lead (本报电, 本報電)
PAPER_NEWS = r"(?:" + chars.BYLINE_NEWS + r"|[\u4e00-\u9fff]{1,4}?(?:讯|訊|专讯|專訊))"
# Who wrote a lead, not in brackets: 记者 张三 通讯员 李四 (or 记者张三, the name run into
# the reporter word), each name a word of its own (a space or the line's end after it,
# names of one reporter word joined by 、 or only by spaces: 记者 张三 李四). A name run
# into the text (张三昨日) has no clear end and is not read (see UNCLEAR_LEAD); nor is a
# reporter word (通讯员 starts the next group), nor a word that a verb of reporting
# follows, alone or after more such words (记者 张三 获悉, 记者 张三 李四 获悉: the
# reporters are the text's subject).
BARE_NAME = (r"(?!" + chars.REPORTER + r"|" + chars.NAME_CHAR + r"{0,6}?" + chars.BODY_START_WORDS + r"|(?:"
             + chars.NAME_CHAR + r"{1,4}\s+){0,3}" + chars.NAME_CHAR + r"{0,4}?" + chars.REPORT_VERBS + r")" + NAME)
# A second or later name parted from the one before by spaces only (OCR leaves them inside
# Chinese text too: 张三 全市 上下…) is no common word: none that ends like one (全市,
# 上下), no time word (全年), no paragraph opener (同时, 此外). When in doubt the word stays
# in the text (with a note, see unread_name).
COMMON_WORD = (chars.NAME_CHAR + r"{1,3}" + chars.COMMON_WORD_ENDS + "|" + chars.TIME_WORDS)
OPENER_WORD = "|".join(re.escape(word) for word in chars.PARAGRAPH_OPENERS)
LATER_NAME = (r"(?!(?:" + COMMON_WORD + r")(?!" + chars.NAME_CHAR + r")|(?:" + OPENER_WORD + r"))" + BARE_NAME)
BARE_WHO = (r"(?:" + chars.REPORTER + r"\s*" + TITLE + BARE_NAME + r"(?:\s*、\s*" + BARE_NAME + r"|\s+" + LATER_NAME
            + r")*(?:\s+|$))+")
# A lead (本报讯, 新京报讯, 南都讯) with who wrote it after it: in brackets, or bare (the
# line may end there: the lead stood on a line of its own). Another paper's lead counts
# only so; 本报讯 also alone (NEWS_LEAD).
PAPER_LEAD = re.compile(
    r"^\s*(?P<lead>" + PAPER_NEWS + r")\s*(?P<who>[(（][^()（）]{1,30}[)）]|" + BARE_WHO + r")\s*"
)
# A lead and a reporter word whose name runs into the text: 本报讯 记者 张三昨日…, also
# 本报讯 记者张三昨日… (but 本报讯 记者昨日获悉… names no one: the reporter is the subject)
UNCLEAR_LEAD = re.compile(r"^\s*(?:" + chars.BYLINE_NEWS + "|" + PAPER_NEWS + r")\s*(?P<reporter>" + chars.REPORTER
                          + r")(?:\s+|(?!" + chars.BODY_START_WORDS + r"))" + chars.NAME_CHAR)
# A line of a reporter word and the words that make the reporter the subject of a
# sentence, with no lead before it: 记者 从市里, 本报记者 走访发现, 记者 从市里 获悉 (the OCR
# broke the first paragraph's line there, 获悉，… follows). A verb of reporting or a
# preposition with a place is no name (see NOT_NAME), so this is no byline but the
# paragraph's first words; a column title after 记者 (记者手记, 本报记者走基层) stays a heading.
VERB_WORD = chars.NAME_CHAR + r"{0,4}?" + chars.REPORT_VERBS
SUBJECT_LINE = re.compile(r"^(?:" + chars.MEDIA + r")?\s*" + chars.REPORTER + r"\s*(?:" + FROM_PLACE + r"(?:\s*"
                          + VERB_WORD + r")?|" + VERB_WORD + r")$")
# The word after the reporter word, when it stands alone (a space or the line's end after
# it) and holds no name run into an opening word (张三昨日): 本报讯 记者 调查发现 …,
# 记者 编辑部 获悉, 记者 从市里 获悉. Read as no name, it names no one: no name was found.
LONE_WORD = re.compile(r"\s*(?P<word>" + chars.NAME_CHAR + r"{1,8})(?:\s|$)")
NAME_RUN_IN = re.compile(chars.NAME_CHAR + r"{2,4}?" + chars.BODY_START_WORDS)


def unnamed_word(text: str, unclear: re.Match[str]) -> str | None:
    """The lone word after a lead's reporter word that was read as no name, if any
    (调查发现 in 本报讯 记者 调查发现 …); None when a name runs into the text (张三昨日)."""
    lone = LONE_WORD.match(text, unclear.end("reporter"))
    if lone is None or NAME_RUN_IN.match(lone.group("word")):
        return None
    return lone.group("word")
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
    if len(compact) <= 30 and CREDIT_LINE.match(compact):  # before bylines: 摄影 is no name
        return Kind.CREDIT
    if len(compact) <= 40 and BYLINE_LINE.match(compact):
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
    paper = PAPER_LEAD.match(text)
    if paper is not None and not text[paper.end():].strip() and REPORTER_RE.search(paper.group("who")):
        return True
    news = NEWS_LEAD.match(text)
    return news is not None and not text[news.end():].strip()


def opens_with_reporters(text: str) -> bool:
    """Whether text opens with a lead and its reporters (本报讯 记者 张三 …, 新京报讯（记者
    X）…), or with a lead and a reporter word whose name was not read (本报讯 记者 从市里,
    the OCR having broken the line before 获悉), or is a reporter word and the words that
    make the reporter the sentence's subject, with no lead (记者 从市里, 本报记者 走访发现):
    the start of a paragraph, never a heading."""
    paper = PAPER_LEAD.match(text)
    if paper is not None and REPORTER_RE.search(paper.group("who")) is not None:
        return True
    return UNCLEAR_LEAD.match(text) is not None or SUBJECT_LINE.match(text) is not None


def is_dash_led(text: str) -> bool:
    """Whether a heading line starts with a dash: a subheadline (副题)."""
    return bool(DASH_START.match(text))


def match_lead(text: str) -> re.Match[str] | None:
    """The news lead that opens text (本报讯（记者 X）, 【明報專訊】, 南都讯 记者 X), if any.

    A lead with who wrote it first, so that 本报讯 记者 张三 is read whole, not as 本报讯.
    """
    return PAPER_LEAD.match(text) or NEWS_LEAD.match(text)


def unread_name(rest: str) -> str | None:
    """The word that opens the text after a bare lead's names when only its ending kept it
    from being read as one more name (全市 in 本报讯 记者 张三 全市 上下…): ingest is unsure."""
    word = re.match(r"(?!(?:" + OPENER_WORD + r"))(" + BARE_NAME + r")(?:\s|$)", rest)
    if word is None or not re.match(r"(?:" + COMMON_WORD + r")(?:\s|$)", rest):
        return None
    return word.group(1)


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
