"""Bytes in, text out: decide the encoding of a raw OCR file, or refuse it clearly.

Accepted: UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM, and GB18030/GBK when
the bytes are not UTF-8 but decode as GB18030 to mostly Han text. Everything else raises
`IngestError` with one line naming the file (and line, where there is one) and what was
expected, because the user has to fix the input, not the tool. Every check is one linear
pass, so a multi-megabyte single line costs no more than many short ones.
"""

from __future__ import annotations

import codecs
import re

from layout.errors import IngestError
from layout.ingest.chars import HAN_RE

EXPECTED = "expected OCR text of a Chinese newspaper page (UTF-8, UTF-16 with BOM, or GB18030)"

# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, vertical tab, form feed, carriage return, ESC-free.
CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")
CONTROL_CHARS = re.compile("[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# More than this share of control characters means binary data, not OCR text.
MAX_CONTROL_SHARE = 0.02
# Share of non-ASCII characters that must be Han for a GB18030 guess to be accepted.
MIN_HAN_SHARE = 0.6


def decode_raw(data: bytes, name: str) -> str:
    """Decode raw OCR bytes to text with newlines normalised to \\n.

    Raises IngestError for empty or whitespace-only input, binary data, undecodable
    bytes and text with no Chinese at all.
    """
    text = _decode_bytes(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(f"{name}: error: empty input (only whitespace): {EXPECTED}")
    _reject_controls(text, name)
    if not HAN_RE.search(text):
        raise IngestError(f"{name}: error: no Chinese characters found: {EXPECTED}")
    return text


def _decode_bytes(data: bytes, name: str) -> str:
    """Pick the codec: BOM first, then UTF-8, then a GB18030 guess that must look Chinese."""
    if not data.strip():
        raise IngestError(f"{name}: error: empty input: {EXPECTED}")
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as err:
                line = data.count(b"\n", 0, err.start) + 1
                raise IngestError(f"{name}:{line}: error: invalid {codec.upper()} after its byte-order mark: "
                                  f"{EXPECTED}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise IngestError(f"{name}: error: binary data (NUL byte at offset {nul}): {EXPECTED}")
    if len(CONTROL_BYTES.findall(data)) > MAX_CONTROL_SHARE * len(data):
        raise IngestError(f"{name}: error: binary data (many control bytes): {EXPECTED}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    guess = _guess_gb18030(data)
    if guess is not None:
        return guess
    line = data.count(b"\n", 0, utf8_error.start) + 1
    bad = data[utf8_error.start]
    raise IngestError(
        f"{name}:{line}: error: not UTF-8 (byte 0x{bad:02x}) and not recognisably GB18030 Chinese: {EXPECTED}"
    )


def _guess_gb18030(data: bytes) -> str | None:
    """Decode as GB18030 when that is unambiguous: valid, and the non-ASCII is mostly Han."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    non_ascii = sum(1 for ch in text if ord(ch) > 0x7F and not ch.isspace())
    if non_ascii == 0:
        return None
    han = len(HAN_RE.findall(text))
    return text if han >= MIN_HAN_SHARE * non_ascii else None


def _reject_controls(text: str, name: str) -> None:
    """Refuse decoded text that is mostly control characters (a binary file in disguise)."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise IngestError(f"{name}:{line}: error: binary data (NUL character): {EXPECTED}")
    if len(CONTROL_CHARS.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise IngestError(f"{name}: error: binary data (many control characters): {EXPECTED}")
