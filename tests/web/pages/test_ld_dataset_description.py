"""VoID, the DCAT-AP.de catalogue, the dumps and the sitemap agree with the store."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import urlsplit

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID

from ld_helpers import parse_rdf

CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
DUMP_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "trig": "application/trig",
    "nq": "application/n-quads",
}


@pytest.fixture(scope="module")
def dump_graph(app):
    """The N-Triples dump parsed on its own: the expected statistics are counted in Python from it,
    not with the service's own SPARQL (the dump is the union graph, each distinct triple once)."""
    response = app.test_client().get("/dumps/bochum-strategie.nt")
    assert response.status_code == 200
    graph = parse_rdf(response.data, "application/n-triples")
    assert len(graph) > 0
    return graph


@pytest.fixture(scope="module")
def void(app):
    response = app.test_client().get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    return parse_rdf(response.data, "text/turtle")


@pytest.fixture(scope="module")
def dataset_iri(app):
    return URIRef(app.extensions["bochum_kg"].settings.base_iri + "dataset")


def test_void_counts_equal_the_store(app, void, dataset_iri, dump_graph):
    store = app.extensions["bochum_kg"].store
    assert (dataset_iri, RDF.type, VOID.Dataset) in void
    triples = set(dump_graph)
    assert void.value(dataset_iri, VOID.triples) == Literal(len(triples))
    assert void.value(dataset_iri, VOID.distinctSubjects) == Literal(len({s for s, _, _ in triples}))
    assert void.value(dataset_iri, VOID.distinctObjects) == Literal(len({o for _, _, o in triples}))
    assert len(triples) == store.statistics().default_graph  # the SPARQL service description says the same


def test_void_class_and_property_partitions_equal_the_store(void, dataset_iri, dump_graph):
    # VoID's class partition counts the distinct instances of a class (distinct ?s of `?s a ?c`):
    # over a set of distinct triples that is the number of rdf:type triples with that object.
    triples = set(dump_graph)
    classes = dict(Counter(str(o) for _, p, o in triples if p == RDF.type))
    assert classes
    partitions = {str(void.value(p, VOID["class"])): int(void.value(p, VOID.entities)) for p in void.objects(dataset_iri, VOID.classPartition)}
    assert partitions == classes
    properties = dict(Counter(str(p) for _, p, _ in triples))
    partitions = {str(void.value(p, VOID.property)): int(void.value(p, VOID.triples)) for p in void.objects(dataset_iri, VOID.propertyPartition)}
    assert partitions == properties


def test_void_names_access_points_licence_and_vocabularies(app, void, dataset_iri):
    base = app.extensions["bochum_kg"].settings.base_iri
    assert void.value(dataset_iri, VOID.sparqlEndpoint) == URIRef("http://localhost/sparql")
    assert void.value(dataset_iri, VOID.uriSpace) == Literal(base)
    assert void.value(dataset_iri, DCTERMS.license) == CC_BY
    vocabularies = set(void.objects(dataset_iri, VOID.vocabulary))
    assert URIRef(base + "ontology#") in vocabularies
    assert URIRef("http://www.w3.org/2004/02/skos/core#") in vocabularies
    examples = list(void.objects(dataset_iri, VOID.exampleResource))
    assert examples
    sources = set(void.objects(dataset_iri, DCTERMS.source))
    assert any(str(s).startswith(("https://www.bochum.de/", "https://bochum.de/")) for s in sources)


def test_void_subsets_are_the_named_graphs(app, void, dataset_iri):
    store = app.extensions["bochum_kg"].store
    subsets = {str(s): int(void.value(s, VOID.triples)) for s in void.objects(dataset_iri, VOID.subset)}
    assert subsets == store.statistics().graphs


def test_every_dump_void_lists_downloads_and_parses_to_that_many_triples(client, void, dataset_iri):
    triples = int(void.value(dataset_iri, VOID.triples))
    dumps = sorted(str(d) for d in void.objects(dataset_iri, VOID.dataDump))
    assert {d.rsplit(".", 1)[1] for d in dumps} == set(DUMP_TYPES)
    for url in dumps:
        path = urlsplit(url).path
        response = client.get(path)
        assert response.status_code == 200, path
        mimetype = DUMP_TYPES[path.rsplit(".", 1)[1]]
        assert response.mimetype == mimetype
        assert len(parse_rdf(response.data, mimetype, client=client)) == triples, path
        compressed = client.get(path + ".gz")
        assert compressed.status_code == 200
        assert compressed.mimetype == "application/gzip"
        assert gzip.decompress(compressed.data) == response.data


def test_quad_dumps_keep_the_named_graphs(app, client):
    store = app.extensions["bochum_kg"].store
    for suffix, fmt in (("trig", "trig"), ("nq", "nquads")):
        dataset = Dataset()
        dataset.parse(data=client.get(f"/dumps/bochum-strategie.{suffix}").data, format=fmt)
        sizes = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
        assert sizes == {g: n for g, n in store.statistics().graphs.items() if n}


def test_dumps_are_built_once_per_process(app, client):
    client.get("/dumps/")
    first = app.extensions["bochum_kg"].dumps()
    client.get("/dumps/bochum-strategie.ttl")
    assert app.extensions["bochum_kg"].dumps() is first


