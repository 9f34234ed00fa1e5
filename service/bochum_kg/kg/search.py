"""Search over every literal of a resource, in German and English, forgiving as people type.

Texts and queries are folded (kg/folding.py) and the index keeps them in joined strings
(kg/haystack.py). A query word of five letters or more also matches a label word one typo away
("universitet" -> "Universität").

Every literal counts, in three tiers: labels (rdfs:label, skos:prefLabel, skos:altLabel,
dcterms:title), descriptions (dcterms:description, skos:definition) and everything else
(notes, event and figure texts). Ranking: exact label > label prefix > label contains > label
one typo away > description > other text; then the resource before its participations and
figures, then shorter names. Results carry their classes, so callers can offer facets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import reduce

import numpy as np

from bochum_kg.kg.folding import Folded, fold_variants
from bochum_kg.kg.haystack import Tier
from bochum_kg.kg.labels import DCTERMS, RDFS, SKOS

LABEL_PREDICATES = (RDFS + "label", SKOS + "prefLabel", SKOS + "altLabel", DCTERMS + "title")
TEXT_PREDICATES = (DCTERMS + "description", SKOS + "definition")

SCORES = {"exact": 6, "prefix": 5, "label": 4, "similar": 3, "description": 2, "note": 1}
MAX_QUERY_LENGTH = 200
FUZZY_MIN_LENGTH = 5  # shorter words are too easily one typo away from another word


@dataclass
class Hit:
    iri: str
    score: int
    match: str
    label: str
    label_lang: str | None
    types: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Query:
    forms: frozenset[str]
    compact: frozenset[str]
    tokens: tuple[Folded, ...]

    @classmethod
    def of(cls, text: str) -> "Query":
        text = text.replace("\0", " ")  # as in the index's texts, where NUL separates them (kg/haystack.py)
        whole = Folded.of(text)
        return cls(frozenset(f for f in whole.forms if f), whole.compact, tuple(Folded.of(t) for t in text.split()))


def one_edit_apart(a: str, b: str) -> bool:
    """True when b is a with one letter replaced, inserted or deleted (or the same)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


NO_TYPES: tuple[str, ...] = ()
NAME_LANGUAGES = ("de", "en")
MATCHES = ("note", "description", "similar", "label", "prefix", "exact")  # by SCORES, lowest first


