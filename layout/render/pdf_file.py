"""A PDF file written front to back as its objects are made (PDF 32000-1 §7.3, §7.5).

In: Python values for PDF objects — dict (a dictionary), list or tuple (an array),
`Name`, `Ref`, int, float, bool, None (null), str (a text string), `Raw` (text
already in PDF syntax) — and streams as bytes with their dictionary. Out: the file's
bytes, each object written when it is added, then the cross-reference table and the
trailer.

Why not a library's document object: each page's content goes to disk the moment it
is added, so a 200-page issue never sits in memory as a whole, and nothing is imported
that the export does not use (ReportLab's document layer cost a third of a 1-page
export in imports alone: its config pulls in PIL, urllib and a safe-eval sandbox).
Objects may be added in any order; `reserve` hands out a number for an object written
later (the page tree every page points at, the font resources).

The file identifier (/ID) is a digest of every byte before the trailer, so two writes
of the same objects are byte-identical, and any change of content changes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import BinaryIO, NamedTuple

from _rl_accel import fp_str

from layout.digest import digest

HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"  # the binary comment: a file of 8-bit data
_NAME_SAFE = frozenset(range(0x21, 0x7F)) - frozenset(b"()<>[]{}/%#")


class Name(str):
    """A PDF name (`/FlateDecode`), escaped with `#xx` where PDF requires it."""

    __slots__ = ()


class Raw(str):
    """Text already in PDF syntax (a /W array made in one pass), written as it is."""

    __slots__ = ()


class Ref(NamedTuple):
    """An indirect reference: object `number`, generation 0."""

    number: int


def pdf_name(name: str) -> str:
    raw = name.encode("utf-8")
    if all(b in _NAME_SAFE for b in raw):
        return "/" + name
    return "/" + "".join(chr(b) if b in _NAME_SAFE else f"#{b:02X}" for b in raw)


def text_string(text: str) -> str:
    """A text string (§7.9.2.2): printable ASCII as a literal, anything else UTF-16BE
    with its byte order mark, as hex."""
    if text.isascii() and text.isprintable():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})"
    return f"<FEFF{text.encode('utf-16-be', 'surrogatepass').hex().upper()}>"


def serialize(value: object) -> str:
    """`value` in PDF syntax."""
    if isinstance(value, Raw):
        return value
    if isinstance(value, Name):
        return pdf_name(value)
    if isinstance(value, str):
        return text_string(value)
    if isinstance(value, Ref):
        return f"{value.number} 0 R"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return fp_str(value)
    if isinstance(value, Mapping):
        items = "".join(f"{pdf_name(key)} {serialize(item)} " for key, item in value.items())
        return f"<< {items}>>"
    if isinstance(value, (list, tuple)):
        return f"[{' '.join(serialize(item) for item in value)}]"
    if isinstance(value, bytes):
        return f"<{value.hex().upper()}>"
    if value is None:
        return "null"
    raise TypeError(f"no PDF form for {type(value).__name__}")


class PdfFile:
    """Objects written to `out` as they are added; `close` writes the cross-reference
    table and trailer. Objects are numbered from 1 in the order they are reserved."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._digest = digest(size=16)
        self._offsets: list[int | None] = []  # object n at index n-1; None: not yet written
        self._position = 0
        self._write(HEADER)

    def reserve(self) -> Ref:
        """The number of an object to be written later (with `add(..., ref)`)."""
        self._offsets.append(None)
        return Ref(len(self._offsets))

    def add(self, value: object, ref: Ref | None = None) -> Ref:
        """Write `value` as an indirect object (as `ref`, when reserved before)."""
        ref = self._begin(ref)
        self._write(f"{ref.number} 0 obj\n{serialize(value)}\nendobj\n".encode("latin-1"))
        return ref

    def add_stream(self, data: bytes, entries: Mapping[str, object] | None = None,
                   ref: Ref | None = None) -> Ref:
        """Write a stream of `data` (already encoded: name its /Filter in `entries`)."""
        ref = self._begin(ref)
        head = serialize({**(entries or {}), "Length": len(data)})
        self._write(f"{ref.number} 0 obj\n{head}\nstream\n".encode("latin-1"))
        self._write(data)
        self._write(b"\nendstream\nendobj\n")
        return ref

    def close(self, root: Ref, info: Ref) -> None:
        """The cross-reference table and trailer; every reserved object must be written."""
        missing = [n for n, offset in enumerate(self._offsets, 1) if offset is None]
        if missing:
            raise ValueError(f"PDF objects reserved but never written: {missing}")
        xref = self._position
        lines = [f"xref\n0 {len(self._offsets) + 1}\n0000000000 65535 f \n"]
        lines.extend(f"{offset:010d} 00000 n \n" for offset in self._offsets)
        identifier = self._digest.hexdigest().upper()
        lines.append(f"trailer\n<< /Size {len(self._offsets) + 1} /Root {root.number} 0 R "
                     f"/Info {info.number} 0 R /ID [<{identifier}> <{identifier}>] >>\n"
                     f"startxref\n{xref}\n%%EOF\n")
        self._out.write("".join(lines).encode("ascii"))

    def _begin(self, ref: Ref | None) -> Ref:
        if ref is None:
            ref = self.reserve()
        elif self._offsets[ref.number - 1] is not None:
            raise ValueError(f"PDF object {ref.number} written twice")
        self._offsets[ref.number - 1] = self._position
        return ref

    def _write(self, data: bytes) -> None:
        self._out.write(data)
        self._digest.update(data)
        self._position += len(data)
