"""Measure a rendered PDF from the PDF itself (pdfplumber): the properties a reader sees.

Shared by the end-to-end tests. Lines are rebuilt from the characters' positions, not
taken from the layout, so a renderer bug cannot hide behind the layout's own data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from layout.typeset import cjk


@dataclass(frozen=True)
class PdfLine:
    """Characters sharing a baseline, split where the gap exceeds half an em."""

    page: int
    top: float
    size: float
    chars: tuple[dict, ...]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def ink_x1(self) -> float:
        return ink_x1(self.chars[-1])


def ink_x1(c: dict) -> float:
    """Right edge of what is inked: a full-width closing mark's right half is blank."""
    if c["text"] in cjk.INK_LEFT and c["x1"] - c["x0"] > 0.7 * c["size"]:
        return c["x0"] + 0.5 * c["size"]
    return c["x1"]


def ink_x0(c: dict) -> float:
    """Left edge of what is inked: an opening mark's left half is blank."""
    if c["text"] in cjk.INK_RIGHT and c["x1"] - c["x0"] > 0.7 * c["size"]:
        return c["x1"] - 0.5 * c["size"]
    return c["x0"]


def read_chars(path: Path) -> list[list[dict]]:
    """Every page's visible characters, in content-stream order."""
    with pdfplumber.open(path) as pdf:
        return [[c for c in page.chars if not c["text"].isspace()] for page in pdf.pages]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    with pdfplumber.open(path) as pdf:
        return [(float(p.width), float(p.height)) for p in pdf.pages]


def lines_of(chars: list[dict], page: int) -> list[PdfLine]:
    """Group characters by baseline and size, then split at horizontal gaps > ½ em."""
    rows: dict[tuple[float, float], list[dict]] = {}
    for c in chars:
        rows.setdefault((round(c["bottom"], 1), round(c["size"], 2)), []).append(c)
    lines: list[PdfLine] = []
    for (_bottom, size), row in sorted(rows.items()):
        row.sort(key=lambda c: c["x0"])
        start = 0
        for i in range(1, len(row) + 1):
            if i == len(row) or ink_x0(row[i]) - ink_x1(row[i - 1]) > 0.5 * size:
                lines.append(PdfLine(page, row[start]["top"], size, tuple(row[start:i])))
                start = i
    return lines


def kinsoku_violations(lines: list[PdfLine]) -> list[str]:
    """Lines that start with a mark banned at line start or end with one banned at the end."""
    bad = []
    for line in lines:
        text = line.text
        if text[0] in cjk.NOT_AT_START and text[0] not in "—…⸺":
            bad.append(f"starts: {text}")
        if text[-1] in cjk.NOT_AT_END:
            bad.append(f"ends: {text}")
    return bad


def outside_page(pages: list[list[dict]], sizes: list[tuple[float, float]]) -> list[str]:
    return [c["text"] for chars, (w, h) in zip(pages, sizes) for c in chars
            if c["x0"] < -0.01 or c["x1"] > w + 0.01 or c["top"] < -0.01 or c["bottom"] > h + 0.01]


def collisions(chars: list[dict]) -> list[str]:
    """Pairs of characters whose inked boxes overlap by more than a tenth of an em."""
    cells: dict[tuple[int, int], list[dict]] = {}
    found = []
    for c in chars:
        key = (int(c["x0"] // 20), int(c["top"] // 20))
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in cells.get((key[0] + dx, key[1] + dy), ()):
                    if _overlap(c, other):
                        found.append(f"{other['text']}{c['text']} at {c['x0']:.1f},{c['top']:.1f}")
        cells.setdefault(key, []).append(c)
    return found


def _overlap(a: dict, b: dict) -> bool:
    if a["text"] == b["text"] and a["text"] in "—…⋯":
        return False  # the halves of one 2-em dash or ellipsis are drawn as one unit
    tolerance = 0.1 * min(a["size"], b["size"])
    width = min(ink_x1(a), ink_x1(b)) - max(ink_x0(a), ink_x0(b))
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return width > tolerance and height > tolerance


def read_in_order(stream: str, text: str, start: int = 0, *, gap: int = 40) -> tuple[int, int]:
    """Read `text` in `stream` from `start`: (end position, number of long gaps), end -1 if lost.

    Characters must come in order. A run of more than `gap` other characters between two
    of them is a long gap: where an article jumps to a later page, other articles stand
    between its parts; anywhere else a long gap means text out of order.
    """
    position, long_gaps, i = start, 0, 0
    while i < len(text):
        if position < len(stream) and stream[position] == text[i]:
            position, i = position + 1, i + 1
            continue
        anchor = text[i:i + 8]  # resume where the next few characters stand together
        found = stream.find(anchor, position)
        if found < 0:
            return -1, long_gaps
        long_gaps += found - position > gap
        position = found
    return position, long_gaps


def embedded_fonts(path: Path) -> list[bytes]:
    """BaseFont names of every font in the file."""
    return re.findall(rb"/BaseFont /([A-Za-z0-9+\-]+)", path.read_bytes())
