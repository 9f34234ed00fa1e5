"""The workbench as a researcher meets it: errors, links in results, its words, a reload, a phone.

Runs against the small made-up strategy (tests/fixture_data/); screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

PREFIXES = "PREFIX bs: <https://w3id.org/bochum-strategie/ontology#>\n"
# the English words YASGUI brings along; none may be left on a German page
YASGUI_ENGLISH = ["Simple view", "Page size", "Filter query results", "Ellipse", "Showing", " results in ",
                  "Run query", "Share query", "Add a new tab", "Download Results", "Shows table view"]


def open_workbench(page, server: str, lang: str = "de", query: str | None = None):
    url = f"{server}/workbench?lang={lang}" + (f"&query={quote(query)}" if query else "")
    page.goto(url)
    page.wait_for_selector("#yasgui[data-ready=true] .CodeMirror")


def set_query(page, text: str):
    page.evaluate("t => bochumWorkbench.yasgui.getTab().getYasqe().setValue(t)", text)


def run(page):
    with page.expect_response(lambda r: r.url.endswith("/sparql")) as answer:
        page.click(".yasqe_queryButton")
    return answer.value


def yasgui_words(page) -> str:
    """Visible text and the labels/titles/placeholders of YASGUI's controls (not the results or the query)."""
    return page.evaluate("""() => {
      const root = document.getElementById('yasgui');
      const parts = [];
      root.querySelectorAll('.yasr_header, .tabsList, .wb-add-tab, .controlbar, .yasqe_buttons, .dt-info, .dt-paging').forEach(el => parts.push(el.innerText));
      root.querySelectorAll('[title], [aria-label], [placeholder]').forEach(el => {
        if (el.closest('tbody') || el.closest('.CodeMirror-code')) { return; }
        ['title', 'aria-label', 'placeholder'].forEach(a => { if (el.getAttribute(a)) { parts.push(el.getAttribute(a)); } });
      });
      return parts.join(' | ');
    }""")


def test_a_syntax_error_shows_the_servers_message_line_and_column(page, live_server, artifacts):
    open_workbench(page, live_server, "en", "SELECT ?x WHERE { ?x ?y }")
    answer = run(page)
    assert answer.status == 400
    message = page.wait_for_selector("[data-role=workbench-message]:not([hidden])")
    text = message.inner_text()
    assert text.startswith("The query failed (400): ")
    assert "line 1, column 26" in text
    assert message.get_attribute("role") == "alert"
    # the result area says it too instead of staying blank
    assert "line 1, column 26" in page.inner_text(".yasr .wb-error")
    # the place is marked in the editor, and the button puts the cursor there
    assert page.locator(".CodeMirror .wb-error-mark").count() == 1
    page.click("[data-role=go-to-error]")
    cursor = page.evaluate("(() => { const c = bochumWorkbench.yasgui.getTab().getYasqe().getCursor(); return [c.line, c.ch]; })()")
    assert cursor == [0, 25]
    page.screenshot(path=str(artifacts / "workbench-error.png"))
    # the browser reports the 400 itself; nothing else may go wrong (it used to be "Failed to construct 'URL'")
    others = [e for e in page.console_log.errors if "status of 400" not in e]
    assert others == []


def test_a_german_error_is_german(page, live_server):
    open_workbench(page, live_server, "de")  # the first query of the page (no earlier result to show instead)
    set_query(page, "SELECT ?x WHERE {\n  ?x a \n}")
    assert run(page).status == 400
    text = page.wait_for_selector("[data-role=workbench-message]:not([hidden])").inner_text()
    assert text.startswith("Die Abfrage ist fehlgeschlagen (400): ")
    assert "Zeile 3, Spalte 2" in text


def test_result_links_stay_on_the_site(page, live_server, graph):
    query = ("SELECT ?thing WHERE { VALUES ?thing { <%s> <https://example.org/elsewhere> } }" % graph.WERK_X)
    open_workbench(page, live_server, "en", query)
    run(page)
    page.wait_for_selector(".yasr table.dataTable tbody tr td a.iri")
    links = page.eval_on_selector_all(".yasr table.dataTable tbody a.iri", "as => as.map(a => [a.getAttribute('href'), a.target, a.rel])")
    ours = [link for link in links if "werk-x" in link[0]]
    outside = [link for link in links if "example.org" in link[0]]
    assert ours == [["/project/werk-x?lang=en", "", ""]]
    assert outside == [["https://example.org/elsewhere", "_blank", "noopener noreferrer external"]]
    # following our link stays on this server and keeps the language
    page.click(".yasr table.dataTable tbody a.iri[href^='/project/']")
    page.wait_for_load_state("load")
    assert urlsplit(page.url).netloc == urlsplit(live_server).netloc
    assert page.inner_text("h1") == "WERK X"
    assert page.get_attribute("html", "lang") == "en"


