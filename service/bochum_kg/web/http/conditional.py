"""Validators and conditional GET for every complete answer to a GET or HEAD.

Each 200 answer gets a strong ETag (a hash of its body, unless the view set one), and Werkzeug
answers a matching `If-None-Match` with 304. Dumps also take byte ranges (`Range`
→ 206), so a large download can resume. Streamed answers and `Cache-Control: no-store` ones
(/healthz) are left alone. The response cache (response_cache.py) replays the same ETag.
"""

from __future__ import annotations

from flask import Response, request

RANGE_PATHS = ("/dumps/",)


def add_validators(response: Response) -> Response:
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.is_streamed:
        return response
    if "no-store" in (response.headers.get("Cache-Control") or ""):
        return response
    if "ETag" not in response.headers:
        response.add_etag()
    if request.path.startswith(RANGE_PATHS):
        return response.make_conditional(request, accept_ranges=True, complete_length=response.content_length)
    return response.make_conditional(request)
