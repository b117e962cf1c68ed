"""Tags written in an issue document: each reads as YAML says, or is an error naming the place.

Composing keeps a node's tag but not whether it was written: `!!str 08` and a plain 08 are
both strings to it, and the non-specific `! 3` is resolved by its content (PyYAML's way).
The document reads a plain 08 as the integer 8, so a written tag is looked up in the
parser's events.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from layout import document_yaml
from layout.document import load_issue, parse_issue
from layout.errors import DocumentError


def _error(text: str) -> str:
    with pytest.raises(DocumentError) as caught:
        parse_issue(text, "t.yaml")
    return str(caught.value)


# --- a string written so is a string ---------------------------------------------

@pytest.mark.parametrize(("value", "found"), [
    ("!!str 08", '"08"'), ("!!str 123", '"123"'), ("!!str 0099", '"0099"'), ("!!str true", '"true"'),
    ("!!str ~", '"~"'), ("!!str", '""'), ("!<tag:yaml.org,2002:str> 08", '"08"'),
    # the non-specific tag: a scalar is a string (YAML 1.2, 6.9.1; PyYAML resolved `! 3` as 3)
    ("! 8", '"8"'), ("! 08", '"08"'), ("! 3", '"3"'), ("! ~", '"~"'), ("! true", '"true"')])
@pytest.mark.parametrize(("template", "path", "column"), [
    ("pages:\n- number: {}\n", "pages[0].number", 11),
    ("issue:\n  number: {}\n", "issue.number", 11),
    ("issue:\n  page_count: {}\n", "issue.page_count", 15),
])
def test_a_string_tag_on_digits_is_no_integer(value: str, found: str, template: str, path: str,
                                              column: int) -> None:
    """`!!str 08` was read as the integer 8, like a plain 08."""
    assert _error(template.format(value)) == (f"t.yaml:2:{column}: error: {path}: expected a positive integer, "
                                              f"found {found}")


@pytest.mark.parametrize(("value", "text"), [
    ("!!str 08", "08"), ("!!str 123", "123"), ("!!str true", "true"), ("!!str ~", "~"), ("!!str null", "null"),
    ("!!str 2023-02-17", "2023-02-17"), ("! 3", "3"), ("! ~", "~"), ("! true", "true"),
    ("! 标题", "标题"), ("!!str 标题", "标题")])
def test_a_string_tag_reads_its_text_as_written(value: str, text: str) -> None:
    issue = parse_issue(f"paper:\n  name: {value}\npages:\n- articles:\n  - headline: {value}\n"
                        f"    body: [{value}]\nnotes: [{value}]\n")
    assert issue.paper.name == issue.pages[0].articles[0].headline == text
    assert [b.text for b in issue.pages[0].articles[0].body] == [text] == list(issue.notes)


@pytest.mark.parametrize("text", [
    "%TAG !e! tag:yaml.org,2002:\n---\npages:\n- number: !e!str 08\n",  # a tag handle of one's own
    '{"pages": [{"number":!!str 08}]}\n',  # JSON-like, the tag right after the colon
    "pages:\n- number: &n !!str 08\n- number: *n\n",  # an anchored string, and its alias
    "pages: [{number: !!str 08}]\n",
])
def test_a_string_tag_is_seen_however_written(text: str) -> None:
    message = _error(text)
    assert message.startswith("t.yaml:") and 'expected a positive integer, found "08"' in message


@pytest.mark.parametrize("notes", ["[快讯!]", "[a !b]", "['!!str 08']", "[\"! 8\"]", "[-!x]"])
def test_a_bang_in_text_leaves_a_plain_08_an_integer(notes: str) -> None:
    """A `!` that is no tag (or may look like one) changes nothing."""
    issue = parse_issue(f"notes: {notes}\npages:\n- number: 08\n")
    assert issue.pages[0].number == 8


@pytest.mark.parametrize(("text", "may_hold_tags"), [
    ("notes: [快讯!, Yahoo ! Japan, a!b, 'x !y']\n", False), ("notes: [a] # 注意 !\n", False),
    ("notes: [!!str a]\n", True), ("notes:\n- &n\n  !!str a\n", True), ('{"notes":!!seq []}', True),
])
def test_a_bang_in_text_is_no_reason_to_parse_again(text: str, may_hold_tags: bool) -> None:
    """The look for tags finds a `!` only where a node may start, so that ordinary text
    does not cost a second parse of the whole document."""
    assert bool(document_yaml.WrittenTags(text)) is bool(document_yaml.WrittenTags(text.encode())) is may_hold_tags


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=list("!!!a8_ \t\n\r[]{},:?-#&*|>\"'%<>\x85\u2028\u2029\ufeff字"), max_size=24))
def test_the_quick_look_for_tags_never_misses_one(text: str) -> None:
    """Whatever the parser reads as a tag, the look before it (a `!` where a node may
    start) has seen: only then are the events parsed again; and the non-specific `!`,
    which makes the nodes it tags strings, is always found."""
    try:
        events = list(yaml.parse(text, Loader=document_yaml.Loader))
    except yaml.YAMLError:
        return
    tags = [event.tag for event in events if getattr(event, "tag", None) is not None]
    scalars = sorted(event.tag for event in events if isinstance(event, yaml.ScalarEvent) and event.tag is not None)
    for source in (text, text.encode()):
        written = document_yaml.WrittenTags(source)
        assert written or not tags
        assert sorted(written.tags().values()) == scalars
        assert bool(written.non_specific()) == ("!" in scalars)


@pytest.mark.parametrize("mark", [b"", b"\xef\xbb\xbf"])
def test_a_file_with_a_string_tag_reads_it_as_a_string(tmp_path: Path, mark: bytes) -> None:
    """The bytes of a file are composed as they are; after a byte order mark, its text."""
    path = tmp_path / "t.yaml"
    path.write_bytes(mark + b"notes: [!!str 007]\npages:\n- number: !!str 08\n")
    with pytest.raises(DocumentError) as caught:
        load_issue(path)
    assert str(caught.value) == f'{path}:3:11: error: pages[0].number: expected a positive integer, found "08"'
    path.write_bytes(mark + b"notes: [!!str 007, ! 3]\npages:\n- number: 08\n")
    issue = load_issue(path)
    assert issue.notes == ("007", "3") and issue.pages[0].number == 8


# --- a tag that does not fit its value is an error, wherever it stands ------------

EXPECTED = {"text": "expected a string or null", "number": "expected a positive integer",
            "section": "expected a mapping", "list": "expected a list"}
PLACES = [  # (kind of value expected, template, path, column)
    ("text", "paper:\n  name: {}\n", "paper.name", 9),
    ("text", "pages:\n- articles:\n  - headline: {}\n", "pages[0].articles[0].headline", 15),
    ("text", "notes:\n- {}\n", "notes[0]", 3),
    ("number", "pages:\n- number: {}\n", "pages[0].number", 11),
    ("section", "paper: {}\n", "paper", 8),
    ("section", "pages:\n- {}\n", "pages[0]", 3),
    ("list", "pages: {}\n", "pages", 8),
]


@pytest.mark.parametrize(("value", "found"), [
    # YAML reads no value in these: !!null x was read as null (the text dropped), the
    # others as the text they hold
    ("!!null x", "!!null x"), ("!!null 3", "!!null 3"), ("!!null 标题", "!!null 标题"),
    ("!!int three", "!!int three"), ("!!int 1.5", "!!int 1.5"), ('!!int ""', '!!int ""'),
    ("!!float x", "!!float x"), ("!!float 3", "!!float 3"), ("!!bool maybe", "!!bool maybe"),
    ("!!bool 3", "!!bool 3"), ("!!timestamp nope", "!!timestamp nope"), ("!!timestamp 3", "!!timestamp 3"),
    ("!!seq x", "!!seq x"), ("!!map x", "!!map x"), ('!!null "a\\nb"', '!!null "a\\nb"'),
])
@pytest.mark.parametrize(("kind", "template", "path", "column"), PLACES)
def test_a_tag_its_value_does_not_fit_is_an_error(value: str, found: str, kind: str, template: str,
                                                  path: str, column: int) -> None:
    if kind == "number" and value.startswith("!!int"):
        found = value.removeprefix("!!int ")  # "in decimal digits, found three", as before
        expected = "expected a positive integer in decimal digits"
        found = "nothing" if found == '""' else found
    else:
        expected = EXPECTED[kind]
    line = template.count("\n")
    assert _error(template.format(value)) == f"t.yaml:{line}:{column}: error: {path}: {expected}, found {found}"


@pytest.mark.parametrize(("value", "found"), [
    ("!!str [a]", "a list tagged `!!str`"), ("!!map [a]", "a list tagged `!!map`"),
    ("!!int [a]", "a list tagged `!!int`"), ("!!seq {a: b}", "a mapping tagged `!!seq`"),
    ("!!str {a: b}", "a mapping tagged `!!str`"), ("!!null {a: b}", "a mapping tagged `!!null`"),
])
@pytest.mark.parametrize(("kind", "template", "path", "column"), PLACES)
def test_a_scalar_tag_on_a_collection_is_an_error(value: str, found: str, kind: str, template: str,
                                                  path: str, column: int) -> None:
    """`!!str [a]` was read as a list, `!!seq {a: b}` as a mapping."""
    line = template.count("\n")
    assert _error(template.format(value)) == f"t.yaml:{line}:{column}: error: {path}: {EXPECTED[kind]}, found {found}"


@pytest.mark.parametrize(("text", "expected"), [
    ("paper: {!!int name: x}\n", "t.yaml:1:9: error: paper: expected a plain key, found !!int name"),
    ("!!null x: y\n", "t.yaml:1:1: error: (top): expected a plain key, found !!null x"),
    ("pages:\n- articles:\n  - body: [!!seq {subhead: 小标题}]\n",
     "t.yaml:3:12: error: pages[0].articles[0].body[0]: expected a mapping, found a mapping tagged `!!seq`"),
    ("!!seq {paper: {name: x}}\n",
     "t.yaml:1:1: error: (top): expected a mapping of paper, issue, pages and notes, found a mapping tagged `!!seq`"),
    ("!!null x\n", "t.yaml:1:1: error: (top): expected a mapping of paper, issue, pages and notes, found !!null x"),
    # every problem at once, in file order
    ("paper: {name: !!null 吕梁日报}\nissue: {number: !!float 3, date: !!timestamp 17.2.2023}\n",
     "t.yaml:1:15: error: paper.name: expected a string or null, found !!null 吕梁日报\n"
     "t.yaml:2:17: error: issue.number: expected a positive integer, found !!float 3\n"
     "t.yaml:2:34: error: issue.date: expected a string or null, found !!timestamp 17.2.2023"),
])
def test_a_tag_that_does_not_fit_is_named_where_it_stands(text: str, expected: str) -> None:
    assert _error(text) == expected


def test_a_tag_that_fits_reads_as_yaml_says() -> None:
    """A standard tag on a value of its type: a null is nothing, numbers and dates in a
    text are their text, a number in decimal digits is the number."""
    issue = parse_issue("paper: !!map {name: !!int 3, website: !!float 1.5, postal_code: !!null ~, "
                        "cn_number: !!null null}\n"
                        "issue: {date: !!timestamp 2023-02-17, number: !!int 08, page_count: !!int 12, "
                        "weekday: !!str 星期五, lunar_date: !!null ''}\n"
                        "pages: !!seq [!!map {number: !!int 7, section: !!null ~, footer: !!null ~, "
                        "articles: !!null ~}]\nnotes: !!seq [!!int 0x1F, !!float .inf, !!str true]\n")
    assert (issue.paper.name, issue.paper.website, issue.paper.postal_code, issue.paper.cn_number) == \
        ("3", "1.5", None, None)
    assert (issue.issue.date, issue.issue.number, issue.issue.page_count, issue.issue.weekday,
            issue.issue.lunar_date) == ("2023-02-17", 8, 12, "星期五", None)
    assert [(p.number, p.section, p.footer, p.articles) for p in issue.pages] == [(7, None, None, ())]
    assert issue.notes == ("0x1F", ".inf", "true")
    empty = parse_issue("issue:\n  lunar_date: !!null\n  number: !!null\npages:\n- number: !!null\n")
    assert empty.issue.lunar_date is empty.issue.number is None and empty.pages[0].number == 1


@pytest.mark.parametrize(("value", "found"), [("!!bool yes", "yes"), ("!!bool true", "true"),
                                              ("!!timestamp 2023-02-30", '"2023-02-30"')])
def test_a_fitting_tag_of_a_type_a_field_does_not_take_is_an_error(value: str, found: str) -> None:
    """As the same value untagged: a bool is no text, 2023-02-30 no day."""
    message = _error(f"issue:\n  date: {value}\n")
    what = "an ISO date like 2023-02-17" if "timestamp" in value else "a string or null"
    assert message == f"t.yaml:2:9: error: issue.date: expected {what}, found {found}"


# --- a tag no document holds: named by its place and key path, never executed -------

@pytest.mark.parametrize(("text", "expected"), [
    ("paper: {name: !!binary 5ZCV5qKB5pel5oql}\n",
     "t.yaml:1:15: error: paper.name: unsupported tag `!!binary` (documents hold plain data only)"),
    ("pages:\n- articles:\n  - body: [!!python/object/apply:os.system ['echo pwned']]\n",
     "t.yaml:3:12: error: pages[0].articles[0].body[0]: unsupported tag `!!python/object/apply:os.system` "
     "(documents hold plain data only)"),
    ("!foo {paper: {name: x}}\n", "t.yaml:1:1: error: (top): unsupported tag `!foo` (documents hold plain data only)"),
    ("notes: [!<tag:example.com,2023:note> x]\n",
     "t.yaml:1:9: error: notes[0]: unsupported tag `tag:example.com,2023:note` (documents hold plain data only)"),
    ("paper: {!!set {name}: x}\n", "t.yaml:1:9: error: paper: unsupported tag `!!set` (documents hold plain data only)"),
    # in an anchor, named once, where it is first reached
    ("pages:\n- &p {articles: [{headline: !foo x}]}\n- *p\n",
     "t.yaml:2:29: error: pages[0].articles[0].headline: unsupported tag `!foo` (documents hold plain data only)"),
    ("notes: [&n !foo x, *n, &m !bar [y], *m]\n",
     "t.yaml:1:9: error: notes[0]: unsupported tag `!foo` (documents hold plain data only)\n"
     "t.yaml:1:24: error: notes[2]: unsupported tag `!bar` (documents hold plain data only)"),
    # the value key, a plain = : YAML 1.1's implicit typing tags it, no document holds it
    ("notes: [=, '=']\n", "t.yaml:1:9: error: notes[0]: unsupported tag `!!value` (documents hold plain data only)\n"
     "  hint: a plain `=` is YAML 1.1's value key: quote it ('=') for the text"),
    ("paper:\n  <<: {name: x}\n", "t.yaml:2:3: error: paper: unsupported tag `!!merge` (documents hold plain data "
     "only)\n  hint: a plain `<<` is YAML 1.1's merge key: write the merged keys out, or quote it ('<<') for the text"),
])
def test_an_unsupported_tag_names_its_place(text: str, expected: str) -> None:
    """It said `unsupported tag \\`tag:yaml.org,2002:binary\\``, with no key path."""
    assert _error(text) == expected
