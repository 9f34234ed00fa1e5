"""The linked-data face of the service: the URL space below, one view per kind of page.

    /                          home: the strategy at a glance, entry points per audience
    /search?q=                 search (HTML; JSON by ?format=json or Accept: application/json)
    /ontology                  the ontology (hash IRIs {base}ontology#Term): 303 to .html / .ttl / ...
    /{kind}/                   index of every resource {base}{kind}/... with filters
    /{kind}/{slug}             a thing's IRI: 303 See Other to the document chosen by Accept
    /{kind}/{slug}.{suffix}    the document: html, ttl, jsonld, rdf, nt (a suffix wins over Accept)
    /dataset, /catalog         the dataset (VoID) and its DCAT-AP.de catalogue, dereferenced like the rest
    /graph/                    the named graphs; /graph/{name} dereferences to the graph's content
    /.well-known/void          VoID (200 with Vary: Accept)
    /context.jsonld            the JSON-LD @context every JSON-LD document refers to
    /dumps/, /dumps/{file}     whole-dataset dumps (Turtle, N-Triples, JSON-LD, TriG, N-Quads; .gz)
    /sources                   every source URL the data cites, by host
    /sitemap.xml, /robots.txt  every HTML page, for crawlers

The catch-all `/<path>` is registered last and has the lowest priority, so the routes of the
other blueprints (/sparql, /api/, /workbench, ...) win. `{server}/{path}` serves `{base}{path}`.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, redirect, render_template, render_template_string, request
from rdflib import Literal, URIRef

from bochum_kg.web import errors
from bochum_kg.web import iris
from bochum_kg.kg import formats as neg
from bochum_kg.web import ui_strings
from bochum_kg.web.context import kg
from bochum_kg.web.ui_strings import request_language, url_with_lang

blueprint = Blueprint("pages", __name__)

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
MAX_QUERY_CHARS = 200
# Inline (autoescaped like every Flask string template) so that packaging needs no .xml template.
SITEMAP_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{%- for url in urls %}
  <url><loc>{{ url }}</loc></url>
{%- endfor %}
</urlset>
"""


@blueprint.app_context_processor
def layout_context() -> dict:
    """What base.html needs on every page, whichever blueprint renders it."""
    return {
        "ui_lang": ui_strings.request_language(),
        "t": ui_strings.t,
        "lang_switch_url": ui_strings.lang_switch_url,
        "url_with_lang": ui_strings.url_with_lang,
        "iri_href": _hit_href,
        "kg_base": kg().settings.base_iri,
    }


# --- responses ----------------------------------------------------------------------------------


_TEXTUAL = {neg.JSONLD, neg.RDFXML, neg.NTRIPLES, neg.NQUADS, neg.TRIG, neg.JSON}


def _charset(mimetype: str) -> str:
    """Textual types say they are UTF-8 (everything we write is)."""
    return mimetype + "; charset=utf-8" if mimetype.startswith("text/") or mimetype in _TEXTUAL else mimetype


def html_response(html: str, status: int = 200, alternates_of: str | None = None) -> Response:
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Vary"] = "Accept-Language"
    response.headers["Content-Language"] = request_language()
    if alternates_of:
        response.headers["Link"] = iris.link_header(alternates_of) + f', <{LICENSE}>; rel="license"'
    return response


def rdf_response(body: bytes, mimetype: str, alternates_of: str | None = None) -> Response:
    response = Response(body, status=200, content_type=_charset(mimetype))
    links = [f'<{LICENSE}>; rel="license"']
    if alternates_of:
        links.insert(0, iris.link_header(alternates_of))
    response.headers["Link"] = ", ".join(links)
    return response


def error_response(status: int, error: str, message: str) -> Response:
    """An error as an HTML page for browsers, else the service's JSON error body (web/errors.py)."""
    return errors.respond(status, error, message)


def render_error_page(status: int, error: str, message: str) -> Response:
    """The HTML error page of the whole service (installed with errors.set_html_renderer).

    A 404 suggests resources whose names resemble the last segment of the path.
    """
    suggestions = []
    if status == 404:
        from bochum_kg.kg.search import suggestions_for_path

        suggestions = suggestions_for_path(kg().search, request.path.strip("/"), request_language())
    html = render_template("error.html", status=status, error=error, message=message, suggestions=suggestions)
    return html_response(html, status)


@blueprint.record_once
def _install_error_pages(state) -> None:
    errors.set_html_renderer(state.app, render_error_page)


