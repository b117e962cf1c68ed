"""Benchmark ingest on a 200-page issue built from the sample page.

The sample's blank-line-separated blocks are shuffled and recombined per page (seeded,
so every run measures the same text), with a `第N版 <section>` marker before each page.
Prints the median wall time of several runs, seconds per page, and the peak traced
memory of one extra run; and what `import layout.ingest` costs, as the median of several
fresh processes (every raw-text export pays it once, before its one ingest).

    python bench/bench_ingest.py [--pages 200] [--runs 5] [--imports 9]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layout.ingest import ingest_text  # noqa: E402

SAMPLE = ROOT / "samples" / "lvliang-daily-2023-02-17.txt"
SECTIONS = ("要闻", "综合", "经济", "社会", "文化", "体育", "国际", "副刊")


def make_issue(pages: int, seed: int = 17) -> str:
    """Text of an issue: each page a shuffled recombination of the sample's blocks."""
    blocks = [b.strip() for b in SAMPLE.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    rng = random.Random(seed)
    out = []
    for number in range(1, pages + 1):
        chosen = rng.sample(blocks, k=rng.randint(len(blocks) // 2, len(blocks)))
        out.append(f"第{number}版 {SECTIONS[number % len(SECTIONS)]}")
        out.extend(chosen)
    return "\n\n".join(out) + "\n"


def import_seconds(runs: int) -> list[float]:
    """Wall time of `import layout.ingest` in each of `runs` fresh interpreters."""
    timer = "import time; t = time.perf_counter(); import layout.ingest; print(time.perf_counter() - t)"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return [float(subprocess.run([sys.executable, "-c", timer], capture_output=True, text=True, check=True,
                                 cwd=ROOT, env=env).stdout) for _ in range(runs)]


def main() -> None:
    """Run the benchmark and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--imports", type=int, default=9, help="fresh processes timing the import")
    args = parser.parse_args()
    text = make_issue(args.pages)
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        issue, warnings = ingest_text(text, "bench.txt")
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    ingest_text(text, "bench.txt")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(times)
    print(f"input: {args.pages} pages, {len(text):,} characters, {text.count(chr(10)):,} lines")
    print(f"output: {len(issue.pages)} pages, {len(issue.articles())} articles, {len(warnings)} warnings")
    print(f"runs: {', '.join(f'{t:.3f}' for t in times)} s")
    print(f"median: {median:.3f} s total, {median / args.pages * 1000:.2f} ms per page")
    print(f"peak traced memory: {peak / 2**20:.1f} MiB")
    if args.imports:
        imports = import_seconds(args.imports)
        print(f"import layout.ingest: median {statistics.median(imports) * 1000:.1f} ms "
              f"of {args.imports} fresh processes (min {min(imports) * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
