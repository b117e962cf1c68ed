"""TrueType files read and subset at the byte level: metrics for the composer, fonts
for the PDF.

In: a face file's bytes (a memory map: a CJK face is ~10 MB and only its small
tables and a few hundred glyphs are read). Out: the face's cmap (`char_to_glyph`),
advances (`advance_widths`), glyph bounds (`glyph_bounds`) and outlines
(`glyph_contours`), read without building fontTools' glyph names (~0.2 s a CJK
face); `FaceInfo` (what a PDF font descriptor needs); and `subset_keeping_ids`, a
font program holding only the glyphs a document uses, each at its original glyph id.

Why glyph ids are kept: the PDF draws each face as one CID font whose CIDs are the
face's glyph ids (Identity-H, CIDToGIDMap /Identity). A page's text is then encoded
with nothing but the face's cmap, so any process can draw any page without knowing
which glyphs other pages use, and one `Tj` shows a whole run. Unused glyphs become
empty (zero-length in `loca`, zero metrics in `hmtx`), which compresses to almost
nothing.
"""

from __future__ import annotations

import mmap
import struct
import sys
from array import array
from itertools import accumulate
from collections.abc import Iterable
from dataclasses import dataclass

# the tables a TrueType font program embedded in a PDF needs (PDF 32000-1 §9.9);
# cmap, name, post and the layout tables are not read by PDF consumers
_KEPT = ("head", "hhea", "maxp", "hmtx", "loca", "glyf", "cvt ", "fpgm", "prep")

Data = bytes | memoryview | mmap.mmap  # a face file, read or mapped
_LITTLE = sys.byteorder == "little"  # sfnt data is big-endian
# composite glyph component flags (OpenType glyf)
_ARGS_ARE_WORDS, _HAS_SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x1, 0x8, 0x20, 0x40, 0x80


class SfntError(ValueError):
    """A font file this module cannot read (not TrueType outlines, or damaged)."""


@dataclass(frozen=True, slots=True)
class FaceInfo:
    """What a PDF font descriptor says of a face, in 1/1000 em."""

    postscript_name: str
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    italic_angle: float


def tables(data: Data) -> dict[str, tuple[int, int]]:
    """The table directory: tag -> (offset, length)."""
    if len(data) < 12:
        raise SfntError("not a font file (too short)")
    version, count = struct.unpack_from(">IH", data, 0)
    if version not in (0x00010000, 0x74727565):  # TrueType outlines; 'OTTO' is CFF
        raise SfntError("not a TrueType font (glyf outlines) file")
    out = {}
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag.decode("latin-1")] = (offset, length)
    for needed in ("head", "hhea", "maxp", "hmtx", "loca", "glyf"):
        if needed not in out:
            raise SfntError(f"the font has no {needed!r} table")
    return out


def _table(data: Data, where: dict[str, tuple[int, int]], tag: str) -> bytes:
    offset, length = where[tag]
    return bytes(data[offset:offset + length])


def face_info(data: Data) -> FaceInfo:
    """The descriptor values of a face (head, hhea, OS/2, post, name)."""
    where = tables(data)
    head = _table(data, where, "head")
    upm = struct.unpack_from(">H", head, 18)[0]
    scale = 1000.0 / upm

    def em(v: float) -> int:
        return round(v * scale)

    x0, y0, x1, y1 = struct.unpack_from(">hhhh", head, 36)
    ascent, descent = struct.unpack_from(">hh", _table(data, where, "hhea"), 4)
    cap = ascent
    if "OS/2" in where:  # the typographic ascent and descent: a CJK face's em box
        os2 = _table(data, where, "OS/2")
        if len(os2) >= 72:
            ascent, descent = struct.unpack_from(">hh", os2, 68)
            cap = ascent
        if struct.unpack_from(">H", os2, 0)[0] >= 2 and len(os2) >= 90:
            cap = struct.unpack_from(">h", os2, 88)[0]
    angle = 0.0
    if "post" in where:
        angle = struct.unpack_from(">i", _table(data, where, "post"), 4)[0] / 65536.0
    return FaceInfo(_postscript_name(data, where), (em(x0), em(y0), em(x1), em(y1)),
                    em(ascent), em(descent), em(cap), angle)


