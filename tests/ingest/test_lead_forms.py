"""Leads, bylines and datelines in forms the first rules misread.

- a bare 本报讯 记者 张三 (no brackets) is the byline, as 本报讯（记者 张三） is, without
  taking the first words of the body, with every name when only spaces part them
  (本报讯 记者 张三 李四); so is a paper's 电 lead (本报电 记者 张三), and a
  name run into its reporter word (本报讯 记者张三 昨日…) when a space ends it;
- a column title after 记者 (本报记者走基层) is a heading, not a reporter's name, and a job
  title or a unit (站站长, 部主任, 新闻部) is no name either: a name after it is the name;
- byline lines in a row (本报记者 张三, then 通讯员 李四) are one byline;
- a 电头 with no paragraph after it never leaves an article holding only a dateline.
"""

from __future__ import annotations

import pytest

from layout.ingest import classify as cl
from layout.ingest.normalize import clean_heading
from layout.ingest.reporters import is_name

from ingest_helpers import HEAD, only, read


@pytest.mark.parametrize(("lead", "byline"), [
    ("本报讯 记者 张三", "本报讯 记者 张三"),
    ("本報訊 記者 張三", "本報訊 記者 張三"),
    ("本报讯 通讯员 李四 记者 张三", "本报讯 通讯员 李四 记者 张三"),
    ("本报讯  记者  欧阳小芳", "本报讯 记者 欧阳小芳"),
    ("本报讯 记者 阿依古丽·买买提", "本报讯 记者 阿依古丽·买买提"),
    ("本报讯 记者 张三、李四 通讯员 王五", "本报讯 记者 张三、李四 通讯员 王五"),
])
@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_a_bare_news_lead_with_its_reporters_is_the_byline(lead: str, byline: str, gap: str) -> None:
    art = only(f"{HEAD}{lead}{gap}昨日,市长主持会议。")
    assert (art.byline, art.dateline, art.subheadline) == (byline, None, None)
    assert [b.text for b in art.body] == ["昨日，市长主持会议。"]


@pytest.mark.parametrize("lead", ["本报电 记者 张三", "本報電 記者 張三", "本报电（记者 张三）", "本報電（記者 張三）",
                                  "本报电 通讯员 李四 记者 张三"])
@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_a_papers_dispatch_lead_is_the_byline_as_its_news_lead_is(lead: str, gap: str) -> None:
    art = only(f"{HEAD}{lead}{gap}市长主持会议。")
    assert (art.headline, art.byline, art.dateline, art.subheadline) == ("某县召开工作会议", lead, None, None)
    assert [b.text for b in art.body] == ["市长主持会议。"]


def test_a_bare_lead_fills_the_fields_the_bracketed_one_does() -> None:
    bare, bracketed = only(f"{HEAD}本报讯 记者 张三 市长主持会议。"), only(f"{HEAD}本报讯（记者 张三）市长主持会议。")
    assert (bare.headline, bare.dateline, bare.body) == (bracketed.headline, bracketed.dateline, bracketed.body)
    assert (bare.byline, bracketed.byline) == ("本报讯 记者 张三", "本报讯（记者 张三）")


@pytest.mark.parametrize("text", [
    "本报讯 记者 张三昨日,市长主持会议。",  # no space after the name: 张三 or 张三昨?
    "本报讯 记者 张三昨日 市长主持会议。",  # 张三昨日 is no name: it ends in 昨日
    "本报讯 记者 张三,市长主持会议。",
])
def test_a_name_run_into_the_text_is_left_there_with_a_note(text: str) -> None:
    issue = read(HEAD + text)
    (art,) = issue.articles()
    assert art.byline == "本报讯" and art.body[0].text.startswith("记者张三")
    assert any("runs into the text" in n for n in issue.notes)


@pytest.mark.parametrize("lead", ["本报讯 记者张三", "本報訊 記者張三", "本报讯 通讯员李四 记者王五",
                                  "本报讯 记者张三、李四", "南都讯 记者张三", "本报电 记者张三"])
