"""The embedded store: the dataset in a pyoxigraph Store, the default graph the union of all graphs."""

from __future__ import annotations

from typing import Mapping

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from ..config import Settings
from ..loading import LoadedDataset, load_dataset
from .base import SelectResult
from .terms import to_oxigraph, to_rdflib


class DataInvalidError(Exception):
    """The data does not conform to the shapes; the service must not start."""

    def __init__(self, result):
        self.result = result
        super().__init__(result.text())


class EmbeddedStore:
    def __init__(self, dataset: LoadedDataset, settings: Settings):
        self.dataset = dataset
        self.settings = settings
        self.store = dataset.store

    def _query(self, sparql: str, bindings: Mapping[str, Node] | None):
        substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        return self.store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions or None)

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None) -> SelectResult:
        solutions = self._query(sparql, bindings)
        variables = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in variables:
                value = solution[name]
                if value is not None:
                    row[name] = to_rdflib(value)
            rows.append(row)
        return SelectResult(variables=variables, rows=rows)

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None) -> bool:
        return bool(self._query(sparql, bindings))

    def construct(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None) -> Graph:
        graph = Graph()
        for triple in self._query(sparql, bindings):
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        return graph

    def graph_names(self) -> list[str]:
        return self.dataset.graph_iris


def open_embedded_store(settings: Settings) -> EmbeddedStore:
    """Load ontology + data, validate against the shapes (unless disabled), and wrap them."""
    dataset = load_dataset(settings)
    if settings.validate_on_start:
        from ..loading import load_shapes
        from ..validation import validate

        result = validate(dataset, load_shapes(settings), settings)
        if not result.conforms:
            raise DataInvalidError(result)
    return EmbeddedStore(dataset, settings)