def test_gzip_content_encoding_when_the_client_accepts_it(client):
    plain = client.get("/dumps/bochum-strategie.nt")
    encoded = client.get("/dumps/bochum-strategie.nt", headers={"Accept-Encoding": "gzip, deflate"})
    assert encoded.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in encoded.headers["Vary"]
    assert gzip.decompress(encoded.data) == plain.data
    assert "Content-Encoding" not in plain.headers


def test_unknown_dump_is_404(client):
    response = client.get("/dumps/bochum-strategie.xlsx")
    assert response.status_code == 404
    assert response.get_json()["status"] == 404


def test_dcat_catalogue_describes_dataset_distributions_and_service(app, client, dataset_iri):
    response, graph = client.get("/catalog.ttl"), None
    assert response.status_code == 200
    graph = parse_rdf(response.data, "text/turtle")
    catalog = URIRef(app.extensions["bochum_kg"].settings.base_iri + "catalog")
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    assert (catalog, DCAT.dataset, dataset_iri) in graph
    assert (dataset_iri, RDF.type, DCAT.Dataset) in graph
    assert graph.value(dataset_iri, DCTERMS.license) == CC_BY
    assert graph.value(dataset_iri, URIRef("http://dcat-ap.de/def/dcatde/politicalGeocodingLevelURI")) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/Level/municipality")
    distributions = list(graph.objects(dataset_iri, DCAT.distribution))
    assert len(distributions) == 10  # five formats, each plain and gzipped
    for dist in distributions:
        download = urlsplit(str(graph.value(dist, DCAT.downloadURL))).path
        body = client.get(download).data
        assert int(graph.value(dist, DCAT.byteSize)) == len(body), download
        assert graph.value(dist, DCTERMS.license) == CC_BY
        assert graph.value(dist, DCTERMS.format) is not None
        assert graph.value(dist, URIRef("http://dcat-ap.de/def/dcatde/licenseAttributionByText")) is not None
    services = list(graph.objects(catalog, DCAT.service))
    assert [graph.value(s, DCAT.endpointURL) for s in services] == [URIRef("http://localhost/sparql")]


def test_home_page_carries_schema_org_dataset(client):
    html = client.get("/").get_data(as_text=True)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Dataset"
    assert data["license"] == str(CC_BY)
    assert {d["contentUrl"].rsplit(".", 1)[1] for d in data["distribution"]} == set(DUMP_TYPES)
    assert data["name"] and data["description"]


def test_sitemap_lists_every_resource_page(app, client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.data)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert "http://localhost/" in urls
    assert urls == sorted(set(urls))  # by path, each page once
    base = app.extensions["bochum_kg"].settings.base_iri
    store = app.extensions["bochum_kg"].store
    rows = store.select("SELECT DISTINCT ?s ?b WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), ?b)) }", {"b": Literal(base)}).rows
    pages = {f"http://localhost/{str(r['s'])[len(base):]}.html" for r in rows if "#" not in str(r["s"]) and str(r["s"]) != base + "ontology"}
    assert pages
    assert pages <= set(urls)
    for url in urls[:40]:
        assert client.get(urlsplit(url).path).status_code == 200, url


def test_footer_states_licence_and_credits_sources(client):
    html = client.get("/").get_data(as_text=True)
    assert '<a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in html
    assert "bochum.de" in html
    sources = client.get("/sources").get_data(as_text=True)
    assert "<h2>bochum.de</h2>" in sources


def test_past_the_limit_the_sitemap_is_an_index_of_files(client, monkeypatch):
    from bochum_kg.web.pages import views

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    whole = [loc.text for loc in ET.fromstring(client.get("/sitemap.xml").data).findall("s:url/s:loc", ns)]
    assert client.get("/sitemap-1.xml").status_code == 404  # one file: no parts
    monkeypatch.setattr(views, "SITEMAP_URLS", 100)
    index = ET.fromstring(client.get("/sitemap.xml").data)
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert parts == [f"http://localhost/sitemap-{n}.xml" for n in range(1, -(-len(whole) // 100) + 1)]
    listed = []
    for part in parts:
        urls = [loc.text for loc in ET.fromstring(client.get(urlsplit(part).path).data).findall("s:url/s:loc", ns)]
        assert 0 < len(urls) <= 100
        listed += urls
    assert listed == whole
    assert client.get("/sitemap-0.xml").status_code == 404
    assert client.get(f"/sitemap-{len(parts) + 1}.xml").status_code == 404


def test_the_sitemap_merges_the_fixed_pages_into_the_subjects_in_path_order():
    from bochum_kg.kg.page_paths import page_order
    from bochum_kg.web.pages.sitemap_pages import SitemapPages

    base = "https://example.org/"
    subjects = sorted([base + "dataset", base + "zebra", base + "a", base + "project/x", base + "project-y", base,
                       base + "ontology", base + "ontology#Term", "https://elsewhere.org/q", base + "graph/g"])
    pages = SitemapPages(subjects, base, page_order(subjects, base))
    listed = pages.pages()
    expected = sorted({"/dataset.html", "/zebra.html", "/a.html", "/project/x.html", "/project-y.html",
                       "/graph/g.html"} | set(pages.fixed))
    assert listed == expected  # "/dataset.html" is a subject's page and a fixed page: once
    assert len(pages) == len(expected)
    assert pages.pages(3, 6) == expected[3:6]
