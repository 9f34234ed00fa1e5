"""Search over every literal of a resource, in German and English, forgiving as people type.

Texts and queries are folded: case-folded ("ß" becomes "ss"), accents removed, umlauts taken
both ways ("ä" -> "a" and "ae"), and also squeezed to letters and digits only, so "grossstadt",
"Groß", "koeln", "Köln" and "mark51" (MARK 51°7) find what they should. A query word of five
letters or more also matches a label word one typo away ("universitet" -> "Universität").

Every literal counts, in three tiers: labels (rdfs:label, skos:prefLabel, skos:altLabel,
dcterms:title), descriptions (dcterms:description, skos:definition) and everything else
(notes, event and figure texts). Ranking: exact label > label prefix > label contains > label
one typo away > description > other text; then the resource before its participations and
figures, then shorter names. Results carry their classes, so callers can offer facets.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from rdflib import Literal

from bochum_kg.kg.labels import DCTERMS, RDFS, SKOS

LABEL_PREDICATES = (RDFS + "label", SKOS + "prefLabel", SKOS + "altLabel", DCTERMS + "title")
TEXT_PREDICATES = (DCTERMS + "description", SKOS + "definition")

SCORES = {"exact": 6, "prefix": 5, "label": 4, "similar": 3, "description": 2, "note": 1}
MAX_QUERY_LENGTH = 200
FUZZY_MIN_LENGTH = 5  # shorter words are too easily one typo away from another word

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_WORD = re.compile(r"[0-9a-z]+")


class _WithoutMarks(dict):
    """A str.translate table that drops combining characters (unicodedata.combining != 0) and keeps
    every other one, filled in per code point on first sight: the translation runs in C."""

    def __missing__(self, code_point: int):
        kept = None if unicodedata.combining(chr(code_point)) else code_point
        self[code_point] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def _strip_marks(text: str) -> str:
    """The text decomposed (NFKD) without its combining marks: "Köln" -> "Koln".

    Called for every literal when the search index is built; a Python loop over the characters
    made it most of the index's build time, which `serve` pays at start (bench/README.md, scale)."""
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return decomposed.translate(_WITHOUT_MARKS)


def _squash(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("–", " ").split())


def fold_variants(text: str) -> set[str]:
    """The folded forms of a text: umlauts as plain vowels and as vowel + e ("Größe" -> "grosse", "groesse")."""
    base = unicodedata.normalize("NFC", text).casefold()
    plain = _squash(_strip_marks(base))
    expanded = _squash(_strip_marks(base.translate(_UMLAUTS)))
    return {plain, expanded}


@dataclass(frozen=True)
class Folded:
    """One literal, ready to match: its folded forms, the same squeezed to letters and digits, its words."""

    forms: frozenset[str]
    compact: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, text: str) -> "Folded":
        forms = frozenset(fold_variants(text))
        compact = frozenset(c for c in (_NOT_ALNUM.sub("", f) for f in forms) if c)
        words = frozenset(w for f in forms for w in _WORD.findall(f))
        return cls(forms, compact, words)


@dataclass
class Entry:
    iri: str
    labels: list[Folded] = field(default_factory=list)
    texts: list[Folded] = field(default_factory=list)
    notes: list[Folded] = field(default_factory=list)
    blobs: dict[str, tuple[str, str]] = field(default_factory=dict)  # tier -> (forms, compact) joined by NUL

    def seal(self) -> None:
        """Join the forms of the descriptions and other texts: one substring search per tier and query form."""
        for name, tier in (("description", self.texts), ("note", self.notes)):
            self.blobs[name] = ("\0".join(f for folded in tier for f in folded.forms),
                                "\0".join(c for folded in tier for c in folded.compact))


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


