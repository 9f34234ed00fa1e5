"""What every store adapter offers: the embedded pyoxigraph store and a remote SPARQL endpoint.

Views and commands only read through this interface, so the same code answers from either.
Terms are rdflib terms (URIRef, Literal, BNode) on this side of the interface.

Two levels:

- `select` / `ask` / `construct` return Python objects (rows of rdflib terms, a bool, an rdflib
  Graph) for views that build pages from the data;
- `execute` runs any query text from a client and returns the serialized answer in the media type
  the client negotiated (one body, or a stream when it is large), with the protocol dataset
  (default-graph-uri / named-graph-uri), the time limit and the result limits applied; the
  SPARQL endpoint uses only this.

Every query is read-only, has a time limit, and never makes the server open a connection
(see `query_text.check_query`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, Mapping, Protocol, Sequence

from rdflib import BNode, Graph
from rdflib.term import Node

from bochum_kg.kg.terms import to_rdflib


class QueryTimeout(Exception):
    """The query ran longer than its time limit and was stopped."""

    def __init__(self, timeout: float | None = None):
        self.timeout = timeout
        limit = f" of {timeout:g} s" if timeout is not None else ""
        super().__init__(f"The query did not finish within its time limit{limit} and was stopped.")


class QueryRejected(Exception):
    """The query is not allowed here (update, SERVICE, LOAD, a FROM of a graph we do not hold…)."""


class QueryTooComplex(QueryRejected):
    """The query text is nested deeper or is longer (in tokens) than the engine can safely parse."""

    def __init__(self, message: str, limit: int, line: int, column: int):
        self.limit, self.line, self.column = limit, line, column
        super().__init__(message)


class QuerySyntaxError(Exception):
    """The query does not parse; message names the position (e.g. "error at 1:32: expected …")."""


class NotAcceptable(Exception):
    """No media type the client accepts can represent the result of this query form."""

    def __init__(self, form: str, offered: Sequence[str]):
        self.form = form
        self.offered = list(offered)
        super().__init__(f"{'An' if form == 'ASK' else 'A'} {form} result can be sent as {', '.join(self.offered)}; the request accepts none of them.")


class StoreUnavailable(Exception):
    """The backing store (a remote endpoint) could not be reached or answered with an error."""


@dataclass
class SelectResult:
    variables: list[str]
    rows: list[dict[str, Node]]  # unbound variables are absent from a row
    truncated: bool = False
    # Asked for a window (offset, limit): `rows` holds only those rows, `total` counts them all (up to the cap).
    total: int | None = None


def select_rows(solutions, variables: list[str], max_rows: int | None = None, window: tuple[int, int] | None = None,
                check: Callable[[], None] | None = None) -> SelectResult:
    """pyoxigraph solutions as rows of rdflib terms, at most `max_rows` of them.

    With `window` only the rows of that page become rdflib terms and the others are counted: at
    5M triples, converting a named query's 100,000 rows took longer than evaluating it. `check`
    (a deadline's) runs every 256 rows."""
    start, stop = (0, 0) if window is None else (window[0], window[0] + window[1])
    rows = []
    index = -1
    for index, solution in enumerate(solutions):
        if check is not None and index % 256 == 0:
            check()
        if max_rows is not None and index >= max_rows:
            return SelectResult(variables, rows, truncated=True, total=index if window else None)
        if window is None or start <= index < stop:
            row = {}
            for name in variables:
                value = solution[name]
                if value is not None:
                    row[name] = to_rdflib(value)
            rows.append(row)
    return SelectResult(variables, rows, total=index + 1 if window else None)


def capped_graph(triples, max_rows: int | None = None, check: Callable[[], None] | None = None) -> Graph:
    """pyoxigraph triples as an rdflib Graph of at most `max_rows` of them (None: all).

    The graph's `truncated` attribute says whether more were there; `check` (a deadline's) runs
    every 256 triples, so a long construction still ends at the query's time limit.
    """
    graph = Graph()
    graph.truncated = False
    for index, triple in enumerate(triples):
        if check is not None and index % 256 == 0:
            check()
        if max_rows is not None and index >= max_rows:
            graph.truncated = True
            break
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    return graph


#: Query forms as `execute` reports them.
SELECT, ASK, CONSTRUCT, DESCRIBE = "SELECT", "ASK", "CONSTRUCT", "DESCRIBE"
RESULT_FORMS = (SELECT, ASK)
GRAPH_FORMS = (CONSTRUCT, DESCRIBE)


@dataclass
class QueryRequest:
    """One query as the SPARQL protocol delivers it.

    `choose_media_type(form)` is called once the query form is known and returns the media type to
    serialize to, or None when the client accepts nothing we can offer for that form.
    """

    query: str
    choose_media_type: Callable[[str], str | None]
    default_graphs: list[str] | None = None  # protocol default-graph-uri (None = not given)
    named_graphs: list[str] | None = None  # protocol named-graph-uri (None = not given)
    timeout: float | None = None  # seconds; None = the store's configured limit
    row_cap: int | None = None  # None = the store's configured cap (which may be None)
    max_result_bytes: int | None = None  # None = the store's configured limit (which may be None)
    prefixes: Mapping[str, str] = field(default_factory=dict)  # for Turtle / RDF/XML output, besides the query's own
    base_iri: str | None = None  # relative IRIs in the query resolve against it (the endpoint URL)


class BodyStream(Protocol):
    """A result too large to hold in memory, sent piece by piece; `close()` releases what it holds."""

    length: int | None  # bytes in all, when known before the first piece (a spooled result)

    def __iter__(self) -> Iterator[bytes]: ...

    def close(self) -> None: ...


@dataclass
class QueryResponse:
    body: bytes | None  # the whole answer, or None when it comes as `stream`
    media_type: str
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    truncated: bool = False  # a limit cut the result
    row_cap: int | None = None  # the row cap in force
    max_result_bytes: int | None = None  # the byte limit in force
    cut_by: str | None = None  # "rows" | "bytes": which limit cut it (when truncated)
    rows: int | None = None  # solutions or triples written (None for ASK, or not counted)
    elapsed: float = 0.0  # seconds spent evaluating and serializing (until the answer could be sent)
    stream: BodyStream | None = None  # the answer in pieces, when `body` is None


@dataclass
class DatasetStatistics:
    """Triple counts for the service description and VoID."""

    graphs: dict[str, int]  # named graph IRI -> triples
    default_graph: int  # distinct triples of the union default graph


class Store(Protocol):
    """Read-only access to the dataset: the default graph is the union of all named graphs."""

    # max_rows: keep at most this many rows (triples for construct); SelectResult.truncated / the
    # graph's `truncated` attribute say whether more were there. None: no cap (internal views).
    # window: (offset, limit) of the rows to keep as terms; the others are only counted (SelectResult.total).
    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None,
               max_rows: int | None = None, window: tuple[int, int] | None = None) -> SelectResult: ...

    # The same dataset for the service's own queries at start (kg/graph.py): no query time limit
    # where the store can lift it (embedded), else the store itself.
    def without_time_limit(self) -> "Store": ...

    # The rows as tuples of lexical forms (IRI, literal value, blank node id; None where unbound),
    # in projection order, without rdflib terms: the big reads at start (search texts, labels).
    def select_plain(self, sparql: str, bindings: Mapping[str, Node] | None = None,
                     timeout: float | None = None) -> list[tuple[str | None, ...]]: ...

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None) -> bool: ...

    def construct(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None,
                  max_rows: int | None = None) -> Graph: ...

    def graph_names(self) -> list[str]: ...

    def execute(self, request: QueryRequest) -> QueryResponse: ...

    def statistics(self) -> DatasetStatistics: ...

    #: "embedded" or "remote"
    kind: str


def bound_query_text(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """The query with `bindings` pre-bound, the same way on every store (blank nodes: see EmbeddedStore._run).

    The terms go into a VALUES block at the start of the outermost WHERE group
    (kg/binding.py): pyoxigraph's own substitution accepts only projected
    variables, and a trailing VALUES clause would be joined only after the WHERE clause ran.
    """
    if not bindings:
        return sparql
    for name, term in bindings.items():
        if isinstance(term, BNode):
            raise QueryRejected(f"?{name} cannot be bound to a blank node")
    from bochum_kg.kg.binding import inline_bindings

    return inline_bindings(sparql, bindings)
