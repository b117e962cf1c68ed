"""The lead story's headline is the page's largest, whatever width its block gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.fonts import load_fontset
from layout.model import Article, Issue, Page, Paper, Paragraph
from layout.spec import load_spec
from layout.typeset import typeset

SPECS = Path(__file__).resolve().parents[2] / "specs"
BODY = "市政府召开常务会议，研究部署春季农业生产、城乡建设和民生保障等重点工作。" * 9

LEAD = "全市春季农业生产现场推进会在东部山区召开提出加快建设现代农业示范区"
OTHERS = ("城乡公交新线路开通", "图书馆延长开放时间", "老旧小区改造全面启动", "县城夜市重新开张")


def _issue() -> Issue:
    articles = [Article(headline=LEAD, body=(Paragraph(BODY), Paragraph(BODY)))]
    articles += [Article(headline=h, body=(Paragraph(BODY),)) for h in OTHERS]
    return Issue(paper=Paper(name="测试日报"), pages=(Page(number=1, articles=tuple(articles)),))


@pytest.mark.parametrize(("spec_name", "lead_columns"), [
    ("lvliang-daily", None), ("a4-archive", None), ("tabloid", None),
    ("tabloid", 3), ("tabloid", 2), ("a4-archive", 2)])
def test_the_lead_headline_is_never_smaller_than_the_others(
        spec_name: str, lead_columns: int | None, tmp_path: Path) -> None:
    """Narrower than the page, a lead long headline was once shrunk to one line at
    70 %, below the one-column heads beside it."""
    spec_file = SPECS / f"{spec_name}.yaml"
    if lead_columns is not None:
        spec_file = tmp_path / "spec.yaml"
        spec_file.write_text(f"extends: {SPECS / spec_name}.yaml\n"
                             f"placement: {{lead_columns: {lead_columns}, articles: []}}\n",
                             encoding="utf-8")
    spec = load_spec(spec_file)
    page = typeset(_issue(), spec, load_fontset(dict(spec.fonts) or None)).pages[0]

    def head_size(headline: str) -> float:
        sizes = [run.size for pl in page.lines for run in pl.line.runs
                 if pl.line.text and pl.line.text.strip("\u3000") in headline]
        return max(sizes, default=0.0)

    lead = head_size(LEAD)
    others = [size for size in map(head_size, OTHERS) if size]  # those on page 1
    assert len(others) >= 2
    assert lead >= spec.styles["headline"].size
    assert all(lead >= size for size in others)
