"""File uploads: held in memory, never on disk, and larger bodies only where a route takes a file.

The routes marked `upload=True` in web/routes.py accept bodies up to `Settings.max_upload_bytes`
(5 MB: a planner's workbook); every other route keeps `max_request_bytes`. Both places that read
bodies learn the same rules from `init_app`: Flask (the request's own limit, set before the
view runs: a larger body is a 413 the view can answer with its own page) and, under a public
server, the admission middleware that reads bodies within the body deadline (serving.py).

Werkzeug spools an uploaded file to a temporary file above 500 KB; `InMemoryRequest` keeps it in
memory instead, which the body limits bound, so an upload is never stored anywhere.
"""

from __future__ import annotations

import io

from flask import Flask, Request, current_app, request

EXTENSION = "bochum_kg.uploads"


class InMemoryRequest(Request):
    """Flask's request, with uploaded files read into memory (Werkzeug's documented override point)."""

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


def init_app(app: Flask, upload_rules, max_upload_bytes: int) -> None:
    """Let the URL rules `upload_rules` take bodies up to `max_upload_bytes`."""
    app.request_class = InMemoryRequest
    app.extensions[EXTENSION] = {rule: max_upload_bytes for rule in upload_rules}
    app.before_request(_raise_the_limit)


def body_limits(app: Flask) -> dict[str, int]:
    """URL rule -> the body limit of that route, for the routes that differ from the app's."""
    return dict(app.extensions.get(EXTENSION, {}))


def _raise_the_limit() -> None:
    rule = request.url_rule
    if rule is not None:
        limit = current_app.extensions[EXTENSION].get(rule.rule)
        if limit is not None:
            request.max_content_length = limit
