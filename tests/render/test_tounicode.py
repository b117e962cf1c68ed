"""Characters beyond the BMP (通用规范汉字表 has 196) extract back from the PDF exactly."""

from __future__ import annotations

import pdfplumber
from reportlab.pdfbase import ttfonts

from layout.fonts import load_fontset
from layout.render.pdf import render_pdf
from layout.render.rl_tounicode import to_unicode_cmap, utf16_hex
from layout.typeset.linebreak import ComposeOptions, StyledText, compose
from layout.typeset.placed import PlacedLine, PlacedPage

# 𬉼 U+2C27C (Ext-E), 𠳐 U+20CD0 (Ext-B), 鿍 U+9FCD, 㧐 U+39D0 (Ext-A)
TEXT = "王\U0002c27c与\U00020cd0家的鿍和㧐都在表里。"


def test_utf16_destinations() -> None:
    assert utf16_hex(0x4E2D) == "4E2D"
    assert utf16_hex(0x2C27C) == "D870DE7C"
    cmap = to_unicode_cmap("AAAAAA+Face", [0x20, 0x2C27C])
    assert "<00> <0020>" in cmap and "<01> <D870DE7C>" in cmap


def test_cmap_for_bmp_text_is_reportlabs_own() -> None:
    """The fix changes nothing for BMP characters (four hex digits, as ReportLab writes)."""
    subset = [0x4E2D, 0x3002, 0x41, 0x20]
    expected = "\n".join(["<00> <4E2D>", "<01> <3002>", "<02> <0041>", "<03> <0020>"])
    assert expected in to_unicode_cmap("X", subset)


def test_pdf_text_with_supplementary_characters_extracts_exactly(tmp_path) -> None:
    fs = load_fontset()
    assert all(fs.face_for(ch, "song") for ch in TEXT)
    lines = compose([StyledText(TEXT, "song", 9)], 400.0, fs, ComposeOptions())
    page = PlacedPage(1, 500, 100, tuple(PlacedLine(20, 40 + 15 * i, ln)
                                         for i, ln in enumerate(lines)))
    out = tmp_path / "ext.pdf"
    render_pdf([page], out, fonts=fs, title="t")
    assert ttfonts.makeToUnicodeCMap is to_unicode_cmap
    with pdfplumber.open(out) as pdf:
        text = "".join(c["text"] for c in pdf.pages[0].chars)
    assert text == TEXT
