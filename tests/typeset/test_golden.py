"""Golden text dumps of typeset pages: an unintended change of the layout fails here.

The goldens in tests/golden/ are written by tests/golden_dump.py, with the real
composer and the shipped fonts:

- `sample-a4-archive.txt`, `sample-lvliang-daily.txt`: the bundled sample ingested
  and set with a shipped spec. Masthead, running head and footer lines in full; per
  article block, one row per column (line count, first and last line, a digest of
  every line in it); rules; the typesetter's warnings. The `document #...` line is a
  digest of the ingested document: when it changes too, ingest changed the input.
  Digests see run positions and tracking, which the rounded rows do not; to see
  what changed in a column, diff `.venv/bin/python tests/golden_dump.py SPEC`
  before and after.
- `jump.txt`: a two-page issue written below, on a small page, whose article jumps
  from page 1 (下转) to page 2 (上接): every line, rule and bookmark.

On a mismatch the test shows a diff of the first differences. If the change is
intended, regenerate the goldens and review `git diff tests/golden` before committing:

    .venv/bin/python -m pytest tests/typeset/test_golden.py --update-golden
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from golden_dump import document_digest, line_row, num, page_dump, size, summary_dump
from layout.document import parse_issue
from layout.fonts import load_fontset
from layout.ingest import decode_raw, ingest_text
from layout.model import Issue
from layout.spec import load_spec
from layout.spec.schema import Spec
from layout.typeset import Typeset, typeset
from layout.typeset.columns import make_grid
from layout.typeset.placed import Line, PlacedLine, Run

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "lvliang-daily-2023-02-17.txt"
Golden = Callable[[str, str], None]

# a 105 × 148 mm page of two columns: one article fills page 1 and jumps to page 2
JUMP_SPEC = """\
extends: {parent}
name: golden-jump
page:
  size: {{width: 105mm, height: 148mm}}
  margins: 8mm
grid:
  columns: 2
masthead:
  height: 18mm
  ear: ["第{{number}}期"]
styles:
  headline: {{role: hei, size: 三号, leading: 1.25em}}
  masthead_name: {{role: song-bold, size: 24pt, color: black, align: center}}
placement:
  lead_columns: 2
"""

JUMP_DOCUMENT = """\
paper: {name: 吕梁日报, cn_number: CN14-0028}
issue: {date: 2023-02-17, weekday: 星期五, number: 10906, page_count: 2}
pages:
  - number: 1
    section: 要闻
    articles:
      - headline: 县城夜市重新开张
        subheadline: 三十余家摊位迎来首个周末
        body:
          - 2月11日晚，县城东关的滨河夜市重新开张。小吃、文创、农产品等三十余家摊位沿河排开，前来逛夜市的市民络绎不绝。
          - “过去一到晚上，这条街就冷冷清清的。”经营凉皮摊的张师傅一边招呼客人一边说，“现在人多了，一晚上能卖出两百多份。”
          - subhead: 规范管理　方便群众
          - 为保证夜市有序运行，县市场监管局、城管局等部门联合制定了摊位管理办法，统一设置垃圾收集点和消防通道。
          - 夜市每天18时至23时开放，节假日延长至24时。开张首个周末，夜市共接待市民游客约1.2万人次。
          - 不少摊主表示，夜市不仅多了一份收入，也让县城的夜晚更有烟火气。
        credit: （记者 李华）
    footer: {department: 要闻部主办, editors: [马龙], proofreader: 孟柯妤}
  - number: 2
    section: 综合
    articles:
      - headline: 图书馆延长开放时间
        body:
          - 自3月1日起，市图书馆将开放时间延长至每晚21时，周末及法定节假日照常开放。
"""


def set_with_shipped_fonts(issue: Issue, spec: Spec) -> Typeset:
    return typeset(issue, spec, load_fontset(dict(spec.fonts) or None))


@pytest.fixture(scope="module")
def jump(tmp_path_factory: pytest.TempPathFactory) -> Typeset:
    spec_path = tmp_path_factory.mktemp("golden") / "golden-jump.yaml"
    parent = json.dumps(str(ROOT / "specs" / "a4-archive.yaml"))  # a YAML-safe quoted path
    spec_path.write_text(JUMP_SPEC.format(parent=parent), encoding="utf-8")
    return set_with_shipped_fonts(parse_issue(JUMP_DOCUMENT, "jump.yaml"), load_spec(spec_path))


@pytest.mark.parametrize("spec_name", ["a4-archive", "lvliang-daily"])
def test_the_sample_matches_its_golden(spec_name: str, golden: Golden) -> None:
    spec = load_spec(ROOT / "specs" / f"{spec_name}.yaml")
    issue, _ = ingest_text(decode_raw(SAMPLE.read_bytes(), SAMPLE.name), SAMPLE.name)
    head = [f"sample {SAMPLE.relative_to(ROOT).as_posix()}  document #{document_digest(issue)}",
            f"spec specs/{spec_name}.yaml"]
    rows = head + summary_dump(set_with_shipped_fonts(issue, spec), make_grid(spec))
    golden(f"sample-{spec_name}.txt", "\n".join(rows) + "\n")


def test_the_jump_issue_matches_its_golden(jump: Typeset, golden: Golden) -> None:
    rows = [row for page in jump.pages for row in page_dump(page)]
    rows += [f"warning: {w}" for w in jump.warnings]
    golden("jump.txt", "\n".join(rows) + "\n")


def test_the_jump_issue_still_jumps(jump: Typeset) -> None:
    """Keeps jump.txt about a jump: a regenerated golden without one would pass unseen."""
    first, second = (tuple(pl.line.text for pl in page.lines) for page in jump.pages)
    assert "（下转第2版）" in first
    assert "（上接第1版）" in second
    assert [(p.page, p.continued) for p in jump.placements if p.article == 0] == [(1, False), (2, True)]


def test_a_line_row_shows_a_moved_line_and_mixed_faces() -> None:
    runs = (Run(0.0, "本报讯", "NotoSansSC-Bold", 10.5), Run(31.5, "　立春", "NotoSerifSC-Regular", 10.5))
    placed = PlacedLine(26.3, 236.74, Line(runs, 115.5, "本报讯　立春"))
    assert line_row(placed) == "  26.3  236.7  [NotoSansSC-Bold 10.5]本报讯[NotoSerifSC-Regular 10.5]　立春"
    assert line_row(placed._replace(baseline=236.86)) != line_row(placed)


def test_the_page_digest_sees_what_the_rows_round_away(jump: Typeset) -> None:
    """A tracking change moves glyphs but no line: only the digest shows it."""
    page = jump.pages[0]
    placed = page.lines[-1]
    retracked = placed.line._replace(runs=tuple(
        r._replace(tracking=r.tracking + 0.01) for r in placed.line.runs))
    changed = dataclasses.replace(page, lines=page.lines[:-1] + (placed._replace(line=retracked),))
    before, after = page_dump(page), page_dump(changed)
    assert before[1:] == after[1:]
    assert before[0] != after[0]


def test_numbers_have_one_fixed_format() -> None:
    assert [num(-0.04), num(2.0), num(183.72), num(-3.5e-15, 3)] == ["0.0", "2.0", "183.7", "0.000"]
    assert [size(48.0), size(9.625), size(18.900000000000002), size(0.7086614173228347)] == \
        ["48", "9.625", "18.9", "0.709"]
