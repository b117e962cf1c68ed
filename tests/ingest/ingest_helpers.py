"""Shared helpers for the ingest rule tests (no tests here)."""

from __future__ import annotations

from layout.ingest import ingest_text
from layout.ingest.coverage import missing_characters
from layout.model import Article, Issue

HEAD = "某县召开工作会议\n\n"  # a headline for the lead, byline and jump tests to stand under


def only_article(text: str):  # type: ignore[no-untyped-def]
    """The one article `text` ingests to, and the issue."""
    issue, _ = ingest_text(text, "t.txt")
    articles = issue.articles()
    assert len(articles) == 1, [a.title for a in articles]
    return articles[0], issue


def read(text: str) -> Issue:
    """The issue `text` ingests to, checked to have lost no character of it."""
    issue, _ = ingest_text(text, "t.txt")
    assert not missing_characters(text, issue)
    return issue


def only(text: str) -> Article:
    """The one article `text` ingests to (no character lost)."""
    (art,) = read(text).articles()
    return art
