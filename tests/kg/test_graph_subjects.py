"""The subjects of each named graph in name order, read once (kg/graph_subjects.py), are what a
query per graph sorted by the links' names gives (the way /graph/{name} read them before)."""

from __future__ import annotations

from rdflib import URIRef

from bochum_kg.kg.graph_subjects import LANGUAGES

PER_GRAPH = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }"


def expected_order(graph, name: str, lang: str) -> list[str]:
    subjects = [row[0] for row in graph.store.select_plain(PER_GRAPH, {"g": URIRef(name)})]

    def key(iri: str):
        text = graph.labels.label_with_lang(iri, lang)[0]
        return ((text if text.strip() else iri).casefold(), iri)

    return sorted(subjects, key=key)


def test_each_graph_in_each_language_in_name_order(app):
    graph = app.extensions["bochum_kg"]
    names = graph.store.graph_names()
    assert len(names) >= 5
    for name in names:
        for lang in LANGUAGES:
            expected = expected_order(graph, name, lang)
            assert graph.graph_subjects.count(name) == len(expected) > 0
            assert graph.graph_subjects.page(name, lang, 0, len(expected) + 5) == expected, (name, lang)
            assert graph.graph_subjects.page(name, lang, 3, 7) == expected[3:7]


def test_the_languages_order_differently_where_the_names_differ(app):
    graph = app.extensions["bochum_kg"]
    orders = {lang: [graph.graph_subjects.page(n, lang, 0, 10**6) for n in graph.store.graph_names()] for lang in LANGUAGES}
    assert orders["de"] != orders["en"]
    assert graph.graph_subjects.page("https://example.org/no-such-graph", "de", 0, 10) == []
