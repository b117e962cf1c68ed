"""Shown texts -> embedded font subsets (WOFF2) holding only the characters used.

In: the texts per spec style (from `epub_xhtml.TextLog`), the spec (style -> role)
and a font source (`face_for(ch, role)`, `font_path(face)`). Out: one WOFF2 subset per
face some role actually reaches, holding exactly the characters that face draws, and
per role the CSS font stack.

Faces, not roles, are the unit: `kai` and `fangsong` share 霞鹜文楷, and a role's
fallback chain may reach another role's face. Each role's CSS stack is its chain
followed by every other embedded face, the same order as `FontSet.face_for`, so a
reader picks, character by character, the face the PDF uses.

Subsetting a 10 MB CJK face takes ~1 s (parse, closure, Brotli), so subsets are
cached on disk by (font file, size, mtime, characters) in `epub-fonts` under
`layout.disk_cache.cache_dir()`; a cache that cannot be written is skipped, not fatal.
"""

from __future__ import annotations

import hashlib
import io
import mmap
import os
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from layout import sfnt
from layout.spec.schema import Spec

_CACHE_VERSION = "2"  # bump when subset options change (2: head.modified kept)
_NO_GLYPH = frozenset("\t\n\r")


class FontSourceLike(Protocol):
    """What the exporter needs of `layout.fonts.FontSet`."""

    def face_for(self, ch: str, role: str) -> str | None: ...

    def font_path(self, face: str) -> Path: ...


class FontCoverageWarning(UserWarning):
    """A character no font of its role (nor any other) can draw."""


@dataclass(frozen=True, slots=True)
class EmbeddedFace:
    """One subset face: CSS family, file name in the EPUB, weight, bytes, its characters."""

    face: str
    family: str
    file_name: str  # fonts/NotoSerifSC-Regular.woff2
    weight: int
    data: bytes
    chars: frozenset[str]
    path: Path  # the full font it was cut from


def chars_by_role(texts: Mapping[str, Iterable[str]], spec: Spec) -> dict[str, set[str]]:
    """Characters each font role shows (a style's texts count under its role)."""
    body_role = spec.styles["body"].role if "body" in spec.styles else "song"
    out: dict[str, set[str]] = {}
    for style, values in texts.items():
        role = spec.styles[style].role if style in spec.styles else body_role
        bucket = out.setdefault(role, set())
        for text in values:
            bucket.update(text)
    return out


def assign_faces(used: Mapping[str, set[str]], fonts: FontSourceLike
                 ) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """(face -> characters it draws, role -> faces reached) via `face_for`.

    Warns (FontCoverageWarning) once per character no face has, naming it and its
    code point. Spaces need a glyph too (else the reader paints them with a system
    font); only line-ending controls, which XHTML collapses, are skipped.
    """
    faces: dict[str, set[str]] = {}
    roles: dict[str, list[str]] = {}
    missing: dict[str, str] = {}
    for role in sorted(used):
        for ch in sorted(used[role]):
            if ch in _NO_GLYPH:
                continue
            face = fonts.face_for(ch, role)
            if face is None:
                missing.setdefault(ch, role)
                continue
            faces.setdefault(face, set()).add(ch)
            if face not in roles.setdefault(role, []):
                roles[role].append(face)
    for ch, role in sorted(missing.items()):
        warnings.warn(f"epub: no font draws {ch!r} (U+{ord(ch):04X}), used in role {role}; "
                      "readers will substitute a system font", FontCoverageWarning, stacklevel=3)
    return faces, roles


def embed_faces(faces: Mapping[str, set[str]], fonts: FontSourceLike) -> list[EmbeddedFace]:
    """Subset every face to its characters, in a stable order (by face name)."""
    out = []
    for face in sorted(faces):
        path = Path(fonts.font_path(face))
        chars = frozenset(faces[face])
        data = subset_woff2(path, chars)
        out.append(EmbeddedFace(face=face, family=_family(face), file_name=f"fonts/{face}.woff2",
                                weight=font_weight(path), data=data, chars=chars, path=path))
    return out


def role_stacks(roles: Mapping[str, list[str]], spec: Spec, embedded: Iterable[EmbeddedFace],
                chains: Mapping[str, Iterable[str]] | None = None) -> dict[str, list[str]]:
    """Per role: CSS families in `face_for` order (own chain, then every other face)."""
    families = {e.face: e.family for e in embedded}
    stacks: dict[str, list[str]] = {}
    for role in {s.role for s in spec.styles.values()}:
        order = [*(chains or {}).get(role, ()), *roles.get(role, ()), *sorted(families)]
        stacks[role] = list(dict.fromkeys(families[f] for f in order if f in families))
    return stacks


def _family(face: str) -> str:
    """A CSS family name that cannot clash with an installed font of the same name."""
    return f"ep-{face}"


@lru_cache(maxsize=32)
def font_weight(path: Path) -> int:
    """OS/2 usWeightClass (400 regular, 700 bold): the @font-face weight."""
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return sfnt.weight_class(data)


def cache_dir() -> Path:
    """Where subsets are kept between runs: beside the composer's font cache."""
    from layout.disk_cache import cache_dir as font_cache_dir

    return font_cache_dir() / "epub-fonts"


def subset_woff2(path: Path, chars: frozenset[str]) -> bytes:
    """WOFF2 subset of `path` with exactly `chars` in its cmap (cached on disk)."""
    st = path.stat()
    text = "".join(sorted(chars))
    key = hashlib.sha256(f"{_CACHE_VERSION}|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{text}"
                         .encode("utf-8", "surrogatepass")).hexdigest()
    cached = cache_dir() / f"{key}.woff2"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = _subset(path, text)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.part")
        tmp.write_bytes(data)
        os.replace(tmp, cached)
    except OSError:
        pass  # a read-only home: subset again next time
    return data


def _subset(path: Path, text: str) -> bytes:
    """fontTools subset: keep vertical metrics and `vert`/`vrt2` for 竖排, drop hinting.
    The source face's `head.modified` is kept (fontTools would stamp the time of the
    subsetting), so an EPUB is the same bytes on any machine, cache or not. fontTools is
    imported here, not with the module: with the subsets cached it is not needed."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False  # CJK hinting is large and readers ignore it on hi-dpi screens
    options.desubroutinize = True  # smaller after Brotli for CFF faces
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright + OFL notice/URL
    options.notdef_outline = True
    options.layout_features = ["*"]
    font = TTFont(str(path), lazy=True, fontNumber=0, recalcTimestamp=False)
    try:
        sub = subset.Subsetter(options)
        sub.populate(text=text)
        sub.subset(font)
        buf = io.BytesIO()
        font.flavor = "woff2"
        font.save(buf)
    finally:
        font.close()
    return buf.getvalue()


def cmap_chars(data: bytes) -> set[str]:
    """The characters a (subset) font's cmap maps: what it can draw."""
    from fontTools.ttLib import TTFont

    with TTFont(io.BytesIO(data)) as font:
        return {chr(cp) for cp in font.getBestCmap()}
