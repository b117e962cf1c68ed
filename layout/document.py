"""The issue document on disk: `Issue` <-> YAML (default) or JSON, validated on load.

Documents are meant to be edited by hand, so loading is strict and helpful: only a
safe YAML composer is used (no tags, no objects), every problem is reported at once as
`file:line:col: error: key.path: expected X, found Y`, and unknown keys get a
"did you mean" hint. Missing optional keys read as null / empty.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .document_yaml import FLOAT as _FLOAT, INT as _INT, MAP as _MAP, NULL as _NULL, SEQ as _SEQ, STR as _STR
from .document_yaml import TIMESTAMP as _TIMESTAMP, Loader, WrittenTags, collector_paused, compose_checked
from .document_yaml import key_path as _at, shown_tag, tag_fits
from .errors import DocumentError
from .fileio import read_input
from .model import LARGEST_NUMBER, Article, Block, Footer, Issue, IssueInfo, Page, Paper, Paragraph, Subhead

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


PAPER_KEYS = ("name", "supervisor_line", "publisher_line", "website", "postal_code", "cn_number", "region")
ISSUE_KEYS = ("date", "weekday", "lunar_date", "number", "page_count")
PAGE_KEYS = ("number", "section", "articles", "footer")
ARTICLE_KEYS = ("kicker", "headline", "subheadline", "byline", "dateline", "body", "jump", "credit")
FOOTER_KEYS = ("department", "layout_editor", "editors", "proofreader", "email")
TOP_KEYS = ("paper", "issue", "pages", "notes")


_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# a \UXXXXXXXX escape (not an escaped backslash followed by U) of a character beyond the BMP
_ESCAPED_BEYOND_BMP = re.compile(r"(?<!\\)((?:\\\\)*)\\U(000[1-9A-F][0-9A-F]{4}|0010[0-9A-F]{4})")


# --- Issue -> plain data ---------------------------------------------------------

def issue_to_data(issue: Issue) -> dict[str, Any]:
    """The document as plain dicts and lists, keys in the documented order."""
    return {
        "paper": {k: getattr(issue.paper, k) for k in PAPER_KEYS},
        "issue": {k: getattr(issue.issue, k) for k in ISSUE_KEYS},
        "pages": [_page_to_data(p) for p in issue.pages],
        "notes": list(issue.notes),
    }


def _page_to_data(page: Page) -> dict[str, Any]:
    footer = None
    if page.footer is not None:
        footer = {k: getattr(page.footer, k) for k in FOOTER_KEYS}
        footer["editors"] = list(page.footer.editors)
    return {
        "number": page.number,
        "section": page.section,
        "articles": [_article_to_data(a) for a in page.articles],
        "footer": footer,
    }


def _article_to_data(article: Article) -> dict[str, Any]:
    data: dict[str, Any] = {k: getattr(article, k) for k in ARTICLE_KEYS}
    data["body"] = [b.text if isinstance(b, Paragraph) else {"subhead": b.text} for b in article.body]
    return data


def dump_issue(issue: Issue, fmt: str = "yaml") -> str:
    """Serialise to YAML (block style, readable CJK) or pretty JSON."""
    data = issue_to_data(issue)
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        # JSON is read back by the YAML composer, which refuses raw C1 controls and reads NEL, LS, PS as line breaks.
        return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    if "\\U" in text:
        # libyaml escapes characters beyond the BMP (𬉼 -> "\U0002C27C"), unreadable in a
        # document people edit: write them as they are, if that reads back the same
        readable = _ESCAPED_BEYOND_BMP.sub(lambda m: m[1] + chr(int(m[2], 16)), text)
        if yaml.load(readable, Loader=Loader) == data:
            text = readable
    return text


# --- plain data (with source marks) -> Issue ---------------------------------------

class _Reader:
    """Turns composed YAML nodes into an Issue, collecting every problem found.

    A node is named by its parent's path and its `key` (a mapping key or a list
    index), joined only when there is a problem to report: most nodes have none.
    """

    def __init__(self, name: str, tagged: WrittenTags | None = None) -> None:
        self.name = name
        self.tagged = tagged if tagged is not None else WrittenTags(b"")  # where tags are written
        self.any_tags = bool(self.tagged)  # else every tag is the implicit typing's, and fits
        self.problems: list[tuple[tuple[int, int], str]] = []  # ((line, column), message)

    def problem(self, node: yaml.Node, path: str, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        text = f"{self.name}:{mark.line + 1}:{mark.column + 1}: error: {path}: {message}"
        self.problems.append(((mark.line, mark.column), text + (f"\n  hint: {hint}" if hint else "")))

    def report(self) -> str:
        """Every problem, in file order (of equal places, in the order found)."""
        return "\n".join(text for _, text in sorted(self.problems, key=lambda problem: problem[0]))

    def mapping(self, node: yaml.Node, path: str, keys: tuple[str, ...]) -> dict[str, yaml.Node]:
        """The mapping's entries by key; unknown and duplicate keys are problems."""
        if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
            self.problem(node, path, f"expected a mapping, found {_describe(node)}")
            return {}
        entries: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or (
                    self.any_tags and key_node.tag != _STR and not tag_fits(key_node)):
                self.problem(key_node, path or "(top)", f"expected a plain key, found {_describe(key_node)}")
                continue
            key = key_node.value
            if key not in keys:
                close = difflib.get_close_matches(str(key), keys, n=1)
                hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(keys)
                shown = key if key.isprintable() else _quoted(key)[1:-1]
                self.problem(key_node, path or "(top)", f"unknown key `{shown}`", hint)
            elif key in entries:
                self.problem(key_node, f"{path}.{key}" if path else str(key), "duplicate key")
            else:
                entries[key] = value
        return entries

    def text(self, node: yaml.Node | None, path: str, key: str | int | None = None) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:  # most nodes: as below
            return str(node.value)
        if node is None or (node.tag == _NULL and (not self.any_tags or tag_fits(node))):  # is_null, inline
            return None
        if (isinstance(node, yaml.ScalarNode) and node.tag in (_STR, _INT, _FLOAT, _TIMESTAMP)
                and (not self.any_tags or tag_fits(node))):
            return str(node.value)
        self.problem(node, _at(path, key), f"expected a string or null, found {_describe(node)}")
        return None

    def integer(self, node: yaml.Node | None, path: str, key: str | None = None, *,
                required: bool = False) -> int | None:
        """A positive integer written in decimal digits, as `dump_issue` writes it.

        Leading zeros are read in decimal (010 is 10, 08 is 8) as by Python, not as
        YAML 1.1's octal. YAML 1.1's other notations the resolver tags as int (0x1F,
        190:20:30, 1_000, +7) and an explicit `!!int` on anything but digits are errors:
        whoever wrote one in a page number meant something odd, so it is not guessed at.
        At most LARGEST_INTEGER.
        """
        if node is None or self.is_null(node):
            if required and node is not None:
                self.problem(node, _at(path, key), "expected a positive integer, found null")
            return None
        expected = "a positive integer"
        if isinstance(node, yaml.ScalarNode) and self.is_digits(node):
            digits = node.value.lstrip("0")
            if digits and len(digits) <= len(str(LARGEST_INTEGER)) and int(digits) <= LARGEST_INTEGER:
                return int(digits)
            if digits:
                expected += f" up to {LARGEST_INTEGER}"
        elif isinstance(node, yaml.ScalarNode) and node.tag == _INT and not _NEGATIVE.fullmatch(node.value):
            expected += " in decimal digits"
        # `!!int three` is "in decimal digits, found three": the tag is not the trouble
        found = _describe(node, tag_shown=node.tag != _INT)
        self.problem(node, _at(path, key), f"expected {expected}, found {found}")
        return None

    def is_null(self, node: yaml.Node) -> bool:
        """Whether the node is a null: a scalar the implicit typing reads as null (`~`,
        `null`, nothing) or written so with its tag (`!!null ~`); `!!null x` is none."""
        # a list or mapping tagged null is written so, and tag_fits says no
        return node.tag == _NULL and (not self.any_tags or tag_fits(node))

    def is_digits(self, node: yaml.ScalarNode) -> bool:
        """Whether the scalar is decimal digits tagged int, or plain (unquoted, untagged)
        digits YAML 1.1 reads neither decimal nor octal in (08, 0099: a string to the
        resolver). A string written so (`'08'`, `!!str 08`, `! 8`) is a string."""
        if _DIGITS.fullmatch(node.value) is None:
            return False
        return node.tag == _INT or (node.tag == _STR and not node.style and node.start_mark.index not in self.tagged)

    def sequence(self, node: yaml.Node | None, path: str) -> list[yaml.Node]:
        if node is None or self.is_null(node):
            return []
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return list(node.value)
        self.problem(node, path, f"expected a list, found {_describe(node)}")
        return []


