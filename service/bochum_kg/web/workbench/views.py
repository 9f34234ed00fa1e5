"""The SPARQL workbench for researchers (YASGUI, served by us).

    GET /workbench[?query=…]   YASGUI against /sparql: the graph's prefixes preloaded, the named
                               queries as examples, autocompletion of the ontology's classes and
                               properties (from /api/terms), result views table, chart, network
                               and raw response, downloads, and a permalink holding the query.

The relationship views for planners (/explore, /paths, /gaps) are in planner.py; their JSON is
part of the API (web/api/relations.py).
"""

from __future__ import annotations

from flask import current_app, render_template, request

from bochum_kg.kg import catalog as nq
from bochum_kg.web.context import prefixes
from bochum_kg.web import i18n
from bochum_kg.web.context import kg



def example_queries() -> list[dict]:
    """The named queries as workbench examples, with their first example's parameters written in."""
    examples = []
    for query in kg().catalogue.values():
        params = next((dict(e.params) for e in query.examples if e.params), {})
        text = query.text
        try:  # the example's values and every default (lang…), so the example runs as loaded
            text = nq.inline_bindings(query.text, nq.bind_parameters(query, params))
        except (nq.ParameterError, ValueError) as err:  # a required parameter without an example; keep the plain text
            current_app.logger.info("workbench example %s: %s", query.name, err)
        examples.append({
            "name": query.name,
            "summary": query.summary,
            "form": query.form,
            "text": text,
            "params": params,
            "api": request.script_root + "/api/" + query.name,
        })
    return examples


def page():
    settings = kg().settings
    config = {
        "endpoint": request.script_root + "/sparql",
        "terms": request.script_root + "/api/terms",
        "prefixes": prefixes(settings.base_iri),
        "defaultQuery": kg().queries["workbench-default"].body,
        "workbench": request.script_root + "/workbench",
        "strings": {key.split(".", 1)[1]: i18n.t(key) for key in i18n.STRINGS if key.startswith("workbench.")},
    }
    return render_template("workbench/workbench.html", examples=example_queries(), config=config)
