"""The staged credit rules of `reporters` read what the rules say, and stay cheap to build.

- they agree with the same rules written as single regular expressions (the form ingest
  compiled at every import until 0.15 s of it was found there), on generated lines;
- what the staging relies on holds: the tables it reads on a run of Han hold Han only, and
  no word of a table it reads in one place begins another;
- no pattern `reporters` compiles at import holds a Han class, but WORD_RUN.
"""

from __future__ import annotations

import functools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.ingest import chars
from layout.ingest import reporters as rp
from layout.ingest.pieces import LONGEST_WORD


@functools.cache
def one_regex() -> dict[str, re.Pattern[str]]:
    """The rules as single regular expressions (slow to compile: built on first use)."""
    n = chars.NAME_CHAR
    name = rf"(?!{rp.NOT_NAME})(?:{chars.TRANSLITERATED_NAME}|{n}{{2,4}})"
    names = name + r"(?:(?:\s+|\s*[、，,]\s*)" + name + r")*"
    title = r"(?:" + n + r"{0,3}?" + chars.JOB_TITLES + r"\s+)?"
    reporters = r"(?:" + chars.REPORTER + r"\s*" + title + names + r"\s*)+"
    place = r"\s*" + chars.REPORT_SLASH + r"\s*" + chars.REPORTED_FROM
    bracket = (chars.LEAD_OPEN + r"(?=[^】〕］]{1,40}" + chars.LEAD_CLOSE + r")\s*(?:" + chars.LEAD_NEWS + "|"
               + reporters + place + r")\s*" + chars.LEAD_CLOSE)
    prefix = rf"(?:{chars.BYLINE_MARK}\s*[\u4e00-\u9fff]{{0,4}}?|{chars.MEDIA}|[\u4e00-\u9fff]{{1,2}})?"
    paper_news = r"(?:" + chars.BYLINE_NEWS + r"|[\u4e00-\u9fff]{1,4}?" + chars.NEWS_WORDS + ")"
    bare_name = (r"(?!" + chars.REPORTER + r"|" + rp.BODY_START_WORD + r"|(?:" + n + r"{1,4}\s+){0,3}"
                 + rp.VERB_WORD + r")" + name)
    later_name = r"(?!(?:" + rp.COMMON_WORD + r")(?!" + n + r")|(?:" + rp.OPENER_WORD + r"))" + bare_name
    bare_who = (r"(?:" + chars.REPORTER + r"\s*" + title + bare_name + r"(?:\s*、\s*" + bare_name + r"|\s+"
                + later_name + r")*(?:\s+|$))+")
    who = r"[(（][^()（）]{1,30}[)）]"
    return {name: re.compile(pattern) for name, pattern in {
        "name": name,
        "byline": rf"^{prefix}\s*{reporters}(?:{place})?$|^{chars.BYLINE_MARK}?\s*(?:{chars.MEDIA}?\s*"
                  rf"{chars.COMMENTATOR}(?:\s*{names})?\s*|{bracket})$",
        "credit": rf"^(?:{chars.REPORTER})?\s*(?:{n}{{2,4}}\s*){{1,4}}{chars.PHOTO}$",
        "subject": rf"^(?:{chars.MEDIA})?\s*{chars.REPORTER}\s*(?:{rp.FROM_PLACE}(?:\s*{rp.VERB_WORD})?|"
                   rf"{rp.VERB_WORD}|{names}\s*{rp.VERB_WORD})$",
        "news": rf"^\s*(?P<lead>{chars.BYLINE_NEWS}|{bracket})\s*(?P<who>{who})?\s*",
        "paper": rf"^\s*(?P<lead>{paper_news})\s*(?P<who>{who}|{bare_who})\s*",
        "bare_who": bare_who,
        "unclear": rf"^\s*(?:{chars.BYLINE_NEWS}|{paper_news})\s*(?P<reporter>{chars.REPORTER})(?:\s+|"
                   rf"(?!{chars.BODY_START_WORDS})){n}",
        "unread": rf"(?!(?:{rp.OPENER_WORD}))({bare_name})(?:\s|$)",
        "common": rf"(?:{rp.COMMON_WORD})(?:\s|$)",
        "lone": rf"\s*(?P<word>{n}{{1,8}})(?:\s|$)",
        "run_in": n + r"{2,4}?" + chars.BODY_START_WORDS,
    }.items()}


# Words of the rules, some look-alikes, and what ends or breaks a word; lines are built as
# credits are (a lead, reporter words, titles, names and what follows them) or at random.
LEADS = ["", "本报讯", "本報訊", "本报电", "南都讯", "明報專訊", "春节喜讯", "讯", "【本报讯】", "【", "〔", "□", "● ", "新华社",
         "南都", "光明日报"]
REPORTER_WORDS = ["记者", "本报记者", "见习记者", "摄影记者", "特约通讯员", "通訊員", "实习生", "评论员", "本报评论员"]
TITLES = ["", "", "记者站站长 ", "部主任 ", "站长"]
WORDS = ["张三", "李四", "欧阳明", "阿依古丽·买买提", "阿・买", "向明", "于丹", "从市里", "從市裡", "在现场", "走访发现", "获悉",
         "了解到", "手记", "走基层", "新闻部", "记者站", "的一天", "全市", "上下", "全年", "同时", "此外", "昨日", "张三昨日",
         "李旭日", "编辑部", "𠀀𠀁", "㐀", "记者", "通讯员"]
