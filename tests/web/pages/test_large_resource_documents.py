"""A resource's RDF document past LARGE_DOCUMENT_TRIPLES is written by pyoxigraph (kg/large_documents.py)
and kg/jsonld_writer.py: the same triples as the rdflib document, in every format."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph
from rdflib.compare import to_isomorphic

from bochum_kg.kg import large_documents
from bochum_kg.kg.store.base import capped_graph
from bochum_kg.web.app import create_app
from fixture_data import make_project
from ld_helpers import resources

FORMATS = {"ttl": "turtle", "nt": "nt", "rdf": "xml", "jsonld": "json-ld"}

# Blank nodes (a chain of them), a label with and without a language under a language-map term, a
# literal of another type under a datatype term, a literal where a link term is, a literal type.
EDGES = """
@prefix bs: <https://w3id.org/bochum-strategie/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/bochum-strategie/project/edge> a bs:Project, <http://example.org/Other> ;
    rdfs:label "Kante"@de, "edge"@en, "plain" ;
    skos:prefLabel "nur"@de, "zwei"@de ;
    bs:startDate "2024-01-01"^^xsd:date, "2024"^^xsd:gYear ;
    bs:status "not a link" ;
    rdfs:seeAlso [ rdfs:label "blank"@de ; rdfs:seeAlso [ rdfs:comment "deeper", 3 ] ] ;
    <http://example.org/p> <https://w3id.org/bochum-strategie/project/edge>, "1.5"^^xsd:decimal, "x"@en .
<https://w3id.org/bochum-strategie/project/other> bs:partOfProject <https://w3id.org/bochum-strategie/project/edge> ;
    rdfs:label "Andere"@de .
[] rdfs:seeAlso <https://w3id.org/bochum-strategie/project/edge> .
"""


def parse(client, data: bytes, suffix: str) -> Graph:
    if suffix == "jsonld":  # the served @context URL, read from this app instead of the network
        document = json.loads(data)
        document["@context"] = client.get("/context.jsonld").get_json()["@context"]
        data = json.dumps(document).encode()
    return Graph().parse(data=data, format=FORMATS[suffix], publicID="http://example.org/")


def written_large(monkeypatch) -> list[str]:
    """The IRIs whose documents pyoxigraph writes (large_document gets the triples document_triples read)."""
    from bochum_kg.web.pages import documents

    written, read, write, asked = [], documents.document_triples, documents.large_document, []

    def reading(store, iri):
        asked.append(iri)
        return read(store, iri)

    def writing(triples, *args):
        body = write(triples, *args)
        if body is not None:
            written.append(asked[-1])
        return body

    monkeypatch.setattr(documents, "document_triples", reading)
    monkeypatch.setattr(documents, "large_document", writing)
    return written


def assert_same_triples(client, monkeypatch, paths: list[str], suffix: str) -> None:
    """The large document against rdflib's N-Triples (its JSON-LD leaves out the triples of blank nodes)."""
    small = {path: client.get(f"{path}.{suffix}") for path in paths}
    reference = {path: parse(client, client.get(f"{path}.nt").data, "nt") for path in paths}
    written = written_large(monkeypatch)
    monkeypatch.setattr(large_documents, "LARGE_DOCUMENT_TRIPLES", 0)
    for path in paths:
        big = client.get(f"{path}.{suffix}")
        assert written.pop().endswith(path) and big.status_code == 200
        assert big.headers["Content-Type"] == small[path].headers["Content-Type"]
        assert big.headers["Link"] == small[path].headers["Link"]
        ours, theirs = parse(client, big.data, suffix), reference[path]
        assert len(ours) == len(theirs) > 0, path
        assert to_isomorphic(ours) == to_isomorphic(theirs), path


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_a_large_document_has_the_triples_of_the_small_one(app, client, monkeypatch, suffix):
    graph = app.extensions["bochum_kg"]
    paths = ["/" + s[len(graph.base):] for s in resources(app)]
    paths = sorted(set(paths[::9]) | {"/role/lead", "/scheme/measure", "/measure/budget"})
    assert len(paths) > 90
    assert_same_triples(client, monkeypatch, paths, suffix)


@pytest.fixture(scope="module")
def edge_client(tmp_path_factory):
    application = create_app(make_project(tmp_path_factory.mktemp("edges"), {"edge.ttl": EDGES}))
    application.config["TESTING"] = True
    return application.test_client()


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_blank_nodes_and_odd_literals_keep_their_triples(edge_client, monkeypatch, suffix):
    assert_same_triples(edge_client, monkeypatch, ["/project/edge", "/project/other"], suffix)


def test_the_json_ld_uses_the_context_terms(app, client, monkeypatch):
    monkeypatch.setattr(large_documents, "LARGE_DOCUMENT_TRIPLES", 0)
    document = client.get("/role/lead.jsonld").get_json()
    assert document["@context"] == "http://localhost/context.jsonld"
    nodes = {node["@id"]: node for node in document["@graph"]}
    lead = nodes[app.extensions["bochum_kg"].base + "role/lead"]
    assert lead["@type"] == "Concept" and set(lead["label"]) == {"de", "en"}
    participations = [node for node in nodes.values() if "role" in node]
    assert len(participations) > 40 and all(node["role"] == lead["@id"] for node in participations)


@pytest.mark.parametrize("path", ["/role/lead", "/project/edge"])
def test_the_json_ld_text_is_that_of_json_dumps(app, edge_client, monkeypatch, path):
    monkeypatch.setattr(large_documents, "LARGE_DOCUMENT_TRIPLES", 0)
    text = (app.test_client() if path == "/role/lead" else edge_client).get(path + ".jsonld").data.decode()
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_only_a_document_past_the_limit_is_written_by_pyoxigraph(app, client, monkeypatch):
    written = written_large(monkeypatch)
    for path in ("/role/lead", "/scheme/measure", "/actor/stadt-bochum"):
        for suffix in FORMATS:
            assert client.get(f"{path}.{suffix}").status_code == 200
    assert written == []


def test_the_writer_writes_empty_and_nested_values_as_json_dumps():
    from bochum_kg.kg.jsonld_writer import _write

    value = {"a": {}, "b": [], "c": ["x", {"d": "ü\"\n"}], "e": {"f": ["g"]}}
    out: list[str] = []
    _write(value, "", out)
    assert "".join(out) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("which", ["real", "edges"])
def test_the_documents_triples_read_from_the_quads_are_those_the_queries_find(app, edge_client, which):
    """document_triples (the embedded store's quads, read once per document for both writers) gives
    what describe.resource_graph finds with its queries (the path of a remote store), for every
    resource: outgoing, blank nodes they reach, inbound."""
    from bochum_kg.kg import describe

    application = app if which == "real" else edge_client.application
    knowledge = application.extensions["bochum_kg"]
    iris = resources(application)
    assert len(iris) > (800 if which == "real" else 1)
    for iri in iris:
        read = large_documents.document_triples(knowledge.store, iri)
        assert set(capped_graph(read)) == set(describe.resource_graph(knowledge, iri)), iri
        assert len(read) == len(set(read))
