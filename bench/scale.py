"""Scale benchmark (issue 13): the pages and the API of `bochum-kg serve` on large generated data.

    PYTHONPATH=service .venv/bin/python bench/scale.py                # 500,000 triples, 1,000 pages
    PYTHONPATH=service .venv/bin/python bench/scale.py 5000000 --starts 1

1. Data: bench/generate.py's strategy-shaped copies of the checkout's data (about N triples),
   cached in bench/data/synth-N/ (git-ignored; made again when the checkout's data, ontology,
   queries or generate.py change). The checkout's queries/ are copied next to it, so the named
   queries of the API exist; shapes are not (see 2).
2. Start, side by side (`--starts` rounds, medians): the raw pyoxigraph load of exactly the
   files the service loads (a fresh process: import pyoxigraph, `Store.load` of each file into
   its named graph), then `bochum-kg serve`'s own code (bench/run.py's SERVE_UNVALIDATED:
   `serve.build_app` + `serve.serve_forever`, 2 workers x 4 threads, response cache on) with
   validation OFF (no shapes are written for the synthetic copies), on 127.0.0.1 and a free
   port, timed from process start to the first `/readyz` answer "ready".
3. Crawl, by one sequential client (so every time is a first visit of that URL after start,
   without competition from other requests): a fixed list of seeds (home, search, the API
   index, each named query with its first example, the kind indexes, gaps, explore, dataset,
   VoID, sitemap…), then the links of the pages fetched (href="/…" in HTML, this server's URLs
   in JSON), taking the next URL round-robin over the page kinds so every kind gets its share,
   until `--pages` pages or `--time-limit` seconds. Downloads are skipped: /static/, the dump
   files (/dumps/<file>, built on first use), the curation workbook, /metrics. Every request has
   a `--request-timeout`. Per URL: status, seconds, bytes on the wire (gzip accepted, like a
   browser) and decoded.
4. Memory: PSS of master + workers (bench/run.py's memory_mb) at ready, during the crawl
   (every second; the server is killed if it passes `--max-pss-mb`) and after it.

Prints one Markdown table and writes everything to bench/results/scale-<N>-<date>.json
(git-ignored). The server is stopped (its process group) at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict, deque
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import requests

BENCH = Path(__file__).resolve().parent
CHECKOUT = BENCH.parent
sys.path.insert(0, str(BENCH))
from generate import generate  # noqa: E402
from run import PYTHON, SERVE_UNVALIDATED, data_files, free_port, memory_mb  # noqa: E402
from process_group import stop_process_group as stop_server  # noqa: E402
from soak import percentile  # noqa: E402

DATA = BENCH / "data"
RESULTS = BENCH / "results"

RAW_LOAD = """
import sys, time
started = time.perf_counter()
import pyoxigraph as ox
store = ox.Store()
args = sys.argv[1:]
for path, graph in zip(args[0::2], args[1::2]):
    store.load(path=path, format=ox.RdfFormat.TURTLE, base_iri="https://w3id.org/bochum-strategie/", to_graph=ox.NamedNode(graph))