class SearchIndex:
    def __init__(self, entries: dict[str, Entry], labels, types: dict[str, list[str]] | None = None,
                 minor_types: frozenset[str] = frozenset()):
        self.entries = entries
        self.labels = labels  # a kg.labels.LabelTable: hits are named in the page language
        self.types = types or {}
        self.minor_types = minor_types  # classes ranked after the resources they belong to
        self.label_words = frozenset(w for e in entries.values() for f in e.labels for w in f.words
                                     if len(w) >= FUZZY_MIN_LENGTH - 1)

    def _near_words(self, query: Query) -> list[frozenset[str]]:
        """For each query word: the label words one typo away (empty for short words)."""
        near = []
        for token in query.tokens:
            long_words = [w for w in token.words if len(w) >= FUZZY_MIN_LENGTH]
            near.append(frozenset(v for w in long_words for v in self.label_words if one_edit_apart(w, v)))
        return near

    @classmethod
    def build(cls, store, labels, queries, ontology_namespace: str = "") -> "SearchIndex":
        entries: dict[str, Entry] = {}
        for row in queries.select(store, "all-literals").rows:
            value = row["o"]
            if not isinstance(value, Literal) or not str(value).strip():
                continue
            predicate = str(row["p"])
            entry = entries.setdefault(str(row["s"]), Entry(str(row["s"])))
            tier = entry.labels if predicate in LABEL_PREDICATES else entry.texts if predicate in TEXT_PREDICATES else entry.notes
            tier.append(Folded.of(str(value)))
        for entry in entries.values():
            entry.seal()
        types: dict[str, list[str]] = {}
        for row in queries.select(store, "resource-types").rows:
            types.setdefault(str(row["s"]), []).append(str(row["t"]))
        minor = frozenset(ontology_namespace + c for c in ("Participation", "Figure")) if ontology_namespace else frozenset()
        return cls(entries, labels, {s: sorted(t) for s, t in types.items()}, minor)

    def search(self, query: str, lang: str, limit: int = 50, classes: set[str] | None = None) -> list[Hit]:
        """The best `limit` hits; with `classes`, only resources of one of them."""
        parsed = Query.of(query)
        if not parsed.forms:
            return []
        hits = []
        tokens = [Query(t.forms, t.compact, ()) for t in parsed.tokens]
        near = self._near_words(parsed)
        for entry in self.entries.values():
            types = self.types.get(entry.iri, [])
            if classes and not classes.intersection(types):
                continue
            match = _best_match(entry, parsed, tokens, near)
            if match is None:
                continue
            text, text_lang = self.labels.label_with_lang(entry.iri, lang)
            hits.append(Hit(entry.iri, SCORES[match], match, text, text_lang, types))
        hits.sort(key=lambda h: (-h.score, bool(self.minor_types.intersection(h.types)), len(h.label),
                                 min(fold_variants(h.label)), h.iri))
        return hits[:limit]

    def facets(self, query: str, lang: str) -> Counter:
        """How many hits of each class the query has (all hits, not only the first page).

        The same matches as `search` without a class filter, counted: no names looked up, nothing sorted."""
        parsed = Query.of(query)
        counts: Counter = Counter()
        if not parsed.forms:
            return counts
        tokens = [Query(t.forms, t.compact, ()) for t in parsed.tokens]
        near = self._near_words(parsed)
        for entry in self.entries.values():
            if _best_match(entry, parsed, tokens, near) is not None:
                counts.update(self.types.get(entry.iri, []))
        return counts


def _contains(folded: Folded, query: Query) -> bool:
    return (any(q in v for q in query.forms for v in folded.forms)
            or any(q in c for q in query.compact for c in folded.compact))


def _all_tokens(folded: Folded, tokens: list[Query]) -> bool:
    return len(tokens) > 1 and all(_contains(folded, token) for token in tokens)


def _similar(folded: Folded, tokens: list[Query], near: list[frozenset[str]]) -> bool:
    """Every query word is in the label or one typo away from one of its words."""
    return bool(tokens) and all(_contains(folded, token) or (close and not close.isdisjoint(folded.words))
                                for token, close in zip(tokens, near))


def _in_blob(blob: tuple[str, str], query: Query) -> bool:
    forms, compact = blob
    return any(q in forms for q in query.forms) or any(q in compact for q in query.compact)


def _best_match(entry: Entry, query: Query, tokens: list[Query], near: list[frozenset[str]]) -> str | None:
    best = None
    for folded in entry.labels:
        if folded.forms & query.forms or folded.compact & query.compact:
            return "exact"
        if any(v.startswith(q) for q in query.forms for v in folded.forms) or \
                any(c.startswith(q) for q in query.compact for c in folded.compact):
            best = "prefix"
        elif best is None and (_contains(folded, query) or _all_tokens(folded, tokens)):
            best = "label"
    if best is not None:
        return best
    if any(near) and any(_similar(folded, tokens, near) for folded in entry.labels):
        return "similar"
    for name in ("description", "note"):
        blob = entry.blobs.get(name)
        if blob and (_in_blob(blob, query) or (len(tokens) > 1 and all(_in_blob(blob, t) for t in tokens))):
            return name
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
