"""inline_bindings: a VALUES block in the right place, terms that cannot break out, and the same
rows as pre-binding for every named query and example."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from bochum_kg.kg.catalog import bind_parameters, inline_bindings, run_named_query
from bochum_kg.kg.terms import to_rdflib

from named_query_helpers import rows_as_tuples

EX = "http://example.org/"


@pytest.fixture(scope="module")
def tiny():
    store = ox.Store()
    for s, o in [("a", "x"), ("b", "y")]:
        store.add(ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), ox.NamedNode(EX + o)))
    return store


def select(store, text):
    return sorted(tuple(None if row[v] is None else str(to_rdflib(row[v])) for v in ("s", "o"))
                  for row in store.query(text))


BIND_A = {"s": URIRef(EX + "a")}


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o }",
        "select ?s ?o where { ?s <http://example.org/p> ?o }",
        "SELECT ?s ?o { ?s <http://example.org/p> ?o }",
        # braces inside a comment, strings of all four kinds and an IRI with '#'
        "PREFIX ex: <http://example.org/#frag>\n# { not a group }\nSELECT ?s ?o WHERE { ?s <http://example.org/p> ?o "
        "FILTER(?o != \"}\" && ?o != '{' && ?o != \"\"\"}\n{\"\"\" && ?o != '''}''') }",
        # a '<' that is an operator, not an IRI
        "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o FILTER(1<2) }",
        # a group in the projection (EXISTS) comes before the WHERE group
        "SELECT ?s ?o (EXISTS { ?s ?q ?r } AS ?e) WHERE { ?s <http://example.org/p> ?o }",
        # the WHERE group starts with a sub-select
        "SELECT ?s ?o WHERE { { SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } } }",
        "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?s LIMIT 10",
        # prefixed names with non-ASCII letters
        "PREFIX größe: <http://example.org/>\nSELECT ?s ?o WHERE { ?s größe:p ?o }",
    ],
)
def test_values_block_binds_like_a_pattern_restriction(tiny, query):
    text = inline_bindings(query, BIND_A)
    assert select(tiny, text) == [(EX + "a", EX + "x")]


def test_values_block_is_the_first_element_of_the_where_group():
    text = inline_bindings("SELECT * WHERE { ?s ?p ?o }", {"s": URIRef(EX + "a"), "n": Literal(3)})
    assert text == "SELECT * WHERE { VALUES (?s ?n) { (<http://example.org/a> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer>) }  ?s ?p ?o }"


def test_construct_template_is_skipped(tiny):
    text = inline_bindings("CONSTRUCT { ?s <http://example.org/q> ?o } WHERE { ?s <http://example.org/p> ?o }", BIND_A)
    assert text.index("VALUES") > text.index("WHERE")
    assert [str(t.subject.value) for t in tiny.query(text)] == [EX + "a"]


def test_construct_short_form_is_spelt_out(tiny):
    text = inline_bindings("CONSTRUCT WHERE { ?s <http://example.org/p> ?o }", BIND_A)
    assert [(t.subject.value, t.object.value) for t in tiny.query(text)] == [(EX + "a", EX + "x")]


def test_ask_and_describe(tiny):
    assert bool(tiny.query(inline_bindings("ASK { ?s <http://example.org/p> <http://example.org/x> }", BIND_A)))
    assert not bool(tiny.query(inline_bindings("ASK { ?s <http://example.org/p> <http://example.org/y> }", BIND_A)))
    described = tiny.query(inline_bindings("DESCRIBE ?s WHERE { ?s <http://example.org/p> ?o }", BIND_A))
    assert {t.subject.value for t in described} == {EX + "a"}
    # a default-prefix name spelt like a keyword is a name, not CONSTRUCT
    text = inline_bindings("PREFIX : <http://example.org/>\nDESCRIBE :construct ?s WHERE { ?s :p ?o }", BIND_A)
    assert {t.subject.value for t in tiny.query(text)} == {EX + "a"}


def test_no_bindings_leaves_the_text_alone():
    assert inline_bindings("DESCRIBE <http://example.org/a>", {}) == "DESCRIBE <http://example.org/a>"


@pytest.mark.parametrize(
    "query, bindings, message",
    [
        ("DESCRIBE <http://example.org/a>", BIND_A, "no WHERE group"),
        ("SELECT * WHERE { ?s ?p ?o }", {"s o": URIRef(EX + "a")}, "not a variable name"),
        ("SELECT * WHERE { ?s ?p ?o }", {"s": BNode("b0")}, "cannot inline a BNode"),
        ("SELECT * WHERE { ?s ?p ?o }", {"s": URIRef("http://example.org/> } UNION { <x")}, "not an absolute IRI"),
        ("SELECT * WHERE { ?s ?p \"unterminated }", BIND_A, "unterminated string"),
    ],
)
def test_refuses_what_it_cannot_inline_safely(query, bindings, message):
    with pytest.raises(ValueError, match=message):
        inline_bindings(query, bindings)


MALICIOUS = [
    'x" } UNION { ?s ?p ?o } #',
    "x' } UNION { ?s ?p ?o } #",
    '"""; DROP ALL; """',
    "'''",
    "back\\slash\\\" and \\u0022",
    "line\nbreak } UNION {\r\n?s ?p ?o",
    "} } } ) ) ) # { { {",
    "Großstadt <http://example.org/a> ?s",
    "tab\there and a trailing quote\"",
    "",
]


@pytest.mark.parametrize("value", MALICIOUS)
def test_a_malicious_string_is_bound_as_one_literal(tiny, value):
    text = inline_bindings("SELECT ?echo WHERE { BIND(STR(?text) AS ?echo) }", {"text": Literal(value)})
    rows = [row["echo"].value for row in tiny.query(text)]
    assert rows == [value]


@pytest.mark.parametrize("value", MALICIOUS[:3])
def test_a_malicious_search_text_finds_nothing_and_breaks_nothing(catalogue, real_store, real_settings, value):
    query = catalogue["search"]
    bindings = bind_parameters(query, {"text": value})
    assert run_named_query(real_store, query, {"text": value}, real_settings).rows == []
    assert real_store.select(inline_bindings(query.text, bindings)).rows == []


def _cases(catalogue):
    # SELECT queries only: pyoxigraph substitutes only projected variables, and a CONSTRUCT
    # projects none (test_competence_network checks the CONSTRUCT query's answers directly).
    for query in catalogue.values():
        if query.form != "SELECT":
            continue
        examples = [e.params for e in query.examples]
        if not any(p.required for p in query.parameters) and {} not in examples:
            examples.append({})
        for params in examples:
            yield query.name, params


def _case_ids(case):
    name, params = case
    return name + ("" if not params else "[" + ",".join(f"{k}={v.rsplit('/', 1)[-1]}" for k, v in params.items()) + "]")


def pytest_generate_tests(metafunc):
    if "example_case" in metafunc.fixturenames:
        from pathlib import Path

        from bochum_kg.config import Settings
        from bochum_kg.kg.catalog import load_catalogue

        catalogue = load_catalogue(Settings(project_root=Path(__file__).resolve().parents[2]))
        cases = list(_cases(catalogue))
        metafunc.parametrize("example_case", cases, ids=[_case_ids(c) for c in cases])


@pytest.mark.parametrize("which", ["real", "fixture"])
def test_substitution_and_inlining_give_identical_rows(request, example_case, which):
    """For every query and example, on the real data and on the fixture: the rows with the
    parameters pre-bound by the store (SEP-0007 substitution, for every parameter pyoxigraph
    allows it for: those in the projection) equal the rows of the fully inlined text and the
    rows of run_named_query."""
    name, params = example_case
    catalogue = request.getfixturevalue("catalogue" if which == "real" else "semantics_catalogue")
    store = request.getfixturevalue("real_store" if which == "real" else "semantics_store")
    settings = request.getfixturevalue("real_settings" if which == "real" else "semantics_settings")
    query = catalogue[name]
    bindings = bind_parameters(query, params)
    projected = {k: v for k, v in bindings.items() if k in query.variables}
    rest = {k: v for k, v in bindings.items() if k not in query.variables}
    substituted = store.select(inline_bindings(query.text, rest), projected)
    inlined = store.select(inline_bindings(query.text, bindings))
    through_api = run_named_query(store, query, params, settings)
    assert substituted.variables == inlined.variables == through_api.variables == list(query.variables)
    rows = [rows_as_tuples(r) for r in (substituted, inlined, through_api)]
    assert sorted(rows[0], key=repr) == sorted(rows[1], key=repr) == sorted(rows[2], key=repr)
    if which == "fixture":
        # On the fixture no two rows tie on the ORDER BY keys, so the order must agree too (on the
        # real data, ties – e.g. a resource with two values of a sort key – may come in any order).
        assert rows[0] == rows[1] == rows[2]


def test_run_named_query_sends_the_store_an_inlined_text_without_bindings(catalogue, real_settings):
    class Recorder:
        def select(self, sparql, bindings=None, timeout=None, max_rows=None, window=None):
            self.call = (sparql, bindings, timeout)
            from bochum_kg.kg.store.base import SelectResult

            return SelectResult(variables=[], rows=[])

    store = Recorder()
    query = catalogue["projects"]
    params = {"competence": "https://w3id.org/bochum-strategie/competence/hotspot-der-live-kultur"}
    run_named_query(store, query, params, real_settings)
    sparql, bindings, timeout = store.call
    assert sparql == inline_bindings(query.text, bind_parameters(query, params))
    assert not bindings and timeout == real_settings.query_timeout


@pytest.mark.parametrize(
    "name, params",
    [
        ("goals", {"competence": "https://w3id.org/bochum-strategie/competence/alpha"}),
        ("projects", {"competence": "https://w3id.org/bochum-strategie/competence/alpha"}),
        ("projects", {"status": "https://w3id.org/bochum-strategie/status/implemented"}),
        ("projects", {"competence": "https://w3id.org/bochum-strategie/competence/beta",
                      "status": "https://w3id.org/bochum-strategie/status/merged"}),
        ("project-goal-paths", {"project": "https://w3id.org/bochum-strategie/project/p2"}),
    ],
)
def test_store_substitution_filters_like_the_values_block(semantics_catalogue, semantics_store, name, params):
    """The projected parameters really reach the store as substitutions and filter there."""
    query = semantics_catalogue[name]
    bindings = bind_parameters(query, params)
    projected = {k: v for k, v in bindings.items() if k in query.variables}
    assert set(params) <= set(projected)
    rest = {k: v for k, v in bindings.items() if k not in query.variables}
    substituted = semantics_store.select(inline_bindings(query.text, rest), projected)
    inlined = semantics_store.select(inline_bindings(query.text, bindings))
    unfiltered = semantics_store.select(inline_bindings(query.text, rest))
    assert rows_as_tuples(substituted) == rows_as_tuples(inlined)
    assert 0 < len(substituted.rows) < len(unfiltered.rows)
