"""The layout spec as typed, validated data: what `load_spec` returns.

All lengths are floats in points: units (mm, pt, 字号 names) are converted once, at
load. `typeset` and the renderers trust these values; validation lives in `load`.
The defaults describe a plain broadsheet so tests can build a `Spec()` directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from collections.abc import Mapping


class Align(str, Enum):
    """Horizontal alignment of a style's lines."""

    JUSTIFY = "justify"
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class Punctuation(str, Enum):
    """Punctuation width policy (clreq): GB-style compressed, or every mark 1 em, or
    every mark 1 em with the stops centred (Taiwan and Hong Kong); `auto`: centred when
    the body face draws its stops centred (its Taiwan or Hong Kong forms), else
    compressed."""

    AUTO = "auto"
    COMPRESSED = "compressed"
    FULL_WIDTH = "full-width"
    CENTRED = "centred"


class Forms(str, Enum):
    """Which regional glyph forms the faces draw (their OpenType `locl` for Taiwan or
    Hong Kong); `auto`: Taiwan's for a Traditional issue, the faces' own otherwise."""

    AUTO = "auto"
    MAINLAND = "mainland"
    TAIWAN = "taiwan"
    HONG_KONG = "hong-kong"


@dataclass(frozen=True, slots=True)
class PageSpec:
    """Paper size and margins (the 版心 is what is left inside the margins)."""

    width: float = 1105.5  # 390 mm, 对开
    height: float = 1530.7  # 540 mm
    margin_top: float = 56.7
    margin_bottom: float = 56.7
    margin_left: float = 56.7
    margin_right: float = 56.7


@dataclass(frozen=True, slots=True)
class GridSpec:
    """The column grid and the body text's baseline grid."""

    columns: int = 8
    gutter: float = 6.75  # ¾ em at 9 pt
    body_size: float = 9.0  # 小五
    leading: float = 13.5  # baseline to baseline
    char_grid: bool = True  # columns are a whole number of body characters
    column_chars: int | None = None  # body characters per column; None = as many as fit


@dataclass(frozen=True, slots=True)
class Style:
    """How one kind of text looks: font role, size, colour, alignment, spacing."""

    role: str = "song"  # a font role: song, song-bold, hei, kai, fangsong
    size: float = 9.0
    color: str = "#000000"
    align: Align = Align.JUSTIFY
    leading: float | None = None  # baseline to baseline; None = 1.5 × size
    indent_em: float = 0.0  # first-line indent
    space_before: float = 0.0
    space_after: float = 0.0

    @property
    def line_height(self) -> float:
        """Baseline-to-baseline distance for this style."""
        return self.leading if self.leading is not None else self.size * 1.5


def _default_styles() -> Mapping[str, Style]:
    return MappingProxyType({
        "kicker": Style(role="kai", size=14, align=Align.CENTER),
        "headline": Style(role="song-bold", size=28, align=Align.CENTER, space_after=4),
        "subheadline": Style(role="hei", size=14, align=Align.CENTER, space_after=4),
        "byline": Style(role="kai", size=10.5, align=Align.CENTER, space_after=4),
        "dateline": Style(role="hei", size=9),
        "body": Style(role="song", size=9, leading=13.5, indent_em=2),
        "subhead": Style(role="hei", size=10.5, align=Align.CENTER, leading=18),
        "jump": Style(role="kai", size=9, align=Align.RIGHT),
        "credit": Style(role="kai", size=9, align=Align.RIGHT),
        "continued_headline": Style(role="song-bold", size=18, align=Align.CENTER),
        "footer": Style(role="song", size=7.5, align=Align.LEFT),
        "running_head": Style(role="hei", size=9, align=Align.LEFT),
        "masthead_name": Style(role="song-bold", size=72, color="#c00000", align=Align.CENTER),
        "masthead_ear": Style(role="song", size=9, align=Align.LEFT),
    })


@dataclass(frozen=True, slots=True)
class EarLine:
    """One line of the 报眼 / masthead data, as a template over the issue document."""

    template: str
    style: str = "masthead_ear"  # a key of Spec.styles


@dataclass(frozen=True, slots=True)
class MastheadSpec:
    """The front page's 报头 (paper name) and 报眼 (ear with the issue's data)."""

    enabled: bool = True
    position: str = "left"  # left | center
    columns: int = 3  # columns the 报头 spans when on the left
    height: float = 170.0  # the band's height, pt
    name: str | None = None  # overrides the document's paper name
    ear: tuple[EarLine, ...] = (
        EarLine("{supervisor_line}"),
        EarLine("{publisher_line}"),
        EarLine("{date_cn}　{weekday}"),
        EarLine("{lunar_date}"),
        EarLine("第{number}期　今日{page_count}版"),
        EarLine("国内统一连续出版物号：{cn_number}"),
        EarLine("邮发代号：{postal_code}　{website}"),
    )
    rule_below: float = 2.0  # width of the rule under the band; 0 = none
    color: str = "#c00000"


@dataclass(frozen=True, slots=True)
class FooterSpec:
    """The line at every page's foot."""

    template: str = "{department}　本版组版：{layout_editor}　责编：{editors}　校对：{proofreader}　{email}"
    rule_above: float = 0.5
    rule_below: float = 0.0
    height: float = 18.0