_DIGITS = re.compile("[0-9]+")
_NEGATIVE = re.compile("-[0-9]+")
LARGEST_INTEGER = LARGEST_NUMBER  # a page number is the PDF's page label


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL


def _describe(node: yaml.Node, *, tag_shown: bool = True) -> str:
    """The node as a message shows it: its kind, or its value (in quotes if a string),
    with the tag written on it when that does not fit (`!!null x`, a list tagged `!!str`)."""
    if isinstance(node, yaml.CollectionNode):
        kind = "a mapping" if isinstance(node, yaml.MappingNode) else "a list"
        return kind if tag_fits(node) else f"{kind} tagged `{shown_tag(node.tag)}`"
    if tag_shown and not tag_fits(node):
        value = node.value
        return f"{shown_tag(node.tag)} " + (value if value.isprintable() and 0 < len(value) <= 40 else _quoted(value))
    if node.tag == _NULL:
        return "null"
    value = str(node.value)
    if not value and node.tag != _STR:
        return "nothing"  # a tag with no value: `!!int`
    if node.tag == _STR or not value.isprintable():
        return _quoted(value)
    return value if len(value) <= 40 else value[:37] + "..."


def _quoted(value: str) -> str:
    """A value as a message shows it: in quotes, escaped as in JSON (so a line break
    cannot break the message's one line), cut to 40 characters."""
    return json.dumps(value if len(value) <= 40 else value[:37] + "...", ensure_ascii=False)


