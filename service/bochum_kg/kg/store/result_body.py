"""Between the query thread and the response: a serialized result held in a spool or passed on live.

pyoxigraph results are "unsendable": the thread that made one must consume and drop it. So the
query thread (deadline.py's pool) evaluates, serializes (results.py) and drops the result, and
only bytes cross to the request thread, in one of two ways:

- **spooled**, when a result limit applies (the default): the headers that say a result was cut
  (X-Result-Truncated, X-Row-Cap, JSON members) must precede the body, so the capped result is
  written completely first: into memory up to SPOOL_MEMORY_BYTES, beyond that into an anonymous
  temporary file (in $TMPDIR), then sent from there piece by piece. Memory per request stays at
  SPOOL_MEMORY_BYTES whatever the limits; the disk holds at most the byte limit.
- **live**, when no limit applies (`--row-cap 0 --max-result-bytes 0`): nothing can be cut, so
  pieces go through a bounded queue (LIVE_QUEUE_PIECES of LIVE_PIECE_BYTES) as they are written
  and the response sends them as they come; when the client reads slowly the query thread waits,
  and that waiting does not count against the time limit (the evaluation is paused, not running).

Either way an answer that turns out small comes back as one body (ETag, response cache).
The bound that remains: ORDER BY, GROUP BY, DISTINCT and aggregates are evaluated in memory inside
pyoxigraph before the first row comes out; only the time limit bounds that memory.
"""

from __future__ import annotations

import logging
import queue
import tempfile
import threading
import time
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Callable, Iterator

from bochum_kg.kg.store import deadline as deadlines
from bochum_kg.kg.store.base import QueryResponse, QueryTimeout
from bochum_kg.kg.store.deadline import Deadline
from bochum_kg.kg.store.result_limits import Cancelled
from bochum_kg.kg.store.results import Limits, Written, truncation_members

log = logging.getLogger("bochum_kg.results")

SPOOL_MEMORY_BYTES = 4 * 1024 * 1024
LIVE_PIECE_BYTES = 64 * 1024
LIVE_QUEUE_PIECES = 16
LIVE_BODY_BYTES = 1024 * 1024  # a live answer that ends within this is sent as one body
READ_BYTES = 256 * 1024


@dataclass
class Produced:
    """What the query thread reports (plain values only: nothing of pyoxigraph)."""

    media_type: str
    form: str
    written: Written


# --- spooled -------------------------------------------------------------------------------------------


class Spool:
    """A sink that keeps SPOOL_MEMORY_BYTES in memory and the rest in an anonymous temporary file."""

    def __init__(self, memory_bytes: int = SPOOL_MEMORY_BYTES):
        self.memory_bytes = memory_bytes
        self.size = 0
        self._buffer = bytearray()
        self._file = None
        self._closed = False
        self._lock = threading.Lock()  # a query thread that overran may still write while the request closes

    def begin(self, media_type: str, form: str) -> None:
        pass

    def write(self, data: bytes) -> None:
        with self._lock:
            if self._closed:
                raise Cancelled()
            self.size += len(data)
            if self._file is None and len(self._buffer) + len(data) <= self.memory_bytes:
                self._buffer += data
                return
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix="bochum-kg-result-")
                self._file.write(self._buffer)
                self._buffer = bytearray()
            self._file.write(data)

    def in_memory(self) -> bytes | None:
        return bytes(self._buffer) if self._file is None else None

    def pieces(self, prefix: bytes, skip: int) -> Iterator[bytes]:
        if prefix:
            yield prefix
        self._file.seek(skip)
        while True:
            with self._lock:
                if self._closed:
                    return
                piece = self._file.read(READ_BYTES)
            if not piece:
                return
            yield piece

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._buffer = bytearray()
            if self._file is not None:
                self._file.close()


class SpoolStream:
    """A spooled answer sent piece by piece; closing it deletes the temporary file."""

    def __init__(self, spool: Spool, prefix: bytes, skip: int):
        self.spool, self.prefix, self.skip = spool, prefix, skip
        self.length = spool.size - skip + len(prefix)

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self.spool.pieces(self.prefix, self.skip)
        finally:
            self.spool.close()

    def close(self) -> None:
        self.spool.close()


def answer_spooled(produce: Callable[[Spool], Produced], run: Callable[[Callable[[], Produced]], Produced],
                   limits: Limits, started: float) -> QueryResponse:
    """Run `produce` into a spool (through `run`: on a query thread, or here) and answer from the spool."""
    spool = Spool()
    try:
        produced = run(lambda: produce(spool))
    except BaseException:
        spool.close()
        raise
    written = produced.written
    members = truncation_members(produced.media_type, written.cut_by, limits)
    skip = 1 if members else 0  # the members replace the document's opening "{"
    response = QueryResponse(body=None, media_type=produced.media_type, form=produced.form, truncated=written.truncated,
                             row_cap=limits.rows, max_result_bytes=limits.bytes, cut_by=written.cut_by,
                             rows=written.rows, elapsed=time.perf_counter() - started)
    body = spool.in_memory()
    if body is not None:
        spool.close()
        response.body = members + body[skip:] if members else body
    else:
        response.stream = SpoolStream(spool, members, skip)
    return response


# --- live ----------------------------------------------------------------------------------------------

_DONE = object()


