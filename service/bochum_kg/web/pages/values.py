"""Terms and resources as the pages show them, read from the app's knowledge graph.

The request-bound side of kg/describe.py: a resource's links are read once per request
(breadcrumbs ask for the same resource several times), and every IRI becomes a labelled link to
its local page (or to itself when it is external).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g, has_request_context
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from bochum_kg.kg import describe
from bochum_kg.kg.labels import DCTERMS, other_language
from bochum_kg.web import iris
from bochum_kg.web import formatting
from bochum_kg.web.context import kg, label_with_lang
from bochum_kg.web.i18n import url_with_lang


def bs(local: str) -> str:
    return kg().settings.ontology_namespace + local


def _memo() -> dict | None:
    if has_request_context():
        return g.setdefault("bochum_kg_describe_memo", {})
    return None


def outgoing(iri: str) -> list[tuple[URIRef, Node]]:
    return describe.outgoing(kg(), iri, _memo())


def remember_outgoing(iris) -> None:
    """Read the outgoing links of these resources in one query, for `outgoing` later in the request."""
    memo = _memo()
    if memo is not None:
        describe.remember_outgoing(kg(), iris, memo)


def inbound(iri: str) -> list[tuple[Node, URIRef]]:
    return describe.inbound(kg(), iri, _memo())


def by_predicate(pairs) -> dict[str, list[Node]]:
    """(predicate, term) pairs as each predicate's terms, in the order given."""
    grouped: dict[str, list[Node]] = {}
    for predicate, term in pairs:
        grouped.setdefault(str(predicate), []).append(term)
    return grouped


def resource_exists(iri: str) -> bool:
    return describe.resource_exists(kg(), iri, _memo())


def resource_graph(iri: str) -> Graph:
    return describe.resource_graph(kg(), iri, _memo())


def projects_of_element(iri: str) -> list[str]:
    return describe.projects_of_element(kg(), iri)


@dataclass
class Value:
    """One RDF term as shown on a page.

    A typed literal shows its value in the words of the page language (formatting.py) and keeps
    its lexical form in `machine`, which _macros.html puts in <time datetime> or <data value>;
    the datatype itself is for RDF and the SPARQL views, not for readers.
    """

    text: str
    href: str | None = None
    iri: str | None = None
    lang: str | None = None
    external: bool = False
    note: str | None = None
    sort_key: tuple = ()
    machine: str | None = None
    element: str | None = None  # "time" or "data" when `machine` is set
    sources: list["Value"] = field(default_factory=list)  # the sources of the statement this value makes


def iri_text(iri: str, lang: str) -> tuple[str, str | None]:
    """The text a link to an IRI shows, and its language: the label, else the IRI itself
    (an empty label must not make an empty link)."""
    text, text_lang = label_with_lang(iri, lang)
    return (text, text_lang) if text.strip() else (iri, None)


def term_value(term: Node, lang: str, unit: str | None = None) -> Value:
    """A term for display: labelled link for IRIs (local page or external), text for literals.

    `unit` (a bs:Figure's bs:unit) is written with a number: "7.850.000 €", "69,9 ha".
    """
    if isinstance(term, URIRef):
        iri = str(term)
        text, text_lang = iri_text(iri, lang)
        href = iris.local_href(iri)
        external = href is None
        if external:
            href = iri if iri.startswith(("http://", "https://")) else None
        else:
            href = url_with_lang(href)
        return Value(text=text, href=href, iri=iri, lang=text_lang, external=external, sort_key=(0, text.casefold(), iri))
    if isinstance(term, Literal):
        return literal_value(term, lang, unit)
    return Value(text="[" + str(term) + "]", sort_key=(2, str(term)))


def sort_key(term: Node, lang: str, unit: str | None = None) -> tuple:
    """`term_value(term, lang, unit).sort_key` without making the value (no link, no formatting of an IRI)."""
    if isinstance(term, URIRef):
        return (0, *kg().labels.name_key(str(term), lang))
    if isinstance(term, Literal):
        return literal_value(term, lang, unit).sort_key
    return (2, str(term))


def sort_keys(terms: list[Node], lang: str, unit: str | None = None) -> list:
    """Keys that order the terms as `sort_key` does, made at the cost of a hub's 10^4 inbound links:
    the places of the names made at start where every term is a typed IRI, else `sort_key`s."""
    if all(isinstance(t, URIRef) for t in terms):
        ranks = kg().name_ranks([str(t) for t in terms], lang)
        if ranks is not None:
            return ranks
    name_key = kg().labels.name_key
    return [(0, *name_key(str(t), lang)) if isinstance(t, URIRef) else sort_key(t, lang, unit) for t in terms]


def literal_value(term: Literal, lang: str, unit: str | None = None) -> Value:
    lexical = str(term)
    datatype = str(term.datatype) if term.datatype is not None else None
    if datatype in formatting.NUMBER_TYPES:
        try:
            magnitude = float(lexical)
        except ValueError:
            magnitude = 0.0
        return Value(text=formatting.amount(lexical, unit, lang), machine=lexical, element="data",
                     sort_key=(1, "", magnitude, lexical))
    if datatype in formatting.DATE_TYPES:
        return Value(text=formatting.date_text(lexical, datatype, lang), machine=lexical, element="time",
                     sort_key=(1, "", 0.0, lexical))
    if datatype == formatting.XSD + "boolean":
        return Value(text=formatting.boolean_text(lexical, lang), sort_key=(1, "", 0.0, lexical))
    return Value(text=lexical, lang=term.language, sort_key=(1, term.language or "", 0.0, lexical))


def source_value(iri: str, lang: str) -> Value:
    """A source page: its dcterms:title where the graph has one, else its host and shortened path."""
    title = best_literal([o for p, o in outgoing(iri) if str(p) == DCTERMS + "title"], lang)
    text = str(title) if title is not None else formatting.source_text(iri)
    return Value(text=text, href=iri if iri.startswith(("http://", "https://")) else None, iri=iri,
                 lang=title.language if title is not None else None, external=True, sort_key=(0, text.casefold(), iri))


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
