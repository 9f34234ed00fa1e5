"""The folded texts of the search index as joined strings, searched with `str.find` (kg/search.py).

A tier (labels, descriptions or other texts) keeps one piece per literal in four haystacks
aligned by piece: the plain and the umlaut-expanded forms, and both squeezed to letters and
digits. Finding a word costs one `str.find` and one bisection per piece that contains it: no
Python loop over resources, and the strings are shared by the forked workers.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING

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
    """The folded texts of one tier (labels, descriptions or other texts), one piece per literal.

    Four haystacks aligned by piece: the plain and the umlaut-expanded forms (Folded.forms), and
    both squeezed to letters and digits (Folded.compact); `owner` maps a piece to its resource."""

    def __init__(self, texts: list[str], owner: list[int]):
        plain, expanded = fold_joined(texts)
        self.forms = (Haystack(plain), Haystack(expanded))
        self.compact = (Haystack(compact_joined(plain)), Haystack(compact_joined(expanded)))
        self.owner = array("l", owner)

    def matches(self, query: Query) -> tuple[set[int], set[int], set[int]]:
        """(pieces that contain one of the query's forms, those that start with one, those equal to one).

        Sets merged without a Python step per piece: a common word is in 10^5 pieces at 5M triples."""
        found: set[int] = set()
        prefix: set[int] = set()
        equal: set[int] = set()
        for haystacks, needles in ((self.forms, query.forms), (self.compact, query.compact)):
            for needle in needles:
                if not needle or (haystacks is self.forms and is_compact(needle)):
                    continue  # a needle of letters and digits only: its compact search finds as much, as well
                for haystack in haystacks:
                    pieces, at_start = haystack.occurrences(needle)
                    found.update(pieces)
                    for piece in at_start:
                        (equal if haystack.length(piece) == len(needle) else prefix).add(piece)
        return found, prefix, equal

    def resources(self, pieces) -> set[int]:
        return set(map(self.owner.__getitem__, pieces))

    def words(self) -> set[str]:
        return {w for haystack in self.forms for w in WORD.findall(haystack.text)}


