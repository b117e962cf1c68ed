"""The issue document: what a careful editor records about one newspaper issue.

Every stage reads or writes these types: ingest builds them from OCR text, `document`
serialises them to YAML/JSON and back, typeset and the renderers read them. They are
frozen (layout never mutates its input) and hold tuples, not lists.

`source` fields remember the OCR line a node came from, so warnings can point at the
scan text; they are not serialised and take no part in equality.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node came from in the raw OCR text (1-based line numbers)."""

    line: int
    end_line: int | None = None


@dataclass(frozen=True, slots=True)
class Paper:
    """Masthead data that stays the same from issue to issue."""

    name: str | None = None
    supervisor_line: str | None = None  # 中共吕梁市委主管主办
    publisher_line: str | None = None  # 吕梁日报社出版
    website: str | None = None
    postal_code: str | None = None  # 邮发代号 21-28
    cn_number: str | None = None  # CN14-0028
    # where the paper is published, an ISO 3166 code (CN, HK, MO, TW, SG …): which
    # regional glyph forms and language tag a Traditional issue gets (HK: 香港's forms)
    region: str | None = None


@dataclass(frozen=True, slots=True)
class IssueInfo:
    """Masthead data of this one issue."""

    date: str | None = None  # ISO 8601, 2023-02-17
    weekday: str | None = None  # 星期五
    lunar_date: str | None = None  # 农历癸卯年正月二十七
    number: int | None = None  # 总第 N 期
    page_count: int | None = None  # 今日 N 版


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph, its text joined back from the OCR lines."""

    text: str
    source: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Subhead:
    """An in-article section heading (小标题)."""

    text: str
    source: Span | None = field(default=None, compare=False, repr=False)


Block = Paragraph | Subhead

# the largest integer a PDF holds (ISO 32000-1, annex C), so the largest page number
LARGEST_NUMBER = 2**31 - 1
# 民国 N, the era of Taiwan papers' dates, is the year N + 1911 (民國112年 is 2023)
ROC_EPOCH = 1911

# how a jump line that names the page a text came from begins (上接1版, 接第3版); 续 and
# 转 lines (续见A4, 下转2版) name where it goes
JUMP_FROM_WORDS = ("上接", "接", "承")
# the dash a 副题 opens with (——我市培育特色专业镇发展纪实), and the space around it
SUBHEAD_DASHES = "—－─-– \u3000"
_CHINESE_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _page_number(word: str) -> int | None:
    """2, ２, 二, 十二, 二十三 (a 版 number as a jump line writes it) -> int; else None."""
    word = word.translate(_FULL_WIDTH_DIGITS)
    if word.isdigit():  # no paper has 1000 pages: longer digits are OCR debris
        return int(word) if word.isascii() and len(word) <= 3 else None
    tens, ten, units = word.partition("十")
    if not ten:  # no 十: one digit
        return _CHINESE_DIGITS.get(word) if len(word) == 1 else None
    if len(tens) > 1 or len(units) > 1:
        return None
    high = _CHINESE_DIGITS.get(tens, -1) if tens else 1
    low = _CHINESE_DIGITS.get(units, -1) if units else 0
    return 10 * high + low if high > 0 and low >= 0 else None


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its headline group, credits and body."""

    headline: str | None = None  # 主题
    kicker: str | None = None  # 引题, above the headline
    subheadline: str | None = None  # 副题, below the headline
    byline: str | None = None  # 本报讯（记者 X）, □ 本报记者 X
    dateline: str | None = None  # 新华社北京2月16日电
    body: tuple[Block, ...] = ()
    jump: str | None = None  # 下转2版 / 上接1版
    credit: str | None = None  # 记者 刘亮亮 摄
    source: Span | None = field(default=None, compare=False, repr=False)

    @property
    def title(self) -> str:
        """The best short name for lists, warnings and the PDF outline: the head
        (`head_title`), else the opening words of an article printed without one."""
        return self.head_title or self.opening_words or "(untitled)"

    @property
    def head_title(self) -> str | None:
        """The head as a title: the 主题, else the 副题 without the dash that hangs it from
        a 主题 the page lacks (——我市培育特色专业镇发展纪实), else the 引题."""
        subheadline = (self.subheadline or "").strip().lstrip(SUBHEAD_DASHES)
        return (self.headline or "").strip() or subheadline or (self.kicker or "").strip() or None

    @property
    def opening_words(self) -> str | None:
        """The first 16 characters of the text, with … when it goes on."""
        for block in self.body:
            text = " ".join(block.text.split())
            if text:
                return text[:16] + ("…" if len(text) > 16 else "")
        return None

    @property
    def jump_from(self) -> bool:
        """The jump line says where the text came from (上接1版), so it leads the text;
        a 下转2版 ends it."""
        return (self.jump or "").strip("(（ ").startswith(JUMP_FROM_WORDS)

    @property
    def jump_page(self) -> int | None:
        """The printed page the jump line names (下转2版, 上接第一版, 转第十二版), if one."""
        text = (self.jump or "").strip().strip("()（）").rstrip()
        if not text.endswith("版"):
            return None
        word = text[:-1].rstrip()
        start = len(word)
        while start and (word[start - 1].isdigit() or word[start - 1] in _CHINESE_DIGITS
                         or word[start - 1] == "十"):
            start -= 1
        return _page_number(word[start:]) if start < len(word) else None

    @property
    def jump_line(self) -> str | None:
        """The jump as printed, in full-width brackets: （下转2版）."""
        text = (self.jump or "").strip().strip("()（）").strip()
        return f"（{text}）" if text else None


