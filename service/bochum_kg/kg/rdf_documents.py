"""Serialising graphs for the linked-data documents, and the published JSON-LD @context.

JSON-LD is compacted with the context served at /context.jsonld (terms for every class and
property of the ontology, language maps for labels and descriptions, IRIs for links); the
document then refers to that URL instead of repeating the context.
"""

from __future__ import annotations

import json
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager

from bochum_kg.kg import formats as neg
from bochum_kg.kg.labels import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, VOCABULARY_PREFIXES, prefixes

RDFLIB_FORMATS = {
    neg.TURTLE: "turtle",
    neg.NTRIPLES: "nt",
    neg.JSONLD: "json-ld",
    neg.RDFXML: "pretty-xml",
    neg.TRIG: "trig",
    neg.NQUADS: "nquads",
}

# External terms with a short name in the context; language maps for texts, @id for links.
_EXTERNAL_TERMS = {
    "label": {"@id": RDFS + "label", "@container": "@language"},
    "altLabel": {"@id": SKOS + "altLabel", "@container": "@language"},
    "prefLabel": {"@id": SKOS + "prefLabel", "@container": "@language"},
    "description": {"@id": DCTERMS + "description", "@container": "@language"},
    "definition": {"@id": SKOS + "definition", "@container": "@language"},
    "scopeNote": {"@id": SKOS + "scopeNote", "@container": "@language"},
    "historyNote": {"@id": SKOS + "historyNote", "@container": "@language"},
    "title": {"@id": DCTERMS + "title", "@container": "@language"},
    "notation": {"@id": SKOS + "notation"},
    "source": {"@id": DCTERMS + "source", "@type": "@id"},
    "homepage": {"@id": FOAF + "homepage", "@type": "@id"},
    "license": {"@id": DCTERMS + "license", "@type": "@id"},
    "inScheme": {"@id": SKOS + "inScheme", "@type": "@id"},
    "topConceptOf": {"@id": SKOS + "topConceptOf", "@type": "@id"},
    "hasTopConcept": {"@id": SKOS + "hasTopConcept", "@type": "@id"},
    "broader": {"@id": SKOS + "broader", "@type": "@id"},
    "seeAlso": {"@id": RDFS + "seeAlso", "@type": "@id"},
    "isDefinedBy": {"@id": RDFS + "isDefinedBy", "@type": "@id"},
    "subClassOf": {"@id": RDFS + "subClassOf", "@type": "@id"},
    "subPropertyOf": {"@id": RDFS + "subPropertyOf", "@type": "@id"},
    "domain": {"@id": RDFS + "domain", "@type": "@id"},
    "range": {"@id": RDFS + "range", "@type": "@id"},
    "Concept": SKOS + "Concept",
    "ConceptScheme": SKOS + "ConceptScheme",
}

def build_context(store, base: str, queries) -> dict:
    """The JSON-LD context for a dataset with this base: vocabulary prefixes and ontology terms."""
    ns = base + "ontology#"
    context: dict = {"bs": ns}
    context.update(VOCABULARY_PREFIXES)
    terms: dict = {}
    rows = queries.select(store, "ontology-terms", {"ns": Literal(ns)}).rows
    by_term: dict[str, dict] = {}
    for row in rows:
        entry = by_term.setdefault(str(row["term"]), {"kinds": set(), "ranges": set()})
        entry["kinds"].add(str(row["kind"]))
        if "range" in row:
            entry["ranges"].add(str(row["range"]))
    for iri in sorted(by_term):
        local = iri[len(ns):]
        kinds, ranges = by_term[iri]["kinds"], by_term[iri]["ranges"]
        if OWL + "Class" in kinds:
            terms[local] = "bs:" + local
        elif OWL + "ObjectProperty" in kinds:
            terms[local] = {"@id": "bs:" + local, "@type": "@id"}
        elif ranges == {RDF + "langString"}:
            terms[local] = {"@id": "bs:" + local, "@container": "@language"}
        elif len(ranges) == 1 and next(iter(ranges)).startswith(VOCABULARY_PREFIXES["xsd"]):
            terms[local] = {"@id": "bs:" + local, "@type": next(iter(ranges))}
        else:
            terms[local] = "bs:" + local
    for name, definition in _EXTERNAL_TERMS.items():
        terms.setdefault(name, definition)
    context.update(terms)
    return context


