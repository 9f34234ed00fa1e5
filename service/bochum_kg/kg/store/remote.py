"""A remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever…) as the store.

The endpoint must hold the dataset as `bochum-kg publish` writes it (one named graph per file)
and must use the union of its named graphs as the default graph, as the embedded store does:
`oxigraph serve --union-default-graph`, Fuseki `tdb2:unionDefaultGraph true`, GraphDB and
Virtuoso by their own settings (Virtuoso's default graph is the union of all graphs already).

Queries go out through SPARQLWrapper as POSTed `application/sparql-query` (never as an update,
whatever the text looks like) with the same checks as the embedded store first (no SERVICE,
no FROM of a graph we do not hold). Answers are read in a machine format (SPARQL JSON,
N-Triples), parsed with pyoxigraph as they arrive and written in the format the client
negotiated, so the result limits and the formats behave exactly as on the embedded store. With a
limit the answer is spooled on the request thread (the socket timeout bounds every read, the
deadline every written block); without one it is streamed live from a query thread.
"""

from __future__ import annotations

import socket
import time
import urllib.error
from contextlib import contextmanager
from typing import Mapping

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node
from SPARQLWrapper import POST, POSTDIRECTLY, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from bochum_kg.config import Settings
from bochum_kg.kg.catalog import internal_query_text
from bochum_kg.kg.store.base import (
    CONSTRUCT,
    DESCRIBE,
    SELECT,
    DatasetStatistics,
    QueryRejected,
    QueryRequest,
    QueryResponse,
    QuerySyntaxError,
    QueryTimeout,
    SelectResult,
    StoreUnavailable,
    bound_query_text,
    select_rows,
    capped_graph,
)
from bochum_kg.kg.store.deadline import Deadline, effective_timeout
from bochum_kg.kg.sparql_text import analyse, check_graphs, check_query, check_size
from bochum_kg.kg.store.result_body import Produced, answer_live, answer_spooled
from bochum_kg.kg.store.results import check_acceptable, form_of, limits_for, write_result

RESULTS_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"


