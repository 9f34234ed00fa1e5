"""The REST API keeps at most the server's row cap of rows in memory (issue 13: a request's memory
is bounded), says so with X-Row-Cap-Reached, and keeps exactly the first rows of the full answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from bochum_kg.config import Settings
from bochum_kg.web.app import create_app

CHECKOUT = Path(__file__).resolve().parents[3]
CAP = 5
NETWORK = "/api/competence-network?competence=https://w3id.org/bochum-strategie/competence/shootingstar-der-wissensarbeit"


@pytest.fixture(scope="module")
def capped_client():
    application = create_app(Settings(project_root=CHECKOUT, validate_on_start=False, row_cap=CAP))
    return application.test_client()


def test_a_select_beyond_the_cap_keeps_its_first_rows(client, capped_client):
    full = client.get("/api/projects?limit=1000")
    capped = capped_client.get("/api/projects?limit=1000")
    assert full.status_code == capped.status_code == 200
    assert int(full.headers["X-Total-Count"]) > CAP and "X-Row-Cap-Reached" not in full.headers
    assert capped.headers["X-Row-Cap-Reached"] == "true"
    assert capped.headers["X-Total-Count"] == str(CAP)
    assert capped.get_json() == full.get_json()[:CAP]


def test_a_select_within_the_cap_is_whole(capped_client, client):
    full = client.get("/api/competences")
    assert int(full.headers["X-Total-Count"]) <= CAP
    capped = capped_client.get("/api/competences")
    assert capped.get_json() == full.get_json() and "X-Row-Cap-Reached" not in capped.headers


def test_a_graph_beyond_the_cap_has_at_most_cap_triples(client, capped_client):
    headers = {"Accept": "application/n-triples"}
    whole = client.get(NETWORK, headers=headers)
    full = Graph().parse(data=whole.get_data(as_text=True), format="nt")
    response = capped_client.get(NETWORK, headers=headers)
    capped = Graph().parse(data=response.get_data(as_text=True), format="nt")
    assert len(full) > CAP and "X-Row-Cap-Reached" not in whole.headers
    assert len(capped) == CAP and set(capped) <= set(full)
    assert response.headers["X-Row-Cap-Reached"] == "true"