def _read_fields(reader: _Reader, node: yaml.Node | None, path: str, keys: tuple[str, ...],
                 read: Callable[[str, yaml.Node | None], Any]) -> dict[str, Any]:
    """`read(key, node)` of each of `keys` (node None when the key is not there)."""
    entries = reader.mapping(node, path, keys) if node is not None and not reader.is_null(node) else {}
    return {k: read(k, entries.get(k)) for k in keys}


def _read_paper_field(reader: _Reader, key: str, value: yaml.Node | None) -> str | None:
    text = reader.text(value, "paper", key)
    if key != "region" or text is None or value is None:
        return text
    if _REGION.fullmatch(text) is None:
        reader.problem(value, "paper.region", "expected a two-letter region code (CN, HK, MO, TW, SG …), "
                                              f"found {_quoted(text)}")
    return text.upper()


_REGION = re.compile("[A-Za-z]{2}")


def _read_issue_info(reader: _Reader, node: yaml.Node | None) -> IssueInfo:
    def read(key: str, value: yaml.Node | None) -> Any:
        if key in ("number", "page_count"):
            return reader.integer(value, "issue", key)
        text = reader.text(value, "issue", key)
        if key == "date" and text is not None and value is not None and not _is_iso_date(text):
            reader.problem(value, "issue.date", f"expected an ISO date like 2023-02-17, found {_quoted(text)}")
        return text

    return IssueInfo(**_read_fields(reader, node, "issue", ISSUE_KEYS, read))


_ISO_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_iso_date(text: str) -> bool:
    """Whether `text` is a real day written YYYY-MM-DD, the one form the masthead and the
    EPUB read (Python 3.11's `date.fromisoformat` alone also takes 20230217, 2023-W07-5)."""
    if _ISO_DATE.fullmatch(text) is None:
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:  # 2023-02-30, 0000-01-01
        return False
    return True


def _read_footer(reader: _Reader, node: yaml.Node | None, path: str) -> Footer | None:
    if node is None or reader.is_null(node):
        return None

    def read(key: str, value: yaml.Node | None) -> Any:
        if key == "editors":
            where = f"{path}.editors"
            items = [reader.text(v, where, i) for i, v in enumerate(reader.sequence(value, where))]
            return tuple(t for t in items if t)
        return reader.text(value, path, key)

    return Footer(**_read_fields(reader, node, path, FOOTER_KEYS, read))


def _read_block(reader: _Reader, node: yaml.Node, path: str, index: int) -> Block | None:
    if isinstance(node, yaml.MappingNode):
        where = f"{path}[{index}]"
        entries = reader.mapping(node, where, ("subhead",))
        text = reader.text(entries.get("subhead"), where, "subhead")
        return Subhead(text) if text else None
    text = reader.text(node, path, index)
    return Paragraph(text) if text is not None else None


def _read_article(reader: _Reader, node: yaml.Node, path: str) -> Article:
    def read(key: str, value: yaml.Node | None) -> Any:
        if key == "body":
            where = f"{path}.body"
            blocks = [_read_block(reader, v, where, i) for i, v in enumerate(reader.sequence(value, where))]
            return tuple(b for b in blocks if b is not None)
        return reader.text(value, path, key)

    return Article(**_read_fields(reader, node, path, ARTICLE_KEYS, read))


