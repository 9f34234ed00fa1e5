"""The canonical writer, the file placement rule, kept comments and the all-or-nothing write."""

from __future__ import annotations

import os

import pytest
from rdflib import Graph, Literal, URIRef
from sheet_helpers import BASE

from bochum_kg.kg.sheets.comments import read_comments
from bochum_kg.kg.sheets.data_folder import parse_texts, read_texts, replace_files
from bochum_kg.kg.sheets.placement import file_of_each_subject
from bochum_kg.kg.sheets.turtle_writer import turtle_files
from bochum_kg.kg.sheets.vocabulary import turtle_iri, turtle_literal

PREFIXES = f"""@prefix bs: <{BASE}ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix project: <{BASE}project/> .
@prefix participation: <{BASE}participation/> .
@prefix figure: <{BASE}figure/> .
@prefix actor: <{BASE}actor/> .
@prefix shareholding: <{BASE}shareholding/> .
"""

SOURCE = PREFIXES + """
# Header of the file.

# Note on the project.
project:b bs:status <https://example.org/s> ; a bs:CoreActivity ;
    # Note on the figure link.
    bs:figure figure:b--staff ;
    rdfs:label "B"@de , "B \\"quoted\\"\\nline"@en ;
    bs:participation participation:b--a--lead .
project:a a bs:CoreActivity ; rdfs:label "A"@de .
figure:b--staff a bs:Figure ; bs:value 12 , 1.5 , "7"^^xsd:decimal ; bs:approximate true ;
    bs:referenceDate "2016"^^xsd:gYear .
participation:b--a--lead a bs:Participation ; bs:agent actor:a .
actor:a a bs:Organisation .
shareholding:a--b a bs:Shareholding ; bs:holder actor:a .
"""

EXPECTED_PROJECTS = PREFIXES.replace(f"@prefix actor: <{BASE}actor/> .\n", "").replace(
    f"@prefix shareholding: <{BASE}shareholding/> .\n", "")


def _texts():
    return {"projects.ttl": SOURCE}


def test_canonical_text_of_a_file():
    files = turtle_files(Graph().parse(data=SOURCE, format="turtle"), read_comments(_texts()))
    assert files["projects.ttl"] == "\n".join([
        f"@prefix bs: <{BASE}ontology#> .",
        f"@prefix figure: <{BASE}figure/> .",
        f"@prefix participation: <{BASE}participation/> .",
        f"@prefix project: <{BASE}project/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "",
        "# Header of the file.",
        "",
        "project:a",
        "    a bs:CoreActivity ;",
        '    rdfs:label "A"@de ;',
        "    .",
        "",
        "# Note on the project.",
        "project:b",
        "    a bs:CoreActivity ;",
        '    rdfs:label "B \\"quoted\\"\\nline"@en ;',
        '    rdfs:label "B"@de ;',
        "    # Note on the figure link.",
        "    bs:figure figure:b--staff ;",
        "    bs:participation participation:b--a--lead ;",
        "    bs:status <https://example.org/s> ;",
        "    .",
        "",
        "participation:b--a--lead",
        "    a bs:Participation ;",
        "    bs:agent actor:a ;",
        "    .",
        "",
        "figure:b--staff",
        "    a bs:Figure ;",
        "    bs:approximate true ;",
        '    bs:referenceDate "2016"^^xsd:gYear ;',
        '    bs:value "7"^^xsd:decimal ;',
        "    bs:value 1.5 ;",
        "    bs:value 12 ;",
        "    .",
        "",
    ]).replace("@prefix bs:", f"@prefix actor: <{BASE}actor/> .\n@prefix bs:", 1)


def test_placement_follows_the_documented_rule():
    placed = file_of_each_subject(Graph().parse(data=SOURCE, format="turtle"))
    assert {str(s)[len(BASE):]: f for s, f in placed.items()} == {
        "project/a": "projects.ttl", "project/b": "projects.ttl",
        "figure/b--staff": "projects.ttl",  # with the resource that holds it
        "participation/b--a--lead": "projects.ttl",
        "actor/a": "actors.ttl",
        "shareholding/a--b": "shareholding.ttl",  # a new kind nothing points to: a file of its own
    }


def test_the_writer_is_a_fixed_point_and_keeps_all_triples():
    graph = Graph().parse(data=SOURCE, format="turtle")
    first = turtle_files(graph, read_comments(_texts()))
    again = turtle_files(parse_texts(first), read_comments(first))
    assert again == first
    assert set(parse_texts(first)) == set(graph)


def test_escapes_of_literals_and_iris_character_by_character():
    """The translate tables escape exactly what the rule says, for every character."""
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    string_escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    assert turtle_literal(Literal(everything), {}) == '"' + "".join(string_escapes.get(c, c) for c in everything) + '"'
    iri = "https://example.org/" + everything
    expected = "".join(f"\\u{ord(c):04X}" if c in '<>"{}|^`\\' or ord(c) <= 0x20 else c for c in iri)
    assert turtle_iri(URIRef(iri), {}) == "<" + expected + ">"


def test_a_failed_write_leaves_the_folder_as_it_was(tmp_path, monkeypatch):
    (tmp_path / "a.ttl").write_text("old a\n", encoding="utf-8")
    (tmp_path / "b.ttl").write_text("old b\n", encoding="utf-8")
    real_fdopen, calls = os.fdopen, []

    def failing_fdopen(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_fdopen(*args, **kwargs)

    monkeypatch.setattr(os, "fdopen", failing_fdopen)
    with pytest.raises(OSError):
        replace_files(tmp_path, {"a.ttl": "new a\n", "b.ttl": "new b\n"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.ttl"]
    assert read_texts(tmp_path) == {"a.ttl": "old a\n", "b.ttl": "old b\n"}


def test_a_write_replaces_changed_files_and_removes_unneeded_ones(tmp_path):
    (tmp_path / "a.ttl").write_text("same\n", encoding="utf-8")
    (tmp_path / "gone.ttl").write_text("x\n", encoding="utf-8")
    assert replace_files(tmp_path, {"a.ttl": "same\n", "new.ttl": "n\n"}) == ["new.ttl", "gone.ttl"]
    assert read_texts(tmp_path) == {"a.ttl": "same\n", "new.ttl": "n\n"}
