"""The URL space pinned path by path: which view answers each method and path (web/routes.py).

Every rule of the table must be reached by at least one row below, and the app must register
exactly the table, so adding, removing or re-ranking a route changes this file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from bochum_kg.web import routes

TEMPLATES = Path(routes.__file__).parent / "templates"


def redirect(to: str) -> str:
    return "redirect " + to


NOT_ALLOWED = "405"

RES = "pages.documents.resource"  # the catch-all

# (method, path, view or outcome, URL arguments)
URL_SPACE = [
    ("GET", "/healthz", "health.healthz", {}),
    ("POST", "/healthz", NOT_ALLOWED, None),
    ("GET", "/readyz", "http.readiness.readyz", {}),
    ("GET", "/metrics", "http.metrics.metrics_page", {}),
    # SPARQL protocol
    ("GET", "/sparql", "sparql.endpoint.endpoint", {}),
    ("POST", "/sparql", "sparql.endpoint.endpoint", {}),
    ("GET", "/sparql/", "sparql.endpoint.endpoint", {}),
    ("PUT", "/sparql", NOT_ALLOWED, None),
    # REST API
    ("GET", "/api/", "api.views.index", {}),
    ("GET", "/api", redirect("http://localhost/api/"), None),
    ("GET", "/api/docs", "api.views.docs", {}),
    ("GET", "/api/openapi.json", "api.views.openapi_document", {}),
    ("GET", "/api/terms", "api.views.terms", {}),
    ("GET", "/api/neighbourhood", "api.relations.neighbourhood_json", {}),
    ("GET", "/api/paths", "api.relations.paths_json", {}),
    ("GET", "/api/lookup", "api.relations.lookup_json", {}),
    ("GET", "/api/gaps/goals-without-projects", "api.relations.gaps_json", {"table": "goals-without-projects"}),
    ("GET", "/api/gaps", "api.views.run", {"name": "gaps"}),
    ("GET", "/api/competences", "api.views.run", {"name": "competences"}),
    ("POST", "/api/competences", NOT_ALLOWED, None),
    ("GET", "/api/a/b", RES, {"path": "api/a/b"}),
    # workbench and relationship views
    ("GET", "/workbench", "workbench.views.page", {}),
    ("GET", "/workbench/", RES, {"path": "workbench/"}),
    ("GET", "/explore", "workbench.planner.explore", {}),
    ("GET", "/paths", "workbench.planner.paths_page", {}),
    ("GET", "/gaps", "workbench.planner.gaps_page", {}),
    # keeping the data up to date in a spreadsheet
    ("GET", "/curate", "curate.views.page", {}),
    ("POST", "/curate", "curate.views.page", {}),
    ("PUT", "/curate", NOT_ALLOWED, None),
    ("GET", "/curate/workbook.xlsx", "curate.views.workbook", {}),
    ("POST", "/curate/workbook.xlsx", NOT_ALLOWED, None),
    ("GET", "/curate/", RES, {"path": "curate/"}),
    ("GET", "/curate/workbook.csv", RES, {"path": "curate/workbook.csv"}),
    # linked-data pages
    ("GET", "/", "pages.views.home", {}),
    ("POST", "/", NOT_ALLOWED, None),
    ("GET", "/search", "pages.views.search", {}),
    ("GET", "/context.jsonld", "pages.views.jsonld_context", {}),
    ("GET", "/.well-known/void", "pages.views.well_known_void", {}),
    ("GET", "/sitemap.xml", "pages.views.sitemap", {}),
    ("GET", "/sitemap-2.xml", "pages.views.sitemap_part", {"part": 2}),
    ("GET", "/sitemap-x.xml", RES, {"path": "sitemap-x.xml"}),
    ("GET", "/robots.txt", "pages.views.robots", {}),
    ("GET", "/favicon.ico", "http.assets.favicon", {}),
    ("GET", "/sources", "pages.views.sources", {}),
    ("GET", "/dumps/", "pages.views.dumps_index", {}),
    ("GET", "/dumps", redirect("http://localhost/dumps/"), None),
    ("GET", "/dumps/bochum-strategie.ttl.gz", "pages.views.dump_file", {"filename": "bochum-strategie.ttl.gz"}),
    # indexes: their own rules, and no Werkzeug slash redirect (the view answers 301 itself)
    ("GET", "/project", "pages.documents.index_redirect", {"segment": "project"}),
    ("GET", "/project/", "pages.documents.index", {"segment": "project"}),
    ("GET", "/goal-area", "pages.documents.index_redirect", {"segment": "goal-area"}),
    ("GET", "/goal-area/", "pages.documents.index", {"segment": "goal-area"}),
    ("GET", "/projects/", RES, {"path": "projects/"}),
    # named graphs
    ("GET", "/graph", "pages.documents.index_redirect", {"segment": "graph"}),
    ("GET", "/graph/", "pages.documents.graphs_index", {}),
    ("GET", "/graph/projects", "pages.documents.named_graph", {"name": "projects"}),
    ("GET", "/graph/projects.nt", "pages.documents.named_graph", {"name": "projects.nt"}),
    # the ontology, the dataset and its catalogue
    ("GET", "/ontology", "pages.documents.ontology", {}),
    ("GET", "/ontology.ttl", "pages.documents.ontology", {"suffix": "ttl"}),
    ("GET", "/ontology.html", "pages.documents.ontology", {"suffix": "html"}),
    ("GET", "/ontology.xlsx", RES, {"path": "ontology.xlsx"}),
    ("GET", "/ontology/", RES, {"path": "ontology/"}),
    ("GET", "/ontology/0.1.0", "pages.documents.ontology_version", {"version": "0.1.0"}),
    ("GET", "/dataset", "pages.documents.dataset", {"name": "dataset"}),
    ("GET", "/dataset.html", "pages.documents.dataset", {"name": "dataset", "suffix": "html"}),
    ("GET", "/catalog", "pages.documents.dataset", {"name": "catalog"}),
    ("GET", "/catalog.rdf", "pages.documents.dataset", {"name": "catalog", "suffix": "rdf"}),
    ("GET", "/datasets", RES, {"path": "datasets"}),
    # everything else: the resources the data describes
    ("GET", "/project/haus-des-wissens", RES, {"path": "project/haus-des-wissens"}),
    ("GET", "/project/haus-des-wissens.ttl", RES, {"path": "project/haus-des-wissens.ttl"}),
    ("GET", "/actor/ruhr-universitaet-bochum.html", RES, {"path": "actor/ruhr-universitaet-bochum.html"}),
    ("GET", "/nowhere/", RES, {"path": "nowhere/"}),
    ("DELETE", "/project/haus-des-wissens", NOT_ALLOWED, None),
    # static files (web/http/assets.py), by plain and by fingerprinted name
    ("GET", "/static/style.css", "static", {"filename": "style.css"}),
    ("GET", "/static/app/site.0123456789ab.js", "static", {"filename": "app/site.0123456789ab.js"}),
]


def view_name(app, endpoint: str) -> str:
    if endpoint == "static":
        return "static"  # the endpoint name url_for knows; the view is web/http/assets.py's
    view = app.view_functions[endpoint]
    return view.__module__.removeprefix("bochum_kg.web.") + "." + view.__name__


def resolve(app, method: str, path: str):
    """(outcome, arguments, rule) as the app's URL map decides it."""
    adapter = app.url_map.bind("localhost")
    try:
        rule, args = adapter.match(path, method, return_rule=True)
    except RequestRedirect as err:
        return redirect(err.new_url), None, None
    except MethodNotAllowed:
        return NOT_ALLOWED, None, None
    except NotFound:
        return "404", None, None
    return view_name(app, rule.endpoint), args, rule


