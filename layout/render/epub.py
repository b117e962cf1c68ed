"""Issue -> reflowable EPUB 3. The only module that uses ebooklib.

In: the issue document (not the typeset pages: an EPUB reflows, as Typst's HTML
export starts before layout), the spec (styles, `epub.vertical`, `epub.embed_fonts`),
a font source, and where the print pages break. Out: one EPUB 3 file with

- one XHTML per page section (第1版 要闻), an `<article>` per article (`epub_xhtml`);
- our own nav.xhtml: a two-level toc (pages -> articles), landmarks and a page-list
  whose `pagebreak` markers sit where the print edition breaks; plus an NCX for EPUB 2
  readers (ebooklib's own nav lists any element with an id as a page, so it is unused);
- SVG cover and masthead drawn as outlines from the paper's name and date (`epub_cover`);
- a stylesheet derived from the spec (`epub_css`) and subsets (TrueType, or WOFF2 by
  `epub.font_format`) of the faces each role reaches, holding only the characters
  shown, with their OFL licences (`epub_fonts`);
- package metadata incl. EPUB Accessibility 1.1 and a stable uuid5 identifier (`epub_meta`).

ebooklib writes the package into memory (`raise_exceptions`, `mtime` fixed to the
issue date); `epub_zip` repacks it with fixed timestamps so reruns are byte-identical;
the bytes reach `path` through `atomic_output` (a failed export leaves no half file).
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from pathlib import Path

import yaml
from ebooklib import epub
from lxml import etree

from layout.fileio import atomic_output
from layout.model import Issue
from layout.render import epub_cover, epub_css, epub_fonts, epub_xhtml
from layout.render.epub_fonts import EmbeddedFace, FontSourceLike
from layout.render.epub_meta import BookMeta, build_meta
from layout.render.epub_xhtml import (COVER_FILE, COVER_STYLESHEET, NAV_FILE, NAV_STYLESHEET, STYLESHEET,
                                      Chapter, TextLog)
from layout.render.epub_zip import repack
from layout.script import script_of
from layout.spec.schema import Spec
from layout.spec.template import rewording
from layout.typeset.placed import PageBreak

__all__ = ["FontSourceLike", "render_epub", "build_epub"]

_XHTML = "application/xhtml+xml"
_FONT_TYPES = {"ttf": "font/ttf", "woff2": "font/woff2"}  # EPUB 3.3 core media types
_LICENCE_FALLBACK = Path("/usr/share/doc/fonts-noto-cjk/copyright")
_LICENCE_NAME = re.compile(r"(?i)(ofl|licen[cs]e|copying)[^/]*$")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FontLicenceWarning(UserWarning):
    """A font embedded without its licence text (none found beside the font file)."""


class _Writer(epub.EpubWriter):
    """ebooklib's writer, plus xml:lang on <package> (ebooklib sets only dc:language)."""

    def __init__(self, name: object, book: epub.EpubBook, options: dict, lang: str) -> None:
        super().__init__(name, book, options)
        self._lang = lang

    def _write_opf_file(self, root: etree._Element) -> None:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", self._lang)
        super()._write_opf_file(root)


def render_epub(issue: Issue, spec: Spec, path: Path, *, fonts: FontSourceLike | None,
                page_breaks: Sequence[PageBreak] | None = None, workers: int | None = None) -> None:
    """Write `issue` as an EPUB 3 file at `path` (replaced atomically).

    `fonts=None` or `spec.epub.embed_fonts=False` embeds no fonts (the CSS then names
    generic CJK families). `page_breaks` (from the PDF pagination) places the print page
    markers; None starts a print page at each document page. Characters no font draws
    are reported with `FontCoverageWarning`; any other failure raises. `workers`: the
    processes the font subsets not cached may be made in (None: one per core).
    """
    data = build_epub(issue, spec, fonts=fonts, page_breaks=page_breaks, workers=workers)
    with atomic_output(Path(path)) as tmp:
        tmp.write_bytes(data)


