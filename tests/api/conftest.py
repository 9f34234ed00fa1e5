"""Apps for the API and view tests: the real checkout, and a small made-up graph with exact answers.

The fixture graph (tests/api/fixture_data/fixture.ttl) is loaded with the real ontology, the real
concept schemes and the real named queries, so every view can be checked row for row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bochum_kg.config import Settings
from bochum_kg.web.app import create_app
from fixture_graph import CHECKOUT, build_fixture_root


@pytest.fixture(scope="session")
def fixture_root(tmp_path_factory) -> Path:
    return build_fixture_root(tmp_path_factory.mktemp("fixture-root"))


@pytest.fixture(scope="session")
def fixture_app(fixture_root):
    app = create_app(Settings(project_root=fixture_root, validate_on_start=False))
    app.config["TESTING"] = True
    return app


@pytest.fixture()
def fixture_client(fixture_app):
    return fixture_app.test_client()


@pytest.fixture(scope="session")
def real_app():
    app = create_app(Settings(project_root=CHECKOUT, validate_on_start=False))
    app.config["TESTING"] = True
    return app


@pytest.fixture()
def real_client(real_app):
    return real_app.test_client()
