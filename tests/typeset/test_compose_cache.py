"""The atoms kept for short texts: the same lines as without them, and dropped per page."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from layout.spec import load_spec
from layout.spec.schema import Spec
from layout.typeset.blocks import compose_setter
from layout.typeset.linebreak import AtomsCache, ComposeOptions, StyledText, compose
from layout.typeset.measure import FixedMetrics

ROOT = Path(__file__).resolve().parents[2]
M = FixedMetrics()
HEAD = [StyledText("中共中央政治局常务委员会召开会议“COVID-19”", "hei", 20.0)]


def test_kept_atoms_give_the_same_lines_at_every_measure():
    cache: AtomsCache = {}
    options = ComposeOptions(indent_em=0, align="center")
    for measure in (400.0, 300.0, 150.0, 95.0, 300.0):
        assert compose(HEAD, measure, M, options, cache) == compose(HEAD, measure, M, options)
    assert len(cache) == 1  # built once, whatever the measure


def test_the_setter_keeps_a_heads_atoms_until_forget():
    spec: Spec = load_spec(ROOT / "specs" / "lvliang-daily.yaml")
    setter = compose_setter(spec, M)
    style = spec.styles["headline"]
    first = setter([(HEAD[0].text, style.role)], style, 300.0)
    assert setter([(HEAD[0].text, style.role)], style, 200.0)
    assert len(setter.atoms) == 1  # type: ignore[attr-defined]
    body = spec.styles["body"]
    setter([("正文" * 80, body.role)], body, 200.0, indent_em=2.0)  # a paragraph: not kept
    assert len(setter.atoms) == 1  # type: ignore[attr-defined]
    setter.forget()  # type: ignore[attr-defined]
    assert not setter.atoms  # type: ignore[attr-defined]
    assert setter([(HEAD[0].text, style.role)], style, 300.0) == first


def test_the_measuring_twin_breaks_the_same_lines_sets_no_runs_and_shares_the_atoms():
    spec: Spec = load_spec(ROOT / "specs" / "lvliang-daily.yaml")
    setter = compose_setter(spec, M)
    measuring = setter.measuring()  # type: ignore[attr-defined]
    style = spec.styles["headline"]
    for measure in (400.0, 150.0, 95.0):
        drawn = setter([(HEAD[0].text, style.role)], style, measure)
        broken = measuring([(HEAD[0].text, style.role)], style, measure)
        assert [line.text for line in broken] == [line.text for line in drawn]
        assert all(line.runs for line in drawn) and not any(line.runs for line in broken)
    assert measuring.atoms is setter.atoms and len(setter.atoms) == 1


def test_a_heads_rows_are_counted_from_broken_lines_and_drawn_at_the_width_chosen():
    from layout.fonts import load_fontset
    from layout.model import Article
    from layout.typeset.blocks import Blocks, Piece
    from layout.typeset.columns import make_grid

    spec: Spec = load_spec(ROOT / "specs" / "lvliang-daily.yaml")
    fonts = load_fontset(spec.fonts)
    article = Article(kicker="春风送暖　万象更新", headline="我市召开全市经济工作会议部署今年重点任务",
                      subheadline="——坚持稳中求进工作总基调", byline="本报记者　张三",
                      body=())
    for lead in (False, True):  # a page's heads are made for one lead: a new Blocks each
        blocks = Blocks(spec, make_grid(spec), compose_setter(spec, fonts))
        content = blocks.content(article, 0, 1)
        piece = Piece(content if not lead else dataclasses.replace(content, lead=True))
        for columns in range(1, 9):
            measured = blocks.head(piece, columns, drawn=False)
            drawn = Blocks(spec, make_grid(spec), compose_setter(spec, fonts)).head(piece, columns)
            assert measured.rows == drawn.rows and measured.parts == drawn.parts
            assert [(round(y, 3), round(x, 3), ln.text) for y, x, ln in measured.lines] == \
                [(round(y, 3), round(x, 3), ln.text) for y, x, ln in drawn.lines]
            assert all(ln.runs for _, _, ln in drawn.lines)
            assert blocks.head(piece, columns) is not measured  # drawn when asked
            assert blocks.head(piece, columns, drawn=False) is blocks.head(piece, columns)
