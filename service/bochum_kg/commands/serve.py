"""`bochum-kg serve`: the service under granian, the dataset loaded and validated once.

The master process loads (and validates) the dataset and builds the app, then granian forks the
worker processes, so every worker starts with the store in memory without loading it again, and
a replaced worker is ready at once. granian does the HTTP in Rust; each worker runs the WSGI app
in a few Python threads (pyoxigraph releases the GIL while it evaluates).

A query that overruns its time limit cannot be interrupted inside pyoxigraph; its worker
answers 503 to that request, stops accepting connections, finishes the requests it holds and
exits, which ends the runaway evaluation. The master forks a replacement (see stores/deadline.py).

Exit codes: 1 the data does not conform to the shapes (the report is printed), 2 a file cannot
be read or parsed (file:line:column) or the remote store cannot be reached.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import sys
import threading

from bochum_kg.cli import EXIT_OK, EXIT_UNREADABLE
from bochum_kg.config import Settings
from bochum_kg.kg.store import deadline

log = logging.getLogger("bochum_kg.serve")


def settings_for_serve(args: argparse.Namespace, settings: Settings) -> Settings:
    return settings.with_changes(
        public_url=args.base_url or None,
        query_timeout=args.query_timeout,
        row_cap=args.row_cap or None,
        max_result_bytes=args.max_result_bytes or None,
        min_client_timeout=args.min_client_timeout,
        store_url=args.store or None,
        allowed_service_endpoints=tuple(args.allow_service or ()),
        response_cache_bytes=Settings.megabytes(args.response_cache),
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    settings = settings_for_serve(args, settings)
    try:
        claim_port(args.host, args.port)  # before loading: a second server fails at once
    except OSError as err:
        print(f"error: cannot listen on {args.host}:{args.port}: {err.strerror or err}", file=sys.stderr)
        return EXIT_UNREADABLE
    configure_logging()
    app = build_app(settings)
    if isinstance(app, int):
        return app
    serve_forever(app, settings, host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return EXIT_OK


def build_app(settings: Settings):
    """The app with its store loaded (and validated); an exit code when that is impossible."""
    from bochum_kg.web.app import create_app
    from bochum_kg.commands import open_store_or_exit_code

    store = open_store_or_exit_code(settings, "not serving it")
    if isinstance(store, int):
        return store
    store.statistics()  # computed once here, before the fork, so every worker inherits it
    # Not called here: pages.warm_up (labels, search index, dumps, built in the master so the
    # workers would share them). Measured with it: start 2.8 s instead of 1.9 s on the real data,
    # 9.5 s instead of 0.7 s at 50k triples, 98 s instead of 4.3 s and 2.6 GB instead of 0.57 GB
    # (PSS) at 500k (bench/README.md). Each worker builds those caches on first use instead.
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
    return app


# --- the server -------------------------------------------------------------------------------------

def granian_options(host: str, port: int, workers: int, threads: int) -> dict:
    from granian.constants import HTTPModes, Interfaces

    from bochum_kg.web.http import access_log

    return {
        "address": host,
        "port": port,
        "interface": Interfaces.WSGI,
        "http": HTTPModes.auto,
        "workers": max(1, workers),
        "blocking_threads": max(1, threads),
        # A worker takes no more requests than it has threads: otherwise granian accepts them and
        # they wait behind a long query while another worker idles (measured: an ASK waited 17 s
        # behind two 8.5 s queries with 4 workers x 1 thread; none waited with this limit).
        "backpressure": max(1, threads),
        # a worker that retired after a runaway query exits on purpose; the master forks a new one
        "respawn_failed_workers": True,
        "workers_kill_timeout": 5,
        "log_level": "info",
        "log_access": False,  # the app logs each request (bochum_kg.access)
        "log_dictconfig": {
            "formatters": {"generic": {"()": "logging.Formatter", "fmt": access_log.LOG_FORMAT, "datefmt": access_log.LOG_DATE}},
            "handlers": {"console": {"formatter": "generic", "class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
                         "access": {"class": "logging.NullHandler"}},
        },
    }


def claim_port(host: str, port: int) -> None:
    """OSError (EADDRINUSE) when something already listens on host:port.

    granian's listening socket sets SO_REUSEPORT, so without this check a second server on the
    same port would start and silently take half of the connections. The probe binds without it.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a port in TIME_WAIT is free
        probe.bind((host, port))


def serve_forever(app, settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int = 2, threads: int = 4) -> None:
    """Serve `app` with granian: `workers` processes forked from this one (they inherit the loaded
    store), each answering from `threads` Python threads while Rust does the HTTP."""
    from granian.net import SocketSpec
    from granian.server.mp import MPServer

    class Server(MPServer):
        def _respawn_workers(self, workers, spawn_target, target_loader, delay: float = 0):
            super()._respawn_workers(workers, spawn_target, target_loader, delay)
            # A worker that retired after a runaway query is not a crash: without this, a second
            # retirement of the same worker within 5.5 s would look like a crash loop to granian
            # and stop the whole server. (The app is built before the fork, so a worker cannot
            # fail at start-up: there is no crash loop to guard against.)
            for index in workers:
                self.respawned_wrks.pop(index, None)

        def _init_shared_socket(self):
            # One listening socket for all workers, as on granian's other platforms (and gunicorn),
            # instead of one SO_REUSEPORT socket per worker on Linux: a connection that arrives
            # while a retired worker is being replaced waits in the shared backlog, where with
            # per-worker sockets it would be refused or reset with the retired worker's socket.
            self._ssp = SocketSpec(self.bind_addr, self.bind_port, self.backlog)
            self._shd = self._ssp.build()
            self._sfd = self._shd.get_fd()
            self._ssp = None
            self._sso = socket.socket(fileno=self._sfd)
            self._sso.set_inheritable(True)

    claim_port(host, port)
    server = Server("bochum_kg", **granian_options(host, port, workers, threads))
    log.info("serving on http://%s:%s/ (%d workers x %d threads)", host if ":" not in host else f"[{host}]", port,
             max(1, workers), max(1, threads))
    server.serve(target_loader=lambda: worker_app(app, settings), wrap_loader=False)
