"""Untrusted YAML -> a checked node tree, for the issue document's reader.

Only plain data gets through: libyaml composes the text (no object is ever
constructed), a node with any but the plain tags is an error, and so are aliases that
would repeat more than any real issue holds (a "billion laughs"). The loader's implicit
typing is PyYAML's safe resolver's, only cheaper; a scalar tagged `!` is a string, as
YAML says, and `WrittenTags` tells which scalars were written with a tag (the tree
does not). Every error is a `DocumentError` naming `file:line:col`; YAML syntax errors
propagate as `yaml.YAMLError` for the caller to word (`layout.document` reports them,
or retries the decoded text).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from typing import Any, NamedTuple

import yaml

from .errors import DocumentError

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"  # an unquoted 2023-02-17
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
_YAML_TAG = "tag:yaml.org,2002:"


class Composed(NamedTuple):
    """A checked node tree, and where its scalars were written with a tag."""

    root: yaml.Node | None  # None for an empty document
    tagged: WrittenTags


def compose_checked(source: str | bytes, name: str) -> Composed:
    """The node tree of `source`, its tags and aliases checked, and its tagged scalars.
    Call it with the cycle collector paused (`collector_paused`)."""
    root = yaml.compose(source, Loader=Loader)
    _reject_tags(root, name)
    _reject_expansion(root, name, source)
    tagged = WrittenTags(source if root is not None else b"")
    if tagged.non_specific():
        _read_non_specific_as_strings(root, tagged)
    return Composed(root, tagged)


class Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    """The safe loader, its implicit typing unchanged but cheaper: a quoted scalar is a
    string without asking the resolvers, and a plain one is resolved once per distinct
    value (the keys, null and short values repeat thousands of times in an issue)."""

    def __init__(self, stream: str | bytes) -> None:
        super().__init__(stream)
        self._resolved: dict[str, str] = {}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if not implicit[0]:  # quoted: only a path resolver could say more (libyaml passes `! 3` as plain)
            return self.DEFAULT_SCALAR_TAG
        tag = self._resolved.get(value)
        if tag is None:
            tag = self._resolved[value] = super().resolve(kind, value, implicit)
        return tag


# A tag is a property of the node it starts: it stands after nothing but blanks since
# the start of the text or of a line, or since an indicator a node follows (`:`, `-`,
# `?`, `[`, `{`, `,`), or after the node's anchor (`&a !!str 08`). A `!` in text
# ("快讯!", "Yahoo ! Japan", "# note !") follows a word.
_NODE_AFTER = frozenset(b"\r\n:-?[{,")
_NODE_AFTER_UTF8 = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbb\xbf")  # NEL, LS, PS, BOM
_ANCHOR_CHARS = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-")  # libyaml's
# what follows the non-specific tag `!`: a space, a line break (NEL, LS and PS start with
# 0xc2 or 0xe2, a BOM with 0xef), the end of a flow collection or of the text
_AFTER_NON_SPECIFIC = frozenset(b" \t\r\n,]}\xc2\xe2\xef")


class WrittenTags:
    """Where a text's scalars are written with a tag: composing drops the difference
    between `!!str 08` and a plain 08 (a string either way), so the parser's events are
    read again, the first time a place is asked about. A text with no `!` that may start
    a tag (the usual case: `dump_issue` writes none) is never parsed again."""

    def __init__(self, source: str | bytes) -> None:
        if isinstance(source, bytes):
            data = source
        else:  # the decoded text (after a byte order mark): its bytes, if it holds a `!` at all
            data = source.encode("utf-8", "surrogatepass") if "!" in source else b""
        self._bangs = _bangs(data)  # a quick look, that may see a tag wrongly but never misses one
        self._source = source if self._bangs else b""
        self._non_specific = any(at + 1 == len(data) or data[at + 1] in _AFTER_NON_SPECIFIC for at in self._bangs)
        self._tags: dict[int, str] | None = None if self._bangs else {}

    def __bool__(self) -> bool:
        """Whether the text may hold a tag at all."""
        return bool(self._bangs)

    def __contains__(self, index: object) -> bool:
        """Whether the scalar starting at `index` (`node.start_mark.index`) has a written tag."""
        return index in self.tags()

    def tags(self) -> dict[int, str]:
        """The written tag of each tagged scalar, by its start index."""
        if self._tags is None:
            self._tags = {event.start_mark.index: event.tag for event in yaml.parse(self._source, Loader=Loader)
                          if isinstance(event, yaml.ScalarEvent) and event.tag is not None}
        return self._tags

    def non_specific(self) -> frozenset[int]:
        """The start index of each scalar tagged `!`, the non-specific tag."""
        if not self._non_specific:
            return frozenset()
        return frozenset(index for index, tag in self.tags().items() if tag == "!")


def _bangs(data: bytes) -> list[int]:
    """Where a `!` may start a tag: where a node may start (a quick look at the bytes
    before it, that may see a tag wrongly but never misses one)."""
    found = []
    at = data.find(b"!")
    while at != -1:
        if _node_may_start(data, at):
            found.append(at)
        at = data.find(b"!", at + 1)
    return found


def _node_may_start(data: bytes, at: int) -> bool:
    """Whether a node may start at byte `at`: after blanks that follow the start of the
    text, a line break, an indicator a node follows, or an anchor (`&a`) that may."""
    while True:
        while at > 0 and data[at - 1] in b" \t":
            at -= 1
        if at == 0 or data[at - 1] in _NODE_AFTER or data[max(at - 3, 0):at].endswith(_NODE_AFTER_UTF8):
            return True
        anchor = at
        while anchor > 0 and data[anchor - 1] in _ANCHOR_CHARS:
            anchor -= 1
        if anchor == at or anchor == 0 or data[anchor - 1] != ord("&"):
            return False
        at = anchor - 1  # the anchor's `&`: a node may start there?


def _read_non_specific_as_strings(root: yaml.Node | None, tagged: WrittenTags) -> None:
    """A scalar tagged `!` is a string (YAML 1.1, "Tags"; YAML 1.2, 6.9.1: `! 12` is "12"):
    composing resolved it by its content, as PyYAML does (`! 3` was 3, `! ~` null)."""
    indexes = tagged.non_specific()
    if root is None or not indexes:
        return
    stack, walked = [root], {id(root)}  # each node once: an alias is its anchor's node
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.start_mark.index in indexes:
                node.tag = STR
            continue
        for child in _children(node):
            if id(child) not in walked:
                walked.add(id(child))
                stack.append(child)


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_RESOLVER = yaml.resolver.Resolver()  # the implicit typing alone (no path resolvers: no state)


def tag_fits(node: yaml.Node) -> bool:
    """Whether the node's tag stands for what it holds: a list tagged seq, a mapping map,
    a scalar str; a scalar of the other types (int, float, bool, null, timestamp) in one
    of that type's YAML 1.1 notations, those the implicit typing gives the tag (and, for
    an int, decimal digits: 08). A tag written on anything else (`!!int three`,
    `!!null x`, `!!bool maybe`, `!!str [a]`, `!!seq x`) does not fit it: YAML reads
    no value there. Always true for a node whose tag was not written."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == STR or (node.tag == INT and node.value.isascii() and node.value.isdigit()):
            return True
        if node.tag == NULL:  # the notations of null, as the implicit typing's pattern
            return node.value in _NULLS
        return bool(_RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False)) == node.tag)
    return bool(node.tag == (SEQ if isinstance(node, yaml.SequenceNode) else MAP))


