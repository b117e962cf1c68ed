"""Drawn pages -> one PDF file. No layout decisions here.

In: pages, any iterable of them (a generator is used page by page as it yields):
`DrawnPage`s, already drawn (`pdf_content`, possibly in another process), or
`PlacedPage`s, drawn here; and the `FontSet` whose faces the runs name. Out: one PDF
with each face used embedded once, as a subset (`pdf_fonts`); an outline from the
pages' bookmarks (版, then its articles); a structure tree of the articles (a tagged
PDF, `_Structure`); title, author, subject, the issue's date and the language (Info
dictionary and XMP); and page labels where the printed numbers are not 1, 2, 3… (an
export of `--pages 3-4` shows its pages as 3 and 4 in a viewer).
Nothing in it depends on the time, so two exports of the same input are
byte-identical. It is written to a temporary file in the target directory, then
`os.replace`d: a failed export never leaves a half-written PDF behind.

Memory stays flat in the number of pages: a page's content stream arrives
compressed and goes to the file at once (`pdf_file`); what is kept of a page is its
object number, its bookmarks and the characters it used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence, Sized
from pathlib import Path
from typing import NamedTuple

from layout.fileio import atomic_output
from layout.fonts import FontSet
from layout.render.pdf_content import DrawnPage, GlyphCodes, draw_page
from layout.render.pdf_file import Name, PdfFile, Raw, Ref
from layout.render.pdf_fonts import embed_fonts
from layout.typeset.placed import Bookmark, Link, PlacedPage


def render_pdf(pages: Iterable[PlacedPage | DrawnPage], path: Path, *, fonts: FontSet,
               title: str, author: str | None = None, subject: str | None = None,
               lang: str = "zh-CN", date: str | None = None,
               progress: Callable[[int, int | None], None] | None = None,
               total: int | None = None) -> None:
    """Write `pages` as the PDF file `path` (replaced atomically).

    `date` (the issue's, YYYY-MM-DD) goes in the XMP metadata as the date of the
    content; no date of the file's own making is written, so exports stay identical.
    `pages` may be a generator: it is consumed once, each page added and dropped.
    `progress(done, total)` is called after each page, for a progress bar on long
    issues; `total` is the `total` given here, else `len(pages)` when `pages` has a
    length, else None (unknown).
    """
    if total is None and isinstance(pages, Sized):
        total = len(pages)
    codes = GlyphCodes(fonts)
    drawn = (p if isinstance(p, DrawnPage) else draw_page(p, codes) for p in pages)
    with atomic_output(Path(path)) as tmp, open(tmp, "wb") as out:
        document = _Document(PdfFile(out))
        for done, page in enumerate(drawn, 1):
            document.add(page)
            if progress is not None:
                progress(done, total)
        document.finish(fonts, title=title, author=author, subject=subject, lang=lang,
                        date=date)


class _Document:
    """The PDF as its pages go to the file: what is kept of each page (its object, its
    label, bookmarks, anchors and links, the characters it drew) to write, at the end,
    what refers to all pages: fonts, page tree, labels, outline, links, metadata."""

    def __init__(self, pdf: PdfFile) -> None:
        self.pdf = pdf
        self.tree, self.resources = pdf.reserve(), pdf.reserve()  # every page names both
        self.kids: list[Ref] = []
        self.labels: list[tuple[int, int]] = []  # (page index, printed number) where a run starts
        self.marks: list[_Mark] = []
        self.anchors: dict[str, list[object]] = {}  # name -> its destination
        # (Annots, height, links, each link's annotation, its StructParent key or None)
        self.links: list[tuple[Ref, float, tuple[Link, ...], list[Ref], list[int | None]]] = []
        self.used: dict[str, set[str]] = {}  # face -> the characters drawn from it
        self.previous = 0  # the printed number of the page added last
        self.structure: _Structure | None = None  # made with the first page that has stories

    def add(self, page: DrawnPage) -> None:
        """Write the page and its content stream now (the page goes once added)."""
        if page.number != self.previous + 1:  # a viewer shows the 版 number, not the index
            self.labels.append((len(self.kids), page.number))
        self.previous = page.number
        annots = self.pdf.reserve() if page.links else None  # written once all pages are
        link_annotations = [self.pdf.reserve() for _ in page.links]
        contents = self.pdf.add_stream(page.content, {"Filter": Name("FlateDecode")})
        entries: dict[str, object] = {"Type": Name("Page"), "Parent": self.tree,
                                      "MediaBox": [0, 0, page.width, page.height],
                                      "Resources": {"Font": self.resources},
                                      "Contents": contents}
        ref = self.pdf.reserve()
        parents: list[int | None] = [None] * len(link_annotations)
        if page.stories:  # its elements, and its key in the structure tree's ParentTree
            self.structure = self.structure or _Structure(self.pdf)
            entries["StructParents"], parents = self.structure.add_page(
                ref, page.stories, page.link_mcids, link_annotations)
            entries["Tabs"] = Name("S")  # links in the order of the structure
        if annots is not None:
            entries["Annots"] = annots
            self.links.append((annots, page.height, page.links, link_annotations, parents))
        self.pdf.add(entries, ref)
        self.kids.append(ref)
        self.marks.extend(_Mark(bm, ref, page.height) for bm in page.bookmarks)
        self.anchors.update((name, [ref, Name("XYZ"), 0, page.height - y, 0])
                            for name, y in page.anchors)
        for face, chars in page.used:
            self.used.setdefault(face, set()).update(chars)

    def finish(self, fonts: FontSet, *, title: str, author: str | None,
               subject: str | None, lang: str, date: str | None) -> None:
        pdf = self.pdf
        if not self.kids:  # a PDF has at least one page: an empty document is a blank A4 sheet
            self.kids.append(pdf.add({"Type": Name("Page"), "Parent": self.tree,
                                      "MediaBox": [0, 0, 595, 842], "Resources": {}}))
        for annots, height, links, refs, parents in self.links:
            for link, ref, parent in zip(links, refs, parents):
                pdf.add(_link_annotation(link, height, self.anchors.get(link.anchor), parent), ref)
            pdf.add(refs, annots)
        pdf.add(embed_fonts(pdf, fonts, self.used), self.resources)
        pdf.add({"Type": Name("Pages"), "Kids": self.kids, "Count": len(self.kids)}, self.tree)
        # a viewer's title bar shows the title, not the file's name (PDF/UA,
        # ISO 14289-1 §7.1; WCAG technique PDF18)
        catalog: dict[str, object] = {"Type": Name("Catalog"), "Pages": self.tree, "Lang": lang,
                                      "ViewerPreferences": {"DisplayDocTitle": True}}
        if self.labels:  # the number tree starts at the first page (§12.4.2)
            starts = self.labels if self.labels[0][0] == 0 else [(0, 1), *self.labels]
            catalog["PageLabels"] = {"Nums": [item for index, number in starts for item in
                                              (index, {"S": Name("D"), "St": number})]}
        if self.marks:
            catalog["Outlines"] = _outline(pdf, self.marks)
            catalog["PageMode"] = Name("UseOutlines")
        if self.structure is not None:
            catalog["StructTreeRoot"] = self.structure.finish()
            catalog["MarkInfo"] = {"Marked": True}
        info = pdf.add({"Title": title, "Author": author or "", "Subject": subject or "",
                        "Creator": CREATOR, "Producer": PRODUCER})
        catalog["Metadata"] = pdf.add_stream(
            xmp_packet(title, author, subject, lang, date).encode("utf-8", "ignore"),
            {"Type": Name("Metadata"), "Subtype": Name("XML")})
        pdf.close(pdf.add(catalog), info)


class _Structure:
    """The structure tree (PDF 32000-1 §14.7), written as pages come: a Document of
    the issue's articles (`Art`, titled, in the issue's order), each holding in reading
    order its headline (`H1`), subheads (`H2`), and the other texts of its head, its
    paragraphs, credit and jump lines (`P`). A paragraph that goes on in the next
    column is one element of both columns' sequences; one that goes on on a later page
    is an element there too. Screen readers and reflowing viewers read the articles in
    this order, column after column, rather than across the page; the furniture is
    marked as artifact.

    A page's elements are written with the page (as text: a page has ~60, and writing
    them all at the end was a serial tail after the typesetting worker had finished);
    what is kept is each article's element numbers and each page's, for the ParentTree.
    """

    def __init__(self, pdf: PdfFile) -> None:
        self.pdf = pdf
        self.root, self.document = pdf.reserve(), pdf.reserve()
        self.articles: dict[int, tuple[Ref, str, list[int]]] = {}  # article -> (Art, title, elements)
        self.parents: list[str] = []  # the ParentTree: each page's key and its MCIDs' elements

    def add_page(self, page: Ref, stories: tuple[tuple[int, str, str, int], ...],
                 link_mcids: Sequence[int], annotations: Sequence[Ref]
                 ) -> tuple[int, list[int | None]]:
        """Write the page's elements; returns its key in the ParentTree (StructParents)
        and each link annotation's (None for a link whose line is in no story). A
        linked line (the MCID in `link_mcids` of the annotation in `annotations`) is a
        `Link` element of the line's marked content and the annotation, in its `P`."""
        pdf = self.pdf
        links = {mcid: ref for mcid, ref in zip(link_mcids, annotations) if mcid >= 0}
        parts: list[_Part] = []  # the page's elements, in reading order
        owners: list[int] = []  # the element of each MCID
        for mcid, (article, title, kind, block) in enumerate(stories):
            last = parts[-1] if parts else None
            # a paragraph running on from the column before is the same element
            runs_on = (last is not None and kind == last.kind == "P" and block >= 0
                       and (article, block) == (last.article, last.block))
            if not runs_on:
                if article not in self.articles:
                    self.articles[article] = (pdf.reserve(), title, [])
                parts.append(_Part(article, kind, block, pdf.reserve(), []))
                self.articles[article][2].append(parts[-1].ref.number)
            parts[-1].mcids.append(mcid)
            owners.append(parts[-1].ref.number)
        tagged: dict[int, Ref] = {}  # linked MCID -> its Link element
        for part in parts:
            kids = []
            for mcid in part.mcids:
                if mcid in links:
                    tagged[mcid] = element = pdf.reserve()
                    pdf.add(Raw(f"<< /Type /StructElem /S /Link /P {part.ref.number} 0 R "
                                f"/Pg {page.number} 0 R /K [{mcid} << /Type /OBJR /Obj "
                                f"{links[mcid].number} 0 R /Pg {page.number} 0 R >>] >>"), element)
                    owners[mcid] = element.number
                    kids.append(f"{element.number} 0 R")
                else:
                    kids.append(str(mcid))
            k = kids[0] if len(kids) == 1 else f"[{' '.join(kids)}]"
            pdf.add(Raw(f"<< /Type /StructElem /S /{part.kind} /P {self.articles[part.article][0].number} 0 R "
                        f"/Pg {page.number} 0 R /K {k} >>"), part.ref)
        key = len(self.parents)
        self.parents.append(f"{key} [{' '.join(f'{n} 0 R' for n in owners)}]")
        keys: dict[int, int] = {}
        for mcid, element in tagged.items():  # an annotation's own key: its Link element
            keys[mcid] = len(self.parents)
            self.parents.append(f"{keys[mcid]} {element.number} 0 R")
        return key, [keys.get(mcid) for mcid in link_mcids]

    def finish(self) -> Ref:
        """Write the articles, the Document and the root; returns the root."""
        pdf, order = self.pdf, sorted(self.articles)
        for art, title, elements in (self.articles[a] for a in order):
            pdf.add({"Type": Name("StructElem"), "S": Name("Art"), "P": self.document, "T": title,
                     "K": Raw(f"[{' '.join(f'{n} 0 R' for n in elements)}]")}, art)
        pdf.add({"Type": Name("StructElem"), "S": Name("Document"), "P": self.root,
                 "K": [self.articles[a][0] for a in order]}, self.document)
        return pdf.add({"Type": Name("StructTreeRoot"), "K": self.document,
                        "ParentTree": {"Nums": Raw(f"[{' '.join(self.parents)}]")},
                        "ParentTreeNextKey": len(self.parents)}, self.root)


