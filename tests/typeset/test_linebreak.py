"""The composer with the fixed-width fake font: rules of the team's CJK document."""

from __future__ import annotations

import pytest

from layout.typeset import cjk
from layout.typeset.linebreak import (ComposeOptions, StyledText, break_lines, compose,
                                      grid_measure)
from layout.typeset.measure import FixedMetrics
from tests.typeset.lb_helpers import flush, glyphs

M = FixedMetrics()
SIZE = 10.0
NO_INDENT = ComposeOptions(indent_em=0)


def lines_of(text: str, chars: int = 10, **opts) -> list[str]:
    options = ComposeOptions(**{"indent_em": 0, **opts})
    return [ln.text for ln in compose([StyledText(text, "song", SIZE)],
                                      grid_measure(chars, SIZE), M, options)]


def test_grid_measure_is_whole_characters():
    assert grid_measure(13, 9) == 117


def test_plain_han_breaks_every_n_chars():
    assert lines_of("一二三四五六七八九十甲乙丙丁戊己庚", 10) == ["一二三四五六七八九十", "甲乙丙丁戊己庚"]


def test_first_line_indent_two_em():
    lines = compose([StyledText("一二三四五六七八九十甲乙丙", "song", SIZE)],
                    100.0, M, ComposeOptions())
    assert lines[0].text == "一二三四五六七八"
    assert lines[0].runs[0].x == pytest.approx(20.0)


def test_closing_mark_pushed_in_when_the_line_can_shrink():
    # 11th atom is "，": it may not start a line; the first "，" gives up ½ em for it
    out = lines_of("一二三，四五六七八九，甲乙丙丁", 10)
    assert out[0] == "一二三，四五六七八九，"
    lines = compose([StyledText("一二三，四五六七八九，甲乙丙丁", "song", SIZE)], 100.0, M, NO_INDENT)
    assert flush(lines[0], M, 100.0)


def test_closing_mark_pushed_out_when_nothing_can_shrink():
    out = lines_of("一二三四五六七八九十，甲乙丙丁", 10)
    assert out[0] == "一二三四五六七八九" and out[1].startswith("十，")
    lines = compose([StyledText("一二三四五六七八九十，甲乙丙丁", "song", SIZE)], 100.0, M, NO_INDENT)
    assert flush(lines[0], M, 100.0)


def test_opening_bracket_pushed_out_not_at_line_end():
    out = lines_of("一二三四五六七八九“甲乙”丙丁", 10)
    assert not out[0].endswith("“")
    assert out[1].startswith("“")


def test_two_em_dash_and_ellipsis_never_split():
    for text in ("一二三四五六七八九——甲乙丙", "一二三四五六七八九……甲乙丙"):
        out = lines_of(text, 10)
        assert all(not ln.endswith(("—", "…")) or ln.endswith(("——", "……")) for ln in out)
        assert all(not ln.startswith(("——", "……")) for ln in out)


def test_numbers_and_words_never_split():
    out = lines_of("一二三四五六七八2023年增长2.5%的COVID-19病例", 10)
    joined = "|".join(out)
    for token in ("2023", "2.5%", "COVID-19"):
        assert token in joined.replace("|", "") and all(
            token in ln or token not in joined.replace("|", "") for ln in out if token[:2] in ln)


def test_join_gives_back_input():
    text = "中国同中亚五国建交30多年来，相继建立“战略伙伴关系”，走出了一条——睦邻友好……合作共赢的新路。"
    assert "".join(lines_of(text, 7)) == text


def test_non_final_lines_fill_the_measure():
    text = "习近平指出，中国同中亚五国建交30多年来，相继建立战略伙伴关系，走出了一条睦邻友好、合作共赢的新路。"
    lines = compose([StyledText(text, "song", SIZE)], 120.0, M, NO_INDENT)
    for ln in lines[:-1]:
        assert flush(ln, M, 120.0)


def test_han_latin_gap_quarter_em():
    lines = compose([StyledText("中文abc中文", "song", SIZE)], 200.0, M, NO_INDENT)
    g = glyphs(lines[0], M)
    assert g[2][1] - g[1][2] == pytest.approx(2.5)  # 文|a
    assert g[5][1] - g[4][2] == pytest.approx(2.5)  # c|中


def test_no_han_latin_gap_next_to_punctuation():
    lines = compose([StyledText("中，abc。", "song", SIZE)], 200.0, M, NO_INDENT)
    g = glyphs(lines[0], M)
    assert g[2][1] - g[1][1] == pytest.approx(10.0)  # "，" keeps its 1-em box, no gap