def _read_page(reader: _Reader, node: yaml.Node, path: str, position: int) -> Page:
    entries = reader.mapping(node, path, PAGE_KEYS)
    number = reader.integer(entries.get("number"), path, "number") or position
    articles = tuple(_read_article(reader, a, f"{path}.articles[{i}]")
                     for i, a in enumerate(reader.sequence(entries.get("articles"), f"{path}.articles")))
    return Page(number=number, section=reader.text(entries.get("section"), path, "section"),
                articles=articles, footer=_read_footer(reader, entries.get("footer"), f"{path}.footer"))


def issue_from_node(root: yaml.Node | None, name: str, tagged: WrittenTags | None = None) -> Issue:
    """Build and validate an Issue from a composed YAML/JSON node tree (`tagged`: where
    its scalars were written with a tag, as `compose_checked` finds them)."""
    if not isinstance(root, yaml.MappingNode) or root.tag != _MAP:
        raise DocumentError(_not_a_document(root, name))
    reader = _Reader(name, tagged)
    top = reader.mapping(root, "", TOP_KEYS)
    paper = Paper(**_read_fields(reader, top.get("paper"), "paper", PAPER_KEYS,
                                 lambda k, v: _read_paper_field(reader, k, v)))
    info = _read_issue_info(reader, top.get("issue"))
    pages = tuple(_read_page(reader, p, f"pages[{i}]", i + 1)
                  for i, p in enumerate(reader.sequence(top.get("pages"), "pages")))
    notes = tuple(t for i, n in enumerate(reader.sequence(top.get("notes"), "notes"))
                  if (t := reader.text(n, "notes", i)) is not None)
    numbers = [p.number for p in pages]
    if len(set(numbers)) != len(numbers):
        reader.problem(top.get("pages", root), "pages", f"expected distinct page numbers, found {numbers}")
    if reader.problems:
        raise DocumentError(reader.report())
    return Issue(paper=paper, issue=info, pages=pages, notes=notes)


def _not_a_document(root: yaml.Node | None, name: str) -> str:
    """The message for a document whose top level is no mapping: a list, a scalar, or
    nothing at all (an empty file, only comments, a bare `---`)."""
    expected = "expected a mapping of " + ", ".join(TOP_KEYS[:-1]) + f" and {TOP_KEYS[-1]}"
    if root is None:
        return f"{name}:1:1: error: (top): {expected}, found nothing"
    found = "nothing" if _is_null(root) and not root.value else _describe(root)
    mark = root.start_mark
    return f"{name}:{mark.line + 1}:{mark.column + 1}: error: (top): {expected}, found {found}"


_ONE_DOCUMENT = "expected a single document in the stream"


def parse_issue(text: str, name: str = "<document>") -> Issue:
    """Parse YAML or JSON text (JSON is read by the same safe composer)."""
    with collector_paused():
        try:
            composed = compose_checked(text, name)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
            if exc.context == _ONE_DOCUMENT:  # the composer's words, at the second document's start
                raise DocumentError(f"{where}: error: (top): expected one document, found a second one\n"
                                    "  hint: an issue is one document: remove this `---`, or split the file") from None
            raise DocumentError(f"{where}: error: not valid YAML/JSON: {exc.problem}") from None
        except yaml.YAMLError as exc:
            raise DocumentError(f"{name}: error: not valid YAML/JSON: {exc}") from None
        return issue_from_node(composed.root, name, composed.tagged)


# a file that starts with a byte order mark takes the text path: libyaml would read
# UTF-16 by its mark, and after a UTF-8 one counts columns unlike the decoded text
_BYTE_ORDER_MARKS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def load_issue(path: Path) -> Issue:
    """Read and validate an issue document file (.yaml, .yml or .json)."""
    return load_issue_bytes(read_input(path, DocumentError, "the document"), path)


def load_issue_bytes(data: bytes, path: Path) -> Issue:
    """Validate the issue document `data`, read from `path` (named in messages)."""
    if not data.startswith(_BYTE_ORDER_MARKS):
        # libyaml reads UTF-8 as strictly as Python decodes it, so the bytes are
        # composed as they are (the text would be encoded back to them); on any error,
        # the text path below reports it as it always has
        with collector_paused():
            try:
                composed = compose_checked(data, str(path))
            except yaml.YAMLError:
                pass
            else:
                return issue_from_node(composed.root, str(path), composed.tagged)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DocumentError(f"{path}:{line}: error: expected UTF-8 text, found byte 0x{data[exc.start]:02x}") from None
    return parse_issue(text, str(path))
