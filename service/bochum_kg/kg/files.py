"""Which files make up the knowledge graph and which named graph each one becomes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bochum_kg.config import Settings


@dataclass(frozen=True)
class SourceFile:
    """One Turtle file of the checkout and the named graph it is loaded into."""

    path: Path
    kind: str  # "ontology" | "data" | "shapes"
    graph_iri: str

    @property
    def name(self) -> str:
        return self.path.stem


def graph_iri_for(settings: Settings, kind: str, path: Path) -> str:
    """ontology/x.ttl -> {base}ontology (the ontology IRI); data/projects.ttl -> {base}graph/projects."""
    if kind == "ontology":
        return settings.base_iri + "ontology"
    if kind == "shapes":
        return settings.base_iri + "graph/shapes/" + path.stem
    return settings.base_iri + "graph/" + path.stem


def _turtle_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.ttl") if p.is_file())


def ontology_files(settings: Settings) -> list[SourceFile]:
    return [SourceFile(p, "ontology", graph_iri_for(settings, "ontology", p)) for p in _turtle_files(settings.ontology_dir)]


def data_files(settings: Settings) -> list[SourceFile]:
    return [SourceFile(p, "data", graph_iri_for(settings, "data", p)) for p in _turtle_files(settings.data_dir)]


def shape_files(settings: Settings) -> list[SourceFile]:
    return [SourceFile(p, "shapes", graph_iri_for(settings, "shapes", p)) for p in _turtle_files(settings.shapes_dir)]


def dataset_files(settings: Settings) -> list[SourceFile]:
    """The files served as the dataset: the ontology and the instance data, each its own named graph."""
    return ontology_files(settings) + data_files(settings)
