"""`extends`: deep merge, list replacement, cycles, missing parents, parent-file errors."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable

import pytest

from layout.errors import SpecError
from layout.spec import Spec, load_spec
from layout.spec.units import PT_PER_MM

BASE = """\
name: base
page:
  size: broadsheet
  margins: {top: 20mm, bottom: 20mm, left: 20mm, right: 20mm}
grid: {columns: 8, gutter: 0.75em}
styles:
  headline: {role: song, weight: bold, size: 一号, space_after: 0.25em}
masthead:
  ear: ["{date_cn}", "{number}"]
"""


def write(directory: Path, name: str, text: str) -> None:
    (directory / name).parent.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")


def load(name: str) -> Spec:
    return load_spec(Path(name), font_manifest=None)


def problems(name: str) -> list[str]:
    with pytest.raises(SpecError) as info:
        load(name)
    return list(info.value.problems)


def test_child_overrides_and_inherits(spec_dir: Path) -> None:
    write(spec_dir, "base.yaml", BASE)
    write(spec_dir, "child.yaml", "extends: base.yaml\nname: child\n"
          "page:\n  margins: {left: 10mm}\ngrid: {columns: 6}\n"
          "styles:\n  headline: {size: 二号}\n")
    spec = load("child.yaml")
    assert spec.name == "child"
    assert spec.page.width == pytest.approx(390 * PT_PER_MM)  # inherited size
    assert spec.page.margin_left == pytest.approx(10 * PT_PER_MM)  # merged mapping
    assert spec.page.margin_top == pytest.approx(20 * PT_PER_MM)
    assert spec.grid.columns == 6 and spec.grid.gutter == 6.75
    headline = spec.styles["headline"]
    assert (headline.role, headline.size) == ("song-bold", 21.0)
    assert headline.space_after == pytest.approx(5.25)  # em resolved after the merge
    assert [e.template for e in spec.masthead.ear] == ["{date_cn}", "{number}"]


def test_lists_replace(spec_dir: Path) -> None:
    write(spec_dir, "base.yaml", BASE)
    write(spec_dir, "child.yaml", 'extends: base.yaml\nmasthead:\n  ear: ["{website}"]\n')
    assert [e.template for e in load("child.yaml").masthead.ear] == ["{website}"]


def test_scalar_replaces_mapping(spec_dir: Path) -> None:
    write(spec_dir, "base.yaml", BASE)
    write(spec_dir, "child.yaml", "extends: base.yaml\npage:\n  margins: 5mm\n")
    page = load("child.yaml").page
    assert page.margin_top == page.margin_right == pytest.approx(5 * PT_PER_MM)


def test_child_size_drops_parent_dimensions(spec_dir: Path) -> None:
    write(spec_dir, "base.yaml", "page: {width: 100mm, height: 200mm, margins: 5mm}\n"
          "masthead: {position: center}\ngrid: {columns: 2}\n")
    write(spec_dir, "child.yaml", "extends: base.yaml\npage: {size: A4}\n")
    assert load("child.yaml").page.width == pytest.approx(210 * PT_PER_MM)


def test_child_role_drops_parent_weight(spec_dir: Path) -> None:
    write(spec_dir, "base.yaml", BASE)
    write(spec_dir, "child.yaml", "extends: base.yaml\nstyles:\n  headline: {role: hei}\n")
    assert load("child.yaml").styles["headline"].role == "hei"


def test_chain_and_subdirectory(spec_dir: Path) -> None:
    write(spec_dir, "house/base.yaml", BASE)
    write(spec_dir, "house/mid.yaml", "extends: base.yaml\ngrid: {columns: 7}\n")
    write(spec_dir, "top.yaml", "extends: house/mid.yaml\nname: top\n")
    spec = load("top.yaml")
    assert (spec.name, spec.grid.columns, spec.styles["headline"].size) == ("top", 7, 27.5)


def test_name_defaults_to_file_stem(spec_dir: Path) -> None:
    write(spec_dir, "plain.yaml", "grid: {columns: 8}\n")
    assert load("plain.yaml").name == "plain"


def test_errors_in_parent_point_at_parent(spec_dir: Path) -> None:
    write(spec_dir, "base.yaml", "grid:\n  columns: eight\n  gutterr: 1em\n")
    write(spec_dir, "child.yaml", "extends: base.yaml\nrules: {color: puce}\n")
    assert problems("child.yaml") == [
        'child.yaml:2:16: error: rules.color: expected a colour, found "puce"\n  hint: write '
        '"#rgb", "#rrggbb", a process colour "cmyk(0, 100, 100, 20)" (percent) or one of black, '
        'white, gray, grey, red, blue, 报红, 黑, 红',
        'base.yaml:2:12: error: grid.columns: expected a positive integer, found "eight"',
        "base.yaml:3:3: error: grid: unknown key `gutterr` (did you mean `gutter`?)",
    ]


def test_child_fixes_parent_value(spec_dir: Path) -> None:
    write(spec_dir, "base.yaml", "grid:\n  columns: eight\n")
    write(spec_dir, "child.yaml", "extends: base.yaml\ngrid: {columns: 8}\n")
    assert load("child.yaml").grid.columns == 8


def test_syntax_error_in_parent(spec_dir: Path) -> None:
    write(spec_dir, "base.yaml", "grid: [\n")
    write(spec_dir, "child.yaml", "extends: base.yaml\n")
    assert problems("child.yaml") == [
        "base.yaml:2:1: error: invalid YAML: did not find expected node content"]


CYCLE_HINT = "  hint: a spec cannot extend itself, directly or through others"


@pytest.mark.parametrize(("files", "root", "cycle"), [
    ({"a.yaml": "b.yaml", "b.yaml": "a.yaml"}, "a.yaml", ("b.yaml", "a.yaml -> b.yaml -> a.yaml")),
    ({"top.yaml": "a.yaml", "a.yaml": "b.yaml", "b.yaml": "a.yaml"}, "top.yaml",
     ("b.yaml", "a.yaml -> b.yaml -> a.yaml")),  # below the root
    ({"a.yaml": "./a.yaml"}, "a.yaml", ("a.yaml", "a.yaml -> a.yaml")),  # itself
])
def test_cycles(spec_dir: Path, files: dict[str, str], root: str, cycle: tuple[str, str]) -> None:
    for name, parent in files.items():
        write(spec_dir, name, f"extends: {parent}\n")
    where, chain = cycle
    assert problems(root) == [f"{where}:1:10: error: extends: cycle: {chain}\n{CYCLE_HINT}"]


def test_missing_parent(spec_dir: Path) -> None:
    write(spec_dir, "a.yaml", "extends: nope.yaml\ngrid: {columns: x}\n")
    assert problems("a.yaml") == [
        'a.yaml:1:10: error: extends: expected an existing spec file, found "nope.yaml"\n'
        "  hint: looked for nope.yaml",
        'a.yaml:2:17: error: grid.columns: expected a positive integer, found "x"',
    ]


def test_extends_not_a_string(spec_dir: Path) -> None:
    write(spec_dir, "a.yaml", "extends: [x.yaml]\n")
    assert problems("a.yaml") == [
        "a.yaml:1:10: error: extends: expected a spec file name, found a list"]


def test_parent_problems_use_relative_display_path(spec_dir: Path,
                                                   load_text: Callable[..., Spec]) -> None:
    write(spec_dir, "lib/base.yaml", "rules: {between_articles: -1}\n")
    write(spec_dir, "x/child.yaml", "extends: ../lib/base.yaml\n")
    assert problems("x/child.yaml") == [
        'lib/base.yaml:1:27: error: rules.between_articles: expected a length ≥ 0, found -1\n'
        '  hint: write a number of points or a string like "12pt", "4.5mm", "1cm", "0.5in"']
