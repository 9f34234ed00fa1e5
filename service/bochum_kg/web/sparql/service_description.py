"""The SPARQL 1.1 Service Description of /sparql, with VoID triple counts of the dataset.

Answered on a GET without a query when the client asks for RDF (W3C SPARQL 1.1 Service
Description, section 2: "returns RDF on a GET of the endpoint URL").
"""

from __future__ import annotations

import pyoxigraph as ox

from bochum_kg.config import Settings
from bochum_kg.kg import formats as neg

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCTERMS = "http://purl.org/dc/terms/"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
ENTAILMENT_SIMPLE = "http://www.w3.org/ns/entailment/Simple"

PREFIXES = {
    "sd": SD,
    "void": VOID,
    "rdfs": RDFS,
    "dcterms": DCTERMS,
    "formats": "http://www.w3.org/ns/formats/",
}

#: The result formats the endpoint writes (sd:resultFormat).
RESULT_FORMATS = [neg.SPARQL_JSON, neg.SPARQL_XML, neg.SPARQL_CSV, neg.SPARQL_TSV,
                  neg.TURTLE, neg.NTRIPLES, neg.JSONLD, neg.RDFXML]


def _sd(term: str) -> ox.NamedNode:
    return ox.NamedNode(SD + term)


def build(endpoint: str, store, settings: Settings) -> list[ox.Triple]:
    """The description's triples; `endpoint` is the public URL of /sparql."""
    stats = store.statistics()
    service = ox.NamedNode(endpoint)
    dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("defaultGraph")
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(service, _sd("defaultEntailmentRegime"), ox.NamedNode(ENTAILMENT_SIMPLE)),
        ox.Triple(service, ox.NamedNode(RDFS + "label"), ox.Literal("Bochum Strategie 2030 knowledge graph: SPARQL 1.1 endpoint (read-only)", language="en")),
        ox.Triple(service, ox.NamedNode(RDFS + "comment"), ox.Literal(_limits_text(settings), language="en")),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
        ox.Triple(dataset, ox.NamedNode(VOID + "sparqlEndpoint"), service),
        ox.Triple(dataset, ox.NamedNode(VOID + "triples"), _integer(stats.default_graph)),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
        ox.Triple(default_graph, ox.NamedNode(VOID + "triples"), _integer(stats.default_graph)),
    ]
    if settings.allowed_service_endpoints:
        triples.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    for media_type in RESULT_FORMATS:
        triples.append(ox.Triple(service, _sd("resultFormat"), ox.NamedNode(neg.FORMAT_IRIS[media_type])))
    for index, graph_iri in enumerate(sorted(stats.graphs)):
        named = ox.BlankNode(f"namedGraph{index}")
        graph = ox.BlankNode(f"graph{index}")
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), ox.NamedNode(graph_iri)),
            ox.Triple(named, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
            ox.Triple(graph, ox.NamedNode(VOID + "triples"), _integer(stats.graphs[graph_iri])),
        ]
    return _grouped(triples)


def _grouped(triples: list[ox.Triple]) -> list[ox.Triple]:
    """Triples of one subject next to each other, so Turtle writes each subject once."""
    by_subject: dict = {}
    for triple in triples:
        by_subject.setdefault(triple.subject, []).append(triple)
    return [t for group in by_subject.values() for t in group]


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


def _limits_text(settings: Settings) -> str:
    parts = [f"Each query is stopped after {settings.query_timeout:g} s (answer 503)."]
    limits = [f"{settings.row_cap} rows or triples"] if settings.row_cap else []
    limits += [f"{settings.max_result_bytes} bytes"] if settings.max_result_bytes else []
    if limits:
        parts.append(f"Results are cut at {' or '.join(limits)}, signalled by the header X-Result-Truncated and, "
                     "in SPARQL JSON, a top-level member \"truncated\".")
    if settings.min_client_timeout:
        parts.append(f"A timeout parameter below {settings.min_client_timeout:g} s is raised to it (header X-Timeout-Raised).")
    parts.append("The default graph is the union of the named graphs; SPARQL Update is refused.")
    if settings.allowed_service_endpoints:
        parts.append("SERVICE may call: " + ", ".join(settings.allowed_service_endpoints) + ".")
    else:
        parts.append("SERVICE is refused: the server makes no outgoing connections.")
    return " ".join(parts)


def serialize(endpoint: str, store, settings: Settings, media_type: str) -> bytes:
    from bochum_kg.kg.store.results import RDF_FORMATS

    fmt = RDF_FORMATS[media_type]
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(build(endpoint, store, settings), format=fmt, prefixes=prefixes)
