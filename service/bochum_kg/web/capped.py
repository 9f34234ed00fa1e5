"""Lists of an HTML page that grow with the data stop at a fixed length ("no HTML page over 1 MB").

Past it, the page links to an index that lists them all (the indexes are paged) and says how many
there are: `AllLink`. A list that fits shows no link, so the page is as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Options a <select> offers at most; past them the form has a text field instead (the API docs'
#: forms, the index filters, /gaps). The real data's longest list has 45; at 5M generated
#: triples a competence list had 3,500 and /api/docs was 4.2 MB with all of them.
OPTIONS_SHOWN = 100


@dataclass(frozen=True)
class AllLink:
    """"All {count} …": the key of the text in the i18n table, how many there are, where they are."""

    key: str
    count: int
    href: str


def all_link(key: str, count: int, shown: int, href: str) -> AllLink | None:
    """The link when a list of `count` is cut to `shown`, else None."""
    return AllLink(key, count, href) if count > shown else None
