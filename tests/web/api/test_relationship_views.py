"""The explorer, path and gap views and their JSON, with exact answers on the fixture graph."""

from __future__ import annotations

import csv
import html
import io
import re

import html5lib
import pytest
from rdflib import URIRef

from bochum_kg.web.context import kg

from fixture_data.small_strategy_iris import (
    AREA_FORSCHUNG, AREA_OFFEN, BASE, BOWE, GOAL_FORSCHUNG, GOAL_GRUENDUNGEN, GOAL_KLIMA, GOAL_TALENTE,
    GOAL_TRANSFER, KITA, MARK, RUB, SHOOTINGSTAR, STADT, TALENTSCHMIEDE, WERK_X, WORLDFACTORY,
)

BS = BASE + "ontology#"


def parse(response):
    return html5lib.parse(response.get_data(as_text=True), namespaceHTMLElements=False)


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def rows_of(document, role: str) -> list[str]:
    section = document.find(f".//*[@data-role='{role}']")
    assert section is not None, role
    return [" ".join(text(cell) for cell in tr if cell.tag in ("td", "th"))
            for tr in section.iter("tr") if tr.find("td") is not None or tr.find("th[@scope='row']") is not None]


# --- neighbourhood -------------------------------------------------------------------------------


def test_neighbourhood_of_a_project(small_strategy_client):
    body = small_strategy_client.get("/api/neighbourhood", query_string={"resource": WERK_X, "lang": "en"}).get_json()
    assert {n["id"] for n in body["nodes"]} == {WERK_X, SHOOTINGSTAR, GOAL_GRUENDUNGEN, BOWE, RUB, BASE + "status/implemented"}
    edges = {(e["source"], e["label"], e["target"]) for e in body["edges"]}
    assert edges == {
        (WERK_X, "primary competence", SHOOTINGSTAR),
        (WERK_X, "serves goal", GOAL_GRUENDUNGEN),
        (WERK_X, "status", BASE + "status/implemented"),
        (WERK_X, "lead", BOWE),          # participations folded into one edge named by the role
        (WERK_X, "partner", RUB),
    }
    classes = {n["id"]: n["class"] for n in body["nodes"]}
    assert classes[RUB] == BS + "HigherEducationInstitution"
    assert classes[BASE + "status/implemented"] == "http://www.w3.org/2004/02/skos/core#Concept"
    assert {c["label"]: c["count"] for c in body["classes"]} == {
        "Competence": 1, "Concept": 1, "Core activity": 1, "Goal": 1, "Higher-education institution": 1, "Municipal company": 1,
    }
    assert body["truncated"] is False
    rub = next(n for n in body["nodes"] if n["id"] == RUB)
    assert rub["labels"] == {"de": "Ruhr-Universität Bochum", "en": "Ruhr University Bochum"}
    assert rub["name"] == "actor:ruhr-universitaet-bochum"
    assert rub["page"] == "/actor/ruhr-universitaet-bochum"


def test_neighbourhood_of_an_actor_includes_incoming_links(small_strategy_client):
    body = small_strategy_client.get("/api/neighbourhood", query_string={"resource": BOWE}).get_json()
    edges = {(e["source"], e["label"], e["target"]) for e in body["edges"]}
    assert edges == {
        (WERK_X, "Projektleitung", BOWE),
        (WORLDFACTORY, "Partner", BOWE),
        (BOWE, "ansässig an", MARK),
        (MARK, "Entwickler", BOWE),
    }


def test_explore_page_lists_nodes_and_edges(small_strategy_client):
    response = small_strategy_client.get("/explore", query_string={"resource": "project:werk-x", "lang": "de"})
    assert response.status_code == 200
    document = parse(response)
    nodes = rows_of(document, "node-table")
    assert len(nodes) == 6
    assert any(row.startswith("Ruhr-Universität Bochum actor:ruhr-universitaet-bochum Hochschule") for row in nodes)
    edges = rows_of(document, "edge-table")
    assert "WERK X Projektleitung Bochum Wirtschaftsentwicklung" in edges
    assert "WERK X dient dem Ziel Gründungen ermöglichen" in edges


