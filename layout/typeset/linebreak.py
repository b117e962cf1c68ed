"""The paragraph composer: styled text + measure + metrics -> justified `Line`s.

Pure Python, no PDF library. Steps (clreq § Line Adjustment and § Prohibition Rules):
1. `lb_atoms.build_atoms`: atoms with class widths, compressed adjacent marks
   (compression is decided before breaking, because it moves the break);
2. `break_lines`: greedy first fit; at a prohibited break, hang (option), push in
   (shrink) if the line can take it, else push out (expand); then the orphan rule;
3. `lb_runs.set_line`: per line, shrink or expand in clreq order and emit runs.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple
from collections.abc import Sequence

from layout.typeset import cjk, lb_fit
from layout.typeset.lb_atoms import Atoms, StyledText, build_atoms, faces_for
from layout.typeset.lb_runs import set_line
from layout.typeset.measure import Metrics
from layout.typeset.placed import Line

__all__ = ["AtomsCache", "StyledText", "ComposeOptions", "compose", "grid_measure",
           "break_lines"]

EPS = 1e-6
LOOSE = 0.2  # em of spread per gap above which a line is loose
_WORD_PARTS = (cjk.WEST, cjk.HYPHEN)  # a hyphenated word's atoms


@dataclass(frozen=True, slots=True)
class ComposeOptions:
    """How to set a paragraph (see the team's rules document §2–§5)."""

    indent_em: float = 2.0  # first-line indent, em of the first run's size
    align: str = "justify"  # justify | left | center | right
    punctuation: str = "compressed"  # compressed | full-width | centred (full-width,
    # with ，。、：；！？ in the middle of the box: Taiwan, Hong Kong)
    hanging: bool = False  # clreq: off by default; only 、，。, one mark
    no_orphan: bool = True
    hyphenate: bool = True  # long Latin words, at a line end, where it saves a loose line


def grid_measure(chars: int, size: float) -> float:
    """A column width of exactly `chars` body characters (clreq: 版心 on the grid)."""
    return chars * size


class _Break(NamedTuple):
    """A chosen line: atoms [start, end), its last mark hung or not (a tuple: cheap
    to make, one per line)."""

    start: int
    end: int
    hang: bool = False
    measured: lb_fit.Measured | None = None  # the line as the breaker measured it
    ragged: bool = False  # cut inside an address and with nothing else to spread


class _Breaker:
    """Greedy line breaking over prefix sums of atom widths.

    Whether a line fits is asked of `lb_fit`, which the justifier also uses.
    """

    def __init__(self, at: Atoms, measure: float, indent: float, opt: ComposeOptions):
        self.at, self.measure, self.indent, self.opt = at, measure, indent, opt
        self.compressed = opt.punctuation == "compressed"
        self.n = len(at.text)
        # the size of every atom if the paragraph has one (fit_end's slack), else None
        self.size = at.size[0] if at.uniform and self.n else None

    def avail(self, start: int) -> float:
        return self.measure - (self.indent if start == 0 else 0.0)

    def width(self, s: int, e: int, hang: bool = False) -> float:
        """Natural width of line [s, e) as the justifier sets it before adjusting."""
        return lb_fit.measure_line(self.at, s, e, hang, self.compressed)[2]

    def fits(self, s: int, e: int, hang: bool = False) -> bool:
        """Whether line [s, e) can be set within the measure (after every shrink)."""
        avail = self.avail(s) + EPS
        return (self.width(s, e, hang) <= avail
                or lb_fit.min_width(self.at, s, e, hang, self.compressed) <= avail)

    def fit_end(self, s: int) -> tuple[int, lb_fit.Measured | None]:
        """The largest e with width(s, e) <= available (at least s), and line [s, e)
        as measured on the way (None if not measured): `tighter` and the justifier
        reuse it."""
        at, avail, compressed = self.at, self.avail(s), self.compressed
        size = self.size if self.size is not None else max(at.size[s:s + 64] or [0])
        slack = at.start_trim[s] + size + at.gap[s]
        e = min(self.n, bisect_right(at.cum, at.cum[s] + avail + slack + EPS) - 1)
        while e > s:
            measured = lb_fit.measure_line(at, s, e, False, compressed)
            if measured[2] <= avail + EPS:
                return e, measured
            e -= 1
        return e, None

    def next_line(self, s: int, limit: int | None = None) -> _Break:
        """Choose where the line starting at atom `s` ends."""
        at, n, ok = self.at, self.n, self.at.can_break
        e, measured = self.fit_end(s)
        if limit is not None and limit < e:
            e, measured = limit, None
        while e < n and at.kind[e] == cjk.SPACE:
            e += 1  # trailing spaces stay on the line at zero width
            measured = None
        if e >= n:
            return _Break(s, n)
        if e > s and ok(e):
            if limit is None:
                measured = measured or lb_fit.measure_line(at, s, e, False, self.compressed)
                if at.kind[e - 1] == cjk.HYPHEN:
                    e, measured = self.unhyphenated(s, e, measured)
                end = self.tighter(s, e, measured)
                return _Break(s, end, False, measured if end == e else None)
            return _Break(s, e)
        if (self.opt.hanging and e > s and at.text[e] in cjk.HANGABLE and ok(e + 1)
                and (e + 1 >= n or at.text[e + 1] not in cjk.NOT_AT_START)
                and self.fits(s, e + 1, hang=True)):
            return _Break(s, e + 1, hang=True)
        if e > s and at.westish[e - 1] and at.westish[e]:
            inside = self.break_in_long_west(s, e)
            if inside is not None:  # justified, it could only open gaps inside the address
                end = lb_fit.content_end(at, s, inside, False)
                return _Break(s, inside, ragged=not lb_fit.can_spread(at, s, end))
        if limit is None:
            for e2 in range(e + 1, min(n, e + 3) + 1):  # push in (clreq 行首禁则)
                if ok(e2) and self.fits(s, e2):
                    return _Break(s, self.whole_word_end(s, e2))
        first = None
        for e3 in range(e - 1, s, -1):  # push out, to a line that may spread
            if ok(e3):
                if lb_fit.can_spread(self.at, s, lb_fit.content_end(self.at, s, e3, False)):
                    return _Break(s, self.whole_word_end(s, e3) if limit is None else e3)
                first = first or e3
        if first is not None:
            return _Break(s, first)
        e4 = max(e, s + 1)  # one unbreakable unit wider than the measure
        while e4 < n and not ok(e4):
            e4 += 1
        return _Break(s, e4)

    def break_in_long_west(self, s: int, e: int) -> int | None:
        """Where to break inside the Western run around atom `e` (a URL, an e-mail
        address), if the run is wider than any line: pushed whole to the next line
        it would stick out of the column over the next one. The last boundary at or
        before `e` that neither starts a line with a closing mark nor ends one with
        an opening one. None when the run fits a line or has no such boundary."""
        at, westish = self.at, self.at.westish
        r0, r1 = e - 1, e
        while r0 > 0 and westish[r0 - 1]:
            r0 -= 1
        while r1 < self.n and westish[r1]:
            r1 += 1
        if at.cum[r1] - at.cum[r0] <= self.measure + EPS:
            return None
        for b in range(e, max(s, r0), -1):
            if not at.not_start[b] and not at.not_end[b - 1]:
                return b
        return None

    def unhyphenated(self, s: int, e: int, measured: lb_fit.Measured
                     ) -> tuple[int, lb_fit.Measured]:
        """Line [s, e) ends in a hyphen: the line that leaves the word whole instead,
        unless that one is loose (a hyphen is the lesser evil only then)."""
        at = self.at
        word = e - 1
        while word > s and at.kind[word - 1] in _WORD_PARTS:
            word -= 1
        if word > s and at.can_break(word):
            whole = lb_fit.measure_line(at, s, word, False, self.compressed)
            if not self.loose(s, whole):
                return word, whole
        return e, measured

    def whole_word_end(self, s: int, e: int) -> int:
        """`e`, or the start of the word that line [s, e) hyphenates (`unhyphenated`)."""
        if self.at.kind[e - 1] != cjk.HYPHEN:
            return e
        return self.unhyphenated(s, e, lb_fit.measure_line(self.at, s, e, False, self.compressed))[0]

    def loose(self, s: int, measured: lb_fit.Measured) -> bool:
        """More than LOOSE em of spread per gap that may grow."""
        at = self.at
        c, _, width = measured
        slack = self.avail(s) - width
        loose = LOOSE * at.size[c]
        # slack <= loose: not loose whatever the number of gaps (spare counting them)
        return slack > loose and slack / (len(at.spread_points(s, c)) or 1) > loose

    def tighter(self, s: int, e: int, measured: lb_fit.Measured) -> int:
        """A loose line (more than LOOSE em of spread per gap) takes the next unit
        instead when it can shrink to fit (clreq prefers push-in to spreading); e.g.
        a stop mid-line gives up ½ em so a 4-digit year fits. Returns the end to use.
        `measured`: `lb_fit.measure_line` of line [s, e)."""
        if not self.loose(s, measured):
            return e
        at = self.at
        for e2 in range(e + 1, min(self.n, e + 4) + 1):
            if at.can_break(e2):
                return e2 if self.fits(s, e2) else e
        return e

    def run(self) -> list[_Break]:
        breaks: list[_Break] = []
        s = 0
        while s < self.n:
            b = self.next_line(s)
            breaks.append(b)
            s = b.end
        if self.opt.no_orphan and len(breaks) > 1 and self.is_orphan(breaks[-1]):
            self.fix_orphan(breaks)
        return breaks

    def is_orphan(self, b: _Break) -> bool:
        """clreq § Widows and Orphans: a last line of one Han or Han + one mark."""
        kinds = list(self.at.kind[b.start:b.end])
        return (kinds in ([cjk.HAN], [cjk.HAN, cjk.PUNCT])
                and self.at.text[b.start] != "\u3000")

    def fix_orphan(self, breaks: list[_Break]) -> None:
        """Pull a character down: end the line above earlier, at a legal break."""
        prev = breaks[-2]
        for e in range(prev.end - 1, prev.start + 1, -1):
            if self.at.can_break(e):
                b = self.next_line(prev.start, limit=e)
                if b.end == e and self.next_line(e).end >= self.n:
                    breaks[-2:] = [b, _Break(e, self.n)]
                return


def break_lines(texts: Sequence[StyledText], measure: float, metrics: Metrics,
                options: ComposeOptions = ComposeOptions()) -> tuple[list[str], list[bool]]:
    """Only the breaking: each line's text and whether it hangs (for tests)."""
    at, breaks = _prepare(texts, measure, metrics, options)
    return ([at.text_of(b.start, b.end) for b in breaks], [b.hang for b in breaks])


def _prepare(texts: Sequence[StyledText], measure: float, metrics: Metrics,
             options: ComposeOptions) -> tuple[Atoms, list[_Break]]:
    at = build_atoms(texts, faces_for(metrics), options.punctuation == "compressed",
                     options.hyphenate, options.punctuation == "centred")
    indent = options.indent_em * texts[0].size if texts else 0.0
    return at, _Breaker(at, measure, indent, options).run()


AtomsCache = dict[tuple[tuple[StyledText, ...], str, bool], Atoms]


def compose(texts: Sequence[StyledText], measure: float, metrics: Metrics,
            options: ComposeOptions = ComposeOptions(),
            cache: AtomsCache | None = None, *, runs: bool = True) -> tuple[Line, ...]:
    """Break a paragraph of styled runs into lines set to `measure` pt.

    Every line but the last fills the measure exactly (justify); the last line, and
    every line of a non-justified paragraph, is set at natural width and aligned.
    `cache` keeps the atoms of the paragraphs set with `metrics`, by their runs,
    punctuation style and hyphenation: they do not depend on the measure, and a page's heads are set
    at several (its owner clears it, once a page). `runs=False` only breaks the lines:
    each `Line` has its text and no runs (paginating without drawing needs no more,
    and justifying and placing glyphs is about 40 % of the work).
    """
    texts = [t for t in texts if t.text]
    if not texts:
        return ()
    faces = faces_for(metrics)
    compressed = options.punctuation == "compressed"
    key = (tuple(texts), options.punctuation, options.hyphenate)
    at = cache.get(key) if cache is not None else None
    if at is None:
        at = build_atoms(texts, faces, compressed, options.hyphenate,
                         options.punctuation == "centred")
        if cache is not None:
            cache[key] = at
    indent = options.indent_em * texts[0].size
    breaks = _Breaker(at, measure, indent, options).run()
    if not runs:
        final = len(breaks) - 1
        return tuple(Line((), measure, at.text_of(b.start, b.end), i == final or b.ragged)
                     for i, b in enumerate(breaks))
    lines = []
    for i, b in enumerate(breaks):
        last = i == len(breaks) - 1 or b.ragged
        lead = indent if i == 0 else 0.0
        lines.append(set_line(at, b.start, b.end, measure, lead, last, b.hang,
                              options, texts, faces, b.measured))
    return tuple(lines)