def test_adjacent_marks_take_one_and_a_half_em():
    lines = compose([StyledText("好。”他说", "song", SIZE)], 200.0, M, NO_INDENT)
    g = glyphs(lines[0], M)
    assert g[3][1] - g[1][1] == pytest.approx(15.0)  # 。” then 他: 1.5 em


def test_full_width_option_keeps_marks_whole():
    lines = compose([StyledText("好。”他说", "song", SIZE)], 200.0, M,
                    ComposeOptions(indent_em=0, punctuation="full-width"))
    g = glyphs(lines[0], M)
    assert g[3][1] - g[1][1] == pytest.approx(20.0)


CENTRED = ComposeOptions(indent_em=0, punctuation="centred")


@pytest.mark.parametrize(("punctuation", "ink_centred"), [("compressed", False),
                                                          ("full-width", False),
                                                          ("centred", True)])
def test_a_shrunk_stop_stays_centred_in_taiwan_style(punctuation: str, ink_centred: bool):
    # 。 may not start line 2, so line 1 takes it and shrinks: the comma's box first
    lines = compose([StyledText("一二三四五，六七八九十。甲乙丙丁", "song", SIZE)], 110.0, M,
                    ComposeOptions(indent_em=0, punctuation=punctuation))
    assert lines[0].text == "一二三四五，六七八九十。"
    comma = next(g for g in glyphs(lines[0], M) if g[0] == "，")
    box_centre = 50.0 + 2.5  # its box, shrunk to ½ em: 5 pt from x = 50
    assert ((comma[1] + comma[2]) / 2 == pytest.approx(box_centre)) is ink_centred
    if not ink_centred:
        assert comma[1] == pytest.approx(50.0)  # mainland: ink at the box's left


def test_centred_stops_are_never_trimmed_nor_compressed():
    # a line-end 。 keeps its whole em (compressed style trims it to ½ em), and 。” take 2 em
    lines = compose([StyledText("好。”他说", "song", SIZE)], 200.0, M, CENTRED)
    g = glyphs(lines[0], M)
    assert g[3][1] - g[1][1] == pytest.approx(20.0)
    text = "一二三四五六七八九。甲乙"
    assert [ln.text for ln in compose([StyledText(text, "song", SIZE)], 95.0, M,
                                      ComposeOptions(indent_em=0))][0] == "一二三四五六七八九。"
    centred = compose([StyledText(text, "song", SIZE)], 95.0, M, CENTRED)
    stop = next(g for ln in centred for g in glyphs(ln, M) if g[0] == "。")
    assert (stop[1] + stop[2]) / 2 <= 95.0 - 2.5  # its ink (centred) inside the measure


def test_line_start_opening_bracket_trimmed():
    lines = compose([StyledText("“好”", "song", SIZE)], 200.0, M, NO_INDENT)
    assert lines[0].runs[0].x == pytest.approx(-5.0)  # blank half outside the column


def test_interpunct_half_em():
    lines = compose([StyledText("马克·吐温", "song", SIZE)], 200.0, M, NO_INDENT)
    g = glyphs(lines[0], M)
    assert g[3][1] - g[1][2] == pytest.approx(5.0)


def test_no_orphan_pulls_a_char_down():
    text = "一二三四五六七八九十甲"  # 11 chars at 10: "甲" alone would be an orphan
    out = lines_of(text, 10)
    assert len(out[-1]) >= 2 and "".join(out) == text
    assert lines_of(text, 10, no_orphan=False)[-1] == "甲"


def test_hanging_punctuation_option():
    text = "一二三四五六七八九十，甲乙丙丁"
    lines = compose([StyledText(text, "song", SIZE)], 100.0, M,
                    ComposeOptions(indent_em=0, hanging=True))
    assert lines[0].text == "一二三四五六七八九十，"
    g = glyphs(lines[0], M)
    assert g[9][2] == pytest.approx(100.0) and g[10][1] == pytest.approx(100.0)


def test_centered_headline_not_justified():
    lines = compose([StyledText("标题", "hei", 20)], 100.0, M,
                    ComposeOptions(indent_em=0, align="center"))
    assert lines[0].runs[0].x == pytest.approx(30.0)


def test_multiple_styled_runs():
    lines = compose([StyledText("新华社电　", "hei", SIZE), StyledText("正文内容", "song", SIZE)],
                    200.0, M, NO_INDENT)
    assert lines[0].text == "新华社电　正文内容"