@pytest.mark.parametrize("lang, words, english_left", [
    ("de", ["Tabelle", "Antwort", "Einfache Ansicht", "Zeilen pro Seite", "Ergebnisse in", "Abfrage ausführen"], True),
    ("en", ["Table", "Response", "Simple view", "Rows per page", "results in", "Run the query"], False),
])
def test_yasgui_speaks_the_page_language(page, live_server, lang, words, english_left):
    open_workbench(page, live_server, lang, PREFIXES + "SELECT ?p WHERE { ?p bs:participation ?x }")
    run(page)
    page.wait_for_selector(".yasr table.dataTable tbody tr td a.iri")
    seen = yasgui_words(page) + " " + page.inner_text(".yasr .tableControls")
    for word in words:
        assert word in seen, word
    if english_left:
        left = [w for w in YASGUI_ENGLISH if w in seen]
        assert left == []
    assert page.get_attribute(".tableSizer", "aria-labelledby") == "wb-page-size-label"


def test_the_query_survives_a_reload(page, live_server):
    open_workbench(page, live_server, "de")
    page.click(".CodeMirror")
    page.keyboard.press("Control+A")
    page.keyboard.type("SELECT ?kept WHERE { ?kept ?p ?o } LIMIT 2")
    page.wait_for_function("() => new URLSearchParams(location.search).get('query') === 'SELECT ?kept WHERE { ?kept ?p ?o } LIMIT 2'")
    page.reload()
    page.wait_for_selector("#yasgui[data-ready=true] .CodeMirror")
    assert page.evaluate("bochumWorkbench.yasgui.getTab().getQuery()") == "SELECT ?kept WHERE { ?kept ?p ?o } LIMIT 2"
    # and without the address: YASGUI's local storage keeps the tab
    open_workbench(page, live_server, "de")
    assert page.evaluate("bochumWorkbench.yasgui.getTab().getQuery()") == "SELECT ?kept WHERE { ?kept ?p ?o } LIMIT 2"


def test_the_editor_lets_the_keyboard_leave(page, live_server):
    open_workbench(page, live_server, "de")
    page.click(".CodeMirror")
    page.keyboard.press("Tab")
    # CodeMirror's own text area had the focus; Tab hands it to the next control (the editor's buttons)
    focused = page.evaluate("!document.activeElement.matches('.CodeMirror textarea')")
    assert focused, "Tab must move the focus out of the editor (no keyboard trap)"
    assert page.get_attribute(".CodeMirror textarea", "aria-label").startswith("SPARQL-Abfrage")


def test_results_fit_their_box_on_a_phone(phone, live_server, artifacts):
    open_workbench(phone, live_server, "de", PREFIXES + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                   "SELECT ?p ?label ?goal WHERE { ?p bs:participation ?x ; rdfs:label ?label . OPTIONAL { ?p bs:servesGoal ?goal } }")
    run(phone)
    phone.wait_for_selector(".yasr table.dataTable tbody tr td a.iri")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    box = phone.evaluate("(() => { const r = document.querySelector('.yasr .yasr_results').getBoundingClientRect(); return [r.left, r.right]; })()")
    assert box[0] >= 0 and box[1] <= 390
    # the table itself fits its box (no sideways scrolling inside it either)
    assert phone.evaluate("document.querySelector('.yasr table.dataTable').offsetWidth <= document.querySelector('.yasr .yasr_results').clientWidth")
    phone.evaluate("document.querySelector('.yasr').scrollIntoView()")
    phone.screenshot(path=str(artifacts / "workbench-phone.png"))
    assert phone.console_log.errors == []


def test_a_wide_result_fits_its_box(page, live_server):
    open_workbench(page, live_server, "en")
    page.click("button[data-example='goals']")  # five columns of long IRIs and labels
    run(page)
    page.wait_for_selector(".yasr table.dataTable tbody tr td a.iri")
    widths = page.evaluate("[document.querySelector('.yasr table.dataTable').offsetWidth, document.querySelector('.yasr .yasr_results').clientWidth]")
    assert widths[0] <= widths[1]
