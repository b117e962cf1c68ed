"""Several inputs on two cores: `build archive/*.txt` shares out its issues.

An archive is made of many short issues (a front page each, say): one issue is too
short to split over two processes (`typeset.parallel` starts at 6 pages), but two
issues at a time keep both cores busy. A forked worker inherits what this process has
loaded (modules, spec, fonts) and takes the next issue from a shared counter, as this
process does, so a long issue does not hold the other process idle. Each issue's
outputs are made by one process from start to end, so they are the same bytes as in a
run of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from layout.errors import InputError
from layout.typeset.parallel import start_sharing


def run_all(count: int, work: Callable[[int], None], *, processes: int,
            report: Callable[[InputError], None]) -> list[int]:
    """Run `work(i)` for i in range(count), in up to two processes; returns the indices
    whose work raised an `InputError` (each is `report`ed where it happened, and the
    others go on). Any other error stops the batch and is raised here."""
    if processes < 2 or count < 2:
        return _drain(iter(range(count)).__next__, work, report)
    import multiprocessing  # only for a batch on two cores (~7 ms of imports)

    fork = multiprocessing.get_context("fork")
    counter = fork.Value("i", 0)

    def claim() -> int:
        with counter.get_lock():
            index = counter.value
            counter.value += 1
        if index >= count:
            raise StopIteration
        return index

    reader, writer = fork.Pipe(duplex=False)
    worker = fork.Process(target=_work, args=(claim, work, report, writer), daemon=True)
    start_sharing(worker)
    writer.close()
    received = None
    try:
        failed = _drain(claim, work, report)
        received = reader.recv()
    except EOFError:
        raise RuntimeError(f"the build worker stopped without a word (exit code "
                           f"{worker.exitcode})") from None
    finally:
        if received is None:  # this process failed: the worker ends the issue it is on
            with counter.get_lock():  # (its outputs whole, never cut off) and takes no more
                counter.value = count
        worker.join()
        reader.close()
    kind, value = received
    if kind == "error":
        raise RuntimeError(f"in the build worker:\n{value}")
    return sorted(failed + value)


def _drain(claim: Callable[[], int], work: Callable[[int], None],
           report: Callable[[InputError], None]) -> list[int]:
    """Work through the indices `claim` hands out; the ones that failed."""
    failed: list[int] = []
    while True:
        try:
            index = claim()
        except StopIteration:
            return failed
        try:
            work(index)
        except InputError as error:
            report(error)
            failed.append(index)


def _work(claim: Callable[[], int], work: Callable[[int], None],
          report: Callable[[InputError], None], pipe) -> None:  # type: ignore[no-untyped-def]
    try:
        pipe.send(("done", _drain(claim, work, report)))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        import traceback

        pipe.send(("error", traceback.format_exc()))
    finally:
        pipe.close()

