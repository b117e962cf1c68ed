"""The font registry: shipped faces, role fallback chains, coverage, ReportLab faces.

In: `fonts/fonts.yaml` (faces and chains; chains may be overridden by the layout
spec). Out: a `FontSet` that implements `layout.typeset.measure.Metrics` for the
composer, registers faces with ReportLab for the PDF renderer, and gives the EPUB
exporter each face's file. Faces are parsed lazily (only those a lookup reaches) and
once per process. The composer needs only each face's cmap and advances: those are
kept in a small pickle per face file under ~/.cache/cjk-newspaper-layout (keyed by
the file's content: `_cache_file`), so a new process measures text without importing ReportLab or
parsing a 10 MB font (~0.1 s). The PDF renderer needs ReportLab's own parse of each
face it registers; that is cached beside them (`_reportlab_font`), ~40 -> ~24 ms a face.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import pickle
import threading
from functools import lru_cache, partial
from operator import mul
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Iterable, Mapping, Sequence

import yaml

from layout.errors import FontError

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
_LOCK = threading.Lock()
_PARSED: dict[Path, TTFont] = {}  # one ReportLab parse per file per process
_CACHE_VERSION = 5


def _parse(name: str, path: Path) -> TTFont:
    """Parse (once) and register a face with ReportLab under `name`."""
    from reportlab.pdfbase import pdfmetrics

    with _LOCK:
        font = _PARSED.get(path)
        if font is None:
            font = _PARSED[path] = _reportlab_font(name, path)
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(font if font.fontName == name else _reportlab_font(name, path))
        return font


def _reportlab_font(name: str, path: Path) -> TTFont:
    """ReportLab's `TTFont` of a face file, its parsed tables from the disk cache.

    Why: ReportLab parses a CJK face's cmap and metrics in Python, ~40 ms a face and
    the largest cost of a one-page export; loading the parsed tables back takes about
    half that. What is cached is the state `TTFont(name, path)` leaves (minus the file
    bytes, re-read, and two objects that cannot be pickled), keyed by the file and
    ReportLab's version; anything unexpected falls back to a plain parse.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    cache = _cache_file("rlface", path, _reportlab_version())
    try:
        with open(cache, "rb") as fh:
            font_state, face_state = pickle.load(fh)
        return _rebuilt(name, path, font_state, face_state)
    except (OSError, pickle.UnpicklingError, ValueError, EOFError, AttributeError,
            TypeError, KeyError):
        pass
    font = TTFont(name, str(path))
    font_state = {k: v for k, v in vars(font).items() if k not in ("face", "state", "fontName")}
    face_state = {k: v for k, v in vars(font.face).items() if k not in _REBUILT_FACE_KEYS}
    _store(cache, (font_state, face_state))
    return font


# TTFontFace attributes not cached: the font file's bytes (re-read), the scaling
# function ReportLab keeps as a lambda (rebuilt from unitsPerEm, as ReportLab does) and
# the glyph -> characters map (rebuilt from the cmap when first used: only HarfBuzz
# shaping reads it, which the renderer never asks for; unpickling it was ~7 ms a face)
_REBUILT_FACE_KEYS = ("_ttf_data", "_pdfScale", "glyphToChar")


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


def _cache_file(kind: str, path: Path, *extra: str) -> Path:
    """The cache file of `kind` for the face file `path` as it is now.

    Keyed by content, not by path and mtime: every clone or copy of the fonts shares
    one entry instead of adding ~3 MB to the cache. A TrueType file's first bytes
    are its table directory, which holds a checksum of every table (and `head`
    one of the whole file), so they and the size identify the file for the price of
    one small read.
    """
    with open(path, "rb") as fh:
        directory = fh.read(_DIRECTORY_BYTES)
    digest = hashlib.sha1(directory)
    digest.update("|".join([str(path.stat().st_size), str(_CACHE_VERSION), *extra]).encode())
    return cache_dir() / f"{kind}-{digest.hexdigest()[:16]}.pickle"


_DIRECTORY_BYTES = 4096  # 12 + 16 per table: room for 255 tables