def not_acceptable(iri: str | None, offered: list[str] | None = None) -> Response:
    types = ", ".join(offered or iris.THING_TYPES)
    response = error_response(406, "Not Acceptable", f"None of the offered media types is acceptable: {types}.")
    response.headers["Vary"] = "Accept"
    if iri:
        response.headers["Link"] = iris.link_header(iri)
    return response


def _hit_href(iri: str) -> str:
    local = iris.local_href(iri)
    return url_with_lang(local) if local else iri


# --- what a path stands for -----------------------------------------------------------------------


class Target:
    """A dereferenceable thing: kind is resource | ontology | dataset | catalog | graph."""

    def __init__(self, kind: str, iri: str):
        self.kind = kind
        self.iri = iri


def _ontology_version_iris() -> set[str]:
    onto = URIRef(kg().settings.base_iri + "ontology")
    rows = kg().store.select("SELECT ?o ?v WHERE { ?o <http://www.w3.org/2002/07/owl#versionIRI> ?v }", {"o": onto}).rows
    return {str(r["v"]) for r in rows}


def resolve(path: str) -> Target | None:
    """What the local path (without suffix) names, or None when it is not an IRI of ours."""
    from bochum_kg.web.pages.values import resource_exists

    iri = iris.iri_for_path(path)
    if path == "ontology":
        return Target("ontology", iri)
    if path == "dataset":
        return Target("dataset", iri)
    if path == "catalog":
        return Target("catalog", iri)
    if path.startswith("graph/") and iri in kg().store.graph_names():
        return Target("graph", iri)
    if path.startswith("ontology/") and iri in _ontology_version_iris():
        return Target("ontology", kg().settings.base_iri + "ontology")
    if resource_exists(iri):
        return Target("resource", iri)
    return None


# --- views ----------------------------------------------------------------------------------------


@blueprint.get("/")
def home():
    from bochum_kg.web.pages.dataset import schema_org_dataset
    from bochum_kg.web.pages.home import home_page

    lang = request_language()
    html = render_template("home.html", page=home_page(lang), dataset_jsonld=schema_org_dataset())
    return html_response(html)


@blueprint.get("/search")
def search():
    from bochum_kg.web.context import label

    query = request.args.get("q", "").strip()
    fmt = request.args.get("format")
    if fmt is not None and fmt not in ("html", "json"):
        return error_response(400, "Bad Request", "format must be html or json")
    mimetype = neg.HTML if fmt == "html" else neg.JSON if fmt == "json" else neg.choose(request.headers.get("Accept"), [neg.HTML, neg.JSON])
    if mimetype is None:
        return not_acceptable(None, [neg.HTML, neg.JSON])
    if len(query) > MAX_QUERY_CHARS:
        return error_response(400, "Bad Request", f"The query is longer than {MAX_QUERY_CHARS} characters.")
    lang = request_language()
    hits = kg().search.search(query, lang) if query else []
    if mimetype == neg.JSON:
        if not query:
            return error_response(400, "Bad Request", "Parameter q is required.")
        body = {
            "query": query,
            "language": lang,
            "count": len(hits),
            "results": [
                {"iri": h.iri, "label": h.label, "language": h.label_lang, "match": h.match, "score": h.score,
                 "types": [{"iri": t, "label": label(t, lang)} for t in h.types],
                 "page": iris.server_url(iris.document_href(h.iri, "html")[len(request.script_root):]) if iris.local_part(h.iri) else None}
                for h in hits
            ],
        }
        response = current_app.response_class(json.dumps(body, ensure_ascii=False, indent=1) + "\n", mimetype="application/json")
        response.headers["Vary"] = "Accept, Accept-Language"
        return response
    html = render_template("search.html", query=query, hits=hits, type_label=lambda iri: label(iri, lang),
                           json_href=url_with_lang(request.script_root + "/search", q=query, format="json"))
    response = html_response(html)
    response.headers["Vary"] = "Accept, Accept-Language"
    return response


@blueprint.get("/context.jsonld")
def jsonld_context():
    body = json.dumps({"@context": kg().jsonld_context}, ensure_ascii=False, indent=2) + "\n"
    return rdf_response(body.encode("utf-8"), neg.JSONLD)


