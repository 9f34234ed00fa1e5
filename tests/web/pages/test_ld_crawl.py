"""Crawl the site from the home page: every link answers 200 (after a deliberate 303 or a 301 to
an index's canonical URL), and every HTML page passes the page checks (strict HTML5, lang, one
h1, no link without text).

The fixture site is crawled exhaustively. The real site is crawled page by page too, but of
the representations that only repeat a page (its RDF documents, its other-language version)
a few per kind are fetched (test_ld_dereference fetches every resource's RDF anyway), and the
strict HTML5 parse (slow) runs on the first pages of each kind; every page's links are followed.
Pages of the other faces (/api/, /workbench, /sparql, /explore, ...) must answer (a few
of each path in the real crawl); their own links are their tests' business.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from urllib.parse import parse_qs, urljoin, urlsplit

from ld_helpers import PageCheck, local_links

DELIBERATE = (301, 303)  # 303 thing -> document, 301 /kind -> /kind/; 302/307/308 would be accidents
OTHER_BLUEPRINTS = ("/api/", "/api", "/workbench", "/sparql", "/explore", "/paths", "/gaps", "/healthz", "/static/")
DOCUMENT_SUFFIXES = (".ttl", ".jsonld", ".rdf", ".nt")
HREF = re.compile(r'\shref="([^"]*)"')  # the templates always quote attributes with "


def _sample_key(url: str) -> str | None:
    """Which group of repetitive URLs this one belongs to (None: always fetched)."""
    parts = urlsplit(url)
    if parts.path.startswith(OTHER_BLUEPRINTS):
        return parts.path  # e.g. /explore?resource=… for every resource: a few suffice here
    kind = parts.path.strip("/").split("/")[0]
    if "lang" in parse_qs(parts.query):
        return f"{kind} lang"
    for suffix in DOCUMENT_SUFFIXES:
        if parts.path.endswith(suffix):
            return f"{kind} {suffix}"
    return None


def crawl(client, sample: int | None, strict_per_kind: int | None = None) -> tuple[list[str], int, int, set[str]]:
    """(failures, HTML pages checked, URLs fetched, paths of the URLs fetched)."""
    strict_done: Counter = Counter()
    seen: set[str] = set()
    queue = ["/"]
    failures: list[str] = []
    sampled: Counter = Counter()
    pages = fetched = 0
    visited: set[str] = set()
    requested: set[str] = set()  # every URL fetched, redirect targets included
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        key = _sample_key(url)
        if sample is not None and key is not None:
            sampled[key] += 1
            if sampled[key] > sample:
                continue
        response = client.get(url)
        fetched += 1
        visited.add(urlsplit(url).path)
        requested.add(url)
        hops = 0
        checked_before = False
        while response.status_code in DELIBERATE and hops < 2:
            target = urljoin(url, response.headers["Location"])
            # A thing's IRI and its page's URL are both linked: the page is fetched and checked once.
            checked_before = target in requested
            if checked_before:
                break
            requested.add(target)
            seen.add(target)
            response = client.get(target)
            hops += 1
        if checked_before:
            continue
        if response.status_code != 200:
            failures.append(f"{url}: {response.status_code}")
            continue
        if response.mimetype != "text/html" or url.startswith(OTHER_BLUEPRINTS) or key is not None:
            continue
        pages += 1
        text = response.get_data(as_text=True)
        kind = urlsplit(url).path.strip("/").split("/")[0]
        strict_done[kind] += 1
        if strict_per_kind is None or strict_done[kind] <= strict_per_kind:
            page = PageCheck(text)
            if page.lang not in ("de", "en"):
                failures.append(f"{url}: lang={page.lang!r}")
            if page.h1_count() != 1:
                failures.append(f"{url}: {page.h1_count()} h1 elements")
            if page.unlabelled_links():
                failures.append(f"{url}: links without text {page.unlabelled_links()}")
        for href in local_links([html.unescape(h) for h in HREF.findall(text)]):
            target = urljoin(url, href)
            if target not in seen:
                queue.append(target)
    return failures, pages, fetched, visited


def test_crawl_of_the_fixture_site_reaches_every_resource(each_kind_client, each_kind_app):
    failures, pages, _, visited = crawl(each_kind_client, sample=None)
    assert failures == []
    base = each_kind_app.extensions["bochum_kg"].settings.base_iri
    store = each_kind_app.extensions["bochum_kg"].store
    subjects = {str(r["s"]) for r in store.select("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) }").rows}
    resources = [s for s in subjects if s.startswith(base) and "#" not in s]
    assert resources
    assert pages > len(resources)
    unreached = sorted(path for path in ("/" + s[len(base):] for s in resources) if path not in visited)
    assert unreached == []


def test_crawl_of_the_real_site(client):
    failures, pages, _, _ = crawl(client, sample=3, strict_per_kind=10)
    assert failures == []
    assert pages > 100
