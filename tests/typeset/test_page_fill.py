"""The front page fills down to the foot: geometry on placed output (fake composer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.spec.load import load_spec
from layout.typeset import Typeset, run
from layout.typeset.columns import Grid, make_grid

from test_page_fixtures import article, fake_setter, issue

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "lvliang-daily-2023-02-17.txt"


@pytest.fixture(scope="module")
def front():  # type: ignore[no-untyped-def]
    ingest = pytest.importorskip("layout.ingest")
    iss, _ = ingest.ingest_text(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name)
    spec = load_spec(ROOT / "specs" / "lvliang-daily.yaml")
    return iss, spec, run(iss, spec, fake_setter)


def _body_rows_left(ts: Typeset, grid: Grid, foot_row: int) -> list[int]:
    """Per column: rows between the last body line and the area's foot."""
    page = ts.pages[0]
    foot = grid.row_y(foot_row)
    left = []
    for c in range(grid.columns):
        x = grid.column_x(c)
        last = max(pl.baseline for pl in page.lines
                   if abs(pl.x - x) < 0.5 and pl.line.width == grid.column_width
                   and pl.baseline < foot)
        left.append(int((foot - last) // grid.leading))
    return left


def test_every_column_ends_near_the_foot_and_level(front) -> None:  # type: ignore[no-untyped-def]
    _, spec, ts = front
    grid = make_grid(spec)
    foot_row = grid.rows - 1  # the footer takes the last row
    left = _body_rows_left(ts, grid, foot_row)
    assert max(left) <= 12, left  # the page's articles run out: a band, not a hole
    assert max(left) - min(left) <= 12, left


def test_no_hole_of_more_than_three_lines_between_stacked_blocks(front) -> None:  # type: ignore[no-untyped-def]
    _, spec, ts = front
    grid = make_grid(spec)
    boxes = [p for p in ts.placements if p.page == 1]
    for b in boxes:
        for a in boxes:
            share = (a.first_column < b.first_column + b.columns
                     and b.first_column < a.first_column + a.columns)
            if share and a.bottom <= b.top + 0.01:
                between = [c for c in boxes if c is not a and c is not b and c.top >= a.bottom - 0.01
                           and c.bottom <= b.top + 0.01]
                if not between:
                    assert b.top - a.bottom <= 4 * grid.leading + 0.01, (a, b)


def test_the_lead_headline_is_the_biggest_on_the_page(front) -> None:  # type: ignore[no-untyped-def]
    iss, spec, ts = front
    page = ts.pages[0]
    heads = {a.headline: 0.0 for a in iss.articles() if a.headline}
    for pl in page.lines:
        if pl.line.text in heads or any(pl.line.text and pl.line.text in h for h in heads):
            for h in heads:
                if pl.line.text and pl.line.text in h:
                    heads[h] = max(heads[h], max(r.size for r in pl.line.runs))
    lead = iss.articles()[0].headline
    base = spec.styles["headline"].size
    assert heads[lead] >= 1.15 * base
    assert all(size < heads[lead] for h, size in heads.items() if h != lead)


def test_an_untitled_article_opens_under_a_short_rule_and_a_blank_row() -> None:
    from layout.model import Article, Paragraph
    from layout.spec.schema import Spec
    untitled = Article(body=(Paragraph("无题" + "文" * 400),))
    iss = issue([article(1, 900), article(2, 700), untitled, article(3, 500)])
    spec = Spec()
    ts = run(iss, spec, fake_setter)
    grid = make_grid(spec)
    place = next(p for p in ts.placements if p.article == 2)
    page = ts.pages[0]
    x0 = grid.column_x(place.first_column - 1)
    x1 = x0 + grid.span_width(place.columns)
    short = [r for r in page.rules if r.y0 == r.y1 and x0 < r.x0 and r.x1 < x1
             and place.top - 0.01 <= r.y0 <= place.bottom]
    assert len(short) == 1
    first = min(pl.baseline for pl in page.lines if pl.line.text.startswith("无题"))
    assert first - short[0].y0 >= grid.leading * 0.5
    assert not any(short[0].y0 < pl.baseline < first for pl in page.lines
                   if x0 - 0.1 <= pl.x < x1)


def test_where_the_articles_run_out_the_gutter_rules_stop_with_the_text() -> None:
    # two short articles side by side on a broadsheet: most of the page is white, and a
    # rule running down the gutter to the footer would divide nothing
    spec = load_spec(ROOT / "specs" / "lvliang-daily.yaml")
    iss = issue([article(1, 300), article(2, 200)])
    ts = run(iss, spec, fake_setter)
    grid = make_grid(spec)
    page = ts.pages[0]
    bottoms = [p.bottom for p in ts.placements]
    text_foot = max(pl.baseline for pl in page.lines if "文文" in pl.line.text)
    vertical = [r for r in page.rules if r.x0 == r.x1]
    assert vertical, "the two blocks share a gutter with a rule in it"
    for rule in vertical:  # down beside the longer of the two texts, no further
        assert text_foot - grid.leading <= max(rule.y0, rule.y1) <= text_foot + grid.leading, \
            (rule, text_foot)
    assert max(bottoms) < grid.row_y(grid.rows - 10)  # the blocks end where their text does
