"""The application factory: one Flask app, one blueprint per face of the service."""

from __future__ import annotations

from flask import Flask

from ..config import Settings
from . import api, context, pages, sparql, workbench


def create_app(settings: Settings | None = None, store=None) -> Flask:
    """Build the app. Loads and validates the dataset once (unless a ready `store` is passed)."""
    settings = settings or Settings()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.json.sort_keys = False
    context.init_app(app, settings, store)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(workbench.blueprint)
    app.register_blueprint(pages.blueprint)  # last: it owns the catch-all IRI paths
    return app
