"""The W3C SPARQL 1.1 Service Description tests (w3c/rdf-tests, sparql/sparql11/service-description).

returns-rdf, has-endpoint-triple, conforms-to-schema; plus what we promise beyond them: VoID
triple counts per graph and for the default graph, the formats as W3C format IRIs, and
sd:BasicFederatedQuery exactly when an operator allow-lists a SERVICE endpoint.
"""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD

from sparql_fixtures import GRAPHS, TOTAL_TRIPLES, TRIPLES, make_client

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld", "application/rdf+xml": "xml"}


def description(client, accept: str | None = "text/turtle", url: str = "/sparql") -> Graph:
    headers = {"Accept": accept} if accept else {}
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype in RDF_TYPES
    assert "Accept" in response.headers.get("Vary", "")
    return Graph().parse(data=response.data, format=RDF_TYPES[response.mimetype])


@pytest.mark.parametrize("accept", [None, "*/*", "text/turtle", "application/n-triples", "application/ld+json",
                                    "application/rdf+xml", "application/rdf+xml;q=0.5, text/turtle;q=0.9"])
def test_returns_rdf(three_graphs_client, accept):
    graph = description(three_graphs_client, accept)
    assert (None, RDF.type, SD.Service) in graph
    if accept and accept != "*/*":
        wanted = "text/turtle" if accept.endswith("q=0.9") else accept
        assert three_graphs_client.get("/sparql", headers={"Accept": accept}).mimetype == wanted


def test_has_endpoint_triple(three_graphs_client):
    graph = description(three_graphs_client)
    assert set(graph.objects(None, SD.endpoint)) == {URIRef("http://localhost/sparql")}
    # behind a proxy the operator's --base-url is the public endpoint
    public = description(make_client(public_url="https://kg.example.org/"))
    assert set(public.objects(None, SD.endpoint)) == {URIRef("https://kg.example.org/sparql")}


def test_conforms_to_schema(three_graphs_client):
    graph = description(three_graphs_client)
    services = set(graph.subjects(RDF.type, SD.Service))
    assert len(services) == 1
    service = services.pop()
    endpoints = list(graph.objects(service, SD.endpoint))
    assert endpoints and all(isinstance(e, URIRef) for e in endpoints)
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert set(graph.objects(service, SD.feature)) == {SD.UnionDefaultGraph}
    assert set(graph.objects(service, SD.resultFormat)) == {
        FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV, FORMATS.SPARQL_Results_TSV,
        FORMATS.Turtle, FORMATS["N-Triples"], FORMATS["JSON-LD"], FORMATS.RDF_XML}
    datasets = list(graph.objects(service, SD.defaultDataset))
    assert len(datasets) == 1
    dataset = datasets[0]
    assert (dataset, RDF.type, SD.Dataset) in graph
    default_graphs = list(graph.objects(dataset, SD.defaultGraph))
    assert len(default_graphs) == 1 and (default_graphs[0], RDF.type, SD.Graph) in graph
    for named in graph.objects(dataset, SD.namedGraph):
        assert (named, RDF.type, SD.NamedGraph) in graph
        names = list(graph.objects(named, SD.name))
        assert len(names) == 1 and isinstance(names[0], URIRef)
        graphs = list(graph.objects(named, SD.graph))
        assert len(graphs) == 1 and (graphs[0], RDF.type, SD.Graph) in graph


def test_void_counts_per_graph_and_default_graph(three_graphs_client):
    graph = description(three_graphs_client)
    dataset = next(graph.objects(None, SD.defaultDataset))
    default = next(graph.objects(dataset, SD.defaultGraph))
    assert graph.value(default, VOID.triples) == Literal(TOTAL_TRIPLES, datatype=XSD.integer)
    counts = {}
    for named in graph.objects(dataset, SD.namedGraph):
        counts[str(graph.value(named, SD.name))] = graph.value(graph.value(named, SD.graph), VOID.triples).toPython()
    assert counts == TRIPLES
    assert sorted(counts) == sorted(GRAPHS)


def test_federation_feature_only_when_allow_listed():
    graph = description(make_client(allowed_service_endpoints=("https://query.wikidata.org/sparql",)))
    assert SD.BasicFederatedQuery in set(graph.objects(None, SD.feature))


def test_browser_gets_the_query_form(three_graphs_client):
    response = three_graphs_client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert '<form method="get" action="http://localhost/sparql">' in page
    assert '<textarea id="query" name="query"' in page
    assert 'href="/workbench"' in page


def test_description_not_in_a_results_format_is_406(three_graphs_client):
    response = three_graphs_client.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 406
    assert response.get_json()["offered"] == ["text/html", "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]


def test_trailing_slash_is_the_same_endpoint(three_graphs_client):
    assert three_graphs_client.get("/sparql/?query=ASK%20%7B%7D").get_json()["boolean"] is True
    graph = description(three_graphs_client, url="/sparql/")
    assert set(graph.objects(None, SD.endpoint)) == {URIRef("http://localhost/sparql")}
