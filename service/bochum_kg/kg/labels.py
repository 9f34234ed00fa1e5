"""Human-readable names for IRIs: labels from the data in the page language, prefixes otherwise.

The label table is read from the store once, when the knowledge graph is built (the dataset
does not change while a process serves it), and falls back: asked language -> the other language -> untagged -> a
built-in name for well-known external terms -> the prefixed name -> the IRI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import URIRef

from bochum_kg.config import INSTANCE_PREFIXES

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"

#: Vocabularies we use or align with, by their usual prefix.
VOCABULARY_PREFIXES = {
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "vann": "http://purl.org/vocab/vann/",
    "org": "http://www.w3.org/ns/org#",
    "schema": SCHEMA,
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": FOAF,
    "geo": "http://www.opengis.net/ont/geosparql#",
    "wgs": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "void": VOID,
    "dcat": DCAT,
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
}



def prefixes(base: str) -> dict[str, str]:
    """Every prefix we write in Turtle and show on pages, for the configured base."""
    result = {"bs": base + "ontology#"}
    result.update(VOCABULARY_PREFIXES)
    result.update({p: base + local for p, local in INSTANCE_PREFIXES.items()})
    return result


@lru_cache(maxsize=8)
def _longest_namespaces_first(base: str) -> tuple[tuple[str, str], ...]:
    """(prefix, namespace) pairs of `prefixes(base)`, longest namespace first (equal lengths in
    their order there): the first that an IRI starts with is the one qname uses."""
    return tuple(sorted(prefixes(base).items(), key=lambda pair: -len(pair[1])))


def qname(iri: str, base: str) -> str:
    """"bs:Project" for the IRI of bs:Project; the IRI itself where no prefix fits."""
    for prefix, ns in _longest_namespaces_first(base):
        if iri.startswith(ns) and len(iri) > len(ns):
            local = iri[len(ns):]
            if "/" in local or "#" in local:
                return iri
            return f"{prefix}:{local}"
    return iri


# Names for external terms that the data uses but does not label itself.
EXTERNAL_LABELS: dict[str, tuple[str, str]] = {
    RDF + "type": ("Typ", "type"),
    RDFS + "label": ("Bezeichnung", "label"),
    RDFS + "comment": ("Kommentar", "comment"),
    RDFS + "seeAlso": ("siehe auch", "see also"),
    RDFS + "isDefinedBy": ("definiert in", "defined by"),
    RDFS + "subClassOf": ("Unterklasse von", "subclass of"),
    RDFS + "subPropertyOf": ("Untereigenschaft von", "subproperty of"),
    RDFS + "domain": ("Definitionsbereich", "domain"),
    RDFS + "range": ("Wertebereich", "range"),
    OWL + "Class": ("Klasse", "class"),
    OWL + "ObjectProperty": ("Objekteigenschaft", "object property"),
    OWL + "DatatypeProperty": ("Dateneigenschaft", "datatype property"),
    OWL + "FunctionalProperty": ("funktionale Eigenschaft", "functional property"),
    OWL + "SymmetricProperty": ("symmetrische Eigenschaft", "symmetric property"),
    OWL + "Ontology": ("Ontologie", "ontology"),
    OWL + "versionInfo": ("Version", "version"),
    OWL + "versionIRI": ("Versions-IRI", "version IRI"),
    OWL + "sameAs": ("identisch mit", "same as"),
    SKOS + "Concept": ("Begriff", "concept"),
    SKOS + "ConceptScheme": ("Begriffsschema", "concept scheme"),
    SKOS + "prefLabel": ("Vorzugsbezeichnung", "preferred label"),
    SKOS + "altLabel": ("andere Bezeichnung", "alternative label"),
    SKOS + "definition": ("Definition", "definition"),
    SKOS + "scopeNote": ("Anwendungshinweis", "scope note"),
    SKOS + "historyNote": ("Hinweis zur Geschichte", "history note"),
    SKOS + "editorialNote": ("redaktioneller Hinweis", "editorial note"),
    SKOS + "notation": ("Notation", "notation"),
    SKOS + "inScheme": ("in Schema", "in scheme"),
    SKOS + "topConceptOf": ("oberster Begriff von", "top concept of"),
    SKOS + "hasTopConcept": ("hat obersten Begriff", "has top concept"),
    SKOS + "broader": ("Oberbegriff", "broader"),
    SKOS + "narrower": ("Unterbegriff", "narrower"),
    SKOS + "related": ("verwandt", "related"),
    SKOS + "exactMatch": ("entspricht", "exact match"),
    SKOS + "closeMatch": ("ähnlich", "close match"),
    DCTERMS + "source": ("Quelle", "source"),
    DCTERMS + "description": ("Beschreibung", "description"),
    DCTERMS + "title": ("Titel", "title"),
    DCTERMS + "license": ("Lizenz", "licence"),
    DCTERMS + "creator": ("Urheber", "creator"),
    DCTERMS + "created": ("erstellt", "created"),
    DCTERMS + "modified": ("geändert", "modified"),
    DCTERMS + "date": ("Datum", "date"),
    DCTERMS + "isPartOf": ("Teil von", "is part of"),
    DCTERMS + "relation": ("Beziehung", "relation"),
    FOAF + "homepage": ("Homepage", "homepage"),
    FOAF + "page": ("Seite", "page"),
    "http://purl.org/vocab/vann/preferredNamespacePrefix": ("bevorzugtes Präfix", "preferred namespace prefix"),
    "http://purl.org/vocab/vann/preferredNamespaceUri": ("bevorzugter Namensraum", "preferred namespace URI"),
}

LABEL_PREDICATES = (RDFS + "label", SKOS + "prefLabel", DCTERMS + "title")


def read_label_rows(store, queries) -> dict[str, list[tuple]]:
    """predicate -> sorted (subject, label, language) rows, for each of LABEL_PREDICATES: read once
    at start for the label table and the label lookup (kg/label_lookup.py)."""
    return {predicate: sorted(queries.select_plain(store, "labels-of-predicate", {"predicate": URIRef(predicate)}))
            for predicate in LABEL_PREDICATES}


@dataclass
class LabelTable:
    """iri -> language ("" for untagged) -> label, read once from the store."""

    base: str
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, base: str, rows_by_predicate: dict[str, list[tuple]]) -> "LabelTable":
        """rdfs:label first: it wins over skos:prefLabel and dcterms:title for the same language."""
        table = cls(base)
        for predicate in LABEL_PREDICATES:
            for subject, text, lang in rows_by_predicate[predicate]:  # sorted: the first label in this order wins
                table.labels.setdefault(subject, {}).setdefault(lang or "", text)
        return table

    def lookup(self, iri: str, lang: str) -> tuple[str, str] | None:
        """(label, its language) in `lang`, else the other language, else untagged; None if unlabelled."""
        by_lang = self.labels.get(iri)
        if not by_lang:
            return None
        for candidate in (lang, other_language(lang), ""):
            if candidate in by_lang:
                return by_lang[candidate], candidate
        first = sorted(by_lang)[0]
        return by_lang[first], first

    def label_with_lang(self, iri: str, lang: str) -> tuple[str, str | None]:
        """(name, language of the name or None) for an IRI, following the fallbacks of this module."""
        found = self.lookup(iri, lang)
        if found is not None and found[0].strip():
            text, text_lang = found
            return text, (text_lang or None)
        if iri in EXTERNAL_LABELS:
            de, en = EXTERNAL_LABELS[iri]
            return (de, "de") if lang == "de" else (en, "en")
        return qname(iri, self.base), None

    def label(self, iri: str, lang: str) -> str:
        return self.label_with_lang(iri, lang)[0]

    def name_key(self, iri: str, lang: str) -> tuple[str, str]:
        """How the links to IRIs sort on a page (web/pages/values.py): the name folded (the IRI
        where the name is blank), then the IRI."""
        text = self.label_with_lang(iri, lang)[0]
        return ((text if text.strip() else iri).casefold(), iri)


def other_language(lang: str) -> str:
    """The fallback of the two page languages."""
    return "en" if lang == "de" else "de"
