"""Counts over the dataset for VoID, the dumps page and the service description, computed once."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal


@dataclass
class Statistics:
    triples: int
    distinct_subjects: int
    distinct_objects: int
    properties: int
    classes: int
    entities: int
    class_partitions: list[tuple[str, int]]
    property_partitions: list[tuple[str, int]]
    graphs: list[tuple[str, int]]
    vocabularies: list[str]
    sources: list[str]
    source_citations: list[tuple[str, int]]  # source URL, resources citing it
    examples: list[str] = field(default_factory=list)


def _namespace_of(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _pairs(rows, key: str) -> list[tuple[str, int]]:
    return sorted((str(r[key]), int(str(r["n"]))) for r in rows)


def compute_statistics(store, base: str, queries) -> Statistics:
    """Counts over the union graph (each distinct triple once), per class, property and graph."""
    classes = _pairs(queries.select(store, "statistics-classes").rows, "c")
    properties = _pairs(queries.select(store, "statistics-properties").rows, "p")
    vocabularies = sorted({_namespace_of(c) for c, _ in classes} | {_namespace_of(p) for p, _ in properties})
    examples = []
    for segment in ("strategy", "competence", "project", "actor", "site"):
        rows = queries.select(store, "first-member", {"ns": Literal(base + segment + "/")}).rows
        examples += [str(r["s"]) for r in rows]
    totals = queries.select(store, "statistics-totals").rows[0]
    citations = _pairs(queries.select(store, "statistics-sources").rows, "src")
    entities = queries.select(store, "statistics-entities", {"ns": Literal(base)}).rows
    return Statistics(
        triples=int(str(totals["triples"])),
        distinct_subjects=int(str(totals["subjects"])),
        distinct_objects=int(str(totals["objects"])),
        properties=len(properties),
        classes=len(classes),
        entities=int(str(entities[0]["n"])) if entities else 0,
        class_partitions=classes,
        property_partitions=properties,
        graphs=_pairs(queries.select(store, "statistics-graphs").rows, "g"),
        vocabularies=vocabularies,
        sources=[url for url, _ in citations],
        source_citations=citations,
        examples=examples,
    )