def bind_prefixes(graph, base: str) -> None:
    """Bind our prefixes so that Turtle, TriG and RDF/XML read well (and rdflib's defaults do not leak)."""
    graph.namespace_manager = NamespaceManager(graph, bind_namespaces="core")  # core keeps xml: for RDF/XML
    for prefix, namespace in prefixes(base).items():
        graph.bind(prefix, URIRef(namespace), override=True, replace=True)


def serialize(graph: Graph, mimetype: str, base: str, context: dict | None = None, context_url: str | None = None) -> bytes:
    """`graph` in `mimetype` as UTF-8 bytes, the same bytes for the same triples in every process.

    JSON-LD is compacted with `context`; with `context_url` the document refers to the published
    context by URL instead of embedding it.

    rdflib hands out a graph's triples from a set, and its JSON-LD and RDF/XML writers collect
    subjects and namespaces in sets, so N-Triples, JSON-LD and RDF/XML used to come out in an order
    that follows the process's hash seed: after a restart, or from a second server, the same data
    gave other bytes and another ETag. N-Triples' lines are sorted; JSON-LD and RDF/XML are written
    from a graph in sorted order, then JSON-LD's nodes are sorted by @id and RDF/XML's namespace
    declarations by name. (The Turtle and TriG writers sort by themselves.)
    """
    if mimetype == neg.JSONLD:
        context = context if context is not None else {}
        text = in_sorted_order(graph).serialize(format="json-ld", context=context, auto_compact=True)
        data = json.loads(text)
        if isinstance(data, dict) and isinstance(data.get("@graph"), list):
            data["@graph"].sort(key=_node_order)
        if context_url is not None and isinstance(data, dict):
            data["@context"] = context_url
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if mimetype == neg.RDFXML:
        graph = in_sorted_order(graph)
    bind_prefixes(graph, base)
    text = graph.serialize(format=RDFLIB_FORMATS[mimetype])
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    if mimetype == neg.RDFXML:
        text = _namespace_declarations_sorted(text)
    elif mimetype == neg.NTRIPLES:  # one triple per line: sorting the lines sorts the triples
        text = "".join(sorted(text.splitlines(keepends=True)))
    return text.encode("utf-8")


def in_sorted_order(graph: Graph) -> Graph:
    """The graph's triples in one fixed order, in a store that hands them out in the order they
    were added (rdflib's SimpleMemory keeps dicts, its default store a set)."""
    ordered = Graph(store="SimpleMemory")
    for triple in sorted(graph, key=_triple_order):
        ordered.add(triple)
    return ordered


def _triple_order(triple) -> tuple:
    """A total order of triples: the terms' texts, then what else tells two terms apart."""
    s, p, o = triple
    return (str(s), type(s).__name__, str(p), str(o), type(o).__name__,
            getattr(o, "language", None) or "", str(getattr(o, "datatype", None) or ""))


def _node_order(node) -> tuple[str, str]:
    """JSON-LD's top-level nodes by @id (rdflib gives every one an @id; the whole node breaks a tie)."""
    if isinstance(node, dict) and isinstance(node.get("@id"), str):
        return node["@id"], ""
    return "", json.dumps(node, sort_keys=True)


def _namespace_declarations_sorted(text: str) -> str:
    """rdflib's RDF/XML with the root element's attribute lines (one per line, as it writes them) sorted."""
    opening = text.find("<rdf:RDF\n")
    end = text.find("\n>", opening)
    if opening < 0 or end < 0:
        return text
    start = opening + len("<rdf:RDF\n")
    lines = text[start:end].split("\n")
    if not all(line.startswith("  xml") for line in lines):
        return text
    return text[:start] + "\n".join(sorted(lines)) + text[end:]


def compact_jsonld(document: bytes, base: str, context: dict) -> bytes:
    """A JSON-LD document of any form, compacted with `context` (for clients that ask for
    application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"). Needs no app context,
    so it can run in a deadline-guarded thread."""
    graph = Graph()
    graph.parse(data=document, format="json-ld")
    return serialize(graph, neg.JSONLD, base, context)
