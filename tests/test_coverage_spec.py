"""The font coverage check sees what the spec prints, not only the issue's text.

Template wording (the masthead's ear, the running head, the footer, the jump lines),
`masthead.name` and the words the code adds around fields (年月日, 、, 第N版) are drawn
too; a character no face has would be a silent .notdef box. Each is named by its key.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path

import pytest

from layout import cli
from layout import preflight
from layout.errors import FontError
from layout.model import Article, Footer, Issue, IssueInfo, Page, Paper, Paragraph
from layout.spec import Spec, load_spec

ROOT = Path(__file__).resolve().parent.parent
DAILY = ROOT / "specs" / "lvliang-daily.yaml"
NO_FACE = "\ue000"  # private use: no shipped face draws it
ISSUE = Issue(paper=Paper(name="吕梁日报"), issue=IssueInfo(date="2023-02-17", weekday="星期五", number=5),
              pages=(Page(1, "要闻", (Article(headline="标题", body=(Paragraph("正文。"),)),),
                          Footer(department="要闻部", editors=("马龙", "梁瑜"))),))


def _spec(tmp_path: Path, text: str) -> Spec:
    path = tmp_path / "s.yaml"
    path.write_text(f"extends: {DAILY}\n{text}", encoding="utf-8")
    return load_spec(path)


@pytest.fixture(scope="module")
def fonts() -> object:
    return cli.load_fonts_for(load_spec(DAILY))


def test_a_footer_template_character_no_face_has_is_named_by_its_key(
        tmp_path: Path, fonts: object, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _spec(tmp_path, f"footer:\n  template: \"{{department}}　责编{NO_FACE}：{{editors}}\"\n")
    assert cli.check_coverage(ISSUE, fonts, strict=False, spec=spec) == 1
    assert capsys.readouterr().err == f"warning: no font has {NO_FACE!r} (U+E000) in spec footer.template\n"
    with pytest.raises(FontError) as caught:
        cli.check_coverage(ISSUE, fonts, strict=True, spec=spec)
    assert str(caught.value) == f"error: no font has {NO_FACE!r} (U+E000) in spec footer.template"


@pytest.mark.parametrize(("text", "where"), [
    (f"masthead:\n  ear: [\"{{supervisor_line}}\", \"第{{number}}期{NO_FACE}\"]\n", "spec masthead.ear[1]"),
    (f"masthead:\n  name: 吕梁{NO_FACE}报\n", "spec masthead.name"),
    (f"running_head:\n  template: \"{{date_cn}}　{NO_FACE}第{{page}}版\"\n", "spec running_head.template"),
    (f"jumps:\n  continued_to: \"（下转{NO_FACE}{{page}}版）\"\n", "spec jumps.continued_to"),
    (f"jumps:\n  continued_from: \"（上接{NO_FACE}{{page}}版）\"\n", "spec jumps.continued_from"),
])
def test_each_template_is_named_by_its_key(tmp_path: Path, fonts: object, capsys: pytest.CaptureFixture[str],
                                           text: str, where: str) -> None:
    assert cli.check_coverage(ISSUE, fonts, strict=False, spec=_spec(tmp_path, text)) == 1
    assert capsys.readouterr().err == f"warning: no font has {NO_FACE!r} (U+E000) in {where}\n"


def test_what_is_not_printed_is_not_checked(tmp_path: Path, fonts: object, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _spec(tmp_path, f"masthead:\n  enabled: false\n  ear: [\"{NO_FACE}{{paper}}\"]\n"
                           f"running_head:\n  enabled: false\n  template: \"{NO_FACE}{{page}}\"\n")
    assert cli.check_coverage(ISSUE, fonts, strict=False, spec=spec) == 0
    assert capsys.readouterr().err == ""


def test_the_issue_names_a_character_it_shares_with_the_spec(
        tmp_path: Path, fonts: object, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _spec(tmp_path, f"footer:\n  template: \"{NO_FACE}{{department}}\"\n")
    issue = Issue(pages=(Page(1, articles=(Article(headline=f"题{NO_FACE}"),)),))
    assert cli.check_coverage(issue, fonts, strict=False, spec=spec) == 1
    assert capsys.readouterr().err == (f"warning: no font has {NO_FACE!r} (U+E000) in page 1, article 1 (题{NO_FACE}), "
                                       "headline\n")


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "specs").glob("*.yaml")))
def test_the_shipped_specs_print_nothing_a_face_lacks(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    spec = load_spec(ROOT / "specs" / name)
    texts = dict(preflight.spec_texts(spec, ISSUE, cli.load_fonts_for(spec)))
    assert "第版" in texts["spec footer (第N版)"] and texts["spec jumps.continued_to"] == "（下转第版）"
    assert cli.check_coverage(ISSUE, cli.load_fonts_for(spec), strict=False, spec=spec) == 0
    assert capsys.readouterr().err == ""


class _Fonts:
    """Fonts that draw every character but those in `lacking`."""

    def __init__(self, lacking: str) -> None:
        self.lacking = lacking

    def missing_chars(self, texts: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
        first: dict[str, str] = {}
        for where, text in texts:
            for ch in text:
                if ch in self.lacking:
                    first.setdefault(ch, where)
        return sorted(((ch, f"U+{ord(ch):04X}", where) for ch, where in first.items()), key=lambda m: (m[2], m[1]))


@pytest.mark.parametrize(("body", "expected"), [("这是简体的报道。", []), ("這是繁體的報導，國際經濟。", [
    ("轉", "U+8F49", "spec jumps.continued_to")])])
def test_jump_words_left_to_the_script_are_the_issues_scripts(tmp_path: Path, body: str,
                                                              expected: list[tuple[str, str, str]]) -> None:
    issue = Issue(pages=(Page(1, articles=(Article(body=(Paragraph(body * 5),)),)),))
    spec = load_spec(DAILY)
    texts = itertools.chain(issue.texts(), preflight.spec_texts(spec, issue, _Fonts("轉")))
    assert _Fonts("轉").missing_chars(texts) == expected


def test_the_cli_warns_of_a_spec_character_no_face_has(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "s.yaml").write_text(f"extends: {DAILY}\nfooter:\n  template: \"版{NO_FACE}{{page}}\"\n",
                                     encoding="utf-8")
    sample = ROOT / "samples" / "lvliang-daily-2023-02-17.txt"
    result = subprocess.run([sys.executable, str(ROOT / "export.py"), "pdf", str(sample), "--spec", "s.yaml",
                             "-o", "out.pdf"], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    assert "warning: no font has '\\ue000' (U+E000) in spec footer.template" in result.stderr
