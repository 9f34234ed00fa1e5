"""Where an IRI of ours lives on this server, and which document URL serves which representation.

`{server}/{path}` serves the IRI `{base}{path}`: the thing's IRI answers 303 See Other to a
document `{server}/{path}.{suffix}` (html, ttl, jsonld, rdf, nt). Hash IRIs (the ontology's
`{base}ontology#Term`) share the document of the IRI before the '#'.
"""

from __future__ import annotations

import re

from flask import request

from bochum_kg.kg import formats as neg
from bochum_kg.web.context import kg

#: Suffix of a document URL -> its media type; the order is the order of the links on a page.
DOCUMENT_SUFFIXES = {
    "html": neg.HTML,
    "ttl": neg.TURTLE,
    "jsonld": neg.JSONLD,
    "rdf": neg.RDFXML,
    "nt": neg.NTRIPLES,
}
RDF_TYPES = [neg.TURTLE, neg.JSONLD, neg.RDFXML, neg.NTRIPLES]
#: What a thing's IRI offers; HTML first, so that a missing Accept (or */*) gets the page.
THING_TYPES = [neg.HTML, *RDF_TYPES]
SUFFIX_FOR = {mimetype: suffix for suffix, mimetype in DOCUMENT_SUFFIXES.items()}
FORMAT_NAMES = {
    neg.HTML: "HTML",
    neg.TURTLE: "Turtle",
    neg.JSONLD: "JSON-LD",
    neg.RDFXML: "RDF/XML",
    neg.NTRIPLES: "N-Triples",
}
#: Other names clients send for the types we offer (application/json means JSON-LD here).
THING_ALIASES = {
    "application/xhtml+xml": neg.HTML,
    "application/x-turtle": neg.TURTLE,
    "application/turtle": neg.TURTLE,
    "text/n3": neg.TURTLE,
    "application/json": neg.JSONLD,
    "application/json+ld": neg.JSONLD,
    "application/xml": neg.RDFXML,
    "text/xml": neg.RDFXML,
    "application/xml+rdf": neg.RDFXML,
}

# One path segment of an IRI we could have minted: IRI "ipchar" without '%' (Flask has already
# decoded percent-escapes, so a '%' or '<' here came from the client). Letters beyond ASCII are
# allowed (they are legal in IRIs); '.' and '..' segments and empty segments are not.
_SEGMENT = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=:@\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+$")


def base_iri() -> str:
    return kg().settings.base_iri


def is_well_formed_path(path: str) -> bool:
    """True when `path` (without the leading '/') could be the path of one of our IRIs."""
    if not path or len(path) > 512:
        return False
    for segment in path.split("/"):
        if segment in ("", ".", "..") or not _SEGMENT.match(segment):
            return False
    return True


def split_suffix(path: str) -> tuple[str, str | None]:
    """("project/x", "ttl") for "project/x.ttl"; (path, None) when the last segment has no known suffix."""
    head, _, last = path.rpartition("/")
    stem, dot, suffix = last.rpartition(".")
    if dot and stem and suffix in DOCUMENT_SUFFIXES:
        return (head + "/" + stem if head else stem), suffix
    return path, None


def iri_for_path(path: str) -> str:
    """The IRI a local path (without leading '/') stands for."""
    return base_iri() + path


def local_part(iri: str) -> str | None:
    """"project/x" for {base}project/x (fragment kept); None for an IRI outside our base."""
    base = base_iri()
    if iri.startswith(base) and len(iri) > len(base):
        return iri[len(base):]
    return None


def local_href(iri: str) -> str | None:
    """The server-relative link of one of our IRIs ("/project/x", "/ontology#Term"), else None."""
    part = local_part(iri)
    if part is None:
        return None
    return request.script_root + "/" + part


def document_href(iri: str, suffix: str) -> str | None:
    """The server-relative URL of the `suffix` document describing `iri`."""
    part = local_part(iri)
    if part is None:
        return None
    path, hash_, fragment = part.partition("#")
    return request.script_root + "/" + path + "." + suffix + (hash_ + fragment if fragment else "")


def document_iri(iri: str) -> str:
    """The IRI of the document a hash IRI lives in (the IRI itself for slash IRIs)."""
    return iri.split("#", 1)[0]


def server_url(path: str = "/") -> str:
    """Absolute URL of `path` (relative to the app root, without script root) on this server.

    The configured public URL wins; otherwise the URL the request came in on.
    """
    public = kg().settings.public_url
    root = public.rstrip("/") if public else request.url_root.rstrip("/")
    return root + path


def absolute_document_url(iri: str, suffix: str) -> str:
    part = local_part(document_iri(iri)) or ""
    return server_url("/" + part + "." + suffix)


def alternates(iri: str) -> list[dict]:
    """Every representation of the document about `iri`: suffix, media type, name, href."""
    doc = document_iri(iri)
    return [
        {"suffix": suffix, "mimetype": mimetype, "name": FORMAT_NAMES[mimetype], "href": document_href(doc, suffix)}
        for suffix, mimetype in DOCUMENT_SUFFIXES.items()
    ]


def link_header(iri: str) -> str:
    """`Link` header value announcing each representation (RFC 8288)."""
    return ", ".join(f'<{a["href"]}>; rel="alternate"; type="{a["mimetype"]}"' for a in alternates(iri))


def choose_type(offered: list[str] | None = None) -> str | None:
    """The representation this request's Accept prefers among `offered`; None means 406.

    JSON-LD clients often ask with a profile (application/ld+json;profile="…#compacted"); the
    pages serve compacted, flattened JSON-LD, which a JSON-LD processor reads whichever of the
    forms expanded, compacted or flattened it names (negotiation.py).
    """
    return neg.choose(request.headers.get("Accept"), offered or THING_TYPES, aliases=THING_ALIASES)
