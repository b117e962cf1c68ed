"""The PDF's structure tree: every article an `Art` in the issue's order, holding its
head (`H1`), subheads (`H2`) and paragraphs (`P`, one element across the columns it
runs over), whose marked content is exactly their lines; the masthead, running head,
footer and rules are artifacts. Read back with pdfplumber, which follows the tree and
the content's marked-content sequences as a reader would."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from layout import cli

ROOT = Path(__file__).resolve().parents[2]
JUMP_LINE = re.compile(r"（(?:下转|上接)第\d+版）")
SAMPLE = ROOT / "samples" / "lvliang-daily-2023-02-17.txt"


@pytest.fixture(scope="module")
def issue():
    return cli.read_issue(SAMPLE)


def exported(tmp_path: Path, spec: str) -> Path:
    out = tmp_path / f"{spec}.pdf"
    assert cli.main(["pdf", str(SAMPLE), "--spec", str(ROOT / "specs" / f"{spec}.yaml"),
                        "-o", str(out), "--jobs", "1"]) == 0
    return out


def compact(text: str) -> str:
    return "".join(text.split())


def marked_text(pdf) -> dict[tuple[int, int], list[str]]:
    """(page number, MCID) -> the characters drawn in that marked-content sequence."""
    marked: dict[tuple[int, int], list[str]] = {}
    for page in pdf.pages:
        for char in page.chars:
            if char["tag"] != "Artifact":
                marked.setdefault((page.page_number, char["mcid"]), []).append(char["text"])
    return marked


def sequences(element: dict) -> list[tuple[int, int]]:
    """(page number, MCID) of the marked content under `element`, its own and its
    children's (a jump line's `Link` inside its `P`), in order."""
    own = [(element["page_number"], m) for m in element.get("mcids", [])]
    return own + [seq for child in element.get("children", []) for seq in sequences(child)]


def element_text(element: dict, marked: dict[tuple[int, int], list[str]]) -> str:
    return compact("".join("".join(marked[seq]) for seq in sequences(element)))


@pytest.mark.parametrize("spec", ["lvliang-daily", "a4-archive"])
def test_each_article_is_one_art_of_its_pieces_in_reading_order(tmp_path: Path, issue, spec: str) -> None:
    with pdfplumber.open(exported(tmp_path, spec)) as pdf:
        (document,) = pdf.structure_tree
        arts = document["children"]
        assert document["type"] == "Document" and [a["type"] for a in arts] == ["Art"] * len(arts)
        assert [a["title"] for a in arts] == [a.title for a in issue.articles()]
        marked = marked_text(pdf)
        pieces = [seq for art in arts for p in art["children"] for seq in sequences(p)]
        assert sorted(pieces) == sorted(marked)  # every marked sequence is in the tree, once
        for art, article in zip(arts, issue.articles()):
            text = compact("".join("".join(marked[seq]) for p in art["children"] for seq in sequences(p)))
            assert compact(article.title.rstrip("…")) in text or article.title.endswith("…")
            first = next(compact(b.text) for b in article.body if compact(b.text))
            assert first[:24] in text, (article.title, first[:24])


def test_the_masthead_and_footer_are_artifacts(tmp_path: Path) -> None:
    with pdfplumber.open(exported(tmp_path, "lvliang-daily")) as pdf:
        chars = pdf.pages[0].chars
    furniture = compact("".join(c["text"] for c in chars if c["tag"] == "Artifact"))
    assert "吕梁日报" in furniture and "国内统一连续出版物号" in furniture and "第1版" in furniture
    assert all(c["tag"] in ("H1", "H2", "P", "Link", "Artifact") for c in chars)  # nothing left unmarked


def test_a_piece_continued_on_a_later_page_stays_in_its_article(tmp_path: Path) -> None:
    """On the A4 spec the sample's articles run over several pages: one Art each, with
    its elements on every page it is set on, those pages in order."""
    with pdfplumber.open(exported(tmp_path, "a4-archive")) as pdf:
        (document,) = pdf.structure_tree
    spans = [[p["page_number"] for p in art["children"]] for art in document["children"]]
    assert any(len(set(pages)) > 1 for pages in spans)
    assert all(pages == sorted(pages) for pages in spans)  # its pages in order
    # one heading an article: a continuation's repeated headline is a P of it
    assert all(sum(e["type"] == "H1" for e in art["children"]) <= 1 for art in document["children"])


def test_heads_subheads_and_paragraphs_are_their_own_elements(tmp_path: Path, issue) -> None:
    """An article's headline is an H1 (its kicker and subheadline P beside it; with no
    headline, the 副题 is the H1), a subhead an H2, and each paragraph one P, whole
    though it runs on into the next column."""
    from layout.model import Subhead

    with pdfplumber.open(exported(tmp_path, "lvliang-daily")) as pdf:
        (document,) = pdf.structure_tree
        marked = marked_text(pdf)
    for art, article in zip(document["children"], issue.articles()):
        heads = [element_text(e, marked) for e in art["children"] if e["type"] == "H1"]
        title = article.headline or article.subheadline or article.kicker  # as the title names it
        assert heads == ([compact(title)] if title else [])
        texts = [element_text(e, marked) for e in art["children"]]
        for part in (article.kicker, article.subheadline):  # beside the headline, each its own P
            assert not part or compact(part) in texts
        subheads = [compact(b.text) for b in article.body if isinstance(b, Subhead)]
        assert [element_text(e, marked) for e in art["children"] if e["type"] == "H2"] == subheads
        opening = compact((article.dateline or "") + (article.byline or ""))
        paragraphs = [opening + compact(b.text) for b in article.body if not isinstance(b, Subhead)]
        for element in art["children"]:
            text = element_text(element, marked)
            if element["type"] == "P":  # a head text, one paragraph's (or its part on a page), a line of its own
                own = [compact(t or "") for t in (article.kicker, article.subheadline, article.byline,
                                                  article.credit, article.jump_line)]
                assert any(text in p for p in paragraphs) or text in own or JUMP_LINE.fullmatch(text), text[:30]
    multi = [e for art in document["children"] for e in art["children"] if len(e.get("mcids", [])) > 1]
    assert multi  # paragraphs that run on into the next column are one element


def test_each_jump_link_is_a_link_element_of_its_line_and_its_annotation(tmp_path: Path) -> None:
    """A jump line is a `P` holding a `Link`, whose marked content is the line and whose
    object reference is the link's annotation; the annotation's StructParent leads back
    to that element, and its Contents says what the line says."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    with pdfplumber.open(exported(tmp_path, "tabloid")) as pdf:  # the sample continued on 2 pages
        (document,) = pdf.structure_tree
        marked = marked_text(pdf)
        links = [(p, e) for art in document["children"] for p in art["children"]
                 for e in p.get("children", []) if e["type"] == "Link"]
        assert links and all(p["type"] == "P" for p, _ in links)
        assert all(JUMP_LINE.fullmatch(element_text(e, marked)) for _, e in links)
        root = resolve1(pdf.doc.catalog["StructTreeRoot"])
        parents = resolve1(resolve1(root["ParentTree"])["Nums"])
        tree = dict(zip(parents[::2], parents[1::2]))
        seen = 0
        for page in pdf.pages:
            for ref in resolve1(page.page_obj.attrs.get("Annots", [])):
                annotation = resolve1(ref)
                element = resolve1(tree[annotation["StructParent"]])
                mcid, objr = resolve1(element["K"])
                assert element["S"].name == "Link" and resolve1(objr)["Obj"].objid == ref.objid
                line = compact("".join(marked[(page.page_number, mcid)]))
                assert line == compact(decode_text(annotation["Contents"])) and JUMP_LINE.fullmatch(line)
                seen += 1
        assert seen == len(links)
