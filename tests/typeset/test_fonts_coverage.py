"""FontSet.missing_chars against its plain definition: each character no face of any
role chain has (whitespace aside), named at the first text that holds it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout import fonts as fonts_module
from layout.fonts import FONT_DIR, FontSet, load_fontset
from layout.ranges import format_runs, runs
from layout.model import Article, Footer, Issue, Page, Paragraph
from tests.spec.test_spec_font_files import tiny_truetype


def defined_missing(fonts: FontSet, texts: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """The definition, one character at a time."""
    seen: set[str] = set()
    out = []
    for where, text in texts:
        for ch in text:
            if ch in seen:
                continue
            seen.add(ch)
            if not ch.isspace() and not any(fonts.has(face, ch) for face in fonts.faces):
                out.append((ch, f"U+{ord(ch):04X}", where))
    return sorted(out, key=lambda m: (m[2], m[1]))


@pytest.fixture(scope="module")
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as mp:
        folder = tmp_path_factory.mktemp("coverage-font-cache")
        mp.setenv("LAYOUT_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="module")
def shipped(font_cache: Path) -> FontSet:
    return load_fontset()


@pytest.fixture(scope="module")
def tiny_faces(font_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Faces of a few characters: a regex's own characters, a space, beyond the BMP."""
    folder = tmp_path_factory.mktemp("tiny-faces")
    return {"Body": tiny_truetype(folder / "Body.ttf", "Body-Regular", "中文-]a \U0002C27C"),
            "Head": tiny_truetype(folder / "Head.ttf", "Head-Regular", "中^\\\U0001F600\u3000"),
            "Unused": tiny_truetype(folder / "Unused.ttf", "Unused-Regular", "好\ue000")}


@pytest.fixture(scope="module")
def tiny(tiny_faces: dict[str, Path]) -> FontSet:
    """Faces only the spec brings; `Unused` is in no chain, so no character is its."""
    return FontSet(tiny_faces, {"song": ["Body"], "hei": ["Head", "Body"]})


# covered by the body face, by a later face only (U+200B: the kai face), by none
# (Ext-A, Ext-B, an emoji, private use, plane 16, a lone surrogate); whitespace
# that no face has is never missing (U+2028, NEL, tab, newline)
SHIPPED_ALPHABET = ("中文，。𬉼\U0002C27C\u200b\u3402\U00020001\U0001F600\ue000\U0010FFFD\ud800"
                    " \u3000\xa0\u2028\x85\t\n")
TINY_ALPHABET = "中文-]a^\\[好\ue000\U0002C27C\U0001F600\U00020001\u3000 \t\u2029"


def test_a_covered_issue_has_nothing_missing(shipped: FontSet) -> None:
    texts = [("p1", "中文，。\U0002C27C\u200b \u3000\n"), ("p2", "\u2028\x85\t")]
    assert shipped.missing_chars(texts) == defined_missing(shipped, texts) == []


def test_beyond_the_bmp_and_whitespace(shipped: FontSet) -> None:
    texts = [("b", "中\U00020001 \u2028文\ud800"), ("a", "\U0001F600\U00020001\u3402"),
             ("c", "\ue000\U0010FFFD\t\u3402")]
    assert shipped.missing_chars(texts) == defined_missing(shipped, texts) == [
        ("\U0001F600", "U+1F600", "a"), ("\u3402", "U+3402", "a"),
        ("\U00020001", "U+20001", "b"), ("\ud800", "U+D800", "b"),
        ("\U0010FFFD", "U+10FFFD", "c"), ("\ue000", "U+E000", "c")]


def test_a_character_in_a_headline_and_a_footer_is_named_once(shipped: FontSet) -> None:
    article = Article(headline="县里\u3402事", body=(Paragraph("正文\U00020001。"),))
    issue = Issue(pages=(
        Page(number=1, articles=(Article(headline="要闻", body=(Paragraph("正文。"),)),)),
        Page(number=2, articles=(article,), footer=Footer(department="\u3402\U00020001部")),
    ))
    got = shipped.missing_chars(issue.texts())
    assert got == defined_missing(shipped, issue.texts())
    assert got == [("\u3402", "U+3402", "page 2, article 1 (县里\u3402事), headline"),
                   ("\U00020001", "U+20001", "page 2, article 1 (县里\u3402事), paragraph 1")]


