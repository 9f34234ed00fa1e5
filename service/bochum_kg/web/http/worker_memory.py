"""A ceiling on a worker's own memory, checked after requests, so that it is replaced cleanly
instead of being killed by the kernel in the middle of its answers.

What is measured is the worker's private memory (Private_Clean + Private_Dirty + swapped-out
pages, from /proc/self/smaps_rollup): what it allocated or copied since the fork, i.e. what
the machine gets back when it exits. RSS would also count the store the worker shares with the
master and its siblings, so one ceiling would not fit datasets of different sizes; PSS would
change whenever a sibling is replaced. Reading smaps_rollup costs ~0.5 ms, so it is read at
most once per `interval` seconds.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from bochum_kg.web.http import retirement

_FIELDS = ("Private_Clean:", "Private_Dirty:", "Private_Hugetlb:", "Swap:")


def private_megabytes(status_file: Path = Path("/proc/self/smaps_rollup")) -> float | None:
    """This process's private memory in MB (None where /proc does not tell)."""
    try:
        text = status_file.read_text()
    except OSError:
        return None
    kilobytes = 0
    for line in text.splitlines():
        if line.startswith(_FIELDS):
            kilobytes += int(line.split()[1])
    return kilobytes / 1024


class MemoryCeiling:
    def __init__(self, megabytes: float, interval: float = 1.0):
        self.megabytes = megabytes
        self.interval = interval
        self._next_check = 0.0
        self._lock = threading.Lock()

    def check(self) -> None:
        """After a request: retire this worker when it holds more than its ceiling."""
        if self.megabytes <= 0:
            return
        now = time.monotonic()
        if now < self._next_check or not self._lock.acquire(blocking=False):
            return
        try:
            self._next_check = now + self.interval
            used = private_megabytes()
            if used is not None and used > self.megabytes:
                retirement.retire("memory", f"{used:.0f} MB private memory, ceiling {self.megabytes:g} MB")
        finally:
            self._lock.release()
