"""Reading resources as nodes and links for the relationship views (explorer, paths, gaps).

Everything here reads through the store interface (select only), so the views answer from the
embedded store and from a remote endpoint alike. A *node* is a resource of the dataset: it has an
rdf:type. Web pages named as sources or homepages are not nodes. Qualified participations
(project -> participation -> actor) are folded into one link labelled with the role, which is
how a planner reads them ("Ruhr-Universität Bochum leads Worldfactory").
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from bochum_kg.kg import labels

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"

LANGUAGES = ("de", "en")

#: Names for classes outside our ontology that still appear as node classes.
EXTERNAL_CLASS_LABELS = {
    SKOS + "Concept": {"de": "Begriff", "en": "Concept"},
    SKOS + "ConceptScheme": {"de": "Begriffsschema", "en": "Concept scheme"},
    OWL + "Class": {"de": "Klasse", "en": "Class"},
    OWL + "ObjectProperty": {"de": "Objekteigenschaft", "en": "Object property"},
    OWL + "DatatypeProperty": {"de": "Dateneigenschaft", "en": "Datatype property"},
    OWL + "Ontology": {"de": "Ontologie", "en": "Ontology"},
}

#: Links that describe documents or typing rather than relationships between things.
NON_RELATIONSHIP_PREDICATES = frozenset({
    RDF_TYPE,
    DCTERMS + "source",
    FOAF + "homepage",
    RDFS + "seeAlso",
    RDFS + "isDefinedBy",
    DCTERMS + "license",
})

# An IRI we may write into a query between < >: no characters the IRIREF production forbids,
# and valid by RFC 3987 as the store checks it (pyoxigraph's own parser decides).
_SAFE_IRI = re.compile(r'^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>"{}|^`\\]*$')


def is_safe_iri(value: str) -> bool:
    if not isinstance(value, str) or not _SAFE_IRI.match(value):
        return False
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def expand(name: str, base_iri: str) -> str | None:
    """The IRI for `prefix:local` (the graph's prefixes), or None when the prefix is unknown."""
    table = labels.prefixes(base_iri)
    prefix, sep, local = name.partition(":")
    if not sep or prefix not in table or local.startswith("//"):
        return None
    return table[prefix] + local


def local_name(iri: str) -> str:
    cut = max(iri.rfind("/"), iri.rfind("#"))
    return iri[cut + 1:] or iri


def pick_label(labels: dict[str, str], lang: str, fallback: str) -> str:
    """The label in `lang`, else in the other language, else any, else `fallback`."""
    if labels.get(lang):
        return labels[lang]
    for other in LANGUAGES:
        if labels.get(other):
            return labels[other]
    if labels.get(""):
        return labels[""]
    for value in labels.values():
        return value
    return fallback


@dataclass
class NodeInfo:
    iri: str
    labels: dict[str, str] = field(default_factory=dict)
    types: list[str] = field(default_factory=list)

    @property
    def is_resource(self) -> bool:
        return bool(self.types)

    def label(self, lang: str) -> str:
        return pick_label(self.labels, lang, local_name(self.iri))


def _add_label(labels: dict[str, str], literal) -> None:
    if not isinstance(literal, Literal):
        return
    lang = (literal.language or "").lower()
    key = lang if lang in LANGUAGES else ("" if not lang else lang)
    labels.setdefault(key, str(literal))


def node_infos(knowledge, iris, chunk: int = 200) -> dict[str, NodeInfo]:
    """Labels (rdfs:label by language) and rdf:types of each IRI; unknown IRIs get empty info."""
    wanted = sorted({i for i in iris if is_safe_iri(i)})
    infos = {i: NodeInfo(i) for i in wanted}
    for start in range(0, len(wanted), chunk):
        part = [URIRef(i) for i in wanted[start:start + chunk]]
        for row in knowledge.select("node-infos", {"n": part}).rows:
            info = infos[str(row["n"])]
            if "type" in row and str(row["type"]) not in info.types:
                info.types.append(str(row["type"]))
            if "label" in row:
                _add_label(info.labels, row["label"])
    for info in infos.values():
        info.types.sort()
    return infos


@dataclass
class ClassInfo:
    iri: str
    labels: dict[str, str]
    superclasses: set[str]


def class_infos(knowledge, ontology_namespace: str) -> dict[str, ClassInfo]:
    """Every class of our ontology with its labels and (transitive) superclasses."""
    classes: dict[str, ClassInfo] = {}
    for row in knowledge.select("class-infos", {"ns": Literal(ontology_namespace)}).rows:
        iri = str(row["c"])
        info = classes.setdefault(iri, ClassInfo(iri, {}, set()))
        if "label" in row:
            _add_label(info.labels, row["label"])
        if "super" in row:
            info.superclasses.add(str(row["super"]))
    for iri, names in EXTERNAL_CLASS_LABELS.items():
        classes.setdefault(iri, ClassInfo(iri, dict(names), set()))
    return classes


def primary_class(types: list[str], classes: dict[str, ClassInfo], ontology_namespace: str) -> str | None:
    """The most specific of a node's classes, preferring our ontology's ("Hochschule", not "Concept")."""
    if not types:
        return None
    ours = [t for t in types if t.startswith(ontology_namespace)]
    candidates = ours or types
    supers = set()
    for t in candidates:
        if t in classes:
            supers |= classes[t].superclasses
    specific = [t for t in candidates if t not in supers] or candidates
    return sorted(specific)[0]


def class_label(iri: str | None, classes: dict[str, ClassInfo], lang: str) -> str:
    if iri is None:
        return {"de": "Ressource", "en": "Resource"}[lang if lang in LANGUAGES else "de"]
    info = classes.get(iri)
    return pick_label(info.labels if info else {}, lang, local_name(iri))


@dataclass(frozen=True)
class Link:
    """A relationship between two resources; `role` set when it folds a participation."""

    source: str
    predicate: str
    target: str
    role: str | None = None

    @property
    def key(self) -> str:
        return f"{self.source} {self.predicate} {self.role or ''} {self.target}"


def folded_participations(store, queries, ontology_namespace: str, around: str | None = None) -> list[Link]:
    """Project -> actor links, one per participation, labelled with the role (all, or those touching `around`)."""
    if around is None:
        rows = queries.select_plain(store, "participation-links")
    else:
        if not is_safe_iri(around):
            raise ValueError(f"not an IRI: {around!r}")
        # one query with the resource as project, one as actor: bound so, the engine reads its
        # participations only (a FILTER on either scanned every participation: 1 s at 5M triples)
        node = URIRef(around)
        rows = queries.select_plain(store, "participation-links", {"project": node})
        rows += [row for row in queries.select_plain(store, "participation-links", {"actor": node}) if row[0] != around]
    predicate = ontology_namespace + "participation"
    return [Link(project, predicate, actor, role) for project, actor, role, _ in rows]


def participation_nodes(knowledge, ontology_namespace: str, iris) -> set[str]:
    """Which of these IRIs are participations (folded away in the views)."""
    wanted = [URIRef(i) for i in iris if is_safe_iri(i)]
    if not wanted:
        return set()
    return {str(r["n"]) for r in knowledge.select("participation-nodes", {"n": wanted}).rows}
