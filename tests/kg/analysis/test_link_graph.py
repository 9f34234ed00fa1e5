"""The path search on the link graph built at start (kg/analysis/link_graph.py, connections.py)
against the search as it was (connections_reference.py: the graph read per request), on the real data.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pyoxigraph as ox
import pytest

import connections_reference as reference
from bochum_kg.config import Settings
from bochum_kg.kg.analysis import graph_data as gd
from bochum_kg.kg.analysis.connections import find_connections, shortest_paths
from bochum_kg.kg.analysis.link_graph import LinkGraph, hub_types, skipped_predicates
from bochum_kg.kg.graph import KnowledgeGraph


@pytest.fixture(scope="module")
def real_graph():
    return KnowledgeGraph.build(Settings(validate_on_start=False))


@pytest.fixture(scope="module")
def reference_graph(real_graph):
    return reference.load_link_graph(real_graph, real_graph.settings)


@pytest.fixture(scope="module")
def sample(real_graph, reference_graph) -> list[str]:
    """The best-connected resource of each class, both ends of links that tie on (predicate, role),
    and resources the search does not walk: a participation, a concept, the strategy, one without links."""
    by_class = defaultdict(list)
    types = real_graph.search.types
    for node, others in reference_graph.adjacency.items():
        by_class[tuple(types.get(node, ()))].append((-len(others), node))
    picked = [min(nodes)[1] for _, nodes in sorted(by_class.items())]
    ties = next((a, b) for a, others in sorted(reference_graph.adjacency.items()) for b, links in sorted(others.items())
                if len({(link.predicate, link.role) for link in links}) < len(links))
    ns = real_graph.settings.ontology_namespace
    left_out = hub_types(ns) | {ns + "Participation"}

    def first(wanted) -> str:
        return next(iri for iri, kinds in sorted(types.items()) if wanted(iri, set(kinds)))

    outside = [first(lambda iri, kinds, kind=kind: kind in kinds) for kind in (ns + "Participation", gd.SKOS + "Concept", ns + "Strategy")]
    outside.append(first(lambda iri, kinds: iri not in reference_graph.adjacency and not kinds & left_out))
    return sorted(set(picked) | set(ties) | set(outside))


def test_the_graph_holds_the_links_of_the_reference_in_its_order(real_graph, reference_graph):
    graph = real_graph.link_graph
    assert graph.nodes == sorted(reference_graph.adjacency)
    for node, others in reference_graph.adjacency.items():
        assert [graph.nodes[n] for n in graph.neighbour_numbers(graph.node_number(node))] == sorted(others)
        for other, links in others.items():
            assert graph.links_between(node, other) == links
    assert graph.links_between(graph.nodes[0], graph.nodes[0]) == []
    known = {id(iri) for iri in real_graph.search.typed_iris}
    assert all(id(iri) in known for iri in graph.nodes)  # the search index's strings, not copies


def test_the_sample_is_of_many_classes_and_kinds(real_graph, reference_graph, sample):
    assert len(sample) >= 40
    assert len({tuple(real_graph.search.types[iri]) for iri in sample}) >= 40
    assert sum(iri not in reference_graph.adjacency for iri in sample) == 4


def test_shortest_paths_are_those_of_the_reference_whatever_the_limit(real_graph, reference_graph, sample):
    """Every max_length with the default limit is in the JSON below; here the lists the limit cuts."""
    lengths = defaultdict(int)
    truncated = 0
    for start in sample:
        for goal in sample:
            for limit in (1, 2, 3, 25):
                expected = reference.shortest_paths(reference_graph, start, goal, 6, limit)
                assert shortest_paths(real_graph.link_graph, start, goal, 6, limit) == expected
                truncated += expected[1]
                if expected[0]:
                    lengths[len(expected[0][0]) - 1] += 1
    # the comparison covers every length the search allows, cut lists and pairs with no path
    assert set(lengths) == set(range(7)) and truncated > 0


def node_infos_asked_once(node_infos):
    """gd.node_infos remembering each IRI's info (the same for both searches: the store does not
    change); asking the store for the ends of 12,150 answers twice was two thirds of the test's time."""
    known: dict[str, gd.NodeInfo] = {}

    def remembered(knowledge, iris, chunk: int = 200) -> dict[str, gd.NodeInfo]:
        wanted = {i for i in iris if gd.is_safe_iri(i)}
        known.update(node_infos(knowledge, wanted - known.keys(), chunk))
        return {i: gd.NodeInfo(i, dict(known[i].labels), list(known[i].types)) for i in sorted(wanted)}

    return remembered


