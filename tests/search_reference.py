"""The definition of search ranking, one resource at a time: the oracle for kg/search.py's index.

This was the index itself until the scale work of issue 13 (it made `serve` start in 45 s at
500k triples): every literal folded one by one into per-resource entries, every entry checked
per query. The index now finds matches with `str.find` over joined texts; for every query the
tests try, it must give exactly the hits, scores and order this simple version gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bochum_kg.kg.folding import Folded, fold_variants
from bochum_kg.kg.search import LABEL_PREDICATES, SCORES, TEXT_PREDICATES, Query, one_edit_apart


@dataclass
class Entry:
    iri: str
    labels: list[Folded] = field(default_factory=list)
    texts: list[Folded] = field(default_factory=list)
    notes: list[Folded] = field(default_factory=list)


def entries_of(rows) -> dict[str, Entry]:
    """rows: (subject, predicate, literal value) as strings, as the all-literals query gives them."""
    entries: dict[str, Entry] = {}
    for subject, predicate, value in rows:
        if not value.strip():
            continue
        entry = entries.setdefault(subject, Entry(subject))
        tier = entry.labels if predicate in LABEL_PREDICATES else entry.texts if predicate in TEXT_PREDICATES else entry.notes
        tier.append(Folded.of(value))
    return entries


def _contains(folded: Folded, query: Query) -> bool:
    return (any(q in v for q in query.forms for v in folded.forms)
            or any(q in c for q in query.compact for c in folded.compact))


def _in_tier(tier: list[Folded], query: Query) -> bool:
    return any(_contains(folded, query) for folded in tier)


def best_match(entry: Entry, query: Query, near: list[frozenset[str]]) -> str | None:
    """near: per query word, the label words one typo away (words of five letters or more only)."""
    tokens = [Query(t.forms, t.compact, ()) for t in query.tokens]
    best = None
    for folded in entry.labels:
        if folded.forms & query.forms or folded.compact & query.compact:
            return "exact"
        if any(v.startswith(q) for q in query.forms for v in folded.forms) or \
                any(c.startswith(q) for q in query.compact for c in folded.compact):
            best = "prefix"
        elif best is None and (_contains(folded, query) or
                               (len(tokens) > 1 and all(_contains(folded, t) for t in tokens))):
            best = "label"
    if best is not None:
        return best
    if tokens and any(near) and any(all(_contains(folded, t) or (close and not close.isdisjoint(folded.words))
                                        for t, close in zip(tokens, near)) for folded in entry.labels):
        return "similar"
    for name, tier in (("description", entry.texts), ("note", entry.notes)):
        if tier and (_in_tier(tier, query) or (len(tokens) > 1 and all(_in_tier(tier, t) for t in tokens))):
            return name
    return None


def reference_search(entries: dict[str, Entry], labels, types, minor_types, query: str, lang: str) -> list[tuple]:
    """Every hit as (iri, score, match, label), in rank order."""
    parsed = Query.of(query)
    if not parsed.forms:
        return []
    label_words = {w for e in entries.values() for f in e.labels for w in f.words if len(w) >= 4}
    near = [frozenset(v for w in t.words if len(w) >= 5 for v in label_words if one_edit_apart(w, v))
            for t in parsed.tokens]
    hits = []
    for entry in entries.values():
        match = best_match(entry, parsed, near)
        if match is not None:
            text, _ = labels.label_with_lang(entry.iri, lang)
            minor = bool(minor_types.intersection(types.get(entry.iri, [])))
            hits.append((SCORES[match], minor, text, entry.iri, match))
    hits.sort(key=lambda h: (-h[0], h[1], len(h[2]), min(fold_variants(h[2])), h[3]))
    return [(iri, score, match, text) for score, _, text, iri, match in hits]
