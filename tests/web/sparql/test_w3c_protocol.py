"""The W3C SPARQL 1.1 Protocol tests (w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl), one test each.

Adapted to a read-only endpoint over our own data:
- the 13 query tests as written, the dataset tests on the fixture's own named graphs instead of
  kasei.us/2009/09/sparql/data/data{1,2,3}.rdf (alpha, beta, gamma), each also checked the
  other way round so that the dataset parameters provably change the answer;
- the 7 update tests: every update request is refused with a 4xx, and afterwards the store is
  unchanged and the manifest's follow-up query finds nothing the update would have written;
- the 14 negative tests as written (every one a 4xx with the JSON error body).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import quote, urlencode

import pytest

from sparql_fixtures import ALPHA, BETA, EX, GAMMA, assert_error_shape

RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"
SPARQL_RESULT_TYPES = ("application/sparql-results+xml", "application/sparql-results+json")


def boolean_answer(response) -> bool:
    assert 200 <= response.status_code < 400, response.get_data(as_text=True)
    assert response.mimetype in SPARQL_RESULT_TYPES
    if response.mimetype == "application/sparql-results+json":
        return response.get_json()["boolean"]
    text = ET.fromstring(response.data).find(f"{RESULTS_NS}boolean").text
    return {"true": True, "false": False}[text]


def select_rows(response) -> list[tuple]:
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    names = body["head"]["vars"]
    return sorted(tuple(row.get(n, {}).get("value") for n in names) for row in body["results"]["bindings"])


def store_snapshot(app) -> list[str]:
    return sorted(str(quad) for quad in app.extensions["bochum_kg"].store.store)


# --- positive query tests ------------------------------------------------------------------------------


def test_query_post_form(three_graphs_client):
    response = three_graphs_client.post("/sparql", data="query=ASK%20%7B%7D", content_type="application/x-www-form-urlencoded")
    assert boolean_answer(response) is True


def test_query_dataset_default_graphs_get(three_graphs_client):
    query = f"ASK {{ <{EX}alpha-doc> a ?type . <{EX}beta-doc> a ?type . }}"
    both = three_graphs_client.get("/sparql?" + urlencode([("query", query), ("default-graph-uri", ALPHA), ("default-graph-uri", BETA)]))
    assert boolean_answer(both) is True
    only_alpha = three_graphs_client.get("/sparql?" + urlencode([("query", query), ("default-graph-uri", ALPHA)]))
    assert boolean_answer(only_alpha) is False
    # only default graphs given: the dataset has no named graphs
    no_named = three_graphs_client.get("/sparql?" + urlencode([("query", "ASK { GRAPH ?g { ?s ?p ?o } }"), ("default-graph-uri", ALPHA)]))
    assert boolean_answer(no_named) is False


def test_query_dataset_default_graphs_post(three_graphs_client):
    query = f"ASK {{ <{EX}alpha-doc> ?p ?o . <{EX}beta-doc> ?p ?o }}"
    both = three_graphs_client.post("/sparql?" + urlencode([("default-graph-uri", ALPHA), ("default-graph-uri", BETA)]),
                              data=query, content_type="application/sparql-query")
    assert boolean_answer(both) is True
    other = three_graphs_client.post("/sparql?" + urlencode([("default-graph-uri", BETA), ("default-graph-uri", GAMMA)]),
                               data=query, content_type="application/sparql-query")
    assert boolean_answer(other) is False


def test_query_dataset_named_graphs_post(three_graphs_client):
    url = "/sparql?" + urlencode([("named-graph-uri", ALPHA), ("named-graph-uri", BETA)])
    ask = three_graphs_client.post(url, data="ASK { GRAPH ?g { ?s ?p ?o } }", content_type="application/sparql-query")
    assert boolean_answer(ask) is True
    graphs = three_graphs_client.post(url, data="SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }", content_type="application/sparql-query")
    assert select_rows(graphs) == [(ALPHA,), (BETA,)]
    # only named graphs given: the default graph is empty
    default = three_graphs_client.post(url, data="ASK { ?s ?p ?o }", content_type="application/sparql-query")
    assert boolean_answer(default) is False


def test_query_dataset_named_graphs_get(three_graphs_client):
    params = [("named-graph-uri", ALPHA), ("named-graph-uri", BETA)]
    ask = three_graphs_client.get("/sparql?" + urlencode(params + [("query", "ASK { GRAPH ?g { ?s ?p ?o } }")]))
    assert boolean_answer(ask) is True
    outside = three_graphs_client.get("/sparql?" + urlencode(params + [("query", f"ASK {{ GRAPH <{GAMMA}> {{ ?s ?p ?o }} }}")]))
    assert boolean_answer(outside) is False


def test_query_dataset_full(three_graphs_client):
    url = "/sparql?" + urlencode([("default-graph-uri", GAMMA), ("named-graph-uri", ALPHA), ("named-graph-uri", BETA)])
    response = three_graphs_client.post(url, data="SELECT ?g ?x ?s { ?x ?y ?o  GRAPH ?g { ?s ?p ?o } }", content_type="application/sparql-query")
    assert response.mimetype in SPARQL_RESULT_TYPES
    # objects shared by a triple of gamma (default graph) and a triple of alpha or beta (named graphs)
    assert select_rows(response) == sorted([
        (ALPHA, EX + "gamma-x", EX + "alpha-doc"),  # "shared"
        (ALPHA, EX + "gamma-doc", EX + "alpha-doc"),  # ex:Document
        (BETA, EX + "gamma-doc", EX + "beta-doc"),  # ex:Document
        (BETA, EX + "gamma-doc", EX + "beta-doc"),  # ex:alpha-doc (gamma-doc and beta-doc both link to it)
    ])


def test_query_multiple_dataset(three_graphs_client):
    query = f"ASK FROM <{ALPHA}> {{ <{EX}alpha-doc> ?p ?o }}"
    with_protocol = three_graphs_client.post("/sparql?" + urlencode([("default-graph-uri", BETA)]), data=query,
                                       content_type="application/sparql-query")
    assert boolean_answer(with_protocol) is False  # the protocol dataset wins over FROM
    from_only = three_graphs_client.post("/sparql", data=query, content_type="application/sparql-query")
    assert boolean_answer(from_only) is True


def test_query_get(three_graphs_client):
    assert boolean_answer(three_graphs_client.get("/sparql?query=ASK%20%7B%7D")) is True


def test_query_content_type_select(three_graphs_client):
    response = three_graphs_client.post("/sparql", data="SELECT (1 AS ?value) {}", content_type="application/sparql-query")
    assert response.status_code == 200
    assert response.mimetype in ("application/sparql-results+xml", "application/sparql-results+json",
                                 "text/tab-separated-values", "text/csv")
    assert select_rows(response) == [("1",)]


def test_query_content_type_ask(three_graphs_client):
    response = three_graphs_client.post("/sparql", data="ASK {}", content_type="application/sparql-query")
    assert response.mimetype in SPARQL_RESULT_TYPES
    assert boolean_answer(response) is True


def test_query_content_type_describe(three_graphs_client):
    response = three_graphs_client.post("/sparql", data="DESCRIBE <http://example.org/>", content_type="application/sparql-query")
    assert response.status_code == 200
    assert response.mimetype in ("application/rdf+xml", "application/rdf+json", "text/turtle")


def test_query_content_type_construct(three_graphs_client):
    response = three_graphs_client.post("/sparql", data="CONSTRUCT { <s> <p> 1 } WHERE {}", content_type="application/sparql-query")
    assert response.status_code == 200
    assert response.mimetype in ("application/rdf+xml", "application/rdf+json", "text/turtle")
    # relative IRIs resolve against the service's base IRI, the endpoint URL
    assert response.get_data(as_text=True).strip() == "<http://localhost/s> <http://localhost/p> 1 ."


def test_query_post_direct(three_graphs_client):
    response = three_graphs_client.post("/sparql", data="ASK {}", content_type="application/sparql-query")
    assert boolean_answer(response) is True


# --- update tests: refused, nothing changed --------------------------------------------------------------

UPDATE_DEFAULT_GRAPH = """PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
CLEAR ALL ;
INSERT DATA {
    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> {
        <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document
    }
} ;
INSERT {
    GRAPH <http://example.org/protocol-update-dataset-test/> {
        ?s a dc:BibliographicResource
    }
}
WHERE {
    ?s a foaf:Document
}
"""
DATA_GRAPHS = """PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
CLEAR ALL ;
INSERT DATA {
    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> { <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document }
    GRAPH <http://kasei.us/2009/09/sparql/data/data2.rdf> { <http://kasei.us/2009/09/sparql/data/data2.rdf> a foaf:Document }
    GRAPH <http://kasei.us/2009/09/sparql/data/data3.rdf> { <http://kasei.us/2009/09/sparql/data/data3.rdf> a foaf:Document }
} ;
"""
UPDATE_DEFAULT_GRAPHS = DATA_GRAPHS + """INSERT {
    GRAPH <http://example.org/protocol-update-dataset-graphs-test/> { ?s a dc:BibliographicResource }
}
WHERE { ?s a foaf:Document }
"""
UPDATE_NAMED_GRAPHS = DATA_GRAPHS + """INSERT {
    GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> { ?s a dc:BibliographicResource }
}
WHERE { GRAPH ?g { ?s a foaf:Document } }
"""
UPDATE_FULL = DATA_GRAPHS + """INSERT {
    GRAPH <http://example.org/protocol-update-dataset-full-test/> { ?s <http://example.org/in> ?in }
}
WHERE {
    { GRAPH ?g { ?s a foaf:Document } BIND(?g AS ?in) }
    UNION
    { ?s a foaf:Document . BIND("default" AS ?in) }
}
"""
DATA1 = "http://kasei.us/2009/09/sparql/data/data1.rdf"
DATA2 = "http://kasei.us/2009/09/sparql/data/data2.rdf"


def refused_and_unchanged(app, client, follow_up: str, **request):
    before = store_snapshot(app)
    response = client.post("/sparql", **request)
    assert 400 <= response.status_code < 500
    assert_error_shape(response, response.status_code)
    assert store_snapshot(app) == before
    check = client.post("/sparql", data=follow_up, content_type="application/sparql-query",
                        headers={"Accept": "application/sparql-results+xml"})
    assert check.mimetype == "application/sparql-results+xml"
    assert boolean_answer(check) is False  # what the update would have written is not there
    return response


def test_update_dataset_default_graph(three_graphs_app, three_graphs_client):
    refused_and_unchanged(
        three_graphs_app, three_graphs_client,
        f"ASK {{ GRAPH <http://example.org/protocol-update-dataset-test/> {{ <{DATA1}> a <http://purl.org/dc/terms/BibliographicResource> }} }}",
        query_string=[("using-graph-uri", DATA1)], data=UPDATE_DEFAULT_GRAPH, content_type="application/sparql-update")


def test_update_dataset_default_graphs(three_graphs_app, three_graphs_client):
    refused_and_unchanged(
        three_graphs_app, three_graphs_client,
        f"ASK {{ GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {{ <{DATA1}> a <http://purl.org/dc/terms/BibliographicResource> }} }}",
        query_string=[("using-graph-uri", DATA1), ("using-graph-uri", DATA2)], data=UPDATE_DEFAULT_GRAPHS,
        content_type="application/sparql-update")


def test_update_dataset_named_graphs(three_graphs_app, three_graphs_client):
    refused_and_unchanged(
        three_graphs_app, three_graphs_client,
        f"ASK {{ GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> {{ <{DATA1}> ?p ?o }} }}",
        query_string=[("using-named-graph-uri", DATA1), ("using-named-graph-uri", DATA2)], data=UPDATE_NAMED_GRAPHS,
        content_type="application/sparql-update")


def test_update_dataset_full(three_graphs_app, three_graphs_client):
    refused_and_unchanged(
        three_graphs_app, three_graphs_client,
        f"ASK {{ GRAPH <http://example.org/protocol-update-dataset-full-test/> {{ <{DATA1}> <http://example.org/in> \"default\" }} }}",
        query_string=[("using-graph-uri", DATA1), ("using-named-graph-uri", DATA2)], data=UPDATE_FULL,
        content_type="application/sparql-update")


def test_update_post_form(three_graphs_app, three_graphs_client):
    response = refused_and_unchanged(three_graphs_app, three_graphs_client, "ASK { FILTER(false) }",
                                     data="update=CLEAR%20ALL", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 403
    # CLEAR ALL did not happen: the data is all still there
    assert boolean_answer(three_graphs_client.get("/sparql?" + urlencode({"query": f"ASK {{ <{EX}alpha-doc> ?p ?o }}"}))) is True


def test_update_post_direct(three_graphs_app, three_graphs_client):
    response = refused_and_unchanged(three_graphs_app, three_graphs_client, "ASK { FILTER(false) }",
                                     data="CLEAR ALL", content_type="application/sparql-update")
    assert response.status_code == 403


def test_update_base_uri(three_graphs_app, three_graphs_client):
    refused_and_unchanged(
        three_graphs_app, three_graphs_client,
        "ASK { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> ?o } }",
        data="CLEAR GRAPH <http://example.org/protocol-base-test/> ;\n"
             "INSERT DATA { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> <test> } }",
        content_type="application/sparql-update")


# --- negative tests ------------------------------------------------------------------------------------------


def test_bad_query_method(three_graphs_client):
    response = three_graphs_client.put("/sparql?query=ASK%20%7B%7D")
    body = assert_error_shape(response, 405)
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    assert body["error"] == "Method Not Allowed"


def test_bad_multiple_queries(three_graphs_client):
    assert_error_shape(three_graphs_client.get("/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D"), 400)


def test_bad_query_wrong_media_type(three_graphs_client):
    assert_error_shape(three_graphs_client.post("/sparql", data="ASK {}", content_type="text/plain"), 415)


def test_bad_query_missing_form_type(three_graphs_client):
    response = three_graphs_client.post("/sparql", data="query=ASK%20%7B%7D", headers={"Content-Type": ""})
    assert_error_shape(response, 415)


def test_bad_query_missing_direct_type(three_graphs_client):
    response = three_graphs_client.post("/sparql", data="ASK {}", headers={"Content-Type": ""})
    assert_error_shape(response, 415)


def test_bad_query_non_utf8(three_graphs_client):
    response = three_graphs_client.post("/sparql", data="ASK {}".encode("utf-16"), content_type="application/sparql-query; charset=UTF-16")
    assert_error_shape(response, 415)
    # the same bytes declared as UTF-8 (or undeclared) are not UTF-8 either
    undeclared = three_graphs_client.post("/sparql", data="ASK {}".encode("utf-16"), content_type="application/sparql-query")
    assert_error_shape(undeclared, 400)


def test_bad_query_syntax(three_graphs_client):
    body = assert_error_shape(three_graphs_client.get("/sparql?query=ASK%20%7B"), 400)
    assert body["message"].startswith("error at 1:")
    assert body["line"] == 1 and body["column"] >= 5


def test_bad_update_get(three_graphs_app, three_graphs_client):
    before = store_snapshot(three_graphs_app)
    assert_error_shape(three_graphs_client.get("/sparql?update=CLEAR%20ALL"), 403)
    assert store_snapshot(three_graphs_app) == before


def test_bad_multiple_updates(three_graphs_client):
    response = three_graphs_client.post("/sparql", data="update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
                                  content_type="application/x-www-form-urlencoded")
    assert 400 <= response.status_code < 500
    assert_error_shape(response, response.status_code)


def test_bad_update_wrong_media_type(three_graphs_client):
    assert_error_shape(three_graphs_client.post("/sparql", data="CLEAR NAMED", content_type="text/plain"), 415)


def test_bad_update_missing_form_type(three_graphs_client):
    assert_error_shape(three_graphs_client.post("/sparql", data="update=CLEAR%20NAMED", headers={"Content-Type": ""}), 415)


def test_bad_update_non_utf8(three_graphs_client):
    response = three_graphs_client.post("/sparql", data="CLEAR NAMED".encode("utf-16"),
                                  content_type="application/sparql-update; charset=UTF-16")
    assert 400 <= response.status_code < 500
    assert_error_shape(response, response.status_code)


def test_bad_update_syntax(three_graphs_client):
    response = three_graphs_client.post("/sparql", data="update=CLEAR%20XYZ", content_type="application/x-www-form-urlencoded")
    assert 400 <= response.status_code < 500
    assert_error_shape(response, response.status_code)


def test_bad_update_dataset_conflict(three_graphs_client):
    update = ("\t\tPREFIX foaf:  <http://xmlns.com/foaf/0.1/>\n\t\tWITH <http://example/addresses>\n"
              "\t\tDELETE { ?person foaf:givenName 'Bill' }\n\t\tINSERT { ?person foaf:givenName 'William' }\n"
              "\t\tWHERE {\n\t\t\t?person foaf:givenName 'Bill'\n\t\t}\n")
    response = three_graphs_client.post("/sparql", data="using-named-graph-uri=" + quote("http://example/people", safe="")
                                  + "&update=" + quote(update, safe=""), content_type="application/x-www-form-urlencoded")
    assert 400 <= response.status_code < 500
    assert_error_shape(response, response.status_code)


def test_query_as_update_text_is_a_syntax_error_and_changes_nothing(three_graphs_app, three_graphs_client):
    before = store_snapshot(three_graphs_app)
    body = assert_error_shape(three_graphs_client.get("/sparql?" + urlencode({"query": "INSERT DATA { <a:s> <a:p> <a:o> }"})), 400)
    assert body["error"] == "Query Syntax Error"
    assert store_snapshot(three_graphs_app) == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_bad_query_non_utf8_percent_encoding(three_graphs_client, method):
    raw = "query=ASK%20%7B%20%3Fs%20%3Fp%20%22%FF%22%20%7D"  # %FF is no UTF-8
    if method == "get":
        response = three_graphs_client.get("/sparql?" + raw)
    else:
        response = three_graphs_client.post("/sparql", data=raw, content_type="application/x-www-form-urlencoded")
    assert_error_shape(response, 400)


def test_relative_iris_resolve_against_the_host_and_mount_point_of_each_request(three_graphs_client, three_graphs_app):
    def resolved(host: str, root: str = "") -> str:
        response = three_graphs_client.post("/sparql", data="CONSTRUCT { <s> <p> 1 } WHERE {}", content_type="application/sparql-query",
                                            headers={"Host": host}, environ_overrides={"SCRIPT_NAME": root})
        return response.get_data(as_text=True).strip()

    assert resolved("a.example") == "<http://a.example/s> <http://a.example/p> 1 ."
    assert resolved("b.example:8080") == "<http://b.example:8080/s> <http://b.example:8080/p> 1 ."
    assert resolved("a.example", "/kg") == "<http://a.example/kg/s> <http://a.example/kg/p> 1 ."
    assert resolved("a.example") == "<http://a.example/s> <http://a.example/p> 1 ."  # the kept URL, not the last one
    for n in range(100):  # hosts are the client's to choose: the kept URLs stay few
        assert resolved(f"h{n}.example") == f"<http://h{n}.example/s> <http://h{n}.example/p> 1 ."
    assert len(three_graphs_app.extensions["bochum_kg.endpoint_urls"]) <= 64
