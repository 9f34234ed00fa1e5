"""Against the running server (`bochum-kg serve`'s granian): a runaway query is really stopped, nothing opens a connection.

A cross product of the whole dataset with itself seven times (26^7 ≈ 8·10^9 rows) runs far past
the server's 3 s limit. While it runs, an ASK is answered; then the runaway request gets a 503
with the JSON error, the worker that evaluated it exits (its CPU work ends with it) and the
master replaces it.
"""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests

from serving_helpers import RUNAWAY, held_query, silent_endpoint  # noqa: F401 (silent_endpoint is a fixture)
from sparql_fixtures import EX, THREE_GRAPHS, make_client

TICKS = 100  # os.sysconf("SC_CLK_TCK") on Linux


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def cpu_use(pids, seconds: float) -> dict[int, float]:
    before = {pid: cpu_seconds(pid) for pid in pids}
    time.sleep(seconds)
    return {pid: cpu_seconds(pid) - before[pid] for pid in pids if Path(f"/proc/{pid}").exists()}


def assert_json_error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status and body["error"] and body["message"]
    return body


def test_runaway_query_is_stopped_while_an_ask_is_answered(three_graphs_server):
    endpoint = three_graphs_server.url + "/sparql"
    workers = three_graphs_server.worker_pids()
    assert len(workers) == 2
    outcome = {}
    runaway = threading.Thread(target=lambda: outcome.setdefault("response", requests.post(endpoint, data={"query": RUNAWAY}, timeout=60)))
    runaway.start()
    time.sleep(0.5)
    busy = cpu_use(workers, 0.5)  # one worker is evaluating the cross product

    ask = requests.get(endpoint, params={"query": f"ASK {{ <{EX}alpha-doc> ?p ?o }}"}, timeout=10)
    assert ask.status_code == 200 and ask.json()["boolean"] is True
    assert runaway.is_alive(), "the ASK was answered while the runaway query was still running"

    runaway.join(timeout=30)
    body = assert_json_error(outcome["response"], 503)
    assert body["error"] == "Query Timeout" and body["timeout"] == 3.0

    # the worker that ran it exits and is replaced, the other one stays; then nothing burns CPU
    for _ in range(100):
        current = three_graphs_server.worker_pids()
        if len(workers - current) == 1 and len(current) == 2:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"no worker replaced: {workers} -> {three_graphs_server.worker_pids()}\n{three_graphs_server.log()}")
    (runner,) = workers - current
    assert busy[runner] > 0 and busy[runner] == max(busy.values()), busy  # the replaced one was the busy one
    idle = cpu_use([three_graphs_server.pid, *current], 1.0)
    assert sum(idle.values()) < 0.3, idle
    # and the server still answers, from both workers' point of view
    for _ in range(4):
        assert requests.get(endpoint, params={"query": "ASK {}"}, timeout=10).json()["boolean"] is True



def test_a_worker_retired_twice_in_a_row_is_replaced_each_time(running_server):
    # One worker, so both runaways hit the same worker slot within seconds: granian would take
    # that for a crash loop and stop the whole server, unless serve tells retirements apart.
    server = running_server({"project_root": str(THREE_GRAPHS), "query_timeout": 1.0}, workers=1, threads=2)
    endpoint = server.url + "/sparql"
    seen = set(server.worker_pids())
    for round_ in range(2):
        body = assert_json_error(requests.post(endpoint, data={"query": RUNAWAY + f" # {round_}"}, timeout=30), 503)
        assert body["error"] == "Query Timeout"
        deadline = time.monotonic() + 20
        while True:
            current = server.worker_pids()
            if len(current) == 1 and not current & seen:
                break
            if time.monotonic() > deadline:
                pytest.fail(f"worker not replaced in round {round_}: {seen} -> {current}\n{server.log()}")
            time.sleep(0.05)
        seen |= current
    assert server.process.poll() is None, server.log()
    assert requests.get(endpoint, params={"query": "ASK {}"}, timeout=10).json()["boolean"] is True


