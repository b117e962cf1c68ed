"""The font registry: shipped faces, role fallback chains, coverage, cmaps.

In: `fonts/fonts.yaml` (faces and chains; chains may be overridden by the layout
spec). Out: a `FontSet` that implements `layout.typeset.measure.Metrics` for the
composer, gives the PDF renderer each face's glyph ids and the EPUB exporter each
face's file. Faces are read lazily (only those a lookup reaches) and once per
process. What is read (cmap, advances, glyph ids) is kept in a small pickle per face
file (`layout.disk_cache`), so a new process measures and draws text without parsing
a 10 MB font (~0.1 s a face).
"""

from __future__ import annotations

import mmap
import re
from array import array
from bisect import bisect_left
from functools import lru_cache
from typing import Any, NamedTuple
from pathlib import Path
from collections.abc import Iterable, Iterator, Mapping, Sequence

from layout.disk_cache import cache_file, load, prune, store
from layout.errors import FontError
from layout.ranges import runs
from layout.read_cache import read_once

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"


class FaceCmap:
    """A face's cmap: code points, their advances (1/1000 em) and glyph ids, as
    arrays sorted by code point.

    Arrays, not dicts: the cache pickles them as three byte strings, read back in
    microseconds, where two dicts of ~30,000 entries took ~5 ms a face to unpickle
    (an export reads four faces). A look-up is a bisection; the callers keep what
    they looked up.
    """

    __slots__ = ("codes", "advances", "gids")

    def __init__(self, codes: array, advances: array, gids: array) -> None:
        self.codes, self.advances, self.gids = codes, advances, gids

    def __reduce__(self) -> tuple:
        return (FaceCmap, (self.codes, self.advances, self.gids))

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, FaceCmap) and self.codes == other.codes
                and self.advances == other.advances and self.gids == other.gids)

    __hash__ = None  # type: ignore[assignment]  # compared by value, and mutable arrays

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, cp: int) -> bool:
        return self._index(cp) >= 0

    def _index(self, cp: int) -> int:
        i = bisect_left(self.codes, cp)
        return i if i < len(self.codes) and self.codes[i] == cp else -1

    def advance(self, cp: int, default: float) -> float:
        """The advance of `cp` in 1/1000 em; `default` (.notdef's) if unmapped."""
        i = self._index(cp)
        return self.advances[i] if i >= 0 else default

    def gid(self, cp: int) -> int:
        """The glyph id of `cp`; 0 (.notdef) if unmapped."""
        i = self._index(cp)
        return self.gids[i] if i >= 0 else 0


