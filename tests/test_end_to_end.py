"""The whole pipeline on the sample: raw OCR text -> document -> PDF, measured from the PDF.

Run with both shipped specs. What a reader would check: everything is there in reading
order, no kinsoku violation, justified lines are flush, nothing collides or leaves the
page, fonts are embedded subsets, and a second export is byte-identical.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.fonts import load_fontset
from layout.ingest import decode_raw, ingest_text
from layout.render.pdf import render_pdf
from layout.spec import load_spec
from layout.typeset import typeset
from pdf_measure import (collisions, embedded_fonts, read_in_order, ink_x1, kinsoku_violations, lines_of,
                         outside_page, page_sizes, read_chars)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "lvliang-daily-2023-02-17.txt"
SPECS = ("lvliang-daily.yaml", "a4-archive.yaml", "tabloid.yaml")


@pytest.fixture(scope="module", params=SPECS)
def exported(request, tmp_path_factory):
    spec = load_spec(ROOT / "specs" / request.param)
    issue, _ = ingest_text(decode_raw(SAMPLE.read_bytes(), SAMPLE.name), SAMPLE.name)
    fonts = load_fontset(dict(spec.fonts) or None)
    result = typeset(issue, spec, fonts)
    out = tmp_path_factory.mktemp("e2e")
    first, second = out / "a.pdf", out / "b.pdf"
    for path in (first, second):
        render_pdf(result.pages, path, fonts=fonts, title="吕梁日报 2023-02-17")
    return request.param, spec, issue, result, first, second


def test_broadsheet_fits_one_page(exported) -> None:
    name, _, _, result, path, _ = exported
    if name == "lvliang-daily.yaml":
        assert len(result.pages) == 1 == len(page_sizes(path))


def test_every_article_complete_and_in_reading_order(exported) -> None:
    """All of every article, in order; it may break only where it jumps to a later page."""
    _, _, issue, result, path, _ = exported
    stream = "".join(c["text"] for page in read_chars(path) for c in page)
    assert "\ufffd" not in stream
    for index, article in enumerate(issue.articles()):
        text = "".join("".join(block.text.split()) for block in article.body)
        jumps = sum(1 for p in result.placements if p.article == index and p.continued)
        start = stream.find(text[:24])
        assert start >= 0, f"article {index} does not start in the PDF: {text[:24]}"
        end, long_gaps = read_in_order(stream, text, start)
        assert end >= 0, f"article {index} lost text: {article.title}"
        assert long_gaps <= jumps, f"article {index} out of order: {article.title}"


def test_no_kinsoku_violation(exported) -> None:
    _, _, _, _, path, _ = exported
    lines = [line for n, chars in enumerate(read_chars(path)) for line in lines_of(chars, n)]
    assert len(lines) > 100
    assert kinsoku_violations(lines) == []


def test_justified_lines_are_flush(exported) -> None:
    """Every non-final body line ends, inked, at its measure (from the PDF's glyphs)."""
    _, spec, _, result, path, _ = exported
    body_size = spec.styles["body"].size
    checked, ragged = 0, []
    for page, chars in zip(result.pages, read_chars(path)):
        rows: dict[int, list[dict]] = {}
        for c in chars:
            rows.setdefault(round(c["bottom"] - 0.12 * c["size"]), []).append(c)
        for placed in page.lines:
            line = placed.line
            if line.last or not line.runs or line.runs[0].size != body_size or len(line.text) < 4:
                continue
            left, right = placed.x, placed.x + line.width
            row = [c for c in rows.get(round(placed.baseline), ())
                   if left - 0.6 * body_size <= c["x0"] and c["x1"] <= right + body_size]
            assert row, f"line not found in the PDF: {line.text}"
            checked += 1
            last = max(row, key=lambda c: c["x0"])
            if abs(ink_x1(last) - right) > 0.5:
                ragged.append(f"{line.text} ends at {ink_x1(last):.2f}, measure {right:.2f}")
    assert checked > 100
    assert ragged == []


def test_nothing_outside_the_page_or_colliding(exported) -> None:
    _, _, _, _, path, _ = exported
    pages = read_chars(path)
    assert outside_page(pages, page_sizes(path)) == []
    for chars in pages:
        assert collisions(chars) == []


def test_fonts_are_embedded_subsets(exported) -> None:
    *_, path, _ = exported
    names = embedded_fonts(path)
    assert names and all(name[6:7] == b"+" and name[:6].isupper() for name in names), names


def test_byte_identical_rerun(exported) -> None:
    *_, first, second = exported
    assert first.read_bytes() == second.read_bytes()
