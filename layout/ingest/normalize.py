"""Text clean-up inside one field: line-break spaces and Chinese punctuation.

`clean_text` takes raw OCR text (already joined from its lines) and returns what Chinese
print would show: no spaces that line breaks left between Han characters, half-width
, : ; ( ) ! ? set full-width in Chinese context, straight quotes paired as “ ”, and a
hyphen between two Han characters set as a dash (GB/T 15834 连接号). E-mail addresses,
URLs, numbers (21-28, 2.5%, 1,000, 10:30) and Latin text keep their half-width forms.
All passes are linear in the length of the text.
"""

from __future__ import annotations

import re

from layout.ingest.chars import FULL_WIDTH, han_count, is_cjk, is_han

SPACE_RUN = re.compile(r"\s+")
# Addresses whose punctuation must stay ASCII.
PROTECTED = re.compile(r"(?:https?://|www\.)[A-Za-z0-9./_%?=&#:~+-]+"
                       r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", re.ASCII)
TOKEN = re.compile(r"\S+")
LATIN_LETTER = re.compile(r"[A-Za-z]")
PARALLEL_MAX = 7  # a heading part this short, beside another, is a parallel phrase (对仗)
# A gap the OCR read wide (a full-width space, or two spaces or more): a heading's 1-em
# gap between phrases, kept when each phrase has at least PHRASE_MIN_HAN Han.
WIDE_GAP = re.compile(r"\s*\u3000\s*|\s{2,}")
PHRASE_MIN_HAN = 2


def clean_text(raw: str) -> str:
    """Remove line-break spaces and normalise punctuation of one paragraph or title."""
    return remove_break_spaces(normalize_punct(raw))


def clean_heading(raw: str) -> str:
    """Like clean_text, but keep the gap between the phrases of a heading as a full-width space.

    A heading set in phrases ("坚定信心　真抓实干") has a 1-em gap, which the OCR reads as a
    full-width space or as two or more spaces: kept when each phrase has at least
    `PHRASE_MIN_HAN` Han. A single space is what a line break leaves as often as a set
    gap ("全国两会 今日开幕" is one title broken over two lines), so only two parallel
    phrases keep it (`_parallel`).
    """
    text = normalize_punct(raw.strip())  # on the whole: a quote may open in one phrase, close in the next
    phrases = [p for p in WIDE_GAP.split(text) if p.strip()]
    if len(phrases) > 1 and all(han_count(p) >= PHRASE_MIN_HAN for p in phrases):
        return "\u3000".join(_clean_phrase(p) for p in phrases)
    return _clean_phrase(raw)


def _clean_phrase(raw: str) -> str:
    """clean_text, keeping a single space between two parallel phrases as a full-width space.

    "突破新优势 勃发新生机" is two parallel phrases set apart on purpose, while
    "张广勇与中建上信董事长 孙继辉一行举行工作会谈" is one title broken over two lines.
    """
    parts = [p for p in SPACE_RUN.split(raw.strip()) if p]
    if len(parts) == 2 and _parallel(parts[0], parts[1]):
        return "\u3000".join(clean_text(p) for p in parts)
    return clean_text(raw)


def _parallel(left: str, right: str) -> bool:
    """Two all-Han phrases of equal length that repeat a character in the same place.

    That is how 对仗 headings read (突破新优势 勃发新生机, 激发新动能 打造新引擎); a title
    merely broken in two (港珠澳大桥 车流创新高) rarely does, and then the space goes.
    """
    if len(left) != len(right) or not 4 <= len(left) <= PARALLEL_MAX:
        return False
    if not all(is_han(ch) for ch in left + right):
        return False
    return any(a == b for a, b in zip(left, right))


def collapse_spaces(raw: str) -> str:
    """Collapse runs of whitespace to one space (for bylines: 记者 付永文 keeps its space)."""
    return SPACE_RUN.sub(" ", raw).strip()


def remove_break_spaces(raw: str) -> str:
    """Drop whitespace that touches CJK text; keep one space between Latin words or numbers."""
    text = raw.strip()

    def replace(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() > 0 else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if not before or not after or is_cjk(before) or is_cjk(after):
            return ""
        return " "

    return SPACE_RUN.sub(replace, text)


def normalize_punct(text: str) -> str:
    """Set half-width punctuation full-width in Chinese context and pair straight quotes."""
    chars = list(text)
    protected = _protected_mask(text)
    _convert_parens(chars, protected)
    for i, ch in enumerate(chars):
        if protected[i]:
            continue
        if ch in FULL_WIDTH and ch not in "()" and _chinese_context(chars, i):
            chars[i] = FULL_WIDTH[ch]
        elif ch == "-" and _between_han(chars, i):
            chars[i] = "\u2014"
    _pair_quotes(chars, protected)
    return "".join(chars)


def _protected_mask(text: str) -> list[bool]:
    """Mark the characters of URLs, e-mail addresses and Latin tokens (no CJK, some letters)."""
    mask = [False] * len(text)
    for match in PROTECTED.finditer(text):
        for i in range(match.start(), match.end()):
            mask[i] = True
    for match in TOKEN.finditer(text):
        token = match.group(0)
        if LATIN_LETTER.search(token) and not any(is_cjk(ch) for ch in token):
            for i in range(match.start(), match.end()):
                mask[i] = True
    return mask


def _neighbour(chars: list[str], i: int, step: int) -> str:
    """The nearest non-space character from i in direction step, or ''."""
    j = i + step
    while 0 <= j < len(chars) and chars[j].isspace():
        j += step
    return chars[j] if 0 <= j < len(chars) else ""


def _chinese_context(chars: list[str], i: int) -> bool:
    """Whether the mark at i stands beside Chinese text (and is not inside a number)."""
    before, after = _neighbour(chars, i, -1), _neighbour(chars, i, 1)
    if chars[i] in ",:" and before.isdigit() and after.isdigit():
        return False  # 1,000 and 10:30
    return is_cjk(before) or is_cjk(after)


def _between_han(chars: list[str], i: int) -> bool:
    """Whether a hyphen joins two Han characters (中国-中亚 is a dash, 21-28 is not)."""
    return is_han(_neighbour(chars, i, -1)) and is_han(_neighbour(chars, i, 1))


def _convert_parens(chars: list[str], protected: list[bool]) -> None:
    """Set a ( ) pair full-width when it encloses or touches Chinese; lone ones by context."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(chars):
        if protected[i]:
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                pairs.append((stack.pop(), i))
            elif _chinese_context(chars, i):
                chars[i] = "）"
    for i in stack:
        if _chinese_context(chars, i):
            chars[i] = "（"
    for start, end in pairs:
        inner_cjk = any(is_cjk(c) for c in chars[start + 1 : min(end, start + 40)])
        if inner_cjk or _chinese_context(chars, start) or _chinese_context(chars, end):
            chars[start], chars[end] = "（", "）"


def _pair_quotes(chars: list[str], protected: list[bool]) -> None:
    """Turn straight double quotes into “ ” alternately, respecting curly quotes already there."""
    if not any(ch == '"' for ch in chars):
        return
    if not any(is_cjk(ch) for ch in chars):
        return  # Latin text keeps its straight quotes
    is_open = False
    for i, ch in enumerate(chars):
        if ch == "“":
            is_open = True
        elif ch == "”":
            is_open = False
        elif ch == '"' and not protected[i]:
            chars[i] = "”" if is_open else "“"
            is_open = not is_open
