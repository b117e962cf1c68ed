"""Issue -> XHTML content documents: one per printed page (版), the nav, the cover.

In: the issue, its language, where print pages break. Out: `Chapter`s holding
serialised XHTML plus what the nav needs (article anchors, page markers), and a
`TextLog` of every text drawn with which spec style, so the font subsets hold exactly
the characters each role shows.

Text is data: every string from the document goes into the tree as an lxml text node
(lxml escapes `<`, `&`, `]]>`), never into markup strings; characters XML cannot hold
(C0 controls, lone surrogates) are dropped first, since lxml refuses them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from layout.model import Article, Issue, Page, Paragraph, Subhead
from layout.script import script_of
from layout.spec.template import fill_template, template_values
from layout.typeset.placed import PageBreak

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ETYPE = f"{{{EPUB}}}type"
_NSMAP = {None: XHTML, "epub": EPUB}
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
STYLESHEET = "style.css"
COVER_STYLESHEET = "cover.css"
NAV_STYLESHEET = "nav.css"  # style.css declaring only the faces the nav's text uses
NAV_FILE = "nav.xhtml"
COVER_FILE = "cover.xhtml"


def clean(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry (lxml would raise)."""
    return _INVALID_XML.sub("", text)


@dataclass
class TextLog:
    """Texts shown per spec style key ("body", "headline", …), for font subsetting."""

    texts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, style: str, text: str) -> str:
        """Record `text` as shown in `style`; returns it for inline use."""
        self.texts[style].append(clean(text))
        return text


@dataclass
class Markers:
    """Where pagebreak markers go: before a page section, an article, or a block."""

    at_section: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    at_article: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    at_block: dict[tuple[int, int], list[int]] = field(default_factory=lambda: defaultdict(list))
    at_end: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class Chapter:
    """One page section as an XHTML document, with its navigation targets."""

    file_name: str
    heading: str  # 第1版　要闻
    content: bytes = b""
    articles: list[tuple[str, str]] = field(default_factory=list)  # (id, title)
    page_ids: list[tuple[int, str]] = field(default_factory=list)  # (print page, id)


def page_heading(page: Page) -> str:
    """第1版　要闻 (the section name is optional)."""
    return f"第{page.number}版" + (f"\u3000{page.section}" if page.section else "")


def place_breaks(issue: Issue, page_breaks: Sequence[PageBreak] | None) -> Markers:
    """Map print page starts onto document positions; each page number once.

    Without `page_breaks` every document page starts a print page at its section. A
    break at the head of a page's first article goes before that page's heading.
    """
    markers = Markers()
    if page_breaks is None:
        for i, page in enumerate(issue.pages):
            markers.at_section[i].append(page.number)
        return markers
    first_of: dict[int, int] = {}
    count = 0
    for i, page in enumerate(issue.pages):
        if page.articles:
            first_of.setdefault(count, i)
        count += len(page.articles)
    articles = issue.articles()
    seen: set[int] = set()
    for brk in page_breaks:
        if brk.page in seen:
            continue
        seen.add(brk.page)
        if not 0 <= brk.article < max(len(articles), 1):
            raise ValueError(f"page break of page {brk.page}: no article {brk.article} "
                             f"(the issue has {len(articles)})")
        if not articles:
            markers.at_section[0].append(brk.page)
        elif brk.block <= 0 and brk.article in first_of:
            markers.at_section[first_of[brk.article]].append(brk.page)
        elif brk.block <= 0:
            markers.at_article[brk.article].append(brk.page)
        elif brk.block >= len(articles[brk.article].body):
            markers.at_end[brk.article].append(brk.page)
        else:
            markers.at_block[(brk.article, brk.block)].append(brk.page)
    return markers


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{XHTML}}}{tag}", {k.rstrip("_").replace("_", "-"): clean(v)
                                                        for k, v in attrs.items()})
    if text is not None:
        el.text = clean(text)
    return el


def new_document(title: str, lang: str, *, stylesheet: bool = True
                 ) -> tuple[etree._Element, etree._Element]:
    """An empty XHTML5 document (root, body) with lang and xml:lang set."""
    root = etree.Element(f"{{{XHTML}}}html", nsmap=_NSMAP)
    root.set("lang", lang)
    root.set(XML_LANG, lang)
    head = _el(root, "head")
    _el(head, "meta", charset="utf-8")
    _el(head, "title", title)
    if stylesheet:
        _el(head, "link", rel="stylesheet", type="text/css", href=STYLESHEET)
    return root, _el(root, "body")


def serialise(root: etree._Element) -> bytes:
    """UTF-8 XHTML with declaration and HTML5 doctype."""
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")


