"""The outgoing links of several resources read in one query (kg/describe.remember_outgoing): the
same pairs, in the same order, as one query per resource; a page reads its sources' titles so."""

from __future__ import annotations

from collections import Counter

import pytest

from bochum_kg.kg import describe
from bochum_kg.web.app import create_app
from fixture_data import make_project
from ld_helpers import resources

TWICE = """
@prefix bs: <https://w3id.org/bochum-strategie/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/bochum-strategie/project/part> a bs:Project ; bs:partOfProject <https://w3id.org/bochum-strategie/project/whole> ;
    dcterms:source <https://example.org/a>, <https://example.org/b> .
<https://example.org/a> dcterms:title "A"@de, "A"@en .
"""


@pytest.mark.parametrize("chunk", [200, 7])
def test_remembered_links_are_those_of_one_query_per_resource(app, chunk):
    graph = app.extensions["bochum_kg"]
    iris = resources(app) + ["https://example.org/nothing-about-it", "https://www.bochum.de/"]
    memo: dict = {}
    describe.remember_outgoing(graph, iris, memo, chunk=chunk)
    assert set(memo) == {("out", iri) for iri in iris}
    for iri in iris:
        assert memo[("out", iri)] == describe.outgoing(graph, iri), iri


def test_a_link_stated_in_two_graphs_is_remembered_once(tmp_path):
    settings = make_project(tmp_path, {"one.ttl": TWICE, "two.ttl": TWICE})
    graph = create_app(settings).extensions["bochum_kg"]
    iris = ["https://w3id.org/bochum-strategie/project/part", "https://example.org/a", "https://example.org/b"]
    memo: dict = {}
    describe.remember_outgoing(graph, iris, memo)
    assert [memo[("out", iri)] for iri in iris] == [describe.outgoing(graph, iri) for iri in iris]
    assert [len(memo[("out", iri)]) for iri in iris] == [4, 2, 0]


def test_what_is_remembered_already_is_not_read_again(app):
    graph = app.extensions["bochum_kg"]
    project, city, site = (graph.base + local for local in ("project/haus-des-wissens", "actor/stadt-bochum", "site/mark-51-7"))
    memo = {("out", project): ["kept"]}
    describe.remember_outgoing(graph, [project, city, site], memo)
    assert memo == {("out", project): ["kept"], ("out", city): describe.outgoing(graph, city),
                    ("out", site): describe.outgoing(graph, site)}
    describe.remember_outgoing(graph, [project, graph.base + "goal/bedarfsgerechte-flaechen-vorhalten"], memo)
    assert len(memo) == 3  # one resource left to read: `outgoing` reads it itself when asked


def test_a_page_reads_the_titles_of_its_sources_in_one_query(app, client, monkeypatch):
    graph = app.extensions["bochum_kg"]
    project = graph.base + "project/haus-des-wissens"
    sources = [o for p, o in describe.outgoing(graph, project) if str(p) == "http://purl.org/dc/terms/source"]
    assert len(sources) > 10
    asked = Counter()
    select = type(graph).select

    def counted(self, name, *args, **kwargs):
        asked[name] += 1
        return select(self, name, *args, **kwargs)

    monkeypatch.setattr(type(graph), "select", counted)
    response = client.get("/project/haus-des-wissens.html", headers={"Cache-Control": "no-cache"})
    assert response.status_code == 200
    assert asked["resource-outgoing"] == 1 and asked["values-of"] == 1, asked
