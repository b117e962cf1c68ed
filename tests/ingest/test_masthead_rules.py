"""Ingest rules for the masthead (报头, 报眼) and the page footer: a small OCR input and
the fields it must produce."""

from __future__ import annotations

import pytest

from layout.ingest import ingest_text

from ingest_helpers import only_article


def test_footer_fields() -> None:
    issue, _ = ingest_text("标题在这里不长\n\n正文。\n\n要闻部主办 本版组版: 李刚 责编:马龙 梁瑜 任霞晖 "
                           "校对:孟柯妤 要闻部邮箱:llrbywb@163.com", "t.txt")
    footer = issue.pages[0].footer
    assert footer is not None
    assert (footer.department, footer.layout_editor, footer.editors, footer.proofreader, footer.email) == (
        "要闻部主办", "李刚", ("马龙", "梁瑜", "任霞晖"), "孟柯妤", "llrbywb@163.com")
    assert issue.pages[0].section == "要闻"


def test_masthead_fields_in_any_order() -> None:
    text = ("第512期 今日4版 星期一\n\n晋中晚报社出版 邮发代号:21-99\n\n2024年3月11日\n\n"
            "国内统一连续出版物号 CN14-0099\n\n某县召开工作会议\n\n正文3月10日。")
    issue, _ = ingest_text(text, "t.txt")
    assert issue.paper.name == "晋中晚报" and issue.paper.postal_code == "21-99"
    assert issue.paper.cn_number == "CN14-0099"
    assert (issue.issue.date, issue.issue.weekday, issue.issue.number, issue.issue.page_count) == (
        "2024-03-11", "星期一", 512, 4)


def test_lost_day_is_inferred_from_weekday_and_latest_dateline() -> None:
    text = "2024年3月\n\n星期一\n\n某县召开工作会议\n\n本报讯 3月8日和3月10日,会议召开。"
    issue, _ = ingest_text(text, "t.txt")
    assert issue.issue.date == "2024-03-11"
    assert any("inferred 11" in n for n in issue.notes)


def test_lost_day_without_evidence_stays_empty() -> None:
    issue, _ = ingest_text("2024年3月\n\n星期一\n\n某县召开工作会议\n\n正文。", "t.txt")
    assert issue.issue.date is None
    assert any("date left empty" in n for n in issue.notes)


def test_masthead_passes_over_a_latin_name_and_decorations_between_its_fields() -> None:
    text = ("某市日报\nMOUSHI RIBAO\n\n★ ★ ★\n\n2024年3月11日 星期一\n\n第512期\n\n"
            "某县召开工作会议\n\n本报讯 正文。")
    art, issue = only_article(text)
    assert (issue.paper.name, issue.issue.date, issue.issue.number) == ("某市日报", "2024-03-11", 512)
    assert art.headline == "某县召开工作会议"
    assert any("'MOUSHI RIBAO' has no field" in n for n in issue.notes)


def test_masthead_ends_at_the_first_line_of_article_text() -> None:
    # filler with Han or digits is taken only when a field line follows it
    issue, _ = ingest_text("某市日报\n\nMOUSHI RIBAO\n\n图 5\n\n某县召开工作会议\n\n2024年3月11日 星期一", "t.txt")
    assert issue.issue.date is None
    assert any("'MOUSHI RIBAO' has no field" in n for n in issue.notes)
    assert not any("'图 5' has no field" in n for n in issue.notes)
    assert not any("OCR garbage 'MOUSHI RIBAO'" in n for n in issue.notes)  # noted once, as masthead
    assert "某县召开工作会议" in [a.headline for a in issue.articles()]


def test_masthead_filler_is_tolerated_only_a_few_lines_in_a_row() -> None:
    issue, _ = ingest_text("某市日报\n\nAB\n\nCD\n\nEF\n\n2024年3月11日\n\n某县召开工作会议\n\n正文。", "t.txt")
    assert issue.paper.name == "某市日报" and issue.issue.date is None


