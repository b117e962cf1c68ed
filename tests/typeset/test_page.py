"""Page geometry on placed output, with a fake composer (no fonts)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from layout.model import Article, Paragraph
from layout.typeset.blocks import opening
from layout.spec.schema import ArticlePlacement, JumpsSpec, PageSpec, PlacementSpec, Spec
from layout.typeset import Typeset, Typesetting, format_plan, run
from layout.typeset.columns import baseline_offset, make_grid
from layout.typeset.placement import SHALLOW

from test_page_fixtures import article, fake_setter, issue, split_sample

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "lvliang-daily-2023-02-17.txt"
JUMP = re.compile(r"^（[上下][接转]第\d+版）$")


def _rects(ts: Typeset, spec: Spec, page: int) -> list[tuple[float, float, float, float, int]]:
    grid = make_grid(spec)
    out = []
    for p in ts.placements:
        if p.page == page:
            x0 = grid.column_x(p.first_column - 1)
            out.append((x0, p.top, x0 + grid.span_width(p.columns), p.bottom, p.article))
    return out


def _article_text(ts: Typeset, spec: Spec) -> dict[int, str]:
    """Body text of each article over all pages, in page order, heads left out."""
    texts: dict[int, str] = {}
    for page in ts.pages:
        for x0, y0, x1, y1, art in _rects(ts, spec, page.number):
            inside = [pl for pl in page.lines
                      if x0 - 0.1 <= pl.x <= x1 and y0 < pl.baseline < y1]
            body = [pl.line.text for pl in inside
                    if all(r.size == 9.0 and r.font != "song-bold" for r in pl.line.runs)
                    and not JUMP.match(pl.line.text)]
            texts[art] = texts.get(art, "") + "".join(body)
    return texts


def _expected(a) -> str:  # type: ignore[no-untyped-def]
    lead_in = opening(a)
    paras = [b.text for b in a.body if isinstance(b, Paragraph)]
    if lead_in:
        paras[0] = lead_in + "\u3000" + paras[0]
    jump = a.jump_line or ""
    if a.jump_from:
        return jump + "".join(paras) + (a.credit or "")
    return "".join(paras) + (a.credit or "") + jump


def _small_spec(height: float = 500, columns: int = 3) -> Spec:
    spec = Spec()
    grid = dataclasses.replace(spec.grid, columns=columns)
    return dataclasses.replace(spec, grid=grid,
                               page=PageSpec(width=400, height=height, margin_top=30,
                                             margin_bottom=30, margin_left=30, margin_right=30))


@pytest.fixture(scope="module")
def full() -> tuple[Spec, Typeset, object]:
    spec = Spec()
    iss = issue([article(1, 600), article(2, 1500, subhead=True, dateline="新华社北京电"),
                 article(3, 900), article(4, 400, byline="本报讯（记者 付永文）"),
                 article(5, 1200), article(6, 700)],
                [article(7, 2500), article(8, 800), article(9, 1600)])
    return spec, run(iss, spec, fake_setter), iss


def test_blocks_do_not_overlap_and_stay_inside_the_margins(full) -> None:  # type: ignore[no-untyped-def]
    spec, ts, _ = full
    for page in ts.pages:
        rects = _rects(ts, spec, page.number)
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
        for pl in page.lines:
            right = pl.x + pl.line.width
            assert spec.page.margin_left - 0.01 <= pl.x and right <= spec.page.width - spec.page.margin_right + 0.01
            assert spec.page.margin_top < pl.baseline <= spec.page.height - spec.page.margin_bottom
        for rule in page.rules:
            for x in (rule.x0, rule.x1):
                assert spec.page.margin_left - 0.01 <= x <= spec.page.width - spec.page.margin_right + 0.01


def test_body_baselines_sit_on_the_grid(full) -> None:  # type: ignore[no-untyped-def]
    spec, ts, _ = full
    grid = make_grid(spec)
    offset = baseline_offset(9.0, grid.leading)
    body = [pl for page in ts.pages for pl in page.lines
            if pl.line.runs and pl.line.runs[0].font == "song" and pl.line.runs[0].size == 9.0
            and pl.line.width == grid.column_width]
    assert len(body) > 300
    for pl in body:
        row = (pl.baseline - offset - grid.top) / grid.leading
        assert abs(row - round(row)) < 1e-6


def test_every_article_is_present_once_in_order(full) -> None:  # type: ignore[no-untyped-def]
    spec, ts, iss = full
    texts = _article_text(ts, spec)
    for index, a in enumerate(iss.articles()):
        assert texts[index] == _expected(a)


def test_dateline_opens_the_first_paragraph_in_hei(full) -> None:  # type: ignore[no-untyped-def]
    spec, ts, _ = full
    lines = [pl.line for page in ts.pages for pl in page.lines
             if pl.line.text.startswith("新华社北京电")]
    assert len(lines) == 1
    assert lines[0].runs[0].font == "hei"
    assert lines[0].runs[1].font == "song" and lines[0].runs[1].text.startswith("\u3000")


def test_masthead_running_head_and_footer(full) -> None:  # type: ignore[no-untyped-def]
    spec, ts, _ = full
    texts = {p.number: [pl.line.text for pl in p.lines] for p in ts.pages}
    assert "吕梁日报" in texts[1]
    assert any("2023年2月17日" in t for t in texts[1])
    assert any("第10906期" in t for t in texts[1])
    assert not any("第1版" in t and "2023年2月17日" in t for t in texts[1])
    for number in texts:
        assert any("要闻部主办" in t and "孟柯妤" in t for t in texts[number])
        if number > 1:
            assert any(t.startswith("2023年2月17日") and f"第{number}版" in t for t in texts[number])
            assert not any("第10906期" in t for t in texts[number])


def test_holes_between_blocks_are_at_most_three_lines(full) -> None:  # type: ignore[no-untyped-def]
    spec, ts, _ = full
    grid = make_grid(spec)
    for page in ts.pages:
        rects = _rects(ts, spec, page.number)
        for x0, y0, x1, _y1, _ in rects:
            above = [r for r in rects if r[3] <= y0 + 0.01 and r[0] < x1 and x0 < r[2]]
            if not above:
                continue
            for col in range(grid.columns):
                cx = grid.column_x(col) + 1
                if not x0 <= cx <= x1:
                    continue
                over = [r[3] for r in above if r[0] <= cx <= r[2]]
                bottom = max(over) if over else grid.row_y(0)
                assert y0 - bottom <= 4 * grid.leading + 0.01  # separator row + 3


def test_bookmarks_and_breaks(full) -> None:  # type: ignore[no-untyped-def]
    _, ts, _ = full
    assert ts.pages[0].bookmarks[0].title == "第1版 要闻"
    assert [b.title for b in ts.pages[0].bookmarks if b.level == 1][0] == "第1篇文章标题"
    assert [b.page for b in ts.breaks] == [p.number for p in ts.pages]
    assert ts.breaks[0].article == 0 and ts.breaks[0].block == 0


def test_pages_subset_has_the_same_geometry(full) -> None:  # type: ignore[no-untyped-def]
    spec, ts, iss = full
    part = run(iss, spec, fake_setter, pages={2})
    assert [p.number for p in part.pages] == [2]
    assert part.pages[0] == ts.pages[1]
    assert part.placements == ts.placements and part.breaks == ts.breaks


def test_an_article_too_long_for_its_page_jumps_with_correct_numbers() -> None:
    spec = _small_spec()
    iss = issue([article(1, 200), article(2, 3000)], [article(3, 150)])
    ts = run(iss, spec, fake_setter)
    assert len(ts.pages) >= 3
    texts = _article_text(ts, spec)
    for index, a in enumerate(iss.articles()):
        assert texts[index] == _expected(a)
    parts = [p for p in ts.placements if p.article == 1]
    assert len(parts) >= 2 and not parts[0].continued and all(p.continued for p in parts[1:])
    for before, after in zip(parts, parts[1:]):
        page = next(p for p in ts.pages if p.number == before.page)
        downs = [pl.line.text for pl in page.lines if pl.line.text.startswith("（下转")]
        assert f"（下转第{after.page}版）" in downs
        cont = next(p for p in ts.pages if p.number == after.page)
        assert f"（上接第{before.page}版）" in [pl.line.text for pl in cont.lines]
        assert "第2篇文章标题" in [pl.line.text for pl in cont.lines]
    assert any("continued" in w for w in ts.warnings)


def _jump_texts(ts: Typeset) -> tuple[list[str], list[str]]:
    lines = [pl.line.text for page in ts.pages for pl in page.lines]
    return ([t for t in lines if t.endswith("第2版）") and "上接" not in t],
            [t for t in lines if "上接第1版" in t])


def test_jump_lines_are_worded_in_the_issue_script_or_as_the_spec_says() -> None:
    long_body = "港珠澳大橋車流創新高，運輸署表示將繼續優化口岸通關安排。" * 100
    traditional = Article(headline="港珠澳大橋車流創新高", body=(Paragraph(long_body),))
    spec = _small_spec()
    downs, ups = _jump_texts(run(issue([traditional]), spec, fake_setter))
    assert downs == ["（下轉第2版）"] and ups == ["（上接第1版）"]
    downs, ups = _jump_texts(run(issue([article(1, 3000)]), spec, fake_setter))
    assert downs == ["（下转第2版）"] and ups == ["（上接第1版）"]
    worded = dataclasses.replace(spec, jumps=JumpsSpec(continued_to="（转第{page}版）",
                                                       continued_from="（上接第{page}版）"))
    downs, _ = _jump_texts(run(issue([traditional]), worded, fake_setter))
    assert downs == ["（转第2版）"]


def test_a_long_jump_wording_is_set_smaller_on_its_one_row_never_cut() -> None:
    spec = dataclasses.replace(_small_spec(), jumps=JumpsSpec(
        continued_to="（本文下转第{page}版，敬请读者留意续文内容）"))
    ts = run(issue([article(1, 3000)]), spec, fake_setter)
    jump = next(pl for pl in ts.pages[0].lines if pl.line.text.startswith("（本文"))
    assert jump.line.text == "（本文下转第2版，敬请读者留意续文内容）"
    assert jump.line.runs[0].size < spec.styles["jump"].size


@pytest.mark.parametrize(("jump", "leads"), [
    ("上接1版", True), ("（接第3版）", True), ("下转2版", False), ("续见A4", False), ("續見A4版", False),
    ("转第4版", False)])
def test_which_jump_lines_name_where_the_text_came_from(jump: str, leads: bool) -> None:
    assert Article(jump=jump).jump_from is leads


@pytest.mark.parametrize(("jump", "page"), [
    ("下转2版", 2), ("（下转第2版）", 2), ("上接第一版", 1), ("转第十二版", 12), ("转第二十三版", 23),
    ("下转２版", 2), ("转第十版", 10), ("下转第 3 版", 3), ("续见A4", None), ("下转版", None),
    (None, None), ("下转20230217版", None), ("转第一百版", None)])
def test_the_page_a_jump_line_names(jump: str | None, page: int | None) -> None:
    assert Article(jump=jump).jump_page == page


def _continuation_pages(iss) -> tuple[list[int], list[str]]:  # type: ignore[no-untyped-def]
    ts = run(iss, _small_spec(), fake_setter)
    downs = [pl.line.text for pl in ts.pages[0].lines if pl.line.text.startswith("（下转第")]
    return [p.number for p in ts.pages], downs


def test_pages_added_for_continued_text_come_after_every_page_the_issue_knows() -> None:
    """Page 1 of an 8-page paper: the text it cannot hold goes to page 9, not to a
    page 2 that the paper printed with other articles."""
    partial = issue([article(1, 3000)])
    partial = dataclasses.replace(partial, issue=dataclasses.replace(partial.issue, page_count=8))
    numbers, downs = _continuation_pages(partial)
    assert numbers[0] == 1 and numbers[1] == 9 and downs == ["（下转第9版）"]
    # with no 今日N版, after the pages the document's own jump lines name
    named = issue([article(1, 3000), article(2, 100, jump="下转第4版")])
    named = dataclasses.replace(named, issue=dataclasses.replace(named.issue, page_count=None))
    numbers, downs = _continuation_pages(named)
    assert numbers[1] == 5 and downs == ["（下转第5版）", "（下转第4版）"]  # ours, then its own
    # a whole issue: after its last page
    numbers, _ = _continuation_pages(issue([article(1, 3000)], [article(2, 100)]))
    assert numbers[:3] == [1, 2, 3]


def test_a_documents_jump_lines_lead_or_end_the_text_in_brackets() -> None:
    spec = _small_spec()
    cont = Article(jump="上接1版", body=(Paragraph("要扎实推进高质量发展，确保各项任务落地见效。"),))
    cut = Article(headline="全省经济工作会议召开", jump="（下转2版）",
                  body=(Paragraph("会议指出，要坚持稳中求进工作总基调。"),))
    ts = run(issue([cut, cont]), spec, fake_setter)
    texts = [pl.line.text for pl in ts.pages[0].lines]
    body = [i for i, t in enumerate(texts) if t and t in "\u3000\u3000会议指出，要坚持稳中求进工作总基调。"]
    assert body and max(body) < texts.index("（下转2版）")
    lead = texts.index("（上接1版）")
    assert texts[lead + 1].startswith("要扎实推进")
    grid = make_grid(spec)
    line = ts.pages[0].lines[lead]
    assert line.x + line.line.runs[0].x in [grid.column_x(c) for c in range(grid.columns)]


def test_a_narrow_blocks_headline_is_set_smaller_in_at_most_three_lines() -> None:
    from layout.typeset.blocks import MAX_HEAD_LINES, Blocks, Piece

    spec = Spec()
    grid = make_grid(spec)
    blocks = Blocks(spec, grid, fake_setter)
    title = "张广勇与中建上信董事长孙继辉一行举行工作会谈"
    content = blocks.content(Article(headline=title, body=(Paragraph("正文。"),)), 0, 1)
    assert content is not None
    full = spec.styles["headline"].size
    assert len(title) * full > 3 * grid.column_width  # at full size: more than 3 lines
    head = blocks.head(Piece(content), 1)
    sizes = {ln.runs[0].size for _b, _x, ln in head.lines}
    assert len(head.lines) <= MAX_HEAD_LINES and max(sizes) < full
    assert "".join(ln.text for _b, _x, ln in head.lines) == title


def test_the_jump_line_is_right_aligned_at_the_cut() -> None:
    spec = _small_spec()
    ts = run(issue([article(1, 3000)]), spec, fake_setter)
    page = ts.pages[0]
    jump = next(pl for pl in page.lines if pl.line.text.startswith("（下转"))
    grid = make_grid(spec)
    right = jump.x + jump.line.runs[-1].x + len(jump.line.runs[-1].text) * 9.0
    assert abs(right - (grid.column_x(grid.columns - 1) + grid.column_width)) < 0.01
    last_body = max(pl.baseline for pl in page.lines if pl.line.width == grid.column_width
                    and not pl.line.text.startswith("（下转") and pl.baseline < jump.baseline)
    assert jump.baseline > last_body


def test_explicit_placement_is_respected() -> None:
    spec = dataclasses.replace(Spec(), placement=PlacementSpec(articles=(
        ArticlePlacement(page=1, article=2, columns=3, start_column=6),
        ArticlePlacement(page=1, article=3, columns=2, start_column=1),
    )))
    iss = issue([article(1, 600), article(2, 1500), article(3, 900), article(4, 700)])
    ts = run(iss, spec, fake_setter)
    by_article = {p.article: p for p in ts.placements}
    assert (by_article[1].first_column, by_article[1].columns) == (6, 3)
    assert (by_article[2].first_column, by_article[2].columns) == (1, 2)


def test_lead_columns_from_the_spec() -> None:
    spec = dataclasses.replace(Spec(), placement=PlacementSpec(lead_columns=5))
    ts = run(issue([article(1, 1600), article(2, 900)]), spec, fake_setter)
    lead = ts.placements[0]
    assert (lead.first_column, lead.columns) == (1, 5)


def test_placement_naming_an_absent_article_leaves_the_page_automatic() -> None:
    # the shipped broadsheet pins page 1's articles 1 and 2 side by side; a page with
    # one long article would otherwise leave columns 1-3 empty from top to foot
    spec = dataclasses.replace(Spec(), placement=PlacementSpec(lead_columns=5, articles=(
        ArticlePlacement(page=1, article=1, columns=5, start_column=4, order=1),
        ArticlePlacement(page=1, article=2, columns=3, start_column=1, order=2),
    )))
    ts = run(issue([article(1, 9000)]), spec, fake_setter)
    first = [p for p in ts.placements if p.page == 1]
    assert [(p.first_column, p.columns) for p in first] == [(1, spec.grid.columns)]
    assert any("names article 2, which the page does not have" in w for w in ts.warnings)
    # with both articles present the pinned layout holds
    ts = run(issue([article(1, 900), article(2, 900)]), spec, fake_setter)
    assert [(p.first_column, p.columns) for p in ts.placements] == [(4, 5), (1, 3)]
    assert not any("does not have" in w for w in ts.warnings)


@pytest.mark.parametrize(("paper", "date", "pinned"), [
    ("吕梁日报", "2023-02-17", True), (None, "2023-02-17", True), ("吕梁日报", None, True),
    ("北京晚报", "2023-02-17", False), ("吕梁日报", "2023-02-18", False)])
def test_placement_entries_apply_only_to_the_issue_they_describe(paper, date, pinned) -> None:  # type: ignore[no-untyped-def]
    # the issue() fixture is 吕梁日报 of 2023-02-17; a spec's entries made for another
    # paper or day (the shipped daily's are the sample's) leave this one automatic
    spec = dataclasses.replace(Spec(), placement=PlacementSpec(paper=paper, date=date, articles=(
        ArticlePlacement(page=1, article=1, columns=3, start_column=6, order=1),
        ArticlePlacement(page=1, article=2, columns=5, start_column=1, order=2),
    )))
    ts = run(issue([article(1, 900), article(2, 900)]), spec, fake_setter)
    first, second = ts.placements[:2]
    assert ((first.first_column, first.columns) == (6, 3)) is pinned
    assert ((second.first_column, second.columns) == (1, 5)) is pinned
    assert not ts.warnings


def test_the_lead_is_the_first_article_with_a_head() -> None:
    # an inside page opening with the headless tail of a story from page 1
    tail = Article(body=(Paragraph("要扎实推进高质量发展，确保各项任务落地见效。"),), jump="上接1版")
    ts = run(issue([article(1, 900), article(2, 600)], [tail, article(3, 1200), article(4, 700)]),
             Spec(), fake_setter)
    grid = make_grid(Spec())
    by_article = {p.article: p for p in ts.placements if p.page == 2}
    lead = by_article[3]  # article(3): the page's first with a headline
    assert (lead.first_column, lead.top) == (1, min(p.top for p in by_article.values()))
    assert lead.columns >= grid.columns / 2
    assert by_article[2].columns < grid.columns / 2  # the tail is no lead block


def test_a_lone_lead_is_not_held_to_lead_columns() -> None:
    spec = dataclasses.replace(Spec(), placement=PlacementSpec(lead_columns=5))
    ts = run(issue([article(1, 9000)]), spec, fake_setter)
    assert (ts.placements[0].first_column, ts.placements[0].columns) == (1, spec.grid.columns)


@pytest.mark.parametrize("sizes", [(60, 40, 25), (120,), (30, 300, 20, 500)])
def test_a_short_article_is_not_spread_a_line_or_two_deep_over_columns(sizes) -> None:  # type: ignore[no-untyped-def]
    spec = Spec()
    ts = run(issue([article(n + 1, size) for n, size in enumerate(sizes)]), spec, fake_setter)
    page = ts.pages[0]
    for x0, y0, x1, y1, art in _rects(ts, spec, 1):
        placement = next(p for p in ts.placements if p.article == art)
        if placement.columns <= (spec.grid.columns + 1) // 2 if art == 0 else placement.columns == 1:
            continue  # its narrowest width: nothing narrower to take
        body = [pl for pl in page.lines if x0 - 0.1 <= pl.x <= x1 and y0 < pl.baseline < y1
                and all(r.size == spec.grid.body_size for r in pl.line.runs)]
        deepest = max(sum(1 for pl in body if abs(pl.x - x) < 1) for x in {pl.x for pl in body})
        assert deepest >= SHALLOW, (art, placement.columns, deepest)


def test_empty_articles_are_skipped_with_a_warning() -> None:
    from layout.model import Article
    ts = run(issue([article(1, 300), Article()]), Spec(), fake_setter)
    assert [p.article for p in ts.placements] == [0]
    assert any("no text" in w for w in ts.warnings)


def test_seed_like_front_page_fits_on_one_page() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    try:
        from layout.ingest import ingest_text
        iss, _ = ingest_text(text, SAMPLE.name)
    except ImportError:  # pragma: no cover - before ingest landed
        iss = split_sample(text)
    spec = Spec()
    ts = run(iss, spec, fake_setter)
    assert [p.number for p in ts.pages] == [1]
    assert not any("continued" in w for w in ts.warnings)
    lead = ts.placements[0]
    assert lead.columns >= 4 and lead.first_column == 1
    assert len(format_plan(ts).splitlines()) == len(ts.placements)
    texts = _article_text(ts, spec)
    for index, a in enumerate(iss.articles()):
        assert texts[index].replace("\u3000", "") == _expected(a).replace("\u3000", "")


def test_a_long_issue_paginates_without_loss() -> None:
    spec = _small_spec(height=700, columns=4)
    pages = [[article(p * 10 + i, 300 + 170 * ((p + i) % 7)) for i in range(4)] for p in range(30)]
    iss = issue(*pages)
    ts = run(iss, spec, fake_setter)
    texts = _article_text(ts, spec)
    assert len(texts) == len(iss.articles())
    for index, a in enumerate(iss.articles()):
        assert texts[index] == _expected(a)
    assert [p.number for p in ts.pages] == list(range(1, len(ts.pages) + 1))


def test_paginating_without_drawing_breaks_the_same_lines_without_setting_them() -> None:
    # the EPUB's run (draw=False) skips justifying and placing glyphs; its pages must
    # still break exactly where the PDF's do, jumps included
    from layout.typeset import typesetting
    from layout.typeset.measure import FixedMetrics

    spec = _small_spec(height=700, columns=4)
    pages = [[article(p * 10 + i, 300 + 170 * ((p + i) % 7), subhead=i == 1) for i in range(4)]
             for p in range(8)]
    iss = issue(*pages)
    drawn = typesetting(iss, spec, FixedMetrics(), draw=True)
    drawn_pages = list(drawn)
    paginated = typesetting(iss, spec, FixedMetrics(), draw=False)
    assert list(paginated) == []  # nothing drawn
    assert paginated.placements == drawn.placements
    assert paginated.breaks == drawn.breaks
    assert paginated.warnings == drawn.warnings
    assert any(p.continued for p in drawn.placements)  # the issue has jumps
    assert all(line.line.runs for page in drawn_pages for line in page.lines if line.line.text)


def test_pages_stream_one_at_a_time_and_match_the_whole_run() -> None:
    """`Typesetting` hands a page on as soon as its jumps are known, not after the
    last page: a renderer can draw and drop it (flat memory over long issues)."""
    spec = _small_spec(height=700, columns=4)
    pages = [[article(p * 10 + i, 200 + 90 * ((p + i) % 5)) for i in range(3)] for p in range(12)]
    iss = issue(*pages)
    stream = Typesetting(iss, spec, fake_setter)
    seen = []
    for page in stream:
        seen.append(page)
        laid_out = {p.page for p in stream.placements}
        assert max(laid_out) <= page.number + 2, "pages are made ahead of the renderer"
    whole = run(iss, spec, fake_setter)
    assert tuple(seen) == whole.pages
    assert tuple(stream.placements) == whole.placements
    assert tuple(stream.breaks) == whole.breaks
    with pytest.raises(RuntimeError):
        next(iter(stream))


def test_pages_with_articles_still_waiting_are_filled_to_the_foot() -> None:
    """Space at a page's foot only where the issue's articles run out: while pieces
    wait for a later page, each column's text reaches the foot (a few rows short at
    most: a jump line, the air of whole rows)."""
    spec = _small_spec(height=700, columns=4)
    iss = issue([article(1, 300), article(2, 2600), article(3, 2200), article(4, 1800)])
    ts = run(iss, spec, fake_setter)
    grid = make_grid(spec)
    foot = grid.row_y(grid.rows)
    footer_top = min(pl.baseline for pl in ts.pages[-1].lines if pl.baseline > foot - 40)
    assert len(ts.pages) >= 3
    for page in ts.pages[:-1]:
        for c in range(grid.columns):
            x0 = grid.column_x(c)
            bottom = max(pl.baseline for pl in page.lines
                         if x0 - 0.1 <= pl.x < x0 + grid.span_width(1) and pl.baseline < footer_top)
            assert bottom >= foot - 5 * grid.leading, (page.number, c, foot - bottom)


@pytest.mark.parametrize(("byline", "opens"), [
    ("本报讯（记者 付永文）", True), ("本報訊（記者 陳大文）", True), ("新京报讯（记者 王五）", True),
    ("南都讯 记者 李四", True), ("【明報專訊】", True), ("本报讯 记者 张三", True),
    ("本报记者 康桂芳", False), ("□ 本报记者 康桂芳", False), ("本報記者 陳大文", False),
    ("记者 张三", False), ("𠀋州讯 记者 王五", True), ("2023讯 记者", False), ("CCTV讯 记者", False)])
def test_a_news_lead_byline_opens_the_first_paragraph(byline: str, opens: bool) -> None:
    """A 讯/电 lead, Simplified or Traditional, is set at the start of the text (in
    黑体); a reporter's byline stays under the headline."""
    from layout.typeset.blocks import head_texts

    a = Article(headline="标题", byline=byline, body=(Paragraph("正文。"),))
    assert (opening(a) == byline) is opens
    assert (("byline", byline) in head_texts(a)) is not opens


