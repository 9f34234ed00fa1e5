"""What the graph says about one resource: its links both ways and its RDF document.

The RDF document of a resource holds every triple with the resource as subject (and the
triples of blank nodes it points to) and every triple with it as object, so that a client
sees inbound links too (the Pubby/LodView convention). The HTML page is built in
web/pages/resource.py. `memo` lets a caller (one web request) read a resource's links once.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.term import Node


def links(graph, iri: str, memo: dict | None = None) -> tuple[list, list]:
    """(outgoing (p, o) pairs, inbound (s, p) pairs) of a resource, in one query."""
    if memo is not None and iri in memo:
        return memo[iri]
    out, inb = [], []
    for row in graph.select("resource-links", {"r": URIRef(iri)}).rows:
        if str(row["dir"]) == "out":
            out.append((row["p"], row["x"]))
        else:
            inb.append((row["x"], row["p"]))
    if memo is not None:
        memo[iri] = (out, inb)
    return out, inb


def outgoing(graph, iri: str, memo: dict | None = None) -> list[tuple[URIRef, Node]]:
    """The (p, o) pairs of a resource; without its inbound links unless they are read already
    (a source's title is on every page citing it, and at 5M triples it has thousands of citations)."""
    if memo is not None and iri in memo:
        return memo[iri][0]
    if memo is not None and ("out", iri) in memo:
        return memo[("out", iri)]
    out = [(row["p"], row["x"]) for row in graph.select("resource-outgoing", {"r": URIRef(iri)}).rows]
    if memo is not None:
        memo[("out", iri)] = out
    return out


def remember_outgoing(graph, iris, memo: dict, chunk: int = 200) -> None:
    """Read the (p, o) pairs of several resources into `memo`, where `outgoing` finds them: a page
    shows the title of every source it cites, one query each before (15 of a project page's 20)."""
    wanted = [iri for iri in dict.fromkeys(iris) if iri not in memo and ("out", iri) not in memo]
    if len(wanted) < 2:
        return  # `outgoing` reads a single one as cheaply itself
    for start in range(0, len(wanted), chunk):
        found: dict[str, dict] = {iri: {} for iri in wanted[start:start + chunk]}
        for row in graph.select("values-of", {"s": [URIRef(iri) for iri in found]}).rows:
            found[str(row["s"])].setdefault((row["predicate"], row["o"]))  # DISTINCT, in the store's order
        for iri, pairs in found.items():
            memo[("out", iri)] = list(pairs)


def inbound(graph, iri: str, memo: dict | None = None) -> list[tuple[Node, URIRef]]:
    """The (s, p) pairs linking to a resource. From the embedded store's quads where there is one: the
    query and its rdflib rows took 85 ms for a hub's 3,600 links at 500k triples, these 10 ms."""
    if memo is not None and iri in memo:
        return memo[iri][1]
    inner = getattr(graph.store, "store", None)
    if not isinstance(inner, ox.Store):
        return links(graph, iri, memo)[1]
    if memo is not None and ("in", iri) in memo:
        return memo[("in", iri)]
    found: dict[tuple[str, str, bool], None] = {}  # a triple in several named graphs: once
    for quad in inner.quads_for_pattern(None, None, ox.NamedNode(iri), None):
        found.setdefault((quad.subject.value, quad.predicate.value, isinstance(quad.subject, ox.BlankNode)))
    predicates: dict[str, URIRef] = {}  # a few, each made once (an rdflib term checks its IRI when made)
    inb = [(BNode(s) if blank else URIRef(s), predicates.get(p) or predicates.setdefault(p, URIRef(p))) for s, p, blank in found]
    if memo is not None:
        memo[("in", iri)] = inb
    return inb


def resource_exists(graph, iri: str, memo: dict | None = None) -> bool:
    """True when the IRI is a subject or an object in the dataset (an ASK: a hub's links are not read)."""
    if memo is not None and iri in memo:
        out, inb = memo[iri]
        return bool(out or inb)
    return graph.queries.ask(graph.store, "resource-exists", {"r": URIRef(iri)})


def _blank_closure(graph, document: Graph, start: list[BNode]) -> None:
    """Add the triples of blank nodes reachable from `start` (a concise bounded description)."""
    seen: set[BNode] = set()
    queue = list(start)
    while queue:
        node = queue.pop()
        if node in seen:
            continue
        seen.add(node)
        for row in graph.select("blank-node-triples", {"b": node}).rows:
            document.add((node, row["p"], row["o"]))
            if isinstance(row["o"], BNode):
                queue.append(row["o"])


def resource_graph(graph, iri: str, memo: dict | None = None) -> Graph:
    """Every triple about `iri`: outgoing (with blank-node closure) and inbound."""
    document = Graph()
    subject = URIRef(iri)
    blanks = []
    out, inb = links(graph, iri, memo)
    for p, o in out:
        document.add((subject, p, o))
        if isinstance(o, BNode):
            blanks.append(o)
    _blank_closure(graph, document, blanks)
    for x, p in inb:
        document.add((x, p, subject))
    return document


def projects_of_element(graph, iri: str) -> list[str]:
    """Projects assigned to a competence, goal area or goal directly or through the goals below it."""
    return sorted(str(r["project"]) for r in graph.select("projects-of-element", {"e": URIRef(iri)}).rows)
