"""The embedded store: the dataset in a pyoxigraph Store, the default graph the union of all graphs."""

from __future__ import annotations

import hashlib
import logging
import os
import time
from sys import intern
from pathlib import Path
from typing import Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.term import Node

from bochum_kg.config import Settings
from bochum_kg.kg.catalog import internal_query_text
from bochum_kg.kg.load import LoadedDataset, load_dataset
from bochum_kg.kg.store.base import (
    CONSTRUCT,
    DESCRIBE,
    DatasetStatistics,
    QueryRejected,
    QueryRequest,
    QueryResponse,
    QuerySyntaxError,
    SelectResult,
    bound_query_text,
    select_rows,
    capped_graph,
)
from bochum_kg.kg.store.deadline import Deadline, effective_timeout, run_with_deadline
from bochum_kg.kg.sparql_text import analyse, check_graphs, check_query, check_size
from bochum_kg.kg.store.result_body import Produced, answer_live, answer_spooled
from bochum_kg.kg.store.results import Limits, check_acceptable, form_of, limits_for, write_result
from bochum_kg.kg.terms import to_oxigraph

_UNION = {"use_default_graph_as_union": True}
log = logging.getLogger("bochum_kg.store")


class DataInvalidError(Exception):
    """The data does not conform to the shapes; the service must not start."""

    def __init__(self, result):
        self.result = result
        super().__init__(result.text())


