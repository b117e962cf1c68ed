"""The command line end to end: exit codes, one-line errors, no partial output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from layout import cli
from layout.document import load_issue
from layout.ingest import decode_raw, ingest_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "lvliang-daily-2023-02-17.txt"

SHORT = """第3版　综合

本報訊（記者 陳明）3月2日，市政府召開會議，研究部署春季農業生產工作。

會議強調，要抓好糧食生產。

新聞部主辦 責編：王芳 校對：李強
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "export.py"), *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def test_help_explains_every_subcommand() -> None:
    result = run("--help")
    assert result.returncode == 0
    for name in ("ingest", "pdf", "epub", "check", "preview", "build"):
        assert name in result.stdout
        sub = run(name, "--help")
        assert sub.returncode == 0 and "usage:" in sub.stdout


def test_usage_error_exit_2() -> None:
    assert run("nonsense").returncode == 2
    assert run("ingest").returncode == 2


def test_ingest_writes_document_and_refuses_to_clobber_edits(tmp_path: Path) -> None:
    out = tmp_path / "issue.yaml"
    first = run("ingest", str(SAMPLE), "-o", str(out))
    assert first.returncode == 0, first.stderr
    issue = load_issue(out)
    assert issue.paper.name == "吕梁日报"
    assert run("ingest", str(SAMPLE), "-o", str(out)).returncode == 0  # unchanged: harmless
    out.write_text(out.read_text(encoding="utf-8").replace("吕梁日报", "吕梁晚报", 1), encoding="utf-8")
    again = run("ingest", str(SAMPLE), "-o", str(out))
    assert again.returncode == 2
    assert "--force" in again.stderr and "Traceback" not in again.stderr
    assert "吕梁晚报" in out.read_text(encoding="utf-8")
    assert run("ingest", str(SAMPLE), "-o", str(out), "--force").returncode == 0
    assert load_issue(out).paper.name == "吕梁日报"


