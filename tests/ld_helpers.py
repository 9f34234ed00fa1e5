"""Helpers of the linked-data page tests (imported by name: tests/ is on sys.path)."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import html5lib
from rdflib import Dataset, Graph

from bochum_kg.config import CANONICAL_BASE
from fixture_data import OTHER_BASE  # noqa: F401 (the linked-data tests import it from here)

RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}


def resources(app) -> list[str]:
    """The app's resources with a page: IRI subjects under the base, not the ontology's terms."""
    graph = app.extensions["bochum_kg"]
    return [s for s in graph.subjects if s.startswith(graph.base) and "#" not in s]


def parse_rdf(body: bytes, mimetype: str, public_id: str = CANONICAL_BASE, client=None) -> Graph:
    """A response body as an rdflib graph (a dataset's union for TriG / N-Quads).

    JSON-LD that refers to a remote @context gets it from `client` (never from the network).
    """
    fmt = RDFLIB_FORMATS[mimetype]
    if fmt == "json-ld":
        document = json.loads(body)
        if isinstance(document, dict) and isinstance(document.get("@context"), str):
            assert client is not None, "a JSON-LD document with a remote context needs the test client"
            path = urlsplit(document["@context"]).path
            document["@context"] = client.get(path).get_json()["@context"]
            body = json.dumps(document).encode("utf-8")
    if fmt in ("trig", "nquads"):
        dataset = Dataset()
        dataset.parse(data=body, format=fmt, publicID=public_id)
        union = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    graph = Graph()
    graph.parse(data=body, format=fmt, publicID=public_id)
    return graph


def follow(client, path: str, headers: dict | None = None, limit: int = 3):
    """GET `path`, following redirects; returns (final response, [statuses on the way])."""
    statuses = []
    response = client.get(path, headers=headers or {})
    while response.status_code in (301, 302, 303, 307, 308) and len(statuses) < limit:
        statuses.append(response.status_code)
        response = client.get(response.headers["Location"], headers=headers or {})
    return response, statuses


class PageCheck:
    """What every HTML page must satisfy: strict HTML5 parse, lang, one h1, labelled links."""

    def __init__(self, html: str):
        self.html = html
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        self.tree = parser.parse(html)  # raises ParseError on any HTML5 parse error

    @property
    def lang(self) -> str | None:
        return self.tree.get("lang")

    def h1_count(self) -> int:
        return len(self.tree.findall(".//h1"))

    def unlabelled_links(self) -> list[str]:
        bad = []
        for a in self.tree.iter("a"):
            text = "".join(a.itertext()).strip()
            if not text and not (a.get("aria-label") or "").strip():
                bad.append(a.get("href") or "")
        return bad

    def links(self) -> list[str]:
        return [el.get("href") for el in self.tree.iter() if el.tag in ("a", "link") and el.get("href")]


def local_links(hrefs: list[str]) -> list[str]:
    """Links that stay on this server, without fragments; HTML entity-free (html5lib decoded them)."""
    result = []
    for href in hrefs:
        if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("//") or href.startswith("#"):
            continue
        result.append(href.split("#", 1)[0])
    return result
