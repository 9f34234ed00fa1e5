"""A named graph past LARGE_GRAPH_TRIPLES is written by pyoxigraph and streamed from a file
(kg/dumps.py write_graph): the same triples as the rdflib document of a small graph, in every format."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph
from rdflib.compare import to_isomorphic

from bochum_kg.kg import dumps

FORMATS = {"ttl": "turtle", "nt": "nt", "rdf": "xml", "jsonld": "json-ld"}


def parse(client, data: bytes, suffix: str) -> Graph:
    if suffix == "jsonld":  # the served @context URL, read from this app instead of the network
        document = json.loads(data)
        local = client.get("/context.jsonld").get_json()["@context"]
        for node in document if isinstance(document, list) else [document]:
            if isinstance(node, dict) and isinstance(node.get("@context"), str):
                node["@context"] = local
        data = json.dumps(document).encode()
    return Graph().parse(data=data, format=FORMATS[suffix], publicID="http://example.org/")


def graph_paths(app) -> list[str]:
    graph = app.extensions["bochum_kg"]
    return ["/" + iri[len(graph.base):] for iri in graph.store.graph_names() if iri.startswith(graph.base + "graph/")]


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_a_streamed_graph_document_has_the_triples_of_the_small_one(app, client, monkeypatch, suffix):
    paths = graph_paths(app)
    assert len(paths) >= 5
    small = {path: client.get(f"{path}.{suffix}") for path in paths}
    written = spy_on_write_graph(monkeypatch)
    monkeypatch.setattr("bochum_kg.web.pages.documents.LARGE_GRAPH_TRIPLES", 0)
    for path in paths:
        big = client.get(f"{path}.{suffix}")
        assert written.pop() == path.rsplit("/", 1)[-1] and big.headers["Content-Type"] == small[path].headers["Content-Type"]
        assert int(big.headers["Content-Length"]) == len(big.data) > 0
        assert big.headers["Link"].count('rel="alternate"') == small[path].headers["Link"].count('rel="alternate"')
        ours, theirs = (parse(client, r.data, suffix) for r in (big, small[path]))
        assert len(ours) == len(theirs) > 0, path
        assert to_isomorphic(ours) == to_isomorphic(theirs), path


def spy_on_write_graph(monkeypatch) -> list[str]:
    from bochum_kg.web.pages import documents

    written, write = [], documents.write_graph
    monkeypatch.setattr(documents, "write_graph", lambda store, iri, *a: written.append(iri.rsplit("/", 1)[-1]) or write(store, iri, *a))
    return written


def test_only_a_graph_past_the_limit_is_streamed(app, client, monkeypatch):
    assert max(dict(app.extensions["bochum_kg"].statistics.graphs).values()) < dumps.LARGE_GRAPH_TRIPLES
    written = spy_on_write_graph(monkeypatch)
    for path in graph_paths(app):
        assert client.get(path + ".ttl").status_code == 200
    assert written == []
