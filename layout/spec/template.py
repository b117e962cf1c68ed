"""Templates for the masthead ear, footer and running head: `{field}` over issue data.

In: a template string from the spec (validated at load against TEMPLATE_FIELDS) and
the field values. Out: the filled line. A whitespace-separated segment whose field
has no value is dropped whole, so `本版组版：{layout_editor}` disappears rather than
leaving a dangling label, and the separators around it collapse.
`template_values` derives every field from an `Issue` (and a page) for the page
maker and the EPUB exporter; `in_script` words a spec's templates for a Traditional
issue (`Spec.traditional_words`).
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from layout.model import ROC_EPOCH, Issue, Page
from layout.script import Script

if TYPE_CHECKING:
    from layout.spec.schema import Spec

TEMPLATE_FIELDS: frozenset[str] = frozenset({
    "paper", "supervisor_line", "publisher_line", "website", "postal_code", "cn_number",
    "date", "date_cn", "date_roc", "weekday", "weekday_short", "lunar_date", "number", "page_count",
    "page", "section", "department", "layout_editor", "editors", "proofreader", "email",
})

_SEPARATOR = re.compile(r"([ \t\u3000]+)")
_FORMATTER = string.Formatter()
_WEEKDAYS = "一二三四五六日"


def template_fields(template: str) -> list[str]:
    """The field names a template uses, in order; ValueError on unbalanced braces.

    Format specs and conversions (`{date:>10}`, `{date!r}`) are not allowed.
    """
    names: list[str] = []
    for _literal, name, spec, conversion in _FORMATTER.parse(template):
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(f"`{{{name}}}`")
        names.append(name)
    return names


def _fill_segment(segment: str, values: Mapping[str, object]) -> str | None:
    out: list[str] = []
    for literal, name, _spec, _conv in _FORMATTER.parse(segment):
        out.append(literal)
        if name is None:
            continue
        value = values.get(name)
        if value is None or value == "":
            return None
        out.append(str(value))
    return "".join(out)


def fill_template(template: str, values: Mapping[str, str | None]) -> str:
    """Fill `{field}`s from `values`; drop each segment whose field is missing or empty.

    Segments are separated by runs of spaces or U+3000; the separator after a kept
    segment is kept, so dropped segments never leave doubled separators. `{{` and `}}`
    are literal braces. The result is stripped.
    """
    parts = _SEPARATOR.split(template)
    kept: list[tuple[str, str]] = []  # (segment text, separator after it)
    for i in range(0, len(parts), 2):
        segment = parts[i]
        separator = parts[i + 1] if i + 1 < len(parts) else ""
        if segment == "":
            continue
        filled = _fill_segment(segment, values)
        if filled is not None and filled != "":
            kept.append((filled, separator))
    pieces: list[str] = []
    for index, (text, separator) in enumerate(kept):
        pieces.append(text)
        if index + 1 < len(kept):
            pieces.append(separator)
    return "".join(pieces).strip()


def _date_cn(iso: str | None, era: int = 0) -> str | None:
    """An ISO date as 2023年3月5日, its year counted from `era` (`ROC_EPOCH`: the 民国
    date Taiwan papers print, 112年3月5日); None for no date, or one before the era."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", iso or "")
    if match is None or int(match[1]) <= era:
        return None
    year, month, day = (int(g) for g in match.groups())
    return f"{year - era}年{month}月{day}日"


def _weekday_short(weekday: str | None) -> str | None:
    if not weekday:
        return None
    last = weekday.strip()[-1:]
    if last == "天":
        return "日"
    return last if last in _WEEKDAYS else None


def template_values(issue: Issue, page: Page | None = None) -> dict[str, str | None]:
    """Every TEMPLATE_FIELDS value for `issue` (and `page`, for page and footer fields)."""
    paper, info = issue.paper, issue.issue
    footer = page.footer if page is not None else None

    def text(value: object) -> str | None:
        return None if value is None else str(value)

    return {
        "paper": paper.name,
        "supervisor_line": paper.supervisor_line,
        "publisher_line": paper.publisher_line,
        "website": paper.website,
        "postal_code": paper.postal_code,
        "cn_number": paper.cn_number,
        "date": info.date,
        "date_cn": _date_cn(info.date),
        "date_roc": _date_cn(info.date, ROC_EPOCH),
        "weekday": info.weekday,
        "weekday_short": _weekday_short(info.weekday),
        "lunar_date": info.lunar_date,
        "number": text(info.number),
        "page_count": text(info.page_count if info.page_count is not None
                           else (len(issue.pages) or None)),
        "page": text(page.number) if page is not None else None,
        "section": page.section if page is not None else None,
        "department": footer.department if footer else None,
        "layout_editor": footer.layout_editor if footer else None,
        "editors": "、".join(footer.editors) if footer and footer.editors else None,
        "proofreader": footer.proofreader if footer else None,
        "email": footer.email if footer else None,
    }


def rewording(spec: Spec, script: Script) -> Callable[[str], str]:
    """The function that words a template's text for an issue in `script`: for
    Traditional, each of `spec.traditional_words` in it (longest first) becomes its
    Traditional form; otherwise `str`, which leaves the text as it is."""
    words = spec.traditional_words
    if script is not Script.HANT or not words:
        return str
    pattern = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    return lambda text: pattern.sub(lambda m: words[m.group()], text)


def in_script(spec: Spec, script: Script) -> Spec:
    """`spec` with its ear, footer and running-head templates worded for an issue in
    `script` (`rewording`). The fields are the issue's own text, never reworded."""
    worded = rewording(spec, script)
    if worded is str:  # nothing to reword: the spec itself, not a copy
        return spec
    masthead = dataclasses.replace(spec.masthead, ear=tuple(
        dataclasses.replace(line, template=worded(line.template)) for line in spec.masthead.ear))
    return dataclasses.replace(
        spec, masthead=masthead,
        footer=dataclasses.replace(spec.footer, template=worded(spec.footer.template)),
        running_head=dataclasses.replace(spec.running_head, template=worded(spec.running_head.template)))
