"""Content negotiation for every kind of IRI: 303 to the chosen document, suffixes, 406."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from bochum_kg.web import iris
from ld_helpers import RDFLIB_FORMATS, parse_rdf

BASE = "https://w3id.org/bochum-strategie/"

# One IRI path of each kind of thing the service dereferences (fixture data, the ontology, the
# dataset description, the catalogue and a named graph).
KINDS = [
    "project/haus-des-wissens",
    "participation/haus-des-wissens--stadt-bochum--lead",
    "actor/stadt-bochum",
    "actor/referat-fuer-tests",
    "site/telekom-block",
    "strategy/teststrategie",
    "competence/grossstadt-mit-lebensgefuehl",
    "goal-area/offene-innovationskultur",
    "goal/gruendungen-ermoeglichen",
    "figure/haus-des-wissens--area",
    "status/implemented",
    "scheme/project-status",
    "ontology",
    "dataset",
    "catalog",
    "graph/linked-data-fixture",
]
SUFFIXES = {
    "text/html": "html",
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdf",
    "application/n-triples": "nt",
}
RDF_TYPES = [m for m in SUFFIXES if m != "text/html"]


@pytest.mark.parametrize("path", KINDS)
@pytest.mark.parametrize("accept", list(SUFFIXES))
def test_thing_iri_answers_303_to_the_document_accept_asks_for(each_kind_client, path, accept):
    response = each_kind_client.get("/" + path, headers={"Accept": accept})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/{path}.{SUFFIXES[accept]}"
    assert "Accept" in response.headers["Vary"]
    document = each_kind_client.get(response.headers["Location"], headers={"Accept": accept})
    assert document.status_code == 200
    assert document.mimetype == accept


@pytest.mark.parametrize("path", KINDS)
@pytest.mark.parametrize("mimetype", RDF_TYPES)
def test_each_rdf_document_parses(each_kind_client, path, mimetype):
    response = each_kind_client.get(f"/{path}.{SUFFIXES[mimetype]}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    graph = parse_rdf(response.data, mimetype, client=each_kind_client)
    assert len(graph) > 0


@pytest.mark.parametrize("path", KINDS)
def test_suffix_wins_over_accept(each_kind_client, path):
    response = each_kind_client.get(f"/{path}.ttl", headers={"Accept": "application/ld+json, text/html"})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    page = each_kind_client.get(f"/{path}.html", headers={"Accept": "text/turtle"})
    assert page.status_code == 200
    assert page.mimetype == "text/html"


@pytest.mark.parametrize("path", KINDS)
def test_nothing_acceptable_is_406(each_kind_client, path):
    response = each_kind_client.get("/" + path, headers={"Accept": "application/pdf, image/*;q=0.5"})
    assert response.status_code == 406
    body = response.get_json()
    assert body["status"] == 406
    assert set(body) >= {"status", "error", "message"}


@pytest.mark.parametrize("path", KINDS)
def test_html_and_rdf_documents_announce_every_representation(each_kind_client, path):
    response = each_kind_client.get(f"/{path}.html")
    link_header = response.headers["Link"]
    for mimetype, suffix in SUFFIXES.items():
        assert f'</{path}.{suffix}>; rel="alternate"; type="{mimetype}"' in link_header
        if mimetype != "text/html":
            assert f'<link rel="alternate" type="{mimetype}" href="/{path}.{suffix}"' in response.get_data(as_text=True)
    assert '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' in link_header
    data = each_kind_client.get(f"/{path}.nt")
    assert f'</{path}.ttl>; rel="alternate"; type="text/turtle"' in data.headers["Link"]


@pytest.mark.parametrize(
    "accept, suffix",
    [
        (None, "html"),  # no Accept: the page
        ("*/*", "html"),
        ("text/turtle;q=0.5, application/ld+json", "jsonld"),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.8, */*;q=0.1", "rdf"),
        ("text/html;q=0.1, application/n-triples", "nt"),
        ("application/json", "jsonld"),  # plain JSON clients get JSON-LD
        ("text/n3", "ttl"),
        ("text/*", "html"),  # first offer among the text types
        ("text/turtle;q=0, */*", "html"),
        ("application/xhtml+xml,text/html;q=0.9,application/xml;q=0.8", "html"),  # a browser
        ('application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"', "jsonld"),
        ('application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded";q=0.9, text/turtle;q=0.5', "jsonld"),
    ],
)
def test_accept_headers_with_q_values_and_aliases(each_kind_client, accept, suffix):
    headers = {"Accept": accept} if accept is not None else {}
    response = each_kind_client.get("/project/haus-des-wissens", headers=headers)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/project/haus-des-wissens.{suffix}"


def test_query_string_survives_the_303(each_kind_client):
    response = each_kind_client.get("/project/haus-des-wissens?lang=en", headers={"Accept": "text/html"})
    assert response.headers["Location"] == "/project/haus-des-wissens.html?lang=en"


def test_ontology_hash_iris_share_the_ontology_document(each_kind_client):
    html = each_kind_client.get("/ontology.html").get_data(as_text=True)
    for local in ("Project", "CoreActivity", "servesGoal", "participation", "Participation"):
        assert f'id="{local}"' in html
    graph = parse_rdf(each_kind_client.get("/ontology.nt").data, "application/n-triples")
    assert (URIRef(BASE + "ontology#Project"), None, None) in graph


def test_ontology_turtle_is_the_source_file(each_kind_client, each_kind_root):
    source = (each_kind_root / "ontology" / "bochum-strategie.ttl").read_bytes()
    assert each_kind_client.get("/ontology.ttl").data == source
    response = each_kind_client.get("/ontology", headers={"Accept": "text/turtle"})
    assert response.headers["Location"] == "/ontology.ttl"


def test_ontology_version_iri_redirects_to_the_ontology(each_kind_client):
    graph = parse_rdf(each_kind_client.get("/ontology.nt").data, "application/n-triples")
    versions = list(graph.objects(URIRef(BASE + "ontology"), URIRef("http://www.w3.org/2002/07/owl#versionIRI")))
    assert versions, "the ontology declares owl:versionIRI"
    path = str(versions[0])[len(BASE):]
    response = each_kind_client.get("/" + path, headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/ontology.ttl"


def test_well_known_void_negotiates_with_content_location(each_kind_client):
    turtle = each_kind_client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200
    assert turtle.mimetype == "text/turtle"
    assert turtle.headers["Content-Location"] == "/dataset.ttl"
    assert "Accept" in turtle.headers["Vary"]
    jsonld = each_kind_client.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["Content-Location"] == "/dataset.jsonld"
    default = each_kind_client.get("/.well-known/void")
    assert default.mimetype == "text/turtle"
    browser = each_kind_client.get("/.well-known/void", headers={"Accept": "text/html,application/xhtml+xml"})
    assert browser.mimetype == "text/html"
    assert each_kind_client.get("/.well-known/void", headers={"Accept": "image/png"}).status_code == 406


def test_jsonld_is_compacted_with_the_published_context(each_kind_client):
    context = each_kind_client.get("/context.jsonld")
    assert context.status_code == 200
    assert context.mimetype == "application/ld+json"
    terms = context.get_json()["@context"]
    assert terms["servesGoal"] == {"@id": "bs:servesGoal", "@type": "@id"}
    assert terms["label"] == {"@id": "http://www.w3.org/2000/01/rdf-schema#label", "@container": "@language"}
    document = each_kind_client.get("/project/haus-des-wissens.jsonld").get_json()
    assert document["@context"] == "http://localhost/context.jsonld"
    nodes = document.get("@graph", [document])
    project = next(n for n in nodes if n.get("@id") == BASE + "project/haus-des-wissens")
    assert project["label"] == {"de": "Haus des Wissens", "en": "House of Knowledge"}
    assert project["servesGoal"] == BASE + "goal/gruendungen-ermoeglichen"
    assert project["@type"] == "CoreActivity"


def test_rdf_formats_agree(each_kind_client):
    graphs = [parse_rdf(each_kind_client.get(f"/project/haus-des-wissens.{SUFFIXES[m]}").data, m, client=each_kind_client) for m in RDF_TYPES]
    reference = set(graphs[0])
    for graph in graphs[1:]:
        assert set(graph) == reference


def test_rdflib_format_table_covers_the_offers():
    """The test tables cover what the service itself offers: a newly offered type or document
    suffix fails here until the tests above exercise it (and parse_rdf can read it)."""
    assert set(iris.THING_TYPES) <= set(SUFFIXES)
    assert set(iris.RDF_TYPES) <= set(RDF_TYPES)
    assert {mimetype: suffix for suffix, mimetype in iris.DOCUMENT_SUFFIXES.items()}.items() <= SUFFIXES.items()
    assert set(iris.DOCUMENT_SUFFIXES.values()) - {"text/html"} <= set(RDF_TYPES)
    assert set(iris.RDF_TYPES) <= set(RDFLIB_FORMATS)
    assert set(RDF_TYPES) <= set(RDFLIB_FORMATS)
