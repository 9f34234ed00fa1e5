"""The steps of keeping data/ up to date, as the CLI and a web page call them.

load_current (ontology, data, comments, sheet model) -> read a workbook (reading.py) ->
check (sheet problems, then SHACL over ontology + new data) -> write_data (canonical Turtle,
all files replaced together). Nothing is written unless check found no violation. `preview`
does everything but the writing, for a page that shows what an import would change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .changes import ResourceChange, changes
from .comments import Comments, read_comments
from .data_folder import parse_texts, read_texts, replace_files
from .model import SheetModel, build_model
from .problems import Problem
from .project_data import Settings, data_dir, load_ontology, validate_graph
from .reading import Reading, read_workbook
from .shacl_problems import shacl_problems
from .turtle_diff import turtle_diff
from .turtle_writer import turtle_files


@dataclass
class Current:
    """data/ as it is now, and the workbook shape derived from it."""

    ontology: Graph
    data: Graph
    comments: Comments
    model: SheetModel
    folder: Path
    texts: dict[str, str] = field(default_factory=dict)  # file name -> text, as read


@dataclass
class Verdict:
    problems: list[Problem]  # block writing
    notes: list[Problem] = field(default_factory=list)  # SHACL warnings and infos: shown, not blocking

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def unreadable(self) -> bool:
        return any(p.structural for p in self.problems)


def load_current(settings: Settings) -> Current:
    """Read ontology and data/ (DataSourceError if a file does not parse)."""
    folder = data_dir(settings)
    texts = read_texts(folder)
    ontology = load_ontology(settings)
    data = parse_texts(texts)
    return Current(ontology, data, read_comments(texts), build_model(ontology, data), folder, texts)


def check(reading: Reading, model: SheetModel, settings: Settings) -> Verdict:
    """The workbook's own problems; when there are none, the SHACL violations of the whole graph."""
    if reading.problems:
        return Verdict(list(reading.problems))
    result = validate_graph(reading.graph, settings)
    violations, notes = shacl_problems(result, reading, model)
    return Verdict(violations, notes)


def data_texts(graph: Graph, current: Current) -> dict[str, str]:
    """The canonical Turtle files for this graph, with the comments of today's files."""
    return turtle_files(graph, current.comments)


class WriterError(Exception):
    """The canonical files would not hold exactly the graph's triples (a bug; nothing is written)."""


def write_data(graph: Graph, current: Current) -> list[str]:
    """Rewrite data/ for this graph; returns the names of the files that changed."""
    texts = data_texts(graph, current)
    if texts == current.texts and set(graph) == set(current.data):
        return []  # today's files, which parse to today's data, which is this graph: nothing to write or check
    if set(parse_texts(texts)) != set(graph):  # the writer is checked on every write, not trusted
        raise WriterError("the canonical Turtle does not hold the same triples; data/ left unchanged")
    return replace_files(current.folder, texts)


@dataclass
class Preview:
    """What importing a workbook would do: its reading and verdict, and when the data is valid,
    the changes resource by resource and the Turtle diff of data/ (otherwise both empty)."""

    reading: Reading
    verdict: Verdict
    changes: list[ResourceChange]
    diff: str


def preview(content: bytes, current: Current, settings: Settings, lang: str = "de") -> Preview:
    """Read and check an .xlsx workbook against `current` and say what an import would change; writes nothing.

    `lang`: the language of the messages when the workbook cannot tell its own."""
    reading = read_workbook(content, current.model, lang)
    verdict = check(reading, current.model, settings)
    if not verdict.ok:
        return Preview(reading, verdict, [], "")
    old_texts = current.texts or data_texts(current.data, current)
    diff = turtle_diff(old_texts, data_texts(reading.graph, current))
    return Preview(reading, verdict, changes(current.data, reading.graph), diff)
