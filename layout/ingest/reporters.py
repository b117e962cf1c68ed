"""Who wrote a report: reporter words and names, as bylines, credits and leads print them.

In: a line, or a text whose start may be a lead; out: whether the line is a byline
(本报记者 张三, □南都记者 王五, 新华社评论员, 【記者王小明／台北報導】), a photo credit
(记者 张三 摄) or a reporter as a sentence's subject (记者 从市里), and the news lead that
opens a text with who wrote it (本报讯（记者 X）, 【明報專訊】, 南都讯 记者 张三), a `Lead`.

The rules are regular expressions over words (each docstring gives its own), matched in
stages rather than as a few large patterns: sre builds a Han character class anew at each
use (a table of 28,000 code points, about 1 ms), and those patterns used one some 130
times, 0.15 s at every import. So the run of Han (and · ・) at a position is found once
(`WORD_RUN`), a rule about one word reads that run with `.` for its characters (`_on_run`),
and small functions put the words together:
- a whole line, or a bracketed lead, only asks whether some reading of it fits, so its
  pieces give every position where they may end (`pieces`);
- a lead's words end where the regex engine's first reading ends them, so those are
  followed step by step in the engine's order (`match_paper_lead`, `bare_who_end`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from layout.ingest import chars
from layout.ingest.pieces import (
    Piece, either, fills, one, optional, repeated, sequence, skip_spaces, some_spaces, spaces, words,
)

NAME_CHAR = chars.NAME_CHAR
# A reporter's name: 2-4 Han, or a transliteration in parts (阿依古丽·买买提); never a
# word that holds a column title (本报记者走基层 is a heading), a job title (站站长,
# 部主任) or a verb of reporting (走访发现), nor one that begins or ends with a unit
# (部主任, 新闻部, 记者站), nor a preposition with a place (从市里, 在现场: 向明 is a name),
# nor one that holds a particle or another character no name has (的一天, 记者们).
FROM_PLACE = chars.FROM_WORDS + NAME_CHAR + r"{0,2}?" + chars.PLACE_ENDS + r"(?!" + NAME_CHAR + ")"
NOT_NAME = (NAME_CHAR + r"{0,2}(?:" + chars.COLUMN_WORDS + "|" + chars.JOB_TITLES + "|" + chars.REPORT_VERBS
            + r")|" + chars.UNIT_CHARS + "|" + NAME_CHAR + r"{1,3}" + chars.UNIT_CHARS + r"(?!" + NAME_CHAR
            + ")|" + FROM_PLACE + "|" + NAME_CHAR + r"{0,3}" + chars.NOT_NAME_CHARS)
# A word that a verb of reporting ends (走访发现, 获悉), and one that opens a report's first
# sentence (昨日, 张三昨日): a name is neither, nor followed by the first (记者 张三 获悉).
VERB_WORD = NAME_CHAR + r"{0,4}?" + chars.REPORT_VERBS
BODY_START_WORD = NAME_CHAR + r"{0,6}?" + chars.BODY_START_WORDS
# A second or later name parted from the one before by spaces only (OCR leaves them inside
# Chinese text too: 张三 全市 上下…) is no common word: none that ends like one (全市,
# 上下), no time word (全年), no paragraph opener (同时, 此外). When in doubt the word stays
# in the text (with a note, see unread_name).
COMMON_WORD = NAME_CHAR + r"{1,3}" + chars.COMMON_WORD_ENDS + "|" + chars.TIME_WORDS
OPENER_WORD = "|".join(re.escape(word) for word in chars.PARAGRAPH_OPENERS)


def _on_run(pattern: str) -> re.Pattern[str]:
    """`pattern`, made of name characters only, read on a run of them: each NAME_CHAR is
    any character there, and 'no name character follows' is the run's end."""
    on_run = pattern.replace(f"(?!{NAME_CHAR})", r"\Z").replace(NAME_CHAR, ".")
    return re.compile(f"(?s:{on_run})")


def _on_han(pattern: str) -> re.Pattern[str]:
    """`pattern`, made of Han only, read on a run of Han: each Han class is any character."""
    return re.compile("(?s:" + pattern.replace(f"[{chars.HAN}]", ".") + ")")