@pytest.mark.parametrize(("line", "field", "expected"), [
    ("癸卯年二月十四 今日20版", "lunar_date", "癸卯年二月十四"),
    ("农历癸卯年闰二月廿九", "lunar_date", "农历癸卯年闰二月廿九"),
    ("農曆癸卯年二月十四日", "lunar_date", "農曆癸卯年二月十四日"),
    ("农历二月初一", "lunar_date", "农历二月初一"),
    ("癸卯年二月十四 今日20版", "page_count", 20),
    ("今日二十四版", "page_count", 24),
    ("第25100號 今日 6大張 24版", "page_count", 24),
    ("第25100號 今日 6大張 24版", "number", 25100),
    ("第27000期 代号1-1", "postal_code", "1-1"),
    ("郵發代號:1-5", "postal_code", "1-5"),
    ("http://paper.people.com.cn", "website", "http://paper.people.com.cn"),
    ("人民网网址:http://www.people.com.cn", "website", "http://www.people.com.cn"),
    ("聯合新聞網 udn.com", "website", "udn.com"),
    ("中華民國112年3月5日 星期日", "date", "2023-03-05"),
    ("中華民國一一二年二月十七日 星期五", "date", "2023-02-17"),
    ("中華民國一百十二年二月十七日", "date", "2023-02-17"),
    ("民國一百零五年十月十日", "date", "2016-10-10"),
    ("二〇二三年三月五日 星期日", "date", "2023-03-05"),
    ("二〇二三年十二月三十一日", "date", "2023-12-31"),
    ("2023年3月5日 周日", "weekday", "周日"),
    ("2023年3月5日 週日", "weekday", "週日"),
    ("南方都市报", "name", "南方都市报"),
    ("中国青年报", "name", "中国青年报"),
    ("明報", "name", "明報"),
    ("聯合報 UNITED DAILY NEWS", "name", "聯合報"),
])
def test_masthead_field_forms(line: str, field: str, expected: str | int) -> None:
    issue, _ = ingest_text(f"{line}\n\n某县召开工作会议\n\n正文。", "t.txt")
    record = issue.paper if hasattr(issue.paper, field) else issue.issue
    assert getattr(record, field) == expected


@pytest.mark.parametrize("date", [
    "中華民國\n112年2月17日 星期五", "中華民國一一二年\n二月十七日 星期五", "民國112年2月\n17日 星期五",
    "中華民國一一二年二月十\n七日\n\n星期五",
])
def test_a_minguo_date_broken_over_two_masthead_lines_is_read_whole(date: str) -> None:
    art, issue = only_article(f"聯合報\n\n{date}\n\n出口 連5黑 衰退逾2成\n\n財政部昨天公布2月出口統計。")
    assert (issue.issue.date, issue.issue.weekday, art.headline) == ("2023-02-17", "星期五", "出口連5黑衰退逾2成")
    assert any("a 民国 date broken over two lines" in n for n in issue.notes)


def test_a_line_after_a_minguo_date_without_day_is_not_joined_to_it() -> None:
    issue, _ = ingest_text("聯合報\n\n中華民國112年2月\n\n17日,市長出席活動並致詞。", "t.txt")
    assert issue.issue.date is None
    assert issue.articles()[0].body[0].text == "17日，市長出席活動並致詞。"
    assert not any("broken over two lines" in n for n in issue.notes)


def test_a_short_issue_number_with_hao_is_not_masthead() -> None:
    issue, _ = ingest_text("第5號颱風 逼近\n\n正文。", "t.txt")
    assert issue.issue.number is None and issue.articles()[0].headline == "第5號颱風逼近"


def test_a_short_name_counts_only_while_the_paper_has_no_name() -> None:
    issue, _ = ingest_text("某市日报\n\n2024年3月11日\n\n喜报\n\n某县召开工作会议\n\n正文。", "t.txt")
    assert issue.paper.name == "某市日报"
    assert not any("second masthead name" in n for n in issue.notes)


