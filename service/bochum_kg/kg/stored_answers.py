"""Answers of the catalogue's queries, computed once by `prebuild` and read from disk when asked.

At 5M triples a named query over the whole dataset takes 2–80 s in pyoxigraph (an ORDER BY over
10^5 rows is engine time; no rewriting makes it small), and the data of a prebuilt directory
never changes. So `prebuild` runs every SELECT and CONSTRUCT query of the catalogue with the
parameter sets the API and its documentation link to (the defaults, each language, each
example, each example in each language) and writes each answer to DIR/answers/. The embedded
store then answers exactly those query texts from the file: the key is the complete query text
after binding, so an edited query, other parameters or another text is simply evaluated as
always, and a stale answer cannot be served (the directory's manifest pins the data and code).

An answer is a file of pickled chunks of plain values (terms as in `encode_term`) with an index
of the chunks at its end: a request reads the chunks of its window only, and only those rows
become rdflib terms, so a page of 100 rows costs the same whether the answer has 10^2 or 10^5.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import struct
import time
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from bochum_kg.kg.binding import bind_parameters, inline_bindings
from bochum_kg.kg.store.base import SelectResult

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
log = logging.getLogger("bochum_kg.prebuild")

# One term as plain values: an IRI as its string; a blank node as ("_", id);
# a literal as (lexical form, language or None, datatype or None). None is an unbound variable.


def encode_term(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return ("_", term.value)
    if term.language:
        return (term.value, term.language, None)
    datatype = term.datatype.value
    return (term.value, None, None if datatype == XSD_STRING else datatype)


def decode_term(value):
    """The rdflib term of `encode_term`'s value: equal to kg.terms.to_rdflib of the original."""
    if isinstance(value, str):
        return URIRef(value)
    if value[0] == "_" and len(value) == 2:
        return BNode(value[1])
    lexical, language, datatype = value
    if language:
        return Literal(lexical, lang=language)
    return Literal(lexical) if datatype is None else Literal(lexical, datatype=URIRef(datatype))


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def catalogue_texts(catalogue, settings) -> dict[str, str]:
    """Every query text the API links to for the catalogue's SELECT and CONSTRUCT queries -> its query's name."""
    texts: dict[str, str] = {}
    for query in catalogue.values():
        if query.form not in ("SELECT", "CONSTRUCT", "DESCRIBE"):
            continue
        lang = query.parameter("lang")
        languages = [None] + list(lang.enum or ()) if lang is not None else [None]
        for base in [{}] + [dict(example.params) for example in query.examples]:
            for language in languages:
                params = base if language is None else {**base, "lang": language}
                try:
                    bindings = bind_parameters(query, params, settings)
                except ValueError:  # an example the catalogue's own tests flag; nothing to store
                    continue
                texts.setdefault(inline_bindings(query.text, bindings) if bindings else query.text, query.name)
    return texts


CHUNK = 1024  # rows (or triples) per pickled chunk: a window reads the chunks it spans, not the answer


def write_answers(store, catalogue, settings, directory: Path) -> dict:
    """Evaluate every text of `catalogue_texts` on `store` (an EmbeddedStore) and write DIR/answers/."""
    directory.mkdir(parents=True)
    index: dict[str, str] = {}
    for text, name in catalogue_texts(catalogue, settings).items():
        started = time.perf_counter()
        result = store.evaluate(text)
        if isinstance(result, ox.QuerySolutions):
            header = {"form": "SELECT", "variables": [v.value for v in result.variables]}
            rows = (tuple(encode_term(solution[i]) for i in range(len(header["variables"]))) for solution in result)
        elif isinstance(result, ox.QueryTriples):
            header = {"form": "CONSTRUCT"}
            rows = ((encode_term(t.subject), encode_term(t.predicate), encode_term(t.object)) for t in result)
        else:
            continue
        key = text_key(text)
        _write_answer(directory / f"{key}.pickle", header, rows)
        index[key] = header["form"]
        log.info("answer of %s stored (%.1f s)", name, time.perf_counter() - started)
    with open(directory / "index.pickle", "wb") as out:
        pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
    return index


def _write_answer(path: Path, header: dict, rows) -> None:
    """Chunks of CHUNK rows, then the header (with every chunk's offset and the row count), then its offset."""
    offsets, count = [], 0
    with open(path, "wb") as out:
        for chunk in iter(lambda: list(islice(rows, CHUNK)), []):
            offsets.append(out.tell())
            count += len(chunk)
            pickle.dump(chunk, out, protocol=pickle.HIGHEST_PROTOCOL)
        header_offset = out.tell()
        pickle.dump({**header, "count": count, "offsets": offsets}, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(struct.pack("<Q", header_offset))


class StoredAnswers:
    """The answers `write_answers` wrote, looked up by query text."""

    def __init__(self, directory: Path):
        self.directory = directory
        with open(directory / "index.pickle", "rb") as index:
            self.index: dict[str, str] = pickle.load(index)  # text_key -> "SELECT" or "CONSTRUCT"

    def holds(self, text: str, form: str) -> bool:
        return self.index.get(text_key(text)) == form

    def _read(self, text: str, start: int, stop: int | None) -> tuple[dict, list]:
        """The header and rows start..stop (None: to the end) of the answer to `text`."""
        with open(self.directory / f"{text_key(text)}.pickle", "rb") as answer:
            answer.seek(-8, os.SEEK_END)
            answer.seek(struct.unpack("<Q", answer.read(8))[0])
            header = pickle.load(answer)
            stop = header["count"] if stop is None else min(stop, header["count"])
            rows: list = []
            first = start // CHUNK
            for offset in header["offsets"][first:(stop + CHUNK - 1) // CHUNK] if start < stop else ():
                answer.seek(offset)
                rows += pickle.load(answer)
        skip = start - first * CHUNK
        return header, rows[skip:skip + stop - start] if start < stop else []

    def select(self, text: str, max_rows: int | None = None, window: tuple[int, int] | None = None) -> SelectResult:
        """What EmbeddedStore.select gives for `text` (same rows, order, truncation and total); `holds` it first."""
        start, stop = (0, max_rows) if window is None else (window[0], window[0] + window[1])
        if max_rows is not None:
            stop = min(stop, max_rows)
        header, shown = self._read(text, start, stop)
        variables, count = header["variables"], header["count"]
        truncated = max_rows is not None and count > max_rows
        decoded = [{name: decode_term(cell) for name, cell in zip(variables, row) if cell is not None} for row in shown]
        return SelectResult(variables, decoded, truncated=truncated,
                            total=(max_rows if truncated else count) if window else None)

    def construct(self, text: str, max_rows: int | None = None) -> Graph:
        """What EmbeddedStore.construct gives for `text` (the same first `max_rows` triples); `holds` it first."""
        header, triples = self._read(text, 0, max_rows)
        graph = Graph()
        graph.truncated = max_rows is not None and header["count"] > max_rows
        for s, p, o in triples:
            graph.add((decode_term(s), decode_term(p), decode_term(o)))
        return graph