# Han, · and ・: every character a name may hold (the one big character class here)
WORD_RUN = re.compile(f"[{chars.HAN}·・]*")
SPACE = re.compile(r"\s")
WORD_END = re.compile(r"[^\s、]*")  # a bare lead's name runs to a space or 、
NOT_NAME_RUN = _on_run(NOT_NAME)
FROM_PLACE_RUN = _on_run(FROM_PLACE)
VERB_RUN = _on_run(VERB_WORD)
BODY_START_RUN = _on_run(BODY_START_WORD)
RUN_IN = _on_run(NAME_CHAR + r"{2,4}?" + chars.BODY_START_WORDS)  # 张三昨日
COMMON_WORD_RUN = _on_run(f"(?:{COMMON_WORD})(?!{NAME_CHAR})")
OPENER_RUN = re.compile(OPENER_WORD)
# within a run, [^·・] is a Han character
TRANSLITERATED_RUN = re.compile(chars.TRANSLITERATED_NAME.replace(f"[{chars.HAN}]", "[^·・]"))
# no word of these tables begins another, so each ends in one place (a test checks)
REPORTER_WORD = re.compile(chars.REPORTER)
JOB_TITLE = re.compile(chars.JOB_TITLES)
BYLINE_NEWS = re.compile(chars.BYLINE_NEWS)
NEWS_WORD = re.compile(chars.NEWS_WORDS)
BODY_START = re.compile(chars.BODY_START_WORDS)
NAME_SEPARATOR = re.compile(r"\s*[、，,]")  # then spaces again
BYLINE_MARK = re.compile(chars.BYLINE_MARK)
REPORT_SLASH = re.compile(chars.REPORT_SLASH)
# a bracketed lead's closing bracket comes within 40 characters, so the rules below
# look at a short span only
BRACKET_OPEN = re.compile(chars.LEAD_OPEN + r"(?=[^】〕］]{1,40}" + chars.LEAD_CLOSE + ")")
BRACKET_CLOSE = re.compile(chars.LEAD_CLOSE)
BRACKET_WHO = re.compile(r"[(（][^()（）]{1,30}[)）]")
# Cheap first tests: how each rule starts, any non-ASCII character standing for a Han one,
# so they never miss a line the rule reads (most lines are body text and fail at once).
ANY_HAN = r"[^\x00-\x7f]"
LOOSE_MEDIA = chars.MEDIA.replace(f"[{chars.HAN}]", ANY_HAN)
BYLINE_START = re.compile(rf"(?:{chars.BYLINE_MARK}\s*{ANY_HAN}{{0,4}}|{LOOSE_MEDIA}|{ANY_HAN}{{1,2}})?\s*"
                          + chars.REPORTER + rf"|{chars.BYLINE_MARK}?\s*(?:(?:{LOOSE_MEDIA})?\s*"
                          + chars.COMMENTATOR + "|" + chars.LEAD_OPEN + ")")
SUBJECT_START = re.compile(rf"(?:{LOOSE_MEDIA})?\s*" + chars.REPORTER)
LEAD_START = re.compile(rf"\s*(?:{chars.BYLINE_NEWS}|{ANY_HAN}{{1,4}}{chars.NEWS_WORDS}|{chars.LEAD_OPEN})")
PHOTO = re.compile(chars.PHOTO)  # a photo credit holds 摄


def _run(text: str, pos: int) -> str:
    """The Han, · and ・ at pos."""
    return WORD_RUN.match(text, pos).group()  # type: ignore[union-attr]  # `*` always matches


def _names(run: str) -> str:
    """The name characters (NAME_CHAR: Han and ·) a run starts with."""
    return run.partition("・")[0]


def _names_at(text: str, pos: int) -> str:
    """The name characters at pos."""
    return _names(_run(text, pos))


def name_ends(text: str, pos: int) -> set[int]:
    """Where a name at pos may end: NAME = (?!NOT_NAME)(?:TRANSLITERATED_NAME|NAME_CHAR{2,4})."""
    run = _run(text, pos)
    names = _names(run)
    if NOT_NAME_RUN.match(names):
        return set()
    ends = {pos + n for n in range(2, min(4, len(names)) + 1)}
    if TRANSLITERATED_RUN.match(run):
        ends.update(pos + n for n in range(3, len(run) + 1) if TRANSLITERATED_RUN.fullmatch(run, 0, n))
    return ends


