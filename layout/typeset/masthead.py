"""Page furniture: the front page's 报头 and 报眼, the 报眉 of inside pages, the footer.

In: the spec, the page grid, a `Setter`, and the template values of the page (from
`layout.spec.template.template_values`). Out: `Furniture` — rows taken at the top
and foot of the 版心, and the lines and rules to draw (cjk-typography §6: the
masthead band only on page 1, the running head never on page 1, the footer on all).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from collections.abc import Mapping, Sequence

from layout.spec.schema import Align, Spec, Style
from layout.spec.template import fill_template
from layout.typeset.blocks import Setter
from layout.typeset.columns import Grid, baseline_offset
from layout.typeset.placed import Line, PlacedLine, Rule

Values = Mapping[str, str | None]
FIELD_GAP = "\u3000"  # the gap between a template's fields (年月日　星期五　农历…)


@dataclass(frozen=True, slots=True)
class Furniture:
    """What the page's furniture takes and draws."""

    top_rows: int
    foot_rows: int
    lines: tuple[PlacedLine, ...] = ()
    rules: tuple[Rule, ...] = ()


def _stack(setter: Setter, texts: Sequence[tuple[str, Style]], x: float, top: float,
           width: float, align: Align | None = None) -> tuple[list[PlacedLine], float]:
    """Set texts one under another from `top`; returns the lines and the end y."""
    out: list[PlacedLine] = []
    y = top
    for text, style in texts:
        for line in _set_fields(setter, text, style, width, align):
            step = style.line_height
            out.append(PlacedLine(x, y + baseline_offset(style.size, step), line))
            y += step
    return out, y


def _set_fields(setter: Setter, text: str, style: Style, width: float,
                align: Align | None) -> tuple[Line, ...]:
    """`text` set at `width`; one too long for a line breaks between its fields (the
    parts `FIELD_GAP` separates) rather than inside one, so 农历癸卯年正月二十七 stays
    whole, unless that takes more lines: the band's height is fixed."""
    lines = setter([(text, style.role)], style, width, align=align)
    fields = text.split(FIELD_GAP)
    if len(lines) < 2 or len(fields) < 2:
        return lines
    chunks, current = [], fields[0]
    for field in fields[1:]:
        joined = current + FIELD_GAP + field
        if len(setter([(joined, style.role)], style, width, align=align)) == 1:
            current = joined
        else:
            chunks.append(current)
            current = field
    chunks.append(current)
    by_field = tuple(line for chunk in chunks
                     for line in setter([(chunk, style.role)], style, width, align=align))
    return by_field if len(by_field) <= len(lines) else lines


def _shift(lines: Sequence[PlacedLine], dy: float) -> list[PlacedLine]:
    return [p._replace(baseline=p.baseline + dy) for p in lines]