def shown_tag(tag: str) -> str:
    """A tag as it is written: `!!int` for YAML's own, others in full."""
    return "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag


def key_path(path: str, key: str | int | None) -> str:
    """The path of the node at `key` (a mapping key, or a list index) under `path`."""
    if key is None:
        return path
    return f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}"


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a document is composed and read: it finds
    nothing to free in the node tree, yet the tree's objects (~130,000 for 200 pages)
    set it off ~190 times, a third of the compose time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_PLAIN_TAGS = frozenset({STR, INT, FLOAT, NULL, TIMESTAMP, "tag:yaml.org,2002:bool", SEQ, MAP})


def _reject_tags(root: yaml.Node | None, name: str) -> None:
    """Only plain YAML types: a `!!python/...`, `!!binary` or custom tag is an error,
    never executed. Each is named by its place and key path, all at once, in file order."""
    if root is None or _plain_tags_only(root):
        return
    problems = []
    stack = [(root, "")]  # in document order: an alias is named where it is first reached
    walked: set[int] = set()  # nodes, by id: an alias is its anchor's node, which may hold it
    while stack:
        node, path = stack.pop()
        if id(node) in walked:
            continue  # it (and all it holds) was walked, or is being walked, from its first visit
        walked.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            problems.append(_tag_problem(node, path or "(top)", name))
            continue  # what it holds is under the tag
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, _child_path(path, i)) for i, child in reversed(list(enumerate(node.value))))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, _child_path(path, key.value) if isinstance(key, yaml.ScalarNode) else path))
                stack.append((key, path))
    raise DocumentError("\n".join(text for _, text in sorted(problems, key=lambda problem: problem[0])))


