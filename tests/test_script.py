"""detect_script against its plain definition: count every character of the issue's
printed texts that is in one of the two tables; Traditional only when its forms
outnumber the Simplified ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.ingest import decode_raw, ingest_text
from layout.model import Article, Footer, Issue, IssueInfo, Page, Paper, Paragraph, Subhead
from layout.script import _SIMPLIFIED, _TRADITIONAL, Script, detect_script

ROOT = Path(__file__).resolve().parent.parent
RAW = sorted((ROOT / "tests" / "ingest" / "fixtures").glob("*.txt")) + sorted((ROOT / "samples").glob("*.txt"))


def defined_script(issue: Issue) -> Script:
    """The definition, one character at a time."""
    traditional = simplified = 0
    for _, text in issue.texts():
        for ch in text:
            if ch in _TRADITIONAL:
                traditional += 1
            elif ch in _SIMPLIFIED:
                simplified += 1
    return Script.HANT if traditional > simplified else Script.HANS


def test_the_tables_are_pairs_of_distinct_characters() -> None:
    assert len(_SIMPLIFIED) == len(_TRADITIONAL) == len(set(_SIMPLIFIED)) == len(set(_TRADITIONAL))
    assert not set(_SIMPLIFIED) & set(_TRADITIONAL)


@pytest.mark.parametrize("path", RAW, ids=lambda p: p.stem)
def test_the_fixtures_and_the_sample(path: Path) -> None:
    issue, _ = ingest_text(decode_raw(path.read_bytes(), path.name), path.name)
    expected = Script.HANT if "traditional" in path.stem else Script.HANS
    assert detect_script(issue) == defined_script(issue) == expected


@pytest.mark.parametrize(("texts", "expected"), [
    ((), Script.HANS),
    (("這这",), Script.HANS),  # a tie is Simplified
    (("這这", "個"), Script.HANT),
    (("這", "这个"), Script.HANS),
    # only the tables count: not a character they share no code point with, a NUL, a
    # noncharacter, a lone surrogate, a character beyond the BMP
    (("這\x00\x00\ufffe\ud800\U0002c27c\U0001F600国际", "个"), Script.HANS),
    (("這\x00個\ufffe", "这\ud800"), Script.HANT),
])
def test_counts_only_table_characters(texts: tuple[str, ...], expected: Script) -> None:
    issue = Issue(pages=(Page(1, articles=tuple(Article(body=(Paragraph(t),)) for t in texts)),))
    assert detect_script(issue) == defined_script(issue) == expected


ALPHABET = _SIMPLIFIED[:6] + _TRADITIONAL[:6] + "中文，\x00\x01\x7f\xff\u0100\ufffe\uffff\ud800\udfff\U0002c27c \n"
texts = st.text(ALPHABET, max_size=12)
optional = st.none() | texts


@settings(max_examples=300, deadline=None)
@given(name=optional, weekday=optional, section=optional, headline=optional, kicker=optional,
       paragraphs=st.lists(texts, max_size=4), subhead=texts, department=optional,
       editors=st.lists(texts, max_size=2))
def test_agrees_with_the_definition(name: str | None, weekday: str | None, section: str | None,
                                    headline: str | None, kicker: str | None, paragraphs: list[str],
                                    subhead: str, department: str | None, editors: list[str]) -> None:
    article = Article(headline=headline, kicker=kicker,
                      body=(*(Paragraph(p) for p in paragraphs), Subhead(subhead)))
    issue = Issue(paper=Paper(name=name), issue=IssueInfo(weekday=weekday),
                  pages=(Page(1, section, (article, article)),
                         Page(2, footer=Footer(department=department, editors=tuple(editors)))))
    assert detect_script(issue) == defined_script(issue)
