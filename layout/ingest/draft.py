"""Mutable drafts of articles and paragraphs while a page is being put together.

The model types are frozen; ingest needs to move pieces around first (a displaced
column strip goes back to its paragraph, an orphan paragraph joins its article), so it
works on these drafts and converts them once, in `to_page`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from layout.ingest.chars import ends_sentence
from layout.ingest.masthead import FooterFields
from layout.ingest.normalize import clean_heading, clean_text
from layout.model import Article, Block, Footer, Page, Paragraph, Span, Subhead


@dataclass
class ParaDraft:
    """A paragraph (or in-article subhead) as raw OCR pieces, joined at the end."""

    pieces: list[str]
    line: int
    end_line: int
    subhead: bool = False

    @property
    def raw(self) -> str:
        """The pieces joined by spaces (line-break spaces go in `clean_text`)."""
        return " ".join(self.pieces)

    def dangling(self) -> bool:
        """Whether the paragraph stops mid-sentence (its continuation is elsewhere)."""
        return not self.subhead and bool(self.pieces) and not ends_sentence(self.pieces[-1])

    def add(self, piece: str, line: int) -> None:
        """Append a piece that continues this paragraph."""
        self.pieces.append(piece)
        self.end_line = max(self.end_line, line)

    def to_block(self) -> Block | None:
        """The model block, or None when nothing is left after cutting credits."""
        span = Span(self.line, self.end_line if self.end_line != self.line else None)
        if self.subhead:
            return Subhead(clean_heading(self.raw), source=span)
        text = clean_text(self.raw)
        return Paragraph(text, source=span) if text else None


@dataclass
class ArticleDraft:
    """An article being assembled."""

    line: int
    headline: str | None = None
    kicker: str | None = None
    subheadline: str | None = None
    byline: str | None = None
    dateline: str | None = None
    dateline_line: int | None = None  # the line the dateline was read from
    dateline_text: str | None = None  # the dateline as printed, 中央社's brackets kept: for the text
    byline_of_dateline: bool = False  # the byline is the one the dateline named (电（记者 X）)
    jump: str | None = None
    credit: str | None = None
    paras: list[ParaDraft] = field(default_factory=list)
    closed: bool = False  # a 下转 jump ended it: text after it on this page is not its own
    orphan: bool = False  # body text found after a jump, with no headline of its own

    def text(self) -> str:
        """All raw text of the article, for similarity and date search."""
        parts = [self.headline, self.subheadline, self.kicker, *(p.raw for p in self.paras)]
        return " ".join(p for p in parts if p)

    def to_article(self) -> Article:
        """The frozen model article."""
        blocks = tuple(b for b in (p.to_block() for p in self.paras) if b is not None)
        return Article(
            headline=self.headline, kicker=self.kicker, subheadline=self.subheadline,
            byline=self.byline, dateline=self.dateline, body=blocks, jump=self.jump,
            credit=self.credit, source=Span(self.line),
        )


@dataclass
class Displaced:
    """A short column strip the OCR put in the wrong place, waiting to be placed."""

    text: str
    line: int
    previous: Displaced | None = None  # the strip just before it in the same displaced run
    placed: tuple[int, int] | None = None  # (article index, paragraph index) once placed


@dataclass
class PageDraft:
    """A page being assembled."""

    number: int
    section: str | None = None
    articles: list[ArticleDraft] = field(default_factory=list)
    footer: FooterFields | None = None
    footer_line: int | None = None
    displaced: list[Displaced] = field(default_factory=list)

    def to_page(self) -> Page:
        """The frozen model page."""
        footer = None
        if self.footer is not None:
            footer = Footer(
                department=_str(self.footer.get("department")),
                layout_editor=_str(self.footer.get("layout_editor")),
                editors=tuple(str(e) for e in self.footer.get("editors", ()) or ()),
                proofreader=_str(self.footer.get("proofreader")),
                email=_str(self.footer.get("email")),
            )
        articles = tuple(a.to_article() for a in self.articles)
        return Page(number=self.number, section=self.section, articles=articles, footer=footer)


def _str(value: object) -> str | None:
    """A footer value as str, or None."""
    return None if value is None else str(value)
