"""Embedded fonts: per face, the subset's cmap is exactly the characters its roles show.

The expected sets are computed independently of the exporter: from the XHTML text
nodes, each attributed to the spec style of its nearest styled ancestor (the CSS
selectors), mapped to a role and through `FontSet.face_for` to a face.
"""

from __future__ import annotations

import re

import pytest
from test_epub_support import NS, Book, long_issue, small_issue

from layout.fonts import load_fontset
from layout.model import Article, Issue, IssueInfo, Page, Paper, Paragraph
from layout.render.epub import build_epub
from layout.render.epub_fonts import FontCoverageWarning, cmap_chars
from layout.spec.schema import EpubSpec, FontFormat, Spec

# (tag, class) of styled elements -> spec style; everything else is body text
STYLED = {("h1", None): "running_head", ("h2", None): "headline", ("h2", "untitled"): "headline",
          ("h3", None): "subhead", ("p", "kicker"): "kicker", ("p", "subheadline"): "subheadline",
          ("p", "byline"): "byline", ("span", "dateline"): "dateline", ("p", "jump"): "jump",
          ("p", "credit"): "credit", ("p", "ear"): "masthead_ear"}


@pytest.fixture(scope="module")
def fs():
    return load_fontset()


@pytest.fixture(scope="module", autouse=True)
def font_cache(tmp_path_factory):
    """A private subset cache: the test proves subsetting, not a stale cache."""
    mp = pytest.MonkeyPatch()
    mp.setenv("LAYOUT_CACHE_DIR", str(tmp_path_factory.mktemp("epub-font-cache")))
    yield
    mp.undo()


def _style_of(el) -> str:
    while el is not None:
        tag = el.tag.split("}")[-1]
        key = (tag, el.get("class"))
        if key in STYLED:
            return STYLED[key]
        if tag == "footer":
            return "footer"
        el = el.getparent()
    return "body"


def shown_by_face(book: Book, spec: Spec, fs, only: str | None = None) -> dict[str, set[str]]:
    """face -> characters the spine documents (or only the document `only`) show in it
    (per `face_for`)."""
    out: dict[str, set[str]] = {}
    for href in [only] if only else book.spine():
        doc = book.xml("EPUB/" + href)
        for body in doc.xpath("//h:body", namespaces=NS):
            for node in body.xpath(".//text()[not(ancestor::*[@hidden])]", namespaces=NS):
                holder = node.getparent()  # a tail belongs to the element's parent
                role = spec.styles[_style_of(holder.getparent() if node.is_tail else holder)].role
                for ch in str(node):
                    if ch in "\t\n\r":
                        continue
                    out.setdefault(fs.face_for(ch, role), set()).add(ch)
    return out


# each format: its files' suffix and first bytes, and the media type the OPF gives them
FORMATS = {FontFormat.TTF: (".ttf", b"\x00\x01\x00\x00", "font/ttf"),
           FontFormat.WOFF2: (".woff2", b"wOF2", "font/woff2")}


@pytest.mark.parametrize("font_format", list(FORMATS))
@pytest.mark.parametrize("make", [small_issue, long_issue], ids=["small", "long"])
def test_fonts_hold_exactly_the_characters_shown(make, font_format, fs):
    spec = Spec(epub=EpubSpec(font_format=font_format))
    suffix, magic, media_type = FORMATS[font_format]
    book = Book.read(build_epub(make(), spec, fonts=fs))
    expected = shown_by_face(book, spec, fs)
    fonts = {n[len("EPUB/fonts/"):-len(suffix)]: data for n, data in book.files.items()
             if n.startswith("EPUB/fonts/") and n.endswith(suffix)}
    others = (".ttf", ".otf", ".woff", ".woff2")
    assert not [n for n in book.files if n.endswith(others) and not n.endswith(suffix)]
    assert set(fonts) == set(expected)  # one subset per face reached, nothing else
    for face, data in fonts.items():
        assert data[:4] == magic
        assert cmap_chars(data) == expected[face], face
    css = book.files["EPUB/style.css"].decode()
    for face in fonts:
        assert f'src: url(fonts/{face}{suffix})' in css
    items = book.opf.xpath("//opf:item[starts-with(@href, 'fonts/') and not(starts-with(@href, 'fonts/OFL'))]",
                           namespaces=NS)
    assert len(items) == len(fonts) and {i.get("media-type") for i in items} == {media_type}
    # the OFL licence travels with the fonts, as a non-spine item
    manifest = book.opf.xpath("//opf:item[starts-with(@href, 'fonts/OFL')]", namespaces=NS)
    assert manifest and all(i.get("media-type") == "text/plain" for i in manifest)
    assert all(b"SIL OPEN FONT LICENSE" in book.files["EPUB/" + i.get("href")].upper()
               for i in manifest)
    assert not set(i.get("id") for i in manifest) & set(
        book.opf.xpath("//opf:itemref/@idref", namespaces=NS))


