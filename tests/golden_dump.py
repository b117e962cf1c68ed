"""Text dumps of typeset pages for the golden tests (house style § 6, after SILE's
`outputters/debug.lua`).

Two forms, both in drawing order (which is reading order), lengths in pt:

- `page_dump`: every placed line (x, baseline, faces, sizes, text), rule, box and
  bookmark of a page, for small pages.
- `summary_dump`: a whole issue in a few lines per article block: the lines outside
  blocks (masthead, running head, footer) in full, and per block one row per line
  start (a column, or a headline over several) with its line count, first and last
  line and a digest of every line in it; rules and boxes in full.

Line rows round to 0.1 pt, so they do not show run positions or tracking; the
digests do (to 0.01 pt and 0.001 pt; every page head carries one of all its lines),
so a change that only moves glyphs inside lines still changes a golden. To see such a change, diff the full dumps before and
after: `.venv/bin/python tests/golden_dump.py SPEC [DOCUMENT]` prints them.

Floats are written with fixed formats (never a float's repr, never `-0.0`), so a
dump is the same on every platform.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from itertools import groupby
from pathlib import Path

from layout.document import issue_to_data, load_issue
from layout.fonts import load_fontset
from layout.ingest import decode_raw, ingest_text
from layout.model import Issue
from layout.spec import load_spec
from layout.typeset import Placement, Typeset, typeset
from layout.typeset.columns import Grid
from layout.typeset.placed import Box, PlacedLine, PlacedPage, Rule, Run

BLACK = "#000000"


def num(value: float, places: int = 1) -> str:
    """`value` rounded to `places` decimals with a fixed format; -0.0 reads 0.0."""
    return f"{round(value, places) + 0.0:.{places}f}"


def size(value: float) -> str:
    """A font size or rule width without trailing zeros: 10.5, 9.625, 48."""
    return num(value, 3).rstrip("0").rstrip(".")


def _face(run: Run) -> str:
    """What a run is drawn with: face and size, colour and scaling when not plain."""
    parts = [run.font, size(run.size)]
    if run.color != BLACK:
        parts.append(run.color)
    if run.hscale != 1.0:
        parts.append(f"x{size(run.hscale)}")
    return "[" + " ".join(parts) + "]"


def line_row(placed: PlacedLine) -> str:
    """`x baseline [face size]text`, a new `[face size]` wherever the runs change face."""
    text = "".join(face + "".join(r.text for r in runs)
                   for face, runs in groupby(placed.line.runs, key=_face))
    return f"{num(placed.x):>6} {num(placed.baseline):>6}  {text}"


def rule_row(rule: Rule) -> str:
    colour = "" if rule.color == BLACK else f"  {rule.color}"
    return (f"rule {num(rule.x0)},{num(rule.y0)} - {num(rule.x1)},{num(rule.y1)}"
            f"  w {size(rule.width)}{colour}")


def box_row(box: Box) -> str:
    return f"box {num(box.x)},{num(box.y)}  {num(box.width)} x {num(box.height)}  {box.color}"


def page_head(page: PlacedPage) -> str:
    """Number, size, counts and the digest of all the page's lines."""
    return (f"page {page.number}  {num(page.width)} x {num(page.height)} pt  "
            f"{len(page.lines)} lines  {len(page.rules)} rules  {len(page.boxes)} boxes"
            f"  #{digest(page.lines)}")


def page_dump(page: PlacedPage) -> list[str]:
    """Everything drawn on `page`, one row each, then its bookmarks."""
    rows = [page_head(page)]
    rows += ["  " + line_row(pl) for pl in page.lines]
    rows += ["  " + rule_row(r) for r in page.rules]
    rows += ["  " + box_row(b) for b in page.boxes]
    rows += [f"  mark {b.level} {num(b.y)}  {b.title}" for b in page.bookmarks]
    return rows


