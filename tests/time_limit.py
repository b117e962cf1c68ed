"""A time limit for tests of walks that must end: a regression fails, not hangs."""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import TypeVar

import pytest

_T = TypeVar("_T")


def within_seconds(seconds: int, work: Callable[[], _T]) -> _T:
    """`work()`, or a test failure once it has taken `seconds` (SIGALRM: main thread)."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        return work()
    except TimeoutError as exc:
        pytest.fail(str(exc), pytrace=False)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
