"""A worker that should be replaced says so here; the server it runs under decides how it leaves.

Reasons: a query ran past its time limit (the thread cannot be stopped, kg/store/deadline.py) or
the worker's memory passed its ceiling (worker_memory.py). `bochum-kg serve` and wsgi.py's
gunicorn hooks install a handler that finishes the requests the worker holds and then exits,
and the master forks a fresh worker. Without a handler (tests, the Flask development server)
retiring is only logged. A retiring worker is not ready (/readyz).
"""

from __future__ import annotations

import logging
import os
from typing import Callable

log = logging.getLogger("bochum_kg.serve")

_handler: Callable[[str], None] | None = None
_reason: str | None = None
_pid: int | None = None


def set_handler(handler: Callable[[str], None] | None) -> None:
    """Install how this process leaves (called once per worker, after the fork)."""
    global _handler, _reason, _pid
    _handler, _reason, _pid = handler, None, os.getpid()


def retire(reason: str, detail: str = "") -> None:
    """Ask for this worker to be replaced once its current requests are answered (only the first call acts)."""
    global _reason, _pid
    if _pid != os.getpid():  # a fresh fork does not inherit its parent's retirement
        _reason, _pid = None, os.getpid()
    if _reason is not None:
        return
    _reason = reason
    from bochum_kg.web.http import metrics

    metrics.retirement(reason)
    log.warning("worker %s retires (%s%s); it finishes its requests and exits", os.getpid(), reason,
                f": {detail}" if detail else "")
    if _handler is not None:
        _handler(reason)


def retiring() -> str | None:
    """Why this worker is being replaced, or None."""
    return _reason if _pid == os.getpid() else None
