"""Limits per client address: concurrency (429), the overrun budget shared by all workers (429),
trusted networks; the admission middleware's rules on a small app; the budget's table."""

from __future__ import annotations

import os
import threading
import time

import pytest
import requests
from urllib.parse import quote

from bochum_kg.web.http.admission import Admission
from bochum_kg.web.http.limits import ServingLimits
from bochum_kg.web.http.overrun_budget import OverrunBudget
from serving_helpers import (RUNAWAY, error_reason, get_from, held_query, serve_cli,  # noqa: F401 (fixtures)
                             silent_endpoint, wait_for_admission)

ASK = "/sparql?query=" + quote("ASK { ?s ?p ?o }")


def _held_in_background(served, outcome: dict, endpoint: str) -> threading.Thread:
    """A query from 127.0.0.1 that holds its thread until its time limit (serving_helpers.held_query),
    running once this returns."""
    thread = threading.Thread(target=lambda: outcome.setdefault(
        "response", requests.post(served.url + "/sparql", data={"query": held_query(endpoint)}, timeout=60)))
    thread.start()
    wait_for_admission(served.url, in_flight=1, queued=0)
    return thread


def test_one_address_gets_429_beyond_its_concurrency_and_others_do_not(serve_cli, silent_endpoint):
    served = serve_cli("--client-concurrency", "1", "--threads", "2", "--query-timeout", "2.5",
                       "--allow-service", silent_endpoint)
    outcome: dict = {}
    runaway = _held_in_background(served, outcome, silent_endpoint)  # 127.0.0.1 holds its one request
    status, headers, body = get_from("127.0.0.1", served, ASK)
    assert status == 429 and headers["retry-after"] == "1" and error_reason(body) == "client_concurrency"
    status, _, body = get_from("127.0.0.2", served, ASK)  # another address: answered by the second thread
    assert status == 200, body
    assert get_from("127.0.0.1", served, "/healthz")[0] == 200  # health checks are not counted
    runaway.join(timeout=30)
    assert outcome["response"].status_code == 503
    assert get_from("127.0.0.1", served, ASK)[0] == 200  # its request is answered: the count is back to 0


def test_a_trusted_network_is_not_limited_per_client(serve_cli, silent_endpoint):
    served = serve_cli("--client-concurrency", "1", "--threads", "2", "--query-timeout", "2.5",
                       "--trusted-network", "127.0.0.0/30", "--allow-service", silent_endpoint)
    outcome: dict = {}
    runaway = _held_in_background(served, outcome, silent_endpoint)
    assert get_from("127.0.0.1", served, ASK)[0] == 200
    runaway.join(timeout=30)


def test_an_address_over_its_overrun_budget_gets_429_even_from_a_fresh_worker(serve_cli):
    # Each runaway query retires the worker that ran it; the count must survive that.
    served = serve_cli("--overrun-budget", "2", "--overrun-window", "60", "--query-timeout", "1", "--threads", "2")
    seen = served.worker_pids()
    for round_ in range(2):
        response = requests.post(served.url + "/sparql", data={"query": RUNAWAY + f" # {round_}"}, timeout=30)
        assert response.status_code == 503 and response.json()["error"] == "Query Timeout"
        seen |= served.wait_for_workers(1, other_than=seen)
    status, headers, body = get_from("127.0.0.1", served, ASK)
    assert status == 429 and error_reason(body) == "overrun_budget"
    assert 55 <= int(headers["retry-after"]) <= 60
    assert get_from("127.0.0.1", served, "/healthz")[0] == 200  # not a heavy request
    assert get_from("127.0.0.2", served, ASK)[0] == 200        # another address is not punished
    metrics = requests.get(served.url + "/metrics", timeout=5).text
    assert 'bochum_kg_refused_total{reason="overrun_budget",status="429"} 1.0' in metrics
    assert 'bochum_kg_worker_retirements_total{reason="runaway"} 2.0' in metrics


# --- the middleware on a small app ------------------------------------------------------------------

def _app(status="200 OK", hold: threading.Event | None = None):
    def app(environ, start_response):
        if hold is not None:
            hold.wait(5)
        start_response(status, [("Content-Type", "text/plain")])
        return [b"ok"]
    return app


def _call(app, path="/sparql", address="192.0.2.1", method="GET", body=b""):
    import io

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "REMOTE_ADDR": address, "wsgi.input": io.BytesIO(body),
               "CONTENT_LENGTH": str(len(body)) if body else ""}
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    result = app(environ, start_response)
    data = b"".join(result)
    getattr(result, "close", lambda: None)()
    return int(seen["status"][:3]), seen["headers"], data


