"""Row cap (signalled, never silent), request size, safety refusals, CORS, and the one error shape."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from rdflib import Graph

from bochum_kg.kg.store.base import QueryTimeout, StoreUnavailable
from bochum_kg.web.app import create_app
from sparql_fixtures import ALPHA, EX, assert_error_shape, three_graphs_settings, make_client

ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def capped():
    return make_client(row_cap=3)


def test_row_cap_is_signalled_in_headers_and_json(capped):
    response = capped.get("/sparql?" + urlencode({"query": ALL_TRIPLES}))
    assert response.status_code == 200
    assert response.headers["X-Result-Truncated"] == "true"
    assert response.headers["X-Row-Cap"] == "3"
    assert response.headers["Warning"].startswith("199 ")
    assert 'rel="describedby"' in response.headers["Link"]
    body = response.get_json()
    assert body["truncated"] is True and body["rowCap"] == 3
    assert list(body) == ["truncated", "rowCap", "head", "results"]  # before the bindings: streaming parsers stop there
    assert len(list(ox.parse_query_results(response.data, format=ox.QueryResultsFormat.JSON))) == 3
    assert len(body["results"]["bindings"]) == 3
    assert body["head"]["vars"] == ["s", "p", "o"]


@pytest.mark.parametrize("fmt", [ox.QueryResultsFormat.XML, ox.QueryResultsFormat.TSV])
def test_row_cap_in_other_result_formats(capped, fmt):
    response = capped.get("/sparql?" + urlencode({"query": ALL_TRIPLES}), headers={"Accept": fmt.media_type})
    assert response.headers["X-Result-Truncated"] == "true"
    parsed = ox.parse_query_results(response.data, format=fmt)
    assert [v.value for v in parsed.variables] == ["s", "p", "o"]
    assert len(list(parsed)) == 3


def test_row_cap_in_csv(capped):
    response = capped.get("/sparql?" + urlencode({"query": ALL_TRIPLES, "format": "csv"}))
    assert response.headers["X-Result-Truncated"] == "true"
    assert len(list(csv.reader(io.StringIO(response.get_data(as_text=True))))) == 1 + 3


def test_row_cap_on_graphs(capped):
    response = capped.get("/sparql?" + urlencode({"query": "CONSTRUCT WHERE { ?s ?p ?o }"}))
    assert response.headers["X-Result-Truncated"] == "true"
    assert len(Graph().parse(data=response.data, format="turtle")) == 3


def test_result_within_the_cap_is_not_marked(capped):
    response = capped.get("/sparql?" + urlencode({"query": f"SELECT ?o WHERE {{ <{EX}alpha-doc> <{EX}n> ?o }}"}))
    assert "X-Result-Truncated" not in response.headers
    assert "truncated" not in response.get_json()
    exactly = capped.get("/sparql?" + urlencode({"query": "SELECT ?s WHERE { VALUES ?s { 1 2 3 } }"}))
    assert "X-Result-Truncated" not in exactly.headers
    assert len(exactly.get_json()["results"]["bindings"]) == 3


def test_request_body_over_the_limit_is_413():
    client = make_client(max_request_bytes=1000)
    query = "ASK { ?s ?p ?o }" + " " * 2000
    response = client.post("/sparql", data=query, content_type="application/sparql-query")
    body = assert_error_shape(response, 413)
    assert "1000 bytes" in body["message"]


@pytest.mark.parametrize(
    "query, fragment",
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE <http://127.0.0.1:9/sparql> is not allowed"),
        ("SELECT * WHERE { SERVICE ?x { ?s ?p ?o } }", "SERVICE with a variable"),
        ("SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }", "does not hold: <http://127.0.0.1:9/data.ttl>"),
        ("SELECT * FROM NAMED <http://example.org/elsewhere> WHERE { GRAPH ?g { ?s ?p ?o } }", "does not hold"),
    ],
)
def test_outgoing_connections_are_refused(three_graphs_client, query, fragment):
    body = assert_error_shape(three_graphs_client.get("/sparql?" + urlencode({"query": query})), 400)
    assert body["error"] == "Query Refused"
    assert fragment in body["message"]


def test_protocol_dataset_outside_the_store_is_refused(three_graphs_client):
    url = "/sparql?" + urlencode([("query", "ASK {}"), ("default-graph-uri", ALPHA), ("named-graph-uri", "http://127.0.0.1:9/x")])
    assert "does not hold" in assert_error_shape(three_graphs_client.get(url), 400)["message"]


def test_cors_preflight_and_headers(three_graphs_client):
    preflight = three_graphs_client.options("/sparql", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, accept"})
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert preflight.headers["Access-Control-Allow-Headers"] == "content-type, accept"
    assert int(preflight.headers["Access-Control-Max-Age"]) > 0
    for response in (three_graphs_client.get("/sparql?query=ASK%7B%7D", headers={"Origin": "https://yasgui.example"}),
                     three_graphs_client.get("/sparql?query=ASK%7B", headers={"Origin": "https://yasgui.example"})):
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "X-Result-Truncated" in response.headers["Access-Control-Expose-Headers"]


def test_server_timing_and_healthz(three_graphs_client):
    query = "/sparql?query=ASK%7B%7D%20%23%20server-timing"  # a text no other test sends: evaluated, not replayed
    response = three_graphs_client.get(query)
    timing = response.headers["Server-Timing"]
    assert timing.startswith("query;dur=") and "total;dur=" in timing
    replayed = three_graphs_client.get(query).headers["Server-Timing"]
    assert replayed.startswith('cache;desc="hit", total;dur=') and "query;" not in replayed
    health = three_graphs_client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json() == {"status": "ok", "store": "embedded", "graphs": 4}


class FailingStore:
    """A store whose execute fails in a given way (everything else delegates to the real one)."""

    def __init__(self, real, error):
        self.real, self.error = real, error
        self.kind = real.kind

    def execute(self, request):
        raise self.error

    def __getattr__(self, name):
        return getattr(self.real, name)


def client_with_failing_store(error):
    from bochum_kg.kg.store.embedded import open_embedded_store

    settings = three_graphs_settings()
    application = create_app(settings, FailingStore(open_embedded_store(settings), error))
    application.config["TESTING"] = True
    return application.test_client()


def test_unexpected_failure_is_a_logged_500_without_internals(caplog):
    client = client_with_failing_store(RuntimeError("secret internal detail /srv/path"))
    body = assert_error_shape(client.get("/sparql?query=ASK%7B%7D"), 500)
    assert "secret" not in body["message"] and "/srv" not in body["message"]
    assert any("secret internal detail" in (r.exc_text or "") for r in caplog.records)


def test_store_failure_is_502():
    body = assert_error_shape(client_with_failing_store(StoreUnavailable("down")).get("/sparql?query=ASK%7B%7D"), 502)
    assert "down" not in body["message"]


def test_timeout_is_503_with_retry_after():
    response = client_with_failing_store(QueryTimeout(2.0)).get("/sparql?query=ASK%7B%7D")
    body = assert_error_shape(response, 503)
    assert body["error"] == "Query Timeout" and body["timeout"] == 2.0
    assert response.headers["Retry-After"]


# Every error path of /sparql and of the app, each with the JSON error body.
ERROR_PATHS = [
    ("get", "/sparql?query=ASK%20%7B", {}, 400),  # syntax
    ("get", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", {}, 400),  # two queries
    ("get", "/sparql?query=ASK%7B%7D&timeout=soon", {}, 400),
    ("get", "/sparql?query=ASK%7B%7D&format=excel", {}, 400),
    ("post", "/sparql", {"data": "default-graph-uri=x", "content_type": "application/x-www-form-urlencoded"}, 400),  # no query
    ("get", "/sparql?update=CLEAR%20ALL", {}, 403),
    ("post", "/sparql", {"data": "CLEAR ALL", "content_type": "application/sparql-update"}, 403),
    ("delete", "/sparql", {}, 405),
    ("get", "/sparql?query=ASK%7B%7D", {"headers": {"Accept": "text/turtle"}}, 406),
    ("post", "/sparql", {"data": "ASK {}", "content_type": "text/plain"}, 415),
    ("post", "/sparql", {"data": "ASK {}", "content_type": "application/sparql-query; charset=latin-1"}, 415),
    ("post", "/sparql?query=ASK%7B%7D", {"data": "ASK {}", "content_type": "application/sparql-query"}, 400),
    ("post", "/healthz", {}, 405),
]


@pytest.mark.parametrize("method, url, kwargs, status", ERROR_PATHS, ids=[f"{m} {u} {s}" for m, u, _, s in ERROR_PATHS])
def test_every_error_has_the_json_shape(three_graphs_client, method, url, kwargs, status):
    assert_error_shape(getattr(three_graphs_client, method)(url, **kwargs), status)


def test_browser_gets_html_errors(three_graphs_client):
    response = three_graphs_client.delete("/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 405 and response.mimetype == "text/html"
