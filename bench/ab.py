"""Interleaved rounds of one query against several servers at once: medians on a noisy machine.

    .venv/bin/python bench/ab.py                      # ask, 7 rounds of 4 s, real data
    .venv/bin/python bench/ab.py --query "named: projects" --rounds 5
    .venv/bin/python bench/ab.py --out bench/results/ab-ask.json
    .venv/bin/python bench/ab.py --query "named: labels-missing-english" --setting row_cap=100000

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

from run import BENCH, CHECKOUT, answer_size, bench_queries, start_bochum_kg, start_oxigraph, stop, wrk


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query", default="ask", help="name of one of run.py's queries")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--duration", type=int, default=4, help="seconds of wrk load per server and round")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--out", type=Path, default=None, help="JSON file for the rates (default: bench/results/ab-<date>.json)")
    parser.add_argument("--setting", action="append", default=[], metavar="KEY=JSON",
                        help="a Settings field for both bochum-kg servers, e.g. row_cap=100000 or row_cap=null (repeatable)")
    args = parser.parse_args(argv)
    load_at_start = os.getloadavg()
    queries = {q.name: q for q in bench_queries(CHECKOUT)}
    query = queries[args.query]
    with tempfile.TemporaryDirectory(prefix="bochum-kg-ab-") as tmp:
        settings = {key: json.loads(value) for key, _, value in (item.partition("=") for item in args.setting)}
        servers = [start_bochum_kg(CHECKOUT, query, 2, 4, settings=settings),
                   start_bochum_kg(CHECKOUT, query, 2, 4, cache=False, settings=settings),
                   start_oxigraph(CHECKOUT, query, Path(tmp))]
        try:
            rows = {s.name: answer_size(s.endpoint, query) for s in servers}
            if len(set(rows.values())) != 1:
                print(f"the servers disagree: {rows}", file=sys.stderr)
                return 1
            rates: dict[str, list[float]] = {s.name: [] for s in servers}
            for round_ in range(args.rounds):
                for server in servers:
                    url = server.endpoint + "?" + urlencode({"query": query.text})
                    rates[server.name].append(wrk(url, query.accept, args.duration, args.connections, 2)["rps"])
                print(f"round {round_ + 1}: " + ", ".join(f"{n} {r[-1]:,.0f}" for n, r in rates.items()), file=sys.stderr)
        finally:
            for server in servers:
                stop(server)
    medians = {name: statistics.median(r) for name, r in rates.items()}
    out = args.out or BENCH / "results" / f"ab-{time.strftime('%Y-%m-%d-%H%M')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"date": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(), "load_average_at_start": load_at_start,
            "load_average_at_end": os.getloadavg(), "args": {k: str(v) for k, v in vars(args).items()}}
    out.write_text(json.dumps({"meta": meta, "query": query.name, "query_text": query.text, "rows": rows,
                               "requests_per_second": rates, "medians": medians}, indent=1))
    print(f"query {query.name!r} ({rows[servers[0].name]} rows), {args.rounds} interleaved rounds of {args.duration} s, "
          f"wrk -t2 -c{args.connections}; requests/s:\n")
    print("| server | median | min – max | median / oxigraph's |")
    print("|---|---|---|---|")
    for name, values in rates.items():
        print(f"| {name} | {medians[name]:,.0f} | {min(values):,.0f} – {max(values):,.0f} | {medians[name] / medians['oxigraph']:.2f}× |")
    print(f"\nraw results: {out.relative_to(CHECKOUT) if out.is_relative_to(CHECKOUT) else out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
