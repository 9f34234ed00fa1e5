"""Time limits that really stop a query.

pyoxigraph evaluates in Rust and releases the GIL meanwhile (measured: a 2.25-million-row
cross-product COUNT ran 0.34 s in a thread while the main thread kept ticking every 10 ms), so
queries run in parallel threads, but a running evaluation cannot be interrupted from Python.

So every query runs in a daemon thread of a small per-process pool, and the request thread waits
for it until the deadline. When the deadline passes, the caller gets QueryTimeout (the client an
error response) and the *runaway handler* is told that a thread is lost in a query. Under
`bochum-kg serve` (granian, data loaded once in the master and forked) that handler retires the
worker process once the error response is sent: the worker exits and takes the runaway
evaluation with it, the master forks a fresh worker (no reload: the store is inherited), and the
other workers keep answering throughout. In a process that cannot be replaced (tests, the Flask
development server) the default handler only logs: the thread finishes on its own eventually.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
import traceback
from concurrent.futures import CancelledError
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Callable, TypeVar

from bochum_kg.kg.store.base import QueryTimeout

log = logging.getLogger("bochum_kg.deadline")

T = TypeVar("T")

# A job that overran its deadline but ends within this grace is not treated as a runaway.
GRACE_SECONDS = 0.5  # a cooperative writer checks its deadline every block: give it time to notice, even on a busy machine
# pyoxigraph recurses on the stack of the thread that runs a query: the query-text limits
# (sparql_text.MAX_NESTING / MAX_TOKENS) are sized for this stack (virtual: only used pages count).
QUERY_THREAD_STACK_BYTES = 64 * 1024 * 1024
_stack_lock = threading.Lock()


_PENDING, _RUNNING, _CANCELLED, _FINISHED = range(4)
_transition = threading.Lock()  # a job's state changes under it (held for a few bytecodes, never while waiting)


class Job:
    """One piece of work for a query thread, with the part of `concurrent.futures.Future` that the
    stores use: result(timeout), cancel(), running(), done(). A Future costs a Condition, a waiter
    lock and some fifty Python calls per hand-off, a visible share of a small query's answer; a
    job is one lock that stays taken until the work is finished or cancelled."""

    __slots__ = ("fn", "_state", "_finished", "_value", "_error")

    def __init__(self, fn: Callable[[], T]):
        self.fn = fn
        self._state = _PENDING
        self._finished = threading.Lock()
        self._finished.acquire()
        self._value = None
        self._error: BaseException | None = None

    # the waiting side

    def result(self, timeout: float | None = None):
        """The job's result or exception; FutureTimeout when it is not finished within `timeout` s."""
        if not self._finished.acquire(timeout=-1 if timeout is None else max(0.0, timeout)):
            raise FutureTimeout()
        self._finished.release()  # finished for good: later calls (and other waiters) pass at once
        if self._state == _CANCELLED:
            raise CancelledError()
        if self._error is not None:
            raise self._error
        return self._value

    def cancel(self) -> bool:
        """Keep a job that has not started from ever starting; True when it will not run."""
        with _transition:
            if self._state == _PENDING:
                self._state = _CANCELLED
                self._finished.release()
        return self._state == _CANCELLED

    def running(self) -> bool:
        return self._state == _RUNNING

    def done(self) -> bool:
        return self._state in (_CANCELLED, _FINISHED)

    # the query thread

    def start(self) -> bool:
        """False when the job was cancelled before a thread took it."""
        with _transition:
            if self._state == _CANCELLED:
                return False
            self._state = _RUNNING
            return True

    def finish(self, value=None, error: BaseException | None = None) -> None:
        self._value, self._error = value, error
        with _transition:
            self._state = _FINISHED
            self._finished.release()


