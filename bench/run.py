"""The service benchmark: our service vs `oxigraph serve` vs rdflib-endpoint, same data, same queries.

    .venv/bin/python bench/run.py                       # real data + 50k + 500k, 10 s per cell
    .venv/bin/python bench/run.py --scales real --duration 5

For each dataset (the checkout's data, and synthetic strategy-shaped copies of it made by
bench/generate.py) each server is started on 127.0.0.1, timed from process start to its first
answer (cold start), measured for memory (RSS of all its processes), checked for the same
answers as the others (row counts), then loaded by wrk (`wrk -t2 -c8 -d10s --latency`, GET,
one run per query). Results go to bench/results/<date>.json and a Markdown table on stdout.

Servers:
- bochum-kg: `bochum-kg serve`'s granian server (2 workers x 4 threads by default), the data
  loaded in the master and forked; validation off so that synthetic data needs no shapes
  (the validated cold start on the real data is measured separately: `bochum-kg serve (validated)`).
  With its response cache on (the default): wrk repeats one request, so after the first one
  every answer is a replay;
- bochum-kg-nocache: the same with `--response-cache 0`: every request is evaluated;
- oxigraph: `oxigraph load` once per named graph into a RocksDB directory (timed separately),
  then `oxigraph serve-read-only --union-default-graph`;
- rdflib-endpoint: its own CLI (rdflib Dataset, default_union, uvicorn, one process), installed
  into bench/.venv-rdflib-endpoint by this script.

Needs: wrk (Debian: apt-get install wrk), the oxigraph CLI (in .venv/bin), network access to
PyPI once for rdflib-endpoint. Run it on an otherwise idle machine; the load generator shares the
cores with the server, so compare servers, not absolute numbers across machines.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

import requests

BENCH = Path(__file__).resolve().parent
CHECKOUT = BENCH.parent
PYTHON = sys.executable
OXIGRAPH = shutil.which("oxigraph", path=str(Path(PYTHON).parent)) or shutil.which("oxigraph")
RDFLIB_ENDPOINT_VENV = BENCH / ".venv-rdflib-endpoint"
RDFLIB_ENDPOINT_VERSION = "0.6.3"
BASE = "https://w3id.org/bochum-strategie/"
SCALES = {"real": None, "50k": 50_000, "500k": 500_000}

sys.path.insert(0, str(BENCH))
from generate import generate  # noqa: E402
from process_group import children, stop_process_group  # noqa: E402

SERVE_UNVALIDATED = """
import sys
from pathlib import Path
from bochum_kg.config import Settings
from bochum_kg.commands import serve
import json
root, port, workers, threads, cache = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
extra = json.loads(sys.argv[6]) if len(sys.argv) > 6 else {}
settings = Settings(project_root=root, validate_on_start=False, query_timeout=120.0, response_cache_bytes=cache, **extra)
serve.configure_logging()
app = serve.build_app(settings)
serve.serve_forever(app, settings, host="127.0.0.1", port=port, workers=workers, threads=threads)
"""


# --- queries --------------------------------------------------------------------------------------------


@dataclass
class Query:
    name: str
    text: str
    accept: str = "application/sparql-results+json"


def bench_queries(project: Path) -> list[Query]:
    """Synthetic queries plus some of the named queries in queries/, with their first example's parameters."""
    from bochum_kg.config import Settings
    from bochum_kg.kg.catalog import bind_parameters, inline_bindings, load_catalogue

    # a project with links both ways; generate.py renames instances of copy k with the suffix -s{k}
    anchor = f"{BASE}project/haus-des-wissens" + ("" if project == CHECKOUT else "-s0")
    queries = [
        Query("ask", f"ASK {{ ?s a <{BASE}ontology#CoreActivity> }}"),
        Query("lookup (1 resource)", f"SELECT ?p ?o WHERE {{ <{anchor}> ?p ?o }}"),
        Query("construct (1 resource)", f"CONSTRUCT {{ <{anchor}> ?p ?o . ?s ?q <{anchor}> }} WHERE {{ {{ <{anchor}> ?p ?o }} UNION {{ ?s ?q <{anchor}> }} }}",
              "text/turtle"),
        Query("label scan (CONTAINS)", 'SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(CONTAINS(LCASE(STR(?l)), "wissen")) }'),
    ]
    catalogue = load_catalogue(Settings(project_root=CHECKOUT, validate_on_start=False))
    for name in ("projects", "actors-by-project-count", "class-instance-counts", "labels-missing-english"):
        if name not in catalogue:
            continue
        named = catalogue[name]
        params = dict(named.examples[0].params) if named.examples else {}
        bindings = bind_parameters(named, params)
        queries.append(Query(f"named: {name}", inline_bindings(named.text, bindings) if bindings else named.text))
    return queries


