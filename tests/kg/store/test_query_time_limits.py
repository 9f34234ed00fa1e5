"""A client cannot make workers retire with a tiny timeout=, and a query that writes rows is stopped without one.

pyoxigraph 0.5.13 offers no way to interrupt `Store.query` (no cancellation token, no interrupt):
a query past its time limit that is still evaluating is only stopped by retiring its worker
(test_sparql_server_safety.py). So (1) timeout= has a floor (min_client_timeout): asking for
0.01 s on a query that takes half a second must not cost a worker; (2) a query that is writing
rows when its time is up stops at the next written block (the serializer calls our writer), and
its worker lives on: spooled (result limits on) the client gets the 503; streamed live (limits
off) the body ends early, an incomplete document.
"""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import pytest
import requests

from sparql_fixtures import THREE_GRAPHS, assert_error_shape, make_client

# ~3.7 million combinations counted: about half a second, with no row written meanwhile
HALF_SECOND = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l "
               "VALUES ?x { 1 2 3 4 5 6 7 8 } }")
# billions of rows, written as they come
ENDLESS_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o . ?p ?q ?r }"


def test_a_timeout_below_the_floor_is_raised_and_said_so():
    client = make_client()  # min_client_timeout 5 s, query_timeout 30 s
    response = client.get("/sparql?" + urlencode({"query": "ASK {}", "timeout": "0.001"}))
    assert response.status_code == 200
    assert response.headers["X-Timeout-Raised"] == "5"
    assert "timeout=0.001 raised to 5 s" in response.headers["Warning"]
    for allowed in ("5", "12.5"):
        assert "X-Timeout-Raised" not in client.get("/sparql?" + urlencode({"query": "ASK {}", "timeout": allowed})).headers


def test_the_floor_never_exceeds_the_servers_limit_and_can_be_turned_off():
    short = make_client(query_timeout=3.0)
    assert short.get("/sparql?" + urlencode({"query": "ASK {}", "timeout": "0.5"})).headers["X-Timeout-Raised"] == "3"
    off = make_client(min_client_timeout=0)
    assert "X-Timeout-Raised" not in off.get("/sparql?" + urlencode({"query": "ASK {}", "timeout": "0.001"})).headers


def test_the_raised_timeout_is_reported_on_errors_too():
    response = make_client().get("/sparql?" + urlencode({"query": "ASK {", "timeout": "0.001"}))
    assert_error_shape(response, 400)
    assert response.headers["X-Timeout-Raised"] == "5"


def wait_for_workers(server, count: int) -> set[int]:
    for _ in range(100):
        pids = server.worker_pids()
        if len(pids) == count:
            return pids
        time.sleep(0.1)
    pytest.fail(f"not {count} workers: {server.worker_pids()}\n{server.log()}")


def test_a_tiny_client_timeout_does_not_cost_a_worker(running_server):
    server = running_server({"project_root": str(THREE_GRAPHS), "response_cache_bytes": 0}, workers=1, threads=2)
    workers = wait_for_workers(server, 1)
    response = requests.get(server.url + "/sparql", params={"query": HALF_SECOND, "timeout": "0.01"}, timeout=60)
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"][0]["n"]["value"] == str(26 ** 4 * 8)
    assert response.headers["X-Timeout-Raised"] == "5"
    time.sleep(0.5)
    assert server.worker_pids() == workers, server.log()
    assert "overran its time limit" not in server.log()


@pytest.mark.parametrize("limits", [{"row_cap": None, "max_result_bytes": 2 * 1024 ** 3}, {"row_cap": None, "max_result_bytes": None}],
                         ids=["spooled", "live"])
def test_a_query_writing_rows_is_stopped_without_retiring_its_worker(running_server, limits):
    server = running_server({"project_root": str(THREE_GRAPHS), "query_timeout": 1.0, "min_client_timeout": 0,
                             "response_cache_bytes": 0, **limits}, workers=1, threads=2)
    workers = wait_for_workers(server, 1)
    started = time.monotonic()
    if limits["max_result_bytes"]:  # spooled: nothing sent yet, so the answer is the 503
        response = requests.get(server.url + "/sparql", params={"query": ENDLESS_ROWS}, headers={"Accept": "text/csv"}, timeout=60)
        assert response.status_code == 503 and response.json()["error"] == "Query Timeout", response.text[:300]
    else:  # live: rows were on their way; the body ends early (granian ends a chunked body normally
        # even when the app's iterator raises), so the JSON document is left incomplete
        response = requests.get(server.url + "/sparql", params={"query": ENDLESS_ROWS}, timeout=60)
        assert response.status_code == 200 and len(response.content) > 1024 * 1024
        with pytest.raises(ValueError):
            json.loads(response.content)
        assert "a streamed result was cut off" in server.log()
    assert time.monotonic() - started < 30
    time.sleep(0.5)
    assert server.worker_pids() == workers, server.log()
    assert "overran its time limit" not in server.log()
    assert requests.get(server.url + "/sparql", params={"query": "ASK {}"}, timeout=10).json()["boolean"] is True
