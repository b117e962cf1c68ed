"""render_pdf: metadata, outline, geometry flip, atomic write, reproducibility."""

from __future__ import annotations

import pdfplumber
import pytest

from layout.fonts import load_fontset
from layout.render.pdf import render_pdf
from layout.typeset.linebreak import ComposeOptions, StyledText, compose
from layout.typeset.placed import Bookmark, Box, PlacedLine, PlacedPage, Rule


@pytest.fixture(scope="module")
def fs():
    return load_fontset()


def page(fs) -> PlacedPage:
    lines = compose([StyledText("新华社北京2月16日电　", "hei", 9), StyledText("会议指出，3年多来，我国抗疫防疫历程极不平凡。", "song", 9)],
                    117.0, fs, ComposeOptions())
    return PlacedPage(1, 200, 200, tuple(PlacedLine(20, 40 + 15 * i, ln) for i, ln in enumerate(lines)),
                      rules=(Rule(20, 20, 137, 20),), boxes=(Box(150, 150, 20, 10, "#cc0000"),),
                      bookmarks=(Bookmark("第1版", 0, 20), Bookmark("会议", 1, 30)))


def test_metadata_outline_and_lang(fs, tmp_path):
    out = tmp_path / "a.pdf"
    render_pdf([page(fs)], out, fonts=fs, title="吕梁日报", author="编辑部", subject="2023-02-17")
    raw = out.read_bytes()
    assert b"/Lang (zh-CN)" in raw and b"/Outlines" in raw
    assert b"/ViewerPreferences << /DisplayDocTitle true >>" in raw
    with pdfplumber.open(out) as pdf:
        assert pdf.metadata["Title"] == "吕梁日报" and pdf.metadata["Author"] == "编辑部"
        p = pdf.pages[0]
        first = p.chars[0]
        assert first["x0"] == pytest.approx(20 + 18, abs=0.01)  # indent 2 em
        assert first["top"] + 0.88 * 9 == pytest.approx(40, abs=1.0)  # baseline from top
        assert p.lines and p.lines[0]["top"] == pytest.approx(20, abs=0.5)
        assert p.rects and p.rects[0]["top"] == pytest.approx(150, abs=0.01)
    assert [f.name for f in tmp_path.iterdir()] == ["a.pdf"]  # no temp file left


def test_failed_render_leaves_nothing(fs, tmp_path):
    bad = PlacedPage(1, 100, 100, boxes=(Box(0, 0, 1, 1, "not-a-colour"),))
    with pytest.raises(ValueError):
        render_pdf([bad], tmp_path / "b.pdf", fonts=fs, title="x")
    assert list(tmp_path.iterdir()) == []


def test_byte_identical(fs, tmp_path):
    render_pdf([page(fs)], tmp_path / "1.pdf", fonts=fs, title="t")
    render_pdf([page(fs)], tmp_path / "2.pdf", fonts=fs, title="t")
    assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()


# --- streaming, progress, compressed pages, one text operation per run -------------

import io  # noqa: E402

from fontTools.ttLib import TTFont as FTFont  # noqa: E402
from pdfminer.pdftypes import resolve1  # noqa: E402

import layout.render.pdf as pdf_module  # noqa: E402
from layout.render.pdf_content import GlyphCodes, draw_page  # noqa: E402
from layout.typeset.placed import Line, Run  # noqa: E402

# 600 distinct ideographs: a run's glyph ids are far apart
HAN = "".join(chr(0x4E00 + 7 * i) for i in range(600))
SPECIALS = "(a\\b)\u00a0—"  # PDF string specials, a no-break space, a dash