# --- servers --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Running:
    name: str
    process: subprocess.Popen
    endpoint: str
    cold_start: float = 0.0
    prepare_seconds: float | None = None  # one-time load before start (oxigraph load)


def tree_pids(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += sorted(children(current))
    return pids


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process and its children in MB. Forked workers share the master's pages:
    RSS counts them in every process, PSS divides them among the sharers."""
    rss = pss = 0
    for p in tree_pids(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            pass
    return rss / 1024, pss / 1024


def wait_first_answer(process: subprocess.Popen, endpoint: str, query: Query, started: float, timeout: float = 900) -> float:
    url = endpoint + "?" + urlencode({"query": query.text})
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if requests.get(url, headers={"Accept": query.accept}, timeout=60).status_code == 200:
                return time.perf_counter() - started
        except requests.ConnectionError:
            pass
        time.sleep(0.01)
    raise RuntimeError("no answer")


@contextlib.contextmanager
def revision_checkouts(revisions: list[str], folder: Path) -> Iterator[dict[str, Path]]:
    """A git worktree of each revision in `folder` (revision -> its checkout), removed afterwards."""
    trees: dict[str, Path] = {}
    try:
        for number, revision in enumerate(revisions):
            tree = folder / f"revision-{number}"
            subprocess.run(["git", "-C", str(CHECKOUT), "worktree", "add", "--detach", str(tree), revision],
                           check=True, capture_output=True)
            trees[revision] = tree
        yield trees
    finally:
        for tree in trees.values():
            subprocess.run(["git", "-C", str(CHECKOUT), "worktree", "remove", "--force", str(tree)], check=False)


def baseline_project(baseline: Path, folder: Path) -> Path:
    """A project for an earlier revision's code: this checkout's data, ontology and shapes, the
    revision's own queries/ (an older catalogue parser refuses header keys added since; the
    benchmark sends its query texts itself)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("data", "ontology", "shapes"):
        (folder / name).symlink_to(CHECKOUT / name, target_is_directory=True)
    (folder / "queries").symlink_to(baseline / "queries", target_is_directory=True)
    return folder


def data_files(project: Path) -> list[tuple[Path, str]]:
    """(file, named graph) pairs exactly as bochum-kg loads them (bochum_kg.kg.files.dataset_files)."""
    from bochum_kg.config import Settings
    from bochum_kg.kg.files import dataset_files

    return [(source.path, source.graph_iri) for source in dataset_files(Settings(project_root=project))]


def start_bochum_kg(project: Path, first: Query, workers: int, threads: int, validated: bool = False, cache: bool = True,
                    settings: dict | None = None, code: Path | None = None, name: str | None = None) -> Running:
    """`code`: another checkout's service/ folder to run instead of this one's (bench/ab.py --baseline)."""
    port = free_port()
    if validated:
        command = [PYTHON, "-m", "bochum_kg.cli", "--project-root", str(project), "serve", "--port", str(port),
                   "--workers", str(workers), "--threads", str(threads)]
    else:
        from bochum_kg.config import Settings

        cache_bytes = Settings().response_cache_bytes if cache else 0  # the serve default
        command = [PYTHON, "-c", SERVE_UNVALIDATED, str(project), str(port), str(workers), str(threads), str(cache_bytes),
                   json.dumps(settings or {})]
    env = None if code is None else {**os.environ, "PYTHONPATH": str(code)}
    started = time.perf_counter()
    # the access log line of every request is formatted and written (a write(2) each), to /dev/null
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env)
    endpoint = f"http://127.0.0.1:{port}/sparql"
    name = name or ("bochum-kg serve (validated)" if validated else "bochum-kg" if cache else "bochum-kg-nocache")
    return Running(name, process, endpoint, wait_first_answer(process, endpoint, first, started))


