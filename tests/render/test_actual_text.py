"""A character no face has: drawn as glyph 0 (.notdef, the box a reader expects), and
extracted as itself through a marked-content span's /ActualText (PDF 32000-1 §14.9.4),
since the ToUnicode CMap cannot map glyph 0 (several characters may share it).

pdftotext (poppler) reads /ActualText; without it the test is skipped with the reason
printed, except under CI (CI=true), where it fails. pdfminer/pdfplumber ignore
/ActualText: they give "(cid:0)" for the glyph and every other character unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zlib

import pdfplumber
import pytest

from layout.fonts import FontSet, load_fontset
from layout.render.pdf import render_pdf
from layout.render.pdf_content import GlyphCodes, draw_page
from layout.typeset.linebreak import ComposeOptions, StyledText, compose
from layout.typeset.placed import Line, PlacedLine, PlacedPage, Run

EXT_B = "\U00020001"  # 𠀁 U+20001 (CJK Ext-B): in no bundled face, beyond the BMP
PUA = "\ue000"  # a private-use code point: in no face either
TEXT = f"会议指出{EXT_B}我国抗疫防疫历程极不平凡。"
SONG = "NotoSerifSC-Regular"


@pytest.fixture(scope="module")
def fs() -> FontSet:
    return load_fontset()


def composed_page(fs: FontSet, text: str = TEXT) -> PlacedPage:
    lines = compose([StyledText(text, "song", 9)], 300.0, fs, ComposeOptions())
    return PlacedPage(1, 400, 100, tuple(PlacedLine(20, 40 + 15 * i, ln)
                                         for i, ln in enumerate(lines)))


def one_run_page(text: str) -> PlacedPage:
    return PlacedPage(1, 300, 60, (PlacedLine(10, 20, Line((Run(0.0, text, SONG, 9),),
                                                            200.0, text)),))


def stream_of(fs: FontSet, page: PlacedPage) -> str:
    return zlib.decompress(draw_page(page, GlyphCodes(fs)).content).decode("ascii")


def pdftotext(path) -> str:
    if shutil.which("pdftotext") is None:
        reason = "pdftotext not available (apt-get install poppler-utils)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI must install it")
        print(reason)
        pytest.skip(reason)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_the_characters_are_in_no_face(fs):
    for ch in (EXT_B, PUA):
        assert fs.face_for(ch, "song") is None
        assert not any(fs.has(face, ch) for face in fs.faces)
    assert all(fs.face_for(ch, "song") == SONG for ch in TEXT if ch != EXT_B)


def test_pdftotext_gives_the_missing_character_in_place(fs, tmp_path):
    page = composed_page(fs)
    assert [r.text for pl in page.lines for r in pl.line.runs] == [TEXT]  # one mixed run
    render_pdf([page], tmp_path / "m.pdf", fonts=fs, title="t")
    assert pdftotext(tmp_path / "m.pdf").strip() == TEXT


def balanced(stream: str) -> bool:
    """Every marked-content sequence (the page's /Artifact and /P ones too) is closed."""
    return stream.count("BDC") + stream.count("BMC") == stream.count("EMC")


def test_one_span_around_the_notdef_glyph_only(fs):
    """Exactly one BDC/EMC pair, holding the glyph-0 Tj and nothing else; the covered
    characters around it are drawn as before, from the same text position on."""
    stream = stream_of(fs, composed_page(fs))
    assert stream.count("/Span") == 1 and balanced(stream)
    codes = GlyphCodes(fs).of(SONG)[0]
    before, after = TEXT.split(EXT_B)
    span = "/Span <</ActualText <FEFFD840DC01>>> BDC <0000> Tj EMC"  # a surrogate pair
    assert (f"Tm <{before.translate(codes)}> Tj {span} <{after.translate(codes)}> Tj"
            in stream)


def test_split_only_where_needed(fs, tmp_path):
    """A run beginning and ending with missing characters, two of them side by side:
    one span per stretch of missing characters, no empty Tj, and every character
    extracts in order."""
    text = f"{PUA}报{EXT_B}{PUA}纸{EXT_B}"
    page = one_run_page(text)
    stream = stream_of(fs, page)
    bao, zhi = (f"{GlyphCodes(fs).of(SONG)[0][ord(ch)]}" for ch in "报纸")
    assert stream.count("/Span") == 3 and balanced(stream)
    assert ("Tm /Span <</ActualText <FEFFE000>>> BDC <0000> Tj EMC "
            f"<{bao}> Tj /Span <</ActualText <FEFFD840DC01E000>>> BDC <00000000> Tj EMC "
            f"<{zhi}> Tj /Span <</ActualText <FEFFD840DC01>>> BDC <0000> Tj EMC\n") in stream
    render_pdf([page], tmp_path / "s.pdf", fonts=fs, title="t")
    assert pdftotext(tmp_path / "s.pdf").strip() == text


def test_pages_without_missing_characters_have_no_spans(fs):
    stream = stream_of(fs, composed_page(fs, TEXT.replace(EXT_B, "")))
    assert "BDC" not in stream and "ActualText" not in stream
    assert stream.count(" Tj") == 1


def test_pdfplumber_still_reads_the_rest(fs, tmp_path):
    """pdfminer ignores /ActualText: the glyph comes out as "(cid:0)", as before; the
    other characters are unchanged and where they were."""
    render_pdf([composed_page(fs)], tmp_path / "p.pdf", fonts=fs, title="t")
    with pdfplumber.open(tmp_path / "p.pdf") as pdf:
        chars = pdf.pages[0].chars
    i = TEXT.index(EXT_B)
    assert [c["text"] for c in chars] == [*TEXT[:i], "(cid:0)", *TEXT[i + 1:]]
    x = [c["x0"] for c in chars]
    assert x == pytest.approx([20 + 18 + 9 * k for k in range(len(TEXT))], abs=0.01)


def test_byte_identical_with_missing_characters(fs, tmp_path):
    for name in ("1.pdf", "2.pdf"):
        render_pdf([composed_page(fs), one_run_page(f"{PUA}报{EXT_B}")], tmp_path / name,
                   fonts=fs, title="t")
    assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()