def test_a_busy_worker_makes_no_request_wait_for_the_runaway(running_server, silent_endpoint):
    # Two workers of one thread each. While one is held by a query (serving_helpers.held_query:
    # waiting on an endpoint that never answers, until its time limit), a request that lands on
    # it waits at most --queue-wait for its thread and is then told 503 with Retry-After (the
    # worker keeps accepting connections: idle ones must never lock clients out, see
    # test_serving_connections.py); the other worker answers the rest. None waits for the runaway.
    #
    # Which worker accepts a new connection is the kernel's choice, by a hash of its addresses, not
    # by load (README, "How connections reach the workers"); with the one socket shared before, all
    # of 8 connections once went to the busy worker. So connections are tried for 4 s, until the
    # idle worker has answered one (usually the first or second); each takes at most --queue-wait
    # (0.25 s, so at least 16 tries: all on the busy worker would be 2**-16), and all end within the
    # runaway's time limit (6 s).
    server = running_server({"project_root": str(THREE_GRAPHS), "query_timeout": 6.0,
                             "allowed_service_endpoints": [silent_endpoint]}, workers=2, threads=1, limits={"queue_wait": 0.25})
    endpoint = server.url + "/sparql"
    outcome = {}
    held = held_query(silent_endpoint)
    runaway = threading.Thread(target=lambda: outcome.setdefault("response", requests.post(endpoint, data={"query": held}, timeout=90)))
    runaway.start()
    time.sleep(0.5)
    answered = []
    trying_until = time.monotonic() + 4
    for n in itertools.count():  # each on a new connection
        if time.monotonic() > trying_until:
            break
        started = time.monotonic()
        ask = requests.get(endpoint, params={"query": f"ASK {{ ?s ?p {n} }}"}, headers={"Connection": "close"}, timeout=30)
        assert time.monotonic() - started < 3, "an ASK waited for the runaway query"
        if ask.status_code == 503:
            assert ask.headers["Retry-After"] == "1" and assert_json_error(ask, 503)["reason"] == "queue_timeout"
        else:
            assert ask.status_code == 200
            answered.append(n)
            break
    assert answered, "the idle worker answered none"
    assert runaway.is_alive(), "the runaway query ended before the ASKs"
    runaway.join(timeout=60)
    assert_json_error(outcome["response"], 503)


@pytest.fixture()
def listener():
    """A TCP port that records whether anything connects to it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(1.0)
    yield sock
    sock.close()


def test_no_query_makes_the_server_connect(three_graphs_server, listener):
    port = listener.getsockname()[1]
    target = f"http://127.0.0.1:{port}"
    endpoint = three_graphs_server.url + "/sparql"
    attempts = [
        {"query": f"SELECT * WHERE {{ SERVICE <{target}/sparql> {{ ?s ?p ?o }} }}"},
        {"query": f"SELECT * WHERE {{ SERVICE SILENT <{target}/sparql> {{ ?s ?p ?o }} }}"},
        {"query": f"PREFIX remote: <{target}/> SELECT * WHERE {{ SERVICE remote:sparql {{ ?s ?p ?o }} }}"},
        {"query": "SELECT * WHERE { BIND(<%s/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }" % target},
        {"query": f"SELECT * FROM <{target}/data.ttl> WHERE {{ ?s ?p ?o }}"},
        {"query": f"SELECT * FROM NAMED <{target}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
        {"query": "ASK { ?s ?p ?o }", "default-graph-uri": f"{target}/data.ttl"},
        {"query": "ASK { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": f"{target}/data.ttl"},
    ]
    for params in attempts:
        body = assert_json_error(requests.post(endpoint, data=params, timeout=10), 400)
        assert body["error"] == "Query Refused"
    update = requests.post(endpoint, data=f"LOAD <{target}/data.ttl>", headers={"Content-Type": "application/sparql-update"}, timeout=10)
    assert_json_error(update, 403)
    load_as_query = requests.post(endpoint, data={"query": f"LOAD <{target}/data.ttl>"}, timeout=10)
    assert_json_error(load_as_query, 400)
    with pytest.raises(socket.timeout):
        connection, _ = listener.accept()
        connection.close()


class FakeEndpoint(BaseHTTPRequestHandler):
    requests_seen: list[str] = []

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        FakeEndpoint.requests_seen.append(self.command)
        body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri", "value": "http://remote.example/1"}}]}})
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


def test_allow_listed_service_is_called_and_others_are_not(listener):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeEndpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        allowed = f"http://127.0.0.1:{server.server_port}/sparql"
        client = make_client(allowed_service_endpoints=(allowed,))
        FakeEndpoint.requests_seen.clear()
        response = client.get("/sparql?" + urlencode({"query": f"SELECT ?x WHERE {{ SERVICE <{allowed}> {{ ?x ?p ?o }} }}"}))
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.get_json()["results"]["bindings"] == [{"x": {"type": "uri", "value": "http://remote.example/1"}}]
        assert len(FakeEndpoint.requests_seen) == 1
        other = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        refused = client.get("/sparql?" + urlencode({"query": f"SELECT ?x WHERE {{ SERVICE <{other}> {{ ?x ?p ?o }} }}"}))
        assert refused.status_code == 400 and "only calls" in refused.get_json()["message"]
        with pytest.raises(socket.timeout):
            listener.accept()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
