"""Replaying whole responses to repeated GET requests, from each worker's memory.

The embedded store does not change while the service runs, so a response that its view marks
with `mark_replayable()` (a query result from /sparql or /api) is a function of the request
alone. This WSGI middleware, in front of Flask, keeps such responses (status 200, at most
`max_entry_bytes`, least recently used ones evicted beyond `max_bytes`) and answers the same
request again without Flask, the query engine or the serializer.

"The same request" is: path, query string, scheme and Host (they decide the endpoint URL and
absolute links in the body) and the Accept, Accept-Language and Accept-Encoding headers. A
response that varies on any other header, says `Cache-Control: no-store`/`private` or sets a
cookie is not kept. So an answer that follows the language cookie (`Vary: Cookie`,
i18n/language.py) is never replayed, and keying on cookies is not needed: what the cache holds
(/sparql, /api) never reads it (i18n.COOKIE_BLIND_PREFIX), so a reader's cookie neither splits nor
blocks its entries.

Compressed answers are kept compressed, keyed on the Accept-Encoding header as sent
(compression.py chooses the coding inside Flask; each browser family sends one fixed header, so
there are few variants). Compressing the kept identity body again on every replay would cost
more than the replay itself (Brotli on an 88 kB result: 1 ms; a whole replay: 0.2 ms), and
normalising the header to a coding here would repeat flask-compress's negotiation, which could
then disagree with it and hand a client a coding it cannot read.

Every kept response has a strong ETag (the app's, see conditional.py, or else a hash of its
body); a replay answers a matching `If-None-Match` with 304. Replays carry `X-Cache: hit` (a
kept response's first answer `X-Cache: miss`), a Server-Timing entry `cache;desc="hit"`
instead of the query time, and no Date of their own (the HTTP server adds the current one).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from bochum_kg.web.http.access_log import log_request

REPLAYABLE = "bochum_kg.replayable"
KEY_HEADERS = ("HTTP_ACCEPT", "HTTP_ACCEPT_LANGUAGE", "HTTP_ACCEPT_ENCODING")
_KEYED_VARY = {"accept", "accept-language", "accept-encoding"}
_DROPPED_ON_REPLAY = {"server-timing", "x-cache", "date"}  # the server dates each replay itself
# what Werkzeug leaves out of a 304 itself (werkzeug.http.remove_entity_headers)
_NOT_IN_304 = {"content-length", "content-type", "content-disposition", "content-encoding", "content-language",
               "content-range", "last-modified", "allow"}


def mark_replayable(environ: dict) -> None:
    """Called by a view: its (successful) response depends only on the request and the fixed data."""
    environ[REPLAYABLE] = True


@dataclass(frozen=True)
class Entry:
    status: str
    headers: tuple[tuple[str, str], ...]  # as first sent, without Server-Timing, X-Cache, Date, ETag
    body: bytes
    etag: str

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 200


def request_key(environ: dict) -> tuple:
    return (
        environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""),
        environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST", ""),
        *(environ.get(name, "") for name in KEY_HEADERS),
    )


class ResponseCache:
    """WSGI middleware; `stats()` reports entries, bytes, hits and misses of this process."""

    def __init__(self, app, max_bytes: int, max_entry_bytes: int | None = None):
        self.app = app
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes or 1 << 20, max_bytes)
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET":
            return self.app(environ, start_response)
        started = time.perf_counter()
        key = request_key(environ)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.hits += 1
        if entry is not None:
            return self._replay(entry, environ, start_response, started)
        return self._pass_through(key, environ, start_response)

    def holds(self, environ) -> bool:
        """Whether this GET would be replayed (admission.py lets such requests skip the query slots)."""
        if environ.get("REQUEST_METHOD") != "GET":
            return False
        return request_key(environ) in self._entries

    def stats(self) -> dict:
        with self._lock:
            return {"entries": len(self._entries), "bytes": self._bytes, "max_bytes": self.max_bytes,
                    "hits": self.hits, "misses": self.misses}

    # --- a request not kept yet ---------------------------------------------------------------------

    def _pass_through(self, key: tuple, environ, start_response):
        held: list = []
        early_writes: list[bytes] = []

        def hold_if_replayable(status, headers, exc_info=None):
            if exc_info is None and status.startswith("200 ") and environ.get(REPLAYABLE) and _keepable(headers):
                held.append((status, headers))
                return early_writes.append
            return start_response(status, headers, exc_info)

        body_iter = self.app(environ, hold_if_replayable)
        if not held:
            return body_iter
        try:
            body = b"".join([*early_writes, *body_iter])
        finally:
            close = getattr(body_iter, "close", None)
            if close is not None:
                close()
        status, headers = held[0]
        etag = next((v for k, v in headers if k.lower() == "etag"), None)  # conditional.py's, normally
        kept = [(k, v) for k, v in headers if k.lower() not in _DROPPED_ON_REPLAY and k.lower() != "etag"]
        entry = Entry(status, tuple(kept), body, etag or _etag(body))
        self._keep(key, entry)
        sent = [*headers, *([] if etag else [("ETag", entry.etag)]), ("X-Cache", "miss")]
        start_response(status, sent)
        return [body]

    def _keep(self, key: tuple, entry: Entry) -> None:
        with self._lock:
            self.misses += 1
            if entry.size > self.max_entry_bytes or key in self._entries:
                return
            self._entries[key] = entry
            self._bytes += entry.size
            while self._bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= evicted.size

    # --- a request seen before ----------------------------------------------------------------------

    def _replay(self, entry: Entry, environ, start_response, started: float):
        elapsed_ms = (time.perf_counter() - started) * 1000
        timing = ("Server-Timing", f'cache;desc="hit", total;dur={elapsed_ms:.2f}')
        if _etag_matches(environ.get("HTTP_IF_NONE_MATCH"), entry.etag):
            headers = [(k, v) for k, v in entry.headers if k.lower() not in _NOT_IN_304]
            start_response("304 Not Modified", [*headers, ("ETag", entry.etag), ("X-Cache", "hit"), timing])
            log_request(environ, 304, 0, elapsed_ms)
            return []
        start_response(entry.status, [*entry.headers, ("ETag", entry.etag), ("X-Cache", "hit"), timing])
        log_request(environ, 200, len(entry.body), elapsed_ms)
        return [entry.body]


def _keepable(headers) -> bool:
    for name, value in headers:
        lower = name.lower()
        if lower == "set-cookie":
            return False
        if lower == "cache-control" and ("no-store" in value.lower() or "private" in value.lower()):
            return False
        if lower == "vary" and any(v.strip().lower() not in _KEYED_VARY for v in value.split(",") if v.strip()):
            return False
    return True


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def _etag_matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    candidates = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in candidates or etag in candidates
