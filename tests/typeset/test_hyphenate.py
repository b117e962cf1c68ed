"""Long Latin words in justified Chinese text are hyphenated only to save a loose line."""

from __future__ import annotations

import dataclasses

import pytest

from layout.spec.schema import Align, Spec, Style, TypographySpec
from layout.typeset import cjk
from layout.typeset.blocks import compose_setter
from layout.typeset.linebreak import ComposeOptions, StyledText, compose, grid_measure
from layout.typeset.measure import FixedMetrics
from tests.typeset.lb_helpers import flush, glyphs

M = FixedMetrics()  # Han 1 em, Latin letters ½ em
SIZE = 10.0
HAN = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸"
SHY = cjk.SOFT_HYPHEN


def compose_text(text: str, chars: int, **opts: object):  # type: ignore[no-untyped-def]
    options = ComposeOptions(**{"indent_em": 0, **opts})  # type: ignore[arg-type]
    return compose([StyledText(text, "song", SIZE)], grid_measure(chars, SIZE), M, options)


def widest_gap(line, metrics) -> float:  # type: ignore[no-untyped-def]
    """The widest blank between two drawn Han characters of a line, in em."""
    g = glyphs(line, metrics)
    return max((b[1] - a[2]) / SIZE for a, b in zip(g, g[1:]) if a[0] in HAN and b[0] in HAN)


@pytest.mark.parametrize(("word", "pieces"), [
    ("International", ["In", SHY, "ter", SHY, "na", SHY, "tional"]),
    ("semiconductor", ["semi", SHY, "con", SHY, "duc", SHY, "tor"]),
    ("Hello", ["Hello"]),  # too short to cut
    ("GDP", ["GDP"]),
    ("INTERNATIONAL", ["INTERNATIONAL"]),  # an acronym or a shout: never cut
    ("iPhone", ["iPhone"]),  # a mixed-case name
    ("COVID-19", ["COVID-19"]),
    ("www.example.com/report", ["www.", "example.", "com", "/report"]),  # an address
])
def test_only_plain_long_words_are_cut_at_syllables(word: str, pieces: list[str]) -> None:
    assert cjk.tokenize(word, hyphenate=True) == pieces


def test_words_are_whole_unless_hyphenation_is_asked_for() -> None:
    assert cjk.tokenize("International合作") == ["International", "合", "作"]


def test_a_word_that_would_leave_a_loose_line_is_hyphenated() -> None:
    # 7 Han and the word do not fit 10 em: left whole, the word leaves 3 em of spread
    text = "一二三四五六七International合作交流。"
    whole = compose_text(text, 10, hyphenate=False)
    cut = compose_text(text, 10)
    assert whole[0].text == "一二三四五六七"
    assert widest_gap(whole[0], M) > 0.4
    assert cut[0].text.startswith("一二三四五六七In") and cut[0].text != "一二三四五六七"
    drawn = "".join(ch for ch, *_ in glyphs(cut[0], M))
    assert drawn.endswith("-") and drawn.rstrip("-") == cut[0].text  # the hyphen is drawn
    assert flush(cut[0], M, grid_measure(10, SIZE))
    assert widest_gap(cut[0], M) < 0.2
    assert "".join(ln.text for ln in cut) == text  # the lines' text is the paragraph's
    assert not any("-" in ch for ln in cut[1:] for ch, *_ in glyphs(ln, M))  # hyphen only at the cut


def test_no_hyphen_where_the_line_is_not_loose_without_one() -> None:
    # 17 Han of 20 em: 3 em over 16 gaps is under 0.2 em each; "In-" would fit, needlessly
    text = HAN[:17] + "International" + HAN[:5] + "。"
    lines = compose_text(text, 20)
    assert lines[0].text == HAN[:17]
    assert not any(ch == "-" for ln in lines for ch, *_ in glyphs(ln, M))


def test_heads_are_never_hyphenated_and_the_spec_can_turn_it_off() -> None:
    text = "一二三四五六七International合作交流。"
    body = Style(role="song", size=SIZE, align=Align.JUSTIFY)
    head = dataclasses.replace(body, align=Align.CENTER)
    measure = grid_measure(10, SIZE)

    def drawn(spec: Spec, style: Style) -> str:
        setter = compose_setter(spec, M)
        lines = setter([(text, "song")], style, measure)
        return "".join(ch for ln in lines for ch, *_ in glyphs(ln, M))

    assert "-" in drawn(Spec(), body)
    assert "-" not in drawn(Spec(), head)
    off = dataclasses.replace(Spec(), typography=TypographySpec(hyphenate=False))
    assert "-" not in drawn(off, body)
