"""The issue document on disk: round trips, and every validation message."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.document import dump_issue, issue_to_data, load_issue, parse_issue
from layout.errors import DocumentError
from layout.model import Article, Footer, Issue, IssueInfo, Page, Paper, Paragraph, Subhead

from time_limit import within_seconds

ISSUE = Issue(
    paper=Paper(name="吕梁日报", postal_code="21-28", cn_number="CN14-0028", website="www.sxllnews.cn"),
    issue=IssueInfo(date="2023-02-17", weekday="星期五", number=10906, page_count=8),
    pages=(Page(1, "要闻", (
        Article(kicker="引题", headline="主题", subheadline="——副题", byline="本报记者 康桂芳",
                body=(Paragraph("正文，第一段。"), Subhead("小标题"), Paragraph("第二段：<b>&")),
                jump="下转2版", credit="记者 刘亮亮 摄"),
        Article(headline="短讯", dateline="新华社北京2月16日电", body=(Paragraph("一段。"),)),
    ), Footer(department="要闻部主办", editors=("马龙", "梁瑜"), email="a@b.cn")),),
    notes=("ingest: dropped 🥰 as OCR garbage",),
)


def test_documented_keys_in_order() -> None:
    data = issue_to_data(ISSUE)
    assert list(data) == ["paper", "issue", "pages", "notes"]
    article = data["pages"][0]["articles"][0]
    assert list(article) == ["kicker", "headline", "subheadline", "byline", "dateline", "body", "jump", "credit"]
    assert article["body"][1] == {"subhead": "小标题"}
    assert list(data["pages"][0]["footer"]) == ["department", "layout_editor", "editors", "proofreader", "email"]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_round_trip(fmt: str) -> None:
    text = dump_issue(ISSUE, fmt)
    assert parse_issue(text) == ISSUE
    if fmt == "json":
        assert json.loads(text)["issue"]["number"] == 10906
    else:
        assert "吕梁日报" in text  # readable CJK, not \u escapes


def test_characters_beyond_the_bmp_are_written_as_they_are() -> None:
    """通用规范汉字表 has 196 characters beyond the BMP, many in names: the document
    shows 𬉼, not "\U0002C27C" (libyaml's emitter escapes them)."""
    issue = Issue(pages=(Page(1, articles=(Article(headline="王\U0002c27c当选劳模",
                                                   byline="本报记者 \U00020cd0明亮"),)),))
    text = dump_issue(issue)
    assert "王\U0002c27c当选劳模" in text and "本报记者 \U00020cd0明亮" in text
    assert "\\U" not in text
    assert parse_issue(text) == issue


def test_load_from_file_and_unquoted_date(tmp_path: Path) -> None:
    path = tmp_path / "issue.yaml"
    path.write_text("issue: {date: 2023-02-17}\npages:\n- articles: [{headline: 标题, body: [一段。]}]\n",
                    encoding="utf-8")
    issue = load_issue(path)
    assert issue.issue.date == "2023-02-17"
    assert issue.pages[0].number == 1  # position stands in for a missing number
    assert issue.pages[0].articles[0].body == (Paragraph("一段。"),)


@pytest.mark.parametrize(("text", "expected"), [
    ("paper: {nmae: x}\n",
     "t.yaml:1:9: error: paper: unknown key `nmae`\n  hint: did you mean `name`?"),
    ("pages:\n- number: three\n",
     't.yaml:2:11: error: pages[0].number: expected a positive integer, found "three"'),
    ("pages:\n- number: 1\n  articles:\n  - headline: [a]\n",
     "t.yaml:4:15: error: pages[0].articles[0].headline: expected a string or null, found a list"),
    ("issue: {date: 17.2.2023}\n",
     't.yaml:1:15: error: issue.date: expected an ISO date like 2023-02-17, found "17.2.2023"'),
    ("pages: {number: 1}\n",
     "t.yaml:1:8: error: pages: expected a list, found a mapping"),
    ("paper: {name: a, name: b}\n",
     "t.yaml:1:18: error: paper.name: duplicate key"),
    ("pages:\n- articles:\n  - body: [{subhed: x}]\n",
     "t.yaml:3:13: error: pages[0].articles[0].body[0]: unknown key `subhed`\n  hint: did you mean `subhead`?"),
    # the path of a node in a list, under a list item, in a subhead
    ("pages:\n- articles:\n  - body: [一段。, [x], {subhead: [y]}]\n",
     "t.yaml:3:17: error: pages[0].articles[0].body[1]: expected a string or null, found a list\n"
     "t.yaml:3:32: error: pages[0].articles[0].body[2].subhead: expected a string or null, found a list"),
    ("pages:\n- footer: {editors: [甲, {a: 1}], email: [b]}\n",
     "t.yaml:2:25: error: pages[0].footer.editors[1]: expected a string or null, found a mapping\n"
     "t.yaml:2:41: error: pages[0].footer.email: expected a string or null, found a list"),
    ("notes: [a, [b], null, 3]\n", "t.yaml:1:12: error: notes[1]: expected a string or null, found a list"),
    ("pages:\n- articles:\n  - {body: [{subhead: x, subhed: y}], headline: 1, kicker: true}\n",
     "t.yaml:3:26: error: pages[0].articles[0].body[0]: unknown key `subhed`\n  hint: did you mean `subhead`?\n"
     "t.yaml:3:60: error: pages[0].articles[0].kicker: expected a string or null, found true"),
    ("pages:\n- number: 190:20:3x\n  section: [要闻]\n",
     't.yaml:2:11: error: pages[0].number: expected a positive integer, found "190:20:3x"\n'
     "t.yaml:3:12: error: pages[0].section: expected a string or null, found a list"),
    # implicit typing as PyYAML's safe resolver decides: a plain true is a bool, 1.5 a
    # float, 2023-02-30 a timestamp that is no date; a quoted '3' a string
    ("issue: {number: true, page_count: 1.5, date: 2023-02-30}\n",
     "t.yaml:1:17: error: issue.number: expected a positive integer, found true\n"
     "t.yaml:1:35: error: issue.page_count: expected a positive integer, found 1.5\n"
     't.yaml:1:46: error: issue.date: expected an ISO date like 2023-02-17, found "2023-02-30"'),
    ("issue: {number: '3', page_count: null, date: 2023-02-17}\n",
     't.yaml:1:17: error: issue.number: expected a positive integer, found "3"'),
    ("paper: {name: a}\npaper: {name: b}\n", "t.yaml:2:1: error: paper: duplicate key"),
    ("paper: {region: Hong Kong}\n",
     't.yaml:1:17: error: paper.region: expected a two-letter region code (CN, HK, MO, TW, SG …), found "Hong Kong"'),
    ("pages: [{number: 2}, {}, {number: 1}]\n",
     "t.yaml:1:8: error: pages: expected distinct page numbers, found [2, 2, 1]"),
    # a merge key is no plain data; two custom tags are both named, in file order
    ("<<: {paper: {name: x}}\n",
     "t.yaml:1:1: error: (top): unsupported tag `!!merge` (documents hold plain data only)\n"
     "  hint: a plain `<<` is YAML 1.1's merge key: write the merged keys out, or quote it ('<<') for the text"),
    ("notes: [a, !x b, !y c]\n", "t.yaml:1:12: error: notes[1]: unsupported tag `!x` (documents hold plain data only)\n"
     "t.yaml:1:18: error: notes[2]: unsupported tag `!y` (documents hold plain data only)"),
])
def test_validation_messages(text: str, expected: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_issue(text, "t.yaml")
    assert str(caught.value) == expected


def test_all_problems_reported_at_once_in_file_order() -> None:
    text = "issue: {number: -1}\npaper: {webside: x}\n"
    with pytest.raises(DocumentError) as caught:
        parse_issue(text, "t.yaml")
    lines = [line for line in str(caught.value).splitlines() if not line.startswith("  hint")]
    assert [line.split(":")[1] for line in lines] == ["1", "2"]


@pytest.mark.parametrize("text", [
    "!!python/object/apply:os.system ['echo pwned']\n",
    "paper: !!python/name:os.system\n",
    "paper: {name: !custom x}\n",
])
def test_tags_are_rejected_never_constructed(text: str) -> None:
    with pytest.raises(DocumentError, match="unsupported tag"):
        parse_issue(text, "t.yaml")


def test_syntax_errors_name_the_place() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_issue("paper: [unclosed\n", "t.yaml")
    assert str(caught.value).startswith("t.yaml:2:1: error: not valid YAML/JSON")


TOP = "error: (top): expected a mapping of paper, issue, pages and notes, found"


@pytest.mark.parametrize(("text", "expected"), [
    # the top level was reported with an empty key path: `t.yaml:1:1: error: : expected a mapping`
    ("- a\n", f"t.yaml:1:1: {TOP} a list"),
    ("[]\n", f"t.yaml:1:1: {TOP} a list"),
    ("&top [paper]\n", f"t.yaml:1:1: {TOP} a list"),
    ("吕梁日报\n", f't.yaml:1:1: {TOP} "吕梁日报"'),
    ("paper\n", f't.yaml:1:1: {TOP} "paper"'),
    ("3\n", f"t.yaml:1:1: {TOP} 3"),
    ("true\n", f"t.yaml:1:1: {TOP} true"),
    ("~\n", f"t.yaml:1:1: {TOP} null"),
    ("# 吕梁日报\n--- |\n  正文\n", f't.yaml:2:5: {TOP} "正文\\n"'),
    # nothing at all: an empty file, only comments, an empty document
    ("", f"t.yaml:1:1: {TOP} nothing"),
    ("\n\n", f"t.yaml:1:1: {TOP} nothing"),
    ("# 吕梁日报 2023-02-17\n", f"t.yaml:1:1: {TOP} nothing"),
    ("---\n", f"t.yaml:2:1: {TOP} nothing"),
    ("--- # 吕梁日报\n...\n", f"t.yaml:2:1: {TOP} nothing"),
    # two documents in one file
    ("paper: {name: x}\n---\npages: []\n",
     "t.yaml:2:1: error: (top): expected one document, found a second one\n"
     "  hint: an issue is one document: remove this `---`, or split the file"),
])
def test_a_document_that_is_no_mapping_names_what_it_holds(text: str, expected: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_issue(text, "t.yaml")
    assert str(caught.value) == expected


@pytest.mark.parametrize("text", ["&top {paper: {name: x}}\n", "!!map {paper: {name: x}}\n",
                                  "--- # 吕梁日报\npaper: {name: x}\n...\n"])
def test_an_anchored_tagged_or_framed_top_mapping_reads(text: str) -> None:
    assert parse_issue(text, "t.yaml").paper.name == "x"


def test_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"paper:\n  name: \xff\xfe\n")
    with pytest.raises(DocumentError, match=r"bad.yaml:2: error: expected UTF-8 text"):
        load_issue(bad)
    with pytest.raises(DocumentError, match="cannot read"):
        load_issue(tmp_path / "missing.yaml")


@pytest.mark.parametrize(("data", "expected"), [
    # libyaml would read UTF-16 by its byte order mark: the document must be UTF-8
    ("paper: {name: 吕梁日报}\n".encode("utf-16"), "d.yaml:1: error: expected UTF-8 text, found byte 0xff"),
    ("paper: {name: x}\n".encode("utf-16-be"), None),  # no mark: NUL bytes, not YAML
    # a bad byte is reported before the YAML error that comes first in the file
    (b"paper: [unclosed\nnotes: [\xe5\x90]\n", "d.yaml:2: error: expected UTF-8 text, found byte 0xe5"),
    (b"paper: {name: \x01}\n", None),
    (b"\xef\xbb\xbfpaper: {nmae: x}\n", None),
    (b"\xef\xbb\xbf\xef\xbb\xbfpaper: {nmae: x}\n", None),
    (b"pages:\r\n- number: 1\r\n  sectoin: x\xc2\x85  articles: []\n", None),
])
def test_a_file_is_read_as_its_text_is_parsed(tmp_path: Path, data: bytes, expected: str | None) -> None:
    """load_issue composes a file's bytes as they are: each message is the one the
    decoded text gives (or the UTF-8 error), word for word."""
    path = tmp_path / "d.yaml"
    path.write_bytes(data)
    with pytest.raises(DocumentError) as caught:
        load_issue(path)
    if expected is None:
        with pytest.raises(DocumentError) as from_text:
            parse_issue(data.decode("utf-8-sig"), str(path))
        expected = str(from_text.value)
    assert str(caught.value).replace(str(tmp_path) + "/", "") == expected.replace(str(tmp_path) + "/", "")


@pytest.mark.parametrize("mark", [b"", b"\xef\xbb\xbf"])
def test_a_file_loads_as_its_text_parses(tmp_path: Path, mark: bytes) -> None:
    path = tmp_path / "d.yaml"
    for issue in (ISSUE, replace(ISSUE, notes=("NEL \x85, LS \u2028, BOM \ufeff, 𬉼",))):
        text = dump_issue(issue)
        path.write_bytes(mark + text.encode("utf-8"))
        assert load_issue(path) == parse_issue(text) == issue


texts = st.one_of(st.none(), st.text(max_size=30))


@settings(max_examples=60, deadline=None)
@given(headline=texts, paragraphs=st.lists(st.text(min_size=0, max_size=40), max_size=4), note=st.text(max_size=20))
def test_any_text_round_trips(headline: str | None, paragraphs: list[str], note: str) -> None:
    issue = Issue(pages=(Page(1, articles=(Article(headline=headline, body=tuple(Paragraph(p) for p in paragraphs)),)),),
                  notes=(note,))
    for fmt in ("yaml", "json"):
        assert parse_issue(dump_issue(issue, fmt)) == issue


SCALARS = ["1", "0", "-1", "+3", "007", "0x1F", "0o17", "1_000", "190:20:30", "1.5", "1e3", ".inf", "-.Inf",
           ".NaN", "true", "True", "false", "yes", "No", "on", "OFF", "y", "null", "Null", "~", "", "2023-02-17",
           "2001-12-14t21:59:43.10-05:00", "17.2.2023", "=", "<<", "标题", "a b", "x" * 50]


def _tags(node: yaml.Node) -> list[tuple[str, str]]:
    if isinstance(node, yaml.ScalarNode):
        return [(node.value, node.tag)]
    items = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
    return [(node.tag, "")] + [t for item in items for t in _tags(item)]


def test_scalars_are_typed_as_pyyamls_safe_resolver_types_them() -> None:
    """The document loader resolves each distinct plain value once and takes a quoted
    one for a string: the tags must be PyYAML's own, for a value seen first plain then
    quoted and the other way round, as a key and as a value, in flow and block style."""
    from layout.document_yaml import Loader

    lines = [f"k{i}: [{v}, '{v}', \"{v}\", {v}]" for i, v in enumerate(SCALARS) if v]
    lines += [f"'{v}': {v}" for v in SCALARS if v] + [f"{v}: '{v}'" for v in SCALARS if v not in ("", "<<")]
    lines += [f"b{i}:\n- {v}\n- '{v}'" for i, v in enumerate(SCALARS)]
    text = "\n".join(lines) + "\n"
    ours = _tags(yaml.compose(text, Loader=Loader))
    assert ours == _tags(yaml.compose(text, Loader=yaml.SafeLoader))  # the pure-Python resolver
    assert ("1", "tag:yaml.org,2002:int") in ours and ("1", "tag:yaml.org,2002:str") in ours
    assert ("2023-02-17", "tag:yaml.org,2002:timestamp") in ours and ("~", "tag:yaml.org,2002:null") in ours


@pytest.mark.parametrize(("text", "fails"), [("paper: {name: x}\n", False), ("paper: [unclosed\n", True),
                                             ("paper: {nmae: x}\n", True), ("!x a\n", True)])
def test_the_garbage_collector_is_left_as_it_was(text: str, fails: bool) -> None:
    """Parsing pauses the cycle collector and restores it, after an error too."""
    import gc

    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            if fails:
                with pytest.raises(DocumentError):
                    parse_issue(text, "t.yaml")
            else:
                assert parse_issue(text, "t.yaml").paper.name == "x"
            assert gc.isenabled() is enabled
        finally:
            gc.enable()


def test_yaml_is_plain_data() -> None:
    assert yaml.safe_load(dump_issue(ISSUE))["pages"][0]["footer"]["editors"] == ["马龙", "梁瑜"]


def test_texts_name_where_every_printed_string_stands() -> None:
    places = dict((text, where) for where, text in ISSUE.texts())
    assert places["吕梁日报"] == "masthead" and places["星期五"] == "masthead"
    assert places["主题"] == "page 1, article 1 (主题), headline"
    assert places["小标题"] == "page 1, article 1 (主题), subhead 2"
    assert places["一段。"] == "page 1, article 2 (短讯), paragraph 1"
    assert places["梁瑜"] == "page 1, footer"


def test_texts_hold_the_section_and_numbers_the_running_head_footer_and_ear_print() -> None:
    """The 报眉 prints 第{page}版 {section}, the footer 第{page}版, the 报眼 第{number}期
    今日{page_count}版: each is a printed text, named like the others."""
    texts = list(replace(ISSUE, pages=(*ISSUE.pages, Page(12, "國際"), Page(3))).texts())
    assert ("page 1, section", "要闻") in texts and ("page 12, section", "國際") in texts
    assert ("page 1, number", "1") in texts and ("page 12, number", "12") in texts
    assert ("page 3, number", "3") in texts and not any(where == "page 3, section" for where, _ in texts)
    assert ("masthead", "10906") in texts and ("masthead", "8") in texts
    # in page order, the running head before the page's articles
    wheres = [where for where, _ in texts]
    assert wheres.index("page 1, section") < wheres.index("page 1, article 1 (主题), kicker")
    assert wheres.index("page 1, footer") < wheres.index("page 12, number")
    assert list(Issue(pages=(Page(1),)).texts()) == [("page 1, number", "1")]


def test_an_article_printed_without_a_head_is_named_by_its_opening_words() -> None:
    """Warnings, the plan and the PDF outline name it by its text, not "(untitled)"."""
    assert Article(kicker="引题", body=(Paragraph("正文"),)).title == "引题"
    opening = Article(body=(Subhead(" "), Paragraph("2月16日，市长张广勇主持召开市政府常务会。")))
    assert opening.title == "2月16日，市长张广勇主持召开市…"
    assert Article(body=(Paragraph("短 文\n"),)).title == "短 文"
    assert Article().title == "(untitled)"


# YAML 1.1 notations PyYAML's safe resolver tags as int that are not plain decimal
# digits (0x1F is 31 to PyYAML, 190:20:30 is 685830): a document integer is written
# in decimal digits, as dump_issue writes it, so each is an error that says so


@pytest.mark.parametrize("value", ["190:20:30", "0x1F", "0b101", "1_000", "1__000", "1000_", "0_", "+7",
                                   "!!int three", '!!int ""', "!!int", "!!int 0x1F"])
@pytest.mark.parametrize(("template", "path", "column"), [
    ("pages:\n- number: {}\n", "pages[0].number", 11),
    ("issue:\n  number: {}\n", "issue.number", 11),
    ("issue:\n  page_count: {}\n", "issue.page_count", 15),
])
def test_an_integer_not_in_decimal_digits_is_an_error(value: str, template: str, path: str,
                                                      column: int) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_issue(template.format(value), "t.yaml")
    found = value.removeprefix("!!int").strip().strip('"') or "nothing"
    assert str(caught.value) == (f"t.yaml:2:{column}: error: {path}: expected a positive integer "
                                 f"in decimal digits, found {found}")


@pytest.mark.parametrize(("value", "number"), [("3", 3), ("!!int 12", 12), ("007", 7), ("010", 10),
                                               ("08", 8), ("0099", 99)])
def test_an_integer_in_decimal_digits_is_read_in_decimal(value: str, number: int) -> None:
    """Leading zeros do not make it octal (010 is 10, as Python reads it, though PyYAML
    would read 8), and 08, which the resolver leaves a string, is 8 like 07 is 7."""
    issue = parse_issue(f"issue: {{number: {value}, page_count: {value}}}\npages:\n- number: {value}\n")
    assert issue.issue.number == issue.issue.page_count == issue.pages[0].number == number


@pytest.mark.parametrize(("value", "found"), [("'08'", '"08"'), ('"3"', '"3"'), ("0o17", '"0o17"'),
                                              ("３", '"３"'), ("0", "0"), ("00", "00"), ("-7", "-7"),
                                              ("-0", "-0")])
def test_a_quoted_or_other_non_integer_is_an_error(value: str, found: str) -> None:
    """Not read as an integer, as before (a quoted '3' is a string)."""
    with pytest.raises(DocumentError) as caught:
        parse_issue(f"pages:\n- number: {value}\n", "t.yaml")
    assert str(caught.value) == f"t.yaml:2:11: error: pages[0].number: expected a positive integer, found {found}"


@pytest.mark.parametrize(("value", "number"), [("2147483647", 2147483647), ("0002147483647", 2147483647),
                                               ("2147483648", None), ("99999999999", None),
                                               ("1" + "0" * 21, None), ("9" * 5000, None)])
def test_an_integer_is_at_most_the_largest_pdf_integer(value: str, number: int | None) -> None:
    """2**31 - 1, PDF's largest integer (ISO 32000-1, annex C): the page number is the
    PDF's page label, which a reader need not read beyond it, and
    above 4,300 digits int() would not read it."""
    text = f"issue: {{number: {value}, page_count: {value}}}\npages:\n- number: {value}\n"
    if number is not None:
        issue = parse_issue(text, "t.yaml")
        assert issue.issue.number == issue.issue.page_count == issue.pages[0].number == number
        return
    with pytest.raises(DocumentError) as caught:
        parse_issue(text, "t.yaml")
    found = value if len(value) <= 40 else value[:37] + "..."
    assert str(caught.value) == "\n".join(
        f"t.yaml:{line}:{column}: error: {path}: expected a positive integer up to 2147483647, found {found}"
        for line, column, path in ((1, 17, "issue.number"), (1, 31 + len(value), "issue.page_count"),
                                   (3, 11, "pages[0].number")))


@pytest.mark.parametrize("text", [
    'paper: {name: [a]}\nissue: {number: ":1:x: error: "}\n',
    'paper: {":1:x: error: ": 1}\n',
    'notes: [[a]]\nissue: {number: ":²:3: error: "}\n',
])
def test_problems_are_ordered_by_place_whatever_their_text_says(text: str) -> None:
    """A value or key that reads like a `line:col: error: ` is no place to sort by."""
    with pytest.raises(DocumentError) as caught:
        parse_issue(text, "t.yaml")
    lines = [line for line in str(caught.value).splitlines() if not line.startswith("  hint")]
    assert [line.split(":")[1] for line in lines] == [str(n) for n in range(1, len(lines) + 1)]


@pytest.mark.parametrize(("text", "expected"), [
    # an anchored list that holds itself: the walks that look for tags went round it forever
    ("notes: &a [*a]\n", "t.yaml:1:8: error: notes[0]: expected a string or null, found a list"),
    ("pages: &a [{articles: [{body: *a}]}]\n",
     "t.yaml:1:13: error: pages[0].articles[0].body[0]: unknown key `articles`\n  hint: known keys: subhead"),
    ("notes: [!x b, &a [*a]]\n", "t.yaml:1:9: error: notes[0]: unsupported tag `!x` (documents hold plain data only)"),
    # 2**40 paths through 80 aliases: each node is looked at once
    ("notes: [&a0 [x], " + ", ".join(f"&a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 41)) + "]\n",
     "\n".join(f"t.yaml:1:{column}: error: notes[{i}]: expected a string or null, found a list"
               for i, column in enumerate([9, 18] + [18 + sum(len(f"&a{j} [*a{j - 1}, *a{j - 1}], ") for j in range(1, i))
                                                     for i in range(2, 41)]))),
])
def test_an_alias_is_read_once_however_often_it_is_reached(text: str, expected: str) -> None:
    with pytest.raises(DocumentError) as caught:
        within_seconds(10, lambda: parse_issue(text, "t.yaml"))
    assert str(caught.value) == expected


@pytest.mark.parametrize("date", ["20230217", "2023-W07-5", "2023W075", "2023-2-17", "2023-02-17T10:00",
                                  "2023-02-17 10:00:00", "+2023-02-17", "２０２３-０２-１７", "0000-01-01"])
def test_an_issue_date_is_written_yyyy_mm_dd(date: str) -> None:
    """Python 3.11's date.fromisoformat also reads 20230217 and 2023-W07-5, which the
    masthead's 2023年2月17日 and the EPUB's date do not: they read YYYY-MM-DD only."""
    with pytest.raises(DocumentError) as caught:
        parse_issue(f"issue:\n  date: {date}\n", "t.yaml")
    assert str(caught.value) == f't.yaml:2:9: error: issue.date: expected an ISO date like 2023-02-17, found "{date}"'


def test_an_issue_date_in_yyyy_mm_dd_is_kept_as_written() -> None:
    for text in ("issue: {date: 2024-02-29}\n", "issue: {date: '2024-02-29'}\n"):
        assert parse_issue(text).issue.date == "2024-02-29"


@pytest.mark.parametrize(("text", "expected"), [
    ('pages:\n- number: "3\\n4"\n', 't.yaml:2:11: error: pages[0].number: expected a positive integer, found "3\\n4"'),
    ("pages:\n- number: !!int \"3\\t\"\n",
     't.yaml:2:11: error: pages[0].number: expected a positive integer in decimal digits, found "3\\t"'),
    ('issue:\n  date: "2023-02-17\\r"\n',
     't.yaml:2:9: error: issue.date: expected an ISO date like 2023-02-17, found "2023-02-17\\r"'),
    ("issue:\n  date: '\"2023\\02\"'\n",
     't.yaml:2:9: error: issue.date: expected an ISO date like 2023-02-17, found "\\"2023\\\\02\\""'),
    ("issue:\n  date: 2023年2月17日" + "日" * 40 + "\n",
     't.yaml:2:9: error: issue.date: expected an ISO date like 2023-02-17, found "2023年2月17日' + "日" * 27 + '..."'),
    ('paper: {"na\\nme": x}\n', "t.yaml:1:9: error: paper: unknown key `na\\nme`\n  hint: did you mean `name`?"),
    # a key that is no scalar was named `None`
    ("paper: {[name]: x}\n", "t.yaml:1:9: error: paper: expected a plain key, found a list"),
    ("? {paper: x}\n: y\n", "t.yaml:1:3: error: (top): expected a plain key, found a mapping"),
])
def test_a_value_shown_in_a_message_keeps_it_one_line(text: str, expected: str) -> None:
    """Line breaks and quotes in the value are escaped as in JSON; long values shortened."""
    with pytest.raises(DocumentError) as caught:
        parse_issue(text, "t.yaml")
    assert str(caught.value) == expected


def test_a_region_is_read_as_its_upper_case_code() -> None:
    """`paper.region` (ISO 3166: HK, TW …) decides a Traditional issue's forms and
    language tag; written in either case, it reads upper case and round-trips."""
    issue = parse_issue("paper: {name: 明報, region: hk}\n", "t.yaml")
    assert issue.paper.region == "HK"
    assert parse_issue(dump_issue(issue, "yaml"), "t.yaml").paper.region == "HK"
    assert parse_issue("paper: {name: 明報}\n", "t.yaml").paper.region is None


@pytest.mark.parametrize(("article", "title"), [
    (Article(headline="主题", subheadline="——副题"), "主题"),
    (Article(subheadline="——我市培育特色专业镇发展纪实"), "我市培育特色专业镇发展纪实"),  # no 主题: no dash
    (Article(subheadline="—— ", kicker="引题"), "引题"),
    (Article(body=(Paragraph("2月16日，市长张广勇主持召开市政府第20次常务会议。"),)), "2月16日，市长张广勇主持召开市…"),
    (Article(), "(untitled)"),
])
def test_an_article_is_named_by_its_head_else_its_opening_words(article: Article, title: str) -> None:
    """The name in the outline, the EPUB's contents, warnings and a continuation's head."""
    assert article.title == title
