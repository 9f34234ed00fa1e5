"""The data-quality checks (queries/checks/*-violation.rq): zero rows on the real data, and each
one fires on data broken on purpose (fixtures/broken.ttl, fixtures/broken-ontology.ttl)."""

from __future__ import annotations

import shutil

import pytest

from bochum_kg.kg.load import load_dataset
from bochum_kg.kg.catalog import load_checks
from bochum_kg.kg.store.embedded import EmbeddedStore

from named_query_helpers import BASE, HERE, make_project, rows_as_tuples


def short(value):
    return value.replace(BASE, "") if isinstance(value, str) else value


def _check_names():
    return sorted(p.stem for p in (HERE.parents[1] / "queries" / "checks").glob("*.rq"))


@pytest.mark.parametrize("name", _check_names())
def test_check_finds_no_violation_in_the_real_data(checks, real_store, name):
    result = real_store.select(checks[name].text)
    offending = [tuple(short(v) for v in row) for row in rows_as_tuples(result)]
    assert offending == [], f"{name}: {len(offending)} violation(s), e.g. {offending[:10]}"


# What each check must report on the broken fixture, reasoned from the comments in broken.ttl.
EXPECTED = {
    "date-datatype-violation": [("event/text-date", "ontology#date", "18.05.2017")],
    "english-label-missing-violation": [("goal/lonely", "ontology#Goal")],
    "figure-violation": [
        ("figure/bad--x", "no measure of the measure scheme"),
        ("figure/bad--x", "no xsd:integer or xsd:decimal value"),
        ("figure/orphan", "no subject points to it"),
    ],
    "iri-outside-base-violation": [("http://example.org/foreign", "graph/broken"), ("actor/Bad_Slug", "graph/broken")],
    "merged-project-violation": [("project/twice", "status merged without bs:mergedInto")],
    "multiple-labels-per-language-violation": [("actor/twice", "de")],
    "ontology-term-defined-by-violation": [("ontology#BrokenClass",)],
    "ontology-term-definition-violation": [("ontology#BrokenClass", "de"), ("ontology#BrokenClass", "en")],
    "ontology-term-label-violation": [("ontology#BrokenClass", "en")],
    "participation-violation": [
        ("participation/bad--ok--lead", "no agent"),
        ("participation/bad--ok--lead", "role outside the scheme"),
        ("participation/orphan", "not the participation of any project"),
        ("participation/untyped", "not typed bs:Participation"),
    ],
    "project-competence-violation": [
        ("project/bad", "competence/ok", "more than one primary competence"),
        ("project/bad", "goal-area/ok", "more than one primary competence"),
        ("project/bad", "goal-area/ok", "not a bs:Competence"),
    ],
    "project-status-outside-scheme-violation": [
        ("project/bad", "status/unknown", "status outside the scheme"),
        ("project/twice", "status/implemented", "more than one status"),
        ("project/twice", "status/merged", "more than one status"),
    ],
    "resource-class-violation": [
        ("actor/classless", "graph/broken"),
        ("participation/untyped", "graph/broken"),
        ("project/typo", "graph/broken"),
    ],
    "resource-without-german-label-violation": [("project/typo", "graph/broken")],
    "resource-without-source-violation": [("project/typo", "graph/broken")],
    "target-system-violation": [
        ("goal-area/adrift", "goal area or aim outside a competence"),
        ("goal-area/ok", "bs:servesGoal object is not a goal"),
        ("goal/lonely", "goal outside a goal area"),
    ],
    "undefined-ontology-term-violation": [("ontology#Projekt", "class"), ("ontology#primaryCompetance", "property")],
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = tmp_path_factory.mktemp("broken-project")
    settings = make_project(root, {"broken.ttl": (HERE / "fixtures" / "broken.ttl").read_text(encoding="utf-8")})
    shutil.copy(HERE / "fixtures" / "broken-ontology.ttl", root / "ontology" / "broken-terms.ttl")
    return load_checks(settings), EmbeddedStore(load_dataset(settings), settings)


def test_every_check_has_a_broken_case():
    assert sorted(EXPECTED) == _check_names()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_reports_exactly_the_planted_violations(broken, name):
    checks, store = broken
    result = store.select(checks[name].text)
    assert sorted(tuple(short(v) for v in row) for row in rows_as_tuples(result)) == sorted(EXPECTED[name])