def _store(cache: Path, value: object) -> None:
    """Write a cache entry atomically; a read-only cache directory is no error."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass


class FontSet:
    """Faces by name, role chains, per-face cmaps and advances (Metrics)."""

    def __init__(self, files: Mapping[str, Path], chains: Mapping[str, Sequence[str]]):
        unknown = sorted({f for chain in chains.values() for f in chain} - set(files))
        if unknown:
            raise FontError(f"fonts: unknown face(s) in role chains: {', '.join(unknown)}")
        self._files = dict(files)
        self.chains = {role: tuple(chain) for role, chain in chains.items()}
        self._widths: dict[str, dict[int, int]] = {}
        self._default: dict[str, int] = {}
        self._ink: dict[str, dict[str, tuple[float, float]]] = {}
        self._lookup: dict[tuple[str, str], str | None] = {}
        self._all_faces = tuple(dict.fromkeys(f for c in self.chains.values() for f in c))

    # -- faces ---------------------------------------------------------------
    @property
    def faces(self) -> tuple[str, ...]:
        """Every face some role uses, in chain order."""
        return self._all_faces

    def font_path(self, face: str) -> Path:
        """The .ttf file of `face` (the EPUB exporter subsets it to WOFF2/TTF)."""
        try:
            return self._files[face]
        except KeyError:
            raise FontError(f"fonts: unknown face {face!r}") from None

    def register(self, face: str) -> str:
        """Make `face` drawable by ReportLab; returns the name to `setFont` with."""
        _parse(face, self.font_path(face))
        return face

    def _cmap_widths(self, face: str) -> dict[int, int]:
        w = self._widths.get(face)
        if w is None:
            w, self._default[face], self._ink[face] = _face_widths(face, self.font_path(face))
            self._widths[face] = w
        return w

    def has(self, face: str, ch: str) -> bool:
        """Whether `face` has a glyph for `ch`."""
        return ord(ch) in self._cmap_widths(face)

    # -- Metrics -------------------------------------------------------------
    def face_for(self, ch: str, role: str) -> str | None:
        """First face of `role`'s chain with `ch`, else of any role's chain, else None."""
        key = (ch, role)
        try:
            return self._lookup[key]
        except KeyError:
            pass
        cp = ord(ch)
        found = None
        for face in (*self.chains.get(role, ()), *self._all_faces):
            if cp in self._cmap_widths(face):
                found = face
                break
        self._lookup[key] = found
        return found

    def advance(self, face: str, text: str, size: float) -> float:
        """The font's own advance of `text` at `size` pt (hmtx, no kerning)."""
        widths = self._cmap_widths(face)
        d = self._default[face]
        return sum(widths.get(ord(c), d) for c in text) * size / 1000.0

    def ink_extent(self, face: str, ch: str) -> tuple[float, float]:
        """Horizontal ink bounds of `ch` in em (to draw —— as one unbroken rule)."""
        self._cmap_widths(face)
        known = self._ink[face].get(ch)
        return known if known is not None else _ink_extent(self.font_path(face), ch)

    # -- coverage ------------------------------------------------------------
    def missing_chars(self, issue_texts: Iterable[tuple[str, str]]
                      ) -> list[tuple[str, str, str]]:
        """Characters no face draws: (char, "U+XXXX", where), first occurrence each.

        `issue_texts` yields (where, text) pairs, e.g. ("article 3 headline", "…").
        """
        seen: set[str] = set()
        out = []
        for where, text in issue_texts:
            for ch in set(text) - seen:
                seen.add(ch)
                if ch.isspace() or self.face_for(ch, "song") is not None:
                    continue
                out.append((ch, f"U+{ord(ch):04X}", where))
        return sorted(out, key=lambda m: (m[2], m[1]))


def cache_dir() -> Path:
    """Where derived font data is cached: `$LAYOUT_CACHE_DIR`, else the XDG cache."""
    if env := os.environ.get("LAYOUT_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cjk-newspaper-layout"


_INK_CACHED = "—⸺"  # the dashes the composer draws as one rule (lb_runs)


def _face_widths(name: str, path: Path
                 ) -> tuple[dict[int, int], int, dict[str, tuple[float, float]]]:
    """A face's cmap with advances (code point -> 1/1000 em), its default width and
    the ink extents of the dashes.

    Read from the on-disk cache when the font file is unchanged, else from a
    ReportLab parse (then cached; a read-only cache directory is no error).
    """
    cache = _cache_file("widths", path)
    try:
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, ValueError, EOFError):
        pass
    tt = _parse(name, path)
    # ReportLab's charWidths maps every cmap code point to its advance (1/1000 em)
    widths = {c: tt.face.charWidths.get(c, tt.face.defaultWidth) for c in tt.face.charToGlyph}
    default = int(tt.face.defaultWidth)
    ink = {ch: _ink_extent(path, ch) for ch in _INK_CACHED}
    _store(cache, (widths, default, ink))
    return widths, default, ink


@lru_cache(maxsize=64)
def _ink_extent(path: Path, ch: str) -> tuple[float, float]:
    from fontTools.ttLib import TTFont as FTFont

    font = FTFont(str(path), lazy=True)
    name = font.getBestCmap().get(ord(ch))
    upm = font["head"].unitsPerEm
    if name is None:
        return (0.0, 1.0)
    glyph = font["glyf"][name]
    if not hasattr(glyph, "xMin"):
        return (0.0, font["hmtx"][name][0] / upm)
    return (glyph.xMin / upm, glyph.xMax / upm)


def load_manifest(font_dir: Path | None = None) -> tuple[dict[str, Path], dict[str, list[str]]]:
    """Read fonts.yaml: face -> file path, role -> chain."""
    font_dir = font_dir or FONT_DIR
    manifest = font_dir / "fonts.yaml"
    try:
        data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FontError(f"{manifest}: cannot read the font manifest ({exc.strerror})") from None
    files = {name: font_dir / spec["file"] for name, spec in data["faces"].items()}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise FontError(f"{manifest}: font file(s) missing: {', '.join(missing)}")
    return files, {role: list(chain) for role, chain in data["chains"].items()}


_CACHE: dict[tuple, FontSet] = {}


def load_fontset(chains: Mapping[str, Sequence[str]] | None = None,
                 font_dir: Path | None = None) -> FontSet:
    """The FontSet of the shipped fonts; `chains` overrides roles (from the spec).

    Cached per (font_dir, chains): loading is cheap, but the per-face lookups are
    worth keeping across documents in one process.
    """
    key = (str(font_dir), tuple(sorted((r, tuple(c)) for r, c in (chains or {}).items())))
    fs = _CACHE.get(key)
    if fs is None:
        files, default = load_manifest(font_dir)
        merged = {**default, **{r: list(c) for r, c in (chains or {}).items()}}
        fs = _CACHE[key] = FontSet(files, merged)
    return fs
