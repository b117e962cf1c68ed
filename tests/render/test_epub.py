"""render_epub: structure, navigation, metadata, escaping, vertical mode, reproducibility.

Each EPUB is unzipped and asserted with XPath (ebooklib `tests/test_ebook.py`). Fonts
and EPUBCheck live in test_epub_fonts.py / test_epub_check.py.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from test_epub_support import NS, XML_LANG, Book, small_issue

from layout.model import Article, Issue, IssueInfo, Page, Paper, Paragraph, Subhead
from layout.render.epub import build_epub, render_epub
from layout.spec.schema import EpubSpec, Spec
from layout.typeset.placed import PageBreak

NOFONTS = Spec(epub=EpubSpec(embed_fonts=False))


@pytest.fixture(scope="module")
def small() -> Book:
    return Book.read(build_epub(small_issue(), NOFONTS, fonts=None))


def _expected_blocks(article: Article) -> list[tuple[str, str]]:
    out = []
    for k, block in enumerate(article.body):
        text = block.text
        if k == 0 and article.dateline and isinstance(block, Paragraph):
            text = article.dateline + "\u3000" + text
        out.append(("h3" if isinstance(block, Subhead) else "p", text))
    return out


def test_every_article_and_paragraph_in_order(small):
    issue = small_issue()
    pages = small.pages()
    assert [h for h, _ in pages] == ["page-01.xhtml", "page-02.xhtml"]
    for (_href, doc), page in zip(pages, issue.pages):
        assert doc.xpath("string(//h:h1)", namespaces=NS) == f"第{page.number}版\u3000{page.section}"
        articles = doc.xpath("//h:article", namespaces=NS)
        assert len(articles) == len(page.articles)
        for el, article in zip(articles, page.articles):
            assert len(el.xpath("h:header/h:h2", namespaces=NS)) == 1  # every article has a heading
            body = [(re.sub(r"\{.*\}", "", b.tag), "".join(b.itertext()))
                    for b in el.xpath("h:p[not(@class)] | h:h3", namespaces=NS)]
            assert body == _expected_blocks(article)


def test_header_semantics(small):
    doc = small.pages()[0][1]
    a1, a2, a3 = doc.xpath("//h:article", namespaces=NS)
    x = lambda el, q: el.xpath(q, namespaces=NS)  # noqa: E731
    assert x(a1, "string(h:header/h:p[@class='kicker'])") == "中国—中亚合作"
    assert x(a1, "string(h:header/h:h2)") == "习近平向论坛致贺信"
    assert x(a1, "string(h:header/h:p[@class='subheadline'])") == "深化产业与投资合作"
    assert x(a1, "string(h:header/h:p[@class='byline'])") == "本报讯（记者 付永文）"
    assert x(a1, "string(h:p[1]/h:span[@class='dateline'])") == "新华社北京2月16日电"
    assert x(a1, "string(h:p[@class='credit'])") == "记者 刘亮亮 摄"
    assert x(a1, "h:p[@class='jump']/@role") == ["note"]
    assert x(a1, "string(h:p[@class='jump'])") == "（下转2版）"
    # no headline: the subheadline becomes the h2 (not repeated below it)
    assert x(a2, "string(h:header/h:h2)") == "——我市培育特色专业镇发展纪实"
    assert x(a2, "h:header/h:p[@class='subheadline']") == []
    # nothing at all: the opening words, marked as such
    assert x(a3, "h:header/h:h2/@class") == ["untitled"]
    assert x(a3, "string(h:header/h:h2)").startswith("在认真听取发言后")
    # heading levels: h1 page, h2 article, h3 subhead; the h2 labels its article
    assert [e.tag.split("}")[1] for e in doc.iter("{*}h1", "{*}h2", "{*}h3")][:3] == ["h1", "h2", "h3"]
    assert x(a1, "@aria-labelledby") == x(a1, "h:header/h:h2/@id")
    assert "要闻部主办" in x(doc, "string(//h:footer)")


def test_lang_everywhere(small):
    assert small.opf.get(XML_LANG) == "zh-Hans"
    assert small.opf.xpath("string(//dc:language)", namespaces=NS) == "zh-Hans"
    for name, _raw in small.files.items():
        if name.endswith(".xhtml"):
            root = small.xml(name)
            assert root.get("lang") == root.get(XML_LANG) == "zh-Hans", name


def test_a_continued_from_jump_leads_its_text_a_continued_to_jump_ends_it():
    cont = Article(jump="上接1版", body=(Paragraph("要扎实推进高质量发展。"),))
    issue = Issue(Paper("吕梁日报"), IssueInfo("2023-02-17"), (Page(2, "要闻", (cont,)),))
    doc = Book.read(build_epub(issue, NOFONTS, fonts=None)).pages()[0][1]
    (article,) = doc.xpath("//h:article", namespaces=NS)
    paragraphs = article.xpath("h:p", namespaces=NS)
    assert paragraphs[0].get("class") == "jump" and paragraphs[0].text == "（上接1版）"
    assert paragraphs[1].text == "要扎实推进高质量发展。"


def test_traditional_paper_is_zh_hant():
    trad = Issue(Paper("明報"), IssueInfo("2023-02-17"), (Page(1, "要聞", (Article(
        headline="港珠澳大橋車流創新高", body=(Paragraph("本報訊：這個春節經過大橋來往的車輛，們說時間還長。"),)),)),))
    book = Book.read(build_epub(trad, NOFONTS, fonts=None))
    assert book.opf.get(XML_LANG) == "zh-Hant"
    assert book.pages()[0][1].get("lang") == "zh-Hant"
    # the book's own wording in its script: 目錄, 導覽, 印刷版頁碼, the summary
    nav = book.nav()
    assert nav.xpath("string(//h:nav[@epub:type='toc']/h:h1)", namespaces=NS) == "目錄"
    assert nav.xpath("//h:nav/@aria-label", namespaces=NS) == ["導覽", "印刷版頁碼"]
    assert "的電子版，共1版1篇文章，按版面順序排列。目錄分兩級" in book.files["EPUB/content.opf"].decode("utf-8")
    simplified = Book.read(build_epub(Issue(Paper("报"), IssueInfo("2023-02-17"), trad.pages[:0] + (
        Page(1, "要闻", (Article(headline="这个春节", body=(Paragraph("这们说时来对发经过。"),)),)),)),
        NOFONTS, fonts=None)).nav()
    assert simplified.xpath("string(//h:nav[@epub:type='toc']/h:h1)", namespaces=NS) == "目录"


def test_the_footer_is_the_specs_template_worded_in_the_books_script():
    from layout.model import Footer
    from layout.spec.schema import FooterSpec

    foot = Footer("要聞部主辦", "李小美", ("王大明",), "張文")
    trad = Issue(Paper("聯合報", cn_number="CN11-0001", postal_code="1-1"), IssueInfo("2023-03-05"), (
        Page(1, "要聞", (Article(headline="這個春節經過大橋", body=(Paragraph("們說時間還長，來對發。"),)),),
             footer=foot),))
    ear = "string(//h:div[@class='masthead']/h:p[last()])"
    doc = Book.read(build_epub(trad, NOFONTS, fonts=None)).pages()[0][1]
    assert doc.xpath("string(//h:footer/h:p)", namespaces=NS) == "要聞部主辦　本版組版：李小美　責編：王大明　校對：張文"
    assert doc.xpath(ear, namespaces=NS) == "國內統一連續出版物號：CN11-0001 郵發代號：1-1"
    simplified = replace(trad, pages=(replace(trad.pages[0], articles=(Article(
        headline="这个春节", body=(Paragraph("这们说时来对发经过。"),)),)),))
    doc = Book.read(build_epub(simplified, NOFONTS, fonts=None)).pages()[0][1]
    assert doc.xpath("string(//h:footer/h:p)", namespaces=NS) == "要聞部主辦　本版组版：李小美　责编：王大明　校对：張文"
    assert doc.xpath(ear, namespaces=NS) == "国内统一连续出版物号：CN11-0001 邮发代号：1-1"
    own = replace(NOFONTS, footer=FooterSpec(template="{department}　编辑　{editors}"))
    doc = Book.read(build_epub(simplified, own, fonts=None)).pages()[0][1]
    assert doc.xpath("string(//h:footer/h:p)", namespaces=NS) == "要聞部主辦　编辑　王大明"


def test_nav_two_levels_landmarks_and_page_list(small):
    nav = small.nav()
    top = nav.xpath("//h:nav[@epub:type='toc']/h:ol/h:li", namespaces=NS)
    assert [li.xpath("string(h:a)", namespaces=NS) for li in top] == ["第1版\u3000要闻", "第2版\u3000综合"]
    assert [len(li.xpath("h:ol/h:li", namespaces=NS)) for li in top] == [3, 1]
    assert nav.xpath("//h:nav[@epub:type='toc']//h:ol/h:li/h:ol/h:li[1]/h:a/text()", namespaces=NS) == [
        "中国—中亚合作" and "习近平向论坛致贺信", "上接1版"]
    # an article printed with only its 副题: named in the contents without the dash that
    # hung it from the missing 主题, and headed on its page as printed
    assert nav.xpath("//h:nav[@epub:type='toc']//h:ol/h:li/h:ol/h:li[2]/h:a/text()",
                     namespaces=NS) == ["我市培育特色专业镇发展纪实"]
    page = next(doc for _, doc in small.pages())
    assert "——我市培育特色专业镇发展纪实" in page.xpath("//h:h2/text()", namespaces=NS)
    kinds = nav.xpath("//h:nav[@epub:type='landmarks']//h:a/@epub:type", namespaces=NS)
    assert set(kinds) == {"toc", "bodymatter", "cover"}
    labels = nav.xpath("//h:nav[@epub:type='page-list']//h:a/text()", namespaces=NS)
    assert labels == ["1", "2"]
    _assert_links_resolve(small)


def _assert_links_resolve(book: Book) -> None:
    """Every nav href names an existing file and, if it has a fragment, an existing id."""
    for href in book.nav().xpath("//h:a/@href", namespaces=NS):
        name, _, frag = href.partition("#")
        doc = book.xml("EPUB/" + name)
        if frag:
            assert doc.xpath(f"//*[@id='{frag}']"), href
    for _href, doc in book.pages():
        for mark in doc.xpath("//h:span[@epub:type='pagebreak']", namespaces=NS):
            assert mark.get("role") == "doc-pagebreak"
            assert mark.get("aria-label") == mark.get("id").removeprefix("page-")


def test_page_breaks_from_print_pagination():
    issue = small_issue()
    breaks = [PageBreak(1, 0, 0), PageBreak(2, 0, 2), PageBreak(3, 2, 0), PageBreak(4, 3, 0),
              PageBreak(4, 3, 1)]  # a repeated page number is kept once
    book = Book.read(build_epub(issue, NOFONTS, fonts=None, page_breaks=breaks))
    p1, p2 = (doc for _, doc in book.pages())
    x = lambda doc, q: doc.xpath(q, namespaces=NS)  # noqa: E731
    # page 1 before the first page heading; page 2 inside article 1 before body block 2
    assert x(p1, "/h:html/h:body/*[1]/@id") == ["page-1"]
    nxt = x(p1, "//h:span[@id='page-2']/following-sibling::*[1]")[0]
    assert nxt.text == "中国同中亚五国建交30多年来，相继建立战略伙伴关系。"
    assert x(p1, "//h:span[@id='page-2']/parent::h:article/@id") == ["p1-a1"]
    # page 3 before the third article of page 1 (not the first of its document page)
    assert x(p1, "//h:span[@id='page-3']/following-sibling::*[1]/@id") == ["p1-a3"]
    # page 4 at the first article of document page 2: before that page's heading
    assert x(p2, "/h:html/h:body/*[1]/@id") == ["page-4"]
    labels = book.nav().xpath("//h:nav[@epub:type='page-list']//h:a/text()", namespaces=NS)
    assert labels == ["1", "2", "3", "4"]
    _assert_links_resolve(book)
    with pytest.raises(ValueError, match="no article 9"):
        build_epub(issue, NOFONTS, fonts=None, page_breaks=[PageBreak(1, 9, 0)])


def test_metadata(small):
    opf = small.opf
    m = lambda q: opf.xpath(q, namespaces=NS)  # noqa: E731
    assert m("string(//dc:title)") == "吕梁日报 2023年2月17日 第10906期"
    assert m("string(//dc:date)") == "2023-02-17" and m("string(//dc:publisher)") == "吕梁日报社"
    assert m("string(//opf:meta[@property='dcterms:modified'])") == "2023-02-17T00:00:00Z"
    ident = m("string(//dc:identifier[@id=/opf:package/@unique-identifier])")
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", ident)
    src = m("//dc:source/@id")[0]
    assert m(f"string(//opf:meta[@refines='#{src}'][@property='source-of'])") == "pagination"
    props = lambda p: m(f"//opf:meta[@property='schema:{p}']/text()")  # noqa: E731
    assert props("accessMode") == ["textual", "visual"] and props("accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "printPageNumbers", "readingOrder",
            "alternativeText"} <= set(props("accessibilityFeature"))
    assert props("accessibilityHazard") == ["none"] and props("accessibilitySummary")
    assert m("//opf:item[@properties='cover-image']/@media-type") == ["image/svg+xml"]
    # the identifier depends on paper and date only, never on the clock or the content
    again = Book.read(build_epub(replace(small_issue(), notes=("x",)), NOFONTS, fonts=None))
    assert again.opf.xpath("string(//dc:identifier)", namespaces=NS) == ident
    other = Book.read(build_epub(small_issue("2023-02-18"), NOFONTS, fonts=None))
    assert other.opf.xpath("string(//dc:identifier)", namespaces=NS) != ident
    assert other.opf.xpath("string(//opf:meta[@property='dcterms:modified'])",
                           namespaces=NS) == "2023-02-18T00:00:00Z"


def test_cover_and_masthead(small):
    cover = small.xml("EPUB/cover.xhtml")
    img = cover.xpath("//h:img", namespaces=NS)[0]
    assert img.get("src") == "images/cover.svg" and img.get("alt").startswith("封面：吕梁日报")
    svg = small.xml("EPUB/images/cover.svg")
    assert svg.xpath("string(//*[local-name()='text'])")  # no fonts: plain SVG text
    assert "吕梁日报" in "".join(svg.itertext())
    mast = small.pages()[0][1].xpath("//h:div[@class='masthead']/h:img", namespaces=NS)[0]
    assert mast.get("src") == "images/masthead.svg" and "2023年2月17日" in mast.get("alt")
    assert small.spine()[0] == "cover.xhtml"


MARKUP = "<script>alert('x')</script> & &amp; ]]> {{ title }} <b>粗</b>\x0c"


def test_markup_looking_text_is_escaped():
    issue = Issue(Paper("<i>报</i>&"), IssueInfo("2023-02-17"), (Page(1, "<要闻>", (Article(
        headline=MARKUP, byline="]]>", body=(Paragraph(MARKUP), Subhead("{{ x }}"))),)),))
    book = Book.read(build_epub(issue, NOFONTS, fonts=None))
    doc = book.pages()[0][1]
    assert not doc.xpath("//h:script | //h:b | //h:i", namespaces=NS)
    shown = MARKUP.replace("\x0c", "")  # a control character XML cannot hold is dropped
    assert doc.xpath("string(//h:article/h:p[not(@class)])", namespaces=NS) == shown
    assert doc.xpath("string(//h:h2)", namespaces=NS) == shown
    assert doc.xpath("string(//h:h3)", namespaces=NS) == "{{ x }}"
    assert book.opf.xpath("string(//dc:title)", namespaces=NS).startswith("<i>报</i>&")
    for name in ("EPUB/images/cover.svg", "EPUB/images/masthead.svg", "EPUB/nav.xhtml"):
        book.xml(name)  # all well-formed
    assert b"<script>" not in book.files["EPUB/page-01.xhtml"]


def test_vertical_mode():
    vertical = Book.read(build_epub(small_issue(), Spec(epub=EpubSpec(vertical=True, embed_fonts=False)),
                                    fonts=None))
    css = vertical.files["EPUB/style.css"].decode()
    html_rule = re.search(r"^html \{([^}]*)\}", css, re.M).group(1)
    assert "writing-mode: vertical-rl" in html_rule and "-epub-writing-mode: vertical-rl" in html_rule
    # the cover is a picture: horizontal, one screen (vertical-rl made epub.js spread it)
    assert "writing-mode" not in vertical.files["EPUB/cover.css"].decode()
    assert "writing-mode: vertical-rl" in vertical.files["EPUB/nav.css"].decode()
    assert vertical.opf.xpath("//opf:spine/@page-progression-direction", namespaces=NS) == ["rtl"]
    horizontal = Book.read(build_epub(small_issue(), NOFONTS, fonts=None))
    assert "writing-mode" not in horizontal.files["EPUB/style.css"].decode()
    assert horizontal.opf.xpath("//opf:spine/@page-progression-direction", namespaces=NS) == []


def test_css_from_spec(small):
    css = small.files["EPUB/style.css"].decode()
    body = re.search(r"^body \{([^}]*)\}", css, re.M).group(1)
    for decl in ("text-align: justify", "text-indent: 2em", "line-break: strict"):
        assert decl in body
    assert not re.search(r"font-size:\s*[\d.]+(pt|px)", css)  # relative sizes only
    assert "@font-face" not in css and "serif" in body  # no fonts: generic stacks
    assert re.search(r"^h2 \{[^}]*font-size: 2em", css, re.M)  # 28 pt headline, capped
    assert re.search(r"^p\.byline \{[^}]*font-size: 1\.17em", css, re.M)  # 10.5 / 9
    assert not [n for n in small.files if n.endswith((".woff2", ".ttf", ".otf"))]


def test_reproducible_zip_and_atomic_write(tmp_path):
    a, b = tmp_path / "a.epub", tmp_path / "b.epub"
    render_epub(small_issue(), NOFONTS, a, fonts=None)
    render_epub(small_issue(), NOFONTS, b, fonts=None)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"
        assert {i.date_time for i in z.infolist()} == {(2023, 2, 17, 0, 0, 0)}

    class Broken:
        def face_for(self, ch, role):
            return "X"

        def font_path(self, face):
            raise RuntimeError("font file vanished")

    with pytest.raises(RuntimeError, match="vanished"):
        render_epub(small_issue(), Spec(), a, fonts=Broken())
    assert a.read_bytes() == b.read_bytes()  # the old file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.epub", "b.epub"]  # no temp left


def test_empty_issue_still_valid_structure():
    book = Book.read(build_epub(Issue(), NOFONTS, fonts=None))
    assert [h for h, _ in book.pages()] == ["page-01.xhtml"]
    assert book.opf.xpath("string(//dc:title)", namespaces=NS) == "报纸"
    _assert_links_resolve(book)


def test_the_script_tables_are_disjoint_pairs():
    from layout import script

    assert len(script._SIMPLIFIED) == len(script._TRADITIONAL)
    assert not set(script._SIMPLIFIED) & set(script._TRADITIONAL)


def test_process_colours_come_out_as_their_screen_equivalent():
    # the spec may give print inks (cmyk); CSS and the cover's SVG need a screen colour
    spec = Spec()
    red = "cmyk(0,100,100,20)"
    styles = dict(spec.styles)
    styles["headline"] = replace(styles["headline"], color=red)
    spec = replace(spec, styles=styles, masthead=replace(spec.masthead, color=red))
    book = Book.read(build_epub(small_issue(), spec, fonts=None))
    css = book.files["EPUB/style.css"].decode()
    assert re.search(r"^h2 \{[^}]*color: #cc0000", css, re.M) and "cmyk" not in css
    for picture in ("EPUB/images/cover.svg", "EPUB/images/masthead.svg"):
        svg = book.files[picture].decode()
        assert 'fill="#cc0000"' in svg and "cmyk" not in svg


@pytest.mark.parametrize(("region", "number", "label"), [
    (None, 10906, "第10906期"), ("CN", 10906, "第10906期"), ("HK", 10906, "第10906期"),
    ("TW", 25100, "第25100號"),  # as Taiwan papers number their issues
    ("TW", None, ""),
])
def test_the_issue_number_is_worded_as_the_papers_region_words_it(region, number, label) -> None:
    """The book's title and its cover give the issue number in the region's own word."""
    from layout.render.epub_cover import alt_text
    from layout.render.epub_meta import book_title, issue_number
    from layout.spec import load_spec

    issue = Issue(paper=Paper(name="聯合報", region=region), issue=IssueInfo(date="2023-03-05", number=number),
                  pages=(Page(number=1, articles=(Article(headline="標題", body=(Paragraph("內文。"),)),)),))
    assert issue_number(issue) == label
    assert book_title(issue).endswith(label)
    spec = load_spec(Path(__file__).resolve().parents[2] / "specs" / "lvliang-daily.yaml")
    assert alt_text(issue, spec).endswith(label or "5日")


def test_a_paper_without_a_name_is_called_so_in_its_script() -> None:
    from layout.render.epub_meta import book_title

    pages = (Page(number=1, articles=(Article(headline="港府派發消費券", body=(Paragraph("這是說明。"),)),)),)
    assert book_title(Issue(issue=IssueInfo(date="2023-03-05"), pages=pages)) == "報紙 2023年3月5日"
