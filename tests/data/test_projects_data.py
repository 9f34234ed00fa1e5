"""Sanity checks on data/projects.ttl against what the sources state."""

from __future__ import annotations

import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.load import load_dataset

BASE = "https://w3id.org/bochum-strategie/"
PROJECTS_GRAPH = BASE + "graph/projects"
PREFIXES = """
PREFIX bs: <https://w3id.org/bochum-strategie/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def store():
    return load_dataset(Settings()).store


def select(store, query: str) -> list[dict[str, str]]:
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def project(slug: str) -> str:
    return BASE + "project/" + slug


def test_the_core_activities_are_the_28_of_the_fact_sheet_plus_two_project_pages_plus_round_2(store):
    # "Willkommen, um zu bleiben" has a project page under its competence like the 28 (SF §2.5);
    # MARK 51°7 has one too, and a strategy news item calls it a Kernaktivität. Round 2 (R2 §3)
    # adds eight project pages or items that call them a Kernaktivität, and Gigabit City (§3.10).
    rows = select(store, "SELECT ?p WHERE { ?p a bs:CoreActivity }")
    slugs = {r["p"].removeprefix(BASE + "project/") for r in rows}
    assert slugs == {
        "mein-bochum", "behoerdennummer-115", "bochumer-ehrenamtsagentur", "digitales-stadtportal",
        "ideenmanagement-mach-mit-sei-kreativ", "shift-innovationslabor", "baustellenmanagement-alles-aus-einer-hand",
        "rathauskids", "bochum-mitgestalten", "in-bochum-zu-hause-wohnungsbauoffensive", "stadtbaumkonzept",
        "markthalle-bochums-speisekammer", "pocket-parks", "gruene-oasen", "hin-und-weg-graffitikunst", "isek-innenstadt",
        "starke-freie-kultur", "kulturportal", "kulturraum-fuer-kreative-tapetenwechsel", "rathausclubbing",
        "mint-bildungscluster", "haus-des-wissens", "nachwuchskraeftesicherung-pflege", "familienzentren-an-grundschulen",
        "flexible-kita-im-stadtbezirk", "gute-erziehung", "werk-x", "bochum-fonds", "willkommen-um-zu-bleiben", "mark-51-7",
        "eventbuehne-lohrheidestadion", "1000-baenke-fuer-bochum", "schwimm-mit", "stadtraumpflege",
        "bovelo-leitprojekte-radverkehr", "raeume-fuer-spiel-bewegung-und-aufenthalt", "gute-schule-bochum",
        "bochums-gute-stuben", "gigabit-city-bochum",
    }


def test_the_markthalle_is_merged_into_the_haus_des_wissens(store):
    rows = select(store, """
        SELECT ?status ?into WHERE { <%s> bs:status ?status ; bs:mergedInto ?into }""" % project("markthalle-bochums-speisekammer"))
    assert rows == [{"status": BASE + "status/merged", "into": project("haus-des-wissens")}]


def test_implemented_projects_are_those_the_sources_mark_as_such(store):
    rows = select(store, "SELECT ?p WHERE { ?p a bs:CoreActivity ; bs:status <%sstatus/implemented> }" % BASE)
    assert {r["p"] for r in rows} == {project(s) for s in (
        "mein-bochum", "behoerdennummer-115", "bochumer-ehrenamtsagentur", "shift-innovationslabor", "bochum-mitgestalten",
        "in-bochum-zu-hause-wohnungsbauoffensive", "stadtbaumkonzept", "starke-freie-kultur",
        "nachwuchskraeftesicherung-pflege", "werk-x", "1000-baenke-fuer-bochum",
    )}


def test_projects_without_a_stated_competence_have_none(store):
    rows = select(store, "SELECT ?p WHERE { ?p a bs:CoreActivity FILTER NOT EXISTS { ?p bs:competence|bs:primaryCompetence ?c } }")
    assert {r["p"] for r in rows} == {project(s) for s in (
        "mein-bochum", "behoerdennummer-115", "bochumer-ehrenamtsagentur", "digitales-stadtportal", "bochum-mitgestalten",
        "gruene-oasen", "gute-erziehung", "werk-x", "schwimm-mit", "gute-schule-bochum", "bochums-gute-stuben",
    )}


def test_the_mint_cluster_serves_three_talentschmiede_areas_and_offene_innovationskultur(store):
    rows = select(store, "SELECT ?a WHERE { <%s> bs:servesGoalArea ?a }" % project("mint-bildungscluster"))
    assert {r["a"].removeprefix(BASE + "goal-area/") for r in rows} == {
        "hervorragende-schulische-bildung", "inspirierende-ausserschulische-lernorte-und-anlaesse",
        "erstklassige-berufliche-und-akademische-bildung", "offene-innovationskultur",
    }


def test_first_tranche_members_are_those_bochum_wirtschaft_names(store):
    rows = select(store, "SELECT ?p WHERE { ?p bs:tranche <%stranche/erste-25-kernaktivitaeten> }" % BASE)
    assert {r["p"] for r in rows} == {project(s) for s in (
        "behoerdennummer-115", "in-bochum-zu-hause-wohnungsbauoffensive", "werk-x")}


def test_second_tranche_members_are_the_five_the_uwg_report_names(store):
    # R2 §6.1: the report on the session of 27 September 2018 names five of the 25.
    rows = select(store, "SELECT ?p WHERE { ?p bs:tranche <%stranche/zweite-25-kernaktivitaeten> }" % BASE)
    assert {r["p"] for r in rows} == {project(s) for s in (
        "1000-baenke-fuer-bochum", "eventbuehne-lohrheidestadion", "rathausclubbing",
        "nachwuchskraeftesicherung-pflege", "schwimm-mit")}


def test_every_participation_has_one_project_one_agent_and_one_role(store):
    rows = select(store, """
        SELECT ?x (COUNT(DISTINCT ?p) AS ?np) (COUNT(DISTINCT ?a) AS ?na) (COUNT(DISTINCT ?r) AS ?nr) WHERE {
          GRAPH <%s> { ?x a bs:Participation }
          OPTIONAL { ?p bs:participation ?x } OPTIONAL { ?x bs:agent ?a } OPTIONAL { ?x bs:role ?r }
        } GROUP BY ?x""" % PROJECTS_GRAPH)
    assert rows, "no participations found"
    assert [r["x"] for r in rows if (r["np"], r["na"], r["nr"]) != ("1", "1", "1")] == []


def test_every_project_has_a_lead_unless_the_sources_name_none(store):
    rows = select(store, """
        SELECT ?p WHERE {
          ?p a bs:CoreActivity .
          FILTER NOT EXISTS { ?p bs:participation/bs:role <%srole/lead> }
        }""" % BASE)
    assert {r["p"] for r in rows} == {project("digitales-stadtportal"), project("gruene-oasen")}


def test_every_subject_has_type_german_label_and_source(store):
    rows = select(store, """
        SELECT DISTINCT ?s WHERE {
          GRAPH <%s> { ?s ?p ?o }
          FILTER (NOT EXISTS { ?s a ?type }
               || NOT EXISTS { ?s rdfs:label ?l FILTER(lang(?l) = "de") }
               || NOT EXISTS { ?s dcterms:source ?src })
        }""" % PROJECTS_GRAPH)
    assert [r["s"] for r in rows] == []


def test_project_dates_use_only_the_three_allowed_precisions(store):
    rows = select(store, """
        SELECT ?p ?d WHERE {
          GRAPH <%s> { ?p bs:startDate|bs:endDate|bs:referenceDate ?d }
          FILTER (datatype(?d) NOT IN (xsd:date, xsd:gYearMonth, xsd:gYear))
        }""" % PROJECTS_GRAPH)
    assert rows == []
