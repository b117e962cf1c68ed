"""YAML text -> a tree of marked nodes, and the problems found on the way.

In: a spec file's text. Out: a `Node` tree where every mapping key and every value
remembers `file:line:col` (1-based), so problems found later - even in a merged
`extends` tree - point at the file and place they came from. YAML is only
*composed* (`yaml.compose`, the libyaml composer when available); no object is
ever constructed, and only the plain YAML tags (str, int, float, bool, null,
seq, map) are accepted, so `!!python/object` and friends are errors, not code.
Duplicate keys are errors.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
import yaml


@dataclass(frozen=True, slots=True)
class Notation:
    """A number in a YAML 1.1 notation no field reads: an int not in decimal digits
    (0x1F, 0b101, 1_000, +7, 190:20:30, or `!!int` on anything else), as issue documents
    read no such page number, or a float that is not a finite number in decimals (.nan,
    .inf, 1_0.5), which would pass every range check and reach the page. Each field says
    "expected X, found 0x1F (not in decimal digits)"."""

    text: str
    why: str  # what the text is not, for the message


Scalar = str | int | float | bool | Notation | None

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.SafeLoader("")  # used only for plain float/bool scalars
_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + "str", _T + "int", _T + "float", _T + "bool", _T + "null",
                _T + "timestamp"}


@dataclass(frozen=True, slots=True)
class Where:
    """A place in a spec file, 1-based."""

    file: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem with a spec: where, which key, what, and how to fix it."""

    where: Where
    path: str
    message: str
    hint: str | None = None

    def format(self) -> str:
        """`file:line:col: error: key.path: message` plus an optional `  hint:` line."""
        w = self.where
        path = f"{self.path}: " if self.path else ""
        text = f"{w.file}:{w.line}:{w.col}: error: {path}{self.message}"
        return text if self.hint is None else f"{text}\n  hint: {self.hint}"


@dataclass(slots=True)
class Node:
    """A composed YAML node: a scalar (`value`), a list (`items`) or a mapping (`entries`)."""

    kind: str  # "scalar" | "seq" | "map"
    where: Where
    value: Scalar = None
    raw: str = ""
    items: list[Node] = field(default_factory=list)
    entries: dict[str, Node] = field(default_factory=dict)
    key_where: dict[str, Where] = field(default_factory=dict)

    def describe(self) -> str:
        """How this value reads in "found Y"."""
        if self.kind == "map":
            return "a mapping"
        if self.kind == "seq":
            return "a list"
        if self.value is None:
            return "nothing" if self.raw in ("", "~", "null", "Null", "NULL") else "null"
        if isinstance(self.value, str):
            return json.dumps(self.value, ensure_ascii=False)
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        if isinstance(self.value, Notation):
            return f"{self.raw} ({self.value.why})"
        return self.raw


_DECIMAL = re.compile("-?[0-9]+")
_DECIMAL_FLOAT = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _integer(ynode: yaml.ScalarNode) -> int | str | Notation:
    """An int scalar in decimal digits, with leading zeros read in decimal (010 is 10, not
    YAML 1.1's octal 8); any other notation a Notation. Too many digits for int() (4,300)
    stay text, which no integer field reads."""
    if _DECIMAL.fullmatch(ynode.value) is None:
        return Notation(ynode.value, "not in decimal digits")
    try:
        return int(ynode.value)
    except ValueError:
        return ynode.value


def where_of(file: str, mark: yaml.Mark) -> Where:
    """A 1-based Where from a 0-based yaml Mark."""
    return Where(file, mark.line + 1, mark.column + 1)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_T):] if tag.startswith(_T) else tag


class _Converter:
    """Converts one file's composed yaml nodes, collecting problems."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.seen: dict[int, Node] = {}  # aliases share a node: convert it once

    def convert(self, ynode: yaml.Node, path: str) -> Node | None:
        known = self.seen.get(id(ynode))
        if known is not None:
            return known
        where = where_of(self.file, ynode.start_mark)
        node: Node | None
        if isinstance(ynode, yaml.ScalarNode):
            node = self._scalar(ynode, where, path)
        elif isinstance(ynode, yaml.SequenceNode):
            node = self._sequence(ynode, where, path)
        else:
            node = self._mapping(ynode, where, path)
        if node is not None:
            self.seen[id(ynode)] = node
        return node

    def _bad_tag(self, ynode: yaml.Node, where: Where, path: str) -> None:
        self.problems.append(Problem(
            where, path, f"expected a plain YAML value, found tag `{_short_tag(ynode.tag)}`",
            "specs hold plain data only: remove the tag"))

    def _scalar(self, ynode: yaml.ScalarNode, where: Where, path: str) -> Node | None:
        tag = ynode.tag
        if tag not in _SCALAR_TAGS:
            self._bad_tag(ynode, where, path)
            return None
        value: Scalar
        if tag in (_T + "str", _T + "timestamp"):
            value = ynode.value
        elif tag == _T + "null":
            value = None
        elif tag == _T + "int":
            value = _integer(ynode)
        elif tag == _T + "float" and _DECIMAL_FLOAT.fullmatch(ynode.value) is None:
            value = Notation(ynode.value, "not a finite number in decimals")
        else:
            try:
                value = _CONSTRUCTOR.construct_object(ynode, deep=True)
            except (yaml.YAMLError, ValueError):
                value = ynode.value  # e.g. `!!int abc`: keep the text, validation rejects it
        return Node("scalar", where, value=value, raw=ynode.value)

    def _sequence(self, ynode: yaml.SequenceNode, where: Where, path: str) -> Node | None:
        if ynode.tag != _T + "seq":
            self._bad_tag(ynode, where, path)
            return None
        items: list[Node] = []
        for index, child in enumerate(ynode.value):
            item = self.convert(child, f"{path}[{index}]")
            if item is not None:
                items.append(item)
        return Node("seq", where, items=items)

    def _mapping(self, ynode: yaml.MappingNode, where: Where, path: str) -> Node | None:
        if ynode.tag != _T + "map":
            self._bad_tag(ynode, where, path)
            return None
        node = Node("map", where)
        for key_node, value_node in ynode.value:
            key_where = where_of(self.file, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(key_where, path, "expected a plain key, found "
                                             + ("a list" if isinstance(key_node, yaml.SequenceNode)
                                                else "a mapping")))
                continue
            key = key_node.value
            if key in node.entries:
                first = node.key_where[key]
                self.problems.append(Problem(
                    key_where, path, f"duplicate key `{key}` (first defined at line {first.line})",
                    "remove one of them"))
                continue
            value = self.convert(value_node, _join(path, key))
            if value is not None:
                node.entries[key] = value
                node.key_where[key] = key_where
        return node


def compose_text(text: str, file: str, problems: list[Problem]) -> Node | None:
    """Compose one YAML document into a Node tree; syntax errors become problems."""
    try:
        ynode = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = where_of(file, mark) if mark is not None else Where(file, 1, 1)
        reason = error.problem or error.context or "cannot parse"
        problems.append(Problem(where, "", f"invalid YAML: {reason}"))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(Where(file, 1, 1), "", f"invalid YAML: {error}"))
        return None
    if ynode is None:
        problems.append(Problem(Where(file, 1, 1), "",
                                "expected a mapping of spec keys, found an empty document"))
        return None
    return _Converter(file, problems).convert(ynode, "")