def is_name(word: str) -> bool:
    """Whether the whole word is a reporter's name (张三, 阿依古丽·买买提; not 站站长, 从市里)."""
    return len(word) in name_ends(word, 0)


# Pieces of whole-line rules (see `pieces`) that read a word's run.

def _han_words(pattern: str) -> Piece:
    """A pattern of Han only (a few Han, then a word: 南都讯, 台北報導), read on the Han at pos."""
    on_han = _on_han(pattern)
    def ends(text: str, pos: int) -> set[int]:
        han = _names_at(text, pos).partition("·")[0]
        if not on_han.match(han):
            return set()
        return {pos + n for n in range(1, len(han) + 1) if on_han.fullmatch(han, 0, n)}
    return ends


def _run_words(on_run: re.Pattern[str]) -> Piece:
    """A pattern of name characters without lookahead, read on the name characters at pos."""
    def ends(text: str, pos: int) -> set[int]:
        names = _names_at(text, pos)
        if not on_run.match(names):
            return set()
        return {pos + n for n in range(1, len(names) + 1) if on_run.fullmatch(names, 0, n)}
    return ends


def _from_place(text: str, pos: int) -> tuple[int, ...]:
    """FROM_PLACE (从市里): it ends where the name characters do, or nowhere."""
    names = _names_at(text, pos)
    return (pos + len(names),) if FROM_PLACE_RUN.fullmatch(names) else ()


def _unified_han(least: int, most: int) -> Piece:
    r"""[\u4e00-\u9fff]{least,most}: Han of the unified block only, as the rule was written."""
    def ends(text: str, pos: int) -> range:
        count = 0
        while count < most and pos + count < len(text) and "\u4e00" <= text[pos + count] <= "\u9fff":
            count += 1
        return range(pos + least, pos + count + 1)
    return ends


def _name_chars(least: int, most: int) -> Piece:
    """NAME_CHAR{least,most}."""
    return lambda text, pos: range(pos + least, pos + min(most, len(_names_at(text, pos))) + 1)


def _name_separator(text: str, pos: int) -> set[int]:
    r"""(?:\s+|\s*[、，,]\s*): spaces, or 、 or a comma with spaces around it."""
    ends = set(some_spaces(text, pos))
    mark = NAME_SEPARATOR.match(text, pos)
    if mark:
        ends.update(spaces(text, mark.end()))
    return ends


NAMES = sequence(name_ends, repeated(sequence(_name_separator, name_ends), least=0))
# A job title may stand between the reporter word and the names, a space before them:
# 记者站站长 李四 (记者站站长谈发展 is a heading)
TITLE = optional(sequence(_name_chars(0, 3), words(chars.JOB_TITLES), some_spaces))
REPORTERS = repeated(sequence(words(chars.REPORTER), spaces, TITLE, NAMES, spaces))
REPORT_PLACE = sequence(spaces, one(REPORT_SLASH), spaces, _han_words(chars.REPORTED_FROM))
MEDIA = _han_words(chars.MEDIA)
# 【本报讯】, 【明報專訊】, 〔記者王小明／台北報導〕
BRACKET_LEAD = sequence(one(BRACKET_OPEN), spaces,
                        either(_han_words(chars.LEAD_NEWS), sequence(REPORTERS, REPORT_PLACE)),
                        spaces, one(BRACKET_CLOSE))
# Before 记者: after a mark any short word (□南都记者), else a medium or two Han (南都记者).
REPORTER_PREFIX = optional(either(sequence(one(BYLINE_MARK), spaces, _unified_han(0, 4)), MEDIA, _unified_han(1, 2)))
REPORTER_LINE = sequence(REPORTER_PREFIX, spaces, REPORTERS, optional(REPORT_PLACE))
COMMENTATOR_LINE = sequence(optional(one(BYLINE_MARK)), spaces, either(
    sequence(optional(MEDIA), spaces, words(chars.COMMENTATOR), optional(sequence(spaces, NAMES)), spaces),
    BRACKET_LEAD))
CREDIT_LINE = sequence(optional(words(chars.REPORTER)), spaces,
                       repeated(sequence(_name_chars(2, 4), spaces), most=4), words(chars.PHOTO))
