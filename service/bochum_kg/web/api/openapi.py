"""The OpenAPI 3.1 document of /api/, generated from the named queries' headers.

Each named query becomes one operation (GET /api/{name}) whose parameters, types, defaults,
enumerations and descriptions come from its `#+` header, so the document cannot drift from the
queries. The fixed endpoints of the relationship views are described here by hand.
"""

from __future__ import annotations

from flask import request

from bochum_kg.kg import catalog as nq
from bochum_kg.web.api import results
from bochum_kg.kg import formats as neg
from bochum_kg.web.api.paging import DEFAULT_LIMIT, MAX_LIMIT
from bochum_kg.web.api.views import GRAPH_FORMATS, GRAPH_TYPES, RESERVED_PARAMETERS
from bochum_kg.web.context import kg

# http(s) IRIs in a conservative RFC 3987 subset: everything this pattern allows, the parameter
# binder and the store accept (the binder accepts more, e.g. urn: IRIs).
_CHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2}|[\u00A0-\uD7FF])"
IRI_PATTERN = (r"^https?://[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?(?::[0-9]{1,5})?"
               rf"(?:/{_CHAR}*)?(?:\?(?:{_CHAR}|\?)*)?(?:#(?:{_CHAR}|\?)*)?$")

ERROR_SCHEMA = {
    "type": "object",
    "required": ["status", "error", "message"],
    "properties": {
        "status": {"type": "integer"},
        "error": {"type": "string"},
        "message": {"type": "string"},
        "parameter": {"type": "string", "description": "The parameter that is missing or wrong (400)."},
    },
}

TERM_VALUE = {"type": ["string", "number", "boolean", "null"]}

SPARQL_JSON_SCHEMA = {
    "type": "object",
    "required": ["head", "results"],
    "properties": {
        "head": {"type": "object", "properties": {"vars": {"type": "array", "items": {"type": "string"}}}},
        "results": {
            "type": "object",
            "properties": {"bindings": {"type": "array", "items": {"type": "object"}}},
        },
    },
}

LANG_PARAMETER = {
    "name": "lang", "in": "query", "required": False,
    "description": "Language of the labels (de or en); a missing label falls back to the other language.",
    "schema": {"type": "string", "enum": ["de", "en"], "default": "de"},
}

# the lists that are paged (web/api/paging.py): named SELECT queries and the gap tables
PAGING_PARAMETERS = [
    {"name": "limit", "in": "query", "required": False, "description": "Rows per page.",
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}},
    {"name": "offset", "in": "query", "required": False, "description": "Rows to skip.",
     "schema": {"type": "integer", "minimum": 0, "default": 0}},
]
PAGING_HEADERS = {
    "Link": {"description": "RFC 8288 links to the first, previous, next and last page.", "schema": {"type": "string"}},
    "X-Total-Count": {"description": "Number of rows of all pages.", "schema": {"type": "integer"}},
}
PAGES_DESCRIBED = "`Link` (first, prev, next, last) and `X-Total-Count` describe the pages."


