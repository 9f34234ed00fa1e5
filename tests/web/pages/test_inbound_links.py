"""A resource page's inbound links as the page reads them: from the store's quads (kg/describe.inbound),
ordered by the names' places made at start (KnowledgeGraph.name_ranks), and its children by the
children-tree query; each the same as the general way it replaces."""

from __future__ import annotations

import pytest
from rdflib import BNode, URIRef

from bochum_kg.kg import describe
from bochum_kg.web.app import create_app
from bochum_kg.web.pages.values import sort_key, sort_keys
from fixture_data import make_project
from ld_helpers import resources

TWICE = """
@prefix bs: <https://w3id.org/bochum-strategie/ontology#> .
<https://w3id.org/bochum-strategie/project/part> a bs:Project ; bs:partOfProject <https://w3id.org/bochum-strategie/project/whole> .
[] bs:partOfProject <https://w3id.org/bochum-strategie/project/whole> .
<https://w3id.org/bochum-strategie/project/whole> a bs:Project .
"""


def test_inbound_links_from_the_quads_are_those_of_the_query(app):
    graph = app.extensions["bochum_kg"]
    for iri in resources(app):
        assert sorted(describe.inbound(graph, iri)) == sorted(describe.links(graph, iri)[1]), iri


def test_a_link_stated_in_two_graphs_is_one_link(tmp_path):
    settings = make_project(tmp_path, {"one.ttl": TWICE, "two.ttl": TWICE})
    graph = create_app(settings).extensions["bochum_kg"]
    found = describe.inbound(graph, "https://w3id.org/bochum-strategie/project/whole")
    assert sorted(found) == sorted(describe.links(graph, "https://w3id.org/bochum-strategie/project/whole")[1])
    assert len(found) == 3 and sum(isinstance(s, BNode) for s, _ in found) == 2  # one blank node per file


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_places_of_names_order_links_as_their_sort_keys(app, lang):
    graph = app.extensions["bochum_kg"]
    with app.test_request_context():
        for iri in ("role/lead", "role/partner", "scheme/measure", "measure/budget", "actor/stadt-bochum"):
            terms = [s for s, _ in describe.inbound(graph, graph.base + iri)]
            assert graph.name_ranks([str(t) for t in terms], lang) is not None and len(terms) > 10
            keys = sort_keys(terms, lang)
            by_rank = [terms[i] for i in sorted(range(len(terms)), key=keys.__getitem__)]
            assert by_rank == sorted(terms, key=lambda t: sort_key(t, lang)), iri


def test_an_untyped_iri_or_a_blank_node_is_ordered_by_its_sort_key(app):
    graph = app.extensions["bochum_kg"]
    untyped = [URIRef("https://example.org/zzz"), URIRef(graph.base + "role/lead"), URIRef("https://example.org/aaa")]
    assert graph.name_ranks([str(t) for t in untyped], "de") is None
    with app.test_request_context():
        for terms in (untyped, [URIRef(graph.base + "role/lead"), BNode("b")]):
            assert sort_keys(terms, "de") == [sort_key(t, "de") for t in terms]


VALUES_FORM = """PREFIX bs: <https://w3id.org/bochum-strategie/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?parent ?mid ?c ?t ?order WHERE {
  { VALUES ?up { bs:inGoalArea bs:inCompetence bs:subOrganisationOf bs:postIn bs:withinSite bs:partOfProject skos:inScheme skos:topConceptOf bs:strategy }
    ?c ?up ?parent FILTER(isIRI(?c)) OPTIONAL { ?c a ?t } }
  UNION
  { VALUES ?up { bs:inGoalArea bs:inCompetence bs:subOrganisationOf bs:postIn bs:withinSite bs:partOfProject skos:inScheme skos:topConceptOf bs:strategy }
    ?mid ?up ?parent FILTER(isIRI(?mid))
    VALUES ?up2 { bs:inGoalArea bs:inCompetence bs:subOrganisationOf bs:postIn bs:withinSite bs:partOfProject skos:inScheme skos:topConceptOf bs:strategy }
    ?c ?up2 ?mid FILTER(isIRI(?c)) }
  OPTIONAL { ?c bs:order ?order }
}"""


def test_the_children_tree_query_has_the_rows_of_its_values_form(app):
    graph = app.extensions["bochum_kg"]
    found = 0
    for iri in resources(app):
        ours = graph.select("children-tree", {"parent": URIRef(iri)}).rows
        theirs = graph.store.select(VALUES_FORM, {"parent": URIRef(iri)}).rows
        assert sorted(map(sorted_items, ours)) == sorted(map(sorted_items, theirs)), iri
        found += bool(ours)
    assert found > 20


def sorted_items(row: dict) -> list:
    return sorted((k, str(v)) for k, v in row.items())
