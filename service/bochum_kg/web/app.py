"""The application factory: one Flask app, one blueprint per face of the service.

URL space: /sparql (protocol, service description, query form) · /api/… (named queries) ·
/workbench (query UI) · /healthz · everything else: linked-data pages (the pages blueprint
owns the catch-all IRI paths, so it is registered last).

App-wide: one JSON error shape (web/errors.py), CORS on every path (all of them only read),
a log line per request, a Server-Timing header with the total time, and (embedded store) a
cache that replays repeated GET answers of /sparql and /api (web/response_cache.py).
"""

from __future__ import annotations

import time

from flask import Flask, Response, g, jsonify, request

from bochum_kg.config import Settings
from bochum_kg.web.api import views as api
from bochum_kg.web.http import conditional
from bochum_kg.web import context
from bochum_kg.web.http import cors, metrics, readiness
from bochum_kg.web import errors
from bochum_kg.web.pages import views as pages
from bochum_kg.web.sparql import endpoint as sparql
from bochum_kg.web.workbench import views as workbench
from bochum_kg.web.http.access_log import log_request
from bochum_kg.web.http.response_cache import ResponseCache


def create_app(settings: Settings | None = None, store=None) -> Flask:
    """Build the app. Loads and validates the dataset once (unless a ready `store` is passed)."""
    settings = settings or Settings()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.json.sort_keys = False
    context.init_app(app, settings, store)
    errors.register_error_handlers(app)
    cors.enable_cors(app)
    app.before_request(_start_timer)
    app.after_request(_finish_request)
    app.after_request(conditional.add_validators)  # registered later, so it runs before _finish_request logs
    app.add_url_rule("/healthz", "healthz", healthz, methods=["GET"])
    app.add_url_rule("/readyz", "readyz", readiness.readyz, methods=["GET"])
    app.add_url_rule("/metrics", "metrics", metrics.metrics_page, methods=["GET"])
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(workbench.blueprint)
    app.register_blueprint(pages.blueprint)  # last: it owns the catch-all IRI paths
    if response_cache_applies(settings, app.extensions["bochum_kg"].store):
        app.wsgi_app = ResponseCache(app.wsgi_app, settings.response_cache_bytes)
    return app


def response_cache_applies(settings: Settings, store) -> bool:
    """Only answers that cannot change are replayed: the embedded store's, with no SERVICE allowed."""
    return settings.response_cache_bytes > 0 and getattr(store, "kind", None) == "embedded" and not settings.allowed_service_endpoints


def healthz():
    """Liveness and a little about the store; cheap enough for a load balancer to poll."""
    graph = context.kg()
    body = {"status": "ok", "store": getattr(graph.store, "kind", "unknown"), "graphs": len(graph.store.graph_names())}
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response


def _start_timer() -> None:
    g.request_started = time.perf_counter()


def _finish_request(response: Response) -> Response:
    started = g.get("request_started")
    if started is None:
        return response
    elapsed_ms = (time.perf_counter() - started) * 1000
    total = f"total;dur={elapsed_ms:.2f}"
    existing = response.headers.get("Server-Timing")
    response.headers["Server-Timing"] = f"{existing}, {total}" if existing else total
    log_request(request.environ, response.status_code, response.content_length, elapsed_ms)
    return response
