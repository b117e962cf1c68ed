"""The command line's commands: `export.py` runs `main`.

This is the only module that wires the stages together (ingest -> document -> typeset
-> render). Exit codes: 0 success, 2 bad input or usage, 1 internal error. Errors are
one clear line on stderr; `--debug` shows the traceback too.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the stages are imported where used: `--help` and `check` stay quick
    from layout.fonts import FontSet
    from layout.spec.schema import Spec
    from layout.typeset import Typesetting

ROOT = Path(__file__).resolve().parent.parent  # the checkout: specs/, samples/
DEFAULT_SPEC = ROOT / "specs" / "lvliang-daily.yaml"
SAMPLE = ROOT / "samples" / "lvliang-daily-2023-02-17.txt"


class UsageError(Exception):
    """A bad command-line argument (exit code 2)."""


# --- stages, wired ---------------------------------------------------------------

# what makes an Issue of each kind of input (`layout.read_cache` keys on their source)
DOCUMENT_READERS = ("document.py", "document_yaml.py", "model.py", "errors.py")
INGEST_READERS = ("ingest/*.py", "model.py", "errors.py")


def read_issue(path: Path, *, verbose: bool = False, to_typeset: bool = False):
    """An Issue from a document (.yaml/.yml/.json) or raw OCR text (anything else).

    Ingest's warnings are also the document's `notes`, so by default only their count
    is printed; `--verbose` lists them. `to_typeset`: a document with no pages is an
    error naming the file (a PDF or EPUB of it would be empty).
    """
    from layout.errors import DocumentError, IngestError, InputError
    from layout.fileio import read_input
    from layout.read_cache import read_once

    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        data = read_input(path, DocumentError, "the document")

        def load():
            from layout.document import load_issue_bytes  # YAML's parser: only for a new document

            return load_issue_bytes(data, path)

        issue = read_once("issue", str(path), data, DOCUMENT_READERS, load)
        if to_typeset and not issue.pages:
            raise InputError(f"{path}: error: the document has no pages: nothing to typeset")
        return issue
    raw = read_input(path, IngestError, "the input")

    def ingest():
        from layout.ingest import decode_raw, ingest_text  # ~50 ms of imports: only for raw text

        return ingest_text(decode_raw(raw, str(path)), str(path))

    issue, warnings = read_once("ingest", str(path), raw, INGEST_READERS, ingest)
    if verbose:
        for warning in warnings:
            print(f"note: {warning}", file=sys.stderr)
    elif warnings:
        print(f"ingest: {len(warnings)} notes on uncertain or dropped text are in the document's "
              "`notes` (--verbose lists them)", file=sys.stderr)
    return issue


def load_fonts_for(spec, issue=None):
    """The spec's fonts by role (or the manifest's defaults), drawing the regional forms
    `typography.forms` asks for: with `auto`, for a Traditional `issue`, those of its
    paper's region, Hong Kong's for HK and MO, else Taiwan's."""
    from layout.fonts import load_fontset
    from layout.spec.schema import Forms

    forms = {Forms.TAIWAN: "ZHT", Forms.HONG_KONG: "ZHH"}.get(spec.typography.forms)
    if spec.typography.forms is Forms.AUTO and issue is not None:
        from layout.script import Script, detect_script

        if detect_script(issue) is Script.HANT:
            forms = "ZHH" if issue.paper.region in ("HK", "MO") else "ZHT"
    return load_fontset(dict(spec.fonts) or None, face_files=spec.face_files, forms=forms)


def check_coverage(issue, fonts, *, strict: bool, spec=None) -> int:
    """Name every character no font can draw (`preflight.missing_chars`); an error in
    strict mode. Returns the count."""
    from layout.errors import FontError
    from layout.preflight import missing_chars

    missing = missing_chars(issue, fonts, spec)
    for ch, codepoint, where in missing:
        line = f"no font has {ch!r} ({codepoint}) in {where}"
        if strict:
            raise FontError(f"error: {line}")
        print(f"warning: {line}", file=sys.stderr)
    return len(missing)


def parse_pages(text: str | None) -> set[int] | None:
    """`1-2,5` -> {1, 2, 5}."""
    if not text:
        return None
    pages: set[int] = set()
    for part in text.split(","):
        low, _, high = part.strip().partition("-")
        if not low.isdigit() or (high and not high.isdigit()):
            raise UsageError(f"--pages: expected page numbers like 1-2,5, found {text!r}")
        first, last = int(low), int(high or low)
        if first < 1 or last < first:
            raise UsageError(f"--pages: expected an ascending range of pages from 1, found {part!r}")
        pages.update(range(first, last + 1))
    return pages


