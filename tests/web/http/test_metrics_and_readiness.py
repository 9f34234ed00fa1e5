"""/readyz (readiness: loaded, not retiring, not saturated) next to /healthz (liveness), and /metrics."""

from __future__ import annotations

import pytest

from bochum_kg.web.app import create_app
from bochum_kg.web.http import retirement
from bochum_kg.web.http.limits import ServingLimits
from bochum_kg.web.http.serving import ADMISSION, protect
from sparql_fixtures import three_graphs_settings


@pytest.fixture()
def protected():
    app = create_app(three_graphs_settings())
    app.config["TESTING"] = True
    return protect(app, ServingLimits(query_slots=1, queue=1, trusted_networks=("198.51.100.0/24",),
                                     max_worker_memory_mb=0))  # the test process is no worker to retire


def test_readyz_is_ready_when_loaded_and_idle(protected):
    response = protected.test_client().get("/readyz")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["status"] == "ready" and body["graphs"] == 4 and body["in_flight"] == 0


def test_readyz_is_not_ready_when_saturated_or_retiring(protected, monkeypatch):
    admission = protected.extensions[ADMISSION]
    monkeypatch.setattr(admission, "running", 1)
    monkeypatch.setattr(admission, "waiting", 1)
    client = protected.test_client()
    busy = client.get("/readyz")
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "1"
    assert busy.get_json()["reasons"] == ["every query slot is taken and the queue is full"]
    assert client.get("/healthz").status_code == 200  # alive all the same
    monkeypatch.setattr(admission, "waiting", 0)
    retirement.set_handler(None)
    try:
        retirement.retire("memory", "test")
        leaving = client.get("/readyz")
        assert leaving.status_code == 503 and "being replaced (memory)" in leaving.get_json()["reasons"][0]
    finally:
        retirement.set_handler(None)  # a fresh, not retiring state for the other tests


def test_metrics_count_requests_by_route_and_status(protected):
    client = protected.test_client()
    client.get("/sparql?query=ASK%7B%7D").close()  # closing the answer gives its query slot back
    client.get("/nothing/here").close()
    text = client.get("/metrics").get_data(as_text=True)
    assert 'bochum_kg_requests_total{method="GET",route="/sparql",status="200"}' in text
    assert 'route="unmatched"' in text or 'route="/<path:path>"' in text
    assert "bochum_kg_query_duration_seconds_bucket" in text and "bochum_kg_queue_length" in text


def test_metrics_are_for_the_machine_itself_and_trusted_networks(protected):
    client = protected.test_client()
    assert client.get("/metrics", environ_overrides={"REMOTE_ADDR": "127.0.0.1"}).status_code == 200
    assert client.get("/metrics", environ_overrides={"REMOTE_ADDR": "198.51.100.9"}).status_code == 200
    refused = client.get("/metrics", environ_overrides={"REMOTE_ADDR": "203.0.113.5"})
    assert refused.status_code == 403 and refused.get_json()["status"] == 403


def test_a_metrics_file_left_empty_by_a_crashed_worker_does_not_break_the_scrape(tmp_path, monkeypatch):
    # A worker that segfaults while creating its metrics file leaves it empty; prometheus_client's
    # own collector fails on that file, so every later scrape would be a 500.
    import os
    import subprocess
    import sys

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    (tmp_path / "counter_99999.db").write_bytes(b"")
    script = ("import os; from prometheus_client import Counter; Counter('bochum_kg_probe', 'p').inc(3)")
    subprocess.run([sys.executable, "-c", script], check=True, env={**os.environ})  # a worker that counted
    from bochum_kg.web.http import metrics as metrics_module

    from prometheus_client import CollectorRegistry, generate_latest

    registry = CollectorRegistry()
    registry.register(metrics_module._surviving_files_collector())
    assert "bochum_kg_probe_total 3.0" in generate_latest(registry).decode()
