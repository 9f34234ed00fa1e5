"""The SPARQL workbench for researchers (YASGUI, served by us).

    GET /workbench[?query=…]   YASGUI against /sparql: the graph's prefixes preloaded, the named
                               queries as examples, autocompletion of the ontology's classes and
                               properties (from /api/terms), result views table, chart, network
                               and raw response, downloads, and a permalink holding the query.

The examples speak the page's language: each query's title and summary in it (falling back to
English), and a query with a `lang` parameter is loaded with `lang` bound to it. The page is
built per request; nothing keeps the examples of one language for the other.

The relationship views for planners (/explore, /paths, /gaps) are in planner.py; their JSON is
part of the API (web/api/relations.py).
"""

from __future__ import annotations

from flask import current_app, render_template, request

from bochum_kg.kg import catalog as nq
from bochum_kg.web import i18n
from bochum_kg.web.context import kg, prefixes


def example_params(query: nq.NamedQuery, lang: str) -> dict[str, str]:
    """The query's first example's parameters, with `lang` set to the page's language where the
    query takes it (so the labels come in the language of the page)."""
    params = next((dict(e.params) for e in query.examples if e.params), {})
    if query.parameter("lang") is not None:
        params["lang"] = lang
    return params


def example_queries(lang: str) -> list[dict]:
    """The named queries as workbench examples in `lang`, with their parameters written in."""
    examples = []
    for query in kg().catalogue.values():
        params = example_params(query, lang)
        text = query.text
        try:  # the example's values and every default, so the example runs as loaded
            text = nq.inline_bindings(query.text, nq.bind_parameters(query, params))
        except (nq.ParameterError, ValueError) as err:  # a required parameter without an example; keep the plain text
            current_app.logger.info("workbench example %s: %s", query.name, err)
        title, title_lang = query.text_in("title", lang)
        summary, summary_lang = query.text_in("summary", lang)
        examples.append({
            "name": query.name,
            "title": title,
            "title_lang": title_lang,  # the language the text is in: the page's, or a fallback's
            "summary": summary,
            "summary_lang": summary_lang,
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
    examples = example_queries(i18n.request_language())
    return render_template("workbench/workbench.html", examples=examples, config=config)