def build_epub(issue: Issue, spec: Spec, *, fonts: FontSourceLike | None,
               page_breaks: Sequence[PageBreak] | None = None, workers: int | None = None) -> bytes:
    """The EPUB file's bytes (what `render_epub` writes)."""
    if not spec.epub.embed_fonts:
        fonts = None
    meta = build_meta(issue, has_cover=True)
    log = TextLog()
    markers = epub_xhtml.place_breaks(issue, page_breaks)
    masthead_alt = epub_cover.alt_text(issue, spec)
    reword = rewording(spec, script_of(meta.language))  # the furniture in the book's script
    chapters = epub_xhtml.ChapterBuilder(issue, meta.language, markers, log, masthead_alt,
                                         reword(spec.footer.template), reword).build()
    nav = epub_xhtml.nav_document(chapters, meta.language, meta.title, log)
    cover = epub_xhtml.cover_document(meta.language, meta.title, epub_cover.cover_alt(issue, spec, meta.language), log)
    faces: list[EmbeddedFace] = []
    stacks = None
    if fonts is not None:
        used = epub_fonts.chars_by_role(log.texts, spec)
        by_face, roles = epub_fonts.assign_faces(used, fonts)
        faces = epub_fonts.embed_faces(by_face, fonts, workers=workers,
                                       font_format=spec.epub.font_format)
        stacks = epub_fonts.role_stacks(roles, spec, faces, getattr(fonts, "chains", None))
    css = epub_css.build_css(spec, faces, stacks, vertical=spec.epub.vertical)
    nav_families = {f for key, text in epub_xhtml.nav_texts(chapters, meta.language).items()
                    for f in epub_css.reached_families(faces, stacks, spec.styles[key].role, text)}
    nav_css = epub_css.build_css(spec, faces, stacks, vertical=spec.epub.vertical,
                                 declared=nav_families)
    cover_css = epub_css.build_cover_css(spec, faces, stacks, set(meta.title))
    book = _book(meta, spec)
    _add_items(book, chapters, nav, cover, css, faces)
    book.add_item(_item("cover-css", COVER_STYLESHEET, "text/css", cover_css.encode("utf-8")))
    book.add_item(_item("nav-css", NAV_STYLESHEET, "text/css", nav_css.encode("utf-8")))
    _add_pictures(book, issue, spec, fonts)
    buf = io.BytesIO()
    writer = _Writer(buf, book, {"raise_exceptions": True, "mtime": meta.modified,
                                 "epub2_guide": False, "compresslevel": 9}, meta.language)
    writer.process()
    writer.write()
    return repack(buf.getvalue(), meta.modified)


def _book(meta: BookMeta, spec: Spec) -> epub.EpubBook:
    """The package metadata: Dublin Core, dcterms:modified (via mtime), accessibility."""
    book = epub.EpubBook()
    book.metadata = {}  # drop ebooklib's generator meta: output does not name a library version
    book.set_identifier(meta.identifier)
    book.set_title(meta.title)
    book.set_language(meta.language)
    if meta.publisher:
        book.add_metadata("DC", "publisher", meta.publisher)
    if meta.date:
        book.add_metadata("DC", "date", meta.date)
    book.add_metadata("DC", "source", meta.source, {"id": "src"})
    book.add_metadata(None, "meta", "pagination", {"refines": "#src", "property": "source-of"})
    for prop, values in (
        ("schema:accessMode", ("textual", "visual")),
        ("schema:accessModeSufficient", ("textual",)),
        ("schema:accessibilityFeature", ("structuralNavigation", "tableOfContents",
                                         "printPageNumbers", "readingOrder", "alternativeText")),
        ("schema:accessibilityHazard", ("none",)),
        ("schema:accessibilitySummary", (meta.summary,)),
    ):
        for value in values:
            book.add_metadata(None, "meta", value, {"property": prop})
    if spec.epub.vertical:
        book.direction = "rtl"  # spine page-progression-direction (竖排 pages turn leftwards)
    return book


