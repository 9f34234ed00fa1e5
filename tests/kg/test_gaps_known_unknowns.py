"""The gap analysis tells "goals not published" apart from "goal without a project" and filters every table."""

from __future__ import annotations

import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.analysis import gaps
from bochum_kg.kg.graph import KnowledgeGraph

C = "https://w3id.org/bochum-strategie/competence/"


@pytest.fixture(scope="module")
def graph():
    return KnowledgeGraph.build(Settings(validate_on_start=False))


def test_the_four_competences_without_published_goals_are_listed_as_unknown(graph):
    analysis = gaps.analyse(graph, graph.settings)
    unpublished = {row["competence"].iri for row in analysis.unpublished}
    assert unpublished == {C + "vorreiterin-modernen-stadtmanagements", C + "grossstadt-mit-lebensgefuehl",
                           C + "hotspot-der-live-kultur", C + "talentschmiede-im-ruhrgebiet"}
    assert not unpublished & {g["competence"].iri for g in analysis.goals}


def test_a_competence_with_unknown_goals_has_no_gap_rows_but_an_unknown(graph):
    analysis = gaps.analyse(graph, graph.settings, competence=C + "talentschmiede-im-ruhrgebiet")
    assert analysis.goals == [] and [r["competence"].iri for r in analysis.unpublished] == [C + "talentschmiede-im-ruhrgebiet"]


def test_the_competence_filter_applies_to_every_table(graph):
    chosen = C + "shootingstar-der-wissensarbeit"
    everything = gaps.analyse(graph, graph.settings)
    analysis = gaps.analyse(graph, graph.settings, competence=chosen)
    assert [r["competence"].iri for r in analysis.competences] == [chosen]
    assert {r["competence"].iri for r in analysis.projects} == {chosen}
    projects = {r["project"].iri for r in analysis.projects}
    assert all({r["project"].iri, r["other_project"].iri} <= projects for r in analysis.shared)
    assert sum(r["projects"] for r in analysis.actors) < sum(r["projects"] for r in everything.actors)
    assert analysis.unpublished == []


def test_the_page_says_not_known_instead_of_no_entries(client_for_real_data):
    html = client_for_real_data.get("/gaps", query_string={"competence": C + "talentschmiede-im-ruhrgebiet"}).get_data(as_text=True)
    assert "Keine Einträge" not in html and "Ziele nicht veröffentlicht" in html


@pytest.fixture(scope="module")
def client_for_real_data():
    from bochum_kg.web.app import create_app

    return create_app(Settings(validate_on_start=False)).test_client()
