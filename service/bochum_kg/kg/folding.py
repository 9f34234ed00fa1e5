"""How search texts are folded, so that "grossstadt", "Groß", "koeln", "Köln" and "mark51" (MARK 51°7)
find what they should: case-folded ("ß" becomes "ss"), accents removed, umlauts taken both ways
("ä" -> "a" and "ae"), and also squeezed to letters and digits only.

One text at a time (`Folded.of`, `fold_variants`: queries, names in the ranking) and all texts of
the index at once (`fold_joined`, `compact_joined`: a few passes of C-level string methods over
one joined string, equal piece by piece to folding each text; tests/kg/test_search_index.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
WORD = re.compile(r"[0-9a-z]+")


class _WithoutMarks(dict):
    """A str.translate table that drops combining characters (unicodedata.combining != 0) and keeps
    every other one, filled in per code point on first sight: the translation runs in C."""

    def __missing__(self, code_point: int):
        kept = None if unicodedata.combining(chr(code_point)) else code_point
        self[code_point] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def strip_marks(text: str) -> str:
    """The text decomposed (NFKD) without its combining marks: "Köln" -> "Koln".

    Runs over all literals at once when the search index is built (`serve` pays it at start);
    str.translate works in C (a regular expression of the marks is 5-20x slower)."""
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return decomposed.translate(_WITHOUT_MARKS)


def _expand_umlauts(text: str) -> str:
    return text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")


def _squash(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("–", " ").split())


def fold_variants(text: str) -> set[str]:
    """The folded forms of a text: umlauts as plain vowels and as vowel + e ("Größe" -> "grosse", "groesse")."""
    base = unicodedata.normalize("NFC", text).casefold()
    plain = _squash(strip_marks(base))
    expanded = _squash(strip_marks(_expand_umlauts(base)))
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
        words = frozenset(w for f in forms for w in WORD.findall(f))
        return cls(forms, compact, words)


def fold_joined(texts: list[str]) -> tuple[str, str]:
    """`fold_variants` of every text at once: (plain forms, umlauts expanded), each joined by NUL.

    One pass of C-level string methods over all texts instead of a Python call per text: the
    index is built when `serve` starts, and at 5M triples that is millions of texts. Equal, piece
    by piece, to `fold_variants` of each text (tests/kg/test_search_index.py); a NUL inside a text
    counts as a space."""
    joined = "\0".join(texts)
    if joined.count("\0") != max(len(texts) - 1, 0):
        joined = "\0".join(t.replace("\0", " ") for t in texts)
    base = unicodedata.normalize("NFC", joined).casefold()
    return _squash_joined(strip_marks(base)), _squash_joined(strip_marks(_expand_umlauts(base)))


_SPACES = re.compile(r"\s{2,}|[^\S ]")  # what is not already one plain space
_SPACE_AT_EDGE = re.compile(r" \0 ?|\0 ")
_NOT_COMPACT = bytes(b for b in range(256) if not (48 <= b <= 57 or 97 <= b <= 122 or b == 0))


def _squash_joined(text: str) -> str:
    text = _SPACES.sub(" ", text.replace("-", " ").replace("–", " "))
    return _SPACE_AT_EDGE.sub("\0", text).strip(" ")


def compact_joined(text: str) -> str:
    """Each piece squeezed to its letters and digits (ASCII a-z, 0-9, as Folded.compact): every other
    character goes, and in UTF-8 every non-ASCII character is bytes >= 0x80 only, so bytes.translate can drop them."""
    return text.encode("utf-8").translate(None, _NOT_COMPACT).decode("ascii")


def is_compact(text: str) -> bool:
    """Only a-z and 0-9: the text is its own compact form, so wherever a form contains it (equal to,
    at the start of), the compact form of the same text does too."""
    return text.isascii() and text.isalnum()