def test_ingest_json_by_suffix(tmp_path: Path) -> None:
    raw = tmp_path / "page3.txt"
    raw.write_text(SHORT, encoding="utf-8")
    out = tmp_path / "page3.json"
    assert run("ingest", str(raw), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").lstrip().startswith("{")
    assert load_issue(out).pages[0].articles


@pytest.mark.parametrize(("content", "needle"), [
    (b"", "empty"),
    (b"\x00\x01\x02\x03binary\x00\x00", "binary"),
    (b"just some english text, nothing else\n", "Chinese"),
])
def test_bad_input_one_line_error_no_output(tmp_path: Path, content: bytes, needle: str) -> None:
    raw = tmp_path / "bad.txt"
    raw.write_bytes(content)
    out = tmp_path / "out.yaml"
    result = run("ingest", str(raw), "-o", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "bad.txt" in lines[0] and needle.lower() in lines[0].lower()
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [raw]


def test_bad_document_names_file_line_and_key(tmp_path: Path) -> None:
    doc = tmp_path / "issue.yaml"
    doc.write_text("pages:\n- number: 1\n  articles:\n  - headlin: x\n", encoding="utf-8")
    out = tmp_path / "out.pdf"
    result = run("pdf", str(doc), "-o", str(out))
    assert result.returncode == 2
    assert f"{doc}:4:5: error: pages[0].articles[0]: unknown key `headlin`" in result.stderr
    assert "did you mean `headline`?" in result.stderr
    assert not out.exists()


def test_the_parser_of_one_command_parses_as_the_whole_one() -> None:
    argv = ["--debug", "pdf", "in.yaml", "--pages", "1-2", "-o", "out.pdf", "--plan"]
    whole = cli.build_parser().parse_args(argv)
    assert cli.build_parser(argv).parse_args(argv) == whole
    assert whole.command == "pdf" and whole.debug and whole.plan


def test_a_mistyped_command_is_told_every_command(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.build_parser(["pfd", "x"]).parse_args(["pfd", "x"])
    err = capsys.readouterr().err
    for name in ("ingest", "pdf", "epub", "build", "check", "preview"):
        assert name in err.split("invalid choice", 1)[1]


def test_bad_pages_argument() -> None:
    with pytest.raises(cli.UsageError):
        cli.parse_pages("2-1")
    assert cli.parse_pages("1-2,5") == {1, 2, 5}


def test_internal_error_is_exit_1_without_traceback(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    def boom(args):
        raise RuntimeError("kaput")

    monkeypatch.setattr(cli, "cmd_check", boom)
    parser_main = cli.main
    monkeypatch.setattr(cli, "build_parser", _parser_with(cli.build_parser, boom))
    assert parser_main(["check", "x.yaml"]) == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: kaput" in err and "Traceback" not in err


def _parser_with(build, func):
    def patched(argv=None):
        parser = build(argv)
        for action in parser._subparsers._group_actions:  # noqa: SLF001 - test-only rewiring
            action.choices["check"].set_defaults(func=func)
        return parser
    return patched


def test_pdf_and_epub_from_raw_text(tmp_path: Path) -> None:
    pdf, epub = tmp_path / "seed.pdf", tmp_path / "seed.epub"
    result = run("pdf", str(SAMPLE), "-o", str(pdf), "--plan", "--pages", "1")
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"
    plan = [line for line in result.stdout.splitlines() if line.startswith("第1版")]
    ingested, _ = ingest_text(decode_raw(SAMPLE.read_bytes(), SAMPLE.name), SAMPLE.name)
    titles = [a.title for a in ingested.pages[0].articles]
    assert len(plan) == len(titles) and all("栏" in line and "mm" in line for line in plan)
    assert sorted(line.split("] ", 1)[1] for line in plan) == sorted(titles)
    assert "pdf: wrote" in result.stderr and "1 pages" in result.stderr
    result = run("epub", str(SAMPLE), "-o", str(epub))
    assert result.returncode == 0, result.stderr
    assert epub.read_bytes()[:2] == b"PK"


def test_summary_counts_articles_not_their_continued_pieces(tmp_path: Path) -> None:
    result = run("pdf", str(SAMPLE), "--spec", str(ROOT / "specs" / "a4-archive.yaml"),
                 "-o", str(tmp_path / "a4.pdf"), "--plan")
    assert result.returncode == 0, result.stderr
    ingested, _ = ingest_text(decode_raw(SAMPLE.read_bytes(), SAMPLE.name), SAMPLE.name)
    pieces = [line for line in result.stdout.splitlines() if line.startswith("第")]
    assert len(pieces) > len(ingested.articles())  # some articles jump to later pages
    assert f"pages, {len(ingested.articles())} articles," in result.stderr
    # with --pages, the articles on those pages only (here the third page: continued ones;
    # the sample is page 1 of 8, so the pages its text continues on are 9, 10, …)
    third = sorted({int(line[1:line.index("版")]) for line in pieces})[2]
    assert third == 10
    result = run("pdf", str(SAMPLE), "--spec", str(ROOT / "specs" / "a4-archive.yaml"),
                 "-o", str(tmp_path / "p3.pdf"), "--plan", "--pages", str(third))
    on_third = {line.split("[", 1)[1].split("]", 1)[0] for line in result.stdout.splitlines()
                if line.startswith(f"第{third}版")}
    assert 0 < len(on_third) < len(ingested.articles())
    assert f"1 pages, {len(on_third)} articles," in result.stderr


def test_pages_that_do_not_exist_are_named_with_those_that_do(tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    result = run("pdf", str(SAMPLE), "--spec", str(ROOT / "specs" / "tabloid.yaml"),
                 "-o", str(out), "--pages", "2")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "error: page 2: no such printed page in this issue (its pages with this spec: 1, 9-10)")
    result = run("pdf", str(SAMPLE), "-o", str(out), "--pages", "2-3,5")
    assert result.stderr.splitlines()[-1] == (
        "error: pages 2-3, 5: no such printed page in this issue (its pages with this spec: 1)")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_traditional_issue_gets_traditional_jumps_and_language(tmp_path: Path) -> None:
    import pdfplumber

    paragraph = "運輸署表示，將繼續優化口岸通關安排，並與廣東、澳門當局保持緊密聯繫，確保旅客出入境暢順。"
    raw = tmp_path / "hk.txt"
    raw.write_text("港珠澳大橋車流創新高\n\n本報訊（記者 陳大文）香港特區政府昨日公布車流數字。\n\n"
                   + "\n\n".join([paragraph * 6] * 20) + "\n", encoding="utf-8")
    out = tmp_path / "hk.pdf"
    result = run("pdf", str(raw), "--spec", str(ROOT / "specs" / "a4-archive.yaml"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        assert pdf.doc.catalog["Lang"] == b"zh-Hant"
        first, second = (pdf.pages[i].extract_text().replace(" ", "") for i in (0, 1))
    assert "（下轉第2版）" in first and "（上接第1版）" in second and "下转" not in first


def test_a_traditional_issue_is_drawn_in_taiwan_forms_unless_the_spec_says_otherwise(
        tmp_path: Path) -> None:
    """`forms: auto` (the default): a Traditional issue's glyphs are the faces' Taiwan
    forms, its stops centred and set as centred; the text extracts as written. A spec
    asking for the mainland forms gets the faces' own glyphs and GB punctuation."""
    import re
    import zlib

    import pdfplumber

    from layout.fonts import load_fontset

    raw = tmp_path / "tw.txt"
    raw.write_text("賞櫻人潮湧阿里山\n\n〔記者陳大同／嘉義報導〕阿里山櫻花季開跑，林鐵及文資局宣布"
                   "週末加開小火車班次，方便遊客上山賞花。\n", encoding="utf-8")
    mainland = tmp_path / "mainland.yaml"
    mainland.write_text(f"extends: {ROOT / 'specs' / 'lvliang-daily.yaml'}\n"
                        "typography: {forms: mainland}\n", encoding="utf-8")
    serif = "NotoSerifSC-Regular"
    for spec, forms in ((ROOT / "specs" / "lvliang-daily.yaml", "ZHT"), (mainland, None)):
        out = tmp_path / f"{spec.stem}.pdf"
        result = run("pdf", str(raw), "--spec", str(spec), "-o", str(out))
        assert result.returncode == 0 and "punctuation" not in result.stderr, result.stderr
        data = out.read_bytes()
        content = b"".join(zlib.decompress(m.group(1)) for m in re.finditer(
            rb"/Filter /FlateDecode /Length \d+ >>\nstream\n(.*?)\nendstream", data, re.S)
            if b"BT" in zlib.decompress(m.group(1)))
        comma = load_fontset(forms=forms).cmap(serif).gid(ord("，"))
        other = load_fontset(forms=None if forms else "ZHT").cmap(serif).gid(ord("，"))
        assert f"{comma:04X}".encode() in content and f"{other:04X}".encode() not in content
        with pdfplumber.open(out) as pdf:
            text = "".join(p.extract_text() for p in pdf.pages).replace("\n", "")
        assert "阿里山櫻花季開跑，林鐵" in text.replace(" ", "")


def test_a_hong_kong_paper_is_drawn_in_hong_kong_forms_and_says_zh_hk(tmp_path: Path) -> None:
    """A masthead priced in 港幣 makes the paper's region HK: with `forms: auto` its
    Traditional text is drawn in the faces' Hong Kong forms (骨 differs from Taiwan's),
    and the PDF and the EPUB declare zh-HK, for a reader to draw the same forms."""
    import re
    import zipfile
    import zlib

    from layout.fonts import load_fontset

    raw = tmp_path / "hk.txt"
    raw.write_text("明報\n\n二〇二三年三月五日 星期日\n\n每份 港幣十元\n\n骨科醫生呼籲市民注意\n\n"
                   "【明報專訊】醫管局表示，骨科專科門診輪候時間縮短，市民可透過網上系統查詢。\n",
                   encoding="utf-8")
    pdf, book = tmp_path / "hk.pdf", tmp_path / "hk.epub"
    for kind, out in (("pdf", pdf), ("epub", book)):
        result = run(kind, str(raw), "-o", str(out))
        assert result.returncode == 0, result.stderr
    data = pdf.read_bytes()
    assert b"/Lang (zh-HK)" in data
    content = b"".join(zlib.decompress(m.group(1)) for m in re.finditer(
        rb"/Filter /FlateDecode /Length \d+ >>\nstream\n(.*?)\nendstream", data, re.S)
        if b"BT" in zlib.decompress(m.group(1)))
    bone = {forms: load_fontset(forms=forms).cmap("NotoSerifSC-Regular").gid(ord("骨")) for forms in ("ZHH", "ZHT")}
    assert len(set(bone.values())) == 2  # the faces draw 骨 two ways
    assert f"{bone['ZHH']:04X}".encode() in content and f"{bone['ZHT']:04X}".encode() not in content
    with zipfile.ZipFile(book) as epub:
        package = next(epub.read(n).decode() for n in epub.namelist() if n.endswith(".opf"))
    assert "<dc:language>zh-HK</dc:language>" in package


def test_bad_spec_exit_2_and_old_output_kept(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text("grid:\n  columns: three\n", encoding="utf-8")
    out = tmp_path / "out.pdf"
    out.write_bytes(b"previous export")
    result = run("pdf", str(SAMPLE), "--spec", str(spec), "-o", str(out))
    assert result.returncode == 2
    assert f"{spec}:2:12: error: grid.columns: expected a positive integer" in result.stderr
    assert out.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "out.pdf"]
    checked = run("check", str(spec))
    assert checked.returncode == 2 and "grid.columns" in checked.stderr
    assert run("check", str(ROOT / "specs" / "lvliang-daily.yaml")).returncode == 0


def test_check_validates_an_issue_document_against_the_specs_fonts(tmp_path: Path) -> None:
    """An edited document: its errors where they stand, characters no font of the spec
    has as warnings (errors with --strict), else a summary; a spec is still a spec."""
    doc = tmp_path / "issue.yaml"
    assert run("ingest", str(SAMPLE), "-o", str(doc)).returncode == 0
    result = run("check", str(doc))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{doc}: ok — 1 pages, 6 articles, ") and "notes" in result.stdout
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("name: 吕梁日报", "name: 吕梁日报\ue000", 1), encoding="utf-8")
    result = run("check", str(doc))
    assert result.returncode == 0 and "1 character no font has" in result.stdout
    assert "no font has '\\ue000' (U+E000) in masthead" in result.stderr
    assert run("check", str(doc), "--strict").returncode == 2
    doc.write_text(text.replace("number: 1\n", "number: one\n", 1), encoding="utf-8")
    result = run("check", str(doc))
    assert result.returncode == 2 and ": error: pages[0].number: expected a positive integer" in result.stderr
    as_json = tmp_path / "issue.json"
    assert run("ingest", str(SAMPLE), "-o", str(as_json)).returncode == 0
    assert run("check", str(as_json)).returncode == 0
    result = run("check", str(ROOT / "specs" / "tabloid.yaml"))
    assert result.returncode == 0 and "5 columns" in result.stdout


def test_preview_png(tmp_path: Path) -> None:
    png = tmp_path / "p1.png"
    result = run("preview", str(SAMPLE), "--page", "1", "-o", str(png), "--dpi", "20")
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    missing = run("preview", str(SAMPLE), "--page", "9", "-o", str(tmp_path / "p9.png"))
    assert missing.returncode == 2 and "page 9" in missing.stderr


def test_two_processes_write_the_same_pdf_as_one(tmp_path: Path) -> None:
    """`--jobs 2` (the default for long issues) is byte-identical to `--jobs 1`, and
    the page count, plan and warnings agree."""
    from dataclasses import replace

    from layout.document import dump_issue
    from layout.ingest import decode_raw, ingest_text

    issue, _ = ingest_text(decode_raw(SAMPLE.read_bytes(), SAMPLE.name), SAMPLE.name)
    first = issue.pages[0]
    arts = first.articles
    pages = tuple(replace(first, number=n, articles=arts[n % len(arts):] + arts[:n % len(arts)])
                  for n in range(1, 9))
    doc = tmp_path / "eight.yaml"
    doc.write_text(dump_issue(replace(issue, pages=pages)), encoding="utf-8")
    one = run("pdf", str(doc), "-o", str(tmp_path / "one.pdf"), "--jobs", "1", "--plan")
    two = run("pdf", str(doc), "-o", str(tmp_path / "two.pdf"), "--jobs", "2", "--plan")
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()
    assert one.stdout == two.stdout and "第8版" in one.stdout
    assert "8 pages" in two.stderr.splitlines()[-1]


def test_an_output_that_cannot_be_written_fails_first_and_plainly(tmp_path: Path) -> None:
    plain = tmp_path / "notes.txt"
    plain.write_text("x", encoding="utf-8")
    for args in (("pdf", str(SAMPLE), "-o", str(plain / "a.pdf")),
                 ("build", str(SAMPLE), "--out-dir", str(plain / "out"))):
        result = run(*args)
        assert result.returncode == 2, result.stderr
        assert "error: cannot write the output" in result.stderr
        assert "internal error" not in result.stderr and "ingest:" not in result.stderr  # before any work


def test_a_missing_input_is_named_once(tmp_path: Path) -> None:
    result = run("pdf", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "a.pdf"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{tmp_path / 'nope.txt'}: error: cannot read the input")


def test_a_document_without_pages_is_an_error_not_an_empty_file(tmp_path: Path) -> None:
    document = tmp_path / "empty.yaml"
    document.write_text("pages: []\n", encoding="utf-8")
    for kind in ("pdf", "epub"):
        out = tmp_path / f"empty.{kind}"
        result = run(kind, str(document), "-o", str(out))
        assert result.returncode == 2
        assert result.stderr.strip() == f"{document}: error: the document has no pages: nothing to typeset"
        assert not out.exists()
    preview = run("preview", str(document), "--page", "1", "-o", str(tmp_path / "p.png"))
    assert preview.returncode == 2
    assert preview.stderr.strip() == f"{document}: error: the document has no pages: nothing to typeset"


def test_a_warm_export_loads_only_what_it_uses(tmp_path: Path) -> None:
    """Exporting files read before, the spec, the font manifest and the document come
    from the read cache: YAML's parser (~15 ms of imports) is not loaded, nor what only
    a failure, a fork or help text needs (traceback, tempfile, shutil), nor OpenSSL's
    hashlib (the digests are BLAKE2b's own: layout.digest), nor `inspect`, which
    `dataclasses` imports (layout.deferred_import), nor `layout.sfnt`, which reads
    font files (their metrics and PDF fonts are cached). The collector, off while the
    program starts, is on again at its end."""
    document = tmp_path / "issue.yaml"
    env = {**os.environ, "LAYOUT_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([sys.executable, str(ROOT / "export.py"), "ingest", str(SAMPLE), "-o", str(document)],
                   env=env, check=True, capture_output=True)
    probe = ("import gc, sys; sys.path.insert(0, sys.argv[1]); import export; "
             "sys.argv[1:] = ['pdf', sys.argv[2], '-o', sys.argv[3], '--jobs', '1']; code = export.run(); "
             "print(code, gc.isenabled(), *sorted({'yaml', 'traceback', 'tempfile', 'shutil', '_hashlib', "
             "'ast', 'dis', 'layout.sfnt'} & set(sys.modules)))")
    said = [subprocess.run([sys.executable, "-c", probe, str(ROOT), str(document), str(tmp_path / "o.pdf")],
                           env=env, check=True, capture_output=True, text=True).stdout.split()
            for _ in range(2)]
    assert "yaml" in said[0]  # the first export parses them
    assert said[1] == ["0", "True"]


def test_help_is_as_wide_as_columns_says(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    with pytest.raises(SystemExit):
        cli.main(["pdf", "--help"])
    lines = capsys.readouterr().out.splitlines()
    assert max(map(len, lines)) <= 50 and len(lines) > 10


def test_build_makes_each_inputs_files_and_goes_on_past_a_bad_one(tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(SHORT, encoding="utf-8")
    second.write_text(SHORT.replace("第3版", "第4版").replace("農業", "林業"), encoding="utf-8")
    bad = tmp_path / "broken.yaml"
    bad.write_text("pages: [1, 2\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", str(first), str(bad), str(second), "--out-dir", str(out))
    assert result.returncode == 2, result.stderr
    made = sorted(p.name for p in out.iterdir())
    assert made == [f"{stem}.{ext}" for stem in ("first", "second") for ext in ("epub", "pdf", "yaml")]
    assert "林業" in (out / "second.yaml").read_text(encoding="utf-8")
    assert f"{bad}:" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("build: 2 of 3 issues built in ")
    assert result.stderr.splitlines()[-1].endswith(f"failed: {bad}")


def test_build_refuses_inputs_that_would_write_the_same_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one, two = tmp_path / "a" / "issue.txt", tmp_path / "b" / "Issue.yaml"
    one.write_text(SHORT, encoding="utf-8")
    two.write_text("pages: []\n", encoding="utf-8")
    result = run("build", str(one), str(two), "--out-dir", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"{one} and {two} would both write" in result.stderr
    assert not (tmp_path / "out").exists()  # refused before any work


def test_build_on_two_cores_writes_the_bytes_of_one(tmp_path: Path) -> None:
    inputs = []
    for n, (place, word) in enumerate((("第3版", "農業"), ("第4版", "林業"), ("第5版", "漁業"))):
        path = tmp_path / f"issue{n}.txt"
        path.write_text(SHORT.replace("第3版", place).replace("農業", word), encoding="utf-8")
        inputs.append(str(path))
    two = run("build", *inputs, "--out-dir", str(tmp_path / "two"), "--jobs", "2")
    one = run("build", *inputs, "--out-dir", str(tmp_path / "one"), "--jobs", "1")
    assert two.returncode == 0 == one.returncode, two.stderr
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert len(names) == 9 and names == sorted(p.name for p in (tmp_path / "two").iterdir())
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_the_console_script_runs_the_program() -> None:
    from importlib.metadata import entry_points

    import export

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "cjk-newspaper"]
    assert script.load() is export.run