class LiveChannel:
    """A sink on the query thread whose pieces the request thread takes from a bounded queue."""

    def __init__(self, deadline: Deadline):
        self.deadline = deadline
        self.cancelled = threading.Event()
        self.queue: queue.Queue = queue.Queue(maxsize=LIVE_QUEUE_PIECES)
        self._piece = bytearray()
        self.head: tuple[str, str] | None = None

    # the query thread

    def begin(self, media_type: str, form: str) -> None:
        self._put(("begin", media_type, form))

    def write(self, data: bytes) -> None:
        self._piece += data
        if len(self._piece) >= LIVE_PIECE_BYTES:
            self._put(bytes(self._piece))
            self._piece.clear()

    def finish(self) -> None:
        if self._piece:
            self._put(bytes(self._piece))
            self._piece.clear()

    def _put(self, item) -> None:
        """Wait while the queue is full: the client reads slowly. That time does not count against the
        deadline (nothing is evaluated meanwhile), but a client that takes nothing for as long as the
        time limit is given up on."""
        waited = 0.0
        while True:
            if self.cancelled.is_set():
                raise Cancelled()
            try:
                self.queue.put(item, timeout=0.1)
            except queue.Full:
                waited += 0.1
                if self.deadline.at is not None:
                    self.deadline.at += 0.1
                    if waited > (self.deadline.timeout or 0):
                        raise Cancelled() from None
                continue
            return

    def close_producer(self) -> None:
        """The query thread is done (or failed): wake the reader. Never raises."""
        try:
            self._put(_DONE)
        except Cancelled:
            pass

    # the request thread

    def take(self, future: deadlines.Job, description: str, report_runaway: bool):
        """The next item; QueryTimeout (after stopping the query thread) when the deadline passes first."""
        while True:
            remaining = self.deadline.remaining()
            try:
                return self.queue.get(timeout=None if remaining is None else remaining + deadlines.GRACE_SECONDS)
            except queue.Empty:
                if self.deadline.remaining():  # the query thread waited for the client meanwhile
                    continue
                self.stop(future, description, report_runaway)
                raise QueryTimeout(self.deadline.timeout) from None

    def stop(self, future: deadlines.Job, description: str, report_runaway: bool) -> None:
        """Stop the query thread: it notices at its next write; one lost in evaluation is a runaway."""
        self.cancelled.set()
        self._drain()
        try:
            future.result(timeout=deadlines.GRACE_SECONDS)
        except FutureTimeout:
            if report_runaway:
                deadlines.report_runaway(description)
        except BaseException:
            pass

    def _drain(self) -> None:
        try:
            while True:
                self.queue.get_nowait()
        except queue.Empty:
            pass


class LiveStream:
    """A live answer: the pieces taken so far, then the rest as the query thread writes it."""

    length = None

    def __init__(self, channel: LiveChannel, future: deadlines.Job, pieces: list[bytes], description: str, report_runaway: bool):
        self.channel, self.future, self.pieces = channel, future, pieces
        self.description, self.report_runaway = description, report_runaway
        self._ended = False

    def __iter__(self) -> Iterator[bytes]:
        pieces, self.pieces = self.pieces, []
        yield from pieces
        while True:
            try:
                item = self.channel.take(self.future, self.description, self.report_runaway)
                if item is _DONE:
                    self._ended = True
                    self.future.result()  # a failure after the first bytes: the response is cut off
                    return
            except BaseException as err:
                self._ended = True
                log.warning("a streamed result was cut off: %s", err)
                raise
            yield item

    def close(self) -> None:
        """The response is over (sent, or the client went away): stop the query thread if it still writes."""
        if self._ended or self.future.done():
            return
        self._ended = True
        self.channel.cancelled.set()
        self.channel._drain()
        remaining = self.channel.deadline.remaining()
        if self.report_runaway and remaining is not None:
            # still evaluating (no write to notice the cancellation at): a runaway if it outlives its deadline
            def check() -> None:
                if not self.future.done():
                    deadlines.report_runaway(self.description)

            timer = threading.Timer(remaining + deadlines.GRACE_SECONDS, check)
            timer.daemon = True
            timer.start()


def answer_live(produce: Callable[[LiveChannel], Produced], deadline: Deadline, limits: Limits, started: float,
                description: str, report_runaway: bool = True) -> QueryResponse:
    """Run `produce` on a query thread into a live channel; one body if it ends within LIVE_BODY_BYTES."""
    channel = LiveChannel(deadline)

    def job() -> Produced:
        try:
            produced = produce(channel)
            channel.finish()
            return produced
        finally:
            channel.close_producer()

    future = deadlines.start(job)
    pieces: list[bytes] = []
    size = 0
    head = None
    while True:
        item = channel.take(future, description, report_runaway)
        if item is _DONE:
            produced = future.result()  # raises what the query thread raised (syntax, 406, timeout…)
            return QueryResponse(body=b"".join(pieces), media_type=produced.media_type, form=produced.form,
                                 rows=produced.written.rows, elapsed=time.perf_counter() - started)
        if isinstance(item, tuple):
            head = item
            continue
        pieces.append(item)
        size += len(item)
        if size >= LIVE_BODY_BYTES:
            break
    _, media_type, form = head
    return QueryResponse(body=None, media_type=media_type, form=form, row_cap=limits.rows, max_result_bytes=limits.bytes,
                         elapsed=time.perf_counter() - started,
                         stream=LiveStream(channel, future, pieces, description, report_runaway))