def test_admission_counts_an_overrun_for_each_503_of_the_app_and_then_refuses():
    limits = ServingLimits(overrun_budget=2, overrun_window=30, body_timeout=0, max_worker_memory_mb=0)
    budget = OverrunBudget(limits.overrun_budget, limits.overrun_window)
    timing_out = Admission(_app("503 Service Unavailable"), limits, budget)
    assert [_call(timing_out)[0] for _ in range(2)] == [503, 503]
    answering = Admission(_app(), limits, budget)  # another worker, same shared budget
    status, headers, body = _call(answering)
    assert status == 429 and error_reason(body) == "overrun_budget" and int(headers["Retry-After"]) >= 29
    assert _call(answering, path="/healthz")[0] == 200
    assert _call(answering, address="192.0.2.2")[0] == 200
    trusting = Admission(_app(), limits.with_changes(trusted_networks=("192.0.2.0/24",)), budget)
    assert _call(trusting)[0] == 200


def test_admission_queue_and_client_limits_release_what_they_hold():
    hold = threading.Event()
    admission = Admission(_app(hold=hold), ServingLimits(query_slots=1, queue=1, queue_wait=5, client_concurrency=2,
                                                         body_timeout=0, max_worker_memory_mb=0))
    results = []
    threads = [threading.Thread(target=lambda a=a: results.append(_call(admission, address=a)[0]))
               for a in ("192.0.2.1", "192.0.2.2")]
    for thread in threads:
        thread.start()
        time.sleep(0.1)
    assert (admission.running, admission.waiting) == (1, 1) and admission.saturated()
    assert _call(admission, address="192.0.2.3")[0] == 503  # queue full
    hold.set()
    for thread in threads:
        thread.join(5)
    assert sorted(results) == [200, 200]
    assert (admission.running, admission.waiting, dict(admission._clients)) == (0, 0, {})


@pytest.mark.parametrize("chunks", [[b"ok"], [b"o", b"k"], []], ids=["one chunk", "two chunks", "empty"])
def test_a_client_holding_its_whole_answer_may_send_the_next_request(chunks):
    # A WSGI server writes each chunk it takes from the answer and calls close() after the last:
    # a client can have read the whole answer before close() runs. The client's count and the
    # query slot are released before the last chunk is handed over, so its next request is
    # admitted, not told 429 (test_one_address_gets_429_beyond_its_concurrency_and_others_do_not
    # met this race now and then at close()).
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return iter(chunks)

    admission = Admission(app, ServingLimits(query_slots=1, queue=0, client_concurrency=1, body_timeout=0,
                                             max_worker_memory_mb=0))
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/sparql", "REMOTE_ADDR": "192.0.2.1"}
    answer = admission(environ, lambda status, headers, exc_info=None: None)
    handed = list(answer)  # every chunk the server writes, close() not called yet
    assert handed == chunks
    assert (admission.running, dict(admission._clients)) == (0, {})
    assert _call(admission)[0] == 200  # the same address again, while the first answer is still open
    answer.close()
    assert (admission.running, dict(admission._clients)) == (0, {})  # released once, not twice


def test_an_answer_closed_before_its_end_releases_what_it_held():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return iter([b"a", b"b", b"c"])

    admission = Admission(app, ServingLimits(query_slots=1, queue=0, client_concurrency=1, body_timeout=0,
                                             max_worker_memory_mb=0))
    answer = admission({"REQUEST_METHOD": "GET", "PATH_INFO": "/sparql", "REMOTE_ADDR": "192.0.2.1"},
                       lambda status, headers, exc_info=None: None)
    assert next(iter(answer)) == b"a"  # the client went away after the first chunk
    assert (admission.running, dict(admission._clients)) == (1, {"192.0.2.1": 1})
    answer.close()
    assert (admission.running, dict(admission._clients)) == (0, {})


def test_admission_turns_a_short_body_into_400_and_keeps_a_complete_one():
    admission = Admission(lambda environ, start_response: (start_response("200 OK", []), [environ["wsgi.input"].read()])[1],
                          ServingLimits(body_timeout=2, max_worker_memory_mb=0))
    assert _call(admission, method="POST", body=b"query=ASK%7B%7D") == (200, {}, b"query=ASK%7B%7D")
    import io

    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/sparql", "REMOTE_ADDR": "192.0.2.1",
               "wsgi.input": io.BytesIO(b"short"), "CONTENT_LENGTH": "100"}
    seen = {}
    b"".join(admission(environ, lambda status, headers, exc_info=None: seen.setdefault("status", status)))
    assert seen["status"].startswith("400")


