"""Shown texts -> embedded font subsets (TrueType or WOFF2) holding only the characters used.

In: the texts per spec style (from `epub_xhtml.TextLog`), the spec (style -> role)
and a font source (`face_for(ch, role)`, `font_path(face)`). Out: one subset per
face some role actually reaches, holding exactly the characters that face draws, and
per role the CSS font stack.

Faces, not roles, are the unit: `kai` and `fangsong` share 霞鹜文楷, and a role's
fallback chain may reach another role's face. Each role's CSS stack is its chain
followed by every other embedded face, the same order as `FontSet.face_for`, so a
reader picks, character by character, the face the PDF uses.

Subsetting a 10 MB CJK face takes 0.1-0.4 s as TrueType (parse, closure, glyphs
without their hinting), three times that as WOFF2 (its glyf transform and Brotli),
so subsets are cached on disk by font (its content) and characters (`layout.disk_cache`),
the `SUBSETS_KEPT` used last; a cache that cannot be written is skipped, not fatal.
The faces not cached are subset in parallel, one forked process per core, the largest
first (`make_subsets`); a worker's log records and warnings are replayed here
and its errors raised here, as if the face had been subset in this process.
"""

from __future__ import annotations

import io
import logging
import mmap
import multiprocessing
import os
import shutil
import warnings
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from layout import disk_cache, sfnt
from layout.digest import digest
from layout.errors import FontError
from layout.spec.schema import FontFormat, Spec

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

_CACHE_VERSION = "4"  # bump when subset options change (2: head.modified kept, 3: locl by issue, 4: format)
_CACHE_KIND = "epub-font"
_OLD_FOLDER = "epub-fonts"  # where subsets were kept before, by path and mtime: never read now
SUBSETS_KEPT = 64  # a few documents' worth of every face (30-300 KB a subset)
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
    file_name: str  # fonts/NotoSerifSC-Regular.ttf
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


def embed_faces(faces: Mapping[str, set[str]], fonts: FontSourceLike, *,
                workers: int | None = None,
                font_format: FontFormat = FontFormat.TTF) -> list[EmbeddedFace]:
    """Subset every face to its characters, in a stable order (by face name), as
    `font_format`; the subsets not cached are made in up to `workers` processes (see
    `make_subsets`)."""
    names = sorted(faces)
    paths = [Path(fonts.font_path(face)) for face in names]
    charsets = [frozenset(faces[face]) for face in names]
    regional = getattr(fonts, "forms", None) is not None  # a Traditional issue's (FontSet.forms)
    made = make_subsets(list(zip(paths, charsets)), workers=workers, regional=regional,
                        font_format=font_format)
    return [EmbeddedFace(face=face, family=_family(face), file_name=f"fonts/{face}.{font_format.value}",
                         weight=font_weight(path), data=data, chars=chars, path=path)
            for face, path, chars, data in zip(names, paths, charsets, made)]


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


def subset_font(path: Path, chars: frozenset[str],
                font_format: FontFormat = FontFormat.TTF) -> bytes:
    """The subset of `path` with exactly `chars` in its cmap (cached on disk)."""
    return make_subsets([(path, chars)], font_format=font_format)[0]


