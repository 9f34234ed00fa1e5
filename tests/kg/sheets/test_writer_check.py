"""write_data never trusts the Turtle writer: files that would not hold exactly the graph's triples
are refused (WriterError) and data/ stays as it was, also when they equal today's files."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from bochum_kg.kg.sheets import curation


def _with_one_more_triple(graph: Graph) -> Graph:
    bigger = Graph()
    for triple in graph:
        bigger.add(triple)
    bigger.add((URIRef("https://w3id.org/bochum-strategie/project/haus-des-wissens"), RDFS.comment, Literal("neu")))
    return bigger


def test_unchanged_data_writes_nothing(project):
    current = curation.load_current(project.settings)
    before = project.texts()
    assert curation.write_data(current.data, current) == []
    assert project.texts() == before


def test_a_writer_that_drops_a_triple_is_caught_even_when_its_files_equal_todays(project, monkeypatch):
    current = curation.load_current(project.settings)
    before = project.texts()
    monkeypatch.setattr(curation, "data_texts", lambda graph, current: dict(current.texts))  # ignores the graph
    with pytest.raises(curation.WriterError):
        curation.write_data(_with_one_more_triple(current.data), current)
    assert project.texts() == before


def test_a_writer_that_drops_a_triple_from_new_files_is_caught(project, monkeypatch):
    current = curation.load_current(project.settings)
    before = project.texts()
    texts = dict(current.texts)
    name = sorted(texts)[0]
    texts[name] += "\n# a comment that changes the bytes, not the triples\n"
    monkeypatch.setattr(curation, "data_texts", lambda graph, current: texts)
    with pytest.raises(curation.WriterError):
        curation.write_data(_with_one_more_triple(current.data), current)
    assert project.texts() == before
