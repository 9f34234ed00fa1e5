"""The ontology's classes and properties as a small JSON list (workbench autocompletion, /api/terms)."""

from __future__ import annotations

from rdflib import Literal

from bochum_kg.kg import labels

TERMS = """
SELECT ?term ?kind ?label WHERE {
  VALUES (?type ?kind) {
    (<http://www.w3.org/2002/07/owl#Class> "class")
    (<http://www.w3.org/2002/07/owl#ObjectProperty> "property")
    (<http://www.w3.org/2002/07/owl#DatatypeProperty> "property")
    (<http://www.w3.org/2002/07/owl#AnnotationProperty> "property")
  }
  ?term a ?type .
  FILTER(isIRI(?term) && STRSTARTS(STR(?term), $NS))
  OPTIONAL { ?term <http://www.w3.org/2000/01/rdf-schema#label> ?label }
}
"""


def ontology_terms(store, settings) -> dict:
    """{"prefixes": {...}, "classes": [...], "properties": [...]}; each term with name and labels."""
    ns = settings.ontology_namespace
    found: dict[tuple[str, str], dict] = {}
    for row in store.select(TERMS.replace("$NS", Literal(ns).n3())).rows:
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