def test_an_upload_route_takes_its_larger_body_and_keeps_the_body_deadline():
    import io

    from bochum_kg.web.http import metrics

    seen = {}

    def app(environ, start_response):
        seen["buffered"] = environ.get("wsgi.input_terminated", False)
        start_response("200 OK", [])
        return [b""]

    admission = Admission(app, ServingLimits(body_timeout=0.5, max_body_bytes=1000), body_limits={"/curate": 5000})

    def environ(rule: str, source) -> dict:  # metrics.ROUTE is the URL rule RequestMetrics (outermost) found
        return {"REQUEST_METHOD": "POST", "PATH_INFO": rule, "REMOTE_ADDR": "192.0.2.1", "wsgi.input": source,
                "CONTENT_LENGTH": "3000", metrics.ROUTE: rule}

    def status(env) -> str:
        answer = {}
        b"".join(admission(env, lambda status, headers, exc_info=None: answer.setdefault("status", status)))
        return answer["status"]

    assert status(environ("/curate", io.BytesIO(b"x" * 3000))).startswith("200") and seen["buffered"] is True
    assert status(environ("/sparql", io.BytesIO(b"x" * 3000))).startswith("200") and seen["buffered"] is False  # left to Flask's 413

    class Stalled:  # a client that announces 3000 bytes and sends none for a second
        def read(self, size=-1):
            time.sleep(1)
            return b""

    started = time.monotonic()
    assert status(environ("/curate", Stalled())).startswith("408")
    assert time.monotonic() - started < 3


# --- the budget's table --------------------------------------------------------------------------------

def test_the_budget_window_forgets_old_overruns():
    budget = OverrunBudget(limit=2, window=10)
    assert budget.record("a", now=100) is False
    assert budget.record("a", now=111) is False  # the first one is out of the window
    assert budget.refused_for("a", now=112) == 0
    assert budget.record("a", now=115) is True
    assert budget.refused_for("a", now=116) == 9 and budget.refused_for("a", now=125.5) == 0


def test_the_budget_is_shared_with_forked_workers_and_never_grows():
    budget = OverrunBudget(limit=1, window=60, slots=16)
    pid = os.fork()
    if pid == 0:  # a worker records; the parent must see it
        budget.record("198.51.100.7", now=1000)
        os._exit(0)
    os.waitpid(pid, 0)
    assert budget.refused_for("198.51.100.7", now=1001) == 59
    for n in range(200):  # far more addresses than slots: old entries are reused, nothing fails
        budget.record(f"203.0.113.{n}", now=2000 + n)
    assert len(budget._table) == 16 * 32


def test_limits_reject_a_malformed_network():
    with pytest.raises(ValueError):
        ServingLimits(trusted_networks=("10.0.0.0/33",))


class _TrickleInput:
    """A wsgi.input whose body never arrives until `release` is set (a client that stopped sending)."""

    def __init__(self, release: threading.Event):
        self.release = release

    def read(self, size=-1):
        self.release.wait(10)
        return b""


def test_uploads_awaited_at_once_are_bounded_and_the_408s_hold_their_place_until_the_client_leaves():
    import io

    release = threading.Event()
    admission = Admission(_app(), ServingLimits(uploads=1, body_timeout=0.2, client_concurrency=0, max_worker_memory_mb=0))

    def post(body_input, length="100"):
        environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/sparql", "REMOTE_ADDR": "192.0.2.1",
                   "wsgi.input": body_input, "CONTENT_LENGTH": length}
        seen = {}
        result = admission(environ, lambda status, headers, exc_info=None: seen.update(status=status, headers=dict(headers)))
        return seen, result

    seen, lingering = post(_TrickleInput(release))
    assert seen["status"].startswith("408") and seen["headers"]["Connection"] == "close"
    assert admission.uploading == 1  # its client has not left: the reader still waits
    refused, body = post(io.BytesIO(b"x" * 100))
    assert refused["status"].startswith("503") and error_reason(b"".join(body)) == "uploads_full"
    assert _call(admission)[0] == 200  # requests without a body are not affected
    release.set()  # the slow client leaves
    assert b"".join(lingering)  # the 408's body; its iteration ends with the reader
    assert admission.uploading == 0
    answered, body = post(io.BytesIO(b"x" * 100))
    assert answered["status"].startswith("200")
