"""How many queries each client address drove past their time limit, shared by all workers.

A query past its time limit costs a whole worker under `bochum-kg serve` (kg/store/deadline.py:
the worker answers 503 and is replaced), so the count must outlive the worker that saw the
overrun. The table is an anonymous shared memory map made in the master before the workers are
forked; every worker reads and writes the same pages under one process-shared lock.

After `limit` overruns within `window` seconds an address is refused (429) for `window` seconds.
The table has a fixed number of slots (addresses are hashed, with a few probes); when every
probed slot is taken, the one whose window started longest ago is reused, so a flood of new
addresses can make the table forget an old one, never grow.
"""

from __future__ import annotations

import hashlib
import math
import mmap
import multiprocessing
import struct
import time

_SLOT = struct.Struct("<Qddi4x")  # address key, window start, blocked until, overruns in the window
_PROBES = 8


class OverrunBudget:
    def __init__(self, limit: int, window: float, slots: int = 4096):
        if limit < 1 or window <= 0:
            raise ValueError("an overrun budget needs a limit of at least 1 and a positive window")
        self.limit = limit
        self.window = window
        self.slots = slots
        self._table = mmap.mmap(-1, slots * _SLOT.size)  # MAP_SHARED | MAP_ANONYMOUS: shared across fork
        self._lock = multiprocessing.get_context("fork").Lock()

    def record(self, address: str, now: float | None = None) -> bool:
        """Count one overrun; True when this one used up the budget (the address is refused from now on)."""
        now = time.time() if now is None else now
        key = _key(address)
        with self._lock:
            index, (found, start, blocked_until, count) = self._find(key)
            if found != key:  # a new address (or a forgotten one's slot)
                start, blocked_until, count = now, 0.0, 0
            elif now - start > self.window:
                start, count = now, 0
            count += 1
            exhausted = count >= self.limit
            if exhausted:
                blocked_until = max(blocked_until, now + self.window)
                start, count = now, 0  # a fresh window once the refusal starts
            _SLOT.pack_into(self._table, index * _SLOT.size, key, start, blocked_until, count)
            return exhausted

    def refused_for(self, address: str, now: float | None = None) -> int:
        """Whole seconds this address is still refused (0: it is not)."""
        now = time.time() if now is None else now
        key = _key(address)
        with self._lock:
            _, (found, _, blocked_until, _) = self._find(key)
        if found != key or blocked_until <= now:
            return 0
        return max(1, math.ceil(blocked_until - now))

    def _find(self, key: int):
        """The slot of `key`, else a free one, else the probed slot with the oldest window."""
        first = key % self.slots
        oldest_index, oldest = first, None
        for probe in range(_PROBES):
            index = (first + probe) % self.slots
            entry = _SLOT.unpack_from(self._table, index * _SLOT.size)
            if entry[0] == key or entry[0] == 0:
                return index, entry
            if oldest is None or max(entry[1], entry[2] - self.window) < max(oldest[1], oldest[2] - self.window):
                oldest_index, oldest = index, entry
        return oldest_index, oldest


def _key(address: str) -> int:
    return int.from_bytes(hashlib.blake2b(address.encode(), digest_size=8).digest(), "little") or 1
