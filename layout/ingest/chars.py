"""Character classes and word tables that the ingest rules read.

The CJK rules are data here, not branches in the code (house style §5): adding a
Traditional form or a new byline word is a one-line change to a table.
Punctuation classes follow GB/T 15834—2011 as restated by W3C clreq.
"""

from __future__ import annotations

import re

# Han ideographs (URO, Ext A, compatibility, and Ext B-H in planes 2 and 3: 通用规范汉字表
# has 196 characters there, many in personal and place names) plus the iteration mark 〇.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\U00020000-\U0003134f"
# one Han character in a name (a byline, a photo credit), with the 间隔号 of foreign names
NAME_CHAR = f"[{HAN}·]"
# A name transliterated in parts joined by the 间隔号 (阿依古丽·买买提), longer than 4
TRANSLITERATED_NAME = f"[{HAN}]{{1,8}}(?:[·・][{HAN}]{{1,8}})+"
# Kana and Hangul count as CJK text too (spaces around them are line-break spaces).
KANA_HANGUL = "\u3040-\u30ff\uac00-\ud7af"
# Full-width CJK punctuation and forms: 、。〈〉《》「」『』【】〔〕〖〗…—“”‘’（），：；？！
CJK_PUNCT = ("\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
             "\u2014\u2026\u201c\u201d\u2018\u2019\u00b7\u2e3a")

HAN_RE = re.compile(f"[{HAN}]")
# CJK text that is not Han: is_cjk asks HAN_RE first, so the Han ranges are compiled once
# (sre builds each use of a big class anew, about 1 ms for Han)
CJK_NOT_HAN_RE = re.compile(f"[{KANA_HANGUL}{CJK_PUNCT}]")

# Sentence-final marks: a paragraph ending in one of these is complete (GB/T 15834 句末点号),
# also when a closing quote or bracket follows them.
SENTENCE_END = "。！？!?…"
CLOSERS_AFTER_END = "”’」』）)》"
# A block ending in one of these is unfinished: the next block continues it.
CLAUSE_MARKS = "，,、；;：:"
# Opening and closing brackets, as pairs (closing -> opening).
BRACKET_PAIRS = {")": "(", "）": "（", "》": "《", "〉": "〈", "」": "「", "』": "『", "】": "【", "］": "［", "”": "“"}
OPENERS = set(BRACKET_PAIRS.values())
CLOSERS = set(BRACKET_PAIRS)

# Half-width marks that Chinese print sets full-width when they stand in Chinese context.
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}

# Characters a headline never ends with: function words that leave a clause open.
OPEN_ENDINGS = set("的和与及在对把将了着是为向从于并而或被让使由等其之以及到")

# Words that open a new paragraph; a block starting with one does not continue the
# previous unfinished block (its continuation was lost).
PARAGRAPH_OPENERS = (
    "同时", "此外", "另外", "会上", "会议指出", "会议强调", "会议要求", "会议认为", "据悉", "据了解",
    "目前", "近年来", "近日", "当前", "其中", "与此同时", "对此", "因此", "然而", "随后", "今年以来",
    "本报讯", "本報訊", "新华社", "新華社", "此前", "另據", "據悉", "會上",
)

# Traditional/Simplified pairs used in the recognisers below.
BYLINE_NEWS = r"(?:本报讯|本報訊|本报电|本報電)"
# Who files a report, as a byline names them: a reporter (本报记者, 记者) with the grade or
# kind a paper prints before 记者 (见习记者 a probationer, 首席记者, 特约记者, 实习记者,
# 摄影记者), a correspondent (通讯员, 特约通讯员) or an intern (实习生).
REPORTER_GRADES = r"(?:见习|見習|首席|特约|特約|实习|實習|摄影|攝影)"
REPORTER = (r"(?:(?:本报|本報)?(?:" + REPORTER_GRADES + r"?(?:记者|記者)|(?:特约|特約)?(?:通讯员|通訊員))"
            r"|实习生|實習生)")
