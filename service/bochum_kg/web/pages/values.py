"""Terms and resources as the pages show them, read from the app's knowledge graph.

The request-bound side of kg/describe.py: a resource's links are read once per request
(breadcrumbs ask for the same resource several times), and every IRI becomes a labelled link to
its local page (or to itself when it is external).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, has_request_context
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from bochum_kg.kg import describe
from bochum_kg.kg.labels import RDF, other_language
from bochum_kg.web import iris
from bochum_kg.web.context import kg, label_with_lang, qname
from bochum_kg.web.i18n import url_with_lang


def bs(local: str) -> str:
    return kg().settings.ontology_namespace + local


def _memo() -> dict | None:
    if has_request_context():
        return g.setdefault("bochum_kg_describe_memo", {})
    return None


def outgoing(iri: str) -> list[tuple[URIRef, Node]]:
    return describe.outgoing(kg(), iri, _memo())


def inbound(iri: str) -> list[tuple[Node, URIRef]]:
    return describe.inbound(kg(), iri, _memo())


def resource_exists(iri: str) -> bool:
    return describe.resource_exists(kg(), iri, _memo())


def resource_graph(iri: str) -> Graph:
    return describe.resource_graph(kg(), iri, _memo())


def projects_of_element(iri: str) -> list[str]:
    return describe.projects_of_element(kg(), iri)


@dataclass
class Value:
    """One RDF term as shown on a page."""

    text: str
    href: str | None = None
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None
    external: bool = False
    note: str | None = None
    sort_key: tuple = ()


def term_value(term: Node, lang: str) -> Value:
    """A term for display: labelled link for IRIs (local page or external), text for literals."""
    if isinstance(term, URIRef):
        iri = str(term)
        text, text_lang = label_with_lang(iri, lang)
        if not text.strip():  # an empty label must not make an empty link
            text, text_lang = iri, None
        href = iris.local_href(iri)
        external = href is None
        if external:
            href = iri if iri.startswith(("http://", "https://")) else None
        else:
            href = url_with_lang(href)
        return Value(text=text, href=href, iri=iri, lang=text_lang, external=external, sort_key=(0, text.casefold(), iri))
    if isinstance(term, Literal):
        datatype = None
        if term.datatype is not None and str(term.datatype) != RDF + "langString":
            datatype = qname(str(term.datatype))
        return Value(text=str(term), lang=term.language, datatype=datatype, sort_key=(1, term.language or "", str(term)))
    return Value(text="[" + str(term) + "]", sort_key=(2, str(term)))


def in_page_language(terms: list[Node], lang: str) -> list[Node]:
    """Texts in several languages: only those in the page language (else the other one)."""
    tagged = [t for t in terms if isinstance(t, Literal) and t.language]
    if not tagged or len(tagged) != len(terms):
        return terms
    for candidate in (lang, other_language(lang)):
        chosen = [t for t in tagged if t.language == candidate]
        if chosen:
            return chosen
    return terms


def best_literal(values: list[Node], lang: str) -> Literal | None:
    """The literal in `lang`, else the other language, else an untagged one."""
    literals = sorted((v for v in values if isinstance(v, Literal)), key=str)
    for candidate in (lang, other_language(lang), None):
        for lit in literals:
            if lit.language == candidate:
                return lit
    return literals[0] if literals else None
