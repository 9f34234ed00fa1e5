"""The union data graph remembers the objects pySHACL asks for: the same report as without, and
never when SHACL rules could write to the data graph."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
from pyshacl.graph_abstraction import OxigraphDataGraph
from test_validation_shapes import INVALID, VALID, dataset_of_cases, settings_for, shapes

import bochum_kg.kg.validate as validation
from bochum_kg.config import CANONICAL_BASE
from bochum_kg.kg.load import LoadedDataset
from bochum_kg.kg.shacl_data_graph import UnionDataGraph

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _report(monkeypatch, remember: bool):
    if not remember:
        monkeypatch.setattr(UnionDataGraph, "objects", OxigraphDataGraph.objects)
    data = dataset_of_cases(CANONICAL_BASE, INVALID + VALID)
    result = validation.validate(data, shapes(CANONICAL_BASE), settings_for(CANONICAL_BASE))
    monkeypatch.undo()
    return result


def test_remembering_objects_changes_no_result(monkeypatch):
    remembered, plain = _report(monkeypatch, True), _report(monkeypatch, False)
    assert len(plain.results) > 50  # every invalid case at once: enough to compare
    assert Counter((r.key(), r.message) for r in remembered.results) == Counter(
        (r.key(), r.message) for r in plain.results)


def test_nothing_is_remembered_when_shapes_have_rules(monkeypatch):
    data_graphs = []
    run = validation.pyshacl.validate

    def recorded(data_graph, **options):
        data_graphs.append(data_graph)
        return run(data_graph, **options)

    monkeypatch.setattr(validation.pyshacl, "validate", recorded)
    settings = settings_for(CANONICAL_BASE)
    data = dataset_of_cases(CANONICAL_BASE, [])
    validation.validate(data, shapes(CANONICAL_BASE), settings)
    with_rule = ox.Store()
    with_rule.extend(shapes(CANONICAL_BASE).store)
    rule, sh = ox.BlankNode(), "http://www.w3.org/ns/shacl#"
    for predicate, obj in ((RDF_TYPE, ox.NamedNode(sh + "TripleRule")), (sh + "subject", ox.NamedNode(sh + "this")),
                           (sh + "predicate", ox.NamedNode(CANONICAL_BASE + "ontology#note")),
                           (sh + "object", ox.Literal("added by a rule"))):
        with_rule.add(ox.Quad(rule, ox.NamedNode(predicate), obj))
    with_rule.add(ox.Quad(ox.NamedNode(CANONICAL_BASE + "shapes#SourceShape"), ox.NamedNode(sh + "rule"), rule))
    validation.validate(data, LoadedDataset(store=with_rule, files=[]), settings)
    assert [graph._objects is not None for graph in data_graphs] == [True, False]
