#!/usr/bin/env python3
"""Benchmark the PDF export against Typst 0.15 and WeasyPrint 70 on the same text.

Issues of 1 (the sample), 40 and 200 pages are made from the sample's real text; each
page's articles are the sample's, rotated and re-cut so pages differ. Every measurement
runs in a fresh child process (time and peak RSS from the child itself, from after the
interpreter's own start), several times; the median is reported. Ours runs export.py as
`python export.py pdf ...` does, Typst and WeasyPrint through their Python modules.
"cold" clears this tool's font cache first; "warm" does not. The last lines give each
engine's marginal cost of a page, from the two largest issues.
"ours" is the default (two processes from 6 pages on, when the machine has two cores;
"+worker" is the worker's peak RSS); "ours-1core" is `--jobs 1`; "ours-pure" (with
`--pure`) runs the typesetting core from source rather than its compiled build
(LAYOUT_PURE=1, see layout/typeset/native.py). "imports" only imports the modules a PDF
export uses: a lower bound on our time for any issue.

    python bench/bench_pdf.py [--runs 3] [--pages 1,40,200] [--pure] [--no-typst] [--no-weasyprint]

Typst and WeasyPrint are optional: `pip install typst==0.15.0 weasyprint==70.0`.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "samples" / "lvliang-daily-2023-02-17.txt"

CHILD = r"""
import json, resource, runpy, sys, time
import pkgutil  # what runpy.run_path imports, which `python export.py` does not: not timed
sys.path.insert(0, {root!r})
started = time.perf_counter()
kind, source, output = sys.argv[1:4]
if kind.startswith("ours"):  # as `python export.py pdf ...` runs: the file compiled, then run
    jobs = ["--jobs", "1"] if kind == "ours-1core" else []
    sys.argv = [{export!r}, "pdf", source, "-o", output, *jobs]
    try:
        runpy.run_path({export!r}, run_name="__main__")
    except SystemExit as exit:
        assert exit.code == 0, exit.code
elif kind == "imports":  # what any run of ours pays before it reads a byte
    import layout.cli, layout.spec, layout.preflight, layout.read_cache, layout.typeset.page
    import layout.render.pdf
elif kind == "typst":
    import typst
    typst.compile(source, output=output, font_paths=[{fonts!r}], ignore_system_fonts=True)
elif kind == "weasyprint":
    import weasyprint
    weasyprint.HTML(filename=source).write_pdf(output)
