"""The relationship views on the real data: the planner's question and the API agree."""

from __future__ import annotations

import pytest

from fixture_data.small_strategy_iris import BASE, SHOOTINGSTAR

RUB = BASE + "actor/ruhr-universitaet-bochum"


def test_planner_question_on_the_real_data(client):
    """Which goals of Shootingstar der Wissensarbeit have projects, who leads them, which have none?"""
    by_api = client.get("/api/goals", query_string={"competence": SHOOTINGSTAR}).get_json()
    goals_of_competence = {row["goal"] for row in by_api if row["goal"]}
    assert len(goals_of_competence) == 13  # the thirteen goals the competence page lists

    table = client.get("/api/gaps/goals", query_string={"competence": SHOOTINGSTAR}).get_json()
    assert {row["goal"] for row in table} == goals_of_competence
    for row in table:
        assert row["competence"] == SHOOTINGSTAR
        assert (row["project_count"] == 0) == (row["projects"] == "")
        assert bool(row["leads"]) == bool(row["lead_labels"])

    projects = client.get("/api/gaps/projects", query_string={"competence": SHOOTINGSTAR}).get_json()
    by_query = client.get("/api/projects", query_string={"competence": SHOOTINGSTAR}).get_json()
    assert {p["project"] for p in by_query} <= {p["project"] for p in projects}

    page = client.get("/gaps", query_string={"competence": SHOOTINGSTAR})
    assert page.status_code == 200


@pytest.mark.parametrize("slug", [
    "competence/shootingstar-der-wissensarbeit", "actor/ruhr-universitaet-bochum", "actor/stadt-bochum",
    "site/mark-51-7", "goal-area/offene-innovationskultur",
])
def test_explorer_on_real_resources(client, slug):
    body = client.get("/api/neighbourhood", query_string={"resource": BASE + slug}).get_json()
    assert body["resource"] == BASE + slug
    ids = {n["id"] for n in body["nodes"]}
    assert BASE + slug in ids
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    assert not any("/participation/" in i for i in ids)  # folded into project - actor edges
    assert client.get("/explore", query_string={"resource": BASE + slug}).status_code == 200


def test_a_university_reaches_the_knowledge_competence(client):
    body = client.get("/api/paths", query_string={"from": RUB, "to": SHOOTINGSTAR}).get_json()
    assert body["length"] is not None and 1 <= body["length"] <= 4
    for path in body["paths"]:
        assert path["nodes"][0] == RUB and path["nodes"][-1] == SHOOTINGSTAR
        assert len(path["steps"]) == body["length"]
