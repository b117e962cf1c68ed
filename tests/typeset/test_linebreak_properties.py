"""Hypothesis properties of the composer with the fixed-width fake font."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from layout.typeset import cjk, lb_fit
from layout.typeset.lb_atoms import build_atoms, faces_for
from layout.typeset.linebreak import ComposeOptions, StyledText, compose
from layout.typeset.measure import FixedMetrics
from tests.typeset.lb_helpers import flush, right_edges

M = FixedMetrics()
# the tokens `cjk.tokenize` finds faster: the long kinds, else any one character
TOKEN_RE = re.compile(cjk.LONG_TOKEN + r"|.", re.S)
PIECES = list("中国同亚五建交年来相继立战略伙伴关系走出了一条睦邻友好合作共赢的新路")
PIECES += list("，。、：；？！“”‘’（）《》·【】") + ["——", "……", "2023", "2.5%", "COVID-19", "test", " "]
PIECES += ["\u3000", "3.14", "km/h", "-", "/", "⸺", "—", "…", "a"]
PIECES += ["International", "semiconductor", "development"]  # hyphenated at syllables

texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=80).map("".join)
options = st.builds(ComposeOptions, indent_em=st.sampled_from([0.0, 1.0, 2.0]),
                    punctuation=st.sampled_from(["compressed", "full-width", "centred"]),
                    hanging=st.booleans(), no_orphan=st.booleans(), hyphenate=st.booleans())
chars = st.integers(min_value=5, max_value=20)
# several runs of different roles and sizes in one paragraph
runs = st.lists(st.builds(StyledText, texts, st.sampled_from(["song", "hei", "kai"]),
                          st.sampled_from([9.0, 10.5, 7.5])), min_size=1, max_size=3)


def _one_unit(text: str) -> bool:
    """A line with no legal break inside cannot be justified (nothing to spread)."""
    text = text.strip(" \u3000")
    if len(TOKEN_RE.findall(text)) <= 1:
        return True
    at = build_atoms([StyledText(text, "song", 9.0)], faces_for(M), True)
    return not any(at.can_break(i) for i in range(1, len(at.text)))


@settings(max_examples=300, deadline=None)
@given(texts, chars, options)
def test_lines_join_back_to_the_input(text, n, opt):
    lines = compose([StyledText(text, "song", 9.0)], n * 9.0, M, opt)
    assert "".join(ln.text for ln in lines) == text


@settings(max_examples=300, deadline=None)
@given(texts, chars, options)
@example("20233.143.14", 5, ComposeOptions(indent_em=0.0, no_orphan=False))  # a fresh clone's find
@example("详见www.example-newspaper.com/2023/report.html。", 6, ComposeOptions(indent_em=0.0))
def test_kinsoku_never_violated(text, n, opt):
    lines = compose([StyledText(text, "song", 9.0)], n * 9.0, M, opt)
    for prev, ln in zip(lines, lines[1:]):
        assert ln.text[0] not in cjk.NOT_AT_START, (prev.text, ln.text)
        assert prev.text.rstrip(" ")[-1] not in cjk.NOT_AT_END, (prev.text, ln.text)


@settings(max_examples=300, deadline=None)
@given(texts, chars, options)
# the breaker once let a full-width line-end mark shrink where the justifier did not
@example("中中中中中中2023中中中中中——2023中，中", 11,
         ComposeOptions(punctuation="full-width", no_orphan=False))
@example("中中中中中—中【中中", 5, ComposeOptions(indent_em=0))  # nothing may spread
@example("中中中中中中2023\u3000中", 5, ComposeOptions(indent_em=0))  # line-end U+3000
def test_non_final_lines_fill_the_measure(text, n, opt):
    measure = n * 9.0
    lines = compose([StyledText(text, "song", 9.0)], measure, M, opt)
    for ln in lines[:-1]:
        if _one_unit(ln.text) or _hung(ln, opt) or _ragged(ln):
            continue
        assert flush(ln, M, measure), ln


def _ragged(line) -> bool:
    """A line the composer left ragged, as it may only when the line was cut inside a
    Western run wider than the column and has no gap that may spread (then asserted)."""
    if not line.last:
        return False
    text = line.text.rstrip(" \u3000")
    at = build_atoms([StyledText(text, "song", 9.0)], faces_for(M), True)
    assert not lb_fit.can_spread(at, 0, len(at.text) - 1), line
    return True


def _hung(line, opt: ComposeOptions) -> bool:
    return opt.hanging and line.text.rstrip(" ")[-1] in cjk.HANGABLE


@settings(max_examples=300, deadline=None)
@given(runs, chars, options)
@example([StyledText("中中3.14中中中中中中中中中中中中中中“·", "song", 9.0)], 5,
         ComposeOptions(indent_em=0, no_orphan=False))  # a shrunk line-end interpunct
@example([StyledText("中中中中", "song", 9.0), StyledText("中中中中中中中中，", "song", 7.5)], 11,
         ComposeOptions(indent_em=0, hanging=True))  # a hung mark on the last line
def test_mixed_runs_flush_and_inside_the_measure(texts_, n, opt):
    """Several runs of other sizes: joins back, every line inside, non-final flush."""
    measure = n * 9.0
    lines = compose(texts_, measure, M, opt)
    assert "".join(ln.text for ln in lines) == "".join(t.text for t in texts_)
    for i, ln in enumerate(lines):
        if not ln.text.strip(" \u3000") or _one_unit(ln.text) or _hung(ln, opt):
            continue
        assert right_edges(ln, M)[1] <= measure + 0.01, ln
        if i < len(lines) - 1 and not _ragged(ln):
            assert flush(ln, M, measure), ln


@settings(max_examples=100, deadline=None)
@given(texts, chars, options)
def test_deterministic(text, n, opt):
    a = compose([StyledText(text, "song", 9.0)], n * 9.0, M, opt)
    b = compose([StyledText(text, "song", 9.0)], n * 9.0, M, opt)
    assert a == b


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text()))
@example("a——b2.5%中 \u3000 ￥100km/h,x")
@example("见www.example.com/a.b和0.0.0.0/0")
@example("20233.143.14")
def test_tokenize_is_token_re(text):
    """The fast tokeniser finds exactly the tokens of the token grammar (addresses cut)."""
    expected = [p for tok in TOKEN_RE.findall(text) for p in cjk.address_pieces(tok)]
    assert cjk.tokenize(text) == expected
