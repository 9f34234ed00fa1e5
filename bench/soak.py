"""Soak test of `bochum-kg serve` under a mixed load with hostile clients; prints one table.

    .venv/bin/python bench/soak.py                    # 60 s
    .venv/bin/python bench/soak.py --duration 300     # the full run

Starts the real command on the checkout's data on a free 127.0.0.1 port with its default limits
(2 workers x 4 threads, queue 16, client concurrency 8, overrun budget 3 per 300 s), then for
`--duration` seconds, all at once and all from this machine (127.0.0.0/8 is all loopback, so
each kind of client gets its own source address, as it would on the internet):

- `--clients` (16) keep-alive clients, each from its own address, request a mix without pause:
  repeated (cache-replayed) and unique (evaluated) SPARQL queries, pages, RDF documents, the
  REST API and search;
- `--idle` (200) connections are opened at the start and never send a byte;
- one client polls /healthz every 0.1 s (its latency is the health-check row);
- one hostile address sends 10 runaway queries (a cross product of the data with itself,
  `timeout=0.3`), spread over the run: each that overruns costs a worker, until its budget is
  used up and it gets 429;
- another sends 60 queries nested 5000 braces deep (`SELECT * WHERE` + 5000 × `{` … `}`),
  spread over the run; the outcome (status counts) is recorded whatever it is.

PSS is summed over the server's processes (master and workers) from /proc/PID/smaps_rollup,
after start-up ("before") and at the end ("after"). Worker restarts come from /metrics.
Bounded: every request has a timeout, every thread stops at the end, the server is stopped.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from process_group import children, stop_process_group

CHECKOUT = Path(__file__).resolve().parents[1]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
NESTED = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
ACCEPT_JSON = {"Accept": "application/sparql-results+json"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sparql(query: str) -> str:
    return "/sparql?query=" + quote(query)


def mixed_paths():
    """An endless mix: about a third cache replays, a third evaluated queries, a third pages and API."""
    unique = itertools.count()
    fixed = [
        sparql("ASK { ?s ?p ?o }"),
        sparql("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 10"),
        "/project/haus-des-wissens.html", "/project/haus-des-wissens.ttl", "/api/projects",
        "/search?q=wissen", "/", "/healthz",
    ]
    for n in itertools.count():
        if n % 3 == 1:
            k = next(unique)
            yield sparql(f"SELECT ?s ?label WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }} LIMIT {10 + k % 50} OFFSET {k % 1000}")
        else:
            yield fixed[n % len(fixed)]


class Client:
    """One keep-alive HTTP/1.1 connection from a chosen loopback address."""

    def __init__(self, port: int, source: str, timeout: float = 30):
        self.port, self.source, self.timeout = port, source, timeout
        self.connection = None

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> int:
        for attempt in range(2):  # a kept-alive connection the server closed meanwhile: once more on a new one
            reused = self.connection is not None
            if not reused:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout,
                                                             source_address=(self.source, 0))
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt or not reused:  # a new connection that failed is an answer: never sent twice
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def pss_megabytes(pids) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def server_pids(master: int) -> list[int]:
    return [master, *sorted(children(master))]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def start_server(port: int, log, extra: list[str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "bochum_kg.cli", "--project-root", str(CHECKOUT), "serve", "--port", str(port), *extra]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve exited with {process.returncode}; see {log.name}")
        try:
            if Client(port, "127.0.0.1", timeout=1).request("GET", "/healthz") == 200 and len(server_pids(process.pid)) > 2:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("serve did not answer within 120 s")


def run(args) -> dict:
    port = free_port()
    log = tempfile.NamedTemporaryFile("wb", prefix="soak-serve-", suffix=".log", delete=False)
    process = start_server(port, log, args.serve_flag)
    stop = threading.Event()
    latencies: list[float] = []
    statuses: Counter = Counter()
    health: list[float] = []
    health_statuses: Counter = Counter()
    hostile: dict[str, Counter] = {"runaway": Counter(), "nested": Counter()}
    lock = threading.Lock()
    try:
        warm = Client(port, "127.0.0.1")
        for path in itertools.islice(mixed_paths(), 24):  # every fixed path once: caches built
            warm.request("GET", path, headers=ACCEPT_JSON if path.startswith("/sparql") else {})
        warm.close()
        time.sleep(1)
        pss_before = pss_megabytes(server_pids(process.pid))
        idle = []
        for n in range(args.idle):
            idle.append(socket.create_connection(("127.0.0.1", port), source_address=(f"127.0.99.{1 + n // 250}", 0)))

        def load(index: int) -> None:
            client = Client(port, f"127.0.1.{index + 1}")
            paths = mixed_paths()
            for _ in range(index):
                next(paths)
            while not stop.is_set():
                path = next(paths)
                started = time.perf_counter()
                try:
                    status = client.request("GET", path, headers=ACCEPT_JSON if path.startswith("/sparql") else {})
                except OSError as err:
                    status = type(err).__name__
                    client.close()
                elapsed = time.perf_counter() - started
                with lock:
                    statuses[status] += 1
                    latencies.append(elapsed)
            client.close()

        def probe_health() -> None:
            client = Client(port, "127.0.77.1", timeout=10)
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    status = client.request("GET", "/healthz")
                except OSError as err:
                    status = type(err).__name__
                    client.close()
                health.append(time.perf_counter() - started)
                health_statuses[status] += 1
                stop.wait(0.1)
            client.close()

        def attack(kind: str, source: str, count: int, make) -> None:
            begun = time.monotonic()
            spacing = args.duration / (count + 1)
            for n in range(count):  # at fixed times, however long each answer takes
                if stop.wait(max(0.0, begun + (n + 0.5) * spacing - time.monotonic())):
                    break
                client = Client(port, source, timeout=60)
                try:
                    status = client.request(*make(n))
                except OSError as err:
                    status = type(err).__name__
                finally:
                    client.close()
                hostile[kind][status] += 1

        form = {"Content-Type": "application/x-www-form-urlencoded", **ACCEPT_JSON}
        threads = [threading.Thread(target=load, args=(i,)) for i in range(args.clients)]
        threads.append(threading.Thread(target=probe_health))
        threads.append(threading.Thread(target=attack, args=("runaway", "127.0.66.1", args.runaways, lambda n: (
            "POST", "/sparql", f"query={quote(RUNAWAY + f' # {n}')}&timeout=0.3".encode(), form))))
        threads.append(threading.Thread(target=attack, args=("nested", "127.0.66.2", args.nested, lambda n: (
            "POST", "/sparql", f"query={quote(NESTED)}".encode(), form))))
        started = time.monotonic()
        for thread in threads:
            thread.start()
        stop.wait(args.duration)
        stop.set()
        for thread in threads:
            thread.join(timeout=90)
        elapsed = time.monotonic() - started
        for sock in idle:
            sock.close()
        time.sleep(1)
        pss_after = pss_megabytes(server_pids(process.pid))
        metrics = _metrics(port)
        restarts = _metric_value(metrics, "bochum_kg_worker_restarts_total")
        alive = process.poll() is None
    finally:
        stop.set()
        stop_process_group(process)
        log.close()
    ok = {s for s in statuses if isinstance(s, int) and 200 <= s < 400 or s == 404}
    errors = sum(n for s, n in statuses.items() if s not in ok)
    return {
        "duration_s": round(elapsed, 1), "clients": args.clients, "idle_connections": args.idle,
        "requests": sum(statuses.values()), "requests_per_s": round(sum(statuses.values()) / elapsed),
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)}, "errors": errors,
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1), "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "healthz_p99_ms": round(percentile(health, 0.99) * 1000, 1), "healthz_max_ms": round(max(health) * 1000, 1),
        "healthz_statuses": {str(k): v for k, v in health_statuses.items()},
        "pss_before_mb": round(pss_before), "pss_after_mb": round(pss_after), "worker_restarts": restarts,
        "runaway": {str(k): v for k, v in hostile["runaway"].items()},
        "nested": {str(k): v for k, v in hostile["nested"].items()},
        "server_alive_at_end": alive, "runaways": args.runaways, "nested_queries": args.nested, "server_log": log.name,
        "load_average": os.getloadavg(),
    }


def _metrics(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/metrics")
    text = connection.getresponse().read().decode()
    connection.close()
    return text


def _metric_value(text: str, name: str) -> int:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return int(float(line.split()[1]))
    return 0


def table(result: dict) -> str:
    def counts(mapping: dict) -> str:
        return ", ".join(f"{k}: {v}" for k, v in mapping.items()) or "–"

    rows = [
        ("duration", f"{result['duration_s']} s, {result['clients']} keep-alive clients + {result['idle_connections']} idle connections"),
        ("requests", f"{result['requests']:,} ({result['requests_per_s']:,}/s; {counts(result['statuses'])})"),
        ("errors", f"{result['errors']}"),
        ("latency p50 / p99", f"{result['p50_ms']} / {result['p99_ms']} ms"),
        ("/healthz p99 (max)", f"{result['healthz_p99_ms']} ms ({result['healthz_max_ms']} ms; {counts(result['healthz_statuses'])})"),
        ("PSS before → after", f"{result['pss_before_mb']} → {result['pss_after_mb']} MB"),
        ("worker restarts", f"{result['worker_restarts']}"),
        (f"{result['runaways']} runaway queries", counts(result["runaway"])),
        (f"{result['nested_queries']} nested-brace queries", counts(result["nested"])),
        ("server alive at the end", "yes" if result["server_alive_at_end"] else "NO"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'measure'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
    lines += [f"| {name.ljust(width)} | {value} |" for name, value in rows]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60; 300 for the full run)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--idle", type=int, default=200)
    parser.add_argument("--runaways", type=int, default=10, help="runaway queries from one hostile address")
    parser.add_argument("--nested", type=int, default=60, help="nested-brace queries from another")
    parser.add_argument("--serve-flag", action="append", default=[], metavar="FLAG",
                        help="an extra flag for bochum-kg serve, e.g. --serve-flag=--workers=3 (repeatable)")
    parser.add_argument("--out", type=Path, help="also write the measurements as JSON here")
    args = parser.parse_args(argv)
    result = run(args)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2))
    print(table(result))
    return 0 if result["server_alive_at_end"] else 1


if __name__ == "__main__":
    sys.exit(main())
