"""The dataset described for harvesters: VoID, a DCAT-AP.de catalogue, schema.org Dataset, sources.

Statistics are counted once, when the knowledge graph is built (kg/statistics.py). The dataset is `{base}dataset`, the
catalogue `{base}catalog`; both dereference like every other IRI of ours.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, VOID, XSD

from bochum_kg.web import iris
from bochum_kg.web.context import kg
from bochum_kg.kg.dumps import FORMATS

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_DCATDE = "http://dcat-ap.de/def/licenses/cc-by/4.0"
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SCHEMA = Namespace("https://schema.org/")
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_ACCESS = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
BOCHUM_MUNICIPALITY_KEY = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05911000"
GEOCODING_LEVEL = "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
IANA = "https://www.iana.org/assignments/media-types/"

TITLE = {"de": "Bochum Strategie 2030 als Linked Open Data", "en": "Bochum Strategy 2030 as Linked Open Data"}
DESCRIPTION = {
    "de": "Wissensgraph der Bochum Strategie 2030: die fünf Kompetenzen mit ihren Schwerpunkten und Zielen, "
          "die Kernaktivitäten und weiteren Projekte, die beteiligten Akteure mit ihren Rollen, Standorte und "
          "Kennzahlen, jede Aussage mit ihrer öffentlichen Quelle.",
    "en": "Knowledge graph of the Bochum Strategy 2030: the five competences with their goal areas and goals, "
          "the core activities and further projects, the actors taking part and their roles, sites and figures, "
          "every statement with its public source.",
}
KEYWORDS = {"de": ["Bochum", "Stadtentwicklung", "Strategie", "Kernaktivitäten", "Linked Open Data"],
            "en": ["Bochum", "urban development", "strategy", "core activities", "linked open data"]}
ATTRIBUTION = ("bochum-kg, auf Grundlage öffentlicher Informationen der Stadt Bochum und der in jeder Ressource "
               "genannten Quellen")


def dataset_iri() -> URIRef:
    return URIRef(kg().settings.base_iri + "dataset")


def catalog_iri() -> URIRef:
    return URIRef(kg().settings.base_iri + "catalog")


def dump_url(filename: str) -> URIRef:
    return URIRef(iris.server_url("/dumps/" + filename))


def _bind(graph: Graph) -> None:
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("sd", SD),
                       ("dcatde", DCATDE), ("schema", SCHEMA), ("xsd", XSD), ("skos", SKOS), ("rdfs", RDFS)):
        graph.bind(prefix, ns, override=True, replace=True)


def _describe_dataset_basics(graph: Graph, ds: URIRef) -> None:
    for lang in ("de", "en"):
        graph.add((ds, DCTERMS.title, Literal(TITLE[lang], lang=lang)))
        graph.add((ds, DCTERMS.description, Literal(DESCRIPTION[lang], lang=lang)))
    graph.add((ds, DCTERMS.license, URIRef(LICENSE)))
    graph.add((ds, FOAF.homepage, URIRef(iris.server_url("/"))))
    graph.add((ds, DCTERMS.publisher, _publisher(graph)))
    for source in kg().statistics.sources:
        graph.add((ds, DCTERMS.source, URIRef(source)))


def _publisher(graph: Graph) -> URIRef:
    publisher = URIRef(kg().settings.base_iri + "dataset#publisher")
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal("bochum-kg project")))
    graph.add((publisher, FOAF.homepage, URIRef(iris.server_url("/"))))
    return publisher


def void_graph() -> Graph:
    """The VoID description: statistics, partitions, subsets per named graph, access points."""
    stats = kg().statistics
    base = kg().settings.base_iri
    graph = Graph()
    _bind(graph)
    ds = dataset_iri()
    graph.add((ds, RDF.type, VOID.Dataset))
    _describe_dataset_basics(graph, ds)
    graph.add((ds, VOID.triples, Literal(stats.triples)))
    graph.add((ds, VOID.distinctSubjects, Literal(stats.distinct_subjects)))
    graph.add((ds, VOID.distinctObjects, Literal(stats.distinct_objects)))
    graph.add((ds, VOID.properties, Literal(stats.properties)))
    graph.add((ds, VOID.classes, Literal(stats.classes)))
    graph.add((ds, VOID.entities, Literal(stats.entities)))
    graph.add((ds, VOID.uriSpace, Literal(base)))
    graph.add((ds, VOID.sparqlEndpoint, URIRef(iris.server_url("/sparql"))))
    graph.add((ds, VOID.uriLookupEndpoint, URIRef(iris.server_url("/search?q="))))
    graph.add((ds, VOID.rootResource, URIRef(base + "strategy/bochum-strategie-2030")))
    graph.add((ds, VOID.feature, URIRef("http://www.w3.org/ns/formats/Turtle")))
    graph.add((ds, VOID.feature, URIRef("http://www.w3.org/ns/formats/JSON-LD")))
    graph.add((ds, VOID.feature, URIRef("http://www.w3.org/ns/formats/RDF_XML")))
    graph.add((ds, VOID.feature, URIRef("http://www.w3.org/ns/formats/N-Triples")))
    for fmt in FORMATS:
        graph.add((ds, VOID.dataDump, dump_url(f"bochum-strategie.{fmt.suffix}")))
    for example in stats.examples:
        graph.add((ds, VOID.exampleResource, URIRef(example)))
    for vocabulary in stats.vocabularies:
        graph.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    for i, (cls, count) in enumerate(stats.class_partitions, 1):
        part = URIRef(f"{ds}#class-{i}")
        graph.add((ds, VOID.classPartition, part))
        graph.add((part, VOID["class"], URIRef(cls)))
        graph.add((part, VOID.entities, Literal(count)))
    for i, (prop, count) in enumerate(stats.property_partitions, 1):
        part = URIRef(f"{ds}#property-{i}")
        graph.add((ds, VOID.propertyPartition, part))
        graph.add((part, VOID.property, URIRef(prop)))
        graph.add((part, VOID.triples, Literal(count)))
    for graph_name, count in stats.graphs:
        subset = URIRef(graph_name)
        graph.add((ds, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, RDF.type, SD.NamedGraph))
        graph.add((subset, SD.name, URIRef(graph_name)))
        graph.add((subset, VOID.triples, Literal(count)))
    return graph


def dcat_graph() -> Graph:
    """The DCAT-AP.de record: catalogue, dataset, one distribution per dump, the SPARQL service."""
    # Long by nature: the record's statements in the order DCAT-AP.de lists them, no logic between them.
    dumps = kg().dumps()
    base = kg().settings.base_iri
    graph = Graph()
    _bind(graph)
    catalog, ds = catalog_iri(), dataset_iri()
    graph.add((catalog, RDF.type, DCAT.Catalog))
    for lang in ("de", "en"):
        graph.add((catalog, DCTERMS.title, Literal(("Katalog: " if lang == "de" else "Catalogue: ") + TITLE[lang], lang=lang)))
        graph.add((catalog, DCTERMS.description, Literal(DESCRIPTION[lang], lang=lang)))
    graph.add((catalog, DCTERMS.publisher, _publisher(graph)))
    graph.add((catalog, FOAF.homepage, URIRef(iris.server_url("/"))))
    graph.add((catalog, DCTERMS.license, URIRef(LICENSE)))
    graph.add((catalog, DCTERMS.language, URIRef(EU_LANGUAGE + "DEU")))
    graph.add((catalog, DCTERMS.language, URIRef(EU_LANGUAGE + "ENG")))
    graph.add((catalog, DCAT.themeTaxonomy, URIRef("http://publications.europa.eu/resource/authority/data-theme")))
    graph.add((catalog, DCAT.dataset, ds))

    graph.add((ds, RDF.type, DCAT.Dataset))
    _describe_dataset_basics(graph, ds)
    graph.add((ds, DCAT.landingPage, URIRef(iris.server_url("/"))))
    for lang, words in KEYWORDS.items():
        for word in words:
            graph.add((ds, DCAT.keyword, Literal(word, lang=lang)))
    graph.add((ds, DCAT.theme, URIRef(EU_THEME + "GOVE")))
    graph.add((ds, DCAT.theme, URIRef(EU_THEME + "REGI")))
    graph.add((ds, DCTERMS.language, URIRef(EU_LANGUAGE + "DEU")))
    graph.add((ds, DCTERMS.language, URIRef(EU_LANGUAGE + "ENG")))
    graph.add((ds, DCTERMS.accessRights, URIRef(EU_ACCESS)))
    graph.add((ds, DCTERMS.spatial, URIRef(BOCHUM_MUNICIPALITY_KEY)))
    graph.add((ds, DCATDE.politicalGeocodingLevelURI, URIRef(GEOCODING_LEVEL)))
    graph.add((ds, DCATDE.politicalGeocodingURI, URIRef(BOCHUM_MUNICIPALITY_KEY)))
    graph.add((ds, DCTERMS.identifier, Literal(str(ds))))
    graph.add((ds, DCTERMS.conformsTo, URIRef(base + "ontology")))
    graph.add((ds, FOAF.page, URIRef(iris.server_url("/sources"))))

    for fmt in FORMATS:
        for gz in (False, True):
            filename = f"bochum-strategie.{fmt.suffix}" + (".gz" if gz else "")
            dist = URIRef(f"{ds}#dump-{fmt.suffix}" + ("-gz" if gz else ""))
            graph.add((ds, DCAT.distribution, dist))
            graph.add((dist, RDF.type, DCAT.Distribution))
            title = f"{fmt.name}" + (" (gzip)" if gz else "")
            graph.add((dist, DCTERMS.title, Literal(title)))
            graph.add((dist, DCAT.accessURL, URIRef(iris.server_url("/dumps/"))))
            graph.add((dist, DCAT.downloadURL, dump_url(filename)))
            graph.add((dist, DCAT.mediaType, URIRef(IANA + fmt.mimetype)))
            graph.add((dist, DCTERMS.format, URIRef(EU_FILE_TYPE + fmt.eu_file_type)))
            if gz:
                graph.add((dist, DCAT.compressFormat, URIRef(IANA + "application/gzip")))
            graph.add((dist, DCAT.byteSize, Literal(dumps.files[filename].size, datatype=XSD.nonNegativeInteger)))
            graph.add((dist, DCTERMS.license, URIRef(LICENSE)))
            graph.add((dist, DCATDE.licenseAttributionByText, Literal(ATTRIBUTION, lang="de")))

    service = URIRef(f"{ds}#sparql")
    graph.add((catalog, DCAT.service, service))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCTERMS.title, Literal("SPARQL 1.1 endpoint", lang="en")))
    graph.add((service, DCTERMS.title, Literal("SPARQL-1.1-Endpunkt", lang="de")))
    graph.add((service, DCAT.endpointURL, URIRef(iris.server_url("/sparql"))))
    graph.add((service, DCAT.endpointDescription, URIRef(iris.server_url("/sparql"))))
    graph.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    graph.add((service, DCAT.servesDataset, ds))
    graph.add((service, DCTERMS.license, URIRef(LICENSE)))

    licence = URIRef(LICENSE)
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    graph.add((licence, RDFS.label, Literal("Creative Commons Namensnennung 4.0 International", lang="de")))
    graph.add((licence, RDFS.label, Literal("Creative Commons Attribution 4.0 International", lang="en")))
    graph.add((licence, SKOS.exactMatch, URIRef(LICENSE_DCATDE)))
    return graph


def schema_org_dataset() -> dict:
    """schema.org Dataset markup for the home page (Google Dataset Search)."""
    stats = kg().statistics
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": str(dataset_iri()),
        "name": TITLE["de"],
        "alternateName": TITLE["en"],
        "description": DESCRIPTION["de"],
        "url": iris.server_url("/"),
        "license": LICENSE,
        "inLanguage": ["de", "en"],
        "keywords": KEYWORDS["de"],
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": "bochum-kg project", "url": iris.server_url("/")},
        "spatialCoverage": {"@type": "Place", "name": "Bochum"},
        "isBasedOn": stats.sources,
        "includedInDataCatalog": {"@type": "DataCatalog", "name": TITLE["de"], "url": iris.server_url("/catalog")},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": fmt.mimetype, "contentUrl": str(dump_url(f"bochum-strategie.{fmt.suffix}"))}
            for fmt in FORMATS
        ],
    }


def sources_by_host() -> list[tuple[str, list[tuple[str, int]]]]:
    """Every source URL with the number of resources citing it, grouped by host (most cited hosts first)."""
    hosts: dict[str, list[tuple[str, int]]] = {}
    for url, count in kg().statistics.source_citations:
        host = (urlsplit(url).hostname or url).removeprefix("www.")
        hosts.setdefault(host, []).append((url, count))
    ordered = sorted(hosts.items(), key=lambda kv: (-sum(n for _, n in kv[1]), kv[0]))
    return [(host, sorted(urls)) for host, urls in ordered]


def graph_description(graph_iri: str) -> Graph:
    """A named graph's own triples (its content), for dereferencing `{base}graph/{name}`."""
    rows = kg().select("graph-content", {"g": URIRef(graph_iri)}).rows
    graph = Graph()
    for row in rows:
        graph.add((row["s"], row["p"], row["o"]))
    return graph

