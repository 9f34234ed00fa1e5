"""The one door to the rest of bochum_kg: where the checkout's files are, the ontology, validation.

Everything else in kg.sheets works on rdflib Graphs and plain paths; only this module imports
the project's loading, validation and settings modules, so a rename there is mended here.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from bochum_kg.config import CANONICAL_BASE, Settings
from bochum_kg.kg.files import SourceFile, ontology_files, shape_files
from bochum_kg.kg.load import LoadedDataset, load_files
from bochum_kg.kg.terms import to_oxigraph
from bochum_kg.kg.validate import ValidationResult, validate

BASE = CANONICAL_BASE
__all__ = ["BASE", "Settings", "ValidationResult", "data_dir", "load_ontology", "validate_graph"]


def _canonical(settings: Settings) -> Settings:
    """The files are written with the canonical base; sheets always work with it."""
    return settings.with_changes(base_iri=BASE)


def data_dir(settings: Settings) -> Path:
    return settings.data_dir


def load_ontology(settings: Settings) -> Graph:
    """The ontology files as one rdflib Graph (labels, definitions, classes of the columns)."""
    graph = Graph()
    for source in ontology_files(_canonical(settings)):
        graph.parse(source.path, format="turtle")
    return graph


def validate_graph(data: Graph, settings: Settings) -> ValidationResult:
    """Validate ontology + this data graph with the checkout's shapes, as `bochum-kg validate` does."""
    settings = _canonical(settings)
    ontology = ontology_files(settings)
    dataset = load_files(ontology, settings)
    graph = ox.NamedNode(BASE + "graph/sheets")
    dataset.store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph) for s, p, o in data)
    files = ontology + [SourceFile(settings.data_dir / "sheets.ttl", "data", str(graph.value))]
    shapes = load_files(shape_files(settings), settings)
    return validate(LoadedDataset(store=dataset.store, files=files), shapes, settings)

