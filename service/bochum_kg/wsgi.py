"""For running the service under a WSGI server of your own instead of `bochum-kg serve`.

    gunicorn -c python:bochum_kg.wsgi --preload -w 2 --threads 4 'bochum_kg.wsgi:app()'

`app()` builds the app from environment variables (nothing happens at import time):
BOCHUM_KG_HOME (checkout with ontology/ and data/), BOCHUM_KG_BASE_IRI, BOCHUM_KG_PUBLIC_URL,
BOCHUM_KG_QUERY_TIMEOUT, BOCHUM_KG_ROW_CAP, BOCHUM_KG_STORE (a remote SPARQL endpoint) and
BOCHUM_KG_ALLOW_SERVICE (space-separated endpoints). It raises when the data does not conform.

Loading this module as a gunicorn config (`-c python:bochum_kg.wsgi`) installs the hooks that
stop runaway queries by replacing the worker (post_fork, worker_exit); without them a query
past its time limit is answered with 503 but its thread runs on to its end.
"""

from __future__ import annotations

import os

from .commands.serve import post_fork, worker_exit  # noqa: F401  (gunicorn reads them from this module)
from .config import CANONICAL_BASE, Settings


def settings_from_environment() -> Settings:
    env = os.environ
    settings = Settings(base_iri=env.get("BOCHUM_KG_BASE_IRI", CANONICAL_BASE))
    changes = {}
    if env.get("BOCHUM_KG_PUBLIC_URL"):
        changes["public_url"] = env["BOCHUM_KG_PUBLIC_URL"]
    if env.get("BOCHUM_KG_QUERY_TIMEOUT"):
        changes["query_timeout"] = float(env["BOCHUM_KG_QUERY_TIMEOUT"])
    if env.get("BOCHUM_KG_ROW_CAP"):
        changes["row_cap"] = int(env["BOCHUM_KG_ROW_CAP"])
    if env.get("BOCHUM_KG_STORE"):
        changes["store_url"] = env["BOCHUM_KG_STORE"]
    if env.get("BOCHUM_KG_ALLOW_SERVICE"):
        changes["allowed_service_endpoints"] = tuple(env["BOCHUM_KG_ALLOW_SERVICE"].split())
    return settings.with_changes(**changes)


def app():
    """The WSGI application (a factory: gunicorn calls it once, in the master with --preload)."""
    from .web.app import create_app

    application = create_app(settings_from_environment())
    application.extensions["bochum_kg"].store.statistics()
    return application
