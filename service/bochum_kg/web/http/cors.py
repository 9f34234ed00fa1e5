"""CORS for read-only endpoints: any origin may read, no credentials, preflight answered.

`with_cors(environ, status, headers)` gives the status and headers of an answer with the CORS
headers added. It works on the WSGI status line and header list (web/http/finishing.py calls it
for every answer of the app), so no view and no after_request function sets these headers: one
place decides them, and none can overwrite another's (a view's own Expose-Headers once hid
X-Total-Count from browsers).
"""

from __future__ import annotations

ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
EXPOSED_HEADERS = "Content-Type, Content-Location, ETag, Link, Location, Retry-After, Server-Timing, Warning, X-Cache, X-Max-Result-Bytes, X-Result-Truncated, X-Row-Cap, X-Row-Cap-Reached, X-Timeout-Raised, X-Total-Count"
DEFAULT_ALLOWED_HEADERS = "Accept, Accept-Language, Content-Type, Cache-Control"
MAX_AGE = "86400"

ANSWER_HEADERS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", EXPOSED_HEADERS),
    ("Timing-Allow-Origin", "*"),  # let browser tools read Server-Timing
)
_NAMES = frozenset(name.lower() for name, _ in ANSWER_HEADERS) | {
    "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age"}


def with_cors(environ: dict, status: str, headers: list[tuple[str, str]]) -> tuple[str, list[tuple[str, str]]]:
    """`status` and `headers` with the CORS headers (replacing any of the same name); a preflight
    (OPTIONS with Access-Control-Request-Method) is also told the methods, headers and max age,
    and its empty 200 becomes a 204."""
    if any(name.lower() in _NAMES for name, _ in headers):
        headers = [(name, value) for name, value in headers if name.lower() not in _NAMES]
    headers = [*headers, *ANSWER_HEADERS]
    if environ.get("REQUEST_METHOD") == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in environ:
        # echo what the client wants to send: nothing here depends on credentials
        headers += [("Access-Control-Allow-Methods", ALLOWED_METHODS),
                    ("Access-Control-Allow-Headers", environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS") or DEFAULT_ALLOWED_HEADERS),
                    ("Access-Control-Max-Age", MAX_AGE)]
        if status.startswith("200") and _empty(headers):
            status = "204 No Content"
            headers = [(name, value) for name, value in headers if name.lower() != "content-length"]
    return status, headers


def _empty(headers: list[tuple[str, str]]) -> bool:
    return any(name.lower() == "content-length" and value.strip() == "0" for name, value in headers)
