"""Walk the classified lines of one page and assemble articles.

Column OCR gives one column strip per line; a paragraph is split wherever a column
ended. The walk therefore joins a strip to the paragraph before it when that paragraph
ends mid-sentence and the strip does not open a paragraph itself; a strip that opens with
a 电头 (新华社北京2月16日电, 本报讯（记者 X）) starts a news item even then, and one that opens
with a continuation mark (（上接1版）) starts the continued article. Short complete strips
standing between an unfinished paragraph and its continuation were displaced by the OCR
(`Displaced`); `repair` puts them back. Headings open an article, or become an in-article
subhead when short, alone and inside a running article.
"""

from __future__ import annotations

from layout.ingest import classify as cl
from layout.ingest.chars import han_count, unclosed_openers, unmatched_closers
from layout.ingest.draft import ArticleDraft, Displaced, PageDraft, ParaDraft
from layout.ingest.masthead import read_footer
from layout.ingest.normalize import clean_heading, clean_text, collapse_spaces, normalize_punct
from layout.ingest.report import Notes
from layout.ingest.reporters import unclear_reporter, unnamed_word, unread_name
from layout.ingest.segment import Unit

SANDWICH_MAX = 3  # at most this many displaced strips between a paragraph and its continuation
WIDE_LINE = 0.9  # a line this close to its block's widest line was wrapped, not ended
LOST_PREFIX_MAX = 8
NO_TEXT = (cl.Kind.FOOTER, cl.Kind.GARBAGE)  # lines after which no article text is left on a page


