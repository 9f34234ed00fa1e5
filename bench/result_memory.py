"""Peak memory of a `bochum-kg serve` worker while it answers one very large result.

    .venv/bin/python bench/result_memory.py                                # 5M-row CSV, default limits
    .venv/bin/python bench/result_memory.py -- --row-cap 0 --max-result-bytes 0   # no limits: streamed live

Starts `bochum-kg serve` on the checkout's data (1 worker, response cache off, the flags after
`--` added), sends one warm-up query, resets the worker's peak RSS (/proc/PID/clear_refs), then
requests `SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT N` (a cross product of the data with
itself: 5,399² rows are available) as CSV, reads and discards the body, and prints one JSON line:
body bytes and lines, the result headers, the seconds, and the worker's RSS before and its peak
(VmHWM) during the request.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from run import CHECKOUT, PYTHON, free_port, tree_pids  # noqa: E402


def status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--accept", default="text/csv")
    parser.add_argument("serve_flags", nargs="*", help="more flags for bochum-kg serve (after --)")
    args = parser.parse_args(argv)
    port = free_port()
    command = [PYTHON, "-m", "bochum_kg.cli", "--project-root", str(CHECKOUT), "serve", "--port", str(port), "--workers", "1",
               "--query-timeout", "900", "--response-cache", "0", *args.serve_flags]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        for _ in range(600):
            try:
                if requests.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        (worker,) = [pid for pid in tree_pids(server.pid) if pid != server.pid]
        requests.get(url, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1000"}, headers={"Accept": args.accept}, timeout=60)
        Path(f"/proc/{worker}/clear_refs").write_text("5")
        before = status_kb(worker, "VmRSS")
        query = f"SELECT * WHERE {{ ?s ?p ?o . ?a ?b ?c }} LIMIT {args.rows}"
        started = time.perf_counter()
        size = lines = 0
        with requests.get(url, params={"query": query}, headers={"Accept": args.accept}, stream=True, timeout=900) as response:
            headers = {k: v for k, v in response.headers.items() if k.lower().startswith("x-") or k.lower() == "content-length"}
            for piece in response.iter_content(1 << 20):
                size += len(piece)
                lines += piece.count(b"\n")
        seconds = time.perf_counter() - started
        peak = status_kb(worker, "VmHWM")
        print(json.dumps({"flags": args.serve_flags, "rows_asked": args.rows, "status": response.status_code, "body_mb": round(size / 2**20, 1),
                          "lines": lines, "headers": headers, "seconds": round(seconds, 1), "worker_rss_before_mb": round(before / 1024, 1),
                          "worker_peak_rss_mb": round(peak / 1024, 1), "growth_mb": round((peak - before) / 1024, 1)}))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
