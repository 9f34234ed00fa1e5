"""axe-core (from npm, pinned, copied into static/vendor by scripts/build-assets.sh) on every kind of page.

Every rule axe runs by default, every impact: a page passes with zero violations. The workbench is
checked in the states a researcher sees (a result table, the chart, the network, an error), the
explorer and the path view with a graph drawn, and the pages also at phone width.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

B = "https://w3id.org/bochum-strategie/"

PAGES = {
    "home": "/",
    "index-projects": "/project/",
    "index-actors": "/actor/",
    "index-competences": "/competence/",
    "strategy": "/strategy/bochum-strategie-2030",
    "event": "/event/2023-12-15-ratsbeschluss-nachhaltigkeitsstrategie",
    "tranche": "/tranche/neue-kernaktivitaeten-2023",
    "competence": "/competence/shootingstar-der-wissensarbeit",
    "aim": "/aim/wirtschaftskraft-durch-wissensarbeit",
    "goal-area": "/goal-area/erstklassige-berufliche-und-akademische-bildung",
    "goal": "/goal/bedarfsgerechte-flaechen-vorhalten",
    "project": "/project/haus-des-wissens",
    "participation": "/participation/univercity-bochum--deutsches-bergbau-museum--member",
    "actor": "/actor/stadt-bochum",
    "site": "/site/mark-51-7",
    "figure": "/figure/2023-06-17-fuenfte-buergerkonferenz--participants",
    "status": "/status/merged",
    "role": "/role/landowner",
    "measure": "/measure/spaces",
    "formula": "/formula/wir-gefuehl",
    "scheme": "/scheme/bochum-formel",
    "search": "/search?q=wissen",
    "ontology": "/ontology",
    "dataset": "/.well-known/void",
    "catalog": "/catalog",
    "sources": "/sources",
    "dumps": "/dumps/",
    "graphs": "/graph/",
    "graph": "/graph/actors",
    "workbench": "/workbench",
    "explore-start": "/explore",
    "explore": "/explore?resource=" + quote(B + "actor/stadt-bochum"),
    "paths-start": "/paths",
    "paths": "/paths?from=actor:ruhr-universitaet-bochum&to=" + quote(B + "actor/stadt-bochum"),
    "gaps": "/gaps",
    "api-docs": "/api/docs",
    "not-found": "/project/there-is-no-such-project",
    "bad-request": "/paths?from=actor:stadt-bochum&to=actor:ruhr-universitaet-bochum&max_length=99",
}
READY = {  # what must be on the page before it is checked
    "workbench": "#yasgui[data-ready=true] .CodeMirror",
    "explore": "[data-role=graph][data-ready=true]",
    "paths": "[data-role=graph][data-ready=true]",
}


@pytest.fixture(scope="module")
def axe(axe_violations):
    """axe(page) -> the violations, each shortened to what a failure message needs."""

    def run(page) -> list[dict]:
        return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5], "help": v["help"]}
                for v in axe_violations(page)]

    return run


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_violations(clean_page, real_server, axe, kind):
    page = clean_page
    response = page.goto(real_server + PAGES[kind])
    if kind == "not-found":
        assert response.status == 404
    elif kind == "bad-request":
        assert response.status == 400
    else:
        assert response.ok
    if kind in READY:
        page.wait_for_selector(READY[kind])
    assert axe(page) == []


@pytest.mark.parametrize("kind", ["home", "project", "index-projects", "search", "workbench", "explore", "gaps", "api-docs"])
def test_no_violations_on_a_phone(clean_phone, real_server, axe, kind):
    phone = clean_phone
    assert phone.goto(real_server + PAGES[kind]).ok
    if kind in READY:
        phone.wait_for_selector(READY[kind])
    phone.click(".nav-toggle")  # the opened menu too
    assert axe(phone) == []


def test_workbench_states_have_no_violations(page, real_server, axe):
    page.goto(real_server + "/workbench?lang=de")
    page.wait_for_selector("#yasgui[data-ready=true] .CodeMirror")
    # a long example: the editor scrolls
    page.click("button[data-example='actors-by-project-count']")
    page.wait_for_function("() => bochumWorkbench.yasgui.getTab().getQuery().startsWith('# actors-by-project-count')")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table.dataTable tbody tr td a.iri")
    assert axe(page) == [], "table"
    page.click(".yasr .select_chart")
    page.wait_for_selector("svg[data-role=chart]")
    assert axe(page) == [], "chart"
    page.click(".yasr .select_response")
    page.wait_for_selector(".yasr .CodeMirror")
    assert axe(page) == [], "response"
    page.click("button[data-example='competence-network']")
    page.wait_for_function("() => bochumWorkbench.yasgui.getTab().getQuery().startsWith('# competence-network')")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr .select_graph:not(.disabled)")
    page.click(".yasr .select_graph")
    page.wait_for_selector("[data-role=network] canvas")
    assert axe(page) == [], "network"
    page.click(".controlbar button[aria-expanded]")  # the request settings behind the gear
    page.wait_for_selector(".tabMenu.open")
    assert axe(page) == [], "settings"
    page.keyboard.press("Escape")
    page.evaluate("bochumWorkbench.yasgui.getTab().getYasqe().setValue('SELECT ?x WHERE { ?x ?y }')")
    page.click(".yasqe_queryButton")
    page.wait_for_selector("[data-role=workbench-message]:not([hidden])")
    assert axe(page) == [], "error"
