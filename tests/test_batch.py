"""Several inputs on two cores (`layout.batch`): each index worked once, failures kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from layout.batch import run_all
from layout.errors import InputError


def _marker_work(folder: Path, bad: set[int] = frozenset()):  # type: ignore[no-untyped-def, assignment]
    def work(index: int) -> None:
        # O_EXCL: an index worked twice (by both processes) fails loudly
        fd = os.open(folder / f"{index}.{os.getpid()}", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        os.close(fd)
        if index in bad:
            raise InputError(f"item {index}: error: bad")
    return work


@pytest.mark.parametrize("processes", [1, 2])
def test_every_index_is_worked_once_and_failures_are_reported_and_kept(
        tmp_path: Path, processes: int) -> None:
    reported: list[str] = []
    failed = run_all(25, _marker_work(tmp_path, {3, 17}), processes=processes,
                     report=lambda error: reported.append(str(error)))
    done = sorted(int(name.split(".")[0]) for name in os.listdir(tmp_path))
    assert done == list(range(25))
    assert failed == [3, 17]
    if processes == 1:  # the worker's reports are made in the worker
        assert sorted(reported) == ["item 17: error: bad", "item 3: error: bad"]


def test_both_processes_take_work(tmp_path: Path) -> None:
    def slow(index: int) -> None:
        import time

        time.sleep(0.02)
        _marker_work(tmp_path)(index)

    run_all(20, slow, processes=2, report=lambda error: None)
    assert len({name.split(".")[1] for name in os.listdir(tmp_path)}) == 2


def test_a_bug_in_the_worker_stops_the_batch_with_its_traceback() -> None:
    parent = os.getpid()

    def work(index: int) -> None:
        import time

        time.sleep(0.02)  # the parent must not take every index before the worker starts
        if os.getpid() != parent:
            raise ZeroDivisionError("in the worker")

    with pytest.raises(RuntimeError, match="ZeroDivisionError: in the worker"):
        run_all(10, work, processes=2, report=lambda error: None)


def test_a_bug_here_lets_the_worker_end_its_issue_and_take_no_more(tmp_path: Path) -> None:
    import multiprocessing

    parent, mine = os.getpid(), []

    def work(index: int) -> None:
        import time

        if os.getpid() == parent:
            mine.append(index)
            if len(mine) == 2:
                raise ZeroDivisionError("here")
        time.sleep(0.05)
        _marker_work(tmp_path)(index)

    with pytest.raises(ZeroDivisionError):
        run_all(40, work, processes=2, report=lambda error: None)
    assert not multiprocessing.active_children()  # the worker was waited for, not killed
    worked = [name for name in os.listdir(tmp_path) if not name.endswith(f".{parent}")]
    assert len(worked) < 10  # it stopped claiming once this process failed
