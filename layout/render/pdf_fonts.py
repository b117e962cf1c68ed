"""The document's fonts: each face used becomes one embedded CID font (Type 0).

In: the `FontSet`, and per face the characters the pages drew from it. Out: PDF
objects written to the file (`pdf_file`): for each face a Type 0 font (Identity-H) over a
CIDFontType2 whose CIDs are the face's glyph ids, with the widths of the glyphs used,
a ToUnicode CMap (so text extracts back, characters beyond the BMP as UTF-16
surrogate pairs; never glyph 0, which the pages draw for any character no face has
and give the text of as /ActualText) and the font program subset to those glyphs
(`sfnt`). Each goes in
the document's shared font resource dictionary under the name the pages use
(`pdf_content.resource_name`).

The subset's tag (the six letters before `+` in the font name) is a digest of the
glyphs kept, so two exports of the same pages are byte-identical. What a face's font
holds (the compressed subset, its widths and ToUnicode CMap) is cached on disk by face,
regional forms and characters drawn (`layout.disk_cache`): exporting a document again
after a spec tweak draws the same characters.
"""

from __future__ import annotations

import mmap
import zlib
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from _rl_accel import fp_str

from layout.fonts import FontSet
from layout import disk_cache
from layout.digest import digest
from layout.errors import FontError
from layout.render.pdf_content import resource_name
from layout.render.pdf_file import Name, PdfFile, Raw, Ref

DEFAULT_WIDTH = 1000  # a CJK face's ideographs: only other widths are listed in /W
_CMAP_BLOCK = 100  # entries per bfchar block (the CMap format's limit)
_PROGRAMS_KEPT = 64  # cached fonts: a few documents' worth of every face
FONT_COMPRESSION = 6  # zlib level of a font program (made once: see `_made`)


def embed_fonts(pdf: PdfFile, fonts: FontSet, used: Mapping[str, set[str]]) -> dict[str, Ref]:
    """Write a Type 0 font for every face with characters in `used`, in face order;
    returns the font resources the pages share (resource name -> font)."""
    resources = {}
    for face in fonts.faces:
        made = _made(fonts, face, used.get(face, ()))
        if made is not None:
            resources[resource_name(fonts, face)] = _type0(pdf, made)
    return resources


class _Made(NamedTuple):
    """A face's font made for one set of characters: what its PDF objects hold. Plain
    values: a cached one is read without `layout.sfnt`, which reads font files."""

    name: str  # "ABCDEF+PostScriptName", the tag a digest of the glyphs kept
    descriptor: tuple[tuple[int, int, int, int], float, int, int, int]  # bbox, italic angle,
    # ascent, descent, cap height (`sfnt.FaceInfo`, 1/1000 em)
    length: int  # of the font program before compression
    program: bytes  # the subset program, Flate-compressed
    widths: str  # the /W array
    to_unicode: bytes  # the ToUnicode CMap, Flate-compressed


def _made(fonts: FontSet, face: str, chars: Iterable[str]) -> _Made | None:
    """The face's font for `chars` (None when it has a glyph for none of them).

    Cached on disk by face, regional forms and characters (`layout.disk_cache`): a
    document exported again, after a spec tweak say, draws the same characters. A
    subset takes ~15 ms a face, most of it zlib over loca and hmtx, which keep every
    id; the widths and the ToUnicode CMap another ~1 ms, which a cached font does not
    pay either.
    """
    text = "".join(sorted(chars))
    if not text:
        return None
    path = fonts.font_path(face)
    cache = disk_cache.cache_file("pdf-font", path, digest(text.encode(), 16).hexdigest(),
                                  fonts.forms or "", str(FONT_COMPRESSION))  # forms: other glyphs
    known = disk_cache.load(cache)
    if isinstance(known, _Made):
        return known
    glyphs = _glyphs_of(fonts, face, text)
    if not glyphs:
        return None
    from layout import sfnt

    key = digest(",".join(map(str, sorted(glyphs))).encode(), 20).digest()
    tag = "".join(chr(65 + b % 26) for b in key[:6])
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        try:
            info = sfnt.face_info(data)
            program = sfnt.subset_keeping_ids(data, glyphs)
        except (ValueError, IndexError) as exc:  # SfntError and struct.error are ValueErrors
            raise FontError(f"{path}: cannot embed the font: {exc}") from None
    descriptor = (info.bbox, info.italic_angle, info.ascent, info.descent, info.cap_height)
    made = _Made(f"{tag}+{info.postscript_name}", descriptor, len(program),
                 zlib.compress(program, FONT_COMPRESSION), _widths(fonts, face, glyphs),
                 zlib.compress(to_unicode_cmap(glyphs).encode("ascii")))
    disk_cache.store(cache, made)
    disk_cache.prune("pdf-font", _PROGRAMS_KEPT)
    return made


