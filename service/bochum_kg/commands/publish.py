"""`bochum-kg publish URL`: put the validated dataset into a SPARQL store by the Graph Store Protocol.

One HTTP PUT per file of the dataset to `URL?graph=<graph IRI>` (SPARQL 1.1 Graph Store HTTP
Protocol, indirect graph identification) with the file's triples as N-Triples, so each file
replaces exactly its own named graph and publishing twice gives the same store. Graphs the
store holds besides ours are left alone.

The data is validated first, as for `serve`: on violations nothing is sent (exit 1).
Exit 2 when a file cannot be parsed or the store refuses a graph or cannot be reached.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from bochum_kg.cli import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE
from bochum_kg.config import Settings
from bochum_kg.kg.load import LoadedDataset, load_dataset

USER_AGENT = "bochum-kg-publish"


def graph_url(store_url: str, graph_iri: str) -> str:
    separator = "&" if urllib.parse.urlsplit(store_url).query else "?"
    return f"{store_url}{separator}{urllib.parse.urlencode({'graph': graph_iri})}"


def graph_ntriples(dataset: LoadedDataset, graph_iri: str) -> tuple[bytes, int]:
    quads = list(dataset.store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), len(triples)


def put_graph(store_url: str, graph_iri: str, body: bytes, timeout: float = 120.0) -> int:
    request = urllib.request.Request(graph_url(store_url, graph_iri), data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples", "User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status


def publish(dataset: LoadedDataset, store_url: str, out=None) -> None:
    out = out or sys.stdout
    for source in dataset.files:
        body, count = graph_ntriples(dataset, source.graph_iri)
        status = put_graph(store_url, source.graph_iri, body)
        print(f"{status} PUT <{source.graph_iri}> {count} triples ({source.path.name})", file=out)


def run(args: argparse.Namespace, settings: Settings) -> int:
    dataset = load_dataset(settings)  # DatasetLoadError: exit 2 with file:line:column (cli.main)
    if settings.validate_on_start:
        from bochum_kg.kg.store.embedded import DataInvalidError, ensure_valid

        try:
            ensure_valid(dataset, settings)
        except DataInvalidError as err:
            print(err.result.text(), file=sys.stderr)
            print("error: the data does not conform to the shapes; nothing was published.", file=sys.stderr)
            return EXIT_INVALID
    try:
        publish(dataset, args.url)
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", errors="replace")[:500]
        print(f"error: the store refused a graph: HTTP {err.code} {err.reason}: {detail}", file=sys.stderr)
        return EXIT_UNREADABLE
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        print(f"error: cannot reach the store at {args.url}: {reason}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"published {len(dataset.files)} graphs, {len(dataset.store)} triples to {args.url}")
    return EXIT_OK