@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_a_name_run_into_its_reporter_word_is_read_when_a_space_ends_it(lead: str, gap: str) -> None:
    issue = read(f"{HEAD}{lead}{gap}昨日,市长主持会议。")
    (art,) = issue.articles()
    assert (art.byline, art.subheadline, [b.text for b in art.body]) == (lead, None, ["昨日，市长主持会议。"])
    assert not issue.notes


@pytest.mark.parametrize("text", ["本报讯 记者张三昨日,市长主持会议。", "本报讯 记者张三,市长主持会议。",
                                  "本報訊 記者張三昨日,市长主持会议。"])
def test_a_name_run_into_both_reporter_word_and_text_is_left_there_with_a_note(text: str) -> None:
    issue = read(HEAD + text)
    (art,) = issue.articles()
    assert art.byline in ("本报讯", "本報訊") and art.body[0].text.startswith(("记者张三", "記者張三"))
    assert any("runs into the text" in n for n in issue.notes)


def test_a_reporter_who_is_the_subject_of_the_first_sentence_is_no_byline() -> None:
    issue = read(f"{HEAD}本报讯 记者昨日从市教育局获悉,今年招生计划已公布。")
    (art,) = issue.articles()
    assert (art.byline, art.body[0].text) == ("本报讯", "记者昨日从市教育局获悉，今年招生计划已公布。")
    assert not issue.notes


def test_names_after_a_bare_lead_are_words_of_their_own() -> None:
    art = only(f"{HEAD}本报讯 记者 张三 近日 市长主持会议。")
    assert (art.byline, art.body[0].text) == ("本报讯 记者 张三", "近日市长主持会议。")
    art = only(f"{HEAD}南都讯 记者 张三昨日,市长主持会议。")
    assert (art.byline, art.body[0].text) == (None, "南都讯记者张三昨日，市长主持会议。")


@pytest.mark.parametrize("title", ["本报记者走基层", "本報記者走基層", "记者在一线", "本报记者看变化",
                                   "记者手记", "□ 本报记者蹲点调查", "新华社记者观察"])
def test_a_column_title_after_reporter_is_a_heading_not_a_byline(title: str) -> None:
    assert cl.classify(title) is not cl.Kind.BYLINE
    issue = read(f"{title}\n\n市长主持会议。\n\n{HEAD}□ 本报记者 王五\n\n正文第一段。")
    assert [(a.headline, a.byline) for a in issue.articles()] == [
        (clean_heading(title), None),
        ("某县召开工作会议", "□ 本报记者 王五")]


@pytest.mark.parametrize("byline", ["本报记者王五", "本报记者 张三、李四", "本报记者 阿依古丽·买买提",
                                    "记者 欧阳小芳", "□ 本报记者 康桂芳", "本报记者 赵观"])
def test_bylines_of_names_stay_bylines(byline: str) -> None:
    art = only(f"{HEAD}{byline}\n\n市长主持会议。")
    assert (art.byline, art.subheadline) == (byline, None)


@pytest.mark.parametrize(("lines", "byline"), [
    (["本报记者 张三", "通讯员 李四"], "本报记者 张三 通讯员 李四"),
    (["□ 本报记者 张三", "□ 通讯员 李四"], "□ 本报记者 张三 □ 通讯员 李四"),
    (["本報記者 張三", "通訊員 李四", "實習生 王五"], "本報記者 張三 通訊員 李四 實習生 王五"),
])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_byline_lines_in_a_row_are_one_byline(lines: list[str], byline: str, gap: str) -> None:
    issue = read(f"{HEAD}{gap.join(lines)}{gap}市长主持会议。")
    (art,) = issue.articles()
    assert (art.headline, art.byline, [b.text for b in art.body]) == ("某县召开工作会议", byline, ["市长主持会议。"])
    assert not issue.notes