VERB = _run_words(VERB_RUN)
SUBJECT_LINE = sequence(optional(MEDIA), spaces, words(chars.REPORTER), spaces,
                        either(sequence(_from_place, optional(sequence(spaces, VERB))), VERB,
                               sequence(NAMES, spaces, VERB)))


def is_byline_line(line: str) -> bool:
    r"""Whether the whole line is a byline:
    ^REPORTER_PREFIX \s* REPORTERS REPORT_PLACE? $, or a commentator (新华社评论员,
    本报评论员 张三) or a bracketed lead alone: ^BYLINE_MARK? \s* (?:MEDIA? \s* COMMENTATOR
    (?:\s* NAMES)? \s* | BRACKET_LEAD) $.
    """
    return bool(BYLINE_START.match(line)) and fills(line, REPORTER_LINE, COMMENTATOR_LINE)


def is_credit_line(line: str) -> bool:
    r"""Whether the whole line is a photo credit (记者 张三 摄, 李四 王五 攝影):
    ^REPORTER? \s* (?:NAME_CHAR{2,4} \s*){1,4} PHOTO $."""
    return bool(PHOTO.search(line)) and fills(line, CREDIT_LINE)


def is_subject_line(line: str) -> bool:
    r"""Whether the whole line is a reporter word and the words that make the reporter the
    subject of a sentence, with no lead before it (记者 从市里, 本报记者 走访发现, 记者 从市里
    获悉, 记者 张三 获悉: the OCR broke the first paragraph's line there, 获悉，… follows):
    ^MEDIA? \s* REPORTER \s* (?:FROM_PLACE (?:\s* VERB_WORD)? | VERB_WORD | NAMES \s* VERB_WORD) $.
    A verb of reporting or a preposition with a place is no name (see NOT_NAME), so this is
    no byline but the paragraph's first words; a column title after 记者 (记者手记,
    本报记者走基层) stays a heading."""
    return bool(SUBJECT_START.match(line)) and fills(line, SUBJECT_LINE)


# Leads: each step as the regex engine takes it.

@dataclass(frozen=True, slots=True)
class Lead:
    """A news lead at a text's start (本报讯, 【明報專訊】, 南都讯), who wrote it if given
    (（记者 X）, 记者 张三 李四), and where the text after them starts."""

    text: str
    lead_span: tuple[int, int]
    who_span: tuple[int, int] | None
    end: int

    @property
    def lead(self) -> str:
        """The lead itself: 本报讯, 【明報專訊】."""
        return self.text[self.lead_span[0]:self.lead_span[1]]

    @property
    def who(self) -> str | None:
        """Who wrote it, as printed: （记者 X）, 记者 张三 李四."""
        return None if self.who_span is None else self.text[self.who_span[0]:self.who_span[1]]


def match_paper_lead(text: str) -> Lead | None:
    r"""A paper's lead and who wrote it, after it in brackets or bare (本报讯（记者 X）,
    新京报讯（记者 X）, 南都讯 记者 张三; the line may end there: the lead stood on a line of
    its own): ^\s* (?P<lead>PAPER_NEWS) \s* (?P<who>[(（][^()（）]{1,30}[)）] | BARE_WHO) \s*
    Another paper's lead counts only so; 本报讯 also alone (match_news_lead).
    """
    if not LEAD_START.match(text):
        return None
    start = skip_spaces(text, 0)
    for lead_end in _paper_news_ends(text, start):
        who_start = skip_spaces(text, lead_end)
        bracket = BRACKET_WHO.match(text, who_start)
        who_end = bracket.end() if bracket else bare_who_end(text, who_start)
        if who_end is not None:
            return Lead(text, (start, lead_end), (who_start, who_end), skip_spaces(text, who_end))
    return None


def _paper_news_ends(text: str, pos: int) -> list[int]:
    r"""Where a paper's lead may end, in the engine's order: PAPER_NEWS = BYLINE_NEWS |
    [\u4e00-\u9fff]{1,4}? NEWS_WORDS (本报讯, 新京报讯, 南都讯, 明報專訊, and a paper's 电
    lead: 本报电, 本報電)."""
    own = BYLINE_NEWS.match(text, pos)
    ends = [own.end()] if own else []
    for count in range(1, 5):
        if pos + count > len(text) or not "\u4e00" <= text[pos + count - 1] <= "\u9fff":
            break
        word = NEWS_WORD.match(text, pos + count)
        if word:
            ends.append(word.end())
    return ends


