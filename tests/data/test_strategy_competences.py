"""Sanity checks on data/strategy.ttl and data/competences.ttl against what the sources state."""

from __future__ import annotations

import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.load import load_dataset

BASE = "https://w3id.org/bochum-strategie/"
PREFIXES = """
PREFIX bs: <https://w3id.org/bochum-strategie/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
OWN_GRAPHS = ("strategy", "competences")


@pytest.fixture(scope="module")
def store():
    return load_dataset(Settings()).store


def select(store, query: str) -> list[dict[str, str]]:
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def test_competences_have_the_official_slugs_and_overview_order(store):
    rows = select(store, "SELECT ?c ?order WHERE { ?c a bs:Competence ; bs:order ?order }")
    assert {(r["c"], int(r["order"])) for r in rows} == {
        (BASE + "competence/vorreiterin-modernen-stadtmanagements", 1),
        (BASE + "competence/grossstadt-mit-lebensgefuehl", 2),
        (BASE + "competence/hotspot-der-live-kultur", 3),
        (BASE + "competence/talentschmiede-im-ruhrgebiet", 4),
        (BASE + "competence/shootingstar-der-wissensarbeit", 5),
    }


def test_shootingstar_goal_areas_hold_the_goals_of_the_seed_page(store):
    rows = select(store, """
        SELECT ?area (COUNT(?goal) AS ?n) WHERE {
          ?a bs:inCompetence <%scompetence/shootingstar-der-wissensarbeit> ; rdfs:label ?area .
          FILTER(lang(?area) = "de")
          ?goal a bs:Goal ; bs:inGoalArea ?a .
        } GROUP BY ?area""" % BASE)
    assert {(r["area"], int(r["n"])) for r in rows} == {
        ("Offene Innovationskultur", 3),
        ("Prägnante Innovationsschwerpunkte", 2),
        ("Exzellente Forschung", 2),
        ("Stabiler lokaler Arbeitsmarkt", 3),
        ("Zukunftssichere und resiliente Infrastruktur", 3),
    }


def test_goal_orders_run_from_one_without_gaps_in_every_area(store):
    rows = select(store, "SELECT ?a ?order WHERE { ?g a bs:Goal ; bs:inGoalArea ?a ; bs:order ?order }")
    orders: dict[str, list[int]] = {}
    for r in rows:
        orders.setdefault(r["a"], []).append(int(r["order"]))
    assert orders, "no goals found"
    for area, found in orders.items():
        assert sorted(found) == list(range(1, len(found) + 1)), area


def test_formula_terms_are_labelled_as_in_the_leitplanken(store):
    rows = select(store, """
        SELECT ?label ?order WHERE {
          ?t a bs:FormulaTerm ; bs:order ?order ; rdfs:label ?label . FILTER(lang(?label) = "de")
        }""")
    assert {(r["label"], int(r["order"])) for r in rows} == {("Wissen", 1), ("Wandel", 2), ("Wir-Gefühl", 3)}


@pytest.mark.parametrize("graph", OWN_GRAPHS)
def test_every_subject_has_type_german_label_and_source(store, graph):
    rows = select(store, """
        SELECT DISTINCT ?s WHERE {
          GRAPH <%sgraph/%s> { ?s ?p ?o }
          FILTER (NOT EXISTS { ?s a ?type }
               || NOT EXISTS { ?s rdfs:label ?l FILTER(lang(?l) = "de") }
               || NOT EXISTS { ?s dcterms:source ?src })
        }""" % (BASE, graph))
    assert [r["s"] for r in rows] == []


def test_target_system_elements_have_english_labels(store):
    rows = select(store, """
        SELECT ?s WHERE {
          VALUES ?class { bs:Competence bs:GoalArea bs:Goal bs:StrategicAim bs:FormulaTerm }
          ?s a ?class .
          FILTER NOT EXISTS { ?s rdfs:label ?l FILTER(lang(?l) = "en") }
        }""")
    assert [r["s"] for r in rows] == []


def test_event_dates_use_only_the_three_allowed_precisions(store):
    rows = select(store, """
        SELECT ?e ?d WHERE {
          ?e bs:date ?d .
          FILTER (datatype(?d) NOT IN (xsd:date, xsd:gYearMonth, xsd:gYear))
        }""")
    assert rows == []