class FontSet:
    """Faces by name, role chains, per-face cmaps and advances (Metrics)."""

    def __init__(self, files: Mapping[str, Path], chains: Mapping[str, Sequence[str]],
                 forms: str | None = None):
        unknown = sorted({f for chain in chains.values() for f in chain} - set(files))
        if unknown:
            raise FontError(f"fonts: unknown face(s) in role chains: {', '.join(unknown)}")
        if forms not in REGIONS:
            raise FontError(f"fonts: unknown regional forms {forms!r}")
        self._files = dict(files)
        self.chains = {role: tuple(chain) for role, chain in chains.items()}
        self.forms = forms  # "ZHT" or "ZHH": the faces' Taiwan or Hong Kong forms; None: their own
        self._faces: dict[str, FaceData] = {}  # read when a look-up first reaches the face
        self._cmaps: dict[str, FaceCmap] = {}  # with the regional forms, per face
        self._forms: dict[str, dict[int, int]] = {}  # face -> its `forms` substitutions
        self._covered: dict[str, re.Pattern[str]] = {}
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

    def cmap(self, face: str) -> FaceCmap:
        """`face`'s cmap with advances and glyph ids (the PDF draws text by glyph id),
        each id replaced by its regional form's (`forms`) where the face has one."""
        known = self._cmaps.get(face)
        if known is None:
            known = self._data(face).cmap
            substitutes = self._regional(face)
            if substitutes:  # a few thousand of ~30,000: the codes and advances stay shared
                known = FaceCmap(known.codes, known.advances,
                                 array("H", [substitutes.get(g, g) for g in known.gids]))
            self._cmaps[face] = known
        return known

    def _regional(self, face: str) -> dict[int, int]:
        """glyph id -> its `forms` form in `face` (empty: no forms asked for, or none)."""
        if self.forms is None:
            return {}
        known = self._forms.get(face)
        if known is None:
            known = self._forms[face] = _regional_forms(self.font_path(face), self.forms)
        return known

    def _data(self, face: str) -> FaceData:
        known = self._faces.get(face)
        if known is None:
            known = self._faces[face] = _face_widths(face, self.font_path(face))
        return known

    def has(self, face: str, ch: str) -> bool:
        """Whether `face` has a glyph for `ch`."""
        return ord(ch) in self.cmap(face)

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
        cmaps = self._cmaps
        for face in (*self.chains.get(role, ()), *self._all_faces):
            # FaceCmap.__contains__ inlined: the composer asks once for each character
            # of each role, a thousand times a page
            codes = (cmaps.get(face) or self.cmap(face)).codes
            i = bisect_left(codes, cp)
            if i < len(codes) and codes[i] == cp:
                found = face
                break
        self._lookup[key] = found
        return found

    def advance(self, face: str, text: str, size: float) -> float:
        """The font's own advance of `text` at `size` pt (hmtx, no kerning)."""
        data = self._faces.get(face) or self._data(face)
        cmap, d = data.cmap, data.default
        if len(text) == 1:  # most calls (the composer measures a character at a time)
            codes = cmap.codes  # FaceCmap.advance inlined, as in face_for
            cp = ord(text)
            i = bisect_left(codes, cp)
            return (cmap.advances[i] if i < len(codes) and codes[i] == cp else d) * size / 1000.0
        return sum(cmap.advance(ord(c), d) for c in text) * size / 1000.0

    def ink_extent(self, face: str, ch: str) -> tuple[float, float]:
        """Horizontal ink bounds of `ch` in em (to draw —— as one unbroken rule, to
        tell where a face sets its stops)."""
        path = self.font_path(face)
        if self._regional(face):
            return _glyph_ink(path, self.cmap(face).gid(ord(ch)))
        known = self._data(face).ink.get(ch)
        return known if known is not None else _ink_extent(path, ch)

    def draws_stops_centred(self, face: str) -> bool:
        """Whether `face` draws ，。 in the middle of the em box (Taiwan and Hong Kong
        faces) rather than at its left (mainland faces): the comma's ink centre."""
        x0, x1 = self.ink_extent(face, "，")
        return (x0 + x1) / 2 > CENTRED_STOP

    # -- coverage ------------------------------------------------------------
    def missing_chars(self, issue_texts: Iterable[tuple[str, str]]
                      ) -> list[tuple[str, str, str]]:
        """Characters no face draws: (char, "U+XXXX", where), first occurrence each,
        whitespace left out; sorted by where, then code point.

        `issue_texts` yields (where, text) pairs, e.g. ("article 3 headline", "…").
        """
        texts = list(issue_texts)
        left = "".join([text for _, text in texts])
        if len(left) <= _FEW_CHARACTERS:
            # a few pages: their distinct characters, each looked up as the composer
            # looks up body text, which then finds them known (compiling a face's
            # coverage costs ~3 ms)
            missing = {ch for ch in set(left) if not ch.isspace() and self.face_for(ch, "song") is None}
        else:
            faces = tuple(dict.fromkeys((*self.chains.get("song", ()), *self._all_faces)))
            # each face takes away what it covers (one regex pass over ~1M characters
            # instead of a 1-char str made for each): most issues are done after the
            # body face, and the later faces are not read
            for face in faces:
                if not left or left.isspace():
                    break
                left = self._coverage(face).sub("", left)
            missing = {ch for ch in left if not ch.isspace()}
        if not missing:
            return []
        # only then the slow part: where each missing character first stands
        first: dict[str, str] = {}
        wanted = _character_class(runs(map(ord, missing)))
        for where, text in texts:
            for ch in wanted.findall(text):
                first.setdefault(ch, where)
            if len(first) == len(missing):
                break
        out = [(ch, f"U+{ord(ch):04X}", where) for ch, where in first.items()]
        return sorted(out, key=lambda m: (m[2], m[1]))

    def _coverage(self, face: str) -> re.Pattern[str]:
        """A pattern matching any run of the characters `face` has."""
        pattern = self._covered.get(face)
        if pattern is None:
            pattern = self._covered[face] = _character_class(self._data(face).ranges, "+")
        return pattern


def _character_class(ranges: Iterable[tuple[int, int]], repeat: str = "") -> re.Pattern[str]:
    """A regex of one character in `ranges` ((first, last) code points), or with
    `repeat` "+" of a run of them; written as \\U escapes: any plane, any character."""
    parts = [f"\\U{low:08X}" + (f"-\\U{high:08X}" if high != low else "") for low, high in ranges]
    return re.compile(f"[{''.join(parts)}]{repeat}" if parts else "(?!)")  # (?!): matches nothing