class ChapterBuilder:
    """Builds the page chapters of one issue, logging styled texts as it goes."""

    def __init__(self, issue: Issue, lang: str, markers: Markers, log: TextLog,
                 masthead_alt: str | None, footer_template: str,
                 reword: Callable[[str], str] = str) -> None:
        self.issue, self.lang, self.markers, self.log = issue, lang, markers, log
        self.masthead_alt = masthead_alt  # None: no masthead image
        # the spec's footer, and its words for the book's script (`spec.template.rewording`)
        self.footer_template, self.reword = footer_template, reword
        self.article_no = 0  # index into issue.articles()

    def build(self) -> list[Chapter]:
        pages = self.issue.pages or (Page(number=1),)
        return [self.page(i, page) for i, page in enumerate(pages)]

    def marker(self, parent: etree._Element, chapter: Chapter, numbers: list[int]) -> None:
        for n in numbers:
            ident = f"page-{n}"
            _el(parent, "span", None, id=ident, role="doc-pagebreak", aria_label=str(n)
                ).set(ETYPE, "pagebreak")
            chapter.page_ids.append((n, ident))

    def page(self, i: int, page: Page) -> Chapter:
        heading = clean(page_heading(page))
        chapter = Chapter(f"page-{i + 1:02d}.xhtml", heading)
        root, body = new_document(heading, self.lang)
        body.set(ETYPE, "bodymatter")
        self.marker(body, chapter, self.markers.at_section.get(i, []))
        section = _el(body, "section", None, id=f"p{i + 1}", role="doc-chapter",
                      aria_labelledby=f"p{i + 1}-h")
        section.set(ETYPE, "chapter")
        if i == 0 and self.issue.pages:
            self.masthead(section)
        _el(section, "h1", self.log.add("running_head", heading), id=f"p{i + 1}-h")
        for j, article in enumerate(page.articles, 1):
            ident = f"p{i + 1}-a{j}"
            title = self.article(section, chapter, article, ident, page.number, j)
            chapter.articles.append((ident, title))
            self.article_no += 1
        if page.footer is not None:
            self.footer(section, page)
        chapter.content = serialise(root)
        return chapter

    def masthead(self, section: etree._Element) -> None:
        """The 报头 image and the 报眼 lines (supervisor, publisher, numbers)."""
        box = _el(section, "div", None, class_="masthead")
        if self.masthead_alt is not None:
            _el(box, "img", None, src="images/masthead.svg", alt=self.masthead_alt)
        paper, info = self.issue.paper, self.issue.issue
        lines = [" ".join(x for x in (paper.supervisor_line, paper.publisher_line) if x),
                 info.lunar_date or "",  # date and weekday are in the image and its alt
                 " ".join(x for x in (
                     self.reword("国内统一连续出版物号：") + paper.cn_number if paper.cn_number else "",
                     self.reword("邮发代号：") + paper.postal_code if paper.postal_code else "",
                     paper.website or "") if x)]
        for line in filter(None, lines):
            _el(box, "p", self.log.add("masthead_ear", line), class_="ear")

    def article(self, section: etree._Element, chapter: Chapter, article: Article,
                ident: str, page_no: int, j: int) -> str:
        """One `<article>`: header (kicker, h2, subheadline, byline), body, credit, jump."""
        a = self.article_no
        self.marker(section, chapter, self.markers.at_article.get(a, []))
        el = _el(section, "article", None, id=ident, aria_labelledby=f"{ident}-h")
        title = self.header(el, article, ident, f"第{page_no}版 第{j}篇")
        paragraphs = list(article.body)
        if article.jump_line and article.jump_from:  # （上接1版） leads the text
            _el(el, "p", self.log.add("jump", article.jump_line), class_="jump", role="note")
        dateline_pending = article.dateline
        if dateline_pending and (not paragraphs or not isinstance(paragraphs[0], Paragraph)):
            _el(_el(el, "p"), "span", self.log.add("dateline", dateline_pending), class_="dateline")
            dateline_pending = None
        for k, block in enumerate(paragraphs):
            self.marker(el, chapter, self.markers.at_block.get((a, k), []))
            if isinstance(block, Subhead):
                _el(el, "h3", self.log.add("subhead", block.text))
                continue
            p = _el(el, "p")
            if dateline_pending:
                span = _el(p, "span", self.log.add("dateline", dateline_pending), class_="dateline")
                span.tail = clean(self.log.add("body", "\u3000" + block.text))
                dateline_pending = None
            else:
                p.text = clean(self.log.add("body", block.text))
        if article.credit:
            _el(el, "p", self.log.add("credit", article.credit), class_="credit")
        if article.jump_line and not article.jump_from:
            _el(el, "p", self.log.add("jump", article.jump_line), class_="jump", role="note")
        self.marker(el, chapter, self.markers.at_end.get(a, []))
        return title

    def header(self, el: etree._Element, article: Article, ident: str, fallback: str) -> str:
        """The headline group; the h2 borrows subheadline or kicker when there is no
        headline, as printed. Returns the article's name for the contents: its
        `head_title` (a 副题 without the dash that hung it from the missing 主题)."""
        header = _el(el, "header")
        kicker, sub = article.kicker, article.subheadline
        if article.headline:
            title, cls = article.headline, None
        elif sub:
            title, sub, cls = sub, None, None
        elif kicker:
            title, kicker, cls = kicker, None, None
        else:
            title, cls = _untitled(article, fallback), "untitled"
        if kicker:
            _el(header, "p", self.log.add("kicker", kicker), class_="kicker")
        h2 = _el(header, "h2", self.log.add("headline", title), id=f"{ident}-h")
        if cls:
            h2.set("class", cls)
        if sub:
            _el(header, "p", self.log.add("subheadline", sub), class_="subheadline")
        if article.byline:
            _el(header, "p", self.log.add("byline", article.byline), class_="byline")
        return clean(article.head_title or title)

    def footer(self, section: etree._Element, page: Page) -> None:
        """The page's footer, as the spec's footer template prints it (the 第N版 the PDF
        adds is the page-list's)."""
        text = fill_template(self.footer_template, template_values(self.issue, page))
        if text:
            _el(_el(section, "footer", None, class_="page-footer"), "p", self.log.add("footer", text))


