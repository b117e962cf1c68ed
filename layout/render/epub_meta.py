"""Issue -> EPUB package metadata: title, identifier, language, dates, accessibility.

Pure functions over the issue document, no ebooklib: `render_epub` feeds the results
to the package. Everything here derives from the issue itself, never from the clock,
so two exports of the same issue carry the same metadata (reproducible builds).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from layout.model import Issue
from layout.render.epub_xhtml import clean
from layout.script import detect_script

_FALLBACK_DATE = dt.date(2000, 1, 1)  # no date in the masthead: a fixed, clearly fake one


@dataclass(frozen=True, slots=True)
class BookMeta:
    """What the package document says about the issue."""

    title: str  # 吕梁日报 2023年2月17日 第10906期
    identifier: str  # urn:uuid:…, uuid5 over paper name + date
    language: str  # zh-Hans | zh-Hant, or of a region: zh-HK … (BCP 47, `Script.language_in`)
    date: str | None  # ISO date of publication, dc:date
    modified: dt.datetime  # dcterms:modified, midnight UTC of the issue date
    publisher: str | None
    source: str  # the print edition, dc:source (pagination is its)
    summary: str  # schema:accessibilitySummary


def issue_date(issue: Issue) -> dt.date | None:
    """The issue's ISO date as a `date`, or None when absent or malformed."""
    value = issue.issue.date
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def date_cn(day: dt.date) -> str:
    """2023-02-17 -> 2023年2月17日 (the form printed in the masthead)."""
    return f"{day.year}年{day.month}月{day.day}日"


def book_title(issue: Issue) -> str:
    """Paper, date and issue number: "吕梁日报 2023年2月17日 第10906期"."""
    day = issue_date(issue)
    parts = [issue.paper.name or detect_script(issue).word("报纸"),
             date_cn(day) if day else (issue.issue.date or ""),
             issue_number(issue)]
    return " ".join(p for p in parts if p)


def issue_number(issue: Issue) -> str:
    """第10906期, or 第25100號 for a Taiwan paper (`Paper.region` TW), as Taiwan papers
    number their issues; "" when the issue has no number."""
    if issue.issue.number is None:
        return ""
    return f"第{issue.issue.number}{'號' if issue.paper.region == 'TW' else '期'}"


def book_identifier(issue: Issue) -> str:
    """urn:uuid from uuid5 over paper name and date: the same issue keeps its id.

    Without a date the first headlines stand in, so different undated issues of one
    paper still get different identifiers.
    """
    key = f"{issue.paper.name or ''}|{issue.issue.date or ''}|{issue.issue.number or ''}"
    if not issue.issue.date:
        key += "|" + "|".join(a.title for a in issue.articles()[:3])
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'layout-epub:' + key)}"


def publisher_of(issue: Issue) -> str | None:
    """吕梁日报社出版 -> 吕梁日报社; else the paper's name."""
    line = issue.paper.publisher_line
    if line:
        return re.sub(r"(出版|出版發行|出版发行)$", "", line).strip() or line
    return issue.paper.name


def build_meta(issue: Issue, *, has_cover: bool) -> BookMeta:
    """All package metadata of `issue`."""
    day = issue_date(issue)
    modified = dt.datetime.combine(day or _FALLBACK_DATE, dt.time(0, 0), tzinfo=dt.UTC)
    title = clean(book_title(issue))
    pages = len(issue.pages)
    script = detect_script(issue)
    summary = title + script.word(f"的电子版，共{pages}版{len(issue.articles())}篇文章，按版面顺序排列。"
                                  "目录分两级（版面、文章），每篇文章有标题，并标有印刷版页码。"
                                  + ("封面图片有文字说明。" if has_cover else ""))
    return BookMeta(title=title, identifier=book_identifier(issue), language=script.language_in(issue.paper.region),
                    date=day.isoformat() if day else None, modified=modified,
                    publisher=clean(publisher_of(issue) or "") or None, source=f"{title}（印刷版）", summary=summary)