class EmbeddedStore:
    kind = "embedded"

    def __init__(self, dataset: LoadedDataset, settings: Settings, on_disk=None,
                 statistics: DatasetStatistics | None = None, answers=None):
        self.dataset = dataset
        self.settings = settings
        self._on_disk = on_disk  # a kg.prebuilt.OnDiskStore, or None: the dataset's in-memory store
        self._graph_set = frozenset(dataset.graph_iris)
        self._statistics = statistics  # known already (a prebuilt directory's), or counted on first use
        self._answers = answers  # a prebuilt directory's kg.stored_answers.StoredAnswers, or None

    def without_time_limit(self) -> "EmbeddedStore":
        """The same dataset for the service's own work at start (kg/graph.py): no query time limit."""
        return EmbeddedStore(self.dataset, self.settings.with_changes(query_timeout=0), self._on_disk, self._statistics,
                             self._answers)

    @property
    def store(self) -> ox.Store:
        """The pyoxigraph store; a prebuilt directory's is opened once per process (kg/prebuilt.py)."""
        return self.dataset.store if self._on_disk is None else self._on_disk.get()

    # --- the dataset a query sees ------------------------------------------------------------

    def _dataset_arguments(self, info, default_graphs: list[str] | None, named_graphs: list[str] | None) -> dict:
        """Protocol parameters override FROM / FROM NAMED; without either the default graph is the union."""
        if default_graphs is not None or named_graphs is not None:
            check_graphs(list(default_graphs or []) + list(named_graphs or []), self._graph_set, "The protocol dataset")
            return {
                "default_graph": [ox.NamedNode(g) for g in default_graphs or []],
                "named_graphs": [ox.NamedNode(g) for g in named_graphs or []],
            }
        if info.has_dataset_clause:
            return {}  # the query's own FROM / FROM NAMED (checked: graphs of this dataset only)
        return _UNION

    def _prepare(self, sparql: str, base_iri: str | None = None):
        info = analyse(sparql, base_iri)
        check_query(info, self._graph_set, self.settings.allowed_service_endpoints)
        return info

    def _run(self, sparql: str, info, dataset: dict, bindings: Mapping[str, Node] | None = None, base_iri: str | None = None):
        # A blank node has no text a query could carry (its label is this store's own): it goes as
        # pyoxigraph's substitution, which takes projected variables only; every other term as VALUES.
        blanks = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items() if isinstance(v, BNode)}
        terms = {k: v for k, v in (bindings or {}).items() if not isinstance(v, BNode)}
        text = bound_query_text(sparql, terms)
        if text is not sparql:
            check_size(text)  # the client's text was checked (analyse); the bound one is a little longer
        try:
            return self.store.query(text, substitutions=blanks or None, base_iri=base_iri, **dataset)
        except SyntaxError as err:
            raise QuerySyntaxError(str(err)) from None

    def _timeout(self, timeout: float | None) -> float | None:
        return effective_timeout(timeout, self.settings.query_timeout)

    def _limits(self, request: QueryRequest) -> Limits:
        return limits_for(request, self.settings)

    # --- Python-object results for views --------------------------------------------------------

    def _query_objects(self, sparql: str, bindings, timeout, convert):
        info = self._prepare(sparql)
        dataset = self._dataset_arguments(info, None, None)
        limit = self._timeout(timeout)
        deadline = Deadline(limit)
        return run_with_deadline(lambda: convert(self._run(sparql, info, dataset, bindings), deadline), limit, "view query")

    def evaluate(self, sparql: str):
        """The pyoxigraph result of `sparql` on the dataset `select` would use, with no time limit (for prebuild)."""
        info = self._prepare(sparql)
        return self._run(sparql, info, self._dataset_arguments(info, None, None))

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None,
               max_rows: int | None = None, window: tuple[int, int] | None = None) -> SelectResult:
        if self._answers is not None and not bindings and self._answers.holds(sparql, "SELECT"):
            self._prepare(sparql)  # the checks of an evaluated query still apply (an operator's allow-list)
            return self._answers.select(sparql, max_rows, window)

        def convert(solutions, deadline):
            if not isinstance(solutions, ox.QuerySolutions):
                raise QueryRejected("select() needs a SELECT query")
            return select_rows(solutions, [v.value for v in solutions.variables], max_rows, window, deadline.check)

        return self._query_objects(sparql, bindings, timeout, convert)

    def select_plain(self, sparql: str, bindings: Mapping[str, Node] | None = None,
                     timeout: float | None = None) -> list[tuple[str | None, ...]]:
        """Rows of plain values. Equal values are one string (interned): the knowledge graph's derived
        parts hold each IRI several times and generated data repeats its texts, so they share the
        memory, and a prebuilt store pickles (and unpickles) each string once."""
        def convert(solutions, deadline):
            if not isinstance(solutions, ox.QuerySolutions):
                raise QueryRejected("select_plain() needs a SELECT query")
            rows = []
            for index, solution in enumerate(solutions):
                if index % 4096 == 0:
                    deadline.check()
                rows.append(tuple(None if term is None else intern(term.value) for term in solution))
            return rows

        return self._query_objects(sparql, bindings, timeout, convert)

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None) -> bool:
        def convert(result, deadline):
            if not isinstance(result, ox.QueryBoolean):
                raise QueryRejected("ask() needs an ASK query")
            return bool(result)

        return self._query_objects(sparql, bindings, timeout, convert)

    def construct(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None,
                  max_rows: int | None = None) -> Graph:
        if self._answers is not None and not bindings and self._answers.holds(sparql, "CONSTRUCT"):
            self._prepare(sparql)
            return self._answers.construct(sparql, max_rows)

        def convert(triples, deadline):
            if not isinstance(triples, ox.QueryTriples):
                raise QueryRejected("construct() needs a CONSTRUCT or DESCRIBE query")
            return capped_graph(triples, max_rows, deadline.check)

        return self._query_objects(sparql, bindings, timeout, convert)

    # --- the SPARQL protocol ----------------------------------------------------------------------

    def execute(self, request: QueryRequest) -> QueryResponse:
        """Evaluate and serialize on a query thread: spooled when a result limit applies, else live."""
        started = time.perf_counter()
        info = self._prepare(request.query, request.base_iri)
        dataset = self._dataset_arguments(info, request.default_graphs, request.named_graphs)
        limit = self._timeout(request.timeout)
        limits = self._limits(request)
        prefixes = {**request.prefixes, **info.prefixes}
        # made before the query thread starts, so its own checks give up before the waiter does:
        # a query that is still writing rows then ends by itself and is no runaway
        deadline = Deadline(limit)

        def produce(sink) -> Produced:
            result = self._run(request.query, info, dataset, base_iri=request.base_iri)
            form = form_of(result)
            if form == CONSTRUCT and info.form == DESCRIBE:
                form = DESCRIBE
            media_type = request.choose_media_type(form)
            check_acceptable(form, media_type)
            sink.begin(media_type, form)
            written = write_result(result, form, media_type, sink, limits, deadline, prefixes, getattr(sink, "cancelled", None))
            return Produced(media_type, form, written)  # `result` is dropped here, on the query thread

        if limits.any:
            return answer_spooled(produce, lambda job: run_with_deadline(job, limit, "SPARQL protocol query"), limits, started)
        return answer_live(produce, deadline, limits, started, "SPARQL protocol query")

    # --- about the dataset ------------------------------------------------------------------------

    def graph_names(self) -> list[str]:
        return self.dataset.graph_iris

    def statistics(self) -> DatasetStatistics:
        """Triples per named graph and in the union default graph (computed once: the store never changes)."""
        if self._statistics is None:
            graphs = {g: 0 for g in self.dataset.graph_iris}
            for solution in self.store.query(internal_query_text("graph-sizes")):
                graphs[solution["g"].value] = int(solution["n"].value)
            union = self.store.query(internal_query_text("union-size"))
            self._statistics = DatasetStatistics(graphs=graphs, default_graph=int(next(iter(union))["n"].value))
        return self._statistics


