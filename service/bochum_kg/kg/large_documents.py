"""RDF documents of resources with many links (hubs), written from pyoxigraph's own terms.

A resource's document (kg/describe.resource_graph) went through an rdflib graph and rdflib's
serialisers at ~0.2 ms per triple: at 5M generated triples /role/lead.ttl (35,000 inbound links)
took 2.9 s. Past LARGE_DOCUMENT_TRIPLES the same triples are read from the store's quads and
written by pyoxigraph (Turtle, N-Triples, RDF/XML; kg/jsonld_writer.py for JSON-LD), like the
big named graphs (kg/dumps.write_graph). Smaller documents keep rdflib's bytes, written from an
rdflib graph of the same triples (store.base.capped_graph), so that the store is read once per document.
"""

from __future__ import annotations

import pyoxigraph as ox

from bochum_kg.kg import formats as neg
from bochum_kg.kg.jsonld_writer import write_jsonld
from bochum_kg.kg.labels import prefixes

#: Past this many triples a resource's document is written by pyoxigraph; the real data's largest
#: (a scheme, a role) has under 100, the 500k generated data's hubs thousands.
LARGE_DOCUMENT_TRIPLES = 500
_FORMATS = {neg.TURTLE: ox.RdfFormat.TURTLE, neg.NTRIPLES: ox.RdfFormat.N_TRIPLES, neg.RDFXML: ox.RdfFormat.RDF_XML}


def document_triples(store, iri: str) -> list[ox.Triple] | None:
    """The triples of the resource's document (outgoing with the blank nodes they reach, and inbound)
    in a stable order, from the embedded store's quads; None for a remote store."""
    inner = getattr(store, "store", None)
    if not isinstance(inner, ox.Store):
        return None
    resource = ox.NamedNode(iri)
    found: dict[ox.Triple, None] = {}  # every named graph holds its own copy of a triple: once here
    queue, seen = [resource], set()
    while queue:
        subject = queue.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for quad in inner.quads_for_pattern(subject, None, None, None):
            found.setdefault(quad.triple)
            if isinstance(quad.object, ox.BlankNode):
                queue.append(quad.object)
    for quad in inner.quads_for_pattern(None, None, resource, None):
        found.setdefault(quad.triple)
    return sorted(found, key=str)


def large_document(triples: list[ox.Triple] | None, mimetype: str, base: str, context: dict,
                   context_url: str) -> bytes | None:
    """The document of these triples (document_triples') as `mimetype` when there are more than
    LARGE_DOCUMENT_TRIPLES of them, else None (as for a remote store's None): then rdflib writes it."""
    if mimetype != neg.JSONLD and mimetype not in _FORMATS:
        return None
    if triples is None or len(triples) <= LARGE_DOCUMENT_TRIPLES:
        return None
    if mimetype == neg.JSONLD:
        return write_jsonld(triples, context, context_url)
    names = None if mimetype == neg.NTRIPLES else prefixes(base)
    return ox.serialize(triples, format=_FORMATS[mimetype], prefixes=names)