class Progress:
    """A one-line progress bar on stderr, for long issues only (8 pages or more).

    The page count is known only roughly while pages are still being made (a cut
    article may append pages), so the bar grows its total when it must.
    """

    def __init__(self, expected: int) -> None:
        self.expected, self.shown, self.done = expected, False, 0

    def __call__(self, done: int, total: int | None = None) -> None:
        self.done = done
        total = max(total or self.expected, done)
        if total < 8:
            return
        width = 30
        filled = width * done // total
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] page {done}/{total}", end="",
              file=sys.stderr, flush=True)
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            print(file=sys.stderr)


@dataclass
class Made:
    """A typesetting run under way: the fonts, the run (its breaks, placements and
    warnings are complete once `pages` is used up) and the stream of pages."""

    fonts: FontSet
    run: Typesetting
    pages: Iterator[Any]  # drawn pages (`DrawnPage`s for the PDF), made as they are used
    missing: int
    expected: int  # pages the issue asks for (more may be appended)
    finished: bool = False


def pdf_language(made: Made, issue) -> str:
    """The PDF's /Lang: the issue's script in its paper's region (`Script.language_in`:
    zh-HK, zh-TW, zh-Hant …), zh-CN for a Simplified issue of no other region."""
    language = made.run.script.language_in(issue.paper.region)
    return "zh-CN" if language == "zh-Hans" else language


def choose_jobs(issue, asked: int | None) -> int:
    """Processes to typeset with: as asked, else two for a long issue on a machine
    with two cores (see layout.typeset.parallel)."""
    from layout.typeset import parallel

    if asked is not None:
        return max(1, asked)
    if len(issue.pages) < parallel.PARALLEL_MIN_PAGES:
        return 1
    return 2 if two_cores() else 1


def two_cores() -> bool:
    """Whether this process may use two cores, forking a worker that shares its fonts."""
    from layout.typeset import parallel

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) >= 2 and parallel.available()


def typeset_issue(issue, spec, *, strict: bool, pages: set[int] | None = None,
                  draw: bool = True, jobs: int | None = None, stop_early: bool = False) -> Made:
    """Fonts checked, pages started: what both renderers need.

    The first page is made here, so a page that does not exist is an error before
    any output file is opened. `build` hands one run to the PDF, which draws and drops
    each page as it comes, and then to the EPUB, which needs only its page breaks.
    `stop_early` (with `pages`): make no page after the last one asked for.
    """
    from layout.errors import InputError
    from layout.preflight import punctuation_mismatch
    from layout.ranges import format_runs
    from layout.typeset import typesetting

    fonts = load_fonts_for(spec, issue)
    if (mismatch := punctuation_mismatch(spec, fonts)) is not None:
        print(f"warning: {mismatch}", file=sys.stderr)
    missing = check_coverage(issue, fonts, strict=strict, spec=spec)
    finish = None
    if draw:  # each page's PDF content is drawn in the process that made the page
        from layout.render.pdf import page_drawer

        finish = page_drawer(fonts)
    # what lives to the end of the run (modules, document, spec, fonts) is left out of the
    # cycle collector's full passes from here: 26 M instructions of a 1-page export's 724 M
    # (callgrind). Refcounting still frees each of them once unused (`build`'s issues).
    # The program starts with the collector off (export.run): it runs from here on.
    gc.freeze()
    gc.enable()
    run = typesetting(issue, spec, fonts, pages=pages, draw=draw,
                      jobs=choose_jobs(issue, jobs), finish=finish, stop_early=stop_early)
    stream = iter(run)
    first = next(stream, None)
    if draw and first is None:  # the walk went to its end: its breaks name every page
        asked = sorted(pages or ())
        which = f"page {asked[0]}" if len(asked) == 1 else f"pages {format_runs(asked)}"
        raise InputError(f"error: {which}: no such printed page in this issue (its pages "
                         f"with this spec: {format_runs(b.page for b in run.breaks)})")
    numbers = {p.number for p in issue.pages}
    expected = len(numbers & pages) if pages else len(issue.pages)
    return Made(fonts, run, itertools.chain([first] if first else [], stream), missing, expected)


