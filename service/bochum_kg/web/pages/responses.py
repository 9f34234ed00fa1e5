"""The linked-data pages' own answers: RDF documents with their Link headers, and 406."""

from __future__ import annotations

from flask import Response

from bochum_kg.kg import formats as neg
from bochum_kg.web import iris
from bochum_kg.web.errors import respond
from bochum_kg.web.layout import LICENSE

_TEXTUAL = {neg.JSONLD, neg.RDFXML, neg.NTRIPLES, neg.NQUADS, neg.TRIG, neg.JSON}


def charset(mimetype: str) -> str:
    """Textual types say they are UTF-8 (everything we write is)."""
    return mimetype + "; charset=utf-8" if mimetype.startswith("text/") or mimetype in _TEXTUAL else mimetype


def rdf_response(body, mimetype: str, alternates_of: str | None = None) -> Response:
    """An RDF document: `body` bytes, or an iterable of them (a file streamed: set its length)."""
    response = Response(body, status=200, content_type=charset(mimetype), direct_passthrough=not isinstance(body, (bytes, str)))
    links = [f'<{LICENSE}>; rel="license"']
    if alternates_of:
        links.insert(0, iris.link_header(alternates_of))
    response.headers["Link"] = ", ".join(links)
    return response


def not_acceptable(iri: str | None, offered: list[str] | None = None) -> Response:
    types = ", ".join(offered or iris.THING_TYPES)
    response = respond(406, "Not Acceptable", f"None of the offered media types is acceptable: {types}.")
    response.headers["Vary"] = "Accept"
    if iri:
        response.headers["Link"] = iris.link_header(iri)
    return response
