"""Process helpers for the bench scripts and the tests. Stopping a server that was started in a session of its own (`start_new_session=True`): SIGTERM and
time to finish, then SIGKILL to whatever is left of its process group (workers of a master that did
not stop them). The one copy, for the bench scripts and the serving tests
(tests/conftest.py puts bench/ on sys.path for it)."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path


def stop_process_group(process: subprocess.Popen, grace: float = 20) -> None:
    """Stop `process` and its process group; `grace` seconds for a graceful stop before the kill."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=5)


def children(pid: int) -> set[int]:
    """The direct children of `pid`, whichever of its threads forked them (Linux /proc)."""
    found: set[int] = set()
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:  # the process is gone
        return found
    for task in tasks:
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:  # a thread that ended meanwhile
            continue
    return found