PHOTO = r"(?:摄|攝|摄影|攝影)"
JUMP_WORDS = r"(?:下转|下轉|上接|转|轉|续|續|接)"
AGENCIES = r"(?:新华社|新華社|中新社|中新網|中央社|人民日报|人民日報|本报|本報|央视|央視)"
# 电 or 专电 (a special dispatch: 中央社記者林宏翰東京17日專電)
DISPATCH = r"(?:专|專)?(?:电|電)"
# Where a report was filed, after the reporter's name (Taiwan papers): 記者王小明／台北報導,
# a slash (spaces may stand around it), then the place and 报道
REPORT_SLASH = "[/／]"
REPORTED_FROM = f"[{HAN}]{{2,8}}?" + r"(?:报道|報導|報道)"
# A lead in 【】 or 〔〕 at the start of a report: 【明報專訊】 【本报讯】 〔記者王小明／台北報導〕
LEAD_OPEN, LEAD_CLOSE = "[【〔［]", "[】〕］]"
NEWS_WORDS = r"(?:讯|訊|专讯|專訊)"
LEAD_NEWS = f"[{HAN}]{{0,4}}?" + NEWS_WORDS
# A commentary's byline (本报评论员, 新华社特约评论员, 人民日报评论部): the desk or the
# paper signs it, a name may follow.
COMMENTATOR = r"(?:特约|特約)?(?:评论员|評論員|评论部|評論部)"
# Who a reporter or commentator works for: an agency, a paper, a station or a website
# (新华社, 光明日报, 新京报, 央视网), named before 记者 or 评论员.
MEDIA = r"(?:" + AGENCIES + f"|[{HAN}]{{2,6}}?(?:报|報|社|台|臺|网|網))"
# Column titles that follow 记者 in a heading (本报记者走基层, 记者手记, 记者调查): a name
# never holds one.
COLUMN_WORDS = (r"(?:走基层|走基層|在一线|在一線|看变化|看變化|手记|手記|观察|觀察|调查|調查|探访|探訪"
                r"|连线|連線|专访|專訪|见闻|見聞|日记|日記|蹲点|蹲點|随笔|隨筆|札记|札記)")
# Job titles set after 记者 before the name (本报记者站站长 李四, 记者 部主任 王五): the head of
# a unit (站长, 部长, 處長), and a few desk titles. A name never holds one.
JOB_TITLES = r"(?:[站部处處组組社台臺局厅廳科][长長]|主任|主编|主編|编辑|編輯|总监|總監)"
# Units (记者站, 新闻部, 采访组, 编辑室): no surname is one of these characters and no given
# name ends in one, so a word that begins or ends with one is no name.
UNIT_CHARS = "[站部处處组組室局厅廳]"
# Words a report's first sentence opens with (本报讯 记者 张三 昨日…): a name run into one
# of them (张三昨日) has no clear end.
BODY_START_WORDS = (r"(?:昨日|昨天|今日|今天|近日|日前|近期|目前|今年|去年|本周|上周|连日|連日"
                    r"|当天|當天|当日|當日|记者|記者|据悉|據悉)")
# Verbs of reporting that follow the reporter when a report's first sentence is about them
# (本报讯 记者 从市里 获悉, 记者 走访发现): a word that holds one, or that one follows, is
# the text, not a name.
REPORT_VERBS = r"(?:获悉|獲悉|获知|獲知|得知|了解到|瞭解到|发现|發現|看到|注意到)"
# Characters no Chinese name holds: structural and modal particles, plural 们, and the
# demonstrative and question words (见习记者的一天, 记者们, 这里). A word with one is no name.
NOT_NAME_CHARS = "[的了们們着吗嗎呢吧啊这這哪谁誰]"
# Where a reporter learned something: a preposition (从市里, 向有关部门, 在现场, 于当地),
# then a place or a unit. 从, 向 and 于 are surnames too (向明, 于丹, 从飞), so a word is
# no name only when it both begins with one and ends in a place or unit word; 里 only
# after a place (市里, 县里, 这里: 于万里 is a name).
FROM_WORDS = "[从從向在于於]"
PLACE_ENDS = (r"(?:[市县縣区區省镇鎮村乡鄉内內外处處门門局厅廳委办辦院校所站部场場地]"
              r"|[市县縣区區省镇鎮村乡鄉这這那]里|[市县縣区區省镇鎮村乡鄉这這那]裡)")
