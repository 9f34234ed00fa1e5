"""Validators and conditional GET for every complete answer to a GET or HEAD.

Each 200 answer gets a strong ETag (a hash of its body, unless the view set one), and Werkzeug
answers a matching `If-None-Match` with 304. Dumps also take byte ranges (`Range`
→ 206), so a large download can resume; a range that cannot be served (past the end, or not a
byte range at all: `bytes=`) is a 416 with `Content-Range: bytes */N` (RFC 9110 §15.5.17), never
the 500 Werkzeug's exception would become. Streamed answers and `Cache-Control: no-store` ones
(/healthz) are left alone. The response cache (response_cache.py) replays the same ETag.
"""

from __future__ import annotations

from flask import Response, request
from werkzeug.exceptions import RequestedRangeNotSatisfiable
from werkzeug.http import generate_etag, quote_etag

from bochum_kg.web.errors import error_response
from bochum_kg.web.http.headers import header_value

RANGE_PATHS = ("/dumps/",)
# the request headers make_conditional evaluates; without any of them it would only add Date
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE",
                       "HTTP_IF_RANGE", "HTTP_RANGE")


def add_validators(response: Response) -> Response:
    environ = request.environ
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or response.status_code != 200 or response.is_streamed:
        return response
    if "no-store" in (header_value(response.headers, "Cache-Control") or ""):
        return response
    if header_value(response.headers, "ETag") is None:
        # werkzeug's add_etag, minus its header lookups: the same strong ETag (SHA-1 of the body)
        response.headers.add("ETag", quote_etag(generate_etag(response.get_data())))
    if environ.get("PATH_INFO", "").startswith(RANGE_PATHS):
        return with_ranges(response, response.content_length)
    if not any(header in environ for header in CONDITIONAL_HEADERS):
        return response  # nothing to evaluate (and the HTTP server adds Date, as to a cached replay)
    return response.make_conditional(request)


def with_ranges(response: Response, length: int | None) -> Response:
    """If-None-Match and byte ranges answered; a range that cannot be served is the 416 below.
    For the dumps, also those streamed from a file (web/pages/views.py), which add_validators skips."""
    try:
        return response.make_conditional(request, accept_ranges=True, complete_length=length)
    except RequestedRangeNotSatisfiable:
        return range_not_satisfiable(length)


def range_not_satisfiable(length: int | None) -> Response:
    """416 in the service's error shape, telling the client the length it can ask for."""
    message = f"The range {request.headers.get('Range', '')!r} cannot be served"
    message += f" from a document of {length} bytes." if length is not None else "."
    headers = {"Accept-Ranges": "bytes"}
    if length is not None:
        headers["Content-Range"] = f"bytes */{length}"
    return error_response(416, None, message, headers)