def test_byline_lines_in_a_row_after_a_body_start_one_untitled_article() -> None:
    issue = read(f"{HEAD}正文第一段。\n\n本报记者 张三\n\n通讯员 李四\n\n市长主持会议。")
    assert [(a.headline, a.byline, [b.text for b in a.body]) for a in issue.articles()] == [
        ("某县召开工作会议", None, ["正文第一段。"]), (None, "本报记者 张三 通讯员 李四", ["市长主持会议。"])]


DATELINE = "新华社北京2月16日电"


@pytest.mark.parametrize("after", ["", "\n\n责编:马龙 校对:孟柯妤"])
def test_a_dateline_at_the_end_of_a_page_is_kept_as_the_articles_text(after: str) -> None:
    issue = read(f"{HEAD}{DATELINE}{after}")
    (art,) = issue.articles()
    assert (art.headline, art.dateline, [b.text for b in art.body]) == ("某县召开工作会议", None, [DATELINE])
    assert any(f"dateline '{DATELINE}' has no paragraph after it" in n for n in issue.notes)


def test_a_dateline_after_another_articles_body_at_the_page_end() -> None:
    issue = read(f"{HEAD}正文第一段。\n\n{DATELINE}")
    assert [(a.headline, a.dateline, [b.text for b in a.body]) for a in issue.articles()] == [
        ("某县召开工作会议", None, ["正文第一段。"]), (None, None, [DATELINE])]


@pytest.mark.parametrize("between", ["", "□ 本报记者 王五\n\n"])
def test_a_dateline_followed_by_a_headline_is_kept_as_text(between: str) -> None:
    issue = read(f"{HEAD}{DATELINE}\n\n{between}另一标题在此处\n\n市长主持会议。")
    assert [(a.headline, a.dateline, [b.text for b in a.body]) for a in issue.articles()] == [
        ("某县召开工作会议", None, [DATELINE]), ("另一标题在此处", None, ["市长主持会议。"])]
    assert all(a.body for a in issue.articles())


def test_a_dateline_before_a_byline_line_opens_the_paragraph_after_it() -> None:
    issue = read(f"{HEAD}{DATELINE}\n\n□ 本报记者 王五\n\n市长主持会议。")
    (art,) = issue.articles()
    assert (art.byline, art.dateline, art.body[0].text) == ("□ 本报记者 王五", DATELINE, "市长主持会议。")


def test_a_dateline_between_two_byline_lines_goes_with_the_paragraph() -> None:
    issue = read(f"{HEAD}□ 本报记者 王五\n\n{DATELINE}\n\n□ 新华社记者 赵六\n\n市长主持会议。")
    first, second = issue.articles()
    assert (first.byline, first.dateline) == ("□ 本报记者 王五", None)
    assert (second.byline, second.dateline, second.body[0].text) == ("□ 新华社记者 赵六", DATELINE, "市长主持会议。")
    assert any("moved to the paragraph after that byline" in n for n in issue.notes)


def test_a_dateline_naming_its_reporter_keeps_them_together() -> None:
    issue = read(f"{HEAD}{DATELINE}（记者 王五）\n\n□ 本报记者 赵六\n\n市长主持会议。")
    first, second = issue.articles()
    assert (first.byline, first.dateline, [b.text for b in first.body]) == ("记者 王五", None, [DATELINE])
    assert (second.byline, second.dateline) == ("□ 本报记者 赵六", None)


