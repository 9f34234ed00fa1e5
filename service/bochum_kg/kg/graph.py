"""The knowledge graph a process serves: the store plus everything derived from it, built once.

`KnowledgeGraph.build` runs every query the pages and views need beyond one request's own
(labels, class hierarchy, search index, statistics, the JSON-LD context, the facts of the gap
tables and their rows' order, the link graph of the path search, each named graph's subjects,
the index pages' name order and filter values, the catalogues of named and internal queries) when
the app or a command starts, before `serve` forks its workers, so the workers share it and no
request pays for it. The dataset never changes while a process serves it. Only the dumps and the
spreadsheet view of data/ (kg/sheets) are built on first use: they are large and rarely asked
for. A prebuilt directory (kg/prebuilt.py) holds all of it, dumps included, ready made.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Generic, TypeVar

from bochum_kg.config import Settings
from bochum_kg.kg.analysis.gap_order import GapOrder
from bochum_kg.kg.analysis.gaps import GapFacts
from bochum_kg.kg.analysis.link_graph import LinkGraph
from bochum_kg.kg.graph_subjects import GraphSubjects
from bochum_kg.kg.index_facts import IndexFacts
from bochum_kg.kg.catalog import Catalogue, load_catalogue, load_internal_queries
from bochum_kg.kg.label_lookup import LabelLookup
from bochum_kg.kg.labels import RDFS, LabelTable, read_label_rows
from bochum_kg.kg.overview import Overview
from bochum_kg.kg.page_paths import page_order
from bochum_kg.kg.search import SearchIndex
from bochum_kg.kg.statistics import Statistics, compute_statistics
from bochum_kg.kg.vocabulary import Vocabulary

T = TypeVar("T")


class Once(Generic[T]):
    """A value computed by `build` on first use, once per process, whichever thread asks first."""

    def __init__(self, build: Callable[[], T]):
        self._build = build
        self._lock = threading.Lock()
        self._value: T | None = None
        self._done = False

    def get(self) -> T:
        if not self._done:
            with self._lock:
                if not self._done:
                    self._value = self._build()
                    self._done = True
        return self._value  # type: ignore[return-value]


@dataclass
class KnowledgeGraph:
    settings: Settings
    store: object  # a bochum_kg.kg.store.base.Store
    catalogue: Catalogue  # the public named queries (queries/*.rq)
    queries: Catalogue  # the queries the pages and views run (queries/internal/*.rq)
    labels: LabelTable
    vocabulary: Vocabulary
    search: SearchIndex
    label_lookup: LabelLookup  # the resource fields' lookup by label (web/lookup.py)
    statistics: Statistics
    jsonld_context: dict
    ontology_source: bytes | None
    ontology_triples: list  # (s, p, o) rdflib terms: the ontology's header and every term in its namespace
    overview: Overview
    subjects: list[str]  # every IRI subject under the base, sorted (the sitemap; 25 s to read at 5M triples)
    page_order: array  # the subjects with a page in the order of its path (kg/page_paths.py: the sitemap)
    gap_facts: GapFacts  # what the gap tables are made of (7–10 s per request at 5M when read then)
    gap_order: GapOrder  # the gap tables' rows in order per language (2–3 s per request at 5M when sorted then)
    graph_subjects: GraphSubjects  # the IRI subjects of each named graph in name order (/graph/{name})
    index_facts: IndexFacts  # the typed IRIs' order by name and the filter properties' values (index pages)
    link_graph: LinkGraph  # the relationships the path search walks (78 s per request to read at 5M triples)
    _dumps: Once = field(repr=False, default=None)  # type: ignore[assignment]
    _sheets: Once = field(repr=False, default=None)  # type: ignore[assignment]

    @classmethod
    def build(cls, settings: Settings, store=None) -> "KnowledgeGraph":
        """Open the store the settings name (validated when embedded) unless one is given, and derive the rest."""
        from bochum_kg.kg.rdf_documents import build_context

        if store is None and settings.prebuilt_dir is not None and not settings.store_url:
            return cls._from_prebuilt(settings)
        if store is None:
            from bochum_kg.kg.store import open_store

            store = open_store(settings)
        queries = load_internal_queries(settings)
        # The service's own queries, not a client's: no time limit (at 5M triples some take minutes).
        source = store.without_time_limit()
        # The counts and the ontology's triples are the engine's work (it releases the GIL): they run
        # on another core while this thread folds the texts of the search index.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="statistics") as pool:
            statistics = pool.submit(compute_statistics, source, settings.base_iri, queries)
            ontology = pool.submit(_ontology_triples, source, settings, queries)
            subjects = pool.submit(_subjects_under, source, settings.base_iri, queries)
            gap_facts = pool.submit(GapFacts.read, source, queries, settings.base_iri + "role/lead")
            label_rows = read_label_rows(source, queries)
            labels = LabelTable.from_rows(settings.base_iri, label_rows)
            search = SearchIndex.build(source, labels, queries, settings.ontology_namespace)
            # on this thread: the other one's counts, ontology and subjects take longer than the search index
            link_graph = LinkGraph.build(source, queries, settings.ontology_namespace, search.typed_iris)
            graph = cls(
                settings=settings,
                store=store,
                catalogue=load_catalogue(settings),
                queries=queries,
                labels=labels,
                vocabulary=Vocabulary.read(source, queries),
                search=search,
                label_lookup=LabelLookup.build(label_rows[RDFS + "label"], search.types, settings.ontology_namespace),
                statistics=statistics.result(),
                ontology_triples=ontology.result(),
                jsonld_context=build_context(source, settings.base_iri, queries),
                ontology_source=_ontology_source(settings),
                overview=Overview.read(source, queries, settings.ontology_namespace),
                subjects=subjects.result(),
                page_order=page_order(subjects.result(), settings.base_iri),
                gap_facts=gap_facts.result(),
                gap_order=GapOrder.build(gap_facts.result(), labels),
                graph_subjects=GraphSubjects.read(source, queries, labels, subjects.result()),
                index_facts=IndexFacts.read(source, queries, labels, search.typed_iris, settings.ontology_namespace),
                link_graph=link_graph,
            )
        graph._dumps = Once(graph._build_dumps)
        graph._sheets = Once(graph._load_sheets)
        return graph

    @classmethod
    def _from_prebuilt(cls, settings: Settings) -> "KnowledgeGraph":
        """The store and derived parts `bochum-kg prebuild` wrote (kg/prebuilt.py): nothing parsed or derived."""
        from bochum_kg.kg.dumps import DumpSet
        from bochum_kg.kg.files import dataset_files
        from bochum_kg.kg.load import LoadedDataset
        from bochum_kg.kg.prebuilt import open_prebuilt
        from bochum_kg.kg.store.embedded import EmbeddedStore

        _, on_disk, derived, answers = open_prebuilt(settings, Path(settings.prebuilt_dir))
        store = EmbeddedStore(LoadedDataset(store=None, files=dataset_files(settings)), settings, on_disk,
                              derived.pop("dataset_statistics"), answers)
        graph = cls(settings=settings, store=store, catalogue=load_catalogue(settings),
                    queries=load_internal_queries(settings), ontology_source=_ontology_source(settings), **derived)
        graph._dumps = Once(lambda: DumpSet.read(Path(settings.prebuilt_dir) / "dumps"))
        graph._sheets = Once(graph._load_sheets)
        return graph

    @property
    def base(self) -> str:
        return self.settings.base_iri

    def typed_under(self, prefix: str) -> list[str]:
        """Every IRI with a type that starts with `prefix`, sorted: a bisection of the search index's type table."""
        start, stop = self.typed_range(prefix)
        return self.search.typed_iris[start:stop]

    def typed_range(self, prefix: str) -> tuple[int, int]:
        """Where the IRIs with a type that start with `prefix` lie in the search index's sorted typed IRIs."""
        typed = self.search.typed_iris
        return bisect_left(typed, prefix), bisect_left(typed, prefix + "\U0010ffff")

    def name_ranks(self, iris: list[str], lang: str) -> list[int] | None:
        """The places of typed IRIs in the order of their names in `lang` (IndexFacts.names, the order
        of LabelTable.name_key); None when one of them has no type."""
        names, typed = self.index_facts.names.get(lang), self.search.typed_iris
        if names is None:
            return None
        ranks = []
        for iri in iris:
            position = bisect_left(typed, iri)
            if position == len(typed) or typed[position] != iri:
                return None
            ranks.append(names[position])
        return ranks

    def select(self, name: str, bindings=None, timeout: float | None = None):
        """Run the internal SELECT query `name` with `bindings` (name -> RDF term, or a list of terms)."""
        return self.queries.select(self.store, name, bindings, timeout)

    def dumps(self):
        """The dumps of the whole dataset (kg/dumps.py), built on first use."""
        return self._dumps.get()

    def _build_dumps(self):
        from bochum_kg.kg.dumps import build_dumps

        return build_dumps(self.store, self.base, self.queries)

    def subjects_under_base(self) -> list[str]:
        """Every IRI subject under the base (the pages of the sitemap), sorted."""
        return self.subjects
    def sheets(self):
        """data/ as the spreadsheet round trip reads it (kg.sheets.Current), loaded on first use.

        Raises kg.sheets.data_folder.DataSourceError when data/ cannot be read (tried again next time).
        Read-only like everything here: callers never change its graphs."""
        return self._sheets.get()

    def _load_sheets(self):
        from bochum_kg.kg.sheets import load_current

        return load_current(self.settings)


def _subjects_under(store, base: str, queries) -> list[str]:
    from rdflib import Literal

    return sorted(row[0] for row in queries.select_plain(store, "subjects-under", {"b": Literal(base)}))


def _ontology_triples(store, settings: Settings, queries) -> list:
    """The ontology's triples in the union graph, for /ontology: one scan of every triple (33 s per
    request at 5M generated triples when the page ran it), so it runs once, here."""
    from rdflib import Literal, URIRef

    bindings = {"onto": URIRef(settings.base_iri + "ontology"), "ns": Literal(settings.ontology_namespace)}
    return [(row["s"], row["p"], row["o"]) for row in queries.select(store, "ontology-triples", bindings).rows]


def _ontology_source(settings: Settings) -> bytes | None:
    """The hand-edited ontology Turtle (comments and grouping kept) with the configured base."""
    from bochum_kg.kg.files import ontology_files
    from bochum_kg.kg.load import read_source_text

    files = ontology_files(settings)
    if len(files) != 1:
        return None
    return read_source_text(files[0], settings).encode("utf-8")
