"""How are A and B connected? The shortest paths between two resources, in either direction.

A breadth-first search in Python over the dataset's relationships, read once per request with two
SELECT queries. What counts as a relationship is what a planner would follow: links between
resources of the dataset, participations folded into project - actor links. Left out, because
they are typing, schema or hubs that would connect everything in two steps: rdf:type, sources and
homepages, the ontology itself, concept schemes and their concepts (status, roles, measures), and
the strategy node every element points to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from bochum_kg.kg.analysis import graph_data as gd
from bochum_kg.kg.analysis.neighbourhood import GraphBuilder, UnknownResource

DEFAULT_MAX_LENGTH = 4
MAX_MAX_LENGTH = 6
PATH_LIMIT = 25


_RDFS_SCHEMA = {"subClassOf", "subPropertyOf", "domain", "range"}


def _hub_types(ns: str) -> frozenset[str]:
    return frozenset({
        gd.SKOS + "Concept",
        gd.SKOS + "ConceptScheme",
        ns + "Strategy",
        gd.OWL + "Class",
        gd.OWL + "ObjectProperty",
        gd.OWL + "DatatypeProperty",
        gd.OWL + "Ontology",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
    })


def _skipped_predicates(ns: str) -> frozenset[str]:
    return frozenset(gd.NON_RELATIONSHIP_PREDICATES | {gd.RDFS + name for name in _RDFS_SCHEMA} | {
        gd.SKOS + "inScheme", gd.SKOS + "topConceptOf", gd.SKOS + "hasTopConcept",
        ns + "strategy", ns + "status", ns + "measure", ns + "role",
        ns + "participation", ns + "agent",  # folded into one project - actor link
    })


@dataclass
class LinkGraph:
    """Undirected adjacency over relationship links (each link remembers its direction)."""

    adjacency: dict[str, dict[str, list[gd.Link]]]

    def neighbours(self, node: str) -> dict[str, list[gd.Link]]:
        return self.adjacency.get(node, {})


def load_link_graph(knowledge, settings) -> LinkGraph:
    ns = settings.ontology_namespace
    types: dict[str, set[str]] = defaultdict(set)
    for row in knowledge.select("link-graph-types").rows:
        types[str(row["n"])].add(str(row["t"]))
    hubs = _hub_types(ns)
    participation = ns + "Participation"
    skipped = _skipped_predicates(ns)

    def usable(node: str) -> bool:
        node_types = types.get(node)
        return bool(node_types) and not (node_types & hubs) and participation not in node_types

    adjacency: dict[str, dict[str, list[gd.Link]]] = defaultdict(lambda: defaultdict(list))

    def add(link: gd.Link) -> None:
        if link.source == link.target:
            return
        adjacency[link.source][link.target].append(link)
        adjacency[link.target][link.source].append(link)

    for row in knowledge.select("link-graph-links").rows:
        s, p, o = str(row["s"]), str(row["p"]), str(row["o"])
        if p in skipped or not usable(s) or not usable(o):
            continue
        add(gd.Link(s, p, o))
    for link in gd.folded_participations(knowledge, ns):
        if usable(link.source) and usable(link.target):
            add(link)
    for node in adjacency:
        for other in adjacency[node]:
            adjacency[node][other].sort(key=lambda link: (link.predicate, link.role or ""))
    return LinkGraph(adjacency)


def shortest_paths(graph: LinkGraph, start: str, goal: str, max_length: int, limit: int = PATH_LIMIT):
    """All shortest node sequences start..goal of at most max_length steps (at most `limit`).

    Returns (paths, truncated). Breadth-first from start, keeping every predecessor on a
    shortest route, then walking back from goal in sorted order so the answer is stable.
    """
    if start == goal:
        return [[start]], False
    distance = {start: 0}
    predecessors: dict[str, list[str]] = defaultdict(list)
    frontier = [start]
    found = False
    while frontier and not found and distance[frontier[0]] < max_length:
        next_frontier = []
        for node in frontier:
            for other in sorted(graph.neighbours(node)):
                if other not in distance:
                    distance[other] = distance[node] + 1
                    next_frontier.append(other)
                if distance[other] == distance[node] + 1:
                    predecessors[other].append(node)
                    if other == goal:
                        found = True
        frontier = next_frontier
    if goal not in distance:
        return [], False

    paths: list[list[str]] = []
    truncated = False

    def walk(node: str, suffix: list[str]) -> None:
        nonlocal truncated
        if len(paths) >= limit:
            truncated = True
            return
        if node == start:
            paths.append([start] + suffix)
            return
        for previous in sorted(set(predecessors[node])):
            walk(previous, [node] + suffix)

    walk(goal, [])
    return paths[:limit], truncated


def find_connections(knowledge, settings, source: str, target: str, lang: str = "de",
                     max_length: int = DEFAULT_MAX_LENGTH, page_href=None) -> dict:
    """The shortest paths between two resources as JSON-ready nodes, edges and steps."""
    for iri in (source, target):
        if not gd.is_safe_iri(iri):
            raise UnknownResource(iri)
    infos = gd.node_infos(knowledge, [source, target])
    for iri in (source, target):
        if not infos[iri].is_resource:
            raise UnknownResource(iri)

    graph = load_link_graph(knowledge, settings)
    paths, truncated = shortest_paths(graph, source, target, max_length)

    builder = GraphBuilder(knowledge, settings, lang, page_href)
    links: dict[str, gd.Link] = {}
    for path in paths:
        for a, b in zip(path, path[1:]):
            for link in graph.neighbours(a)[b]:
                links[link.key] = link
    node_iris = {source, target} | {n for path in paths for n in path}
    described = builder.describe(node_iris, sorted(links.values(), key=lambda link: link.key), infos)
    by_id = {node["id"]: node for node in described["nodes"]}
    edge_by_key = {edge["id"]: edge for edge in described["edges"]}

    readable = []
    for path in paths:
        steps = []
        for a, b in zip(path, path[1:]):
            step_links = []
            for link in graph.neighbours(a)[b]:
                edge = edge_by_key[link.key]
                step_links.append({**edge, "direction": "forward" if link.source == a else "backward"})
            steps.append({"from": a, "to": b, "links": step_links})
        readable.append({"nodes": path, "labels": [by_id[n]["label"] for n in path], "steps": steps})

    return {
        "from": source,
        "to": target,
        "lang": lang,
        "max_length": max_length,
        "length": (len(paths[0]) - 1) if paths else None,
        "paths": readable,
        "truncated": truncated,
        **described,
    }