class PageBuilder:
    """Assembles one page from its (non-masthead) units."""

    def __init__(self, page: PageDraft, units: list[Unit], notes: Notes) -> None:
        self.page = page
        self.units = units
        self.kinds = [cl.classify(u.text) for u in units]
        self.notes = notes
        self.current: ArticleDraft | None = None
        self.widths = _wrap_widths(units)

    def run(self) -> PageDraft:
        """Process every unit in order; return the page draft."""
        i = 0
        while i < len(self.units):
            kind, unit = self.kinds[i], self.units[i]
            if kind is cl.Kind.HEADING:
                i = self.heading_group(i)
                continue
            if kind is cl.Kind.BODY:
                i = self.body(i)
                continue
            self.single(kind, unit, after_byline=i > 0 and self.kinds[i - 1] is cl.Kind.BYLINE,
                        text_follows=kind is not cl.Kind.JUMP or any(k not in NO_TEXT for k in self.kinds[i + 1:]))
            i += 1
        return self.page

    def single(self, kind: cl.Kind, unit: Unit, after_byline: bool = False, text_follows: bool = True) -> None:
        """Footer, byline, credit, jump and garbage lines (text_follows: some line after this
        one on the page can belong to an article).

        Byline lines in a row (本报记者 张三, then 通讯员 李四) are one byline, in order, as
        print sets them together under the headline.
        """
        art = self.current
        if kind is cl.Kind.FOOTER:
            if self.page.footer is None:
                self.page.footer, self.page.footer_line = read_footer(unit.text), unit.line
            self.notes.add(unit.line, f"footer line '{unit.text}' read")
        elif kind is cl.Kind.GARBAGE:
            self.notes.add(unit.line, f"OCR garbage '{unit.text}' not placed (too short, broken letters)")
        elif kind is cl.Kind.BYLINE:
            if after_byline and art is not None and art.byline and not art.paras:
                art.byline += " " + normalize_punct(collapse_spaces(unit.text))
                return
            if art is None or art.paras or art.byline:
                art = self.new_article(unit.line)
                self.notes.add(unit.line, "byline without a headline before it: starts an untitled article")
            art.byline = normalize_punct(collapse_spaces(unit.text))
        elif kind is cl.Kind.CREDIT:
            if art is None or art.credit:
                self.notes.add(unit.line, f"photo credit '{unit.text}' has no article to go to")
            else:
                art.credit = collapse_spaces(unit.text)
        elif kind is cl.Kind.JUMP:
            self.jump_line(art, unit, text_follows)

    def jump_line(self, art: ArticleDraft | None, unit: Unit, text_follows: bool = True) -> None:
        """A jump line: 下转 ends the article it follows; 上接 opens the continued text.

        A 上接 line stands above that text (under the repeated headline, if any), so
        after another article's text, after a 下转 or at the top of a page it starts an
        untitled article of its own, as a 上接 at a paragraph's start does. With nothing
        after it on its page (the OCR lost the text, or the mark is stray) it has no text
        to open: it goes to the notes, as a jump line with no article does, not into an
        article of a jump alone. The text it heads is on its own page, so the next page's
        first text is not taken for it.
        """
        raw = cl.JUMP_LINE.match(unit.text).group("v")  # type: ignore[union-attr]
        if cl.JUMP_START.match(raw) and (art is None or art.paras or art.closed):
            if not text_follows:
                self.notes.add(unit.line, f"continuation mark '{unit.text}' ends the page: no text after it "
                               "on this page to continue; kept in the notes only")
                return
            if art is not None and not art.closed:  # as at a paragraph's start (body)
                self.notes.add(unit.line, self.untitled_note(raw))
            art = self.new_article(unit.line)
        if art is None or art.jump:
            self.notes.add(unit.line, f"jump line '{unit.text}' has no article to go to")
        else:
            self.set_jump(art, raw, unit.line)

    def new_article(self, line: int, orphan: bool = False) -> ArticleDraft:
        """Start a new article and make it current."""
        self.current = ArticleDraft(line=line, orphan=orphan)
        self.page.articles.append(self.current)
        return self.current

    def set_jump(self, art: ArticleDraft, raw: str, line: int | None = None) -> None:
        """Record a jump; a 下转 ends the article on this page. The model keeps one jump,
        so a piece both continued from and to another page keeps its 下转; the 上接 is noted."""
        jump = clean_text(raw)
        if art.jump and art.jump != jump:
            self.notes.add(line or art.line, f"jump '{art.jump}' replaced by '{jump}' (an article keeps one jump)")
        art.jump = jump
        if not art.jump.startswith(("上接", "接")):
            art.closed = True

    def heading_group(self, i: int) -> int:
        """Consecutive heading lines: a new article's headline group, or a subhead."""
        j = i
        while j < len(self.units) and self.kinds[j] is cl.Kind.HEADING:
            j += 1
        group = self.units[i:j]
        art = self.current
        after = self.units[j].text if j < len(self.units) and self.kinds[j] is cl.Kind.BODY else ""
        opens_article = (
            art is None or art.closed or not art.paras or len(group) > 1
            or cl.is_dash_led(group[0].text) or han_count(group[0].text) > cl.SUBHEAD_MAX_HAN
            or (j < len(self.units) and self.kinds[j] is cl.Kind.BYLINE)
            or (bool(after) and (cl.starts_news(after) or cl.starts_mid_sentence(after)))
        )
        if not opens_article and art is not None:
            art.paras.append(ParaDraft([group[0].text], group[0].line, group[0].line, subhead=True))
            return j
        if art is not None and _only_lead(art):
            found = [(key, value) for key, value in (("byline", art.byline), ("dateline", art.dateline),
                                                     ("jump", art.jump)) if value]
            self.notes.add(group[0].line, " and ".join(f"{key} '{value}'" for key, value in found)
                           + " stood before this headline: read as its " + " and ".join(key for key, _ in found))
        else:
            art = self.new_article(group[0].line)
        self.assign_headings(art, group)
        return j

    def assign_headings(self, art: ArticleDraft, group: list[Unit]) -> None:
        """Decide kicker / headline / subheadline of a heading group by order and length."""
        subs = [u for u in group if cl.is_dash_led(u.text)]
        mains = [u for u in group if not cl.is_dash_led(u.text)]
        if subs:
            art.subheadline = "\u3000".join("——" + clean_heading(cl.DASH_START.sub("", u.text)) for u in subs)
        if not mains:
            self.notes.add(group[0].line, "subheadline without a headline: the headline was lost in OCR")
            return
        first = mains[0]
        if len(mains) >= 2 and han_count(first.text) <= 0.6 * han_count(mains[1].text):
            art.kicker = clean_heading(first.text)
            mains = mains[1:]
        art.headline = clean_heading(mains[0].text)
        if len(mains) > 1:
            extra = "\u3000".join(clean_heading(u.text) for u in mains[1:])
            art.subheadline = f"{extra}\u3000{art.subheadline}" if art.subheadline else extra
            self.notes.add(group[0].line, f"headline group of {len(group)} lines read as "
                           + ("kicker + " if art.kicker else "") + "headline + subheadline (by order and length)")

    def body(self, i: int) -> int:
        """A body strip: start, continue or repair a paragraph; return the next index."""
        unit = self.units[i]
        art = self.current
        if art is None:
            art = self.new_article(unit.line)
            if not cl.JUMP_START.match(unit.text):
                self.notes.add(unit.line, "body text before any headline: untitled article")
        elif art.closed and cl.starts_news(unit.text):  # a new item (or one continued from
            art = self.new_article(unit.line)  # another page), not the rest of the jumped one
            if not cl.JUMP_START.match(unit.text):
                self.notes.add(unit.line, "news lead without a headline: starts an untitled article")
        elif art.closed:
            art = self.new_article(unit.line, orphan=True)
        elif art.paras and cl.starts_news(unit.text):  # even after a paragraph cut short
            art = self.new_article(unit.line)
            self.notes.add(unit.line, self.untitled_note(unit.text))
        if not art.paras:
            self.first_paragraph(art, unit)
            return i + 1
        prev = art.paras[-1]
        if prev.dangling():
            cont = self.sandwich(i)
            if cont is not None:
                self.displace(i, cont)
                self.append(art, prev, self.units[cont])
                return cont + 1
            if self.continues(prev, unit.text):
                self.append(art, prev, unit)
                return i + 1
        elif cl.is_fragment(unit.text) and cl.starts_mid_sentence(unit.text):
            self.displace(i, i + 1)
            return i + 1
        elif self.wrapped(i):
            self.append(art, prev, unit)
            return i + 1
        self.start_paragraph(art, unit.text, unit.line)
        return i + 1

    @staticmethod
    def untitled_note(text: str) -> str:
        """The note for a 电头 or a 上接 mark that starts an untitled article inside a page."""
        jump = cl.JUMP_START.match(text)
        if jump is None:
            return "news lead without a headline: starts an untitled article"
        return f"text continued from another page ('{clean_text(jump.group('v'))}') without a headline: " \
            "starts an untitled article"

    def sandwich(self, i: int) -> int | None:
        """Index of the strip continuing the paragraph after 1-3 displaced short strips."""
        k = i
        while k < len(self.units) and k - i < SANDWICH_MAX and self.kinds[k] is cl.Kind.BODY \
                and cl.is_fragment(self.units[k].text) and not cl.starts_news(self.units[k].text):
            k += 1
        if k == i or k >= len(self.units) or self.kinds[k] is not cl.Kind.BODY:
            return None
        text = self.units[k].text
        if cl.starts_paragraph(text) or cl.is_fragment(text):
            return None
        return k

    def displace(self, start: int, stop: int) -> None:
        """Set strips start..stop-1 aside as one displaced run."""
        previous: Displaced | None = None
        for unit in self.units[start:stop]:
            previous = Displaced(unit.text, unit.line, previous)
            self.page.displaced.append(previous)

    def continues(self, prev: ParaDraft, text: str) -> bool:
        """Whether text continues an unfinished paragraph.

        Not when it opens a paragraph itself, and not when the paragraph stopped inside
        a bracket that text never closes (《…》 and （…） are short in Chinese prose).
        """
        if cl.starts_paragraph(text):
            return False
        return not unclosed_openers(prev.raw) or bool(unmatched_closers(text[:40]))

    def wrapped(self, i: int) -> bool:
        """Whether a complete-looking line was just wrapped at the column edge (same block)."""
        unit, last = self.units[i], self.units[i - 1]
        width = self.widths.get(unit.block, 0)
        return last.block == unit.block and width > 0 and len(last.text) >= WIDE_LINE * width \
            and not cl.starts_paragraph(unit.text)

    def append(self, art: ArticleDraft, prev: ParaDraft, unit: Unit) -> None:
        """Continue prev with a strip, moving a merged caption out first."""
        text = unit.text
        prefix = cl.caption_prefix(text)
        if prefix:
            text = text.split(maxsplit=1)[1]
            if art.subheadline is None and art.headline is not None:
                art.subheadline = prefix
                self.notes.add(unit.line, f"'{prefix}' stood at the start of a column strip that continues "
                               "the paragraph before; read as the article's subheadline (uncertain)")
            else:
                self.notes.add(unit.line, f"'{prefix}' stood at the start of a column strip that continues "
                               "the paragraph before; looks like a caption, moved to notes")
        prev.add(self.cut_jump(art, text), unit.line)

    def start_paragraph(self, art: ArticleDraft, text: str, line: int) -> None:
        """Open a new paragraph in art."""
        art.paras.append(ParaDraft([self.cut_jump(art, text)], line, line))

    def cut_jump(self, art: ArticleDraft, text: str) -> str:
        """Move a trailing （下转2版） into the jump field."""
        match = cl.JUMP_END.search(text)
        if match is None:
            return text
        self.set_jump(art, match.group("v"))
        return text[: match.start()].rstrip()

    def first_paragraph(self, art: ArticleDraft, unit: Unit) -> None:
        """The first body strip: cut the news lead, dateline, 上接 jump or a lost start."""
        text = unit.text
        jump = cl.JUMP_START.match(text)
        if jump:
            art.jump = clean_text(jump.group("v"))
            text = text[jump.end():]
        text = self.cut_lead(art, text, unit.line)
        if cl.starts_mid_sentence(text):
            text = self.cut_lost_start(text, unit.line)
        if text.strip():
            self.start_paragraph(art, text, unit.line)

    def cut_lead(self, art: ArticleDraft, text: str, line: int) -> str:
        """Cut 本报讯（记者 X） into byline and 新华社北京2月16日电 into dateline."""
        lead = cl.match_lead(text)
        reporter = unclear_reporter(text) if lead is None or not lead.who else None
        if reporter:
            word = unnamed_word(text, reporter[1])
            if word:
                self.notes.add(art.line, f"'{text.strip()[:16]}…': no reporter's name was found after "
                               f"{text[reporter[0]:reporter[1]]} ('{word}' is read as the text, not a name); "
                               "left in the text")
            else:
                self.notes.add(art.line, f"'{text.strip()[:16]}…': the reporter's name after the lead runs into "
                               "the text (no space after it), so where it ends is unclear; left in the text")
        if lead:
            who = normalize_punct(collapse_spaces(lead.who or ""))
            space = " " if who and who[0] not in "(（" else ""  # 南都讯 记者 张三
            self.set_byline(art, collapse_spaces(lead.lead) + space + who, unit_line=art.line)
            unread = unread_name(text[lead.end:]) if space else None
            if unread:
                self.notes.add(line, f"'{unread}' after the byline's names ('{who}') ends as a common word does, "
                               "so it is read as the text's first word, not as one more name; check the byline")
            return text[lead.end:]
        dateline = cl.DATELINE.match(text)
        if dateline:
            if art.dateline:  # a 电头 on a line of its own, then again at the paragraph's start
                self.notes.add(art.line, f"second dateline '{dateline.group('v')}' (kept '{art.dateline}')")
            else:
                art.dateline, art.dateline_line = clean_text(dateline.group("v")), line
                # the field drops 中央社's brackets; text keeps them (settle_lone_datelines)
                art.dateline_text = dateline.group(0).strip() if dateline.group("open") else dateline.group("v")
            if dateline.group("who"):
                who = collapse_spaces(dateline.group("who")[1:-1])
                art.byline_of_dateline = not art.byline
                self.set_byline(art, who, art.line)
            return text[dateline.end():]
        return text

    def set_byline(self, art: ArticleDraft, byline: str, unit_line: int) -> None:
        """Set the byline, noting a second one rather than losing it."""
        if art.byline:  # a repeat is noted too: no character may vanish silently
            self.notes.add(unit_line, f"second byline '{byline}' (kept '{art.byline}')")
            return
        art.byline = byline

    def cut_lost_start(self, text: str, line: int) -> str:
        """A first strip that starts mid-sentence: move a lost credit tail to notes."""
        stripped = text.lstrip()
        closers = unmatched_closers(stripped[:LOST_PREFIX_MAX + 1])
        if closers:
            end = stripped.index(closers[0]) + 1
            self.notes.add(line, f"'{stripped[:end]}' at the start of the article looks like the end of a "
                           "byline whose beginning was lost in OCR; moved to notes")
            return stripped[end:]
        self.notes.add(line, f"the article's first paragraph starts mid-sentence ('{stripped[:6]}…'): "
                       "its beginning was lost in OCR")
        return text


def _only_lead(art: ArticleDraft) -> bool:
    """Whether an article is a lone byline, 电头 or 上接 line so far: the OCR read it above
    its headline."""
    continued = bool(art.jump) and cl.JUMP_START.match(art.jump or "") is not None
    return bool(art.byline or art.dateline or continued) and not (
        art.headline or art.kicker or art.subheadline or art.paras or (art.jump and not continued) or art.credit)


def _wrap_widths(units: list[Unit]) -> dict[int, int]:
    """Column width of each block that was hard-wrapped (most lines near one width).

    A block of three or more lines, at least half of them within 10 % of the widest,
    was wrapped at that width; a line that long ended only because the column did.
    Blocks of one paragraph per line get no width, so their lines stay paragraphs.
    """
    lines: dict[int, list[int]] = {}
    for unit in units:
        lines.setdefault(unit.block, []).append(len(unit.text))
    widths: dict[int, int] = {}
    for block, lengths in lines.items():
        widest = max(lengths)
        wide = sum(1 for n in lengths if n >= WIDE_LINE * widest)
        if len(lengths) >= 3 and widest >= 8 and wide * 2 >= len(lengths):
            widths[block] = widest
    return widths
