"""ReportLab's `TTFont` of a face file, loaded cheaply.

ReportLab parses a CJK face's cmap and metrics in Python (~40 ms a face) and keeps
the whole file in memory; its subsetter copies the 9 MB `glyf` table once per
256-glyph subset. Here the parsed state comes from the disk cache, the file is mapped
rather than read, `glyf` is sliced without copies, and a map only HarfBuzz shaping
reads is built on first use. Output is byte-identical to a plain `TTFont`.
"""

from __future__ import annotations

import mmap
import pickle
from functools import partial
from operator import mul
from pathlib import Path
from typing import TYPE_CHECKING

from layout.disk_cache import cache_file, store

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont


def reportlab_font(name: str, path: Path) -> TTFont:
    """ReportLab's `TTFont` of a face file, its parsed tables from the disk cache.

    Why: ReportLab parses a CJK face's cmap and metrics in Python, ~40 ms a face and
    the largest cost of a one-page export; loading the parsed tables back takes about
    half that. What is cached is the state `TTFont(name, path)` leaves (minus the file
    bytes, re-read, and two objects that cannot be pickled), keyed by the file and
    ReportLab's version; anything unexpected falls back to a plain parse.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    cache = cache_file("rlface", path, _reportlab_version())
    try:
        with open(cache, "rb") as fh:
            font_state, face_state = pickle.load(fh)
        return _rebuilt(name, path, font_state, face_state)
    except (OSError, pickle.UnpicklingError, ValueError, EOFError, AttributeError,
            TypeError, KeyError):
        pass
    font = TTFont(name, str(path))
    font_state = {k: v for k, v in vars(font).items() if k not in ("face", "state", "fontName")}
    face_state = {k: v for k, v in vars(font.face).items() if k not in REBUILT_FACE_KEYS}
    store(cache, (font_state, face_state))
    return font


# TTFontFace attributes not cached: the font file's bytes (re-read), the scaling
# function ReportLab keeps as a lambda (rebuilt from unitsPerEm, as ReportLab does) and
# the glyph -> characters map (rebuilt from the cmap when first used: only HarfBuzz
# shaping reads it, which the renderer never asks for; unpickling it was ~7 ms a face)
REBUILT_FACE_KEYS = ("_ttf_data", "_pdfScale", "glyphToChar")


class _GlyphToChar(dict):
    """ReportLab's `face.glyphToChar` (glyph -> its characters in cmap order), built
    from `charToGlyph` the first time anything reads it."""

    def __init__(self, char_to_glyph: dict[int, int]) -> None:
        super().__init__()
        self._source: dict[int, int] | None = char_to_glyph

    def _build(self) -> None:
        source, self._source = self._source, None
        for char, glyph in (source or {}).items():
            dict.setdefault(self, glyph, []).append(char)

    def __missing__(self, glyph: int) -> list[int]:
        if self._source is None:
            raise KeyError(glyph)
        self._build()
        return self[glyph]

    def __contains__(self, glyph: object) -> bool:
        if self._source is not None:
            self._build()
        return dict.__contains__(self, glyph)

    def get(self, glyph, default=None):  # type: ignore[no-untyped-def,override]
        if self._source is not None:
            self._build()
        return dict.get(self, glyph, default)

    def setdefault(self, glyph, default=None):  # type: ignore[no-untyped-def,override]
        if self._source is not None:
            self._build()
        return dict.setdefault(self, glyph, default)


def _rebuilt(name: str, path: Path, font_state: dict, face_state: dict) -> TTFont:
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(face_state)
    face.filename = str(path)  # the entry may come from a copy of this file elsewhere
    face._ttf_data = _mapped(path)
    face.get_table = partial(_table, face)  # type: ignore[method-assign]
    face.glyphToChar = _GlyphToChar(face.charToGlyph)
    upm = face.unitsPerEm
    face._pdfScale = _unscaled if upm == 1000 else partial(mul, 1000 / upm)
    font = TTFont.__new__(TTFont)
    font.__dict__.update(font_state)
    font.fontName, font.face, font.state = name, face, WeakKeyDictionary()
    return font


def _mapped(path: Path) -> mmap.mmap:
    """The face file mapped, not read: ReportLab only slices `_ttf_data`, for the
    tables and the glyphs a subset takes, so a page touches a few of its 10 MB."""
    with open(path, "rb") as fh:
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)


def _table(face: object, tag: str) -> object:
    """`TTFontFile.get_table` without copying `glyf`: ReportLab's `makeSubset` takes the
    whole table (9 MB here, ~4 ms a copy) once per 256-glyph subset, only to slice
    out the glyphs it keeps. The view slices the mapped file instead."""
    pos, length = face.get_table_pos(tag)  # type: ignore[attr-defined]
    data = face._ttf_data  # type: ignore[attr-defined]
    return _TableView(data, pos, length) if tag == "glyf" else data[pos:pos + length]


class _TableView:
    """A table of the mapped face file that copies only the slices taken of it."""

    __slots__ = ("_data", "_start", "_length")

    def __init__(self, data: mmap.mmap, start: int, length: int) -> None:
        self._data, self._start, self._length = data, start, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, item: slice) -> bytes:
        start, stop, step = item.indices(self._length)
        if step != 1:
            raise ValueError("a table view takes contiguous slices only")
        return self._data[self._start + start:self._start + max(start, stop)]

    def __bytes__(self) -> bytes:
        return self[:]


def _unscaled(value: float) -> float:
    return value


def _reportlab_version() -> str:
    import reportlab

    return str(reportlab.Version)