class SearchIndex:
    """Every literal of every resource, folded once into three tiers of haystacks.

    A search finds the pieces that contain the query with `str.find` (C speed, no Python loop over
    resources) and ranks per resource as the definition in `_best_match_reference` of the tests
    says: exact label > label prefix > label contains (or all words in one label) > every word in a
    label or one typo away > description > other text."""

    def __init__(self, resources: list[str], tiers: dict[str, Tier], labels, types: dict[str, list[str]],
                 minor_types: frozenset[str] = frozenset()):
        self.resources = resources  # resource number -> IRI
        self.tiers = tiers  # "label", "description", "note"
        self.labels = labels  # a kg.labels.LabelTable: hits are named in the page language
        self.types = types
        self.typed_iris = sorted(types)  # for the index pages' members under a namespace (KnowledgeGraph.typed_under)
        self.minor_types = minor_types  # classes ranked after the resources they belong to
        # resources share their type lists (build): list number per resource, and each list's flags
        self.type_lists: list[list[str]] = list({id(t): t for t in types.values()}.values()) + [[]]
        list_number = {id(t): n for n, t in enumerate(self.type_lists)}
        untyped = len(self.type_lists) - 1
        self.type_list_of = np.fromiter((list_number[id(types[iri])] if iri in types else untyped for iri in resources),
                                        dtype=np.int32, count=len(resources))
        self.minor_list = np.array([bool(minor_types.intersection(t)) for t in self.type_lists])
        # each resource's name length in each page language: the first key of the order among equal scores
        self.name_lengths = {lang: np.fromiter((len(labels.label(iri, lang)) for iri in resources), dtype=np.int32,
                                               count=len(resources)) for lang in NAME_LANGUAGES}
        self._last: tuple[Query, np.ndarray] | None = None  # the search page asks for hits, then facets
        words = tiers["label"].words()
        self.label_words_by_length: dict[int, list[str]] = {}
        for word in sorted(words):
            if len(word) >= FUZZY_MIN_LENGTH - 1:
                self.label_words_by_length.setdefault(len(word), []).append(word)

    def __len__(self) -> int:
        """How many resources have a text."""
        return len(self.resources)

    @classmethod
    def build(cls, store, labels, queries, ontology_namespace: str = "") -> "SearchIndex":
        number: dict[str, int] = {}
        texts: dict[str, tuple[list[str], list[int]]] = {"label": ([], []), "description": ([], []), "note": ([], [])}
        for subject, predicate, value in queries.select_plain(store, "all-literals"):
            if not value.strip():
                continue
            tier = "label" if predicate in LABEL_PREDICATES else "description" if predicate in TEXT_PREDICATES else "note"
            texts[tier][0].append(value)
            texts[tier][1].append(number.setdefault(subject, len(number)))
        types: dict[str, list[str]] = {}
        for subject, cls_iri in queries.select_plain(store, "resource-types"):
            types.setdefault(subject, []).append(cls_iri)
        shared: dict[tuple, list[str]] = {}  # many resources have the same classes: one list for them all
        types = {s: shared.setdefault(tuple(sorted(t)), sorted(t)) for s, t in types.items()}
        minor = frozenset(ontology_namespace + c for c in ("Participation", "Figure")) if ontology_namespace else frozenset()
        tiers = {name: Tier(values, owners) for name, (values, owners) in texts.items()}
        return cls(list(number), tiers, labels, types, minor)

    def _near_words(self, query: Query) -> list[frozenset[str]]:
        """For each query word: the label words one typo away (empty for short words)."""
        near = []
        for token in query.tokens:
            close = set()
            for word in (w for w in token.words if len(w) >= FUZZY_MIN_LENGTH):
                for length in (len(word) - 1, len(word), len(word) + 1):
                    close.update(v for v in self.label_words_by_length.get(length, ()) if one_edit_apart(word, v))
            near.append(frozenset(close))
        return near

    def matches(self, query: Query) -> np.ndarray:
        """Each resource's score (SCORES; 0 where the query does not find it), by resource number."""
        last = self._last
        if last is not None and last[0] == query:
            return last[1]
        found = self._find(query)
        self._last = (query, found)
        return found

    def _find(self, query: Query) -> np.ndarray:
        tokens = [Query(t.forms, t.compact, ()) for t in query.tokens]
        count = len(self.resources)
        given: list[tuple[int, np.ndarray]] = []  # (points, mask of resources), applied lowest first: the best counts
        found_in: dict[tuple[str, Query], tuple[set[int], set[int], set[int]]] = {}

        def pieces_of(tier: str, wanted: Query) -> tuple[set[int], set[int], set[int]]:
            key = (tier, Query(wanted.forms, wanted.compact, ()))  # a one-word query is its own token
            if key not in found_in:
                found_in[key] = self.tiers[tier].matches(wanted)
            return found_in[key]

        label = self.tiers["label"]
        found, prefix, equal = pieces_of("label", query)
        given += [(SCORES["label"], label.resources(found, count)), (SCORES["prefix"], label.resources(prefix, count)),
                  (SCORES["exact"], label.resources(equal, count))]
        if len(tokens) > 1:  # every word in one label (a word that folds to nothing is in every text)
            each = [pieces_of("label", token)[0] for token in tokens if "" not in token.forms]
            given.append((SCORES["label"], label.resources(set.intersection(*each) if each else (), count)))
        near = self._near_words(query)
        if tokens and any(near):
            each = [pieces_of("label", token)[0] for token in tokens]
            given.append((SCORES["similar"], label.resources(self._similar_pieces(label, tokens, near, each), count)))
        for name in ("description", "note"):
            tier = self.tiers[name]
            in_tier = tier.resources(pieces_of(name, query)[0], count)
            if len(tokens) > 1:
                each = [tier.resources(pieces_of(name, t)[0], count) for t in tokens if "" not in t.forms]
                if each:
                    in_tier = in_tier | reduce(np.logical_and, each)
            given.append((SCORES[name], in_tier))
        score = np.zeros(count, dtype=np.int8)
        for points, resources in sorted(given, key=lambda g: g[0]):
            score[resources] = points
        return score

    @staticmethod
    def _similar_pieces(label: Tier, tokens: list[Query], near: list[frozenset[str]], containing: list[set[int]]) -> set[int]:
        """Label pieces in which every query word is contained or one typo away from a word
        (`containing`: the label pieces that contain each token)."""
        result = None
        for token, close, pieces in zip(tokens, near, containing):
            if "" in token.forms:
                continue
            pieces = set(pieces)
            for word in close:
                if any(form in word for form in token.forms):
                    continue  # every piece with this word contains the token: it is in `pieces` already
                for haystack in label.forms:
                    pieces |= haystack.with_word(word)
            result = pieces if result is None else result & pieces
            if not result:
                return set()
        return result if result is not None else set(range(len(label)))

    def search(self, query: str, lang: str, limit: int = 50, classes: set[str] | None = None) -> list[Hit]:
        """The best `limit` hits; with `classes`, only resources of one of them.

        Order: score, the resource before its participations and figures, shorter name, folded
        name, IRI. Names are looked up only in the best (score, minor) groups that fill `limit`:
        a common word matches tens of thousands of resources at 500k triples."""
        parsed = Query.of(query)
        if not parsed.forms:
            return []
        score = self.matches(parsed)
        found = np.flatnonzero(score)
        lists = self.type_list_of[found]
        if classes:  # the class tests run once per type list, not per match
            wanted = np.array([bool(classes.intersection(t)) for t in self.type_lists])
            found, lists = found[wanted[lists]], lists[wanted[lists]]
        points, minor = score[found], self.minor_list[lists]
        hits: list[Hit] = []
        for group_points in sorted(set(points.tolist()), reverse=True):
            for group_minor in (False, True):
                if len(hits) >= limit:
                    break
                group = found[(points == group_points) & (minor == group_minor)]
                needed = limit - len(hits)
                if len(group) > needed and lang in self.name_lengths:  # the shortest names fill the page
                    lengths = self.name_lengths[lang][group]        # (the sorts below decide among equals)
                    group = group[lengths <= np.partition(lengths, needed - 1)[needed - 1]]
                named = [(iri, *self.labels.label_with_lang(iri, lang)) for iri in map(self.resources.__getitem__, group.tolist())]
                hits += [Hit(iri, group_points, MATCHES[group_points - 1], text, text_lang, list(self.types.get(iri, NO_TYPES)))
                         for iri, text, text_lang in named]
        hits.sort(key=lambda h: (-h.score, bool(self.minor_types.intersection(h.types)), len(h.label), h.iri))
        if len(hits) > limit:  # ties at the cut sorted by their folded names, as below
            last = hits[limit - 1]
            hits = [h for h in hits if (-h.score, bool(self.minor_types.intersection(h.types)), len(h.label))
                    <= (-last.score, bool(self.minor_types.intersection(last.types)), len(last.label))]
        hits.sort(key=lambda h: (-h.score, bool(self.minor_types.intersection(h.types)), len(h.label),
                                 min(fold_variants(h.label)), h.iri))
        return hits[:limit]

    def facets(self, query: str, lang: str) -> Counter:
        """How many hits of each class the query has (all hits, not only the first page)."""
        parsed = Query.of(query)
        counts: Counter = Counter()
        if not parsed.forms:
            return counts
        # resources share their type lists: count per list, then per class
        per_list = np.bincount(self.type_list_of[np.flatnonzero(self.matches(parsed))], minlength=len(self.type_lists))
        for number in np.flatnonzero(per_list).tolist():
            for cls in self.type_lists[number]:
                counts[cls] += int(per_list[number])
        return counts


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
