"""What the index pages (`/{kind}/`, web/pages/indexes.py) need beyond one page: read once at start.

- `names`: every typed IRI's rank in the order of the names its links show, per page language
  (the name folded, then the IRI), as an array aligned with the search index's sorted typed IRIs;
  an index page sorts its members by these ranks instead of looking up and folding every name.
- `values`: the objects (lexical forms) of the properties the index pages filter and order by,
  per subject, instead of a query per request over every subject of a namespace.

At 5M generated triples /figure/ (163,000 members) took 2.4 s per request with both per request.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from rdflib import URIRef

LANGUAGES = ("de", "en")
#: local names (ontology namespace) of the properties the index filters read (web/pages/indexes.py FILTERS) and order by
PROPERTIES = ("status", "inGoalArea", "role", "measure", "order")


@dataclass
class IndexFacts:
    names: dict[str, array]  # language -> rank of each typed IRI (by position in the sorted typed IRIs)
    values: dict[str, dict[str, list[str]]]  # property IRI -> subject -> objects

    @classmethod
    def read(cls, store, queries, labels, typed_iris: list[str], ontology_namespace: str) -> "IndexFacts":
        names = {}
        for lang in LANGUAGES:
            keys = [labels.name_key(iri, lang) for iri in typed_iris]
            rank = array("i", bytes(4 * len(typed_iris)))
            for place, position in enumerate(sorted(range(len(typed_iris)), key=keys.__getitem__)):
                rank[position] = place
            names[lang] = rank
        values: dict[str, dict[str, list[str]]] = {}
        for name in PROPERTIES:
            predicate = ontology_namespace + name
            found = values[predicate] = {}
            for subject, value in queries.select_plain(store, "property-values", {"p": URIRef(predicate)}):
                found.setdefault(subject, []).append(value)
        return cls(names, values)