def _glyphs_of(fonts: FontSet, face: str, chars: Iterable[str]) -> dict[int, str]:
    """glyph id -> the character it stands for in the text, of `chars` in code point
    order (the lowest code point when several share a glyph; none for glyph 0,
    .notdef)."""
    cmap = fonts.cmap(face)
    out: dict[int, str] = {}
    for ch in chars:
        gid = cmap.gid(ord(ch))
        if gid:
            out.setdefault(gid, ch)
    return out


def _type0(pdf: PdfFile, made: _Made) -> Ref:
    name = Name(made.name)
    bbox, italic_angle, ascent, descent, cap_height = made.descriptor
    file2 = pdf.add_stream(made.program, {"Filter": Name("FlateDecode"), "Length1": made.length})
    descriptor = pdf.add({
        "Type": Name("FontDescriptor"), "FontName": name, "Flags": 4,
        "FontBBox": list(bbox), "ItalicAngle": italic_angle,
        "Ascent": ascent, "Descent": descent, "CapHeight": cap_height,
        "StemV": 80, "FontFile2": file2})
    cid_font = pdf.add({
        "Type": Name("Font"), "Subtype": Name("CIDFontType2"), "BaseFont": name,
        "CIDSystemInfo": {"Registry": "Adobe", "Ordering": "Identity", "Supplement": 0},
        "FontDescriptor": descriptor, "DW": DEFAULT_WIDTH,
        "W": Raw(made.widths), "CIDToGIDMap": Name("Identity")})
    to_unicode = pdf.add_stream(made.to_unicode, {"Filter": Name("FlateDecode")})
    return pdf.add({
        "Type": Name("Font"), "Subtype": Name("Type0"), "BaseFont": name,
        "Encoding": Name("Identity-H"), "DescendantFonts": [cid_font], "ToUnicode": to_unicode})


def _widths(fonts: FontSet, face: str, glyphs: dict[int, str]) -> str:
    """The /W array: runs of consecutive glyph ids whose width is not the default."""
    out: list[str] = []
    run: list[str] = []
    start = previous = -2
    for gid in sorted(glyphs):
        width = fonts.advance(face, glyphs[gid], 1000.0)
        if width == DEFAULT_WIDTH:
            continue
        if gid != previous + 1 and run:
            out.append(f"{start} [{' '.join(run)}]")
            run = []
        if not run:
            start = gid
        run.append(fp_str(width))
        previous = gid
    if run:
        out.append(f"{start} [{' '.join(run)}]")
    return f"[{' '.join(out)}]"


def utf16_hex(codepoint: int) -> str:
    """`codepoint` as the hex of its UTF-16BE code units (4 or 8 digits)."""
    return chr(codepoint).encode("utf-16-be", "surrogatepass").hex().upper()


_CMAP_HEAD = """/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange"""

_CMAP_TAIL = """endcmap
CMapName currentdict /CMap defineresource pop
end
end"""


def to_unicode_cmap(glyphs: Mapping[int, str]) -> str:
    """A ToUnicode CMap from 2-byte glyph ids to UTF-16BE (PDF 32000-1 §9.10.3)."""
    pairs = [f"<{gid:04X}> <{utf16_hex(ord(ch))}>" for gid, ch in sorted(glyphs.items())]
    blocks = []
    for i in range(0, len(pairs), _CMAP_BLOCK):
        chunk = pairs[i:i + _CMAP_BLOCK]
        blocks.append("\n".join([f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]))
    return "\n".join([_CMAP_HEAD, *blocks, _CMAP_TAIL])
