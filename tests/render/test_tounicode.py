"""Characters beyond the BMP (通用规范汉字表 has 196) extract back from the PDF exactly."""

from __future__ import annotations

import pdfplumber

from layout.fonts import load_fontset
from layout.render.pdf import render_pdf
from layout.render.pdf_fonts import to_unicode_cmap, utf16_hex
from layout.typeset.linebreak import ComposeOptions, StyledText, compose
from layout.typeset.placed import PlacedLine, PlacedPage

# 𬉼 U+2C27C (Ext-E), 𠳐 U+20CD0 (Ext-B), 鿍 U+9FCD, 㧐 U+39D0 (Ext-A)
TEXT = "王\U0002c27c与\U00020cd0家的鿍和㧐都在表里。"


def test_utf16_destinations() -> None:
    assert utf16_hex(0x4E2D) == "4E2D"
    assert utf16_hex(0x2C27C) == "D870DE7C"
    cmap = to_unicode_cmap({3: " ", 0x1234: "\U0002c27c"})
    assert "<0003> <0020>" in cmap and "<1234> <D870DE7C>" in cmap
    assert "<0000> <FFFF>" in cmap  # two-byte codes: the glyph ids


def test_cmap_blocks_hold_at_most_100_entries() -> None:
    """The CMap format allows 100 entries per bfchar block."""
    cmap = to_unicode_cmap({gid: chr(0x4E00 + gid) for gid in range(250)})
    counts = [int(line.split()[0]) for line in cmap.splitlines() if line.endswith("beginbfchar")]
    assert counts == [100, 100, 50]
    assert cmap.count("endbfchar") == 3


def test_pdf_text_with_supplementary_characters_extracts_exactly(tmp_path) -> None:
    fs = load_fontset()
    assert all(fs.face_for(ch, "song") for ch in TEXT)
    lines = compose([StyledText(TEXT, "song", 9)], 400.0, fs, ComposeOptions())
    page = PlacedPage(1, 500, 100, tuple(PlacedLine(20, 40 + 15 * i, ln)
                                         for i, ln in enumerate(lines)))
    out = tmp_path / "ext.pdf"
    render_pdf([page], out, fonts=fs, title="t")
    with pdfplumber.open(out) as pdf:
        text = "".join(c["text"] for c in pdf.pages[0].chars)
    assert text == TEXT