def runs_page(fs, number: int = 1) -> PlacedPage:
    """Runs as the composer never makes them together: tracked, scaled, coloured,
    in two faces and sizes, with PDF string specials and a no-break space."""
    texts = [HAN[i:i + 40] for i in range(0, 600, 40)] + [SPECIALS, "报", HAN[::-37]]
    lines = []
    for i, text in enumerate(texts):
        runs = (Run(0.0, text[:20], "NotoSerifSC-Regular", 9, tracking=0.25 * (i % 3)),
                Run(190.0, text[20:], "NotoSansSC-Bold" if i % 2 else "NotoSerifSC-Regular",
                    9 + i % 2, tracking=1.5 if i % 4 == 1 else 0.0,
                    color="#cc0000" if i % 5 == 0 else "#000000",
                    hscale=2.0 if text == SPECIALS else 1.0))
        lines.append(PlacedLine(20, 30 + 12 * i, Line(runs, 400.0, text)))
    return PlacedPage(number, 450, 260 + 12 * len(texts), tuple(lines),
                      bookmarks=(Bookmark(f"第{number}版", 0, 20),))


def page_streams(path) -> list[bytes]:
    """Each page's content stream, decompressed."""
    with pdfplumber.open(path) as pdf:
        return [b"".join(resolve1(s).get_data() for s in p.page_obj.contents) for p in pdf.pages]


def test_every_glyph_where_the_run_puts_it(fs, tmp_path):
    """Each run is one Tj; every character extracts back, in order, at the x its run's
    origin, the face's advances, Tc and Tz put it (within 0.01 pt)."""
    pg = runs_page(fs)
    render_pdf([pg], tmp_path / "r.pdf", fonts=fs, title="t")
    (stream,) = page_streams(tmp_path / "r.pdf")
    runs = [r for pl in pg.lines for r in pl.line.runs if r.text]
    assert stream.count(b" Tj") == len(runs)
    expected = []
    for pl in pg.lines:
        for r in pl.line.runs:
            x = pl.x + r.x
            for ch in r.text:
                expected.append((ch, round(x, 2)))
                x += fs.advance(r.font, ch, r.size) * r.hscale + r.tracking * r.hscale
    with pdfplumber.open(tmp_path / "r.pdf") as pdf:
        chars = pdf.pages[0].chars
    assert [c["text"] for c in chars] == [ch for ch, _ in expected]
    assert [c["x0"] for c in chars] == pytest.approx([x for _, x in expected], abs=0.01)


def test_pages_drawn_elsewhere_make_the_same_pdf(fs, tmp_path):
    """A page drawn beforehand (as a worker process does) or here: the same bytes."""
    pages = [runs_page(fs, 1), page(fs), runs_page(fs, 2)]
    render_pdf(pages, tmp_path / "here.pdf", fonts=fs, title="t")
    codes = GlyphCodes(fs)
    render_pdf([draw_page(p, codes) for p in pages], tmp_path / "drawn.pdf", fonts=fs, title="t")
    assert (tmp_path / "here.pdf").read_bytes() == (tmp_path / "drawn.pdf").read_bytes()


def test_fonts_embed_only_the_glyphs_drawn(fs, tmp_path):
    """One font per face used, subset: the glyphs drawn (and .notdef) have outlines,
    every other glyph is empty; /W lists the widths that are not 1000."""
    pg = runs_page(fs)
    render_pdf([pg], tmp_path / "f.pdf", fonts=fs, title="t")
    drawn: dict[str, set[int]] = {}
    for pl in pg.lines:
        for r in pl.line.runs:
            cmap = fs.cmap(r.font)
            drawn.setdefault(r.font, set()).update(cmap.gid(ord(ch)) for ch in r.text)
    def postscript_name(face: str) -> str:
        with FTFont(str(fs.font_path(face)), lazy=True) as font:
            return font["name"].getDebugName(6)

    def full_loca(face: str) -> list[int]:
        with FTFont(str(fs.font_path(face))) as font:
            return list(font["loca"])

    names = {postscript_name(f): f for f in drawn}
    with pdfplumber.open(tmp_path / "f.pdf") as pdf:
        fonts = resolve1(pdf.pages[0].page_obj.resources["Font"])
        assert len(fonts) == len(drawn) == 2
        for ref in fonts.values():
            font = resolve1(ref)
            assert font["Subtype"].name == "Type0" and font["Encoding"].name == "Identity-H"
            cid = resolve1(resolve1(font["DescendantFonts"])[0])
            program = resolve1(resolve1(cid["FontDescriptor"])["FontFile2"]).get_data()
            face = names[cid["BaseFont"].name.split("+", 1)[1]]
            loca = FTFont(io.BytesIO(program))["loca"]
            full = full_loca(face)
            assert len(loca) == len(full)  # glyph ids kept

            def inked(table, gids):  # glyphs with an outline (a space has none)
                return {g for g in gids if table[g + 1] > table[g]}

            assert inked(loca, range(len(loca) - 1)) == inked(full, drawn[face] | {0})


