"""IRIs, slugs and prefixes: how a term of the graph is named in a sheet and in Turtle.

Our IRIs are `{BASE}{kind}/{slug}`; in sheets they appear as the readable slug `kind/slug`
(`competence/talentschmiede-im-ruhrgebiet`). The Turtle prefix of a kind is the kind without
hyphens (`goal-area/` -> `goalarea:`), so a new kind of resource gets a prefix without any table.
"""

from __future__ import annotations

import functools
import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from .project_data import BASE

ONTOLOGY = BASE + "ontology#"

#: Well-known vocabularies used by the ontology and the data (prefix -> namespace).
WELL_KNOWN = {
    "bs": ONTOLOGY,
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vann": "http://purl.org/vocab/vann/",
    "wgs": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "xsd": str(XSD),
}

_KIND = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SLUG = re.compile(r"^[A-Za-z0-9._~%-]+$")
# Turtle PN_LOCAL, restricted to what our names use: no escapes, no trailing dot.
_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_PREFIXED = re.compile(r"^([a-z][a-z0-9]*):([A-Za-z0-9_][A-Za-z0-9_.-]*)$")


def kind_of(term) -> str | None:
    """`project` for {BASE}project/x; None for anything that is not one of our resources."""
    if not isinstance(term, URIRef):
        return None
    return _kind_of_iri(str(term))


@functools.lru_cache(maxsize=65536)  # asked about the same IRIs again and again (writer, model, changes)
def _kind_of_iri(iri: str) -> str | None:
    if not iri.startswith(BASE):
        return None
    kind, sep, slug = iri[len(BASE):].partition("/")
    if not sep or not _KIND.match(kind) or not _SLUG.match(slug):
        return None
    return kind


def slug_of(term: URIRef) -> str:
    """The readable name of one of our resources: `project/haus-des-wissens`."""
    return str(term)[len(BASE):]


def iri_of_slug(slug: str) -> URIRef | None:
    """`project/x` -> the IRI, or None when the text is not of the form kind/slug."""
    iri = URIRef(BASE + slug)
    return iri if kind_of(iri) is not None and slug == str(iri)[len(BASE):] else None


def kind_prefix(kind: str) -> str:
    return kind.replace("-", "")


class PrefixTable(dict):
    """Prefix -> namespace, with the reverse lookup that compact() needs on every term."""

    def __init__(self, table: dict[str, str]):
        super().__init__(sorted(table.items()))
        self.by_namespace = {namespace: prefix for prefix, namespace in self.items()}


def prefix_table(kinds) -> PrefixTable:
    """Prefix -> namespace: the well-known vocabularies plus one prefix per kind of ours."""
    table = dict(WELL_KNOWN)
    table.update({kind_prefix(k): f"{BASE}{k}/" for k in kinds})
    return PrefixTable(table)


def compact(iri: URIRef, prefixes: dict[str, str]) -> str | None:
    """`bs:CoreActivity` for an IRI in a known namespace with a plain local name, else None."""
    text = str(iri)
    cut = max(text.rfind("/"), text.rfind("#")) + 1  # our namespaces end in / or #, local names have neither
    by_namespace = getattr(prefixes, "by_namespace", None) or {ns: p for p, ns in prefixes.items()}
    prefix = by_namespace.get(text[:cut])
    if prefix is None or not _LOCAL.match(text[cut:]):
        return None
    return f"{prefix}:{text[cut:]}"


def expand(name: str, prefixes: dict[str, str]) -> URIRef | None:
    """`bs:CoreActivity` -> the IRI; None for an unknown prefix or not a prefixed name."""
    match = _PREFIXED.match(name)
    if not match or match.group(1) not in prefixes:
        return None
    return URIRef(prefixes[match.group(1)] + match.group(2))


def turtle_iri(iri: URIRef, prefixes: dict[str, str]) -> str:
    return compact(iri, prefixes) or "<" + _escape_iri(str(iri)) + ">"


# Characters an IRI in Turtle writes as \uXXXX, and the escapes of a string literal (str.translate tables).
_IRI_ESCAPES = str.maketrans({c: f"\\u{ord(c):04X}" for c in '<>"{}|^`\\' + "".join(map(chr, range(0x21)))})
_STRING_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _escape_iri(text: str) -> str:
    return text.translate(_IRI_ESCAPES)


_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?[0-9]*\.[0-9]+$")
# Looked up once: rdflib resolves a namespace attribute on every use.
_INTEGER_TYPE, _DECIMAL_TYPE, _BOOLEAN_TYPE, _STRING_TYPE = XSD.integer, XSD.decimal, XSD.boolean, XSD.string


def turtle_literal(literal: Literal, prefixes: dict[str, str]) -> str:
    """One canonical Turtle form per literal: shorthand for integer, decimal and boolean."""
    lexical = str(literal)
    datatype = literal.datatype
    if datatype == _INTEGER_TYPE and _INTEGER.match(lexical):
        return lexical
    if datatype == _DECIMAL_TYPE and _DECIMAL.match(lexical):
        return lexical
    if datatype == _BOOLEAN_TYPE and lexical in ("true", "false"):
        return lexical
    quoted = '"' + lexical.translate(_STRING_ESCAPES) + '"'
    if literal.language:
        return f"{quoted}@{literal.language}"
    if datatype is not None and datatype != _STRING_TYPE:
        return f"{quoted}^^{turtle_iri(datatype, prefixes)}"
    return quoted


def turtle_term(term, prefixes: dict[str, str]) -> str:
    if isinstance(term, Literal):
        return turtle_literal(term, prefixes)
    if isinstance(term, URIRef):
        return turtle_iri(term, prefixes)
    raise ValueError(f"blank nodes are not supported in data/ (every resource has an IRI): {term!r}")
