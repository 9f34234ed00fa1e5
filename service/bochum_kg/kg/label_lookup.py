"""Resources by a text their rdfs:label contains, as the planner views' resource fields find them.

The lower-cased labels are one NUL-joined string (kg/haystack.py), built once at start: a lookup
is `str.find` over it, then a ranking of the matches (exact label, label prefix, anywhere; then
by label), with the label keys computed only for the rank groups the first page needs. A
SPARQL CONTAINS over every label took 24 s per lookup at 5M triples.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_right

from bochum_kg.kg.haystack import Haystack
from bochum_kg.kg.labels import OWL

#: Resources of these classes are parts of others (participations, figures) or the ontology's own terms.
HIDDEN_CLASSES = ("Participation", "Figure")
HIDDEN_OWL = ("Class", "ObjectProperty", "DatatypeProperty", "Ontology")
#: The languages in the order a sort label is picked (graph_data.pick_label): the page's, the other, untagged, any.
LANGUAGE_CODES = {"de": 0, "en": 1, "": 2}


class LabelLookup:
    """Every rdfs:label of a typed resource outside the hidden classes, lower-cased, grouped by resource."""

    def __init__(self, iris: list[str], first_piece: array, languages: bytes, joined: str):
        self.iris = iris  # resource number -> IRI
        self.first_piece = first_piece  # resource number -> its first piece; one more entry at the end
        self.languages = languages  # piece -> LANGUAGE_CODES (3: another language)
        self.haystack = Haystack(joined)

    @classmethod
    def build(cls, rows: list[tuple], types: dict[str, list[str]], ontology_namespace: str) -> "LabelLookup":
        """`rows`: the sorted (subject, label, language) rows of rdfs:label (labels.read_label_rows), so
        one resource's pieces come together; `types` maps every typed IRI to its classes (the search
        index's table)."""
        hidden = {ontology_namespace + c for c in HIDDEN_CLASSES} | {OWL + c for c in HIDDEN_OWL}
        iris: list[str] = []
        first_piece = array("q")
        languages = bytearray()
        texts: list[str] = []
        for subject, text, lang in rows:
            classes = types.get(subject)
            if not classes or not hidden.isdisjoint(classes):
                continue
            if not iris or iris[-1] != subject:
                iris.append(subject)
                first_piece.append(len(texts))
            texts.append(text.lower().replace("\0", " "))
            languages.append(LANGUAGE_CODES.get((lang or "").lower(), 3))
        first_piece.append(len(texts))
        return cls(iris, first_piece, bytes(languages), "\0".join(texts))

    def find(self, text: str, lang: str, limit: int) -> list[str]:
        """The IRIs of the first `limit` resources whose label contains `text` (any case), best first."""
        needle = text.strip().lower()
        if not needle or "\0" in needle:
            return []
        haystack, owner_of = self.haystack, self._owner_of
        ranks: dict[int, int] = {}
        for piece, offset in haystack.first_offsets(needle).items():
            rank = 2 if offset else 0 if haystack.length(piece) == len(needle) else 1
            owner = owner_of(piece)
            if rank < ranks.get(owner, 3):
                ranks[owner] = rank
        chosen: list[tuple[int, str, str]] = []
        for rank in (0, 1, 2):
            group = [owner for owner, r in ranks.items() if r == rank]
            keyed = ((rank, self._sort_label(owner, lang), self.iris[owner]) for owner in group)
            chosen.extend(heapq.nsmallest(limit - len(chosen), keyed))
            if len(chosen) >= limit:
                break
        return [iri for _, _, iri in chosen]

    def _owner_of(self, piece: int) -> int:
        return bisect_right(self.first_piece, piece) - 1

    def _sort_label(self, owner: int, lang: str) -> str:
        """The lower-cased label graph_data.pick_label shows: a non-empty one in the page language,
        the other, untagged; else the first."""
        pieces = range(self.first_piece[owner], self.first_piece[owner + 1])
        for code in (LANGUAGE_CODES[lang], 1 - LANGUAGE_CODES[lang], 2):
            for piece in pieces:
                if self.languages[piece] == code and self.haystack.length(piece):
                    return self.haystack.piece(piece)
        return self.haystack.piece(pieces[0])