def test_a_character_no_face_has_draws_notdef(fs, tmp_path):
    """The coverage check warns; the page still draws (glyph 0, in a span that gives
    its text: see test_actual_text.py), and nothing breaks."""
    line = Line((Run(0.0, "报\ue000纸", "NotoSerifSC-Regular", 9),), 100.0, "报\ue000纸")
    render_pdf([PlacedPage(1, 200, 100, (PlacedLine(10, 20, line),))], tmp_path / "n.pdf",
               fonts=fs, title="t")
    (stream,) = page_streams(tmp_path / "n.pdf")
    assert b" BDC <0000> Tj EMC " in stream


def test_generator_drawn_once_same_bytes(fs, tmp_path):
    """A generator is consumed once, page by page; the PDF equals a list's."""
    made = []

    def pages():
        for n in (1, 2, 3):
            made.append(n)
            yield runs_page(fs, n) if n != 2 else page(fs)

    render_pdf(pages(), tmp_path / "gen.pdf", fonts=fs, title="t")
    render_pdf([runs_page(fs, 1), page(fs), runs_page(fs, 3)], tmp_path / "list.pdf",
               fonts=fs, title="t")
    assert made == [1, 2, 3]
    assert (tmp_path / "gen.pdf").read_bytes() == (tmp_path / "list.pdf").read_bytes()
    with pdfplumber.open(tmp_path / "gen.pdf") as pdf:
        assert len(pdf.pages) == 3


def test_progress_total(fs, tmp_path):
    seen = []
    progress = lambda done, total: seen.append((done, total))  # noqa: E731
    render_pdf([page(fs), page(fs)], tmp_path / "a.pdf", fonts=fs, title="t", progress=progress)
    assert seen == [(1, 2), (2, 2)]  # a list: its length
    seen.clear()
    render_pdf(iter([page(fs), page(fs)]), tmp_path / "b.pdf", fonts=fs, title="t",
               progress=progress)
    assert seen == [(1, None), (2, None)]  # a stream of unknown length
    seen.clear()
    render_pdf(iter([page(fs), page(fs)]), tmp_path / "c.pdf", fonts=fs, title="t",
               progress=progress, total=5)
    assert seen == [(1, 5), (2, 5)]  # as the caller estimates


def test_empty_stream(fs, tmp_path):
    """No pages is no error here (export.py reports an empty page selection first)."""
    import pypdfium2 as pdfium

    render_pdf(iter(()), tmp_path / "e.pdf", fonts=fs, title="t")
    document = pdfium.PdfDocument(tmp_path / "e.pdf")  # one blank A4 sheet, no fonts
    assert len(document) == 1 and document[0].get_size() == (595, 842)
    assert b"/FontFile2" not in (tmp_path / "e.pdf").read_bytes()


def test_each_page_goes_to_the_file_as_it_is_added(fs, tmp_path, monkeypatch):
    """Memory flat in pages: a page's compressed content is in the file (or its
    write buffer) once the page is added, before the next page is made."""
    add = pdf_module._Document.add
    written = []

    def checked(document, pg):
        before = document.pdf._position
        add(document, pg)
        written.append((document.pdf._position - before, len(pg.content)))

    monkeypatch.setattr(pdf_module._Document, "add", checked)
    render_pdf((runs_page(fs, n) for n in range(1, 4)), tmp_path / "m.pdf", fonts=fs, title="t")
    assert len(written) == 3 and all(out > content > 0 for out, content in written)
    stream = runs_page(fs, 1)
    raw_text = sum(len(r.text) for pl in stream.lines for r in pl.line.runs)
    assert written[0][1] < 4 * raw_text  # compressed: the operators take ~5 bytes a glyph
    assert len(page_streams(tmp_path / "m.pdf")[0]) > 4 * raw_text


