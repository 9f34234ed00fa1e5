"""Which requests a worker takes on, and when: WSGI middleware between the HTTP server and the app.

In the order a request meets them:
1. Exempt: /healthz, /readyz, /metrics, /static/ and answers the response cache will replay pass
   straight through (cheap, and health checks must never wait behind queries).
2. Client limits (skipped for trusted networks): an address that used up its overrun budget
   (overrun_budget.py) gets 429 for heavy requests; one that already has `client_concurrency`
   requests in this worker gets 429. Both with Retry-After.
3. The request body is read within `body_timeout` seconds, else 408 (request_body.py), before a
   query slot is taken, so a slow upload never holds one; at most `uploads` bodies are awaited at
   once (the 408s whose client has not left included), a further one gets 503 at once. Bodies up
   to `max_body_bytes`, or the route's own limit in `body_limits` (URL rule -> bytes: the upload
   routes, uploads.py); a body announced larger is left unread for Flask to answer 413.
4. Query slots: at most `query_slots` requests are evaluated at once; up to `queue` more wait,
   each at most `queue_wait` seconds; beyond that, or after that wait, 503 with Retry-After.
5. After the answer: an answer 503 from the app itself is a query past its time limit and counts
   against the client's overrun budget; the worker's memory is checked against its ceiling.

All counts are per worker process (each has its own threads); the overrun budget alone is shared.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict

from bochum_kg.web.errors import error_body
from bochum_kg.web.http import metrics, request_body
from bochum_kg.web.http.cors import EXPOSED_HEADERS
from bochum_kg.web.http.limits import ServingLimits
from bochum_kg.web.http.overrun_budget import OverrunBudget
from bochum_kg.web.http.worker_memory import MemoryCeiling

EXEMPT_PREFIXES = ("/healthz", "/readyz", "/metrics", "/static/")


class Admission:
    def __init__(self, app, limits: ServingLimits, budget: OverrunBudget | None = None, replayable=None,
                 body_limits: dict[str, int] | None = None):
        self.app = app
        self.limits = limits
        self.body_limits = dict(body_limits or {})  # URL rule (metrics.ROUTE, set by RequestMetrics) -> bytes
        self.budget = budget
        self.replayable = replayable  # environ -> bool: the response cache has this answer
        self.memory = MemoryCeiling(limits.max_worker_memory_mb)
        self._slots = threading.Condition(threading.Lock())
        self.running = 0
        self.waiting = 0
        self.uploading = 0
        self._uploads_lock = threading.Lock()
        self._clients: dict[str, int] = defaultdict(int)
        self._clients_lock = threading.Lock()

    # --- state for /readyz and tests -----------------------------------------------------------------

    def saturated(self) -> bool:
        """The next heavy request would be refused: every slot taken and the queue full."""
        return self.running >= self.limits.query_slots and self.waiting >= self.limits.queue

    def snapshot(self) -> dict:
        return {"in_flight": self.running, "queued": self.waiting, "query_slots": self.limits.query_slots,
                "queue": self.limits.queue}

    # --- the request ---------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        # One function on purpose: the order of the checks (exempt paths, client slots, overrun
        # budget, queue) and the release in `finally` must be read together to be trusted.
        if environ.get("PATH_INFO", "").startswith(EXEMPT_PREFIXES) or (self.replayable and self.replayable(environ)):
            return self.app(environ, start_response)
        address = environ.get("REMOTE_ADDR") or "-"
        limited = not self.limits.trusts(address)
        if limited and self.budget is not None:
            wait = self.budget.refused_for(address)
            if wait:
                return _refuse(start_response, 429, "overrun_budget", wait,
                               f"This address ran {self.budget.limit} queries past their time limit within "
                               f"{self.budget.window:g} s; heavy requests are refused for {wait} s.")
        counted = limited and self.limits.client_concurrency > 0
        if counted and not self._client_enter(address):
            return _refuse(start_response, 429, "client_concurrency", 1,
                           f"This address already has {self.limits.client_concurrency} requests in progress "
                           "here; send the next when one is answered.")
        try:
            max_bytes = self.body_limits.get(environ.get(metrics.ROUTE), self.limits.max_body_bytes)
            awaited = self.limits.body_timeout > 0 and request_body.has_body(environ)
            if awaited and not self._upload_enter():
                if counted:
                    self._client_leave(address)
                return _refuse(start_response, 503, "uploads_full", self.limits.retry_after_queue,
                               "The server is waiting for too many request bodies; try again shortly.")
            body_refusal = request_body.buffer_body(environ, self.limits.body_timeout, max_bytes,
                                                    on_done=self._upload_leave if awaited else _nothing)
            if body_refusal is not None:
                metrics.refused(408, "body_timeout")
                result = body_refusal(environ, start_response)
                return _Closing(result, on_answered=lambda: counted and self._client_leave(address))
            refusal = self._slot_enter()
            if refusal is not None:
                if counted:
                    self._client_leave(address)
                return _refuse(start_response, 503, refusal, self.limits.retry_after_queue,
                               "The server is busy answering other queries; try again shortly.")
        except BaseException:
            if counted:
                self._client_leave(address)
            raise
        started = time.perf_counter()
        budget = self.budget if limited else None

        def watch(status, headers, exc_info=None):
            # The app's only 503 is a query past its time limit. Counted now, not when the answer
            # is closed: a runaway query's worker starts leaving as soon as its answer is sent.
            if budget is not None and status.startswith("503"):
                budget.record(address)
            return start_response(status, headers, exc_info)

        def answered() -> None:
            self._slot_leave(environ, started)
            if counted:
                self._client_leave(address)

        try:
            result = self.app(environ, watch)
        except BaseException:
            answered()
            self.memory.check()
            raise
        return _Closing(result, on_answered=answered, on_close=self.memory.check)

    # --- query slots ---------------------------------------------------------------------------------

    def _slot_enter(self) -> str | None:
        """None once a slot is taken; else why not ('queue_full', 'queue_timeout')."""
        limits = self.limits
        with self._slots:
            if self.running < limits.query_slots:
                self.running += 1
                metrics.get().in_flight.inc()
                return None
            if self.waiting >= limits.queue:
                return "queue_full"
            self.waiting += 1
            queue_gauge = metrics.get().queued
            queue_gauge.inc()
            try:
                deadline = time.monotonic() + limits.queue_wait
                while self.running >= limits.query_slots:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return "queue_timeout"
                    self._slots.wait(remaining)
                self.running += 1
                metrics.get().in_flight.inc()
                return None
            finally:
                self.waiting -= 1
                queue_gauge.dec()

    def _slot_leave(self, environ, started: float) -> None:
        with self._slots:
            self.running -= 1
            self._slots.notify()
        measured = metrics.get()
        measured.in_flight.dec()
        measured.observe_query(environ.get(metrics.ROUTE, "unknown"), time.perf_counter() - started)

    # --- uploads -----------------------------------------------------------------------------------

    def _upload_enter(self) -> bool:
        with self._uploads_lock:
            if self.uploading >= self.limits.uploads:
                return False
            self.uploading += 1
            return True

    def _upload_leave(self) -> None:
        with self._uploads_lock:
            self.uploading -= 1

    # --- per-client counts ---------------------------------------------------------------------------

    def _client_enter(self, address: str) -> bool:
        with self._clients_lock:
            if self._clients[address] >= self.limits.client_concurrency:
                return False
            self._clients[address] += 1
            return True

    def _client_leave(self, address: str) -> None:
        with self._clients_lock:
            self._clients[address] -= 1
            if self._clients[address] <= 0:
                del self._clients[address]


class _Closing:
    """The app's answer with two hooks, each run once.

    `on_answered` runs when the answer's last chunk is handed to the server, before the server
    writes it: a client that has its whole answer and sends the next request finds its slot and
    its count released (run at close() it raced the client: 429 for a polite client now and then).
    An answer not read to the end runs it at close(). `on_close` runs at close(), after the answer
    was sent (the memory check, which may retire the worker)."""

    def __init__(self, result, on_answered, on_close=None):
        self.result = result
        self.on_answered = on_answered
        self.on_close = on_close
        self._answered = self._closed = False

    def __iter__(self):
        chunks = iter(self.result)
        for current in chunks:
            for following in chunks:  # one chunk ahead: the last one is known before it is handed over
                yield current
                current = following
            self._answer_done()
            yield current
        self._answer_done()

    def _answer_done(self) -> None:
        if not self._answered:
            self._answered = True
            self.on_answered()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            close = getattr(self.result, "close", None)
            if close is not None:
                close()
        finally:
            try:
                self._answer_done()
            finally:
                if self.on_close is not None:
                    self.on_close()


def _nothing() -> None:
    pass


def _refuse(start_response, status: int, reason: str, retry_after: int, message: str):
    from werkzeug.http import HTTP_STATUS_CODES

    metrics.refused(status, reason)
    body = json.dumps(error_body(status, None, message, reason=reason)).encode()
    start_response(f"{status} {HTTP_STATUS_CODES[status]}", [
        ("Content-Type", "application/json"), ("Content-Length", str(len(body))), ("Retry-After", str(retry_after)),
        ("Cache-Control", "no-store"), ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Expose-Headers", EXPOSED_HEADERS)])
    return [body]
