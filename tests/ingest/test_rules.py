"""One test per ingest rule: a small OCR input and the fields it must produce."""

from __future__ import annotations

import time

import pytest

from layout.ingest import classify as cl
from layout.ingest import ingest_text
from layout.ingest.normalize import clean_heading, clean_text
from layout.model import Paragraph, Subhead

from ingest_helpers import only_article


@pytest.mark.parametrize(("raw", "expected"), [
    ("中亚五 国", "中亚五国"),
    ("2月16 日,市长", "2月16日，市长"),
    ("第 20次 会议", "第20次会议"),
    ("Hello World 很好", "Hello World很好"),
    ("邮箱 llrbywb@163.com 联系", "邮箱llrbywb@163.com联系"),
    ("王\U0002c27c 说", "王\U0002c27c说"),  # 通用规范汉字表 has Ext-B..E characters too
    ("\U00020bb7 家 \U0002b5e7 村", "\U00020bb7家\U0002b5e7村"),
])
def test_line_break_spaces_go_meaningful_spaces_stay(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ('习近平指出,中国(北京)好!对吗?是:的;', "习近平指出，中国（北京）好！对吗？是：的；"),
    ('主题为"互利共赢"和"携手"', "主题为“互利共赢”和“携手”"),
    ("中国-中亚命运共同体", "中国—中亚命运共同体"),
    ("邮发代号21-28,增长2.5%,共1,000人", "邮发代号21-28，增长2.5%，共1,000人"),
    ("见 https://a.cn/x?a=1,b 与 a@b.cn", "见https://a.cn/x?a=1,b与a@b.cn"),
    ('"团结一批评一团结"', "“团结一批评一团结”"),  # 一 may be real: left alone
])
def test_punctuation_is_set_chinese_style(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_quotes_pair_across_joined_strips() -> None:
    art, _ = only_article('标题在这里不长\n\n忠心做到"两个维\n\n护"。要站位全局。')
    assert art.body[0].text == "忠心做到“两个维护”。要站位全局。"


def test_parallel_heading_keeps_its_space_a_broken_title_does_not() -> None:
    assert clean_heading("突破新优势 勃发新生机") == "突破新优势\u3000勃发新生机"
    assert clean_heading("张广勇与中建上信董事长 孙继辉一行举行工作会谈") == "张广勇与中建上信董事长孙继辉一行举行工作会谈"


@pytest.mark.parametrize(("raw", "expected"), [
    ("坚定信心\u3000真抓实干", "坚定信心\u3000真抓实干"),
    ("坚定信心  真抓实干", "坚定信心\u3000真抓实干"),
    ("稳增长\u3000促改革  调结构", "稳增长\u3000促改革\u3000调结构"),
    ("坚定 信心\u3000真抓 实干", "坚定信心\u3000真抓实干"),  # stray spaces inside a phrase still go
    ('"坚定信心  真抓实干"', "“坚定信心\u3000真抓实干”"),  # quotes pair across the gap
    ("全国两会 今日开幕", "全国两会今日开幕"),  # one space: a title broken over two lines
    ("中国\u3000赢", "中国赢"),  # a one-character side is no phrase
    ("5G  手机 销量", "5G手机销量"),
])
def test_a_wide_gap_between_heading_phrases_is_kept_full_width(raw: str, expected: str) -> None:
    assert clean_heading(raw) == expected


def test_a_headline_in_two_phrases_keeps_its_gap_the_body_does_not() -> None:
    art, _ = only_article("坚定信心\u3000真抓实干\n\n本报评论员\n\n踏上新征程,要坚定信心  真抓实干。\n\n"
                          "稳住经济  大盘\n\n第二段 正文。")
    assert art.headline == "坚定信心\u3000真抓实干"
    assert [b.text for b in art.body] == ["踏上新征程，要坚定信心真抓实干。", "稳住经济\u3000大盘", "第二段正文。"]
    assert isinstance(art.body[1], Subhead)


def test_blank_line_split_mid_sentence_is_joined() -> None:
    art, _ = only_article("某县召开工作会议\n\n会议指出,要加快 推进\n\n项目建设。\n\n会议要求,各部门 抓好落实。")
    assert [b.text for b in art.body] == ["会议指出，要加快推进项目建设。", "会议要求，各部门抓好落实。"]


def test_paragraph_opener_is_not_joined_to_an_unfinished_one() -> None:
    art, issue = only_article("某县召开工作会议\n\n会议指出,要以专业镇建设助推高\n\n同时,按照方案要求推进。")
    assert len(art.body) == 2
    assert any("ends mid-sentence" in n for n in issue.notes)


def test_news_lead_goes_to_byline() -> None:
    art, _ = only_article("某县召开工作会议\n\n本报讯 (记者 付永文) 2月16 日,市长主持会议。")
    assert art.byline == "本报讯（记者 付永文）"
    assert art.body[0].text == "2月16日，市长主持会议。"


def test_dateline_is_stripped_into_its_field() -> None:
    art, _ = only_article("某某会议在京召开\n\n新华社北京2月16日电 中共中央 政治局召开会议。")
    assert art.dateline == "新华社北京2月16日电"
    assert art.body[0].text == "中共中央政治局召开会议。"


@pytest.mark.parametrize(("lead", "dateline", "byline"), [
    ("（中央社記者王小明台北17日電）", "中央社記者王小明台北17日電", None),
    ("(中央社記者王小明台北17日電)", "中央社記者王小明台北17日電", None),
    ("中央社台北17日電 ", "中央社台北17日電", None),
    ("中央社記者林宏翰東京17日專電 ", "中央社記者林宏翰東京17日專電", None),
    ("中央社台北17日电（记者 王小明）", "中央社台北17日电", "记者 王小明"),
    ("（中央社記者王小明、李大華台北17日電）", "中央社記者王小明、李大華台北17日電", None),
    ("中央社記者王小明,李大華,陳三台北17日電 ", "中央社記者王小明，李大華，陳三台北17日電", None),
])
def test_a_cna_dateline_is_stripped_into_its_field(lead: str, dateline: str, byline: str | None) -> None:
    art, _ = only_article(f"行政院會通過 新年度預算\n\n{lead}行政院今天 召開院會,通過預算案。")
    assert (art.dateline, art.byline, art.body[0].text) == (dateline, byline, "行政院今天召開院會，通過預算案。")


def test_an_unclosed_bracket_before_a_cna_dateline_leaves_it_in_the_text() -> None:
    art, _ = only_article("行政院會通過新年度預算\n\n（中央社台北17日電 行政院今天召開院會。")
    assert art.dateline is None and art.body[0].text == "（中央社台北17日電行政院今天召開院會。"


@pytest.mark.parametrize("credit", ["本报记者 王七 摄影", "記者 李小明 攝影", "新华社记者 王五 摄"])
def test_a_credit_ending_in_she_ying_is_a_credit_not_a_byline(credit: str) -> None:
    art, _ = only_article(f"某县召开工作会议\n\n正文第一段。\n\n{credit}")
    assert art.credit == credit and art.byline is None


def test_byline_line_and_photo_credit() -> None:
    art, _ = only_article("春日胜黄金光景一时新\n\n□ 本报记者 康桂芳\n\n正文第一段。\n\n记者 刘亮亮 摄")
    assert art.byline == "□ 本报记者 康桂芳"
    assert art.credit == "记者 刘亮亮 摄"


def test_names_with_characters_beyond_the_bmp() -> None:
    art, _ = only_article("春日胜黄金光景一时新\n\n□ 本报记者 王\U0002c27c\n\n正文第一段。\n\n"
                          "记者 \U00020bb7亮亮 摄")
    assert art.byline == "□ 本报记者 王\U0002c27c"
    assert art.credit == "记者 \U00020bb7亮亮 摄"


def test_jump_is_moved_out_of_the_text() -> None:
    art, _ = only_article("某县召开工作会议\n\n是全国最大的白酒生产基地,(下转2版)")
    assert art.jump == "下转2版"
    assert art.body[0].text == "是全国最大的白酒生产基地，"


def test_dash_led_subheadline_without_headline() -> None:
    issue, _ = ingest_text("-我市培育特色专业镇发展纪实\n\n□ 本报记者 康桂芳\n\n正文。", "t.txt")
    art = issue.articles()[0]
    assert (art.headline, art.subheadline) == (None, "——我市培育特色专业镇发展纪实")
    assert any("headline was lost" in n for n in issue.notes)


def test_headline_group_headline_then_subheadlines() -> None:
    art, issue = only_article("中共中央政治局常务委员会召开会议\n\n听取近期新冠疫情防控工作情况汇报\n\n"
                              "中共中央总书记习近平主持会议\n\n新华社北京2月16日电 会议召开。")
    assert art.headline == "中共中央政治局常务委员会召开会议"
    assert art.subheadline == "听取近期新冠疫情防控工作情况汇报\u3000中共中央总书记习近平主持会议"
    assert any("headline group of 3 lines" in n for n in issue.notes)


def test_short_first_line_is_a_kicker() -> None:
    art, _ = only_article("坚持稳中求进\n\n全市经济运行总体平稳持续向好态势明显\n\n本报讯 全年增长5%。")
    assert (art.kicker, art.headline) == ("坚持稳中求进", "全市经济运行总体平稳持续向好态势明显")


def test_short_heading_inside_an_article_is_a_subhead() -> None:
    art, _ = only_article("某县召开工作会议\n\n第一段正文。\n\n突破新优势 勃发新生机\n\n第二段正文。")
    assert isinstance(art.body[1], Subhead) and art.body[1].text == "突破新优势\u3000勃发新生机"
    assert all(isinstance(b, Paragraph) for b in (art.body[0], art.body[2]))


def test_displaced_strip_is_put_back_by_brackets_and_word_evidence() -> None:
    text = ("市政府召开常务会议\n\n本报讯 会议讨论了《政府工作报告(讨论稿)》和《计划报告(讨\n\n"
            "会议听取了起草说明。\n\n论稿)》。")
    art, issue = only_article(text)
    assert art.body[0].text.endswith("《计划报告（讨论稿）》。")
    assert any("moved strip '论稿)》。'" in n for n in issue.notes)


def test_strips_sandwiched_in_a_paragraph_are_set_aside() -> None:
    text = ("某县召开工作会议\n\n要加强医疗物资生产,做好生产保\n\n会议还研究了。\n\n供,完善储备制度和目录,巩固物资统筹调配机制。")
    issue, _ = ingest_text(text, "t.txt")
    art = issue.articles()[0]
    assert art.body[0].text == "要加强医疗物资生产，做好生产保供，完善储备制度和目录，巩固物资统筹调配机制。"
    assert any("会议还研究了。" in n for n in issue.notes)


def test_lost_byline_tail_goes_to_notes() -> None:
    art, issue = only_article("张广勇与孙继辉一行举行工作会谈\n\n文)2月16日,市长张广勇与客人会谈。")
    assert art.body[0].text == "2月16日，市长张广勇与客人会谈。"
    assert any("'文)'" in n for n in issue.notes)


def test_noise_and_garbage_go_to_notes() -> None:
    issue, warnings = ingest_text("中共某市委机关报 🥰 某市日报社出版\n\n> 第1期 今日4版\n\n某县召开工作会议\n\n"
                                  "正文。\n\n府 m I稿", "t.txt")
    notes = " ".join(issue.notes)
    assert "🥰" in notes and "'>'" in notes and "府 m I稿" in notes
    assert issue.paper.name == "某市日报" and issue.issue.number == 1
    assert any(w.startswith("t.txt:9:") and "府 m I稿" in w for w in warnings)


@pytest.mark.parametrize(("marker", "number", "section"), [
    ("第2版", 2, None), ("第十二版 国际", 12, "国际"), ("A3 要闻", 3, "要闻"), ("4 综合", 4, "综合"),
])
def test_page_markers(marker: str, number: int, section: str | None) -> None:
    issue, _ = ingest_text(f"{marker}\n\n某县召开工作会议\n\n正文。", "t.txt")
    assert (issue.pages[0].number, issue.pages[0].section) == (number, section)


def test_form_feed_starts_a_page() -> None:
    issue, _ = ingest_text("某县召开工作会议\n\n正文。\f另一县召开工作会议\n\n正文。", "t.txt")
    assert [p.number for p in issue.pages] == [1, 2]


def test_hard_wrapped_block_is_joined_paragraph_per_line_is_not() -> None:
    wrapped = "某县召开工作会议\n本报讯 全县各级各部门认真贯彻落实。\n会议精神要求抓紧推进各项重点工作。\n确保全年目标任务顺利完成见到实效。\n会议要求，抓好落实。"
    art, _ = only_article(wrapped)
    assert len(art.body) == 2 and art.body[0].text.endswith("见到实效。")
    per_line = "某县召开工作会议\n本报讯 第一段很短。\n第二段稍微长一些的内容。\n第三段。"
    art, _ = only_article(per_line)
    assert [b.text for b in art.body] == ["第一段很短。", "第二段稍微长一些的内容。", "第三段。"]


def _orphan_page(long_body: str) -> str:
    """A short report, a long article, an article that jumps, then an orphan paragraph
    that continues the short report (its speaker and its 《》 title are the report's)."""
    return (
        "市政府召开第九次常务会议\n\n"
        "本报讯 (记者 王红) 3月2日,市长李明主持召开市政府第9次常务会议,"
        "讨论《政府工作报告(讨论稿)》。与会人员结合工作实际提出修改意见。\n\n"
        f"市人大常委会党组召开民主生活会\n\n{long_body}\n\n"
        "特色产业园区建设加快推进\n\n"
        "本报讯 (记者 张华) 全市各地加快推进特色产业园区建设,一批项目陆续开工,(下转2版)\n\n"
        "在认真听取发言后,李明指出,起草好《政府工作报告》,是政府的法定职责。"
        "报告起草组要充分吸收各方意见建议,努力形成符合实际的好报告。\n"
    )


_COMMON = ("会议要求，要深入贯彻落实党的二十大精神，把各项工作落到实处。要坚持问题导向，推动全年工作任务高效落实，"
           "凝聚发展力量。要加强自身建设，提高履职能力水平，更好服务全市经济社会发展大局。要统一思想、统一行动，"
           "全心全意谋发展、坚定不移抓落实。会议指出，要认真总结经验，形成工作合力，推动各项工作取得实效。"
           "要坚持实事求是，结合实际抓好整改，确保各项工作落地见效。")


def test_orphan_joins_the_short_article_it_continues_not_the_longest() -> None:
    issue, _ = ingest_text(_orphan_page(_COMMON * 2), "t.txt")
    report = next(a for a in issue.articles() if a.headline == "市政府召开第九次常务会议")
    assert report.body[-1].text.startswith("在认真听取发言后，李明指出")
    assert [a.headline for a in issue.articles()] == [
        "市政府召开第九次常务会议", "市人大常委会党组召开民主生活会", "特色产业园区建设加快推进"]


def test_orphan_sharing_wording_with_two_articles_stays_apart_with_a_note() -> None:
    # the long article uses the orphan's own phrases too: no article clearly wins
    echo = "班子成员充分吸收各方意见建议，努力形成符合实际的整改清单。要履行法定职责，认真听取群众意见。"
    issue, _ = ingest_text(_orphan_page(_COMMON + echo), "t.txt")
    assert len(issue.articles()) == 4 and issue.articles()[-1].headline is None
    assert any("matches no article on this page clearly" in n for n in issue.notes)


@pytest.mark.parametrize("byline", [
    "本报评论员", "本报特约评论员", "新华社评论员", "人民日报评论员", "光明日报评论员 张三", "人民日报评论部",
    "本報評論員", "新華社特約評論員", "□ 本报评论员",
])
def test_commentator_lines_are_bylines(byline: str) -> None:
    art, _ = only_article(f"坚定信心 真抓实干\n\n{byline}\n\n踏上新征程,要坚定信心、真抓实干。")
    assert (art.byline, art.subheadline) == (byline, None)


def test_a_headline_that_ends_in_commentator_stays_a_headline() -> None:
    art, _ = only_article("做新时代的合格评论员\n\n本报讯 正文。")
    assert art.headline == "做新时代的合格评论员"


def test_a_page_marker_after_the_masthead_names_the_same_page() -> None:
    issue, _ = ingest_text("某市日报\n\n2024年3月11日\n\nA1 要闻\n\n某县召开工作会议\n\n正文。", "t.txt")
    assert [(p.number, p.section, len(p.articles)) for p in issue.pages] == [(1, "要闻", 1)]
    assert issue.issue.date == "2024-03-11"


def test_a_page_marker_for_another_page_still_starts_one() -> None:
    issue, _ = ingest_text("某县召开工作会议\n\n正文。\n\n第2版\n\n另一县召开工作会议\n\n正文。\n\n"
                           "第2版\n\n第三县召开工作会议\n\n正文。", "t.txt")
    assert [p.number for p in issue.pages] == [1, 2, 2]


@pytest.mark.parametrize(("tail", "jump"), [("(下轉A4)", "下轉A4"), ("（转B2版）", "转B2版"), ("(下转第四版)", "下转第四版")])
def test_jump_to_a_lettered_page(tail: str, jump: str) -> None:
    art, _ = only_article(f"某县召开工作会议\n\n是全国最大的白酒生产基地。{tail}")
    assert (art.jump, art.body[0].text) == (jump, "是全国最大的白酒生产基地。")


def test_jump_from_a_lettered_page() -> None:
    issue, _ = ingest_text("第2版\n\n（上接A1）要扎实推进高质量发展。", "t.txt")
    art = issue.articles()[0]
    assert (art.jump, art.body[0].text) == ("上接A1", "要扎实推进高质量发展。")


@pytest.mark.parametrize(("lead", "byline"), [
    ("【明報專訊】", "【明報專訊】"), ("【本报讯】", "【本报讯】"),
    ("〔記者 王小明/台北報導〕", "〔記者 王小明/台北報導〕"), ("【記者王小明、李大華／台北報導】", "【記者王小明、李大華／台北報導】"),
])
def test_a_bracketed_lead_is_the_byline(lead: str, byline: str) -> None:
    art, _ = only_article(f"港珠澳大橋 車流創新高\n\n{lead}特區政府昨日公布,車流創新高。")
    assert (art.byline, art.body[0].text) == (byline, "特區政府昨日公布，車流創新高。")


@pytest.mark.parametrize("byline", ["本報記者 林小華/台北報導", "記者陳大同／嘉義報導", "本报记者 张三、李四"])
def test_a_byline_line_with_where_it_was_filed(byline: str) -> None:
    art, _ = only_article(f"出口 連5黑 衰退逾2成\n\n{byline}\n\n財政部昨天公布2月出口統計。")
    assert (art.byline, art.subheadline) == (byline, None)


@pytest.mark.parametrize(("text", "byline", "body"), [
    ("新京报讯（记者 张三）昨日,地铁开通。", "新京报讯（记者 张三）", "昨日，地铁开通。"),
    ("南都讯 记者 张三 通讯员 李四 昨日, 地铁 开通。", "南都讯 记者 张三 通讯员 李四", "昨日，地铁开通。"),
    ("快讯 平台 昨日 发布 数据。", None, "快讯平台昨日发布数据。"),
    ("通讯员 李四 说, 地铁 开通。", None, "通讯员李四说，地铁开通。"),
])
def test_another_papers_lead_needs_who_wrote_it(text: str, byline: str | None, body: str) -> None:
    art, _ = only_article(f"广州地铁 新线 年内开通\n\n{text}")
    assert (art.byline, art.body[0].text) == (byline, body)


@pytest.mark.parametrize("byline", ["□南都记者 王五", "新京报记者 张三 李四", "南都记者 王五", "■ 羊城晚报记者 赵六"])
def test_a_reporter_of_another_paper(byline: str) -> None:
    art, _ = only_article(f"深圳 发布 人才新政\n\n{byline}\n\n深圳市人社局昨日发布新一轮人才引进政策。")
    assert (art.byline, art.subheadline) == (byline, None)


def test_a_byline_read_above_its_headline_joins_it() -> None:
    text = "某县召开工作会议\n\n本报讯 正文。\n\n□ 本报记者 王五\n\n深圳 发布 人才新政\n\n深圳市人社局昨日发布政策。"
    issue, _ = ingest_text(text, "t.txt")
    assert [(a.headline, a.byline) for a in issue.articles()] == [
        ("某县召开工作会议", "本报讯"), ("深圳发布人才新政", "□ 本报记者 王五")]
    assert any("stood before this headline" in n for n in issue.notes)


def test_an_article_continued_from_and_to_other_pages_keeps_both_jumps_somewhere() -> None:
    issue, _ = ingest_text("第2版\n\n（上接1版）要扎实推进高质量发展。（下转3版）", "t.txt")
    art = issue.articles()[0]
    assert (art.jump, art.body[0].text) == ("下转3版", "要扎实推进高质量发展。")
    assert any("jump '上接1版' replaced by '下转3版'" in n for n in issue.notes)


def test_an_unclosed_bracket_before_many_reporter_words_is_read_in_linear_time() -> None:
    # the bracketed-lead pattern once backtracked exponentially here (2.5 s at 22 names)
    text = "【" + "记者 张三 " * 22 + "正文。"
    start = time.perf_counter()
    assert cl.match_lead(text) is None
    assert time.perf_counter() - start < 0.5