@dataclass(frozen=True, slots=True)
class Footer:
    """The page footer: who made this page."""

    department: str | None = None  # 要闻部主办
    layout_editor: str | None = None  # 本版组版
    editors: tuple[str, ...] = ()  # 责编
    proofreader: str | None = None  # 校对
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """One printed page (版) and the articles that start on it."""

    number: int
    section: str | None = None  # 要闻, 综合, ...
    articles: tuple[Article, ...] = ()
    footer: Footer | None = None


@dataclass(frozen=True, slots=True)
class Issue:
    """A whole issue: masthead data, pages, and ingest's notes to the editor."""

    paper: Paper = Paper()
    issue: IssueInfo = IssueInfo()
    pages: tuple[Page, ...] = ()
    notes: tuple[str, ...] = ()

    def articles(self) -> tuple[Article, ...]:
        """All articles in reading order, page by page."""
        return tuple(a for p in self.pages for a in p.articles)

    def last_known_page(self) -> int:
        """The highest printed page the issue knows of: its pages, the ear's 今日N版 and
        the pages its own jump lines name. Pages a layout adds (for text that did not
        fit) are numbered after it, so none takes the number of a page of the paper
        that the document lacks (the sample is page 1 of 8: its 下转2版 is the paper's
        page 2, not a page of continued text)."""
        named = (a.jump_page or 0 for a in self.articles())
        count = self.issue.page_count or 0  # a 今日N版 past 999 is OCR debris, as in jumps
        return max(max((page.number for page in self.pages), default=0),
                   count if count < 1000 else 0, max(named, default=0))

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every printed text with where it stands, e.g. ("page 1, article 2, paragraph 3", …).

        Used to check that the fonts can draw every character before anything is drawn,
        and to name the place of any character they cannot. Numbers are printed too, in
        decimal: the ear's 第{number}期 今日{page_count}版, and each page's 第{page}版 and
        section in the running head (报眉) and footer.
        """
        yield from (("masthead", v) for v in (*vars_of(self.paper), *vars_of(self.issue)) if v)
        yield from (("masthead", str(n)) for n in (self.issue.number, self.issue.page_count) if n is not None)
        for page in self.pages:
            yield f"page {page.number}, number", str(page.number)
            if page.section:
                yield f"page {page.number}, section", page.section
            for n, article in enumerate(page.articles, 1):
                where = f"page {page.number}, article {n} ({article.title})"
                for name in ("kicker", "headline", "subheadline", "byline", "dateline", "jump", "credit"):
                    if value := getattr(article, name):
                        yield f"{where}, {name}", value
                for k, block in enumerate(article.body, 1):
                    yield f"{where}, {'paragraph' if isinstance(block, Paragraph) else 'subhead'} {k}", block.text
            if page.footer is not None:
                yield from ((f"page {page.number}, footer", v) for v in vars_of(page.footer) if v)


def vars_of(record: Paper | IssueInfo | Footer) -> list[str]:
    """The string fields of a masthead or footer record (lists flattened)."""
    values: list[str] = []
    for name in record.__slots__:  # type: ignore[attr-defined]
        value = getattr(record, name)
        values.extend(value if isinstance(value, tuple) else [value] if isinstance(value, str) else [])
    return values