seconds = time.perf_counter() - started
# the process's own high-water mark: ru_maxrss keeps across exec the RSS the benchmark had
# when it forked this child (~50 MB holding a 200-page issue), VmHWM is this program's
peak = next((int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")),
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print(json.dumps({{"seconds": seconds, "peak_mb": peak / 1024,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""


def make_issue(pages: int):
    """An issue of `pages` pages from the sample's articles, rotated page by page."""
    from layout.ingest import decode_raw, ingest_text

    issue, _ = ingest_text(decode_raw(SAMPLE.read_bytes(), SAMPLE.name), SAMPLE.name)
    first = issue.pages[0]
    articles = first.articles
    made = []
    for number in range(1, pages + 1):
        shift = (number - 1) % len(articles)
        rotated = articles[shift:] + articles[:shift]
        made.append(replace(first, number=number, articles=rotated))
    return replace(issue, pages=tuple(made), issue=replace(issue.issue, page_count=pages))


def plain_text(issue) -> list[tuple[str, list[str]]]:
    from layout.model import Paragraph

    out = []
    for article in issue.articles():
        paragraphs = [b.text for b in article.body if isinstance(b, Paragraph)]
        out.append((article.title, paragraphs))
    return out


def typst_source(issue, pages: int) -> str:
    """The same text in an 8-column broadsheet, one page per document page."""
    def esc(text: str) -> str:
        return "".join("\\" + c if c in "\\#*_`$<>@[]=-+/~\"'" else c for c in text)

    parts = ['#set page(width: 390mm, height: 540mm, margin: 20mm, columns: 8)',
             '#set columns(gutter: 6.75pt)',
             '#set text(font: "Noto Serif CJK SC", size: 9pt, lang: "zh", region: "cn")',
             '#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 4.5pt, spacing: 4.5pt)']
    per_page = len(issue.pages[0].articles)
    for index, (title, paragraphs) in enumerate(plain_text(issue)):
        if index and index % per_page == 0:
            parts.append("#colbreak(weak: true)\n#pagebreak()")
        parts.append(f"#text(size: 16pt, weight: \"bold\")[{esc(title)}]\n")
        parts.extend(esc(p) + "\n" for p in paragraphs)
    return "\n".join(parts)


def weasy_source(issue, fonts: Path) -> str:
    from html import escape

    faces = "".join(f"@font-face {{ font-family: 'CJK'; src: url('{p.as_uri()}'); }}"
                    for p in sorted(fonts.glob("*.ttf"))[:1])
    css = (faces + "@page { size: 390mm 540mm; margin: 20mm }"
           "body { font-family: 'CJK'; font-size: 9pt; line-height: 13.5pt; columns: 8; column-gap: 6.75pt }"
           "p { text-indent: 2em; text-align: justify; margin: 0 } h2 { font-size: 16pt }"
           ".page { break-after: page }")
    per_page = len(issue.pages[0].articles)
    body, articles = [], plain_text(issue)
    for start in range(0, len(articles), per_page):
        chunk = "".join(f"<h2>{escape(t)}</h2>" + "".join(f"<p>{escape(p)}</p>" for p in ps)
                        for t, ps in articles[start:start + per_page])
        body.append(f"<div class='page'>{chunk}</div>")
    return (f"<html lang='zh-CN'><head><meta charset='utf-8'><style>{css}</style></head>"
            f"<body>{''.join(body)}</body></html>")


def run_child(kind: str, source: Path, output: Path) -> dict:
    script = CHILD.format(root=str(ROOT), fonts=str(ROOT / "fonts"), export=str(ROOT / "export.py"))
    env = {k: v for k, v in os.environ.items() if k != "LAYOUT_PURE"}
    if kind == "ours-pure":
        env["LAYOUT_PURE"] = "1"
    result = subprocess.run([sys.executable, "-c", script, kind, str(source), str(output)],
                            capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def cache_dirs() -> list[Path]:
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return [base / "cjk-newspaper-layout"]


def measure(kind: str, source: Path, runs: int, *, cold: bool) -> dict:
    samples = []
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(runs):
            if cold:
                for directory in cache_dirs():
                    shutil.rmtree(directory, ignore_errors=True)
            samples.append(run_child(kind, source, Path(scratch) / "out.pdf"))
    return {"seconds": statistics.median(s["seconds"] for s in samples),
            "peak_mb": statistics.median(s["peak_mb"] for s in samples),
            "worker_mb": statistics.median(s["worker_mb"] for s in samples)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default="1,40,200")
    parser.add_argument("--pure", action="store_true", help="also time the core run from source")
    parser.add_argument("--no-typst", action="store_true")
    parser.add_argument("--no-weasyprint", action="store_true")
    args = parser.parse_args()
    from layout.document import dump_issue
    from layout.typeset import native

    built = native.build_state()
    print(f"typesetting core: {'compiled' if built == 'fresh' else f'plain Python (build: {built})'}")
    # time the tool as installed, not its compiler: with PYTHONDONTWRITEBYTECODE set
    # (as in some shells and CI), every module edited since its .pyc was written would
    # be compiled again in each run. Forced: compileall trusts a .pyc whose recorded
    # mtime matches to the second, so an edit within the second of its compile is missed
    compileall.compile_dir(ROOT / "layout", quiet=1, force=True)
    compileall.compile_file(ROOT / "export.py", quiet=1, force=True)

    print(f"{'engine':<12}{'pages':>6}{'mode':>6}{'s total':>9}{'s/page':>9}{'peak MB':>9}"
          f"{'+worker':>9}")
    totals: dict[tuple[str, str], dict[int, float]] = {}  # (engine, mode) -> pages -> s
    with tempfile.TemporaryDirectory() as scratch:
        imports = measure("imports", Path(scratch), args.runs, cold=False)
        print(f"{'imports':<12}{'-':>6}{'-':>6}{imports['seconds']:>9.2f}{'':>9}{imports['peak_mb']:>9.0f}",
              flush=True)
        for pages in (int(p) for p in args.pages.split(",")):
            issue = make_issue(pages)
            doc = Path(scratch) / f"issue-{pages}.yaml"
            doc.write_text(dump_issue(issue), encoding="utf-8")
            rows = [("ours", doc, "cold", True), ("ours", doc, "warm", False),
                    ("ours-1core", doc, "warm", False)]
            if args.pure:
                rows.append(("ours-pure", doc, "warm", False))
            if not args.no_typst:
                typ = Path(scratch) / f"issue-{pages}.typ"
                typ.write_text(typst_source(issue, pages), encoding="utf-8")
                rows.append(("typst", typ, "-", False))
            if not args.no_weasyprint:
                html = Path(scratch) / f"issue-{pages}.html"
                html.write_text(weasy_source(issue, ROOT / "fonts"), encoding="utf-8")
                rows.append(("weasyprint", html, "-", False))
            for kind, source, mode, cold in rows:
                m = measure(kind, source, args.runs, cold=cold)
                totals.setdefault((kind, mode), {})[pages] = m["seconds"]
                worker = f"{m['worker_mb']:>9.0f}" if kind == "ours" and m["worker_mb"] else f"{'':>9}"
                print(f"{kind:<12}{pages:>6}{mode:>6}{m['seconds']:>9.2f}{m['seconds'] / pages:>9.3f}"
                      f"{m['peak_mb']:>9.0f}{worker}", flush=True)
    print_marginal(totals)


def print_marginal(totals: dict[tuple[str, str], dict[int, float]]) -> None:
    """Each engine's cost of one more page, from the two largest issues: total/pages
    mixes it with the cost of starting (the 1-page total is nearly all start)."""
    lines = []
    for (kind, mode), by_pages in totals.items():
        if len(by_pages) >= 2:
            (small, t_small), (large, t_large) = sorted(by_pages.items())[-2:]
            per_page = (t_large - t_small) / (large - small)
            lines.append(f"{kind:<12}{mode:>6}{per_page * 1000:>9.1f} ms/page (pages {small}-{large})")
    if lines:
        print("marginal cost of a page:")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