@pytest.mark.parametrize("method, path, expected, args", URL_SPACE)
def test_path_goes_to_view(app, method, path, expected, args):
    outcome, found_args, _ = resolve(app, method, path)
    assert (outcome, found_args) == (expected, args)


def test_every_rule_is_pinned(app):
    reached = {(rule.rule, rule.endpoint) for _, _, rule in (resolve(app, m, p) for m, p, _, _ in URL_SPACE) if rule}
    unpinned = sorted(r.rule for r in app.url_map.iter_rules() if (r.rule, r.endpoint) not in reached)
    assert unpinned == []


def test_the_app_registers_exactly_the_table(app):
    registered = sorted((r.rule, r.endpoint, frozenset(r.methods) - {"HEAD", "OPTIONS"})
                        for r in app.url_map.iter_rules())
    table = sorted((r.rule, r.endpoint, frozenset(r.methods)) for r in routes.ROUTES)
    assert registered == table


def test_url_for_gives_the_canonical_paths(app):
    from flask import url_for

    with app.test_request_context():
        assert url_for("sparql.endpoint") == "/sparql"
        assert url_for("pages.ontology") == "/ontology"
        assert url_for("pages.ontology", suffix="ttl") == "/ontology.ttl"
        assert url_for("pages.dataset", name="catalog", suffix="html") == "/catalog.html"
        assert url_for("pages.index", segment="project") == "/project/"
        assert url_for("workbench.views.neighbourhood_json") == "/api/neighbourhood"


def _template_endpoints() -> set[str]:
    """Endpoint names the templates give url_for, directly or through a macro's argument."""
    names = set()
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        names.update(re.findall(r"url_for\(\s*['\"]([\w.]+)['\"]", text))
        names.update(re.findall(r"\(\s*['\"]([\w.]+)['\"],\s*['\"]views\.\w+['\"]\)", text))  # views_nav's list
        names.update(re.findall(r"resolution_message\([^,]+,[^,]+,\s*['\"]([\w.]+)['\"]", text))
    return names


def test_every_endpoint_the_templates_use_exists(app):
    used = _template_endpoints()
    assert {"api.run", "workbench.views.explore", "workbench.page", "api.docs"} <= used  # the scan finds them
    assert sorted(used - set(app.view_functions)) == []
