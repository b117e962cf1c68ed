"""Typed readers over marked YAML nodes: each checks one value and records problems.

In: `Node`s from `nodes`. Out: Python values in the schema's units, or `BAD` after
recording a `Problem` ("expected X, found Y", with a hint). Callers keep the
schema default for a BAD value and go on, so one load reports every problem.
"""

from __future__ import annotations

import datetime
import difflib
from enum import Enum
from typing import Any, TypeVar
from collections.abc import Callable, Collection, Mapping

from layout.spec import units
from layout.spec.nodes import Node, Problem, Where
from layout.spec.template import TEMPLATE_FIELDS, template_fields

T = TypeVar("T")
E = TypeVar("E", bound=Enum)


class _Bad:
    def __repr__(self) -> str:
        return "BAD"


BAD: Any = _Bad()
"""What a reader returns for a value it rejected (the problem is already recorded)."""


def suggest(word: str, choices: Collection[str]) -> str | None:
    """The closest of `choices` to `word` (difflib), or None."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return close[0] if close else None


class Checker:
    """Collects problems while reading a spec's node tree."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, where: Where, path: str, message: str, hint: str | None = None) -> None:
        """Record one problem."""
        self.problems.append(Problem(where, path, message, hint))

    def expected(self, node: Node, path: str, what: str, hint: str | None = None) -> Any:
        """Record "expected `what`, found <node>" and return BAD."""
        self.error(node.where, path, f"expected {what}, found {node.describe()}", hint)
        return BAD

    def mapping(self, node: Node, path: str, allowed: Collection[str],
                what: str = "a mapping") -> dict[str, Node] | None:
        """The entries of a mapping node; unknown keys are problems and are left out."""
        if node.kind != "map":
            self.expected(node, path, what)
            return None
        known: dict[str, Node] = {}
        for key, value in node.entries.items():
            if key in allowed:
                known[key] = value
                continue
            self.unknown_key(node.key_where[key], path, key, allowed)
        return known

    def unknown_key(self, where: Where, path: str, key: str, allowed: Collection[str]) -> None:
        """Record an unknown key, with a did-you-mean or the list of keys."""
        close = suggest(key, allowed)
        if close is not None:
            self.error(where, path, f"unknown key `{key}` (did you mean `{close}`?)")
        else:
            self.error(where, path, f"unknown key `{key}`",
                       "accepted keys: " + ", ".join(sorted(allowed)))

    def integer(self, node: Node, path: str, low: int = 1, high: int | None = None,
                nullable: bool = False) -> Any:
        """An int in [low, high]; bools and floats are rejected."""
        if nullable and node.kind == "scalar" and node.value is None:
            return None
        value = node.value
        if node.kind != "scalar" or isinstance(value, bool) or not isinstance(value, int):
            return self.expected(node, path, _int_words(low, high))
        if value < low or (high is not None and value > high):
            return self.expected(node, path, _int_words(low, high))
        return value

    def number(self, node: Node, path: str, low: float = 0.0) -> Any:
        """A plain int or float ≥ low."""
        value = node.value
        if (node.kind != "scalar" or isinstance(value, bool)
                or not isinstance(value, (int, float)) or value < low):
            return self.expected(node, path, f"a number ≥ {low:g}")
        return float(value)

    def boolean(self, node: Node, path: str) -> Any:
        """true or false."""
        if node.kind != "scalar" or not isinstance(node.value, bool):
            return self.expected(node, path, "true or false")
        return node.value

    def string(self, node: Node, path: str, nullable: bool = False) -> Any:
        """A string (null allowed if nullable)."""
        if nullable and node.kind == "scalar" and node.value is None:
            return None
        if node.kind != "scalar" or not isinstance(node.value, str):
            return self.expected(node, path, "a string")
        return node.value

    def iso_date(self, node: Node, path: str) -> Any:
        """A date as YYYY-MM-DD (a YAML date or a string of one), or null."""
        value = node.value
        if node.kind == "scalar" and value is None:
            return None
        if node.kind == "scalar" and isinstance(value, datetime.date):
            return value.isoformat()
        if node.kind == "scalar" and isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        return self.expected(node, path, "a date like 2023-02-17")

    def choice(self, node: Node, path: str, choices: Mapping[str, T]) -> T | Any:
        """One of the `choices` keys (a string), mapped to its value."""
        value = node.value
        if node.kind == "scalar" and isinstance(value, str) and value in choices:
            return choices[value]
        names = [f"`{c}`" for c in choices]
        words = " or ".join(names) if len(names) <= 2 else "one of " + ", ".join(names)
        hint = None
        if node.kind == "scalar" and isinstance(value, str):
            close = suggest(value, choices)
            hint = f"did you mean `{close}`?" if close else None
        return self.expected(node, path, words, hint)

    def enum(self, node: Node, path: str, kind: type[E]) -> E | Any:
        """A member of a str Enum, by value."""
        return self.choice(node, path, {member.value: member for member in kind})

    def unit(self, node: Node, path: str, parse: Callable[[Any], T]) -> T | Any:
        """A value parsed by a `units` parser; UnitError becomes a problem."""
        if node.kind != "scalar":
            try:
                parse(object())
            except units.UnitError as error:
                return self.expected(node, path, error.expected, error.hint)
        try:
            return parse(node.value)
        except units.UnitError as error:
            return self.expected(node, path, error.expected, error.hint)

    def length(self, node: Node, path: str, em: float | None = None, low: float = 0.0,
               positive: bool = False, nullable: bool = False) -> Any:
        """A length in pt (em allowed if `em` is the em size); ≥ low, or > 0 if positive."""
        if nullable and node.kind == "scalar" and node.value is None:
            return None
        value = self.unit(node, path, lambda raw: units.parse_length(raw, em))
        if value is BAD:
            return BAD
        if positive and value <= 0:
            return self.expected(node, path, "a positive length", units.length_hint(em is not None))
        if value < low:
            return self.expected(node, path, "a length ≥ 0", units.length_hint(em is not None))
        return value

    def font_size(self, node: Node, path: str) -> Any:
        """A positive font size in pt (number, length or 字号 name)."""
        value = self.unit(node, path, units.parse_font_size)
        if value is BAD:
            return BAD
        if value <= 0:
            return self.expected(node, path, "a positive font size", units.size_hint())
        return value

    def color(self, node: Node, path: str) -> Any:
        """A colour as `#rrggbb`."""
        return self.unit(node, path, units.parse_color)

    def template(self, node: Node, path: str, fields: frozenset[str] = TEMPLATE_FIELDS,
                 nullable: bool = False) -> Any:
        """A template string whose `{fields}` are all in `fields` (null if nullable)."""
        text = self.string(node, path, nullable)
        if text is BAD or text is None:
            return text
        try:
            names = template_fields(text)
        except ValueError as error:
            if str(error).startswith("`"):
                return self.expected(node, path, f"plain fields like {error}")
            return self.expected(node, path, "a template with balanced braces",
                                 "write `{{` and `}}` for literal braces")
        ok = True
        for name in names:
            if name in fields:
                continue
            ok = False
            close = suggest(name, fields)
            hint = (f"did you mean `{{{close}}}`?" if close
                    else "fields: " + ", ".join(f"`{{{f}}}`" for f in sorted(fields)))
            self.error(node.where, path, f"unknown template field `{{{name}}}`", hint)
        return text if ok else BAD


def _int_words(low: int, high: int | None) -> str:
    if high is not None:
        return f"an integer from {low} to {high}"
    if low == 1:
        return "a positive integer"
    if low == 0:
        return "a non-negative integer"
    return f"an integer ≥ {low}"