def test_a_character_only_in_a_section_name_is_named(shipped: FontSet) -> None:
    """The section is printed in the inside pages' running head (报眉)."""
    issue = Issue(pages=(Page(number=1, section="要闻"),
                         Page(number=2, section="\u3402\U00020001版", articles=(Article(headline="要闻"),))))
    got = shipped.missing_chars(issue.texts())
    assert got == defined_missing(shipped, issue.texts())
    assert got == [("\U00020001", "U+20001", "page 2, section"), ("\u3402", "U+3402", "page 2, section")]


def test_faces_the_spec_brings_and_a_face_in_no_chain(tiny: FontSet) -> None:
    texts = [("x", "中文好\ue000]a^\\-[\U0002C27C\U0001F600"), ("y", "[\u3000\u2029 ]")]
    assert tiny.missing_chars(texts) == defined_missing(tiny, texts) == [
        ("[", "U+005B", "x"), ("好", "U+597D", "x"), ("\ue000", "U+E000", "x")]


def test_the_sample_issue_as_the_export_checks_it(shipped: FontSet) -> None:
    from layout import cli

    issue = cli.read_issue(FONT_DIR.parent / "samples" / "lvliang-daily-2023-02-17.txt")
    texts = list(issue.texts())
    assert sum(len(t) for _, t in texts) > 5000
    assert shipped.missing_chars(texts) == defined_missing(shipped, texts) == []
    extra = [*texts, ("notes", "\u3402"), ("later", "\u3402\U00020001")]
    assert shipped.missing_chars(extra) == defined_missing(shipped, extra) == by_regex(shipped, extra) == [
        ("\U00020001", "U+20001", "later"), ("\u3402", "U+3402", "notes")]


wheres = st.sampled_from(["masthead", "page 1, article 1 (甲), headline", "page 1, footer", "p2"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(wheres, st.text(SHIPPED_ALPHABET, max_size=12)), max_size=8))
def test_shipped_faces_agree_with_the_definition(shipped: FontSet, texts: list[tuple[str, str]]) -> None:
    assert shipped.missing_chars(iter(texts)) == defined_missing(shipped, texts) == by_regex(shipped, texts)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(wheres, st.text(TINY_ALPHABET, max_size=12)), max_size=8))
def test_spec_faces_agree_with_the_definition(tiny: FontSet, texts: list[tuple[str, str]]) -> None:
    assert tiny.missing_chars(iter(texts)) == defined_missing(tiny, texts) == by_regex(tiny, texts)


def by_regex(fonts: FontSet, texts: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """`missing_chars` as it checks a long issue, by each face's coverage regex (a short
    one's distinct characters are looked up one by one)."""
    kept = fonts_module._FEW_CHARACTERS
    fonts_module._FEW_CHARACTERS = -1
    try:
        return fonts.missing_chars(iter(texts))
    finally:
        fonts_module._FEW_CHARACTERS = kept


@given(st.sets(st.integers(min_value=0, max_value=0x10FFFF), max_size=40))
def test_code_point_ranges_hold_exactly_the_code_points(code_points: set[int]) -> None:
    ranges = runs(code_points)
    assert {cp for low, high in ranges for cp in range(low, high + 1)} == code_points
    # sorted, and no two ranges touch (else they would be one)
    assert all(low <= high for low, high in ranges)
    assert all(a[1] + 1 < b[0] for a, b in zip(ranges, ranges[1:]))


def test_runs_are_written_as_a_reader_writes_pages() -> None:
    assert format_runs([11, 1, 9, 10, 10]) == "1, 9-11"
    assert format_runs([]) == "" and format_runs([3]) == "3"