def _error_responses(*codes: int) -> dict:
    reasons = {
        400: "A parameter is missing or ill-typed; `parameter` names it.",
        404: "No such query or resource.",
        406: "The requested format is not offered.",
        503: "The query took too long and was stopped.",
    }
    return {
        str(code): {"description": reasons[code], "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for code in codes
    }


def parameter_schema(parameter: nq.Parameter) -> dict:
    if parameter.type == "iri":
        schema = {"type": "string", "format": "iri", "pattern": IRI_PATTERN}
    elif parameter.type == "integer":
        schema = {"type": "integer"}
    elif parameter.type == "date":
        schema = {"type": "string", "format": "date"}
    elif parameter.type == "enum":
        schema = {"type": "string", "enum": list(parameter.enum or ())}
    elif parameter.type == "lang-string":
        schema = {"type": "string", "pattern": r"^.*@[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"}
    else:
        schema = {"type": "string"}
    if parameter.default is not None:
        schema["default"] = int(parameter.default) if parameter.type == "integer" else parameter.default
    return schema


def _query_parameters(query: nq.NamedQuery) -> list[dict]:
    out = []
    for p in query.parameters:
        description = p.description
        if p.rdf_class:
            description += f" (an IRI of a {p.rdf_class})"
        if p.type == "lang-string":
            description += " Written text@language, e.g. Wissen@de."
        entry = {"name": p.name, "in": "query", "required": p.required, "description": description, "schema": parameter_schema(p)}
        examples = {f"example{i + 1}": {"summary": e.title, "value": e.params[p.name]}
                    for i, e in enumerate(query.examples) if p.name in e.params}
        if examples:
            entry["examples"] = examples
        out.append(entry)
    return out


def _select_operation(query: nq.NamedQuery) -> dict:
    row = {"type": "object", "properties": {v: TERM_VALUE for v in query.variables}, "additionalProperties": False}
    return {
        "parameters": _query_parameters(query) + [
            {"name": "format", "in": "query", "required": False,
             "description": "Result format; overrides Accept. json = plain array (default), srj = SPARQL JSON.",
             "schema": {"type": "string", "enum": sorted(results.SELECT_FORMATS)}},
            *PAGING_PARAMETERS,
        ],
        "responses": {
            "200": {
                "description": "One page of rows. " + PAGES_DESCRIBED,
                "headers": PAGING_HEADERS,
                "content": {
                    results.PLAIN_JSON: {"schema": {"type": "array", "items": row}},
                    neg.SPARQL_JSON: {"schema": SPARQL_JSON_SCHEMA},
                    neg.SPARQL_CSV: {"schema": {"type": "string"}},
                    neg.SPARQL_TSV: {"schema": {"type": "string"}},
                },
            },
            **_error_responses(400, 406, 503),
        },
    }


def _graph_operation(query: nq.NamedQuery) -> dict:
    return {
        "parameters": _query_parameters(query) + [
            {"name": "format", "in": "query", "required": False, "description": "RDF format; overrides Accept.",
             "schema": {"type": "string", "enum": sorted(GRAPH_FORMATS)}},
        ],
        "responses": {
            "200": {
                "description": "The constructed graph.",
                "content": {t: {"schema": {"type": ["object", "array"]} if t == neg.JSONLD else {"type": "string"}} for t in GRAPH_TYPES},
            },
            **_error_responses(400, 406, 503),
        },
    }


def _ask_operation(query: nq.NamedQuery) -> dict:
    return {
        "parameters": _query_parameters(query) + [
            {"name": "format", "in": "query", "required": False, "schema": {"type": "string", "enum": ["json", "srj"]}},
        ],
        "responses": {
            "200": {"description": "The answer.", "content": {
                results.PLAIN_JSON: {"schema": {"type": "boolean"}},
                neg.SPARQL_JSON: {"schema": {"type": "object", "required": ["boolean"]}},
            }},
            **_error_responses(400, 406, 503),
        },
    }


def _operation(query: nq.NamedQuery) -> dict:
    if query.form == "SELECT":
        body = _select_operation(query)
    elif query.form == "ASK":
        body = _ask_operation(query)
    else:
        body = _graph_operation(query)
    return {
        "operationId": "query_" + query.name.replace("-", "_"),
        "summary": query.summary,
        "description": query.description + f"\n\nQuery form: {query.form}.",
        "tags": list(query.tags) or ["queries"],
        **body,
    }


def _fixed_paths() -> dict:
    # Long by nature: one declarative OpenAPI entry per fixed path, read top to bottom like the document.
    resource_param = {"name": "resource", "in": "query", "required": True, "description": "IRI of a resource of the graph.",
                      "schema": {"type": "string", "pattern": IRI_PATTERN}}
    graph_schema = {"$ref": "#/components/schemas/Graph"}
    json_ok = lambda description, schema: {"description": description, "content": {"application/json": {"schema": schema}}}  # noqa: E731
    return {
        "/api/": {"get": {
            "operationId": "catalogue", "summary": "The catalogue of named queries", "tags": ["catalogue"],
            "responses": {"200": {"description": "The named queries with their parameters.", "content": {
                "application/json": {"schema": {"type": "object", "required": ["queries"], "properties": {
                    "queries": {"type": "array", "items": {"type": "object", "required": ["name", "summary", "parameters"]}}}}},
                "text/html": {"schema": {"type": "string"}},
            }}, **_error_responses(406)},
        }},
        "/api/terms": {"get": {
            "operationId": "ontology_terms", "summary": "Classes and properties of the ontology (autocompletion)",
            "tags": ["catalogue"],
            "responses": {"200": json_ok("Prefixes, classes and properties with labels.", {
                "type": "object", "required": ["prefixes", "classes", "properties"]})},
        }},
        "/api/neighbourhood": {"get": {
            "operationId": "neighbourhood", "summary": "A resource and its neighbours as nodes and edges",
            "description": "Links to and from other resources (rdf:type and sources left out); participations "
                           "are folded into project–actor edges named by the role. The explorer draws this.",
            "tags": ["relationships"],
            "parameters": [resource_param, LANG_PARAMETER],
            "responses": {"200": json_ok("Nodes, edges and the classes present.", graph_schema), **_error_responses(400, 404)},
        }},
        "/api/paths": {"get": {
            "operationId": "paths", "summary": "How are two resources connected? The shortest paths between them",
            "tags": ["relationships"],
            "parameters": [
                {**resource_param, "name": "from", "description": "IRI where the paths start."},
                {**resource_param, "name": "to", "description": "IRI where the paths end."},
                {"name": "max_length", "in": "query", "required": False, "description": "Longest path searched, in steps.",
                 "schema": {"type": "integer", "minimum": 1, "maximum": 6, "default": 4}},
                LANG_PARAMETER,
            ],
            "responses": {"200": json_ok("The shortest paths (empty when none is that short).", {
                "allOf": [graph_schema, {"type": "object", "required": ["paths", "length"], "properties": {
                    "paths": {"type": "array"}, "length": {"type": ["integer", "null"]}}}]}),
                **_error_responses(400, 404)},
        }},
        "/api/lookup": {"get": {
            "operationId": "lookup", "summary": "Find resources by label (for the view forms)",
            "tags": ["relationships"],
            "parameters": [
                {"name": "q", "in": "query", "required": True, "description": "Part of a label, a prefixed name or an IRI.",
                 "schema": {"type": "string", "minLength": 1}},
                LANG_PARAMETER,
            ],
            "responses": {"200": json_ok("Matching resources, best first.", {"type": "array", "items": {
                "type": "object", "required": ["iri", "label"]}}), **_error_responses(400)},
        }},
        "/api/gaps/{table}": {"get": {
            "operationId": "gaps", "summary": "Gap and overlap analysis tables",
            "description": "goals: every goal with its projects and leads (no projects = a gap); projects: the projects "
                           "of each competence, what they serve and who leads them; competences: projects and actors per "
                           "competence; actors: projects per actor; shared: projects that share actors.",
            "tags": ["relationships"],
            "parameters": [
                {"name": "table", "in": "path", "required": True,
                 "schema": {"type": "string", "enum": ["goals", "projects", "competences", "actors", "shared"]}},
                {"name": "competence", "in": "query", "required": False,
                 "description": "Only goals of this competence (table goals).",
                 "schema": {"type": "string", "pattern": IRI_PATTERN}},
                LANG_PARAMETER,
                {"name": "format", "in": "query", "required": False, "schema": {"type": "string", "enum": ["json", "csv"]}},
                *PAGING_PARAMETERS,
            ],
            "responses": {"200": {"description": f"One page of the table ({DEFAULT_LIMIT} rows unless `limit` says "
                                                 "otherwise). " + PAGES_DESCRIBED,
                                  "headers": PAGING_HEADERS, "content": {
                "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                "text/csv": {"schema": {"type": "string"}},
            }}, **_error_responses(400, 404, 406)},
        }},
    }


def build_openapi(catalogue: nq.Catalogue, reserved: set[str]) -> dict:
    """The whole document; queries whose name a fixed endpoint takes are left out (and logged)."""
    paths = _fixed_paths()
    for query in catalogue.values():
        if query.name in reserved or any(p.name in RESERVED_PARAMETERS for p in query.parameters):
            continue
        paths["/api/" + query.name] = {"get": _operation(query)}
    public = kg().settings.public_url
    server = public.rstrip("/") if public else request.url_root.rstrip("/")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Bochum Strategie 2030 – query API",
            "version": "1.0.0",
            "description": (
                "Named SPARQL queries over the Bochum Strategie 2030 knowledge graph as a REST API, plus the data "
                "behind the relationship views. SELECT queries answer a plain JSON array by default (IRIs and "
                "literals as strings, numbers as numbers); SPARQL JSON, CSV or TSV with Accept or ?format=. "
                "Errors are JSON: {status, error, message, parameter?}."
            ),
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": server}],
        "tags": sorted(({"name": t} for t in {t for q in catalogue.values() for t in q.tags} | {"catalogue", "relationships"}),
                       key=lambda t: t["name"]),
        "paths": paths,
        "components": {
            "schemas": {
                "Error": ERROR_SCHEMA,
                "Graph": {"type": "object", "required": ["nodes", "edges", "classes"], "properties": {
                    "nodes": {"type": "array", "items": {"type": "object", "required": ["id", "label", "class"], "properties": {
                        "id": {"type": "string"}, "label": {"type": "string"}, "name": {"type": "string"},
                        "class": {"type": ["string", "null"]}, "class_label": {"type": "string"},
                        "page": {"type": ["string", "null"]}}}},
                    "edges": {"type": "array", "items": {"type": "object", "required": ["source", "target", "predicate", "label"]}},
                    "classes": {"type": "array", "items": {"type": "object", "required": ["label", "count"]}},
                }},
            },
        },
    }
