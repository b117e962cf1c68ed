"""Shared helpers for the ingest rule tests (no tests here)."""

from __future__ import annotations

from layout.ingest import ingest_text


def only_article(text: str):  # type: ignore[no-untyped-def]
    """The one article `text` ingests to, and the issue."""
    issue, _ = ingest_text(text, "t.txt")
    articles = issue.articles()
    assert len(articles) == 1, [a.title for a in articles]
    return articles[0], issue
