"""Cost of one uncached request in the Flask app alone (no HTTP server, no serving stack), for this
checkout's code and an earlier revision's, side by side: where a difference in bench/ab.py's
rates comes from.

    .venv/bin/python bench/app_cost.py --baseline 699a253            # every query of run.py
    .venv/bin/python bench/app_cost.py --baseline 699a253 --query ask
    .venv/bin/python bench/app_cost.py --baseline 699a253 --query ask --wsgi   # no test client, CPU time

Each revision runs in its own process (its service/ on PYTHONPATH, a git worktree of REV in a
temporary folder), builds the app on the checkout's data with the response cache off, sends each
query 50 times to warm up, then 5 rounds of 100 through the Flask test client; the median µs per
request is printed; --repeat processes per revision take turns and their medians are compared.
With --wsgi each request is a direct call of the WSGI app on a prepared environ (no test client,
whose own URL handling is a noticeable share of a small request), timed in CPU seconds of the
process (query threads included), and the serving stack (admission, metrics) is put in front where
the revision has one, as `serve` does. The query texts are this checkout's (bench/run.py), so both
revisions answer the same requests; an earlier revision reads this checkout's data with its own
queries/ (run.baseline_project).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run import CHECKOUT, PYTHON, baseline_project, bench_queries, revision_checkouts

MEASURE = """
import json, statistics, sys, time
from pathlib import Path
from urllib.parse import urlencode
from bochum_kg.config import Settings
from bochum_kg.commands import serve
queries = json.loads(sys.argv[2])
app = serve.build_app(Settings(project_root=Path(sys.argv[1]), validate_on_start=False, response_cache_bytes=0))
client = app.test_client()
result = {}
for name, (text, accept) in queries.items():
    url, headers = "/sparql?" + urlencode({"query": text}), {"Accept": accept}
    for _ in range(50):
        client.get(url, headers=headers).close()
    rounds = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(100):
            client.get(url, headers=headers).close()
        rounds.append((time.perf_counter() - started) / 100 * 1e6)
    result[name] = statistics.median(rounds)
print(json.dumps(result))
"""

# The app of argv[1]'s project as `serve` runs it, and `call(environ)`, which sends one request
# through it (shared with bench/instructions.py). argv[2]: the queries, as JSON.
WSGI_APP = """
import json, os, statistics, sys, time
from pathlib import Path
from urllib.parse import urlencode
from werkzeug.test import EnvironBuilder
from bochum_kg.config import Settings
from bochum_kg.commands import serve
queries = json.loads(sys.argv[2])
app = serve.build_app(Settings(project_root=Path(sys.argv[1]), validate_on_start=False, response_cache_bytes=0))
try:  # the serving stack of `serve` (revisions that have one)
    from bochum_kg.web.http.limits import ServingLimits
    from bochum_kg.web.http.serving import protect
    protect(app, ServingLimits())
except ImportError:
    pass
def call(environ):
    body = app(dict(environ), lambda status, headers, exc_info=None: None)
    for _ in body:
        pass
    getattr(body, "close", lambda: None)()
"""

MEASURE_WSGI = WSGI_APP + """
result = {}
for name, (text, accept) in queries.items():
    environ = EnvironBuilder(path="/sparql", query_string=urlencode({"query": text}), headers={"Accept": accept}).get_environ()
    for _ in range(100):
        call(environ)
    rounds = []
    for _ in range(7):
        started = time.process_time()
        for _ in range(200):
            call(environ)
        rounds.append((time.process_time() - started) / 200 * 1e6)
    result[name] = statistics.median(rounds)
print(json.dumps(result))
"""


def measure(code: Path | None, queries: dict, script: str = MEASURE, project: Path = CHECKOUT) -> dict:
    env = dict(os.environ) if code is None else {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run([PYTHON, "-c", script, str(project), json.dumps(queries)], env=env, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, metavar="REV")
    parser.add_argument("--query", action="append", default=[], help="one of run.py's queries (repeatable; default all)")
    parser.add_argument("--repeat", type=int, default=3, help="processes per revision, taking turns (medians of them)")
    parser.add_argument("--wsgi", action="store_true", help="call the WSGI app directly (with the serving stack), CPU time")
    args = parser.parse_args(argv)
    queries = {q.name: [q.text, q.accept] for q in bench_queries(CHECKOUT) if not args.query or q.name in args.query}
    script = MEASURE_WSGI if args.wsgi else MEASURE
    with tempfile.TemporaryDirectory(prefix="bochum-kg-cost-") as tmp, revision_checkouts([args.baseline], Path(tmp)) as trees:
        baseline = trees[args.baseline]
        project = baseline_project(baseline, Path(tmp) / "baseline-project")
        befores, afters = [], []
        for _ in range(args.repeat):  # taking turns, so a burst of other work hits both
            befores.append(measure(baseline / "service", queries, script, project))
            afters.append(measure(None, queries, script))
    before = {name: statistics.median(m[name] for m in befores) for name in queries}
    after = {name: statistics.median(m[name] for m in afters) for name in queries}
    how = ("CPU µs per uncached request, the WSGI app called directly with the serving stack where there is one "
           "(median of {} processes per revision, each the median of 7 rounds of 200)" if args.wsgi else
           "µs per uncached request in the Flask app (median of {} processes per revision, each the median of 5 rounds of 100)")
    print(how.format(args.repeat) + f", load average {os.getloadavg()[0]:.2f}\n")
    print(f"| query | {args.baseline} | this checkout | ratio |")
    print("|---|---|---|---|")
    for name in queries:
        print(f"| {name} | {before[name]:,.0f} | {after[name]:,.0f} | {after[name] / before[name]:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
