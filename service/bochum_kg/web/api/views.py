"""The query API: every named query of queries/ as a REST resource, documented by OpenAPI 3.1.

    GET /api/                 the catalogue (JSON; HTML for browsers)
    GET /api/docs             the readable API page (HTML)
    GET /api/openapi.json     OpenAPI 3.1, generated from the query headers
    GET /api/terms            classes and properties of the ontology (for autocompletion)
    GET /api/{name}?param=…   run one named query

The relationship views' JSON (/api/neighbourhood, /api/paths, /api/lookup, /api/gaps/…) is in
relations.py; fixed names like these win over /api/{name} (Werkzeug prefers static rules).

SELECT answers a plain JSON array by default; SPARQL JSON, CSV or TSV by Accept or ?format=.
CONSTRUCT / DESCRIBE answer RDF (Turtle, N-Triples, JSON-LD, RDF/XML). Parameters are bound as
RDF terms by kg/catalog.py; a wrong one is a 400 that names it. SELECT results are
paged with ?limit= and ?offset=; Link headers (first, prev, next, last) and X-Total-Count say
where the other pages are. A request keeps at most the server's row cap of rows (triples for a
graph) in memory: beyond it the answer says X-Row-Cap-Reached: true and counts only what it kept.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from flask import Response, current_app, render_template, request

from bochum_kg.kg import catalog as nq
from bochum_kg.kg.store.base import QueryRejected, QuerySyntaxError, QueryTimeout
from bochum_kg.kg import formats as neg
from bochum_kg.kg import rdf_documents
from bochum_kg.web import iris
from bochum_kg.web.api import paging, results
from bochum_kg.web.api.class_choices import class_choices
from bochum_kg.web.context import kg
from bochum_kg.web.errors import api_error
from bochum_kg.web.http.response_cache import mark_replayable
from bochum_kg.web.params import is_iri as iri_ok

RESERVED_PARAMETERS = ("format", "limit", "offset")

GRAPH_TYPES = [neg.TURTLE, neg.JSONLD, neg.NTRIPLES, neg.RDFXML]
GRAPH_FORMATS = {"ttl": neg.TURTLE, "turtle": neg.TURTLE, "jsonld": neg.JSONLD, "json-ld": neg.JSONLD,
                 "nt": neg.NTRIPLES, "ntriples": neg.NTRIPLES, "rdf": neg.RDFXML, "rdfxml": neg.RDFXML}
GRAPH_ALIASES = {"application/json": neg.JSONLD, "application/x-turtle": neg.TURTLE, "text/plain": neg.NTRIPLES,
                 "application/xml": neg.RDFXML, "text/xml": neg.RDFXML}
ASK_TYPES = [results.PLAIN_JSON, neg.SPARQL_JSON]

def catalogue() -> nq.Catalogue:
    """The app's named queries (loaded with the knowledge graph when the app was built)."""
    return kg().catalogue


def reserved_names() -> set[str]:
    """Paths under /api/ that are not named queries (a query of that name could not be reached)."""
    names = set()
    for rule in current_app.url_map.iter_rules():
        if rule.rule.startswith("/api/") and "<" not in rule.rule:
            names.add(rule.rule[len("/api/"):].split("/")[0])
    return names - {""}


# --- the catalogue -----------------------------------------------------------------------------


def query_url(query: nq.NamedQuery, params: dict | None = None, **extra) -> str:
    query_string = urlencode({**(params or {}), **{k: v for k, v in extra.items() if v is not None}})
    return request.script_root + "/api/" + query.name + ("?" + query_string if query_string else "")


def describe_query(query: nq.NamedQuery) -> dict:
    """A catalogue entry: everything a client needs to call the query."""
    return {
        "name": query.name,
        "summary": query.summary,
        "description": query.description,
        "tags": list(query.tags),
        "form": query.form,
        "url": iris.server_url("/api/" + query.name),
        "variables": list(query.variables),
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "required": p.required,
                "default": p.default,
                "description": p.description,
                **({"enum": list(p.enum)} if p.enum else {}),
                **({"class": p.rdf_class} if p.rdf_class else {}),
            }
            for p in query.parameters
        ],
        "examples": [
            {"title": e.title, "params": dict(e.params), "url": iris.server_url("/api/" + query.name)
             + ("?" + urlencode(dict(e.params)) if e.params else "")}
            for e in query.examples
        ],
    }


