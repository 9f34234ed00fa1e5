"""Query texts nested too deep or too long for pyoxigraph are refused before it parses them.

pyoxigraph 0.5.13 recurses while parsing and evaluating; a text past its stack kills the whole
process with SIGSEGV (the thresholds: test_query_guard_threshold.py). Every path that hands a
text to an engine checks it first: the endpoint, the stores' select/ask/construct, the catalogue.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests

from bochum_kg.kg import sparql_text
from bochum_kg.kg.catalog import CatalogueError, parse_named_query
from bochum_kg.kg.sparql_text import MAX_NESTING, MAX_TOKENS, check_size
from bochum_kg.kg.store.base import QueryTooComplex
from bochum_kg.kg.store.remote import RemoteStore
from sparql_fixtures import THREE_GRAPHS, assert_error_shape, three_graphs_settings


def nested(depth: int) -> str:
    return "SELECT * WHERE " + "{" * depth + "}" * depth


#: Past pyoxigraph's crash threshold even on a query thread's 64 MiB stack (~17,400 braces;
#: ~74,000 `!` in a row): without the guard these kill the worker that evaluates them. Only ever
#: sent to a server in a subprocess.
CRASHING_NESTED = nested(25_000)
CRASHING_FLAT = "ASK { FILTER(" + "!" * 90_000 + "true) }"
#: Over the guard's limits but far below the crash thresholds: safe to evaluate in this process
#: if the guard ever let them through (the test then fails instead of the test run dying).
OVER_NESTED = nested(1_000)
OVER_FLAT = "ASK { FILTER(" + "!" * 12_000 + "true) }"


def test_depth_limit_is_exact():
    check_size(nested(MAX_NESTING))
    with pytest.raises(QueryTooComplex) as refused:
        check_size(nested(MAX_NESTING + 1))
    assert refused.value.limit == MAX_NESTING
    assert (refused.value.line, refused.value.column) == (1, len("SELECT * WHERE ") + MAX_NESTING + 1)


def test_all_three_kinds_of_brackets_count_together():
    def chain(braces: int, brackets: int, parentheses: int) -> str:  # groups, blank nodes, collections
        return ("SELECT * WHERE " + "{" * braces + " ?s <http://p> " + "[ <http://p> " * brackets + "(" * parentheses
                + " 1 " + ")" * parentheses + " ]" * brackets + " }" * braces)

    third = MAX_NESTING // 3
    check_size(chain(third, third, MAX_NESTING - 2 * third))
    with pytest.raises(QueryTooComplex):
        check_size(chain(third, third, MAX_NESTING - 2 * third + 1))


def test_token_limit_is_exact():
    values = "SELECT * WHERE { VALUES ?x { " + " ".join(["12345"] * (MAX_TOKENS - 9)) + " } }"
    assert len(sparql_text.tokens(values)) == MAX_TOKENS
    check_size(values)
    with pytest.raises(QueryTooComplex) as refused:
        check_size(values.replace("{ 12345", "{ 12345 1"))
    assert refused.value.limit == MAX_TOKENS


def test_strings_comments_and_iris_hide_nothing_and_cost_nothing():
    deep = "(" * 1000 + "{" * 1000
    text = (f"# {deep}\nSELECT * WHERE {{ ?s ?p '''{deep}''' . ?s ?p \"{deep}\" . "
            f"?s ?p <http://example.org/Foo_(bar)> }}")
    check_size(text)
    # what this lexer reads as an IRI may be a comparison to the engine: its openings count
    with pytest.raises(QueryTooComplex):
        check_size("ASK { FILTER(?a<" + "(" * MAX_NESTING + "1" + ")" * MAX_NESTING + ">?b) }")
    # and closings inside such a token never lower the count
    hidden = "ASK {" + " ?s ?p <)> ." * 300 + " FILTER(" + "(" * MAX_NESTING + "1" + ")" * MAX_NESTING + ") }"
    with pytest.raises(QueryTooComplex):
        check_size(hidden)


def test_position_is_line_and_column():
    text = "PREFIX ex: <http://example.org/>\n\nSELECT * WHERE {\n  " + "{" * MAX_NESTING + "}" * MAX_NESTING + "\n}"
    with pytest.raises(QueryTooComplex) as refused:
        check_size(text)
    assert (refused.value.line, refused.value.column) == (4, 3 + MAX_NESTING - 1)
    assert "line 4, column" in str(refused.value) and str(MAX_NESTING) in str(refused.value)


@pytest.mark.parametrize("query", [OVER_NESTED, OVER_FLAT], ids=["nested", "flat"])
def test_endpoint_answers_400_naming_limit_and_position(three_graphs_client, query):
    response = three_graphs_client.post("/sparql", data=query, content_type="application/sparql-query")
    body = assert_error_shape(response, 400)
    assert body["error"] == "Query Too Complex"
    assert body["limit"] in (MAX_NESTING, MAX_TOKENS) and body["line"] == 1 and body["column"] > 1
    assert str(body["limit"]) in body["message"].replace(",", "")


def test_store_methods_refuse_too(three_graphs_app):
    store = three_graphs_app.extensions["bochum_kg"].store
    for method in (store.select, store.ask, store.construct):
        with pytest.raises(QueryTooComplex):
            method(OVER_NESTED)
    # a text that only grows too long by the bindings inlined into it is checked as bound
    from rdflib import Literal
    edge = "SELECT ?x WHERE { VALUES ?z { " + " ".join(["1"] * (MAX_TOKENS - 9)) + " } }"
    assert len(sparql_text.tokens(edge)) == MAX_TOKENS
    assert len(store.select(edge).rows) == MAX_TOKENS - 9
    with pytest.raises(QueryTooComplex):
        store.select(edge, bindings={"x": Literal(1)})


def test_remote_store_refuses_before_sending(monkeypatch):
    remote = RemoteStore.__new__(RemoteStore)
    remote.url, remote.settings, remote._graphs, remote._statistics = "http://127.0.0.1:9/none", three_graphs_settings(), [], None
    monkeypatch.setattr(RemoteStore, "_fetch", lambda *a, **k: pytest.fail("sent to the endpoint"))
    with pytest.raises(QueryTooComplex):
        remote.select(OVER_FLAT)


def test_catalogue_refuses_a_too_deep_named_query():
    text = "#+ summary: deep\n" + nested(MAX_NESTING + 1) + "\n"
    with pytest.raises(CatalogueError) as refused:
        parse_named_query(Path("deep.rq"), text)
    assert "deeper than" in str(refused.value)


def test_server_survives_queries_that_would_kill_it(running_server):
    server = running_server({"project_root": str(THREE_GRAPHS)}, workers=1, threads=2)
    workers = server.worker_pids()
    endpoint = server.url + "/sparql"
    for query in (CRASHING_NESTED, CRASHING_FLAT):
        response = requests.post(endpoint, data=query.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=30)
        assert response.status_code == 400 and response.json()["error"] == "Query Too Complex", response.text[:300]
    assert requests.get(endpoint + "?" + urlencode({"query": "ASK {}"}), timeout=10).json()["boolean"] is True
    assert server.worker_pids() == workers, server.log()
    assert "Segmentation" not in server.log() and "SIGSEGV" not in server.log()