def _child_path(path: str, key: str | int) -> str:
    """The path of a child at `key` (`paper`, `pages[0]`, `[0]` at the top)."""
    if path:
        return key_path(path, key)
    return f"[{key}]" if isinstance(key, int) else str(key)


# the plain scalars YAML 1.1's implicit typing gives a tag no document holds
_IMPLICIT_TAGS = {"tag:yaml.org,2002:merge": "<<", "tag:yaml.org,2002:value": "="}


def _tag_problem(node: yaml.Node, path: str, name: str) -> tuple[tuple[int, int], str]:
    """((line, column), message) for a node whose tag no document holds."""
    mark = node.start_mark
    text = (f"{name}:{mark.line + 1}:{mark.column + 1}: error: {path}: "
            f"unsupported tag `{shown_tag(node.tag)}` (documents hold plain data only)")
    written = _IMPLICIT_TAGS.get(node.tag)
    if written is not None and isinstance(node, yaml.ScalarNode) and node.value == written and not node.style:
        kind = "merge key" if written == "<<" else "value key"
        keys = "write the merged keys out, or " if written == "<<" else ""
        text += f"\n  hint: a plain `{written}` is YAML 1.1's {kind}: {keys}quote it ('{written}') for the text"
    return (mark.line, mark.column), text


def _plain_tags_only(root: yaml.Node) -> bool:
    """Whether every node of the tree has a plain tag: the quick check, in any order
    (a scalar is looked at from its parent, not pushed and popped). Each collection is
    walked once: aliases make the tree a graph, with cycles (`&a [*a]`) and 2**n paths."""
    if root.tag not in _PLAIN_TAGS:
        return False
    stack = [root] if isinstance(root, yaml.CollectionNode) else []
    walked = {id(root)}
    while stack:
        node = stack.pop()
        for child in node.value if isinstance(node, yaml.SequenceNode) else chain.from_iterable(node.value):
            if child.tag not in _PLAIN_TAGS:
                return False
            if isinstance(child, yaml.CollectionNode) and id(child) not in walked:
                walked.add(id(child))
                stack.append(child)
    return True


# The reader's deepest node is pages[i].articles[j].body[k].subhead (top 0, pages 1,
# a page 2, articles 3, an article 4, body 5, a block 6, its text 7); it reads no deeper.
_READ_DEPTH = 7
# What aliases may repeat, beyond the nodes written once: far above any real use (a whole
# 200-page issue is ~130,000 nodes and 1.1 M characters), far below a "billion laughs".
REPEATED_NODES_LIMIT = 1_000_000
REPEATED_CHARS_LIMIT = 10_000_000