def wants_html() -> bool:
    asked = request.args.get("format")
    if asked is not None:
        return asked == "html"
    return neg.accepts_html(request.headers.get("Accept"))


def index():
    if wants_html():
        response = current_app.make_response(docs())
        response.headers["Vary"] = "Accept"
        return response
    asked = request.args.get("format")
    if asked not in (None, "json"):
        return api_error(406, f"format '{asked}' is not offered here; use json or html")
    if neg.choose(request.headers.get("Accept"), [neg.JSON, neg.HTML]) is None:
        return api_error(406, "the catalogue is offered as application/json or text/html")
    response = current_app.json.response({
        "queries": [describe_query(q) for q in catalogue().values()],
        "openapi": iris.server_url("/api/openapi.json"),
        "docs": iris.server_url("/api/docs"),
    })
    response.headers["Vary"] = "Accept"
    return response


def docs():
    queries = list(catalogue().values())
    choices = class_choices({p.rdf_class for q in queries for p in q.parameters if p.rdf_class})
    return render_template(
        "views/api_docs.html",
        queries=queries,
        choices=choices,
        query_url=query_url,
        workbench_url=_workbench_url,
        default_limit=paging.DEFAULT_LIMIT,
        max_limit=paging.MAX_LIMIT,
    )


def _workbench_url(query: nq.NamedQuery, params: dict) -> str | None:
    """The workbench with this query (example parameters written in as a VALUES block)."""
    try:
        bindings = nq.bind_parameters(query, params)
        text = nq.inline_bindings(query.text, bindings) if bindings else query.text
    except (nq.ParameterError, ValueError):
        return None
    return request.script_root + "/workbench?" + urlencode({"query": text})


def openapi_document():
    from bochum_kg.web.api.openapi import build_openapi

    document = build_openapi(catalogue(), reserved_names())
    return Response(json.dumps(document, ensure_ascii=False, indent=2) + "\n", mimetype="application/json")


def terms():
    """Classes and properties of the ontology with labels: the workbench's autocompletion."""
    from bochum_kg.kg.vocabulary_terms import ontology_terms

    return ontology_terms(kg())


# --- running a query ---------------------------------------------------------------------------


def _chosen_type(offers: list[str], formats: dict[str, str], aliases: dict[str, str] | None = None):
    """(media type, None) or (None, error response) from ?format= (which wins) or Accept."""
    asked = request.args.get("format")
    if asked is not None:
        mimetype = formats.get(asked.strip().lower()) or (asked if asked in offers else None)
        if mimetype is None or mimetype not in offers:
            names = ", ".join(sorted(formats))
            return None, api_error(406, f"format '{asked}' is not offered for this query; use one of {names}")
        return mimetype, None
    mimetype = neg.choose(request.headers.get("Accept"), offers, aliases)
    if mimetype is None:
        return None, api_error(406, "none of the accepted media types is offered; this query answers in "
                               + ", ".join(offers))
    return mimetype, None


def run(name: str):
    try:
        query = catalogue()[name]
    except nq.UnknownQueryError as err:
        return api_error(404, f"no named query '{name}'; the catalogue is at /api/", known=err.known)
    raw = {k: v for k, v in request.args.items() if k not in RESERVED_PARAMETERS and not _blank(query, k, v)}
    try:
        _check_iris(query, raw)
        run_form = {"SELECT": _run_select, "ASK": _run_ask}.get(query.form, _run_graph)
        response = run_form(query, raw)
        mark_replayable(request.environ)  # the cache keeps it only if it is a 200
        return response
    except nq.ParameterError as err:
        return api_error(400, str(err), parameter=err.parameter_name)
    except QueryTimeout:
        return api_error(503, f"the query took longer than {kg().settings.query_timeout:g} s and was stopped")
    except (QueryRejected, QuerySyntaxError) as err:  # a named query the store cannot run: our fault
        current_app.logger.error("named query %s failed: %s", name, err)
        return api_error(500, f"named query '{name}' could not be run by the store")


