"""The workbench and the relationship views in a real browser (headless Chromium via Playwright).

Each test keeps a screenshot under tests/artifacts/ and checks that the page logged no errors.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest


def cells(page, selector: str) -> list[list[str]]:
    return page.eval_on_selector_all(
        selector, "rows => rows.map(r => Array.from(r.querySelectorAll('th,td')).map(c => c.innerText.trim()))"
    )


def assert_no_console_errors(page):
    assert page.console_log.errors == []


# --- workbench -----------------------------------------------------------------------------------


def test_workbench_runs_an_example_query_to_a_table(page, live_server, graph, artifacts):
    page.goto(live_server + "/workbench?lang=en")
    page.wait_for_selector("#yasgui[data-ready=true] .CodeMirror")
    page.click("button[data-example='goals']")
    editor_text = page.evaluate("bochumWorkbench.yasgui.getTab().getQuery()")
    assert "VALUES (?competence ?lang)" in editor_text and graph.SHOOTINGSTAR in editor_text
    assert f'(<{graph.SHOOTINGSTAR}> "en") }}' in editor_text  # the English page asks for English labels
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table.dataTable tbody tr td")
    rows = cells(page, ".yasr table.dataTable tbody tr")
    goal_labels = sorted(row[-1] for row in rows)  # YASR shows literals in Turtle style
    assert goal_labels == sorted(f'"{label}"@en' for label in [
        "Develop a climate of innovation", "Organise knowledge transfer", "Enable start-ups",
        "Secure and expand research", "Attract talent to universities",
    ])
    page.screenshot(path=str(artifacts / "workbench-table.png"), full_page=True)
    assert_no_console_errors(page)


def test_workbench_chart_network_and_permalink(page, live_server, artifacts):
    page.goto(live_server + "/workbench?lang=en")
    page.wait_for_selector("#yasgui[data-ready=true] .CodeMirror")
    page.click("button[data-example='competences']")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table.dataTable tbody tr td")
    page.click(".yasr .select_chart")
    bars = page.wait_for_selector("svg[data-role=chart]")
    labels = page.eval_on_selector_all("svg[data-role=chart] g text:first-child", "ts => ts.map(t => t.textContent)")
    assert labels == ["Shooting star of knowledge work", "Talent forge of the Ruhr"]  # the English page binds lang=en
    assert bars.get_attribute("role") == "img"
    page.screenshot(path=str(artifacts / "workbench-chart.png"), full_page=True)

    construct = (
        "PREFIX bs: <https://w3id.org/bochum-strategie/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "CONSTRUCT { ?p bs:servesGoal ?g . ?p rdfs:label ?pl . ?g rdfs:label ?gl . ?p a ?t }\n"
        "WHERE { ?p bs:servesGoal ?g ; rdfs:label ?pl ; a ?t . ?g rdfs:label ?gl }"
    )
    page.evaluate("q => { bochumWorkbench.yasgui.getTab().setQuery(q); }", construct)
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr .select_graph:not(.disabled)")
    page.click(".yasr .select_graph")
    page.wait_for_selector("[data-role=network] canvas")
    network = page.get_attribute("[data-role=network]", "aria-label")
    assert network.endswith(": 4 / 2")  # WERK X, Worldfactory and their two goals
    page.screenshot(path=str(artifacts / "workbench-network.png"), full_page=True)

    page.click("button[data-role=permalink]")
    url = page.url
    assert urlsplit(url).path == "/workbench"
    assert parse_qs(urlsplit(url).query)["query"] == [construct]
    page.goto(live_server + "/workbench?lang=en&query=" + quote("SELECT ?x WHERE { ?x a <urn:nothing> }"))
    page.wait_for_selector("#yasgui[data-ready=true] .CodeMirror")
    assert page.evaluate("bochumWorkbench.yasgui.getTab().getQuery()") == "SELECT ?x WHERE { ?x a <urn:nothing> }"
    page.click(".yasqe_queryButton")
    message = page.wait_for_selector("[data-role=workbench-message]:not([hidden])")
    assert message.inner_text() == "The query returned no results."
    assert_no_console_errors(page)


def test_workbench_reports_a_failing_query(page, live_server):
    page.goto(live_server + "/workbench?lang=en&query=" + quote("SELECT ?x WHERE { ?x ?y }"))
    page.wait_for_selector("#yasgui[data-ready=true] .CodeMirror")
    with page.expect_response(lambda r: "/sparql" in r.url) as answer:
        page.click(".yasqe_queryButton")
    assert answer.value.status == 400
    message = page.wait_for_selector("[data-role=workbench-message]:not([hidden])")
    assert message.inner_text().startswith("The query failed (400)")
    assert message.get_attribute("role") == "alert"


# --- explorer ------------------------------------------------------------------------------------


def test_explorer_renders_expands_filters_and_exports(page, live_server, graph, artifacts):
    page.goto(live_server + "/explore?lang=de&resource=" + quote(graph.WERK_X))
    page.wait_for_selector("[data-role=graph][data-ready=true]")
    ids = page.evaluate("bochumExplorer.cy.nodes().map(n => n.id()).sort()")
    assert ids == sorted([graph.WERK_X, graph.SHOOTINGSTAR, graph.GOAL_GRUENDUNGEN, graph.BOWE, graph.RUB,
                          graph.BASE + "status/implemented"])
    page.screenshot(path=str(artifacts / "explorer.png"), full_page=True)

    # expand the university from the table with the keyboard
    button = page.locator(f"[data-role=node-table] button[data-expand='{graph.RUB}']")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("ids => bochumExplorer.cy.getElementById(ids).length === 1", arg=graph.WORLDFACTORY)
    rows = cells(page, "[data-role=node-table] tbody tr")
    assert "Worldfactory" in [r[0] for r in rows]
    assert parse_qs(urlsplit(page.url).query)["expand"] == [graph.RUB]

    # hide the concepts (status) and the competences
    page.uncheck(".class-filter input[data-class='http://www.w3.org/2004/02/skos/core#Concept']")
    page.uncheck(f".class-filter input[data-class='{graph.BASE}ontology#Competence']")
    rows = [r[0] for r in cells(page, "[data-role=node-table] tbody tr")]
    assert "umgesetzt" not in rows and "Shootingstar der Wissensarbeit" not in rows
    assert sorted(parse_qs(urlsplit(page.url).query)["hide"]) == sorted(
        ["http://www.w3.org/2004/02/skos/core#Concept", graph.BASE + "ontology#Competence"])

    # labels in English
    page.select_option("[data-role=label-lang]", "en")
    assert "Ruhr University Bochum" in [r[0] for r in cells(page, "[data-role=node-table] tbody tr")]

    # the URL reproduces the view
    reproduced = page.url
    page.goto(reproduced)
    page.wait_for_selector("[data-role=graph][data-ready=true]")
    assert page.evaluate(f"bochumExplorer.cy.getElementById('{graph.WORLDFACTORY}').length") == 1
    assert "Ruhr University Bochum" in [r[0] for r in cells(page, "[data-role=node-table] tbody tr")]

    with page.expect_download() as download:
        page.click("[data-role=download-png]")
    saved = artifacts / "explorer-export.png"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "explorer-werk-x.png"
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.screenshot(path=str(artifacts / "explorer-expanded.png"), full_page=True)
    assert_no_console_errors(page)


# --- paths and gaps ------------------------------------------------------------------------------


def test_path_view_finds_the_connection(page, live_server, graph, artifacts):
    page.goto(live_server + "/paths?lang=de&from=actor:ruhr-universitaet-bochum&to=" + quote(graph.GOAL_GRUENDUNGEN))
    page.wait_for_selector("[data-role=graph][data-ready=true]")
    steps = page.eval_on_selector_all("[data-role=step]", "ls => ls.map(l => l.innerText.trim())")
    assert steps == ["WERK X — Partner → Ruhr-Universität Bochum", "WERK X — dient dem Ziel → Gründungen ermöglichen"]
    assert page.evaluate("bochumPaths.cy.nodes().length") == 3
    page.screenshot(path=str(artifacts / "paths.png"), full_page=True)
    assert_no_console_errors(page)


def test_gap_view_lists_the_goals_without_projects(page, live_server, graph, artifacts):
    page.goto(live_server + "/gaps?lang=de")
    page.select_option("#field-competence", graph.SHOOTINGSTAR)
    page.click("form.view-form button[type=submit]")
    page.wait_for_url("**/gaps?competence=*")
    rows = cells(page, "[data-role=goals-without-projects] tbody tr")
    assert [r[1] for r in rows] == ["Innovationsklima entwickeln", "Forschung sichern und ausbauen", "Talente für Hochschulen gewinnen"]
    led = cells(page, "[data-role=goals-with-projects] tbody tr")
    assert [(r[0], r[2]) for r in led] == [("Wissenstransfer organisieren", "Ruhr-Universität Bochum"),
                                          ("Gründungen ermöglichen", "Bochum Wirtschaftsentwicklung")]
    page.screenshot(path=str(artifacts / "gaps.png"), full_page=True)
    assert_no_console_errors(page)


@pytest.mark.parametrize("path", ["/api/docs", "/explore", "/paths"])
def test_other_pages_load_cleanly(page, live_server, path, artifacts):
    page.goto(live_server + path + "?lang=en")
    page.wait_for_load_state("load")
    page.screenshot(path=str(artifacts / f"page-{path.strip('/').replace('/', '-')}.png"), full_page=True)
    assert_no_console_errors(page)


def test_workbench_completes_the_graphs_terms(page, live_server):
    page.goto(live_server + "/workbench?lang=en")
    page.wait_for_selector("#yasgui[data-ready=true] .CodeMirror")

    def complete(text: str, line: int) -> list[str]:
        page.evaluate("([t, l]) => { const y = bochumWorkbench.yasgui.getTab().getYasqe(); y.setValue(t); y.focus(); y.setCursor({line: l, ch: 1000}); }",
                      [text, line])
        page.keyboard.press("Control+Space")
        page.wait_for_selector(".CodeMirror-hints li")
        found = page.eval_on_selector_all(".CodeMirror-hints li", "ls => ls.map(l => l.textContent)")
        page.keyboard.press("Escape")
        return found

    prefix = "PREFIX bs: <https://w3id.org/bochum-strategie/ontology#>\n"
    assert complete(prefix + "SELECT * WHERE { ?s a bs:Pro", 1) == ["bs:Project"]
    assert complete(prefix + "SELECT * WHERE { ?s bs:serves", 1) == ["bs:servesGoal", "bs:servesGoalArea"]

    # a prefix of the graph is declared as soon as it is used
    page.evaluate("() => { const y = bochumWorkbench.yasgui.getTab().getYasqe(); y.setValue('SELECT * WHERE { ?s a goal:'); y.focus(); y.setCursor({line: 0, ch: 100}); }")
    page.keyboard.type("x")
    page.wait_for_function("() => bochumWorkbench.yasgui.getTab().getQuery().startsWith('PREFIX goal:')")
    assert page.evaluate("bochumWorkbench.yasgui.getTab().getQuery()").splitlines()[0] == \
        "PREFIX goal: <https://w3id.org/bochum-strategie/goal/>"
    assert_no_console_errors(page)


def test_graph_canvas_works_with_the_keyboard(page, live_server, graph):
    page.goto(live_server + "/explore?lang=en&resource=" + quote(graph.WERK_X))
    page.wait_for_selector("[data-role=graph][data-ready=true]")
    page.focus("[data-role=graph]")
    zoom = page.evaluate("bochumExplorer.cy.zoom()")
    pan = page.evaluate("bochumExplorer.cy.pan()")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("bochumExplorer.cy.pan()")["x"] == pytest.approx(pan["x"] + 60)
    page.keyboard.press("-")
    assert page.evaluate("bochumExplorer.cy.zoom()") == pytest.approx(zoom / 1.2)
    assert_no_console_errors(page)