def digest(lines: Iterable[PlacedLine]) -> str:
    """12 hex digits over every detail of `lines`: positions, widths, runs, tracking."""
    h = hashlib.sha256()
    for pl in lines:
        line = pl.line
        h.update(f"{num(pl.x, 2)} {num(pl.baseline, 2)} {num(line.width, 2)} {line.last}"
                 f" {line.text}\n".encode())
        for r in line.runs:
            h.update(f"  {num(r.x, 2)} {r.font} {num(r.size, 3)} {num(r.tracking, 3)}"
                     f" {num(r.hscale, 3)} {r.color} {r.text}\n".encode())
    return h.hexdigest()[:12]


def document_digest(issue: Issue) -> str:
    """12 hex digits of the issue document, so a golden tells an input change (ingest)
    from a layout change."""
    data = json.dumps(issue_to_data(issue), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:12]


def in_block(placed: PlacedLine, p: Placement, grid: Grid) -> bool:
    """Whether a line starts inside the block `p` (blocks do not overlap)."""
    x0 = grid.column_x(p.first_column - 1)
    return (x0 - 0.5 <= placed.x < x0 + grid.span_width(p.columns)
            and p.top < placed.baseline <= p.bottom)


def block_rows(p: Placement, lines: Sequence[PlacedLine]) -> list[str]:
    """The block's head row, then one row per line start x, in order of appearance."""
    cols = f"{p.first_column}-{p.first_column + p.columns - 1}"
    mark = "  continued" if p.continued else ""
    rows = [f"  block {p.article}  cols {cols}  {num(p.top)}-{num(p.bottom)}{mark}  {p.title}"]
    starts: dict[str, list[PlacedLine]] = {}
    for pl in lines:
        starts.setdefault(num(pl.x), []).append(pl)
    for x, group in starts.items():
        ends = [group[0]] if len(group) == 1 else [group[0], group[-1]]
        shown = " ... ".join(f"{num(pl.baseline)} {pl.line.text}" for pl in ends)
        rows.append(f"    x {x:>5}  {len(group):>2} {'line ' if len(group) == 1 else 'lines'}"
                    f"  #{digest(group)}  {shown}")
    return rows


def summary_dump(result: Typeset, grid: Grid) -> list[str]:
    """Every page of `result` as furniture lines in full, block summaries, rules and
    boxes; then the typesetter's warnings."""
    rows: list[str] = []
    for page in result.pages:
        blocks = [p for p in result.placements if p.page == page.number]
        owners = [next((i for i, p in enumerate(blocks) if in_block(pl, p, grid)), None)
                  for pl in page.lines]
        rows.append(page_head(page))
        rows += ["  " + line_row(pl) for pl, o in zip(page.lines, owners) if o is None]
        for i, p in enumerate(blocks):
            rows += block_rows(p, [pl for pl, o in zip(page.lines, owners) if o == i])
        rows += ["  " + rule_row(r) for r in page.rules]
        rows += ["  " + box_row(b) for b in page.boxes]
    rows += [f"warning: {w}" for w in result.warnings]
    return rows


def golden_diff(expected: str, actual: str, name: str, limit: int = 40) -> str:
    """The first `limit` lines of a unified diff from the golden to the new dump."""
    diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                     f"tests/golden/{name}", "typeset now", n=2, lineterm=""))
    more = len(diff) - limit
    shown = diff[:limit] + ([f"... {more} more diff lines"] if more > 0 else [])
    return "\n".join(shown)


def main(argv: Sequence[str]) -> int:
    """Print the full dump of every page: SPEC [DOCUMENT] (default: the bundled sample)."""
    root = Path(__file__).resolve().parent.parent
    spec = load_spec(argv[0])
    source = Path(argv[1]) if len(argv) > 1 else root / "samples" / "lvliang-daily-2023-02-17.txt"
    if source.suffix in (".yaml", ".yml", ".json"):
        issue = load_issue(source)
    else:
        issue, _ = ingest_text(decode_raw(source.read_bytes(), source.name), source.name)
    result = typeset(issue, spec, load_fontset(dict(spec.fonts) or None))
    for page in result.pages:
        print("\n".join(page_dump(page)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
