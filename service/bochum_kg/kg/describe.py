"""What we know about one resource: its triples, its RDF document, and its terms as shown on pages.

The RDF document of a resource holds every triple with the resource as subject (and the
triples of blank nodes it points to) and every triple with it as object, so that a client
sees inbound links too (the Pubby/LodView convention). The HTML page is built in resource_page.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, has_request_context
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from bochum_kg.web import iris
from bochum_kg.web.context import kg
from bochum_kg.kg.labels import RDF, label_with_lang, qname, sparql_prefixes

def bs(local: str) -> str:
    return kg().settings.ontology_namespace + local


# --- reading from the store ---------------------------------------------------------------


def resource_exists(iri: str) -> bool:
    """True when the IRI is a subject or an object in the dataset."""
    return bool(outgoing(iri) or inbound(iri))


def _request_cache() -> dict:
    """Per-request memo: a page asks for the same resource's triples several times (breadcrumbs)."""
    if has_request_context():
        return g.setdefault("bochum_kg_describe_cache", {})
    return {}


_NEIGHBOURHOOD = """
SELECT DISTINCT ?r ?dir ?p ?x WHERE {
  { ?r ?p ?x BIND("out" AS ?dir) } UNION { ?x ?p ?r BIND("in" AS ?dir) }
}
"""


def _neighbourhood(iri: str) -> tuple[list, list]:
    """(outgoing (p, o) pairs, inbound (s, p) pairs) of a resource, in one query, memoised per request."""
    cache = _request_cache()
    if iri not in cache:
        out, inb = [], []
        for row in kg().store.select(_NEIGHBOURHOOD, {"r": URIRef(iri)}).rows:
            if str(row["dir"]) == "out":
                out.append((row["p"], row["x"]))
            else:
                inb.append((row["x"], row["p"]))
        cache[iri] = (out, inb)
    return cache[iri]


def outgoing(iri: str) -> list[tuple[URIRef, Node]]:
    return _neighbourhood(iri)[0]


def inbound(iri: str) -> list[tuple[Node, URIRef]]:
    return _neighbourhood(iri)[1]


def _blank_closure(graph: Graph, start: list[BNode]) -> None:
    """Add the triples of blank nodes reachable from `start` (a concise bounded description)."""
    seen: set[BNode] = set()
    queue = list(start)
    while queue:
        node = queue.pop()
        if node in seen:
            continue
        seen.add(node)
        for row in kg().store.select("SELECT DISTINCT ?b ?p ?o WHERE { ?b ?p ?o }", {"b": node}).rows:
            graph.add((node, row["p"], row["o"]))
            if isinstance(row["o"], BNode):
                queue.append(row["o"])


def resource_graph(iri: str) -> Graph:
    """Every triple about `iri`: outgoing (with blank-node closure) and inbound."""
    graph = Graph()
    subject = URIRef(iri)
    blanks = []
    for p, o in outgoing(iri):
        graph.add((subject, p, o))
        if isinstance(o, BNode):
            blanks.append(o)
    _blank_closure(graph, blanks)
    for x, p in inbound(iri):
        graph.add((x, p, subject))
    return graph


# --- values as the templates show them ------------------------------------------------------


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
            from bochum_kg.web.i18n import url_with_lang

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
    for candidate in (lang, "en" if lang == "de" else "de"):
        chosen = [t for t in tagged if t.language == candidate]
        if chosen:
            return chosen
    return terms


def best_literal(values: list[Node], lang: str) -> Literal | None:
    """The literal in `lang`, else the other language, else an untagged one."""
    literals = sorted((v for v in values if isinstance(v, Literal)), key=str)
    for candidate in (lang, "en" if lang == "de" else "de", None):
        for lit in literals:
            if lit.language == candidate:
                return lit
    return literals[0] if literals else None


# Projects of a competence, goal area or goal: assigned directly or through a goal (area) below it.
PROJECT_OF_ELEMENT_PATTERN = """
  { ?project bs:primaryCompetence ?e } UNION { ?project bs:competence ?e } UNION { ?project bs:servesGoalArea ?e }
  UNION { ?project bs:servesGoal ?e }
  UNION { ?project bs:servesGoalArea ?ga . ?ga bs:inCompetence ?e }
  UNION { ?project bs:servesGoal ?g . ?g bs:inGoalArea ?e }
  UNION { ?project bs:servesGoal ?g2 . ?g2 bs:inGoalArea ?ga2 . ?ga2 bs:inCompetence ?e }
  FILTER(isIRI(?project))
"""


def projects_of_element(iri: str) -> list[str]:
    """Projects assigned to a competence, goal area or goal directly or through the goals below it."""
    query = sparql_prefixes() + "SELECT DISTINCT ?e ?project WHERE {" + PROJECT_OF_ELEMENT_PATTERN + "}"
    return sorted(str(r["project"]) for r in kg().store.select(query, {"e": URIRef(iri)}).rows)
