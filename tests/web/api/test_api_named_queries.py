"""Every named query through HTTP, with the parameters of its header's examples (real data),
and exact answers on the fixture graph."""

from __future__ import annotations

import csv
import io

import pytest
from markupsafe import escape

from bochum_kg.kg import catalog as nq
from bochum_kg.config import Settings
from bochum_kg.web.api import results as api_results
from fixture_data.small_strategy_iris import (
    AREA_FORSCHUNG, AREA_OFFEN, CHECKOUT, GOAL_FORSCHUNG, GOAL_GRUENDUNGEN, GOAL_KLIMA, GOAL_TALENTE,
    GOAL_TRANSFER, SHOOTINGSTAR,
)

CATALOGUE = nq.load_catalogue(Settings(project_root=CHECKOUT, validate_on_start=False))


def _cases():
    for query in CATALOGUE.values():
        examples = list(query.examples)
        if not examples and not any(p.required for p in query.parameters):
            examples = [nq.Example("no parameters", {})]
        for example in examples:
            yield pytest.param(query.name, dict(example.params), id=f"{query.name}[{example.title}]")


CASES = list(_cases())


def test_every_named_query_has_a_case():
    assert {c.values[0] for c in CASES} == set(CATALOGUE)


def test_no_query_takes_a_reserved_name(app):
    from bochum_kg.web.api.views import RESERVED_PARAMETERS, reserved_names

    with app.app_context():
        assert set(CATALOGUE) & reserved_names() == set()
    for query in CATALOGUE.values():
        assert {p.name for p in query.parameters} & set(RESERVED_PARAMETERS) == set(), query.name


