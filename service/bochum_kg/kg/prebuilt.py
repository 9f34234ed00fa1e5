"""A prebuilt store: the dataset in pyoxigraph's on-disk store (RocksDB) plus what is derived from it.

For big datasets. `bochum-kg prebuild DIR` parses and validates the files once and writes
DIR/store (the quads, each file in its named graph), DIR/derived.pickle (labels, vocabulary,
search index, statistics, JSON-LD context, home overview, facts of the gap tables and their rows'
order, link graph of the path search, each file's subjects, the sitemap's order, the index pages'
order and filter values: `KnowledgeGraph`'s derived parts, named in DERIVED), DIR/dumps (every
dump file, served from disk), DIR/answers (the catalogue's queries answered with the parameters the API links to:
kg/stored_answers.py) and DIR/manifest.json. `serve --prebuilt DIR` then starts in seconds
instead of parsing the files and deriving everything again, and the quads and dumps stay on disk
(the page cache holds what is read) instead of in every worker's memory.

The manifest names its inputs: a digest of every dataset and shapes file (name and bytes), the
base IRI, the knowledge core's code and the pyoxigraph version. A directory built from other
inputs is refused with the command that rebuilds it: it would serve stale data.

RocksDB handles do not survive fork(): each process opens the store itself, on first use
(`OnDiskStore`), read-only, so all workers share the one directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from bochum_kg.config import Settings
from bochum_kg.kg.cycle_collection import without_cycle_collection
from bochum_kg.kg.dumps import dump_files, write_dump_files
from bochum_kg.kg.files import SourceFile, dataset_files, shape_files
from bochum_kg.kg.load import LoadedDataset, file_syntax_error, read_source_text
from bochum_kg.kg.stored_answers import StoredAnswers, write_answers

FORMAT = 2  # of the directory's layout; part of the digest
DERIVED = ("labels", "vocabulary", "search", "label_lookup", "statistics", "jsonld_context", "overview", "ontology_triples", "subjects", "page_order", "gap_facts", "gap_order", "graph_subjects", "link_graph", "index_facts")


class PrebuiltStoreError(Exception):
    """The directory is missing, incomplete, or built from other inputs."""


@dataclass
class Manifest:
    inputs: str  # the digest of `inputs_digest`
    validated: bool
    triples: int
    built: str  # ISO time
    graphs: list[str]

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.__dict__, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> "Manifest":
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as err:
            raise PrebuiltStoreError(f"{path}: not a prebuilt store's manifest ({err})") from None


def inputs_digest(settings: Settings) -> str:
    """SHA-256 over what a prebuilt store is made of: files, shapes, base IRI, the core's code, pyoxigraph."""
    digest = hashlib.sha256(f"format {FORMAT}\0base {settings.base_iri}\0pyoxigraph {ox.__version__}\0".encode())
    for source in dataset_files(settings) + shape_files(settings):
        digest.update(f"{source.kind}/{source.path.name}\0".encode() + source.path.read_bytes() + b"\0")
    core = Path(__file__).resolve().parent
    for path in sorted(core.rglob("*.py")) + sorted((core / "queries").glob("*.rq")):
        digest.update(str(path.relative_to(core)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def rebuild_hint(settings: Settings, directory: Path) -> str:
    return f"rebuild it: bochum-kg --project-root {settings.project_root} prebuild {directory}"


class OnDiskStore:
    """The read-only RocksDB store of a directory, opened once per process (after a fork, again)."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._store: ox.Store | None = None

    def get(self) -> ox.Store:
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():
                    self._store = ox.Store.read_only(str(self.path))
                    self._pid = os.getpid()
        return self._store  # type: ignore[return-value]


def build(settings: Settings, directory: Path, validate: bool = True) -> Manifest:
    """Write the prebuilt store of the settings' files to `directory` (replaced as a whole at the end).

    Raises DatasetLoadError (a file does not parse) or DataInvalidError (the data does not conform);
    then `directory` is left as it was."""
    from bochum_kg.kg.graph import KnowledgeGraph
    from bochum_kg.kg.store.embedded import EmbeddedStore, ensure_valid

    directory = directory.resolve()
    if directory.exists() and not (directory / "manifest.json").exists():
        raise PrebuiltStoreError(f"{directory} exists and is not a prebuilt store: not replacing it")
    inputs = inputs_digest(settings)  # of the files as they are before they are read
    partial = directory.with_name(directory.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        files = dataset_files(settings)
        store = ox.Store(str(partial / "store"))
        for source in files:
            _bulk_load(store, source, settings)
        store.optimize()
        dataset = LoadedDataset(store=store, files=files)
        if validate:
            ensure_valid(dataset, settings)
        graph = KnowledgeGraph.build(settings.with_changes(validate_on_start=False), EmbeddedStore(dataset, settings))
        # the same bytes as `export` and the in-memory dumps, one file at a time in memory
        write_dump_files(dump_files(graph.store, graph.base, graph.queries), partial / "dumps")
        write_answers(graph.store, graph.catalogue, settings, partial / "answers")
        with open(partial / "derived.pickle", "wb") as out:
            derived = {name: getattr(graph, name) for name in DERIVED}
            pickle.dump({**derived, "dataset_statistics": graph.store.statistics()}, out, protocol=pickle.HIGHEST_PROTOCOL)
        manifest = Manifest(inputs=inputs, validated=validate, triples=len(store),
                            built=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                            graphs=[f.graph_iri for f in files])
        manifest.write(partial / "manifest.json")
        store.flush()
        del graph, dataset, store  # closes the RocksDB handle before the directory moves
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if directory.exists():
        shutil.rmtree(directory)
    partial.rename(directory)
    return manifest


def _bulk_load(store: ox.Store, source: SourceFile, settings: Settings) -> None:
    text = read_source_text(source, settings)
    try:
        store.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.TURTLE, base_iri=settings.base_iri,
                        to_graph=ox.NamedNode(source.graph_iri))
    except SyntaxError as err:
        raise file_syntax_error(source, err) from None


def open_prebuilt(settings: Settings, directory: Path) -> tuple[Manifest, OnDiskStore, dict, StoredAnswers]:
    """The manifest, the store, the derived parts and the stored answers of a prebuilt directory built from these inputs."""
    manifest = Manifest.read(directory / "manifest.json")
    if manifest.inputs != inputs_digest(settings):
        raise PrebuiltStoreError(f"{directory} was built from other files, shapes, base IRI or code than these; "
                                 + rebuild_hint(settings, directory))
    if settings.validate_on_start and not manifest.validated:
        raise PrebuiltStoreError(f"{directory} was built without validation; " + rebuild_hint(settings, directory))
    store = OnDiskStore(directory / "store")
    try:
        store.get()
        with open(directory / "derived.pickle", "rb") as derived_file, without_cycle_collection():
            derived = pickle.load(derived_file)
        answers = StoredAnswers(directory / "answers")
    except (OSError, pickle.UnpicklingError, EOFError) as err:
        raise PrebuiltStoreError(f"{directory}: cannot be read ({err}); " + rebuild_hint(settings, directory)) from None
    return manifest, store, derived, answers
