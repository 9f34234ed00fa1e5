"""The pages of /sitemap.xml in order, made once when the app starts (before `serve` forks).

Every subject under the base has a page ({path}.html); with the fixed pages they are sorted by
path. At 5M generated triples that is 600,000 pages and sorting them took 1.3 s per request of
the sitemap or one of its files, so the order is made once and kept as positions into the
sitemap's subjects (4 bytes a page, not a string each).
"""

from __future__ import annotations

from array import array

from bochum_kg.web.pages.indexes import INDEXES

FIXED_PAGES = ("/", "/ontology.html", "/dumps/", "/sources", "/dataset.html", "/catalog.html", "/graph/")


class SitemapPages:
    def __init__(self, subjects: list[str], base: str):
        self.subjects, self.base = subjects, base
        self.fixed = sorted(set(FIXED_PAGES) | {f"/{segment}/" for segment in INDEXES})
        position: dict[str, int] = {}  # page -> its subject's position, or -1 - its place in `fixed`
        for index, iri in enumerate(subjects):
            page = self._page(index)
            if page is not None:
                position.setdefault(page, index)
        for place, page in enumerate(self.fixed):
            position.setdefault(page, -1 - place)
        self.order = array("i", (position[page] for page in sorted(position)))

    def _page(self, index: int) -> str | None:
        iri = self.subjects[index]
        part = iri[len(self.base):] if iri.startswith(self.base) and len(iri) > len(self.base) else None
        return "/" + part + ".html" if part and "#" not in part and part != "ontology" else None

    def __len__(self) -> int:
        return len(self.order)

    def pages(self, start: int = 0, stop: int | None = None) -> list[str]:
        return [self.fixed[-1 - i] if i < 0 else self._page(i) for i in self.order[start:stop]]


def init_app(app) -> None:
    graph = app.extensions["bochum_kg"]
    app.extensions["bochum_kg.sitemap"] = SitemapPages(graph.subjects_under_base(), graph.base)
