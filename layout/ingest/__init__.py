"""Ingest: raw OCR text of newspaper pages in, a structured `model.Issue` out.

Public API:
- `decode_raw(data, name) -> str`: bytes to text (UTF-8, UTF-16/32 with BOM, GB18030),
  or `IngestError` with a one-line message naming the file.
- `ingest_text(text, name) -> (Issue, warnings)`: never raises on any text; everything
  odd is repaired or reported in `Issue.notes` and in the `name:line:` warnings.

Stages: `segment` (pages, lines, noise) -> `masthead` (报头 fields at the top of a page)
-> `classify` + `build` (articles, headlines, credits, paragraphs joined across column
strips) -> `repair` (displaced strips and orphan paragraphs put back) -> the model.

Pages: a form feed (\\f) or a line that is only a page marker (`第2版`, `第二版 要闻`,
`A2 要闻`, `2 要闻`) starts a new page; see `segment`. Without markers the text is page 1.

Guarantee (checked by `coverage.missing_characters` in the tests): every letter, digit
and Han character of the input ends up in a text field of the Issue or in its notes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from layout.ingest.build import PageBuilder
from layout.ingest.decode import decode_raw
from layout.ingest.draft import PageDraft
from layout.ingest.masthead import Masthead, infer_date, infer_region, paper_name, read_masthead, region_from_words
from layout.ingest.repair import repair_page
from layout.ingest.report import Notes
from layout.ingest.segment import split_pages
from layout.model import Issue, IssueInfo, Paper
from layout.script import Script, detect_script

__all__ = ["decode_raw", "ingest_text"]

DEPARTMENT_SUFFIX = re.compile(r"(?:部|中心|室)(?:主办|主辦|编辑|編輯)$")


def ingest_text(text: str, name: str = "<input>") -> tuple[Issue, tuple[str, ...]]:
    """Build the Issue from OCR text; return it with one-line warnings for the CLI."""
    notes = Notes(name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    masthead = Masthead()
    pages: list[PageDraft] = []
    for raw in split_pages(text, notes):
        used = read_masthead(raw.units, masthead, notes)
        draft = PageBuilder(PageDraft(raw.number, raw.section), raw.units[used:], notes).run()
        repair_page(draft, notes)
        _infer_section(draft, notes)
        pages.append(draft)
    texts = [a.text() for p in pages for a in p.articles]
    issue = Issue(
        paper=_paper(masthead, notes),
        issue=_issue_info(masthead, texts, notes),
        pages=tuple(p.to_page() for p in pages),
        notes=(),
    )
    if issue.paper.region is None:
        issue = _region_from_text(issue, texts, notes)
    notes.items.sort(key=lambda item: item[0] or 0)
    return _with_notes(issue, notes.notes()), notes.warnings()


def _region_from_text(issue: Issue, texts: list[str], notes: Notes) -> Issue:
    """A Traditional issue whose masthead names no region: Hong Kong, Macau or Taiwan
    by the words its articles use (`region_from_words`), when they tell it clearly. Only
    a Traditional issue: a Simplified one is drawn in the faces' own forms whatever its
    region, and mainland papers write of Hong Kong and Taiwan too."""
    if detect_script(issue) is not Script.HANT:
        return issue
    found = region_from_words(texts)
    if found is None:
        return issue
    notes.add(None, f"paper region {found[0]}, from the words its articles use ({found[1]})")
    return replace(issue, paper=replace(issue.paper, region=found[0]))


def _with_notes(issue: Issue, notes: tuple[str, ...]) -> Issue:
    """The issue with its notes (Issue is frozen)."""
    return Issue(paper=issue.paper, issue=issue.issue, pages=issue.pages, notes=notes)


def _paper(found: Masthead, notes: Notes) -> Paper:
    """Paper fields; the organ line (机关报) stands in for a missing supervisor line."""
    values = found.values
    supervisor = values.get("supervisor_line")
    organ = values.get("organ_line")
    if organ and supervisor:
        notes.add(found.line, f"organ line '{organ}' kept in notes; supervisor_line holds '{supervisor}'")
    elif organ:
        supervisor = organ
        notes.add(found.line, f"no 主管主办 line: organ line '{organ}' used as supervisor_line")
    region = infer_region(found)
    if region is not None:
        notes.add(found.line, f"paper region {region[0]}, from {region[1]}")
    return Paper(
        name=paper_name(found), supervisor_line=supervisor, publisher_line=values.get("publisher_line"),
        website=values.get("website"), postal_code=values.get("postal_code"), cn_number=values.get("cn_number"),
        region=region[0] if region else None,
    )


def _issue_info(found: Masthead, texts: list[str], notes: Notes) -> IssueInfo:
    """Issue fields, with the date inferred when the OCR lost part of it."""
    values = found.values
    return IssueInfo(
        date=infer_date(found, texts, notes), weekday=values.get("weekday"),
        lunar_date=values.get("lunar_date"),
        number=int(values["number"]) if "number" in values else None,
        page_count=int(values["page_count"]) if "page_count" in values else None,
    )


def _infer_section(page: PageDraft, notes: Notes) -> None:
    """A page without a marked section takes it from the footer's department (要闻部 -> 要闻)."""
    if page.section or not page.footer:
        return
    department = page.footer.get("department")
    if isinstance(department, str) and DEPARTMENT_SUFFIX.search(department):
        page.section = DEPARTMENT_SUFFIX.sub("", department)
        notes.add(page.footer_line, f"section '{page.section}' of page {page.number} "
                                    f"inferred from the footer '{department}'")
