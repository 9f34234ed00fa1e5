"""Every result format of every query form, parsed and compared with the exact answer; negotiation."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from sparql_fixtures import BETA, EX, THREE_GRAPHS, assert_error_shape

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SELECT_LABELS = f"SELECT ?s ?label WHERE {{ ?s <{RDFS_LABEL}> ?label FILTER(STRSTARTS(STR(?s), \"{EX}\")) }}"
LABELS = {
    (EX + "alpha-doc", ox.Literal("Alpha", language="en")),
    (EX + "alpha-doc", ox.Literal("Alpha-Dokument", language="de")),
    (EX + "beta-doc", ox.Literal("Beta", language="en")),
    (EX + "gamma-doc", ox.Literal("Gamma", language="en")),
    (EX + "Document", ox.Literal("Document", language="en")),
    (EX + "Document", ox.Literal("Dokument", language="de")),
    (EX + "link", ox.Literal("link", language="en")),
}
RESULT_FORMATS = {
    "application/sparql-results+json": ("json", ox.QueryResultsFormat.JSON),
    "application/sparql-results+xml": ("xml", ox.QueryResultsFormat.XML),
    "text/tab-separated-values": ("tsv", ox.QueryResultsFormat.TSV),
    "text/csv": ("csv", None),  # CSV loses term types: compared as strings
}
GRAPH_FORMATS = {"text/turtle": ("ttl", "turtle"), "application/n-triples": ("nt", "nt"),
                  "application/ld+json": ("jsonld", "json-ld"), "application/rdf+xml": ("rdf", "xml")}


def get(client, query: str, **params):
    return client.get("/sparql?" + urlencode({"query": query, **params.pop("extra", {})}), **params)


def solutions(response, fmt) -> set[tuple]:
    parsed = ox.parse_query_results(response.data, format=fmt)
    return {(s["s"].value, s["label"]) for s in parsed}


@pytest.mark.parametrize("media_type", RESULT_FORMATS)
@pytest.mark.parametrize("how", ["accept", "format"])
def test_select_in_every_format(three_graphs_client, media_type, how):
    name, fmt = RESULT_FORMATS[media_type]
    response = (get(three_graphs_client, SELECT_LABELS, headers={"Accept": media_type}) if how == "accept"
                else get(three_graphs_client, SELECT_LABELS, extra={"format": name}, headers={"Accept": "text/turtle"}))
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]
    if fmt is None:
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        assert rows[0] == ["s", "label"]
        assert sorted(map(tuple, rows[1:])) == sorted((s, label.value) for s, label in LABELS)
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    else:
        assert solutions(response, fmt) == LABELS


@pytest.mark.parametrize("media_type", RESULT_FORMATS)
def test_ask_in_every_format(three_graphs_client, media_type):
    for query, answer in ((f"ASK {{ <{EX}alpha-doc> ?p ?o }}", True), (f"ASK {{ <{EX}nobody> ?p ?o }}", False)):
        response = get(three_graphs_client, query, headers={"Accept": media_type})
        assert response.status_code == 200 and response.mimetype == media_type
        name, fmt = RESULT_FORMATS[media_type]
        if fmt in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML):
            assert bool(ox.parse_query_results(response.data, format=fmt)) is answer
        else:
            assert response.get_data(as_text=True).strip() == str(answer).lower()


def beta_graph() -> Graph:
    graph = Graph().parse(THREE_GRAPHS / "data" / "beta.ttl")
    return graph


@pytest.mark.parametrize("media_type", GRAPH_FORMATS)
@pytest.mark.parametrize("how", ["accept", "format"])
def test_construct_in_every_format(three_graphs_client, media_type, how):
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BETA}> {{ ?s ?p ?o }} }}"
    name, rdflib_format = GRAPH_FORMATS[media_type]
    response = (get(three_graphs_client, query, headers={"Accept": media_type}) if how == "accept"
                else get(three_graphs_client, query, extra={"format": name}))
    assert response.status_code == 200 and response.mimetype == media_type
    assert isomorphic(Graph().parse(data=response.data, format=rdflib_format), beta_graph())


@pytest.mark.parametrize("media_type", GRAPH_FORMATS)
def test_describe_in_every_format(three_graphs_client, media_type):
    response = get(three_graphs_client, f"PREFIX ex: <{EX}> DESCRIBE ex:beta-doc", headers={"Accept": media_type})
    assert response.status_code == 200 and response.mimetype == media_type
    graph = Graph().parse(data=response.data, format=GRAPH_FORMATS[media_type][1])
    assert isomorphic(graph, beta_graph())


def test_turtle_uses_the_query_prefixes(three_graphs_client):
    response = get(three_graphs_client, f"PREFIX ex: <{EX}> CONSTRUCT {{ ex:beta-doc ex:n ?n }} WHERE {{ ex:beta-doc ex:n ?n }}")
    assert response.get_data(as_text=True) == f"@prefix ex: <{EX}> .\nex:beta-doc ex:n 2 .\n"


def test_terms_survive_json(three_graphs_client):
    query = f"SELECT ?o WHERE {{ <{EX}gamma-x> <{EX}note> ?o }}"
    body = get(three_graphs_client, query).get_json()
    assert body["results"]["bindings"] == [{"o": {"type": "literal", "value": "Zeile mit Umlaut ä, Komma, \"Anführung\" und\tTab"}}]
    typed = get(three_graphs_client, f"SELECT ?d ?a ?b WHERE {{ <{EX}beta-doc> <{EX}date> ?d ; <{EX}amount> ?a . <{EX}gamma-y> <{EX}nested> ?b }}").get_json()
    row = typed["results"]["bindings"][0]
    assert row["d"] == {"type": "literal", "value": "2017-05-18", "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    assert row["a"] == {"type": "literal", "value": "2.5", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}
    assert row["b"]["type"] == "bnode"


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("application/sparql-results+xml;q=0.5, text/csv", "text/csv"),
        ("text/*;q=0.1, application/sparql-results+xml;q=0.2", "application/sparql-results+xml"),
        ("application/json", "application/sparql-results+json"),
        ("application/xml", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/sparql-results+xml"),
    ],
)
def test_accept_q_values_for_results(three_graphs_client, accept, expected):
    assert get(three_graphs_client, SELECT_LABELS, headers={"Accept": accept}).mimetype == expected


def test_format_parameter_wins_over_accept(three_graphs_client):
    response = get(three_graphs_client, SELECT_LABELS, extra={"format": "tsv"}, headers={"Accept": "application/sparql-results+json"})
    assert response.mimetype == "text/tab-separated-values"
    # the SPARQLWrapper style: several names for one format
    both = three_graphs_client.get("/sparql?" + urlencode([("query", SELECT_LABELS), ("format", "tsv"), ("format", "text/tab-separated-values")]))
    assert both.mimetype == "text/tab-separated-values"


@pytest.mark.parametrize(
    "query, headers, extra",
    [
        (SELECT_LABELS, {"Accept": "text/turtle"}, {}),
        (SELECT_LABELS, {}, {"format": "ttl"}),
        (f"CONSTRUCT WHERE {{ <{EX}beta-doc> ?p ?o }}", {"Accept": "application/sparql-results+json"}, {}),
        (f"CONSTRUCT WHERE {{ <{EX}beta-doc> ?p ?o }}", {}, {"format": "csv"}),
        ("ASK {}", {"Accept": "image/png"}, {}),
    ],
)
def test_nothing_acceptable_is_406(three_graphs_client, query, headers, extra):
    response = get(three_graphs_client, query, headers=headers, extra=extra)
    body = assert_error_shape(response, 406)
    assert body["offered"]
    assert "Accept" in response.headers["Vary"]


def test_unknown_format_name_is_400(three_graphs_client):
    body = assert_error_shape(get(three_graphs_client, "ASK {}", extra={"format": "excel"}), 400)
    assert "excel" in body["message"]


def test_description_and_rdflib_agree_on_a_json_ld_graph(three_graphs_client):
    response = get(three_graphs_client, f"CONSTRUCT WHERE {{ <{EX}alpha-doc> ?p ?o }}", headers={"Accept": "application/ld+json"})
    graph = Graph().parse(data=response.data, format="json-ld")
    assert (URIRef(EX + "alpha-doc"), URIRef(RDFS_LABEL), Literal("Alpha-Dokument", lang="de")) in graph
    assert len(graph) == 5


COMPACTED = 'application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"'
EXPANDED = 'application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"'


@pytest.mark.parametrize("query", [f"CONSTRUCT WHERE {{ <{EX}alpha-doc> ?p ?o }}", f"DESCRIBE <{EX}beta-doc>",
                                   "CONSTRUCT WHERE { ?s ?p ?o }"])
def test_json_ld_forms_on_request_are_the_same_graph(three_graphs_client, query):
    plain = get(three_graphs_client, query, headers={"Accept": "application/ld+json"})
    compacted = get(three_graphs_client, query, headers={"Accept": COMPACTED})
    expanded = get(three_graphs_client, query, headers={"Accept": EXPANDED})
    assert plain.status_code == compacted.status_code == expanded.status_code == 200
    assert compacted.headers["Content-Type"] == 'application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"'
    assert expanded.headers["Content-Type"] == plain.headers["Content-Type"] == "application/ld+json"
    assert isinstance(plain.get_json(), list) and expanded.get_data() == plain.get_data()  # expanded: a top-level array
    document = compacted.get_json()
    assert isinstance(document, dict) and "@context" in document
    graphs = [Graph().parse(data=r.data, format="json-ld") for r in (plain, compacted)]
    assert len(graphs[0]) > 0 and isomorphic(graphs[0], graphs[1])


def test_a_json_ld_profile_we_do_not_serve_is_406(three_graphs_client):
    response = get(three_graphs_client, "CONSTRUCT WHERE { ?s ?p ?o }",
                   headers={"Accept": 'application/ld+json; profile="http://www.w3.org/ns/json-ld#frame"'})
    body = assert_error_shape(response, 406)
    assert "application/ld+json" in body["offered"]


def test_compaction_stops_at_the_query_time_limit(monkeypatch):
    import time

    from bochum_kg.kg import rdf_documents
    from sparql_fixtures import make_client

    monkeypatch.setattr(rdf_documents, "compact_jsonld", lambda *args: time.sleep(10) or b"{}")
    client = make_client(query_timeout=0.3)
    started = time.perf_counter()
    response = get(client, "CONSTRUCT WHERE { ?s ?p ?o }", headers={"Accept": COMPACTED})
    assert time.perf_counter() - started < 5
    body = assert_error_shape(response, 503)
    assert body["error"] == "Query Timeout" and "compacting" in body["message"]