def test_a_name_line_beats_the_publisher_line() -> None:
    issue, _ = ingest_text("某市日报社出版\n\n某市晚报\n\n2024年3月11日\n\n某县召开工作会议\n\n正文。", "t.txt")
    assert (issue.paper.name, issue.paper.publisher_line) == ("某市晚报", "某市日报社出版")
    issue, _ = ingest_text("某市日报社出版\n\n2024年3月11日\n\n某县召开工作会议\n\n正文。", "t.txt")
    assert issue.paper.name == "某市日报"


def test_a_price_line_is_masthead_kept_in_the_notes() -> None:
    issue, _ = ingest_text("某市日报\n\n零售价:1.00元\n\n2024年3月11日\n\n某县召开工作会议\n\n正文。", "t.txt")
    assert issue.issue.date == "2024-03-11"
    assert any("'零售价:1.00元' read as price" in n for n in issue.notes)


@pytest.mark.parametrize(("footer", "editors", "layout_editor", "proofreader"), [
    ("本版责编:王一 孙二 版式设计:张三", ("王一", "孙二"), "张三", None),
    ("编辑:周七 美术编辑:吴八 责任校对:郑九", ("周七",), "吴八", "郑九"),
    ("本版编辑:周七 图片编辑:吴八 校对:郑九", ("周七",), None, "郑九"),
    ("責任編輯:陳一 美術編輯:林二 責任校對:黃三", ("陳一",), "林二", "黃三"),
    ("要闻部编辑 责任编辑:张三 组版:李四", ("张三",), "李四", None),
    ("统筹:王一 值班编辑:孙二 版式设计:张三 校对:李四", ("孙二",), "张三", "李四"),
    ("責編:陳一 統籌：林二 值班編輯:黃三", ("陳一", "黃三"), None, None),
    ("值班编辑:孙二 统筹 王一 校对:李四", ("孙二",), None, "李四"),
    ("責編 陳一 統籌 林二 校對 黃三", ("陳一",), None, "黃三"),
])
def test_footer_labels_longest_first(footer: str, editors: tuple[str, ...], layout_editor: str | None,
                                     proofreader: str | None) -> None:
    issue, _ = ingest_text(f"标题在这里不长\n\n正文。\n\n{footer}", "t.txt")
    got = issue.pages[0].footer
    assert got is not None
    assert (got.editors, got.layout_editor, got.proofreader) == (editors, layout_editor, proofreader)


def test_a_weather_box_is_masthead_kept_in_the_notes() -> None:
    issue, _ = ingest_text("某市晚报\n\n今日天气 晴转多云 北风二级 12℃/-1℃\n\n第512期\n\n某县召开工作会议\n\n正文。", "t.txt")
    assert (issue.issue.number, issue.articles()[0].headline) == (512, "某县召开工作会议")
    assert any("read as weather" in n for n in issue.notes)


def test_a_coordinator_footer_keeps_its_names_in_the_notes() -> None:
    issue, _ = ingest_text("标题在这里不长\n\n正文。\n\n统筹:王一 值班编辑:孙二", "t.txt")
    assert issue.pages[0].footer is not None and issue.pages[0].footer.editors == ("孙二",)
    assert any("统筹:王一" in n for n in issue.notes)


def test_a_coordinator_without_a_colon_is_no_footer_label_on_its_own() -> None:
    art, issue = only_article("某县召开工作会议\n\n正文。\n\n统筹 王一 值班编辑 孙二")
    assert issue.pages[0].footer is None
    assert art.body[-1].text == "统筹王一值班编辑孙二"


def test_body_text_about_coordinating_is_not_a_footer() -> None:
    art, issue = only_article("某县召开工作会议\n\n本报讯 要统筹 发展和安全,统筹推进 值班编辑 培训和")
    assert issue.pages[0].footer is None
    assert art.body[0].text.startswith("要统筹发展和安全")


def test_body_text_about_editing_is_not_a_footer() -> None:
    art, issue = only_article("某县召开工作会议\n\n本报讯 他说,编辑 工作很重要,编辑:校对:这是第二次。")
    assert issue.pages[0].footer is None
    assert art.body[0].text.startswith("他说，编辑工作很重要")