@blueprint.get("/.well-known/void")
def well_known_void():
    """VoID (RFC 5785 well-known URI): 200 with Vary: Accept, Content-Location the chosen document."""
    dataset = kg().settings.base_iri + "dataset"
    offered = [*iris.RDF_TYPES, neg.HTML]
    mimetype = iris.choose_type(offered)
    if mimetype is None:
        return not_acceptable(dataset, offered)
    response = _dataset_document(dataset, iris.SUFFIX_FOR[mimetype])
    response.headers["Vary"] = "Accept, Accept-Language" if mimetype == neg.HTML else "Accept"
    response.headers["Content-Location"] = iris.document_href(dataset, iris.SUFFIX_FOR[mimetype])
    return response


@blueprint.get("/sitemap.xml")
def sitemap():
    from bochum_kg.web.pages.indexes import INDEXES

    base = kg().settings.base_iri
    rows = kg().store.select("SELECT DISTINCT ?s ?b WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), ?b)) }",
                             {"b": Literal(base)}).rows
    pages = {"/", "/ontology.html", "/dumps/", "/sources", "/dataset.html", "/catalog.html", "/graph/"}
    pages.update(f"/{segment}/" for segment in INDEXES)
    for row in rows:
        part = iris.local_part(str(row["s"]))
        if part and "#" not in part and part != "ontology":
            pages.add("/" + part + ".html")
    urls = [iris.server_url(p) for p in sorted(pages)]
    xml = render_template_string(SITEMAP_TEMPLATE, urls=urls)
    return Response(xml, mimetype="application/xml")


@blueprint.get("/robots.txt")
def robots():
    """Everything may be crawled; the sitemap lists the pages."""
    body = f"User-agent: *\nAllow: /\nSitemap: {iris.server_url('/sitemap.xml')}\n"
    return Response(body, mimetype="text/plain")


@blueprint.get("/sources")
def sources():
    from bochum_kg.web.pages.dataset import sources_by_host

    return html_response(render_template("sources.html", hosts=sources_by_host()))


@blueprint.get("/dumps/")
def dumps_index():
    from bochum_kg.kg.dumps import FORMATS

    dumps = kg().dumps()
    return html_response(render_template("dumps.html", dumps=dumps, formats=FORMATS, stats=kg().statistics))


@blueprint.get("/dumps/<filename>")
def dump_file(filename: str):

    dumps = kg().dumps()
    dump = dumps.files.get(filename)
    if dump is None:
        return error_response(404, "Not Found", f"No dump named {filename!r}; see /dumps/.")
    encode = not dump.gzipped and request.accept_encodings["gzip"] > 0
    sent = dumps.files[filename + ".gz"] if encode else dump
    response = Response(sent.content, content_type=_charset(dump.mimetype))
    if encode:
        response.headers["Content-Encoding"] = "gzip"
    response.set_etag(sent.etag)  # conditional.py answers If-None-Match and Range with it
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Link"] = f'<{LICENSE}>; rel="license"'
    return response


def index(segment: str):
    """`/{segment}/`: the index of every resource {base}{segment}/...; routed by the catch-all
    (a `/<segment>/` rule would make Werkzeug redirect `/ontology` to `/ontology/`)."""
    from bochum_kg.web.pages.indexes import BadFilter, index_page

    if segment == "graph":
        return _graphs_index()
    try:
        page = index_page(segment, request.args, request_language())
    except BadFilter as err:
        return error_response(400, "Bad Request", str(err))
    return html_response(render_template("index.html", page=page, segment=segment))


def _graphs_index():

    counts = dict(kg().statistics.graphs)
    graphs = [(g, counts.get(g, 0), iris.local_href(g)) for g in sorted(kg().store.graph_names())]
    return html_response(render_template("graphs.html", graphs=graphs))


@blueprint.get("/<path:path>")
def resource(path: str):
    """The catch-all: `{server}/{path}` serves the IRI `{base}{path}`."""
    from bochum_kg.web.pages.indexes import INDEXES

    if not iris.is_well_formed_path(path[:-1] if path.endswith("/") else path):
        return error_response(400, "Bad Request", "The path is not a well-formed IRI path of this dataset.")
    if path in INDEXES or path == "graph":
        return redirect(url_with_lang(request.script_root + "/" + path + "/"), 301)
    if path.endswith("/") and (path[:-1] in INDEXES or path == "graph/"):
        return index(path[:-1])
    if path.endswith("/"):
        return error_response(404, "Not Found", f"Nothing is published at {iris.iri_for_path(path)}.")
    stem, suffix = iris.split_suffix(path)
    target = resolve(stem)
    if target is None:
        return error_response(404, "Not Found", f"Nothing is known about {iris.iri_for_path(stem)}.")
    if suffix is None:
        return see_other(target)
    return document(target, suffix)


