"""Dumps of the whole dataset: Turtle, N-Triples, JSON-LD (the union graph), TriG and N-Quads
(with the named graphs), each also gzipped. Built once per process, on first use (kg/graph.py).

Used by the /dumps/ views and by `bochum-kg export`, so the served and the exported files are
the same bytes (N-Triples and N-Quads sorted, gzip without timestamps).
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import Dataset, Graph, URIRef

from bochum_kg.kg import formats as neg
from bochum_kg.kg.rdf_documents import bind_prefixes, serialize

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
    content: bytes
    gzipped: bool = False

    @property
    def mimetype(self) -> str:
        return "application/gzip" if self.gzipped else self.format.mimetype

    @cached_property
    def etag(self) -> str:
        """A strong validator, hashed once: a dump of the 500k-triple test data is ~30 MB."""
        return hashlib.blake2b(self.content, digest_size=12).hexdigest()


@dataclass
class DumpSet:
    files: dict[str, DumpFile] = field(default_factory=dict)
    triples: int = 0  # distinct triples of the union graph
    quads: int = 0  # triples counted once per named graph


def build_dumps(store, base: str, queries, context: dict) -> DumpSet:
    """Serialise the store's dataset in every dump format (plain and gzipped); JSON-LD with `context`."""
    quads = [(r["s"], r["p"], r["o"], r["g"]) for r in queries.select(store, "all-quads").rows]
    union = Graph()
    dataset = Dataset()
    for s, p, o, g in quads:
        union.add((s, p, o))
        dataset.graph(URIRef(str(g))).add((s, p, o))
    bind_prefixes(dataset, base)
    result = DumpSet(triples=len(union), quads=len(quads))
    for fmt in FORMATS:
        if fmt.mimetype == neg.NTRIPLES:
            lines = sorted(set(union.serialize(format="nt").splitlines()) - {""})
            content = ("\n".join(lines) + "\n").encode("utf-8")
        elif fmt.mimetype == neg.NQUADS:
            lines = sorted(set(dataset.serialize(format="nquads").splitlines()) - {""})
            content = ("\n".join(lines) + "\n").encode("utf-8")
        elif fmt.mimetype == neg.TRIG:
            content = dataset.serialize(format="trig").encode("utf-8")
        elif fmt.mimetype == neg.JSONLD:
            content = serialize(union, neg.JSONLD, base, context=context)
        else:
            content = serialize(union, fmt.mimetype, base)
        name = f"{DUMP_STEM}.{fmt.suffix}"
        result.files[name] = DumpFile(name, fmt, content)
        result.files[name + ".gz"] = DumpFile(name + ".gz", fmt, gzip.compress(content, mtime=0), gzipped=True)
    return result
