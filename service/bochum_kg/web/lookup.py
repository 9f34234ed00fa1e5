"""Finding resources by what a planner types: words of a label, a prefixed name or an IRI.

`lookup` ranks resources whose label contains the text; `resolve` turns a form field into one
resource (or the candidates to choose from); `explorer_graph` merges the neighbourhoods of a
resource and the nodes the explorer has expanded.
"""

from __future__ import annotations

from dataclasses import dataclass

from bochum_kg.web import iris
from bochum_kg.kg.analysis import graph_data as gd
from bochum_kg.kg.analysis.neighbourhood import neighbourhood
from bochum_kg.web.context import kg, qname

LOOKUP_LIMIT = 20

def lookup(text: str, lang: str, limit: int = LOOKUP_LIMIT) -> list[dict]:
    """Resources whose label contains `text` (exact, then prefix, then anywhere; then by label).

    Participations and figures (folded into other nodes) and the ontology's own terms are left out.
    """
    ns = kg().settings.ontology_namespace
    found = kg().label_lookup.find(text, lang, limit)
    infos = gd.node_infos(kg(), found)
    classes = gd.class_infos(kg(), ns)
    out = []
    for iri in found:
        cls = gd.primary_class(infos[iri].types, classes, ns)
        out.append({
            "iri": iri,
            "label": infos[iri].label(lang),
            "name": qname(iri),
            "class": cls,
            "class_label": gd.class_label(cls, classes, lang),
        })
    return out


@dataclass
class Resolution:
    """What the user typed into a resource field and what it turned out to be."""

    text: str
    iri: str | None = None
    candidates: list[dict] | None = None

    @property
    def ambiguous(self) -> bool:
        return self.iri is None and bool(self.candidates)

    @property
    def not_found(self) -> bool:
        return bool(self.text) and self.iri is None and not self.candidates


def resolve(text: str | None, lang: str) -> Resolution:
    """An IRI, a prefixed name (actor:x) or words of a label, as one resource if possible."""
    text = (text or "").strip()
    if not text:
        return Resolution("")
    settings = kg().settings
    candidate = gd.expand(text, settings.base_iri) if not text.startswith(("http://", "https://")) else None
    for iri in filter(None, (candidate, text if gd.is_safe_iri(text) else None)):
        if gd.node_infos(kg(), [iri])[iri].is_resource:
            return Resolution(text, iri)
    found = lookup(text, lang)
    exact = [f for f in found if f["label"].lower() == text.lower()]
    if len(exact) == 1 or len(found) == 1:
        return Resolution(text, (exact or found)[0]["iri"])
    return Resolution(text, None, found)


def explorer_graph(start: str, expanded: list[str], lang: str) -> dict:
    """The start resource's neighbourhood merged with those of the expanded nodes."""
    graph = neighbourhood(kg(), kg().settings, start, lang, page_href=iris.local_href)
    graph["expanded"] = [start]
    nodes = {n["id"]: n for n in graph["nodes"]}
    edges = {e["id"]: e for e in graph["edges"]}
    for iri in expanded:
        if iri == start or iri not in nodes or iri in graph["expanded"]:
            continue
        more = neighbourhood(kg(), kg().settings, iri, lang, page_href=iris.local_href)
        nodes.update({n["id"]: n for n in more["nodes"]})
        edges.update({e["id"]: e for e in more["edges"]})
        graph["truncated"] = graph["truncated"] or more["truncated"]
        graph["expanded"].append(iri)
    counts: dict = {}
    class_entries = {}
    for cls in graph["classes"]:
        class_entries[cls["iri"]] = cls
    for node in nodes.values():
        counts[node["class"]] = counts.get(node["class"], 0) + 1
        class_entries.setdefault(node["class"], {"iri": node["class"], "label": node["class_label"],
                                                 "labels": node["class_labels"]})
    graph["classes"] = sorted(
        ({**class_entries[c], "count": n} for c, n in counts.items()), key=lambda c: c["label"].lower()
    )
    graph["nodes"] = sorted(nodes.values(), key=lambda n: (n["class_label"].lower(), n["label"].lower()))
    graph["edges"] = sorted(edges.values(), key=lambda e: (e["label"].lower(), e["source"], e["target"]))
    return graph
