"""Who a bare lead names: the reporter words before the names, and what is no name.

- a reporter's grade or kind before 记者 (见习记者, 首席记者, 特约记者, 实习记者, 摄影记者,
  特约通讯员; 見習記者, 攝影記者) and 实习生 are reporter words like 记者 itself;
- a verb of reporting after 记者 (记者 从市里 获悉, 记者 走访发现) makes the reporter the
  text's subject: no word before it is a name, nor is a preposition with a place (从市里),
  while names that begin with a surname 从, 向 or 于 (向明, 于丹) are still names; so a
  line of a reporter word and such words, with no lead (记者 从市里, broken before 获悉;
  记者 张三 获悉, names and all), opens the paragraph, not a heading;
- a word that holds a character no name has (的, 们, 这: 见习记者的一天, 记者们的春节) is no
  name, so such a line is no byline but a heading or text, as the other rules decide;
- a word after the names, parted by a space only (OCR leaves spaces inside Chinese), is
  one more name unless it is a common word: one ending in a place, unit, time or
  position (全市, 上下), a time word (全年) or a paragraph opener (此外); when only its
  ending decided, a note says so;
- when no name was read after the reporter word, the note says that no name was found
  (记者 调查发现 …), not that a name runs into the text (记者 张三昨日…).
"""

from __future__ import annotations

import re

import pytest

from layout.ingest import chars
from layout.ingest import classify as cl
from layout.ingest.reporters import is_name

from ingest_helpers import HEAD, only, read

TEXT = "昨日,市长主持会议。"
BODY = "昨日，市长主持会议。"


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


FACT = ",全市经济稳步增长。"


@pytest.mark.parametrize(("lead", "body"), [
    ("本报讯 记者 从市里 获悉", "记者从市里获悉"),
    ("本报讯 记者 从县里 了解到", "记者从县里了解到"),
    ("本报讯 记者 在现场 看到", "记者在现场看到"),
    ("本报讯 记者 于当地 得知", "记者于当地得知"),
    ("本報訊 記者 從市裡 獲悉", "記者從市裡獲悉"),
    ("本报讯 记者 走访发现 ", "记者走访发现"),  # a space before the comma, as OCR leaves it
    ("本报讯 记者 张三 获悉", "记者张三获悉"),  # the reporter is the subject: no byline name
    ("本报讯 记者 张三 李四 注意到", "记者张三李四注意到"),
    ("本报讯 记者 向明 从市里 获悉", "记者向明从市里获悉"),
    ("本报讯 记者从市里 获悉", "记者从市里获悉"),
])
def test_a_verb_of_reporting_after_the_reporter_word_leaves_no_name(lead: str, body: str) -> None:
    art = only(f"{HEAD}{lead}{FACT}")
    assert (art.byline, [b.text for b in art.body]) == (lead[:3], [body + "，全市经济稳步增长。"])


@pytest.mark.parametrize("word", ["从市里", "從市裡", "在现场", "于当地", "向县里", "在市区", "走访发现", "了解到", "调查发现"])
def test_a_preposition_with_a_place_or_a_verb_of_reporting_is_no_name(word: str) -> None:
    assert not is_name(word)


@pytest.mark.parametrize("names", ["向明", "于丹", "从飞", "于万里", "向东", "于丹 从飞", "张三 向明"])
def test_a_name_that_begins_with_a_surname_like_a_preposition_is_a_name(names: str) -> None:
    assert all(is_name(name) for name in names.split())
    issue = read(f"{HEAD}本报讯 记者 {names} {TEXT}")
    (art,) = issue.articles()
    assert (art.byline, [b.text for b in art.body]) == (f"本报讯 记者 {names}", [BODY])
    assert not issue.notes


def test_a_verb_of_reporting_in_the_next_sentence_leaves_the_name_alone() -> None:
    art = only(f"{HEAD}本报讯 记者 张三 近日,记者从市里获悉{FACT}")
    assert (art.byline, [b.text for b in art.body]) == ("本报讯 记者 张三", ["近日，记者从市里获悉，全市经济稳步增长。"])


@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_two_names_parted_by_spaces_are_both_the_byline(gap: str) -> None:
    issue = read(f"{HEAD}本报讯 记者 张三 李四{gap}昨日 市长主持会议。")
    (art,) = issue.articles()
    assert (art.byline, [b.text for b in art.body]) == ("本报讯 记者 张三 李四", ["昨日市长主持会议。"])
    assert not issue.notes