def masthead(spec: Spec, grid: Grid, setter: Setter, values: Values) -> tuple[int, list[PlacedLine], list[Rule]]:
    """The 报头 band: the paper's name big, ear lines beside it, a rule below."""
    ms = spec.masthead
    rows = max(2, grid.rows_for(ms.height))
    band_top, band_bottom = grid.row_y(0), grid.row_y(rows - 1) + grid.leading / 2
    name = ms.name or values.get("paper") or ""
    ear = [fill_template(e.template, values) for e in ms.ear]
    ear_styled = [(t, spec.styles[e.style]) for t, e in zip(ear, ms.ear) if t]
    half = (len(ear_styled) + 1) // 2
    left_ear, right_ear = ear_styled[:half], ear_styled[half:]
    cols = grid.columns
    lines: list[PlacedLine] = []
    name_style = spec.styles["masthead_name"]
    band = band_bottom - band_top
    if ms.position == "center":
        # The name sits in the middle of the full width; the ears take what is left
        # on either side, so they can never run under the name.
        total = grid.span_width(cols)
        size = min(name_style.size, total * 0.5 / max(1, len(name)), band * 0.8)
        ear_w = max(grid.span_width(1) / 2, (total - size * len(name) * 1.1) / 2 - grid.gutter)
        blocks = [(left_ear, grid.column_x(0), ear_w, Align.LEFT),
                  (right_ear, grid.column_x(0) + total - ear_w, ear_w, Align.RIGHT)]
        name_x, name_w = grid.column_x(0), total
    else:
        span = max(1, min(ms.columns, cols - 1))
        rest = cols - span
        ear_cols = max(1, min(3, rest // 2 + 1))
        ear_w = grid.span_width(ear_cols)
        blocks = [(left_ear, grid.column_x(span), ear_w, Align.LEFT),
                  (right_ear, grid.column_x(cols) - grid.gutter - ear_w, ear_w, Align.RIGHT)]
        name_x, name_w = grid.column_x(0), grid.span_width(span)
        size = min(name_style.size, name_w / max(1, len(name)) * 0.95, band * 0.8)
    if name:
        style = dataclasses.replace(name_style, size=size, leading=size * 1.2)
        placed, end = _stack(setter, [(name, style)], name_x, band_top, name_w)
        lines += _shift(placed, (band - (end - band_top)) / 2)
    for texts, x, width, align in blocks:
        placed, end = _stack(setter, texts, x, band_top, width, align)
        lines += _shift(placed, (band_bottom - band_top - (end - band_top)) / 2)
    rules = []
    if ms.rule_below > 0:
        rules.append(Rule(grid.column_x(0), band_bottom, grid.column_x(cols) - grid.gutter,
                          band_bottom, ms.rule_below, ms.color))
    return rows, lines, rules


def running_head(spec: Spec, grid: Grid, setter: Setter, values: Values) -> tuple[int, list[PlacedLine], list[Rule]]:
    """The 报眉: date, 第N版, section, with a rule below."""
    rh = spec.running_head
    rows = max(1, grid.rows_for(rh.height))
    text = fill_template(rh.template, values)
    style = spec.styles["running_head"]
    right = grid.column_x(grid.columns) - grid.gutter
    width = right - grid.left
    lines, _ = _stack(setter, [(text, style)] if text else [], grid.left, grid.row_y(0), width)
    paper = spec.masthead.name or values.get("paper")  # the name the 报头 shows
    if paper:
        more, _ = _stack(setter, [(paper, style)], grid.left, grid.row_y(0), width, Align.RIGHT)
        lines += more
    y = grid.row_y(rows) - grid.leading / 2
    rules = [Rule(grid.left, y, right, y, rh.rule_below)] if rh.rule_below > 0 else []
    return rows, lines, rules


def footer(spec: Spec, grid: Grid, setter: Setter, values: Values) -> tuple[int, list[PlacedLine], list[Rule]]:
    """The page foot: the footer template over this page's Footer, a rule above."""
    ft = spec.footer
    rows = max(1, grid.rows_for(ft.height))
    style = spec.styles["footer"]
    right = grid.column_x(grid.columns) - grid.gutter
    top_row = grid.rows - rows
    text = fill_template(ft.template, values)
    page_no = values.get("page")
    lines, _ = _stack(setter, [(text, style)] if text else [], grid.left,
                      grid.row_y(top_row + rows - 1) + (grid.leading - style.line_height) / 2,
                      right - grid.left)
    if page_no:
        more, _ = _stack(setter, [(f"第{page_no}版", style)], grid.left,
                         grid.row_y(top_row + rows - 1) + (grid.leading - style.line_height) / 2,
                         right - grid.left, Align.RIGHT)
        lines += more
    rules = []
    y = grid.row_y(top_row) + grid.leading / 2
    if ft.rule_above > 0:
        rules.append(Rule(grid.left, y, right, y, ft.rule_above))
    if ft.rule_below > 0:
        yb = grid.row_y(grid.rows)
        rules.append(Rule(grid.left, yb, right, yb, ft.rule_below))
    return rows, lines, rules


def furniture(spec: Spec, grid: Grid, setter: Setter, values: Values, number: int) -> Furniture:
    """All the furniture of printed page `number`."""
    lines: list[PlacedLine] = []
    rules: list[Rule] = []
    top = 0
    if number == 1 and spec.masthead.enabled:
        top, more, more_rules = masthead(spec, grid, setter, values)
        lines += more
        rules += more_rules
    elif number > 1 and spec.running_head.enabled:
        top, more, more_rules = running_head(spec, grid, setter, values)
        lines += more
        rules += more_rules
    foot, more, more_rules = footer(spec, grid, setter, values)
    return Furniture(top, foot, tuple(lines + more), tuple(rules + more_rules))
