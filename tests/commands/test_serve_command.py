"""`bochum-kg serve` itself: validates before serving, granian, the flags, the exit codes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import requests
from rdflib import Graph, Namespace, URIRef

from sparql_fixtures import THREE_GRAPHS, free_port

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")


def bochum_kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "bochum_kg.cli", *args]


@pytest.fixture()
def serve_process():
    started = []

    def start(project, *flags):
        port = free_port()
        process = subprocess.Popen(bochum_kg("--project-root", str(project), "serve", "--port", str(port), *flags),
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        started.append(process)
        return process, f"http://127.0.0.1:{port}"

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        process.stdout.close()


def wait_ready(process, url: str) -> None:
    for _ in range(600):
        if process.poll() is not None:
            pytest.fail(f"serve exited with {process.returncode}: {process.stdout.read()}")
        try:
            if requests.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.05)
    pytest.fail("serve did not answer")


def test_serve_validates_then_serves_under_granian(serve_process):
    process, url = serve_process(THREE_GRAPHS, "--workers", "2", "--threads", "2", "--query-timeout", "7",
                                 "--base-url", "https://kg.example.org/", "--row-cap", "2",
                                 "--allow-service", "https://query.wikidata.org/sparql")
    wait_ready(process, url)
    assert requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5).json() == {"head": {}, "boolean": True}
    described = Graph().parse(data=requests.get(url + "/sparql", headers={"Accept": "text/turtle"}, timeout=5).text, format="turtle")
    assert set(described.objects(None, SD.endpoint)) == {URIRef("https://kg.example.org/sparql")}
    assert SD.BasicFederatedQuery in set(described.objects(None, SD.feature))
    capped = requests.get(url + "/sparql", params={"query": "SELECT * { ?s ?p ?o }"}, timeout=5)
    assert capped.headers["X-Result-Truncated"] == "true" and len(capped.json()["results"]["bindings"]) == 2
    assert capped.headers["Server"] == "granian"
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=15)
    assert "(2 workers x 2 threads)" in output
    assert output.count("Spawning worker") == 2


def test_serve_refuses_data_that_does_not_conform(three_graphs_copy):
    (three_graphs_copy / "data" / "delta.ttl").write_text("<http://example.org/delta> a <http://example.org/Document> .\n")
    result = subprocess.run(bochum_kg("--project-root", str(three_graphs_copy), "serve", "--port", str(free_port())),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "A document has a label." in result.stderr
    assert "not serving" in result.stderr


def test_serve_reports_a_broken_turtle_file_with_its_position(three_graphs_copy):
    (three_graphs_copy / "data" / "beta.ttl").write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;\n  ex:d .\n")
    result = subprocess.run(bochum_kg("--project-root", str(three_graphs_copy), "serve", "--port", str(free_port())),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert f"{three_graphs_copy / 'data' / 'beta.ttl'}:3:" in result.stderr


def test_serve_with_an_unreachable_store_exits_2():
    result = subprocess.run(bochum_kg("--project-root", str(THREE_GRAPHS), "serve", "--port", str(free_port()),
                                      "--store", f"http://127.0.0.1:{free_port()}/query"),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "cannot be reached" in result.stderr


def test_a_conforming_validation_is_not_repeated_for_the_same_files(three_graphs_copy, private_validation_cache, caplog,
                                                                     monkeypatch):
    import logging

    from bochum_kg.config import Settings
    from bochum_kg.kg.store import embedded
    from bochum_kg.kg.store.embedded import DataInvalidError, open_embedded_store

    calls = []
    real_validate = __import__("bochum_kg.kg.validate", fromlist=["validate"]).validate
    monkeypatch.setattr("bochum_kg.kg.validate.validate", lambda *a, **k: calls.append(1) or real_validate(*a, **k))
    settings = Settings(project_root=three_graphs_copy)
    caplog.set_level(logging.INFO, logger="bochum_kg.store")
    open_embedded_store(settings)
    open_embedded_store(settings)
    assert len(calls) == 1
    assert "not validating again" in caplog.text
    stamps = list((private_validation_cache / "bochum-kg").iterdir())
    assert len(stamps) == 1 and stamps[0].name.startswith("validated-")
    # any change to a file means a new validation; a failing one leaves no stamp
    (three_graphs_copy / "data" / "delta.ttl").write_text("<http://example.org/delta> a <http://example.org/Document> .\n")
    with pytest.raises(DataInvalidError):
        open_embedded_store(settings)
    with pytest.raises(DataInvalidError):
        open_embedded_store(settings)
    assert len(calls) == 3
    assert len(list((private_validation_cache / "bochum-kg").iterdir())) == 1
    monkeypatch.setenv("BOCHUM_KG_VALIDATION_CACHE", "off")
    assert embedded.validation_stamp(None, None, settings) is None


def test_a_second_server_on_a_taken_port_refuses_to_start(serve_process):
    # granian's socket allows SO_REUSEPORT: without serve's own check a second server would start
    # on the same port and take part of the connections.
    process, url = serve_process(THREE_GRAPHS, "--workers", "1", "--threads", "1")
    wait_ready(process, url)
    port = url.rsplit(":", 1)[1]
    second = subprocess.run(bochum_kg("--project-root", str(THREE_GRAPHS), "serve", "--port", port),
                            capture_output=True, text=True, timeout=60)
    assert second.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in second.stderr and "in use" in second.stderr
    assert requests.get(url + "/healthz", timeout=5).status_code == 200  # the first one is unharmed
