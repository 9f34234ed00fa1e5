"""Compacted JSON-LD written straight from pyoxigraph triples, for RDF documents too big for rdflib.

rdflib's compaction took ~0.2 ms per triple (a hub's document at 5M triples: 1.9 s). This writes
the same shape (kg/rdf_documents.serialize): {"@context": URL, "@graph": [one node per subject]},
keys the context's terms where every value fits the term (an @id term for links, a language map
for texts that all have a language, a datatype term for literals of that type), else the compact
IRI; values as JSON-LD value objects otherwise. The bytes differ from rdflib's, the triples do not.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Iterable

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Compactor:
    """What the writer needs of a context (a dict as kg/rdf_documents.build_context makes it)."""

    def __init__(self, context: dict):
        self.prefixes = sorted(((name, iri) for name, iri in context.items()
                                if isinstance(iri, str) and iri.endswith(("/", "#"))), key=lambda p: -len(p[1]))
        self.terms: dict[str, tuple[str, dict]] = {}  # property IRI -> (term, its definition)
        self.classes: dict[str, str] = {}  # class IRI -> term (a plain definition: "Project": "bs:Project")
        for name, definition in sorted(context.items()):
            if isinstance(definition, str):
                if definition.endswith(("/", "#")):
                    continue  # a prefix
                self.classes.setdefault(self.expand(definition), name)
                definition = {"@id": definition}
            if isinstance(definition, dict) and "@id" in definition:
                self.terms.setdefault(self.expand(definition["@id"]), (name, definition))

    def expand(self, value: str) -> str:
        prefix, _, local = value.partition(":")
        for name, iri in self.prefixes:
            if name == prefix:
                return iri + local
        return value

    def compact(self, iri: str) -> str:
        """A compact IRI (prefix:local) where a prefix fits and the local part cannot be misread, else the IRI."""
        for name, namespace in self.prefixes:
            local = iri[len(namespace):]
            if iri.startswith(namespace) and local and not local.startswith("//"):
                return f"{name}:{local}"
        return iri


def _node_id(term) -> str:
    return "_:" + term.value if isinstance(term, ox.BlankNode) else term.value


def _value_object(term) -> dict | str:
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@language": term.language, "@value": term.value}
        if term.datatype.value == XSD_STRING:
            return term.value  # no key it is written under coerces a type (_property)
        return {"@type": term.datatype.value, "@value": term.value}
    return {"@id": _node_id(term)}


def _property(compactor: Compactor, predicate: str, objects: list) -> tuple[str, object]:
    """(key, value) of one property of a node: a term of the context where all values fit it."""
    found = compactor.terms.get(predicate)
    if found is not None:
        name, definition = found
        container, kind = definition.get("@container"), definition.get("@type")
        if container == "@language":
            if all(isinstance(o, ox.Literal) and o.language for o in objects):
                by_language: dict[str, list[str]] = {}
                for o in objects:
                    by_language.setdefault(o.language, []).append(o.value)
                return name, {lang: _single(texts) for lang, texts in sorted(by_language.items())}
        elif container is None and kind is None:
            return name, _single([_value_object(o) for o in objects])
        elif container is None and kind == "@id":
            if all(not isinstance(o, ox.Literal) for o in objects):
                return name, _single([_node_id(o) for o in objects])
        elif container is None and compactor.expand(kind) != XSD_STRING:  # rdflib reads "x" there as "x"^^xsd:string
            datatype = compactor.expand(kind)
            if all(isinstance(o, ox.Literal) and not o.language and o.datatype.value == datatype for o in objects):
                return name, _single([o.value for o in objects])
    return compactor.compact(predicate), _single([_value_object(o) for o in objects])


def _single(values: list):
    return values[0] if len(values) == 1 else values


def _node(compactor: Compactor, subject, properties: dict[str, list]) -> dict:
    node: dict = {"@id": _node_id(subject)}
    types = properties.pop(RDF_TYPE, [])
    if types and all(not isinstance(t, ox.Literal) for t in types):
        node["@type"] = _single([compactor.classes.get(t.value) or compactor.compact(t.value) if isinstance(t, ox.NamedNode)
                                 else _node_id(t) for t in types])
    elif types:
        properties[RDF_TYPE] = types
    for key, value in sorted((_property(compactor, p, objects) for p, objects in properties.items()), key=lambda kv: kv[0]):
        node[key] = value
    return node


def write_jsonld(triples: Iterable[ox.Triple], context: dict, context_url: str) -> bytes:
    """The triples as a compacted JSON-LD document that refers to `context` (a dict) by `context_url`."""
    compactor = Compactor(context)
    subjects: dict = {}
    for triple in triples:
        subjects.setdefault(triple.subject, {}).setdefault(triple.predicate.value, []).append(triple.object)
    graph = [_node(compactor, s, properties) for s, properties in subjects.items()]
    out: list[str] = []
    _write({"@context": context_url, "@graph": graph}, "", out)
    out.append("\n")
    return "".join(out).encode("utf-8")


def _write(value, indent: str, out: list[str]) -> None:
    """The text json.dumps(value, ensure_ascii=False, indent=2) writes, in half its time (with indent
    it runs in Python, not C) for a document of strings, lists and dicts."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
        return
    if not value:
        out.append("{}" if isinstance(value, dict) else "[]")
        return
    inner = "\n" + indent + "  "
    if isinstance(value, dict):
        out.append("{")
        for number, (key, item) in enumerate(value.items()):
            out.append(("," if number else "") + inner + encode_basestring(key) + ": ")
            _write(item, indent + "  ", out)
        out.append("\n" + indent + "}")
    else:
        out.append("[")
        for number, item in enumerate(value):
            out.append(("," if number else "") + inner)
            _write(item, indent + "  ", out)
        out.append("\n" + indent + "]")
