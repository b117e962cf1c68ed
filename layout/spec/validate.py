"""A merged spec node tree -> `Spec`, checking every key, value and cross-field rule.

In: the root `Node` (after `extends` merging) and the path of the spec file. Out: a
`Spec` and the list of problems; the caller raises `SpecError` if there are any.
Keys mirror `schema.py`; anything absent keeps the schema default. Cross-field
checks: a positive 版心, leading ≥ size, masthead and placement columns within the
grid, and whole-character columns that fit (clreq § Considerations when Designing
the Type Area).
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any
from collections.abc import Mapping

from layout.spec import units
from layout.spec.check import BAD, Checker, suggest
from layout.spec.font_files import face_name, file_problem, names_a_file
from layout.spec.nodes import Node, Where
from layout.spec.schema import (
    STYLE_KEYS, TRADITIONAL_WORDS, Align, ArticlePlacement, EarLine, EpubSpec, FontFormat, FooterSpec, Forms, GridSpec,
    JumpsSpec, MastheadSpec, PageSpec, PlacementSpec, Punctuation, RulesSpec, RunningHeadSpec, Spec,
    Style, TypographySpec, _default_styles,
)

TOP_KEYS = ("extends", "name", "page", "grid", "fonts", "styles", "masthead", "footer",
            "running_head", "jumps", "rules", "typography", "placement", "epub",
            "traditional_words")
BASE_ROLES = ("song", "song-bold", "hei", "kai", "fangsong")
STYLE_FIELDS = ("role", "weight", "size", "color", "align", "leading", "indent",
                "space_before", "space_after")
_MARGIN_SIDES = ("top", "bottom", "left", "right")
JUMP_FIELDS = frozenset({"page"})  # a jump line's template names only the other page


def _set(kwargs: dict[str, Any], key: str, value: Any) -> None:
    if value is not BAD:
        kwargs[key] = value


class SpecBuilder:
    """Reads one merged tree section by section; `problems` collects what is wrong."""

    def __init__(self, root: Node, stem: str, faces: frozenset[str] | None) -> None:
        self.root = root
        self.stem = stem
        self.faces = faces  # font faces of fonts/fonts.yaml, None = no manifest
        self.face_files: dict[str, Path] = {}  # faces the spec brings as files
        self.c = Checker()
        self.nodes: dict[str, Node] = {}  # key path -> node, for cross-field checks

    def node(self, *paths: str) -> Node:
        """The first of `paths` present in the tree (root as a last resort)."""
        for path in paths:
            if path in self.nodes:
                return self.nodes[path]
        return self.root

    def section(self, top: Mapping[str, Node], key: str, allowed: tuple[str, ...]
                ) -> dict[str, Node]:
        """The known entries of a top-level mapping; registers them for cross checks."""
        if key not in top:
            return {}
        self.nodes[key] = top[key]
        entries = self.c.mapping(top[key], key, allowed) or {}
        for sub, node in entries.items():
            self.nodes[f"{key}.{sub}"] = node
        return entries

    def build(self) -> Spec:
        """The Spec; problems are in `self.c.problems`."""
        top = self.c.mapping(self.root, "", TOP_KEYS, "a mapping of spec keys") or {}
        name = self.stem
        if "name" in top:
            value = self.c.string(top["name"], "name")
            name = name if value is BAD else value
        page = self.page(top)
        grid = self.grid(top)
        fonts = self.fonts(top)
        styles = self.styles(top, fonts)
        masthead = self.masthead(top)
        spec = Spec(
            name=name, page=page, grid=grid, fonts=fonts,
            face_files=MappingProxyType(dict(self.face_files)), styles=styles, masthead=masthead,
            footer=self.footer(top), running_head=self.running_head(top),
            jumps=self.jumps(top), rules=self.rules(top), typography=self.typography(top),
            placement=self.placement(top, grid.columns), epub=self.epub(top),
            traditional_words=self.traditional_words(top),
        )
        return self.cross_check(spec)

    # -- page and grid -----------------------------------------------------------------

    def page(self, top: Mapping[str, Node]) -> PageSpec:
        e = self.section(top, "page", ("size", "width", "height", "margins"))
        kw: dict[str, Any] = {}
        if "size" in e:
            size = e["size"]
            if size.kind == "map":
                dims = self.c.mapping(size, "page.size", ("width", "height")) or {}
                for side in ("width", "height"):
                    if side not in dims:
                        self.c.error(size.where, "page.size", f"missing key `{side}`",
                                     units.paper_hint())
                    else:
                        _set(kw, side, self.c.length(dims[side], f"page.size.{side}",
                                                     positive=True))
            else:
                paper = self.c.unit(size, "page.size", units.parse_paper)
                if paper is not BAD:
                    kw["width"], kw["height"] = paper
        for side in ("width", "height"):  # explicit width/height win over a named size
            if side in e:
                _set(kw, side, self.c.length(e[side], f"page.{side}", positive=True))
        if "margins" in e:
            kw.update(self.margins(e["margins"]))
        return PageSpec(**kw)

    def margins(self, node: Node) -> dict[str, float]:
        kw: dict[str, Any] = {}
        if node.kind == "map":
            sides = self.c.mapping(node, "page.margins", _MARGIN_SIDES) or {}
            for side, value in sides.items():
                _set(kw, f"margin_{side}", self.c.length(value, f"page.margins.{side}"))
            return kw
        value = self.c.length(node, "page.margins")
        if value is not BAD:
            kw = {f"margin_{side}": value for side in _MARGIN_SIDES}
        return kw

    def grid(self, top: Mapping[str, Node]) -> GridSpec:
        e = self.section(top, "grid", ("columns", "gutter", "body_size", "leading",
                                       "char_grid", "column_chars"))
        kw: dict[str, Any] = {}
        if "body_size" in e:
            _set(kw, "body_size", self.c.font_size(e["body_size"], "grid.body_size"))
        em = kw.get("body_size", GridSpec().body_size)
        if "columns" in e:
            _set(kw, "columns", self.c.integer(e["columns"], "grid.columns"))
        if "gutter" in e:
            _set(kw, "gutter", self.c.length(e["gutter"], "grid.gutter", em=em))
        if "leading" in e:
            _set(kw, "leading", self.c.length(e["leading"], "grid.leading", em=em,
                                              positive=True))
        if "char_grid" in e:
            _set(kw, "char_grid", self.c.boolean(e["char_grid"], "grid.char_grid"))
        if "column_chars" in e:
            _set(kw, "column_chars", self.c.integer(e["column_chars"], "grid.column_chars",
                                                    nullable=True))
        return GridSpec(**kw)

    # -- fonts and styles --------------------------------------------------------------

    def fonts(self, top: Mapping[str, Node]) -> Mapping[str, tuple[str, ...]]:
        if "fonts" not in top:
            return MappingProxyType({})
        node = top["fonts"]
        self.nodes["fonts"] = node
        if node.kind != "map":
            self.c.expected(node, "fonts", "a mapping of font role to face names")
            return MappingProxyType({})
        roles: dict[str, tuple[str, ...]] = {}
        for role, value in node.entries.items():
            path = f"fonts.{role}"
            items = value.items if value.kind == "seq" else [value]
            faces: list[str] = []
            for index, item in enumerate(items):
                item_path = f"{path}[{index}]" if value.kind == "seq" else path
                face = self.c.string(item, item_path)
                if face is BAD:
                    continue
                if names_a_file(face):
                    face = self.face_file(item, item_path, face)
                    if face is not BAD:
                        faces.append(face)
                    continue
                if self.faces is not None and face not in self.faces:
                    close = suggest(face, self.faces)
                    hint = (f"did you mean `{close}`?" if close
                            else "faces in fonts/fonts.yaml: " + ", ".join(sorted(self.faces)))
                    self.c.error(item.where, item_path, f"unknown font face `{face}`", hint)
                    continue
                faces.append(face)
            if value.kind == "seq" and not value.items:
                self.c.expected(value, path, "at least one face name")
            roles[role] = tuple(faces)
        return MappingProxyType(roles)

    def traditional_words(self, top: Mapping[str, Node]) -> Mapping[str, str]:
        """The default words' Traditional forms, with the spec's added or overriding."""
        if "traditional_words" not in top:
            return TRADITIONAL_WORDS
        words = dict(TRADITIONAL_WORDS)
        node = self.nodes["traditional_words"] = top["traditional_words"]
        if node.kind != "map":
            self.c.expected(node, "traditional_words", "a mapping of words to their Traditional form")
            return TRADITIONAL_WORDS
        for word, value in node.entries.items():
            path = f"traditional_words.{word}"
            text = self.c.string(value, path)
            if text is BAD:
                continue
            hint = "a template's `{fields}` are the issue's text, never reworded"
            if not word.strip() or "{" in word or "}" in word:
                self.c.error(node.key_where[word], path, "expected a word of the templates' text, "
                             f"found `{word}`", hint)
                continue
            if "{" in text or "}" in text:
                self.c.expected(value, path, "words without braces", hint)
                continue
            words[word] = text
        return MappingProxyType(words)

    def face_file(self, item: Node, path: str, entry: str) -> Any:
        """The face name of a font file a role chain names (relative to the spec file
        that names it), or BAD with the problem reported."""
        file = Path(item.where.file).parent / entry
        problem = file_problem(file)
        if problem is not None:
            self.c.error(item.where, path, problem[0], problem[1])
            return BAD
        name = face_name(file)
        known = self.face_files.get(name)
        if (known is not None and known.resolve() != file.resolve()) or (
                self.faces is not None and name in self.faces):
            self.c.error(item.where, path, f"the face name `{name}` (the file's name) is "
                         "already another face's", "rename the file")
            return BAD
        self.face_files[name] = file
        return name

    def styles(self, top: Mapping[str, Node], fonts: Mapping[str, tuple[str, ...]]
               ) -> Mapping[str, Style]:
        styles = dict(_default_styles())
        entries = self.section(top, "styles", STYLE_KEYS)
        roles = tuple(fonts) if fonts else BASE_ROLES
        for key, node in entries.items():
            styles[key] = self.style(node, f"styles.{key}", styles[key], roles)
        if fonts:
            missing: dict[str, list[str]] = {}
            for key, style in styles.items():
                if style.role not in fonts and key not in entries:
                    missing.setdefault(style.role, []).append(f"styles.{key}")
            for role, users in missing.items():
                self.c.error(self.node("fonts").where, "fonts",
                             f"missing role `{role}`, used by {', '.join(users)}",
                             f"add `{role}: [face, ...]` or set those styles' role")
        return MappingProxyType(styles)

    def style(self, node: Node, path: str, base: Style, roles: tuple[str, ...]) -> Style:
        e = self.c.mapping(node, path, STYLE_FIELDS)
        if e is None:
            return base
        kw: dict[str, Any] = {}
        role_node = e.get("role")
        if role_node is not None:
            _set(kw, "role", self.c.string(role_node, f"{path}.role"))
        if "size" in e:
            _set(kw, "size", self.c.font_size(e["size"], f"{path}.size"))
        size = kw.get("size", base.size)
        if "color" in e:
            _set(kw, "color", self.c.color(e["color"], f"{path}.color"))
        if "align" in e:
            _set(kw, "align", self.c.enum(e["align"], f"{path}.align", Align))
        if "leading" in e:
            _set(kw, "leading", self.c.length(e["leading"], f"{path}.leading", em=size,
                                              positive=True, nullable=True))
        if "indent" in e:
            indent = self.c.length(e["indent"], f"{path}.indent", em=1.0)
            _set(kw, "indent_em", indent)  # a bare number means em here
        for key in ("space_before", "space_after"):
            if key in e:
                _set(kw, key, self.c.length(e[key], f"{path}.{key}", em=size))
        role = kw.get("role", base.role)
        if "weight" in e:
            weight = self.c.choice(e["weight"], f"{path}.weight", {"normal": 0, "bold": 1})
            if weight is not BAD:
                plain = role.removesuffix("-bold")
                role = f"{plain}-bold" if weight else plain
                if role not in roles:
                    self.c.error(e["weight"].where, f"{path}.weight",
                                 f"no bold face for role `{plain}`" if weight
                                 else f"no regular face for role `{plain}-bold`",
                                 f"roles: {', '.join(roles)}")
                    role = base.role
                kw["role"] = role
        elif role_node is not None and "role" in kw and role not in roles:
            close = suggest(role, roles)
            self.c.error(role_node.where, f"{path}.role",
                         f"expected a font role ({', '.join(roles)}), found "
                         f"{role_node.describe()}",
                         f"did you mean `{close}`?" if close else None)
            del kw["role"]
        style = replace(base, **kw)
        if style.leading is not None and style.leading < style.size and "leading" in e:
            self.c.error(e["leading"].where, f"{path}.leading",
                         f"expected a leading ≥ the size {style.size:g}pt, "
                         f"found {style.leading:g}pt")
        return style

    # -- masthead, footer, running head ------------------------------------------------

    def masthead(self, top: Mapping[str, Node]) -> MastheadSpec:
        e = self.section(top, "masthead", ("enabled", "position", "columns", "height", "name",
                                           "ear", "rule_below", "color"))
        kw: dict[str, Any] = {}
        if "enabled" in e:
            _set(kw, "enabled", self.c.boolean(e["enabled"], "masthead.enabled"))
        if "position" in e:
            _set(kw, "position", self.c.choice(e["position"], "masthead.position",
                                               {"left": "left", "center": "center"}))
        if "columns" in e:
            _set(kw, "columns", self.c.integer(e["columns"], "masthead.columns"))
        if "height" in e:
            _set(kw, "height", self.c.length(e["height"], "masthead.height", positive=True))
        if "name" in e:
            _set(kw, "name", self.c.string(e["name"], "masthead.name", nullable=True))
        if "rule_below" in e:
            _set(kw, "rule_below", self.c.length(e["rule_below"], "masthead.rule_below"))
        if "color" in e:
            _set(kw, "color", self.c.color(e["color"], "masthead.color"))
        if "ear" in e:
            _set(kw, "ear", self.ear(e["ear"]))
        return MastheadSpec(**kw)

    def ear(self, node: Node) -> Any:
        if node.kind != "seq":
            return self.c.expected(node, "masthead.ear", "a list of templates")
        lines: list[EarLine] = []
        for index, item in enumerate(node.items):
            path = f"masthead.ear[{index}]"
            if item.kind == "scalar":
                template = self.c.template(item, path)
                if template is not BAD:
                    lines.append(EarLine(template))
                continue
            e = self.c.mapping(item, path, ("template", "style"),
                               "a template or a mapping {template, style}")
            if e is None:
                continue
            if "template" not in e:
                self.c.error(item.where, path, "missing key `template`")
                continue
            template = self.c.template(e["template"], f"{path}.template")
            style = "masthead_ear"
            if "style" in e:
                style = self.c.choice(e["style"], f"{path}.style", {k: k for k in STYLE_KEYS})
            if template is not BAD and style is not BAD:
                lines.append(EarLine(template, style))
        return tuple(lines)

    def footer(self, top: Mapping[str, Node]) -> FooterSpec:
        e = self.section(top, "footer", ("template", "rule_above", "rule_below", "height"))
        kw: dict[str, Any] = {}
        if "template" in e:
            _set(kw, "template", self.c.template(e["template"], "footer.template"))
        for key in ("rule_above", "rule_below"):
            if key in e:
                _set(kw, key, self.c.length(e[key], f"footer.{key}"))
        if "height" in e:
            _set(kw, "height", self.c.length(e["height"], "footer.height"))
        return FooterSpec(**kw)

    def running_head(self, top: Mapping[str, Node]) -> RunningHeadSpec:
        e = self.section(top, "running_head", ("enabled", "template", "rule_below", "height"))
        kw: dict[str, Any] = {}
        if "enabled" in e:
            _set(kw, "enabled", self.c.boolean(e["enabled"], "running_head.enabled"))
        if "template" in e:
            _set(kw, "template", self.c.template(e["template"], "running_head.template"))
        if "rule_below" in e:
            _set(kw, "rule_below", self.c.length(e["rule_below"], "running_head.rule_below"))
        if "height" in e:
            _set(kw, "height", self.c.length(e["height"], "running_head.height"))
        return RunningHeadSpec(**kw)

    def jumps(self, top: Mapping[str, Node]) -> JumpsSpec:
        e = self.section(top, "jumps", ("continued_to", "continued_from"))
        kw: dict[str, Any] = {}
        for key in ("continued_to", "continued_from"):
            if key in e:
                _set(kw, key, self.c.template(e[key], f"jumps.{key}", fields=JUMP_FIELDS,
                                              nullable=True))
        return JumpsSpec(**kw)

    # -- rules, typography, placement, epub --------------------------------------------

    def rules(self, top: Mapping[str, Node]) -> RulesSpec:
        e = self.section(top, "rules", ("between_articles", "color"))
        kw: dict[str, Any] = {}
        if "between_articles" in e:
            _set(kw, "between_articles",
                 self.c.length(e["between_articles"], "rules.between_articles"))
        if "color" in e:
            _set(kw, "color", self.c.color(e["color"], "rules.color"))
        return RulesSpec(**kw)

    def typography(self, top: Mapping[str, Node]) -> TypographySpec:
        e = self.section(top, "typography", ("punctuation", "forms", "hanging", "no_orphan",
                                             "hyphenate"))
        kw: dict[str, Any] = {}
        if "punctuation" in e:
            _set(kw, "punctuation", self.c.enum(e["punctuation"], "typography.punctuation",
                                                Punctuation))
        if "forms" in e:
            _set(kw, "forms", self.c.enum(e["forms"], "typography.forms", Forms))
        for key in ("hanging", "no_orphan", "hyphenate"):
            if key in e:
                _set(kw, key, self.c.boolean(e[key], f"typography.{key}"))
        return TypographySpec(**kw)

    def placement(self, top: Mapping[str, Node], columns: int) -> PlacementSpec:
        e = self.section(top, "placement", ("lead_columns", "paper", "date", "articles"))
        kw: dict[str, Any] = {}
        if "lead_columns" in e:
            _set(kw, "lead_columns", self.c.integer(e["lead_columns"], "placement.lead_columns",
                                                    1, columns, nullable=True))
        if "paper" in e:
            _set(kw, "paper", self.c.string(e["paper"], "placement.paper", nullable=True))
        if "date" in e:
            _set(kw, "date", self.c.iso_date(e["date"], "placement.date"))
        if "articles" in e:
            node = e["articles"]
            if node.kind != "seq":
                self.c.expected(node, "placement.articles", "a list of placements")
            else:
                seen: dict[tuple[int, int], Where] = {}
                items = [self.article(item, f"placement.articles[{i}]", columns, seen)
                         for i, item in enumerate(node.items)]
                kw["articles"] = tuple(item for item in items if item is not None)
        return PlacementSpec(**kw)

    def article(self, node: Node, path: str, columns: int,
                seen: dict[tuple[int, int], Where]) -> ArticlePlacement | None:
        e = self.c.mapping(node, path, ("page", "article", "columns", "start_column", "order"))
        if e is None:
            return None
        kw: dict[str, Any] = {}
        for key in ("page", "article"):
            if key not in e:
                self.c.error(node.where, path, f"missing key `{key}`")
            else:
                _set(kw, key, self.c.integer(e[key], f"{path}.{key}"))
        for key in ("columns", "start_column"):
            if key in e:
                _set(kw, key, self.c.integer(e[key], f"{path}.{key}", 1, columns, nullable=True))
        if "order" in e:
            _set(kw, "order", self.c.integer(e["order"], f"{path}.order", nullable=True))
        if "page" not in kw or "article" not in kw:
            return None
        placed = ArticlePlacement(**kw)
        slot = (placed.page, placed.article)
        if slot in seen:
            self.c.error(node.where, path, f"duplicate placement of page {slot[0]} article "
                         f"{slot[1]} (first at line {seen[slot].line})")
            return None
        seen[slot] = node.where
        if placed.columns and placed.start_column:
            last = placed.start_column + placed.columns - 1
            if last > columns:
                self.c.error(e["columns"].where, f"{path}.columns",
                             f"expected at most {columns - placed.start_column + 1} columns "
                             f"from column {placed.start_column}, found {placed.columns}",
                             f"the grid has {columns} columns")
                return None
        return placed

    def epub(self, top: Mapping[str, Node]) -> EpubSpec:
        e = self.section(top, "epub", ("vertical", "embed_fonts", "font_format"))
        kw: dict[str, Any] = {}
        for key in ("vertical", "embed_fonts"):
            if key in e:
                _set(kw, key, self.c.boolean(e[key], f"epub.{key}"))
        if "font_format" in e:
            _set(kw, "font_format", self.c.enum(e["font_format"], "epub.font_format", FontFormat))
        return EpubSpec(**kw)

    # -- cross-field -------------------------------------------------------------------

    def cross_check(self, spec: Spec) -> Spec:
        """Checks that need several keys; fills grid.column_chars when char_grid."""
        page, grid = spec.page, spec.grid
        if spec.text_width <= 0 or spec.text_height <= 0:
            where = self.node("page.margins", "page.size", "page").where
            self.c.error(where, "page.margins", "expected margins that leave a positive text "
                         f"area, found {spec.text_width:g}pt × {spec.text_height:g}pt",
                         f"the page is {page.width:g}pt × {page.height:g}pt")
            return spec
        if grid.leading < grid.body_size:
            self.c.error(self.node("grid.leading", "grid.body_size", "grid").where, "grid.leading",
                         f"expected a leading ≥ the body size {grid.body_size:g}pt, "
                         f"found {grid.leading:g}pt")
        for name, style in spec.styles.items():  # a line of it, with its spaces, on a page
            tall = style.space_before + style.line_height + style.space_after
            if tall > spec.text_height:  # named where the largest of the three is set
                node = self.node(f"styles.{name}", "styles")
                parts = {"space_before": style.space_before, "leading": style.line_height,
                         "space_after": style.space_after}
                key = max((k for k in parts if k in node.entries), key=parts.__getitem__,
                          default=None)
                self.c.error(node.entries[key].where if key else node.where,
                             f"styles.{name}" + (f".{key}" if key else ""),
                             f"expected a style whose line with its spaces fits the text area "
                             f"({spec.text_height:g}pt tall), found {tall:g}pt",
                             "space_before + leading + space_after")
        m = spec.masthead
        if m.enabled and m.position == "left" and m.columns > grid.columns:
            self.c.error(self.node("masthead.columns", "grid.columns", "masthead").where,
                         "masthead.columns", f"expected at most grid.columns ({grid.columns}), "
                         f"found {m.columns}",
                         None if "masthead.columns" in self.nodes else
                         f"masthead.columns is {m.columns} by default: set it, "
                         "or set masthead.position: center")
        gutters = (grid.columns - 1) * grid.gutter
        fit = math.floor((spec.text_width - gutters) / (grid.columns * grid.body_size) + 1e-9)
        if not grid.char_grid:
            return spec
        body = spec.styles["body"]
        if abs(body.size - grid.body_size) > 1e-6:
            self.c.error(self.node("grid.body_size", "styles.body", "grid").where, "styles.body.size",
                         f"expected the grid's body size {grid.body_size:g}pt on a character grid, "
                         f"found {body.size:g}pt",
                         "give styles.body the size of grid.body_size, or set grid.char_grid: false")
        if grid.column_chars is not None:
            need = grid.columns * grid.column_chars * grid.body_size + gutters
            if need > spec.text_width + 1e-6:
                self.c.error(self.node("grid.column_chars").where, "grid.column_chars",
                             f"expected columns that fit the text width {spec.text_width:g}pt, "
                             f"found {grid.columns} × {grid.column_chars} × "
                             f"{grid.body_size:g}pt + gutters = {need:g}pt",
                             f"at most {fit} characters per column fit"
                             if fit >= 1 else "fewer columns or a smaller gutter")
            return spec
        if fit < 1:
            self.c.error(self.node("grid.columns", "grid").where, "grid.columns",
                         f"expected columns at least one character wide, found {grid.columns} "
                         f"columns in {spec.text_width:g}pt", "fewer columns or a smaller gutter")
            return spec
        return replace(spec, grid=replace(grid, column_chars=fit))
