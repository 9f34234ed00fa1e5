"""The page of each subject under the base and the subjects in the order of their pages' paths.

That order is the sitemap's (web/pages/sitemap_pages.py). It is derived once with the other parts
of the knowledge graph (and kept in a prebuilt store): at 5M generated triples sorting the
570,000 paths took 0.6 s of every start. Positions into the sorted subjects, 4 bytes a page.
"""

from __future__ import annotations

from array import array


def page_path(iri: str, base: str) -> str | None:
    """"/{path}.html" for an IRI under the base; None for the base itself, fragments and the ontology."""
    part = iri[len(base):] if iri.startswith(base) and len(iri) > len(base) else None
    return "/" + part + ".html" if part and "#" not in part and part != "ontology" else None


def page_order(subjects: list[str], base: str) -> array:
    """Positions into `subjects` of the subjects with a page, sorted by the page's path."""
    position: dict[str, int] = {}
    for index, iri in enumerate(subjects):
        page = page_path(iri, base)
        if page is not None:
            position.setdefault(page, index)
    return array("i", (position[page] for page in sorted(position)))
