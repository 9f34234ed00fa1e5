"""`bochum-kg serve` against clients that hold connections: idle sockets, slow bodies, a full queue, a worker over its memory.

Each test starts the real command on a free 127.0.0.1 port (serving_helpers.py).
"""

from __future__ import annotations

import socket
import threading
import time

import requests

from serving_helpers import (connections_per_process, error_reason, held_query, listening_sockets,  # noqa: F401 (fixtures)
                             serve_cli, silent_endpoint, wait_for_admission)


def test_fifty_idle_connections_lock_nobody_out(serve_cli):
    # granian's backpressure counts connections; set to the thread count it let 8 sockets that
    # never send a byte stop the whole server (answers after 150 s). Connections are not requests.
    served = serve_cli("--threads", "2", workers=2)
    idle = [socket.create_connection(("127.0.0.1", served.port)) for _ in range(50)]
    try:
        time.sleep(0.5)  # all accepted by now
        for path in ("/healthz", "/sparql?query=ASK%7B%7D", "/readyz"):
            started = time.monotonic()
            response = requests.get(served.url + path, timeout=5)
            assert response.status_code == 200, (path, response.text)
            assert time.monotonic() - started < 3.0, path  # the defect answered after 150 s; margin for a busy CI machine
    finally:
        for sock in idle:
            sock.close()


def test_an_idle_keep_alive_connection_is_closed_after_the_header_timeout(serve_cli):
    served = serve_cli("--header-timeout", "1")
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += sock.recv(4096)
        head, body = answer.split(b"\r\n\r\n", 1)
        length = int(next(line for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:")).split(b":")[1])
        while len(body) < length:
            body += sock.recv(4096)
        assert head.startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        assert sock.recv(4096) == b""  # closed by the server
        assert time.monotonic() - started < 5


def test_a_body_shorter_than_its_content_length_gets_a_408_within_seconds(serve_cli):
    served = serve_cli("--body-timeout", "1", "--threads", "1")
    with socket.create_connection(("127.0.0.1", served.port), timeout=15) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 100\r\n\r\nASK {}")
        started = time.monotonic()
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += sock.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408"), answer
        assert b"connection: close" in answer.lower()
        assert time.monotonic() - started < 4
        # meanwhile the worker answers everyone else, its one query thread included
        for _ in range(3):
            assert requests.post(served.url + "/sparql", data={"query": "ASK {}"}, timeout=5).json()["boolean"] is True
    # and after the slow client left, too
    assert requests.get(served.url + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200


def wait_until_ready(url: str, within: float = 30.0) -> None:
    """Until /readyz answers 200: a connection taken while a retiring worker leaves may be reset."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/readyz", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} not ready within {within} s")


def test_a_full_queue_is_told_503_with_retry_after_and_health_checks_still_answer(serve_cli, silent_endpoint):
    # The held query's time limit (4 s) outlasts the queued request's 2 s wait by more than a second.
    served = serve_cli("--threads", "1", "--queue", "1", "--queue-wait", "2", "--query-timeout", "4",
                       "--allow-service", silent_endpoint)
    outcomes: dict[str, requests.Response] = {}

    def send(name: str, query: str) -> None:
        outcomes[name] = requests.post(served.url + "/sparql", data={"query": query}, timeout=30)

    runaway = threading.Thread(target=send, args=("runaway", held_query(silent_endpoint)))
    runaway.start()
    wait_for_admission(served.url, in_flight=1, queued=0)  # the one slot is taken
    queued = threading.Thread(target=send, args=("queued", "ASK { ?s ?p 1 }"))
    queued.start()
    wait_for_admission(served.url, in_flight=1, queued=1)  # the one queue place is taken
    started = time.monotonic()
    full = requests.post(served.url + "/sparql", data={"query": "ASK { ?s ?p 2 }"}, timeout=10)
    assert full.status_code == 503 and time.monotonic() - started < 2  # at once, not after the 2 s queue wait
    assert full.headers["Retry-After"] == "2" and error_reason(full.content) == "queue_full"
    assert requests.get(served.url + "/healthz", timeout=5).status_code == 200  # answered while slot and queue are full
    not_ready = requests.get(served.url + "/readyz", timeout=5)
    assert not_ready.status_code == 503 and not_ready.json()["queued"] == 1 and not_ready.json()["in_flight"] == 1
    queued.join(timeout=10)
    waited = outcomes["queued"]  # waited its 2 s, then told so
    assert waited.status_code == 503 and waited.headers["Retry-After"] == "2" and error_reason(waited.content) == "queue_timeout"
    runaway.join(timeout=30)
    assert outcomes["runaway"].status_code == 503  # the query's own time limit
    wait_until_ready(served.url)  # the overrun retires the worker: its successor answers the rest
    metrics = requests.get(served.url + "/metrics", timeout=5).text
    assert 'bochum_kg_refused_total{reason="queue_full",status="503"} 1.0' in metrics
    assert 'bochum_kg_refused_total{reason="queue_timeout",status="503"} 1.0' in metrics


def test_a_worker_over_its_memory_ceiling_is_replaced_and_the_server_keeps_answering(serve_cli):
    # A ceiling of 1 MB: every worker is over it after its first request (a forked Python process
    # owns more than that), so each request retires its worker; the answers must not suffer.
    served = serve_cli("--max-worker-memory", "1")
    seen = served.worker_pids()
    for round_ in range(3):
        response = requests.get(served.url + "/sparql", params={"query": f"ASK {{ ?s ?p {round_} }}"},
                                headers={"Connection": "close"}, timeout=10)
        assert response.status_code == 200 and isinstance(response.json()["boolean"], bool)
        seen |= served.wait_for_workers(1, other_than=seen)
    assert served.process.poll() is None
    log = served.log()
    assert log.count("retires (memory:") >= 3, log
    metrics = requests.get(served.url + "/metrics", timeout=5).text
    assert 'bochum_kg_worker_retirements_total{reason="memory"}' in metrics
    restarts = next(line for line in metrics.splitlines() if line.startswith("bochum_kg_worker_restarts_total"))
    assert float(restarts.split()[1]) >= 3


def test_connections_opened_at_once_are_spread_over_the_workers(serve_cli):
    # With one listening socket shared by the workers, the first worker to wake accepted all of a
    # burst of connections and keep-alive kept them there: 8 benchmark connections on one worker,
    # half the throughput (bench/README.md). Each worker now has its own socket, and the kernel
    # spreads connections over them by address; 32 connections all on one worker would be 2**-31.
    served = serve_cli("--threads", "2", workers=2)
    workers = served.worker_pids()
    deadline = time.monotonic() + 30
    while listening_sockets(served.port) < 2 and time.monotonic() < deadline:  # a worker listens once it is up
        time.sleep(0.05)
    assert listening_sockets(served.port) == 2
    burst = [socket.create_connection(("127.0.0.1", served.port)) for _ in range(32)]
    try:
        for sock in burst:  # each connection answered once, so each has been accepted by a worker
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
        for sock in burst:
            sock.settimeout(10)
            assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        spread = connections_per_process(served.port, workers)
        assert sum(spread.values()) == 32, spread
        assert min(spread.values()) >= 4, spread  # fewer than 4 of 32: p = 2.6e-6 for an even spread
    finally:
        for sock in burst:
            sock.close()