def test_explore_expands_and_hides_from_the_url(small_strategy_client):
    response = small_strategy_client.get("/explore", query_string=[("resource", WERK_X), ("expand", RUB), ("hide", BS + "Competence"), ("lang", "de")])
    nodes = rows_of(parse(response), "node-table")
    labels = {row.split(" ")[0] for row in nodes}
    assert "Worldfactory" in labels            # reached by expanding the university
    assert not any("Shootingstar" in row for row in nodes)  # competences hidden


def test_explore_resolves_labels_and_reports_ambiguity(small_strategy_client):
    by_label = small_strategy_client.get("/explore", query_string={"resource": "WERK X"})
    assert by_label.status_code == 200
    assert len(rows_of(parse(by_label), "node-table")) == 6

    ambiguous = small_strategy_client.get("/explore", query_string={"resource": "Bochum"})
    assert ambiguous.status_code == 200
    page = ambiguous.get_data(as_text=True)
    assert "Stadt Bochum" in page and "Ruhr-Universität Bochum" in page and 'data-role="node-table"' not in page

    missing = small_strategy_client.get("/explore", query_string={"resource": "Nirgendwo"})
    assert missing.status_code == 404
    assert "Nirgendwo" in missing.get_data(as_text=True)


def test_labels_from_the_data_are_escaped(small_strategy_client):
    page = small_strategy_client.get("/explore", query_string={"resource": RUB, "lang": "en"}).get_data(as_text=True)
    assert "<b>&amp;</b>" not in page
    assert "</script><b>" not in page
    assert "Students &lt;/script&gt;&lt;b&gt;&amp;amp;&lt;/b&gt;" in page


def test_lookup(small_strategy_client):
    found = small_strategy_client.get("/api/lookup", query_string={"q": "bochum", "lang": "de"}).get_json()
    # labels starting with the text first; participations, figures and ontology terms are not offered
    assert [f["iri"] for f in found] == [BASE + "strategy/bochum-strategie-2030", BOWE, RUB, STADT]
    exact = small_strategy_client.get("/api/lookup", query_string={"q": "Worldfactory"}).get_json()
    assert exact[0]["iri"] == WORLDFACTORY


# --- paths ---------------------------------------------------------------------------------------


def test_a_university_and_a_goal(small_strategy_client):
    body = small_strategy_client.get("/api/paths", query_string={"from": RUB, "to": GOAL_GRUENDUNGEN, "lang": "en"}).get_json()
    assert body["length"] == 2
    assert [p["nodes"] for p in body["paths"]] == [[RUB, WERK_X, GOAL_GRUENDUNGEN]]
    steps = body["paths"][0]["steps"]
    assert [(l["label"], l["direction"]) for l in steps[0]["links"]] == [("partner", "backward")]
    assert [(l["label"], l["direction"]) for l in steps[1]["links"]] == [("serves goal", "forward")]


def test_all_shortest_paths_are_listed(small_strategy_client):
    body = small_strategy_client.get("/api/paths", query_string={"from": RUB, "to": GOAL_KLIMA}).get_json()
    assert body["length"] == 4
    assert sorted(p["nodes"] for p in body["paths"]) == sorted([
        [RUB, WERK_X, GOAL_GRUENDUNGEN, AREA_OFFEN, GOAL_KLIMA],
        [RUB, WERK_X, SHOOTINGSTAR, AREA_OFFEN, GOAL_KLIMA],
        [RUB, WORLDFACTORY, GOAL_TRANSFER, AREA_OFFEN, GOAL_KLIMA],
        [RUB, WORLDFACTORY, SHOOTINGSTAR, AREA_OFFEN, GOAL_KLIMA],
    ])