def test_memory_does_not_grow_with_the_pages(fs, tmp_path):
    """What rendering allocates grows by far less a page than the file does: no
    page's content is held once written (only its object number and bookmarks)."""
    import tracemalloc

    render_pdf([runs_page(fs, 1)], tmp_path / "warm.pdf", fonts=fs, title="t")  # caches filled

    def peak(count: int) -> tuple[int, int]:
        out = tmp_path / f"{count}.pdf"
        tracemalloc.start()
        try:
            render_pdf((runs_page(fs, n) for n in range(1, count + 1)), out, fonts=fs, title="t")
            return tracemalloc.get_traced_memory()[1], out.stat().st_size
        finally:
            tracemalloc.stop()

    (small, small_file), (large, large_file) = peak(4), peak(84)
    assert (large - small) / 80 < (large_file - small_file) / 80 / 2, (small, large)


def test_a_font_that_cannot_be_embedded_is_a_clear_error(fs, tmp_path, monkeypatch):
    """A face that measured but cannot be subset (damaged glyf): an error naming the
    file, and no PDF left behind."""
    from layout.errors import FontError
    from layout import sfnt

    def broken(data, gids):  # type: ignore[no-untyped-def]
        raise sfnt.SfntError("the font has no 'glyf' table")

    monkeypatch.setattr(sfnt, "subset_keeping_ids", broken)
    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path / "cache"))  # no subset cached
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(FontError, match=r"NotoSerifSC-Regular\.ttf: cannot embed the font"):
        render_pdf([page(fs)], out / "x.pdf", fonts=fs, title="t")
    assert list(out.iterdir()) == []


def test_black_and_greys_are_painted_on_the_black_plate_only(fs, tmp_path):
    # DeviceGray separates onto K alone; RGB black would print as a four-colour black
    grey = PlacedPage(1, 200, 200, (PlacedLine(20, 60, Line((Run(0.0, "报", "NotoSerifSC-Regular", 9,
                                                                 color="#808080"),), 20.0, "报")),),
                      rules=(Rule(20, 80, 120, 80, 0.5, "#555555"),))
    out = tmp_path / "k.pdf"
    render_pdf([page(fs), grey], out, fonts=fs, title="t")
    with pdfplumber.open(out) as pdf:
        first, second = pdf.pages
        assert {c["non_stroking_color"] for c in first.chars} == {(0.0,)}  # black, one grey
        assert {r["non_stroking_color"] for r in first.rects} == {(0.8, 0.0, 0.0)}  # red stays RGB
        assert {c["non_stroking_color"] for c in second.chars} == {(0.501961,)}
        strokes = {ln["stroking_color"] for ln in first.lines + second.lines}
        assert {s if isinstance(s, tuple) else (s,) for s in strokes} == {(0.0,), (0.333333,)}
    first_stream, second_stream = page_streams(out)
    assert b" rg" not in first_stream.split(b"re f")[1]  # after the red box, no RGB at all
    assert b"0 g" in first_stream and b"0 G" in first_stream


def test_pages_are_labelled_with_their_printed_numbers_when_those_are_not_1_2_3(fs, tmp_path):
    import pypdfium2

    def labels(numbers):
        out = tmp_path / f"{'-'.join(map(str, numbers))}.pdf"
        render_pdf([runs_page(fs, n) for n in numbers], out, fonts=fs, title="t")
        document = pypdfium2.PdfDocument(out)
        try:
            return [document.get_page_label(i) for i in range(len(document))], out.read_bytes()
        finally:
            document.close()

    assert labels([3, 4])[0] == ["3", "4"]  # export.py pdf --pages 3-4
    assert labels([1, 3, 5])[0] == ["1", "3", "5"]
    shown, raw = labels([1, 2, 3])
    assert b"/PageLabels" not in raw and shown == ["", "", ""]  # the viewer's own 1, 2, 3


