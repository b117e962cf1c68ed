"""Benchmark: composer throughput on real Chinese text, side by side with Typst.

~200,000 characters (the sample issue's paragraphs, repeated) composed at a
13-character measure of 9 pt with the shipped fonts. Cold = a fresh process (imports and
font metrics included; metrics come from the on-disk cache layout.fonts keeps, so the
very first run on a machine also parses the font, ~0.3 s); warm = repeated runs in one
process; median of several. Typst 0.15
(PyPI binding) compiles the same text in 8 columns with the same fonts.

Usage: python bench/bench_compose.py [--chars 200000] [--runs 5] [--no-typst]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layout.typeset.linebreak import ComposeOptions, StyledText, compose, grid_measure  # noqa: E402


def sample_paragraphs(total: int) -> list[str]:
    """The sample's lines, OCR spaces removed, repeated to `total` characters."""
    text = (ROOT / "samples" / "lvliang-daily-2023-02-17.txt").read_text(encoding="utf-8")
    paras = []
    for line in text.splitlines():
        p = re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", line.strip())
        p = p.replace(",", "，").replace('"', "”")
        if len(p) >= 20:
            paras.append(p)
    out, n = [], 0
    while n < total:
        for p in paras:
            out.append(p)
            n += len(p)
            if n >= total:
                break
    return out


def compose_all(paras: list[str], metrics) -> int:
    measure, opts, lines = grid_measure(13, 9.0), ComposeOptions(), 0
    for p in paras:
        lines += len(compose([StyledText(p, "song", 9.0)], measure, metrics, opts))
    return lines


def cold_once(chars: int) -> float:
    code = ("import time;t=time.perf_counter();import sys;sys.path.insert(0,%r);"  # noqa: UP031
            "from bench.bench_compose import *;from layout.fonts import load_fontset;"
            "compose_all(sample_paragraphs(%d),load_fontset());print(time.perf_counter()-t)"
            % (str(ROOT), chars))
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True, cwd=ROOT).stdout)


def typst_once(paras: list[str]) -> float:
    import typst

    body = "\n\n".join(paras)
    src = ('#set page(width: 350mm, height: 490mm, margin: 10mm, columns: 8)\n'
           '#set text(font: "Noto Serif CJK SC", size: 9pt, lang: "zh", region: "cn")\n'
           '#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 0.6em)\n'
           '#for p in read("body.txt").split("\\n\\n") [#p #parbreak()]\n')  # plain text, no markup
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "body.txt").write_text(body, encoding="utf-8")
        path = Path(d) / "doc.typ"
        path.write_text(src, encoding="utf-8")
        t = time.perf_counter()
        typst.compile(str(path), output=str(Path(d) / "doc.pdf"), font_paths=[str(ROOT / "fonts")],
                      ignore_system_fonts=True)
        return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-typst", action="store_true")
    a = ap.parse_args()
    from layout.fonts import load_fontset

    paras = sample_paragraphs(a.chars)
    n = sum(map(len, paras))
    cold = statistics.median(cold_once(a.chars) for _ in range(3))
    fs = load_fontset()
    warm_runs = []
    for _ in range(a.runs):
        t = time.perf_counter()
        lines = compose_all(paras, fs)
        warm_runs.append(time.perf_counter() - t)
    warm = statistics.median(warm_runs)
    print(f"text: {n} chars, {len(paras)} paragraphs, {lines} lines at 13 x 9 pt")
    print(f"compose cold (new process: imports + font metrics from the on-disk cache): "
          f"{cold:.2f} s = {n / cold:,.0f} chars/s")
    print(f"compose warm (median of {a.runs}): {warm:.2f} s = {n / warm:,.0f} chars/s")
    # a broadsheet page at 9 pt: 8 columns x 13 chars x ~ 120 lines ≈ 12,500 chars
    print(f"  -> 200 broadsheet pages (~2.5 M chars): {2.5e6 / (n / warm):.1f} s warm")
    if not a.no_typst:
        # each in a fresh process: typst memoises (comemo), a 2nd compile in-process
        # of the same source is ~0.08 s and measures nothing
        code = ("import sys;sys.path.insert(0,%r);from bench.bench_compose import *;"  # noqa: UP031
                "print(typst_once(sample_paragraphs(%d)))" % (str(ROOT), a.chars))
        ty = statistics.median(float(subprocess.run([sys.executable, "-c", code], text=True,
                               capture_output=True, check=True).stdout) for _ in range(3))
        print(f"typst 0.15 compile to PDF, 8 columns, same text (fresh process, median of 3):"
              f" {ty:.2f} s = {n / ty:,.0f} chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