@pytest.mark.parametrize(("lead", "byline"), [
    ("本报讯 记者 张三 李四", "本报讯 记者 张三 李四"),
    ("本报讯 记者 张三 李四 王五", "本报讯 记者 张三 李四 王五"),
    ("本報訊 記者 張三 李四", "本報訊 記者 張三 李四"),
    ("本报讯 记者 欧阳小芳 司马光华", "本报讯 记者 欧阳小芳 司马光华"),
    ("本报讯 通讯员 李四 王五 记者 张三", "本报讯 通讯员 李四 王五 记者 张三"),
    ("本报讯 记者 张三 李四 通讯员 王五", "本报讯 记者 张三 李四 通讯员 王五"),
    ("南都讯 记者 张三 李四", "南都讯 记者 张三 李四"),
])
@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_names_separated_by_spaces_after_a_bare_lead_are_all_the_byline(lead: str, byline: str, gap: str) -> None:
    issue = read(f"{HEAD}{lead}{gap}昨日,市长主持会议。")
    (art,) = issue.articles()
    assert (art.byline, art.subheadline, [b.text for b in art.body]) == (byline, None, ["昨日，市长主持会议。"])
    assert not issue.notes


@pytest.mark.parametrize(("text", "byline", "body"), [
    ("本报讯 记者 张三 李四 市长主持会议。", "本报讯 记者 张三 李四", "市长主持会议。"),  # no space after 市长主持…
    ("本报讯 记者 张三 李四昨日,市长主持会议。", "本报讯 记者 张三", "李四昨日，市长主持会议。"),
    ("本报讯 记者 张三 李四 近日 市长主持会议。", "本报讯 记者 张三 李四", "近日市长主持会议。"),
    ("本报讯 记者 张三 李四,市长主持会议。", "本报讯 记者 张三", "李四，市长主持会议。"),
])
def test_names_separated_by_spaces_never_take_the_first_words_of_the_text(text: str, byline: str,
                                                                        body: str) -> None:
    art = only(HEAD + text)
    assert (art.byline, [b.text for b in art.body]) == (byline, [body])


@pytest.mark.parametrize("name", ["张三", "欧阳明", "司马光华", "欧阳小芳", "阿依古丽·买买提", "李长春", "王科", "台静农"])
def test_a_reporters_name_is_a_name(name: str) -> None:
    assert is_name(name)
    art = only(f"{HEAD}本报讯 记者 {name} 昨日,市长主持会议。")
    assert (art.byline, [b.text for b in art.body]) == (f"本报讯 记者 {name}", ["昨日，市长主持会议。"])


@pytest.mark.parametrize("word", ["站站长", "部主任", "站长", "主编", "总编辑", "总监", "新闻部", "采访组", "记者站",
                                  "编辑室", "組長", "處長"])
def test_a_job_title_or_a_unit_is_no_name(word: str) -> None:
    assert not is_name(word)
    art = only(f"{HEAD}本报讯 记者 {word} 市长主持会议。")
    assert (art.byline, [b.text for b in art.body]) == ("本报讯", [f"记者{word}市长主持会议。"])


@pytest.mark.parametrize(("lead", "byline"), [
    ("本报讯 记者站站长 李四", "本报讯 记者站站长 李四"),
    ("本报讯 记者 部主任 李四", "本报讯 记者 部主任 李四"),
    ("本報訊 記者站站長 李四 通訊員 王五", "本報訊 記者站站長 李四 通訊員 王五"),
])
@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_a_job_title_after_the_reporter_word_goes_with_the_name_after_it(lead: str, byline: str, gap: str) -> None:
    art = only(f"{HEAD}{lead}{gap}市长主持会议。")
    assert (art.byline, art.subheadline, [b.text for b in art.body]) == (byline, None, ["市长主持会议。"])


@pytest.mark.parametrize("byline", ["本报记者站站长 李四", "记者站站长 李四", "□ 本报记者 部主任 王五"])
def test_a_byline_line_with_a_job_title_stays_a_byline(byline: str) -> None:
    assert cl.classify(byline) is cl.Kind.BYLINE
    art = only(f"{HEAD}{byline}\n\n市长主持会议。")
    assert (art.byline, art.subheadline) == (byline, None)


@pytest.mark.parametrize("heading", ["记者站站长谈发展", "本报记者站站长接受采访"])
def test_a_job_title_run_into_the_words_after_it_is_no_byline(heading: str) -> None:
    assert cl.classify(heading) is cl.Kind.HEADING