# the dashes the composer draws as one rule (lb_runs), and the comma whose ink tells a
# face that sets its stops centred (Taiwan, Hong Kong) from a mainland one
_INK_CACHED = "—⸺，"
CENTRED_STOP = 0.35  # em: a comma whose ink is centred further right is drawn centred


_FEW_CHARACTERS = 100_000  # texts up to this long are checked by their distinct characters
_FACES_KEPT = 32  # faces whose metrics stay cached (the shipped four, a spec's own)
class FaceData(NamedTuple):
    """What is read of a face once (and cached on disk): see `_face_widths`."""

    cmap: FaceCmap
    default: int  # .notdef's advance, 1/1000 em
    ink: dict[str, tuple[float, float]]  # ink extents of `_INK_CACHED`
    ranges: tuple[tuple[int, int], ...]  # the cmap's code points (`layout.ranges.runs`)


def _face_widths(name: str, path: Path) -> FaceData:
    """A face's cmap with advances and glyph ids, its default width, the ink extents
    of the dashes and its code points as ranges (`layout.ranges.runs`, for the
    coverage check).

    Read from the on-disk cache when the font file is unchanged, else from the font
    with `layout.sfnt` (then cached; a read-only cache directory is no error).
    """
    cache = cache_file("widths", path)
    known = load(cache)
    if isinstance(known, FaceData):
        return known
    cmap, default = _read_face(path)
    # through the glyph ids just read: `_ink_extent` parses the cmap again (~10 ms each)
    ink = {ch: (0.0, 1.0) if (gid := cmap.gid(ord(ch))) == 0 else _glyph_ink(path, gid)
           for ch in _INK_CACHED}
    data = FaceData(cmap, default, ink, runs(cmap.codes))
    store(cache, data)
    prune("widths", _FACES_KEPT)  # the entries of older cache versions and edited fonts
    return data


def _read_face(path: Path) -> tuple[FaceCmap, int]:
    """The face's cmap with advances in 1/1000 em, and the default (.notdef) advance.
    A no-break space is drawn as the space (and a space as the no-break space when the
    face has no space)."""
    from layout import sfnt  # a font read anew only: a warm run's metrics are cached (~0.5 ms)

    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            codes, gids = sfnt.cmap_arrays(data)
            advances = sfnt.advance_widths(data)
            upm = sfnt.units_per_em(data)
    except (OSError, ValueError, IndexError) as exc:  # SfntError and struct.error too
        raise FontError(f"{path}: cannot read the font ({exc})") from None
    space, nbsp = bisect_left(codes, 0x20), bisect_left(codes, 0xA0)
    has_space = space < len(codes) and codes[space] == 0x20
    if nbsp < len(codes) and codes[nbsp] == 0xA0:
        if has_space:
            gids[nbsp] = gids[space]
        else:
            codes.insert(space, 0x20)
            gids.insert(space, gids[nbsp])
    elif has_space:
        codes.insert(nbsp, 0xA0)
        gids.insert(nbsp, gids[space])
    scale = 1.0 if upm == 1000 else 1000.0 / upm
    widths = array("d", map(advances.__getitem__, gids))
    if upm != 1000:
        widths = array("d", (w * scale for w in widths))
    return FaceCmap(codes, widths, array("H", gids)), int(advances[0] * scale)


REGIONS = (None, "ZHT", "ZHH")  # OpenType language systems: the face's own, Taiwan, Hong Kong


def _regional_forms(path: Path, region: str) -> dict[int, int]:
    """The face's forms for `region` ("ZHT" Taiwan, "ZHH" Hong Kong): the single
    substitutions of its `locl` feature under that language system (a shipped face
    keeps them: see fonts/build_fonts.py). Cached on disk apart from the face data, so
    a Simplified issue never reads them (~7,500 entries a face and region)."""
    cache = cache_file("forms", path, region)
    known = load(cache)
    if isinstance(known, dict):
        return known
    made = _read_regional_forms(path).get(region, {})
    store(cache, made)
    prune("forms", _FACES_KEPT)
    return made


def _read_regional_forms(path: Path) -> dict[str, dict[int, int]]:
    """Every region's `locl` substitutions of the face, read with fontTools."""
    from fontTools.ttLib import TTFont  # ~0.1 s of imports: only here, on a cache miss

    out: dict[str, dict[int, int]] = {}
    try:
        with TTFont(path, lazy=True) as font:
            if "GSUB" not in font:
                return out
            gsub, order = font["GSUB"].table, font.getReverseGlyphMap()
            for region, lookup in _locl_lookups(gsub):
                out.setdefault(region, {}).update(_single_substitutions(lookup, order))
    except Exception as exc:  # noqa: BLE001 - fontTools raises many kinds on a bad table
        raise FontError(f"{path}: cannot read the font's GSUB table ({exc})") from None
    return out


