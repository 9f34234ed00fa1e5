"""Every IRI of the real data and ontology dereferences, and its RDF holds exactly its triples."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from ld_helpers import follow, parse_rdf

RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _base(app) -> str:
    return app.extensions["bochum_kg"].settings.base_iri


def _store(app):
    return app.extensions["bochum_kg"].store


def _subjects_under_base(app) -> list[str]:
    rows = _store(app).select(
        "SELECT DISTINCT ?s ?b WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), ?b)) }", {"b": Literal(_base(app))}
    ).rows
    return sorted(str(r["s"]) for r in rows)


def _expected(app, iri: str) -> set:
    """The store's triples with `iri` as subject or object (blank nodes left out of the comparison)."""
    store = _store(app)
    out = store.select("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", {"s": URIRef(iri)}).rows
    inb = store.select("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", {"o": URIRef(iri)}).rows
    return {(r["s"], r["p"], r["o"]) for r in out + inb if not isinstance(r["o"], BNode) and not isinstance(r["s"], BNode)}


def _without_blank_nodes(graph: Graph) -> set:
    return {t for t in graph if not any(isinstance(x, BNode) for x in t)}


def test_the_data_has_resources_of_every_documented_kind(app):
    base = _base(app)
    subjects = _subjects_under_base(app)
    # docs/data-conventions.md: these kinds must exist once the data is complete enough to serve
    for kind in ("strategy/", "competence/", "goal-area/", "goal/", "project/", "participation/", "actor/",
                 "site/", "status/", "role/", "scheme/"):
        assert any(s.startswith(base + kind) for s in subjects), kind


def test_every_resource_dereferences_to_exactly_its_triples(app, client):
    base = _base(app)
    checked = 0
    for iri in _subjects_under_base(app):
        if "#" in iri or iri == base + "ontology":
            continue  # the ontology and its hash IRIs share one document, checked below
        path = "/" + iri[len(base):]
        response, hops = follow(client, path, {"Accept": "application/n-triples"})
        assert hops == [303], path
        assert response.status_code == 200, path
        assert response.mimetype == "application/n-triples"
        graph = parse_rdf(response.data, "application/n-triples")
        assert _without_blank_nodes(graph) == _expected(app, iri), path
        assert any(graph.triples((URIRef(iri), RDF_TYPE, None))), f"{path} has no rdf:type"
        checked += 1
    assert checked > 50


def test_every_ontology_term_is_in_the_ontology_document(app, client):
    base = _base(app)
    ontology = parse_rdf(follow(client, "/ontology", {"Accept": "application/n-triples"})[0].data, "application/n-triples")
    store = _store(app)
    terms = [s for s in _subjects_under_base(app) if s.startswith(base + "ontology#")]
    assert len(terms) > 40
    for term in terms:
        rows = store.select("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", {"s": URIRef(term)}).rows
        expected = {(r["s"], r["p"], r["o"]) for r in rows}
        assert set(ontology.triples((URIRef(term), None, None))) == expected, term


@pytest.mark.parametrize("suffix, mimetype", [("ttl", "text/turtle"), ("jsonld", "application/ld+json"), ("rdf", "application/rdf+xml")])
def test_one_resource_per_kind_in_every_format(app, client, suffix, mimetype):
    base = _base(app)
    first_of_kind: dict[str, str] = {}
    for iri in _subjects_under_base(app):
        if "#" not in iri and iri != base + "ontology":
            first_of_kind.setdefault(iri[len(base):].split("/")[0], iri)
    for iri in first_of_kind.values():
        response = client.get("/" + iri[len(base):] + "." + suffix)
        assert response.status_code == 200, iri
        graph = parse_rdf(response.data, mimetype, client=client)
        assert _without_blank_nodes(graph) == _expected(app, iri), iri


def test_the_ontology_in_turtle_is_the_ontology_graph(app, client):
    base = _base(app)
    turtle = parse_rdf(client.get("/ontology.ttl").data, "text/turtle")
    rows = _store(app).select("SELECT DISTINCT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(base + "ontology")}).rows
    assert set(turtle) == {(r["s"], r["p"], r["o"]) for r in rows}


def test_every_named_graph_dereferences_to_its_content(app, client):
    base = _base(app)
    store = _store(app)
    checked = 0
    for graph_iri in store.graph_names():
        if graph_iri == base + "ontology":
            continue  # the ontology IRI names its graph; checked above
        response, hops = follow(client, "/" + graph_iri[len(base):], {"Accept": "application/n-triples"})
        assert hops == [303] and response.status_code == 200, graph_iri
        rows = store.select("SELECT DISTINCT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(graph_iri)}).rows
        assert set(parse_rdf(response.data, "application/n-triples")) == {(r["s"], r["p"], r["o"]) for r in rows}
        checked += 1
    assert checked >= 1
