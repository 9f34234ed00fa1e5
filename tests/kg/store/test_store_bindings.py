"""Pre-bound terms on the embedded store: IRIs and literals as VALUES, blank nodes by substitution."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from bochum_kg.kg.store import open_store
from sparql_fixtures import EX, three_graphs_settings, make_client


def test_a_blank_node_of_the_store_can_be_bound():
    store = open_store(three_graphs_settings())
    (row,) = store.select(f"SELECT ?b WHERE {{ <{EX}gamma-y> <{EX}nested> ?b }}").rows
    assert isinstance(row["b"], BNode)
    rows = store.select("SELECT DISTINCT ?b ?p ?o WHERE { ?b ?p ?o }", {"b": row["b"]}).rows
    assert [(r["p"], r["o"]) for r in rows] == [(URIRef(EX + "inner"), Literal("nested"))]
    # with an IRI bound as well: one goes by substitution, the other as VALUES
    both = store.select("SELECT ?b ?o WHERE { ?b ?p ?o }", {"b": row["b"], "p": URIRef(EX + "inner")}).rows
    assert [r["o"] for r in both] == [Literal("nested")]


def test_the_rdf_document_of_a_resource_includes_its_blank_nodes():
    client = make_client()
    response = client.get("/sparql", query_string={"query": f"DESCRIBE <{EX}gamma-y>"}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    expected = Graph().parse(data=f"<{EX}gamma-y> <{EX}nested> [ <{EX}inner> \"nested\" ] .", format="turtle")
    described = Graph().parse(data=response.data, format="turtle")
    assert isomorphic(described, expected)
    with client.application.test_request_context():
        from bochum_kg.web.pages.values import resource_graph

        assert isomorphic(resource_graph(EX + "gamma-y"), expected)