def _item(uid: str, file_name: str, media_type: str, content: bytes,
          properties: Sequence[str] = ()) -> epub.EpubItem:
    item = epub.EpubItem(uid=uid, file_name=file_name, media_type=media_type, content=content)
    item.properties = list(properties)
    return item


def _add_items(book: epub.EpubBook, chapters: Sequence[Chapter], nav: bytes, cover: bytes,
               css: str, faces: Sequence[EmbeddedFace]) -> None:
    """Content documents, nav, NCX, stylesheet and fonts, and the spine order."""
    cover_item = _item("cover", COVER_FILE, _XHTML, cover)
    nav_item = _item("nav", NAV_FILE, _XHTML, nav, ["nav"])
    page_items = [_item(f"page{i + 1:02d}", ch.file_name, _XHTML, ch.content)
                  for i, ch in enumerate(chapters)]
    for item in (cover_item, nav_item, *page_items):
        book.add_item(item)
    book.add_item(_item("css", STYLESHEET, "text/css", css.encode("utf-8")))
    licences: dict[str, bytes] = {}
    for face in faces:
        book.add_item(_item(f"font-{face.face}", face.file_name,
                            _FONT_TYPES[face.file_name.rsplit(".", 1)[1]], face.data))
        found = _licence(face.path)
        if found is None:
            warnings.warn(f"epub: no licence text beside {face.path} (OFL*.txt, LICENSE*, COPYING*): "
                          "its subset is embedded without one; put the font's licence file beside it",
                          FontLicenceWarning, stacklevel=2)
        else:
            licences.setdefault(*found)
    for name, text in sorted(licences.items()):
        book.add_item(_item(f"licence-{Path(name).stem}", f"fonts/{name}", "text/plain", text))
    book.add_item(epub.EpubNcx())
    book.toc = [(epub.Section(ch.heading, ch.file_name),
                 [epub.Link(f"{ch.file_name}#{ident}", title, ident) for ident, title in ch.articles])
                if ch.articles else epub.Link(ch.file_name, ch.heading, f"s-{ch.file_name[:-6]}")
                for ch in chapters]
    book.spine = [cover_item, nav_item, *page_items]


def _add_pictures(book: epub.EpubBook, issue: Issue, spec: Spec, fonts: FontSourceLike | None
                  ) -> None:
    book.add_item(_item("cover-image", "images/cover.svg", "image/svg+xml",
                        epub_cover.cover_svg(issue, spec, fonts), ["cover-image"]))
    book.add_item(_item("masthead", "images/masthead.svg", "image/svg+xml",
                        epub_cover.masthead_svg(issue, spec, fonts)))


def _licence(font: Path) -> tuple[str, bytes] | None:
    """The licence text beside `font`: the one the folder's manifest names for it
    (fonts/fonts.yaml), else an `OFL*.txt` whose name matches the font's, else the
    folder's only licence-like file (OFL*, LICENSE*, LICENCE*, COPYING*); None when
    there is none. Debian's Noto CJK copyright file stands in only for a Noto face:
    another face must never travel with a licence that is not its own."""
    folder = font.parent
    manifest = folder / "fonts.yaml"
    if manifest.is_file():
        faces = (yaml.load(manifest.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}).get("faces", {})
        for spec in faces.values():
            named = folder / str(spec.get("licence_file") or "")
            if spec.get("file") == font.name and named.is_file() and spec.get("licence_file"):
                return named.name, named.read_bytes()
    candidates = sorted(p for p in folder.iterdir() if p.is_file() and _LICENCE_NAME.match(p.name))
    stem = font.stem.lower()
    for path in candidates:
        key = path.stem.lower().removeprefix("ofl-").removeprefix("ofl")
        if path.name.lower().startswith("ofl") and key and (key in stem or stem.startswith(key[:4])):
            return path.name, path.read_bytes()
    if len(candidates) == 1:
        return candidates[0].name, candidates[0].read_bytes()
    if font.stem.startswith("Noto") and _LICENCE_FALLBACK.is_file():
        return "OFL-NotoCJK.txt", _LICENCE_FALLBACK.read_bytes()
    return None
