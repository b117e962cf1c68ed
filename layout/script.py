"""Which script an issue is written in: Simplified (zh-Hans) or Traditional (zh-Hant).

In: an `Issue`. Out: a `Script`. The typesetter words the jump lines it writes in the
issue's script (下转 / 下轉), the PDF and the EPUB declare it as their language.
"""

from __future__ import annotations

import codecs
import enum

from layout.model import Issue

# Frequent characters whose Simplified and Traditional forms differ (简繁 pairs).
# Counting them tells a Traditional paper (香港, 台湾, 澳门) from a Simplified one;
# a table, not branches (house style §5).
_SIMPLIFIED = "这们个为会国说时来对发经过后进实现学动么长门问间还边开关与东车书见让认记"
_TRADITIONAL = "這們個為會國說時來對發經過後進實現學動麼長門問間還邊開關與東車書見讓認記"


# The characters of the tool's own wording (the EPUB's 目录, 印刷版页码, its accessibility
# summary, a cover's 头版要目) that Traditional writes otherwise: for that wording only,
# not a conversion of anyone's text.
_OWN_WORDING = str.maketrans("录导览页码头报纸电顺级两题并图说标",
                             "錄導覽頁碼頭報紙電順級兩題並圖說標")


class Script(enum.Enum):
    """The script, as its BCP 47 subtag."""

    HANS = "Hans"
    HANT = "Hant"

    @property
    def language(self) -> str:
        """The BCP 47 language tag: zh-Hans or zh-Hant."""
        return f"zh-{self.value}"

    def language_in(self, region: str | None) -> str:
        """The language tag of this script as written in `region` (an ISO 3166 code, see
        `Paper.region`): zh-HK, zh-MO, zh-TW for Traditional there (a reader then draws
        that region's forms), zh-SG, zh-MY for Simplified there, else `language`."""
        regional = _REGIONAL_TAGS[self].get(region or "")
        return regional or self.language

    def word(self, text: str) -> str:
        """The tool's own wording (written Simplified in the code) in this script."""
        return text.translate(_OWN_WORDING) if self is Script.HANT else text


_REGIONAL_TAGS = {Script.HANT: {"HK": "zh-HK", "MO": "zh-MO", "TW": "zh-TW"},
                  Script.HANS: {"SG": "zh-SG", "MY": "zh-MY"}}


def script_of(language: str) -> Script:
    """zh-Hant (or zh-Hant-HK, zh-TW …) -> HANT; anything else HANS."""
    return Script.HANT if language in ("zh-TW", "zh-HK", "zh-MO") or "-Hant" in language else Script.HANS


def detect_script(issue: Issue) -> Script:
    """Traditional when its forms outnumber Simplified-only ones, else Simplified.

    The count is made in C, with no object per character: the text is encoded with a
    charmap (the mechanism of Python's 8-bit codecs) that writes each table character as
    its own byte and, under `ignore`, nothing for any other; the bytes are then counted
    by value. 200 pages (1.1 million characters): 18 -> 6 ms; a regex `findall` over
    each text made a string for each of the ~90,000 matches.
    """
    found, _ = codecs.charmap_encode("".join([text for _, text in issue.texts()]), "ignore", _TABLE_BYTES)
    traditional = len(found) - len(found.translate(None, _TRADITIONAL_BYTES))
    simplified = len(found) - len(found.translate(None, _SIMPLIFIED_BYTES))
    return Script.HANT if traditional > simplified else Script.HANS


# byte 0 is NUL (else `charmap_build` makes a slow dict), bytes 1-36 the Simplified
# table, 37-72 the Traditional one; U+FFFE marks the bytes left unused. The 72 table
# characters are distinct, so each byte counts exactly one of them.
_TABLE_BYTES = codecs.charmap_build("\x00" + _SIMPLIFIED + _TRADITIONAL
                                    + "\ufffe" * (255 - len(_SIMPLIFIED) - len(_TRADITIONAL)))
_SIMPLIFIED_BYTES = bytes(range(1, 1 + len(_SIMPLIFIED)))
_TRADITIONAL_BYTES = bytes(range(1 + len(_SIMPLIFIED), 1 + len(_SIMPLIFIED) + len(_TRADITIONAL)))
