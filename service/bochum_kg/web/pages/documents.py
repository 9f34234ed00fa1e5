"""Dereferencing: a thing's IRI answers 303 to a document, the document answers in its format.

    /{kind}, /graph            301 to the index /{kind}/ (keeping ?lang=)
    /{kind}/, /graph/          the index of every resource {base}{kind}/...; the named graphs
    /ontology[.suffix]         the ontology (hash IRIs {base}ontology#Term); /ontology/{version} too
    /dataset[.suffix], /catalog[.suffix]   the dataset (VoID) and its DCAT-AP.de catalogue
    /graph/{name}[.suffix]     a named graph's content
    /{path}[.suffix]           the catch-all: whatever resource the data describes at {base}{path}

Without a suffix the answer is 303 See Other to the document Accept prefers; with one (html, ttl,
jsonld, rdf, nt) it is the document (a suffix wins over Accept). web/routes.py maps the paths.
"""

from __future__ import annotations

import tempfile
from typing import Callable

from flask import Response, redirect, render_template, request
from rdflib import URIRef
from werkzeug.wsgi import wrap_file

from bochum_kg.kg import formats as neg
from bochum_kg.kg.dumps import LARGE_GRAPH_TRIPLES, write_graph
from bochum_kg.kg.large_documents import document_triples, large_document
from bochum_kg.kg.store.base import capped_graph
from bochum_kg.web import iris
from bochum_kg.web.context import kg
from bochum_kg.web.errors import respond
from bochum_kg.web.i18n import request_language, url_with_lang
from bochum_kg.web.layout import html_response
from bochum_kg.web.pages.responses import not_acceptable, rdf_response

GRAPH_PAGE_SIZE = 500  # subjects listed per page of /graph/{name}

# --- the views --------------------------------------------------------------------------------


def index_redirect(segment: str):
    """`/{segment}` (an index's name without its slash): 301 to the index, keeping ?lang=."""
    return redirect(url_with_lang(request.script_root + "/" + segment + "/"), 301)


def index(segment: str):
    """`/{segment}/`: the index of every resource {base}{segment}/..."""
    from bochum_kg.web.pages.indexes import BadFilter, index_page

    try:
        page = index_page(segment, request.args, request_language())
    except BadFilter as err:
        return respond(400, "Bad Request", str(err))
    return html_response(render_template("index.html", page=page, segment=segment))


def graphs_index():

    counts = dict(kg().statistics.graphs)
    graphs = [(g, counts.get(g, 0), iris.local_href(g)) for g in sorted(kg().store.graph_names())]
    return html_response(render_template("graphs.html", graphs=graphs))


def ontology(suffix: str | None = None):
    return _dereference(iris.iri_for_path("ontology"), suffix, _ontology_document)


def ontology_version(version: str):
    """`/ontology/{version}`: an owl:versionIRI of the ontology stands for the ontology."""
    path = "ontology/" + version
    stem, suffix = iris.split_suffix(path)
    if not iris.is_well_formed_path(path) or iris.iri_for_path(stem) not in _ontology_version_iris():
        return resource(path)
    return _dereference(kg().settings.base_iri + "ontology", suffix, _ontology_document)


def dataset(name: str, suffix: str | None = None):
    """`/dataset` (VoID) and `/catalog` (DCAT-AP.de)."""
    iri = iris.iri_for_path(name)
    return _dereference(iri, suffix, lambda chosen: dataset_document(iri, chosen))


def named_graph(name: str):
    """`/graph/{name}`: a named graph of the store; any other path below /graph/ is an ordinary resource path."""
    path = "graph/" + name
    stem, suffix = iris.split_suffix(path)
    iri = iris.iri_for_path(stem)
    if not iris.is_well_formed_path(path) or iri not in kg().store.graph_names():
        return resource(path)
    return _dereference(iri, suffix, lambda chosen: _graph_document(iri, chosen))


def resource(path: str):
    """The catch-all: `{server}/{path}` serves the IRI `{base}{path}`.

    It stays a catch-all (registered last, lowest priority) because which paths name things is
    decided by the data, not by the code: any subject or object under the base IRI has a page.
    """
    from bochum_kg.web.pages.values import resource_exists

    if not iris.is_well_formed_path(path[:-1] if path.endswith("/") else path):
        return respond(400, "Bad Request", "The path is not a well-formed IRI path of this dataset.")
    if path.endswith("/"):
        return respond(404, "Not Found", f"Nothing is published at {iris.iri_for_path(path)}.")
    stem, suffix = iris.split_suffix(path)
    iri = iris.iri_for_path(stem)
    if not resource_exists(iri):
        return respond(404, "Not Found", f"Nothing is known about {iri}.")
    return _dereference(iri, suffix, lambda chosen: _resource_document(iri, chosen))