def match_news_lead(text: str) -> Lead | None:
    r"""本报讯 or a bracketed lead, then maybe who wrote it in brackets (本报讯, 本报讯（记者 X）,
    【明報專訊】): ^\s* (?P<lead>BYLINE_NEWS | BRACKET_LEAD) \s* (?P<who>[(（][^()（）]{1,30}[)）])? \s*
    """
    if not LEAD_START.match(text):
        return None
    start = skip_spaces(text, 0)
    own = BYLINE_NEWS.match(text, start)
    # a bracketed lead holds no closing bracket, so it ends at its first: one end at most
    lead_ends = [own.end()] if own else sorted(BRACKET_LEAD(text, start))
    if not lead_ends:
        return None
    who_start = skip_spaces(text, lead_ends[0])
    who = BRACKET_WHO.match(text, who_start)
    if who is None:
        return Lead(text, (start, lead_ends[0]), None, who_start)
    return Lead(text, (start, lead_ends[0]), (who_start, who.end()), skip_spaces(text, who.end()))


def unclear_reporter(text: str) -> tuple[int, int] | None:
    r"""Where the reporter word stands after a lead when a name follows it that runs into
    the text (本报讯 记者 张三昨日…, 本报讯 记者张三昨日…; 本报讯 记者昨日获悉… names no one):
    ^\s* (?:BYLINE_NEWS | PAPER_NEWS) \s* (?P<reporter>REPORTER) (?:\s+ | (?!BODY_START_WORDS)) NAME_CHAR
    """
    if not LEAD_START.match(text):
        return None
    start = skip_spaces(text, 0)
    own = BYLINE_NEWS.match(text, start)
    for lead_end in ([own.end()] if own else []) + _paper_news_ends(text, start):
        reporter = REPORTER_WORD.match(text, skip_spaces(text, lead_end))
        if reporter is not None:
            after = skip_spaces(text, reporter.end())
            if _names_at(text, after) and (after > reporter.end() or not BODY_START.match(text, after)):
                return reporter.span()
    return None


def unnamed_word(text: str, reporter_end: int) -> str | None:
    r"""The lone word after a lead's reporter word that was read as no name, if any
    (调查发现 in 本报讯 记者 调查发现 …, 记者 编辑部 获悉, 记者 从市里 获悉): it stands alone
    (a space or the line's end after it) and holds no name run into an opening word, so it
    names no one; None when a name runs into the text (张三昨日):
    \s* (?P<word>NAME_CHAR{1,8}) (?:\s|$), and no NAME_CHAR{2,4}? BODY_START_WORDS."""
    start = skip_spaces(text, reporter_end)
    word = _names_at(text, start)
    end = start + len(word)
    if not 1 <= len(word) <= 8 or (end < len(text) and not SPACE.match(text, end)) or RUN_IN.match(word):
        return None
    return word


# A bare lead's reporters.

def bare_who_end(text: str, pos: int) -> int | None:
    r"""Where the reporters after a bare lead end, or None (记者 张三 通讯员 李四 in
    本报讯 记者 张三 通讯员 李四 …):
    BARE_WHO = (?:REPORTER \s* TITLE BARE_NAME (?:\s*、\s*BARE_NAME | \s+ LATER_NAME)* (?:\s+|$))+

    Each name is a word of its own (or run into its reporter word: 记者张三), names of one
    reporter word joined by 、 or by spaces only (记者 张三 李四): a space, 、 or the text's
    end follows it, so it runs to the next space or 、. A name run into the text (张三昨日)
    has no clear end and is not read (see unclear_reporter); nor is a reporter word (通讯员
    starts the next group), nor a word that a verb of reporting follows, alone or after
    more such words (记者 张三 获悉, 记者 张三 李四 获悉: the reporters are the text's
    subject). What is left to choose is tried in the engine's order: a title before none,
    then the most names that a space or the end still follows.
    """
    end = None
    while (group_end := _reporter_group_end(text, pos)) is not None:
        end = pos = group_end
    return end


