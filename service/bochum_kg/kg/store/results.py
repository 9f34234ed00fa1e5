"""Serialize pyoxigraph query results to the negotiated media type, in pieces, within the result limits.

Both stores end here: the embedded store with live results, the remote store with results it
parses from the endpoint's answer as they arrive. pyoxigraph's own serializers write every
format (in Rust), into a file object of ours that passes the bytes on to a sink (a spool or a
live stream, see result_body.py) and checks the deadline on every 8 KiB block:

- solutions (SELECT): with a row cap or a byte limit, `result_limits.CappedWriter` cuts the
  document after the last whole row that fits, and stops the serializer and with it the lazy
  evaluation; without limits the bytes go straight through;
- triples (CONSTRUCT / DESCRIBE): the serializer is fed from a generator that stops at the row
  cap, or once less than GRAPH_BYTE_ALLOWANCE of the byte limit is left (the serializer buffers
  8 KiB, so a graph can exceed the limit only by a triple larger than ~56 KiB); the serializer
  closes the document itself;
- ASK: one small body.

Everything here runs on the thread that made the result: pyoxigraph results are "unsendable"
(PyO3) and must be consumed and dropped there; only bytes leave.

Stopping a query: pyoxigraph 0.5.13 cannot cancel `Store.query` (no cancellation token, timeout
or interrupt among its parameters or anywhere in the module; evaluation runs in Rust without
calling back). The one place it calls into Python while it produces rows is the serializer's
`write`, so that is where a query past its deadline (or no longer wanted) is stopped, and its
thread is free again. Evaluation that writes nothing for long (sorting, grouping, a COUNT, a
filter that rejects almost everything) can only be ended by retiring the worker (deadline.py).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox

from bochum_kg.kg import formats as neg
from bochum_kg.kg.store import result_limits
from bochum_kg.kg.store.base import ASK, CONSTRUCT, SELECT, NotAcceptable
from bochum_kg.kg.store.deadline import Deadline
from bochum_kg.kg.store.result_limits import Cancelled, CappedWriter, Cut, Sink

RESULTS_FORMATS = {
    neg.SPARQL_JSON: ox.QueryResultsFormat.JSON,
    neg.SPARQL_XML: ox.QueryResultsFormat.XML,
    neg.SPARQL_CSV: ox.QueryResultsFormat.CSV,
    neg.SPARQL_TSV: ox.QueryResultsFormat.TSV,
}
ROW_FORMATS = {
    neg.SPARQL_JSON: result_limits.JSON,
    neg.SPARQL_XML: result_limits.XML,
    neg.SPARQL_CSV: result_limits.CSV,
    neg.SPARQL_TSV: result_limits.TSV,
}
RDF_FORMATS = {
    neg.TURTLE: ox.RdfFormat.TURTLE,
    neg.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    neg.JSONLD: ox.RdfFormat.JSON_LD,
    neg.RDFXML: ox.RdfFormat.RDF_XML,
}
#: What a client can get for each form, default first.
OFFERS = {
    SELECT: list(RESULTS_FORMATS),
    ASK: list(RESULTS_FORMATS),
    CONSTRUCT: list(RDF_FORMATS),
}
GRAPH_BYTE_ALLOWANCE = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """The result limits of one request: None = no such limit."""

    rows: int | None = None
    bytes: int | None = None

    @property
    def any(self) -> bool:
        return self.rows is not None or self.bytes is not None


@dataclass
class Written:
    """How a result was written: cut or not, by which limit, how many rows (None: not counted)."""

    truncated: bool = False
    cut_by: str | None = None  # "rows" | "bytes"
    rows: int | None = None


def limits_for(request, settings) -> Limits:
    """A QueryRequest's own limits, else the server's Settings; 0 or None = no such limit."""
    rows = request.row_cap if request.row_cap is not None else settings.row_cap
    size = request.max_result_bytes if request.max_result_bytes is not None else settings.max_result_bytes
    return Limits(rows=rows or None, bytes=size or None)


def form_of(result) -> str:
    if isinstance(result, ox.QuerySolutions):
        return SELECT
    if isinstance(result, ox.QueryBoolean):
        return ASK
    return CONSTRUCT  # QueryTriples, or triples parsed from a remote answer


def offers_for(form: str) -> list[str]:
    return OFFERS[CONSTRUCT if form == "DESCRIBE" else form]


def check_acceptable(form: str, media_type: str | None) -> None:
    offered = offers_for(form)
    if media_type not in offered:
        raise NotAcceptable(form, offered)


def write_result(result, form: str, media_type: str | None, sink: Sink, limits: Limits, deadline: Deadline,
                 prefixes: Mapping[str, str] | None = None, cancelled: threading.Event | None = None) -> Written:
    """Serialize `result` into `sink` within `limits`; NotAcceptable when `media_type` does not fit the form."""
    check_acceptable(form, media_type)
    if form == ASK:
        sink.write(result.serialize(format=RESULTS_FORMATS[media_type]))
        return Written()
    if form == SELECT:
        return _solutions(result, media_type, sink, limits, deadline, cancelled)
    return _triples(result, media_type, sink, limits, deadline, prefixes, cancelled)


class PassWriter:
    """A file object for pyoxigraph's serializers: bytes straight on to the sink, counted and checked."""

    def __init__(self, sink: Sink, deadline: Deadline, cancelled: threading.Event | None = None):
        self.sink, self.deadline, self.cancelled = sink, deadline, cancelled
        self.written = 0

    def write(self, block) -> int:
        if self.cancelled is not None and self.cancelled.is_set():
            raise Cancelled()
        self.deadline.check()
        self.sink.write(bytes(block))
        self.written += len(block)
        return len(block)

    def flush(self) -> None:
        pass