def _check_iris(query: nq.NamedQuery, raw: dict) -> None:
    """IRIs exactly as strict as the store parses them (RFC 3987), so a bad one is a 400, not a 500."""
    for name, value in raw.items():
        parameter = query.parameter(name)
        if parameter is not None and parameter.type == "iri" and not iri_ok(value):
            raise nq.ParameterError(name, f"not an absolute IRI: {value!r}")


def _blank(query: nq.NamedQuery, name: str, value: str) -> bool:
    """An empty field of an HTML form means "not given" (except for text parameters, where "" is a value)."""
    parameter = query.parameter(name)
    return value == "" and parameter is not None and parameter.type not in ("string", "lang-string")


def _run_select(query: nq.NamedQuery, raw: dict) -> Response:
    mimetype, error = _chosen_type(results.SELECT_TYPES, results.SELECT_FORMATS)
    if error:
        return error
    limit, offset = paging.window()
    result = nq.run_named_query(kg().store, query, raw, kg().settings, max_rows=kg().settings.row_cap,
                                window=(offset, limit))
    total, page = result.total, result.rows
    variables = list(result.variables)
    if mimetype == results.PLAIN_JSON:
        body = json.dumps(results.plain_rows(variables, page), ensure_ascii=False, indent=1)
    elif mimetype == neg.SPARQL_JSON:
        body = json.dumps(results.sparql_json(variables, page), ensure_ascii=False)
    elif mimetype == neg.SPARQL_CSV:
        body = results.to_csv(variables, page)
    else:
        body = results.to_tsv(variables, page)
    response = Response(body, mimetype=mimetype)
    if mimetype in (neg.SPARQL_CSV, neg.SPARQL_TSV):
        response.headers["Content-Type"] = f"{mimetype}; charset=utf-8"
        suffix = "csv" if mimetype == neg.SPARQL_CSV else "tsv"
        response.headers["Content-Disposition"] = f'inline; filename="{query.name}.{suffix}"'
    paging.describe_page(response, "/api/" + query.name, limit, offset, total)
    response.headers["Vary"] = "Accept"
    if result.truncated:
        response.headers["X-Row-Cap-Reached"] = "true"
    return response


def _bound_text(query: nq.NamedQuery, raw: dict) -> str:
    bindings = nq.bind_parameters(query, raw, kg().settings)
    return nq.inline_bindings(query.text, bindings) if bindings else query.text


def _run_ask(query: nq.NamedQuery, raw: dict) -> Response:
    mimetype, error = _chosen_type(ASK_TYPES, {"json": results.PLAIN_JSON, "srj": neg.SPARQL_JSON})
    if error:
        return error
    answer = kg().store.ask(_bound_text(query, raw), timeout=kg().settings.query_timeout)
    body = {"head": {}, "boolean": answer} if mimetype == neg.SPARQL_JSON else answer
    response = Response(json.dumps(body), mimetype=mimetype)
    response.headers["Vary"] = "Accept"
    return response


def _run_graph(query: nq.NamedQuery, raw: dict) -> Response:
    mimetype, error = _chosen_type(GRAPH_TYPES, GRAPH_FORMATS, GRAPH_ALIASES)
    if error:
        return error
    graph = kg().store.construct(_bound_text(query, raw), timeout=kg().settings.query_timeout, max_rows=kg().settings.row_cap)
    base = kg().settings.base_iri
    if mimetype == neg.JSONLD:
        body = rdf_documents.serialize(graph, mimetype, base, kg().jsonld_context)
    else:
        body = rdf_documents.serialize(graph, mimetype, base)
    response = Response(body, mimetype=mimetype)
    response.headers["Vary"] = "Accept"
    response.headers["X-Total-Count"] = str(len(graph))
    if graph.truncated:
        response.headers["X-Row-Cap-Reached"] = "true"
    return response