def start_oxigraph(project: Path, first: Query, workdir: Path) -> Running:
    location = workdir / f"oxigraph-{project.name}"
    shutil.rmtree(location, ignore_errors=True)
    load_started = time.perf_counter()
    for path, graph in data_files(project):
        subprocess.run([OXIGRAPH, "load", "--location", str(location), "--file", str(path), "--graph", graph],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    prepare = time.perf_counter() - load_started
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen([OXIGRAPH, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    endpoint = f"http://127.0.0.1:{port}/query"
    running = Running("oxigraph", process, endpoint, wait_first_answer(process, endpoint, first, started))
    running.prepare_seconds = prepare
    return running


def ensure_rdflib_endpoint() -> Path:
    executable = RDFLIB_ENDPOINT_VENV / "bin" / "rdflib-endpoint"
    if not executable.exists():
        subprocess.run([PYTHON, "-m", "venv", str(RDFLIB_ENDPOINT_VENV)], check=True)
        subprocess.run([str(RDFLIB_ENDPOINT_VENV / "bin" / "pip"), "install", "--quiet", f"rdflib-endpoint[cli]=={RDFLIB_ENDPOINT_VERSION}"],
                       check=True)
    return executable


def start_rdflib_endpoint(project: Path, first: Query) -> Running:
    executable = ensure_rdflib_endpoint()
    port = free_port()
    files = [str(p) for p, _ in data_files(project)]
    started = time.perf_counter()
    process = subprocess.Popen([str(executable), "serve", *files, "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    endpoint = f"http://127.0.0.1:{port}/"
    return Running("rdflib-endpoint", process, endpoint, wait_first_answer(process, endpoint, first, started))


def stop(running: Running) -> None:
    stop_process_group(running.process)


# --- measuring ------------------------------------------------------------------------------------------


@dataclass
class Cell:
    server: str
    query: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    rows: int | None


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, accept: str, duration: float, connections: int, threads: int) -> dict:
    output = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration:g}s", "--latency", "--timeout", "60s",
                             "-H", f"Accept: {accept}", url], capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M))  # "1.20s " has a trailing blank
    done = int(re.search(r"(\d+) requests in", output).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0)
    return {"raw": output, "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), "p50": _ms(latency["50"]) if "50" in latency else float("nan"),
            "p99": _ms(latency["99"]) if "99" in latency else float("nan"), "requests": done, "errors": errors}


def answer_size(endpoint: str, query: Query) -> int:
    response = requests.get(endpoint, params={"query": query.text}, headers={"Accept": query.accept}, timeout=300)
    response.raise_for_status()
    if query.accept == "text/turtle":
        from rdflib import Graph

        return len(Graph().parse(data=response.text, format="turtle"))
    body = response.json()
    return len(body["results"]["bindings"]) if "results" in body else int(body["boolean"])


@dataclass
class ScaleResult:
    scale: str
    triples: int
    servers: dict = field(default_factory=dict)  # name -> {cold_start, rss_mb, prepare_seconds}
    cells: list = field(default_factory=list)


def measure_scale(scale: str, project: Path, servers: list[str], args, workdir: Path) -> ScaleResult:
    from bochum_kg.config import Settings
    from bochum_kg.kg.load import load_dataset

    triples = load_dataset(Settings(project_root=project, validate_on_start=False)).triple_count()
    result = ScaleResult(scale, triples)
    queries = bench_queries(project)
    starters = {
        "bochum-kg": lambda: start_bochum_kg(project, queries[0], args.workers, args.threads),
        "bochum-kg-nocache": lambda: start_bochum_kg(project, queries[0], args.workers, args.threads, cache=False),
        "oxigraph": lambda: start_oxigraph(project, queries[0], workdir),
        "rdflib-endpoint": lambda: start_rdflib_endpoint(project, queries[0]),
    }
    if scale == "real" and "bochum-kg" in servers:
        try:  # the real command, with validation; only possible while the data conforms
            starts = []
            for _ in range(args.cold_starts):
                running = start_bochum_kg(project, queries[0], args.workers, args.threads, validated=True)
                starts.append(running.cold_start)
                stop(running)
            result.servers["bochum-kg serve (validated)"] = {"cold_start": statistics.median(starts), "cold_starts": starts}
        except RuntimeError as err:
            result.servers["bochum-kg serve (validated)"] = {"error": f"did not start: {err} (does the data conform?)"}
    for name in servers:
        starts, running = [], None
        for attempt in range(args.cold_starts):
            running = starters[name]()
            starts.append(running.cold_start)
            if attempt < args.cold_starts - 1:
                stop(running)
        try:
            # warm up; the row counts (the answers must agree across servers) are kept for the cells
            rows_of = {query.name: answer_size(running.endpoint, query) for query in queries}
            time.sleep(0.5)
            rss, pss = memory_mb(running.process.pid)
            result.servers[name] = {"cold_start": statistics.median(starts), "cold_starts": starts, "rss_mb": round(rss, 1),
                                    "pss_mb": round(pss, 1), "prepare_seconds": running.prepare_seconds}
            for query in queries:
                rows = rows_of[query.name]
                url = running.endpoint + "?" + urlencode({"query": query.text})
                measured = wrk(url, query.accept, args.duration, args.connections, args.wrk_threads)
                result.cells.append({**asdict(Cell(name, query.name, measured["rps"], measured["p50"], measured["p99"],
                                                   measured["requests"], measured["errors"], rows)), "wrk_output": measured["raw"]})
                print(f"  {scale:5} {name:16} {query.name:28} {measured['rps']:9.1f} req/s  p50 {measured['p50']:8.2f} ms  "
                      f"p99 {measured['p99']:8.2f} ms  rows {rows}  errors {measured['errors']}", file=sys.stderr)
        finally:
            stop(running)
    return result


