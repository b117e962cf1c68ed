"""Typesetting on two cores gives exactly the pages of a run on one (fake composer)."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from layout.spec.schema import PageSpec, Spec
from layout.typeset import Typesetting, run
from layout.typeset import parallel

from test_page_fixtures import article, fake_setter, issue

pytestmark = pytest.mark.skipif(not parallel.available(), reason="this platform cannot fork")


def _spec() -> Spec:
    spec = Spec()
    return dataclasses.replace(spec, grid=dataclasses.replace(spec.grid, columns=4),
                               page=PageSpec(width=400, height=700, margin_top=30,
                                             margin_bottom=30, margin_left=30, margin_right=30))


def _two_cores(iss, spec, split, **kw):  # type: ignore[no-untyped-def]
    return Typesetting(iss, spec, fake_setter, jobs=2, split=split, **kw).result()


def _plain_issue(pages: int):  # type: ignore[no-untyped-def]
    """Pages whose articles fit them: nothing continues from one page to the next."""
    return issue(*[[article(p * 10 + i, 150 + 60 * ((p + i) % 5)) for i in range(2)]
                   for p in range(pages)])


@pytest.fixture()
def taken(monkeypatch):  # type: ignore[no-untyped-def]
    """Printed pages whose records came from the worker."""
    numbers: list[int] = []
    rest, record_of = parallel._Worker.rest, parallel._Worker.record_of

    def spy_record(self, position):  # type: ignore[no-untyped-def]
        record = record_of(self, position)
        if record is not None and record.clean:
            numbers.append(record.number)
        return record

    def spy_rest(self):  # type: ignore[no-untyped-def]
        for record in rest(self):
            numbers.append(record.number)
            yield record

    monkeypatch.setattr(parallel._Worker, "record_of", spy_record)
    monkeypatch.setattr(parallel._Worker, "rest", spy_rest)
    return numbers


@pytest.mark.parametrize("split", [1, 4, 9])
def test_same_pages_as_one_core(split: int, taken: list[int]) -> None:
    spec, iss = _spec(), _plain_issue(10)
    one = run(iss, spec, fake_setter)
    assert not any(p.continued for p in one.placements)
    two = _two_cores(iss, spec, split)
    assert two == one
    assert taken == list(range(split + 1, 11))  # the worker's pages were used


def test_an_article_jumping_across_the_split_is_made_here_until_both_walks_rest(
        taken: list[int]) -> None:
    spec = _spec()
    pages = [[article(p * 10 + i, 200) for i in range(2)] for p in range(14)]
    pages[3] = [article(31, 200), article(32, 2500)]  # runs on over the next pages
    iss = issue(*pages)
    one = run(iss, spec, fake_setter)
    carried = {p.page for p in one.placements if p.continued}
    assert carried and 5 in carried and max(carried) < 14
    for split in (4, 5):
        taken.clear()
        assert _two_cores(iss, spec, split) == one
        assert taken and min(taken) > max(carried)  # rejoined once both walks rested


def test_continuations_past_the_last_page_and_page_subsets() -> None:
    spec = _spec()
    pages = [[article(p * 10 + i, 250) for i in range(3)] for p in range(6)]
    pages[5] = [article(51, 200), article(52, 9000)]  # continues on appended pages
    iss = issue(*pages)
    one = run(iss, spec, fake_setter, pages={2, 7})
    assert [p.number for p in one.pages] == [2, 7]
    assert _two_cores(iss, spec, 3, pages={2, 7}) == one


def test_a_failure_in_the_worker_is_raised_here() -> None:
    here = os.getpid()

    def failing(parts, style, measure, **kw):  # type: ignore[no-untyped-def]
        if os.getpid() != here:
            raise ValueError("cannot set this in the worker")
        return fake_setter(parts, style, measure, **kw)

    iss = issue(*[[article(p * 10 + i, 250) for i in range(3)] for p in range(10)])
    with pytest.raises(RuntimeError, match="cannot set this in the worker"):
        Typesetting(iss, _spec(), failing, jobs=2, split=5).result()


def test_an_article_that_fits_no_page_is_the_users_error_on_one_core_or_two() -> None:
    """A head group taller than the text area (each style fits, the group does not):
    an InputError naming the article and the spec, from the worker too, not a crash."""
    from layout.errors import InputError

    spec = _spec()
    styles = dict(spec.styles)
    styles["kicker"] = dataclasses.replace(styles["kicker"], space_after=350.0)
    styles["subheadline"] = dataclasses.replace(styles["subheadline"], space_before=350.0)
    spec = dataclasses.replace(spec, styles=styles, source=Path("tall.yaml"))
    tall = dataclasses.replace(article(99, 300), kicker="引题", subheadline="副题")
    iss = issue(*[[article(p * 10 + i, 200) for i in range(2)] for p in range(7)], [tall])
    for jobs in (1, 2):
        with pytest.raises(InputError, match=r"^tall.yaml: error: article “第99篇文章标题” does "
                                             r"not fit even on an empty page \(page 9\)"):
            Typesetting(iss, spec, fake_setter, jobs=jobs, split=4).result()


def test_split_point_gives_this_process_the_smaller_share_when_it_draws_all() -> None:
    assert parallel.split_point(200, drawn_here=True) == 60
    assert parallel.split_point(200, drawn_here=False) == 100
    assert parallel.split_point(2, drawn_here=True) == 1


def test_pages_numbered_out_of_order_are_matched_by_position(taken: list[int]) -> None:
    spec = _spec()
    iss = _plain_issue(8)
    numbers = [1, 2, 7, 3, 9, 4, 5, 6]
    iss = dataclasses.replace(iss, pages=tuple(dataclasses.replace(p, number=n)
                                               for p, n in zip(iss.pages, numbers)))
    one = run(iss, spec, fake_setter)
    assert _two_cores(iss, spec, 3) == one
    assert taken == numbers[3:]


def test_finish_runs_in_the_process_that_made_the_page() -> None:
    """What `finish` makes of a page (the PDF's content) is made by the worker for its
    pages, and the stream yields it in page order."""
    def finish(page):  # type: ignore[no-untyped-def]
        return (page.number, os.getpid())

    made = list(Typesetting(_plain_issue(8), _spec(), fake_setter, jobs=2, split=5,
                            finish=finish))
    assert [number for number, _pid in made] == list(range(1, 9))
    pids = [pid for _number, pid in made]
    assert set(pids[:4]) == {os.getpid()} and os.getpid() not in pids[5:]


def _made(ts: Typesetting) -> list[int]:
    """The printed pages the walk made (each makes at least one placement here)."""
    return sorted({p.page for p in ts.placements})


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_walk_that_stops_early_makes_no_page_after_the_last_asked_for(jobs: int) -> None:
    # a preview of page 3 of a long issue need not make the rest; the page is the
    # same as in a full run, jump numbers included
    spec = _spec()
    pages = [[article(p * 10 + i, 250) for i in range(3)] for p in range(12)]
    pages[2] = [article(21, 200), article(22, 2600)]  # page 3 jumps to page 4
    iss = issue(*pages)
    full = run(iss, spec, fake_setter)
    early = Typesetting(iss, spec, fake_setter, pages={3}, jobs=jobs, split=6, stop_early=True)
    (page,) = list(early)
    assert page == full.pages[2]  # its jump line names page 4, made before page 3 is handed on
    assert [line.line.text for line in page.lines if "下转" in line.line.text] == ["（下转第4版）"]
    assert _made(early) == [1, 2, 3]
    assert tuple(early.placements) == full.placements[:len(early.placements)]
    late = Typesetting(iss, spec, fake_setter, pages={9}, jobs=jobs, split=6, stop_early=True)
    assert list(late) == [full.pages[8]] and max(_made(late)) < 12


def test_forking_the_worker_keeps_a_freeze_made_before_and_undoes_only_its_own() -> None:
    import gc

    spec, iss = _spec(), _plain_issue(8)
    gc.unfreeze()
    try:
        _two_cores(iss, spec, 4)
        assert gc.get_freeze_count() == 0  # its own freeze, for the fork, is undone
        gc.freeze()  # as export.typeset_issue does before the pages are made
        frozen = gc.get_freeze_count()
        _two_cores(iss, spec, 4)
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()
