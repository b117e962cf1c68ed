#!/usr/bin/env python3
"""Benchmark the EPUB export of the seed issue: median time and file size.

The sample is ingested once (`layout.ingest.ingest_text`), then `render_epub` runs
several times in this process. "cold" points the font-subset cache at an empty
folder for every run (subsetting each time); "warm" reuses one cache, as a
second export of the same issue does. Also an issue of N pages made from the sample's
articles, to see how it scales, and the seed's font subsets alone, made cold in one
process and in one per core (`epub_fonts.make_subsets`), the two alternating run by
run so both see the same load on a shared machine.

    python bench/bench_epub.py [--runs 5] [--pages 12] [--vertical] [--no-fonts]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "samples" / "lvliang-daily-2023-02-17.txt"


def seed_issue():
    from layout.ingest import decode_raw, ingest_text

    issue, _ = ingest_text(decode_raw(SAMPLE.read_bytes(), SAMPLE.name), SAMPLE.name)
    return issue


def many_pages(issue, pages: int):
    """`pages` pages, each the seed's front page articles rotated by the page number."""
    from layout.model import Page

    arts = issue.pages[0].articles
    made = [Page(n, issue.pages[0].section, arts[n % len(arts):] + arts[:n % len(arts)],
                 issue.pages[0].footer) for n in range(1, pages + 1)]
    return replace(issue, pages=tuple(made))


def measure(issue, spec, fonts, runs: int, cold: bool, out: Path) -> tuple[float, int]:
    from layout.render.epub import render_epub

    times = []
    shared = tempfile.mkdtemp(prefix="bench-epub-cache-")
    for _ in range(runs):
        os.environ["LAYOUT_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-epub-cold-") if cold else shared
        started = time.perf_counter()
        render_epub(issue, spec, out, fonts=fonts)
        times.append(time.perf_counter() - started)
    return statistics.median(times), out.stat().st_size


def seed_faces(issue, spec, fonts) -> list[tuple[Path, frozenset[str]]]:
    """(font file, characters) of each face the seed's EPUB embeds, as `build_epub` finds them."""
    from layout.render import epub_fonts
    from layout.render.epub import build_epub

    made: list[tuple[Path, frozenset[str]]] = []
    real = epub_fonts.make_subsets

    def note(wanted, **kwargs):
        made.extend(wanted)
        return real(wanted, **kwargs)

    epub_fonts.make_subsets = note
    try:
        build_epub(issue, spec, fonts=fonts)
    finally:
        epub_fonts.make_subsets = real
    return made


def measure_subsets(wanted, runs: int) -> dict[str, float]:
    """Median seconds to make `wanted` with an empty cache, in one process and in one per core."""
    from layout.render.epub_fonts import make_subsets

    times: dict[str, list[float]] = {"1 process": [], "per core": []}
    for run in range(runs):
        for label in (list(times) if run % 2 == 0 else list(reversed(times))):
            os.environ["LAYOUT_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-epub-cold-")
            started = time.perf_counter()
            make_subsets(wanted, workers=1 if label == "1 process" else None)
            times[label].append(time.perf_counter() - started)
    return {label: statistics.median(values) for label, values in times.items()}


def main() -> int:
    from layout.fonts import load_fontset
    from layout.spec.schema import EpubSpec, Spec

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--vertical", action="store_true")
    ap.add_argument("--no-fonts", action="store_true")
    args = ap.parse_args()
    spec = Spec(epub=EpubSpec(vertical=args.vertical, embed_fonts=not args.no_fonts))
    fonts = None if args.no_fonts else load_fontset()
    seed = seed_issue()
    out = Path(tempfile.mkdtemp(prefix="bench-epub-")) / "seed.epub"
    rows = [("seed, cold cache", seed, True), ("seed, warm cache", seed, False),
            (f"{args.pages} pages, warm", many_pages(seed, args.pages), False)]
    print(f"{'case':<22} {'median s':>9} {'size KB':>9}   ({args.runs} runs)")
    for label, issue, cold in rows:
        seconds, size = measure(issue, spec, fonts, args.runs, cold, out)
        print(f"{label:<22} {seconds:9.3f} {size / 1024:9.1f}")
    if fonts is not None:
        wanted = seed_faces(seed, spec, fonts)
        for label, seconds in measure_subsets(wanted, args.runs).items():
            print(f"{'subsets, ' + label:<22} {seconds:9.3f}   ({len(wanted)} faces)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