class RemoteStore:
    kind = "remote"

    def __init__(self, url: str, settings: Settings):
        self.url = url
        self.settings = settings
        self._graphs: list[str] | None = None
        self._statistics: DatasetStatistics | None = None
        self.graph_names()  # fail at start, not at the first request, when the endpoint is unreachable

    # --- talking to the endpoint --------------------------------------------------------------------

    def _fetch(self, query: str, form: str, default_graphs=None, named_graphs=None, timeout: float | None = None,
               stream: bool = False):
        """The endpoint's answer to `query`, parsed by pyoxigraph (solutions, boolean or quads).

        With `stream`, pyoxigraph parses from the open connection as the result is consumed
        (on the calling thread; read errors surface then, see `_reading_errors`).
        """
        client = SPARQLWrapper(self.url)
        client.setQuery(query)
        client.queryType = form  # never let the client library guess "update" from the text
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
        client.setOnlyConneg(True)
        accept = NTRIPLES if form in (CONSTRUCT, DESCRIBE) else RESULTS_JSON
        client.addCustomHttpHeader("Accept", accept)
        for graph in default_graphs or ():
            client.addDefaultGraph(graph)
        for graph in named_graphs or ():
            client.addNamedGraph(graph)
        if timeout:
            client.timeout = timeout
        try:
            raw = client.query().response
            body = raw if stream else raw.read()
            content_type = (raw.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        except QueryBadFormed as err:
            raise QuerySyntaxError(_remote_message(err)) from None
        except SPARQLWrapperException as err:
            raise StoreUnavailable(f"the SPARQL endpoint {self.url} answered with an error: {_remote_message(err)}") from None
        except (socket.timeout, TimeoutError):
            raise QueryTimeout(timeout) from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, (socket.timeout, TimeoutError)):
                raise QueryTimeout(timeout) from None
            raise StoreUnavailable(f"the SPARQL endpoint {self.url} cannot be reached: {err.reason}") from None
        except OSError as err:
            raise StoreUnavailable(f"the SPARQL endpoint {self.url} cannot be reached: {err}") from None
        if form in (CONSTRUCT, DESCRIBE):
            fmt = ox.RdfFormat.from_media_type(content_type) or ox.RdfFormat.N_TRIPLES
            return ox.parse(body, format=fmt)
        fmt = ox.QueryResultsFormat.from_media_type(content_type) or ox.QueryResultsFormat.JSON
        return ox.parse_query_results(body, format=fmt)

    def _prepare(self, sparql: str, base_iri: str | None = None):
        info = analyse(sparql, base_iri)
        if info.form is None:
            raise QuerySyntaxError("The text is not a SELECT, ASK, CONSTRUCT or DESCRIBE query.")
        check_query(info, set(self.graph_names()), self.settings.allowed_service_endpoints)
        return info

    def _dataset(self, info, default_graphs: list[str] | None, named_graphs: list[str] | None):
        """The protocol dataset to send: protocol parameters, else the query's FROM / FROM NAMED.

        FROM clauses travel as protocol parameters too, because a store whose default graph is
        the union (oxigraph serve --union-default-graph) ignores FROM in the query text. Per the
        protocol, a dataset with named graphs only has an empty default graph; a store given no
        default-graph-uri would use its own default (the union), so an empty graph is named.
        """
        if default_graphs is not None or named_graphs is not None:
            known = set(self.graph_names())
            check_graphs(list(default_graphs or []) + list(named_graphs or []), known, "The protocol dataset")
        elif info.has_dataset_clause:
            default_graphs, named_graphs = list(info.from_graphs), list(info.from_named_graphs)
        else:
            return None, None
        return (list(default_graphs) if default_graphs else [_EMPTY_GRAPH]), list(named_graphs or [])

    def _timeout(self, timeout: float | None) -> float | None:
        return effective_timeout(timeout, self.settings.query_timeout)

    # --- Python-object results for views ----------------------------------------------------------

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None,
               max_rows: int | None = None, window: tuple[int, int] | None = None) -> SelectResult:
        sparql = bound_query_text(sparql, bindings)
        info = self._prepare(sparql)
        solutions = self._fetch(sparql, info.form, *self._dataset(info, None, None), timeout=self._timeout(timeout))
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryRejected("select() needs a SELECT query")
        return select_rows(solutions, [v.value for v in solutions.variables], max_rows, window)

    def without_time_limit(self) -> "RemoteStore":
        """The same store: a remote endpoint keeps its limit, which bounds the wait for the network."""
        return self

    def select_plain(self, sparql: str, bindings: Mapping[str, Node] | None = None,
                     timeout: float | None = None) -> list[tuple[str | None, ...]]:
        result = self.select(sparql, bindings, timeout)
        return [tuple(None if row.get(v) is None else str(row[v]) for v in result.variables) for row in result.rows]

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None) -> bool:
        sparql = bound_query_text(sparql, bindings)
        info = self._prepare(sparql)
        result = self._fetch(sparql, info.form, *self._dataset(info, None, None), timeout=self._timeout(timeout))
        if not isinstance(result, ox.QueryBoolean):
            raise QueryRejected("ask() needs an ASK query")
        return bool(result)

    def construct(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None,
                  max_rows: int | None = None) -> Graph:
        sparql = bound_query_text(sparql, bindings)
        info = self._prepare(sparql)
        if info.form not in (CONSTRUCT, DESCRIBE):
            raise QueryRejected("construct() needs a CONSTRUCT or DESCRIBE query")
        triples = self._fetch(sparql, info.form, *self._dataset(info, None, None), timeout=self._timeout(timeout))
        return capped_graph(triples, max_rows)

    # --- the SPARQL protocol ----------------------------------------------------------------------

    def execute(self, request: QueryRequest) -> QueryResponse:
        started = time.perf_counter()
        info = self._prepare(request.query, request.base_iri)
        query = f"BASE <{request.base_iri}>\n{request.query}" if request.base_iri else request.query
        check_size(query)
        limit = self._timeout(request.timeout)
        limits = limits_for(request, self.settings)
        deadline = Deadline(limit)
        default_graphs, named_graphs = self._dataset(info, request.default_graphs, request.named_graphs)
        prefixes = {**request.prefixes, **info.prefixes}

        def produce(sink) -> Produced:
            result = self._fetch(query, info.form, default_graphs, named_graphs, limit, stream=True)
            form = form_of(result) if info.form != DESCRIBE else DESCRIBE
            media_type = request.choose_media_type(form)
            check_acceptable(form, media_type)
            sink.begin(media_type, form)
            with _reading_errors(self.url, limit):
                written = write_result(result, form, media_type, sink, limits, deadline, prefixes, getattr(sink, "cancelled", None))
            return Produced(media_type, form, written)

        if limits.any:
            return answer_spooled(produce, lambda job: job(), limits, started)
        # a query thread waiting on the socket is no runaway: the socket timeout ends it
        return answer_live(produce, deadline, limits, started, "remote SPARQL query", report_runaway=False)

    # --- about the dataset ------------------------------------------------------------------------

    def graph_names(self) -> list[str]:
        if self._graphs is None:
            solutions = self._fetch(internal_query_text("graph-names"), SELECT,
                                    timeout=self.settings.query_timeout)
            self._graphs = [s["g"].value for s in solutions if isinstance(s["g"], ox.NamedNode)]
        return self._graphs

    def statistics(self) -> DatasetStatistics:
        if self._statistics is None:
            graphs = {g: 0 for g in self.graph_names()}
            for s in self._fetch(internal_query_text("graph-sizes"), SELECT,
                                 timeout=self.settings.query_timeout):
                graphs[s["g"].value] = int(s["n"].value)
            union = self._fetch(internal_query_text("union-size"),
                                SELECT, timeout=self.settings.query_timeout)
            self._statistics = DatasetStatistics(graphs=graphs, default_graph=int(next(iter(union))["n"].value))
        return self._statistics


@contextmanager
def _reading_errors(url: str, timeout: float | None):
    """Errors while reading a streamed answer, as the store reports them."""
    try:
        yield
    except (socket.timeout, TimeoutError):
        raise QueryTimeout(timeout) from None
    except SyntaxError as err:
        raise StoreUnavailable(f"the answer of the SPARQL endpoint {url} cannot be read: {err}") from None
    except OSError as err:
        raise StoreUnavailable(f"the SPARQL endpoint {url} broke off its answer: {err}") from None


#: A graph name no store holds: the protocol's "empty default graph" (named-graph-uri only).
_EMPTY_GRAPH = "urn:x-bochum-kg:empty-default-graph"


def _remote_message(err: Exception) -> str:
    text = str(err)
    marker = "Response:\n"
    if marker in text:
        text = text.split(marker, 1)[1]
    text = text.strip()
    if text.startswith("b'") or text.startswith('b"'):
        text = text[2:-1].encode().decode("unicode_escape", errors="replace")
    return text[:2000]
