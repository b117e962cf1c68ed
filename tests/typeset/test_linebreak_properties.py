"""Hypothesis properties of the composer with the fixed-width fake font."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.typeset import cjk
from layout.typeset.linebreak import ComposeOptions, StyledText, compose
from layout.typeset.measure import FixedMetrics
from tests.typeset.lb_helpers import flush

M = FixedMetrics()
PIECES = list("中国同亚五建交年来相继立战略伙伴关系走出了一条睦邻友好合作共赢的新路")
PIECES += list("，。、：；？！“”‘’（）《》·") + ["——", "……", "2023", "2.5%", "COVID-19", "test", " "]

texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=80).map("".join)
options = st.builds(ComposeOptions, indent_em=st.sampled_from([0.0, 1.0, 2.0]),
                    punctuation=st.sampled_from(["compressed", "full-width"]),
                    hanging=st.booleans(), no_orphan=st.booleans())
chars = st.integers(min_value=8, max_value=20)


def _one_unit(text: str) -> bool:
    """A line that is one unbreakable unit cannot be justified (nothing to spread)."""
    return len(cjk.TOKEN_RE.findall(text.strip())) <= 1


@settings(max_examples=300, deadline=None)
@given(texts, chars, options)
def test_lines_join_back_to_the_input(text, n, opt):
    lines = compose([StyledText(text, "song", 9.0)], n * 9.0, M, opt)
    assert "".join(ln.text for ln in lines) == text


@settings(max_examples=300, deadline=None)
@given(texts, chars, options)
def test_kinsoku_never_violated(text, n, opt):
    lines = compose([StyledText(text, "song", 9.0)], n * 9.0, M, opt)
    for prev, ln in zip(lines, lines[1:]):
        assert ln.text[0] not in cjk.NOT_AT_START, (prev.text, ln.text)
        assert prev.text.rstrip(" ")[-1] not in cjk.NOT_AT_END, (prev.text, ln.text)


@settings(max_examples=300, deadline=None)
@given(texts, chars, options)
def test_non_final_lines_fill_the_measure(text, n, opt):
    measure = n * 9.0
    lines = compose([StyledText(text, "song", 9.0)], measure, M, opt)
    for ln in lines[:-1]:
        if _one_unit(ln.text) or opt.hanging:
            continue
        assert flush(ln, M, measure), ln


@settings(max_examples=100, deadline=None)
@given(texts, chars, options)
def test_deterministic(text, n, opt):
    a = compose([StyledText(text, "song", 9.0)], n * 9.0, M, opt)
    b = compose([StyledText(text, "song", 9.0)], n * 9.0, M, opt)
    assert a == b