@pytest.mark.parametrize("headline", ["某县晚报创刊70周年", "某市日报创刊70周年"])
def test_a_headline_naming_a_paper_ends_the_masthead(headline: str) -> None:
    art, issue = only_article(f"某市日报\n\n2024年3月11日\n\n{headline}\n\n本报讯 正文。")
    assert (issue.paper.name, art.headline) == ("某市日报", headline)


def test_a_supervisor_line_of_two_bodies() -> None:
    issue, _ = ingest_text("某市都市报\n\n某省新闻出版局主管 某报业传媒集团主办\n\n2024年3月11日\n\n"
                           "某县召开工作会议\n\n正文。", "t.txt")
    assert issue.paper.supervisor_line == "某省新闻出版局主管\u3000某报业传媒集团主办"
    assert issue.issue.date == "2024-03-11"


@pytest.mark.parametrize("date", ["0000年3月", "〇〇〇〇年三月"])
def test_a_masthead_year_zero_is_noted_not_a_crash(date: str) -> None:
    issue, _ = ingest_text(f"{date}\n\n星期一\n\n某县召开工作会议\n\n本报讯 3月8日会议召开。", "t.txt")
    assert issue.issue.date is None
    assert any("not a calendar year" in n for n in issue.notes)


@pytest.mark.parametrize(("masthead", "region"), [
    ("明報\n\n二〇二三年三月五日 星期日\n\n每份 港幣十元", "HK"),
    ("澳門日報\n\n2023年3月5日 星期日\n\n每份 澳門幣六元", "MO"),
    ("聯合報\n\n中華民國112年3月5日 星期日", "TW"),  # a 民国 date
    ("某市日报\n\n国内统一连续出版物号:CN14-0028\n\n2023年3月5日", "CN"),
    ("星島日報\n\n2023年3月5日\n\nwww.singtao.com.hk", "HK"),  # the website's domain
    ("聯合早報\n\n2023年3月5日\n\n零售价 S$1.20", "SG"),
    ("明報\n\n2023年3月5日\n\nwww.mingpao.com", None),  # nothing names a region
])
def test_the_paper_region_is_read_from_price_era_serial_number_or_domain(masthead: str, region: str | None) -> None:
    """A Traditional issue is drawn in its region's forms: the masthead tells it by the
    currency of its price, a 民国 date, a CN number or a country domain, with a note."""
    issue, _ = ingest_text(masthead + "\n\n某县召开工作会议\n\n正文。", "t.txt")
    assert issue.paper.region == region
    assert any(f"paper region {region}, from" in n for n in issue.notes) is (region is not None)


HK_TEXT = ("港府昨日公布，特首將於立法會會期內提交施政報告，九龍及新界多區將增設服務中心。"
           "香港各界歡迎港府措施。")
TW_TEXT = "行政院昨日宣布，台北、高雄及台中將擴大補助，立法院將於下週審議相關預算，總額達新台幣百億元。"


@pytest.mark.parametrize(("text", "region"), [
    (HK_TEXT, "HK"), (TW_TEXT, "TW"),
    ("港府宣布香港經濟回穩。行政院表示台北將跟進。", None),  # too few words to tell
    ("港珠澳大橋車流創新高，香港特區政府表示將與澳門及台北保持聯繫。" * 5, None),  # place names tell nothing
    ("港府昨日公布，特首将于立法会会期内提交施政报告，九龙及新界多区将增设服务中心。香港各界欢迎。", None),  # Simplified
])
def test_a_traditional_issue_without_a_masthead_region_is_placed_by_its_words(text: str, region: str | None) -> None:
    """The masthead names no region (no price, a .com site): the words a Traditional
    issue's articles use tell Hong Kong (港府, 九龍, 新界 …) from Taiwan (行政院, 高雄 …),
    with a note; a Simplified issue keeps none, mainland papers writing of both."""
    issue, _ = ingest_text(f"某報\n\n2023年3月5日\n\nwww.example.com\n\n某某新聞標題\n\n{text}\n", "t.txt")
    assert issue.paper.region == region
    assert any("from the words its articles use" in n for n in issue.notes) is (region is not None)