def _untitled(article: Article, fallback: str) -> str:
    """A heading for an article printed without one: its opening words, else its place."""
    return clean(article.opening_words or "") or fallback


NAV_TITLE = "目录"  # as the other words the nav adds, written in the book's script (`Script.word`)


def nav_texts(chapters: Sequence[Chapter], lang: str) -> dict[str, str]:
    """What the nav sets in each style: its heading, and the entries in body text."""
    entries = "".join(ch.heading + "".join(name for _i, name in ch.articles) for ch in chapters)
    return {"running_head": script_of(lang).word(NAV_TITLE), "body": entries}


def nav_document(chapters: Sequence[Chapter], lang: str, title: str, log: TextLog) -> bytes:
    """nav.xhtml: two-level toc (pages -> articles), landmarks, and the print page-list."""
    word = script_of(lang).word
    root, body = new_document(title, lang, stylesheet=False)
    _el(root.find(f"{{{XHTML}}}head"), "link", rel="stylesheet", type="text/css", href=NAV_STYLESHEET)
    toc = _el(body, "nav", None, id="toc", role="doc-toc")
    toc.set(ETYPE, "toc")
    _el(toc, "h1", log.add("running_head", word(NAV_TITLE)))  # the stylesheet's h1 rule applies
    ol = _el(toc, "ol")
    for ch in chapters:
        li = _el(ol, "li")
        _el(li, "a", log.add("body", ch.heading), href=ch.file_name)
        if ch.articles:
            sub = _el(li, "ol")
            for ident, name in ch.articles:
                _el(_el(sub, "li"), "a", log.add("body", name), href=f"{ch.file_name}#{ident}")
    marks = _el(body, "nav", None, hidden="hidden", aria_label=word("导览"))
    marks.set(ETYPE, "landmarks")
    ol = _el(marks, "ol")
    for kind, href, label in (("cover", COVER_FILE, "封面"), ("toc", f"{NAV_FILE}#toc", NAV_TITLE),
                              ("bodymatter", chapters[0].file_name, "正文")):
        _el(_el(ol, "li"), "a", word(label), href=href).set(ETYPE, kind)
    plist = _el(body, "nav", None, hidden="hidden", role="doc-pagelist",
                aria_label=word("印刷版页码"))
    plist.set(ETYPE, "page-list")
    ol = _el(plist, "ol")
    targets = sorted((n, ch.file_name, ident) for ch in chapters for n, ident in ch.page_ids)
    for n, file_name, ident in targets:
        _el(_el(ol, "li"), "a", str(n), href=f"{file_name}#{ident}")
    if not targets:  # an empty ol is invalid; cannot happen with at least one page
        plist.getparent().remove(plist)
    return serialise(root)


def cover_document(lang: str, title: str, alt: str, log: TextLog) -> bytes:
    """cover.xhtml: the cover image, and the title under it as text.

    The title line is hidden from assistive technology (the image's alt says it), but
    it gives readers that skip text-less documents something to show and index.
    """
    root, body = new_document(title, lang, stylesheet=False)
    head = root.find(f"{{{XHTML}}}head")
    _el(head, "link", rel="stylesheet", type="text/css", href=COVER_STYLESHEET)
    body.set("class", "cover")
    body.set(ETYPE, "cover")
    div = _el(body, "div", None, class_="cover")
    _el(div, "img", None, src="images/cover.svg", alt=alt, role="doc-cover")
    _el(div, "p", log.add("masthead_ear", title), class_="cover-title", aria_hidden="true")
    return serialise(root)