GAPS = ["", " ", " ", "  ", "、", "，", ",", " 、 ", "\u3000", "\n"]
ENDS = ["", "", " ", "摄", " 攝影", "／台北報導", "/台北报道", "】", "〕", "（记者 张三）", "(组图)", " 昨日,市长主持会议。", "\n"]
TOKENS = LEADS + REPORTER_WORDS + TITLES + WORDS + GAPS + ENDS + ["/", "（", "）", "(", ")", "。", "a", "1"]
GROUP = st.tuples(st.sampled_from(REPORTER_WORDS), st.sampled_from(GAPS), st.sampled_from(TITLES),
                  st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)).map("".join), min_size=1, max_size=3)
                  .map("".join)).map("".join)
CREDITS = st.tuples(st.sampled_from(LEADS), st.sampled_from(GAPS), st.lists(GROUP, min_size=1, max_size=2).map("".join),
                    st.sampled_from(ENDS)).map("".join)
LINES = st.one_of(CREDITS, st.lists(st.sampled_from(TOKENS), min_size=1, max_size=9).map("".join))


def lead_spans(found: re.Match[str] | rp.Lead | None) -> tuple[object, ...] | None:
    """A lead's spans and end, from a match of the one-regex form or from a Lead."""
    if found is None:
        return None
    if isinstance(found, rp.Lead):
        return found.lead_span, found.who_span, found.end
    return found.span("lead"), found.span("who") if found.group("who") is not None else None, found.end()


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_whole_line_rules_read_as_the_one_regex_form(line: str) -> None:
    rules = one_regex()
    assert rp.is_byline_line(line) == bool(rules["byline"].match(line))
    assert rp.is_credit_line(line) == bool(rules["credit"].match(line))
    assert rp.is_subject_line(line) == bool(rules["subject"].match(line))
    assert [rp.is_name(line[:end]) for end in range(len(line) + 1)] == [
        bool(rules["name"].fullmatch(line[:end])) for end in range(len(line) + 1)]


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_leads_end_where_the_one_regex_form_ends_them(text: str) -> None:
    rules = one_regex()
    assert lead_spans(rp.match_news_lead(text)) == lead_spans(rules["news"].match(text))
    assert lead_spans(rp.match_paper_lead(text)) == lead_spans(rules["paper"].match(text))
    unclear = rules["unclear"].match(text)
    assert rp.unclear_reporter(text) == (unclear.span("reporter") if unclear else None)
    for pos in range(len(text) + 1):
        bare = rules["bare_who"].match(text, pos)
        assert rp.bare_who_end(text, pos) == (bare.end() if bare else None)
        lone = rules["lone"].match(text, pos)
        unnamed = lone.group("word") if lone and not rules["run_in"].match(lone.group("word")) else None
        assert rp.unnamed_word(text, pos) == unnamed
        unread = rules["unread"].match(text[pos:])
        expected = unread.group(1) if unread and rules["common"].match(text[pos:]) else None
        assert rp.unread_name(text[pos:]) == expected


# The tables read on a run of Han, where `.` stands for each of its characters.
HAN_TABLES = [
    chars.COLUMN_WORDS, chars.JOB_TITLES, chars.REPORT_VERBS, chars.UNIT_CHARS, chars.PLACE_ENDS, chars.FROM_WORDS,
    chars.NOT_NAME_CHARS, chars.BODY_START_WORDS, chars.COMMON_WORD_ENDS, chars.TIME_WORDS, rp.OPENER_WORD,
    chars.NEWS_WORDS, chars.LEAD_NEWS, chars.MEDIA, chars.REPORTED_FROM,
]


def test_the_tables_read_on_a_run_of_han_hold_only_han() -> None:
    for table in HAN_TABLES:
        literal = re.sub(r"[\\()?:|\[\]{},0-9]", "", table.replace(f"[{chars.HAN}]", ""))
        assert literal and all(chars.is_han(c) for c in literal), table


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([chars.REPORTER, chars.JOB_TITLES, chars.BYLINE_NEWS, chars.NEWS_WORDS]).flatmap(
    lambda table: st.tuples(st.just(table), st.from_regex(table, fullmatch=True))))
def test_no_word_of_a_table_read_in_one_place_begins_another(table_and_word: tuple[str, str]) -> None:
    table, word = table_and_word
    assert [end for end in range(1, len(word) + 1) if re.fullmatch(table, word[:end])] == [len(word)]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([chars.REPORTER, chars.JOB_TITLES, chars.COMMENTATOR, chars.PHOTO]).flatmap(
    lambda table: st.from_regex(table, fullmatch=True)))
def test_no_word_of_a_table_is_longer_than_pieces_look(word: str) -> None:
    assert len(word) <= LONGEST_WORD


def test_only_word_run_holds_a_han_class() -> None:
    patterns = {name: value.pattern for name, value in vars(rp).items() if isinstance(value, re.Pattern)}
    han_classes = [name for name, pattern in patterns.items()
                   if f"[{chars.HAN}" in pattern or "\u4e00-\u9fff" in pattern or "\\u4e00" in pattern]
    assert han_classes == ["WORD_RUN"]
