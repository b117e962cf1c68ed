"""typeset stage: Issue + Spec + Metrics -> placed pages.

`typeset(issue, spec, metrics)` makes up every page (modular layout on the spec's
column grid, see `placement` and `page`) and returns a `Typeset`: the placed pages
(only the printed pages asked for with `pages=`, but paginated exactly as a full
run), the page breaks in reading order for the EPUB, one `Placement` per article
block, and warnings. `typesetting(...)` is the same run as a stream: pages come one
at a time, for a renderer to draw and drop. `plan` returns the placements alone;
`format_plan` prints them (`export.py pdf --plan`).
"""

from __future__ import annotations

import layout.typeset.native  # noqa: F401 - first: a stale compiled build must not load
from layout.model import Issue
from layout.spec.schema import Spec
from layout.typeset.blocks import Setter, compose_setter
from layout.typeset.records import Placement, Typeset
from layout.typeset.stream import Finish, Typesetting

__all__ = ["Placement", "Typeset", "Typesetting", "format_plan", "plan", "typeset",
           "typesetting"]

_MM = 25.4 / 72


def run(issue: Issue, spec: Spec, setter: Setter, *,
        pages: set[int] | None = None, draw: bool = True) -> Typeset:
    """`typeset` with the line composer given as a `Setter` (tests pass a fake)."""
    return Typesetting(issue, spec, setter, pages=pages, draw=draw).result()


def typeset(issue: Issue, spec: Spec, metrics: object, *,
            pages: set[int] | None = None) -> Typeset:
    """Make up the issue's pages with the real composer over `metrics`."""
    return run(issue, spec, compose_setter(spec, metrics), pages=pages)


def typesetting(issue: Issue, spec: Spec, metrics: object, *,
                pages: set[int] | None = None, draw: bool = True,
                jobs: int = 1, finish: Finish | None = None,
                stop_early: bool = False) -> Typesetting:
    """`typeset` as a stream of pages (see `Typesetting`); `draw=False` only paginates
    (the EPUB needs the page breaks, not the drawn pages); `jobs=2` makes the later
    pages ahead in a second process (see `parallel`); `finish` is applied to each
    drawn page in the process that made it; `stop_early` ends the walk with the last
    page of `pages` (see `stream`)."""
    return Typesetting(issue, spec, compose_setter(spec, metrics, runs=draw), pages=pages,
                       draw=draw, jobs=jobs, finish=finish, stop_early=stop_early)


def plan(issue: Issue, spec: Spec, metrics: object) -> tuple[Placement, ...]:
    """Only the placements (pagination without drawing the pages)."""
    return run(issue, spec, compose_setter(spec, metrics, runs=False), draw=False).placements


def format_plan(ts: Typeset | Typesetting) -> str:
    """One line per placement: page, columns, top and bottom in mm, title."""
    rows = []
    for p in ts.placements:
        cols = f"{p.first_column}-{p.first_column + p.columns - 1}"
        mark = "（续）" if p.continued else ""
        rows.append(f"第{p.page}版  栏 {cols:<5}  {p.top * _MM:6.1f}–{p.bottom * _MM:6.1f} mm"
                    f"  [{p.article}] {p.title}{mark}")
    return "\n".join(rows) + ("\n" if rows else "")
