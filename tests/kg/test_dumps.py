"""The dumps (kg/dumps.py), written by pyoxigraph: every format holds exactly the store's statements,
N-Triples and N-Quads sorted and without duplicates, Turtle and TriG with our prefixes."""

from __future__ import annotations

import gzip

import pyoxigraph as ox

from bochum_kg.kg.dumps import build_dumps, dataset_quads

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
           "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}


def test_every_dump_holds_exactly_the_stores_statements(real_store, real_settings):
    dumps = build_dumps(real_store, real_settings.base_iri, None)
    quads = set(dataset_quads(real_store, None))
    triples = {q.triple for q in quads}
    assert (dumps.triples, dumps.quads) == (len(triples), len(quads))
    for suffix, fmt in FORMATS.items():
        name = f"bochum-strategie.{suffix}"
        parsed = set(ox.parse(dumps.files[name].content, format=fmt))
        if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
            assert parsed == quads, suffix
        else:
            assert {ox.Triple(t.subject, t.predicate, t.object) for t in parsed} == triples, suffix
        assert gzip.decompress(dumps.files[name + ".gz"].content) == dumps.files[name].content


def test_line_formats_are_sorted_and_turtle_reads_well(real_store, real_settings):
    dumps = build_dumps(real_store, real_settings.base_iri, None)
    for suffix in ("nt", "nq"):
        lines = dumps.files[f"bochum-strategie.{suffix}"].content.splitlines()
        assert lines == sorted(set(lines))
    turtle = dumps.files["bochum-strategie.ttl"].content.decode("utf-8")
    assert f"@prefix bs: <{real_settings.base_iri}ontology#> ." in turtle
    # grouped by subject: a project's statements are one block, not one line each
    assert turtle.count("\nproject:haus-des-wissens ") == 1


def test_the_same_store_gives_the_same_bytes(real_store, real_settings):
    first = build_dumps(real_store, real_settings.base_iri, None)
    second = build_dumps(real_store, real_settings.base_iri, None)
    assert {n: f.content for n, f in first.files.items()} == {n: f.content for n, f in second.files.items()}