@pytest.mark.parametrize(("lead", "byline"), [
    ("本报讯 记者 张三", "本报讯 记者 张三"), ("本报讯 通讯员 李四 记者 张三", "本报讯 通讯员 李四 记者 张三"),
    ("本報訊 記者 張三", "本報訊 記者 張三"),
])
@pytest.mark.parametrize("word", ["全市", "我县", "各区", "全省", "乡镇", "农村", "节日", "上下", "线上", "国内",
                                  "海外", "全縣", "平时"])
def test_a_word_after_the_names_that_ends_as_a_common_word_is_the_text_with_a_note(lead: str, byline: str,
                                                                                   word: str) -> None:
    issue = read(f"{HEAD}{lead} {word} 上下 齐心协力。")
    (art,) = issue.articles()
    assert (art.byline, [b.text for b in art.body]) == (byline, [f"{word}上下齐心协力。"])
    assert [n for n in issue.notes if f"'{word}' after the byline's names" in n and "check the byline" in n]


@pytest.mark.parametrize("word", ["全年", "本月", "近年", "此外", "其中", "对此", "同时"])
def test_a_time_word_or_an_opener_after_the_names_is_the_text(word: str) -> None:
    issue = read(f"{HEAD}本报讯 记者 张三 {word} 经济稳步增长。")
    (art,) = issue.articles()
    assert (art.byline, [b.text for b in art.body]) == ("本报讯 记者 张三", [f"{word}经济稳步增长。"])


@pytest.mark.parametrize("name", ["李四", "欧阳小芳", "李明月", "王永年", "刘振国", "司马光华", "阿依古丽·买买提"])
def test_a_second_name_that_is_no_common_word_is_read(name: str) -> None:
    issue = read(f"{HEAD}本报讯 记者 张三 {name} {TEXT}")
    (art,) = issue.articles()
    assert (art.byline, [b.text for b in art.body]) == (f"本报讯 记者 张三 {name}", [BODY])
    assert not issue.notes


@pytest.mark.parametrize(("lead", "byline"), [("本报讯 记者 张三 全市", "本报讯 记者 张三"),
                                              ("本报讯（记者 张三）全市", "本报讯（记者 张三）"),
                                              ("新京报讯（记者 张三）全市", "新京报讯（记者 张三）")])
def test_a_lead_line_the_ocr_broke_after_the_texts_first_word_opens_the_paragraph(lead: str, byline: str) -> None:
    assert cl.classify(lead) is cl.Kind.BODY
    art = only(f"{HEAD}{lead}\n\n上下齐心协力。")
    assert (art.headline, art.subheadline, art.byline, [b.text for b in art.body]) == (
        "某县召开工作会议", None, byline, ["全市上下齐心协力。"])


@pytest.mark.parametrize(("text", "reporter", "word"), [
    ("本报讯 记者 调查发现 全市经济稳步增长。", "记者", "调查发现"),
    ("本报讯 记者 编辑部 获悉,全市经济稳步增长。", "记者", "编辑部"),
    ("本报讯 记者 从市里 获悉,全市经济稳步增长。", "记者", "从市里"),
    ("本报讯 记者 走访发现 全市经济稳步增长。", "记者", "走访发现"),
    ("本报讯 记者 张三 获悉,全市经济稳步增长。", "记者", "张三"),
    ("本報訊 見習記者 走訪發現 全市經濟穩步增長。", "見習記者", "走訪發現"),
])
def test_the_note_says_no_name_was_found_when_none_was_read(text: str, reporter: str, word: str) -> None:
    issue = read(HEAD + text)
    (art,) = issue.articles()
    assert art.byline == text[:3] and art.body[0].text.startswith(reporter + word)
    assert any(f"no reporter's name was found after {reporter} ('{word}' is read as the text" in n
               for n in issue.notes)
    assert not any("runs into the text" in n for n in issue.notes)


@pytest.mark.parametrize("text", ["本报讯 记者 张三昨日获悉,全市经济稳步增长。", "本报讯 记者 张三昨日 市长主持会议。",
                                  "本报讯 记者张三,市长主持会议。"])
def test_the_note_says_the_name_runs_into_the_text_when_it_does(text: str) -> None:
    issue = read(HEAD + text)
    assert any("runs into the text" in n for n in issue.notes)
    assert not any("no reporter's name was found" in n for n in issue.notes)


