"""Put displaced column strips and orphan paragraphs back where the evidence says.

A displaced strip (`Displaced`) goes to an unfinished paragraph when the evidence is
clear: the strip closes the brackets the paragraph left open (…报告(讨 + 论稿)》。), and
the words across the join occur elsewhere on the page (讨论稿). A strip displaced
together with a placed one goes to the next unfinished paragraph of the same article.
Orphan paragraphs (body text after an article jumped to another page) join the article
on the page whose wording they share most for its length, when one clearly wins.
A 电头 with no paragraph after it (the OCR lost the paragraph, or a byline line came
between) goes to the paragraph after that byline, or else is kept as the article's text.
Every move, and every piece that could not be placed, is written to the notes.
"""

from __future__ import annotations

import re
from collections import Counter

from layout.ingest.chars import HAN_RE, same_bracket, unclosed_openers, unmatched_closers
from layout.ingest.draft import ArticleDraft, Displaced, PageDraft, ParaDraft
from layout.ingest.report import Notes

BRACKET_SCORE = 3  # per bracket the strip closes for the paragraph
WORD_SCORE = 2  # the characters across the join occur elsewhere on the page
MIN_SCORE = 3
MIN_SHARED_BIGRAMS = 4
WIN_RATIO = 1.5  # an orphan joins an article only if it shares this much more than the runner-up
SPACES = re.compile(r"\s+")
ORPHAN_FIELDS = ("byline", "dateline", "jump", "credit")  # what an orphan may hold besides paragraphs


def repair_page(page: PageDraft, notes: Notes) -> None:
    """Place displaced strips and orphans, then note what is still unfinished."""
    page_text = SPACES.sub("", " ".join(a.text() for a in page.articles))
    for strip in page.displaced:
        place_strip(page, strip, page_text, notes)
    merge_orphans(page, notes)
    note_unfinished(page, notes)
    settle_lone_datelines(page, notes)


def place_strip(page: PageDraft, strip: Displaced, page_text: str, notes: Notes) -> None:
    """Attach one displaced strip to the best unfinished paragraph, or note it."""
    scored: list[tuple[int, int, int]] = []
    for ai, art in enumerate(page.articles):
        for pi, para in enumerate(art.paras):
            if para.dangling():
                scored.append((join_score(para, strip.text, page_text), ai, pi))
    scored.sort(key=lambda s: -s[0])
    target: tuple[int, int] | None = None
    reason = ""
    if scored and scored[0][0] >= MIN_SCORE and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        target, reason = (scored[0][1], scored[0][2]), "it closes the brackets that paragraph left open"
    elif strip.previous is not None and strip.previous.placed is not None:
        ai, pi = strip.previous.placed
        later = [i for i, p in enumerate(page.articles[ai].paras) if i > pi and p.dangling()]
        if later:
            target, reason = (ai, later[0]), "it was displaced together with the strip before it"
    if target is None:
        notes.add(strip.line, f"displaced strip '{strip.text}' could not be placed with confidence; kept here")
        return
    para = page.articles[target[0]].paras[target[1]]
    para.add(strip.text, para.end_line)
    strip.placed = target
    notes.add(strip.line, f"moved strip '{strip.text}' to the end of the paragraph of line {para.line} "
              f"(…{para.pieces[-2][-6:]}): {reason}")


def join_score(para: ParaDraft, text: str, page_text: str) -> int:
    """Evidence that text continues para: brackets it closes, words across the join."""
    score = 0
    openers = unclosed_openers(para.raw)
    for closer in unmatched_closers(text):
        if openers and same_bracket(openers[-1], closer):
            openers.pop()
            score += BRACKET_SCORE
        else:
            score -= BRACKET_SCORE
            break
    tail = "".join(HAN_RE.findall(para.raw[-8:]))[-2:]
    head = "".join(HAN_RE.findall(text[:8]))[:2]
    joins = [tail[-1:] + head, tail + head[:1]]
    if any(len(j) == 3 and j in page_text for j in joins):
        score += WORD_SCORE
    return score


def bigrams(text: str) -> set[str]:
    """Han character bigrams of text: a cheap fingerprint of its wording."""
    han = "".join(HAN_RE.findall(text))
    return {han[i : i + 2] for i in range(len(han) - 1)}


def merge_orphans(page: PageDraft, notes: Notes) -> None:
    """Append each orphan article's paragraphs to the article it clearly belongs to."""
    keep: list[ArticleDraft] = []
    for art in page.articles:
        if not art.orphan:
            keep.append(art)
            continue
        others = [a for a in page.articles if not a.orphan]
        target = best_match(art, [a for a in others if not a.closed], others)
        if target is None:
            notes.add(art.line, "body text after an article jumped to another page matches no article "
                      "on this page clearly; kept as an untitled article")
            art.orphan = False
            keep.append(art)
            continue
        target.paras.extend(art.paras)
        notes.add(art.line, f"paragraphs after a jump line (lines {art.line}-{art.paras[-1].end_line}) "
                  f"moved to the end of {_name(target)}, "
                  "whose wording they share")
        _carry_fields(art, target, notes)
    page.articles = keep


