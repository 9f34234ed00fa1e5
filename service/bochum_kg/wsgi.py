"""For running the service under a WSGI server of your own instead of `bochum-kg serve`, e.g.
gunicorn (not a dependency of this package: `pip install gunicorn`):

    gunicorn -c python:bochum_kg.wsgi --preload -w 2 --threads 4 'bochum_kg.wsgi:app()'

`app()` builds the app from environment variables (nothing happens at import time):
BOCHUM_KG_HOME (checkout with ontology/ and data/), BOCHUM_KG_BASE_IRI, BOCHUM_KG_PUBLIC_URL,
BOCHUM_KG_QUERY_TIMEOUT, BOCHUM_KG_ROW_CAP (0: no cap), BOCHUM_KG_MAX_RESULT_MB (0: no limit),
BOCHUM_KG_MIN_CLIENT_TIMEOUT (seconds), BOCHUM_KG_MAX_REQUEST_BYTES, BOCHUM_KG_MAX_UPLOAD_BYTES,
BOCHUM_KG_STORE (a remote SPARQL endpoint), BOCHUM_KG_PREBUILT (a directory `bochum-kg prebuild`
wrote), BOCHUM_KG_ALLOW_SERVICE (space-separated endpoints) and
BOCHUM_KG_RESPONSE_CACHE_MB (0: off): the same settings as the flags of `bochum-kg serve`. It
raises when the data does not conform.

The serving limits of `bochum-kg serve` (web/http/serving.py) come from BOCHUM_KG_THREADS (requests
evaluated at once per worker), BOCHUM_KG_QUEUE, BOCHUM_KG_QUEUE_WAIT, BOCHUM_KG_CLIENT_CONCURRENCY,
BOCHUM_KG_OVERRUN_BUDGET, BOCHUM_KG_OVERRUN_WINDOW, BOCHUM_KG_TRUSTED_NETWORKS (CIDRs, space- or
comma-separated), BOCHUM_KG_BODY_TIMEOUT, BOCHUM_KG_UPLOADS and BOCHUM_KG_MAX_WORKER_MEMORY_MB; give
gunicorn at least threads + queue + uploads + 4 threads (`--threads`, 32 with the defaults), so
waiting requests do not starve /healthz. Connection limits and header timeouts are the WSGI server's own settings. For /metrics across
workers set PROMETHEUS_MULTIPROC_DIR to an empty directory before starting gunicorn.

Loading this module as a gunicorn config (`-c python:bochum_kg.wsgi`) installs the hooks that
stop runaway queries by replacing the worker (post_fork, worker_exit); without them a query
past its time limit is answered with 503 but its thread runs on to its end.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from bochum_kg.config import CANONICAL_BASE, Settings


def post_fork(server, worker) -> None:
    """gunicorn hook: in a worker, a runaway query retires the worker (see commands/serve.py)."""
    from bochum_kg.commands import serve
    from bochum_kg.kg.store import deadline

    from bochum_kg.web.http import retirement

    deadline.set_runaway_handler(serve.retire_worker)
    retirement.set_handler(serve.leave_when_answered)


def child_exit(server, worker) -> None:
    """gunicorn hook, in the master: a worker left; its live gauges no longer count."""
    from bochum_kg.web.http import metrics

    metrics.workers_replaced([worker.pid])


def worker_exit(server, worker) -> None:
    """gunicorn hook: a retiring worker leaves at once; a query thread may still be running in Rust."""
    from bochum_kg.commands import serve

    if serve.is_retiring():
        logging.shutdown()  # the worker's last log lines, before leaving without the usual clean-up
        sys.stderr.flush()
        os._exit(0)


def settings_from_environment() -> Settings:
    env = os.environ
    settings = Settings(base_iri=env.get("BOCHUM_KG_BASE_IRI", CANONICAL_BASE))
    changes = {}
    if env.get("BOCHUM_KG_PUBLIC_URL"):
        changes["public_url"] = env["BOCHUM_KG_PUBLIC_URL"]
    if env.get("BOCHUM_KG_QUERY_TIMEOUT"):
        changes["query_timeout"] = float(env["BOCHUM_KG_QUERY_TIMEOUT"])
    if env.get("BOCHUM_KG_ROW_CAP"):
        changes["row_cap"] = int(env["BOCHUM_KG_ROW_CAP"]) or None
    if env.get("BOCHUM_KG_MAX_RESULT_MB"):
        changes["max_result_bytes"] = Settings.megabytes(float(env["BOCHUM_KG_MAX_RESULT_MB"])) or None
    if env.get("BOCHUM_KG_MIN_CLIENT_TIMEOUT"):
        changes["min_client_timeout"] = float(env["BOCHUM_KG_MIN_CLIENT_TIMEOUT"])
    if env.get("BOCHUM_KG_MAX_REQUEST_BYTES"):
        changes["max_request_bytes"] = int(env["BOCHUM_KG_MAX_REQUEST_BYTES"])
    if env.get("BOCHUM_KG_MAX_UPLOAD_BYTES"):
        changes["max_upload_bytes"] = int(env["BOCHUM_KG_MAX_UPLOAD_BYTES"])
    if env.get("BOCHUM_KG_STORE"):
        changes["store_url"] = env["BOCHUM_KG_STORE"]
    if env.get("BOCHUM_KG_PREBUILT"):
        changes["prebuilt_dir"] = Path(env["BOCHUM_KG_PREBUILT"]).resolve()
    if env.get("BOCHUM_KG_ALLOW_SERVICE"):
        changes["allowed_service_endpoints"] = tuple(env["BOCHUM_KG_ALLOW_SERVICE"].split())
    if env.get("BOCHUM_KG_RESPONSE_CACHE_MB"):
        changes["response_cache_bytes"] = Settings.megabytes(float(env["BOCHUM_KG_RESPONSE_CACHE_MB"]))
    return settings.with_changes(**changes)


def limits_from_environment(settings: Settings):
    from bochum_kg.web.http.limits import ServingLimits

    return ServingLimits.from_environment(os.environ, max_body_bytes=settings.max_request_bytes)


def app():
    """The WSGI application (a factory: gunicorn calls it once, in the master with --preload)."""
    from bochum_kg.web.app import create_app
    from bochum_kg.web.http.serving import protect

    settings = settings_from_environment()
    application = create_app(settings)
    application.extensions["bochum_kg"].store.statistics()
    return protect(application, limits_from_environment(settings))
