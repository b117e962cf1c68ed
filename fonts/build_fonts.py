"""Build the shipped font subsets in `fonts/` from the Debian font packages.

Why: the PDF writer embeds only TrueType (glyf) outlines, while Noto CJK ships as CFF
inside a TrueType Collection. This script, run once by a developer (not at run time),
picks the Simplified-Chinese face out of each collection, subsets it to the character
set below (the URO ideographs of GBK, plus every character of 通用规范汉字表 listed in
`fonts/tgscc-8105.txt`, 276 of which lie outside U+4E00–U+9FA5, plus the non-Han
extras), converts the cubic CFF outlines to quadratic glyf outlines (the fontTools
`otf2ttf` recipe with `cu2quPen`) and writes `fonts/<face>.ttf`. The product then
needs only the committed .ttf files, not the Debian packages.

Usage: python fonts/build_fonts.py [--charset gbk|gb2312+big5] [face ...]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

HERE = Path(__file__).resolve().parent
TGSCC = HERE / "tgscc-8105.txt"  # 通用规范汉字表 (2013), one character per line
NOTO = Path("/usr/share/fonts/opentype/noto")
LXGW = Path("/usr/share/fonts/truetype/lxgw-wenkai")

# face name -> (source file, face index in the collection or None)
SOURCES: dict[str, tuple[Path, int | None]] = {
    "NotoSerifSC-Regular": (NOTO / "NotoSerifCJK-Regular.ttc", 2),
    "NotoSerifSC-Bold": (NOTO / "NotoSerifCJK-Bold.ttc", 2),
    "NotoSansSC-Bold": (NOTO / "NotoSansCJK-Bold.ttc", 2),
    "NewsKai-Regular": (LXGW / "LXGWWenKai-Regular.ttf", None),
}

LOCL_LANGUAGES = ("ZHT ", "ZHH ")  # OpenType language systems: Taiwan, Hong Kong

# A subset is a Modified Version under the OFL, and LXGW WenKai reserves the names
# "LXGW" and "霞鹜": ours is renamed (copyright and licence notices are kept).
RENAMED: dict[str, str] = {"NewsKai-Regular": "NewsKai"}

# Non-Han ranges every face keeps: ASCII + Latin-1, general punctuation (—…‘’“”‰),
# letterlike symbols (℃ №), arrows/maths a newspaper uses, circled numbers, CJK
# symbols and punctuation, full-width forms, and the two-em dash ⸺ (U+2E3A).
EXTRA_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF), (0x0391, 0x03C9), (0x0401, 0x0451),
    (0x2000, 0x206F), (0x2100, 0x214F), (0x2150, 0x218F), (0x2190, 0x21FF),
    (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF),
    (0x2600, 0x26FF), (0x2E3A, 0x2E3B), (0x3000, 0x303F), (0x3200, 0x32FF),
    (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
]


def _encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def tgscc_8105(path: Path = TGSCC) -> list[str]:
    """The 8105 characters of 通用规范汉字表, in table order ('#' lines are comments)."""
    chars = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    bad = [c for c in chars if len(c) != 1]
    if bad or len(set(chars)) != len(chars) or len(chars) != 8105:
        raise SystemExit(f"{path}: expected 8105 distinct single characters, "
                         f"found {len(set(chars))} distinct of {len(chars)} (bad lines: {bad[:3]})")
    return chars


def han_charset(name: str) -> list[int]:
    """The Han code points of a named character set: its URO ideographs, plus every
    character of 通用规范汉字表 (some are in CJK Ext-A…E or U+9FA6–U+9FFF)."""
    uro = [chr(c) for c in range(0x4E00, 0xA000)]
    if name == "gbk":
        # every URO ideograph up to U+9FA5 is in GBK (20,902)
        han = {c for c in uro if _encodable(c, "gbk")}
    else:
        gb = {c for c in uro if _encodable(c, "gb2312")}
        big5_1 = {c for c in uro if _encodable(c, "big5")
                  and 0xA440 <= int.from_bytes(c.encode("big5"), "big") <= 0xC67E}
        han = gb | big5_1
    return sorted(ord(c) for c in han | set(tgscc_8105()))


def charset(name: str) -> list[int]:
    """All code points to keep: Han of `name` plus the non-Han extras."""
    extra = [c for lo, hi in EXTRA_RANGES for c in range(lo, hi + 1)]
    return sorted(set(han_charset(name)) | set(extra))


def _to_quadratic(font: TTFont, max_err: float = 1.0) -> None:
    """Replace CFF with glyf in place (fontTools Snippets/otf2ttf.py)."""
    order = font.getGlyphOrder()
    glyphset = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphset)
        glyphset[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    for tag in ("VORG", "vhea", "vmtx"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        hmtx[name] = (hmtx[name][0], getattr(g, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(maxp, attr, 0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and CID names mean nothing
    post.extraNames, post.mapping = [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


def _keep_chinese_locl(font: TTFont) -> None:
    """Drop the GSUB language systems other than Taiwan's and Hong Kong's (ZHT, ZHH):
    the subsetter then keeps only the glyphs their `locl` reaches."""
    if "GSUB" not in font:
        return
    for record in font["GSUB"].table.ScriptList.ScriptRecord:
        script = record.Script
        script.LangSysRecord = [r for r in script.LangSysRecord if r.LangSysTag in LOCL_LANGUAGES]
        script.LangSysCount = len(script.LangSysRecord)


def rename(font: TTFont, family: str, postscript: str) -> None:
    """Replace every family/full/PostScript name; keep copyright and licence records."""
    name = font["name"]
    name.names = [r for r in name.names if r.nameID not in (1, 3, 4, 6, 16, 17, 18, 21, 22)]
    for record_id, value in ((1, family), (2, "Regular"), (3, f"{postscript};layout-subset"),
                             (4, f"{family} Regular"), (6, postscript)):
        name.setName(value, record_id, 3, 1, 0x409)
    name.setName("A subset of LXGW WenKai (OFL-1.1), renamed as its Reserved Font Names require.",
                 10, 3, 1, 0x409)


def build_face(face: str, charset_name: str, out_dir: Path = HERE) -> dict[str, object]:
    """Subset (and convert if CFF) one face; return its size and timing."""
    t0 = time.perf_counter()
    src, index = SOURCES[face]
    font = TTFont(src, fontNumber=index if index is not None else -1, lazy=False)
    opts = subset.Options()
    # the PDF does no shaping; only EPUB readers setting 竖排 use these: vertical
    # forms of ，。、：；！？（）“” (vert/vrt2) with the vertical metrics they need.
    # locl keeps the Taiwan and Hong Kong forms (centred ，。, 說 rather than 説, …):
    # the PDF draws them for a Traditional issue (layout.fonts reads the substitutions),
    # an EPUB reader for zh-Hant text. The Japanese and Korean ones would double the file.
    opts.layout_features = ["vert", "vrt2", "locl"]
    _keep_chinese_locl(font)
    opts.hinting = False
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.desubroutinize = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=charset(charset_name))
    sub.subset(font)
    if "CFF " in font:
        _to_quadratic(font)
    if face in RENAMED:
        rename(font, RENAMED[face], face)
    out = out_dir / f"{face}.ttf"
    # a new file renamed over the old: a running export maps the old one (layout.fonts)
    temporary = out.with_suffix(".ttf.tmp")
    font.save(temporary)
    os.replace(temporary, out)
    cmap = font.getBestCmap()
    tgscc = tgscc_8105()
    return {"face": face, "bytes": out.stat().st_size, "chars": len(cmap),
            "han": sum(1 for c in cmap if _is_han(c)),
            "tgscc_missing": "".join(c for c in tgscc if ord(c) not in cmap),
            "seconds": round(time.perf_counter() - t0, 1)}


def _is_han(cp: int) -> bool:
    """CJK Unified Ideographs: URO, Ext-A, and Ext-B… in planes 2 and 3."""
    return 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x3FFFF


def main(argv: list[str] | None = None) -> int:
    """Build the requested faces (default: all) in parallel."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--charset", default="gbk", choices=["gbk", "gb2312+big5"])
    ap.add_argument("faces", nargs="*", default=list(SOURCES))
    args = ap.parse_args(argv)
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(build_face, f, args.charset) for f in args.faces]
        for fut in futures:
            print(fut.result(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
