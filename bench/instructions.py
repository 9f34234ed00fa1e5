"""Instructions per uncached request, counted by Valgrind (callgrind), for this checkout and earlier
revisions side by side: a measure of the app's own work that the other load on a shared machine
does not disturb (bench/app_cost.py's CPU time per request moved by up to 45 % between runs
of the same code there).

    .venv/bin/python bench/instructions.py --baseline 699a253                  # run.py's queries
    .venv/bin/python bench/instructions.py --baseline 699a253 --query ask --requests 200

Each revision runs in one process under `valgrind --tool=callgrind` (its service/ on PYTHONPATH;
an earlier revision in a git worktree, reading this checkout's data with its own queries/, as in
app_cost.py). The process builds the app with the response cache off and puts the serving stack
of `serve` in front where the revision has one; per query it sends 20 requests to warm up, then
`--requests` more between two calls of os.getloadavg(), on whose C function callgrind is told to
write its counts (`--dump-before=getloadavg`, counts restart after each dump). The count of that
stretch, divided by the number of requests, is the table's figure: every instruction of the
process, the query threads' included, the kernel's not (system calls count as one each). Runs
take a minute or two per revision (Valgrind is ~50x slower than the real thing); revisions run in
parallel, one per core.

Needs: valgrind (Debian: apt-get install valgrind).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from app_cost import WSGI_APP
from run import CHECKOUT, PYTHON, baseline_project, bench_queries, revision_checkouts

MEASURE = WSGI_APP + """
requests = int(sys.argv[3])
for name, (text, accept) in queries.items():
    environ = EnvironBuilder(path="/sparql", query_string=urlencode({"query": text}), headers={"Accept": accept}).get_environ()
    environ["REMOTE_ADDR"] = "192.0.2.1"  # not a trusted network: the client limits apply, as for the public
    for _ in range(20):
        call(environ)
    os.getloadavg()  # callgrind: counts so far written and restarted
    for _ in range(requests):
        call(environ)
    os.getloadavg()
"""


def count(code: Path | None, project: Path, queries: dict, requests: int, folder: Path) -> dict[str, float]:
    """Instructions per request of each query, for the code in `code` (None: this checkout's)."""
    env = {**os.environ, "PYTHONPATH": str(code or CHECKOUT / "service")}
    out = folder / "callgrind.out"
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--cache-sim=no", "--dump-instr=no",
               "--dump-before=getloadavg", "--trace-children=yes", PYTHON, "-c", MEASURE, str(project), json.dumps(queries), str(requests)]
    subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    totals = []
    for number in range(1, 2 * len(queries) + 1):  # dump n holds the counts since dump n-1
        text = (folder / f"callgrind.out.{number}").read_text()
        totals.append(int(re.search(r"^totals:\s*(\d+)", text, re.M).group(1)))
    measured = totals[1::2]  # the stretches between the two dumps of each query
    return {name: total / requests for name, total in zip(queries, measured)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", action="append", default=[], metavar="REV", help="an earlier revision (repeatable)")
    parser.add_argument("--query", action="append", default=[], help="one of run.py's queries (repeatable; default all)")
    parser.add_argument("--requests", type=int, default=300, help="requests counted per query (default 300)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed (Debian: apt-get install valgrind)")
    queries = {q.name: [q.text, q.accept] for q in bench_queries(CHECKOUT) if not args.query or q.name in args.query}
    with tempfile.TemporaryDirectory(prefix="bochum-kg-instructions-") as tmp, revision_checkouts(args.baseline, Path(tmp)) as trees:
        runs: dict[str, tuple[Path | None, Path]] = {
            rev: (tree / "service", baseline_project(tree, Path(tmp) / f"project-{number}"))
            for number, (rev, tree) in enumerate(trees.items())}
        runs["this checkout"] = (None, CHECKOUT)
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            futures = {}
            for label, (code, project) in runs.items():
                folder = Path(tmp) / f"out-{len(futures)}"
                folder.mkdir()
                futures[label] = pool.submit(count, code, project, queries, args.requests, folder)
            counted = {label: future.result() for label, future in futures.items()}
    labels = list(runs)
    print(f"Instructions per uncached request (thousands; callgrind, {args.requests} requests per query after 20 to warm up, "
          "the WSGI app called directly with the serving stack where the revision has one)\n")
    columns = ["query", *labels, *(f"vs {rev}" for rev in args.baseline)]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for name in queries:
        mine = counted["this checkout"][name]
        cells = [name, *(f"{counted[label][name] / 1000:,.0f}" for label in labels),
                 *(f"{mine / counted[rev][name]:.2f}×" for rev in args.baseline)]
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
