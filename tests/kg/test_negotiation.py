"""Accept parsing and choice (web/negotiation.py)."""

from __future__ import annotations

import pytest

from bochum_kg.kg import formats as neg

RESULTS = neg.RESULT_TYPES
GRAPHS = neg.GRAPH_TYPES


@pytest.mark.parametrize(
    "accept, offers, expected",
    [
        (None, RESULTS, neg.SPARQL_JSON),
        ("", GRAPHS, neg.TURTLE),
        ("*/*", GRAPHS, neg.TURTLE),
        ("*", RESULTS, neg.SPARQL_JSON),  # sloppy clients send a bare "*"
        ("text/turtle;q=0.9, application/ld+json", GRAPHS, neg.JSONLD),
        ("application/rdf+xml;q=0.5, text/turtle;q=0.9", GRAPHS, neg.TURTLE),
        ("*/*, text/csv", RESULTS, neg.SPARQL_CSV),  # the more specific range wins at equal q
        ("*/*;q=0.1, text/csv;q=0.05", RESULTS, neg.SPARQL_JSON),
        ("text/*;q=0.1, text/tab-separated-values", RESULTS, neg.SPARQL_TSV),
        ("text/*", RESULTS, neg.SPARQL_CSV),  # first text/* offer
        ("text/*, text/csv;q=0", RESULTS, neg.SPARQL_TSV),  # q=0 excludes, even under text/*
        ("application/sparql-results+xml, application/sparql-results+json", RESULTS, neg.SPARQL_XML),  # client order at a tie
        ("APPLICATION/SPARQL-RESULTS+XML", RESULTS, neg.SPARQL_XML),
        ("text/turtle; charset=utf-8", GRAPHS, neg.TURTLE),
        # JSON-LD profiles (JSON-LD 1.1 §9.1): the forms we can serve match, others do not
        ('application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"', GRAPHS, neg.JSONLD),
        ('application/ld+json;profile="http://www.w3.org/ns/json-ld#flattened http://www.w3.org/ns/json-ld#expanded"', GRAPHS, neg.JSONLD),
        ('application/ld+json;profile=http://www.w3.org/ns/json-ld#expanded', GRAPHS, neg.JSONLD),
        ('application/ld+json; profile="http://www.w3.org/ns/json-ld#context"', GRAPHS, None),
        ('application/ld+json; profile="http://www.w3.org/ns/json-ld#frame", text/turtle;q=0.5', GRAPHS, neg.TURTLE),
        ('application/ld+json; profile="http://example.org/my-profile"', GRAPHS, None),
        ('application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded http://www.w3.org/ns/json-ld#compacted"', GRAPHS, None),
        ('text/turtle; profile="http://www.w3.org/ns/json-ld#compacted"', GRAPHS, None),
        ("text/html", RESULTS, None),
        ("application/sparql-results+json;q=0", RESULTS, None),
        ("image/png, */*;q=0", GRAPHS, None),
        ("text/turtle;q=abc", GRAPHS, None),  # an unreadable q counts as 0
        ("garbage", GRAPHS, neg.TURTLE),  # an unparseable header is treated as absent
    ],
)
def test_choose(accept, offers, expected):
    assert neg.choose(accept, offers) == expected


def test_aliases_count_as_their_target():
    aliases = {"application/json": neg.SPARQL_JSON, "application/xml": neg.SPARQL_XML}
    assert neg.choose("application/json", RESULTS, aliases) == neg.SPARQL_JSON
    assert neg.choose("application/xml;q=0.9, text/csv;q=0.8", RESULTS, aliases) == neg.SPARQL_XML
    # an explicit range for the real type beats the alias
    assert neg.choose("application/json, application/sparql-results+json;q=0", RESULTS, aliases) is None


def test_parse_accept_keeps_order_and_q():
    ranges = neg.parse_accept('text/html;level=1;q=0.4, */*;q=0.1, application/ld+json; profile="a,b"')
    assert [(r.mimetype, r.q, r.order) for r in ranges] == [("text/html", 0.4, 0), ("*/*", 0.1, 1), ("application/ld+json", 1.0, 2)]
    assert ranges[2].params == (("profile", "a,b"),)


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),  # Firefox / Chrome
        ("*/*", False),
        (None, False),
        ("text/turtle, text/html;q=0.5", False),
        ("application/json", False),
    ],
)
def test_accepts_html(accept, expected):
    assert neg.accepts_html(accept) is expected


def test_format_names():
    assert neg.format_to_mimetype("ttl") == neg.TURTLE
    assert neg.format_to_mimetype("RDF/XML") == neg.RDFXML
    assert neg.format_to_mimetype("jsonld") == neg.JSONLD
    assert neg.format_to_mimetype("text/turtle") == neg.TURTLE
    assert neg.format_to_mimetype("nonsense") is None
    assert neg.SUFFIXES[neg.TURTLE] == "ttl"


@pytest.mark.parametrize(
    "accept, form",
    [
        (None, "expanded"),
        ("application/ld+json", "expanded"),
        ('application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"', "compacted"),
        ('application/ld+json;profile="http://www.w3.org/ns/json-ld#flattened http://www.w3.org/ns/json-ld#compacted"', "compacted"),
        ('application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"', "expanded"),
        # the preferred JSON-LD range decides
        ('application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted";q=0.5, '
         'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"', "expanded"),
        ('application/ld+json;profile="http://www.w3.org/ns/json-ld#frame", '
         'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted";q=0.8', "compacted"),
        ('application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted";q=0', "expanded"),
    ],
)
def test_jsonld_form(accept, form):
    assert neg.jsonld_form(accept) == form