def _reject_expansion(root: yaml.Node | None, name: str, source: str | bytes) -> None:
    """A DocumentError at the alias that makes the aliases repeat more than the limits.

    Composing keeps an alias as its anchor's node, but the reader builds a new object each
    time it reaches one: a few KB of nested anchors (pages x articles x paragraphs) would
    be read as a billion paragraphs. The nodes and characters each alias stands for are
    counted, to the depth the reader reads, before anything is built. A text with no `*`
    holds no alias (the usual case: nothing is walked)."""
    holds_alias = b"*" in source if isinstance(source, bytes) else "*" in source
    if not holds_alias or not isinstance(root, yaml.CollectionNode):
        return
    seen = {id(root)}
    sizes: dict[tuple[int, int], tuple[int, int]] = {}
    nodes = chars = aliases = 0
    stack = [(_children(root), 1)]  # each node once, in document order: the n-th repeat is the n-th alias
    while stack:
        children, depth = stack[-1]
        for child in children:
            if id(child) not in seen:
                seen.add(id(child))
                if isinstance(child, yaml.CollectionNode):
                    stack.append((_children(child), depth + 1))
                    break
                continue
            aliases += 1
            if depth <= _READ_DEPTH:
                more_nodes, more_chars = _expanded_size(child, depth, sizes)
                nodes, chars = nodes + more_nodes, chars + more_chars
                if nodes > REPEATED_NODES_LIMIT or chars > REPEATED_CHARS_LIMIT:
                    _raise_expansion(root, name, source, aliases, nodes > REPEATED_NODES_LIMIT)
        else:
            stack.pop()


def _children(node: yaml.CollectionNode) -> Iterator[yaml.Node]:
    """A list's items, or a mapping's keys and values in turn."""
    return iter(node.value) if isinstance(node, yaml.SequenceNode) else chain.from_iterable(node.value)


def _expanded_size(node: yaml.Node, depth: int, sizes: dict[tuple[int, int], tuple[int, int]]) -> tuple[int, int]:
    """The nodes and scalar characters the reader meets reading `node` at `depth`, each
    time it is reached (a cycle ends at the reader's depth)."""
    if isinstance(node, yaml.ScalarNode):
        return 1, len(node.value)
    known = sizes.get((id(node), depth))
    if known is not None:
        return known
    nodes, chars = 1, 0
    if depth < _READ_DEPTH:
        for child in _children(node):
            more_nodes, more_chars = _expanded_size(child, depth + 1, sizes)
            nodes, chars = nodes + more_nodes, chars + more_chars
    sizes[(id(node), depth)] = nodes, chars
    return nodes, chars


def _repeat_paths(root: yaml.Node) -> Iterator[str]:
    """The path of each node reached again (an alias), in document order."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            yield path or "(top)"
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, f"{path}[{i}]") for i, child in reversed(list(enumerate(node.value))))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, key_path(path, key.value) if path else str(key.value)))
                stack.append((key, path))


def _raise_expansion(root: yaml.Node, name: str, source: str | bytes, alias: int, by_nodes: bool) -> None:
    """The DocumentError naming the `alias`-th alias of the text (1-based)."""
    events = (e for e in yaml.parse(source, Loader=Loader) if isinstance(e, yaml.AliasEvent))
    event = next(e for i, e in enumerate(events, 1) if i == alias)
    path = next(p for i, p in enumerate(_repeat_paths(root), 1) if i == alias)
    limit = f"{REPEATED_NODES_LIMIT} nodes" if by_nodes else f"{REPEATED_CHARS_LIMIT} characters"
    mark = event.start_mark
    raise DocumentError(f"{name}:{mark.line + 1}:{mark.column + 1}: error: {path}: alias `*{event.anchor}` "
                        f"expands too far: the aliases would repeat more than {limit}\n"
                        "  hint: aliases of anchors that hold aliases multiply; write the repeated parts out")
