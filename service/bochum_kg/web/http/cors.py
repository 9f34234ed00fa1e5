"""CORS for read-only endpoints: any origin may read, no credentials, preflight answered.

`add_cors_headers` is an after_request function; `enable_cors(app_or_blueprint)` registers it.
The app registers it for every path (the whole service is read-only), so a blueprint needs it
only when it is mounted in another app.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, request

ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
EXPOSED_HEADERS = "Content-Type, Content-Location, ETag, Link, Location, Retry-After, Server-Timing, Warning, X-Cache, X-Max-Result-Bytes, X-Result-Truncated, X-Row-Cap, X-Row-Cap-Reached, X-Timeout-Raised, X-Total-Count"
DEFAULT_ALLOWED_HEADERS = "Accept, Accept-Language, Content-Type, Cache-Control"


def add_cors_headers(response: Response) -> Response:
    headers = response.headers
    headers["Access-Control-Allow-Origin"] = "*"
    headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    headers["Timing-Allow-Origin"] = "*"  # let browser tools read Server-Timing
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        # echo what the client wants to send: nothing here depends on credentials
        headers["Access-Control-Allow-Headers"] = request.headers.get("Access-Control-Request-Headers") or DEFAULT_ALLOWED_HEADERS
        headers["Access-Control-Max-Age"] = "86400"
        if response.status_code == 200 and not response.get_data():
            response.status_code = 204
    return response


def enable_cors(target: Flask | Blueprint) -> None:
    target.after_request(add_cors_headers)