def _locl_lookups(gsub: Any) -> Iterator[tuple[str, Any]]:
    """(region, lookup) of every `locl` lookup under a ZHT or ZHH language system."""
    for record in gsub.ScriptList.ScriptRecord if gsub.ScriptList else ():
        for language in record.Script.LangSysRecord:
            region = language.LangSysTag.strip()
            if region not in REGIONS:
                continue
            for index in language.LangSys.FeatureIndex:
                feature = gsub.FeatureList.FeatureRecord[index]
                if feature.FeatureTag == "locl":
                    yield from ((region, gsub.LookupList.Lookup[i])
                                for i in feature.Feature.LookupListIndex)


def _single_substitutions(lookup: Any, order: Mapping[str, int]) -> dict[int, int]:
    """glyph id -> glyph id of a GSUB lookup's single substitutions (type 1, also inside
    extension lookups, type 7); other kinds give none."""
    out: dict[int, int] = {}
    for table in lookup.SubTable:
        if lookup.LookupType == 7:
            table = table.ExtSubTable
        mapping = getattr(table, "mapping", None) if getattr(table, "LookupType", 1) == 1 else None
        if mapping:
            out.update((order[a], order[b]) for a, b in mapping.items())
    return out


@lru_cache(maxsize=256)
def _glyph_ink(path: Path, gid: int) -> tuple[float, float]:
    """Horizontal ink bounds of glyph `gid` in em (its advance when it has no ink)."""
    from layout import sfnt

    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        upm = sfnt.units_per_em(data)
        bounds = sfnt.glyph_bounds(data, gid)
        if bounds is None:
            return (0.0, sfnt.advance_widths(data)[gid] / upm)
    return (bounds[0] / upm, bounds[1] / upm)


@lru_cache(maxsize=64)
def _ink_extent(path: Path, ch: str) -> tuple[float, float]:
    """`_glyph_ink` of the glyph `ch` maps to; (0, 1) when the face lacks it."""
    from layout import sfnt

    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        gid = sfnt.char_to_glyph(data).get(ord(ch))
    return (0.0, 1.0) if gid is None else _glyph_ink(path, gid)


def load_manifest(font_dir: Path | None = None) -> tuple[dict[str, Path], dict[str, list[str]]]:
    """Read fonts.yaml: face -> file path, role -> chain."""
    font_dir = font_dir or FONT_DIR
    manifest = font_dir / "fonts.yaml"
    try:
        text = manifest.read_bytes()
    except OSError as exc:
        raise FontError(f"{manifest}: cannot read the font manifest ({exc.strerror})") from None
    # parsed once and kept with the inputs read (`layout.read_cache`): an export whose
    # spec and issue come from there too never imports YAML (~15 ms)
    data = read_once("manifest", str(manifest), text, (), lambda: _parse_manifest(text))
    files = {name: font_dir / spec["file"] for name, spec in data["faces"].items()}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise FontError(f"{manifest}: font file(s) missing: {', '.join(missing)}")
    return files, {role: list(chain) for role, chain in data["chains"].items()}


def _parse_manifest(text: bytes) -> dict:
    import yaml

    # PyYAML's safe loader on libyaml's parser, as the spec loader reads this file:
    # 0.4 ms in an export, where yaml.safe_load's pure-Python parser took 2.7 ms
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


_CACHE: dict[tuple, FontSet] = {}


def load_fontset(chains: Mapping[str, Sequence[str]] | None = None,
                 font_dir: Path | None = None,
                 face_files: Mapping[str, Path] | None = None,
                 forms: str | None = None) -> FontSet:
    """The FontSet of the shipped fonts; `chains` overrides roles (from the spec), and
    `face_files` adds the faces the spec brings as files.

    Cached per (font_dir, chains, face files): loading is cheap, but the per-face
    lookups are worth keeping across documents in one process.
    """
    extra = dict(face_files or {})
    key = (str(font_dir), tuple(sorted((r, tuple(c)) for r, c in (chains or {}).items())),
           tuple(sorted((name, str(path)) for name, path in extra.items())), forms)
    fs = _CACHE.get(key)
    if fs is None:
        files, default = load_manifest(font_dir)
        merged = {**default, **{r: list(c) for r, c in (chains or {}).items()}}
        fs = _CACHE[key] = FontSet({**files, **extra}, merged, forms)
    return fs