def see_other(target: Target) -> Response:
    """303 See Other from a thing's IRI to the document in the representation Accept prefers."""
    mimetype = iris.choose_type()
    if mimetype is None:
        return not_acceptable(target.iri)
    location = iris.document_href(target.iri, iris.SUFFIX_FOR[mimetype])
    if request.query_string:
        location += "?" + request.query_string.decode("utf-8", "replace")
    response = redirect(location, 303)
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = iris.link_header(target.iri)
    return response


def document(target: Target, suffix: str) -> Response:
    if target.kind == "ontology":
        return _ontology_document(suffix)
    if target.kind in ("dataset", "catalog"):
        return _dataset_document(target.iri, suffix)
    if target.kind == "graph":
        return _graph_document(target.iri, suffix)
    return _resource_document(target.iri, suffix)


def _resource_document(iri: str, suffix: str) -> Response:
    from bochum_kg.web.pages.values import resource_graph
    from bochum_kg.web.pages.resource import describe_page

    mimetype = iris.DOCUMENT_SUFFIXES[suffix]
    if mimetype != neg.HTML:
        return _graph_response(resource_graph(iri), mimetype, iri)
    focus = request.args.get("inbound")
    try:
        page_number = int(request.args.get("page", "1"))
    except ValueError:
        return error_response(400, "Bad Request", "page must be a number")
    page = describe_page(iri, request_language(), focus_predicate=focus, focus_page=page_number)
    if focus and page.inbound_focus is None:
        return error_response(404, "Not Found", "No such inbound property on this resource.")
    return html_response(render_template("resource.html", page=page), alternates_of=iri)


def _graph_response(graph, mimetype: str, iri: str) -> Response:
    from bochum_kg.kg.rdf_documents import serialize

    base = kg().settings.base_iri
    if mimetype == neg.JSONLD:
        body = serialize(graph, mimetype, base, context=kg().jsonld_context, context_url=iris.server_url("/context.jsonld"))
    else:
        body = serialize(graph, mimetype, base)
    return rdf_response(body, mimetype, alternates_of=iri)


def _ontology_document(suffix: str) -> Response:
    from bochum_kg.web.pages.ontology import ontology_graph, ontology_iri, ontology_page

    iri = ontology_iri()
    mimetype = iris.DOCUMENT_SUFFIXES[suffix]
    if mimetype == neg.HTML:
        return html_response(render_template("ontology.html", page=ontology_page(request_language())), alternates_of=iri)
    if mimetype == neg.TURTLE:
        source = kg().ontology_source
        if source is not None:
            return rdf_response(source, neg.TURTLE, alternates_of=iri)
    return _graph_response(ontology_graph(), mimetype, iri)


def _dataset_document(iri: str, suffix: str) -> Response:
    from bochum_kg.web.pages.dataset import dcat_graph, void_graph

    is_catalog = iri.endswith("catalog")
    mimetype = iris.DOCUMENT_SUFFIXES[suffix]
    graph = dcat_graph() if is_catalog else void_graph()
    if mimetype == neg.HTML:
        template = "catalog.html" if is_catalog else "dataset.html"
        html = render_template(template, stats=kg().statistics, iri=iri, alternates=iris.alternates(iri), graph_turtle=_turtle_text(graph))
        return html_response(html, alternates_of=iri)
    return _graph_response(graph, mimetype, iri)


def _turtle_text(graph) -> str:
    from bochum_kg.kg.rdf_documents import serialize

    return serialize(graph, neg.TURTLE, kg().settings.base_iri).decode("utf-8")


def _graph_document(iri: str, suffix: str) -> Response:
    from bochum_kg.web.pages.dataset import graph_description
    from bochum_kg.web.pages.values import term_value

    mimetype = iris.DOCUMENT_SUFFIXES[suffix]
    graph = graph_description(iri)
    if mimetype != neg.HTML:
        return _graph_response(graph, mimetype, iri)
    lang = request_language()
    subjects = sorted({s for s in graph.subjects() if isinstance(s, URIRef)}, key=str)
    values = sorted((term_value(s, lang) for s in subjects), key=lambda v: v.sort_key)
    count = dict(kg().statistics.graphs).get(iri, len(graph))
    html = render_template("graph.html", iri=iri, count=count, subjects=values, alternates=iris.alternates(iri))
    return html_response(html, alternates_of=iri)