def _reporter_group_end(text: str, pos: int) -> int | None:
    """The end of one reporter word with its title and names, and the spaces after them."""
    reporter = REPORTER_WORD.match(text, pos)
    if reporter is None:
        return None
    start = skip_spaces(text, reporter.end())
    for names_start in (*_title_ends(text, start), start):
        end = _bare_names_end(text, names_start)
        if end is not None:
            return end
    return None


def _title_ends(text: str, pos: int) -> list[int]:
    r"""Where NAME_CHAR{0,3}? JOB_TITLES \s+ may end (a name starts there), in the engine's order."""
    ends: list[int] = []
    for count in range(min(3, len(_names_at(text, pos))) + 1):
        job = JOB_TITLE.match(text, pos + count)
        if job is None:
            continue
        end = skip_spaces(text, job.end())
        if end > job.end() and end not in ends:
            ends.append(end)
    return ends


def _bare_names_end(text: str, pos: int) -> int | None:
    r"""BARE_NAME (?:\s*、\s*BARE_NAME | \s+ LATER_NAME)* (?:\s+|$): the most names that a
    space (then taken) or the text's end follows."""
    if not _is_bare_name(text, pos):
        return None
    ends = [_word_end(text, pos)]
    while (following := _next_name_end(text, ends[-1])) is not None:
        ends.append(following)
    for end in reversed(ends):
        after = skip_spaces(text, end)
        if after > end:
            return after
        if end == len(text):
            return end
    return None


def _next_name_end(text: str, pos: int) -> int | None:
    r"""The end of the next name after the one ending at pos: \s*、\s*BARE_NAME | \s+LATER_NAME."""
    gap = skip_spaces(text, pos)
    if text.startswith("、", gap):
        start = skip_spaces(text, gap + 1)
        if _is_bare_name(text, start):
            return _word_end(text, start)
    if gap > pos and _is_later_name(text, gap):
        return _word_end(text, gap)
    return None


def _word_end(text: str, pos: int) -> int:
    """Where the word at pos ends: at a space, 、 or the text's end."""
    return WORD_END.match(text, pos).end()  # type: ignore[union-attr]  # `*` always matches


def _is_bare_name(text: str, pos: int) -> bool:
    r"""Whether the word at pos is a name of a bare lead: BARE_NAME = (?!REPORTER |
    BODY_START_WORD | (?:NAME_CHAR{1,4}\s+){0,3} VERB_WORD) NAME, up to the word's end."""
    if REPORTER_WORD.match(text, pos) or BODY_START_RUN.match(_names_at(text, pos)):
        return False
    return not _verb_follows(text, pos) and _word_end(text, pos) in name_ends(text, pos)


def _verb_follows(text: str, pos: int) -> bool:
    r"""(?:NAME_CHAR{1,4}\s+){0,3} VERB_WORD at pos: a verb of reporting in this word or in
    one of the next three, the words before it short."""
    for _ in range(4):
        names = _names_at(text, pos)
        if VERB_RUN.match(names):
            return True
        after = skip_spaces(text, pos + len(names))
        if not 1 <= len(names) <= 4 or after == pos + len(names):
            return False
        pos = after
    return False


def _is_later_name(text: str, pos: int) -> bool:
    r"""LATER_NAME = (?!(?:COMMON_WORD)(?!NAME_CHAR) | OPENER_WORD) BARE_NAME."""
    names = _names_at(text, pos)
    return not COMMON_WORD_RUN.match(names) and not OPENER_RUN.match(names) and _is_bare_name(text, pos)


def unread_name(rest: str) -> str | None:
    r"""The word that opens the text after a bare lead's names when only its ending kept it
    from being read as one more name (全市 in 本报讯 记者 张三 全市 上下…): ingest is unsure.
    That is (?!OPENER_WORD) BARE_NAME, and COMMON_WORD, each with \s or $ after it."""
    names = _names_at(rest, 0)
    if len(names) < len(rest) and not SPACE.match(rest, len(names)):
        return None  # the common word ends where the name characters do
    if not COMMON_WORD_RUN.match(names) or OPENER_RUN.match(names) or not _is_bare_name(rest, 0):
        return None
    return names
