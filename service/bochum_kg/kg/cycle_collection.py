"""Python's cycle collector paused for bulk work that makes millions of long- or short-lived objects.

The collector runs each time enough new objects exist and rescans the growing heap: unpickling a
5M-triple prebuilt directory's derived parts took 3.9 s with it and 2.1 s without (kg/prebuilt.py);
a sheet import ran it ~300 times (commands/sheet.py). What it would free meanwhile is freed later.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def without_cycle_collection():
    """The cycle collector off for the block, then as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