def make_subsets(wanted: Sequence[tuple[Path, frozenset[str]]], *,
                 workers: int | None = None, regional: bool = False,
                 font_format: FontFormat = FontFormat.TTF) -> list[bytes]:
    """`subset_font` of each (font, characters), in order; `regional`: with the faces'
    Taiwan and Hong Kong forms (`locl`), for a reader to draw zh-Hant text in them, else
    without (they would add ~20 % to a Simplified issue's fonts). Those not cached are made
    in up to `workers` forked processes at once (None: one per core), each the same
    bytes as made here; one process where fork is unavailable (or in a daemon
    process, which may not have children) or one subset is wanted.

    Raises FontError naming the font file when fontTools cannot subset it (the first
    such in `wanted` order, as one process would); RuntimeError if a worker dies.
    """
    texts = ["".join(sorted(chars)) for _, chars in wanted]
    cached = [_cache_file(path, text, regional, font_format)
              for (path, _), text in zip(wanted, texts)]
    out = [known if isinstance(known := disk_cache.load(file), bytes) else None for file in cached]
    todo = [i for i, data in enumerate(out) if data is None]
    made = _make_all([(wanted[i][0], texts[i], regional, font_format) for i in todo],
                     _workers(workers, len(todo)))
    for i, data in zip(todo, made):
        out[i] = data
        disk_cache.store(cached[i], data)
    if todo:
        disk_cache.prune(_CACHE_KIND, SUBSETS_KEPT)
        shutil.rmtree(disk_cache.cache_dir() / _OLD_FOLDER, ignore_errors=True)
    return [data for data in out if data is not None]


def _cache_file(path: Path, text: str, regional: bool, font_format: FontFormat) -> Path:
    """The cache entry of `path`'s subset to `text` (keyed by the font's content, as
    `layout.disk_cache` keys the metrics: every clone shares it)."""
    key = digest(text.encode("utf-8", "surrogatepass")).hexdigest()
    return disk_cache.cache_file(_CACHE_KIND, path, _CACHE_VERSION, key,
                                 "regional" if regional else "own", font_format.value)


def _workers(asked: int | None, jobs: int) -> int:
    """Processes to subset `jobs` faces with: 1 unless forking is possible and useful."""
    if asked is None:
        asked = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if (jobs < 2 or "fork" not in multiprocessing.get_all_start_methods()
            or multiprocessing.current_process().daemon):
        return 1
    return max(1, min(asked, jobs))


def _make_all(jobs: Sequence[tuple[Path, str, bool, FontFormat]], workers: int) -> list[bytes]:
    """`_subset` of each job, in order, in `workers` processes (this one if 1).

    The jobs go out largest first (by characters, as the glyf transform and Brotli
    grow with the glyphs): the longest starts at once, the small ones fill the other
    cores. fontTools is imported before the fork, once rather than in every worker.
    The results are taken in job order, each job's log records and warnings replayed
    before its error is raised, as in one process; the jobs not started are dropped.
    """
    if workers < 2:
        return [_subset(*job) for job in jobs]
    from fontTools import subset  # noqa: F401
    if any(job[3] is FontFormat.WOFF2 for job in jobs):
        from fontTools.ttLib import woff2  # noqa: F401

    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i][1]))
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    out = []
    try:
        futures = {i: pool.submit(_subset_relayed, *jobs[i]) for i in order}
        for i in range(len(jobs)):
            data, records, caught = futures[i].result()
            for record in records:
                logging.getLogger(record.name).handle(record)
            for text, category, filename, lineno in caught:
                warnings.warn_explicit(text, category, filename, lineno)
            if isinstance(data, FontError):
                raise data
            out.append(data)
    except BrokenProcessPool:
        raise RuntimeError("epub: a font subsetting process stopped without a word") from None
    finally:
        pool.shutdown(cancel_futures=True)
    return out


_Warning = tuple[str, type[Warning], str, int]


def _subset_relayed(path: Path, text: str, regional: bool, font_format: FontFormat
                    ) -> tuple[bytes | FontError, list[logging.LogRecord], list[_Warning]]:
    """In a worker: `_subset` (or its FontError), and the log records and warnings it
    raised, to replay in the parent (the worker's handlers are copies that would print
    or drop them)."""
    records: list[logging.LogRecord] = []
    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers[:] = [_Collect(records)]
    data: bytes | FontError
    try:
        with warnings.catch_warnings(record=True) as caught:
            data = _subset(path, text, regional, font_format)
    except FontError as exc:
        data = exc
    finally:
        root.handlers[:] = saved
    # the message object may not pickle: its text and class make it again
    return data, records, [(str(w.message), w.category, w.filename, w.lineno) for w in caught]