def test_tracking_keeps_han_in_one_run():
    text = "一二三四五，六七八九十甲乙丙丁"
    lines = compose([StyledText(text, "song", SIZE)], 105.0, M, NO_INDENT)
    assert len(lines[0].runs) == 1 and lines[0].runs[0].tracking != 0


def test_empty_paragraph():
    assert compose([], 100.0, M) == ()
    assert compose([StyledText("", "song", SIZE)], 100.0, M) == ()
    assert break_lines([StyledText("", "song", SIZE)], 100.0, M) == ([], [])


def test_tables_are_disjoint_where_they_must_be():
    assert not (cjk.INK_LEFT & cjk.INK_RIGHT)
    assert cjk.HANGABLE <= cjk.NOT_AT_START


def test_loose_line_takes_the_next_unit_when_a_mark_can_shrink():
    # "一…七。" alone would spread 2.5 em over 7 gaps; with "20235" the 。 gives up ½ em
    text = "一二三四五六七。20235年后"
    assert lines_of(text, 10)[0] == "一二三四五六七。20235"
    lines = compose([StyledText(text, "song", SIZE)], 100.0, M, NO_INDENT)
    assert flush(lines[0], M, 100.0)


@pytest.mark.parametrize(("text", "tokens"), [
    ("www.example.com/report", ["www.", "example.", "com", "/report"]),
    ("20233.143.14", ["20233.143.14"]),  # no letter: a number, whole
    ("news@example.cn", ["news", "@", "example.cn"]),  # short: one token
    ("1,234,567.89", ["1,234,567.89"]),  # numbers stay whole
    ("v1.2.3", ["v1.2.3"]),
])
def test_long_addresses_are_cut_into_pieces(text: str, tokens: list[str]) -> None:
    assert cjk.tokenize(text) == tokens


def test_an_address_wider_than_the_column_is_cut_never_sticks_out():
    # pushed whole to its own line, the address would stick out into the next column
    text = "详情见https://www.example-newspaper.com/2023/report/index.html或来信咨询。"
    measure = grid_measure(10, SIZE)
    lines = compose([StyledText(text, "song", SIZE)], measure, M, NO_INDENT)
    assert "".join(ln.text for ln in lines) == text
    for line in lines:
        assert max(x1 for _ch, _x0, x1, _s in glyphs(line, M)) <= measure + 0.01, line.text
    cut = [ln for ln in lines if "example" in ln.text or "report" in ln.text]
    assert len(cut) >= 2  # the address spans lines


def test_no_space_opens_inside_an_address_when_justifying():
    text = "请发邮件至news@example.cn咨询有关事宜，谢谢合作。"
    lines = compose([StyledText(text, "song", SIZE)], grid_measure(16, SIZE) + 7, M, NO_INDENT)
    g = glyphs(lines[0], M)
    address = [x for x in g if x[0] in "news@example.cn" and x[0].isascii()]
    for (a, _a0, a1, _), (_b, b0, _b1, _) in zip(address, address[1:]):
        assert b0 - a1 == pytest.approx(0.0), a  # the line spread elsewhere
    assert flush(lines[0], M, grid_measure(16, SIZE) + 7)


def test_breaking_only_gives_the_same_lines_without_runs():
    text = "中国同中亚五国建交30多年来，相继建立“战略伙伴关系”，走出了一条——睦邻友好……合作共赢的新路。International"
    for chars in (5, 7, 10, 13):
        full = compose([StyledText(text, "song", SIZE)], grid_measure(chars, SIZE), M, NO_INDENT)
        bare = compose([StyledText(text, "song", SIZE)], grid_measure(chars, SIZE), M, NO_INDENT,
                       runs=False)
        assert [(ln.text, ln.last, ln.width) for ln in bare] == [(ln.text, ln.last, ln.width) for ln in full]
        assert all(not ln.runs for ln in bare) and all(ln.runs for ln in full)


@pytest.mark.parametrize(("text", "count"), [
    ("", 0), ("中文", 2), ("abc，。1", 0), ("㐀𠀀\uf900", 3),  # Ext-A, Ext-B, compatibility
    ("\u4dff\u9fff\ua000\U0003134f\U00031350", 2), ("漢字 kanji かな", 2)])
def test_ideograph_count_takes_every_ideograph_block_and_nothing_else(text: str, count: int) -> None:
    """A head's ideographs each need 1 em: the count decides whether a size can fit."""
    assert cjk.ideograph_count(text) == count
