"""Integers in a spec are plain decimal digits, as in issue documents (layout/document.py).

YAML 1.1 also reads 0x1F, 0b101, 1_000, +7 and 190:20:30 as ints, and PyYAML reads 010 as
octal 8; a spec that wrote one of them meant something odd, so no field reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from layout.spec import Spec


@pytest.mark.parametrize("value", ["0x1F", "0b101", "1_000", "+7", "190:20:30", "0x_1", "!!int three", "!!int 3.0"])
@pytest.mark.parametrize(("text", "path", "expected"), [
    ("grid:\n  columns: {}\n", "grid.columns", "a positive integer"),
    ("masthead:\n  columns: {}\n", "masthead.columns", "a positive integer"),
    ("styles:\n  body: {{size: {}}}\n", "styles.body.size", None),
    ("name: {}\n", "name", "a string"),
])
def test_other_int_notations_are_errors(problems_of: Callable[..., list[str]], value: str, text: str,
                                        path: str, expected: str | None) -> None:
    problems = problems_of(text.format(value))
    shown = value.removeprefix("!!int ")
    line = text.count("\n", 0, text.index("{}")) + 1
    column = len(text.split("\n")[line - 1].split("{}")[0].replace("{{", "{")) + 1
    assert len(problems) == 1
    assert problems[0].startswith(f"s.yaml:{line}:{column}: error: {path}: expected ")
    assert problems[0].split("\n")[0].endswith(f", found {shown} (not in decimal digits)")
    if expected is not None:
        assert problems[0].startswith(f"s.yaml:{line}:{column}: error: {path}: expected {expected}, found")


def test_the_exact_message(problems_of: Callable[..., list[str]]) -> None:
    assert problems_of("grid:\n  columns: 0x1F\n") == [
        "s.yaml:2:12: error: grid.columns: expected a positive integer, found 0x1F (not in decimal digits)"]


@pytest.mark.parametrize(("value", "columns"), [("4", 4), ("010", 10), ("07", 7), ("!!int 6", 6), ("'5'", None)])
def test_decimal_digits_read_in_decimal(load_text: Callable[..., Spec], problems_of: Callable[..., list[str]],
                                        value: str, columns: int | None) -> None:
    text = f"page: {{size: a4}}\ngrid: {{columns: {value}, char_grid: false}}\n"
    if columns is None:
        assert problems_of(text) == ['s.yaml:2:17: error: grid.columns: expected a positive integer, found "5"']
    else:
        assert load_text(text).grid.columns == columns


def test_a_parents_notation_is_reported_in_the_parent(problems_of: Callable[..., list[str]], spec_dir: Path) -> None:
    (spec_dir / "p.yaml").write_text("grid:\n  columns: 0x4\n", encoding="utf-8")
    assert problems_of("extends: p.yaml\n") == [
        "p.yaml:2:12: error: grid.columns: expected a positive integer, found 0x4 (not in decimal digits)"]


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.inf", "1_0.5", "190:20:30.5"])
@pytest.mark.parametrize(("text", "path"), [
    ("grid:\n  gutter: {}\n", "grid.gutter"),
    ("styles:\n  body: {{indent: {}}}\n", "styles.body.indent"),
    ("page:\n  margins: {}\n", "page.margins"),
])
def test_a_float_that_is_not_a_finite_decimal_number_is_an_error(
        problems_of: Callable[..., list[str]], value: str, text: str, path: str) -> None:
    """A NaN passes every range check (NaN < 0 is false) and an infinite length reaches
    the page: YAML 1.1's .nan, .inf and float notations other than decimals are read by no field."""
    problems = problems_of(text.format(value))
    assert len(problems) == 1
    assert f"error: {path}: expected " in problems[0]
    assert problems[0].split("\n")[0].endswith(f", found {value} (not a finite number in decimals)")


def test_plain_decimal_floats_still_read(load_text: Callable[..., Spec]) -> None:
    spec = load_text("grid:\n  gutter: 6.5\n  leading: 13.5\n")
    assert (spec.grid.gutter, spec.grid.leading) == (6.5, 13.5)