print(len(store), time.perf_counter() - started)
"""

SEARCH_TERMS = ("wissen", "Bochum", "Hochschule", "Innovation", "zzzz-nothing")
SKIP_PREFIXES = ("/static/", "/metrics", "/healthz", "/readyz", "/curate/workbook", "/dumps/")
BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Encoding": "gzip", "Accept-Language": "de"}


# --- data -----------------------------------------------------------------------------------------------


def inputs_digest() -> str:
    digest = hashlib.sha256()
    for folder in ("ontology", "data", "queries"):
        for path in sorted((CHECKOUT / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(CHECKOUT)).encode() + b"\0" + path.read_bytes())
    digest.update((BENCH / "generate.py").read_bytes())
    return digest.hexdigest()


def dataset(target: int) -> tuple[Path, dict]:
    """The project directory of about `target` triples, generated unless cached with the same inputs."""
    project = DATA / f"synth-{target}"
    stamp = project / "generated.json"
    digest = inputs_digest()
    if stamp.exists() and json.loads(stamp.read_text()).get("inputs") == digest:
        return project, json.loads(stamp.read_text())
    started = time.perf_counter()
    counts = generate(project, target)
    shutil.copytree(CHECKOUT / "queries", project / "queries")
    info = {"inputs": digest, "target": target, "data_triples": sum(counts.values()), "files": counts,
            "generate_seconds": round(time.perf_counter() - started, 1)}
    stamp.write_text(json.dumps(info, indent=1))
    return project, info


# --- start ----------------------------------------------------------------------------------------------


def raw_load(project: Path) -> dict:
    """Wall time of a fresh process that loads the same files into a pyoxigraph Store."""
    args = [str(a) for pair in data_files(project) for a in pair]
    started = time.perf_counter()
    out = subprocess.run([PYTHON, "-c", RAW_LOAD, *args], capture_output=True, text=True, check=True).stdout.split()
    return {"seconds": time.perf_counter() - started, "in_process_seconds": float(out[1]), "quads": int(out[0])}


def prebuild(project: Path) -> tuple[Path, float]:
    """`bochum-kg prebuild` (validation off, as the served copies have no shapes): its directory and seconds."""
    directory = project.with_name(project.name + "-prebuilt")
    started = time.perf_counter()
    subprocess.run([PYTHON, "-m", "bochum_kg.cli", "--project-root", str(project), "prebuild", str(directory), "--no-validate"],
                   check=True, stdout=subprocess.DEVNULL)
    return directory, time.perf_counter() - started


def start_server(project: Path, port: int, log, workers: int, threads: int, timeout: float,
                 max_pss_mb: float, prebuilt: Path | None = None) -> tuple[subprocess.Popen, float, "Watch"]:
    """`bochum-kg serve` (validation off; from `prebuilt` if given), the seconds from process start to
    /readyz "ready", and the watch over its memory (from the start: the master builds everything before it forks)."""
    from bochum_kg.config import Settings

    extra = {"prebuilt_dir": str(prebuilt)} if prebuilt else {}
    command = [PYTHON, "-c", SERVE_UNVALIDATED, str(project), str(port), str(workers), str(threads),
               str(Settings().response_cache_bytes), json.dumps(extra)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    watch = Watch(process, max_pss_mb)
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            watch.stop.set()
            raise SystemExit(f"serve exited with {process.returncode}" + (" (killed above the PSS limit)" if watch.killed else "")
                             + f"; see {log.name}")
        try:
            answer = requests.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
            if answer.status_code == 200 and answer.json().get("status") == "ready":
                return process, time.perf_counter() - started, watch
        except (requests.ConnectionError, requests.Timeout, ValueError):
            pass
        time.sleep(0.02)
    watch.stop.set()
    stop_server(process)
    raise SystemExit(f"serve was not ready within {timeout:.0f} s; see {log.name}")


# --- crawl ----------------------------------------------------------------------------------------------


def seeds(project: Path) -> list[str]:
    from bochum_kg.config import Settings
    from bochum_kg.kg.catalog import load_catalogue
    from bochum_kg.web.pages.indexes import INDEXES

    urls = ["/", *(f"/search?{urlencode({'q': term})}" for term in SEARCH_TERMS), "/api/", "/api/openapi.json",
            "/gaps", "/explore", "/paths", "/workbench", "/dataset", "/.well-known/void", "/sitemap.xml", "/sources",
            "/ontology", "/graph/", "/dumps/", "/curate", "/api/terms", "/api/lookup?q=wissen"]
    for name, query in load_catalogue(Settings(project_root=project, validate_on_start=False)).items():
        params = dict(query.examples[0].params) if query.examples else {}
        urls.append(f"/api/{name}" + (f"?{urlencode(params)}" if params else ""))
    urls += [f"/{segment}/" for segment in INDEXES]
    return urls


def kind_of(path: str) -> str:
    from bochum_kg.web.pages.indexes import INDEXES

    path, _, query = path.partition("?")
    parts = [p for p in path.split("/") if p]
    if not parts:
        return "home"
    first = parts[0]
    if first == "api":
        if len(parts) == 1:
            return "api index"
        if parts[1] in ("neighbourhood", "paths", "lookup", "gaps", "terms", "docs", "openapi.json"):
            return f"api {parts[1]}"
        return "api named query"
    if first in ("search", "gaps", "explore", "paths", "workbench", "sparql", "curate", "sources", "sitemap.xml"):
        return first
    if first in ("dataset", "catalog", ".well-known") or first.startswith(("dataset.", "catalog.")):
        return "dataset/VoID"
    if first.startswith("ontology"):
        return "ontology"
    if first in ("graph", "dumps"):
        return first
    if first in INDEXES:
        if len(parts) == 1:
            return "index" + (" (next page)" if "offset=" in query or "page=" in query else "")
        return f"resource {first}" + (" (document)" if re.search(r"\.(ttl|jsonld|rdf|nt)$", parts[-1]) else "")
    return "other"


_HREF = re.compile(r"""href=["']([^"'#]+)""")


def links(base: str, body: str, content_type: str, skip: tuple[str, ...] = ()) -> list[str]:
    if "html" in content_type:
        found = _HREF.findall(body)
    elif "json" in content_type:
        found = re.findall(re.escape(base) + r"""/[^"\s\\]*""", body)
    else:
        return []
    paths = []
    for href in found:
        url = urljoin(base + "/", href.replace("&amp;", "&"))
        if not url.startswith(base + "/"):
            continue
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if (not path.startswith(SKIP_PREFIXES) or path == "/dumps/") and not path.startswith(skip):
            paths.append(path)
    return paths


class Watch:
    """PSS of the server every second; kills it (process group) above the limit."""

    def __init__(self, process: subprocess.Popen, limit_mb: float):
        self.process, self.limit, self.peak, self.killed = process, limit_mb, 0.0, False
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.wait(1.0):
            pss = memory_mb(self.process.pid)[1]
            self.peak = max(self.peak, pss)
            if pss > self.limit:
                self.killed = True
                print(f"PSS {pss:.0f} MB > {self.limit:.0f} MB: killing the server", file=sys.stderr)
                stop_server(self.process)
                return


def crawl(port: int, start: list[str], pages: int, time_limit: float, request_timeout: float, watch: Watch,
          skip: tuple[str, ...] = ()) -> list[dict]:
    base = f"http://127.0.0.1:{port}"
    queues: dict[str, deque] = defaultdict(deque)
    order: list[str] = []  # kinds in the order first seen: the round-robin
    seen: set[str] = set()

    def add(path: str) -> None:
        if path in seen:
            return
        seen.add(path)
        kind = kind_of(path)
        if kind not in queues:
            order.append(kind)
        queues[kind].append(path)

    fixed = deque()
    for path in start:
        if path not in seen and not path.startswith(skip):
            seen.add(path)
            fixed.append(path)
    session = requests.Session()
    records: list[dict] = []
    began = time.monotonic()
    turn = 0
    while len(records) < pages and time.monotonic() - began < time_limit and not watch.killed:
        if fixed:  # the seeds first, in their order; then one discovered URL of each kind in turn
            path = fixed.popleft()
            kind = kind_of(path)
        else:
            waiting = [k for k in order if queues[k]]
            if not waiting:
                break
            kind = waiting[turn % len(waiting)]
            turn += 1
            path = queues[kind].popleft()
        record = {"path": path, "kind": kind}
        started = time.perf_counter()
        try:
            response = session.get(base + path, headers=BROWSER, timeout=request_timeout, stream=True)
            wire = response.raw.read(decode_content=False)
            record["seconds"] = time.perf_counter() - started
            body = gzip.decompress(wire) if response.headers.get("Content-Encoding") == "gzip" else wire
            record.update(status=response.status_code, wire_bytes=len(wire), bytes=len(body),
                          content_type=response.headers.get("Content-Type", ""), cache=response.headers.get("X-Cache"))
            if response.status_code == 200:
                for link in links(base, body.decode("utf-8", "replace"), record["content_type"], skip):
                    add(link)
        except requests.RequestException as err:
            record.update(seconds=time.perf_counter() - started, status=type(err).__name__, bytes=0, wire_bytes=0)
            session.close()
            session = requests.Session()
        records.append(record)
        print(f"  {len(records):5} {record['seconds']:8.3f} s {record['status']} {record['bytes']:>10,} B  {path[:110]}",
              file=sys.stderr)
    return records


# --- report ---------------------------------------------------------------------------------------------


def summary(records: list[dict]) -> list[dict]:
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_kind[r["kind"]].append(r)
    rows = []
    for kind, rs in sorted(by_kind.items(), key=lambda kv: -max(r["seconds"] for r in kv[1])):
        seconds = [r["seconds"] for r in rs]
        largest = max(rs, key=lambda r: r["bytes"])
        bad = [str(r["status"]) for r in rs if r["status"] not in (200, 404)]
        rows.append({"kind": kind, "n": len(rs), "p50_s": percentile(seconds, 0.5), "p95_s": percentile(seconds, 0.95),
                     "max_s": max(seconds), "slowest": max(rs, key=lambda r: r["seconds"])["path"],
                     "largest_bytes": largest["bytes"], "largest": largest["path"],
                     "not_ok": dict(sorted({s: bad.count(s) for s in bad}.items()))})
    return rows


def markdown(result: dict) -> str:
    s = result["start"]
    lines = [f"### {result['triples']:,} triples ({result['data']['data_triples']:,} in data/ + ontology), "
             f"{result['crawl']['pages']} pages in {result['crawl']['seconds']:.0f} s",
             "",
             "| measure | value |",
             "|---|---|",
             f"| raw pyoxigraph load (median of {len(s['raw_load_s'])}) | {s['raw_load_median_s']:.2f} s "
             f"({', '.join(f'{x:.2f}' for x in s['raw_load_s'])}) |",
             *([f"| `bochum-kg prebuild` (once, validation off) | {result['prebuild_s']:.1f} s |"] if result["prebuild_s"] else []),
             f"| `bochum-kg serve{' --prebuilt' if result['prebuilt'] else ''}` to /readyz ready, validation off (median) | "
             f"{s['serve_ready_median_s']:.2f} s "
             f"({', '.join(f'{x:.2f}' for x in s['serve_ready_s'])}) |",
             f"| start / raw load | {s['ratio']:.2f}× |",
             f"| PSS at ready → peak → after the crawl | {result['pss_mb']['ready']:,.0f} → {result['pss_mb']['peak']:,.0f} → "
             f"{result['pss_mb']['after']:,.0f} MB" + (" (server KILLED at the limit)" if result["pss_mb"]["killed"] else "") + " |",
             f"| all pages p50 / p95 / max | {result['crawl']['p50_s'] * 1000:,.0f} / {result['crawl']['p95_s'] * 1000:,.0f} / "
             f"{result['crawl']['max_s'] * 1000:,.0f} ms |",
             f"| pages ≥ 1 s | {result['crawl']['over_1s']} of {result['crawl']['pages']} |",
             "",
             "| kind | n | p50 ms | p95 ms | max ms | slowest | largest body | not 200/404 |",
             "|---|---|---|---|---|---|---|---|"]
    for row in result["kinds"]:
        not_ok = ", ".join(f"{k}: {v}" for k, v in row["not_ok"].items()) or ""
        lines.append(f"| {row['kind']} | {row['n']} | {row['p50_s'] * 1000:,.0f} | {row['p95_s'] * 1000:,.0f} | "
                     f"{row['max_s'] * 1000:,.0f} | `{row['slowest'][:60]}` | {row['largest_bytes']:,} B | {not_ok} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("triples", type=int, nargs="?", default=500_000, help="about this many triples (default 500000)")
    parser.add_argument("--pages", type=int, default=1000, help="pages to crawl (default 1000)")
    parser.add_argument("--time-limit", type=float, default=1200, help="seconds of crawling at most (default 1200)")
    parser.add_argument("--request-timeout", type=float, default=180, help="seconds per request (default 180)")
    parser.add_argument("--starts", type=int, default=3, help="rounds of raw load + server start, for the medians (default 3)")
    parser.add_argument("--start-timeout", type=float, default=600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-pss-mb", type=float, default=12_000, help="kill the server above this PSS (default 12000)")
    parser.add_argument("--skip", action="append", default=[], metavar="PREFIX",
                        help="do not request paths starting with this (repeatable), e.g. --skip /dumps/")
    parser.add_argument("--prebuilt", action="store_true",
                        help="serve from `bochum-kg prebuild`'s on-disk store (built once first, timed) instead of the files")
    parser.add_argument("--prebuilt-dir", type=Path, metavar="DIR",
                        help="serve this directory, already built by `bochum-kg prebuild` from the dataset (not timed; "
                             "`serve` refuses it if it was built from other files or code); implies --prebuilt")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)

    load_before = os.getloadavg()
    project, data_info = dataset(args.triples)
    raw, ready = [], []
    if args.prebuilt_dir:
        prebuilt, prebuild_s = args.prebuilt_dir.resolve(), None
    else:
        prebuilt, prebuild_s = prebuild(project) if args.prebuilt else (None, None)
    if prebuild_s is not None:
        print(f"prebuild: {prebuild_s:.1f} s", file=sys.stderr)
    log = tempfile.NamedTemporaryFile("wb", prefix="scale-serve-", suffix=".log", delete=False)
    process = None
    try:
        for round_ in range(args.starts):  # side by side: raw load, then the server, each round
            raw.append(raw_load(project))
            port = free_port()
            process, seconds, watch = start_server(project, port, log, args.workers, args.threads, args.start_timeout,
                                                   args.max_pss_mb, prebuilt)
            ready.append(seconds)
            print(f"round {round_ + 1}: raw load {raw[-1]['seconds']:.2f} s, serve ready {seconds:.2f} s", file=sys.stderr)
            if round_ < args.starts - 1:
                watch.stop.set()
                stop_server(process)
                process = None
        time.sleep(1)  # the workers settle (granian forks them before the first answer)
        pss_ready = memory_mb(process.pid)[1]
        began = time.monotonic()
        start_urls = seeds(project)
        records = crawl(port, start_urls, args.pages, args.time_limit, args.request_timeout, watch, tuple(args.skip))
        crawl_seconds = time.monotonic() - began
        time.sleep(1)
        watch.stop.set()
        pss_after = memory_mb(process.pid)[1] if process.poll() is None and not watch.killed else float("nan")
    finally:
        if process is not None:
            stop_server(process)
        log.close()
    seconds = [r["seconds"] for r in records]
    raw_s = [r["seconds"] for r in raw]
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"), "cpus": os.cpu_count(), "load_average_before": load_before,
        "load_average_after": os.getloadavg(), "args": {k: str(v) for k, v in vars(args).items()},
        "triples": raw[0]["quads"], "data": {k: v for k, v in data_info.items() if k != "inputs"},
        "validation": "off", "workers": args.workers, "threads": args.threads,
        "prebuilt": bool(prebuilt), "prebuild_s": prebuild_s,
        "start": {"raw_load_s": raw_s, "raw_load_in_process_s": [r["in_process_seconds"] for r in raw],
                  "raw_load_median_s": statistics.median(raw_s), "serve_ready_s": ready,
                  "serve_ready_median_s": statistics.median(ready), "ratio": statistics.median(ready) / statistics.median(raw_s)},
        "pss_mb": {"ready": pss_ready, "peak": max(watch.peak, pss_ready, pss_after if pss_after == pss_after else 0),
                   "after": pss_after, "killed": watch.killed, "limit": args.max_pss_mb},
        "crawl": {"pages": len(records), "seconds": crawl_seconds, "p50_s": percentile(seconds, 0.5),
                  "p95_s": percentile(seconds, 0.95), "max_s": max(seconds), "over_1s": sum(s >= 1 for s in seconds),
                  "seeds": len(start_urls)},
        "kinds": summary(records),
        "largest": sorted(records, key=lambda r: -r["bytes"])[:10],
        "slowest": sorted(records, key=lambda r: -r["seconds"])[:15],
        "records": records,
        "server_log": log.name,
    }
    out = args.out or RESULTS / f"scale-{args.triples}-{time.strftime('%Y-%m-%d-%H%M')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1))
    print(markdown(result))
    print("\nslowest:", file=sys.stderr)
    for r in result["slowest"]:
        print(f"  {r['seconds']:8.3f} s {r['bytes']:>10,} B  {r['path'][:120]}", file=sys.stderr)
    print(f"\nload average before {load_before}, after {os.getloadavg()}; raw results: "
          f"{out.relative_to(CHECKOUT) if out.is_relative_to(CHECKOUT) else out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