def _solutions(solutions, media_type: str, sink: Sink, limits: Limits, deadline: Deadline, cancelled) -> Written:
    fmt = RESULTS_FORMATS[media_type]
    if not limits.any:
        solutions.serialize(PassWriter(sink, deadline, cancelled), format=fmt)
        return Written()
    writer = CappedWriter(ROW_FORMATS[media_type], sink, limits.rows, limits.bytes, deadline, cancelled)
    try:
        solutions.serialize(writer, format=fmt)
    except Cut:
        pass
    truncated, cut_by, rows = writer.finish()
    return Written(truncated, cut_by, rows)


def _triples(triples: Iterable, media_type: str, sink: Sink, limits: Limits, deadline: Deadline,
             prefixes: Mapping[str, str] | None, cancelled) -> Written:
    fmt = RDF_FORMATS[media_type]
    use_prefixes = dict(prefixes) if prefixes and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    writer = PassWriter(sink, deadline, cancelled)
    if not limits.any:
        ox.serialize(triples, writer, format=fmt, prefixes=use_prefixes)
        return Written()
    written = Written(rows=0)
    ox.serialize(_fed(triples, limits, writer, written), writer, format=fmt, prefixes=use_prefixes)
    return written


def _fed(triples: Iterable, limits: Limits, writer: PassWriter, written: Written) -> Iterator:
    """The triples up to the row cap, and while more than GRAPH_BYTE_ALLOWANCE of the byte limit is left."""
    byte_stop = None if limits.bytes is None else limits.bytes - GRAPH_BYTE_ALLOWANCE
    for triple in triples:
        if limits.rows is not None and written.rows >= limits.rows:
            written.truncated, written.cut_by = True, "rows"
            return
        if byte_stop is not None and writer.written >= byte_stop:
            written.truncated, written.cut_by = True, "bytes"
            return
        written.rows += 1
        yield triple


def truncation_members(media_type: str, cut_by: str | None, limits: Limits) -> bytes:
    """Extension members that open a cut SPARQL JSON result (b"" for other formats).

    First in the object: clients ignore unknown members, but streaming parsers (pyoxigraph's)
    refuse anything after the bindings array. They replace the document's opening `{`.
    """
    if media_type != neg.SPARQL_JSON or cut_by is None:
        return b""
    limit = f'"rowCap":{limits.rows}' if cut_by == "rows" else f'"maxResultBytes":{limits.bytes}'
    return b'{"truncated":true,' + limit.encode() + b","
