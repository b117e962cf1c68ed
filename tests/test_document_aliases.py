"""Aliases in an issue document: a few read as written out, a "billion laughs" is an error.

Composing keeps an alias as its anchor's node, but the reader builds an object each time it
reaches one, so nested anchors (pages x articles x paragraphs) multiply. Each bomb runs under
a 10 s alarm, so a regression fails instead of exhausting memory.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from layout import document_yaml
from layout.document import dump_issue, load_issue, parse_issue
from layout.errors import DocumentError

from time_limit import within_seconds

ROOT = Path(__file__).resolve().parent.parent
HINT = "\n  hint: aliases of anchors that hold aliases multiply; write the repeated parts out"


def _bomb(n: int) -> str:
    """n pages of n articles of n paragraphs, in ~12 n bytes: n**3 paragraphs."""
    body = "[&p 哈哈, " + ", ".join(["*p"] * (n - 1)) + "]"
    articles = "[&a {headline: x, body: " + body + "}, " + ", ".join(["*a"] * (n - 1)) + "]"
    return "pages: [&g {articles: " + articles + "}, " + ", ".join(["*g"] * (n - 1)) + "]\n"


def test_a_billion_paragraphs_is_an_error_at_the_alias() -> None:
    text = _bomb(1000)  # 12 KB, 10**9 paragraphs
    with pytest.raises(DocumentError) as caught:
        within_seconds(10, lambda: parse_issue(text, "t.yaml"))
    # the 995th `*a` makes ~995 articles of 1,003 nodes each: more than 1,000,000 repeated
    column = text.index("*a") + 1 + 4 * 994
    assert str(caught.value) == (f"t.yaml:1:{column}: error: pages[0].articles[995]: alias `*a` expands too "
                                 "far: the aliases would repeat more than 1000000 nodes" + HINT)


def test_a_long_text_repeated_is_counted_by_its_characters() -> None:
    text = "pages:\n- articles:\n  - body: [&t " + "字" * 100_000 + ", " + ", ".join(["*t"] * 200) + "]\n"
    with pytest.raises(DocumentError) as caught:
        within_seconds(10, lambda: parse_issue(text, "t.yaml"))
    column = text.splitlines()[2].index("*t") + 1 + 4 * 100  # the 101st alias passes 10,000,000 characters
    assert str(caught.value) == (f"t.yaml:3:{column}: error: pages[0].articles[0].body[101]: alias `*t` expands "
                                 "too far: the aliases would repeat more than 10000000 characters" + HINT)


def test_the_file_path_names_the_alias_too(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text("# 炸弹\n" + _bomb(1000), encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        within_seconds(10, lambda: load_issue(path))
    assert str(caught.value).startswith(f"{path}:2:{_bomb(1000).index('*a') + 1 + 4 * 994}: error: "
                                        "pages[0].articles[995]: alias `*a` expands too far")


def test_the_limit_is_on_what_aliases_repeat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document_yaml, "REPEATED_NODES_LIMIT", 10)
    # 3 aliases of a 4-node article repeat 12 nodes (the anchored one is written once)
    text = "pages:\n- articles: [&a {body: [x]}, *a, *a, *a]\n"
    with pytest.raises(DocumentError) as caught:
        parse_issue(text, "t.yaml")
    assert str(caught.value).startswith("t.yaml:2:38: error: pages[0].articles[3]: alias `*a` expands too far")
    assert len(parse_issue("pages:\n- articles: [&a {body: [x]}, *a, *a]\n").pages[0].articles) == 3
    # however long the document written out, without aliases
    assert len(parse_issue("pages:\n- articles:\n" + "  - body: [x, y]\n" * 20).pages[0].articles) == 20


def test_a_few_aliases_read_as_if_written_out() -> None:
    aliased = parse_issue("""\
pages:
- number: 1
  articles:
  - headline: &h 标题
    body: &b [一段。, {subhead: 小标题}]
  footer: &f {department: 要闻部, editors: [马龙, *h]}
- number: 2
  articles: [{headline: *h, body: *b}]
  footer: *f
notes: [*h]
""")
    written = parse_issue("""\
pages:
- number: 1
  articles:
  - headline: 标题
    body: [一段。, {subhead: 小标题}]
  footer: {department: 要闻部, editors: [马龙, 标题]}
- number: 2
  articles: [{headline: 标题, body: [一段。, {subhead: 小标题}]}]
  footer: {department: 要闻部, editors: [马龙, 标题]}
notes: [标题]
""")
    assert aliased == written


def test_an_asterisk_in_text_is_not_an_alias() -> None:
    issue = parse_issue("pages:\n- articles:\n  - body: [\"*注\", 注*, a *b]\n")
    assert [b.text for b in issue.pages[0].articles[0].body] == ["*注", "注*", "a *b"]  # type: ignore[union-attr]


def test_dump_never_writes_an_anchor_even_for_shared_objects() -> None:
    issue = parse_issue("pages:\n- articles: [{headline: 甲, body: [一。]}]\n  footer: {editors: [马龙]}\n"
                        "- number: 2\nnotes: [记]\n")
    first = issue.pages[0]
    shared = replace(issue, pages=(first, replace(issue.pages[1], articles=first.articles, footer=first.footer)))
    text = dump_issue(shared)
    events = list(yaml.parse(text))
    assert not any(isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None) for e in events)
    assert parse_issue(text) == shared


@pytest.mark.parametrize("command", ["pdf", "epub"])
def test_the_cli_exits_2_without_output(tmp_path: Path, command: str) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(1000), encoding="utf-8")
    output = tmp_path / f"x.{command}"
    result = subprocess.run([sys.executable, str(ROOT / "export.py"), command, str(path), "-o", str(output)],
                            capture_output=True, text=True, cwd=tmp_path, check=False, timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{path}:1:{_bomb(1000).index('*a') + 1 + 4 * 994}: error: pages[0].articles[995]: alias `*a` expands too "
        "far: the aliases would repeat more than 1000000 nodes", HINT.strip("\n")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bomb.yaml"]
