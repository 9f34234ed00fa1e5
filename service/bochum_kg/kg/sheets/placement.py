"""Which file of data/ a resource is written to: a rule that reproduces the files as they were split.

1. A resource that another one holds as a part (the object of bs:figure, bs:participation or
   bs:formula) lives with its holder: figures with the actor, project, site or strategy they
   describe, participations with their project, the Bochum Formel with the strategy.
2. Otherwise the kind of its IRI decides (HOME_FILES): strategy, tranches and formula terms in
   strategy.ttl; events and milestones in events.ttl; memberships and shareholdings in
   relations.ttl; known unknowns in unknowns.ttl; competences, aims, goal areas, goals and themes in competences.ttl;
   projects, actors, sites in their own files; status, roles, measures and schemes in concepts.ttl.
3. A kind not in that table lives with the first resource (by IRI) that points to it, and a
   resource nothing points to in `{kind}.ttl` (`other.ttl` for IRIs not of ours).
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from .vocabulary import ONTOLOGY, kind_of

HOME_FILES = {
    "strategy": "strategy.ttl", "event": "events.ttl", "tranche": "strategy.ttl", "formula": "strategy.ttl",
    "membership": "relations.ttl", "unknown": "unknowns.ttl",
    "competence": "competences.ttl", "aim": "competences.ttl", "goal-area": "competences.ttl",
    "goal": "competences.ttl", "theme": "competences.ttl",
    "project": "projects.ttl", "actor": "actors.ttl", "site": "sites.ttl",
    "status": "concepts.ttl", "role": "concepts.ttl", "measure": "concepts.ttl", "scheme": "concepts.ttl",
}
PART_PROPERTIES = tuple(URIRef(ONTOLOGY + name) for name in ("figure", "participation", "formula"))
OTHER_FILE = "other.ttl"


def file_of_each_subject(graph: Graph) -> dict[URIRef, str]:
    """Subject -> file name, for every subject of the graph."""
    holders: dict = {}
    for prop in PART_PROPERTIES:
        for holder, part in graph.subject_objects(prop):
            if holder != part:
                holders.setdefault(part, set()).add(holder)
    files: dict = {}
    for subject in sorted(set(graph.subjects())):
        _file_of(subject, graph, holders, files, set())
    return files


def _file_of(subject, graph: Graph, holders: dict, files: dict, visiting: set) -> str | None:
    if subject in files:
        return files[subject]
    if subject in visiting:  # a cycle of parts or references: let the next rule decide
        return None
    visiting.add(subject)
    found = None
    for holder in sorted(holders.get(subject, ())):
        found = _file_of(holder, graph, holders, files, visiting)
        if found:
            break
    kind = kind_of(subject)
    if found is None and kind in HOME_FILES:
        found = HOME_FILES[kind]
    if found is None:
        for referrer in sorted(set(graph.subjects(None, subject)) - {subject}):
            found = _file_of(referrer, graph, holders, files, visiting)
            if found:
                break
    if found is None:
        found = f"{kind}.ttl" if kind else OTHER_FILE
    visiting.discard(subject)
    if (subject, None, None) in graph:
        files[subject] = found
    return found
