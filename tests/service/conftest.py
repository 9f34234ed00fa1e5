"""The SPARQL service on a small made-up dataset with known answers (tests/service/fixture_project).

Graphs (base https://w3id.org/bochum-strategie/): `ontology`, `graph/alpha`, `graph/beta`,
`graph/gamma`; 26 triples in all. The dataset conforms to its own tiny shapes, so the real
`bochum-kg serve` (with validation) can run on it too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bochum_kg.web.app import create_app
from sparql_fixtures import FIXTURE_PROJECT, fixture_settings


@pytest.fixture(autouse=True)
def private_validation_cache(tmp_path, monkeypatch):
    """Validation stamps (stores/embedded.py) of this test only, also for the servers it starts."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def fixture_app():
    application = create_app(fixture_settings())
    application.config["TESTING"] = True
    return application


@pytest.fixture()
def sparql_client(fixture_app):
    return fixture_app.test_client()


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    """A writable copy of the fixture project (for tests that break it)."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, target)
    return target


@pytest.fixture(scope="module")
def fixture_server(module_server):
    """The fixture dataset under `bochum-kg serve`: 2 workers x 2 threads, queries stopped after 3 s."""
    return module_server({"project_root": str(FIXTURE_PROJECT), "query_timeout": 3.0}, workers=2, threads=2)
