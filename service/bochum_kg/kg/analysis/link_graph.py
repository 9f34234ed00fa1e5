"""The relationships the path search walks (kg/analysis/connections.py), built once at start in arrays.

What counts as a relationship is what a planner would follow: links between resources of the
dataset, participations folded into project - actor links. Left out, because they are typing,
schema or hubs that would connect everything in two steps: rdf:type, sources and homepages, the
ontology itself, concept schemes and their concepts (status, roles, measures), and the strategy
node every element points to.

At 5M generated triples that is hundreds of thousands of nodes and about a million links, kept
by every worker: so no object per node or link. The nodes are one sorted list of IRIs (a node's
number is its place in it, so number order is IRI order); each node's neighbours are a run of
`neighbours` (compressed sparse rows), sorted; each (node, neighbour) pair's links are a run of
the link arrays: predicate and role as numbers into `predicates` and `roles`, and whether the link
points from the node to the neighbour. A pair's links are ordered by (predicate, role), links
that tie in the order they were read.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from bochum_kg.kg.analysis import graph_data as gd

_RDFS_SCHEMA = {"subClassOf", "subPropertyOf", "domain", "range"}


def hub_types(ns: str) -> frozenset[str]:
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


def skipped_predicates(ns: str) -> frozenset[str]:
    """Never a relationship (the query link-graph-links leaves most of them out already)."""
    return frozenset(gd.NON_RELATIONSHIP_PREDICATES | {gd.RDFS + name for name in _RDFS_SCHEMA} | {
        gd.SKOS + "inScheme", gd.SKOS + "topConceptOf", gd.SKOS + "hasTopConcept",
        ns + "strategy", ns + "status", ns + "measure", ns + "role",
        ns + "participation", ns + "agent",  # folded into one project - actor link
    })


@dataclass
class LinkGraph:
    """Undirected adjacency over relationship links (each link remembers its direction)."""

    nodes: list[str]  # sorted; a node's number is its index
    offsets: array  # node i's neighbours: neighbours[offsets[i]:offsets[i + 1]]
    neighbours: array  # node numbers, ascending per node; one entry per (node, neighbour) pair
    link_offsets: array  # the links of pair k (an index into neighbours): link_offsets[k]:link_offsets[k + 1]
    link_predicates: array  # index into predicates
    link_roles: array  # index into roles (0: no role)
    link_forward: array  # 1 when the link goes from the pair's node to its neighbour
    predicates: list[str]
    roles: list[str | None]

    def node_number(self, iri: str) -> int | None:
        at = bisect_left(self.nodes, iri)
        return at if at < len(self.nodes) and self.nodes[at] == iri else None

    def neighbour_numbers(self, node: int) -> array:
        return self.neighbours[self.offsets[node]:self.offsets[node + 1]]

    def links_between(self, a: str, b: str) -> list[gd.Link]:
        """The links between two neighbours, sorted by (predicate, role); empty when they are none."""
        node, other = self.node_number(a), self.node_number(b)
        if node is None or other is None:
            return []
        start, end = self.offsets[node], self.offsets[node + 1]
        pair = bisect_left(self.neighbours, other, start, end)
        if pair == end or self.neighbours[pair] != other:
            return []
        links = []
        for k in range(self.link_offsets[pair], self.link_offsets[pair + 1]):
            predicate, role = self.predicates[self.link_predicates[k]], self.roles[self.link_roles[k]]
            links.append(gd.Link(a, predicate, b, role) if self.link_forward[k] else gd.Link(b, predicate, a, role))
        return links

    @classmethod
    def build(cls, store, queries, ontology_namespace: str, known_iris: list[str] = ()) -> "LinkGraph":
        """Read the links (plain strings) with the internal queries and lay them out; for KnowledgeGraph.build.

        A node's IRI is the string object of `known_iris` (the search index's) where one is equal:
        kept once in memory (60 MB of IRIs at 5M triples), and once in a prebuilt directory's pickle."""
        usable = _usable_nodes(queries.select_plain(store, "link-graph-types"), ontology_namespace)
        skipped = skipped_predicates(ontology_namespace)
        links = [(s, p, o, None) for s, p, o in queries.select_plain(store, "link-graph-links")
                 if p not in skipped and s != o and s in usable and o in usable]
        links += [(link.source, link.predicate, link.target, link.role)
                  for link in gd.folded_participations(store, queries, ontology_namespace)
                  if link.source != link.target and link.source in usable and link.target in usable]
        graph = cls.from_links(links)
        known = dict(zip(known_iris, known_iris))
        graph.nodes = [known.get(iri, iri) for iri in graph.nodes]
        return graph

    @classmethod
    def from_links(cls, links: list[tuple[str, str, str, str | None]]) -> "LinkGraph":
        """The graph of (source, predicate, target, role) links, no loops among them, in the order read."""
        nodes = sorted({s for s, _, _, _ in links} | {o for _, _, o, _ in links})
        predicates = sorted({p for _, p, _, _ in links})
        roles = [None] + sorted({r for _, _, _, r in links if r is not None})
        number = {iri: i for i, iri in enumerate(nodes)}
        predicate_number = {p: i for i, p in enumerate(predicates)}
        role_number = {r: i for i, r in enumerate(roles)}
        role_texts = sorted({r or "" for r in roles})  # ordered as (role or ""): no role and "" tie
        role_rank = {r: role_texts.index(r or "") for r in roles}

        # The links in the order a pair lists them: by (predicate, role), ties in the order read.
        # Sort keys are single numbers and the loops comprehensions: at 5M triples there are a
        # million links.
        read = len(links)
        order = sorted((predicate_number[p] * len(role_texts) + role_rank[r]) * read + i
                       for i, (_, p, _, r) in enumerate(links))
        ordered = [links[key % read] for key in order]
        del order
        sources = [number[s] for s, _, _, _ in ordered]
        targets = [number[o] for _, _, o, _ in ordered]
        # Two entries per link, one per end: (node, neighbour, place in `ordered`) as one number.
        count = len(nodes)
        entries = [(s * count + o) * read + place for place, (s, o) in enumerate(zip(sources, targets))]
        entries += [(o * count + s) * read + place for place, (s, o) in enumerate(zip(sources, targets))]
        entries.sort()
        places = [entry % read for entry in entries]
        pairs = [entry // read for entry in entries]
        del entries
        firsts = [0] + [k for k, (a, b) in enumerate(zip(pairs, pairs[1:]), 1) if a != b] if pairs else []
        per_node = [0] * count
        for k in firsts:
            per_node[pairs[k] // count] += 1
        predicate_of = [predicate_number[p] for _, p, _, _ in ordered]
        role_of = [role_number[r] for _, _, _, r in ordered]
        return cls(
            nodes=nodes,
            offsets=array("i", accumulate(per_node, initial=0)),
            neighbours=array("i", [pairs[k] % count for k in firsts]),
            link_offsets=array("i", firsts + [len(pairs)]),
            link_predicates=array("i", [predicate_of[place] for place in places]),
            link_roles=array("i", [role_of[place] for place in places]),
            link_forward=array("b", [sources[place] == pair // count for place, pair in zip(places, pairs)]),
            predicates=predicates,
            roles=roles,
        )


def _usable_nodes(type_rows, ontology_namespace: str) -> set[str]:
    """Nodes with a type, none of them a hub's or a participation's."""
    left_out = hub_types(ontology_namespace) | {ontology_namespace + "Participation"}
    typed, excluded = set(), set()
    for node, node_type in type_rows:
        typed.add(node)
        if node_type in left_out:
            excluded.add(node)
    return typed - excluded