def test_a_process_colour_is_painted_in_its_inks(fs, tmp_path):
    red = "cmyk(0,100,100,20)"  # spec.units.parse_color of "cmyk(0, 100, 100, 20)"
    inked = PlacedPage(1, 200, 200, (PlacedLine(20, 60, Line((Run(0.0, "吕梁日报", "NotoSerifSC-Bold", 20,
                                                                  color=red),), 80.0, "吕梁日报")),),
                       rules=(Rule(20, 80, 120, 80, 2.0, red),), boxes=(Box(20, 100, 30, 10, red),))
    out = tmp_path / "cmyk.pdf"
    render_pdf([inked], out, fonts=fs, title="t")
    (stream,) = page_streams(out)
    assert b"0 1 1 .2 k" in stream and b"0 1 1 .2 K" in stream and b" rg" not in stream
    with pdfplumber.open(out) as pdf:
        (only,) = pdf.pages
        assert {c["non_stroking_color"] for c in only.chars} == {(0.0, 1.0, 1.0, 0.2)}
        assert {r["non_stroking_color"] for r in only.rects} == {(0.0, 1.0, 1.0, 0.2)}


def test_outline_pages_open_with_their_articles_below(fs, tmp_path):
    """The outline: each page (版) an open entry, its articles closed entries under it,
    each pointing at its page and place."""
    import pypdfium2 as pdfium

    from dataclasses import replace

    first = replace(page(fs), bookmarks=(Bookmark("第1版", 0, 0), Bookmark("会议", 1, 30),
                                        Bookmark("评论", 1, 120)))
    second = replace(page(fs), number=2, bookmarks=(Bookmark("第2版", 0, 0),
                                                   Bookmark("“吕梁”", 1, 50)))
    render_pdf([first, second], tmp_path / "o.pdf", fonts=fs, title="t")
    document = pdfium.PdfDocument(tmp_path / "o.pdf")
    toc = [(b.level, b.get_title(), b.get_count(), b.get_dest().get_index(),
            [round(v) for v in b.get_dest().get_view()[1]]) for b in document.get_toc()]
    assert toc == [(0, "第1版", 2, 0, [0, 200, 0]), (1, "会议", 0, 0, [0, 170, 0]),
                   (1, "评论", 0, 0, [0, 80, 0]), (0, "第2版", 1, 1, [0, 200, 0]),
                   (1, "“吕梁”", 0, 1, [0, 150, 0])]


def test_xmp_metadata_names_the_issue_and_its_date(fs, tmp_path):
    """The XMP packet is well-formed XML saying what the Info dictionary says, plus the
    issue's date and language; it is uncompressed, as tools scanning for it expect."""
    import re
    import xml.etree.ElementTree as ET

    out = tmp_path / "x.pdf"
    render_pdf([page(fs)], out, fonts=fs, title="R&D <报> 2023-02-17", author="编辑部",
               subject="吕梁日报", lang="zh-Hant", date="2023-02-17")
    packet = re.search(rb"<\?xpacket begin.*?<\?xpacket end=\"r\"\?>", out.read_bytes(), re.S)
    assert packet is not None
    root = ET.fromstring(packet.group(0).decode("utf-8"))
    ns = {"dc": "http://purl.org/dc/elements/1.1/",
          "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    text = {tag: [li.text for li in root.iterfind(f".//dc:{tag}//rdf:li", ns)]
            for tag in ("title", "creator", "description", "date", "language")}
    assert text == {"title": ["R&D <报> 2023-02-17"], "creator": ["编辑部"],
                    "description": ["吕梁日报"], "date": ["2023-02-17"], "language": ["zh-Hant"]}
    with pdfplumber.open(out) as pdf:
        assert pdf.metadata["Title"] == "R&D <报> 2023-02-17"
    render_pdf([page(fs)], out, fonts=fs, title="a\x01b\ud800c")  # what XML cannot hold
    packet = re.search(rb"<\?xpacket begin.*?<\?xpacket end=\"r\"\?>", out.read_bytes(), re.S)
    assert ET.fromstring(packet.group(0).decode("utf-8")).find(".//dc:title//rdf:li", ns).text == "abc"
    render_pdf([page(fs)], out, fonts=fs, title="t")  # no date, author or subject: left out
    packet = re.search(rb"<\?xpacket begin.*?<\?xpacket end=\"r\"\?>", out.read_bytes(), re.S)
    root = ET.fromstring(packet.group(0).decode("utf-8"))
    assert root.find(".//dc:date", ns) is None and root.find(".//dc:creator", ns) is None


