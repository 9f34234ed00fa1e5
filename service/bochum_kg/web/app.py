"""The application factory: one Flask app, its URL space in one table (web/routes.py).

Faces: /sparql (SPARQL protocol, web/sparql/) · /api/… (named queries and the relationship
views' JSON, web/api/) · /workbench, /explore, /paths, /gaps (web/workbench/) · everything else:
linked-data pages (web/pages/; the catch-all IRI paths rank last).

App-wide, registered here and nowhere else: one JSON error shape (web/errors.py) with the HTML
error page of web/layout.py for browsers, the layout's template context for every face, the
answer to a wrong parameter (web/params.py), and around Flask: CORS on every path (all of them
only read), a Server-Timing header with the total time and a log line per request
(web/http/finishing.py), and (embedded store) a cache that replays repeated GET answers of /sparql
and /api (web/http/response_cache.py).
"""

from __future__ import annotations

from flask import Flask

from bochum_kg.config import Settings
from bochum_kg.web import context, errors, i18n, layout, params, routes
from bochum_kg.web.http import assets, compression, conditional, uploads
from bochum_kg.web.http.finishing import FinishEveryAnswer
from bochum_kg.web.http.response_cache import ResponseCache
from bochum_kg.web.pages import sitemap_pages
from bochum_kg.web.workbench import planner


def create_app(settings: Settings | None = None, store=None) -> Flask:
    """Build the app. Loads and validates the dataset once (unless a ready `store` is passed)."""
    settings = settings or Settings()
    app = Flask(__name__, static_folder=None)  # web/static/ is served by web/http/assets.py (routes.py)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.json.sort_keys = False
    context.init_app(app, settings, store)
    assets.init_app(app)
    errors.register_error_handlers(app)
    errors.set_html_renderer(app, layout.render_error_page)
    app.register_error_handler(params.BadParameter, params.bad_parameter)
    app.context_processor(layout.layout_context)
    app.context_processor(planner.template_helpers)
    app.after_request(i18n.language_headers)
    compression.init_app(app)  # runs after add_validators: the identity ETag first, then the variant's
    app.after_request(conditional.add_validators)
    routes.register_routes(app)
    sitemap_pages.init_app(app)
    uploads.init_app(app, routes.UPLOAD_RULES, settings.max_upload_bytes)
    app.wsgi_app = FinishEveryAnswer(app.wsgi_app)
    if response_cache_applies(settings, app.extensions["bochum_kg"].store):
        app.wsgi_app = ResponseCache(app.wsgi_app, settings.response_cache_bytes)
    return app


def response_cache_applies(settings: Settings, store) -> bool:
    """Only answers that cannot change are replayed: the embedded store's, with no SERVICE allowed."""
    return settings.response_cache_bytes > 0 and getattr(store, "kind", None) == "embedded" and not settings.allowed_service_endpoints

