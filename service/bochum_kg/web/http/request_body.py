"""Request bodies read with a deadline: a client that announces more bytes than it sends gets a
408 within `timeout` seconds instead of holding a worker thread for as long as it likes.

The body is read into memory (bodies are at most `max_bytes`, 1 MB by default: queries and
forms) by a helper thread while the request thread waits up to the deadline; the app then reads
it from memory. Reads from granian's `wsgi.input` cannot be interrupted (they wait in Rust), so
on a timeout the helper stays blocked until the client sends the rest or goes away.

granian 2.8.7 stalls the whole worker (every connection) if a request finishes while another
thread is still blocked reading its body (measured: every other request timed out until the slow
client closed its connection). So the 408 is sent as a response whose iteration does not end
before the helper does: status, headers (`Connection: close`) and body go out at once, and the
request thread is released only when the client closes the connection or completes the body,
which every well-behaved client does on a 408 with `Connection: close`.
tests/web/http/test_serving_connections.py guards this against a granian upgrade.
"""

from __future__ import annotations

import io
import json
import threading
from typing import Callable

from bochum_kg.web.errors import error_body
from bochum_kg.web.http.cors import EXPOSED_HEADERS

_CHUNK = 64 * 1024

WSGIApp = Callable


def has_body(environ: dict) -> bool:
    length = environ.get("CONTENT_LENGTH") or ""
    return (length not in ("", "0")) or "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()


def buffer_body(environ: dict, timeout: float, max_bytes: int, on_done: Callable[[], None] = lambda: None) -> WSGIApp | None:
    """Read the body into `environ` within `timeout` seconds; None when done (or nothing to read), else the app
    that answers 408 (or 400 for a body that ended early). `on_done` is called once, when no thread waits
    for this body any more (for a 408: when its client has sent the rest or left)."""
    length_header = environ.get("CONTENT_LENGTH") or ""
    expected = int(length_header) if length_header.isascii() and length_header.isdecimal() else None  # None: chunked
    if timeout <= 0 or not has_body(environ) or (expected is not None and expected > max_bytes):
        on_done()
        return None  # nothing to read, or Flask answers 413 without reading it
    outcome: dict = {}
    source = environ["wsgi.input"]

    def read() -> None:
        try:
            outcome["data"] = _read(source, expected, max_bytes)
        except Exception as err:  # the client went away mid-body
            outcome["error"] = err
        finally:
            on_done()

    reader = threading.Thread(target=read, name="request-body", daemon=True)
    reader.start()
    reader.join(timeout)
    if reader.is_alive():
        return _lingering_error(408, f"The request body did not arrive within {timeout:g} s.", reader)
    data = outcome.get("data")
    if data is None or (expected is not None and len(data) != expected):
        return _error_app(400, "The request body ended before its announced length.")
    if expected is None and len(data) > max_bytes:
        return _error_app(413, f"The request body is larger than the limit of {max_bytes} bytes.")
    environ["wsgi.input"] = io.BytesIO(data)
    environ["CONTENT_LENGTH"] = str(len(data))
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    environ["wsgi.input_terminated"] = True
    return None


def _read(source, expected: int | None, max_bytes: int) -> bytes:
    if expected is not None:
        return source.read(expected) if expected else b""
    parts, size = [], 0
    while size <= max_bytes:
        chunk = source.read(_CHUNK)
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def _response(status: int, message: str) -> tuple[str, list, bytes]:
    from werkzeug.http import HTTP_STATUS_CODES

    body = json.dumps(error_body(status, None, message)).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body))), ("Connection", "close"),
               ("Cache-Control", "no-store"), ("Access-Control-Allow-Origin", "*"),
               ("Access-Control-Expose-Headers", EXPOSED_HEADERS)]
    return f"{status} {HTTP_STATUS_CODES[status]}", headers, body


def _error_app(status: int, message: str) -> WSGIApp:
    def app(environ, start_response):
        status_line, headers, body = _response(status, message)
        start_response(status_line, headers)
        return [body]
    return app


class _Lingering:
    """The 408's body: sent at once, but the iteration ends only when the blocked reader does (see above)."""

    def __init__(self, body: bytes, reader: threading.Thread):
        self.body, self.reader = body, reader

    def __iter__(self):
        yield self.body
        self.reader.join()


def _lingering_error(status: int, message: str, reader: threading.Thread) -> WSGIApp:
    def app(environ, start_response):
        status_line, headers, body = _response(status, message)
        start_response(status_line, headers)
        return _Lingering(body, reader)
    return app
