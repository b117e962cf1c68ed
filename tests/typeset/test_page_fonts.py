"""The seed front page with the real composer and the shipped fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.spec.schema import Spec
from layout.typeset import typeset
from layout.typeset.columns import baseline_offset, make_grid

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "lvliang-daily-2023-02-17.txt"


@pytest.fixture(scope="module")
def seed():  # type: ignore[no-untyped-def]
    fonts = pytest.importorskip("layout.fonts")
    ingest = pytest.importorskip("layout.ingest")
    try:
        fontset = fonts.load_fontset()
    except Exception as exc:  # noqa: BLE001 - no shipped fonts here
        pytest.skip(f"fonts unavailable: {exc}")
    issue, _ = ingest.ingest_text(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name)
    spec = Spec()
    return issue, spec, typeset(issue, spec, fontset)


def test_the_seed_fits_one_broadsheet_page_with_real_fonts(seed) -> None:  # type: ignore[no-untyped-def]
    issue, spec, ts = seed
    assert [p.number for p in ts.pages] == [1]
    assert {p.article for p in ts.placements} == set(range(len(issue.articles())))
    assert not any(p.continued for p in ts.placements)


def test_real_body_lines_fill_whole_character_columns_on_the_grid(seed) -> None:  # type: ignore[no-untyped-def]
    _, spec, ts = seed
    grid = make_grid(spec)
    offset = baseline_offset(spec.grid.body_size, grid.leading)
    body = [pl for pl in ts.pages[0].lines if pl.line.width == grid.column_width]
    assert len(body) > 300
    starts = {round(grid.column_x(c), 3) for c in range(grid.columns)}
    for pl in body:
        assert round(pl.x, 3) in starts
        if all(r.size == spec.grid.body_size for r in pl.line.runs):
            row = (pl.baseline - offset - grid.top) / grid.leading
            assert abs(row - round(row)) < 1e-6


def test_real_text_is_all_there_once(seed) -> None:  # type: ignore[no-untyped-def]
    issue, _, ts = seed
    text = "".join(pl.line.text for pl in ts.pages[0].lines).replace("\u3000", "")
    source = "".join(
        (a.headline or "") + (a.subheadline or "") + (a.kicker or "") + (a.byline or "")
        + (a.dateline or "") + "".join(b.text for b in a.body) + (a.credit or "") + (a.jump or "")
        for a in issue.articles()).replace("\u3000", "")
    checked = 0
    for article in issue.articles():
        for block in article.body:
            snippet = block.text.replace("\u3000", "")[:16]
            if len(snippet) == 16:
                assert text.count(snippet) == source.count(snippet), snippet
                checked += 1
    assert checked > 20