# What a common word ends in and a name rarely does: a place or unit (全市, 我县, 各区,
# 全省, 乡镇, 农村), a time (节日, 同时) or a position (上下, 线上, 国内, 海外). OCR leaves
# spaces inside Chinese, so after a name a word of this kind is the text, not a second
# name (本报讯 记者 张三 全市 上下…). 月 and 年 end many given names (明月, 晓月, 永年,
# 延年), so only the time words made with them count (本月, 全年, 近年).
COMMON_WORD_ENDS = "[市县縣区區省镇鎮村乡鄉日时時上下内內外]"
TIME_WORDS = "[本上下每全当當近新元正今去明前往历歷][月年]"
# The marks set before a byline: □ 本报记者 康桂芳
BYLINE_MARK = "[□■◇◆●○]"

# Sentence punctuation that a heading never contains.
HEADING_FORBIDDEN = re.compile(r"[。！？；;，,、：:]|\.\s|[!?](?!$)")

# Emoji, variation selectors, joiners, private-use and replacement characters: OCR
# noise, removed from text and reported in the notes.
NOISE_RE = re.compile("[\U0001f000-\U0001faff\u2600-\u26ff\u2700-\u27bf\ufe0f\u200d\ufffd\ue000-\uf8ff]")


def is_han(ch: str) -> bool:
    """Whether ch is a Han ideograph (the 'Chinese' that decides context)."""
    return bool(HAN_RE.match(ch))


def is_cjk(ch: str) -> bool:
    """Whether ch is CJK text or CJK punctuation (no Latin-style spacing around it)."""
    return bool(HAN_RE.match(ch) or CJK_NOT_HAN_RE.match(ch))


def han_count(text: str) -> int:
    """Number of Han characters in text: a length measure that ignores spaces and Latin."""
    return len(HAN_RE.findall(text))


def ends_sentence(text: str) -> bool:
    """Whether text ends a sentence (。！？… possibly followed by closing quotes/brackets)."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in CLOSERS_AFTER_END:
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in SENTENCE_END


def unmatched_closers(text: str) -> list[str]:
    """Closing brackets in text that have no opening bracket before them."""
    stack: list[str] = []
    lost: list[str] = []
    for ch in text:
        if ch in OPENERS and ch != "“":
            stack.append(ch)
        elif ch in CLOSERS and ch != "”":
            if stack and stack[-1] == BRACKET_PAIRS[ch]:
                stack.pop()
            elif BRACKET_PAIRS[ch] in stack:
                while stack and stack.pop() != BRACKET_PAIRS[ch]:
                    pass
            else:
                lost.append(ch)
    return lost


def unclosed_openers(text: str) -> list[str]:
    """Opening brackets in text still open at its end (a paragraph cut mid-bracket)."""
    stack: list[str] = []
    for ch in text:
        if ch in OPENERS and ch != "“":
            stack.append(ch)
        elif ch in CLOSERS and ch != "”" and BRACKET_PAIRS[ch] in stack:
            while stack and stack.pop() != BRACKET_PAIRS[ch]:
                pass
    return stack


def same_bracket(opener: str, closer: str) -> bool:
    """Whether closer closes opener, across half- and full-width forms: ( matches ）."""
    canon = {"（": "(", "）": ")"}
    return BRACKET_PAIRS.get(canon.get(closer, closer)) == canon.get(opener, opener)
