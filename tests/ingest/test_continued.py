"""A continuation mark (（上接1版）, 上接第一版) opens the text of an article continued from
another page: that text starts an article of its own, untitled, with the mark in `jump`,
wherever it stands on the page, also after a paragraph the OCR cut mid-sentence. A mark
with nothing after it on its page has no text to open: it goes to the notes.
"""

from __future__ import annotations

import pytest

from layout.model import Issue

from ingest_helpers import HEAD, read

UNFINISHED = HEAD + "正文第一段,研究部署\n\n"  # a first paragraph the OCR cut mid-sentence
REST = "全年重点工作。"


def summary(issue: Issue) -> list[tuple[object, ...]]:
    return [(a.headline, a.byline, a.jump, [b.text for b in a.body]) for a in issue.articles()]


@pytest.mark.parametrize(("mark", "jump"), [
    ("（上接1版）", "上接1版"), ("(上接1版)", "上接1版"), ("上接第一版 ", "上接第一版"), ("（上接A1）", "上接A1"),
])
def test_a_continuation_mark_after_an_unfinished_paragraph_starts_the_continued_article(mark: str,
                                                                                        jump: str) -> None:
    issue = read(f"{UNFINISHED}{mark}{REST}")
    assert summary(issue) == [("某县召开工作会议", None, None, ["正文第一段，研究部署"]), (None, None, jump, [REST])]
    assert any(n.startswith("line 3: paragraph ends mid-sentence") for n in issue.notes)
    assert any(n.startswith(f"line 5: text continued from another page ('{jump}')") for n in issue.notes)


def test_a_continuation_mark_reads_the_same_after_a_finished_and_an_unfinished_paragraph() -> None:
    cut, finished = read(f"{UNFINISHED}（上接1版）{REST}"), read(f"{HEAD}正文第一段。\n\n（上接1版）{REST}")
    assert summary(cut)[1] == summary(finished)[1] == (None, None, "上接1版", [REST])


def test_a_short_continued_strip_after_an_unfinished_paragraph_is_not_set_aside_as_displaced() -> None:
    rest = "全年重点工作,确保各项任务落到实处,推动经济社会高质量发展。"
    issue = read(f"{UNFINISHED}（上接1版）会议召开。\n\n{rest}")
    assert summary(issue) == [("某县召开工作会议", None, None, ["正文第一段，研究部署"]),
                              (None, None, "上接1版", ["会议召开。", rest.replace(",", "，")])]
    assert not any("displaced strip" in n for n in issue.notes)


@pytest.mark.parametrize("before", ["正文第一段,研究部署", "正文第一段。"])
@pytest.mark.parametrize("mark", ["（上接1版）", "上接第一版"])
def test_a_continuation_mark_on_a_line_of_its_own_after_text_starts_the_continued_article(before: str,
                                                                                          mark: str) -> None:
    inline = read(f"{HEAD}{before}\n\n{mark}{REST}")
    issue = read(f"{HEAD}{before}\n\n{mark}\n\n{REST}")
    assert summary(issue) == summary(inline)
    assert summary(issue)[1] == (None, None, mark.strip("（）"), [REST])
    assert any(n.startswith("line 5: text continued from another page") for n in issue.notes)


@pytest.mark.parametrize(("text", "found"), [
    ("第2版\n\n（上接1版）\n\n" + REST, [(None, None, "上接1版", [REST])]),  # at the top of a page
    (HEAD + "正文,(下转2版)\n\n（上接1版）\n\n" + REST,  # after an article that jumped away
     [("某县召开工作会议", None, "下转2版", ["正文，"]), (None, None, "上接1版", [REST])]),
    (HEAD + "正文。\n\n（上接1版）\n\n另一县召开工作会议\n\n" + REST,  # above its repeated headline
     [("某县召开工作会议", None, None, ["正文。"]), ("另一县召开工作会议", None, "上接1版", [REST])]),
    (HEAD + "（上接1版）\n\n" + REST, [("某县召开工作会议", None, "上接1版", [REST])]),  # under it, as before
])
def test_a_continuation_mark_on_a_line_of_its_own_goes_with_the_text_after_it(text: str,
                                                                             found: list[tuple[object, ...]]) -> None:
    issue = read(text)
    assert summary(issue) == found
    assert not any("has no article to go to" in n for n in issue.notes)


@pytest.mark.parametrize(("text", "found"), [
    (HEAD + "正文第一段。\n\n（上接1版）", [("某县召开工作会议", None, None, ["正文第一段。"])]),
    (UNFINISHED + "（上接1版）", [("某县召开工作会议", None, None, ["正文第一段，研究部署"])]),
    (HEAD + "正文,(下转2版)\n\n上接第一版", [("某县召开工作会议", None, "下转2版", ["正文，"])]),
    (HEAD + "正文第一段。\n\n（上接1版）\n\n本版编辑 张三 校对 李四", [("某县召开工作会议", None, None, ["正文第一段。"])]),
    ("第2版\n\n（上接1版）", []),
])
def test_a_continuation_mark_with_nothing_after_it_on_its_page_goes_to_the_notes(
        text: str, found: list[tuple[object, ...]]) -> None:
    issue = read(text)
    assert summary(issue) == found
    assert any("ends the page: no text after it on this page to continue" in n for n in issue.notes)
    assert not any("text continued from another page" in n for n in issue.notes)


def test_a_continuation_mark_that_ends_a_page_does_not_take_the_next_pages_text() -> None:
    issue = read(HEAD + "正文第一段。\n\n（上接1版）\n\n第2版\n\n" + REST)
    assert [[(a.headline, a.jump, [b.text for b in a.body]) for a in page.articles] for page in issue.pages] == [
        [("某县召开工作会议", None, ["正文第一段。"])], [(None, None, [REST])]]
    assert any(n.startswith("line 5: continuation mark '（上接1版）' ends the page") for n in issue.notes)


def test_a_continuation_mark_under_a_headline_at_the_end_of_a_page_stays_that_articles_jump() -> None:
    issue = read(HEAD + "（上接1版）")
    assert summary(issue) == [("某县召开工作会议", None, "上接1版", [])]