def test_no_page_is_numbered_past_the_largest_pdf_number() -> None:
    from layout.errors import InputError
    from layout.model import LARGEST_NUMBER

    iss = issue([article(1, 3000)])
    last = dataclasses.replace(iss.pages[0], number=LARGEST_NUMBER)
    with pytest.raises(InputError, match=f"page {LARGEST_NUMBER}: no page number is left"):
        run(dataclasses.replace(iss, pages=(last,)), _small_spec(), fake_setter)
    huge = dataclasses.replace(iss, issue=dataclasses.replace(iss.issue, page_count=LARGEST_NUMBER))
    assert [p.number for p in run(huge, _small_spec(), fake_setter).pages][:2] == [1, 2]


def test_jump_lines_link_to_the_part_of_their_article_on_the_page_they_name() -> None:
    """Each （下转第N版） leads to the article's piece on page N, each （上接第M版） back to
    its piece on page M; every piece is an anchor on its page."""
    ts = run(issue([article(1, 200), article(2, 3000)], [article(3, 150)]), _small_spec(),
             fake_setter)
    anchors = {name: page.number for page in ts.pages for name, _ in page.anchors}
    assert {f"a{p.article}p{p.page}" for p in ts.placements} == set(anchors)
    seen = 0
    for page in ts.pages:
        jumps = [pl for pl in page.lines if JUMP.match(pl.line.text)]
        assert len(page.links) == len(jumps)
        for link in page.links:
            line = next(pl for pl in jumps if link.top < pl.baseline < link.bottom + 1e-6
                        and link.x0 <= pl.x + pl.line.runs[0].x + 1e-6)
            assert link.text == line.line.text
            named = int(re.search(r"第(\d+)版", line.line.text).group(1))
            assert anchors[link.anchor] == named and link.anchor.endswith(f"p{named}")
            seen += 1
    assert seen >= 4
