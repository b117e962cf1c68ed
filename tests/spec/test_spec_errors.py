"""Bad specs and the exact messages they produce (house style § 4 and § 6)."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable

import pytest

from layout.errors import SpecError
from layout.spec import load_spec

LENGTH_HINT = '  hint: write a number of points or a string like "12pt", "4.5mm", "1cm", "0.5in"'
SIZE_HINT = ('  hint: write points (9, "9pt", "3.2mm") or a 字号 name: 初号, 小初, 一号, 小一, '
             "二号, 小二, 三号, 小三, 四号, 小四, 五号, 小五, 新五, 六号, 小六, 七号, 八号")
COLOR_HINT = ('  hint: write "#rgb", "#rrggbb", a process colour "cmyk(0, 100, 100, 20)" (percent) '
              "or one of black, white, gray, grey, red, blue, 报红, 黑, 红")
TAG_HINT = "  hint: specs hold plain data only: remove the tag"

CASES: list[tuple[str, str, list[str]]] = [
    ("wrong type", "grid:\n  columns: three\n",
     ['s.yaml:2:12: error: grid.columns: expected a positive integer, found "three"']),
    ("float for int", "grid:\n  columns: 3.5\n",
     ["s.yaml:2:12: error: grid.columns: expected a positive integer, found 3.5"]),
    ("bool for int", "grid:\n  columns: true\n",
     ["s.yaml:2:12: error: grid.columns: expected a positive integer, found true"]),
    ("empty value", "grid:\n  columns:\n",
     ["s.yaml:2:11: error: grid.columns: expected a positive integer, found nothing"]),
    ("bool", "epub:\n  vertical: 1\n",
     ["s.yaml:2:13: error: epub.vertical: expected true or false, found 1"]),
    ("string", "name: 3\n", ["s.yaml:1:7: error: name: expected a string, found 3"]),
    ("unknown key with hint", "styles:\n  headline:\n    weigth: bold\n",
     ["s.yaml:3:5: error: styles.headline: unknown key `weigth` (did you mean `weight`?)"]),
    ("unknown key without a close match", "styles:\n  headline:\n    zzzz: 1\n",
     ["s.yaml:3:5: error: styles.headline: unknown key `zzzz`\n  hint: accepted keys: "
      "align, color, indent, leading, role, size, space_after, space_before, weight"]),
    ("unknown top-level key", "pagee: {}\n",
     ["s.yaml:1:1: error: unknown key `pagee` (did you mean `page`?)"]),
    ("unknown style", "styles:\n  headlin: {size: 9}\n",
     ["s.yaml:2:3: error: styles: unknown key `headlin` (did you mean `headline`?)"]),
    ("YAML merge keys are not spec keys", "grid:\n  <<: {columns: 2}\n",
     ["s.yaml:2:3: error: grid: unknown key `<<`\n  hint: accepted keys: "
      "body_size, char_grid, column_chars, columns, gutter, leading"]),
    ("duplicate key", "grid:\n  columns: 8\n  columns: 6\n",
     ["s.yaml:3:3: error: grid: duplicate key `columns` (first defined at line 2)\n"
      "  hint: remove one of them"]),
    ("bad unit", "page:\n  margins: 12px\n",
     ['s.yaml:2:12: error: page.margins: expected a length unit pt, mm, cm or in, found "12px"\n'
      + LENGTH_HINT]),
    ("em where not accepted", "page:\n  margins: 2em\n",
     ['s.yaml:2:12: error: page.margins: expected a length (em is not accepted here), '
      'found "2em"\n' + LENGTH_HINT]),
    ("not a length", "grid:\n  gutter: wide\n",
     ['s.yaml:2:11: error: grid.gutter: expected a length or em, found "wide"\n'
      + LENGTH_HINT + ', "0.75em"']),
    ("negative length", "page:\n  width: -5mm\n",
     ['s.yaml:2:10: error: page.width: expected a positive length, found "-5mm"\n'
      + LENGTH_HINT]),
    ("bad 字号 name", "styles:\n  body:\n    size: 小九\n",
     ['s.yaml:3:11: error: styles.body.size: expected a 字号 name, found "小九"\n' + SIZE_HINT]),
    ("bad font size", "styles:\n  body:\n    size: huge\n",
     ['s.yaml:3:11: error: styles.body.size: expected a font size, found "huge"\n' + SIZE_HINT]),
    ("bad colour", 'masthead:\n  color: "#12345"\n',
     ['s.yaml:2:10: error: masthead.color: expected a colour, found "#12345"\n' + COLOR_HINT]),
    ("unknown colour name", "rules:\n  color: purple\n",
     ['s.yaml:2:10: error: rules.color: expected a colour, found "purple"\n' + COLOR_HINT]),
    ("bad page size", "page:\n  size: B5\n",
     ['s.yaml:2:9: error: page.size: expected a page size, found "B5"\n  hint: write one of '
      "broadsheet, 对开, tabloid, 四开, A3, A4 or a mapping {width: 390mm, height: 540mm}"]),
    ("bad choice", "masthead:\n  position: middel\n",
     ['s.yaml:2:13: error: masthead.position: expected `left` or `center`, found "middel"']),
    ("bad enum with hint", "typography:\n  punctuation: compresed\n",
     ["s.yaml:2:16: error: typography.punctuation: expected one of `auto`, `compressed`, `full-width`, `centred`, "
      'found "compresed"\n  hint: did you mean `compressed`?']),
    ("bad placement date", "placement:\n  date: 17.2.2023\n",
     ['s.yaml:2:9: error: placement.date: expected a date like 2023-02-17, found "17.2.2023"']),
    ("bad font format", "epub:\n  font_format: woff\n",
     ['s.yaml:2:16: error: epub.font_format: expected `ttf` or `woff2`, found "woff"\n'
      "  hint: did you mean `woff2`?"]),
    ("bad template field", 'footer:\n  template: "{departmnt}　{email}"\n',
     ["s.yaml:2:13: error: footer.template: unknown template field `{departmnt}`\n"
      "  hint: did you mean `{department}`?"]),
    ("jump template field other than the page", 'jumps:\n  continued_to: "（下转{date}版）"\n',
     ["s.yaml:2:17: error: jumps.continued_to: unknown template field `{date}`\n"
      "  hint: fields: `{page}`"]),
    ("jump template field near page", 'jumps:\n  continued_from: "（上接第{pag}版）"\n',
     ["s.yaml:2:19: error: jumps.continued_from: unknown template field `{pag}`\n"
      "  hint: did you mean `{page}`?"]),
    ("unknown jumps key", 'jumps:\n  continued: "x"\n',
     ["s.yaml:2:3: error: jumps: unknown key `continued` (did you mean `continued_to`?)"]),
    ("body size off the character grid", "grid:\n  body_size: 五号\n",
     ["s.yaml:2:14: error: styles.body.size: expected the grid's body size 10.5pt on a character "
      "grid, found 9pt\n  hint: give styles.body the size of grid.body_size, or set grid.char_grid: false"]),
    ("unbalanced template", 'running_head:\n  template: "{foo"\n',
     ['s.yaml:2:13: error: running_head.template: expected a template with balanced braces, '
      'found "{foo"\n  hint: write `{{` and `}}` for literal braces']),
    ("template format spec", 'masthead:\n  ear:\n    - "{date:>10}"\n',
     ['s.yaml:3:7: error: masthead.ear[0]: expected plain fields like `{date}`, '
      'found "{date:>10}"']),
    ("ear entry style", 'masthead:\n  ear:\n    - {template: "{date}", style: bdy}\n',
     ["s.yaml:3:35: error: masthead.ear[0].style: expected one of `kicker`, `headline`, "
      "`subheadline`, `byline`, `dateline`, `body`, `subhead`, `jump`, `credit`, "
      "`continued_headline`, `footer`, `running_head`, `masthead_name`, `masthead_ear`, "
      'found "bdy"\n  hint: did you mean `body`?']),
    ("YAML syntax error", "grid:\n  columns: [8\n",
     ["s.yaml:3:1: error: invalid YAML: did not find expected ',' or ']'"]),
    ("tab indentation", "grid:\n\tcolumns: 8\n",
     ["s.yaml:2:1: error: invalid YAML: found character that cannot start any token"]),
    ("python object tag", "grid: !!python/object/apply:os.system [echo hi]\n",
     ["s.yaml:1:7: error: grid: expected a plain YAML value, found tag "
      "`!!python/object/apply:os.system`\n" + TAG_HINT]),
    ("python name tag", "name: !!python/name:os.system ''\n",
     ["s.yaml:1:7: error: name: expected a plain YAML value, found tag "
      "`!!python/name:os.system`\n" + TAG_HINT]),
    ("local tag", "name: !secret x\n",
     ["s.yaml:1:7: error: name: expected a plain YAML value, found tag `!secret`\n" + TAG_HINT]),
    ("list at the root", "- a\n- b\n",
     ["s.yaml:1:1: error: expected a mapping of spec keys, found a list"]),
    ("empty file", "", ["s.yaml:1:1: error: expected a mapping of spec keys, found an empty document"]),
    ("non-scalar key", "? [a, b]\n: 1\n", ["s.yaml:1:3: error: expected a plain key, found a list"]),
    ("margins leave no text area", "page:\n  size: A4\n  margins: 300mm\n",
     ["s.yaml:3:12: error: page.margins: expected margins that leave a positive text area, "
      "found -1105.51pt × -858.898pt\n  hint: the page is 595.276pt × 841.89pt"]),
    ("leading below body size", "grid:\n  leading: 8\n",
     ["s.yaml:2:12: error: grid.leading: expected a leading ≥ the body size 9pt, found 8pt"]),
    ("style leading below size", "styles:\n  headline: {size: 28, leading: 20}\n",
     ["s.yaml:2:33: error: styles.headline.leading: expected a leading ≥ the size 28pt, "
      "found 20pt"]),
    ("a style taller than the page", "page: {size: A4}\nstyles:\n  byline: {space_after: 1000mm}\n",
     ["s.yaml:3:25: error: styles.byline.space_after: expected a style whose line with its spaces "
      "fits the text area (728.49pt tall), found 2850.4pt\n"
      "  hint: space_before + leading + space_after"]),
    ("masthead wider than grid", "grid:\n  columns: 4\nmasthead:\n  columns: 5\n",
     ["s.yaml:4:12: error: masthead.columns: expected at most grid.columns (4), found 5"]),
    ("default masthead wider than grid", "grid:\n  columns: 2\n",
     ["s.yaml:2:12: error: masthead.columns: expected at most grid.columns (2), found 3\n"
      "  hint: masthead.columns is 3 by default: set it, or set masthead.position: center"]),
    ("whole characters do not fit", "grid:\n  columns: 8\n  column_chars: 14\n",
     ["s.yaml:3:17: error: grid.column_chars: expected columns that fit the text width "
      "992.1pt, found 8 × 14 × 9pt + gutters = 1055.25pt\n"
      "  hint: at most 13 characters per column fit"]),
    ("columns narrower than a character",
     "page:\n  size: A4\ngrid:\n  columns: 30\n  gutter: 1em\nmasthead: {position: center}\n",
     ["s.yaml:4:12: error: grid.columns: expected columns at least one character wide, "
      "found 30 columns in 481.876pt\n  hint: fewer columns or a smaller gutter"]),
    ("placement ranges",
     "placement:\n  lead_columns: 9\n  articles:\n"
     "    - {page: 1, article: 1, columns: 4, start_column: 6}\n"
     "    - {page: 1, article: 1}\n    - {article: 2}\n"
     "    - {page: 0, article: 2, columns: 9}\n",
     ["s.yaml:2:17: error: placement.lead_columns: expected an integer from 1 to 8, found 9",
      "s.yaml:4:38: error: placement.articles[0].columns: expected at most 3 columns from "
      "column 6, found 4\n  hint: the grid has 8 columns",
      "s.yaml:5:7: error: placement.articles[1]: duplicate placement of page 1 article 1 "
      "(first at line 4)",
      "s.yaml:6:7: error: placement.articles[2]: missing key `page`",
      "s.yaml:7:14: error: placement.articles[3].page: expected a positive integer, found 0",
      "s.yaml:7:38: error: placement.articles[3].columns: expected an integer from 1 to 8, "
      "found 9"]),
    ("unknown font role", "styles:\n  kicker: {role: kaai}\n",
     ["s.yaml:2:18: error: styles.kicker.role: expected a font role (song, song-bold, hei, "
      'kai, fangsong), found "kaai"\n  hint: did you mean `kai`?']),
    ("bold of a role without a bold face", "styles:\n  kicker: {role: kai, weight: bold}\n",
     ["s.yaml:2:31: error: styles.kicker.weight: no bold face for role `kai`\n"
      "  hint: roles: song, song-bold, hei, kai, fangsong"]),
    ("fonts missing roles the styles use", "fonts:\n  song: [a]\n  hei: [b]\n",
     ["s.yaml:2:3: error: fonts: missing role `kai`, used by styles.kicker, styles.byline, "
      "styles.jump, styles.credit\n  hint: add `kai: [face, ...]` or set those styles' role",
      "s.yaml:2:3: error: fonts: missing role `song-bold`, used by styles.headline, "
      "styles.continued_headline, styles.masthead_name\n"
      "  hint: add `song-bold: [face, ...]` or set those styles' role"]),
    ("several problems at once",
     "name: 3\ngrid:\n  columns: zero\npage:\n  size: B5\n"
     "styles:\n  body: {align: middle, indent: x}\n"
     "typography: {punctuation: half, hanging: 1, hyphenate: sometimes}\nepub: {vertical: yes, embed: true}\n",
     ["s.yaml:1:7: error: name: expected a string, found 3",
      's.yaml:3:12: error: grid.columns: expected a positive integer, found "zero"',
      's.yaml:5:9: error: page.size: expected a page size, found "B5"\n  hint: write one of '
      "broadsheet, 对开, tabloid, 四开, A3, A4 or a mapping {width: 390mm, height: 540mm}",
      "s.yaml:7:17: error: styles.body.align: expected one of `justify`, `left`, `center`, "
      '`right`, found "middle"',
      's.yaml:7:33: error: styles.body.indent: expected a length or em, found "x"\n'
      + LENGTH_HINT + ', "0.75em"',
      "s.yaml:8:27: error: typography.punctuation: expected one of `auto`, `compressed`, `full-width`, `centred`, "
      'found "half"',
      "s.yaml:8:42: error: typography.hanging: expected true or false, found 1",
      's.yaml:8:56: error: typography.hyphenate: expected true or false, found "sometimes"',
      "s.yaml:9:23: error: epub: unknown key `embed` (did you mean `embed_fonts`?)"]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_spec_messages(problems_of: Callable[..., list[str]], text: str,
                           expected: list[str]) -> None:
    assert problems_of(text) == expected


def test_error_message_is_all_problems_one_per_line(problems_of: Callable[..., list[str]],
                                                    spec_dir: Path) -> None:
    (spec_dir / "s.yaml").write_text("grid:\n  columns: 0\n  gutter: x\n", encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_spec(Path("s.yaml"), font_manifest=None)
    assert str(info.value) == "\n".join(info.value.problems)
    assert len(info.value.problems) == 2


def test_file_not_found(spec_dir: Path) -> None:
    with pytest.raises(SpecError) as info:
        load_spec(Path("missing.yaml"))
    assert info.value.problems == ("missing.yaml:1:1: error: file not found",)


def test_directory(spec_dir: Path) -> None:
    (spec_dir / "d.yaml").mkdir()
    with pytest.raises(SpecError) as info:
        load_spec(Path("d.yaml"))
    assert info.value.problems == ("d.yaml:1:1: error: expected a file, found a directory",)


def test_not_utf8(spec_dir: Path) -> None:
    (spec_dir / "s.yaml").write_bytes(b"name: x\n\xff\xfe\n")
    with pytest.raises(SpecError) as info:
        load_spec(Path("s.yaml"))
    assert info.value.problems == ("s.yaml:2:1: error: expected UTF-8 text, found byte 0xff",)


def test_anchor_alias_is_plain_data(load_text: Callable[..., object]) -> None:
    spec = load_text("grid: &g {columns: 6}\nplacement: {lead_columns: 4}\n")
    assert spec.grid.columns == 6  # type: ignore[attr-defined]


MANIFEST = "faces:\n  noto-serif-sc: {file: a.otf}\n  noto-sans-sc: {file: b.otf}\n"


def test_font_faces_checked_against_manifest(spec_dir: Path,
                                             problems_of: Callable[..., list[str]]) -> None:
    manifest = spec_dir / "fonts.yaml"
    manifest.write_text(MANIFEST, encoding="utf-8")
    text = ("fonts:\n  song: [noto-serif-cs]\n  song-bold: [noto-serif-sc]\n  hei: noto-sans-sc\n"
            "  kai: [comic-sans]\n  fangsong: []\n")
    assert problems_of(text, manifest=manifest) == [
        "s.yaml:2:10: error: fonts.song[0]: unknown font face `noto-serif-cs`\n"
        "  hint: did you mean `noto-serif-sc`?",
        "s.yaml:5:9: error: fonts.kai[0]: unknown font face `comic-sans`\n"
        "  hint: faces in fonts/fonts.yaml: noto-sans-sc, noto-serif-sc",
        "s.yaml:6:13: error: fonts.fangsong: expected at least one face name, found a list",
    ]


def test_any_face_without_manifest(load_text: Callable[..., object], spec_dir: Path) -> None:
    text = "fonts:\n  song: [x]\n  song-bold: [y]\n  hei: [z]\n  kai: [k]\n  fangsong: [f]\n"
    spec = load_text(text, manifest=spec_dir / "no-such-manifest.yaml")
    assert spec.fonts["hei"] == ("z",)  # type: ignore[attr-defined]


def test_the_epub_font_format_is_read(load_text: Callable[..., object]) -> None:
    from layout.spec.schema import FontFormat

    assert load_text("epub:\n  font_format: woff2\n").epub.font_format is FontFormat.WOFF2  # type: ignore[attr-defined]
    assert load_text("name: x\n").epub.font_format is FontFormat.TTF  # type: ignore[attr-defined]


def test_the_placements_paper_and_date_are_read(load_text: Callable[..., object]) -> None:
    placement = load_text("placement:\n  paper: 吕梁日报\n  date: 2023-02-17\n").placement  # type: ignore[attr-defined]
    assert (placement.paper, placement.date) == ("吕梁日报", "2023-02-17")
    quoted = load_text('placement: {date: "2023-02-17"}\n').placement  # type: ignore[attr-defined]
    assert (quoted.paper, quoted.date) == (None, "2023-02-17")