def test_hubs_do_not_connect(small_strategy_client):
    # Only the strategy node and concept schemes link these; they are not relationships.
    body = small_strategy_client.get("/api/paths", query_string={"from": GOAL_FORSCHUNG, "to": TALENTSCHMIEDE}).get_json()
    assert body["paths"] == [] and body["length"] is None
    shorter = small_strategy_client.get("/api/paths", query_string={"from": RUB, "to": GOAL_KLIMA, "max_length": 3}).get_json()
    assert shorter["paths"] == []


def test_paths_page_lists_the_steps(small_strategy_client):
    response = small_strategy_client.get("/paths", query_string={"from": "actor:ruhr-universitaet-bochum", "to": "Gründungen ermöglichen", "lang": "de"})
    assert response.status_code == 200
    document = parse(response)
    steps = [text(li) for li in document.iter("li") if li.get("data-role") == "step"]
    assert steps == ["WERK X — Partner → Ruhr-Universität Bochum", "WERK X — dient dem Ziel → Gründungen ermöglichen"]


def test_paths_page_says_when_there_is_no_connection(small_strategy_client):
    response = small_strategy_client.get("/paths", query_string={"from": GOAL_FORSCHUNG, "to": TALENTSCHMIEDE, "lang": "en"})
    assert response.status_code == 200
    assert "No connection with at most 4 steps found." in text(parse(response).find(".//*[@data-role='no-path']"))


# --- gaps ----------------------------------------------------------------------------------------


def test_gap_analysis_of_shootingstar(small_strategy_client):
    goals = small_strategy_client.get("/api/gaps/goals", query_string={"competence": SHOOTINGSTAR}).get_json()
    by_goal = {g["goal"]: g for g in goals}
    assert set(by_goal) == {GOAL_KLIMA, GOAL_TRANSFER, GOAL_GRUENDUNGEN, GOAL_FORSCHUNG, GOAL_TALENTE}
    assert {g for g, row in by_goal.items() if row["project_count"] == 0} == {GOAL_KLIMA, GOAL_FORSCHUNG, GOAL_TALENTE}
    assert by_goal[GOAL_GRUENDUNGEN]["projects"] == WERK_X
    assert by_goal[GOAL_GRUENDUNGEN]["leads"] == BOWE
    assert by_goal[GOAL_TRANSFER]["lead_labels"] == "Ruhr-Universität Bochum"


def test_gap_tables(small_strategy_client):
    competences = small_strategy_client.get("/api/gaps/competences").get_json()
    assert [(r["competence"], r["projects"], r["actors"], r["goals"], r["goals_without_projects"]) for r in competences] == [
        (SHOOTINGSTAR, 2, 2, 5, 3),
        (TALENTSCHMIEDE, 1, 1, 0, 0),
    ]
    actors = small_strategy_client.get("/api/gaps/actors").get_json()
    assert [(r["actor"], r["projects"], r["leads"]) for r in actors] == [(BOWE, 2, 1), (RUB, 2, 1), (STADT, 1, 1)]
    shared = small_strategy_client.get("/api/gaps/shared").get_json()
    assert [(r["project"], r["other_project"], r["count"]) for r in shared] == [(WERK_X, WORLDFACTORY, 2)]
    assert shared[0]["shared_actor_labels"] == "Bochum Wirtschaftsentwicklung; Ruhr-Universität Bochum"


def test_gap_csv_download(small_strategy_client):
    response = small_strategy_client.get("/api/gaps/actors", query_string={"format": "csv"})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert table == [
        ["actor", "actor_label", "projects", "leads"],
        [BOWE, "Bochum Wirtschaftsentwicklung", "2", "1"],
        [RUB, "Ruhr-Universität Bochum", "2", "1"],
        [STADT, "Stadt Bochum", "1", "1"],
    ]


