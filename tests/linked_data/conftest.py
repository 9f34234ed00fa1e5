"""Fixtures of the linked-data tests.

- `app` / `client` (tests/conftest.py): the real checkout; tests on it rely only on what the
  data must contain by docs/data-conventions.md and the ontology, or compare with the store.
- `fixture_app` / `fixture_client`: the real ontology with the small made-up dataset in
  fixture_project/data (one resource of each kind, 25 projects sharing a status, hostile literals).
- `other_base_app`: the same fixture served with another base IRI (http://example.org/kg/).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bochum_kg.config import Settings
from bochum_kg.web.app import create_app
from ld_helpers import OTHER_BASE

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parents[1]
FIXTURE_DATA = HERE / "fixture_project" / "data"


def _fixture_root(tmp: Path) -> Path:
    (tmp / "data").mkdir(parents=True)
    shutil.copytree(CHECKOUT / "ontology", tmp / "ontology", ignore=shutil.ignore_patterns("*.md"))
    for path in FIXTURE_DATA.glob("*.ttl"):
        shutil.copy(path, tmp / "data" / path.name)
    return tmp


@pytest.fixture(scope="session")
def fixture_root(tmp_path_factory) -> Path:
    return _fixture_root(tmp_path_factory.mktemp("linked-data-project"))


@pytest.fixture(scope="session")
def fixture_app(fixture_root):
    application = create_app(Settings(project_root=fixture_root, validate_on_start=False))
    application.config["TESTING"] = True
    return application


@pytest.fixture()
def fixture_client(fixture_app):
    return fixture_app.test_client()


@pytest.fixture(scope="session")
def other_base_app(fixture_root):
    application = create_app(Settings(project_root=fixture_root, base_iri=OTHER_BASE, validate_on_start=False))
    application.config["TESTING"] = True
    return application
