"""A ToUnicode CMap that maps characters beyond the BMP right (a ReportLab fix).

ReportLab (through 5.x) writes each subset code's Unicode value as `<%04X>`, so a
character above U+FFFF such as 𬉼 (U+2C27C, in 通用规范汉字表) comes out as five hex
digits, which PDF readers take for U+2C27 plus a stray nibble: the glyph draws, but
copy, search and text extraction get the wrong character. The PDF reference wants the
destination as UTF-16BE, i.e. a surrogate pair for these characters. `install()`
replaces ReportLab's CMap writer with one that does that; BMP characters are written
exactly as before, so existing output does not change.
"""

from __future__ import annotations

from collections.abc import Sequence

_HEAD = """/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo
<< /Registry ({name})
/Ordering ({name})
/Supplement 0
>> def
/CMapName /{name} def
/CMapType 2 def
1 begincodespacerange
<00> <{last:02X}>
endcodespacerange
{count} beginbfchar"""

_TAIL = """endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end"""


def utf16_hex(codepoint: int) -> str:
    """`codepoint` as the hex of its UTF-16BE code units (4 or 8 digits)."""
    return chr(codepoint).encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's `makeToUnicodeCMap`, with UTF-16BE destinations."""
    head = _HEAD.format(name=fontname, last=len(subset) - 1, count=len(subset))
    pairs = [f"<{i:02X}> <{utf16_hex(v)}>" for i, v in enumerate(subset)]
    return "\n".join([head, *pairs, _TAIL])


def install() -> None:
    """Make ReportLab's TrueType subsets use `to_unicode_cmap` (idempotent)."""
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = to_unicode_cmap
