"""Every URL rule of the service, in one table: path -> view (methods, endpoint name).

create_app registers ROUTES in this order; tests/web/test_routes.py pins the whole URL space path
by path, so a new or moved route is a visible change there too. Flask's own static route is
off: /static/ is in the table too (web/http/assets.py, fingerprinted file names).

How the linked-data paths divide: every path whose meaning the code knows has its own rule
(/ontology, /dataset, /catalog, /graph/..., the index of each kind /{kind}/ and /{kind} -> 301).
Werkzeug prefers a rule with more static text or a narrower converter, whatever the order, so
`any(...)` lists name exactly the index segments and suffixes and nothing else falls into them;
a rule ending in "/" would make Werkzeug answer 308 for the path without the slash, so each index
also has a rule without the slash (its 301). The catch-all /<path:path> comes last and answers
for everything else: which paths name resources is decided by the data, not by the code (any
subject or object under the base IRI has a page), so only a look into the store can tell a
resource from a 404. The views of /graph/{name} and /ontology/{version} hand a path that is not
a named graph or a version IRI on to the catch-all, which then treats it like any other path.

A route marked `upload=True` takes a file: its bodies may be as large as
`Settings.max_upload_bytes` instead of `max_request_bytes` (web/http/uploads.py).

Endpoint names are the ones templates pass to url_for (the planner's JSON keeps its
"workbench.views." names although it lives in web/api/relations.py): rename them only together
with the templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from flask import Flask

from bochum_kg.web import health, iris
from bochum_kg.web.curate import views as curate
from bochum_kg.web.http import assets, metrics, readiness
from bochum_kg.web.api import relations
from bochum_kg.web.api import views as api
from bochum_kg.web.pages import documents
from bochum_kg.web.pages import views as pages
from bochum_kg.web.pages.indexes import INDEXES
from bochum_kg.web.sparql import endpoint as sparql
from bochum_kg.web.workbench import planner
from bochum_kg.web.workbench import views as workbench


def _any(names) -> str:
    """A Werkzeug `any` converter that matches exactly these path segments."""
    return "any(" + ", ".join(f'"{name}"' for name in names) + ")"


KIND = _any(INDEXES)  # the index segments: competence, project, actor, ... (web/pages/indexes.py)
SUFFIX = _any(iris.DOCUMENT_SUFFIXES)  # html, ttl, jsonld, rdf, nt
DATASET = _any(("dataset", "catalog"))
GET = ("GET",)
GET_POST = ("GET", "POST")


@dataclass(frozen=True)
class Route:
    rule: str
    view: Callable
    endpoint: str
    methods: tuple[str, ...] = GET
    defaults: dict = field(default_factory=dict)
    upload: bool = False  # takes a file: the larger body limit of web/http/uploads.py


ROUTES: tuple[Route, ...] = (
    Route("/healthz", health.healthz, "healthz"),
    Route("/readyz", readiness.readyz, "readyz"),
    Route("/metrics", metrics.metrics_page, "metrics"),
    Route("/static/<path:filename>", assets.static_file, "static"),  # web/static/, by fingerprinted name
    Route("/favicon.ico", assets.favicon, "favicon"),
    # SPARQL 1.1 Protocol (web/sparql/)
    Route("/sparql", sparql.endpoint, "sparql.endpoint", GET_POST),  # first: url_for gives /sparql
    Route("/sparql/", sparql.endpoint, "sparql.endpoint", GET_POST),  # clients (and W3C test texts) that add a slash
    # REST API (web/api/): the catalogue and documents, the planner views' JSON, then the named queries
    Route("/api/", api.index, "api.index"),
    Route("/api/docs", api.docs, "api.docs"),
    Route("/api/openapi.json", api.openapi_document, "api.openapi_document"),
    Route("/api/terms", api.terms, "api.terms"),
    Route("/api/neighbourhood", relations.neighbourhood_json, "workbench.views.neighbourhood_json"),
    Route("/api/paths", relations.paths_json, "workbench.views.paths_json"),
    Route("/api/lookup", relations.lookup_json, "workbench.views.lookup_json"),
    Route("/api/gaps/<table>", relations.gaps_json, "workbench.views.gaps_json"),
    Route("/api/<name>", api.run, "api.run"),  # every fixed /api/ name above wins over a query name
    # query workbench and relationship views for planners (web/workbench/)
    Route("/workbench", workbench.page, "workbench.page"),
    Route("/explore", planner.explore, "workbench.views.explore"),
    Route("/paths", planner.paths_page, "workbench.views.paths_page"),
    Route("/gaps", planner.gaps_page, "workbench.views.gaps_page"),
    # keeping the data up to date in a spreadsheet (web/curate/): check and preview, nothing is written
    Route("/curate", curate.page, "curate.page", GET_POST, upload=True),
    Route("/curate/workbook.xlsx", curate.workbook, "curate.workbook"),
    # linked-data pages (web/pages/views.py)
    Route("/", pages.home, "pages.home"),
    Route("/search", pages.search, "pages.search"),
    Route("/context.jsonld", pages.jsonld_context, "pages.jsonld_context"),
    Route("/.well-known/void", pages.well_known_void, "pages.well_known_void"),
    Route("/sitemap.xml", pages.sitemap, "pages.sitemap"),
    Route("/sitemap-<int:part>.xml", pages.sitemap_part, "pages.sitemap_part"),
    Route("/robots.txt", pages.robots, "pages.robots"),
    Route("/sources", pages.sources, "pages.sources"),
    Route("/dumps/", pages.dumps_index, "pages.dumps_index"),
    Route("/dumps/<filename>", pages.dump_file, "pages.dump_file"),
    # dereferenceable things the code knows (web/pages/documents.py)
    Route(f"/<{KIND}:segment>", documents.index_redirect, "pages.index_redirect"),
    Route(f"/<{KIND}:segment>/", documents.index, "pages.index"),
    Route("/graph", documents.index_redirect, "pages.graphs_redirect", defaults={"segment": "graph"}),
    Route("/graph/", documents.graphs_index, "pages.graphs_index"),
    Route("/graph/<path:name>", documents.named_graph, "pages.named_graph"),
    Route("/ontology", documents.ontology, "pages.ontology"),
    Route(f"/ontology.<{SUFFIX}:suffix>", documents.ontology, "pages.ontology"),
    Route("/ontology/<path:version>", documents.ontology_version, "pages.ontology_version"),
    Route(f"/<{DATASET}:name>", documents.dataset, "pages.dataset"),
    Route(f"/<{DATASET}:name>.<{SUFFIX}:suffix>", documents.dataset, "pages.dataset"),
    # everything else: a resource the data describes, or 400 / 404 (see the module docstring)
    Route("/<path:path>", documents.resource, "pages.resource"),
)


UPLOAD_RULES = tuple(route.rule for route in ROUTES if route.upload)


def register_routes(app: Flask) -> None:
    for route in ROUTES:
        app.add_url_rule(route.rule, route.endpoint, route.view, methods=list(route.methods),
                         defaults=route.defaults or None)
