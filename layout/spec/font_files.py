"""A face the spec brings as a file: `fonts: {song: [fonts/MingLiU-Body.ttf]}`.

A paper's own typefaces (a Traditional face for a Taiwan or Hong Kong paper, a
house 标宋) are rarely among the shipped ones, so a role chain may name a TrueType
file, relative to the spec file that names it, beside the shipped face names. The
face takes the file's name (stem); the PDF embeds a subset of it and the EPUB a
subset too. Only what can be checked cheaply is checked here, the first four bytes:
the composer and the PDF writer read TrueType (glyf) outlines only, so a CFF
OpenType (`OTTO`) or a collection (`ttcf`) is refused with a hint rather than
failing later in the middle of an export.
"""

from __future__ import annotations

import re
from pathlib import Path

from layout.digest import digest

FONT_FILE_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")  # kept out of PDF font names and CSS


def names_a_file(entry: str) -> bool:
    """Whether a role-chain entry is a font file rather than a shipped face name."""
    return entry.lower().endswith(FONT_FILE_SUFFIXES) or "/" in entry or "\\" in entry


def face_name(path: Path) -> str:
    """The face name a file gives: its stem, with characters a PDF font name or a CSS
    family name would need escaped replaced by `-` (a Chinese file name keeps a
    readable prefix and a digest of itself, so two such files stay apart)."""
    name = _UNSAFE.sub("-", path.stem).strip("-.")
    if name != path.stem:
        name = f"{name or 'Face'}-{digest(path.stem.encode()).hexdigest()[:6]}"
    return name


def file_problem(path: Path) -> tuple[str, str | None] | None:
    """(what is wrong, hint) if `path` is no TrueType font this tool can use, else None."""
    try:
        with open(path, "rb") as fh:
            magic = fh.read(4)
    except FileNotFoundError:
        return ("expected an existing font file, found none", f"looked for {path}")
    except OSError as exc:
        return (f"cannot read the font file ({exc.strerror})", None)
    if magic in _TRUETYPE:
        return None
    if magic == b"OTTO":
        return ("expected TrueType outlines, found CFF (PostScript) outlines, which the PDF "
                "writer cannot embed", "use a TrueType (.ttf) build of the face, or convert "
                "this one (fontTools' otf2ttf recipe, as fonts/build_fonts.py does)")
    if magic == b"ttcf":
        return ("expected one TrueType face, found a font collection",
                "extract the face you want into a .ttf (e.g. fontTools: "
                "TTFont(path, fontNumber=N).save('face.ttf'))")
    return ("expected a TrueType font file, found something else", None)
