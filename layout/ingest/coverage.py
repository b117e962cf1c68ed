"""The no-loss check: every letter, digit and Han character of the input is kept.

Ingest may move, repair and reclassify OCR text, but never silently drop it: each
alphanumeric character (str.isalnum, which includes Han) must occur in some text field
of the Issue or in its notes, at least as often as in the input. Used by the property
tests and available to callers that want to assert it on real input.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from layout.model import Article, Issue, Paragraph, Subhead


def document_strings(issue: Issue) -> Iterator[str | None]:
    """Every text value of the issue: masthead, pages, articles, footers, notes (None
    for a field the issue does not have)."""
    paper, info = issue.paper, issue.issue
    yield from (paper.name, paper.supervisor_line, paper.publisher_line, paper.website,
                paper.postal_code, paper.cn_number)
    yield from (info.date, info.weekday, info.lunar_date, _num(info.number), _num(info.page_count))
    for page in issue.pages:
        yield str(page.number)
        yield page.section
        if page.footer is not None:
            footer = page.footer
            yield from (footer.department, footer.layout_editor, footer.proofreader, footer.email)
            yield from footer.editors
        for article in page.articles:
            yield from _article_strings(article)
    yield from issue.notes


def _article_strings(article: Article) -> Iterator[str | None]:
    """Text values of one article."""
    yield from (article.headline, article.kicker, article.subheadline, article.byline,
                article.dateline, article.jump, article.credit)
    for block in article.body:
        if isinstance(block, (Paragraph, Subhead)):
            yield block.text


def _num(value: int | None) -> str | None:
    """An int field as text."""
    return None if value is None else str(value)


def alnum_counts(text: str) -> Counter[str]:
    """Multiset of the alphanumeric (letter, digit, Han) characters of text."""
    return Counter(ch for ch in text if ch.isalnum())


def missing_characters(source: str, issue: Issue) -> Counter[str]:
    """Characters of source that the issue does not account for (empty when nothing is lost)."""
    kept: Counter[str] = Counter()
    for value in document_strings(issue):
        if value:
            kept.update(alnum_counts(value))
    return alnum_counts(source) - kept
