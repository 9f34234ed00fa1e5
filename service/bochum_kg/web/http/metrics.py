"""Prometheus metrics (prometheus_client), one set per process, added up over the workers.

`bochum-kg serve` points PROMETHEUS_MULTIPROC_DIR at a temporary directory before anything
imports prometheus_client (so this module imports it only inside functions); every worker writes
its values there and /metrics reads them all (multiprocess mode). Without that variable (tests,
a single-process server) /metrics shows the answering process alone.

Metrics (all prefixed `bochum_kg_`): requests by route, method and status; the time a request
held a query slot (evaluation and serialization, a histogram by route); queries evaluated and waiting (in-flight,
queue length); refusals by status and reason (408/429/503); replays of the response cache;
worker retirements by reason and worker restarts (counted by the master).
"""

from __future__ import annotations

import os
import threading

from flask import Response, current_app, request

ROUTE = "bochum_kg.route"
_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
_METHODS = {"GET", "HEAD", "POST", "OPTIONS"}

_metrics = None
_lock = threading.Lock()


class _Metrics:
    def __init__(self) -> None:
        from prometheus_client import Counter, Gauge, Histogram

        self.requests = Counter("bochum_kg_requests", "HTTP requests answered", ["route", "method", "status"])
        self.query_seconds = Histogram("bochum_kg_query_duration_seconds",
                                       "Time a request held a query slot (evaluation and serialization)", ["route"],
                                       buckets=_BUCKETS)
        self.in_flight = Gauge("bochum_kg_queries_in_flight", "Requests holding a query slot", multiprocess_mode="livesum")
        self.queued = Gauge("bochum_kg_queue_length", "Requests waiting for a query slot", multiprocess_mode="livesum")
        self.refused = Counter("bochum_kg_refused", "Requests refused by the serving limits", ["status", "reason"])
        self.cache_replays = Counter("bochum_kg_cache_replays", "Answers replayed by the response cache")
        self.retirements = Counter("bochum_kg_worker_retirements", "Workers that asked to be replaced", ["reason"])
        self.worker_restarts = Counter("bochum_kg_worker_restarts", "Workers forked to replace one that exited")
        self._children: dict[tuple, object] = {}  # (metric, label values) -> labelled child

    def _child(self, metric, *labels: str):
        """metric.labels(*labels), kept: the lookup costs ~4 µs per request otherwise (label values
        are bounded: URL rules, methods, statuses)."""
        key = (metric, labels)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = metric.labels(*labels)
        return child

    def count_request(self, route: str, method: str, status: str) -> None:
        self._child(self.requests, route, method, status).inc()

    def observe_query(self, route: str, seconds: float) -> None:
        self._child(self.query_seconds, route).observe(seconds)


def get() -> _Metrics:
    global _metrics
    if _metrics is None:
        with _lock:
            if _metrics is None:
                _metrics = _Metrics()
    return _metrics


def refused(status: int, reason: str) -> None:
    get().refused.labels(str(status), reason).inc()


def retirement(reason: str) -> None:
    get().retirements.labels(reason).inc()


def workers_replaced(pids) -> None:
    """In the master: workers `pids` exited and were replaced."""
    metrics = get()
    metrics.worker_restarts.inc(len(pids))
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        for pid in pids:
            multiprocess.mark_process_dead(pid)  # their in-flight and queue gauges no longer count


class RequestMetrics:
    """WSGI middleware (outermost): counts every answer, whoever gave it (Flask, the cache, a refusal)."""

    def __init__(self, app, url_map):
        self.app = app
        self._adapter = url_map.bind("localhost")
        self._routes: dict[tuple[str, str], str] = {}

    def route(self, method: str, path: str) -> str:
        """The URL rule that serves `path` (bounded label values), 'unmatched' for anything else."""
        key = (method, path)
        found = self._routes.get(key)
        if found is None:
            try:
                rule, _ = self._adapter.match(path, method=method, return_rule=True)
                found = rule.rule
            except Exception:  # NotFound, MethodNotAllowed, a redirect
                found = "unmatched"
            if len(self._routes) > 10_000:
                self._routes.clear()
            self._routes[key] = found
        return found

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        method = method if method in _METHODS else "other"
        route = environ[ROUTE] = self.route(method, environ.get("PATH_INFO", ""))
        seen: list = []

        def observe(status, headers, exc_info=None):
            hit = False
            if status[0] in "23":
                for name, value in headers:
                    if value == "hit" and name == "X-Cache":  # as response_cache.py writes it
                        hit = True
                        break
            seen[:] = [status[:3], hit]
            return start_response(status, headers, exc_info)

        result = self.app(environ, observe)
        metrics = get()
        status, hit = seen or ("000", False)
        metrics.count_request(route, method, status)
        if hit:
            metrics.cache_replays.inc()
        return result


def _surviving_files_collector():
    """prometheus_client's multiprocess collector, minus files a crashed worker left half made.

    A worker killed while it creates a metrics file (a segfault in a query, the kernel's OOM
    killer) leaves it empty, and the stock collector fails on it: every later scrape would be a 500.
    """
    import glob

    from prometheus_client.multiprocess import MultiProcessCollector

    class SurvivingFiles(MultiProcessCollector):
        def collect(self):
            files = [f for f in glob.glob(os.path.join(self._path, "*.db")) if _whole(f)]
            return self.merge(files, accumulate=True)

    return SurvivingFiles(None)


def _whole(path: str) -> bool:
    try:
        return os.path.getsize(path) >= 8  # the 4-byte "used" header and a first value at least
    except OSError:  # removed meanwhile (mark_process_dead)
        return False


def metrics_page():
    """GET /metrics: the Prometheus text format, for the machine itself and the trusted networks."""
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

    from bochum_kg.web.errors import error_response
    from bochum_kg.web.http.serving import LIMITS

    limits = current_app.extensions.get(LIMITS)
    if limits is not None and not limits.may_read_metrics(request.remote_addr or ""):
        return error_response(403, None, "The metrics are for the operator's machines only.")
    get()  # this process's metrics exist even before its first counted request
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        registry.register(_surviving_files_collector())
    else:
        registry = REGISTRY
    response = Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST.split(";")[0])
    response.headers["Content-Type"] = CONTENT_TYPE_LATEST
    response.headers["Cache-Control"] = "no-store"
    return response
