"""Search over labels and descriptions in German and English, case- and accent-insensitive.

Both the text and the query are folded: case-folded (so "ß" becomes "ss"), accents removed, and
umlauts taken both ways ("ä" -> "a" and "ä" -> "ae"), so "grossstadt", "Gross", "Groß",
"koeln" and "Köln" find what they should. Ranking: exact label > label prefix > label contains
> description; ties by label.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from bochum_kg.kg.labels import DCTERMS, RDFS, SKOS

LABEL_PREDICATES = (RDFS + "label", SKOS + "prefLabel", SKOS + "altLabel", DCTERMS + "title")
TEXT_PREDICATES = (DCTERMS + "description", SKOS + "definition")

SCORES = {"exact": 4, "prefix": 3, "label": 2, "description": 1}
MAX_QUERY_LENGTH = 200

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _squash(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("–", " ").split())


def fold_variants(text: str) -> set[str]:
    """The folded forms of a text: umlauts as plain vowels and as vowel + e ("Größe" -> "grosse", "groesse")."""
    base = unicodedata.normalize("NFC", text).casefold()
    plain = _squash(_strip_marks(base))
    expanded = _squash(_strip_marks(base.translate(_UMLAUTS)))
    return {plain, expanded}


@dataclass
class Entry:
    iri: str
    labels: list[set[str]] = field(default_factory=list)
    texts: list[set[str]] = field(default_factory=list)


@dataclass
class Hit:
    iri: str
    score: int
    match: str
    label: str
    label_lang: str | None
    types: list[str] = field(default_factory=list)


class SearchIndex:
    def __init__(self, entries: dict[str, Entry], labels, types: dict[str, list[str]] | None = None):
        self.entries = entries
        self.labels = labels  # a kg.labels.LabelTable: hits are named in the page language
        self.types = types or {}

    @classmethod
    def build(cls, store, labels, queries) -> "SearchIndex":
        entries: dict[str, Entry] = {}
        for predicates, attribute in ((LABEL_PREDICATES, "labels"), (TEXT_PREDICATES, "texts")):
            for predicate in predicates:
                for row in queries.select(store, "literals-of-predicate", {"predicate": URIRef(predicate)}).rows:
                    entry = entries.setdefault(str(row["s"]), Entry(str(row["s"])))
                    if isinstance(row["o"], Literal):
                        getattr(entry, attribute).append(fold_variants(str(row["o"])))
        types: dict[str, list[str]] = {}
        for row in queries.select(store, "resource-types").rows:
            types.setdefault(str(row["s"]), []).append(str(row["t"]))
        return cls(entries, labels, {s: sorted(t) for s, t in types.items()})

    def search(self, query: str, lang: str, limit: int = 50) -> list[Hit]:
        query_forms = {q for q in fold_variants(query) if q}
        if not query_forms:
            return []
        tokens = [set(fold_variants(tok)) for tok in query.split()]
        hits = []
        for entry in self.entries.values():
            match = self._best_match(entry, query_forms, tokens)
            if match is None:
                continue
            text, text_lang = self.labels.label_with_lang(entry.iri, lang)
            hits.append(Hit(entry.iri, SCORES[match], match, text, text_lang, self.types.get(entry.iri, [])))
        hits.sort(key=lambda h: (-h.score, next(iter(sorted(fold_variants(h.label)))), h.iri))
        return hits[:limit]

    @staticmethod
    def _best_match(entry: Entry, forms: set[str], tokens: list[set[str]]) -> str | None:
        best = None
        for variants in entry.labels:
            for q in forms:
                for v in variants:
                    if v == q:
                        return "exact"
                    if v.startswith(q):
                        best = "prefix"
                    elif best is None and q in v:
                        best = "label"
        if best is not None:
            return best
        for variants in entry.labels:  # every word of the query somewhere in one label
            if len(tokens) > 1 and all(any(q in v for q in tok for v in variants) for tok in tokens):
                return "label"
        for variants in entry.texts:
            if any(q in v for q in forms for v in variants):
                return "description"
            if len(tokens) > 1 and all(any(q in v for q in tok for v in variants) for tok in tokens):
                return "description"
        return None


def suggestions_for_path(index: SearchIndex, path: str, lang: str, limit: int = 5) -> list[Hit]:
    """Search suggestions for an unknown IRI path: its last segment's words."""
    last = path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    words = [w for w in last.replace("--", " ").replace("-", " ").replace("_", " ").split() if len(w) > 2]
    seen: dict[str, Hit] = {}
    for query in [" ".join(words)] + words:
        if not query:
            continue
        for hit in index.search(query, lang, limit):
            seen.setdefault(hit.iri, hit)
        if len(seen) >= limit:
            break
    return list(seen.values())[:limit]
