"""The graph views on the real data: the explorer after several expansions and the workbench's network.

What a planner must be able to read: at fit-to-screen every label that is drawn is at least 10 px
high on the screen, the start and the expanded nodes are always labelled, what is not drawn is
grouped into "+N <class>" nodes with a "show N more" button, the layout is force-directed (fCoSE),
and no edge is dropped by Cytoscape. Screenshots: tests/artifacts/explorer-*.png, workbench-network.png.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

BASE = "https://w3id.org/bochum-strategie/"
STADT = BASE + "actor/stadt-bochum"
UNIVERCITY = BASE + "actor/univercity-bochum"
MARKETING = BASE + "actor/bochum-marketing"
HAUS = BASE + "project/haus-des-wissens"
RUB = BASE + "actor/ruhr-universitaet-bochum"
MARK = BASE + "site/mark-51-7"
MEMBER_OF = BASE + "ontology#memberOf"

# every node that is visible: its label as drawn and its on-screen font size
LABELS = """() => {
  const cy = bochumExplorer.cy, z = cy.zoom();
  return cy.nodes(':visible').map(n => ({id: n.id(), label: n.style('label'), px: parseFloat(n.style('font-size')) * z,
                                        important: n.hasClass('centre') || n.hasClass('expanded') || n.hasClass('group')}));
}"""


def drawn_labels_are_readable(page) -> list[dict]:
    page.evaluate("bochumExplorer.fit()")
    page.wait_for_timeout(50)
    labels = page.evaluate(LABELS)
    too_small = [n for n in labels if n["label"] and n["px"] < 10]
    unlabelled = [n["id"] for n in labels if n["important"] and not n["label"]]
    assert too_small == [] and unlabelled == []
    return labels


def cytoscape_warnings(page) -> list[str]:
    return [m for m in page.console_log.messages if m.startswith("warning") and ("invalid endpoints" in m or "nonexistant" in m)]


def open_explorer(page, server, start):
    page.goto(server + "/explore?lang=de&resource=" + quote(start))
    page.wait_for_selector("[data-role=graph][data-ready=true]")


def test_explorer_after_three_expansions_stays_readable(page, real_server, artifacts):
    open_explorer(page, real_server, STADT)
    assert page.evaluate("bochumExplorer.cy.nodes('.group').length") > 0  # 57 neighbours: not all drawn at once
    for iri in (UNIVERCITY, MARKETING, HAUS):
        page.evaluate("i => bochumExplorer.expand(i)", iri)
    assert parse_qs(urlsplit(page.url).query)["expand"] == [UNIVERCITY, MARKETING, HAUS]
    labels = drawn_labels_are_readable(page)
    groups = page.evaluate("bochumExplorer.cy.nodes('.group').map(n => n.data('label'))")
    assert groups and all(g.startswith("+") for g in groups)
    # every group has its "show N more" button in the table (the text alternative)
    buttons = page.eval_on_selector_all("[data-role=node-table] button[data-more]", "bs => bs.map(b => b.textContent)")
    assert len(buttons) == len(groups) and all(b.endswith("weitere zeigen") for b in buttons)
    # the layout is fCoSE's, not a ring
    assert page.evaluate("!!window.cytoscapeFcose")
    # the membership of the city in UniverCity is drawn (it used to be dropped with a Cytoscape warning)
    assert page.evaluate("([s, p, o]) => bochumExplorer.cy.edges().some(e => e.source().id() === s && e.target().id() === o && e.id().includes(p))",
                         [STADT, MEMBER_OF, UNIVERCITY])
    assert cytoscape_warnings(page) == []
    assert len(labels) >= 40
    page.evaluate("document.querySelector('[data-role=graph]').scrollIntoView()")
    page.screenshot(path=str(artifacts / "explorer-three-expansions.png"))
    assert page.console_log.errors == []


def test_explorer_with_more_than_a_hundred_nodes(page, real_server, artifacts):
    open_explorer(page, real_server, STADT)
    for iri in (UNIVERCITY, MARKETING, HAUS, RUB, MARK):
        page.evaluate("i => bochumExplorer.expand(i)", iri)
    # show everything that was grouped, with the table's buttons (keyboard: Enter)
    while page.locator("[data-role=node-table] button[data-more]").count():
        button = page.locator("[data-role=node-table] button[data-more]").first
        button.focus()
        page.keyboard.press("Enter")
    count = page.evaluate("bochumExplorer.cy.nodes().length")
    assert count >= 100
    assert page.evaluate("bochumExplorer.cy.nodes('.group').length") == 0
    labels = drawn_labels_are_readable(page)
    shown = [n for n in labels if n["label"]]
    assert {STADT, UNIVERCITY, MARKETING, HAUS, RUB, MARK} <= {n["id"] for n in shown}
    # a node without a drawn label shows it under the pointer, readable, with the labels of its edges;
    # whether fit-to-screen already hides labels depends on the (randomised) layout, so zoom out to a
    # level where ordinary labels are below 10 px and take a hidden node that lies inside the canvas
    page.evaluate("document.querySelector('[data-role=graph]').scrollIntoView()")
    page.evaluate("() => { const cy = bochumExplorer.cy; cy.zoom({level: 0.6, renderedPosition: {x: cy.width() / 2, y: cy.height() / 2}}); }")
    page.wait_for_function("() => bochumExplorer.cy.nodes(':visible').some(n => !n.style('label'))")
    hidden = page.evaluate("""() => { const cy = bochumExplorer.cy, w = cy.width(), h = cy.height();
      const inside = cy.nodes(':visible').filter(n => { const p = n.renderedPosition();
        return !n.style('label') && p.x > 20 && p.y > 20 && p.x < w - 20 && p.y < h - 20; });
      // the one farthest from any other node, so that the pointer lands on it and nothing else
      const gap = n => Math.min(...cy.nodes(':visible').not(n).map(o => { const a = n.renderedPosition(), b = o.renderedPosition();
                                                                         return Math.hypot(a.x - b.x, a.y - b.y); }));
      return inside.length ? inside.max(gap).ele.id() : null; }""")
    assert hidden
    point = page.evaluate("""id => { const n = bochumExplorer.cy.getElementById(id); const p = n.renderedPosition();
                                     const box = document.querySelector('[data-role=graph]').getBoundingClientRect();
                                     return [box.left + p.x, box.top + p.y]; }""", hidden)
    page.mouse.move(point[0], point[1])
    page.wait_for_function("id => bochumExplorer.cy.getElementById(id).hasClass('hover')", arg=hidden)
    hovered = page.evaluate("""id => { const cy = bochumExplorer.cy, n = cy.getElementById(id);
      return {label: n.style('label'), px: parseFloat(n.style('font-size')) * cy.zoom(),
              edges: n.connectedEdges().map(e => e.style('label')).filter(l => l)}; }""", hidden)
    assert hovered["label"] and hovered["px"] >= 10 and hovered["edges"]
    page.screenshot(path=str(artifacts / "explorer-100-nodes.png"))
    assert cytoscape_warnings(page) == []
    assert page.console_log.errors == []


def test_fit_to_screen_button_and_show_more_from_the_graph(page, real_server):
    open_explorer(page, real_server, STADT)
    page.evaluate("() => { bochumExplorer.cy.zoom(2.5); }")
    page.click("[data-role=fit]")
    inside = page.evaluate("""() => { const cy = bochumExplorer.cy, bb = cy.nodes(':visible').renderedBoundingBox({includeLabels: false});
                                      return bb.x1 >= 0 && bb.y1 >= 0 && bb.x2 <= cy.width() && bb.y2 <= cy.height(); }""")
    assert inside
    before = page.evaluate("bochumExplorer.cy.nodes().not('.group').length")
    group = page.evaluate("bochumExplorer.cy.nodes('.group').first().id()")
    count = page.evaluate("id => bochumExplorer.cy.getElementById(id).data('count')", group)
    page.evaluate("id => { bochumExplorer.cy.getElementById(id).emit('tap'); }", group)
    assert page.evaluate("bochumExplorer.cy.nodes().not('.group').length") == before + count
    assert "more" in parse_qs(urlsplit(page.url).query)


def test_workbench_network_uses_the_same_view(page, real_server, artifacts):
    page.goto(real_server + "/workbench?lang=de")
    page.wait_for_selector("#yasgui[data-ready=true] .CodeMirror")
    page.click("button[data-example='competence-network']")
    page.wait_for_function("() => bochumWorkbench.yasgui.getTab().getQuery().startsWith('# competence-network')")
    with page.expect_response(lambda r: r.url.endswith("/sparql")):
        page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr .select_graph:not(.disabled)")
    page.click(".yasr .select_graph")
    page.wait_for_selector("[data-role=network] canvas")
    view = page.evaluate("""() => { const cy = bochumWorkbench.yasgui.getTab().getYasr().plugins.graph.cy, z = cy.zoom();
      const nodes = cy.nodes(':visible').map(n => ({label: n.style('label'), px: parseFloat(n.style('font-size')) * z}));
      return {nodes: nodes.length, edges: cy.edges().length, small: nodes.filter(n => n.label && n.px < 10).length,
              labelled: nodes.filter(n => n.label).length}; }""")
    assert view["nodes"] > 10 and view["edges"] > 10 and view["small"] == 0
    legend = page.eval_on_selector_all(".wb-graph .graph-legend li", "ls => ls.map(l => l.textContent.trim())")
    assert any(entry.startswith("Ziel") for entry in legend) and all("(" in entry for entry in legend)
    page.click(".wb-graph [data-role=fit]")
    page.evaluate("document.querySelector('.wb-graph').scrollIntoView()")
    page.screenshot(path=str(artifacts / "workbench-network-real.png"))
    assert cytoscape_warnings(page) == []
    assert page.console_log.errors == []
