"""`bochum-kg serve`: the service under granian, the dataset loaded and validated once.

The master process loads (and validates) the dataset and builds the app, then granian forks the
worker processes, so every worker starts with the store in memory without loading it again, and
a replaced worker is ready at once. granian does the HTTP in Rust; each worker runs the WSGI app
in a few Python threads (pyoxigraph releases the GIL while it evaluates).

A query that overruns its time limit cannot be interrupted inside pyoxigraph; its worker
answers 503 to that request, stops accepting connections, finishes the requests it holds and
exits, which ends the runaway evaluation. The master forks a replacement (see stores/deadline.py).

In front of the app, the serving limits (web/http/serving.py: query slots and queue, per-client
limits, body deadline, memory ceiling, metrics) are put in place here, before the fork; what
serve takes from granian beyond its documented options is in granian_server.py.

Exit codes: 1 the data does not conform to the shapes (the report is printed), 2 a file cannot
be read or parsed (file:line:column) or the remote store cannot be reached.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import signal
import socket
import sys
import tempfile
import threading

from bochum_kg.cli import EXIT_OK, EXIT_UNREADABLE, UsageError
from bochum_kg.commands import granian_server
from bochum_kg.config import Settings
from bochum_kg.kg.store import deadline
from bochum_kg.web.http import metrics, retirement
from bochum_kg.web.http.limits import ServingLimits
from bochum_kg.web.http.serving import protect

log = logging.getLogger("bochum_kg.serve")


def settings_for_serve(args: argparse.Namespace, settings: Settings) -> Settings:
    return settings.with_changes(
        public_url=args.base_url or None,
        query_timeout=args.query_timeout,
        row_cap=args.row_cap or None,
        max_result_bytes=args.max_result_bytes or None,
        min_client_timeout=args.min_client_timeout,
        store_url=args.store or None,
        prebuilt_dir=args.prebuilt.resolve() if args.prebuilt else None,
        allowed_service_endpoints=tuple(args.allow_service or ()),
        response_cache_bytes=Settings.megabytes(args.response_cache),
    )


def limits_for_serve(args: argparse.Namespace, settings: Settings) -> ServingLimits:
    try:
        return ServingLimits(
            query_slots=max(1, args.threads), queue=args.queue, queue_wait=args.queue_wait,
            client_concurrency=args.client_concurrency, overrun_budget=args.overrun_budget,
            overrun_window=args.overrun_window, trusted_networks=tuple(args.trusted_network or ()),
            body_timeout=args.body_timeout, uploads=args.uploads, max_body_bytes=settings.max_request_bytes,
            max_worker_memory_mb=args.max_worker_memory)
    except ValueError as err:
        raise UsageError(str(err)) from None


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.store and args.prebuilt:
        raise UsageError("--store and --prebuilt exclude each other: one serves a remote endpoint, one a local directory")
    settings = settings_for_serve(args, settings)
    limits = limits_for_serve(args, settings)
    try:
        claim_port(args.host, args.port)  # before loading: a second server fails at once
    except OSError as err:
        print(f"error: cannot listen on {args.host}:{args.port}: {err.strerror or err}", file=sys.stderr)
        return EXIT_UNREADABLE
    configure_logging()
    app = build_app(settings)
    if isinstance(app, int):
        return app
    serve_forever(app, settings, host=args.host, port=args.port, workers=args.workers, threads=args.threads,
                  limits=limits, max_connections=args.max_connections, header_timeout=args.header_timeout)
    return EXIT_OK


def build_app(settings: Settings):
    """The app with its store loaded (and validated); an exit code when that is impossible."""
    from bochum_kg.web.app import create_app
    from bochum_kg.commands import open_store_or_exit_code

    if settings.prebuilt_dir is not None and not settings.store_url:
        from bochum_kg.kg.prebuilt import PrebuiltStoreError

        try:
            return create_app(settings)  # the knowledge graph opens the directory (kg/prebuilt.py)
        except PrebuiltStoreError as err:
            print(f"error: {err}", file=sys.stderr)
            return EXIT_UNREADABLE
    store = open_store_or_exit_code(settings, "not serving it")
    if isinstance(store, int):
        return store
    store.statistics()  # computed once here, before the fork, so every worker inherits it
    # create_app builds the KnowledgeGraph (labels, search index, statistics, ...) here, in the
    # master, so the workers share it; only the dumps are built on first use, per worker.
    return create_app(settings, store)


def configure_logging() -> None:
    from bochum_kg.web.http import access_log

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(access_log.LOG_FORMAT, access_log.LOG_DATE))
    root = logging.getLogger("bochum_kg")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False
    access_log.write_to(sys.stderr)  # same format, without a logging record per request


# --- the worker side ----------------------------------------------------------------------------------

_retiring = False
_LEAVE_GRACE_SECONDS = 35.0  # set per server by worker_app: its query timeout + 5 s


def retire_worker(description: str) -> None:
    """Runaway handler in a worker process: answer, then leave so the runaway evaluation ends with it."""
    global _retiring
    from flask import after_this_request, has_request_context

    first = not _retiring
    _retiring = True
    if first:
        log.warning("worker %s: a %s overran its time limit; the worker answers 503, finishes its requests and exits",
                    os.getpid(), description)
        retirement.retire("runaway", description)  # not ready from now on; the handler below leaves
    if has_request_context():
        @after_this_request
        def leave_once_sent(response):
            response.call_on_close(_leave)
            return response
    else:
        _leave()


def _leave() -> None:
    """Stop this worker gracefully (SIGTERM: the server finishes the requests it holds), and for good
    after a grace period: the thread lost in Rust would otherwise never let it go."""
    # To the main thread itself: a process-wide kill may land on a Rust or query thread, and then
    # the main thread, blocked in a wait, would not run the handler until something woke it.
    signal.pthread_kill(threading.main_thread().ident, signal.SIGTERM)
    timer = threading.Timer(_LEAVE_GRACE_SECONDS, os._exit, args=(0,))
    timer.daemon = True
    timer.start()


def is_retiring() -> bool:
    return _retiring


def worker_app(app, settings: Settings):
    """What each forked worker serves: the master's app, with runaway queries retiring the worker."""
    global _LEAVE_GRACE_SECONDS
    _LEAVE_GRACE_SECONDS = (settings.query_timeout or 30.0) + 5.0
    deadline.set_runaway_handler(retire_worker)
    retirement.set_handler(leave_when_answered)
    metrics.get()  # prometheus_client imported and this worker's metrics made now, not in its first request
    return app


