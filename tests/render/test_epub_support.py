"""Shared builders and readers for the EPUB tests (no tests here): issues, unzip + XPath."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from layout.model import Article, Footer, Issue, IssueInfo, Page, Paper, Paragraph, Subhead

NS = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "lvliang-daily-2023-02-17.txt"


def small_issue(date: str = "2023-02-17") -> Issue:
    """Two pages exercising every field: kicker, subheads, dateline, credit, jump, untitled."""
    first = Page(1, "要闻", (
        Article(headline="习近平向论坛致贺信", kicker="中国—中亚合作", subheadline="深化产业与投资合作",
                byline="本报讯（记者 付永文）", dateline="新华社北京2月16日电",
                body=(Paragraph("国家主席习近平向论坛致贺信。"), Subhead("一、合作共赢"),
                      Paragraph("中国同中亚五国建交30多年来，相继建立战略伙伴关系。")),
                jump="下转2版", credit="记者 刘亮亮 摄"),
        Article(subheadline="——我市培育特色专业镇发展纪实", byline="□ 本报记者 康桂芳",
                body=(Paragraph("特色专业镇是县域经济的重要支撑。"),)),
        Article(body=(Paragraph("在认真听取发言后，张广勇指出，要把握机遇，乘势而上，推动高质量发展。"),)),
    ), Footer("要闻部主办", "李刚", ("马龙", "梁瑜"), "孟柯妤", "llrbywb@163.com"))
    second = Page(2, "综合", (
        Article(headline="上接1版", body=(Paragraph("会议指出，3年多来，我国抗疫防疫历程极不平凡。"),
                                          Paragraph("ABC 123，Ｗｉ-Ｆｉ，%和“引号”。"))),
    ))
    return Issue(Paper("吕梁日报", "中共吕梁市委主管主办", "吕梁日报社出版", "www.sxllnews.cn", "21-28",
                       "CN14-0028"),
                 IssueInfo(date, "星期五", "农历癸卯年正月二十七", 10906, 2), (first, second))


def long_issue(pages: int = 12, per_page: int = 6) -> Issue:
    """`pages` × `per_page` articles of varied real text, re-cut from the sample's lines."""
    lines = [re.sub("[^\u0020-\uffef]", "", ln).strip()  # the OCR's emoji noise out
             for ln in SAMPLE.read_text(encoding="utf-8").splitlines()
             if len(ln.strip()) > 12 and not ln.startswith(">")]
    made = []
    k = 0
    for number in range(1, pages + 1):
        articles = []
        for j in range(per_page):
            body: list[Paragraph | Subhead] = []
            for b in range(2 + (number * j) % 5):
                text = lines[k % len(lines)]
                k += 1
                body.append(Subhead(text[:10]) if b == 2 and j % 2 else Paragraph(text))
            articles.append(Article(
                headline=None if (number + j) % 7 == 3 else lines[(k * 3) % len(lines)][:18],
                kicker="本报综合" if j == 1 else None, dateline="新华社北京2月16日电" if j == 0 else None,
                byline=f"本报记者 张{number}{j}" if j == 2 else None, body=tuple(body),
                jump=f"下转{number + 1}版" if j == per_page - 1 and number < pages else None))
        made.append(Page(number, ["要闻", "综合", "经济", "社会"][number % 4], tuple(articles),
                         Footer(f"第{number}版编辑部主办", editors=("马龙",))))
    return Issue(Paper("吕梁日报", publisher_line="吕梁日报社出版"),
                 IssueInfo("2023-02-17", "星期五", number=10906, page_count=pages), tuple(made))


@dataclass
class Book:
    """An unzipped EPUB: raw entries, the OPF tree, spine documents in order."""

    data: bytes
    files: dict[str, bytes]
    order: list[str]

    @classmethod
    def read(cls, data: bytes) -> Book:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return cls(data, {n: z.read(n) for n in z.namelist()}, z.namelist())

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.files[name])

    @property
    def opf(self) -> etree._Element:
        return self.xml("EPUB/content.opf")

    def href(self, idref: str) -> str:
        return self.opf.xpath(f"//opf:item[@id='{idref}']/@href", namespaces=NS)[0]

    def spine(self) -> list[str]:
        return [self.href(i) for i in self.opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)]

    def pages(self) -> list[tuple[str, etree._Element]]:
        """The page-section documents in spine order."""
        return [(h, self.xml("EPUB/" + h)) for h in self.spine() if h.startswith("page-")]

    def nav(self) -> etree._Element:
        href = self.opf.xpath("//opf:item[contains(concat(' ', @properties, ' '), ' nav ')]/@href",
                              namespaces=NS)[0]
        return self.xml("EPUB/" + href)


def epubcheck_command() -> list[str] | None:
    """How to run EPUBCheck here, or None if java or the jar is missing."""
    import os
    import shutil

    java = shutil.which("java")
    jar = Path(os.environ.get("EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar"))
    if java and jar.is_file():
        return [java, "-jar", str(jar)]
    return None
