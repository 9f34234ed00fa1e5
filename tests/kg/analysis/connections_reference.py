"""The path search as it was, the oracle for kg/analysis/connections.py and link_graph.py.

Until the link graph was built once at start, every request read it with two SELECT queries
(every triple between two IRIs, the types of every node) plus the folded participations, kept
it as dicts of Link lists, and searched it breadth-first. That is kept here as it was; what
counts as a relationship (hub types, skipped predicates) and the rendering of the answer are
the service's, unchanged. The compact graph must give exactly the answers this gives: same
paths, same order, same links per step, same `truncated`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bochum_kg.kg.analysis import connections
from bochum_kg.kg.analysis import graph_data as gd
from bochum_kg.kg.analysis.link_graph import hub_types, skipped_predicates
from bochum_kg.kg.analysis.neighbourhood import GraphBuilder

LINKS_QUERY = (Path(__file__).parent / "link-graph-links-reference.rq").read_text(encoding="utf-8")
PATH_LIMIT = 25


@dataclass
class LinkGraph:
    adjacency: dict[str, dict[str, list[gd.Link]]]
    # The tests ask for one pair under several limits and lengths: each breadth-first search is
    # remembered, with every node's neighbours sorted once (the search used to sort them per visit).
    searches: dict[tuple[str, str, int], tuple[bool, dict[str, list[str]]]] = field(default_factory=dict)
    sorted_neighbours: dict[str, list[str]] = field(default_factory=dict)

    def neighbours(self, node: str) -> dict[str, list[gd.Link]]:
        return self.adjacency.get(node, {})

    def ordered_neighbours(self, node: str) -> list[str]:
        if node not in self.sorted_neighbours:
            self.sorted_neighbours[node] = sorted(self.neighbours(node))
        return self.sorted_neighbours[node]


def folded_participations(knowledge, ontology_namespace: str) -> list[gd.Link]:
    links = []
    for row in knowledge.select("participation-links").rows:
        role = str(row["role"]) if "role" in row else None
        links.append(gd.Link(str(row["project"]), ontology_namespace + "participation", str(row["actor"]), role))
    return links


def load_link_graph(knowledge, settings) -> LinkGraph:
    ns = settings.ontology_namespace
    types: dict[str, set[str]] = defaultdict(set)
    for row in knowledge.select("link-graph-types").rows:
        types[str(row["n"])].add(str(row["t"]))
    hubs = hub_types(ns)
    participation = ns + "Participation"
    skipped = skipped_predicates(ns)

    def usable(node: str) -> bool:
        node_types = types.get(node)
        return bool(node_types) and not (node_types & hubs) and participation not in node_types

    adjacency: dict[str, dict[str, list[gd.Link]]] = defaultdict(lambda: defaultdict(list))

    def add(link: gd.Link) -> None:
        if link.source == link.target:
            return
        adjacency[link.source][link.target].append(link)
        adjacency[link.target][link.source].append(link)

    for row in knowledge.store.select(LINKS_QUERY).rows:
        s, p, o = str(row["s"]), str(row["p"]), str(row["o"])
        if p in skipped or not usable(s) or not usable(o):
            continue
        add(gd.Link(s, p, o))
    for link in folded_participations(knowledge, ns):
        if usable(link.source) and usable(link.target):
            add(link)
    for node in adjacency:
        for other in adjacency[node]:
            adjacency[node][other].sort(key=lambda link: (link.predicate, link.role or ""))
    return LinkGraph(adjacency)


def breadth_first(graph: LinkGraph, start: str, goal: str, max_length: int) -> tuple[bool, dict[str, list[str]]]:
    """(goal reached, the predecessors on its shortest paths), searching level by level until the goal's."""
    key = (start, goal, max_length)
    if key in graph.searches:
        return graph.searches[key]
    distance = {start: 0}
    predecessors: dict[str, list[str]] = defaultdict(list)
    frontier = [start]
    found = False
    while frontier and not found and distance[frontier[0]] < max_length:
        next_frontier = []
        for node in frontier:
            for other in graph.ordered_neighbours(node):
                if other not in distance:
                    distance[other] = distance[node] + 1
                    next_frontier.append(other)
                if distance[other] == distance[node] + 1:
                    predecessors[other].append(node)
                    if other == goal:
                        found = True
        frontier = next_frontier
    # what the paths are read from: the goal's predecessors, theirs, and so on back to the start
    kept: dict[str, list[str]] = {}
    todo = [goal] if goal in distance else []
    while todo:
        node = todo.pop()
        if node not in kept and node != start:
            kept[node] = predecessors[node]
            todo.extend(predecessors[node])
    graph.searches[key] = goal in distance, kept
    return graph.searches[key]


def shortest_paths(graph: LinkGraph, start: str, goal: str, max_length: int, limit: int = PATH_LIMIT):
    if start == goal:
        return [[start]], False
    reached, predecessors = breadth_first(graph, start, goal, max_length)
    if not reached:
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
                     max_length: int = 4, page_href=None, graph: LinkGraph | None = None) -> dict:
    """The answer as before; a graph already loaded may be passed (the tests ask for many pairs)."""
    infos = connections.endpoint_infos(knowledge, source, target)
    graph = graph or load_link_graph(knowledge, settings)
    paths, truncated = shortest_paths(graph, source, target, max_length)
    builder = GraphBuilder(knowledge, settings, lang, page_href)
    return connections.paths_json(builder, infos, source, target, max_length, paths, truncated,
                                  lambda a, b: graph.neighbours(a)[b])
