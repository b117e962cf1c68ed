"""Typesetting on two cores: the later pages made ahead in a forked worker.

Why this is exact: a page's make-up depends on the pages before it only through
articles cut and continued on a later page. Where the walk is *at rest* at the start
of a page (nothing waits to continue, every page made has been handed on), the pages
from there on come out the same whatever came before. So a worker, forked when the
run starts, walks the issue from page `split` as if at rest there, while this
process makes pages `[0, split)` and hands them to the renderer. At `split` this
process checks that it really is at rest; if an article jumps across, it goes on
making pages itself until both walks began a page at rest, and takes the worker's
pages from there. Either way the pages are exactly those of a run on one core.

The worker writes each pickled `PageRecord` to an unlinked temporary file (so it
never waits on this process and memory stays flat) and sends its offset and length
through a pipe; this process reads it back with `os.pread`.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING

from layout.errors import InputError
from layout.typeset.records import PageRecord
from layout.typeset.stream import Maker

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

# when the pages made are drawn here afterwards (no `finish` hook, see `stream`), this
# process takes the smaller share of the typesetting (0.3: fastest of 0.2-0.45 on 40-
# and 200-page issues, 2 cores); when each process draws its own pages, half (fastest
# of 0.3-0.6)
DRAWN_HERE_SHARE = 0.3
PARALLEL_MIN_PAGES = 6  # below this, forking costs more than it saves


def available() -> bool:
    """Whether this platform can fork a worker that shares the loaded fonts."""
    import multiprocessing  # here: a short issue, made in one process, never needs it (~7 ms)

    return "fork" in multiprocessing.get_all_start_methods()


def start_sharing(process: BaseProcess) -> None:
    """Start a forked `process` whose cycle collections skip what it inherits (the
    document, fonts, caches): less work, and their memory pages stay shared rather than
    copied on write (gc.freeze). This process then collects them as before, unless they
    were frozen before (export.typeset_issue freezes them for the run)."""
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        process.start()
    finally:
        if not frozen_before:
            gc.unfreeze()


def split_point(pages: int, drawn_here: bool) -> int:
    """The first page the worker makes."""
    return max(1, round(pages * (DRAWN_HERE_SHARE if drawn_here else 0.5)))


def records_in_parallel(maker: Maker, make_worker: Callable[[], Maker],
                        split: int) -> Generator[PageRecord, None, None]:
    """`maker`'s records for the whole issue, the pages from `split` on made by a
    worker process running `make_worker()` (see the module docstring)."""
    issue_pages = maker.issue.pages
    with _Worker(make_worker, split) as worker:
        yield from maker.records(0, split)
        for index in range(split, len(issue_pages)):
            if maker.paginator.at_rest:
                record = worker.record_of(index - split)
                if record is not None and record.clean:
                    yield record
                    yield from worker.rest()
                    return
            yield from maker.records(index, index + 1)
    yield from maker.records(len(issue_pages))  # appended continuation pages


class _Worker:
    """A forked process making records from page `start` on."""

    def __init__(self, make_worker: Callable[[], Maker], start: int) -> None:
        import multiprocessing
        import tempfile  # here, as multiprocessing: a one-page export never forks (~4 ms)

        # held open for the worker's life and closed in __exit__
        self._file = tempfile.TemporaryFile(prefix="layout-pages-")  # noqa: SIM115
        fork = multiprocessing.get_context("fork")
        self._reader, writer = fork.Pipe(duplex=False)
        self._process = fork.Process(
            target=_work, args=(make_worker, start, self._file.fileno(), writer), daemon=True)
        start_sharing(self._process)
        writer.close()  # the worker holds the only write end: its exit ends the pipe
        self._done = False
        self._read = 0  # records read so far

    def __enter__(self) -> _Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._reader.close()
        self._file.close()

    def _next(self) -> PageRecord | None:
        if self._done:
            return None
        try:
            message = self._reader.recv()
        except EOFError:
            raise RuntimeError("the typesetting worker stopped without a word "
                               f"(exit code {self._process.exitcode})") from None
        kind = message[0]
        if kind == "input-error":
            raise InputError(message[1])
        if kind == "error":
            raise RuntimeError(f"in the typesetting worker:\n{message[1]}")
        if kind == "done":
            self._done = True
            return None
        _, offset, length = message
        self._read += 1
        return pickle.loads(os.pread(self._file.fileno(), length, offset))

    def record_of(self, position: int) -> PageRecord | None:
        """The worker's record at `position` (its records come in the issue's page
        order, one per page from its start); those before it are dropped: this process
        made those pages itself."""
        record = None
        while self._read <= position:
            if (record := self._next()) is None:
                return None
        return record

    def rest(self) -> Iterator[PageRecord]:
        while (record := self._next()) is not None:
            yield record


def _work(make_worker: Callable[[], Maker], start: int, fd: int, pipe) -> None:  # type: ignore[no-untyped-def]
    """The worker: make records from `start`, write each to `fd`, announce it on `pipe`.

    A record is held back until the next one is made, so the warnings raised after the
    last page still travel with it.
    """
    try:
        maker = make_worker()
        offset, held = 0, None
        for record in maker.records(start):
            if held is not None:
                offset = _send(held, fd, offset, pipe)
            held = record
        if held is not None:
            trailing = maker.new_warnings()
            if trailing:
                held = PageRecord(held.number, held.clean, held.start, held.placements,
                                  held.page, held.warnings + trailing)
            _send(held, fd, offset, pipe)
        pipe.send(("done",))
    except InputError as error:  # the user's to fix, as it would be on one core
        pipe.send(("input-error", str(error)))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        import traceback

        pipe.send(("error", traceback.format_exc()))
    finally:
        pipe.close()


def _send(record: PageRecord, fd: int, offset: int, pipe) -> int:  # type: ignore[no-untyped-def]
    data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
    written = 0
    while written < len(data):
        written += os.pwrite(fd, data[written:], offset + written)
    pipe.send(("page", offset, len(data)))
    return offset + len(data)
