"""kg.sheets' graphs (rdflib's SimpleMemory store) answer like rdflib's default Graph, on the real data."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, RDFS
from sheet_helpers import CHECKOUT

from bochum_kg.kg.sheets.data_folder import parse_texts, read_texts
from bochum_kg.kg.sheets.graphs import new_graph


def _both():
    fast = parse_texts(read_texts(CHECKOUT / "data"))
    reference = Graph()
    for triple in fast:
        reference.add(triple)
    return fast, reference


def test_the_same_answers_to_every_pattern_the_sheets_code_asks():
    fast, reference = _both()
    assert len(fast) == len(reference) > 5000
    assert set(fast) == set(reference)
    assert set(fast.subjects()) == set(reference.subjects())
    for subject in set(reference.subjects()):
        assert set(fast.predicate_objects(subject)) == set(reference.predicate_objects(subject))
        assert ((subject, None, None) in fast) and (subject, None, None) in reference
        for predicate in set(reference.predicates(subject)):
            assert sorted(fast.objects(subject, predicate)) == sorted(reference.objects(subject, predicate))
    for obj in set(reference.objects()):
        assert set(fast.subjects(None, obj)) == set(reference.subjects(None, obj))
    assert set(fast.subject_objects(RDFS.label)) == set(reference.subject_objects(RDFS.label))
    assert set(fast.subjects(RDF.type)) == set(reference.subjects(RDF.type))


def test_removing_leaves_no_trace_of_a_resource():
    fast, reference = _both()
    subject = sorted(reference.subjects())[0]
    for graph in (fast, reference):
        graph.remove((subject, None, None))
    assert (subject, None, None) not in fast
    assert set(fast) == set(reference) and len(fast) == len(reference)
    assert subject not in set(fast.subjects())


def test_new_graphs_are_empty_and_separate():
    first, second = new_graph(), new_graph()
    first.add(next(iter(_both()[1])))
    assert len(first) == 1 and len(second) == 0
