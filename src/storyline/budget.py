"""A per-document time budget: one pathological document fails alone instead of stalling a worker.

The limit is an interval timer (SIGALRM), so it holds only in a process's main thread
(the command line, batch workers); elsewhere, e.g. a web server's worker threads, it is
not applied and the size bounds alone apply. Python code is interrupted within
milliseconds; a single long call into compiled code (one spaCy parse) only when it
returns, which is why documents are also bounded in tokens before they are parsed.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager

TIME_BUDGET = 5.0  # seconds of parsing and extraction per document by default


class TimeBudgetExceeded(Exception):
    """The work on one document ran past its time budget."""


def can_limit() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None):
    """Raise TimeBudgetExceeded in the block once `seconds` have passed (no limit for None or 0).

    An interval timer already running (an outer limit) is put back afterwards, less the time spent."""
    if not seconds or not can_limit():
        yield
        return

    def on_alarm(signum, frame):
        raise TimeBudgetExceeded(f"over the {seconds:g} s time budget")

    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    outer_handler = signal.signal(signal.SIGALRM, on_alarm)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_left) if outer_left else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer_handler)
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 0.001))
