"""Remote mode: the real dataset published into a real `oxigraph serve`, then the same answers as embedded.

`bochum-kg publish` PUTs one named graph per file through the Graph Store Protocol; the server
runs with --union-default-graph (docs in stores/remote.py). The app with `store_url` set answers
through SPARQLWrapper; result sets are compared exactly with the embedded store's.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph
from rdflib.compare import isomorphic

from bochum_kg.config import Settings
from bochum_kg.commands.publish import publish
from bochum_kg.kg.load import load_dataset
from bochum_kg.kg.store.base import QueryRequest
from bochum_kg.kg.catalog import load_catalogue, run_named_query
from bochum_kg.web.app import create_app
from sparql_fixtures import CHECKOUT, THREE_GRAPHS, GRAPHS, TRIPLES, free_port

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
BASE = "https://w3id.org/bochum-strategie/"


class Oxigraph:
    def __init__(self, location: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}",
                                         "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(200):
            try:
                requests.get(self.url + "/query", params={"query": "ASK {}"}, timeout=1)
                return
            except requests.ConnectionError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode())
                time.sleep(0.05)
        raise RuntimeError("oxigraph serve did not start")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    server = Oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def real_settings():
    return Settings(project_root=CHECKOUT, validate_on_start=False)


@pytest.fixture(scope="module")
def published(oxigraph, real_settings):
    dataset = load_dataset(real_settings)
    publish(dataset, oxigraph.url + "/store", out=io.StringIO())
    return dataset


@pytest.fixture(scope="module")
def embedded_client(real_settings):
    app = create_app(real_settings)
    app.config["TESTING"] = True
    return app.test_client()


@pytest.fixture(scope="module")
def remote_app(published, oxigraph, real_settings):
    app = create_app(real_settings.with_changes(store_url=oxigraph.url + "/query"))
    app.config["TESTING"] = True
    return app


@pytest.fixture(scope="module")
def remote_client(remote_app):
    return remote_app.test_client()


def solutions(response) -> Counter:
    """Rows as a multiset of (variable, term) tuples; blank node labels differ between stores."""
    assert response.status_code == 200, response.get_data(as_text=True)
    rows = Counter()
    for binding in response.get_json()["results"]["bindings"]:
        rows[tuple(sorted((k, v["type"], "_" if v["type"] == "bnode" else v["value"], v.get("xml:lang"), v.get("datatype"))
                          for k, v in binding.items()))] += 1
    return rows


def test_publish_put_one_graph_per_file(published, oxigraph):
    for source in published.files:
        response = requests.get(oxigraph.url + "/store", params={"graph": source.graph_iri}, headers={"Accept": "application/n-triples"}, timeout=10)
        assert response.status_code == 200
        expected = len(list(published.store.quads_for_pattern(None, None, None, ox.NamedNode(source.graph_iri))))
        assert len(Graph().parse(data=response.text, format="nt")) == expected


def test_remote_knows_the_same_graphs_and_counts(remote_app, published, embedded_client):
    store = remote_app.extensions["bochum_kg"].store
    assert store.kind == "remote"
    assert sorted(store.graph_names()) == sorted(published.graph_iris)
    assert store.statistics() == embedded_client.application.extensions["bochum_kg"].store.statistics()


PROTOCOL_QUERIES = [
    ("all triples of the union default graph", {"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"}),
    ("triples per graph", {"query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"}),
    ("classes", {"query": "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"}),
    ("labels in German", {"query": 'SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANG(?l) = "de") }'}),
    ("optional and order", {"query": "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?en WHERE { ?s a ?c OPTIONAL { ?s rdfs:label ?en FILTER(LANG(?en) = 'en') } } ORDER BY ?s LIMIT 200"}),
    ("FROM one graph", {"query": f"SELECT ?s ?p ?o FROM <{BASE}graph/projects> WHERE {{ ?s ?p ?o }}"}),
    ("protocol default graph", {"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "default-graph-uri": f"{BASE}graph/actors"}),
    ("protocol named graphs", {"query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                               "named-graph-uri": [f"{BASE}graph/sites", f"{BASE}ontology"]}),
    ("only named graphs: empty default", {"query": "SELECT ?s WHERE { ?s ?p ?o }", "named-graph-uri": f"{BASE}graph/sites"}),
]


@pytest.mark.parametrize("params", [p for _, p in PROTOCOL_QUERIES], ids=[name for name, _ in PROTOCOL_QUERIES])
def test_same_select_answers_as_embedded(embedded_client, remote_client, params):
    url = "/sparql?" + urlencode(params, doseq=True)
    embedded = solutions(embedded_client.get(url))
    assert solutions(remote_client.get(url)) == embedded
    if params.get("named-graph-uri") != f"{BASE}graph/sites":
        assert embedded  # each query but the empty-default one has an answer to compare


@pytest.mark.parametrize("query", [
    f"ASK {{ ?s a <{BASE}ontology#Project> }}",
    f"ASK {{ ?s a <{BASE}ontology#NoSuchClass> }}",
])
def test_same_ask_answers(embedded_client, remote_client, query):
    url = "/sparql?" + urlencode({"query": query})
    assert remote_client.get(url).get_json() == embedded_client.get(url).get_json()


@pytest.mark.parametrize("media_type, rdflib_format", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                                       ("application/rdf+xml", "xml"), ("application/n-triples", "nt")])
def test_same_graph_answers(embedded_client, remote_client, media_type, rdflib_format):
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BASE}graph/strategy> {{ ?s ?p ?o }} }}"
    url = "/sparql?" + urlencode({"query": query})
    graphs = []
    for client in (embedded_client, remote_client):
        response = client.get(url, headers={"Accept": media_type})
        assert response.mimetype == media_type
        graphs.append(Graph().parse(data=response.data, format=rdflib_format))
    assert len(graphs[0]) > 0 and isomorphic(*graphs)


def test_named_queries_give_the_same_rows(remote_app, real_settings, embedded_client):
    embedded_store = embedded_client.application.extensions["bochum_kg"].store
    remote_store = remote_app.extensions["bochum_kg"].store
    compared = 0
    for query in load_catalogue(real_settings).values():
        if query.form != "SELECT":
            continue
        for params in [{}] + [dict(e.params) for e in query.examples]:
            if any(p.required and p.name not in params for p in query.parameters):
                continue
            local = run_named_query(embedded_store, query, params, real_settings)
            remote = run_named_query(remote_store, query, params, real_settings)
            assert remote.variables == local.variables, query.name
            assert Counter(map(_row_key, remote.rows)) == Counter(map(_row_key, local.rows)), (query.name, params)
            compared += 1
    assert compared >= 10


# Columns made with GROUP_CONCAT: SPARQL leaves the order of the parts to the engine.
CONCATENATED_COLUMNS = {"sources"}


def _row_key(row: dict) -> tuple:
    def value(k, v):
        if v.__class__.__name__ == "BNode":
            return "_"
        if k in CONCATENATED_COLUMNS:
            return tuple(sorted(str(v).split(" ")))
        return v

    return tuple(sorted((k, value(k, v)) for k, v in row.items()))


def test_errors_and_refusals_are_the_same(embedded_client, remote_client):
    for query, status in (("ASK {", 400), ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 400),
                          ("SELECT * FROM <http://example.org/not-ours> WHERE { ?s ?p ?o }", 400)):
        url = "/sparql?" + urlencode({"query": query})
        assert embedded_client.get(url).status_code == status
        body = remote_client.get(url).get_json()
        assert body["status"] == status


def test_remote_row_cap(remote_app):
    store = remote_app.extensions["bochum_kg"].store
    for media_type, fmt in (("application/sparql-results+json", ox.QueryResultsFormat.JSON),
                            ("text/tab-separated-values", ox.QueryResultsFormat.TSV)):
        result = store.execute(QueryRequest("SELECT * WHERE { ?s ?p ?o }", lambda form: media_type, row_cap=7))
        assert result.truncated and result.rows == 7
        assert len(list(ox.parse_query_results(result.body, format=fmt))) == 7
    graph = store.execute(QueryRequest("CONSTRUCT WHERE { ?s ?p ?o }", lambda form: "application/n-triples", row_cap=7))
    assert graph.truncated and len(Graph().parse(data=graph.body, format="nt")) == 7


def test_publish_command_validates_and_publishes(tmp_path):
    server = Oxigraph(tmp_path / "oxi")
    try:
        result = subprocess.run([sys.executable, "-m", "bochum_kg.cli", "--project-root", str(THREE_GRAPHS), "publish",
                                 server.url + "/store"], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert f"published {len(GRAPHS)} graphs" in result.stdout
        counts = requests.get(server.url + "/query", params={"query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"},
                              headers={"Accept": "application/sparql-results+json"}, timeout=10).json()
        assert {b["g"]["value"]: int(b["n"]["value"]) for b in counts["results"]["bindings"]} == TRIPLES
        # publishing again replaces each graph: same counts, nothing doubled
        again = subprocess.run([sys.executable, "-m", "bochum_kg.cli", "--project-root", str(THREE_GRAPHS), "publish",
                                server.url + "/store"], capture_output=True, text=True, timeout=120)
        assert again.returncode == 0
        total = requests.get(server.url + "/query", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                             headers={"Accept": "application/sparql-results+json"}, timeout=10).json()
        assert int(total["results"]["bindings"][0]["n"]["value"]) == sum(TRIPLES.values())
    finally:
        server.stop()


def test_publish_refuses_invalid_data_and_unreachable_stores(three_graphs_copy):
    (three_graphs_copy / "data" / "delta.ttl").write_text("<http://example.org/delta> a <http://example.org/Document> .\n")
    port = free_port()  # nothing listens there; an invalid dataset must not even try
    invalid = subprocess.run([sys.executable, "-m", "bochum_kg.cli", "--project-root", str(three_graphs_copy), "publish",
                              f"http://127.0.0.1:{port}/store"], capture_output=True, text=True, timeout=120)
    assert invalid.returncode == 1
    assert "A document has a label." in invalid.stderr and "nothing was published" in invalid.stderr
    (three_graphs_copy / "data" / "delta.ttl").unlink()
    unreachable = subprocess.run([sys.executable, "-m", "bochum_kg.cli", "--project-root", str(three_graphs_copy), "publish",
                                  f"http://127.0.0.1:{port}/store"], capture_output=True, text=True, timeout=120)
    assert unreachable.returncode == 2
    assert "cannot reach the store" in unreachable.stderr


def test_bindings_prebind_unprojected_variables_on_both_stores(remote_app, real_settings, embedded_client):
    """A binding of a variable outside the projection filters inside the WHERE clause, the same
    on the embedded and the remote store (a trailing VALUES block would not filter at all)."""
    from rdflib import Literal, URIRef

    from bochum_kg.web.context import kg

    query = """PREFIX bs: <https://w3id.org/bochum-strategie/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE { ?goal bs:inGoalArea ?area ; rdfs:label ?label . FILTER(LANG(?label) = ?lang) }"""
    bindings = {"area": URIRef("https://w3id.org/bochum-strategie/goal-area/offene-innovationskultur"), "lang": Literal("de")}
    with remote_app.app_context():
        remote = kg().store.select(query, bindings)
    with embedded_client.application.app_context():
        local = kg().store.select(query, bindings)
    # Seed page: three goals in "Offene Innovationskultur", one German label each.
    assert len(local.rows) == 3
    assert sorted(r["label"] for r in remote.rows) == sorted(r["label"] for r in local.rows)


def test_both_stores_keep_the_first_rows_and_triples_under_max_rows(remote_app, embedded_client):
    """select()/construct() with max_rows (the REST API's row cap) keep exactly the first rows of the
    full answer, on both adapters, and say that they cut it."""
    stores = [embedded_client.application.extensions["bochum_kg"].store, remote_app.extensions["bochum_kg"].store]
    ordered = f"SELECT ?s WHERE {{ GRAPH <{BASE}graph/strategy> {{ ?s a ?c }} }} ORDER BY ?s"
    triples = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BASE}graph/strategy> {{ ?s ?p ?o }} }}"
    for store in stores:
        full = store.select(ordered)
        cut = store.select(ordered, max_rows=3)
        assert len(full.rows) > 3 and not full.truncated
        assert cut.rows == full.rows[:3] and cut.truncated
        whole = store.select(ordered, max_rows=len(full.rows))
        assert whole.rows == full.rows and not whole.truncated
        graph = store.construct(triples, max_rows=7)
        assert len(graph) == 7 and graph.truncated and set(graph) <= set(store.construct(triples))
        assert not store.construct(triples).truncated