@pytest.mark.parametrize(("lead", "rest", "body"), [
    ("本报讯 记者 从市里", "获悉,全市经济稳步增长。", "记者从市里获悉，全市经济稳步增长。"),
    ("本报讯 记者 走访发现", "全市经济稳步增长。", "记者走访发现全市经济稳步增长。"),
    ("本報訊 記者 從市裡", "獲悉,全市經濟穩步增長。", "記者從市裡獲悉，全市經濟穩步增長。"),
])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_lead_line_broken_after_a_word_that_is_no_name_opens_the_paragraph(lead: str, rest: str, body: str,
                                                                            gap: str) -> None:
    assert cl.classify(lead) is cl.Kind.BODY
    issue = read(f"{HEAD}{lead}{gap}{rest}")
    (art,) = issue.articles()
    assert (art.subheadline, art.byline, [b.text for b in art.body]) == (None, lead[:3], [body])
    assert any("no reporter's name was found" in n for n in issue.notes)


@pytest.mark.parametrize(("line", "rest", "body"), [
    ("记者 从市里", "获悉,全市经济稳步增长。", "记者从市里获悉，全市经济稳步增长。"),
    ("本报记者 从市里", "获悉,全市经济稳步增长。", "本报记者从市里获悉，全市经济稳步增长。"),
    ("记者 从市里 获悉", ",全市经济稳步增长。", "记者从市里获悉，全市经济稳步增长。"),
    ("记者 走访发现", "全市经济稳步增长。", "记者走访发现全市经济稳步增长。"),
    ("记者 张三 获悉", ",全市经济稳步增长。", "记者张三获悉，全市经济稳步增长。"),  # named, still the subject
    ("记者 张三 李四 走访发现", "全市经济稳步增长。", "记者张三李四走访发现全市经济稳步增长。"),
    ("記者 陳大文 獲悉", ",全市經濟穩步增長。", "記者陳大文獲悉，全市經濟穩步增長。"),
    ("記者 從市裡", "獲悉,全市經濟穩步增長。", "記者從市裡獲悉，全市經濟穩步增長。"),
])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_reporter_line_without_a_lead_broken_after_a_word_that_is_no_name_opens_the_paragraph(
        line: str, rest: str, body: str, gap: str) -> None:
    assert cl.classify(line) is cl.Kind.BODY
    art = only(f"{HEAD}{line}{gap}{rest}")
    assert (art.headline, art.subheadline, art.byline, [b.text for b in art.body]) == (
        "某县召开工作会议", None, None, [body])


@pytest.mark.parametrize(("line", "kind"), [
    ("记者手记", cl.Kind.HEADING), ("本报记者走基层", cl.Kind.HEADING), ("记者 张三", cl.Kind.BYLINE),
    ("记者 向明", cl.Kind.BYLINE), ("本报记者 于丹", cl.Kind.BYLINE),
])
def test_a_column_title_or_a_name_after_a_reporter_word_is_read_as_before(line: str, kind: cl.Kind) -> None:
    assert cl.classify(line) is kind


@pytest.mark.parametrize("line", ["见习记者的一天", "本报记者的春节", "记者们的春节", "首席記者的一天", "记者这里"])
def test_a_reporter_word_before_words_no_name_holds_is_no_byline_line(line: str) -> None:
    assert cl.classify(line) is cl.Kind.HEADING
    art = only(f"{HEAD}{line}\n\n{TEXT}")
    assert (art.subheadline, art.byline, [b.text for b in art.body]) == (line, None, [BODY])


def test_a_reporter_word_before_words_no_name_holds_inside_an_article_is_a_subhead() -> None:
    art = only(f"{HEAD}{TEXT}\n\n见习记者的一天\n\n{TEXT}")
    assert (art.byline, [(b.text, type(b).__name__) for b in art.body]) == (
        None, [(BODY, "Paragraph"), ("见习记者的一天", "Subhead"), (BODY, "Paragraph")])


@pytest.mark.parametrize("line", ["见习记者 张三", "本报记者 张三 李四", "记者 欧阳明", "记者 阿依古丽·买买提",
                                  "记者 李明月", "本報記者 王小明"])
def test_names_beside_the_characters_no_name_holds_are_still_bylines(line: str) -> None:
    assert cl.classify(line) is cl.Kind.BYLINE
