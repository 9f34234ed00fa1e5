"""Checks on data/actors.ttl and data/sites.ttl against what the fact sheets state."""

from __future__ import annotations

import re

import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.load import load_dataset

BASE = "https://w3id.org/bochum-strategie/"
ACTOR = BASE + "actor/"
SITE = BASE + "site/"
PREFIXES = """
PREFIX bs: <https://w3id.org/bochum-strategie/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
OWN_GRAPHS = (BASE + "graph/actors", BASE + "graph/sites")
OWN_GRAPH_FILTER = "FILTER(?g IN (<%s>, <%s>))" % OWN_GRAPHS


@pytest.fixture(scope="module")
def store():
    return load_dataset(Settings()).store


def select(store, query: str) -> list[dict[str, str]]:
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def column(rows: list[dict[str, str]], name: str) -> set[str]:
    return {r[name] for r in rows}


def test_exactly_the_seven_hochschulen_of_the_fact_sheet(store):
    rows = select(store, "SELECT ?h WHERE { ?h a bs:HigherEducationInstitution }")
    assert column(rows, "h") == {ACTOR + slug for slug in (
        "ruhr-universitaet-bochum", "hochschule-bochum", "technische-hochschule-georg-agricola",
        "evangelische-hochschule-rwl", "hochschule-fuer-gesundheit", "folkwang-uni-bochum",
        "ebz-business-school",
    )}


def test_univercity_has_the_twelve_partners_the_source_counts(store):
    members = column(select(store, "SELECT ?m WHERE { ?m bs:memberOf <%sunivercity-bochum> }" % ACTOR), "m")
    assert members == {ACTOR + slug for slug in (
        "ruhr-universitaet-bochum", "hochschule-bochum", "technische-hochschule-georg-agricola",
        "evangelische-hochschule-rwl", "hochschule-fuer-gesundheit", "folkwang-uni-bochum",
        "ebz-business-school", "stadt-bochum", "bochum-marketing", "ihk-mittleres-ruhrgebiet",
        "akademisches-foerderungswerk", "deutsches-bergbau-museum",
    )}
    value = select(store, """SELECT ?v WHERE { <%sunivercity-bochum> bs:figure ?f .
        ?f bs:measure <%smeasure/partners> ; bs:value ?v }""" % (ACTOR, BASE))
    assert [int(r["v"]) for r in value] == [len(members)]


def test_development_poles_are_mark_51_7_and_the_gesundheitscampus(store):
    rows = select(store, "SELECT ?s WHERE { ?s a bs:DevelopmentPole }")
    assert column(rows, "s") == {SITE + "mark-51-7", SITE + "gesundheitscampus"}


def test_site_hierarchy(store):
    rows = select(store, "SELECT ?part ?whole WHERE { ?part bs:withinSite ?whole }")
    pairs = {(r["part"].removeprefix(SITE), r["whole"].removeprefix(SITE)) for r in rows}
    assert {
        ("o-werk", "mark-51-7"),
        ("gesundheitscampus-nrw", "gesundheitscampus"),
        ("gesundheitscampus-bochum", "gesundheitscampus"),
        ("telekom-block-haus-des-wissens", "innenstadt-gleisdreieck"),
    } <= pairs
    cycles = select(store, "SELECT ?s WHERE { ?s bs:withinSite+ ?s }")
    assert cycles == []


def located_at(store, site_slug: str) -> set[str]:
    rows = select(store, "SELECT DISTINCT ?a WHERE { ?a bs:locatedAt/bs:withinSite* <%s%s> }" % (SITE, site_slug))
    return {r["a"].removeprefix(ACTOR) for r in rows}


def test_every_tenant_the_sheet_lists_for_mark_51_7_is_located_there(store):
    assert {
        "dhl", "babymarkt-de", "worldfactory", "harpen-goldbeck", "zess", "ruhr-universitaet-bochum",
        "dekra", "escrypt", "wabtec-faiveley", "viactiv", "volkswagen-infotainment", "mpi-sp",
        "ruhr-universitaet-bochum-fakultaet-fuer-informatik",
    } <= located_at(store, "mark-51-7")
    assert {"babymarkt-de", "worldfactory"} <= located_at(store, "o-werk")


def test_every_tenant_the_sheet_lists_for_the_gesundheitscampus_is_located_there(store):
    assert {
        "hochschule-fuer-gesundheit", "landeszentrum-gesundheit-nrw", "aesculap-akademie",
        "compugroup-medical", "visus-health-it", "think-about-it", "kairos-gmbh",
        "gb-implantat-technologie", "gbtec-software-ag", "strategiezentrum-gesundheit-nrw",
        "landesinstitut-fuer-gesundheit-und-arbeit", "krebsregister-nrw",
    } <= located_at(store, "gesundheitscampus")


def test_ruhr_university_institutes_belong_to_it(store):
    rows = select(store, "SELECT ?i WHERE { ?i bs:subOrganisationOf <%sruhr-universitaet-bochum> }" % ACTOR)
    assert {ACTOR + s for s in ("horst-goertz-institut", "casa-exzellenzcluster", "worldfactory", "zess")} <= column(rows, "i")


def test_city_units_and_offices_hang_under_the_city(store):
    rows = select(store, """SELECT ?u WHERE { ?u a bs:CityUnit
        FILTER NOT EXISTS { ?u bs:subOrganisationOf+ <%sstadt-bochum> } }""" % ACTOR)
    assert rows == []
    rows = select(store, """SELECT ?o WHERE { ?o a bs:PublicOffice
        FILTER NOT EXISTS { ?o bs:postIn/bs:subOrganisationOf* <%sstadt-bochum> } }""" % ACTOR)
    assert rows == []


def test_every_actor_and_site_iri_used_anywhere_is_defined(store):
    rows = select(store, """SELECT DISTINCT ?x WHERE {
        { ?s ?p ?x } UNION { ?x ?p ?o }
        FILTER(isIRI(?x) && (STRSTARTS(STR(?x), "%s") || STRSTARTS(STR(?x), "%s")))
        FILTER NOT EXISTS { ?x a ?class } }""" % (ACTOR, SITE))
    assert rows == []


def test_own_resources_have_german_label_source_and_own_descriptions(store):
    rows = select(store, """SELECT ?s WHERE { GRAPH ?g { ?s a ?c } %s
        FILTER NOT EXISTS { ?s rdfs:label ?l FILTER(lang(?l) = "de") }
        }""" % OWN_GRAPH_FILTER)
    assert rows == []
    rows = select(store, "SELECT ?s WHERE { GRAPH ?g { ?s a ?c } %s FILTER NOT EXISTS { ?s dcterms:source ?x } }" % OWN_GRAPH_FILTER)
    assert rows == []
    rows = select(store, """SELECT ?s WHERE { GRAPH ?g { ?s a ?c } %s
        FILTER(?c != bs:Figure)
        FILTER NOT EXISTS { ?s dcterms:description ?de FILTER(lang(?de) = "de") }
        }""" % OWN_GRAPH_FILTER)
    assert rows == []


def test_figures_are_well_formed(store):
    rows = select(store, """SELECT ?f WHERE { GRAPH ?g { ?f a bs:Figure } %s
        FILTER NOT EXISTS { ?f bs:measure ?m ; bs:value ?v ; rdfs:label ?l }
        }""" % OWN_GRAPH_FILTER)
    assert rows == []
    rows = select(store, """SELECT ?f WHERE { GRAPH ?g { ?f a bs:Figure } %s
        FILTER NOT EXISTS { ?subject bs:figure ?f } }""" % OWN_GRAPH_FILTER)
    assert rows == []
    rows = select(store, """SELECT ?f WHERE { GRAPH ?g { ?f bs:measure <%smeasure/area> } %s
        FILTER NOT EXISTS { ?f bs:unit ?u FILTER(?u IN ("m²", "ha", "km²")) } }""" % (BASE, OWN_GRAPH_FILTER))
    assert rows == []


def test_conflicting_area_values_of_mark_51_7_stand_side_by_side(store):
    rows = select(store, """SELECT ?v ?u WHERE { <%smark-51-7> bs:figure ?f .
        ?f bs:measure <%smeasure/area> ; bs:value ?v ; bs:unit ?u }""" % (SITE, BASE))
    assert {(float(r["v"]), r["u"]) for r in rows} >= {(70.0, "ha"), (68.0, "ha"), (69.9, "ha"), (20.0, "ha")}


def test_dates_are_typed_as_precisely_as_the_source(store):
    rows = select(store, """SELECT ?s ?d WHERE { GRAPH ?g { ?s bs:foundingDate|bs:referenceDate ?d } %s
        FILTER(datatype(?d) NOT IN (xsd:date, xsd:gYearMonth, xsd:gYear)) }""" % OWN_GRAPH_FILTER)
    assert rows == []


# Staff named in the fact sheets; none of them may appear in our graphs (offices only).
PERSON_NAMES = (
    "Eiskirch", "Tata", "Kopietz", "Kücük", "Heyer", "Enno Fuchs", "Ralf Meyer", "Beeck",
    "Schiefelbein", "Kuchajda", "Schlotzhauer", "Borchert", "van der Lely", "Peuling", "Hakenesch",
    "Schwabe", "Paar", "Bracke", "Holz", "Kiltz", "Meschke", "Bröring", "Seelbach", "Hüttemeister",
    "Bradtke", "Freis", "Leistner", "Gaffron", "Vieting", "Anger", "Scholz",
)


def test_no_names_of_individual_staff(store):
    rows = select(store, "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } %s FILTER(isLiteral(?o)) }" % OWN_GRAPH_FILTER)
    pattern = re.compile(r"\b(%s)\b" % "|".join(re.escape(n) for n in PERSON_NAMES))
    assert [r["o"] for r in rows if pattern.search(r["o"])] == []


def test_no_wikidata_ids(store):
    rows = select(store, """SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } %s
        FILTER(CONTAINS(STR(?o), "wikidata.org")) }""" % OWN_GRAPH_FILTER)
    assert rows == []