def _carry_fields(orphan: ArticleDraft, target: ArticleDraft, notes: Notes) -> None:
    """Move what else the orphan gathered (a photo credit or a jump after its paragraphs) to
    the article it joins, when that has none; otherwise note it, so nothing is lost."""
    for key in ORPHAN_FIELDS:
        value = getattr(orphan, key)
        if not value:
            continue
        kept = getattr(target, key)
        if kept:
            notes.add(orphan.line, f"{key} '{value}' of those paragraphs not moved ({_name(target)} has '{kept}')")
            continue
        setattr(target, key, value)
        target.closed = target.closed or (key == "jump" and orphan.closed)
        notes.add(orphan.line, f"{key} '{value}' moved with them")


def _name(article: ArticleDraft) -> str:
    title = article.headline or article.subheadline
    return f"'{title}'" if title else f"the untitled article of line {article.line}"


def best_match(orphan: ArticleDraft, candidates: list[ArticleDraft],
               page_articles: list[ArticleDraft]) -> ArticleDraft | None:
    """The candidate whose wording the orphan shares clearly more than any other's.

    Why not the count of shared bigrams: a long article shares many common ones
    (发展, 工作, 落实) with any text, so it would win over the short article the
    orphan continues. Each shared bigram counts 1/n where n of the page's articles
    use it (wording the whole page uses says little), and the sum is taken per
    bigram of the candidate (what a longer text shares by chance grows with it).
    """
    grams = bigrams(orphan.text())
    own = {id(a): bigrams(a.text()) for a in page_articles}
    used_by = Counter(g for article_grams in own.values() for g in article_grams)
    ranked = []
    for i, cand in enumerate(candidates):
        shared = grams & own[id(cand)]
        weight = sum(1 / used_by[g] for g in shared) / max(1, len(own[id(cand)]))
        ranked.append((weight, len(shared), i))
    ranked.sort(reverse=True)
    if not ranked or ranked[0][1] < MIN_SHARED_BIGRAMS:
        return None
    if len(ranked) > 1 and ranked[0][0] < WIN_RATIO * ranked[1][0]:
        return None
    return candidates[ranked[0][2]]


def note_unfinished(page: PageDraft, notes: Notes) -> None:
    """Note every paragraph that still stops mid-sentence (its continuation was lost)."""
    for art in page.articles:
        for index, para in enumerate(art.paras):
            last = index == len(art.paras) - 1
            if not para.dangling() or (last and art.jump and art.closed):
                continue
            notes.add(para.end_line, f"paragraph ends mid-sentence (…{para.pieces[-1][-8:]}): "
                      "its continuation was not found in the OCR")


def settle_lone_datelines(page: PageDraft, notes: Notes) -> None:
    """Give a 电头 that opens no paragraph a place, so no article holds a dateline alone.

    Print sets the 电头 at the start of the first paragraph. When a byline line stood
    between them, that byline started an article of its own (this one had a byline), and
    the dateline goes to that article's first paragraph. Otherwise the paragraph was lost
    (the page ended, or a headline followed): the dateline is kept as the article's text,
    as printed (（中央社記者X台北17日電） with its brackets, which only the field drops).
    """
    for index, art in enumerate(page.articles):
        if not art.dateline or art.paras:
            continue
        line = art.dateline_line or art.line
        after = page.articles[index + 1] if index + 1 < len(page.articles) else None
        if after is not None and not art.closed and not art.byline_of_dateline and _opened_by_byline(after):
            after.dateline, after.dateline_line, after.dateline_text = art.dateline, line, art.dateline_text
            notes.add(line, f"dateline '{art.dateline}' opens no paragraph: a byline line followed it; "
                      f"moved to the paragraph after that byline ('{after.byline}', line {after.line})")
        else:
            art.paras.append(ParaDraft([art.dateline_text or art.dateline], line, line))
            notes.add(line, f"dateline '{art.dateline}' has no paragraph after it (lost in OCR?): "
                      "kept as the article's text")
        art.dateline = None


def _opened_by_byline(art: ArticleDraft) -> bool:
    """Whether an article began with a byline line and then its paragraphs, nothing else."""
    heads = art.headline or art.kicker or art.subheadline
    return not heads and not art.dateline and bool(art.byline) and bool(art.paras) and art.line < art.paras[0].line
