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


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=list("!!!a8 \t\n\r[]{},:?-#&*|>\"'%<>\x85\u2028\u2029\ufeff字"), max_size=24))
def test_the_quick_look_for_tags_never_misses_one(text: str) -> None:
    """Whatever the parser reads as a tag, the look before it (a `!` after a space, a
    line break or an indicator) has seen: only then are the events parsed again; and
    the non-specific `!`, which makes the nodes it tags strings, is always found."""
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
