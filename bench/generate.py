"""Synthetic strategy-shaped datasets: the real data copied N times under new IRIs.

Every data file of the checkout except the shared concept schemes is copied `copies` times;
in copy k every instance IRI of ours (projects, actors, participations, figures, sites, goals…)
gets the suffix `-s{k}` and blank nodes are relabelled, while ontology terms, concepts and
external IRIs stay as they are. So the graphs keep the real data's shape (classes, links,
literal mix, the share of each file) and every named query still finds rows; only the counts
grow. The result is a project directory (ontology/ + data/, one file per named graph).

    python bench/generate.py OUT_DIR TARGET_TRIPLES
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox

CHECKOUT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/bochum-strategie/"
SHARED_PATHS = ("ontology", "status/", "role/", "measure/", "formula/", "scheme/", "graph/")
SHARED_FILES = {"concepts"}


def instance_iri(value: str) -> bool:
    return value.startswith(BASE) and not value[len(BASE):].startswith(SHARED_PATHS)


def renamed(term, suffix: str):
    if isinstance(term, ox.NamedNode) and instance_iri(term.value):
        return ox.NamedNode(term.value + suffix)
    if isinstance(term, ox.BlankNode):
        return ox.BlankNode(term.value + suffix.replace("-", "_"))
    return term


def read(path: Path) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=BASE)]


def generate(out: Path, target: int, source: Path = CHECKOUT, copies: int | None = None) -> dict[str, int]:
    """Write the project directory (`copies` copies, else as many as make about `target` triples);
    returns triples per file."""
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    shutil.copytree(source / "ontology", out / "ontology")
    files = {p.stem: read(p) for p in sorted((source / "data").glob("*.ttl"))}
    fixed = sum(len(read(p)) for p in (source / "ontology").glob("*.ttl")) + sum(len(files[s]) for s in SHARED_FILES if s in files)
    per_copy = sum(len(t) for s, t in files.items() if s not in SHARED_FILES)
    copies = copies or max(1, round((target - fixed) / per_copy))
    counts = {}
    for stem, triples in files.items():
        if stem in SHARED_FILES:
            out_triples = triples
        else:
            out_triples = [ox.Triple(renamed(t.subject, f"-s{k}"), t.predicate, renamed(t.object, f"-s{k}"))
                           for k in range(copies) for t in triples]
        ox.serialize(out_triples, str(out / "data" / f"{stem}.ttl"), format=ox.RdfFormat.TURTLE,
                     prefixes={"bs": BASE + "ontology#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                               "dcterms": "http://purl.org/dc/terms/", "skos": "http://www.w3.org/2004/02/skos/core#"})
        counts[stem] = len(out_triples)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("target", type=int, help="approximate number of triples")
    args = parser.parse_args(argv)
    counts = generate(args.out, args.target)
    print(f"{args.out}: {sum(counts.values())} data triples in {len(counts)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
