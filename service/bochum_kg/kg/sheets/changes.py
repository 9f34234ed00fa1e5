"""What changed between two versions of the data, resource by resource.

`changes(old, new)` compares two graphs; the renderers say it in words ("project X: status in
progress → implemented; new participation: agent Y, role lead") or as JSON-ready dicts.
A resource added as a part of another one (a participation, a figure) is told with its holder.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from .kinds import KNOWN_KINDS
from .model import STANDARD_LABELS
from .placement import PART_PROPERTIES
from .vocabulary import compact, kind_of, prefix_table, slug_of

_SKIPPED_IN_SUMMARY = {RDF.type, RDFS.label, DCTERMS.source, DCTERMS.description}


@dataclass(frozen=True)
class PropertyChange:
    predicate: URIRef
    removed: tuple
    added: tuple


@dataclass(frozen=True)
class ResourceChange:
    subject: URIRef
    status: str  # "added" | "removed" | "changed"
    properties: tuple[PropertyChange, ...]


def changes(old: Graph, new: Graph) -> list[ResourceChange]:
    """Every resource whose statements differ, sorted by IRI."""
    old_triples, new_triples = set(old), set(new)
    removed, added = old_triples - new_triples, new_triples - old_triples
    by_subject = defaultdict(lambda: (defaultdict(list), defaultdict(list)))  # subject -> (removed, added) by predicate
    for index, triples in enumerate((removed, added)):
        for s, p, o in triples:
            by_subject[s][index][p].append(o)
    result = []
    for subject in sorted(by_subject, key=str):
        gone, came = by_subject[subject]
        properties = tuple(PropertyChange(p, _sorted(gone.get(p, ())), _sorted(came.get(p, ())))
                           for p in sorted(set(gone) | set(came), key=str))
        in_old, in_new = (subject, None, None) in old, (subject, None, None) in new
        status = "added" if not in_old else "removed" if not in_new else "changed"
        result.append(ResourceChange(subject, status, properties))
    return result


def _sorted(terms) -> tuple:
    return tuple(sorted(terms, key=lambda t: (type(t).__name__, str(t))))


class ChangeWriter:
    """Says changes in words, with labels from the graphs (new first) and the ontology."""

    def __init__(self, old: Graph, new: Graph, ontology: Graph, lang: str = "en"):
        self.old, self.new, self.ontology, self.lang = old, new, ontology, lang
        subjects = set(old.subjects()) | set(new.subjects())
        self.prefixes = prefix_table({kind_of(t) for t in subjects if kind_of(t)})

    def text(self, found: list[ResourceChange]) -> str:
        parts = self._told_with_holder(found)
        lines = [self._line(change, [p for p, holder in parts.items() if holder == change.subject])
                 for change in found if change.subject not in parts]
        return "\n".join(lines) + ("\n" if lines else "")

    def as_dicts(self, found: list[ResourceChange]) -> list[dict]:
        return [{
            "resource": self._name(c.subject), "iri": str(c.subject), "change": c.status,
            "label": self._label(c.subject),
            "properties": [{"property": self._property(p.predicate), "iri": str(p.predicate),
                            "removed": [self._value(v) for v in p.removed],
                            "added": [self._value(v) for v in p.added]} for p in c.properties],
        } for c in found]

    def _told_with_holder(self, found: list[ResourceChange]) -> dict:
        """Added parts (participations, figures) whose holder changed too: part -> holder."""
        changed = {c.subject for c in found}
        parts = {}
        for change in found:
            if change.status != "added":
                continue
            holders = sorted(h for p in PART_PROPERTIES for h in self.new.subjects(p, change.subject) if h in changed)
            if holders:
                parts[change.subject] = holders[0]
        return parts

    def _line(self, change: ResourceChange, parts: list) -> str:
        head = f"{self._kind_word(change.subject)} {self._name(change.subject)}"
        label = self._label(change.subject)
        if label:
            head += f" „{label}“" if self.lang == "de" else f" “{label}”"
        if change.status == "removed":
            return f"{'entfernt' if self.lang == 'de' else 'removed'}: {head}"
        if change.status == "added":
            head = f"{'neu' if self.lang == 'de' else 'new'}: {head}"
            details = [self._summary(change.subject, parts)]
        else:
            details = [self._property_change(p) for p in change.properties if not self._only_parts(p, parts)]
        for part in parts:
            word = "neue" if self.lang == "de" else "new"
            details.append(f"{word} {self._kind_word(part)}: {self._summary(part)}")
        return f"{head}: {'; '.join(details)}"

    def _only_parts(self, change: PropertyChange, parts: list) -> bool:
        return not change.removed and bool(change.added) and all(v in parts for v in change.added)

    def _property_change(self, change: PropertyChange) -> str:
        name = self._property(change.predicate)
        if len(change.removed) == 1 and len(change.added) == 1:
            return f"{name} {self._value(change.removed[0])} → {self._value(change.added[0])}"
        values = [f"− {self._value(v)}" for v in change.removed] + [f"+ {self._value(v)}" for v in change.added]
        return f"{name} {', '.join(values)}"

    def _summary(self, subject: URIRef, parts: list = ()) -> str:
        pairs = [(p, o) for p, o in self.new.predicate_objects(subject) if p not in _SKIPPED_IN_SUMMARY and o not in parts]
        pairs.sort(key=lambda pair: (self._property(pair[0]), str(pair[1])))
        return ", ".join(f"{self._property(p)} {self._value(o)}" for p, o in pairs) or self._name(subject)

    def _kind_word(self, subject: URIRef) -> str:
        names = KNOWN_KINDS.get(kind_of(subject) or "")
        if names is None:
            return kind_of(subject) or ""
        return names.one_de if self.lang == "de" else names.one_en

    def _name(self, term: URIRef) -> str:
        return slug_of(term) if kind_of(term) else compact(term, self.prefixes) or str(term)

    def _label(self, subject) -> str | None:
        for graph in (self.new, self.old, self.ontology):
            labels = {l.language: str(l) for l in graph.objects(subject, RDFS.label) if isinstance(l, Literal)}
            if labels:
                return labels.get(self.lang) or labels.get("de") or next(iter(labels.values()))
        return None

    def _property(self, predicate: URIRef) -> str:
        if predicate in STANDARD_LABELS:
            return STANDARD_LABELS[predicate][0 if self.lang == "de" else 1]
        return self._label(predicate) or self._name(predicate)

    def _value(self, term) -> str:
        if isinstance(term, Literal):
            return f"„{term}“" if self.lang == "de" and term.language else str(term)
        if kind_of(term):
            return self._label(term) or self._name(term)
        return self._name(term)
