"""Dumps of the whole dataset: Turtle, N-Triples, JSON-LD (the union graph), TriG and N-Quads
(with the named graphs), each also gzipped. Built once per process, on first use (kg/graph.py);
a prebuilt directory (kg/prebuilt.py) holds them as files, served from disk.

Used by the /dumps/ views and by `bochum-kg export`, so the served and the exported files are
the same bytes (N-Triples and N-Quads sorted, gzip without timestamps).

pyoxigraph writes every format from the store's own terms: rdflib took 95-138 s and ~2.5 GB per
worker at 500k triples (bench/README.md, scale run). Turtle and TriG come out grouped by subject
(and graph) with our prefixes; the JSON-LD dump is pyoxigraph's, with the prefixes as its
@context (the resource documents keep the full context of /context.jsonld).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from bochum_kg.kg import formats as neg
from bochum_kg.kg.labels import prefixes
from bochum_kg.kg.terms import to_oxigraph

DUMP_STEM = "bochum-strategie"


@dataclass(frozen=True)
class DumpFormat:
    suffix: str
    mimetype: str
    name: str
    named_graphs: bool
    eu_file_type: str  # EU Publications Office file-type authority code (DCAT-AP)


FORMATS = [
    DumpFormat("ttl", neg.TURTLE, "Turtle", False, "RDF_TURTLE"),
    DumpFormat("nt", neg.NTRIPLES, "N-Triples", False, "RDF_N_TRIPLES"),
    DumpFormat("jsonld", neg.JSONLD, "JSON-LD", False, "JSON_LD"),
    DumpFormat("trig", neg.TRIG, "TriG", True, "RDF_TRIG"),
    DumpFormat("nq", neg.NQUADS, "N-Quads", True, "RDF_N_QUADS"),
]


@dataclass
class DumpFile:
    filename: str
    format: DumpFormat
    content: bytes | None  # None: the bytes are in `path` (a prebuilt directory's dumps, kg/prebuilt.py)
    gzipped: bool = False
    path: Path | None = None
    stored_etag: str | None = None  # the etag of `path`'s bytes, computed when it was written

    @property
    def mimetype(self) -> str:
        return "application/gzip" if self.gzipped else self.format.mimetype

    @property
    def size(self) -> int:
        return len(self.content) if self.content is not None else self.path.stat().st_size  # type: ignore[union-attr]

    @cached_property
    def etag(self) -> str:
        """A strong validator, hashed once: a dump of the 500k-triple test data is ~30 MB."""
        return self.stored_etag or hashlib.blake2b(self.content, digest_size=12).hexdigest()


@dataclass
class DumpSet:
    files: dict[str, DumpFile] = field(default_factory=dict)
    triples: int = 0  # distinct triples of the union graph
    quads: int = 0  # triples counted once per named graph

    def count(self, dump: DumpFile) -> None:
        """Take the counts from the plain N-Triples and N-Quads dumps: one line per triple or quad."""
        if not dump.gzipped and dump.format.suffix in ("nt", "nq"):
            lines = dump.content.count(b"\n")  # type: ignore[union-attr]
            if dump.format.suffix == "nt":
                self.triples = lines
            else:
                self.quads = lines

    @classmethod
    def read(cls, directory: Path) -> "DumpSet":
        """The dumps `write_dump_files` left in `directory`, their bytes left on disk (served from the files)."""
        index = json.loads((directory / "index.json").read_text(encoding="utf-8"))
        formats = {f.suffix: f for f in FORMATS}
        files = {name: DumpFile(name, formats[entry["format"]], None, entry["gzipped"], directory / name, entry["etag"])
                 for name, entry in index["files"].items()}
        return cls(files, index["triples"], index["quads"])


def dataset_quads(store, queries) -> list[ox.Quad]:
    """Every quad of the named graphs, as pyoxigraph terms (from the embedded store directly)."""
    inner = getattr(store, "store", None)
    if isinstance(inner, ox.Store):
        return [q for q in inner.quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)]
    return [ox.Quad(to_oxigraph(r["s"]), to_oxigraph(r["p"]), to_oxigraph(r["o"]), to_oxigraph(r["g"]))
            for r in queries.select(store, "all-quads").rows]


def _sorted_lines(content: bytes) -> bytes:
    lines = sorted(set(content.splitlines()) - {b""})
    return b"\n".join(lines) + b"\n" if lines else b""


def dump_files(store, base: str, queries) -> Iterator[DumpFile]:
    """Every dump file, one format after the other (plain, then gzipped), so that a writer holds
    one at a time (`write_dump_files`); `queries` (the internal ones) are needed only for a remote store."""
    quads = dataset_quads(store, queries)
    nquads = _sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    ntriples = _sorted_lines(ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES))
    del quads
    names = prefixes(base)

    def union() -> Iterator[ox.Triple]:  # sorted lines group a subject's statements
        return ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)

    def by_graph() -> list[ox.Quad]:  # quads re-sorted graph by graph for TriG
        return sorted(ox.parse(nquads, format=ox.RdfFormat.N_QUADS), key=lambda q: str(q.graph_name))

    contents = {
        neg.NQUADS: lambda: nquads,
        neg.NTRIPLES: lambda: ntriples,
        neg.TURTLE: lambda: ox.serialize(union(), format=ox.RdfFormat.TURTLE, prefixes=names),
        neg.TRIG: lambda: ox.serialize(by_graph(), format=ox.RdfFormat.TRIG, prefixes=names),
        neg.JSONLD: lambda: ox.serialize(union(), format=ox.RdfFormat.JSON_LD, prefixes=names),
    }
    for fmt in FORMATS:
        content = contents[fmt.mimetype]()
        name = f"{DUMP_STEM}.{fmt.suffix}"
        yield DumpFile(name, fmt, content)
        yield DumpFile(name + ".gz", fmt, gzip.compress(content, mtime=0), gzipped=True)


#: Past this many triples the RDF document of a named graph ({base}graph/{name}) is written by
#: pyoxigraph from the store into a file, as the dumps are, not through an rdflib graph in memory:
#: at 5M generated triples the actors file (1.2 million triples, 235 MB of RDF/XML) took 86 s and
#: gigabytes that way. The real data's largest graph has a few thousand.
LARGE_GRAPH_TRIPLES = 100_000
GRAPH_FORMATS = {neg.TURTLE: ox.RdfFormat.TURTLE, neg.NTRIPLES: ox.RdfFormat.N_TRIPLES,
                 neg.RDFXML: ox.RdfFormat.RDF_XML, neg.JSONLD: ox.RdfFormat.JSON_LD}


def write_graph(store, graph_iri: str, mimetype: str, base: str, out) -> bool:
    """Write one named graph as `mimetype` to the binary file `out`, streamed by pyoxigraph (with
    our prefixes, JSON-LD with them as its @context like the dump); False for a remote store."""
    inner = getattr(store, "store", None)
    if not isinstance(inner, ox.Store) or mimetype not in GRAPH_FORMATS:
        return False
    fmt = GRAPH_FORMATS[mimetype]
    names = None if fmt == ox.RdfFormat.N_TRIPLES else prefixes(base)
    inner.dump(out, format=fmt, from_graph=ox.NamedNode(graph_iri), prefixes=names)
    return True


def build_dumps(store, base: str, queries) -> DumpSet:
    """Every dump, in memory."""
    result = DumpSet()
    for dump in dump_files(store, base, queries):
        result.files[dump.filename] = dump
        result.count(dump)
    return result


def write_dump_files(dumps: Iterable[DumpFile], directory: Path) -> DumpSet:
    """Write each dump to `directory` as it comes, with an index (sizes, etags, counts) that
    DumpSet.read reads; the DumpSet returned serves them from the files."""
    directory.mkdir(parents=True, exist_ok=True)
    result = DumpSet()
    for dump in dumps:
        (directory / dump.filename).write_bytes(dump.content)  # type: ignore[arg-type]
        result.count(dump)
        result.files[dump.filename] = DumpFile(dump.filename, dump.format, None, dump.gzipped,
                                               directory / dump.filename, dump.etag)
    index = {"triples": result.triples, "quads": result.quads,
             "files": {name: {"format": d.format.suffix, "gzipped": d.gzipped, "etag": d.etag} for name, d in result.files.items()}}
    (directory / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return result
