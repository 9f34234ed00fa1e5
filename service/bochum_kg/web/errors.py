"""One error shape for the whole service: a JSON body {"status", "error", "message"} (plus details).

Views answer their own errors with `error_response(status, error, message)` (or `api_error(status,
message, **details)`, the same body with the reason phrase as title); the handlers
registered by `register_error_handlers` give the same shape to everything else (unknown paths,
wrong methods, bodies over the size limit, unexpected failures) for every client that does not
prefer HTML. Browsers get an HTML page instead: by default a minimal one, or whatever the
renderer installed with `set_html_renderer` draws (create_app installs web/layout.py's page).

Unexpected failures are logged with their traceback and answered with a 500 that says nothing
about the internals.
"""

from __future__ import annotations

import logging
from typing import Callable

from flask import Flask, Response, current_app, jsonify, render_template_string, request
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.http import HTTP_STATUS_CODES

from bochum_kg.kg import formats as neg

log = logging.getLogger("bochum_kg.web")

HtmlRenderer = Callable[[int, str, str], Response]
_RENDERER_KEY = "bochum_kg.html_error_renderer"

_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ status }} {{ error }}</title></head>
<body><h1>{{ status }} {{ error }}</h1><p>{{ message }}</p><p><a href="/">Home</a> · <a href="/sparql">SPARQL</a></p></body></html>
"""


def reason(status: int) -> str:
    return HTTP_STATUS_CODES.get(status, "Error")


def error_body(status: int, error: str | None, message: str, **details) -> dict:
    body = {"status": status, "error": error or reason(status), "message": message}
    body.update({k: v for k, v in details.items() if v is not None})
    return body


def error_response(status: int, error: str | None, message: str, headers: dict | None = None, **details) -> Response:
    """A JSON error response; `error` is a short title (default: the HTTP reason phrase)."""
    response = jsonify(error_body(status, error, message, **details))
    response.status_code = status
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def api_error(status: int, message: str, **details) -> Response:
    """The JSON error body of the API and the views' JSON: always JSON, whatever the client accepts."""
    return error_response(status, None, message, **details)


def wants_html() -> bool:
    """A browser asking for a page (its Accept prefers text/html over every data format)."""
    return neg.accepts_html(request.headers.get("Accept"))


def set_html_renderer(app: Flask, renderer: HtmlRenderer) -> None:
    """Let the app draw the HTML error pages browsers get (status, error, message) -> Response."""
    app.extensions[_RENDERER_KEY] = renderer


def _html_response(status: int, error: str, message: str) -> Response:
    renderer = current_app.extensions.get(_RENDERER_KEY)
    if renderer is not None:
        try:
            return renderer(status, error, message)
        except Exception:  # a broken error page must not hide the error
            log.exception("HTML error renderer failed")
    response = Response(render_template_string(_HTML, status=status, error=error, message=message),
                        status=status, mimetype="text/html")
    return response


def respond(status: int, error: str | None, message: str, headers: dict | None = None, **details) -> Response:
    """An error in the shape the client prefers: HTML for browsers, the JSON body for everyone else."""
    if wants_html():
        response = _html_response(status, error or reason(status), message)
        for key, value in (headers or {}).items():
            response.headers[key] = value
        return response
    return error_response(status, error, message, headers, **details)


def _http_error(err: HTTPException):
    if err.code is None or err.code < 400:
        return err
    headers = {}
    if err.code == 405 and err.valid_methods:
        headers["Allow"] = ", ".join(err.valid_methods)
    message = err.description or reason(err.code)
    if err.code == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        message = f"The request body is larger than the limit of {limit} bytes." if limit else message
    return respond(err.code, reason(err.code), message, headers)


def _unexpected(err: Exception):
    if isinstance(err, HTTPException):
        return _http_error(err)
    log.exception("unhandled error on %s %s", request.method, request.path)
    return respond(500, reason(500), "The server failed to answer this request; the failure has been logged.")


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _unexpected)
    app.register_error_handler(Exception, _unexpected)
