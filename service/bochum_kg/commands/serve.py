"""`bochum-kg serve`: the service under gunicorn, the dataset loaded and validated once.

The master process loads (and validates) the dataset, builds the app and then forks the workers
(gunicorn `preload_app`), so every worker starts with the store in memory without loading it
again, and a replaced worker is ready at once. Workers are gthread workers (several threads,
pyoxigraph releases the GIL while it evaluates) or sync workers with --threads 1.

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
import sys

from ..cli import EXIT_OK
from ..config import Settings
from ..stores import deadline

log = logging.getLogger("bochum_kg.serve")


def settings_for_serve(args: argparse.Namespace, settings: Settings) -> Settings:
    return settings.with_changes(
        public_url=args.base_url or None,
        query_timeout=args.query_timeout,
        row_cap=args.row_cap,
        store_url=args.store or None,
        allowed_service_endpoints=tuple(args.allow_service or ()),
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    settings = settings_for_serve(args, settings)
    configure_logging()
    app = build_app(settings)
    if isinstance(app, int):
        return app
    serve_forever(app, settings, host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return EXIT_OK


def build_app(settings: Settings):
    """The app with its store loaded (and validated); an exit code when that is impossible."""
    from ..web.app import create_app
    from . import open_store_or_exit_code

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
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S %z"))
    root = logging.getLogger("bochum_kg")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False


# --- gunicorn -----------------------------------------------------------------------------------------

_retiring = False


def _terminate_self() -> None:
    os.kill(os.getpid(), signal.SIGTERM)  # gunicorn: graceful stop of this worker


def _retire_worker(description: str) -> None:
    """Runaway handler in a gunicorn worker: answer, then exit so the runaway evaluation ends."""
    global _retiring
    from flask import after_this_request, has_request_context

    first = not _retiring
    _retiring = True
    if first:
        log.warning("worker %s: a %s overran its time limit; the worker answers 503, finishes its requests and exits",
                    os.getpid(), description)
    if has_request_context():
        @after_this_request
        def terminate_once_sent(response):
            response.call_on_close(_terminate_self)
            return response
    else:
        _terminate_self()


def post_fork(server, worker) -> None:
    deadline.set_runaway_handler(_retire_worker)


def worker_exit(server, worker) -> None:
    if _retiring:
        # a query thread is still evaluating in Rust: leave without waiting for anything
        logging.shutdown()
        sys.stderr.flush()
        os._exit(0)


def gunicorn_options(settings: Settings, host: str, port: int, workers: int, threads: int) -> dict:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    limit = settings.query_timeout or 30.0
    return {
        "bind": bind,
        "workers": max(1, workers),
        "threads": max(1, threads),
        "worker_class": "gthread" if threads > 1 else "sync",
        "preload_app": True,
        # the master kills a worker that stops reporting for this long (sync workers report between requests)
        "timeout": int(limit * 2 + 30),
        "graceful_timeout": int(limit + 5),
        "keepalive": 5,
        "limit_request_line": 8190,  # gunicorn's maximum; longer queries go by POST
        "accesslog": None,  # the app logs each request (bochum_kg.access)
        "errorlog": "-",
        "loglevel": "info",
        "post_fork": post_fork,
        "worker_exit": worker_exit,
        "proc_name": "bochum-kg",
        "control_socket_disable": True,  # gunicorn >= 25.1: no shared control socket in $HOME
    }


def serve_forever(app, settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int = 2, threads: int = 4) -> None:
    from gunicorn.app.base import BaseApplication

    options = gunicorn_options(settings, host, port, workers, threads)

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                if key in self.cfg.settings:  # settings newer than the installed gunicorn are skipped
                    self.cfg.set(key, value)

        def load(self):
            return app

    Server().run()
