"""KnowledgeGraph.build: what the service derives at start is its own work, not bound by the query time limit."""

from __future__ import annotations

from bochum_kg.kg.graph import KnowledgeGraph


def test_the_derivation_at_start_has_no_query_time_limit(real_settings):
    # a limit no query can meet: before, the first label query of the build raised QueryTimeout
    # (at 5M generated triples the 30 s default was not enough for a real one)
    tiny = real_settings.with_changes(query_timeout=1e-9)
    graph = KnowledgeGraph.build(tiny)
    reference = KnowledgeGraph.build(real_settings)
    assert graph.labels.labels == reference.labels.labels
    assert graph.statistics == reference.statistics
    assert set(graph.ontology_triples) == set(reference.ontology_triples)
    assert len(graph.search) == len(reference.search)
    assert graph.store.settings.query_timeout == 1e-9  # requests keep the limit