def _postscript_name(data: Data, where: dict[str, tuple[int, int]]) -> str:
    """name ID 6, else a name of the face's table checksums (a PDF name needs one)."""
    if "name" in where:
        name = _table(data, where, "name")
        count, strings = struct.unpack_from(">HH", name, 2)
        for i in range(count):
            platform, _enc, _lang, name_id, length, offset = struct.unpack_from(
                ">HHHHHH", name, 6 + 12 * i)
            if name_id != 6:
                continue
            raw = name[strings + offset:strings + offset + length]
            text = raw.decode("utf-16-be" if platform in (0, 3) else "latin-1", "replace")
            clean = "".join(c for c in text if c.isascii() and c.isalnum() or c in "-_")
            if clean:
                return clean
    return "Face"


def units_per_em(data: Data) -> int:
    where = tables(data)
    return struct.unpack_from(">H", _table(data, where, "head"), 18)[0]


# Unicode cmap subtables, best first (as fontTools' getBestCmap): full repertoire, then BMP
_CMAP_PREFERENCE = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3))


def char_to_glyph(data: Data) -> dict[int, int]:
    """The face's best Unicode cmap: code point -> glyph id (glyph 0 is no mapping)."""
    codes, gids = cmap_arrays(data)
    return dict(zip(codes, gids))


def cmap_arrays(data: Data) -> tuple[array, array]:
    """The face's best Unicode cmap as two arrays sorted by code point: the code
    points and their glyph ids (glyph 0, no mapping, left out). A format 12 cmap's
    groups (first code, last code, first glyph) extend the arrays as ranges, with no
    dict of a CJK face's ~30,000 code points to build and sort on its first use."""
    where = tables(data)
    if "cmap" not in where:
        raise SfntError("the font has no 'cmap' table")
    cmap = _table(data, where, "cmap")
    count = struct.unpack_from(">H", cmap, 2)[0]
    found: dict[tuple[int, int], int] = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * i)
        found.setdefault((platform, encoding), offset)
    for key in _CMAP_PREFERENCE:
        offset = found.get(key)
        if offset is None:
            continue
        kind = struct.unpack_from(">H", cmap, offset)[0]
        if kind == 12:
            return _cmap_format_12(cmap, offset)
        if kind == 4:
            mapping = _cmap_format_4(cmap, offset)
            codes = array("I", sorted(mapping))
            return codes, array("I", map(mapping.__getitem__, codes))
    raise SfntError("the font has no Unicode cmap of format 4 or 12")