def finish_typesetting(made: Made) -> None:
    """Run the pagination to its end (for the page breaks) and print its warnings."""
    if made.finished:
        return
    made.finished = True
    for _ in made.pages:
        pass
    for warning in made.run.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def export_pdf(issue, output: Path, made: Made, *, plan: bool = False) -> dict:
    """Draw the PDF page by page as the pages are made; returns figures for the summary."""
    from layout.render.pdf import render_pdf
    from layout.typeset import format_plan

    title = " ".join(x for x in (issue.paper.name, issue.issue.date) if x) or output.stem
    progress = Progress(made.expected)
    drawn: set[int] = set()  # printed pages in the PDF (all, or those --pages asked for)

    def noted(pages: Iterator[Any]) -> Iterator[Any]:
        for page in pages:
            drawn.add(page.number)
            yield page

    try:
        render_pdf(noted(made.pages), output, fonts=made.fonts, title=title,
                   author=issue.paper.publisher_line, subject=issue.paper.name,
                   lang=pdf_language(made, issue), date=issue.issue.date, progress=progress,
                   total=made.expected)
    finally:
        progress.finish()
    finish_typesetting(made)
    if plan:
        print(format_plan(made.run))
    articles = {p.article for p in made.run.placements if p.page in drawn}
    return {"pages": progress.done, "articles": len(articles),
            "warnings": len(made.run.warnings) + made.missing}


def export_epub(issue, spec, output: Path, made: Made, *, jobs: int | None = None) -> dict:
    """Write the EPUB, citing the print pagination of the same spec; `jobs` (--jobs)
    bounds the processes its font subsets are made in."""
    import warnings

    from layout.render.epub import render_epub
    from layout.render.epub_fonts import FontCoverageWarning

    finish_typesetting(made)
    with warnings.catch_warnings(record=True) as caught:  # printed as our other warnings
        warnings.simplefilter("always")
        render_epub(issue, spec, output, fonts=made.fonts if spec.epub.embed_fonts else None,
                    page_breaks=tuple(made.run.breaks), workers=jobs)
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    # a character no font has is counted once, by the coverage check
    more = sum(1 for w in caught if not issubclass(w.category, FontCoverageWarning))
    return {"pages": len(made.run.breaks), "articles": len(issue.articles()),
            "warnings": made.missing + more}


def summarise(kind: str, output: Path, figures: dict, started: float) -> None:
    seconds = time.perf_counter() - started
    print(f"{kind}: wrote {output} — {figures['pages']} pages, {figures['articles']} articles, "
          f"{figures['warnings']} warnings, {seconds:.2f} s", file=sys.stderr)


# --- subcommands ---------------------------------------------------------------

