"""SPARQLWrapper as a real client against the running server (granian): every format of every query form, parsed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from sparql_fixtures import EX, THREE_GRAPHS

SELECT = f"""PREFIX ex: <{EX}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?doc ?label WHERE {{ ?doc a ex:Document ; rdfs:label ?label FILTER(LANG(?label) = "en") }} ORDER BY ?doc"""
SELECT_ROWS = [(EX + "alpha-doc", "Alpha"), (EX + "beta-doc", "Beta"), (EX + "gamma-doc", "Gamma")]
ASK = f"ASK {{ <{EX}beta-doc> <{EX}link> <{EX}alpha-doc> }}"
CONSTRUCT = f"PREFIX ex: <{EX}> CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(?s = ex:beta-doc) }}"
DESCRIBE = f"DESCRIBE <{EX}beta-doc>"


@pytest.fixture(scope="module")
def endpoint(three_graphs_server):
    return three_graphs_server.url + "/sparql"


def client(endpoint, query, fmt, method=GET, request_method=URLENCODED, conneg_only=False):
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    wrapper.setMethod(method)
    wrapper.setRequestMethod(request_method)
    wrapper.setOnlyConneg(conneg_only)
    return wrapper


def beta() -> Graph:
    return Graph().parse(THREE_GRAPHS / "data" / "beta.ttl")


TRANSPORTS = [(GET, URLENCODED, False), (POST, URLENCODED, False), (POST, POSTDIRECTLY, True)]
TRANSPORT_IDS = ["get", "post-form", "post-direct-conneg-only"]


@pytest.mark.parametrize("method, request_method, conneg_only", TRANSPORTS, ids=TRANSPORT_IDS)
def test_select_every_format(endpoint, method, request_method, conneg_only):
    for fmt in (JSON, XML, CSV, TSV):
        result = client(endpoint, SELECT, fmt, method, request_method, conneg_only).query()
        converted = result.convert()
        if fmt == JSON:
            rows = [(b["doc"]["value"], b["label"]["value"]) for b in converted["results"]["bindings"]]
            assert converted["head"]["vars"] == ["doc", "label"]
        elif fmt == XML:
            rows = []
            for result_el in converted.getElementsByTagName("result"):
                values = {b.getAttribute("name"): b.firstChild.firstChild.nodeValue for b in result_el.getElementsByTagName("binding")}
                rows.append((values["doc"], values["label"]))
        elif fmt == CSV:
            table = list(csv.reader(io.StringIO(converted.decode("utf-8"))))
            assert table[0] == ["doc", "label"]
            rows = [tuple(r) for r in table[1:]]
        else:
            table = [line.split("\t") for line in converted.decode("utf-8").splitlines()]
            assert table[0] == ["?doc", "?label"]
            rows = [(r[0].strip("<>"), json.loads(r[1].split("@")[0])) for r in table[1:]]
        assert rows == SELECT_ROWS, fmt


@pytest.mark.parametrize("method, request_method, conneg_only", TRANSPORTS, ids=TRANSPORT_IDS)
def test_ask_every_format(endpoint, method, request_method, conneg_only):
    assert client(endpoint, ASK, JSON, method, request_method, conneg_only).query().convert()["boolean"] is True
    xml = client(endpoint, ASK, XML, method, request_method, conneg_only).query().convert()
    assert xml.getElementsByTagName("boolean")[0].firstChild.nodeValue == "true"
    for fmt in (CSV, TSV):
        assert client(endpoint, ASK, fmt, method, request_method, conneg_only).query().convert().decode().strip() == "true"


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside SPARQLWrapper's RDF/XML convert
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
@pytest.mark.parametrize("method, request_method, conneg_only", TRANSPORTS, ids=TRANSPORT_IDS)
def test_graph_forms_every_format(endpoint, query, method, request_method, conneg_only):
    for fmt, media_type in ((TURTLE, "text/turtle"), (N3, None), (RDFXML, "application/rdf+xml"), (XML, "application/rdf+xml"),
                            (JSONLD, "application/ld+json")):
        result = client(endpoint, query, fmt, method, request_method, conneg_only).query()
        if media_type:
            assert result.info()["content-type"].split(";")[0] == media_type, fmt
        graph = result.convert()
        if isinstance(graph, bytes):  # SPARQLWrapper hands Turtle / N3 over as text
            graph = Graph().parse(data=graph, format="turtle")
        assert isomorphic(graph, beta()), fmt


def test_n_triples_by_format_parameter(endpoint):
    wrapper = client(endpoint, CONSTRUCT, N3)
    wrapper.setOnlyConneg(True)
    wrapper.addParameter("format", "nt")
    result = wrapper.query()
    assert result.info()["content-type"] == "application/n-triples"
    assert isomorphic(Graph().parse(data=result.response.read(), format="nt"), beta())


def test_typed_literals_arrive_typed(endpoint):
    query = f"SELECT ?d WHERE {{ <{EX}beta-doc> <{EX}date> ?d }}"
    binding = client(endpoint, query, JSON).query().convert()["results"]["bindings"][0]["d"]
    assert binding == {"type": "literal", "value": "2017-05-18", "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    assert Literal(binding["value"], datatype=URIRef(binding["datatype"])).toPython().year == 2017
