"""The atoms kept for short texts: the same lines as without them, and dropped per page."""

from __future__ import annotations

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
