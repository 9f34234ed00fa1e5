"""JSON error answers of the query API and the view endpoints.

One body for every error: {"status": 400, "error": "Bad Request", "message": "…"} plus
optional details (e.g. "parameter": the name of the wrong parameter). Uses the service-wide
helper in web/errors.py when it is there, so the API and /sparql answer alike.
"""

from __future__ import annotations

from flask import Response, jsonify
from werkzeug.http import HTTP_STATUS_CODES


def api_error(status: int, message: str, **details) -> Response:
    try:
        from bochum_kg.web.errors import error_response
    except ImportError:
        error_response = None
    if error_response is not None:
        try:
            return error_response(status, None, message, **details)
        except TypeError:
            pass  # an older signature without details: fall through to the same shape here
    body = {"status": status, "error": HTTP_STATUS_CODES.get(status, "Error"), "message": message, **details}
    response = jsonify(body)
    response.status_code = status
    return response