class _Part(NamedTuple):
    """One element of an article on a page: its structure type, the body block it
    sets (-1: a head text, a credit or jump line), its object and its MCIDs there."""

    article: int
    kind: str
    block: int
    ref: Ref
    mcids: list[int]


CREATOR, PRODUCER = "layout", "cjk-newspaper-layout"
# the characters XML 1.0 cannot hold, but surrogates (dropped as the packet is encoded):
# a table for str.translate, as a regex of them costs ~8 ms to compile
_NOT_XML = dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])


def xmp_packet(title: str, author: str | None, subject: str | None, lang: str,
               date: str | None) -> str:
    """The document's XMP metadata (ISO 16684-1), saying what the Info dictionary says,
    plus the issue's date (dc:date) and its language. Left uncompressed, so tools that
    scan a file for its packet find it."""
    def esc(text: str) -> str:  # and without what XML 1.0 cannot hold (controls)
        text = text.translate(_NOT_XML)
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def entry(tag: str, kind: str, text: str | None) -> str:
        if not text:
            return ""
        item = (f'<rdf:li xml:lang="x-default">{esc(text)}</rdf:li>' if kind == "Alt"
                else f"<rdf:li>{esc(text)}</rdf:li>")
        return f"<dc:{tag}><rdf:{kind}>{item}</rdf:{kind}></dc:{tag}>\n"

    fields = "".join([entry("title", "Alt", title), entry("creator", "Seq", author),
                      entry("description", "Alt", subject), entry("date", "Seq", date),
                      entry("language", "Bag", lang), "<dc:format>application/pdf</dc:format>\n"])
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
            f"{fields}<pdf:Producer>{PRODUCER}</pdf:Producer>\n"
            f"<xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>\n"
            "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
            '<?xpacket end="r"?>')


