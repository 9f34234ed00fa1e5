"""The folded texts of the search index as joined strings, searched with `str.find` (kg/search.py).

A tier (labels, descriptions or other texts) keeps each distinct text once, as a piece of four
haystacks aligned by piece: the plain and the umlaut-expanded forms, and both squeezed to letters
and digits. Finding a word costs one `str.find` and one bisection per piece that contains it; the
resources of the pieces found are gathered with numpy, without a Python step per resource.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING

import numpy as np

from bochum_kg.kg.folding import WORD, compact_joined, fold_joined, is_compact

if TYPE_CHECKING:
    from bochum_kg.kg.search import Query

class Haystack:
    """Pieces joined by NUL, with a NUL before the first and after the last, and where each piece starts."""

    def __init__(self, joined: str):
        self.text = "\0" + joined + "\0"
        # starts[i] is piece i's first character; one more entry: where a piece after the last would start
        self.starts = array("q", accumulate(map((1).__add__, map(len, joined.split("\0"))), initial=1))

    def first_offsets(self, needle: str) -> dict[int, int]:
        """piece -> offset of the needle's first occurrence in it, for every piece that contains it."""
        found: dict[int, int] = {}
        text, starts = self.text, self.starts
        at = text.find(needle, 1)
        while at != -1:
            piece = bisect_right(starts, at) - 1
            found[piece] = at - starts[piece]
            at = text.find(needle, starts[piece + 1])
        return found

    def occurrences(self, needle: str) -> tuple[list[int], list[int]]:
        """(every piece that contains the needle, those that start with it), each piece once."""
        pieces: list[int] = []
        at_start: list[int] = []
        text, starts = self.text, self.starts
        at = text.find(needle, 1)
        while at != -1:
            piece = bisect_right(starts, at) - 1
            pieces.append(piece)
            if at == starts[piece]:
                at_start.append(piece)
            at = text.find(needle, starts[piece + 1])
        return pieces, at_start

    def length(self, piece: int) -> int:
        return self.starts[piece + 1] - self.starts[piece] - 1

    def piece(self, piece: int) -> str:
        return self.text[self.starts[piece]:self.starts[piece + 1] - 1]

    def with_word(self, word: str) -> set[int]:
        """The pieces that have `word` as a whole word (a run of letters and digits)."""
        pieces = set()
        text = self.text
        at = text.find(word, 1)
        while at != -1:
            end = at + len(word)
            if not (_is_alnum(text[at - 1]) or _is_alnum(text[end])):
                pieces.add(bisect_right(self.starts, at) - 1)
            at = text.find(word, at + 1)
        return pieces


def _is_alnum(char: str) -> bool:
    return "a" <= char <= "z" or "0" <= char <= "9"


class Tier:
    """The folded texts of one tier (labels, descriptions or other texts), each distinct text once.

    Four haystacks aligned by text: the plain and the umlaut-expanded forms (Folded.forms), and
    both squeezed to letters and digits (Folded.compact). A text's resources are one row of a
    compressed table (`text_start`, `text_owners`): generated data repeats its texts (at 500k
    triples, 109,000 label literals are 1,800 distinct texts), so a search scans only those."""

    def __init__(self, texts: list[str], owner: list[int]):
        number: dict[str, int] = {}
        text_of = np.fromiter((number.setdefault(t, len(number)) for t in texts), dtype=np.int64, count=len(texts))
        distinct = list(number)  # numbered 0, 1, 2, ... in the order first seen
        plain, expanded = fold_joined(distinct)
        self.forms = (Haystack(plain), Haystack(expanded))
        self.compact = (Haystack(compact_joined(plain)), Haystack(compact_joined(expanded)))
        self.text_start = np.concatenate(([0], np.cumsum(np.bincount(text_of, minlength=len(distinct)))))
        self.text_owners = np.asarray(owner, dtype=np.int32)[np.argsort(text_of, kind="stable")]

    def __len__(self) -> int:
        """How many distinct texts."""
        return len(self.text_start) - 1

    def matches(self, query: Query) -> tuple[set[int], set[int], set[int]]:
        """(texts that contain one of the query's forms, those that start with one, those equal to one)."""
        found: set[int] = set()
        prefix: set[int] = set()
        equal: set[int] = set()
        for haystacks, needles in ((self.forms, query.forms), (self.compact, query.compact)):
            for needle in needles:
                if not needle or (haystacks is self.forms and is_compact(needle)):
                    continue  # a needle of letters and digits only: its compact search finds as much, as well
                for haystack in haystacks[:2 if may_need_umlauts(needle) else 1]:
                    pieces, at_start = haystack.occurrences(needle)
                    found.update(pieces)
                    for piece in at_start:
                        (equal if haystack.length(piece) == len(needle) else prefix).add(piece)
        return found, prefix, equal

    def resources(self, texts, resource_count: int) -> np.ndarray:
        """Which resources (a mask of `resource_count`, by number) have one of the texts."""
        ids = np.fromiter(texts, dtype=np.int64, count=len(texts))
        starts = self.text_start[ids]
        counts = self.text_start[ids + 1] - starts
        # the rows of the texts laid end to end: row i's entries are starts[i] .. starts[i] + counts[i] - 1
        ends = np.cumsum(counts)
        positions = np.arange(ends[-1] if len(ends) else 0) + np.repeat(starts - (ends - counts), counts)
        mask = np.zeros(resource_count, dtype=bool)
        mask[self.text_owners[positions]] = True
        return mask

    def words(self) -> set[str]:
        return {w for haystack in self.forms for w in WORD.findall(haystack.text)}


def may_need_umlauts(needle: str) -> bool:
    """Whether the umlaut-expanded haystack can hold the needle where the plain one does not.

    The expanded form of a text is its plain form with an "e" after some a, o and u ("größe":
    "grosse", "groesse"). A needle without "ae", "oe" or "ue" that does not start with "e" covers
    none of those e's, so where it lies in an expanded text (at its start, filling it) it lies in the
    plain one too."""
    return needle.startswith("e") or "ae" in needle or "oe" in needle or "ue" in needle
