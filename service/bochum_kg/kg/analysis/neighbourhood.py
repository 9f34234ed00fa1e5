"""The neighbourhood of one resource as nodes and edges: the data behind the explorer.

    neighbourhood(knowledge, settings, iri, lang) -> dict ready for JSON

Edges are the resource's links to and from other resources of the dataset (rdf:type, sources and
homepages left out); participations are folded into project -> actor edges named by the role.
"""

from __future__ import annotations

from bochum_kg.kg.analysis import graph_data as gd
from rdflib import URIRef

from bochum_kg.kg import labels

#: More edges than this and the explorer shows the first ones (sorted) and says so.
EDGE_LIMIT = 250


class UnknownResource(Exception):
    """The IRI names nothing in the dataset."""


class GraphBuilder:
    """Collects nodes and edges and describes them in one language."""

    def __init__(self, knowledge, settings, lang: str, page_href=None):
        self.knowledge = knowledge
        self.page_href = page_href or (lambda iri: None)  # iri -> the local page's URL (the web layer knows it)
        self.settings = settings
        self.lang = lang
        self.ns = settings.ontology_namespace
        self.classes = gd.class_infos(knowledge, self.ns)

    def describe(self, node_iris, links: list[gd.Link], infos=None) -> dict:
        predicate_iris = {link.predicate for link in links} | {link.role for link in links if link.role}
        infos = dict(infos or {})
        missing = (set(node_iris) | predicate_iris) - set(infos)
        infos.update(gd.node_infos(self.knowledge, missing))
        nodes = [self.node(infos[i]) for i in sorted(node_iris)]
        edges = [self.edge(link, infos) for link in links]
        counts: dict[str | None, int] = {}
        for node in nodes:
            counts[node["class"]] = counts.get(node["class"], 0) + 1
        classes = [
            {"iri": c, "label": gd.class_label(c, self.classes, self.lang),
             "labels": self.class_labels(c), "count": n}
            for c, n in sorted(counts.items(), key=lambda item: gd.class_label(item[0], self.classes, self.lang).lower())
        ]
        return {"nodes": nodes, "edges": edges, "classes": classes}

    def class_labels(self, iri: str | None) -> dict[str, str]:
        return {lang: gd.class_label(iri, self.classes, lang) for lang in gd.LANGUAGES}

    def node(self, info: gd.NodeInfo) -> dict:
        cls = gd.primary_class(info.types, self.classes, self.ns)
        return {
            "id": info.iri,
            "label": info.label(self.lang),
            "labels": {lang: info.label(lang) for lang in gd.LANGUAGES},
            "name": labels.qname(info.iri, self.settings.base_iri),
            "class": cls,
            "class_label": gd.class_label(cls, self.classes, self.lang),
            "class_labels": self.class_labels(cls),
            "page": self.page_href(info.iri),
        }

    def edge(self, link: gd.Link, infos: dict[str, gd.NodeInfo]) -> dict:
        named_by = link.role or link.predicate
        info = infos.get(named_by) or gd.NodeInfo(named_by)
        return {
            "id": link.key,
            "source": link.source,
            "target": link.target,
            "predicate": link.predicate,
            "predicate_name": labels.qname(link.predicate, self.settings.base_iri),
            "role": link.role,
            "label": info.label(self.lang),
            "labels": {lang: info.label(lang) for lang in gd.LANGUAGES},
        }


def neighbourhood(knowledge, settings, iri: str, lang: str = "de", edge_limit: int = EDGE_LIMIT, page_href=None) -> dict:
    """Nodes and edges around `iri`; raises UnknownResource when the dataset does not describe it."""
    if not gd.is_safe_iri(iri):
        raise UnknownResource(iri)
    builder = GraphBuilder(knowledge, settings, lang, page_href)
    centre = gd.node_infos(knowledge, [iri]).get(iri)
    if centre is None or not centre.is_resource:
        raise UnknownResource(iri)

    raw = []
    for row in knowledge.select("neighbours", {"r": URIRef(iri)}).rows:
        predicate, other = str(row["p"]), str(row["other"])
        if predicate in gd.NON_RELATIONSHIP_PREDICATES or other == iri:
            continue
        raw.append((str(row["dir"]), predicate, other))

    others = {other for _, _, other in raw}
    infos = gd.node_infos(knowledge, others | {iri})
    participations = gd.participation_nodes(knowledge, builder.ns, others | {iri})
    centre_is_participation = iri in participations

    links: dict[str, gd.Link] = {}
    for direction, predicate, other in raw:
        if not infos[other].is_resource:
            continue
        if other in participations and not centre_is_participation:
            continue  # replaced by the folded link below
        link = gd.Link(iri, predicate, other) if direction == "out" else gd.Link(other, predicate, iri)
        links[link.key] = link
    if not centre_is_participation:
        for link in gd.folded_participations(knowledge.store, knowledge.queries, builder.ns, around=iri):
            links[link.key] = link

    ordered = sorted(links.values(), key=lambda link: (link.predicate, link.role or "", link.source, link.target))
    truncated = len(ordered) > edge_limit
    ordered = ordered[:edge_limit]
    node_iris = {iri} | {link.source for link in ordered} | {link.target for link in ordered}
    described = builder.describe(node_iris, ordered, infos)
    return {
        "resource": iri,
        "lang": lang,
        **described,
        "truncated": truncated,
        "edge_limit": edge_limit,
    }