def test_gaps_page_answers_the_planners_question(small_strategy_client):
    """Which projects serve the goals of Shootingstar, who leads them, and which goals have none yet?"""
    response = small_strategy_client.get("/gaps", query_string={"competence": SHOOTINGSTAR, "lang": "de"})
    assert response.status_code == 200
    document = parse(response)
    assert rows_of(document, "goals-without-projects") == [
        "Offene Innovationskultur Innovationsklima entwickeln –",
        "Exzellente Forschung Forschung sichern und ausbauen –",
        "Exzellente Forschung Talente für Hochschulen gewinnen –",
    ]
    assert rows_of(document, "goals-with-projects") == [
        "Wissenstransfer organisieren Worldfactory (im Explorer) Ruhr-Universität Bochum",
        "Gründungen ermöglichen WERK X (im Explorer) Bochum Wirtschaftsentwicklung",
    ]
    charts = document.findall(".//figure[@class='bar-chart']")
    assert len(charts) == 2
    svg = charts[0].find("{http://www.w3.org/2000/svg}svg")
    assert svg.get("role") == "img"
    # the competence filter applies to every table and chart: only the chosen competence is drawn
    assert [text(t) for t in svg.iter("{http://www.w3.org/2000/svg}text")] == ["Shootingstar der Wissensarbeit", "2"]


def test_gaps_page_without_filter_and_in_english(small_strategy_client):
    response = small_strategy_client.get("/gaps", query_string={"lang": "en"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Goals without projects" in page
    assert rows_of(parse(response), "projects")[-1] == (
        "Talent forge of the Ruhr Flexible day care in every district (in the explorer) no goal recorded City of Bochum")
    assert rows_of(parse(response), "shared") == [
        "WERK X Worldfactory Bochum Economic Development, Ruhr University Bochum 2",
    ]


@pytest.mark.parametrize("url", ["/explore", "/paths", "/gaps", "/workbench", "/api/docs"])
def test_pages_render(small_strategy_client, url):
    response = small_strategy_client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/html"


def test_unused_fixture_resources_are_reachable(small_strategy_client):
    assert small_strategy_client.get("/api/neighbourhood", query_string={"resource": KITA}).status_code == 200
    assert small_strategy_client.get("/api/neighbourhood", query_string={"resource": AREA_FORSCHUNG}).status_code == 200


def test_projects_of_a_competence_with_what_they_serve_and_their_leads(small_strategy_client):
    rows = small_strategy_client.get("/api/gaps/projects", query_string={"competence": SHOOTINGSTAR}).get_json()
    assert [(r["project"], r["serves"], r["leads"]) for r in rows] == [
        (WERK_X, GOAL_GRUENDUNGEN, BOWE),
        (WORLDFACTORY, GOAL_TRANSFER, RUB),
    ]
    page = parse(small_strategy_client.get("/gaps", query_string={"competence": SHOOTINGSTAR, "lang": "en"}))
    assert rows_of(page, "projects") == [
        "WERK X (in the explorer) Enable start-ups Bochum Economic Development",
        "Worldfactory (in the explorer) Organise knowledge transfer Ruhr University Bochum",
    ]
    talent = small_strategy_client.get("/api/gaps/projects", query_string={"competence": TALENTSCHMIEDE, "format": "csv"})
    assert talent.get_data(as_text=True).splitlines()[1].split(",")[2:] == [KITA, "Flexible Kita im Stadtbezirk", "", "", STADT, "Stadt Bochum"]


def test_paths_page_offers_the_first_four_pairs_of_universities_and_competences(client, app):
    """The examples: the first four (university, competence) pairs, each sorted by IRI, named in the page language."""
    with app.app_context():
        ns = kg().settings.ontology_namespace
        members = {cls: sorted(str(r["s"]) for r in kg().select("members-of-class", {"cls": URIRef(ns + cls)}).rows)
                   for cls in ("HigherEducationInstitution", "Competence")}
        pairs = [(u, c) for u in members["HigherEducationInstitution"] for c in members["Competence"]][:4]
        names = {i: kg().labels.label(i, "en") for pair in pairs for i in pair}
    page = client.get("/paths?lang=en").get_data(as_text=True)
    section = page.split('id="examples-title"', 1)[1].split("</section>", 1)[0]
    shown = [html.unescape(t) for t in re.findall(r"<a [^>]*>([^<]*)</a>", section)]
    assert shown == [f"{names[u]} ↔ {names[c]}" for u, c in pairs]