# --- report ---------------------------------------------------------------------------------------------


def markdown(results: list[ScaleResult]) -> str:
    lines = []
    for res in results:
        lines.append(f"### {res.scale} ({res.triples:,} triples)\n")
        lines.append("| server | cold start (median of starts) | memory RSS / PSS | one-time load |")
        lines.append("|---|---|---|---|")
        for name, info in res.servers.items():
            if "error" in info:
                lines.append(f"| {name} | {info['error']} | | |")
                continue
            rss = f"{info['rss_mb']:.0f} / {info['pss_mb']:.0f} MB" if info.get("rss_mb") else "–"
            prepare = f"{info['prepare_seconds']:.2f} s" if info.get("prepare_seconds") else "–"
            starts = ", ".join(f"{x:.2f}" for x in info.get("cold_starts", []))
            lines.append(f"| {name} | {info['cold_start']:.2f} s ({starts}) | {rss} | {prepare} |")
        servers = list(dict.fromkeys(c["server"] for c in res.cells))
        lines.append("")
        ours_names = [s for s in ("bochum-kg", "bochum-kg-nocache") if s in servers]
        ratio_heads = [f"{o} / {other}" for o in ours_names for other in ("oxigraph", "rdflib-endpoint")]
        lines.append("| query | rows | " + " | ".join(f"{s} req/s (p50 / p99 ms)" for s in servers) + " | " + " | ".join(ratio_heads) + " |")
        lines.append("|---|---|" + "---|" * len(servers) + "---|" * len(ratio_heads))
        for query in dict.fromkeys(c["query"] for c in res.cells):
            by_server = {c["server"]: c for c in res.cells if c["query"] == query}
            rows = {c["rows"] for c in by_server.values()}
            row_text = str(rows.pop()) if len(rows) == 1 else "DIFFER: " + ", ".join(f"{s}={c['rows']}" for s, c in by_server.items())
            cells = []
            for s in servers:
                c = by_server.get(s)
                cells.append(f"{c['requests_per_second']:,.0f} ({c['p50_ms']:.1f} / {c['p99_ms']:.1f})" + (f" ⚠ {c['errors']} errors" if c["errors"] else "") if c else "–")

            def ratio(ours_name, other):
                ours, o = by_server.get(ours_name), by_server.get(other)
                return f"{ours['requests_per_second'] / o['requests_per_second']:.1f}×" if ours and o and o["requests_per_second"] else "–"

            ratios = [ratio(o, other) for o in ours_names for other in ("oxigraph", "rdflib-endpoint")]
            lines.append(f"| {query} | {row_text} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="real,50k,500k", help="comma-separated: real, 50k, 500k")
    parser.add_argument("--servers", default="bochum-kg,bochum-kg-nocache,oxigraph,rdflib-endpoint")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk load per query")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="worker processes of bochum-kg")
    parser.add_argument("--threads", type=int, default=4, help="threads per bochum-kg worker")
    parser.add_argument("--cold-starts", type=int, default=3, help="starts per server for the cold-start median")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is needed: apt-get install wrk", file=sys.stderr)
        return 2
    servers = [s.strip() for s in args.servers.split(",") if s.strip()]
    results = []
    load_at_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bochum-kg-bench-") as tmp:
        workdir = Path(tmp)
        for scale in [s.strip() for s in args.scales.split(",") if s.strip()]:
            if SCALES[scale] is None:
                project = CHECKOUT
            else:
                project = workdir / f"synth-{scale}"
                generate(project, SCALES[scale])
            results.append(measure_scale(scale, project, servers, args, workdir))
    out = args.out or BENCH / "results" / f"{time.strftime('%Y-%m-%d-%H%M')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"date": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(), "load_average_at_start": load_at_start, "load_average_at_end": os.getloadavg(),
            "args": {k: str(v) for k, v in vars(args).items()}}
    out.write_text(json.dumps({"meta": meta, "results": [asdict(r) for r in results]}, indent=1))
    print(markdown(results))
    print(f"\nraw results: {out.relative_to(CHECKOUT) if out.is_relative_to(CHECKOUT) else out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
