"""What the service reads from a query's text before running it (stores/query_text.py)."""

from __future__ import annotations

import pytest

from bochum_kg.kg.store.base import QueryRejected
from bochum_kg.kg.sparql_text import analyse, check_query

G = "https://w3id.org/bochum-strategie/graph/"
GRAPHS = {G + "projects", G + "actors"}


@pytest.mark.parametrize(
    "text, form",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("# SELECT in a comment\nPREFIX ask: <http://x/> ask { ?s ?p ?o }", "ASK"),
        ("BASE <http://b/> PREFIX : <http://x/> CONSTRUCT WHERE { ?s :p ?o }", "CONSTRUCT"),
        ("describe <http://x>", "DESCRIBE"),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", None),
        ("ASK { { SELECT ?s WHERE { ?s ?p ?o } } }", "ASK"),
    ],
)
def test_form(text, form):
    assert analyse(text).form == form


def test_dataset_clauses_with_prefixes_and_base():
    info = analyse(f"PREFIX g: <{G}> BASE <{G}> SELECT * FROM g:projects FROM <actors> FROM NAMED <{G}projects> WHERE {{ ?s ?p ?o }}")
    assert info.from_graphs == [G + "projects", G + "actors"]
    assert info.from_named_graphs == [G + "projects"]
    assert info.has_dataset_clause


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { }",
        "SELECT * WHERE { ?s <http://x/SERVICE> ?service }",
        'SELECT * WHERE { ?s ?p ?o FILTER(LANG(?o) = "service") FILTER(?o = "x"@service) }',
        "PREFIX service: <http://x/> SELECT * WHERE { ?s service:service ?o }",
        "SELECT * WHERE { ?s ?p '''multi\nline SERVICE <http://x/> {}''' }",
    ],
)
def test_service_in_strings_iris_comments_and_names_is_no_service(text):
    assert analyse(text).services == []


@pytest.mark.parametrize(
    "text, targets",
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", ["http://127.0.0.1:9/sparql"]),
        ("select * where { service silent <http://a/> {} }", ["http://a/"]),
        ("PREFIX e: <http://ep/> SELECT * WHERE { SERVICE e:sparql {} }", ["http://ep/sparql"]),
        ("BASE <http://ep/> SELECT * WHERE { SERVICE <sparql> {} }", ["http://ep/sparql"]),
        ("SELECT * WHERE { SERVICE ?endpoint {} }", [None]),
        ("SELECT * WHERE { SERVICE undeclared:x {} }", [None]),
        ("SELECT * WHERE { SERVICE<http://a/>{} SERVICE <http://b/> {} }", ["http://a/", "http://b/"]),
        ("SELECT * WHERE { ?a ?b ?c FILTER(?a<?b)SERVICE?x>{} }", [None]),  # a comparison read as an IRI never hides one
    ],
)
def test_service_targets(text, targets):
    assert analyse(text).services == targets


def test_check_refuses_service_unless_allow_listed():
    info = analyse("SELECT * WHERE { SERVICE <http://a/> {} }")
    with pytest.raises(QueryRejected, match="no outgoing connections"):
        check_query(info, GRAPHS, ())
    with pytest.raises(QueryRejected, match="only calls <http://b/>"):
        check_query(info, GRAPHS, ("http://b/",))
    check_query(info, GRAPHS, ("http://a/",))
    with pytest.raises(QueryRejected, match="variable"):
        check_query(analyse("SELECT * WHERE { SERVICE ?x {} }"), GRAPHS, ("http://a/",))


def test_check_refuses_graphs_outside_the_dataset():
    check_query(analyse(f"SELECT * FROM <{G}projects> WHERE {{ ?s ?p ?o }}"), GRAPHS, ())
    with pytest.raises(QueryRejected, match="does not hold: <http://127.0.0.1:9/data>"):
        check_query(analyse("SELECT * FROM NAMED <http://127.0.0.1:9/data> WHERE { ?s ?p ?o }"), GRAPHS, ())
    with pytest.raises(QueryRejected, match="full IRI"):
        check_query(analyse("SELECT * FROM nope:x WHERE { ?s ?p ?o }"), GRAPHS, ())
