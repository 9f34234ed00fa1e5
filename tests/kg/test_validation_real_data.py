"""The checkout's own ontology and data against its shapes (fails until the data is fixed, by design)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.load import load_dataset, load_shapes
from bochum_kg.kg.validate import validate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def loaded():
    settings = Settings(project_root=ROOT)
    return load_dataset(settings), load_shapes(settings), settings


@pytest.fixture(scope="module")
def fast(loaded):
    """The report of the fast path (pySHACL over the pyoxigraph union store), for both tests."""
    dataset, shapes, settings = loaded
    return validate(dataset, shapes, settings, engine="oxigraph")


def test_the_ontology_and_data_conform(fast):
    assert fast.conforms, "\n" + fast.text()


def test_oxigraph_and_rdflib_give_the_same_report_on_the_real_data(loaded, fast):
    """The fast path against pySHACL over an rdflib Graph."""
    dataset, shapes, settings = loaded
    reference = validate(dataset, shapes, settings, engine="rdflib")
    assert Counter(r.key() for r in fast.results) == Counter(r.key() for r in reference.results)
    assert fast.conforms == reference.conforms
