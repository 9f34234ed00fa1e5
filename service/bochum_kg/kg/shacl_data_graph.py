"""The data graph pySHACL validates (kg/validate.py): the union Store, seen through pySHACL's
Oxigraph adapter, with the two changes that make it fast on our shapes."""

from __future__ import annotations

from pyshacl.graph_abstraction import OxigraphDataGraph


class UnionDataGraph(OxigraphDataGraph):
    """pySHACL's view of the union Store, always truthy, remembering the objects it was asked for.

    pySHACL writes `datagraph or shapes_graph` while describing each result it builds, the
    discarded ones inside sh:or / sh:qualifiedValueShape / sh:node included. On an Oxigraph-backed
    graph bool() falls back to len(), a SPARQL COUNT over the whole store (~1 ms each); measured
    at 1,600 triples, that was 3 s of a 3.5 s run. The data graph is never empty here.
    pySHACL also asks for the same objects again and again (a value's rdf:type and superclasses
    for sh:class, once per alternative of an sh:or), converting each term anew: remember_objects()
    keeps the answers (a tenth of the validation time on the real data), for a store nothing
    writes to (shapes with sh:rule may add triples).
    """

    _objects: dict | None = None  # (subject, predicate, unique) -> objects, once remember_objects() was called

    def remember_objects(self) -> None:
        self._objects = {}

    def __bool__(self) -> bool:
        return True

    def objects(self, subject=None, predicate=None, unique=False):
        if self._objects is None or isinstance(subject, (list, tuple)):
            return super().objects(subject, predicate, unique)
        key = (subject, predicate, unique)
        found = self._objects.get(key)
        if found is None:
            found = self._objects[key] = tuple(super().objects(subject, predicate, unique))
        return iter(found)