def test_find_connections_answers_as_the_reference(real_graph, reference_graph, sample, monkeypatch):
    """The same JSON, byte for byte, for every ordered pair of the sample and max_length 1..6."""
    classes = gd.class_infos(real_graph, real_graph.settings.ontology_namespace)
    monkeypatch.setattr(gd, "class_infos", lambda knowledge, ns: classes)  # the same for both; one query less per call
    monkeypatch.setattr(gd, "node_infos", node_infos_asked_once(gd.node_infos))
    settings = real_graph.settings
    links_per_step = set()
    for n, (start, goal) in enumerate((a, b) for a in sample for b in sample):
        lang = ("de", "en")[n % 2]
        for max_length in range(1, 7):
            expected = reference.find_connections(real_graph, settings, start, goal, lang, max_length, graph=reference_graph)
            answer = find_connections(real_graph, settings, start, goal, lang, max_length)
            assert json.dumps(answer) == json.dumps(expected), (start, goal, max_length)
            links_per_step |= {len(step["links"]) for path in answer["paths"] for step in path["steps"]}
    assert max(links_per_step) > 1


def test_the_query_leaves_out_exactly_the_predicates_the_build_skips(real_graph, reference_graph):
    ns = real_graph.settings.ontology_namespace
    skipped = skipped_predicates(ns)
    kept = [ns + "concerns", ns + "participationOf", "http://example.org/anything"]
    store = ox.Store()
    for predicate in sorted(skipped) + kept:
        store.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode(predicate), ox.NamedNode("http://example.org/b")))
    rows = store.query(real_graph.queries["link-graph-links"].text)
    assert sorted(row["p"].value for row in rows) == sorted(kept)
    # on the real data: the rows of every triple between two IRIs, less the skipped, in their order
    everything = [tuple(str(row[v]) for v in "spo") for row in real_graph.store.select(reference.LINKS_QUERY).rows]
    assert (real_graph.queries.select_plain(real_graph.store, "link-graph-links")
            == [row for row in everything if row[1] not in skipped])


def test_an_empty_graph_and_unknown_resources():
    graph = LinkGraph.from_links([])
    assert shortest_paths(graph, "http://example.org/a", "http://example.org/b", 6) == ([], False)
    assert shortest_paths(graph, "http://example.org/a", "http://example.org/a", 6) == ([["http://example.org/a"]], False)
    assert graph.links_between("http://example.org/a", "http://example.org/b") == []


class CannedQueries:
    """The internal queries' rows as plain strings, by name (LinkGraph.build reads nothing else)."""

    def __init__(self, rows: dict[str, list[tuple]]):
        self.rows = rows

    def select_plain(self, store, name, bindings=None, timeout=None):
        return self.rows[name]


def test_participations_hubs_untyped_nodes_and_loops_are_left_out():
    ns, x = "https://w3id.org/bochum-strategie/ontology#", "https://example.org/"
    queries = CannedQueries({
        "link-graph-types": [(x + "project", ns + "CoreActivity"), (x + "actor", ns + "Company"), (x + "site", ns + "Site"),
                             (x + "part", ns + "Participation"), (x + "status", gd.SKOS + "Concept"),
                             (x + "both", ns + "Site"), (x + "both", ns + "Strategy")],
        "link-graph-links": [(x + "project", ns + "concerns", x + "part"), (x + "project", ns + "concerns", x + "status"),
                             (x + "project", ns + "concerns", x + "both"), (x + "project", ns + "concerns", x + "untyped"),
                             (x + "project", ns + "concerns", x + "project"), (x + "project", ns + "status", x + "site"),
                             (x + "site", ns + "concerns", x + "project")],
        "participation-links": [(x + "project", x + "actor", x + "role/lead", x + "part"),
                                (x + "project", x + "status", None, x + "part2"), (x + "project", x + "actor", None, x + "part3"),
                                (x + "project", x + "project", None, x + "part4")],
    })
    graph = LinkGraph.build(None, queries, ns)
    assert graph.nodes == [x + "actor", x + "project", x + "site"]
    assert [graph.nodes[n] for n in graph.neighbour_numbers(1)] == [x + "actor", x + "site"]
    assert graph.links_between(x + "project", x + "actor") == [
        gd.Link(x + "project", ns + "participation", x + "actor"),
        gd.Link(x + "project", ns + "participation", x + "actor", x + "role/lead")]
    assert graph.links_between(x + "project", x + "site") == [gd.Link(x + "site", ns + "concerns", x + "project")]
    assert graph.links_between(x + "actor", x + "site") == []