def page_drawer(fonts: FontSet) -> Callable[[PlacedPage], DrawnPage]:
    """A function that draws pages (in any process) for `render_pdf` to assemble."""
    codes = GlyphCodes(fonts)
    return lambda page: draw_page(page, codes)


def _link_annotation(link: Link, height: float, destination: list[object] | None,
                     struct_parent: int | None = None) -> dict[str, object]:
    """A jump line's link (§12.5.6.5), borderless; to the part of the article on the
    page it names, or to nothing when that page is not in this file (`--pages`). Its
    `Contents` is the line's text, what a screen reader says of the link;
    `struct_parent` its key in the ParentTree (its `Link` element)."""
    annotation: dict[str, object] = {
        "Type": Name("Annot"), "Subtype": Name("Link"), "Border": [0, 0, 0],
        "Rect": [link.x0, height - link.bottom, link.x1, height - link.top]}
    if link.text:
        annotation["Contents"] = link.text
    if struct_parent is not None:
        annotation["StructParent"] = struct_parent
    if destination is not None:
        annotation["Dest"] = destination
    return annotation


class _Mark(NamedTuple):
    """A bookmark and where it points: its page's object and height (PDF's y is up)."""

    bookmark: Bookmark
    page: Ref
    height: float


def _outline(pdf: PdfFile, marks: list[_Mark]) -> Ref:
    """The outline (§12.3.3) of `marks` in order, each under the last one a level up:
    pages (level 0) open, their articles' entries below them."""
    root = pdf.reserve()
    refs = [pdf.reserve() for _ in marks]
    parents: list[Ref] = []
    places: list[int] = []  # each entry's index among its siblings
    children: dict[Ref, list[int]] = {root: []}
    stack: list[tuple[int, Ref]] = []  # (level, entry) of the open branch
    for i, mark in enumerate(marks):
        while stack and stack[-1][0] >= mark.bookmark.level:
            stack.pop()
        parent = stack[-1][1] if stack else root
        parents.append(parent)
        places.append(len(children[parent]))
        children[parent].append(i)
        children[refs[i]] = []
        stack.append((mark.bookmark.level, refs[i]))

    def visible(ref: Ref) -> int:  # entries shown under an open one (§12.3.3, Count)
        return sum(1 + (visible(refs[k]) if marks[k].bookmark.level == 0 else 0)
                   for k in children[ref])

    for i, mark in enumerate(marks):
        siblings, at = children[parents[i]], places[i]
        entry: dict[str, object] = {
            "Title": mark.bookmark.title, "Parent": parents[i],
            "Dest": [mark.page, Name("XYZ"), 0, mark.height - mark.bookmark.y, 0]}
        if at > 0:
            entry["Prev"] = refs[siblings[at - 1]]
        if at + 1 < len(siblings):
            entry["Next"] = refs[siblings[at + 1]]
        if children[refs[i]]:
            entry["First"], entry["Last"] = refs[children[refs[i]][0]], refs[children[refs[i]][-1]]
            count = visible(refs[i]) if mark.bookmark.level == 0 else len(children[refs[i]])
            entry["Count"] = count if mark.bookmark.level == 0 else -count  # articles closed
        pdf.add(entry, refs[i])
    top = children[root]
    pdf.add({"Type": Name("Outlines"), "First": refs[top[0]], "Last": refs[top[-1]],
             "Count": visible(root)}, root)
    return root
