"""Constants and helpers of the SPARQL service tests (the fixture dataset's graphs and answers)."""

from __future__ import annotations

import socket
from pathlib import Path

from bochum_kg.config import CANONICAL_BASE, Settings
from bochum_kg.web.app import create_app
from fixture_data import THREE_GRAPHS  # noqa: F401 (the service tests import it from here)

CHECKOUT = Path(__file__).resolve().parents[1]
EX = "http://example.org/"
ONTOLOGY_GRAPH = CANONICAL_BASE + "ontology"
ALPHA = CANONICAL_BASE + "graph/alpha"
BETA = CANONICAL_BASE + "graph/beta"
GAMMA = CANONICAL_BASE + "graph/gamma"
GRAPHS = [ONTOLOGY_GRAPH, ALPHA, BETA, GAMMA]
TRIPLES = {ONTOLOGY_GRAPH: 7, ALPHA: 5, BETA: 6, GAMMA: 8}
TOTAL_TRIPLES = 26


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def three_graphs_settings(**changes) -> Settings:
    return Settings(project_root=THREE_GRAPHS, validate_on_start=False, **changes)


def make_client(**changes):
    application = create_app(three_graphs_settings(**changes))
    application.config["TESTING"] = True
    return application.test_client()


def assert_error_shape(response, status: int) -> dict:
    """Every error: the status, and the JSON body {"status", "error", "message"} with the same status."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:500])
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["message"], str) and body["message"]
    return body
