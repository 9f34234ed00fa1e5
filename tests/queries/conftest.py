"""Fixtures for the named-query tests: the real checkout (competency questions, checks) and a
small fixture project (semantics of single queries, checks that must fire)."""

from __future__ import annotations

import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.load import load_dataset
from bochum_kg.kg.catalog import load_catalogue, load_checks
from bochum_kg.kg.store.embedded import EmbeddedStore

from named_query_helpers import CHECKOUT, HERE, iri, make_project


@pytest.fixture(scope="session")
def real_settings() -> Settings:
    return Settings(project_root=CHECKOUT, validate_on_start=False)


@pytest.fixture(scope="session")
def catalogue(real_settings):
    return load_catalogue(real_settings)


@pytest.fixture(scope="session")
def checks(real_settings):
    return load_checks(real_settings)


@pytest.fixture(scope="session")
def real_dataset(real_settings):
    return load_dataset(real_settings)


@pytest.fixture(scope="session")
def real_store(real_dataset, real_settings):
    """The embedded store adapter over the real data (no SHACL validation: that is not under test here)."""
    return EmbeddedStore(real_dataset, real_settings)


@pytest.fixture(scope="session")
def fixture_settings(tmp_path_factory) -> Settings:
    """A checkout whose data is tests/queries/fixtures/semantics.ttl (no real data files)."""
    text = (HERE / "fixtures" / "semantics.ttl").read_text(encoding="utf-8")
    return make_project(tmp_path_factory.mktemp("fixture-project"), {"fixture.ttl": text})


@pytest.fixture(scope="session")
def fixture_store(fixture_settings):
    return EmbeddedStore(load_dataset(fixture_settings), fixture_settings)


@pytest.fixture(scope="session")
def fixture_catalogue(fixture_settings):
    return load_catalogue(fixture_settings)


@pytest.fixture
def iri_of():
    return iri
