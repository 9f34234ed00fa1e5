"""What the index pages read at start (kg/index_facts.py) against its definitions: the order of
the links' names, and each filter property's values as a query per request read them."""

from __future__ import annotations

from bochum_kg.kg.index_facts import LANGUAGES, PROPERTIES
from bochum_kg.web.pages.indexes import FILTERS

VALUES = "SELECT ?s ?o WHERE { ?s ?p ?o FILTER(isIRI(?s)) }"


def test_the_ranks_order_the_typed_iris_by_name_then_iri(app):
    graph = app.extensions["bochum_kg"]
    typed = graph.search.typed_iris
    assert len(typed) > 500
    for lang in LANGUAGES:
        def key(iri: str) -> tuple[str, str]:
            text = graph.labels.label_with_lang(iri, lang)[0]
            return ((text if text.strip() else iri).casefold(), iri)

        rank = graph.index_facts.names[lang]
        position = {iri: i for i, iri in enumerate(typed)}
        assert sorted(typed, key=lambda iri: rank[position[iri]]) == sorted(typed, key=key)


def test_the_values_are_the_objects_of_each_property(app):
    from rdflib import URIRef

    graph = app.extensions["bochum_kg"]
    ns = graph.settings.ontology_namespace
    for name in PROPERTIES:
        expected: dict[str, list[str]] = {}
        for subject, value in graph.store.select_plain(VALUES, {"p": URIRef(ns + name)}):
            expected.setdefault(subject, []).append(value)
        assert {s: sorted(v) for s, v in graph.index_facts.values[ns + name].items()} == {s: sorted(v) for s, v in expected.items()}
    assert any(graph.index_facts.values[ns + name] for name in PROPERTIES)


def test_every_filter_property_is_read(app):
    assert {how for _, how in FILTERS.values()} - {"type", "competence"} <= set(PROPERTIES)