def _cmap_format_4(cmap: bytes, at: int) -> dict[int, int]:
    segments = struct.unpack_from(">H", cmap, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", cmap, at + 14)
    starts = struct.unpack_from(f">{segments}H", cmap, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", cmap, at + 16 + 4 * segments)
    ranges_at = at + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", cmap, ranges_at)
    out = {}
    for i, (start, end, delta, rng) in enumerate(zip(starts, ends, deltas, ranges)):
        stop = min(end, 0xFFFE) + 1
        if rng == 0:
            for c in range(start, stop):
                gid = (c + delta) & 0xFFFF
                if gid:
                    out[c] = gid
            continue
        base = ranges_at + 2 * i + rng
        for c in range(start, stop):
            gid = struct.unpack_from(">H", cmap, base + 2 * (c - start))[0]
            if gid:
                out[c] = (gid + delta) & 0xFFFF
    return out


def _cmap_format_12(cmap: bytes, at: int) -> tuple[array, array]:
    count = struct.unpack_from(">I", cmap, at + 12)[0]
    groups = list(struct.iter_unpack(">III", cmap[at + 16:at + 16 + 12 * count]))
    if any(a[1] >= b[0] for a, b in zip(groups, groups[1:])):
        # out of order or overlapping (the format forbids both): read as fontTools
        # does, a later group's mapping replacing an earlier one's
        mapping: dict[int, int] = {}
        for first, last, gid in groups:
            mapping.update(zip(range(first, last + 1), range(gid, gid + last - first + 1)))
        codes = array("I", sorted(code for code, gid in mapping.items() if gid))
        return codes, array("I", map(mapping.__getitem__, codes))
    codes, gids = array("I"), array("I")
    for first, last, gid in groups:
        if gid == 0:  # its first code maps to .notdef: no mapping
            first, gid = first + 1, 1
        codes.extend(range(first, last + 1))
        gids.extend(range(gid, gid + last - first + 1))
    return codes, gids


def advance_widths(data: Data) -> list[int]:
    """Every glyph's advance in font units (hmtx; glyphs past numberOfHMetrics take
    the last record's)."""
    where = tables(data)
    metrics = struct.unpack_from(">H", _table(data, where, "hhea"), 34)[0]
    glyphs = struct.unpack_from(">H", _table(data, where, "maxp"), 4)[0]
    records = struct.unpack_from(f">{2 * metrics}H", _table(data, where, "hmtx"))
    advances = list(records[0::2])
    return advances + [advances[-1]] * (glyphs - metrics)


def glyph_bounds(data: Data, gid: int) -> tuple[int, int] | None:
    """A glyph's horizontal ink bounds (xMin, xMax) in font units; None if it is empty."""
    where = tables(data)
    loca = _glyph_offsets(data, where)
    if not 0 <= gid < len(loca) - 1 or loca[gid + 1] - loca[gid] < 10:
        return None
    x_min, _y_min, x_max = struct.unpack_from(">hhh", data, where["glyf"][0] + loca[gid] + 2)
    return x_min, x_max


def _glyph_offsets(data: Data, where: dict[str, tuple[int, int]]) -> array:
    head = _table(data, where, "head")
    long_offsets = struct.unpack_from(">h", head, 50)[0] == 1
    loca = array("I" if long_offsets else "H", _table(data, where, "loca"))
    if _LITTLE:  # the font is big-endian
        loca.byteswap()
    if not long_offsets:
        loca = array("I", (2 * v for v in loca))
    return loca


# a contour: its points in font units, each with whether it is on the curve (TrueType
# outlines are quadratic: two off-curve points in a row imply an on-curve one between)
Contour = list[tuple[float, float, bool]]
_ON_CURVE, _X_SHORT, _Y_SHORT, _REPEAT, _X_SAME, _Y_SAME = 0x1, 0x2, 0x4, 0x8, 0x10, 0x20
_ARGS_ARE_XY = 0x2
_MAX_NESTING = 8  # composites of composites, as deep as any real font goes


def weight_class(data: Data) -> int:
    """OS/2 usWeightClass (400 regular, 700 bold); 400 without an OS/2 table."""
    where = tables(data)
    if "OS/2" not in where or where["OS/2"][1] < 6:
        return 400
    return struct.unpack_from(">H", data, where["OS/2"][0] + 4)[0]


def glyph_contours(data: Data, gid: int) -> list[Contour]:
    """A glyph's outline in font units: its contours (a composite's components moved
    and scaled into place); empty for an empty glyph. What a picture of text needs
    (the EPUB cover), read without fontTools' whole-font parse."""
    where = tables(data)
    return _contours(data, where["glyf"][0], _glyph_offsets(data, where), gid, 0)


def _contours(data: Data, glyf_at: int, loca: array, gid: int, depth: int) -> list[Contour]:
    if not 0 <= gid < len(loca) - 1 or loca[gid + 1] - loca[gid] < 10:
        return []
    at = glyf_at + loca[gid]
    count = struct.unpack_from(">h", data, at)[0]
    if count >= 0:
        return _simple_contours(data, at + 10, count)
    if depth >= _MAX_NESTING:
        return []
    return _composite_contours(data, glyf_at, loca, at + 10, glyf_at + loca[gid + 1], depth)


def _simple_contours(data: Data, at: int, count: int) -> list[Contour]:
    ends = struct.unpack_from(f">{count}H", data, at)
    points = ends[-1] + 1 if count else 0
    at += 2 * count
    at += 2 + struct.unpack_from(">H", data, at)[0]  # skip the instructions
    flags: list[int] = []
    while len(flags) < points:
        flag = data[at]
        at += 1
        flags.append(flag)
        if flag & _REPEAT:
            flags.extend([flag] * data[at])
            at += 1
    del flags[points:]
    xs, at = _coordinates(data, at, flags, _X_SHORT, _X_SAME)
    ys, at = _coordinates(data, at, flags, _Y_SHORT, _Y_SAME)
    out: list[Contour] = []
    start = 0
    for end in ends:
        out.append([(xs[i], ys[i], bool(flags[i] & _ON_CURVE)) for i in range(start, end + 1)])
        start = end + 1
    return out


def _coordinates(data: Data, at: int, flags: list[int], short: int, same: int
                 ) -> tuple[list[int], int]:
    """One axis of a simple glyph's points: deltas (a byte with its sign in `same`,
    nothing when `same` says unchanged, else a signed word) summed."""
    deltas = []
    for flag in flags:
        if flag & short:
            deltas.append(data[at] if flag & same else -data[at])
            at += 1
        elif flag & same:
            deltas.append(0)
        else:
            deltas.append(struct.unpack_from(">h", data, at)[0])
            at += 2
    return list(accumulate(deltas)), at


def _composite_contours(data: Data, glyf_at: int, loca: array, at: int, end: int,
                        depth: int) -> list[Contour]:
    out: list[Contour] = []
    while at + 4 <= end:
        flags, gid = struct.unpack_from(">HH", data, at)
        at += 4
        if flags & _ARGS_ARE_WORDS:
            dx, dy = struct.unpack_from(">hh", data, at)
            at += 4
        else:
            dx, dy = struct.unpack_from(">bb", data, at)
            at += 2
        if not flags & _ARGS_ARE_XY:  # anchored by point numbers: rare, left in place
            dx = dy = 0
        xx, xy, yx, yy = 1.0, 0.0, 0.0, 1.0
        if flags & _HAS_SCALE:
            xx = yy = struct.unpack_from(">h", data, at)[0] / 16384
            at += 2
        elif flags & _XY_SCALE:
            xx, yy = (v / 16384 for v in struct.unpack_from(">hh", data, at))
            at += 4
        elif flags & _TWO_BY_TWO:
            xx, xy, yx, yy = (v / 16384 for v in struct.unpack_from(">hhhh", data, at))
            at += 8
        for contour in _contours(data, glyf_at, loca, gid, depth + 1):
            out.append([(x * xx + y * yx + dx, x * xy + y * yy + dy, on) for x, y, on in contour])
        if not flags & _MORE:
            break
    return out


def with_components(data: Data, gids: Iterable[int]) -> set[int]:
    """`gids`, glyph 0 (.notdef) and every glyph a composite among them uses."""
    where = tables(data)
    return _with_components(data, where, _glyph_offsets(data, where), gids)


def _with_components(data: Data, where: dict[str, tuple[int, int]], loca: array,
                     gids: Iterable[int]) -> set[int]:
    glyf_at = where["glyf"][0]
    count = len(loca) - 1
    todo = [g for g in gids if 0 <= g < count] + [0]
    seen: set[int] = set()
    while todo:
        gid = todo.pop()
        if gid in seen:
            continue
        seen.add(gid)
        start, end = loca[gid], loca[gid + 1]
        if end - start < 10 or struct.unpack_from(">h", data, glyf_at + start)[0] >= 0:
            continue  # empty or a simple glyph
        todo.extend(_components(data, glyf_at + start + 10, glyf_at + end))
    return seen


def _components(data: Data, at: int, end: int) -> list[int]:
    """The glyph ids a composite glyph's component records name."""
    out = []
    while at + 4 <= end:
        flags, gid = struct.unpack_from(">HH", data, at)
        out.append(gid)
        at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        if flags & _HAS_SCALE:
            at += 2
        elif flags & _XY_SCALE:
            at += 4
        elif flags & _TWO_BY_TWO:
            at += 8
        if not flags & _MORE:
            break
    return out


def subset_keeping_ids(data: Data, gids: Iterable[int]) -> bytes:
    """A TrueType font program with only `gids` (their components and .notdef) drawn,
    every glyph at its original id (see the module docstring)."""
    where = tables(data)
    loca = _glyph_offsets(data, where)
    keep = _with_components(data, where, loca, gids)
    glyf_at = where["glyf"][0]
    sizes = [0] * len(loca)  # sizes[g + 1]: glyph g's padded length; accumulated below
    pieces = []
    for gid in sorted(keep):
        glyph = bytes(data[glyf_at + loca[gid]:glyf_at + loca[gid + 1]])
        glyph += b"\0" * (-len(glyph) % 4)
        pieces.append(glyph)
        sizes[gid + 1] = len(glyph)
    offsets = array("I", accumulate(sizes))
    if _LITTLE:
        offsets.byteswap()
    head = bytearray(_table(data, where, "head"))
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, set below
    struct.pack_into(">h", head, 50, 1)  # long loca offsets
    out = {"head": bytes(head), "loca": offsets.tobytes(), "glyf": b"".join(pieces),
           "hmtx": _hmtx_of(_table(data, where, "hmtx"), data, where, keep)}
    for tag in _KEPT:
        if tag not in out and tag in where:
            out[tag] = _table(data, where, tag)
    return _assemble(out)


def _hmtx_of(hmtx: bytes, data: Data, where: dict[str, tuple[int, int]],
             keep: set[int]) -> bytes:
    """hmtx with the metrics of glyphs not kept set to zero (they are never drawn)."""
    metrics = struct.unpack_from(">H", _table(data, where, "hhea"), 34)[0]
    table = bytearray(len(hmtx))
    for gid in keep:
        at, size = (4 * gid, 4) if gid < metrics else (4 * metrics + 2 * (gid - metrics), 2)
        table[at:at + size] = hmtx[at:at + size]
    # glyphs past numberOfHMetrics take the last full record's advance: keep it
    last = 4 * (metrics - 1)
    table[last:last + 2] = hmtx[last:last + 2]
    return bytes(table)


def _checksum(table: bytes) -> int:
    padded = table + b"\0" * (-len(table) % 4)
    words = array("I", padded)
    if _LITTLE:
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _assemble(tables_: dict[str, bytes]) -> bytes:
    """An sfnt file of `tables_`, in tag order, with checksums and the head adjustment."""
    tags = sorted(tables_)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, 16 * power,
                         power.bit_length() - 1, 16 * count - 16 * power)
    directory, body, sums = [], [], []
    offset = 12 + 16 * count
    for tag in tags:
        table = tables_[tag]
        sums.append(_checksum(table))
        directory.append(struct.pack(">4sIII", tag.encode("latin-1"), sums[-1], offset,
                                     len(table)))
        body.append(table + b"\0" * (-len(table) % 4))
        offset += len(body[-1])
    head = header + b"".join(directory)
    font = bytearray(head + b"".join(body))
    # the whole file's checksum is the directory's plus the (4-byte aligned) tables'
    total = (_checksum(head) + sum(sums)) & 0xFFFFFFFF
    head_at = len(head) + sum(len(b) for b in body[:tags.index("head")])
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - total) & 0xFFFFFFFF)
    return bytes(font)