class _DaemonPool:
    """Threads that never block interpreter exit (a runaway one must not keep a worker alive)."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle = 0
        self._threads = 0

    def submit(self, fn: Callable[[], T]) -> Job:
        job = Job(fn)
        with self._lock:
            if self._idle:
                self._idle -= 1
                start = False
            else:
                self._threads += 1
                start = True
        self._jobs.put(job)
        if start:
            with _stack_lock:  # stack_size() is process-wide: set it for this thread only
                previous = threading.stack_size(QUERY_THREAD_STACK_BYTES)
                try:
                    threading.Thread(target=self._work, name=f"query-{self._threads}", daemon=True).start()
                finally:
                    threading.stack_size(previous)
        return job

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job.start():
                try:
                    value = job.fn()
                except BaseException as err:  # handed to the waiting request thread
                    _clear_frames(err)
                    job.finish(error=err)
                else:
                    job.finish(value)
                    del value
            job.fn = None  # the query's closure goes now, on this thread (see _clear_frames)
            del job
            with self._lock:
                self._idle += 1


def _clear_frames(err: BaseException) -> None:
    """Drop the locals of the failed job's frames here, in the pool thread.

    pyoxigraph's result objects are "unsendable" (PyO3): dropping one on another thread is an
    error. A traceback keeps its frames' locals alive, and the waiting request thread would
    otherwise be the one to free them. The traceback itself (for the log) is kept.
    """
    seen = set()
    while err is not None and id(err) not in seen:
        seen.add(id(err))
        if err.__traceback__ is not None:
            traceback.clear_frames(err.__traceback__)
        err = err.__cause__ or err.__context__


_pool: _DaemonPool | None = None
_pool_pid: int | None = None
_pool_lock = threading.Lock()


def _get_pool() -> _DaemonPool:
    """One pool per process: threads do not survive fork, so a forked worker makes its own."""
    global _pool, _pool_pid
    pid = os.getpid()
    if _pool is None or _pool_pid != pid:
        with _pool_lock:
            if _pool is None or _pool_pid != pid:
                _pool, _pool_pid = _DaemonPool(), pid
    return _pool


def _log_runaway(description: str) -> None:
    log.warning("a query thread is still running after its deadline (%s); this process cannot be "
                "replaced, so the thread runs to its end", description)


_runaway_handler: Callable[[str], None] = _log_runaway


def set_runaway_handler(handler: Callable[[str], None] | None) -> None:
    """Install what happens when a query thread overruns (None restores the default: log only)."""
    global _runaway_handler
    _runaway_handler = handler or _log_runaway


def effective_timeout(requested: float | None, limit: float | None) -> float | None:
    """The time a piece of work gets: what the client asked for, never more than the server's limit."""
    if requested is None:
        return limit
    return min(requested, limit) if limit else requested


def start(job: Callable[[], T]) -> Job:
    """Run `job` in a pool thread, for callers that wait for it piece by piece (streamed results)."""
    return _get_pool().submit(job)


def report_runaway(description: str) -> None:
    """Tell the runaway handler that a query thread is lost in work past its deadline."""
    _runaway_handler(description)


def run_with_deadline(job: Callable[[], T], timeout: float | None, description: str = "query") -> T:
    """Run `job` in a pool thread; its result, its exception, or QueryTimeout after `timeout` seconds."""
    future = _get_pool().submit(job)
    if timeout is None or timeout <= 0:  # no limit, but still on a query thread's stack
        return future.result()
    try:
        return future.result(timeout=timeout)
    except FutureTimeout:
        future.cancel()  # not started yet (pool starved): it never will
        try:
            future.result(timeout=GRACE_SECONDS)
        except FutureTimeout:
            if future.running():
                _runaway_handler(description)
        except Exception:
            pass
        raise QueryTimeout(timeout) from None


class Deadline:
    """A point in time that cooperative loops check (row-by-row serialization, remote reads)."""

    def __init__(self, timeout: float | None):
        self.timeout = timeout
        self.at = time.monotonic() + timeout if timeout else None

    def remaining(self) -> float | None:
        return None if self.at is None else max(0.0, self.at - time.monotonic())

    def check(self) -> None:
        if self.at is not None and time.monotonic() > self.at:
            raise QueryTimeout(self.timeout)
