"""Split OCR text into pages and lines ("units") with their line numbers.

Page breaks: a form feed (\\f), or a page-marker line standing alone:
`第2版`, `第二版 要闻`, `A2`, `A2 要闻`, `2 要闻`. The marker gives the page number and,
when a section name follows, the section. Text before the first marker is page 1 (or
the marker's page if the marker is the first line); a page without a marker is
numbered one after the previous page.

Each non-blank line becomes a `Unit`. Column OCR puts one column strip per line and a
blank line between strips, so `block` (the blank-line-separated block) is kept too.
Emoji, private-use and replacement characters and a leading `>` are OCR noise: they
are removed here and reported in the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from layout.ingest.chars import NOISE_RE
from layout.ingest.report import Notes

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# A page marker is a page number (第2版, 第二版, A2, or 2 alone) and the rest of the line,
# a section (SECTION). Each number ends in one place, so the section is read after it by
# one pattern: sre builds a Han class anew in each pattern that uses it (about 0.8 ms).
PAGE_NUMBERS = (
    re.compile(r"第\s*(?P<num>[0-9]{1,3}|[〇零一二两三四五六七八九十]{1,4})\s*[版版]"),
    re.compile(r"[A-H]\s*(?P<num>[0-9]{1,2})"),
)
SECTION = re.compile(r"(?:\s*(?P<mark>[·・:：|｜-])?\s*(?P<section>[\u4e00-\u9fff]{2,8}))?\s*$")
# a number alone (2 要闻) only with a section, after spaces, without a mark, of 2-6 Han
BARE_NUMBER = re.compile(r"(?P<num>[0-9]{1,2})\s+")
BARE_SECTION_MAX = 6
QUOTE_PREFIX = re.compile(r"^\s*>+\s*")


@dataclass
class Unit:
    """One non-blank OCR line."""

    line: int  # 1-based line number in the whole input
    text: str  # the line, noise removed, outer whitespace stripped
    block: int  # index of its blank-line-separated block


@dataclass(frozen=True)
class PageMarker:
    """A page-marker line: the page number as printed (2, 二, 02) and the section, if any."""

    text: str
    num: str
    section: str | None


@dataclass
class RawPage:
    """The lines of one page, before classification."""

    number: int
    section: str | None = None
    units: list[Unit] = field(default_factory=list)
    marked: bool = False  # a page marker named this page


def chinese_number(text: str) -> int:
    """Value of a small number written in ASCII digits or Chinese numerals (二十一 -> 21)."""
    if text.isascii():
        return int(text)
    if "十" not in text:
        value = 0
        for ch in text:
            value = value * 10 + CN_DIGITS.get(ch, 0)
        return value
    tens, _, ones = text.partition("十")
    return CN_DIGITS.get(tens, 1) * 10 + (CN_DIGITS.get(ones[:1], 0) if ones else 0)


def match_page_marker(text: str) -> PageMarker | None:
    """The page marker a line is, if the whole line is one."""
    stripped = text.strip()
    if len(stripped) > 16:
        return None
    for pattern in PAGE_NUMBERS:
        number = pattern.match(stripped)
        section = number and SECTION.match(stripped, number.end())
        if number and section:
            return PageMarker(stripped, number.group("num"), section.group("section"))
    number = BARE_NUMBER.match(stripped)
    section = number and SECTION.match(stripped, number.end())
    bare = section.group("section") if section and section.group("mark") is None else None
    if number and bare and len(bare) <= BARE_SECTION_MAX:
        return PageMarker(stripped, number.group("num"), bare)
    return None


def split_pages(text: str, notes: Notes) -> list[RawPage]:
    """Split text into pages of units, recording markers and removed noise in notes."""
    pages = [RawPage(number=1)]
    block = 0
    blank = True
    for number, line in enumerate(text.split("\n"), start=1):
        pieces = line.split("\f")
        for index, piece in enumerate(pieces):
            if index > 0:
                pages.append(RawPage(number=pages[-1].number + 1))
            cleaned = _clean_line(piece, number, notes)
            if not cleaned:
                blank = True
                continue
            marker = match_page_marker(cleaned)
            if marker:
                _start_page(pages, marker, number, notes)
                blank = True
                continue
            if blank:
                block += 1
                blank = False
            pages[-1].units.append(Unit(number, cleaned, block))
    return [p for p in pages if p.units] or [RawPage(number=pages[0].number)]


def _start_page(pages: list[RawPage], marker: PageMarker, line: int, notes: Notes) -> None:
    """Open the page a marker names, reusing the current page if it is still empty, or
    if no marker has named it yet and it has that number already: a masthead OCR'd
    above the page's own `A1 要闻` is on page 1, not a page of its own."""
    number = chinese_number(marker.num) or 1
    current = pages[-1]
    if current.units and (current.marked or current.number != number):
        pages.append(RawPage(number=number))
    else:
        current.number = number
    pages[-1].section = marker.section
    pages[-1].marked = True
    notes.add(line, f"page marker '{marker.text}' read as page {number}"
              + (f", section {pages[-1].section}" if pages[-1].section else ""))


def _clean_line(piece: str, line: int, notes: Notes) -> str:
    """Strip a line, removing OCR noise characters and a quoting '>' with a note."""
    text = piece.strip()
    if not text:
        return ""
    noise = NOISE_RE.findall(text)
    if noise:
        text = NOISE_RE.sub(" ", text).strip()
        notes.add(line, f"removed OCR noise {' '.join(noise)} (emoji/symbol, not text)")
    prefix = QUOTE_PREFIX.match(text)
    if prefix and prefix.end() > 0 and len(text) > prefix.end():
        notes.add(line, f"removed stray {prefix.group(0).strip()!r} prefix (OCR quoting mark)")
        text = text[prefix.end():]
    return text
