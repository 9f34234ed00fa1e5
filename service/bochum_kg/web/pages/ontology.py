"""The ontology's documentation page and its RDF: every class and property in German and English.

The ontology uses hash IRIs ({base}ontology#Term), so one document serves all terms; each term
is a section with the local name as its id, and `/ontology#Term` lands on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from bochum_kg.web import iris
from bochum_kg.web.context import kg
from bochum_kg.kg.labels import DCTERMS, OWL, RDF, RDFS, SKOS
from bochum_kg.web.context import label, qname
from bochum_kg.web.pages.values import Value, term_value

ALIGNMENT_PREDICATES = (OWL + "equivalentClass", OWL + "equivalentProperty", SKOS + "exactMatch",
                        SKOS + "closeMatch", SKOS + "broadMatch", SKOS + "narrowMatch", SKOS + "relatedMatch")


def ontology_iri() -> str:
    return kg().settings.base_iri + "ontology"


def namespace() -> str:
    return kg().settings.ontology_namespace


def ontology_graph() -> Graph:
    """The ontology's triples: its header and every term in its namespace (read at start, kg/graph.py)."""
    graph = Graph()
    for triple in kg().ontology_triples:
        graph.add(triple)
    return graph


@dataclass
class Term:
    iri: str
    local: str
    kind: str  # "class" | "property"
    kinds: list[Value]
    labels: dict[str, str]
    definitions: dict[str, str]
    notes: list[Value]
    supers: list[Value]
    subs: list[Value]
    domain: list[Value]
    range: list[Value]
    aligned: list[Value]
    properties: list[Value] = field(default_factory=list)  # for classes: properties with this domain
    members_href: str | None = None


@dataclass
class OntologyPage:
    iri: str
    title: str
    description: str | None
    header: list[tuple[str, list[Value]]]
    classes: list[Term]
    properties: list[Term]
    alternates: list[dict]


def _term_link(iri: str, lang: str) -> Value:
    """Terms of our ontology link to their section on this page; others to their own IRI."""
    value = term_value(URIRef(iri), lang)
    if iri.startswith(namespace()):
        value.href = "#" + iri[len(namespace()):]
        value.external = False
    elif value.external:
        value.text = f"{value.text} ({qname(iri)})" if value.text != qname(iri) else value.text
    return value


def _texts(values, ) -> dict[str, str]:
    result: dict[str, str] = {}
    for v in sorted(values, key=str):
        if isinstance(v, Literal):
            result.setdefault(v.language or "", str(v))
    return result


def _links(props: dict, predicate: str, lang: str) -> list:
    return sorted((_term_link(str(o), lang) for o in props.get(predicate, []) if isinstance(o, URIRef)), key=lambda v: v.sort_key)


def _term(iri: str, props: dict, ns: str, lang: str) -> Term:
    """One class or property of the ontology as the page shows it (its subs and properties come later)."""
    types = {str(t) for t in props.get(RDF + "type", [])}
    kind = "class" if OWL + "Class" in types or RDFS + "Class" in types else "property"
    supers = _links(props, RDFS + ("subClassOf" if kind == "class" else "subPropertyOf"), lang)
    aligned = [v for v in supers if not (v.iri or "").startswith(ns)]
    for predicate in ALIGNMENT_PREDICATES:
        aligned += [_term_link(str(o), lang) for o in props.get(predicate, []) if isinstance(o, URIRef)]
    notes = [term_value(o, lang) for o in props.get(SKOS + "scopeNote", []) + props.get(RDFS + "comment", [])]
    return Term(
        iri=iri,
        local=iri[len(ns):],
        kind=kind,
        kinds=sorted((_term_link(t, lang) for t in types), key=lambda v: v.sort_key),
        labels=_texts(props.get(RDFS + "label", [])),
        definitions=_texts(props.get(SKOS + "definition", [])),
        notes=sorted(notes, key=lambda v: v.sort_key),
        supers=supers,
        subs=[],
        domain=_links(props, RDFS + "domain", lang),
        range=_links(props, RDFS + "range", lang),
        aligned=aligned,
    )


def _link_terms(terms: dict[str, Term], lang: str) -> None:
    """Each term's subclasses or subproperties, and each class's properties (by rdfs:domain)."""
    from bochum_kg.web.index_links import index_href_for_class

    for term in terms.values():
        for sup in term.supers:
            parent = terms.get(sup.iri or "")
            if parent is not None:
                parent.subs.append(_term_link(term.iri, lang))
        if term.kind == "property":
            for d in term.domain:
                owner = terms.get(d.iri or "")
                if owner is not None:
                    owner.properties.append(_term_link(term.iri, lang))
    for term in terms.values():
        term.subs.sort(key=lambda v: v.sort_key)
        term.properties.sort(key=lambda v: v.sort_key)
        if term.kind == "class":
            term.members_href = index_href_for_class(term.iri)


HEADER_PREDICATES = (OWL + "versionInfo", OWL + "versionIRI", DCTERMS + "license", DCTERMS + "creator", DCTERMS + "created",
                     "http://purl.org/vocab/vann/preferredNamespacePrefix", "http://purl.org/vocab/vann/preferredNamespaceUri",
                     RDFS + "seeAlso")


def ontology_page(lang: str) -> OntologyPage:
    graph = ontology_graph()
    ns = namespace()
    by_subject: dict[str, dict[str, list]] = {}
    for s, p, o in graph:
        by_subject.setdefault(str(s), {}).setdefault(str(p), []).append(o)
    terms = {iri: _term(iri, props, ns, lang) for iri, props in by_subject.items() if iri.startswith(ns)}
    _link_terms(terms, lang)

    header_props = by_subject.get(ontology_iri(), {})
    title = _texts(header_props.get(DCTERMS + "title", []))
    desc = _texts(header_props.get(DCTERMS + "description", []))
    header = [(label(predicate, lang), sorted((term_value(v, lang) for v in header_props[predicate]), key=lambda v: v.sort_key))
              for predicate in HEADER_PREDICATES if header_props.get(predicate)]

    def sort_key(t: Term):
        return t.local.casefold()

    other = "en" if lang == "de" else "de"
    return OntologyPage(
        iri=ontology_iri(),
        title=title.get(lang) or title.get(other) or "Ontology",
        description=desc.get(lang) or desc.get(other),
        header=header,
        classes=sorted((t for t in terms.values() if t.kind == "class"), key=sort_key),
        properties=sorted((t for t in terms.values() if t.kind == "property"), key=sort_key),
        alternates=iris.alternates(ontology_iri()),
    )