def cmd_ingest(args: argparse.Namespace) -> int:
    from layout.document import dump_issue
    from layout.fileio import write_text_atomic

    fmt = args.format or ("json" if args.output.suffix.lower() == ".json" else "yaml")
    text = dump_issue(read_issue(args.input, verbose=args.verbose), fmt)
    if (args.output.exists() and not args.force
            and args.output.read_text(encoding="utf-8", errors="replace") != text):
        raise UsageError(f"{args.output}: exists and differs from a fresh ingest (edited?); "
                         "not overwritten — use --force to replace it")
    write_text_atomic(args.output, text)
    print(f"ingest: wrote {args.output}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """`pdf` and `epub`: spec and issue in, one file out, a summary line."""
    from layout.fileio import check_writable
    from layout.spec import load_spec

    started = time.perf_counter()
    output = args.output or args.input.with_suffix(f".{args.command}")
    check_writable(output)
    spec = load_spec(args.spec)
    issue = read_issue(args.input, verbose=args.verbose, to_typeset=True)
    if args.command == "pdf":
        # --plan lists every page's placements: only then must the walk go to the end
        made = typeset_issue(issue, spec, strict=args.strict, pages=parse_pages(args.pages),
                             jobs=args.jobs, stop_early=not args.plan)
        figures = export_pdf(issue, output, made, plan=args.plan)
    else:
        made = typeset_issue(issue, spec, strict=args.strict, draw=False, jobs=args.jobs)
        figures = export_epub(issue, spec, output, made, jobs=args.jobs)
    summarise(args.command, output, figures, started)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """The main job: issue document, PDF and EPUB side by side in one folder, for each
    input. Several inputs (an archive's issues) share one start (the imports, spec and
    fonts are loaded once) and two cores (`layout.batch`). An input that fails is
    reported and the others go on."""
    from layout.fileio import check_writable
    from layout.spec import load_spec

    inputs: list[Path] = args.input or [SAMPLE]
    _refuse_shared_outputs(inputs, args.out_dir)
    check_writable(args.out_dir / f"{inputs[0].stem}.pdf")  # a folder that takes none: once
    spec = load_spec(args.spec)
    if len(inputs) == 1:
        build_one(inputs[0], spec, args, jobs=args.jobs)
        return 0
    from layout.batch import run_all

    started = time.perf_counter()
    processes = batch_processes(args.jobs)
    jobs = 1 if processes > 1 else args.jobs  # two issues at a time, each on one core
    failed = [inputs[i] for i in run_all(len(inputs), lambda i: build_one(inputs[i], spec, args, jobs=jobs),
                                         processes=processes, report=report_error)]
    seconds = time.perf_counter() - started
    print(f"build: {len(inputs) - len(failed)} of {len(inputs)} issues built in {seconds:.2f} s"
          + (f"; failed: {', '.join(map(str, failed))}" if failed else ""), file=sys.stderr)
    return 2 if failed else 0


def batch_processes(asked: int | None) -> int:
    """Processes to build several issues in: as asked (1 or 2), else two on a machine
    with two cores that can fork."""
    if asked is not None:
        return min(2, max(1, asked))
    return 2 if two_cores() else 1


def _refuse_shared_outputs(inputs: Sequence[Path], out_dir: Path) -> None:
    """Outputs are named after their input's stem: two inputs of one stem would write
    the same files, the second over the first."""
    seen: dict[str, Path] = {}
    for path in inputs:
        other = seen.setdefault(path.stem.casefold(), path)
        if other != path:
            raise UsageError(f"build: {other} and {path} would both write "
                             f"{out_dir / path.stem}.pdf; rename one or build them apart")


def build_one(path: Path, spec: Spec, args: argparse.Namespace, *, jobs: int | None) -> None:
    """Document (when `path` is raw text), PDF and EPUB of one input into `args.out_dir`."""
    from layout.document import dump_issue
    from layout.fileio import check_writable, write_text_atomic

    started = time.perf_counter()
    check_writable(args.out_dir / f"{path.stem}.pdf")
    issue = read_issue(path, verbose=args.verbose, to_typeset=True)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    document = args.out_dir / f"{path.stem}.yaml"
    if path.suffix.lower() not in (".yaml", ".yml", ".json"):
        write_text_atomic(document, dump_issue(issue))
        print(f"build: wrote {document}", file=sys.stderr)
    pdf = args.out_dir / f"{path.stem}.pdf"
    made = typeset_issue(issue, spec, strict=args.strict, jobs=jobs)
    summarise("pdf", pdf, export_pdf(issue, pdf, made), started)
    started = time.perf_counter()
    epub = args.out_dir / f"{path.stem}.epub"
    summarise("epub", epub, export_epub(issue, spec, epub, made, jobs=jobs), started)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a layout spec, or an issue document (an edited one, say) against the
    fonts of `--spec`: what `pdf` would refuse or warn about, without typesetting."""
    from layout.spec import check_spec, load_spec

    if not is_document(args.file):
        spec = check_spec(args.file)  # from its files, never the read cache
        print(f"{args.file}: ok — {spec.grid.columns} columns on "
              f"{spec.page.width / 72 * 25.4:.0f}×{spec.page.height / 72 * 25.4:.0f} mm, "
              f"body {spec.grid.body_size:g} pt")
        return 0
    issue = read_issue(args.file)
    spec = load_spec(args.spec)
    missing = check_coverage(issue, load_fonts_for(spec, issue), strict=args.strict, spec=spec)
    articles = len(issue.articles())
    print(f"{args.file}: ok — {len(issue.pages)} pages, {articles} articles, "
          f"{len(issue.notes)} notes"
          + (f", {missing} character{'s' if missing > 1 else ''} no font has" if missing else ""))
    return 0


def is_document(path: Path) -> bool:
    """Whether `path` is an issue document rather than a layout spec: JSON, or YAML
    whose top level holds `paper`, `issue` or `pages` (a spec's keys are `page`,
    `grid`, `styles`, …). Only the file's unindented keys are looked at."""
    if path.suffix.lower() == ".json":
        return True
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return False  # the spec loader names what is wrong with the file
    keys = {line.split(":", 1)[0].strip("'\"") for line in text.splitlines()
            if line[:1].isalpha() or line[:1] in "'\""}
    return bool(keys & {"paper", "issue", "pages"})


def issue_reader(path: Path, *, verbose: bool = False):
    """`read_issue(path)` again only when the file has changed since the last call:
    a watch re-renders on every spec edit, and parsing a long document (0.16 s for 200
    pages) or ingesting raw text each time would slow every round for nothing."""
    read_stamp, issue = None, None  # (mtime_ns, size) of the file when read, and the issue

    def current():
        nonlocal read_stamp, issue
        stat = path.stat() if path.exists() else None
        stamp = (stat.st_mtime_ns, stat.st_size) if stat else None
        if stamp is None or stamp != read_stamp:
            issue = read_issue(path, verbose=verbose, to_typeset=True)  # reports a missing file
            read_stamp = stamp
        return issue

    return current


def cmd_preview(args: argparse.Namespace) -> int:
    from layout.preview import render_png, watch

    current_issue = issue_reader(args.input, verbose=args.verbose)

    def once() -> None:
        from layout.spec import load_spec

        started = time.perf_counter()
        spec = load_spec(args.spec)
        issue = current_issue()
        made = typeset_issue(issue, spec, strict=False, pages={args.page}, stop_early=True)
        render_png(lambda pdf: export_pdf(issue, pdf, made),
                   args.page, args.output, dpi=args.dpi)
        print(f"preview: wrote {args.output} ({time.perf_counter() - started:.2f} s)", file=sys.stderr)

    if not args.watch:
        once()
        return 0
    watch(watched_files(args.input, args.spec), once, on_error=report_error)
    return 0


def watched_files(document: Path, spec_path: Path) -> list[Path]:
    """What a preview watch polls: the document, the specs beside the spec, and, as
    the spec loads now, every spec it extends and every font file it names (they may
    live in other folders). A spec that does not load yet is watched by its folder."""
    from layout.errors import SpecError
    from layout.spec import load_spec

    files = [document, *sorted(spec_path.resolve().parent.glob("*.yaml"))]
    try:
        spec = load_spec(spec_path)
    except SpecError:
        return files
    more = [*spec.files, *spec.face_files.values()]
    known = {f.resolve() for f in files}
    return files + [f for f in more if f.resolve() not in known]


# --- argument parsing and error handling -----------------------------------------

JOBS_HELP = ("processes to typeset with: 1, or 2 to make the later pages ahead in a second "
             "process (default: 2 for an issue of 6 pages or more on a machine with 2 cores); "
             "for an EPUB, also the most processes its font subsets are made in (default: "
             "one per core)")


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own, as wide as the terminal, found without `shutil`: argparse makes
    a formatter for every argument added, and `shutil` (with the compression modules it
    imports) cost every run ~2 ms that printed no help at all."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)  # argparse's own margin


def _terminal_columns() -> int:
    """`shutil.get_terminal_size().columns`: $COLUMNS, else the terminal's, else 80."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no stdout (AttributeError), not a terminal
        return 80


class _Parser(argparse.ArgumentParser):
    """An argument parser with `_HelpFormatter`, for the command and its subcommands."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "formatter_class": _HelpFormatter})


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Given `argv`, a known command gets only its own
    subparser: making all seven was ~2.5 ms of a one-page export."""
    parser = _Parser(
        prog="export.py", description="Reconstruct CJK newspaper issues from raw OCR text; "
        "typeset them to PDF and EPUB 3 from a YAML layout spec.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--verbose", action="store_true", help="list every ingest note")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    command = next((a for a in argv or () if not a.startswith("-")), None)
    for name, add in _SUBCOMMANDS.items():
        if command not in _SUBCOMMANDS or name == command:  # unknown or none: all, for the usage
            add(sub, name)
    return parser


def _add_ingest(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="raw OCR text -> issue document (YAML/JSON)",
                       description="Reconstruct the issue document from raw OCR text.")
    p.add_argument("input", type=Path, help="raw OCR text (UTF-8, UTF-16 or GB18030)")
    p.add_argument("-o", "--output", type=Path, required=True, help="ISSUE.yaml or ISSUE.json")
    p.add_argument("--format", choices=("yaml", "json"), help="default: from the output's suffix")
    p.add_argument("--force", action="store_true", help="replace an edited document")
    p.set_defaults(func=cmd_ingest)


def _add_export(sub: Any, name: str) -> None:
    suffix = {"pdf": "PDF", "epub": "EPUB 3"}[name]
    p = sub.add_parser(name, help=f"issue document or OCR text -> {suffix}",
                       description=f"Typeset an issue to {suffix}. A raw .txt is ingested on the fly.")
    p.add_argument("input", type=Path, help="ISSUE.yaml / ISSUE.json / raw OCR .txt")
    _spec_option(p)
    p.add_argument("-o", "--output", type=Path, help=f"output file (default: INPUT with .{name})")
    _strict_option(p)
    p.add_argument("--jobs", type=int, metavar="N", help=JOBS_HELP)
    if name == "pdf":
        p.add_argument("--pages", help="only these printed pages, e.g. 1-2,5")
        p.add_argument("--plan", action="store_true", help="print the placement of every article")
    p.set_defaults(func=cmd_export)


def _add_build(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="the main job: document + PDF + EPUB into a folder",
                       description="Ingest (if raw text), then write ISSUE.yaml, ISSUE.pdf and "
                       "ISSUE.epub, for each input. An input that fails is reported, the others "
                       "are built, and the exit status is 2.")
    p.add_argument("input", type=Path, nargs="*",
                   help="raw OCR .txt or ISSUE.yaml / ISSUE.json, one or more (default: the bundled sample)")
    _spec_option(p)
    p.add_argument("--out-dir", type=Path, default=Path("out"), help="default: %(default)s")
    _strict_option(p)
    p.add_argument("--jobs", type=int, metavar="N",
                   help=JOBS_HELP + "; with several inputs, 2 builds two issues at a time "
                   "(the default on a machine with 2 cores), each in one process")
    p.set_defaults(func=cmd_build)


def _add_check(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="validate a layout spec or an issue document",
                       description="Validate a layout spec, or an issue document and the fonts "
                       "of --spec for its characters; every problem is reported as "
                       "file:line:col: error: key: expected X, found Y.")
    p.add_argument("file", type=Path, help="SPEC.yaml, or ISSUE.yaml / ISSUE.json")
    _spec_option(p, "for a document: the spec whose fonts must draw it")
    _strict_option(p)
    p.set_defaults(func=cmd_check)


def _add_preview(sub: Any, name: str) -> None:
    p = sub.add_parser(name, help="one page as PNG, optionally re-rendered on every change",
                       description="Render one page to PNG for quick spec tweaking.")
    p.add_argument("input", type=Path, help="ISSUE.yaml / ISSUE.json / raw OCR .txt")
    _spec_option(p)
    p.add_argument("--page", type=int, default=1, help="printed page number (default: 1)")
    p.add_argument("-o", "--output", type=Path, default=Path("preview.png"))
    p.add_argument("--dpi", type=int, default=72)
    p.add_argument("--watch", action="store_true", help="re-render when the spec or document changes")
    p.set_defaults(func=cmd_preview)


def _spec_option(p: argparse.ArgumentParser, what: str = "layout spec") -> None:
    p.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help=what + " (default: %(default)s)")


def _strict_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true", help="a character no font has is an error")


# in the order `--help` lists them
_SUBCOMMANDS = {"ingest": _add_ingest, "pdf": _add_export, "epub": _add_export, "build": _add_build,
                "check": _add_check, "preview": _add_preview}


def report_error(exc: BaseException) -> None:
    """Our messages already say `file:line: error: ...`; others get the prefix."""
    message = str(exc)
    first = message.split("\n", 1)[0]
    print(message if ": error: " in first or first.startswith("error")
          else f"error: {message}", file=sys.stderr)


# An export makes and drops a few hundred thousand small objects a page: young objects
# are searched for cycles every 10,000 allocations rather than Python's 700, which spares
# 3.4 % of a page's instructions (callgrind, 12 pages less 4) for no measurable memory
YOUNG_GC_THRESHOLD = 10_000


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command `argv` names (default: the program's arguments); its exit code."""
    from layout.errors import InputError

    gc.set_threshold(YOUNG_GC_THRESHOLD, *gc.get_threshold()[1:])
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    try:
        return args.func(args)
    except (InputError, UsageError) as exc:
        if args.debug:
            _print_traceback()
        report_error(exc)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so plainly, trace only on request
        if args.debug:
            _print_traceback()
        print(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
              file=sys.stderr)
        return 1
    finally:
        gc.enable()  # off while the program started (export.run), if typesetting did not turn it on


def _print_traceback() -> None:
    import traceback  # only with --debug: ~4 ms of imports every run would pay

    traceback.print_exc()


if __name__ == "__main__":
    sys.exit(main())
