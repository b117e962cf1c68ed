"""Shared fixtures for the page tests: a fake composer and issue builders (no tests).

The fake `Setter` sets every character 1 em wide, breaks anywhere, indents the first
line and places runs by alignment, so page geometry can be tested without fonts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from layout.model import Article, Footer, Issue, IssueInfo, Page, Paper, Paragraph, Subhead
from layout.spec.schema import Align, Style
from layout.typeset.placed import Line, Run


def fake_setter(parts: Sequence[tuple[str, str]], style: Style, measure: float,
                *, indent_em: float = 0.0, align: Align | None = None) -> tuple[Line, ...]:
    """Lines of whole em-wide characters; runs keep each part's role as the font."""
    size = style.size
    per_line = max(1, math.floor(measure / size + 1e-9))
    chars = [(ch, role) for text, role in parts for ch in text]
    align = align or style.align
    lines: list[Line] = []
    pos, first = 0, True
    while pos < len(chars) or (first and not chars):
        indent = int(indent_em) if first else 0
        take = max(1, per_line - indent)
        chunk = chars[pos:pos + take]
        pos += take
        last = pos >= len(chars)
        width = (len(chunk) + indent) * size
        if align == Align.CENTER:
            x0 = (measure - width) / 2
        elif align == Align.RIGHT:
            x0 = measure - width
        else:
            x0 = 0.0
        runs, x = [], x0 + indent * size
        for ch, role in chunk:
            if runs and runs[-1].font == role:
                prev = runs[-1]
                runs[-1] = Run(prev.x, prev.text + ch, role, size)
            else:
                runs.append(Run(x, ch, role, size))
            x += size
        lines.append(Line(tuple(runs), measure, "".join(c for c, _ in chunk), last))
        first = False
        if not chars:
            break
    return tuple(lines)


def article(n: int, chars: int, *, subhead: bool = False, dateline: str | None = None,
            byline: str | None = None, jump: str | None = None) -> Article:
    """An article with a numbered headline and `chars` body characters in paragraphs."""
    body: list[Paragraph | Subhead] = []
    left, p = chars, 0
    while left > 0:
        size = min(left, 180)
        body.append(Paragraph(f"{n:03d}段{p:03d}" + "文" * max(0, size - 7)))
        left -= size
        p += 1
        if subhead and p == 2:
            body.append(Subhead(f"小标题{n}"))
    return Article(headline=f"第{n}篇文章标题", body=tuple(body), dateline=dateline,
                   byline=byline, jump=jump)


def issue(*pages: Sequence[Article]) -> Issue:
    """An issue with the given articles on consecutive pages."""
    return Issue(
        paper=Paper(name="吕梁日报", supervisor_line="中共吕梁市委主管主办",
                    cn_number="CN14-0028", website="www.sxllnews.cn"),
        issue=IssueInfo(date="2023-02-17", weekday="星期五", lunar_date="农历癸卯年正月二十七",
                        number=10906, page_count=len(pages)),
        pages=tuple(Page(number=i + 1, section="要闻" if i == 0 else "综合",
                         articles=tuple(arts),
                         footer=Footer(department="要闻部主办", editors=("马龙",),
                                       proofreader="孟柯妤"))
                    for i, arts in enumerate(pages)))


def split_sample(text: str) -> Issue:
    """A crude splitter for the seed sample: short lines are headlines."""
    articles: list[Article] = []
    head: str | None = None
    body: list[Paragraph] = []
    for raw in text.splitlines()[12:]:
        line = re.sub(r"\s+", "", raw)
        if not line or line.startswith("要闻部主办"):
            continue
        if len(line) <= 26 and not line.endswith(("。", "”", "）")):
            if body:
                articles.append(Article(headline=head, body=tuple(body)))
                body = []
                head = line
            else:
                head = (head + " " + line) if head else line
        else:
            body.append(Paragraph(line))
    if body:
        articles.append(Article(headline=head, body=tuple(body)))
    return issue(articles)