class _Collect(logging.Handler):
    """Keeps the records that reach the root logger, made picklable (as QueueHandler)."""

    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__()
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


def _subset(path: Path, text: str, regional: bool = False,
            font_format: FontFormat = FontFormat.TTF) -> bytes:
    """fontTools subset: keep vertical metrics and `vert`/`vrt2` for 竖排, drop hinting.
    The source face's `head.modified` is kept (fontTools would stamp the time of the
    subsetting), so an EPUB is the same bytes on any machine, cache or not. fontTools is
    imported here, not with the module: with the subsets cached it is not needed.
    Whatever fontTools raises on a face it cannot read is a FontError naming the file."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    flavor = "woff2" if font_format is FontFormat.WOFF2 else None  # None: TrueType as it is
    options = subset.Options()
    options.flavor = flavor
    options.hinting = False  # CJK hinting is large and readers ignore it on hi-dpi screens
    options.desubroutinize = True  # smaller after Brotli for CFF faces
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright + OFL notice/URL
    options.notdef_outline = True
    options.layout_features = ["*"]
    options.drop_tables += ["FFTM"]  # FontForge's build stamp: dropped without a warning
    buf = io.BytesIO()
    try:
        with TTFont(str(path), lazy=True, fontNumber=0, recalcTimestamp=False) as font:
            _name_glyphs_by_index(font)
            if not regional:
                _drop_regional_forms(font)
            sub = subset.Subsetter(options)
            sub.populate(text=text)
            sub.subset(font)
            font.flavor = flavor
            font.save(buf)
    except Exception as exc:  # noqa: BLE001 - anything fontTools raises on a bad face
        kind = type(exc).__qualname__
        if type(exc).__module__ != "builtins":
            kind = f"{type(exc).__module__}.{kind}"  # struct.error, not error
        raise FontError(f"{path}: cannot subset the font for the EPUB ({kind}: {exc})") from None
    return buf.getvalue()


def _drop_regional_forms(font: TTFont) -> None:
    """Unhook the Taiwan and Hong Kong language systems (ZHT, ZHH) from GSUB, so the
    subset keeps none of the glyphs only their `locl` reaches."""
    if "GSUB" not in font or not font["GSUB"].table.ScriptList:
        return
    for record in font["GSUB"].table.ScriptList.ScriptRecord:
        script = record.Script
        script.LangSysRecord = [r for r in script.LangSysRecord
                                if r.LangSysTag.strip() not in ("ZHT", "ZHH")]
        script.LangSysCount = len(script.LangSysRecord)


def _name_glyphs_by_index(font: TTFont) -> None:
    """Name the glyphs of a TrueType face whose `post` table names none (format 3, as
    all the shipped faces) g1, g2 ... before any table is read. fontTools would make
    names from the cmap: parse it, name each of up to 65,535 glyphs from the Adobe
    Glyph List, drop the cmap and parse it again, ~0.1 s a face. The subset writes no
    names (`post` format 3 again, `options.glyph_names` off) and orders glyphs by
    index, so any distinct names give the same bytes (tested against fontTools' own
    naming). CFF faces name their glyphs in the CFF table: left alone, as are faces
    whose `post` table has names."""
    reader = font.reader
    if reader is None or "glyf" not in reader or "post" not in reader:
        return
    if reader["post"][:4] != b"\x00\x03\x00\x00":
        return
    font.setGlyphOrder([".notdef", *(f"g{i}" for i in range(1, font["maxp"].numGlyphs))])


def cmap_chars(data: bytes) -> set[str]:
    """The characters a (subset) font's cmap maps: what it can draw."""
    from fontTools.ttLib import TTFont

    with TTFont(io.BytesIO(data)) as font:
        return {chr(cp) for cp in font.getBestCmap()}
