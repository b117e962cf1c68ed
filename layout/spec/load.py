"""`load_spec(path) -> Spec`: read a YAML layout spec, resolve `extends`, validate.

In: the path of a spec file. Out: a `Spec` with every length in points, or one
`SpecError` listing every problem as `file:line:col: error: key.path: ...` (house
style § 4). `extends: other.yaml` (relative to the file) inherits a parent spec:
mappings merge deeply, anything else (lists included) the child replaces; a child
`page.size` drops the parent's `page.width`/`page.height`. Problems inside a parent
point at the parent's file. Font face names are checked against the `faces` of
`fonts/fonts.yaml` when that manifest exists.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import yaml

from layout.errors import SpecError
from layout.spec.nodes import Node, Problem, Where, compose_text
from layout.spec.schema import Spec
from layout.spec.validate import SpecBuilder

from layout.spec import FONT_MANIFEST

MAX_EXTENDS_DEPTH = 16
_manifest_cache: dict[Path, tuple[float, frozenset[str] | None]] = {}


def font_faces(manifest: Path | None) -> frozenset[str] | None:
    """The face names (`faces` keys) of a font manifest; None if absent or unreadable."""
    if manifest is None:
        return None
    try:
        mtime = manifest.stat().st_mtime
    except OSError:
        return None
    cached = _manifest_cache.get(manifest)
    if cached is not None and cached[0] == mtime:
        return cached[1]
    faces: frozenset[str] | None = None
    try:
        data = yaml.load(manifest.read_text(encoding="utf-8"),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if isinstance(data, dict) and isinstance(data.get("faces"), dict):
            faces = frozenset(str(key) for key in data["faces"])
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        faces = None  # the manifest is not ours to report on; skip the check
    _manifest_cache[manifest] = (mtime, faces)
    return faces


def _read(path: Path, file: str, problems: list[Problem]) -> Node | None:
    """One file's node tree, or None after recording why not."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(Where(file, 1, 1), "", "file not found"))
        return None
    except IsADirectoryError:
        problems.append(Problem(Where(file, 1, 1), "", "expected a file, found a directory"))
        return None
    except OSError as error:
        problems.append(Problem(Where(file, 1, 1), "", f"cannot read: {error.strerror}"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(Problem(Where(file, line, col), "",
                                f"expected UTF-8 text, found byte 0x{data[error.start]:02x}"))
        return None
    return compose_text(text, file, problems)


def merge(parent: Node, child: Node, path: str = "") -> Node:
    """Deep-merge two mapping trees: child wins; mappings merge; lists replace.

    A child's `page.size` drops the parent's `page.width` / `page.height`, and a
    child style's `role` drops the parent style's `weight`.
    """
    if parent.kind != "map" or child.kind != "map":
        return child
    merged = Node("map", child.where)
    dropped = _superseded(path, child)
    for key, value in parent.entries.items():
        if key not in dropped:
            merged.entries[key] = value
            merged.key_where[key] = parent.key_where[key]
    for key, value in child.entries.items():
        if key in merged.entries:
            value = merge(merged.entries[key], value, f"{path}.{key}" if path else key)
        merged.entries[key] = value
        merged.key_where[key] = child.key_where[key]
    return merged


def _superseded(path: str, child: Node) -> set[str]:
    """Parent keys that a child's key makes meaningless."""
    if path == "page" and "size" in child.entries:
        return {"width", "height"} - set(child.entries)
    if path.startswith("styles.") and "role" in child.entries:
        return {"weight"} - set(child.entries)
    return set()


def _display(path: Path) -> str:
    return os.path.normpath(str(path))


def _resolve(path: Path, file: str, chain: list[tuple[Path, str]],
             problems: list[Problem], read: list[Path] | None = None) -> Node | None:
    """The node tree of `path` with its `extends` chain merged in; `read` collects
    the files read."""
    node = _read(path, file, problems)
    if node is not None and read is not None:
        read.append(path)
    if node is None or node.kind != "map" or "extends" not in node.entries:
        return node
    ext = node.entries.pop("extends")
    node.key_where.pop("extends")
    if ext.kind != "scalar" or not isinstance(ext.value, str) or not ext.value.strip():
        problems.append(Problem(ext.where, "extends",
                                f"expected a spec file name, found {ext.describe()}"))
        return node
    parent_path = path.parent / ext.value
    parent_file = _display(Path(file).parent / ext.value)
    real = parent_path.resolve()
    reals = [real_path for real_path, _name in chain]
    if real in reals:
        names = [name for _real, name in chain[reals.index(real):]]
        cycle = " -> ".join(names + [parent_file])
        problems.append(Problem(ext.where, "extends", f"cycle: {cycle}",
                                "a spec cannot extend itself, directly or through others"))
        return node
    if len(chain) >= MAX_EXTENDS_DEPTH:
        problems.append(Problem(ext.where, "extends",
                                f"expected at most {MAX_EXTENDS_DEPTH} levels of extends, "
                                "found more"))
        return node
    if not parent_path.is_file():
        problems.append(Problem(ext.where, "extends",
                                f"expected an existing spec file, found {ext.describe()}",
                                f"looked for {parent_file}"))
        return node
    parent = _resolve(parent_path, parent_file, chain + [(real, parent_file)], problems, read)
    if parent is None or parent.kind != "map":
        return node
    return merge(parent, node)


def load_spec(path: Path | str, *, font_manifest: Path | None = FONT_MANIFEST) -> Spec:
    """Load, merge and validate a layout spec; raise SpecError with every problem.

    `font_manifest` names the fonts manifest whose `faces` keys are the accepted face
    names; None (or a missing file) accepts any name.
    """
    path = Path(path)
    file = _display(path)
    problems: list[Problem] = []
    read: list[Path] = []
    root = _resolve(path, file, [(path.resolve(), file)], problems, read)
    spec: Spec | None = None
    if root is not None:
        builder = SpecBuilder(root, path.stem, font_faces(font_manifest))
        spec = builder.build()
        problems.extend(builder.c.problems)
    if problems or spec is None:
        raise SpecError(_ordered(problems, file))
    return replace(spec, source=path, files=tuple(read))


def _ordered(problems: list[Problem], main: str) -> list[str]:
    """Problems sorted by file (the loaded file first), line and column, de-duplicated."""
    order: dict[str, int] = {main: 0}
    for problem in problems:
        order.setdefault(problem.where.file, len(order))
    ranked = sorted(problems, key=lambda p: (order[p.where.file], p.where.line, p.where.col))
    out: list[str] = []
    for problem in ranked:
        text = problem.format()
        if text not in out:
            out.append(text)
    return out
