"""Parse the checkout's Turtle files into one pyoxigraph Store, one named graph per file.

The files are written with the canonical base IRI; a deployment with another base gets every
occurrence rewritten before parsing, so the whole dataset moves to the configured base.
Syntax errors become a DatasetLoadError that names file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from bochum_kg.config import CANONICAL_BASE, Settings
from bochum_kg.kg.files import SourceFile, dataset_files, shape_files


class DatasetLoadError(Exception):
    """A file of the dataset could not be read or parsed."""

    def __init__(self, path: Path, message: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class ShapesError(Exception):
    """The shapes cannot be used: none found, or pySHACL rejected them."""


def read_source_text(source: SourceFile, settings: Settings) -> str:
    """The file's Turtle text with the canonical base rewritten to the configured one."""
    try:
        text = source.path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise DatasetLoadError(source.path, f"not UTF-8 ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise DatasetLoadError(source.path, err.strerror or str(err)) from None
    if settings.base_iri != CANONICAL_BASE:
        text = text.replace(CANONICAL_BASE, settings.base_iri)
    return text


def file_syntax_error(source: SourceFile, err: SyntaxError) -> DatasetLoadError:
    message = str(err.msg if hasattr(err, "msg") else err)
    # pyoxigraph: "Parser error between line 3 column 11 and line 5 column 1: Unexpected end of file"
    if ": " in message and message.startswith("Parser error"):
        message = message.split(": ", 1)[1]
    return DatasetLoadError(source.path, message, err.lineno, err.offset)


def parse_quads(source: SourceFile, settings: Settings) -> list[ox.Quad]:
    """Every triple of one file as a quad in the file's named graph."""
    text = read_source_text(source, settings)
    graph = ox.NamedNode(source.graph_iri)
    try:
        return [
            ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=settings.base_iri)
        ]
    except SyntaxError as err:
        raise file_syntax_error(source, err) from None


@dataclass
class LoadedDataset:
    """The parsed dataset: a pyoxigraph Store plus the files it came from."""

    store: ox.Store | None  # None: a prebuilt directory's, opened per process (kg/prebuilt.py)
    files: list[SourceFile]

    @property
    def graph_iris(self) -> list[str]:
        return [f.graph_iri for f in self.files]

    def triple_count(self) -> int:
        return len(self.store)


def load_files(files: list[SourceFile], settings: Settings) -> LoadedDataset:
    """Parse every file into a new Store, each into its named graph; the first broken file raises."""
    store = ox.Store()
    for source in files:
        text = read_source_text(source, settings)
        try:
            # Parsed straight into the store: no Python object per quad (about twice as fast).
            store.load(text, format=ox.RdfFormat.TURTLE, base_iri=settings.base_iri, to_graph=ox.NamedNode(source.graph_iri))
        except SyntaxError as err:
            raise file_syntax_error(source, err) from None
    return LoadedDataset(store=store, files=files)


def load_dataset(settings: Settings) -> LoadedDataset:
    """The served dataset: ontology + data, each file its own named graph."""
    return load_files(dataset_files(settings), settings)


def load_shapes(settings: Settings) -> LoadedDataset:
    return load_files(shape_files(settings), settings)