def open_embedded_store(settings: Settings) -> EmbeddedStore:
    """Load ontology + data, validate against the shapes (unless disabled), and wrap them.

    A conforming validation leaves a stamp (see `validation_stamp`); a start with exactly the
    same files, shapes and validator finds it and skips the second, identical validation.
    """
    dataset = load_dataset(settings)
    if settings.validate_on_start:
        ensure_valid(dataset, settings)
    return EmbeddedStore(dataset, settings)


def ensure_valid(dataset: LoadedDataset, settings: Settings) -> None:
    """DataInvalidError unless the dataset conforms to the checkout's shapes."""
    from bochum_kg.kg.load import load_shapes

    shapes = load_shapes(settings)
    stamp = validation_stamp(dataset, shapes, settings)
    if stamp is not None and stamp.exists():
        log.info("data, shapes and validator unchanged since a conforming validation (%s): not validating again", stamp.name)
        return
    from bochum_kg.kg.validate import validate

    result = validate(dataset, shapes, settings)
    if not result.conforms:
        raise DataInvalidError(result)
    if stamp is not None:
        _write_stamp(stamp)


def validation_stamp(dataset: LoadedDataset, shapes: LoadedDataset, settings: Settings) -> Path | None:
    """Where the stamp of a conforming validation of exactly these inputs lives (None: caching off).

    The name is a SHA-256 over every dataset and shapes file (name and bytes), the base IRI, the
    validation module's source and the pySHACL version, in $XDG_CACHE_HOME/bochum-kg (default
    ~/.cache/bochum-kg). BOCHUM_KG_VALIDATION_CACHE=off turns it off.
    """
    if os.environ.get("BOCHUM_KG_VALIDATION_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    from importlib.metadata import PackageNotFoundError, version

    try:  # the version from the package metadata: importing pySHACL would cost 0.2 s of start-up
        pyshacl_version = version("pyshacl")
    except PackageNotFoundError:
        pyshacl_version = "?"
    validation_module = Path(__file__).resolve().parent.parent / "validate.py"
    digest = hashlib.sha256()
    for source in [*dataset.files, *shapes.files]:
        digest.update(f"{source.kind}:{source.graph_iri}:{source.path.name}\0".encode())
        digest.update(source.path.read_bytes())
    digest.update(settings.base_iri.encode())
    digest.update(validation_module.read_bytes())
    digest.update(pyshacl_version.encode())
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bochum-kg"
    return cache / f"validated-{digest.hexdigest()}"


def _write_stamp(stamp: Path) -> None:
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(time.strftime("conforming validation %Y-%m-%d %H:%M:%S\n"))
    except OSError as err:  # a read-only home only costs the next start a validation
        log.warning("cannot write the validation stamp %s: %s", stamp, err)