def leave_when_answered(reason: str) -> None:
    """Retirement handler of a worker: the runaway path leaves by itself once its 503 is sent;
    any other reason (the memory ceiling) leaves now, gracefully: the requests it holds are answered."""
    global _retiring
    if reason == "runaway":
        return
    _retiring = True
    _leave()


# --- the server -------------------------------------------------------------------------------------

def claim_port(host: str, port: int) -> None:
    """OSError (EADDRINUSE) when something already listens on host:port.

    granian's listening socket sets SO_REUSEPORT, so without this check a second server on the
    same port would start and silently take half of the connections. The probe binds without it.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a port in TIME_WAIT is free
        probe.bind((host, port))


def serve_forever(app, settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int = 2, threads: int = 4,
                  limits: ServingLimits | None = None, max_connections: int = granian_server.DEFAULT_MAX_CONNECTIONS,
                  header_timeout: float = granian_server.DEFAULT_HEADER_TIMEOUT) -> None:
    """Serve `app` with granian: `workers` processes forked from this one (they inherit the loaded
    store), each evaluating at most `threads` requests at once while Rust does the HTTP, behind
    the serving limits (web/http/serving.py)."""
    limits = (limits or ServingLimits(max_body_bytes=settings.max_request_bytes)).with_changes(query_slots=max(1, threads))
    claim_port(host, port)
    with metrics_directory():
        protect(app, limits)  # here, before the fork: the workers share the overrun budget
        options = granian_server.granian_options(host, port, workers, limits, max_connections, header_timeout)
        granian_server.allow_open_files(max(1, workers) * max_connections + 1024)
        server = granian_server.make_server(options, on_workers_replaced=metrics.workers_replaced)
        log.info("serving on http://%s:%s/ (%d workers x %d threads)", host if ":" not in host else f"[{host}]", port,
                 max(1, workers), limits.query_slots)
        # The knowledge graph's objects (millions at 5M triples) go to the permanent generation before
        # the fork: a worker's collections then never write to their pages, which stay shared.
        gc.collect()
        gc.freeze()
        server.serve(target_loader=lambda: worker_app(app, settings), wrap_loader=False)


@contextlib.contextmanager
def metrics_directory():
    """PROMETHEUS_MULTIPROC_DIR for this server's processes: a fresh temporary directory, removed at
    the end (unless the operator set one). Set before prometheus_client is first imported."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        yield
        return
    with tempfile.TemporaryDirectory(prefix="bochum-kg-metrics-") as directory:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
        try:
            yield
        finally:
            os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
