"""The shipped specs load (against the real font manifest, if present) with the expected values."""

from __future__ import annotations

import yaml
from pathlib import Path

import pytest

from layout.spec import Spec, check_spec, load_spec
from layout.spec.schema import Align, Punctuation
from layout.spec.template import template_fields
from layout.spec.units import PT_PER_MM

SPECS = Path(__file__).resolve().parents[2] / "specs"


@pytest.fixture(scope="module")
def daily() -> Spec:
    return load_spec(SPECS / "lvliang-daily.yaml")


@pytest.fixture(scope="module")
def archive() -> Spec:
    return load_spec(SPECS / "a4-archive.yaml")


def test_daily_page_and_grid(daily: Spec) -> None:
    assert daily.name == "lvliang-daily"
    assert (daily.page.width / PT_PER_MM, daily.page.height / PT_PER_MM) == pytest.approx(
        (390, 540))
    assert daily.text_width / PT_PER_MM == pytest.approx(350)
    grid = daily.grid
    assert (grid.columns, grid.body_size, grid.leading, grid.gutter) == (8, 9, 13.5, 6.75)
    assert grid.char_grid and grid.column_chars == 13
    assert daily.text_width >= 8 * 13 * 9 + 7 * 6.75


def test_daily_styles(daily: Spec) -> None:
    s = daily.styles
    assert (s["kicker"].role, s["headline"].role, s["subheadline"].role) == (
        "kai", "song-bold", "hei")
    assert s["headline"].size == 27.5 and s["headline"].align is Align.CENTER
    assert s["headline"].leading == pytest.approx(35.75)
    assert (s["body"].size, s["body"].leading, s["body"].indent_em) == (9, 13.5, 2)
    assert s["masthead_name"].color == "#c00000"


def test_daily_masthead_footer_running_head(daily: Spec) -> None:
    m = daily.masthead
    # the name is the document's (`{paper}`), so the spec serves any paper
    assert (m.enabled, m.position, m.columns, m.name, m.color) == (
        True, "left", 3, None, "#c00000")
    fields = {f for line in m.ear for f in template_fields(line.template)}
    assert {"cn_number", "postal_code", "date_cn", "lunar_date", "number",
            "page_count"} <= fields
    assert template_fields(daily.footer.template) == [
        "department", "layout_editor", "editors", "proofreader", "email"]
    assert daily.running_head.enabled and "{page}" in daily.running_head.template
    assert "{paper}" not in daily.running_head.template  # the 报眉 sets the name on the right
    assert daily.typography.punctuation is Punctuation.AUTO
    assert not daily.typography.hanging and daily.typography.no_orphan
    assert daily.placement.lead_columns == 5 and len(daily.placement.articles) == 2
    # its entries rebuild the sample's printed front page, and no other issue's
    assert (daily.placement.paper, daily.placement.date) == ("吕梁日报", "2023-02-17")
    assert daily.fonts["song-bold"][0] == "NotoSerifSC-Bold"


def test_archive_extends_daily(archive: Spec, daily: Spec) -> None:
    assert archive.name == "a4-archive"
    assert (archive.page.width / PT_PER_MM, archive.page.height / PT_PER_MM) == pytest.approx(
        (210, 297))
    assert (archive.grid.columns, archive.grid.body_size, archive.grid.gutter) == (4, 10.5, 10.5)
    assert archive.grid.leading == pytest.approx(16.8)
    assert archive.grid.column_chars == 11
    assert archive.masthead.position == "center" and archive.masthead.color == "#000000"
    assert len(archive.masthead.ear) == 2  # lists replace
    assert archive.styles["headline"].role == "hei"  # role drops the parent's weight
    assert archive.styles["headline"].space_after == pytest.approx(0.25 * 21)
    assert archive.epub.vertical and archive.placement.articles == ()
    # inherited unchanged
    assert archive.fonts == daily.fonts
    assert archive.footer == daily.footer
    assert archive.styles["kicker"].align is Align.CENTER


def test_tabloid_extends_daily_and_places_automatically(daily: Spec) -> None:
    tabloid = load_spec(SPECS / "tabloid.yaml")
    assert (tabloid.page.width / PT_PER_MM, tabloid.page.height / PT_PER_MM) == pytest.approx(
        (275, 390))
    assert (tabloid.grid.columns, tabloid.grid.body_size) == (5, 10.5)
    assert tabloid.styles["body"].size == tabloid.grid.body_size == tabloid.styles["dateline"].size
    assert tabloid.placement.lead_columns is None and tabloid.placement.articles == ()
    assert tabloid.masthead.columns == 2 and tabloid.masthead.color == daily.masthead.color


def test_the_taiwan_daily_words_its_furniture_as_a_taiwan_paper_does(daily: Spec) -> None:
    """The daily's grid and styles; its ear, footer and 報眉 in Traditional with 民国
    dates and 第N號; placement automatic."""
    from layout.model import Footer, Issue, IssueInfo, Page
    from layout.spec import fill_template, template_values

    taiwan = load_spec(SPECS / "taiwan-daily.yaml")
    assert (taiwan.grid, taiwan.styles) == (daily.grid, daily.styles)
    assert taiwan.placement.articles == ()
    page = Page(number=1, footer=Footer(layout_editor="李小美", editors=("王大明",), proofreader="張文"))
    issue = Issue(issue=IssueInfo(date="2023-03-05", weekday="星期日", number=25100, page_count=24), pages=(page,))
    values = template_values(issue, page)
    ear = [fill_template(line.template, values) for line in taiwan.masthead.ear]
    assert "中華民國112年3月5日　星期日" in ear and "第25100號　今日24版" in ear
    assert fill_template(taiwan.footer.template, values) == "本版組版：李小美　責編：王大明　校對：張文"
    assert fill_template(taiwan.running_head.template, values).startswith("中華民國112年3月5日　星期日　第1版")


def test_check_spec_is_load_spec() -> None:
    assert check_spec(SPECS / "lvliang-daily.yaml") == load_spec(SPECS / "lvliang-daily.yaml")


def test_source_is_recorded(daily: Spec) -> None:
    assert daily.source == SPECS / "lvliang-daily.yaml"


def test_composes_with_the_c_loader_when_present() -> None:
    # Speed is measured by bench scripts, not timed tests; this pins the cheap path.
    from layout.spec import nodes

    expected = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    assert nodes._LOADER is expected
