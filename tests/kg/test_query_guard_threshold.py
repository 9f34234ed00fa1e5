"""Where pyoxigraph crashes on deep query texts, pinned, so that an upgrade shows whether the guard can move.

Each case runs in a subprocess (a crash there is a SIGSEGV of the whole process, never of this
one), the query on a query thread exactly as the service runs it (`deadline.run_with_deadline`,
64 MiB stack). Measured with pyoxigraph 0.5.13 by bisection: nested braces crash from
17,382–17,577 levels, a flat chain of `!` from ~74,000 (8 × the 9,277–9,375 found on an 8 MiB
thread: the thresholds scale with the stack). The guard
(sparql_text.MAX_NESTING = 256, MAX_TOKENS = 10,000) stays far below both.

If the "above" case stops crashing after an upgrade, pyoxigraph got deeper stacks or iteration:
re-measure, and the guard may be relaxed. If the "below" case starts crashing, the guard's margin
shrank: re-measure before anything else.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pyoxigraph
import pytest

from bochum_kg.kg.sparql_text import MAX_NESTING, MAX_TOKENS

PROBE = """
import sys
import pyoxigraph as ox
from bochum_kg.kg.store import deadline

kind, n = sys.argv[1], int(sys.argv[2])
text = {"braces": "SELECT * WHERE " + "{" * n + "}" * n,
        "not-chain": "ASK { FILTER(" + "!" * n + "true) }"}[kind]
store = ox.Store()

def evaluate():
    result = store.query(text)
    answer = result.serialize(format=ox.QueryResultsFormat.JSON)
    del result
    return answer

deadline.run_with_deadline(evaluate, 120.0, "probe")
print("survived")
"""

# (kind, a depth that must not crash, a depth that must crash, the guard that covers the kind)
CASES = [
    ("braces", 15_000, 20_000, MAX_NESTING),
    ("not-chain", 65_000, 85_000, MAX_TOKENS),
]


def crashes(kind: str, depth: int) -> bool:
    run = subprocess.run([sys.executable, "-c", PROBE, kind, str(depth)], capture_output=True, text=True, timeout=300)
    if run.returncode == 0 and "survived" in run.stdout:
        return False
    if run.returncode == -signal.SIGSEGV:
        return True
    pytest.fail(f"{kind} at {depth}: neither survived nor SIGSEGV (exit {run.returncode}): {run.stderr[-2000:]}")


@pytest.mark.parametrize("kind, below, above, guard", CASES, ids=[c[0] for c in CASES])
def test_crash_threshold_is_where_it_was_measured(kind, below, above, guard):
    assert guard * 5 <= below, "the guard must stay far below the depth pyoxigraph survives"
    version = pyoxigraph.__version__
    assert not crashes(kind, below), (
        f"pyoxigraph {version} now crashes on {kind} at {below}: the threshold dropped; re-measure it "
        f"(bisect with this probe) and lower the guard in sparql_text.py if its margin is gone")
    assert crashes(kind, above), (
        f"pyoxigraph {version} survives {kind} at {above}: the crash threshold moved up (or is gone); "
        f"re-measure it, update this test, and consider relaxing sparql_text.MAX_NESTING / MAX_TOKENS")
