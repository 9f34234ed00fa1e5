"""Every example of the workbench, loaded with its button and run as loaded, on the real data.

An example must come with every parameter that has a value (the example's or the declared
default) bound in one visible VALUES line, run without error and show labels: a row that names one
of our resources has a non-empty label column. A second test asks that every example finds rows at
all (the point of an example).
"""

from __future__ import annotations

import re

import pytest
import requests

BASE = "https://w3id.org/bochum-strategie/"


def _catalogue(server: str) -> dict:
    response = requests.get(server + "/api/", headers={"Accept": "application/json"}, timeout=30)
    response.raise_for_status()
    return {q["name"]: q for q in response.json()["queries"]}


@pytest.fixture(scope="module")
def workbench(open_page, real_server):
    """One workbench page for all examples (loading YASGUI once keeps the test quick), closed after
    them rather than left open for the rest of the session."""
    page = open_page()
    page.goto(real_server + "/workbench?lang=de")
    page.wait_for_selector("#yasgui[data-ready=true] .CodeMirror")
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def results(workbench, real_server):
    """name -> what running the example as loaded gave (editor text, HTTP status, rows, first label cell)."""
    out = {}
    names = workbench.eval_on_selector_all("button[data-example]", "bs => bs.map(b => b.dataset.example)")
    for name in names:
        workbench.click(f"button[data-example='{name}']")
        workbench.wait_for_function("n => bochumWorkbench.yasgui.getTab().getQuery().startsWith('# ' + n + ' ')", arg=name)
        text = workbench.evaluate("bochumWorkbench.yasgui.getTab().getQuery()")
        with workbench.expect_response(lambda r: r.url.endswith("/sparql")) as answer:
            workbench.click(".yasqe_queryButton")
        workbench.wait_for_function("() => !!bochumWorkbench.yasgui.getTab().getYasr().results")
        workbench.wait_for_timeout(100)
        summary = workbench.evaluate("""() => {
          const r = bochumWorkbench.yasgui.getTab().getYasr().results;
          return {type: r.getType(), vars: r.getVariables() || [], bindings: r.getBindings() || [],
                  error: r.getError() ? String(r.getError().text || r.getError().status) : null};
        }""")
        first_label = None
        label_vars = [v for v in summary["vars"] if re.search("label", v, re.I)]
        if summary["type"] == "json" and summary["bindings"] and label_vars:
            column = summary["vars"].index(label_vars[0]) + 2  # the row-number column comes first
            first_label = workbench.inner_text(f".yasr table.dataTable tbody tr:first-child td:nth-child({column})").strip()
        out[name] = {"text": text, "status": answer.value.status, "first_label": first_label, **summary}
    return out


def test_the_workbench_offers_every_named_query(results, real_server):
    assert sorted(results) == sorted(_catalogue(real_server))


def test_every_example_binds_its_parameters_visibly_and_shows_labels(results, real_server, workbench):
    catalogue = _catalogue(real_server)
    problems = []
    for name, got in sorted(results.items()):
        query = catalogue[name]
        example = next((e["params"] for e in query["examples"] if e["params"]), {})
        expected = {p["name"] for p in query["parameters"] if p["name"] in example or p["default"] is not None}
        values = [line for line in got["text"].splitlines() if line.strip().startswith("VALUES (")]
        if expected:
            bound = set(re.findall(r"\?(\w+)", values[0].split(")")[0])) if len(values) == 1 else set()
            if bound != expected:
                problems.append(f"{name}: VALUES line {values} binds {sorted(bound)}, expected {sorted(expected)}")
        if got["status"] != 200 or got["error"]:
            problems.append(f"{name}: HTTP {got['status']} {got['error']}")
            continue
        if got["type"] == "ttl":
            continue  # a CONSTRUCT example: its labels are checked in the network view (test_graph_views)
        label_vars = [v for v in got["vars"] if re.search("label", v, re.I)]
        for row in got["bindings"]:
            ours = [v for v, term in row.items() if term["type"] == "uri" and term["value"].startswith(BASE)]
            if ours and label_vars and not any(row.get(v, {}).get("value") for v in label_vars):
                problems.append(f"{name}: a row about {row[ours[0]]['value']} has no label in {label_vars}")
                break
        if got["bindings"] and label_vars and not got["first_label"]:
            problems.append(f"{name}: the first label cell of the table is empty")
    assert problems == []
    assert workbench.console_log.errors == []


def test_examples_speak_the_page_language(results, real_server, workbench):
    """On the German page the editor's first line carries the summary shown beside the button (the
    German one), and every example of a query with a lang parameter asks for German labels."""
    summaries = workbench.eval_on_selector_all("ul[data-role=examples] li", """lis => Object.fromEntries(lis.map(li =>
        [li.querySelector('button[data-example]').dataset.example, li.querySelector('.example-summary').textContent]))""")
    catalogue = _catalogue(real_server)
    problems = []
    for name, got in sorted(results.items()):
        if got["text"].splitlines()[0] != f"# {name} – {summaries[name]}":
            problems.append(f"{name}: first line {got['text'].splitlines()[0]!r}")
        values = [line for line in got["text"].splitlines() if line.strip().startswith("VALUES (")]
        takes_lang = any(p["name"] == "lang" for p in catalogue[name]["parameters"])
        if takes_lang and not (len(values) == 1 and '"de"' in values[0] and '"en"' not in values[0]):
            problems.append(f"{name}: {values} does not ask for German labels")
    assert problems == []


def test_every_example_finds_rows(results):
    """An example that returns nothing shows the reader nothing. (resource-figures: its first example,
    a competence, has no bs:figure in the real data; the fix is in queries/resource-figures.rq.)"""
    empty = sorted(name for name, got in results.items() if not got["bindings"])
    assert empty == []