@dataclass(frozen=True, slots=True)
class RunningHeadSpec:
    """The 报眉 at the top of inside pages (never on page 1)."""

    enabled: bool = True
    template: str = "{date_cn}　星期{weekday_short}　第{page}版　{section}"
    rule_below: float = 1.0
    height: float = 22.0


@dataclass(frozen=True, slots=True)
class JumpsSpec:
    """The jump lines of an article continued on a later page (转版). Templates whose
    one field, `{page}`, is the other page; None: worded in the issue's script."""

    continued_to: str | None = None  # at the cut: （下转第{page}版）
    continued_from: str | None = None  # over the continuation: （上接第{page}版）


@dataclass(frozen=True, slots=True)
class RulesSpec:
    """Rules drawn between article blocks."""

    between_articles: float = 0.5
    color: str = "#000000"


@dataclass(frozen=True, slots=True)
class TypographySpec:
    """Composer options that a house style may change (clreq [practice] items)."""

    punctuation: Punctuation = Punctuation.AUTO
    forms: Forms = Forms.AUTO
    hanging: bool = False
    no_orphan: bool = True
    hyphenate: bool = True  # long Latin words in justified text (`typeset.hyphenate`)


@dataclass(frozen=True, slots=True)
class ArticlePlacement:
    """Explicit placement of one article, to reconstruct a known print layout."""

    page: int  # printed page number
    article: int  # 1-based position of the article on that page in the document
    columns: int | None = None  # columns spanned
    start_column: int | None = None  # 1-based
    order: int | None = None  # placement order on the page


@dataclass(frozen=True, slots=True)
class PlacementSpec:
    """Automatic placement by default; explicit entries override it per article. The
    entries describe a known print layout: given `paper` and/or `date`, they apply only
    to that paper's issues and/or that date's, and any other issue is placed
    automatically (a spec made for one issue leaves other papers alone)."""

    lead_columns: int | None = None  # width of the lead article; None = decide
    articles: tuple[ArticlePlacement, ...] = ()
    paper: str | None = None  # the paper the entries are for (Paper.name)
    date: str | None = None  # the issue date they are for, ISO 8601 (IssueInfo.date)

    def describes(self, paper: str | None, date: str | None) -> bool:
        """Whether the entries are for an issue of `paper` dated `date`."""
        return (self.paper is None or self.paper == paper) and (self.date is None or self.date == date)


class FontFormat(str, Enum):
    """How the EPUB embeds its font subsets: TrueType, which every reading system
    draws (e-ink readers on Adobe's engine and Kindle's conversion take no WOFF2), or
    WOFF2, ~20 % smaller, for readers built on a browser engine."""

    TTF = "ttf"
    WOFF2 = "woff2"


@dataclass(frozen=True, slots=True)
class EpubSpec:
    """EPUB options: writing direction and font embedding."""

    vertical: bool = False  # 竖排: writing-mode vertical-rl, rtl page progression
    embed_fonts: bool = True
    font_format: FontFormat = FontFormat.TTF


# the words of the default templates as a Traditional issue prints them
TRADITIONAL_WORDS: Mapping[str, str] = MappingProxyType({
    "国内统一连续出版物号": "國內統一連續出版物號", "邮发代号": "郵發代號", "本版组版": "本版組版",
    "责编": "責編", "校对": "校對",
})


@dataclass(frozen=True, slots=True)
class Spec:
    """A whole layout spec."""

    name: str = "default"
    page: PageSpec = PageSpec()
    grid: GridSpec = GridSpec()
    fonts: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # faces the spec brings as TrueType files (`spec.font_files`): name -> file
    face_files: Mapping[str, Path] = field(default_factory=lambda: MappingProxyType({}))
    styles: Mapping[str, Style] = field(default_factory=_default_styles)
    masthead: MastheadSpec = MastheadSpec()
    footer: FooterSpec = FooterSpec()
    running_head: RunningHeadSpec = RunningHeadSpec()
    jumps: JumpsSpec = JumpsSpec()
    rules: RulesSpec = RulesSpec()
    typography: TypographySpec = TypographySpec()
    placement: PlacementSpec = PlacementSpec()
    epub: EpubSpec = EpubSpec()
    # the words of the ear, footer and running-head templates as a Traditional issue
    # prints them (Taiwan, Hong Kong): a spec worded in Simplified serves those papers
    traditional_words: Mapping[str, str] = field(default_factory=lambda: TRADITIONAL_WORDS)
    source: Path | None = field(default=None, compare=False)
    # the spec file and every file it extends, in that order (what a watch must watch)
    files: tuple[Path, ...] = field(default=(), compare=False)

    @property
    def text_width(self) -> float:
        """Width of the 版心."""
        return self.page.width - self.page.margin_left - self.page.margin_right

    @property
    def text_height(self) -> float:
        """Height of the 版心."""
        return self.page.height - self.page.margin_top - self.page.margin_bottom


STYLE_KEYS: tuple[str, ...] = tuple(_default_styles())
