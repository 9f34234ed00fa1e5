"""Interleaved rounds of one query against several servers at once: medians on a noisy machine.

    .venv/bin/python bench/ab.py                      # ask, 7 rounds of 4 s, real data
    .venv/bin/python bench/ab.py --query "named: projects" --rounds 5
    .venv/bin/python bench/ab.py --out bench/results/ab-ask.json
    .venv/bin/python bench/ab.py --query "named: labels-missing-english" --setting row_cap=100000
    .venv/bin/python bench/ab.py --query all --baseline 699a253 --no-cached   # before/after, uncached path
    .venv/bin/python bench/ab.py --query ask --baseline 699a253 --baseline main --no-cached   # several revisions

run.py loads each server once per cell, one after the other, so a burst of other work on the
machine lands on one server's cell. Here all servers run side by side and take turns: round 1
loads each server once, then round 2, and so on; the report gives each server's median and
range and the ratio of medians. Same servers, data and wrk settings as run.py. The rates of
every round, the medians, the query and the arguments go to bench/results/ab-<date>.json
(or --out), like run.py's raw results.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from run import (BENCH, CHECKOUT, answer_size, baseline_project, bench_queries, revision_checkouts, start_bochum_kg,
                 start_oxigraph, stop, wrk)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query", action="append", default=[], help="name of one of run.py's queries (repeatable; 'all'); default ask")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--duration", type=int, default=4, help="seconds of wrk load per server and round")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--out", type=Path, default=None, help="JSON file for the rates (default: bench/results/ab-<date>.json)")
    parser.add_argument("--setting", action="append", default=[], metavar="KEY=JSON",
                        help="a Settings field for both bochum-kg servers, e.g. row_cap=100000 or row_cap=null (repeatable)")
    parser.add_argument("--baseline", metavar="REV", action="append", default=[],
                        help="also run this git revision's code, uncached (before/after; repeatable)")
    parser.add_argument("--no-cached", action="store_true", help="leave out the server with the response cache")
    args = parser.parse_args(argv)
    load_at_start = os.getloadavg()
    queries = {q.name: q for q in bench_queries(CHECKOUT)}
    names = list(queries) if args.query == ["all"] else (args.query or ["ask"])
    settings = {key: json.loads(value) for key, _, value in (item.partition("=") for item in args.setting)}
    results = {}
    with tempfile.TemporaryDirectory(prefix="bochum-kg-ab-") as tmp, revision_checkouts(args.baseline, Path(tmp)) as baselines:
        for name in names:
            results[name] = compare(queries[name], args, settings, Path(tmp), baselines)
            if results[name] is None:
                return 1
    out = args.out or BENCH / "results" / f"ab-{time.strftime('%Y-%m-%d-%H%M')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"date": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(), "load_average_at_start": load_at_start,
            "load_average_at_end": os.getloadavg(), "args": {k: str(v) for k, v in vars(args).items()}}
    out.write_text(json.dumps({"meta": meta, "queries": results}, indent=1))
    print(f"{args.rounds} interleaved rounds of {args.duration} s per query, wrk -t2 -c{args.connections}; "
          f"requests/s, median (min – max); ratio to oxigraph's median\n")
    servers = list(next(iter(results.values()))["medians"])
    print("| query | rows | " + " | ".join(servers) + " |")
    print("|---|---|" + "---|" * len(servers))
    for name, result in results.items():
        medians, rates = result["medians"], result["requests_per_second"]
        cells = [f"{medians[s]:,.0f} ({min(rates[s]):,.0f} – {max(rates[s]):,.0f}) {medians[s] / medians['oxigraph']:.2f}×"
                 for s in servers]
        print(f"| {name} | {result['rows']} | " + " | ".join(cells) + " |")
    print(f"\nload average {load_at_start[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end", file=sys.stderr)
    print(f"raw results: {out.relative_to(CHECKOUT) if out.is_relative_to(CHECKOUT) else out}", file=sys.stderr)
    return 0


def compare(query, args, settings: dict, tmp: Path, baselines: dict[str, Path]) -> dict | None:
    """Interleaved rounds of one query on every server; None when the servers disagree on its answer."""
    servers = []
    try:
        if not args.no_cached:
            servers.append(start_bochum_kg(CHECKOUT, query, 2, 4, settings=settings))
        servers.append(start_bochum_kg(CHECKOUT, query, 2, 4, cache=False, settings=settings))
        for revision, checkout in baselines.items():
            project = baseline_project(checkout, tmp / f"project-{checkout.name}-{query.name.replace(' ', '_')}")
            servers.append(start_bochum_kg(project, query, 2, 4, cache=False, settings=settings, code=checkout / "service",
                                           name=f"{revision}-nocache"))
        servers.append(start_oxigraph(CHECKOUT, query, tmp))
        rows = {s.name: answer_size(s.endpoint, query) for s in servers}
        if len(set(rows.values())) != 1:
            print(f"{query.name}: the servers disagree: {rows}", file=sys.stderr)
            return None
        rates: dict[str, list[float]] = {s.name: [] for s in servers}
        for round_ in range(args.rounds):
            for server in servers:
                url = server.endpoint + "?" + urlencode({"query": query.text})
                rates[server.name].append(wrk(url, query.accept, args.duration, args.connections, 2)["rps"])
            print(f"{query.name} round {round_ + 1}: " + ", ".join(f"{n} {r[-1]:,.0f}" for n, r in rates.items()), file=sys.stderr)
    finally:
        for server in servers:
            stop(server)
    return {"query_text": query.text, "rows": rows[servers[0].name], "requests_per_second": rates,
            "medians": {name: statistics.median(r) for name, r in rates.items()}}


if __name__ == "__main__":
    sys.exit(main())