# --- the answers ------------------------------------------------------------------------------


def _dereference(iri: str, suffix: str | None, document: Callable[[str], Response]) -> Response:
    """The thing's IRI (no suffix) answers 303 See Other; a document URL answers the document."""
    return see_other(iri) if suffix is None else document(suffix)


def _ontology_version_iris() -> set[str]:
    onto = URIRef(kg().settings.base_iri + "ontology")
    rows = kg().select("ontology-versions", {"o": onto}).rows
    return {str(r["v"]) for r in rows}


def see_other(iri: str) -> Response:
    """303 See Other from a thing's IRI to the document in the representation Accept prefers."""
    mimetype = iris.choose_type()
    if mimetype is None:
        return not_acceptable(iri)
    location = iris.document_href(iri, iris.SUFFIX_FOR[mimetype])
    if request.query_string:
        location += "?" + request.query_string.decode("utf-8", "replace")
    response = redirect(location, 303)
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = iris.link_header(iri)
    return response


def _resource_document(iri: str, suffix: str) -> Response:
    from bochum_kg.web.pages.values import resource_graph
    from bochum_kg.web.pages.resource import describe_page

    mimetype = iris.DOCUMENT_SUFFIXES[suffix]
    if mimetype != neg.HTML:
        triples = document_triples(kg().store, iri)  # None for a remote store
        large = large_document(triples, mimetype, kg().settings.base_iri, kg().jsonld_context,
                               iris.server_url("/context.jsonld"))
        if large is not None:
            return rdf_response(large, mimetype, alternates_of=iri)
        graph = capped_graph(triples) if triples is not None else resource_graph(iri)
        return _graph_response(graph, mimetype, iri)
    focus = request.args.get("inbound")
    try:
        page_number = int(request.args.get("page", "1"))
    except ValueError:
        return respond(400, "Bad Request", "page must be a number")
    page = describe_page(iri, request_language(), focus_predicate=focus, focus_page=page_number)
    if focus and page.inbound_focus is None:
        return respond(404, "Not Found", "No such inbound property on this resource.")
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


def dataset_document(iri: str, suffix: str) -> Response:
    """The VoID description (`{base}dataset`) or the DCAT-AP.de catalogue (`{base}catalog`)."""
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


def _large_graph_response(iri: str, mimetype: str) -> Response | None:
    """A big named graph written by pyoxigraph into a temporary file and streamed from it (kg/dumps.py)."""
    spool = tempfile.TemporaryFile()
    if not write_graph(kg().store, iri, mimetype, kg().settings.base_iri, spool):
        spool.close()
        return None
    length = spool.tell()
    spool.seek(0)
    response = rdf_response(wrap_file(request.environ, spool), mimetype, alternates_of=iri)
    response.call_on_close(spool.close)
    response.content_length = length
    return response


def _graph_document(iri: str, suffix: str) -> Response:
    from bochum_kg.web.pages.dataset import graph_description
    from bochum_kg.web.pages.values import term_value

    mimetype = iris.DOCUMENT_SUFFIXES[suffix]
    if mimetype != neg.HTML:
        if dict(kg().statistics.graphs).get(iri, 0) > LARGE_GRAPH_TRIPLES:
            streamed = _large_graph_response(iri, mimetype)
            if streamed is not None:
                return streamed
        return _graph_response(graph_description(iri), mimetype, iri)
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        return respond(400, "Bad Request", "page must be a number")
    lang = request_language()
    # One page of the subjects, ordered at start by the name each link shows (kg/graph_subjects.py):
    # a generated graph of 180,000 triples made a 5 MB page in 8 s with all (bench/README.md).
    subjects = kg().graph_subjects
    total = subjects.count(iri)
    pages = max(1, -(-total // GRAPH_PAGE_SIZE))
    page = min(page, pages)
    shown = [term_value(URIRef(s), lang) for s in subjects.page(iri, lang, (page - 1) * GRAPH_PAGE_SIZE, page * GRAPH_PAGE_SIZE)]
    here = request.script_root + request.path
    count = dict(kg().statistics.graphs).get(iri, 0)
    html = render_template("graph.html", iri=iri, count=count, subjects=shown, total=total,
                           page=page, pages=pages, alternates=iris.alternates(iri),
                           prev_href=url_with_lang(here, page=page - 1) if page > 1 else None,
                           next_href=url_with_lang(here, page=page + 1) if page < pages else None)
    return html_response(html, alternates_of=iri)

