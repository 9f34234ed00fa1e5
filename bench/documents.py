"""CPU time of writing one RDF document (`kg/rdf_documents.serialize`), this checkout's against an
earlier revision's, interleaved in one process:

    .venv/bin/python bench/documents.py --baseline 4ea7669

The earlier revision's `kg/rdf_documents.py` is read with `git show` and imported beside this
checkout's package (its imports must still resolve in it). Both write the same graphs, on the
real data: a project's and an actor's resource document and the named graph of the actors, in
N-Triples, RDF/XML and JSON-LD, taking turns (15 times each for the small documents, 5 for the
graph); the median milliseconds of CPU are printed with the ratio.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from run import CHECKOUT


def module_of_revision(revision: str, folder: Path):
    source = subprocess.run(["git", "show", f"{revision}:service/bochum_kg/kg/rdf_documents.py"],
                            cwd=CHECKOUT, check=True, capture_output=True, text=True).stdout
    path = folder / "rdf_documents_baseline.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("rdf_documents_baseline", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", required=True, help="an earlier revision")
    args = parser.parse_args()

    from bochum_kg.config import Settings
    from bochum_kg.kg import describe
    from bochum_kg.kg import formats as neg
    from bochum_kg.kg import rdf_documents
    from bochum_kg.web.app import create_app

    knowledge = create_app(Settings(project_root=CHECKOUT, validate_on_start=False)).extensions["bochum_kg"]
    base = knowledge.settings.base_iri
    graphs = {
        "project": describe.resource_graph(knowledge, base + "project/haus-des-wissens"),
        "actor": describe.resource_graph(knowledge, base + "actor/stadt-bochum"),
        "graph/actors": knowledge.store.construct(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{base}graph/actors> {{ ?s ?p ?o }} }}"),
    }
    with tempfile.TemporaryDirectory() as folder:
        baseline = module_of_revision(args.baseline, Path(folder))
        print(f"| document (triples) | format | {args.baseline} ms | this checkout ms | ratio |")
        print("|---|---|---|---|---|")
        for name, graph in graphs.items():
            for media_type in (neg.NTRIPLES, neg.RDFXML, neg.JSONLD):
                times: dict[str, list[float]] = {"baseline": [], "checkout": []}
                turns = 5 if name.startswith("graph/") else 15
                for turn in range(turns):
                    order = [("baseline", baseline), ("checkout", rdf_documents)]
                    for label, module in order if turn % 2 else reversed(order):
                        started = time.process_time()
                        module.serialize(graph, media_type, base, {}, "http://localhost/context.jsonld")
                        times[label].append(time.process_time() - started)
                before, after = (statistics.median(times[k]) * 1000 for k in ("baseline", "checkout"))
                print(f"| {name} ({len(graph)}) | {media_type} | {before:.2f} | {after:.2f} | {after / before:.2f} |")


if __name__ == "__main__":
    main()
