"""How are A and B connected? The shortest paths between two resources, in either direction.

A breadth-first search in Python over the link graph (kg/analysis/link_graph.py: what counts as a
relationship, and how it is kept), which KnowledgeGraph.build reads once at start: a request
searches it and reads only the labels and types of the nodes and links it answers with.
"""

from __future__ import annotations

from bochum_kg.kg.analysis import graph_data as gd
from bochum_kg.kg.analysis.link_graph import LinkGraph
from bochum_kg.kg.analysis.neighbourhood import GraphBuilder, UnknownResource

DEFAULT_MAX_LENGTH = 4
MAX_MAX_LENGTH = 6
PATH_LIMIT = 25


def shortest_paths(graph: LinkGraph, start: str, goal: str, max_length: int, limit: int = PATH_LIMIT):
    """All shortest node sequences start..goal of at most max_length steps (at most `limit`).

    Returns (paths, truncated). Breadth-first from start, level by level, then walking back from
    goal in sorted order so the answer is stable: a node's predecessors on shortest routes are
    its neighbours one step nearer to start (the graph is undirected), in number order, which
    is IRI order.
    """
    if start == goal:
        return [[start]], False
    origin, target = graph.node_number(start), graph.node_number(goal)
    if origin is None or target is None:
        return [], False
    offsets, neighbours = graph.offsets, graph.neighbours
    distance = {origin: 0}
    frontier = [origin]
    steps = 0
    while frontier and target not in distance and steps < max_length:
        steps += 1
        next_frontier = []
        for node in frontier:
            for other in neighbours[offsets[node]:offsets[node + 1]]:
                if other not in distance:
                    distance[other] = steps
                    next_frontier.append(other)
        frontier = next_frontier
    if target not in distance:
        return [], False

    paths: list[list[str]] = []
    truncated = False

    def walk(node: int, suffix: list[int]) -> None:
        nonlocal truncated
        if len(paths) >= limit:
            truncated = True
            return
        if node == origin:
            paths.append([graph.nodes[n] for n in [origin] + suffix])
            return
        nearer = distance[node] - 1
        for previous in neighbours[offsets[node]:offsets[node + 1]]:
            if distance.get(previous) == nearer:
                walk(previous, [node] + suffix)

    walk(target, [])
    return paths, truncated


def find_connections(knowledge, settings, source: str, target: str, lang: str = "de",
                     max_length: int = DEFAULT_MAX_LENGTH, page_href=None) -> dict:
    """The shortest paths between two resources as JSON-ready nodes, edges and steps."""
    infos = endpoint_infos(knowledge, source, target)
    graph = knowledge.link_graph
    paths, truncated = shortest_paths(graph, source, target, max_length)
    builder = GraphBuilder(knowledge, settings, lang, page_href)
    return paths_json(builder, infos, source, target, max_length, paths, truncated, graph.links_between)


def endpoint_infos(knowledge, source: str, target: str) -> dict[str, gd.NodeInfo]:
    """Labels and types of both ends; UnknownResource unless both are resources of the dataset."""
    for iri in (source, target):
        if not gd.is_safe_iri(iri):
            raise UnknownResource(iri)
    infos = gd.node_infos(knowledge, [source, target])
    for iri in (source, target):
        if not infos[iri].is_resource:
            raise UnknownResource(iri)
    return infos


def paths_json(builder: GraphBuilder, infos, source: str, target: str, max_length: int, paths, truncated: bool,
               links_between) -> dict:
    """The answer for `paths`: each with its steps (links_between(a, b) gives a step's links, in
    order), and the nodes, edges and classes they show."""
    links: dict[str, gd.Link] = {}
    for path in paths:
        for a, b in zip(path, path[1:]):
            for link in links_between(a, b):
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
            for link in links_between(a, b):
                edge = edge_by_key[link.key]
                step_links.append({**edge, "direction": "forward" if link.source == a else "backward"})
            steps.append({"from": a, "to": b, "links": step_links})
        readable.append({"nodes": path, "labels": [by_id[n]["label"] for n in path], "steps": steps})

    return {
        "from": source,
        "to": target,
        "lang": builder.lang,
        "max_length": max_length,
        "length": (len(paths[0]) - 1) if paths else None,
        "paths": readable,
        "truncated": truncated,
        **described,
    }