def test_the_nav_declares_only_the_faces_its_text_uses(fs):
    """A declared face no text reaches stays unloaded: readers and checkers report it."""
    spec = Spec()
    book = Book.read(build_epub(small_issue(), spec, fonts=fs))
    (nav,) = [href for href in book.spine() if href.startswith("nav")]
    def declared_in(css: str) -> set[str]:
        return set(re.findall(r"src: url\(fonts/([^)]+)\.ttf\)", book.files["EPUB/" + css].decode()))

    declared = declared_in("nav.css")
    assert declared == set(shown_by_face(book, spec, fs, only=nav))
    everything = declared_in("style.css")
    assert declared < everything  # the pages' stylesheet still declares every face
    assert 'href="nav.css"' in book.files["EPUB/" + nav].decode()


def test_kai_and_bold_roles_use_their_faces(fs):
    book = Book.read(build_epub(small_issue(), Spec(), fonts=fs))
    css = book.files["EPUB/style.css"].decode()
    byline = re.search(r"^p\.byline \{ font-family: \"([^\"]+)\"", css, re.M).group(1)
    headline = re.search(r"^h2 \{ font-family: \"([^\"]+)\"[^}]*font-weight: (\d+)", css, re.M)
    assert byline == "ep-" + fs.chains["kai"][0]
    assert headline.group(1) == "ep-" + fs.chains["song-bold"][0] and headline.group(2) == "700"


def test_embed_fonts_false_embeds_none(fs):
    book = Book.read(build_epub(small_issue(), Spec(epub=EpubSpec(embed_fonts=False)), fonts=fs))
    assert not [n for n in book.files if n.startswith("EPUB/fonts/")]
    assert "@font-face" not in book.files["EPUB/style.css"].decode()
    assert book.xml("EPUB/images/cover.svg").xpath("//*[local-name()='text']")  # no outlines


def test_cover_text_is_outlines_with_fonts(fs):
    book = Book.read(build_epub(small_issue(), Spec(), fonts=fs))
    svg = book.xml("EPUB/images/cover.svg")
    assert not svg.xpath("//*[local-name()='text']")
    assert len(svg.xpath("//*[local-name()='path']")) > 20
    assert svg.xpath("string(//*[local-name()='title'])").startswith("吕梁日报")


def test_uncovered_character_is_named(fs):
    issue = Issue(Paper("报"), IssueInfo("2023-02-17"), (Page(1, None, (Article(
        headline="罕见字", body=(Paragraph("姓名：\U00020000先生"),)),)),))
    with pytest.warns(FontCoverageWarning, match=r"U\+20000"):
        book = Book.read(build_epub(issue, Spec(), fonts=fs))
    fonts = [d for n, d in book.files.items() if n.endswith(".ttf")]
    assert fonts and all(chr(0x20000) not in cmap_chars(d) for d in fonts)


@pytest.mark.parametrize("font_format", list(FORMATS))
def test_a_subset_is_the_same_bytes_whenever_it_is_made(tmp_path, monkeypatch, font_format):
    # made again with an empty cache (another machine, a later day), a face's subset is
    # unchanged: fontTools would stamp head.modified with the time of the subsetting
    import time
    from pathlib import Path

    from layout.render.epub_fonts import subset_font

    font = Path(load_fontset().font_path("NotoSansSC-Bold"))
    made = []
    for run in range(2):
        monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path / f"cache{run}"))
        made.append(subset_font(font, frozenset("吕梁日报"), font_format))
        time.sleep(1.1)  # head.modified counts seconds
    assert made[0] == made[1]


def test_svg_paths_of_quadratic_contours():
    from layout.render.epub_cover import svg_path

    square = [(0, 0, True), (0, 10, True), (10, 10, True), (10, 0, True)]
    assert svg_path([square]) == "M0 0L0 10L10 10L10 0L0 0Z"
    # an off-curve point between on-curve ones is one quadratic segment; two in a row
    # imply the on-curve point halfway between them
    bump = [(0, 0, True), (5, 10, False), (10, 0, True), (15, -10, False), (25, -10, False)]
    assert svg_path([bump]) == "M0 0Q5 10 10 0Q15 -10 20 -10Q25 -10 0 0Z"
    # no on-curve point at all (a circle drawn with four controls): start halfway
    ring = [(0, 10, False), (10, 0, False), (0, -10, False), (-10, 0, False)]
    assert svg_path([ring]).startswith("M-5 5Q0 10 5 5Q10 0 5 -5")
    assert svg_path([ring]).endswith("Q-10 0 -5 5Z")