def test_links_lead_to_their_anchors_on_other_pages(fs, tmp_path):
    """A link goes to the page and height of its anchor, wherever that page comes; a
    link whose anchor is not in the file (a --pages export) leads nowhere."""
    from dataclasses import replace

    import pypdfium2 as pdfium

    from layout.typeset.placed import Link

    first = replace(page(fs), links=(Link(20, 30, 120, 40, "a3p2", "（下转第2版）"),),
                    anchors=(("a0p1", 20.0),))
    second = replace(page(fs), number=2, anchors=(("a3p2", 50.0),),
                     links=(Link(20, 60, 120, 70, "a0p1"), Link(20, 80, 120, 90, "a9p7")))
    render_pdf([first, second], tmp_path / "l.pdf", fonts=fs, title="t")
    with pdfplumber.open(tmp_path / "l.pdf") as pdf:
        found = [(p.page_number, round(a["top"]), round(a["bottom"]), a["data"].get("Dest"))
                 for p in pdf.pages for a in p.annots]
        described = [a["contents"] for p in pdf.pages for a in p.annots]
        pages = {p.page_obj.pageid: p.page_number for p in pdf.pages}
    assert [(n, top, bottom) for n, top, bottom, _ in found] == [(1, 30, 40), (2, 60, 70), (2, 80, 90)]
    assert described == ["（下转第2版）", None, None]  # a screen reader's words for the link
    destinations = [None if d is None else (pages[d[0].objid], d[1].name, round(d[3]))
                    for *_, d in found]
    assert destinations == [(2, "XYZ", 200 - 50), (1, "XYZ", 200 - 20), None]
    assert len(pdfium.PdfDocument(tmp_path / "l.pdf")) == 2


def test_a_faces_font_is_cached_whole_by_the_characters_drawn(fs, tmp_path, monkeypatch):
    """Drawn again, the same characters take each face's font (subset, widths,
    ToUnicode) from the cache, byte for byte; other characters make a new one."""
    from layout.render import pdf_fonts

    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path / "cache"))
    render_pdf([page(fs)], tmp_path / "1.pdf", fonts=fs, title="t")
    made, glyphs_of = [], pdf_fonts._glyphs_of
    monkeypatch.setattr(pdf_fonts, "_glyphs_of", lambda fonts, face, chars: made.append(chars) or glyphs_of(fonts, face, chars))
    render_pdf([page(fs)], tmp_path / "2.pdf", fonts=fs, title="t")
    assert made == [] and (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()
    other = PlacedPage(1, 200, 200, (PlacedLine(20, 60, Line((Run(0.0, "报", "NotoSerifSC-Regular", 9),), 20.0, "报")),))
    render_pdf([other], tmp_path / "3.pdf", fonts=fs, title="t")
    assert made == ["报"]


def test_a_faces_cached_font_is_not_shared_by_its_regional_forms(tmp_path, monkeypatch):
    """The same characters drawn in a face's Taiwan forms are other glyphs: each set
    of forms has its own cached font, and the text extracts back from both."""
    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path / "cache"))
    text = "阿里山櫻花季開跑，林鐵週末加開"
    for forms in (None, "ZHT", None):
        fonts = load_fontset(forms=forms)
        lines = compose([StyledText(text, "song", 9)], 200.0, fonts, ComposeOptions())
        out = tmp_path / f"{forms}.pdf"
        render_pdf([PlacedPage(1, 220, 60, (PlacedLine(10, 30, lines[0]),))], out, fonts=fonts, title="t")
        with pdfplumber.open(out) as pdf:
            assert pdf.pages[0].extract_text().replace(" ", "") == text, forms
    assert (tmp_path / "None.pdf").read_bytes() != (tmp_path / "ZHT.pdf").read_bytes()
