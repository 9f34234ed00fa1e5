"""The pages of /sitemap.xml in order, made once when the app starts (before `serve` forks).

Every subject under the base has a page ({path}.html); with the fixed pages they are sorted by
path. The subjects' pages come in order from the knowledge graph (kg/page_paths.py); the few
fixed pages are merged in here. Kept as positions into the sitemap's subjects (4 bytes a page,
not a string each): at 5M generated triples that is 570,000 pages.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left

from bochum_kg.kg.page_paths import page_path
from bochum_kg.web.pages.indexes import INDEXES

FIXED_PAGES = ("/", "/ontology.html", "/dumps/", "/sources", "/dataset.html", "/catalog.html", "/graph/")


class SitemapPages:
    def __init__(self, subjects: list[str], base: str, subject_order: array):
        self.subjects, self.base = subjects, base
        self.fixed = sorted(set(FIXED_PAGES) | {f"/{segment}/" for segment in INDEXES})
        # order holds a subject's position, or -1 - the place of a fixed page in `fixed`
        self.order = array("i", subject_order)
        places = [(bisect_left(subject_order, page, key=self._page), -1 - place) for place, page in enumerate(self.fixed)]
        for at, entry in reversed(places):
            if at == len(subject_order) or self._page(subject_order[at]) != self.fixed[-1 - entry]:
                self.order.insert(at, entry)  # a subject's page of the same path is listed once

    def _page(self, index: int) -> str | None:
        return page_path(self.subjects[index], self.base)

    def __len__(self) -> int:
        return len(self.order)

    def pages(self, start: int = 0, stop: int | None = None) -> list[str]:
        return [self.fixed[-1 - i] if i < 0 else self._page(i) for i in self.order[start:stop]]


def init_app(app) -> None:
    graph = app.extensions["bochum_kg"]
    app.extensions["bochum_kg.sitemap"] = SitemapPages(graph.subjects_under_base(), graph.base, graph.page_order)
