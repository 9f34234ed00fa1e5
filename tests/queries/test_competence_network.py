"""The CONSTRUCT query competence-network: the graph of a competence, checked against the sources."""

from __future__ import annotations

from rdflib import RDF, RDFS, Namespace, URIRef

from bochum_kg.kg.catalog import bind_parameters, inline_bindings

BASE = "https://w3id.org/bochum-strategie/"
BS = Namespace(BASE + "ontology#")
SHOOTINGSTAR = BASE + "competence/shootingstar-der-wissensarbeit"


def network(catalogue, real_store, settings, **params):
    query = catalogue["competence-network"]
    return real_store.construct(inline_bindings(query.text, bind_parameters(query, params, settings)))


def test_shootingstar_network_holds_its_target_system_and_projects(catalogue, real_store, real_settings):
    graph = network(catalogue, real_store, real_settings, competence=SHOOTINGSTAR)
    # Seed page: five goal areas, 13 goals; projects filed under the competence on their pages
    # (Willkommen, um zu bleiben; MARK 51°7; Gigabit City, R2 §3.10) or related to its goal area
    # (MINT-Bildungscluster).
    assert len(set(graph.subjects(RDF.type, BS.GoalArea))) == 5
    assert len(set(graph.subjects(RDF.type, BS.Goal))) == 13
    assert set(graph.subjects(RDF.type, BS.CoreActivity)) == {
        URIRef(BASE + "project/" + slug) for slug in ("willkommen-um-zu-bleiben", "mark-51-7", "mint-bildungscluster", "gigabit-city-bochum")
    }
    assert set(graph.subjects(RDF.type, BS.Competence)) == {URIRef(SHOOTINGSTAR)}


def test_every_participation_keeps_actor_and_role_and_every_node_a_label(catalogue, real_store, real_settings):
    graph = network(catalogue, real_store, real_settings, competence=SHOOTINGSTAR)
    participations = set(graph.subjects(RDF.type, BS.Participation))
    assert participations
    for participation in participations:
        assert len(set(graph.objects(participation, BS.agent))) == 1
        assert set(graph.objects(participation, BS.role))
    for node in set(graph.subjects(RDF.type, None)):
        assert len(set(graph.objects(node, RDFS.label))) == 1, node
    # The lead of MARK 51°7 per its project page.
    lead = URIRef(BASE + "participation/mark-51-7--bochum-wirtschaftsentwicklung--lead")
    assert (lead, BS.agent, URIRef(BASE + "actor/bochum-wirtschaftsentwicklung")) in graph


def test_labels_follow_the_lang_parameter(catalogue, real_store, real_settings):
    graph = network(catalogue, real_store, real_settings, competence=SHOOTINGSTAR, lang="en")
    label = graph.value(URIRef(BASE + "goal-area/offene-innovationskultur"), RDFS.label)
    assert label.language == "en"
    german = network(catalogue, real_store, real_settings, competence=SHOOTINGSTAR)
    assert str(german.value(URIRef(BASE + "goal-area/offene-innovationskultur"), RDFS.label)) == "Offene Innovationskultur"


def test_every_role_is_named_in_the_asked_language(catalogue, real_store, real_settings):
    # The network view names a node by its label: a role without one showed as "role:partner".
    for lang, partner in (("de", "Partner"), ("en", "partner")):
        graph = network(catalogue, real_store, real_settings, competence=SHOOTINGSTAR, lang=lang)
        roles = set(graph.objects(None, BS.role))
        assert roles
        for role in roles:
            labels = list(graph.objects(role, RDFS.label))
            assert len(labels) == 1 and labels[0].language == lang, (role, labels)
        assert str(graph.value(URIRef(BASE + "role/partner"), RDFS.label)) == partner