@pytest.mark.parametrize("name, params", CASES)
def test_named_query_over_http_matches_the_store(app, client, name, params):
    query = CATALOGUE[name]
    response = client.get(f"/api/{name}", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    if query.form != "SELECT":
        assert response.mimetype == "text/turtle"
        return
    assert response.mimetype == "application/json"
    body = response.get_json()
    with app.app_context():
        from bochum_kg.web.context import kg

        expected = nq.run_named_query(kg().store, query, params, kg().settings)
    assert body == api_results.plain_rows(list(query.variables), expected.rows)[:1000]
    assert int(response.headers["X-Total-Count"]) == len(expected.rows)
    for row in body:
        assert list(row) == list(query.variables)

    as_csv = client.get(f"/api/{name}", query_string={**params, "format": "csv"})
    assert as_csv.status_code == 200
    assert as_csv.mimetype == "text/csv"
    table = list(csv.reader(io.StringIO(as_csv.get_data(as_text=True))))
    assert table[0] == list(query.variables)
    assert len(table) - 1 == len(body)


def test_catalogue_lists_every_query(client):
    response = client.get("/api/", headers={"Accept": "application/json"})
    assert response.status_code == 200
    entries = response.get_json()["queries"]
    assert [e["name"] for e in entries] == list(CATALOGUE)
    goals = next(e for e in entries if e["name"] == "goals")
    assert [p["name"] for p in goals["parameters"]] == ["competence", "lang"]
    assert goals["parameters"][0]["type"] == "iri"


def test_catalogue_is_html_for_browsers(client):
    response = client.get("/api/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    for name in CATALOGUE:
        assert f'id="q-{name}"' in page
    assert client.get("/api/docs").status_code == 200


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_api_page_gives_each_query_in_the_page_language(client, lang):
    """Summaries in the page's language (every query file has a German one); the descriptions,
    written in English only, say so on the German page."""
    page = client.get(f"/api/docs?lang={lang}").get_data(as_text=True)
    english_mark = ' lang="en"' if lang == "de" else ""
    for query in CATALOGUE.values():
        summary, summary_lang = query.text_in("summary", lang)
        assert summary_lang == lang, query.name
        shown = escape(summary)
        assert f'<a href="#q-{query.name}">{query.name}</a> – <span>{shown}</span></li>' in page
        assert f"<p><strong>{shown}</strong></p>" in page
        if query.description:
            assert f"<p{english_mark}>{escape(query.description)}</p>" in page
    if lang == "de":
        assert "Die Projekte, an denen ein Akteur beteiligt ist" in page


# --- exact answers on the fixture graph ----------------------------------------------------------


def test_goals_of_shootingstar_exactly(small_strategy_client):
    response = small_strategy_client.get("/api/goals", query_string={"competence": SHOOTINGSTAR})
    assert response.status_code == 200
    assert response.get_json() == [
        {"competence": SHOOTINGSTAR, "goalArea": AREA_OFFEN, "goalAreaLabel": "Offene Innovationskultur",
         "goal": GOAL_KLIMA, "goalLabel": "Innovationsklima entwickeln"},
        {"competence": SHOOTINGSTAR, "goalArea": AREA_OFFEN, "goalAreaLabel": "Offene Innovationskultur",
         "goal": GOAL_TRANSFER, "goalLabel": "Wissenstransfer organisieren"},
        {"competence": SHOOTINGSTAR, "goalArea": AREA_OFFEN, "goalAreaLabel": "Offene Innovationskultur",
         "goal": GOAL_GRUENDUNGEN, "goalLabel": "Gründungen ermöglichen"},
        {"competence": SHOOTINGSTAR, "goalArea": AREA_FORSCHUNG, "goalAreaLabel": "Exzellente Forschung",
         "goal": GOAL_FORSCHUNG, "goalLabel": "Forschung sichern und ausbauen"},
        {"competence": SHOOTINGSTAR, "goalArea": AREA_FORSCHUNG, "goalAreaLabel": "Exzellente Forschung",
         "goal": GOAL_TALENTE, "goalLabel": "Talente für Hochschulen gewinnen"},
    ]


def test_numbers_are_numbers(small_strategy_client):
    rows = small_strategy_client.get("/api/competences", query_string={"lang": "en"}).get_json()
    by_label = {r["label"]: r for r in rows}
    assert by_label["Shooting star of knowledge work"]["goalAreaCount"] == 2
    assert by_label["Shooting star of knowledge work"]["projectCount"] == 2
    assert by_label["Talent forge of the Ruhr"]["projectCount"] == 1
    assert isinstance(by_label["Talent forge of the Ruhr"]["goalAreaCount"], int)


def test_sparql_json_and_tsv(small_strategy_client):
    srj = small_strategy_client.get("/api/competences", headers={"Accept": "application/sparql-results+json"})
    assert srj.status_code == 200
    assert srj.mimetype == "application/sparql-results+json"
    body = srj.get_json()
    assert body["head"]["vars"] == ["competence", "label", "goalAreaCount", "projectCount"]
    first = body["results"]["bindings"][0]
    assert first["competence"]["type"] == "uri"
    assert first["goalAreaCount"] == {"type": "literal", "value": first["goalAreaCount"]["value"],
                                      "datatype": "http://www.w3.org/2001/XMLSchema#integer"}

    tsv = small_strategy_client.get("/api/competences", headers={"Accept": "text/tab-separated-values"})
    assert tsv.status_code == 200
    lines = tsv.get_data(as_text=True).splitlines()
    assert lines[0] == "?competence\t?label\t?goalAreaCount\t?projectCount"
    assert lines[1].startswith("<https://w3id.org/bochum-strategie/competence/")
    assert len(lines) == 3


def test_format_parameter_wins_over_accept(small_strategy_client):
    response = small_strategy_client.get("/api/competences?format=csv", headers={"Accept": "application/json"})
    assert response.mimetype == "text/csv"
    assert response.get_data(as_text=True).startswith("competence,label,goalAreaCount,projectCount\r\n")


def test_empty_form_fields_count_as_not_given(small_strategy_client):
    everything = small_strategy_client.get("/api/goals").get_json()
    assert small_strategy_client.get("/api/goals?competence=").get_json() == everything


def test_plain_value_conversion():
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    assert api_results.plain_value(URIRef("https://x/y")) == "https://x/y"
    assert api_results.plain_value(Literal("3", datatype=XSD.integer)) == 3
    assert api_results.plain_value(Literal("2.50", datatype=XSD.decimal)) == 2.5
    assert api_results.plain_value(Literal("true", datatype=XSD.boolean)) is True
    assert api_results.plain_value(Literal("abc", datatype=XSD.integer)) == "abc"
    assert api_results.plain_value(Literal("INF", datatype=XSD.double)).upper() == "INF"  # JSON has no infinity
    assert api_results.plain_value(Literal("2017-05-18", datatype=XSD.date)) == "2017-05-18"
    assert api_results.plain_value(Literal("Wissen", lang="de")) == "Wissen"
    assert api_results.plain_value(BNode("b1")) == "_:b1"
    assert api_results.plain_value(None) is None


# --- CONSTRUCT named queries answer RDF ----------------------------------------------------------


@pytest.mark.parametrize("accept, fmt, mimetype", [
    (None, None, "text/turtle"),
    ("application/n-triples", None, "application/n-triples"),
    ("application/ld+json", None, "application/ld+json"),
    ("application/json", None, "application/ld+json"),
    (None, "rdf", "application/rdf+xml"),
    ("text/csv", "nt", "application/n-triples"),
])
def test_construct_query_answers_rdf(small_strategy_client, accept, fmt, mimetype):
    from rdflib import Graph, URIRef

    params = {"competence": SHOOTINGSTAR, **({"format": fmt} if fmt else {})}
    response = small_strategy_client.get("/api/fixture-goal-network", query_string=params,
                                  headers={"Accept": accept} if accept else {})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == mimetype
    parse_as = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
                "application/rdf+xml": "xml"}[mimetype]
    graph = Graph().parse(data=response.get_data(as_text=True), format=parse_as)
    serves = URIRef("https://w3id.org/bochum-strategie/ontology#servesGoal")
    assert {(str(s), str(o)) for s, o in graph.subject_objects(serves)} == {
        ("https://w3id.org/bochum-strategie/project/werk-x", GOAL_GRUENDUNGEN),
        ("https://w3id.org/bochum-strategie/project/worldfactory", GOAL_TRANSFER),
    }
    assert response.headers["X-Total-Count"] == str(len(graph))


def test_construct_query_rejects_table_formats(small_strategy_client):
    assert small_strategy_client.get("/api/fixture-goal-network?format=csv").status_code == 406
    assert small_strategy_client.get("/api/fixture-goal-network", headers={"Accept": "text/csv"}).status_code == 406
