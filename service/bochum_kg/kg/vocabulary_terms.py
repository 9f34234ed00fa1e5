"""The ontology's classes and properties as a small JSON list (workbench autocompletion, /api/terms)."""

from __future__ import annotations

from rdflib import Literal

from bochum_kg.kg import labels

def ontology_terms(graph) -> dict:
    """{"prefixes": {...}, "classes": [...], "properties": [...]}; each term with name and labels."""
    settings = graph.settings
    found: dict[tuple[str, str], dict] = {}
    for row in graph.select("ontology-term-labels", {"ns": Literal(settings.ontology_namespace)}).rows:
        iri, kind = str(row["term"]), str(row["kind"])
        entry = found.setdefault((kind, iri), {"iri": iri, "name": labels.qname(iri, settings.base_iri), "labels": {}})
        label = row.get("label")
        if isinstance(label, Literal):
            entry["labels"].setdefault(label.language or "", str(label))
    ordered = sorted(found.items(), key=lambda item: item[1]["name"])
    return {
        "prefixes": labels.prefixes(settings.base_iri),
        "classes": [entry for (kind, _), entry in ordered if kind == "class"],
        "properties": [entry for (kind, _), entry in ordered if kind == "property"],
    }
